// A/B of cold starts: alternates fresh loads of two or more builds (or query strings) in one
// headless Chromium and prints, per variant, the medians of data_frame_ms, of the loader's
// "snapshot read" mark and of the tail between them (the data frame: bake, build, read-back).
// With TRACE=1 each load is traced and the data frame's read-back wait (GLES2::ReadPixels on
// the main thread, after the data frame's tick) and the one before it (the warm-up's) are
// added. On a shared machine single loads spread 2x: use many (N, default 9).
//   node bench/cold_ab.mjs 'build/dist-before' 'dist' 'dist|?warmup=1'
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, launchBrowser, startNginx } from '../tests/browser/support.mjs';

const variants = process.argv.slice(2);
if (variants.length === 0) throw new Error('usage: node bench/cold_ab.mjs DIST[|?query] ...');
const N = Number(process.env.N || 9);
const TRACE = process.env.TRACE === '1';
const median = (a) => { const s = a.filter((x) => !Number.isNaN(x)).sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const servers = [];
for (const v of variants) servers.push(await startNginx(resolve(ROOT, v.split('|')[0])));
const browser = await launchBrowser();
const results = variants.map(() => ({ frame: [], read: [], readback: [], warm: [] }));
try {
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < variants.length; k++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const trace = `/tmp/divboard-cold-ab-${process.pid}.json`;
      if (TRACE) await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'gpu'] });
      await page.goto(servers[k].url + (variants[k].split('|')[1] || ''), { waitUntil: 'commit' });
      // The loader's mark, not state(): see OURS.loaded in run_uplot_bench.mjs.
      await page.waitForFunction(() => performance.getEntriesByName('divboard:data on screen').length > 0, null,
        { timeout: 120000 });
      const r = await page.evaluate(() => ({
        frame: window.divboard.state().timing.data_frame_ms,
        read: (performance.getEntriesByType('mark').find((m) => m.name.startsWith('divboard:snapshot read')) || {}).startTime,
      }));
      results[k].frame.push(r.frame);
      results[k].read.push(r.read ?? NaN);
      if (TRACE) {
        await browser.stopTracing();
        const events = JSON.parse(readFileSync(trace)).traceEvents;
        // The trace stops at data on screen, and no app frame comes before the data's: the
        // last read-back is the data frame's, any earlier one a warm-up's (?warmup=1). (By
        // the frame function's name, as before, no longer works: the build is minified.)
        const reads = events.filter((e) => e.name === 'GLES2::ReadPixels' && e.dur > 1000).sort((a, b) => a.ts - b.ts);
        const last = reads[reads.length - 1];
        results[k].readback.push(last ? last.dur / 1000 : NaN);
        results[k].warm.push(reads.slice(0, -1).reduce((sum, e) => sum + e.dur / 1000, 0));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}
variants.forEach((v, k) => {
  const r = results[k];
  const tail = r.frame.map((f, i) => f - r.read[i]);
  console.log(`${v.padEnd(32)} data_frame_ms ${median(r.frame).toFixed(0)}  snapshot read ${median(r.read).toFixed(0)}` +
    `  tail ${median(tail).toFixed(0)}` +
    (TRACE ? `  data frame read-back ${median(r.readback).toFixed(0)}  earlier read-back ${median(r.warm).toFixed(0)}` : '') +
    `  (all: ${r.frame.map((x) => x.toFixed(0)).join(' ')})`);
});
