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

  // Start-up steps on the performance timeline, for bench/trace_cold.mjs.
  function mark(name) {
    if (performance.mark) performance.mark('divboard:' + name);
  }

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
  // `capSource` (where the cap was set) the size cap; `signal` stops it from outside;
  // `onResponse` is called when the headers are in and the body is about to be read.
  async function fetchBytes(url, onProgress, onChunk, options = {}) {
    const controller = new AbortController();
    if (options.signal) options.signal.addEventListener('abort', () => controller.abort());
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
      if (options.onResponse) options.onResponse();
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
  // The app draws no frame before the fonts are in, so that it bakes its atlas once; a font
  // that has not come this long after the app started is not waited for (it is still handed
  // over, and baked, when it comes).
  const FONT_WAIT_MS = 2000;
  // How long db_init waits for the body of a manifest whose headers are in (start).
  const MANIFEST_BODY_WAIT_MS = 100;

  // The fonts and the manifest need no app to download: they start while the wasm compiles.
  // So does the snapshot the app will most likely ask for (guessSnapshot), so that it is in,
  // or nearly, by the time the app has read the manifest (make bench: cold start).
  const early = { fonts: null, manifest: null, manifestResponded: false, manifestSettled: null, snapshot: null,
    guessing: true };
  function prefetch() {
    early.fonts = Promise.all(FONT_FILES.map(fetchFont));
    if (new URLSearchParams(location.search).get('snapshot') === null) {
      // Taken over from web/preload.js's download when it started one (after it is in: a
      // fetch made before the preload has started would be a second request).
      window.divboardManifestAsked = true;
      const preloaded = window.divboardManifestPreload || Promise.resolve();
      early.manifest = preloaded.then(() => fetchBytes(MANIFEST_URL, null, null, { what: 'manifest',
        onResponse: () => { early.manifestResponded = true; } }));
      early.manifestSettled = early.manifest.then((bytes) => {
        const guess = guessSnapshot(bytes);
        if (guess && early.guessing) {
          mark('early fetch ' + guess.url);
          early.snapshot = earlyFetch(guess.url, guess.maxBytes);
        }
      }, () => {});  // a failure is handled where the manifest is awaited
    }
  }

  function take(key) {
    const promise = early[key];
    early[key] = null;
    return promise;
  }

  // A relative path the app accepts (core/url_policy.cpp CheckRelativePath), or stricter:
  // a guess never fetches what the app would refuse.
  function plainPath(path) {
    return typeof path === 'string' && path.length <= 512 && /^[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$/.test(path) &&
      !path.split('/').some((segment) => segment === '' || segment === '..' || segment === '.');
  }

  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const isDate = (v) => typeof v === 'string' && DATE.test(v) && new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) === v;
  const isCount = (v, min, max) => Number.isSafeInteger(v) && v >= min && v <= max;

  // Whether the app will accept this manifest, judged more strictly than the app does
  // (core/snapshot_json.cpp LoadManifest; entries with parts are not judged at all): a guess
  // made from a manifest the app then refuses would fetch a file for nothing.
  function plainManifest(m) {
    if (!m || typeof m !== 'object' || m.schema !== 'divboard.manifest' || m.version !== 1) return false;
    if (m.refresh_seconds !== undefined && !(typeof m.refresh_seconds === 'number' && m.refresh_seconds >= 0)) return false;
    if (m.max_bytes !== undefined && !isCount(m.max_bytes, 1, 1024 * 1024 * 1024)) return false;
    if (!Array.isArray(m.snapshots) || m.snapshots.length === 0) return false;
    const paths = new Set();
    let previous = null;
    for (const e of m.snapshots) {
      if (!e || typeof e !== 'object' || Array.isArray(e) || e.parts !== undefined || !plainPath(e.path) || paths.has(e.path)) return false;
      paths.add(e.path);
      if (e.packed !== undefined && !plainPath(e.packed)) return false;
      if (e.sha256 !== undefined && !(typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256))) return false;
      if (e.generated_at !== undefined && !(typeof e.generated_at === 'string' && TIME.test(e.generated_at))) return false;
      if (e.bytes !== undefined && !isCount(e.bytes, 0, Number.MAX_SAFE_INTEGER)) return false;
      if (!isDate(e.first) || !isDate(e.last) || e.last < e.first || (previous !== null && e.last > previous)) return false;
      previous = e.last;
    }
    return true;
  }

  // The file the app will ask for first, read from the manifest before the app can read it:
  // the newest entry's packed twin, else its one file, as the app resolves them against the
  // manifest's URL. Nothing when the link picks another snapshot (asof=) or the manifest is
  // anything unusual (parts, anything the app may refuse, ...): the app validates the
  // manifest itself and asks for what it wants, and a wrong guess is only dropped (dropEarly)
  // at the cost of bandwidth.
  function guessSnapshot(bytes) {
    if (/(^#|&)asof=/.test(location.hash)) return null;
    let manifest;
    try {
      manifest = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
    if (!plainManifest(manifest)) return null;
    const newest = manifest.snapshots[0];
    const path = newest.packed !== undefined ? newest.packed : newest.path;
    const maxBytes = manifest.max_bytes !== undefined ? manifest.max_bytes : DEFAULT_MAX_BYTES;
    return { url: MANIFEST_URL.slice(0, MANIFEST_URL.lastIndexOf('/') + 1) + path, maxBytes };
  }

  // A download started before anyone can read it: chunks and progress are kept until a
  // reader takes it over (consume), then passed on as they come. It ends, fails and times out
  // exactly as the same fetchBytes would for that reader, whose size cap it applies again.
  function earlyFetch(url, maxBytes) {
    const kept = [];
    let progress = null;
    let reader = null;
    const controller = new AbortController();
    const done = fetchBytes(url, (received, total) => {
      progress = [received, total];
      if (reader) reader.onProgress(received, total);
    }, (chunk) => {
      if (reader) reader.onChunk(chunk); else kept.push(chunk);
    }, { what: 'snapshot', maxBytes, capSource: maxBytes !== DEFAULT_MAX_BYTES ? 'max_bytes in ' + MANIFEST_URL : '',
      signal: controller.signal });
    done.catch(() => {});  // handled by the reader, or dropped with the guess
    return {
      url,
      maxBytes,
      drop() { controller.abort(); },
      // Same contract as fetchBytes(url, onProgress, onChunk): resolves when the body is in,
      // rejects with its FetchError, or with what onChunk threw (which stops the download).
      async consume(onProgress, onChunk) {
        try {
          for (const chunk of kept.splice(0)) onChunk(chunk);
          if (progress) onProgress(progress[0], progress[1]);
        } catch (e) {
          controller.abort();
          throw e;
        }
        reader = { onProgress, onChunk };
        await done;
      },
    };
  }

  // The early download of `url` when that is what was guessed; a guess for another file is
  // dropped. Only the first load may use one.
  function takeEarly(url, maxBytes) {
    const guess = early.snapshot;
    early.snapshot = null;
    if (guess && guess.url === url && guess.maxBytes === maxBytes) return guess;
    if (guess) guess.drop();
    return null;
  }

  function dropEarly() {
    early.guessing = false;
    if (early.snapshot) early.snapshot.drop();
    early.snapshot = null;
  }

  // Hands the start-up fonts to the app, then lets it draw: at once when they are in, after
  // FONT_WAIT_MS with whatever came otherwise (the rest follow as they arrive).
  async function loadFonts() {
    const files = take('fonts') || Promise.all(FONT_FILES.map(fetchFont));
    const timer = new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS, null));
    const inTime = await Promise.race([files, timer]);
    if (inTime) {
      inTime.forEach(setFont);
      mark('fonts in');
      app._db_fonts_settled();
      return;
    }
    console.warn('divboard: fonts not in after ' + FONT_WAIT_MS + ' ms; drawing without them');
    app._db_fonts_settled();
    (await files).forEach(setFont);
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
    mark('manifest read');
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
      const feed = (chunk) => {
        if (feedInSlices(chunk, (ptr, len) => app._db_part_feed(handles[i], ptr, len))) throw new StopDownload();
      };
      const started = files.length === 1 ? takeEarly(url, maxBytes) : null;
      try {
        await (started ? started.consume(progress, feed) : fetchBytes(url, progress, feed, fetchOptions));
      } catch (e) {
        if (!(e instanceof StopDownload)) {
          const missing = e.status === 404 ? ' \u2014 ' + MANIFEST_URL + ' lists it, but the server does not have it' : '';
          withCString(e.message + missing, (m) => app._db_part_fail(handles[i], m));
        }
      }
    }));
    if (slot === 'view') showSplash('Reading…', 1);
    mark('snapshot in ' + label);
    const ok = Boolean(call('db_parts_commit', slot, key, handles.join(',')));
    mark('snapshot read ' + label);
    return ok;
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
      dropEarly();
      call('db_fail', MANIFEST_URL, answer.error);
      refresh.failures = 1;
    } else {
      refresh.seconds = answer.refresh_seconds;
      if (answer.load && !(await loadListed(answer))) refresh.failures = 1;
    }
    dropEarly();
    scheduleRefresh();
  }

  function state() {
    if (!app) return { status: 'loading', snapshot: null, error: null, kpis: {} };
    const s = JSON.parse(app.UTF8ToString(app._db_state()));
    s.timing = { first_frame_ms: firstFrameMs, data_frame_ms: readyMs, data_frame: dataFrame, since: 'navigation start' };
    s.refresh = { seconds: refresh.enabled ? refreshSeconds() : null, manifest_seconds: refresh.seconds,
      failures: refresh.failures, polls: refresh.polls };
    // The banner's "stale since" marker: when the data on screen was last known current.
    s.stale_since = s.error && s.has_data ? s.loaded_at || null : null;
    s.memory = JSON.parse(app.UTF8ToString(app._db_memory_report()));
    s.memory.wasm_heap_bytes = app.HEAPU8.length;  // the wasm memory never shrinks: its peak
    return s;
  }

  let readyMs = null;
  let dataFrame = null;

  // Times from navigation start: the first frame the app drew (with nothing before it, that
  // is the data's, or a failure's), and the first frame showing the data, each taken in the
  // first animation frame after the one that drew it. That is what uPlot's bench page does
  // after its synchronous draw (bench/uplot/uplot_bench.js), so both stop the clock at the
  // first animation frame that begins after the data was drawn. The app tells the page from
  // inside its frame (js_frame_drawn), so a rAF asked for then runs in the next one. It is
  // not in our favour: our frame's compositor commit, which for WebGL on SwiftShader means
  // rasterising and reading back the whole canvas, happens before that next animation frame
  // and so counts, while uPlot's 2D canvas commit comes after its timestamp.
  function frameDrawn(frame, withData) {
    requestAnimationFrame(() => {
      const now = performance.now();
      if (firstFrameMs === null) firstFrameMs = now;
      if (withData && readyMs === null) {
        readyMs = now;
        dataFrame = frame;
        // What a bench waits for: polling state() builds the app's whole state in wasm at
        // each animation frame of the load, CPU that uPlot's page is not charged.
        mark('data on screen');
      }
    });
  }
  // Draws the whole canvas anew at the next frame (tests compare it with partial redraws).
  function redrawAll() {
    if (app) app._db_redraw_all();
  }
  window.divboard = { state, openFile, redrawAll };

  async function start() {
    if (typeof createDivboard !== 'function') {
      fatal('The app script did not load (divboard.js).');
      return;
    }
    showSplash('Starting…', 0.02);
    prefetch();
    let instance;
    try {
      instance = await createDivboard({
        canvas: document.getElementById('canvas'), print: console.log, printErr: console.warn,
        divboardRequestFont: (url, slot) => { loadFont(url, slot); },
        divboardFrameDrawn: frameDrawn,
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
    mark('app compiled');
    // The manifest's answer has often come in while the wasm compiled, its body still to be
    // read in tasks queued behind this one: let it finish first, so that the snapshot's early
    // download starts now rather than after db_init's 50-100 ms (make bench: cold start). A
    // manifest still on its way is not waited for: db_init uses that wait. (Preloaded: its
    // bytes are in, and the loader's fetch of them is a few tasks from done.)
    if ((early.manifestResponded || window.divboardManifestPreloaded) && early.manifestSettled) {
      await Promise.race([early.manifestSettled, new Promise((resolve) => setTimeout(resolve, MANIFEST_BODY_WAIT_MS))]);
    }
    // Only now is the app the page's: state() and openFile() called meanwhile (a test's
    // polling, a dropped file) see it still loading, not an app without db_init.
    app = instance;
    if (!call('db_init', '#canvas')) {
      app = null;
      fatal('This browser could not create a WebGL2 context, which divboard needs.');
      return;
    }
    mark('app started');
    call('db_set_hash', location.hash);
    // Back/forward between views, or a hash edited by hand.
    window.addEventListener('popstate', () => call('db_set_hash', location.hash));
    window.addEventListener('hashchange', () => call('db_set_hash', location.hash));
    // Fonts and data load side by side: the app draws with what it has and redraws as each arrives.
    await Promise.all([loadFonts(), loadData()]);
    splash.classList.add('hidden');
    document.getElementById('canvas').focus();
  }

  start();
})();
