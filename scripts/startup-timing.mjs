// Start-up timing of the built page (run `make dist` first): loads it N times in headless
// Chromium behind nginx and prints the median time from navigation start to the first frame
// and to the first frame with data (window.divboard.state().timing).
//   node scripts/startup-timing.mjs [N]
import { startNginx, launchBrowser, openPage, waitForStatus } from '../tests/browser/support.mjs';

const runs = Number(process.argv[2] || 7);
const server = await startNginx();
const browser = await launchBrowser();
const rows = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openPage(browser, server.url);
    await waitForStatus(page, 'ready');
    await page.waitForFunction(() => window.divboard.state().timing.data_frame_ms !== null);
    rows.push((await page.evaluate(() => window.divboard.state())).timing);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const median = (key) => rows.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
console.log(`startup over ${runs} loads: first frame ${median('first_frame_ms').toFixed(0)} ms, ` +
  `data on screen ${median('data_frame_ms').toFixed(0)} ms (medians, from navigation start)`);
