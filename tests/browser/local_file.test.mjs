// Your own data in: snapshot files from this computer — picked through the file input, or
// dropped on the page — load like downloads (JSON or packed), show KPIs equal to the native
// core's, and a bad one names the file and the pointer while the last good data stays.
// Auto-refresh leaves a file of the user's on screen until the snapshot picker goes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { CLI, startNginx, launchBrowser, openPage, waitForStatus, nativeSummary, pickFromList } from './support.mjs';

let server;
let browser;
const work = mkdtempSync(join(tmpdir(), 'divboard-local-'));

// Seeds other than dist's (seed 1), so the numbers on screen change with each file.
function generated(seed) {
  const dir = join(work, 'seed' + seed);
  execFileSync(CLI, ['gen', '--seed', String(seed), '--out', dir, '--packed']);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).snapshots[0];
  return { json: join(dir, manifest.path), packed: join(dir, manifest.packed) };
}

before(async () => {
  server = await startNginx();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function expectNativeKpis(state, file) {
  const native = nativeSummary(file);
  assert.ok(Object.keys(native.kpis).length >= 8);
  for (const [id, expected] of Object.entries(native.kpis)) {
    const shown = state.kpis[id];
    assert.ok(shown, `${id} shown`);
    assert.ok(Math.abs(shown.value - expected.value) <= 1e-9 * Math.abs(expected.value),
      `${id}: browser ${shown.value} vs native ${expected.value} (${file})`);
    assert.equal(shown.text, expected.text, `${id} text`);
  }
}

async function waitForSnapshot(page, name) {
  await page.waitForFunction((n) => window.divboard.state().snapshot === n && window.divboard.state().status === 'ready',
    name, { timeout: 30000 });
  return page.evaluate(() => window.divboard.state());
}

test('files picked or dropped load, JSON and packed; a bad one names itself and keeps the data', async () => {
  const two = generated(2);
  const three = generated(3);
  // Names a user would have: what the page shows is the file's own name.
  const mineJson = join(work, 'mine two.json');
  const minePacked = join(work, 'mine-three.bjd');
  renameSync(two.json, mineJson);
  renameSync(three.packed, minePacked);
  const broken = join(work, 'broken.json');
  writeFileSync(broken, readFileSync(mineJson, 'utf8').replace('"currency":"CNY"', '"currency":"yuan"'));
  const checked = spawnSync(CLI, ['check', broken], { encoding: 'utf8' });
  assert.equal(checked.status, 1);
  const cli = checked.stdout.trim();
  assert.match(cli, /^.*broken\.json: \/currency: /, 'the CLI finds the broken field');

  const { page, context, errors } = await openPage(browser, server.url);
  const first = await waitForStatus(page, 'ready');
  assert.ok(first.snapshot.startsWith('data/'));

  // The dashboard's own button opens the browser's file picker.
  const rect = await (await page.waitForFunction(() => window.divboard.state().targets['open-file'])).jsonValue();
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await page.mouse.move((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2);
  await page.waitForTimeout(50);
  await page.mouse.click((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2);
  await (await chooser).setFiles(mineJson);
  const fromJson = await waitForSnapshot(page, 'mine two.json');
  assert.equal(fromJson.error, null);
  expectNativeKpis(fromJson, mineJson);

  await page.setInputFiles('#file-input', minePacked);
  const fromPacked = await waitForSnapshot(page, 'mine-three.bjd');
  expectNativeKpis(fromPacked, minePacked);
  assert.notEqual(fromPacked.kpis.dau.value, fromJson.kpis.dau.value, 'the second file replaced the first');

  await page.setInputFiles('#file-input', broken);
  await page.waitForFunction(() => window.divboard.state().status === 'error');
  const afterBad = await page.evaluate(() => window.divboard.state());
  assert.equal(afterBad.error, cli.replace(/^.*broken\.json/, 'broken.json'), 'the message names the file and pointer as the CLI does');
  assert.equal(afterBad.snapshot, 'mine-three.bjd', 'the last good data stays');
  assert.deepEqual(afterBad.kpis, fromPacked.kpis);

  // A cut-off packed file: refused the same way.
  const bytes = readFileSync(minePacked);
  const cut = join(work, 'cut.bjd');
  writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
  await page.setInputFiles('#file-input', cut);
  await page.waitForFunction(() => /^cut\.bjd: \/\S*: .*BJData/.test(window.divboard.state().error || ''));
  assert.equal((await page.evaluate(() => window.divboard.state())).snapshot, 'mine-three.bjd');

  // A synthetic drop of the seed-2 packed file: the overlay shows while dragging, then the file loads.
  const dropped = readFileSync(two.packed).toString('base64');
  const overlay = await page.evaluate(async (b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([raw], 'dropped.bjd'));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const shown = !document.getElementById('drop-zone').hidden;
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return { shown, hiddenAfter: document.getElementById('drop-zone').hidden };
  }, dropped);
  assert.deepEqual(overlay, { shown: true, hiddenAfter: true });
  const fromDrop = await waitForSnapshot(page, 'dropped.bjd');
  assert.equal(fromDrop.error, null, 'a good file clears the error');
  expectNativeKpis(fromDrop, two.packed);
  assert.deepEqual(fromDrop.kpis, fromJson.kpis, 'the same snapshot, JSON or packed, shows the same numbers');

  assert.deepEqual(errors, []);
  await context.close();
});

test('auto-refresh leaves your file on screen; the picker goes back to the newest snapshot', async () => {
  const mine = generated(4).packed;
  // Polls every 0.5 s instead of 300 s.
  const { page, context, errors } = await openPage(browser, server.url, { testHooks: { timeScale: 1 / 600 } });
  const first = await waitForStatus(page, 'ready');
  await page.setInputFiles('#file-input', mine);
  const opened = await waitForSnapshot(page, mine.split('/').pop());
  assert.equal(opened.history.own_file, mine.split('/').pop());
  expectNativeKpis(opened, mine);
  const polls = opened.refresh.polls;
  await page.waitForFunction((n) => window.divboard.state().refresh.polls >= n + 3, polls, { timeout: 20000 });
  const later = await page.evaluate(() => window.divboard.state());
  assert.equal(later.snapshot, opened.snapshot, 'the polls did not replace the file');
  assert.deepEqual(later.kpis, opened.kpis);

  await pickFromList(page, 'asof', 'asof:' + later.history.entries[0]);
  const back = await waitForSnapshot(page, first.snapshot);
  assert.equal(back.history.own_file, '');
  assert.deepEqual(back.kpis, first.kpis, 'the newest snapshot again');
  assert.deepEqual(errors, []);
  await context.close();
});
