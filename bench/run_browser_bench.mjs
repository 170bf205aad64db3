// Runs the em++ build of bench/chart_bench.cpp in headless Chromium and prints what it prints
// (its printf lines arrive as console messages), ending at "chart bench done".
// Used by scripts/bench.sh; WEB overrides the build directory (default build/web).
//
// The page is served cross-origin isolated (COOP + COEP added to the HTML response): without
// that, Chromium coarsens performance.now(), and so the program's steady_clock, to 100 µs,
// a tenth of a frame here; isolated it is 5 µs.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, startNginx, launchBrowser } from '../tests/browser/support.mjs';

const DONE = 'chart bench done';
const TIMEOUT_MS = 10 * 60 * 1000;  // 10M points in wasm on a busy machine; normally ~30 s

const web = resolve(ROOT, process.env.WEB || 'build/web');
const site = join(web, 'bench-site');
mkdirSync(site, { recursive: true });
copyFileSync(join(ROOT, 'bench/chart_bench.html'), join(site, 'chart_bench.html'));
for (const name of ['chart_bench.js', 'chart_bench.wasm']) copyFileSync(join(web, name), join(site, name));

const server = await startNginx(site);
let browser;
let failed = false;
try {
  browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageUrl = server.url + 'chart_bench.html';
  await page.route(pageUrl, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      status: response.status(),
      body: await response.body(),
      headers: {
        'content-type': response.headers()['content-type'] || 'text/html',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
    });
  });

  const finished = new Promise((resolveDone, rejectDone) => {
    const timer = setTimeout(() => rejectDone(new Error(`no "${DONE}" within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    page.on('console', (message) => {
      const text = message.text();
      // Lines are printed as they come so a long run shows progress.
      if (message.type() === 'error' || message.type() === 'warning') console.error(text);
      else console.log(text);
      if (text === DONE) {
        clearTimeout(timer);
        resolveDone();
      }
    });
    page.on('pageerror', (error) => {
      clearTimeout(timer);
      rejectDone(error);
    });
    page.on('crash', () => {
      clearTimeout(timer);
      rejectDone(new Error('the page crashed'));
    });
  });
  // 'commit': main() may start before the load event and block the page until it is done.
  await page.goto(pageUrl, { waitUntil: 'commit' });
  await finished;
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  console.log(`browser: Chromium ${browser.version()}, crossOriginIsolated ${isolated}`);
} catch (error) {
  console.error(`chart bench in the browser failed: ${error.message}`);
  failed = true;
} finally {
  await browser?.close();
  await server.stop();
}
process.exitCode = failed ? 1 : 0;
