// Where the page's wasm memory goes, one fresh page per URL hash (issue 7's memory goal):
// state().memory after the first data frame, with the heap in use and its peak at each step
// of start-up (memory_report.h, NoteMemoryMoment), so which step set the peak shows.
//   make dist && node bench/memory_probe.mjs '' lang=zh view=hosts view=gallery
// DPR (default 1) sets the device pixel ratio; DIST another dist/ to serve.
import { resolve } from 'node:path';
import { startNginx, launchBrowser, ROOT } from '../tests/browser/support.mjs';

const hashes = process.argv.slice(2).length ? process.argv.slice(2) : [''];
const server = await startNginx(process.env.DIST ? resolve(ROOT, process.env.DIST) : undefined);
const browser = await launchBrowser();
const mb = (bytes) => (bytes / (1 << 20)).toFixed(2);
try {
  for (const hash of hashes) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: Number(process.env.DPR || 1) });
    const page = await context.newPage();
    await page.goto(server.url + (hash ? '#' + hash : ''));
    await page.waitForFunction(() => window.divboard && window.divboard.state().status === 'ready' &&
      window.divboard.state().timing.data_frame_ms !== null, null, { timeout: 60000 });
    const m = await page.evaluate(() => window.divboard.state().memory);
    console.log(`#${hash}: wasm memory ${mb(m.wasm_memory)} MB = static ${mb(m.static_bytes)} + stack ${mb(m.stack_bytes)} + ` +
      `heap peak ${mb(m.heap_peak_footprint_bytes)}; in use ${mb(m.heap_in_use_bytes)}: columns ${mb(m.series_bytes)}, ` +
      `draw buffers ${mb(m.draw_buffer_bytes)}, glyph tables ${mb(m.font_table_bytes)}`);
    console.log('  in use / peak so far: ' + m.moments.map((x) => `${x.name} ${mb(x.in_use)} / ${mb(x.peak)}`).join(', '));
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
