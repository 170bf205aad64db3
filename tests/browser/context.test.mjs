// A lost WebGL context is survived: drawing stops, and on restore the same view is drawn
// again with its data, filters and language unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNginx, launchBrowser, openPage, waitForStatus, distinctColours, loseAndRestoreContext } from './support.mjs';

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

test('the view survives losing and regaining the WebGL context', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '#view=trading&range=30d&lang=zh');
  const before = await waitForStatus(page, 'ready');
  await loseAndRestoreContext(page);
  const framesAfterRestore = (await page.evaluate(() => window.divboard.state())).frames;
  await page.mouse.move(400, 400);
  await page.waitForFunction((n) => window.divboard.state().frames > n, framesAfterRestore);
  const after = await page.evaluate(() => window.divboard.state());
  assert.equal(after.status, 'ready');
  assert.equal(after.hash, before.hash);
  assert.deepEqual(after.view_kpis, before.view_kpis);
  const png = await page.screenshot();
  assert.ok(await distinctColours(page, png) > 40, 'drawn again after the restore');
  assert.deepEqual(errors.filter((e) => !/context lost/i.test(e)), []);
  await context.close();
});

test('resident series are uploaded again after a context restore', async () => {
  // ?gpu=2: series lines resident too (the heat map is on the GPU by default).
  const { page, context, errors } = await openPage(browser, server.url + '?gpu=2#view=overview');
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().gpu.resident_series > 0);
  const before = (await page.evaluate(() => window.divboard.state())).gpu;
  assert.equal(before.lines, true);
  await loseAndRestoreContext(page);
  // The counters start again at the restore: anything resident now was uploaded since.
  await page.waitForFunction((n) => window.divboard.state().gpu.resident_series === n, before.resident_series);
  const after = (await page.evaluate(() => window.divboard.state())).gpu;
  assert.equal(after.enabled, true);
  assert.equal(after.uploads, before.uploads);
  assert.equal(after.resident_bytes, before.resident_bytes);
  const png = await page.screenshot();
  assert.ok(await distinctColours(page, png) > 40, 'drawn again after the restore');
  assert.deepEqual(errors.filter((e) => !/context lost/i.test(e)), []);
  await context.close();
});
