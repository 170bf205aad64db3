// The browser half of the ingest benchmark (bench/run_ingest_browser_bench.mjs): times, in one
// page, the browser's own JSON.parse of the snapshot's JSON (decoded with TextDecoder, as a
// page would) and the app's ingest of the same snapshot as JSON and as packed bytes — each
// through the page's real path (db_stream_begin, 64 KiB chunks copied into wasm and fed,
// db_stream_finish, which validates and computes the overview) — and the wasm memory each
// app instance holds after its first load (memory never shrinks: that is its peak).
'use strict';

const CHUNK = 64 * 1024;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return new Uint8Array(await response.arrayBuffer());
}

function withString(app, text, fn) {
  const size = app.lengthBytesUTF8(text) + 1;
  const ptr = app._malloc(size);
  app.stringToUTF8(text, ptr, size);
  try { return fn(ptr); } finally { app._free(ptr); }
}

// One load, as web/loader.js does it; returns milliseconds, or throws with the app's error.
function ingest(app, name, bytes) {
  const start = performance.now();
  withString(app, name, (n) => app._db_stream_begin(n));
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const chunk = bytes.subarray(at, Math.min(bytes.length, at + CHUNK));
    const ptr = app._malloc(chunk.length);
    app.HEAPU8.set(chunk, ptr);
    const stop = app._db_stream_feed(ptr, chunk.length);
    app._free(ptr);
    if (stop) break;
  }
  const ok = withString(app, name, (n) => app._db_stream_finish(n));
  const ms = performance.now() - start;
  if (!ok) throw new Error(JSON.parse(app.UTF8ToString(app._db_state())).error);
  return ms;
}

async function measureApp(canvasId, name, bytes, runs) {
  const app = await createDivboard({ canvas: document.getElementById(canvasId), print: () => {}, printErr: () => {} });
  if (!withString(app, '#' + canvasId, (s) => app._db_init(s))) throw new Error('no WebGL2 context');
  const before = app.HEAPU8.buffer.byteLength;
  const times = [ingest(app, name, bytes)];
  const after = app.HEAPU8.buffer.byteLength;
  for (let i = 1; i < runs; ++i) times.push(ingest(app, name, bytes));
  return { best_ms: Math.min(...times), first_ms: times[0], memory_before: before, memory_after: after };
}

window.runIngestBench = async function (runs) {
  const json = await fetchBytes('data/snapshot.json');
  const packed = await fetchBytes('data/snapshot.bjd');
  const parse = [];
  for (let i = 0; i < runs; ++i) {
    const start = performance.now();
    const doc = JSON.parse(new TextDecoder().decode(json));
    parse.push(performance.now() - start);
    if (!doc.series) throw new Error('JSON.parse gave no series');
  }
  const ours = {
    json: await measureApp('json-app', 'snapshot.json', json, runs),
    packed: await measureApp('packed-app', 'snapshot.bjd', packed, runs),
  };
  return { json_bytes: json.length, packed_bytes: packed.length, json_parse_ms: Math.min(...parse), ours };
};
