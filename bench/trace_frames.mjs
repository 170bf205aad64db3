// Where a frame's main-thread time goes: hovers (or idles, or pans) over the overview's main
// panel with a Chrome trace and prints trace events by self time per frame drawn.
//   make dist && node bench/trace_frames.mjs [hover|idle|pan] [hash]
import { launchBrowser, startNginx } from '../tests/browser/support.mjs';
import { readFileSync } from 'node:fs';

const mode = process.argv[2] || 'hover';
const server = await startNginx();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(server.url + (process.argv[3] || ''));
  await page.waitForFunction(() => window.divboard && window.divboard.state().status === 'ready' &&
    window.divboard.state().timing.data_frame_ms !== null, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  const panel = (await page.evaluate(() => window.divboard.state().targets))['panel:overview_main'];
  const cy = (panel[1] + panel[3]) / 2;
  const frames0 = await page.evaluate(() => window.divboard.state().frames);
  await browser.startTracing(page, { path: '/tmp/divboard-frames.json', categories: ['devtools.timeline', 'v8', 'toplevel', 'disabled-by-default-devtools.timeline', 'cc', 'gpu', 'blink'] });
  const steps = 60;
  for (let i = 0; i < steps; i++) {
    if (mode === 'hover') await page.mouse.move(panel[0] + 60 + ((i * 13) % (panel[2] - panel[0] - 120)), cy);
    else if (mode === 'idle') await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
  await browser.stopTracing();
  const frames = (await page.evaluate(() => window.divboard.state().frames)) - frames0;
  const events = JSON.parse(readFileSync('/tmp/divboard-frames.json')).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' &&
    events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FireAnimationFrame'));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: an event's duration less its direct children's (events nest on one thread).
  const self = new Map();
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const key = e.name + (e.args?.data?.functionName ? ':' + e.args.data.functionName : '');
    // Thread time (tdur) where the trace has it: blocking on the GPU process is not CPU.
    const t = e.tdur ?? e.dur;
    self.set(key, (self.get(key) || 0) + t);
    if (parent) {
      const pk = parent.name + (parent.args?.data?.functionName ? ':' + parent.args.data.functionName : '');
      self.set(pk, (self.get(pk) || 0) - t);
    }
    stack.push(e);
  }
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const total = tasks.reduce((s, e) => s + (e.tdur ?? e.dur), 0);
  console.log(`${mode}: ${steps} steps, ${frames} frames drawn, main-thread task CPU ${(total / 1000).toFixed(1)} ms, ${(total / 1000 / Math.max(1, frames)).toFixed(2)} ms/frame`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(v / 1000).toFixed(2).padStart(9)} ms  ${(v / 1000 / Math.max(1, frames)).toFixed(3)} ms/frame  ${k}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
