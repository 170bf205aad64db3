// divboard's page loader: starts the WebAssembly app, fetches fonts, the manifest and the
// newest snapshot (or ?snapshot=) with progress, and hands the bytes to the app, which
// validates them. Exposes window.divboard.state() for tests and automation.
'use strict';

(function () {
  const MANIFEST_URL = 'data/manifest.json';
  const MAX_BYTES = 256 * 1024 * 1024;
  const splash = document.getElementById('splash');
  const splashText = document.getElementById('splash-text');
  const splashBar = document.getElementById('splash-bar');
  const splashDetail = document.getElementById('splash-detail');
  let app = null;
  let firstFrameMs = null;

  function formatBytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  function showSplash(text, fraction) {
    splashText.textContent = text;
    if (fraction !== undefined) splashBar.style.width = Math.round(Math.min(1, fraction) * 100) + '%';
  }

  function fatal(message) {
    splash.classList.remove('hidden');
    showSplash('divboard could not start');
    splashDetail.textContent = message;
  }

  function withCString(text, fn) {
    const size = app.lengthBytesUTF8(text) + 1;
    const ptr = app._malloc(size);
    app.stringToUTF8(text, ptr, size);
    try { return fn(ptr); } finally { app._free(ptr); }
  }

  function withBytes(bytes, fn) {
    const ptr = app._malloc(Math.max(1, bytes.length));
    if (!ptr) throw new Error('out of memory: the browser gave the page no room for ' + formatBytes(bytes.length));
    app.HEAPU8.set(bytes, ptr);
    try { return fn(ptr, bytes.length); } finally { app._free(ptr); }
  }

  function call(name, ...strings) {
    const ptrs = [];
    try {
      for (const s of strings) {
        const size = app.lengthBytesUTF8(s) + 1;
        const p = app._malloc(size);
        app.stringToUTF8(s, p, size);
        ptrs.push(p);
      }
      return app['_' + name](...ptrs);
    } finally {
      ptrs.forEach((p) => app._free(p));
    }
  }

  // Reads a response body chunk by chunk so progress can be shown and the size capped.
  // Thrown by a chunk consumer to stop a download whose document can no longer load.
  class StopDownload extends Error {}

  // With `onChunk`, chunks go to it as they arrive and nothing is kept; otherwise the body
  // is returned whole.
  async function readBody(response, onProgress, onChunk) {
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (total > MAX_BYTES) throw new Error('larger than the 256 MiB limit (' + formatBytes(total) + ')');
    if (!response.body || !response.body.getReader) {
      const buffer = new Uint8Array(await response.arrayBuffer());
      onProgress(buffer.length, total);
      if (onChunk) onChunk(buffer);
      return buffer;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > MAX_BYTES) {
        reader.cancel();
        throw new Error('larger than the 256 MiB limit');
      }
      if (onChunk) {
        onChunk(value);
      } else {
        chunks.push(value);
      }
      onProgress(received, total);
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  async function fetchBytes(url, onProgress, onChunk) {
    let response;
    try {
      response = await fetch(url, { cache: 'no-cache', redirect: 'follow', credentials: 'same-origin' });
    } catch (e) {
      throw new Error('network error: the server could not be reached, or it redirected to another origin (refused)');
    }
    if (new URL(response.url, location.href).origin !== location.origin) {
      throw new Error('redirected to another origin, refused');
    }
    if (!response.ok) throw new Error('HTTP ' + response.status + ' ' + (response.statusText || ''));
    return readBody(response, onProgress || (() => {}), onChunk);
  }

  async function fetchFont(file) {
    try {
      return await fetchBytes(file);
    } catch (e) {
      console.warn('divboard: font ' + file + ' not loaded (' + e.message + ')');
      return null;
    }
  }

  function setFont(bytes, slot) {
    if (bytes) withBytes(bytes, (ptr, len) => app._db_set_font(slot, ptr, len));
  }

  async function loadFont(file, slot) {
    setFont(await fetchFont(file), slot);
  }

  // Slots: 0 regular, 1 bold, 2 Chinese subset; 3, the larger Chinese fallback, is asked
  // for by the app when a snapshot names characters the subset lacks. The first three are
  // handed over together, so the app bakes its glyph atlas once rather than three times.
  const FONT_FILES = ['fonts/NotoSans-Regular.subset.ttf', 'fonts/NotoSans-Bold.subset.ttf', 'fonts/NotoSansSC-ui.subset.otf'];

  // The fonts and the manifest need no app to download: they start while the wasm compiles,
  // so the snapshot request goes out as soon as the app can read the manifest (make bench).
  const early = { fonts: null, manifest: null };
  function prefetch() {
    early.fonts = Promise.all(FONT_FILES.map(fetchFont));
    if (new URLSearchParams(location.search).get('snapshot') === null) {
      early.manifest = fetchBytes(MANIFEST_URL);
      early.manifest.catch(() => {});  // handled where it is awaited
    }
  }

  function take(key) {
    const promise = early[key];
    early[key] = null;
    return promise;
  }

  async function loadFonts() {
    const files = await (take('fonts') || Promise.all(FONT_FILES.map(fetchFont)));
    files.forEach(setFont);
  }

  function snapshotProgress(received, total) {
    app._db_progress(received, total);
    const text = 'Loading data… ' + formatBytes(received) + (total ? ' of ' + formatBytes(total) : '');
    showSplash(text, total ? received / total : 0.5);
  }

  // The newest snapshot the manifest lists: {path, key, refresh_seconds} or {error}.
  async function readManifest() {
    let manifestBytes;
    try {
      manifestBytes = await (take('manifest') || fetchBytes(MANIFEST_URL));
    } catch (e) {
      return { error: e.message };
    }
    const answer = JSON.parse(app.UTF8ToString(withCString(MANIFEST_URL, (m) =>
      withBytes(manifestBytes, (ptr, len) => app._db_manifest_newest(m, ptr, len)))));
    if (answer.error) {
      answer.error = answer.error.split('\n').map((l) => l.replace(MANIFEST_URL + ': ', '')).join('; ');
    }
    return answer;
  }

  // Parsed while it downloads: each chunk goes straight into the app's streaming parser.
  // Returns whether the snapshot is now on screen; the last good one stays otherwise.
  async function loadSnapshot(url) {
    call('db_stream_begin', url);
    try {
      await fetchBytes(url, snapshotProgress, (chunk) => {
        if (withBytes(chunk, (ptr, len) => app._db_stream_feed(ptr, len))) throw new StopDownload();
      });
    } catch (e) {
      if (!(e instanceof StopDownload)) {
        call('db_fail', url, e.message);
        return false;
      }
    }
    showSplash('Reading…', 1);
    return Boolean(call('db_stream_finish', url));
  }

  // Auto-refresh: poll the manifest (the browser revalidates with ETag / If-None-Match), load
  // a snapshot only when the newest one changed, keep the view as it is. Failures back off
  // exponentially, capped, and the page recovers by itself when the server does.
  const refresh = { key: null, seconds: 300, failures: 0, timer: null, polls: 0 };
  const MAX_BACKOFF_SECONDS = 600;

  function scheduleRefresh() {
    const delay = refresh.failures === 0
      ? refresh.seconds
      : Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** (refresh.failures - 1));
    refresh.timer = setTimeout(pollManifest, delay * 1000);
  }

  async function pollManifest() {
    refresh.polls += 1;
    const answer = await readManifest();
    let ok = !answer.error;
    if (answer.error) {
      call('db_fail', MANIFEST_URL, answer.error);
    } else {
      refresh.seconds = answer.refresh_seconds;
      if (answer.key !== refresh.key) {
        ok = await loadSnapshot(answer.path);
        if (ok) refresh.key = answer.key;
      } else if (refresh.failures > 0) {
        app._db_recovered();
      }
    }
    refresh.failures = ok ? 0 : refresh.failures + 1;
    scheduleRefresh();
  }

  async function loadData() {
    const params = new URLSearchParams(location.search);
    const url = params.get('snapshot');
    if (url !== null) {
      // A pinned snapshot (links, tests) is loaded once and not refreshed.
      const refused = app.UTF8ToString(call('db_check_path', url));
      if (refused) {
        call('db_fail', url, '?snapshot= refused: ' + refused);
        return;
      }
      await loadSnapshot(url);
      return;
    }
    showSplash('Loading the snapshot list…', 0.05);
    const answer = await readManifest();
    if (answer.error) {
      call('db_fail', MANIFEST_URL, answer.error);
      refresh.failures = 1;
    } else {
      refresh.seconds = answer.refresh_seconds;
      if (await loadSnapshot(answer.path)) refresh.key = answer.key;
      else refresh.failures = 1;
    }
    scheduleRefresh();
  }

  function state() {
    if (!app) return { status: 'loading', snapshot: null, error: null, kpis: {} };
    const s = JSON.parse(app.UTF8ToString(app._db_state()));
    s.timing = { first_frame_ms: firstFrameMs, data_frame_ms: readyMs, since: 'navigation start' };
    s.refresh = { seconds: refresh.seconds, failures: refresh.failures, polls: refresh.polls };
    s.memory = { wasm_heap_bytes: app.HEAPU8.length };  // the wasm memory never shrinks: its peak
    return s;
  }

  let readyMs = null;

  // Times from navigation start: the first frame drawn at all, and the first frame drawn
  // after the data is in (what a reader waits for).
  function watchFrames() {
    const tick = () => {
      const frames = app._db_frames_rendered();
      if (frames > 0 && firstFrameMs === null) firstFrameMs = performance.now();
      if (readyMs === null) {
        const status = app && JSON.parse(app.UTF8ToString(app._db_state())).status;
        if (status === 'ready' && frames > 0) {
          if (watchFrames.framesAtReady === undefined) {
            watchFrames.framesAtReady = frames;
          } else if (frames > watchFrames.framesAtReady) {
            readyMs = performance.now();
          }
        }
      }
      if (readyMs === null) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
  window.divboard = { state };

  async function start() {
    if (typeof createDivboard !== 'function') {
      fatal('The app script did not load (divboard.js).');
      return;
    }
    showSplash('Starting…', 0.02);
    prefetch();
    try {
      app = await createDivboard({
        canvas: document.getElementById('canvas'), print: console.log, printErr: console.warn,
        divboardRequestFont: (url, slot) => { loadFont(url, slot); },
        // An abort (out of memory on a giant snapshot, above all) leaves a message, not a dead page.
        onAbort: (what) => fatal('divboard stopped: ' + what + '. A snapshot may be too large for this browser.'),
      });
    } catch (e) {
      fatal('WebAssembly could not start: ' + e);
      return;
    }
    if (!call('db_init', '#canvas')) {
      app = null;
      fatal('This browser could not create a WebGL2 context, which divboard needs.');
      return;
    }
    call('db_set_hash', location.hash);
    // Back/forward between views, or a hash edited by hand.
    window.addEventListener('popstate', () => call('db_set_hash', location.hash));
    window.addEventListener('hashchange', () => call('db_set_hash', location.hash));
    watchFrames();
    // Fonts and data load side by side: the app draws with what it has and redraws as each arrives.
    await Promise.all([loadFonts(), loadData()]);
    splash.classList.add('hidden');
    document.getElementById('canvas').focus();
  }

  start();
})();
