// Wheel steps and drag steps over the overview's main chart, apart: in-page script time
// (state().frame_ms_total) and main-thread CPU (ThreadTime)
// per step, with and without partial redraws. `make bench`'s pan/zoom row mixes the two; this
// tells which one a change moved.
//   make dist && node bench/wheel_drag.mjs [queries, comma-separated; default ",?damage=0"]
// DIST=path measures another build (e.g. main's dist), for alternating runs.
import { resolve } from 'node:path';
import { launchBrowser, startNginx, ROOT } from '../tests/browser/support.mjs';
import { rawDrag } from './raw_drag.mjs';

const STEPS = 60;
const queries = (process.argv[2] ?? ',?damage=0').split(',');
const server = await startNginx(process.env.DIST ? resolve(ROOT, process.env.DIST) : undefined);
const browser = await launchBrowser();
try {
  for (const query of queries) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const state = () => page.evaluate(() => window.divboard.state());
    await page.goto(server.url + query);
    await page.waitForFunction(() => window.divboard && window.divboard.state().status === 'ready', null, { timeout: 60000 });
    await page.waitForTimeout(800);
    const panel = (await state()).targets['panel:overview_main'];
    const cx = (panel[0] + panel[2]) / 2;
    const cy = (panel[1] + panel[3]) / 2;
    await page.mouse.move(cx, cy);
    await page.waitForTimeout(300);
    const drag = rawDrag(cdp);
    // 'drag (page.mouse)' is the same drag through Playwright's page.mouse, whose drag-and-drop
    // probe runs in the page each step (see raw_drag.mjs): the difference is the harness.
    for (const mode of ['wheel', 'drag', 'drag (page.mouse)']) {
      if (mode !== 'wheel') {
        // Zoomed in one step first, as make bench's pan phase: at the whole range a drag
        // cannot move the view.
        await page.mouse.wheel(0, -100);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
        if (mode === 'drag') await drag.down(cx, cy);
        else await page.mouse.down();
      }
      const s0 = await state();
      const m0 = await metrics();
      for (let i = 0; i < STEPS; i++) {
        // As make bench's pan phase: zoom in and out by turns; drag to and fro.
        if (mode === 'wheel') await page.mouse.wheel(0, i % 2 ? 100 : -100);
        else if (mode === 'drag') await drag.move(cx + 40 * Math.sin(i / 3), cy);
        else await page.mouse.move(cx + 40 * Math.sin(i / 3), cy);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
      }
      if (mode === 'drag') await drag.up(cx, cy);
      else if (mode !== 'wheel') { await page.mouse.move(cx, cy); await page.mouse.up(); }
      const s1 = await state();
      const m1 = await metrics();
      console.log(`${query || '(default)'} ${mode}: script ${((s1.frame_ms_total - s0.frame_ms_total) / STEPS).toFixed(2)} ms/step, ` +
        `main thread ${((m1.ThreadTime - m0.ThreadTime) * 1000 / STEPS).toFixed(2)} ms/step ` +
        `(tasks only ${((m1.TaskDuration - m0.TaskDuration) * 1000 / STEPS).toFixed(2)}), ` +
        `frames ${s1.frames - s0.frames} built, ${s1.frames_presented - s0.frames_presented} presented`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
