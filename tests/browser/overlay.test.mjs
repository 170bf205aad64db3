// What a hover draws (cursor marks and tooltips) has a small canvas of its own over the
// page's (src/platform/web/hover_overlay.h), so hovering a chart leaves the page's canvas
// alone. The two canvases together must show what one canvas shows (?overlay=0), up to the
// rounding of compositing premultiplied pixels, at any pixel ratio; a zoom under the cursor
// draws the hover layer on the page's canvas, which it redraws anyway; and losing the
// overlay's context falls back to one canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNginx, launchBrowser, openPage, waitForStatus, settleFrames, pixelDifference } from './support.mjs';

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

// The overview's main chart, hovered at a few places; the screenshot of the last.
async function hoverMainChart(page, moves = 4) {
  const start = await settle(page);
  const [x0, y0, x1, y1] = start.targets['panel:overview_main'];
  for (let i = 0; i < moves; ++i) {
    await page.mouse.move(x0 + (x1 - x0) * (0.3 + 0.1 * i), (y0 + y1) / 2 + 7 * i);
    await settle(page);
  }
  return { start, end: await state(page), shot: await page.screenshot() };
}

// The overlay is made once the data is on screen (~250 ms later, off the cold start), its
// atlas copied from the page's texture: ready, then that.
async function waitForOverlay(page, query = '') {
  await waitForStatus(page, 'ready');
  if (query.includes('overlay=0')) return;
  await page.waitForFunction(() => window.divboard.state().overlay.usable);
}

for (const deviceScaleFactor of [1, 1.5, 2]) {
  test(`a chart hover presents only the overlay, which shows what one canvas shows (DPR ${deviceScaleFactor})`, async () => {
    const shots = {};
    for (const query of ['', '?overlay=0']) {
      const { page, context, errors } = await openPage(browser, server.url + query, { deviceScaleFactor });
      await waitForOverlay(page, query);
      const { start, end, shot } = await hoverMainChart(page);
      if (query === '') {
        assert.equal(end.overlay.usable, true, 'the overlay has a context');
        assert.equal(end.overlay.shown, true, 'the tooltip is on the overlay');
        assert.equal(end.page_presented, start.page_presented, 'hovering a chart presented the page canvas');
        assert.ok(end.overlay.presented - start.overlay.presented >= 4, 'each hover presented the overlay');
        const box = await page.evaluate(() => document.getElementById('canvas-overlay').getBoundingClientRect().toJSON());
        assert.ok(box.width * box.height < 0.25 * 1440 * 900, `the overlay covers a small part of the window (${box.width}x${box.height})`);
      } else {
        assert.equal(end.overlay.usable, false);
        assert.ok(end.page_presented > start.page_presented, 'one canvas: the hover presented it');
      }
      shots[query] = shot;
      assert.deepEqual(errors, []);
      await context.close();
    }
    const { page, context } = await openPage(browser, 'about:blank');
    const diff = await pixelDifference(page, shots[''], shots['?overlay=0']);
    await context.close();
    // The overlay's premultiplied pixels, composited by the browser, round apart from ImGui's
    // blending in one canvas by a level or two, and at DPR 2 some glyph edges land a
    // rasteriser's sub-pixel step (1/16) apart, up to ~12 levels; a tooltip misplaced by a
    // pixel, resampled or missing differs by far more (a ratio of 1.5 placed at fractional CSS
    // pixels gave 118).
    assert.ok(diff.max <= 16, `the two canvases differ from one by up to ${diff.max} levels`);
    assert.ok(diff.count < 0.01 * 1440 * 900 * deviceScaleFactor ** 2, `${diff.count} pixels differ`);
  });
}

test('a zoom under the cursor draws the hover layer on the page canvas; the next hover moves it back', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitForOverlay(page);
  const { end: hovered } = await hoverMainChart(page, 2);
  assert.equal(hovered.overlay.shown, true);
  await page.mouse.wheel(0, -100);
  const zoomed = await settle(page);
  assert.equal(zoomed.overlay.shown, false, 'the zoom frame drew the tooltip on the page canvas');
  assert.ok(zoomed.page_presented > hovered.page_presented);
  const onPage = await page.screenshot();
  await page.evaluate(() => window.divboard.redrawAll());
  await settle(page);
  assert.ok(onPage.equals(await page.screenshot()), 'the zoomed frame differs from a whole redraw of it');
  const [x0, y0, x1, y1] = zoomed.targets['panel:overview_main'];
  await page.mouse.move(x0 + (x1 - x0) * 0.55, (y0 + y1) / 2);
  const moved = await settle(page);
  assert.equal(moved.overlay.shown, true, 'the next hover is on the overlay again');
  // The page canvas no longer shows the tooltip it had: a whole redraw of it changes nothing.
  const both = await page.screenshot();
  await page.evaluate(() => window.divboard.redrawAll());
  await settle(page);
  assert.ok(both.equals(await page.screenshot()), 'the page canvas kept pixels of the tooltip the zoom drew on it');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lost overlay context falls back to one canvas, and comes back', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitForOverlay(page);
  await page.evaluate(() => {
    window.overlayLoss = document.getElementById('canvas-overlay').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.overlayLoss.loseContext();
  });
  await page.waitForFunction(() => window.divboard.state().overlay.usable === false);
  const { start, end } = await hoverMainChart(page, 3);
  assert.equal(end.overlay.shown, false);
  assert.ok(end.page_presented > start.page_presented, 'the hover drew on the page canvas');
  const plain = await page.screenshot();
  await page.evaluate(() => window.overlayLoss.restoreContext());
  await page.waitForFunction(() => window.divboard.state().overlay.usable === true);
  // The restore rebakes the atlas for it in the next frame, which redraws the page anyway.
  await settle(page);
  const [x0, y0, x1, y1] = end.targets['panel:overview_main'];
  await page.mouse.move(x0 + (x1 - x0) * 0.62, (y0 + y1) / 2 + 3);
  const restored = await settle(page);
  assert.equal(restored.overlay.shown, true, 'hovers use the overlay again');
  // The restored context draws from its own new atlas upload: the screen must be what one
  // canvas shows at the same place.
  assert.ok(!plain.equals(await page.screenshot()), 'the hover moved');
  const single = await openPage(browser, server.url + '?overlay=0');
  await waitForStatus(single.page, 'ready');
  await single.page.mouse.move(x0 + (x1 - x0) * 0.62, (y0 + y1) / 2 + 3);
  await settle(single.page);
  const diff = await pixelDifference(single.page, await page.screenshot(), await single.page.screenshot());
  assert.ok(diff.max <= 16, `after the restore, the two canvases differ from one by up to ${diff.max} levels`);
  await single.context.close();
  assert.deepEqual(errors.filter((e) => !/context lost/i.test(e)), []);
  await context.close();
});
