// A local HTTP server for browser tests that serves dist/ and, per path and at run time,
// injects the faults of a real network: error statuses, refused and reset connections,
// answers that never come, bodies cut off or stalled half-way, web pages served as data,
// empty, broken or oversized bodies. It logs every request with its start and end time so a
// test can measure the page's retry intervals. Node's own `http` module only.
//
//   const server = await startFaultServer(DIST);
//   server.put('data/manifest.json', JSON.stringify(manifest));  // served from memory
//   server.fault('data/manifest.json', { kind: 'status', status: 500 });
//   server.requests('data/manifest.json');  // [{ path, start, end, status, fault }]
//   server.heal();                          // every path answers normally again
//
// Fault kinds (the `fault` argument):
//   { kind: 'status', status }          that status with a small HTML error page
//   { kind: 'reset' }                   the connection is reset before any answer
//   { kind: 'hang' }                    the request is accepted and never answered (timeout)
//   { kind: 'stall' }                   headers and the first 64 KiB, then nothing (timeout)
//   { kind: 'cutoff' }                  Content-Length says the whole file, half is sent, then
//                                       the connection is closed (0.1 s later)
//   { kind: 'body', status?, type?, body, chunked? }  this body instead of the file
//   { kind: 'html' }                    a sign-in page with status 200, as a misconfigured
//                                       proxy or a single-page-app fallback sends
// and, for the whole server, refuse(): it stops listening (connections are refused) until
// heal().
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.bin': 'application/octet-stream',
};

export const SIGN_IN_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head>' +
  '<body><h1>Sign in to continue</h1><form method="post"><input name="user"></form></body></html>\n';

export const STALL_BYTES = 64 * 1024;

function typeOf(path) {
  return TYPES[extname(path).toLowerCase()] || 'application/octet-stream';
}

export async function startFaultServer(root, { host = '127.0.0.1' } = {}) {
  const overlay = new Map();   // path -> Buffer served instead of the file under root
  const faults = new Map();    // path -> fault
  const log = [];
  const sockets = new Set();
  const hanging = new Set();   // responses a 'hang' or 'stall' fault keeps open
  let refusing = false;

  async function fileBytes(path) {
    if (overlay.has(path)) return overlay.get(path);
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep)) return null;
    try {
      return await readFile(file);
    } catch {
      return null;
    }
  }

  function errorPage(res, status, entry) {
    const body = Buffer.from(`<!DOCTYPE html><html><body><h1>${status}</h1></body></html>\n`);
    entry.status = status;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  }

  async function handle(req, res) {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const fault = faults.get(path) || null;
    const entry = { path, start: performance.now(), end: null, status: 0, fault: fault && fault.kind };
    log.push(entry);
    // The end is when the last byte left (or, cut short, when the connection closed): the
    // browser sees the answer then, not when it gets round to closing the connection.
    const done = () => { if (entry.end === null) entry.end = performance.now(); };
    res.on('finish', done);
    res.on('close', done);
    // Every request on a fresh connection: the browser never retries a reset on its own.
    res.setHeader('Connection', 'close');
    res.setHeader('Cache-Control', 'no-cache');
    if (fault && fault.kind === 'reset') {
      done();
      req.socket.resetAndDestroy();
      return;
    }
    if (fault && fault.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (fault && fault.kind === 'status') {
      errorPage(res, fault.status, entry);
      return;
    }
    if (fault && (fault.kind === 'body' || fault.kind === 'html')) {
      const body = Buffer.from(fault.kind === 'html' ? SIGN_IN_PAGE : fault.body);
      entry.status = fault.status || 200;
      const headers = { 'Content-Type': fault.kind === 'html' ? 'text/html; charset=utf-8' : fault.type || typeOf(path) };
      if (!fault.chunked) headers['Content-Length'] = body.length;
      res.writeHead(entry.status, headers);
      // Chunked bodies go out in pieces, as a server streaming a large file sends them.
      for (let at = 0; at < body.length; at += 256 * 1024) res.write(body.subarray(at, at + 256 * 1024));
      res.end();
      return;
    }
    const bytes = await fileBytes(path);
    if (bytes === null) {
      errorPage(res, 404, entry);
      return;
    }
    entry.status = 200;
    res.writeHead(200, { 'Content-Type': typeOf(path), 'Content-Length': bytes.length });
    if (fault && (fault.kind === 'cutoff' || fault.kind === 'stall')) {
      const half = fault.kind === 'cutoff' ? Math.floor(bytes.length / 2) : Math.min(STALL_BYTES, bytes.length - 1);
      entry.sent = half;
      res.write(bytes.subarray(0, half), () => {
        // A clean close after half the promised bytes, a moment later as a dropped link would:
        // everything sent reaches the page first (an immediate close can overtake it).
        if (fault.kind === 'cutoff') setTimeout(() => { done(); res.socket?.end(); }, 100);
      });
      if (fault.kind === 'stall') hanging.add(res);
      return;
    }
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.destroy();
      console.error('fault server:', e);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function listen(port) {
    return new Promise((res, rej) => {
      server.once('error', rej);
      server.listen(port, host, () => {
        server.off('error', rej);
        res(server.address().port);
      });
    });
  }

  function dropConnections() {
    for (const res of hanging) res.destroy();
    hanging.clear();
    for (const socket of sockets) socket.destroy();
  }

  const port = await listen(0);
  return {
    url: `http://${host}:${port}/`,
    port,
    // Serves `bytes` (string or Buffer) at `path` instead of the file under root.
    put(path, bytes) { overlay.set(path, Buffer.from(bytes)); },
    fault(path, fault) { faults.set(path, fault); },
    // Stops listening: new connections are refused, open ones are dropped.
    async refuse() {
      if (refusing) return;
      refusing = true;
      await new Promise((r) => { server.close(() => r()); dropConnections(); });
    },
    // Every path answers normally again; a refusing server listens again on the same port.
    async heal() {
      faults.clear();
      for (const res of hanging) res.destroy();
      hanging.clear();
      if (refusing) {
        refusing = false;
        await listen(port);
      }
    },
    // The request log, optionally for one path; times are performance.now() milliseconds.
    requests(path) { return path ? log.filter((e) => e.path === path) : log.slice(); },
    async stop() {
      if (!refusing) await new Promise((r) => { server.close(() => r()); dropConnections(); });
    },
  };
}
