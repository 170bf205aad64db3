// Where a cold start's time goes: loads the page once with a Chrome trace and prints the
// renderer main thread's long tasks and the loader's marks, in order, from navigation start,
// then what V8 spent compiling the wasm (lazily on the main thread at each function's first
// call, and its top tier for hot functions on background threads).
//   make dist && node bench/trace_cold.mjs [hash]
import { launchBrowser, startNginx } from '../tests/browser/support.mjs';
import { readFileSync } from 'node:fs';

const server = await startNginx();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await browser.startTracing(page, { path: '/tmp/divboard-trace.json', categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading', 'disabled-by-default-devtools.timeline'] });
  await page.goto(server.url + (process.argv[2] || ''), { waitUntil: 'commit' });
  // The loader's mark, not state(): see OURS.loaded in run_uplot_bench.mjs.
  await page.waitForFunction(() => performance.getEntriesByName('divboard:data on screen').length > 0, null, { timeout: 60000 });
  const timing = await page.evaluate(() => window.divboard.state().timing);
  // When each file was asked for, began to arrive and was in (Resource Timing, ms from
  // navigation start): the trace's own resource events are hard to pair with their files.
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => ({
    name: r.name.split('/').pop(), start: r.startTime, response: r.responseStart, end: r.responseEnd })));
  await browser.stopTracing();
  const trace = JSON.parse(readFileSync('/tmp/divboard-trace.json'));
  const events = trace.traceEvents || trace;
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToLargestContentfulPaint::Start');
  const t0 = events.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL || '').startsWith('http'))
    .map((e) => e.ts)[0];
  const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' &&
    events.some((x) => x.pid === e.pid && x.name === 'navigationStart'));
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 1000 &&
    ['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name));
  for (const task of tasks) {
    const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && e.ts >= task.ts &&
      e.ts + e.dur <= task.ts + task.dur && e !== task && e.dur > 1000).sort((a, b) => b.dur - a.dur).slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.url ? '(' + e.args.data.url.split('/').pop() + ')' : ''}${e.args?.data?.functionName ? '(' + e.args.data.functionName + ')' : ''} ${(e.dur / 1000).toFixed(1)}`);
    console.log(`${((task.ts - t0) / 1000).toFixed(0).padStart(6)} ms  ${(task.dur / 1000).toFixed(1).padStart(6)} ms  ${inside.join(' | ')}`);
  }
  for (const e of events.filter((x) => x.cat && x.cat.includes('blink.user_timing') && x.name.startsWith('divboard:')).sort((a, b) => a.ts - b.ts)) {
    console.log('mark', e.name, ((e.ts - t0) / 1000).toFixed(0));
  }
  for (const r of resources) {
    console.log('file', r.name.padEnd(32), 'asked', r.start.toFixed(0).padStart(5), ' first byte', r.response.toFixed(0).padStart(5),
      ' in', r.end.toFixed(0).padStart(5));
  }
  const sum = (list) => list.reduce((total, e) => total + e.dur / 1000, 0).toFixed(1);
  const lazy = events.filter((e) => e.name === 'wasm.CompileLazy' && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const top = events.filter((e) => e.name === 'wasm.TopTierCompilation' && e.pid === main.pid && e.ph === 'X');
  console.log(`wasm compile: lazy on the main thread ${sum(lazy)} ms (${lazy.length} functions), ` +
    `top tier in the background ${sum(top)} ms (${top.length} jobs)`);
  console.log('timing', JSON.stringify(timing), nav ? '' : '(no nav event)');
} finally {
  await browser.close();
  await server.stop();
}
