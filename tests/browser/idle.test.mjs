// An idle dashboard renders nothing: frames happen on input, data and resize only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNginx, launchBrowser, openPage, waitForStatus } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startNginx();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('no frames are drawn while nothing changes, and input wakes the page', async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  // Let the frames queued by loading finish: on a busy machine drawing on the CPU they can
  // take longer than any fixed pause, so wait until none came for half a second.
  const frames = async () => (await page.evaluate(() => window.divboard.state())).frames;
  let before = await frames();
  for (let tries = 0; tries < 20; ++tries) {
    await page.waitForTimeout(500);
    const now = await frames();
    if (now === before) break;
    before = now;
  }
  await page.waitForTimeout(2000);
  const idle = (await page.evaluate(() => window.divboard.state())).frames;
  assert.equal(idle, before, 'frames drawn while idle');
  await page.mouse.move(700, 600);
  await page.mouse.move(720, 610);
  await page.waitForFunction((n) => window.divboard.state().frames > n, idle);
  await context.close();
});

// ImGui settles over a few frames after each input; those that would put the same pixels on
// screen are built but not presented (no WebGL upload, no compositor commit), and a mouse move
// that changes no hovered item settles in the one frame it draws.
test('a frame identical to the screen is not presented; one that differs is', async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  const state = () => page.evaluate(() => window.divboard.state());
  const settle = async () => {
    let last = await state();
    for (let tries = 0; tries < 20; ++tries) {
      await page.waitForTimeout(300);
      const now = await state();
      if (now.frames === last.frames) return now;
      last = now;
    }
    return last;
  };
  const quiet = await settle();
  // A resize event with no change of size: the page rebuilds its frames and finds them equal.
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.waitForFunction((n) => window.divboard.state().frames > n, quiet.frames);
  const redrawn = await settle();
  assert.ok(redrawn.frames > quiet.frames, 'frames were built');
  assert.equal(redrawn.frames_presented, quiet.frames_presented, 'an unchanged frame was presented');
  // Hovering the main chart draws a cursor line and a tooltip: presented.
  const [x0, y0, x1, y1] = redrawn.targets['panel:overview_main'];
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2);
  await page.waitForFunction((n) => window.divboard.state().frames_presented > n, redrawn.frames_presented);
  const hovered = await settle();
  // Moving on within the chart changes what the cursor shows but not which item is hovered:
  // one frame each, built and presented.
  for (let i = 1; i <= 5; ++i) {
    const before = await state();
    await page.mouse.move((x0 + x1) / 2 + 9 * i, (y0 + y1) / 2);
    await page.waitForFunction((n) => window.divboard.state().frames_presented > n, before.frames_presented);
  }
  const moved = await settle();
  assert.equal(moved.frames - hovered.frames, 5, 'frames built for five moves within the chart');
  assert.equal(moved.frames_presented - hovered.frames_presented, 5, 'frames presented for five moves');
  // Zooming with the wheel and panning by dragging settle in one frame per step too; that frame
  // must be the final one: a forced redraw afterwards presents nothing new.
  const steps = async (count, step) => {
    for (let i = 0; i < count; ++i) {
      const before = await state();
      await step(i);
      await page.waitForFunction((n) => window.divboard.state().frames_presented > n, before.frames_presented);
    }
    return settle();
  };
  const zoomed = await steps(4, (i) => page.mouse.wheel(0, i < 3 ? -100 : 100));
  assert.equal(zoomed.frames - moved.frames, 4, 'frames built for four wheel steps');
  await page.mouse.down();
  const pressed = await settle();
  const panned = await steps(4, (i) => page.mouse.move((x0 + x1) / 2 + 25 - 20 * i, (y0 + y1) / 2));
  await page.mouse.up();
  assert.equal(panned.frames - pressed.frames, 4, 'frames built for four drag steps');
  const released = await settle();
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.waitForFunction((n) => window.divboard.state().frames > n, released.frames);
  const forced = await settle();
  assert.equal(forced.frames_presented, released.frames_presented, 'the settled zoom and pan frames were not final');
  await context.close();
});

// The canvas is an ordinary one; ?desync=1 makes it desynchronized (main_web.cpp
// js_create_low_latency_context). What either draws must reach the screen, which the page's
// own counters cannot tell, so compare screenshots.
test('the canvas shows each presented frame, ordinary by default and with ?desync=1', async () => {
  const attributes = (page) => page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes());
  for (const [query, desynchronized] of [['', false], ['?desync=1', true]]) {
    const { page, context } = await openPage(browser, server.url + query);
    await waitForStatus(page, 'ready');
    assert.equal((await attributes(page)).desynchronized === true, desynchronized, query || 'default');
    const chart = (await page.evaluate(() => window.divboard.state().targets))['panel:overview_main'];
    const clip = { x: chart[0], y: chart[1], width: chart[2] - chart[0], height: chart[3] - chart[1] };
    const plain = await page.screenshot({ clip });
    const presented = (await page.evaluate(() => window.divboard.state())).frames_presented;
    await page.mouse.move((chart[0] + chart[2]) / 2, (chart[1] + chart[3]) / 2);
    await page.waitForFunction((n) => window.divboard.state().frames_presented > n, presented);
    let hovered = await page.screenshot({ clip });
    for (let tries = 0; tries < 20 && hovered.equals(plain); ++tries) {
      await page.waitForTimeout(100);
      hovered = await page.screenshot({ clip });
    }
    assert.ok(!hovered.equals(plain), `${query || 'default'}: the hover tooltip never reached the screen`);
    await context.close();
  }
});
