// Screenshots the built dashboard for a human to look at:
//   node scripts/screenshot.mjs OUT.png [WIDTHxHEIGHT] [DPR] [keys to type] [query]
import { startNginx, launchBrowser, openPage, waitForStatus } from '../tests/browser/support.mjs';

const [out = 'build/screenshots/shot.png', size = '1440x900', dpr = '1', keys = '', query = ''] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const server = await startNginx();
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser, server.url + query, { viewport: { width, height }, deviceScaleFactor: Number(dpr) });
  await Promise.race([waitForStatus(page, 'ready'), waitForStatus(page, 'error')]);
  if (keys) await page.keyboard.type(keys);
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log(out, JSON.stringify(errors));
} finally {
  await browser.close();
  await server.stop();
}
