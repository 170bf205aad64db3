// Cold start (docs/performance.md): the snapshot the app will ask for is fetched once, while
// the wasm compiles; nothing is drawn under the splash, so the first frame shows the data and
// the glyph atlas is baked once. A link to an older snapshot (asof=) is not guessed at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startNginx, launchBrowser, waitForStatus } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await startNginx();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const manifest = JSON.parse(readFileSync(join(DIST, 'data/manifest.json')));

// Loads the page and returns its state once the data frame is timed, with the files asked for.
async function coldLoad(hash) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.slice(1)));
  await page.goto(server.url + hash);
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().timing.data_frame_ms !== null);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  return { page, context, requested, marks, state: await page.evaluate(() => window.divboard.state()) };
}

const count = (list, file) => list.filter((f) => f === file).length;

test('the newest snapshot is fetched once, the first frame shows it, the atlas is baked once', async () => {
  const newest = manifest.snapshots[0];
  const { page, context, requested, marks, state } = await coldLoad('');
  assert.equal(state.snapshot, 'data/' + newest.packed);
  // Fetched on the page's guess, before the app had read the manifest.
  assert.ok(marks.indexOf('divboard:early fetch data/' + newest.packed) >= 0, marks.join(', '));
  assert.ok(marks.indexOf('divboard:early fetch data/' + newest.packed) < marks.indexOf('divboard:manifest read'), marks.join(', '));
  assert.equal(count(requested, 'data/' + newest.packed), 1, `requests: ${requested.join(', ')}`);
  assert.equal(count(requested, 'data/' + newest.path), 0);
  assert.equal(state.timing.data_frame, 1, 'a frame was drawn before the data');
  assert.ok(state.timing.first_frame_ms <= state.timing.data_frame_ms);
  assert.equal(state.fonts.bakes, 1);
  const englishGlyphs = state.fonts.glyphs;
  // Chinese bakes the whole UI subset: a language change rebakes, with more glyphs.
  await page.keyboard.down('l');
  await page.keyboard.up('l');
  await page.waitForFunction(() => window.divboard.state().locale === 'zh' && window.divboard.state().fonts.bakes === 2);
  const zh = await page.evaluate(() => window.divboard.state().fonts);
  assert.ok(zh.glyphs > englishGlyphs + 300, `${zh.glyphs} glyphs in Chinese, ${englishGlyphs} in English`);
  await context.close();
});

test('a link to an older snapshot fetches only that one', async () => {
  const older = manifest.snapshots[1];
  const { context, requested, marks, state } = await coldLoad('#asof=' + older.last);
  assert.ok(!marks.some((m) => m.startsWith('divboard:early fetch')), marks.join(', '));
  assert.equal(state.snapshot, 'data/' + older.packed);
  assert.equal(count(requested, 'data/' + manifest.snapshots[0].packed), 0, `requests: ${requested.join(', ')}`);
  assert.equal(count(requested, 'data/' + older.packed), 1);
  await context.close();
});
