// divboard's page loader: starts the WebAssembly app, fetches fonts, the manifest and the
// newest snapshot (or ?snapshot=) with progress, and hands the bytes to the app, which
// validates them. Exposes window.divboard.state() for tests and automation.
'use strict';

(function () {
  const MANIFEST_URL = 'data/manifest.json';
  const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
  // Test-only hooks, never set for real users: browser tests define window.divboardTestHooks
  // with playwright's page.addInitScript before this file runs, so that back-off and polling
  // waits take `timeScale` (0 < scale < 1) of their real length and a fetch times out after
  // `fetchTimeoutSeconds` (read at each fetch, so a test may change it). Nothing in the URL
  // or the data can set them.
  const testHooks = window.divboardTestHooks || {};
  const TIME_SCALE = testHooks.timeScale > 0 && testHooks.timeScale < 1 ? testHooks.timeScale : 1;
  // No byte for this long (or no answer at all) and a fetch is given up.
  const FETCH_TIMEOUT_SECONDS = 30;
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

  // A downloaded chunk into a parser (db_stream_feed, db_part_feed) a slice at a time: a fast
  // connection or a local server hands over a whole file as one chunk, and a copy of it in
  // the wasm heap would raise the memory's peak, which it keeps (docs/performance.md). The
  // parsers take any chunking. Returns what `feed` returned for the last slice it was given.
  const FEED_SLICE = 64 * 1024;
  function feedInSlices(bytes, feed) {
    let stop = 0;
    withBytes(bytes.subarray(0, Math.min(bytes.length, FEED_SLICE)), (ptr) => {
      for (let at = 0; at < bytes.length && !stop; at += FEED_SLICE) {
        const slice = bytes.subarray(at, Math.min(bytes.length, at + FEED_SLICE));
        if (at > 0) app.HEAPU8.set(slice, ptr);
        stop = feed(ptr, slice.length);
      }
    });
    return stop;
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

  // Thrown by a chunk consumer to stop a download whose document can no longer load.
  class StopDownload extends Error {}

  // A failed fetch, worded for the banner ("what went wrong"; the caller names the file).
  // `status` is the HTTP status when the server answered with an error.
  class FetchError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status || 0;
    }
  }

  function formatCount(n) {
    return n.toLocaleString('en-US');
  }

  function httpProblem(response) {
    const status = 'HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : '');
    if (response.status === 404) return 'not found (' + status + ')';
    if (response.status === 401 || response.status === 403) return 'access denied (' + status + ')';
    if (response.status >= 500) return 'the server failed (' + status + ')';
    return 'the server refused the request (' + status + ')';
  }

  function receivedText(received, total) {
    return formatCount(received) + (total ? ' of ' + formatCount(total) : '') + ' bytes';
  }

  function isSpace(byte) {
    return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
  }

  // Reads a response body chunk by chunk so progress can be shown, the size capped, a
  // stall timed out and a web page served in place of data recognised at its first byte.
  // With `onChunk`, chunks go to it as they arrive and nothing is kept; otherwise the body
  // is returned whole.
  async function readBody(response, o) {
    const total = Number(response.headers.get('Content-Length')) || 0;
    // A compressed body's Content-Length counts compressed bytes: only an uncompressed one
    // says exactly how many bytes should arrive.
    const exactTotal = response.headers.get('Content-Encoding') ? 0 : total;
    const cap = 'the ' + formatBytes(o.maxBytes) + ' size cap' + (o.capSource ? ' (' + o.capSource + ')' : '');
    if (total > o.maxBytes) throw new FetchError('too large: ' + formatBytes(total) + ' (Content-Length), over ' + cap);
    // No stream (a null body, an old browser): the whole body as one chunk.
    let whole = !response.body || !response.body.getReader;
    const reader = whole ? {
      read: async () => {
        if (!whole) return { done: true };
        whole = false;
        return { done: false, value: new Uint8Array(await response.arrayBuffer()) };
      },
    } : response.body.getReader();
    const chunks = [];
    let received = 0;
    let sniffed = !o.what;
    for (;;) {
      let part;
      try {
        part = await reader.read();
      } catch (e) {
        if (o.timedOut()) {
          throw new FetchError('timed out: the download stalled for ' + o.timeoutSeconds + ' s after ' +
            receivedText(received, exactTotal));
        }
        throw new FetchError('cut off: the connection closed after ' + receivedText(received, exactTotal));
      }
      if (part.done) break;
      o.arm();
      const value = part.value;
      if (!sniffed) {
        const first = value.findIndex((b) => !isSpace(b));
        if (first >= 0) {
          sniffed = true;
          if (value[first] === 0x3c) {  // '<': a proxy's error page, a sign-in page, a SPA fallback
            const type = (response.headers.get('Content-Type') || '').split(';')[0];
            throw new FetchError('an HTML page, not a ' + o.what + ' \u2014 status ' + response.status +
              (type ? ', ' + type : '') + ': the server answered with a web page (an error or sign-in page?)');
          }
        }
      }
      received += value.length;
      if (received > o.maxBytes) throw new FetchError('too large: over ' + cap + ', stopped after ' + formatBytes(received));
      if (o.onChunk) {
        o.onChunk(value);
      } else {
        chunks.push(value);
      }
      o.onProgress(received, total);
    }
    if (exactTotal && received < exactTotal) {
      throw new FetchError('cut off: the connection closed after ' + receivedText(received, exactTotal));
    }
    if (received === 0 && o.what) {
      // Worded as the core words an empty document, plus what only the page knows.
      throw new FetchError('empty document: the server answered HTTP ' + response.status + ' with no bytes');
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  // options: `what` ("snapshot", "manifest") turns on the checks for data; `maxBytes` and
  // `capSource` (where the cap was set) the size cap.
  async function fetchBytes(url, onProgress, onChunk, options = {}) {
    const controller = new AbortController();
    const timeoutSeconds = testHooks.fetchTimeoutSeconds > 0 ? testHooks.fetchTimeoutSeconds : FETCH_TIMEOUT_SECONDS;
    let timedOut = false;
    let timer = null;
    let finished = false;
    // Armed for the headers and again at each chunk: a large download that keeps moving is
    // never cut short, a stalled one is.
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutSeconds * 1000);
    };
    arm();
    try {
      let response;
      try {
        response = await fetch(url, { cache: 'no-cache', redirect: 'follow', credentials: 'same-origin', signal: controller.signal });
      } catch (e) {
        if (timedOut) throw new FetchError('timed out: no answer from the server within ' + timeoutSeconds + ' s');
        if (navigator.onLine === false) throw new FetchError('could not connect: the browser is offline');
        throw new FetchError('could not connect: the connection was refused or reset (or the server redirected to another origin, which is refused)');
      }
      if (new URL(response.url, location.href).origin !== location.origin) {
        throw new FetchError('redirected to another origin, refused');
      }
      if (!response.ok) throw new FetchError(httpProblem(response), response.status);
      const body = await readBody(response, {
        what: options.what, maxBytes: options.maxBytes || DEFAULT_MAX_BYTES, capSource: options.capSource,
        onProgress: onProgress || (() => {}), onChunk, arm, timedOut: () => timedOut, timeoutSeconds,
      });
      finished = true;
      return body;
    } finally {
      clearTimeout(timer);
      // Whatever stopped early (a cap, a web page, a document that can no longer load) frees the connection.
      if (!finished) controller.abort();
    }
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
      early.manifest = fetchBytes(MANIFEST_URL, null, null, { what: 'manifest' });
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

  // The manifest, handed to the app (its entries feed the "as of" picker and the Changes
  // view): {refresh_seconds, max_bytes, load} where load is the entry the view must fetch now
  // ({slot, files, key, packed?}: the newest, or the one the link picked; null when it is on
  // screen already), or {error}.
  async function readManifest() {
    let manifestBytes;
    try {
      manifestBytes = await (take('manifest') || fetchBytes(MANIFEST_URL, null, null, { what: 'manifest' }));
    } catch (e) {
      return { error: e.message };
    }
    const answer = JSON.parse(app.UTF8ToString(withCString(MANIFEST_URL, (m) =>
      withBytes(manifestBytes, (ptr, len) => app._db_manifest_list(m, ptr, len)))));
    if (answer.error) {
      answer.error = answer.error.split('\n').map((l) => l.replace(MANIFEST_URL + ': ', '')).join('; ');
    }
    return answer;
  }

  // The app has one streaming parser: downloads and local files take turns at it.
  let turn = Promise.resolve();
  function takeTurn(job) {
    const run = turn.then(job);
    turn = run.catch(() => {});
    return run;
  }

  function loadSnapshot(url, listing) {
    return takeTurn(() => streamSnapshot(url, listing));
  }

  // A snapshot from this computer (file button, drag and drop; web/local_file.js): read in
  // chunks through the same parser and checks as a download, named by its file name.
  // Nothing is uploaded. Returns whether it is now on screen; the last good data stays
  // otherwise.
  async function streamFile(file) {
    const name = file.name || 'dropped file';
    call('db_stream_begin', name);
    try {
      if (file.size > DEFAULT_MAX_BYTES) throw new Error('too large: ' + formatBytes(file.size) + ', over the ' + formatBytes(DEFAULT_MAX_BYTES) + ' size cap');
      const reader = file.stream().getReader();
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        app._db_progress(received, file.size);
        if (feedInSlices(value, (ptr, len) => app._db_stream_feed(ptr, len))) {
          reader.cancel();
          break;
        }
      }
    } catch (e) {
      call('db_fail', name, 'could not be read: ' + e.message);
      return false;
    }
    return Boolean(call('db_stream_finish', name));
  }

  function openFile(file) {
    if (!app) return Promise.resolve(false);
    return takeTurn(() => streamFile(file));
  }

  // One manifest entry: its files (one, or several parts) fetched side by side, each parsed
  // as it downloads by its own parser, then validated and merged by the app into `slot`
  // ("view", or the Changes view's "old" and "new"). Returns whether it is in.
  async function loadEntry(slot, files, key, maxBytes = DEFAULT_MAX_BYTES) {
    const fetchOptions = { what: 'snapshot', maxBytes,
      capSource: maxBytes !== DEFAULT_MAX_BYTES ? 'max_bytes in ' + MANIFEST_URL : '' };
    const label = files.join(' + ');
    const received = files.map(() => 0);
    const totals = files.map(() => 0);
    if (slot === 'view') call('db_begin_loading', label);
    const handles = files.map((url) => call('db_part_open', url));
    await Promise.all(files.map(async (url, i) => {
      const progress = (got, total) => {
        received[i] = got;
        totals[i] = total;
        if (slot === 'view') snapshotProgress(received.reduce((a, b) => a + b, 0), totals.reduce((a, b) => a + b, 0));
      };
      try {
        await fetchBytes(url, progress, (chunk) => {
          if (feedInSlices(chunk, (ptr, len) => app._db_part_feed(handles[i], ptr, len))) throw new StopDownload();
        }, fetchOptions);
      } catch (e) {
        if (!(e instanceof StopDownload)) {
          const missing = e.status === 404 ? ' \u2014 ' + MANIFEST_URL + ' lists it, but the server does not have it' : '';
          withCString(e.message + missing, (m) => app._db_part_fail(handles[i], m));
        }
      }
    }));
    if (slot === 'view') showSplash('Reading…', 1);
    return Boolean(call('db_parts_commit', slot, key, handles.join(',')));
  }

  // Parsed while it downloads: each chunk goes straight into the app's streaming parser.
  // Returns whether the snapshot is now on screen; the last good one stays otherwise.
  // `listing` is the manifest's answer when the manifest named the file (its size cap applies).
  async function streamSnapshot(url, listing) {
    const maxBytes = listing ? listing.max_bytes : DEFAULT_MAX_BYTES;
    call('db_stream_begin', url);
    try {
      await fetchBytes(url, snapshotProgress, (chunk) => {
        if (feedInSlices(chunk, (ptr, len) => app._db_stream_feed(ptr, len))) throw new StopDownload();
      }, { what: 'snapshot', maxBytes, capSource: maxBytes !== DEFAULT_MAX_BYTES ? 'max_bytes in ' + MANIFEST_URL : '' });
    } catch (e) {
      if (!(e instanceof StopDownload)) {
        const missing = listing && e.status === 404 ? ' \u2014 ' + MANIFEST_URL + ' lists it, but the server does not have it' : '';
        call('db_fail', url, e.message + missing);
        return false;
      }
    }
    showSplash('Reading…', 1);
    return Boolean(call('db_stream_finish', url));
  }

  // The manifest entry the view must show: its packed twin when listed (smaller, and read
  // without parsing numbers), the canonical JSON when there is none or the twin does not load.
  async function loadListed(answer) {
    const { slot, files, key, packed } = answer.load;
    if (packed && await loadEntry(slot, [packed], key, answer.max_bytes)) return true;
    return loadEntry(slot, files, key, answer.max_bytes);
  }

  // Auto-refresh: poll the manifest (the browser revalidates with ETag / If-None-Match), load
  // a snapshot only when the newest one changed, keep the view as it is. Failures back off
  // exponentially, capped, and the page recovers by itself when the server does.
  // `seconds` is the manifest's interval; the reader may pick another in the page (refresh=
  // in the link), read from the app each time a poll is scheduled.
  const refresh = { seconds: 300, failures: 0, timer: null, polls: 0, enabled: false, polling: false };
  const MAX_BACKOFF_SECONDS = 600;

  // The interval in force: the reader's pick, else the manifest's; null when turned off.
  function refreshSeconds() {
    const choice = app._db_refresh_choice();
    if (choice < 0) return null;
    return Math.max(10, choice > 0 ? choice : refresh.seconds);
  }

  function scheduleRefresh() {
    refresh.enabled = true;
    clearTimeout(refresh.timer);
    refresh.timer = null;
    // A failure is retried even with refresh off: the data on screen is stale until it is.
    const delay = refresh.failures === 0
      ? refreshSeconds()
      : Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** (refresh.failures - 1));
    if (delay !== null) refresh.timer = setTimeout(pollManifest, delay * 1000 * TIME_SCALE);
  }

  // The reader picked another interval: counted from now. A poll under way schedules the
  // next one itself; a pinned ?snapshot= is never polled.
  function refreshChanged() {
    if (refresh.enabled && !refresh.polling) scheduleRefresh();
  }

  async function pollManifest() {
    refresh.polls += 1;
    refresh.polling = true;
    const answer = await readManifest();
    let ok = !answer.error;
    if (answer.error) {
      call('db_fail', MANIFEST_URL, answer.error);
    } else {
      refresh.seconds = answer.refresh_seconds;
      if (answer.load) {
        ok = await loadListed(answer);
      } else {
        // Nothing newer: the data on screen is current as of now, and any error is over.
        app._db_recovered();
      }
    }
    refresh.failures = ok ? 0 : refresh.failures + 1;
    refresh.polling = false;
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
      if (answer.load && !(await loadListed(answer))) refresh.failures = 1;
    }
    scheduleRefresh();
  }

  function state() {
    if (!app) return { status: 'loading', snapshot: null, error: null, kpis: {} };
    const s = JSON.parse(app.UTF8ToString(app._db_state()));
    s.timing = { first_frame_ms: firstFrameMs, data_frame_ms: readyMs, since: 'navigation start' };
    s.refresh = { seconds: refresh.enabled ? refreshSeconds() : null, manifest_seconds: refresh.seconds,
      failures: refresh.failures, polls: refresh.polls };
    // The banner's "stale since" marker: when the data on screen was last known current.
    s.stale_since = s.error && s.has_data ? s.loaded_at || null : null;
    s.memory = JSON.parse(app.UTF8ToString(app._db_memory_report()));
    s.memory.wasm_heap_bytes = app.HEAPU8.length;  // the wasm memory never shrinks: its peak
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
  window.divboard = { state, openFile };

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
        // An "as of" pick or the Changes view asks for a snapshot the page has not fetched.
        divboardRefreshChanged: () => refreshChanged(),
        divboardRequestEntry: (slot, files, key, packed) => { loadListed({ load: { slot, files, key, packed } }); },
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
