// Two or more builds side by side: fresh pages alternate between them, each doing 60 hover,
// 60 wheel and 60 drag steps over the overview's main chart (one animation frame each), and
// the medians of main-thread CPU (CDP ThreadTime, harness included) and of
// in-page script (state().frame_ms_total) per step are printed, and every Chromium process' CPU
// per step (browser_cpu.mjs); drags are plain mouse input
// (raw_drag.mjs). Alternating pages in one browser cancel most of a shared machine's drift,
// which separate runs do not.
//   node bench/frame_ab.mjs DIST_A DIST_B ['DIST_C|?query' ...]     (ROUNDS, default 5; GPU_COMPOSITING=1)
import { resolve } from 'node:path';
import { launchBrowser, startNginx, ROOT } from '../tests/browser/support.mjs';
import { rawDrag } from './raw_drag.mjs';
import { browserCpuSeconds, cpuSecondsBetween } from './browser_cpu.mjs';

const builds = process.argv.slice(2).map((arg) => ({ dir: resolve(ROOT, arg.split('|')[0]), query: arg.split('|')[1] || '', name: arg }));
if (builds.length < 2) throw new Error('usage: node bench/frame_ab.mjs DIST_A DIST_B [...]');
const ROUNDS = Number(process.env.ROUNDS || 5);
const STEPS = 60;
const MODES = ['hover', 'wheel', 'drag'];
const servers = await Promise.all(builds.map((b) => startNginx(b.dir)));
// GPU_COMPOSITING=1: Chromium composites through SwiftShader's GL, as on a machine with a GPU.
const browser = await launchBrowser({ gpuCompositing: process.env.GPU_COMPOSITING === '1' });
const results = builds.map(() => Object.fromEntries(MODES.flatMap((m) => [[m, []], [`script ${m}`, []], [`all ${m}`, []]])));
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < builds.length; k++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // All the main thread's CPU, canvas read-backs and raster included (run_uplot_bench.mjs).
      const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
      const script = () => page.evaluate(() => window.divboard.state().frame_ms_total);
      const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      await page.goto(servers[k].url + builds[k].query);
      await page.waitForFunction(() => window.divboard && window.divboard.state().status === 'ready' &&
        !window.divboard.state().overlay.pending, null, { timeout: 60000 });
      await page.waitForTimeout(500);
      const p = (await page.evaluate(() => window.divboard.state().targets))['panel:overview_main'];
      const cx = (p[0] + p[2]) / 2, cy = (p[1] + p[3]) / 2;
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 10; i++) { await page.mouse.wheel(0, i % 2 ? 100 : -100); await frame(); }
      for (const mode of MODES) {
        // Zoomed in one step first, as make bench's pan phase: at the whole range a drag
        // cannot move the view.
        if (mode === 'drag') {
          await page.mouse.wheel(0, -100);
          await frame();
          await rawDrag(cdp).down(cx, cy);
        }
        const t0 = await task(), s0 = await script(), b0 = browserCpuSeconds();
        for (let i = 0; i < STEPS; i++) {
          if (mode === 'wheel') await page.mouse.wheel(0, i % 2 ? 100 : -100);
          else if (mode === 'drag') await rawDrag(cdp).move(cx + 40 * Math.sin(i / 3), cy);
          else await page.mouse.move(p[0] + 60 + ((i * 13) % (p[2] - p[0] - 120)), cy);
          await frame();
        }
        if (mode === 'drag') await rawDrag(cdp).up(cx, cy);
        await frame();
        const t1 = await task(), s1 = await script(), b1 = browserCpuSeconds();
        results[k][mode].push((t1 - t0) * 1000 / STEPS);
        results[k][`all ${mode}`].push(cpuSecondsBetween(b0, b1) * 1000 / STEPS);
        results[k][`script ${mode}`].push((s1 - s0) / STEPS);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`ms per step, medians of ${ROUNDS} fresh pages each: main thread (in-page script) [each page's main thread] ` +
  `all Chromium processes (/proc, 10 ms ticks)`);
for (let k = 0; k < builds.length; k++) {
  const cells = MODES.map((m) => `${m} ${median(results[k][m]).toFixed(2)} (${median(results[k][`script ${m}`]).toFixed(2)}) ` +
    `[${results[k][m].map((x) => x.toFixed(2)).join(' ')}] all ${median(results[k][`all ${m}`]).toFixed(1)}`);
  console.log(`${builds[k].name}\n  ${cells.join('\n  ')}`);
}
