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
