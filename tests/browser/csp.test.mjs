// Strict hosting: the built app behind a real nginx configured as docs/deploying.md says
// (scripts/nginx-strict-conf.sh: strict Content-Security-Policy, precompressed files), at a
// sub-path and at the site root. The page must start with zero CSP violations and zero
// console errors, fetch nothing outside its own folder, and refuse every ?snapshot= that is
// not a same-origin relative path, with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, DIST, launchBrowser, waitForStatus } from './support.mjs';

const SUB_PATH = '/reports/divboard/';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

let work;
let browser;
const servers = [];

async function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForPort(port) {
  const until = Date.now() + 10000;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); res(true); });
      socket.once('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start listening on ' + port);
}

// A copy of dist/ at PREFIX inside a fresh web root, precompressed, behind the strict config.
// `extra` is nginx text added to the server block (test-only locations).
async function startStrictNginx(prefix, extra = () => '') {
  const port = await freePort();
  const dir = mkdtempSync(join(work, 'nginx-'));
  const root = join(dir, 'www');
  const app = join(root, prefix);
  mkdirSync(app, { recursive: true });
  cpSync(DIST, app, { recursive: true });
  execFileSync(join(ROOT, 'scripts/precompress.sh'), [app]);
  let conf = execFileSync(join(ROOT, 'scripts/nginx-strict-conf.sh'), [root, String(port), dir, prefix]).toString();
  const extraText = extra(port);
  if (extraText) conf = conf.replace(/\n {2}\}\n\}\n$/, '\n' + extraText + '\n  }\n}\n');
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port);
  const server = {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
  servers.push(server);
  return server;
}

// Opens URL with listeners for CSP violations (from inside the page, installed before any
// script runs), console errors, page errors and every request the page makes.
async function openWatched(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(url);
  return {
    page, context, errors, requests, response,
    violations: () => page.evaluate(() => window.__cspViolations),
  };
}

function head(url, headers = {}) {
  return new Promise((res, rej) => {
    const req = request(url, { method: 'GET', headers }, (r) => { r.resume(); r.on('end', () => res(r)); });
    req.once('error', rej);
    req.end();
  });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'divboard-csp-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the deploying guide documents the same policy the test enforces', () => {
  const guide = readFileSync(join(ROOT, 'docs/deploying.md'), 'utf8');
  assert.ok(guide.includes(CSP), 'docs/deploying.md quotes the policy');
  const conf = execFileSync(join(ROOT, 'scripts/nginx-strict-conf.sh'), ['/srv/www', '8080', '/tmp/x', SUB_PATH]).toString();
  assert.ok(conf.includes(CSP), 'scripts/nginx-strict-conf.sh sends the policy');
});

test('at a sub-path under a strict CSP: ready, no violation, no console error, nothing fetched outside', async () => {
  const server = await startStrictNginx(SUB_PATH);
  const { page, context, errors, requests, response, violations } = await openWatched(server.url);
  assert.equal(response.headers()['content-security-policy'], CSP, 'the page is served with the policy');
  const state = await waitForStatus(page, 'ready');
  assert.equal(state.error, null);
  assert.match(state.snapshot, /^data\/snapshot-.*\.(json|bjd)$/, 'the newest snapshot (its packed twin when listed)');
  await page.waitForTimeout(500);  // late violations (fonts, images) have time to show
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  const outside = requests.filter((u) => !u.startsWith(server.url));
  assert.deepEqual(outside, [], 'every request stays under ' + SUB_PATH);
  await context.close();

  // The hosting details the guide promises.
  const wasm = await head(server.url + 'divboard.wasm', { 'Accept-Encoding': 'gzip' });
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['content-encoding'], 'gzip');
  assert.equal(wasm.headers['content-security-policy'], CSP);
  const manifest = await head(server.url + 'data/manifest.json');
  assert.equal(manifest.headers['cache-control'], 'no-cache');
  assert.equal(manifest.headers['content-security-policy'], CSP);
});

test('at the site root under a strict CSP: ready, no violation, no console error', async () => {
  const server = await startStrictNginx('/');
  const { page, context, errors, violations } = await openWatched(server.url);
  await waitForStatus(page, 'ready');
  await page.waitForTimeout(300);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('?snapshot= accepts only same-origin relative paths, each refusal with a message', async () => {
  const server = await startStrictNginx(SUB_PATH);
  const cases = [
    ['https://example.com/x.json', /refused: a URL with a scheme/],
    ['http:%2F%2F127.0.0.1%2Fdata%2Fx.json', /refused: a URL with a scheme/],
    ['//example.com/x.json', /refused: only relative paths/],
    ['/reports/divboard/data/manifest.json', /refused: only relative paths/],
    ['data%5Cmanifest.json', /refused: backslashes are not allowed/],
    ['data\\..\\..\\x.json', /refused: backslashes are not allowed/],
    ['%5C%5Cexample.com%5Cx.json', /refused: backslashes are not allowed/],
    ['%2e%2e%2fsecret.json', /refused: '\.\.' segments/],
    ['data%2F..%2F..%2Fsecret.json', /refused: '\.\.' segments/],
    ['%252e%252e%252fsecret.json', /refused: percent-encoded characters/],
    ['javascript:alert(1)', /refused: a URL with a scheme/],
    ['JaVaScRiPt:alert(1)', /refused: a URL with a scheme/],
    ['data:application/json,%7B%7D', /refused: a URL with a scheme/],
    ['blob:http://127.0.0.1/x', /refused: a URL with a scheme/],
    ['', /refused: the path is empty/],
    ['data/', /refused: the path names a folder/],
  ];
  for (const [value, pattern] of cases) {
    const { page, context, errors, requests, violations } = await openWatched(server.url + '?snapshot=' + value);
    const state = await waitForStatus(page, 'error');
    assert.match(state.error, pattern, `?snapshot=${value}`);
    assert.match(state.error, /\?snapshot= refused: /, `?snapshot=${value} says where the refusal comes from`);
    assert.equal(state.snapshot, null);
    assert.deepEqual(await violations(), [], `?snapshot=${value}: no CSP violation (nothing was even tried)`);
    assert.deepEqual(errors, [], `?snapshot=${value}: no console error`);
    const fetched = requests.filter((u) => !u.startsWith(server.url) || new URL(u).pathname.includes('/data/'));
    assert.deepEqual(fetched, [], `?snapshot=${value}: nothing fetched`);
    await context.close();
  }
});

test('a snapshot that redirects to another origin is refused, not loaded', async () => {
  // localhost and 127.0.0.1 are different origins for the browser.
  const server = await startStrictNginx(SUB_PATH, (port) =>
    `    location = ${SUB_PATH}data/moved.json { return 302 http://localhost:${port}${SUB_PATH}data/manifest.json; }`);
  const { page, context, violations } = await openWatched(server.url + '?snapshot=data/moved.json');
  const state = await waitForStatus(page, 'error');
  assert.match(state.error, /^data\/moved\.json: \/: /);
  assert.equal(state.snapshot, null);
  // The policy itself stops the cross-origin fetch (connect-src 'self') before the loader's
  // own same-origin check would.
  const seen = await violations();
  assert.ok(seen.every((v) => v.startsWith('connect-src')), seen.join('\n'));
  await context.close();
});
