// divboard against uPlot, side by side in ONE headless Chromium (issue 7): cold start, frame
// CPU, idle cost and peak memory, on the same snapshot file. Prints one table with the
// ratios ours/uPlot and the goals; progress goes to stderr.
//   make dist && node bench/run_uplot_bench.mjs        (scripts/bench.sh runs it)
// COLD_LOADS (default 7) sets how many loads each cold-start median takes; STEPS (default 60)
// the input steps per frame-cost phase; IDLE_SECONDS (default 10) the idle window; COLD_ONLY=1
// measures cold start alone (about 30 s) and prints each load's figures; GPU_COMPOSITING=1 runs both pages
// with Chromium compositing through SwiftShader's GL (no --disable-gpu), closer to a machine with a GPU.
//
// The bench site (build/bench-site-uplot/) is dist/ linked in, plus bench/uplot/ and uPlot's
// own files from node_modules at /uplot/: both pages fetch data/manifest.json and the newest
// snapshot it names. nginx adds COOP + COEP so the pages are cross-origin isolated and
// performance.now() is not coarsened to 100 µs (see run_browser_bench.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, connect } from 'node:net';
import { ROOT, DIST, launchBrowser } from '../tests/browser/support.mjs';
import { browserCpuSeconds, cpuSecondsBetween, cpuSecondsSince } from './browser_cpu.mjs';
import { rawDrag } from './raw_drag.mjs';

const COLD_LOADS = Number(process.env.COLD_LOADS || 7);
const STEPS = Number(process.env.STEPS || 60);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS || 10);
const COLD_ONLY = process.env.COLD_ONLY === '1';
const VIEWPORT = { width: 1440, height: 900 };
const LARGE_POINTS = 10000000;
const log = (...args) => console.error('uplot bench:', ...args);

// --- the bench site -------------------------------------------------------------------------
const dist = process.env.DIST ? resolve(ROOT, process.env.DIST) : DIST;
const site = join(ROOT, 'build/bench-site-uplot');
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'uplot'), { recursive: true });
for (const name of readdirSync(dist)) symlinkSync(join(dist, name), join(site, name));
for (const name of readdirSync(join(ROOT, 'bench/uplot'))) copyFileSync(join(ROOT, 'bench/uplot', name), join(site, 'uplot', name));
const uplotDist = join(ROOT, 'node_modules/uplot/dist');
for (const name of ['uPlot.iife.min.js', 'uPlot.min.css']) copyFileSync(join(uplotDist, name), join(site, 'uplot', name));
const uplotVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/uplot/package.json'))).version;

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolvePort(port)); });
  });
}

async function startIsolatedNginx(root) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'divboard-uplot-nginx-'));
  const conf = execFileSync(join(ROOT, 'scripts/nginx-conf.sh'), [root, String(port), dir]).toString()
    .replace('charset utf-8;', 'charset utf-8;\n    add_header Cross-Origin-Opener-Policy same-origin;\n' +
      '    add_header Cross-Origin-Embedder-Policy require-corp;');
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let until = Date.now() + 10000; ;) {
    const ok = await new Promise((r) => { const s = connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.once('error', () => r(false)); });
    if (ok) break;
    if (Date.now() > until) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); rmSync(dir, { recursive: true, force: true }); },
  };
}

// --- the two pages behind one interface -------------------------------------------------------
// CPU is read with CDP Performance.getMetrics: ThreadTime is the renderer main thread's CPU
// time (not wall time), everything that thread ran: script, style, layout, paint, GC, and
// the canvases' own work — uPlot's cost is partly DOM work (cursor, legend) that an in-page
// timer around its calls would miss. Until the eighth session the bench read TaskDuration
// (with timeDomain threadTicks), which counts only the scheduler's tasks: it left out what
// Chromium runs between them, which here is most of a canvas frame's cost on both pages —
// the read-back of each presented WebGL frame for the software compositor (~6 ms at
// 1440x900) and the raster of a 2D canvas drawn from script (~8 ms for uPlot's chart).
// TaskDuration is still printed beside it. In-page timers too: ours around the whole frame
// callback, uPlot's around its synchronous redraw (u.batch) or from the mouse event to its
// setCursor hook.
const OURS = {
  name: 'ours', path: '',
  // The cold start waits on the loader's mark, not on state(): polling state() at each
  // animation frame would build the app's whole state in wasm throughout the load (and make
  // V8 compile its serializer's top tier), CPU the page's users never spend.
  loaded: (page) => page.waitForFunction(() => performance.getEntriesByName('divboard:data on screen').length > 0,
    null, { timeout: 120000 }),
  ready: (page) => page.waitForFunction(() => window.divboard && window.divboard.state().status === 'ready' &&
    window.divboard.state().timing.data_frame_ms !== null, null, { timeout: 120000 }),
  state: (page) => page.evaluate(() => {
    const s = window.divboard.state();
    return { timing: s.timing, frames: s.frames, presented: s.frames_presented, script_ms: s.frame_ms_total,
      pixels: s.pixels_redrawn, wasm: s.memory.wasm_heap_bytes, parts: s.memory, targets: s.targets };
  }),
};
const UPLOT = {
  name: 'uPlot', path: 'uplot/',
  loaded: (page) => UPLOT.ready(page),
  ready: (page) => page.waitForFunction(() => window.uplotBench && window.uplotBench.state().status === 'ready', null, { timeout: 120000 }),
  state: (page) => page.evaluate(() => {
    const s = window.uplotBench.state();
    if (s.error) throw new Error(s.error);
    return { timing: s.timing, frames: s.draws, presented: s.draws, script_ms: s.timed.redraw.ms + s.timed.cursor.ms, pixels: 0, wasm: 0, points: s.points, snapshot: s.snapshot };
  }),
};

async function open(browser, server, side, hash = '') {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(side.name, 'page error:', String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { context, page, cdp, url: server.url + side.path + hash };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

// Peak JS heap while something loads: CDP samples every 50 ms (the heap after GC would hide
// what parsing a snapshot costs on the way).
function heapSampler(cdp) {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try { peak = Math.max(peak, (await metrics(cdp)).JSHeapUsedSize); } catch { /* page navigating */ }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { async stop() { stopped = true; await loop; return peak; } };
}

const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));

// --- measurements ---------------------------------------------------------------------------
async function coldStart(browser, server, side) {
  const { context, page, url } = await open(browser, server, side);
  const cpuBefore = browserCpuSeconds();
  await page.goto(url, { waitUntil: 'commit' });
  await side.loaded(page);
  const cpu = cpuSecondsSince(cpuBefore);
  await side.ready(page);
  const { timing } = await side.state(page);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  await context.close();
  return { ...timing, fcp_ms: fcp, cpu_ms: cpu.total * 1000, cpu_by_type: cpu.byType };
}

// One phase: STEPS steps of `step(i)` each followed by one animation frame. CPU per step is
// the main thread's CPU over the phase, less what the same number of bare animation-frame
// round trips cost (the harness), over the frames the page drew.
async function phase(page, cdp, side, step) {
  const before = await metrics(cdp);
  const s0 = await side.state(page);
  const b0 = browserCpuSeconds();
  for (let i = 0; i < STEPS; i++) {
    await step(i);
    await nextFrame(page);
  }
  await nextFrame(page);
  await nextFrame(page);
  const after = await metrics(cdp);
  const s1 = await side.state(page);
  const b1 = browserCpuSeconds();
  return {
    cpu_ms: (after.ThreadTime - before.ThreadTime) * 1000,
    task_ms: (after.TaskDuration - before.TaskDuration) * 1000,
    browser_ms: cpuSecondsBetween(b0, b1) * 1000,
    script_ms: s1.script_ms - s0.script_ms,
    frames: s1.frames - s0.frames,
    presented: s1.presented - s0.presented,
    pixels: s1.pixels - s0.pixels,
  };
}

async function harnessCost(page, cdp, side) {
  return phase(page, cdp, side, async () => {});
}

// Per input step: each step asks for one redraw (uPlot draws once per step; ours builds an
// ImGui frame or two while it settles and presents those that differ from the screen), so
// this is what one mouse move, one zoom or one forced redraw costs each page.
function perFrame(result, baseline) {
  const n = STEPS;
  return { cpu: Math.max(0, result.cpu_ms - baseline.cpu_ms) / n, task: Math.max(0, result.task_ms - baseline.task_ms) / n,
    script: result.script_ms / n, frames: result.frames,
    browser: Math.max(0, result.browser_ms - baseline.browser_ms) / n,
    redrawn: result.presented > 0 ? result.pixels / result.presented / (VIEWPORT.width * VIEWPORT.height) : 0,
    presented: result.presented };
}

// Pan/zoom, the same mouse input on both pages, from (cx, cy): one wheel step in first (to
// 80 % of the range), so the drag has room to pan (at the whole range a drag cannot move the
// view and its steps would redraw nothing), then STEPS / 2 drag steps and STEPS / 2 wheel
// steps. Drags are plain mouse input, not page.mouse (see raw_drag.mjs).
async function panZoomPhase(page, cdp, side, cx, cy) {
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -100);
  await nextFrame(page);
  const drag = rawDrag(cdp);
  await drag.down(cx, cy);
  const result = await phase(page, cdp, side, async (i) => {
    if (i === STEPS / 2) await drag.up(cx, cy);
    if (i < STEPS / 2) await drag.move(cx + 40 * Math.sin(i / 3), cy);
    else await page.mouse.wheel(0, i % 2 ? 100 : -100);
  });
  await page.mouse.move(0, 0);
  return result;
}

// Ours: idle frames are forced with a resize event (the page redraws on resize); hover and
// drag are real mouse input over the chart panel; zoom is the wheel.
async function ourPhases(page, cdp, panel) {
  const cx = (panel[0] + panel[2]) / 2;
  const cy = (panel[1] + panel[3]) / 2;
  const w = panel[2] - panel[0];
  const base = await harnessCost(page, cdp, OURS);
  const idle = await phase(page, cdp, OURS, () => page.evaluate(() => window.dispatchEvent(new Event('resize'))));
  const hover = await phase(page, cdp, OURS, (i) => page.mouse.move(panel[0] + 60 + ((i * 13) % (w - 120)), cy));
  const pan = await panZoomPhase(page, cdp, OURS, cx, cy);
  await page.mouse.dblclick(cx, cy);  // reset the view for whoever comes next
  return { idle: perFrame(idle, base), hover: perFrame(hover, base), pan: perFrame(pan, base) };
}

// uPlot: an idle frame is redraw() (paths rebuilt, nothing changed), hover is real mouse
// input over the plot (uPlot moves its cursor and legend in the DOM), pan/zoom is real drags
// and wheel steps too, each setting the x scale (uPlot redraws everything).
async function uplotPhases(page, cdp, which) {
  await page.evaluate((w) => document.getElementById(w === 'large' ? 'large' : 'chart').scrollIntoView(), which);
  const rect = await page.evaluate((w) => window.uplotBench.plotRect(w), which);
  const cy = rect.y + rect.height / 2;
  const base = await harnessCost(page, cdp, UPLOT);
  const idle = await phase(page, cdp, UPLOT, () => page.evaluate((w) => window.uplotBench.redraw(w), which));
  const hover = await phase(page, cdp, UPLOT, (i) => page.mouse.move(rect.x + 20 + ((i * 13) % (rect.width - 40)), cy));
  // The page adds drag-to-pan and wheel zoom (bench/uplot/uplot_bench.js panZoom).
  const pan = await panZoomPhase(page, cdp, UPLOT, rect.x + rect.width / 2, cy);
  // The same steps as script calls to setScale, with no input at all: what the sixth and
  // seventh sessions compared our mouse-driven steps with.
  const setScale = await phase(page, cdp, UPLOT, (i) => page.evaluate(([w, j, half]) => (j < half
    ? window.uplotBench.setView(w, 0.02 * Math.sin(j / 3), 0.95)
    : window.uplotBench.setView(w, 0, j % 2 ? 0.5 : 0.95)), [which, i, STEPS / 2]));
  // uPlot's hover draws no canvas frame; each mouse step is one frame the browser paints.
  return { idle: perFrame(idle, base), hover: perFrame(hover, base), pan: perFrame(pan, base), setScale: perFrame(setScale, base) };
}

async function idleCost(page, cdp, side) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);  // frames queued by the last input end
  const m0 = await metrics(cdp);
  const s0 = await side.state(page);
  const b0 = browserCpuSeconds();
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const m1 = await metrics(cdp);
  const s1 = await side.state(page);
  const b1 = browserCpuSeconds();
  return {
    main_pct: (m1.ThreadTime - m0.ThreadTime) / IDLE_SECONDS * 100,
    browser_pct: cpuSecondsBetween(b0, b1) / IDLE_SECONDS * 100,
    frames: s1.frames - s0.frames,
  };
}

async function ourSession(browser, server) {
  const { context, page, cdp, url } = await open(browser, server, OURS);
  const sampler = heapSampler(cdp);
  await page.goto(url, { waitUntil: 'commit' });
  await OURS.ready(page);
  // The hover overlay is made just after the data's frame: its set-up counts in the memory
  // figures, and the hover rows measure with it.
  await page.waitForFunction(() => !window.divboard.state().overlay.pending, null, { timeout: 60000 });
  const jsPeak = await sampler.stop();
  let s = await OURS.state(page);
  const memory = { wasm: s.wasm, js: jsPeak, parts: s.parts };
  log('ours: idle for', IDLE_SECONDS, 's');
  const idle = await idleCost(page, cdp, OURS);
  log('ours: frame phases at the default snapshot');
  const small = await ourPhases(page, cdp, s.targets['panel:overview_main']);

  log('ours: the gallery with the 10M-point series');
  await page.evaluate(() => { location.hash = '#view=gallery'; });
  await page.waitForFunction(() => window.divboard.state().targets['gallery:large'] !== undefined);
  // The gallery is taller than the window: scroll (the wheel over the right margin scrolls
  // the window, over a chart it would zoom the chart) until a control is wholly on screen.
  const scrollTo = async (key) => {
    for (let tries = 0; tries < 60; tries++) {
      const r = (await OURS.state(page)).targets[key];
      if (r && r[1] >= 0 && r[3] <= VIEWPORT.height - 4) return r;
      await page.mouse.move(VIEWPORT.width - 6, VIEWPORT.height / 2);
      await page.mouse.wheel(0, r && r[1] < 0 ? -200 : 200);
      await page.waitForTimeout(60);
    }
    throw new Error(`ours: could not scroll ${key} into view`);
  };
  const box = await scrollTo('gallery:large');
  const sampler2 = heapSampler(cdp);
  await page.mouse.click(box[0] + 8, (box[1] + box[3]) / 2);
  const largeKey = await page.waitForFunction(() => Object.keys(window.divboard.state().targets)
    .find((k) => k.startsWith('panel:10 million')), null, { timeout: 120000 });
  await page.waitForTimeout(300);
  const largeState = await OURS.state(page);
  const largeMemory = { wasm: largeState.wasm, js: await sampler2.stop(), parts: largeState.parts };
  const key = await largeKey.jsonValue();
  const panel = await scrollTo(key);
  const large = await ourPhases(page, cdp, [panel[0], panel[1] + 40, panel[2], panel[3]]);
  await context.close();
  return { memory, largeMemory, idle, small, large };
}

async function uplotSession(browser, server) {
  const { context, page, cdp, url } = await open(browser, server, UPLOT);
  const sampler = heapSampler(cdp);
  await page.goto(url, { waitUntil: 'commit' });
  await UPLOT.ready(page);
  const memory = { wasm: 0, js: await sampler.stop() };
  const info = await UPLOT.state(page);
  log('uPlot: idle for', IDLE_SECONDS, 's');
  const idle = await idleCost(page, cdp, UPLOT);
  log('uPlot: frame phases at the default snapshot');
  const small = await uplotPhases(page, cdp, 'chart');
  log('uPlot: the 10M-point series');
  const sampler2 = heapSampler(cdp);
  const built = await page.evaluate((n) => window.uplotBench.showLarge(n), LARGE_POINTS);
  await nextFrame(page);
  const largeMemory = { wasm: 0, js: await sampler2.stop() };
  const large = await uplotPhases(page, cdp, 'large');
  await context.close();
  return { memory, largeMemory, idle, small, large, info, built };
}

// The JS heap of a page with no script at all, in the same browser: the floor under any page's
// figure (V8's own objects for a realm, the DOM wrappers), ours and uPlot's alike.
async function blankPageHeap(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.setContent('<!doctype html><title>blank</title><p>blank</p>');
  await nextFrame(page);
  const heap = (await metrics(cdp)).JSHeapUsedSize;
  await context.close();
  return heap;
}

// --- the run --------------------------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const server = await startIsolatedNginx(site);
// GPU_COMPOSITING=1: both pages composited through SwiftShader's GL, as on a machine with a GPU.
const GPU_COMPOSITING = process.env.GPU_COMPOSITING === '1';
const browser = await launchBrowser({ gpuCompositing: GPU_COMPOSITING });
let ours;
let theirs;
let blankHeap;
const cold = { ours: [], uPlot: [] };
try {
  for (let i = 0; i < COLD_LOADS; i++) {
    log(`cold start ${i + 1}/${COLD_LOADS}`);
    // Alternating, so a busy moment on the machine hits both pages alike.
    cold.ours.push(await coldStart(browser, server, OURS));
    cold.uPlot.push(await coldStart(browser, server, UPLOT));
  }
  if (!COLD_ONLY) {
    ours = await ourSession(browser, server);
    theirs = await uplotSession(browser, server);
    blankHeap = await blankPageHeap(browser);
  }
} finally {
  await browser.close();
  await server.stop();
}

const MB = 1024 * 1024;
const rows = [];
const fmt = (v, unit, digits = 2) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits) + unit);
function row(what, a, b, unit, goal, verdict, digits = 2) {
  const ratio = b > 0 ? a / b : null;
  rows.push([what, fmt(a, unit, digits), fmt(b, unit, digits), ratio === null ? '—' : ratio.toFixed(2) + 'x', goal,
    verdict === undefined ? '' : verdict ? 'met' : 'MISSED']);
  return ratio;
}
const coldMedian = (side, key) => median(cold[side].map((t) => t[key]));
const firstOurs = coldMedian('ours', 'first_frame_ms');
const firstTheirs = coldMedian('uPlot', 'first_frame_ms');
const dataOurs = coldMedian('ours', 'data_frame_ms');
const dataTheirs = coldMedian('uPlot', 'data_frame_ms');
row(`cold start: first paint, FCP (median of ${COLD_LOADS})`, coldMedian('ours', 'fcp_ms'), coldMedian('uPlot', 'fcp_ms'), ' ms', '—', undefined, 0);
row(`cold start: first chart frame (median of ${COLD_LOADS})`, firstOurs, firstTheirs, ' ms', '—', undefined, 0);
row(`cold start: data on screen (median of ${COLD_LOADS})`, dataOurs, dataTheirs, ' ms', '<= 1.5x uPlot', dataOurs <= 1.5 * dataTheirs, 0);
row(`cold start: CPU of all Chromium processes (median)`, coldMedian('ours', 'cpu_ms'), coldMedian('uPlot', 'cpu_ms'), ' ms', '—', undefined, 0);
// Per process type, medians over the loads (each type's own median, so they need not add up).
const coldCpuByType = (side) => {
  const types = [...new Set(cold[side].flatMap((t) => Object.keys(t.cpu_by_type)))].sort();
  return types.map((type) => `${type} ${median(cold[side].map((t) => (t.cpu_by_type[type] || 0) * 1000)).toFixed(0)}`).join(', ');
};
const coldCpuLine = `  cold start CPU by process, ms (from navigation to data on screen; /proc, 10 ms ticks): ours ${coldCpuByType('ours')}; ` +
  `uPlot ${coldCpuByType('uPlot')}`;
if (COLD_ONLY) {
  const list = (side, key) => cold[side].map((t) => t[key].toFixed(0)).join(' ');
  console.log(`divboard vs uPlot ${uplotVersion}, cold start only: Chromium ${browser.version()}`);
  for (const r of rows) console.log(r.join('  '));
  for (const key of ['first_frame_ms', 'data_frame_ms', 'cpu_ms']) console.log(`  ${key}: ours ${list('ours', key)}; uPlot ${list('uPlot', key)}`);
  console.log(coldCpuLine);
  process.exit(0);
}
for (const [size, label] of [['small', 'default snapshot'], ['large', '10M points']]) {
  for (const [kind, what] of [['idle', 'idle (redraw)'], ['hover', 'hover (cursor)'], ['pan', 'pan/zoom (drag, wheel)']]) {
    const a = ours[size][kind].cpu;
    const b = theirs[size][kind].cpu;
    const tenM = size === 'large';
    const ok = a <= b && (!tenM || a < 8);
    row(`frame CPU, ${label}, ${what}`, a, b, ' ms', tenM ? '<= uPlot and < 8 ms' : '<= uPlot', ok);
  }
}
row(`idle ${IDLE_SECONDS} s: main-thread CPU, % of a core`, ours.idle.main_pct, theirs.idle.main_pct, ' %', '< 1 %', ours.idle.main_pct < 1);
row(`idle ${IDLE_SECONDS} s: all Chromium processes, % of a core`, ours.idle.browser_pct, theirs.idle.browser_pct, ' %', '—');
row(`idle ${IDLE_SECONDS} s: frames drawn`, ours.idle.frames, theirs.idle.frames, '', '0', ours.idle.frames === 0, 0);
const memOurs = (m) => (m.wasm + m.js) / MB;
row('peak memory, default snapshot (MB)', memOurs(ours.memory), theirs.memory.js / MB, '', '<= uPlot', memOurs(ours.memory) <= theirs.memory.js / MB, 1);
row('peak memory, 10M points (MB)', memOurs(ours.largeMemory), theirs.largeMemory.js / MB, '', '<= uPlot',
  memOurs(ours.largeMemory) <= theirs.largeMemory.js / MB, 1);

const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...[['measure', 'ours', 'uPlot', 'ours/uPlot', 'goal', ''], ...rows].map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
console.log(`divboard vs uPlot ${uplotVersion}: Chromium ${browser.version()}, one run, ${VIEWPORT.width}x${VIEWPORT.height} at DPR 1, ` +
  `WebGL on SwiftShader (CPU), ${GPU_COMPOSITING ? 'composited through its GL (GPU_COMPOSITING=1)' : 'software compositing'}; snapshot ${theirs.info.snapshot} (${theirs.info.points.x} days); 10M = the gallery's random walk`);
console.log(line(['measure', 'ours', 'uPlot', 'ours/uPlot', 'goal', '']));
for (const r of rows) console.log(line(r));
console.log('details:');
console.log(`  cold start: from navigation start to the browser's first contentful paint (ours: the loading splash), ` +
  `the chart's first frame (ours: the canvas' first, which is the data's: nothing is drawn under the splash) and the first frame ` +
  `showing the snapshot's data, each taken at the first animation frame after the frame that drew it (web/loader.js frameDrawn); ` +
  `${COLD_LOADS} fresh loads each, alternating`);
console.log(coldCpuLine);
console.log(`  frame CPU: CDP Performance.getMetrics ThreadTime (renderer main-thread CPU, all of it: ` +
  `script, style, layout, paint, GC, canvas raster and read-back), ${STEPS} input steps per phase, one animation frame each, less the same ` +
  `steps with no input, per input step (one redraw request: uPlot draws once; ours builds and presents what changed). Not in it: the GPU process' SwiftShader rasterisation of our WebGL frames ` +
  `(the all-processes line below has it).`);
for (const [size, label] of [['small', 'default'], ['large', '10M']]) {
  const t = (side) => ['idle', 'hover', 'pan'].map((k) => side[size][k].task.toFixed(2)).join(' / ');
  console.log(`  scheduler tasks only (TaskDuration, the measure until the eighth session), ${label}, idle / hover / pan/zoom: ours ${t(ours)} ms, uPlot ${t(theirs)} ms`);
}
for (const [size, label] of [['small', 'default'], ['large', '10M']]) {
  const d = (side, k) => `${side[size][k].script.toFixed(2)} ms (${side[size][k].frames} frames built, ${side[size][k].presented} presented)`;
  console.log(`  in-page script time per step, ${label}: ours idle ${d(ours, 'idle')}, hover ${d(ours, 'hover')}, pan/zoom ${d(ours, 'pan')}; ` +
    `uPlot redraw ${d(theirs, 'idle')}, cursor ${theirs[size].hover.script.toFixed(2)} ms, pan/zoom ${d(theirs, 'pan')}`);
  console.log(`  uPlot's pan/zoom steps as script calls to setScale, no input (the pan row until the eighth session), ${label}: ` +
    `main thread ${theirs[size].setScale.cpu.toFixed(2)} ms, script ${theirs[size].setScale.script.toFixed(2)} ms per step; ours / that: ` +
    `${(ours[size].pan.cpu / theirs[size].setScale.cpu).toFixed(2)}x`);
}
// The GPU process' rasterisation of our WebGL (SwiftShader here) is not on the main thread,
// where the goal rows look: this line shows each page's whole cost, every process included.
const all = (side, size) => ['idle', 'hover', 'pan'].map((k) => side[size][k].browser.toFixed(2)).join(' / ');
console.log(`  all Chromium processes' CPU per step (renderer, GPU process with SwiftShader, browser; /proc, 10 ms ticks), ` +
  `idle / hover / pan: default ours ${all(ours, 'small')} ms, uPlot ${all(theirs, 'small')} ms; ` +
  `10M ours ${all(ours, 'large')} ms, uPlot ${all(theirs, 'large')} ms`);
// Our presented frames redraw only the tiles that changed (src/ui/damage_tiles.h).
const share = (size) => ['hover', 'pan'].map((k) => (ours[size][k].redrawn * 100).toFixed(0) + ' %').join(' / ');
console.log(`  canvas redrawn per presented frame (ours), hover / pan: default ${share('small')}, 10M ${share('large')}`);
console.log(`  memory: ours = wasm memory (${(ours.memory.wasm / MB).toFixed(1)} MB; ${(ours.largeMemory.wasm / MB).toFixed(1)} MB with 10M) + ` +
  `peak JS heap (${(ours.memory.js / MB).toFixed(1)} / ${(ours.largeMemory.js / MB).toFixed(1)} MB); uPlot = peak JS heap; ` +
  `CDP JSHeapUsedSize sampled every 50 ms while loading; a blank page's JS heap: ${(blankHeap / MB).toFixed(1)} MB`);
// Where our wasm memory goes (state().memory, src/platform/web/memory_report.h).
const mb = (bytes) => (bytes / MB).toFixed(2);
for (const [label, m] of [['default', ours.memory], ['10M', ours.largeMemory]]) {
  const p = m.parts;
  console.log(`  wasm memory parts, ${label}: ${mb(p.wasm_memory)} MB = static data ${mb(p.static_bytes)} + stack ${mb(p.stack_bytes)} ` +
    `(deepest use ${mb(p.stack_peak_bytes)}) + heap peak ${mb(p.heap_peak_footprint_bytes)} + unused ` +
    `${mb(p.wasm_memory - p.static_bytes - p.stack_bytes - p.heap_peak_footprint_bytes)}; heap in use now ${mb(p.heap_in_use_bytes)}: ` +
    `columns ${mb(p.series_bytes)}, 10M series ${mb(p.gallery_large_bytes)}, decimation summaries ${mb(p.pyramid_bytes)}, ` +
    `ImGui draw buffers ${mb(p.draw_buffer_bytes)}; glyph atlas ${p.font_atlas.width}x${p.font_atlas.height} on the GPU ` +
    `(CPU copy kept: ${mb(p.font_atlas.cpu_bytes)})`);
  // Which step of the start-up set the peak (memory_report.h, NoteMemoryMoment).
  if (label === 'default') {
    console.log(`  heap in use / peak so far, default: ` +
      (p.moments || []).map((x) => `${x.name} ${mb(x.in_use)} / ${mb(x.peak)}`).join(', ') + ' MB');
  }
}
console.log(`  uPlot 10M: x a Float64Array, y an Array with null gaps (uPlot's gap marker); built in ${theirs.built.ms.toFixed(0)} ms; ` +
  `first/last value ${theirs.built.first} / ${theirs.built.last}`);
