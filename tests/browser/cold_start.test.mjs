// Cold start (docs/performance.md): the snapshot the app will ask for is fetched once, while
// the wasm compiles; no app frame is drawn under the splash (nor, unless ?warmup=1, the
// invisible warm-up, checked below to leave no trace), so the first frame shows the data and
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
// `refuse`: a pattern of paths the server is made to answer with 404.
async function coldLoad(hash, refuse = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.slice(1)));
  if (refuse) await page.route(refuse, (route) => route.fulfill({ status: 404, body: 'not here' }));
  // state() is polled throughout start-up, as tests and automation do: it must never throw
  // (it once did between the wasm's compile and db_init, when the page waited in between).
  await context.addInitScript(() => {
    window.stateErrors = [];
    const poll = () => {
      try {
        if (window.divboard && window.divboard.state().timing?.data_frame_ms != null) return;
      } catch (e) {
        window.stateErrors.push(String(e));
      }
      setTimeout(poll, 0);
    };
    poll();
  });
  await page.goto(server.url + hash);
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().timing.data_frame_ms !== null);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  assert.deepEqual(await page.evaluate(() => window.stateErrors), [], 'state() threw during start-up');
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
  // The page's preload of the manifest is what the loader reads: one request, not two.
  assert.equal(count(requested, 'data/manifest.json'), 1, `requests: ${requested.join(', ')}`);
  assert.equal(state.timing.data_frame, 1, 'a frame was drawn before the data');
  assert.ok(state.timing.first_frame_ms <= state.timing.data_frame_ms);
  // The benches wait for this mark rather than polling state(): it must mark that moment.
  const onScreen = await page.evaluate(() => performance.getEntriesByName('divboard:data on screen').map((m) => m.startTime));
  assert.equal(onScreen.length, 1, 'one "data on screen" mark');
  assert.ok(Math.abs(onScreen[0] - state.timing.data_frame_ms) < 1, `mark at ${onScreen[0]}, data frame at ${state.timing.data_frame_ms}`);
  assert.equal(state.fonts.bakes, 1);
  // The overview draws no heat map and no resident line: their programs are not made yet.
  assert.equal(state.gpu.enabled, true);
  assert.equal(state.gpu.ready, false, 'the GPU charts\' programs were made before a chart needed them');
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

// The start-up frame drawn under the splash with ?warmup=1 (gpu_warm_up.cpp) must leave no
// trace: the data's frame is the same, pixel for pixel, with it and without it.
test('the warm-up frame under the splash changes nothing the data frame shows', async () => {
  const pixels = [];
  for (const query of ['?warmup=1', '']) {
    const { page, context, state } = await coldLoad(query);
    assert.equal(state.timing.data_frame, 1);
    pixels.push(await page.evaluate(() => document.getElementById('canvas').toDataURL('image/png')));
    await context.close();
  }
  assert.ok(pixels[0].length > 10000, 'the canvas holds a drawn frame');
  assert.ok(pixels[0] === pixels[1], 'the data frame differs with the warm-up frame');
});

// Fonts that do not come (404) must not hold the page back: the data is drawn with ImGui's
// built-in font, baked once.
test('the page comes up with its data when the fonts fail to load', async () => {
  const { context, state } = await coldLoad('', '**/fonts/*');
  assert.equal(state.status, 'ready');
  assert.equal(state.timing.data_frame, 1);
  assert.equal(state.fonts.bakes, 1);
  assert.ok(state.fonts.glyphs > 90, `${state.fonts.glyphs} glyphs`);
  assert.ok(state.kpis && Object.keys(state.kpis).length > 0, 'KPIs are shown');
  await context.close();
});
