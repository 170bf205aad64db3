// Presented frames redraw only the tiles that changed (src/ui/damage_tiles.h). What the canvas
// shows after many partial redraws must be exactly what one whole redraw of the same frame
// shows, and a hover must redraw much less than the whole canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNginx, launchBrowser, openPage, waitForStatus, settleFrames, loseAndRestoreContext } from './support.mjs';

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

const state = (page) => page.evaluate(() => window.divboard.state());

const settle = settleFrames;

// One input step, then wait for the frame it presents (if any) and for quiet.
async function step(page, input) {
  await input();
  return settle(page);
}

// With ?overlay=0 the tooltips and cursor marks are drawn on the page's canvas too, and its
// partial redraws must then add up with them.
for (const [deviceScaleFactor, query] of [[1, ''], [2, ''], [1, '?overlay=0']]) {
  test(`partial redraws add up to the whole frame (DPR ${deviceScaleFactor}${query})`, async () => {
    const { page, context, errors } = await openPage(browser, server.url + query, { deviceScaleFactor });
    await waitForStatus(page, 'ready');
    const start = await settle(page);
    const main = start.targets['panel:overview_main'];
    const weekly = start.targets['panel:overview_conversion_panel'];
    const cx = (main[0] + main[2]) / 2;
    const cy = (main[1] + main[3]) / 2;
    const canvas = { width: 1440 * deviceScaleFactor, height: 900 * deviceScaleFactor };
    // Hovers: each presents a frame that redraws a small part of the canvas (or the overlay's).
    let last = start;
    const hoverShares = [];
    const redrawn = (s) => s.pixels_redrawn + s.overlay.pixels;
    for (let i = 0; i < 6; ++i) {
      const now = await step(page, () => page.mouse.move(cx - 150 + 47 * i, cy + 11 * i));
      const presented = now.frames_presented - last.frames_presented;
      if (presented > 0) hoverShares.push((redrawn(now) - redrawn(last)) / presented / (canvas.width * canvas.height));
      last = now;
    }
    assert.ok(hoverShares.length >= 4, `hovers presented frames (${hoverShares.length})`);
    const median = [...hoverShares].sort((a, b) => a - b)[Math.floor(hoverShares.length / 2)];
    assert.ok(median < 0.35, `a hover redrew ${(median * 100).toFixed(0)} % of the canvas`);
    // Zoom, pan, a hover elsewhere, and leaving the chart.
    await step(page, () => page.mouse.wheel(0, -100));
    await step(page, () => page.mouse.wheel(0, -100));
    await step(page, () => page.mouse.down());
    await step(page, () => page.mouse.move(cx - 60, cy));
    await step(page, () => page.mouse.up());
    await step(page, () => page.mouse.move((weekly[0] + weekly[2]) / 2, (weekly[1] + weekly[3]) / 2));
    await step(page, () => page.mouse.move(cx + 30, cy - 40));
    const partial = await page.screenshot();
    const before = await settle(page);
    await page.evaluate(() => window.divboard.redrawAll());
    await page.waitForFunction((n) => window.divboard.state().frames_presented > n, before.frames_presented);
    const whole = await settle(page);
    assert.equal(whole.pixels_redrawn - before.pixels_redrawn, canvas.width * canvas.height, 'the redraw covered the canvas');
    const full = await page.screenshot();
    assert.ok(partial.equals(full), 'the canvas after partial redraws differs from a whole redraw of the same frame');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Pages with draw callbacks (the GPU heat map on Trading; resident lines with ?gpu=2) and the
// Changes view: the callbacks redraw within the damage only, and the sum is the whole frame.
for (const query of ['#view=trading', '?gpu=2', '#view=changes']) {
  test(`partial redraws add up to the whole frame (${query})`, async () => {
    const { page, context, errors } = await openPage(browser, server.url + query);
    await waitForStatus(page, 'ready');
    await settle(page);
    for (let i = 0; i < 8; ++i) await step(page, () => page.mouse.move(200 + 130 * i, 420 + 40 * (i % 5)));
    const partial = await page.screenshot();
    const before = await settle(page);
    await page.evaluate(() => window.divboard.redrawAll());
    await page.waitForFunction((n) => window.divboard.state().frames_presented > n, before.frames_presented);
    await settle(page);
    assert.ok(partial.equals(await page.screenshot()), 'the canvas after partial redraws differs from a whole redraw');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// A zoom replaces each chart's kept segment, and the renderer reuses the freed segments' GL
// objects for the new ones (webgl_renderer.cpp): after zooms, what is on screen must equal
// the same frame drawn from GL objects made afresh (a lost and restored context).
test('segments drawn from reused GL objects equal ones made afresh', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  const start = await settle(page);
  const main = start.targets['panel:overview_main'];
  await page.mouse.move((main[0] + main[2]) / 2, (main[1] + main[3]) / 2);
  for (let i = 0; i < 5; ++i) await step(page, () => page.mouse.wheel(0, -100));
  await step(page, () => page.mouse.wheel(0, 100));
  await page.mouse.move(4, 4);  // no cursor or tooltip on the chart
  await settle(page);
  const reused = await page.screenshot();
  await loseAndRestoreContext(page);
  const restored = await settle(page);
  await page.evaluate(() => window.divboard.redrawAll());
  await page.waitForFunction((n) => window.divboard.state().frames_presented > n, restored.frames_presented);
  await settle(page);
  assert.ok(reused.equals(await page.screenshot()), 'segments drawn from reused GL objects differ from fresh ones');
  assert.deepEqual(errors.filter((e) => !/context lost/i.test(e)), []);
  await context.close();
});
