// The malformed-input corpus (tests/corpus) through the web build: every file is loaded into
// the real page in headless Chromium, and must end in status 'error' with the same
// "FILE: /pointer: message" lines the native CLI prints — no crash, no hang, no console error.
// Snapshots go through ?snapshot=; manifests are served as data/manifest.json of a copy of
// the app at a sub-path of its own, which is how the page meets them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, DIST, CLI, startNginx, launchBrowser } from './support.mjs';

const BAD = join(ROOT, 'tests/corpus/bad');
const EXPECTED = join(ROOT, 'tests/corpus/expected.tsv');
const PER_FILE_MS = 30000;

let site;
let server;
let browser;
let rows;

const PAGE_WORDING = {
  'html-error-page.json': /^corpus\/html-error-page\.json: \/: an HTML page, not a snapshot \u2014 status 200, application\/json: /,
  'empty.json': /^corpus\/empty\.json: \/: empty document: the server answered HTTP 200 with no bytes$/,
};

// expected.tsv: file, pointer ("/0*64" = "/0" 64 times), part of the message.
function readRows() {
  return readFileSync(EXPECTED, 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, rawPointer, message] = line.split('\t');
      const star = /^(.*)\*(\d+)$/.exec(rawPointer);
      return { name, pointer: star ? star[1].repeat(Number(star[2])) : rawPointer, message };
    });
}

// What the CLI prints for FILE, with FILE renamed to what the page calls it.
function cliLines(file, shownAs) {
  const run = spawnSync(CLI, ['check', file], { maxBuffer: 64 << 20 });
  assert.equal(run.status, 1, `divboard check ${file} exits 1`);
  const raw = run.stdout;
  const text = raw.toString('utf8');
  // Only byte-exact UTF-8 output can be compared whole: the page re-encodes bad bytes as U+FFFD.
  const exact = Buffer.from(text, 'utf8').equals(raw);
  return { lines: text.trimEnd().split('\n').map((l) => shownAs + l.slice(file.length)), exact };
}

before(async () => {
  rows = readRows();
  site = mkdtempSync(join(tmpdir(), 'divboard-corpus-'));
  // A private copy: dist/ may be rebuilt by someone else while this runs.
  cpSync(DIST, join(site, 'app'), { recursive: true });
  const corpus = join(site, 'app/corpus');
  mkdirSync(corpus);
  for (const name of readdirSync(BAD)) cpSync(join(BAD, name), join(corpus, name));
  // The files too big to commit, made as tests/cli/check_corpus.cmake makes them.
  writeFileSync(join(corpus, 'deep.json'), '['.repeat(100000));
  writeFileSync(join(corpus, 'empty.json'), '');
  execFileSync('/usr/bin/python3', [join(ROOT, 'tests/corpus/make_generated.py'), corpus]);
  // One copy of the app per malformed manifest, at /m/NAME/, sharing every file but the data.
  for (const { name } of rows.filter((r) => r.name.startsWith('manifest-'))) {
    const dir = join(site, 'app/m', name);
    mkdirSync(join(dir, 'data'), { recursive: true });
    for (const entry of readdirSync(DIST)) {
      if (entry !== 'data') symlinkSync(join(site, 'app', entry), join(dir, entry));
    }
    cpSync(join(BAD, name), join(dir, 'data/manifest.json'));
  }
  server = await startNginx(join(site, 'app'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

// Loads URL in a fresh page and returns the state once it settles (error or ready).
async function settle(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('crash', () => errors.push('page crashed'));
  await page.goto(url);
  await page.waitForFunction(() => window.divboard && ['error', 'ready'].includes(window.divboard.state().status),
    null, { timeout: PER_FILE_MS });
  const state = await page.evaluate(() => window.divboard.state());
  await page.close();
  return { state, errors };
}

test('every malformed snapshot gives the CLI\'s error in the page', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const failures = [];
  let checked = 0;
  let deepest = 0;
  let stackBytes = 0;
  // Two pages at a time: each spends most of its time starting the app.
  const queue = rows.filter((r) => !r.name.startsWith('manifest-'));
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await checkOne(row);
  };
  const checkOne = async (row) => {
    const shown = 'corpus/' + row.name;
    const { state, errors } = await settle(context, server.url + '?snapshot=' + shown);
    checked += 1;
    const problems = [];
    if (state.status !== 'error') problems.push(`status ${state.status}, expected error`);
    const error = state.error || '';
    if (!error.startsWith(`${shown}: ${row.pointer}: `)) problems.push(`does not start with "${shown}: ${row.pointer}: "`);
    if (!PAGE_WORDING[row.name] && !error.includes(row.message)) problems.push(`does not mention "${row.message}"`);
    const cli = cliLines(join(site, 'app/corpus', row.name), shown);
    const lines = error.split('\n');
    // Two problems the page words with what only it knows, the HTTP answer (faults.test.mjs).
    const pageWording = PAGE_WORDING[row.name];
    if (pageWording && !pageWording.test(error)) problems.push(`does not match ${pageWording}`);
    if (!pageWording && cli.exact && error !== cli.lines.join('\n')) problems.push('differs from the CLI:\n    ' + cli.lines.join('\n    '));
    if (!pageWording && !cli.exact) {
      // Same pointers line by line, even where the message quotes invalid bytes.
      const pointer = (l) => l.slice(0, l.indexOf(': ', shown.length + 2));
      if (lines.map(pointer).join('\n') !== cli.lines.map(pointer).join('\n')) problems.push('pointers differ from the CLI');
    }
    if (state.snapshot !== null) problems.push(`snapshot ${state.snapshot}, expected null`);
    deepest = Math.max(deepest, state.memory.stack_peak_bytes);
    stackBytes = state.memory.stack_bytes;
    if (errors.length) problems.push('console errors: ' + errors.join(' | '));
    if (problems.length) failures.push(`${row.name}: ${problems.join('; ')}\n  page: ${error.slice(0, 300)}`);
  };
  await Promise.all([worker(), worker()]);
  await context.close();
  assert.ok(checked >= 100, `only ${checked} files checked`);
  assert.deepEqual(failures, []);
  // The nesting caps, not the stack, stop deep input (100,000 levels here): the deepest any
  // file took the stack stays far inside the wasm stack the build gives (CMakeLists.txt).
  console.log(`corpus: deepest stack use ${deepest} of ${stackBytes} bytes`);
  assert.ok(deepest > 0, 'the stack high-water mark is measured');
  assert.ok(deepest <= stackBytes / 4, `stack use ${deepest} B is over a quarter of the ${stackBytes} B stack`);
});

test('every malformed manifest is reported by the page that reads it', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const failures = [];
  for (const row of rows.filter((r) => r.name.startsWith('manifest-'))) {
    const { state, errors } = await settle(context, server.url + 'm/' + row.name + '/');
    const error = state.error || '';
    const problems = [];
    if (state.status !== 'error') problems.push(`status ${state.status}, expected error`);
    if (row.name === 'manifest-missing-file.json') {
      // Only the CLI can look next to the manifest; the page finds out when it fetches.
      if (!/^data\/not-there\.json: \/: not found \(HTTP 404 Not Found\) \u2014 data\/manifest\.json lists it, but the server does not have it$/.test(error)) {
        problems.push('expected an HTTP 404 for data/not-there.json, listed in data/manifest.json');
      }
    } else if (row.name === 'manifest-wrong-hash.json' || row.name === 'manifest-wrong-bytes.json') {
      // Size and hash are checked against the file beside the manifest, which only the CLI
      // has here; the page's copy lists a file the server does not have.
      if (!/^data\/manifest-empty\.json: \/: not found \(HTTP 404/.test(error)) problems.push('expected an HTTP 404 for data/manifest-empty.json');
    } else {
      if (!error.startsWith('data/manifest.json: ')) problems.push('does not name data/manifest.json');
      if (!error.includes(`${row.pointer}: `)) problems.push(`does not name ${row.pointer}`);
      if (!error.includes(row.message)) problems.push(`does not mention "${row.message}"`);
      const cli = cliLines(join(BAD, row.name), 'data/manifest.json');
      for (const line of cli.lines) {
        const detail = line.slice('data/manifest.json: '.length);
        if (!error.includes(detail)) problems.push(`misses the CLI's "${detail}"`);
      }
    }
    // Chromium itself logs the 404 of the missing snapshot; nothing else may reach the console.
    const fetchesMissing = ['manifest-missing-file.json', 'manifest-wrong-hash.json', 'manifest-wrong-bytes.json'];
    const unexpected = errors.filter((e) => !(fetchesMissing.includes(row.name) && /status of 404/.test(e)));
    if (unexpected.length) problems.push('console errors: ' + unexpected.join(' | '));
    if (problems.length) failures.push(`${row.name}: ${problems.join('; ')}\n  page: ${error.slice(0, 300)}`);
  }
  await context.close();
  assert.deepEqual(failures, []);
});
