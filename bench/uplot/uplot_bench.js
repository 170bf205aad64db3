// The uPlot side of bench/run_uplot_bench.mjs: plots what divboard's overview plots (DAU and
// daily purchasing users, totals) from the snapshot the dashboard loads — found the same way,
// through ../data/manifest.json — and, on request, the gallery's 10M-point random walk.
// window.uplotBench gives the runner timings and the calls it times (redraw, pan/zoom).
'use strict';

(function () {
  const DAY_S = 86400;
  const bench = {
    status: 'loading', error: null, firstFrameMs: null, dataFrameMs: null,
    draws: 0, points: {}, snapshot: null,
    // In-page timers: from a call (or the mouse event that moves the cursor) to the end of
    // uPlot's synchronous drawing; summed per kind so the runner can take deltas.
    timed: { redraw: { count: 0, ms: 0 }, cursor: { count: 0, ms: 0 } },
  };
  let chart = null;
  let large = null;
  let cursorStart = null;

  // The first frame after a draw: uPlot draws synchronously into its canvas, the browser
  // shows it at the next animation frame (ours is timed the same way, web/loader.js).
  function afterNextFrame(fn) { requestAnimationFrame(() => fn(performance.now())); }

  function onDraw() {
    bench.draws += 1;
    if (bench.firstFrameMs === null && bench.draws === 1) afterNextFrame((t) => { bench.firstFrameMs = t; });
  }

  // Mouse events reach uPlot's own listeners after this capturing one: the time to its
  // setCursor hook is what a cursor move costs in script.
  window.addEventListener('mousemove', () => { cursorStart = performance.now(); }, true);
  function onCursor() {
    if (cursorStart === null) return;
    bench.timed.cursor.count += 1;
    bench.timed.cursor.ms += performance.now() - cursorStart;
    cursorStart = null;
  }

  function options(title, width, height, series, axes) {
    return {
      title, width, height, series, axes,
      scales: { x: { time: true } },
      // Dragging pans (panZoom below) instead of selecting a range to zoom to.
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [onDraw], setCursor: [onCursor], ready: [panZoom] },
    };
  }

  // Drag-to-pan and wheel zoom, as divboard's charts do them (src/ui/time_chart.cpp: 0.8 of
  // the span per wheel notch about the day under the cursor, pans and zooms kept within the
  // data), so the bench can send both pages the same mouse input. uPlot has neither built in;
  // its demos add them with a plugin like this one. Each redraw is timed as a call's is.
  // Positions come from uPlot's own state (the cursor, the plot box), not from the DOM,
  // which would force a layout in the middle of uPlot's event handling.
  function panZoom(u) {
    const bounds = () => [u.data[0][0], u.data[0][u.data[0].length - 1]];
    const set = (min, max) => {
      const [first, last] = bounds();
      const span = Math.min(max - min, last - first);
      min = Math.min(Math.max(min, first), last - span);
      timedBatch(u, () => u.setScale('x', { min, max: min + span }));
    };
    u.over.addEventListener('wheel', (e) => {
      e.preventDefault();
      const { min, max } = u.scales.x;
      const anchor = u.cursor.left >= 0 ? u.posToVal(u.cursor.left, 'x') : (min + max) / 2;
      const factor = Math.pow(0.8, -e.deltaY / 100);
      set(anchor - (anchor - min) * factor, anchor + (max - anchor) * factor);
    }, { passive: false });
    let lastX = null;
    u.over.addEventListener('mousedown', (e) => { if (e.button === 0) lastX = e.clientX; });
    window.addEventListener('mouseup', () => { lastX = null; });
    window.addEventListener('mousemove', (e) => {
      if (lastX === null || e.clientX === lastX) return;
      const { min, max } = u.scales.x;
      const shift = -(e.clientX - lastX) * (max - min) / (u.bbox.width / uPlot.pxRatio);
      lastX = e.clientX;
      set(min + shift, max + shift);
    });
  }

  function chartSize() {
    return { width: Math.max(320, window.innerWidth - 48), height: Math.max(240, Math.round(window.innerHeight * 0.6)) };
  }

  function overviewChart() {
    const { width, height } = chartSize();
    const axis = { stroke: '#c8c8c8', grid: { stroke: '#2a2d35' } };
    return new uPlot(options('DAU vs daily purchasing users', width, height, [
      {},
      { label: 'DAU', stroke: '#56b4e9', width: 1.5, scale: 'dau' },
      { label: 'Daily purchasing users', stroke: '#e69f00', width: 1.5, scale: 'dpu' },
    ], [
      axis,
      // Wide enough for "110,000,000": uPlot's default 50 px clips the labels.
      { ...axis, scale: 'dau', size: 96 },
      { ...axis, scale: 'dpu', side: 1, size: 80, grid: { show: false } },
    ]), [[], [], []], document.getElementById('chart'));
  }

  // Days from the snapshot's series (null for a day without data) as uPlot's aligned columns.
  function columns(snapshot, ids) {
    const totals = ids.map((id) => snapshot.series.find((s) => s.metric === id && (!s.dims || Object.keys(s.dims).length === 0)));
    if (totals.some((s) => !s)) throw new Error('snapshot has no total series for ' + ids.join(' / '));
    const startDay = (s) => Date.parse(s.start + 'T00:00:00Z') / 1000 / DAY_S;
    const first = Math.min(...totals.map(startDay));
    const last = Math.max(...totals.map((s) => startDay(s) + s.values.length - 1));
    const x = new Float64Array(last - first + 1);
    for (let i = 0; i < x.length; i++) x[i] = (first + i) * DAY_S;
    const ys = totals.map((s) => {
      const y = new Array(x.length).fill(null);
      const offset = startDay(s) - first;
      s.values.forEach((v, i) => { y[offset + i] = v; });
      return y;
    });
    return [x, ...ys];
  }

  async function fetchJson(url) {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    return response.json();
  }

  async function load() {
    const manifestUrl = new URL('../data/manifest.json', location.href);
    const manifest = await fetchJson(manifestUrl);
    const newest = manifest.snapshots[0];
    const snapshotUrl = new URL(newest.path, manifestUrl);
    const snapshot = await fetchJson(snapshotUrl);
    const data = columns(snapshot, ['dau', 'dpu']);
    bench.snapshot = snapshotUrl.pathname;
    bench.points = { x: data[0].length, dau: data[1].filter((v) => v !== null).length, dpu: data[2].filter((v) => v !== null).length };
    bench.lastDau = data[1][data[1].length - 1];
    const drawsBefore = bench.draws;
    chart.setData(data);
    // setData draws in a microtask; the frame that shows it is the one after that draw.
    await Promise.resolve();
    if (bench.draws === drawsBefore) await new Promise((r) => setTimeout(r, 0));
    afterNextFrame((t) => { bench.dataFrameMs = t; bench.status = 'ready'; });
  }

  // divboard's gallery series (src/ui/gallery.cpp MakeLargeSeries): xorshift64 (13, 7, 17)
  // on two 32-bit halves, a step of (state % 2001 - 1000) / 100, a gap every 37th block of
  // 100,000 points; one point a minute from 2007-01-01. The same doubles as the C++.
  function largeSeries(count) {
    const x = new Float64Array(count);
    const y = new Array(count);
    let hi = 0x9E3779B9 >>> 0, lo = 0x7F4A7C15 >>> 0;
    const TWO32_MOD = 4294967296 % 2001;
    const x0 = Date.UTC(2007, 0, 1) / 1000;
    let level = 1000;
    for (let i = 0; i < count; i++) {
      let h, l;
      h = ((hi << 13) | (lo >>> 19)) >>> 0; l = (lo << 13) >>> 0; hi = (hi ^ h) >>> 0; lo = (lo ^ l) >>> 0;
      l = ((lo >>> 7) | (hi << 25)) >>> 0; h = hi >>> 7; hi = (hi ^ h) >>> 0; lo = (lo ^ l) >>> 0;
      h = ((hi << 17) | (lo >>> 15)) >>> 0; l = (lo << 17) >>> 0; hi = (hi ^ h) >>> 0; lo = (lo ^ l) >>> 0;
      const r = ((hi % 2001) * TWO32_MOD + (lo % 2001)) % 2001;
      level += (r - 1000) / 100;
      x[i] = x0 + i * 60;
      y[i] = Math.floor(i / 100000) % 37 === 5 ? null : level;
    }
    return [x, y];
  }

  function target(which) { return which === 'large' ? large : chart; }

  function timedBatch(u, fn) {
    const start = performance.now();
    u.batch(fn);
    const ms = performance.now() - start;
    bench.timed.redraw.count += 1;
    bench.timed.redraw.ms += ms;
    return ms;
  }

  window.uplotBench = {
    state() {
      return {
        status: bench.status, error: bench.error, snapshot: bench.snapshot, points: bench.points,
        last_dau: bench.lastDau, draws: bench.draws, timed: bench.timed,
        timing: { first_frame_ms: bench.firstFrameMs, data_frame_ms: bench.dataFrameMs, since: 'navigation start' },
        large: large ? { points: large.data[0].length } : null,
      };
    },
    // The 10M-point chart, under the overview one (as the gallery shows it under the others).
    showLarge(count = 10000000) {
      const start = performance.now();
      const data = largeSeries(count);
      const { width, height } = chartSize();
      const axis = { stroke: '#c8c8c8', grid: { stroke: '#2a2d35' } };
      large = new uPlot(options('10 million points', width, height, [
        {}, { label: 'Random walk, 10M points', stroke: '#56b4e9', width: 1 },
      ], [axis, { ...axis, size: 80 }]), data, document.getElementById('large'));
      large.batch(() => {});  // draw now, inside the timed call
      return { ms: performance.now() - start, first: data[1][0], last: data[1][count - 1] };
    },
    // Everything drawn again, nothing changed: what an idle frame of ours does.
    redraw(which) { const u = target(which); return timedBatch(u, () => u.redraw(true, false)); },
    // The x range moved (pan) or narrowed/widened (zoom) by the given fractions of its span.
    setView(which, shift, scale) {
      const u = target(which);
      const x = u.data[0];
      const full = x[x.length - 1] - x[0];
      const span = full * scale;
      const mid = x[0] + full / 2 + shift * full;
      return timedBatch(u, () => u.setScale('x', { min: mid - span / 2, max: mid + span / 2 }));
    },
    // Where the plot area of a chart is on the page (CSS px), for real mouse input.
    plotRect(which) {
      const r = target(which).over.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    },
  };

  try {
    chart = overviewChart();
  } catch (e) {
    bench.status = 'error';
    bench.error = String(e);
    return;
  }
  load().catch((e) => { bench.status = 'error'; bench.error = String(e); });
})();
