// What presenting a frame costs the page's main thread (and the whole browser), apart from
// our drawing: bench/present_cost/page.js redraws one chart-sized area per step in one of
// several ways; fresh pages alternate between them. Main-thread CPU per step is CDP's
// ThreadTime (all of the thread's CPU; TaskDuration, printed too, leaves out what Chromium runs
// between tasks, such as a WebGL canvas' read-back for a software compositor) less the same
// number of bare animation-frame round trips; the whole browser's is every Chromium process'
// CPU from /proc.
//   node bench/present_cost.mjs [modes, space-separated; default "clear clear-sync quads copy 2d overlay"]
// ROUNDS (default 4) fresh pages per mode; medians are printed with every round's figure.
import { launchBrowser, startNginx, ROOT } from '../tests/browser/support.mjs';
import { join } from 'node:path';
import { browserCpuSeconds, cpuSecondsBetween } from './browser_cpu.mjs';

const modes = (process.argv[2] || 'clear clear-sync quads copy 2d overlay').split(' ');
const ROUNDS = Number(process.env.ROUNDS || 4);
const STEPS = 60;
const server = await startNginx(join(ROOT, 'bench/present_cost'));
const browser = await launchBrowser();
const results = new Map(modes.map((m) => [m, { main: [], tasks: [], all: [] }]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
      const task = async () => [await metric('ThreadTime'), await metric('TaskDuration')];
      await page.goto(`${server.url}index.html#${mode}`);
      await page.waitForFunction(() => window.ready);
      for (let i = 0; i < 10; i++) await page.evaluate(() => window.step());
      const h0 = await task();
      for (let i = 0; i < STEPS; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      const h1 = await task();
      const b0 = browserCpuSeconds();
      for (let i = 0; i < STEPS; i++) await page.evaluate(() => window.step());
      const t1 = await task();
      const b1 = browserCpuSeconds();
      results.get(mode).main.push(((t1[0] - h1[0]) - (h1[0] - h0[0])) * 1000 / STEPS);
      results.get(mode).tasks.push(((t1[1] - h1[1]) - (h1[1] - h0[1])) * 1000 / STEPS);
      results.get(mode).all.push(cpuSecondsBetween(b0, b1) * 1000 / STEPS);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const list = (a) => a.map((x) => x.toFixed(2)).join(' ');
console.log(`present cost per step, 1440x900 canvas, a 690x540 area redrawn; ${ROUNDS} fresh pages each, medians [each page]`);
for (const [mode, r] of results) {
  console.log(`${mode.padEnd(11)} main thread ${median(r.main).toFixed(2)} ms [${list(r.main)}] (tasks only ${median(r.tasks).toFixed(2)} ms)   ` +
    `all processes ${median(r.all).toFixed(1)} ms [${list(r.all)}]`);
}
