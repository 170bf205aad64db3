// The fault matrix of issue 5, against a real local HTTP server that injects each fault
// (tests/browser/fault_server.mjs). One page lives through every fault in turn; for each one:
// good data is on screen, the fault comes, the banner's message names the file and what went
// wrong, the KPIs stay those of the last good data with a "stale since" marker, the retries
// back off exponentially up to the cap (measured in the server's request log), and once the
// server heals the page recovers by itself and shows the snapshot published meanwhile.
// FAULTS=reset node --test tests/browser/faults.test.mjs runs only the faults so named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, DIST, launchBrowser, nativeSummary } from './support.mjs';
import { STALL_BYTES, startFaultServer } from './fault_server.mjs';

// Test-only speed-up (web/loader.js, window.divboardTestHooks): every back-off and polling
// wait takes 1/600 of its real length, so 10 s is 17 ms and the 600 s cap 1 s. Fetches time
// out after 0.5 s while a timeout is the fault, and after 10 s otherwise: frames drawn on the
// CPU here can hold up a healthy download for a moment.
const TIME_SCALE = 1 / 600;
const FETCH_TIMEOUT_SECONDS = 0.5;
const HEALTHY_TIMEOUT_SECONDS = 10;
// The loader's schedule in real seconds: 10, 20, 40 … after each failure, capped at 600.
const FIRST_BACKOFF_S = 10;
const MAX_BACKOFF_S = 600;
// Eight intervals reach the cap and stay on it once (uncapped, the eighth would be 1280 s).
const INTERVALS = 8;
const MAX_BYTES = 2000000;
const MANIFEST = 'data/manifest.json';

let scratch;
let server;
let browser;
const data = [];  // two snapshots with different numbers: { bytes, entry, summary }

// The JSON alone: a packed twin the entry may list would be loaded instead of the faulty file.
function manifestListing(path, snapshot) {
  const { packed, packed_bytes, ...entry } = snapshot.entry;  // eslint-disable-line no-unused-vars
  return JSON.stringify({
    schema: 'divboard.manifest', version: 1, refresh_seconds: 10, max_bytes: MAX_BYTES,
    snapshots: [{ ...entry, path: path.slice('data/'.length), bytes: snapshot.bytes.length }],
  });
}

// What `divboard check` says about BYTES, worded for the page's name for the file.
function cliMessage(bytes, shownAs) {
  const file = join(scratch, 'check.json');
  writeFileSync(file, bytes);
  let out = '';
  try {
    execFileSync(CLI, ['check', file]);
  } catch (e) {
    out = e.stdout.toString();
  }
  assert.ok(out.startsWith(file + ': '), 'divboard check finds the problem');
  return shownAs + out.trimEnd().slice(file.length);
}

function count(n) {
  return n.toLocaleString('en-US');
}

// Every fault: where it strikes, how to inject it, and the exact message the page must show.
// `snapshot` faults strike a newly published snapshot (the manifest must change for the page
// to fetch one); `manifest` faults strike the manifest itself.
const FAULTS = [
  { name: '404 Not Found', on: 'manifest', fault: { kind: 'status', status: 404 },
    message: () => `${MANIFEST}: /: not found (HTTP 404 Not Found)` },
  { name: '500 Internal Server Error', on: 'manifest', fault: { kind: 'status', status: 500 },
    message: () => `${MANIFEST}: /: the server failed (HTTP 500 Internal Server Error)` },
  { name: 'connection refused (the server stops listening)', on: 'manifest', refuse: true,
    message: () => `${MANIFEST}: /: could not connect: the connection was refused or reset (or the server redirected to another origin, which is refused)` },
  { name: 'connection reset', on: 'snapshot', fault: { kind: 'reset' },
    message: (p) => `${p}: /: could not connect: the connection was refused or reset (or the server redirected to another origin, which is refused)` },
  { name: 'timeout: no answer', on: 'manifest', fault: { kind: 'hang' },
    message: () => `${MANIFEST}: /: timed out: no answer from the server within ${FETCH_TIMEOUT_SECONDS} s` },
  { name: 'timeout: the body stalls half-way', on: 'snapshot', fault: { kind: 'stall' },
    message: (p, b) => `${p}: /: timed out: the download stalled for ${FETCH_TIMEOUT_SECONDS} s after ${count(STALL_BYTES)} of ${count(b.length)} bytes` },
  { name: 'a body cut off half-way', on: 'snapshot', fault: { kind: 'cutoff' },
    // The bytes the page had read when the close came: all that were sent (half), unless a
    // busy page had not read them yet (a failed stream drops what it holds unread).
    message: (p, b) => (error) => {
      const read = new RegExp(`^${p}: /: cut off: the connection closed after ([\\d,]+) of ${count(b.length)} bytes$`).exec(error);
      return read !== null && Number(read[1].replace(/,/g, '')) <= Math.floor(b.length / 2);
    } },
  { name: 'an HTML page with status 200', on: 'snapshot', fault: { kind: 'html' },
    message: (p) => `${p}: /: an HTML page, not a snapshot \u2014 status 200, text/html: the server answered with a web page (an error or sign-in page?)` },
  { name: 'an empty body', on: 'snapshot', fault: { kind: 'body', body: '' },
    message: (p) => `${p}: /: empty document: the server answered HTTP 200 with no bytes` },
  { name: 'invalid JSON', on: 'snapshot', fault: (b) => ({ kind: 'body', body: b.toString().replace('{', '{,,') }),
    message: (p, b) => cliMessage(b.toString().replace('{', '{,,'), p) },
  { name: 'valid JSON that breaks the schema', on: 'snapshot', fault: (b) => ({ kind: 'body', body: broken(b) }),
    message: (p, b) => cliMessage(broken(b), p) },
  { name: 'a body over the size cap', on: 'snapshot',
    fault: (b) => ({ kind: 'body', chunked: true, body: Buffer.concat([b, Buffer.alloc(MAX_BYTES, ' ')]) }),
    message: (p) => new RegExp(`^${p}: /: too large: over the 1\\.9 MB size cap \\(max_bytes in data/manifest\\.json\\), stopped after \\d\\.\\d MB$`) },
  { name: 'a manifest pointing to a missing file', on: 'snapshot', missing: true,
    message: (p) => `${p}: /: not found (HTTP 404 Not Found) \u2014 data/manifest.json lists it, but the server does not have it` },
];

function broken(bytes) {
  const doc = JSON.parse(bytes.toString());
  doc.series[0].values[3] = 'n/a';
  return JSON.stringify(doc);
}

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'divboard-faults-'));
  const first = JSON.parse(readFileSync(join(DIST, 'data/manifest.json'), 'utf8')).snapshots[0];
  const firstFile = join(DIST, 'data', first.path);
  data.push({ bytes: readFileSync(firstFile), entry: first, summary: nativeSummary(firstFile) });
  // A restated snapshot: another seed, other numbers.
  execFileSync(CLI, ['gen', '--seed', '2', '--out', scratch]);
  const second = JSON.parse(readFileSync(join(scratch, 'manifest.json'), 'utf8')).snapshots[0];
  const secondFile = join(scratch, second.path);
  data.push({ bytes: readFileSync(secondFile), entry: second, summary: nativeSummary(secondFile) });
  assert.notEqual(data[0].summary.kpis.gmv.value, data[1].summary.kpis.gmv.value);
  assert.ok(data[0].bytes.length < MAX_BYTES && data[1].bytes.length < MAX_BYTES);
  server = await startFaultServer(DIST);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function until(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function assertKpisMatch(kpis, native, label) {
  assert.deepEqual(Object.keys(kpis).sort(), Object.keys(native.kpis).sort(), label);
  for (const [id, expected] of Object.entries(native.kpis)) {
    assert.ok(Math.abs(kpis[id].value - expected.value) <= 1e-9 * Math.abs(expected.value),
      `${label}: ${id} ${kpis[id].value} in the browser, ${expected.value} natively`);
    assert.equal(kpis[id].text, expected.text, `${label}: ${id} text`);
  }
}

// Frames are drawn on SwiftShader here, on the CPU, and hold up the page's timers while they
// are: a fault starts only once the page has stopped drawing.
async function idle(page) {
  let frames = -1;
  await until('the page to stop drawing', async () => {
    const now = await page.evaluate(() => window.divboard.state().frames);
    if (now === frames) return true;
    frames = now;
    await new Promise((r) => setTimeout(r, 150));
    return false;
  });
}

// The page's wait after each failure, against the schedule, from the server's log. The page
// waits from the moment it sees the failure, which lies between the failed request's start
// and the server's end of it (an oversized answer the page stopped reading ends for the
// server only when the browser closes the connection), so start to next start is at least
// the wait, and end to next start at most the wait plus slack. When the page gave up
// waiting (`timeout`), it did so that long after it sent the request, which the server saw a
// moment later: start to next start, less the timeout, is at least the wait less that moment.
// A refused connection leaves no log: there the browser's own request events time it.
function assertBackoff(times, label, timeout = 0) {
  assert.ok(times.length >= INTERVALS + 1, `${label}: ${times.length} requests`);
  const waits = [];
  for (let i = 0; i < INTERVALS; ++i) {
    const expected = Math.min(MAX_BACKOFF_S, FIRST_BACKOFF_S * 2 ** i) * 1000 * TIME_SCALE;
    const atLeast = times[i + 1].start - times[i].start - timeout;
    const atMost = timeout ? atLeast : times[i + 1].start - times[i].end;
    waits.push(Math.round(atLeast));
    // Timers never fire early. They fire late while the page draws a changed banner (on the
    // CPU here) or reads the bytes it got, by far less than a second.
    assert.ok(atLeast >= expected * 0.9 - (timeout ? 100 : 10) && atMost <= expected * 1.5 + 1000,
      `${label}: wait ${i + 1} was ${Math.round(atLeast)}–${Math.round(atMost)} ms, expected ${expected} ms (all: ${waits.join(', ')})`);
  }
  // Capped: uncapped, the last wait would be 1280 s, and timers never fire early.
  const uncapped = FIRST_BACKOFF_S * 2 ** (INTERVALS - 1) * 1000 * TIME_SCALE;
  assert.ok(waits[INTERVALS - 1] < uncapped * 0.9, `${label}: the waits stop growing at the cap (all: ${waits.join(', ')})`);
  return waits;
}

test('every fault: a clear message, the last good data kept and marked stale, back-off, recovery', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 500 } });
  await context.addInitScript(({ timeScale, fetchTimeoutSeconds }) => {
    window.divboardTestHooks = { timeScale, fetchTimeoutSeconds };
  }, { timeScale: TIME_SCALE, fetchTimeoutSeconds: HEALTHY_TIMEOUT_SECONDS });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // A refused connection never reaches the server's log: the browser's own network events time
  // it, with the browser's timestamps (Playwright's events reach this process late and in
  // bursts on a loaded machine: a failure and the next retry could arrive in the same
  // millisecond). `sent` is the wall clock the browser sent it at, which this process shares:
  // it tells retries from the requests the closing cut short.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const started = new Map();  // requestId -> { path, start, seen }
  const failedInBrowser = [];  // { path, start, end } in ms of the browser's monotonic clock
  cdp.on('Network.requestWillBeSent', (e) => {
    started.set(e.requestId, { path: new URL(e.request.url).pathname.slice(1), start: e.timestamp * 1000, sent: e.wallTime * 1000 });
  });
  cdp.on('Network.loadingFinished', (e) => started.delete(e.requestId));
  cdp.on('Network.loadingFailed', (e) => {
    const r = started.get(e.requestId);
    if (!r) return;
    failedInBrowser.push({ path: r.path, start: r.start, end: e.timestamp * 1000, sent: r.sent });
    started.delete(e.requestId);
  });

  let current = 'data/r0.json';
  let shown = 0;  // which of `data` is on screen
  server.put(current, data[0].bytes);
  server.put(MANIFEST, manifestListing(current, data[0]));
  await page.goto(server.url);
  await page.waitForFunction((p) => window.divboard?.state().status === 'ready' && window.divboard.state().snapshot === p,
    current, { timeout: 60000 });
  const figures = [];

  for (const [round, f] of FAULTS.entries()) {
    if (process.env.FAULTS && !f.name.includes(process.env.FAULTS)) continue;
    const label = f.name;
    await idle(page);
    const good = await page.evaluate(() => window.divboard.state());
    assert.equal(good.error, null, `${label}: healthy before the fault`);
    assertKpisMatch(good.kpis, data[shown].summary, `${label}: before`);

    const next = 1 - shown;
    const published = `data/r${round + 1}.json`;
    const faulty = f.on === 'manifest' ? MANIFEST : published;
    let since = performance.now();
    let sinceWall = Date.now();
    const timesOut = f.fault?.kind === 'hang' || f.fault?.kind === 'stall';
    if (timesOut) {
      await page.evaluate((s) => { window.divboardTestHooks.fetchTimeoutSeconds = s; }, FETCH_TIMEOUT_SECONDS);
      // A poll the page sent just before carries the healthy timeout: reaching the server after
      // the fault, it hung for 10 s and was counted as the first retry's wait (9.5 s, in CI).
      // Polls follow one another, so once one the server saw after the change has ended, every
      // later one has the short timeout.
      const changed = performance.now();
      await until(`${label}: a poll after the shorter timeout`,
        () => server.requests(MANIFEST).some((e) => e.start >= changed && e.end !== null));
      since = performance.now();
      sinceWall = Date.now();
    }
    if (f.on === 'snapshot') {
      // The pipeline publishes a new snapshot, and that file is what fails.
      const fault = typeof f.fault === 'function' ? f.fault(data[next].bytes) : f.fault;
      if (fault) server.fault(published, fault);
      if (!f.missing) server.put(published, data[next].bytes);
      server.put(MANIFEST, manifestListing(published, data[next]));
    } else if (f.refuse) {
      await server.refuse();
      sinceWall = Date.now();  // a request cut short by the closing is no retry
    } else {
      server.fault(MANIFEST, f.fault);
    }

    // The retries, as the server (or, refused, the browser) saw them.
    let times;
    if (f.refuse) {
      const failed = () => failedInBrowser.filter((e) => e.path === faulty && e.sent >= sinceWall);
      await until(`${label}: ${INTERVALS + 1} failed requests`, () => failed().length >= INTERVALS + 1);
      times = failed();
    } else {
      const failed = () => server.requests(faulty).filter((e) => e.start >= since && (f.on === 'snapshot' || e.fault !== null) && e.end !== null);
      await until(`${label}: ${INTERVALS + 1} failed requests`, () => failed().length >= INTERVALS + 1);
      times = failed();
    }

    const state = await page.evaluate(() => window.divboard.state());
    const expected = f.message(faulty, data[next].bytes);
    if (typeof expected === 'function') assert.ok(expected(state.error), `${label}: ${state.error}`);
    else if (expected instanceof RegExp) assert.match(state.error ?? '', expected, label);
    else assert.equal(state.error, expected, label);
    assert.equal(state.status, 'error', label);
    assert.equal(state.snapshot, current, `${label}: the last good snapshot stays`);
    assert.deepEqual(state.kpis, good.kpis, `${label}: the KPIs on screen are unchanged`);
    assert.match(state.stale_since ?? '', /^\d\d:\d\d$/, `${label}: marked "stale since HH:MM"`);
    assert.ok(state.refresh.failures >= INTERVALS, `${label}: ${state.refresh.failures} failures counted`);
    const waits = assertBackoff(times, label, timesOut ? FETCH_TIMEOUT_SECONDS * 1000 : 0);

    // The server heals, with the new snapshot published meanwhile; the page follows by itself.
    if (f.on === 'manifest') {
      server.put(published, data[next].bytes);
      server.put(MANIFEST, manifestListing(published, data[next]));
    } else if (f.missing) {
      server.put(published, data[next].bytes);
    }
    await page.evaluate((s) => { window.divboardTestHooks.fetchTimeoutSeconds = s; }, HEALTHY_TIMEOUT_SECONDS);
    await server.heal();
    await page.waitForFunction((p) => {
      const s = window.divboard.state();
      return s.status === 'ready' && s.error === null && s.snapshot === p;
    }, published, { timeout: 20000 });
    const healed = await page.evaluate(() => window.divboard.state());
    assert.equal(healed.stale_since, null, `${label}: the stale marker is gone`);
    assert.equal(healed.refresh.failures, 0, label);
    assertKpisMatch(healed.kpis, data[next].summary, `${label}: after recovery`);
    current = published;
    shown = next;
    figures.push(`${label}: waits ${waits.join(', ')} ms`);
  }
  console.log(figures.join('\n'));
  assert.deepEqual(pageErrors, []);
  await context.close();
});
