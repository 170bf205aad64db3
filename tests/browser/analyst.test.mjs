// The analyst's views in a real browser: every view opens from a link, filters applied by
// link and by clicking give the same numbers as the native core, and exports download
// files whose contents match what is on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, CLI, startNginx, launchBrowser, openPage, waitForStatus, newestSnapshot, distinctColours, clickTarget,
} from './support.mjs';

let server;
let browser;
const SHOTS = join(ROOT, 'build/screenshots');

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startNginx();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function nativeView(hash) {
  return JSON.parse(execFileSync(CLI, ['summary', newestSnapshot(), '--hash', hash]).toString());
}

function assertSameKpis(shown, native, label) {
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(native).sort(), label);
  assert.ok(Object.keys(native).length >= 5, label);
  for (const [id, expected] of Object.entries(native)) {
    const got = shown[id];
    for (const field of ['value', 'previous']) {
      if (expected[field] === null) {
        assert.equal(got[field], null, `${label} ${id}.${field}`);
      } else {
        assert.ok(Math.abs(got[field] - expected[field]) <= 1e-9 * Math.abs(expected[field]),
          `${label} ${id}.${field}: browser ${got[field]} vs native ${expected[field]}`);
      }
    }
    assert.equal(got.text, expected.text, `${label} ${id} text`);
  }
}

test('every view opens from a link and draws', async () => {
  for (const view of ['overview', 'community', 'trading', 'hosts', 'compare', 'gallery', 'changes']) {
    const { page, context, errors } = await openPage(browser, server.url + '#view=' + view);
    const state = await waitForStatus(page, 'ready');
    assert.equal(state.view, view);
    await page.waitForTimeout(150);
    const png = await page.screenshot({ path: join(SHOTS, `view-${view}.png`) });
    assert.ok(await distinctColours(page, png) > 40, view + ' is not blank');
    assert.deepEqual(errors, [], view);
    await context.close();
  }
});

test('the tabs switch views, and back returns to the previous one', async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  await clickTarget(page, 'tab:trading');
  await page.waitForFunction(() => window.divboard.state().view === 'trading');
  await clickTarget(page, 'tab:hosts');
  await page.waitForFunction(() => window.divboard.state().view === 'hosts');
  await page.goBack();
  await page.waitForFunction(() => window.divboard.state().view === 'trading');
  await context.close();
});

test('filters from a link give the native core numbers, including slices that cannot be summed', async () => {
  for (const hash of ['view=trading&range=30d&f.channel=livestream',
    'view=trading&range=12m&gran=month&cmp=yoy&f.category=fashion,beauty',
    'view=community&range=ytd&gran=week&f.region=east',
    'view=community&range=2025-03-01..2025-05-31&cmp=yoy']) {
    const { page, context } = await openPage(browser, server.url + '#' + hash);
    await waitForStatus(page, 'ready');
    const native = nativeView(hash);
    await page.waitForFunction((n) => Object.keys(window.divboard.state().view_kpis).length === n,
      Object.keys(native.view_kpis).length);
    const state = await page.evaluate(() => window.divboard.state());
    assert.equal(state.view_range, native.view_range, hash);
    assertSameKpis(state.view_kpis, native.view_kpis, hash);
    await context.close();
  }
});

test('a filter picked in the UI updates the link and the numbers', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=trading&range=30d');
  await waitForStatus(page, 'ready');
  await clickTarget(page, 'filter:channel');
  await clickTarget(page, 'filter:channel:livestream');
  await page.waitForFunction(() => location.hash.includes('f.channel=livestream'));
  const hash = await page.evaluate(() => location.hash.slice(1));
  const native = nativeView(hash);
  await page.keyboard.press('Escape');
  await page.waitForFunction((v) => window.divboard.state().view_kpis.gmv?.value === v, native.view_kpis.gmv.value);
  assertSameKpis((await page.evaluate(() => window.divboard.state())).view_kpis, native.view_kpis, hash);
  await context.close();
});

test('CSV exports hold what the screen shows (UTF-8 with BOM, Chinese names intact)', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=hosts');
  await waitForStatus(page, 'ready');
  let download = page.waitForEvent('download');
  await clickTarget(page, 'csv:hosts');
  let file = await download;
  assert.equal(file.suggestedFilename(), 'divboard-hosts.csv');
  const hosts = readFileSync(await file.path());
  assert.deepEqual([...hosts.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const lines = hosts.toString('utf8').slice(1).trim().split('\r\n');
  const snapshot = JSON.parse(readFileSync(newestSnapshot(), 'utf8'));
  assert.equal(lines.length, snapshot.hosts.length + 1);
  const first = snapshot.hosts.find((h) => lines[1].startsWith(h.id + ','));
  assert.ok(first, 'the first row is a host of the snapshot');
  assert.equal(lines[1], [first.id, first.name, first.name_latin, first.category, first.fans, first.sessions,
    first.viewers, first.gmv, first.orders, first.purchasing_users].join(','));

  // A chart's CSV: daily purchasing users over the last 30 days average to the tile's value.
  await page.evaluate(() => { location.hash = '#view=trading&range=30d&gran=day'; });
  await page.waitForFunction(() => window.divboard.state().view_kpis.dpu);
  download = page.waitForEvent('download');
  await clickTarget(page, 'csv:chart0');
  file = await download;
  const rows = readFileSync(await file.path()).toString('utf8').slice(1).trim().split('\r\n').map((r) => r.split(','));
  assert.equal(rows.length, 31);
  const values = rows.slice(1).map((r) => Number(r[1]));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const tile = (await page.evaluate(() => window.divboard.state())).view_kpis.dpu.value;
  assert.ok(Math.abs(mean - tile) <= 1e-9 * tile, `CSV mean ${mean} vs tile ${tile}`);
  await context.close();
});

test('the view saves as a PNG', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=overview');
  await waitForStatus(page, 'ready');
  const download = page.waitForEvent('download');
  await clickTarget(page, 'png');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'divboard-overview.png');
  const png = readFileSync(await file.path());
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4E, 0x47]);
  assert.ok(await distinctColours(page, png) > 40, 'the saved PNG is not blank');
  // The right way up and the same pixels as the screen: the main chart's panel, away from the
  // button, is compared.
  const main = (await page.evaluate(() => window.divboard.state())).targets['panel:overview_main'];
  const box = { x: main[0], y: main[1], width: main[2] - main[0], height: main[3] - main[1] };
  const differing = await page.evaluate(async ([saved, shown, box]) => {
    const pixels = async (b64, x, y) => {
      const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      const ctx = new OffscreenCanvas(box.width, box.height).getContext('2d');
      ctx.drawImage(bitmap, -x, -y);
      return ctx.getImageData(0, 0, box.width, box.height).data;
    };
    const a = await pixels(saved, box.x, box.y);
    const b = await pixels(shown, 0, 0);
    let count = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) ++count;
    return count;
  }, [png.toString('base64'), (await page.screenshot({ clip: box })).toString('base64'), box]);
  assert.equal(differing, 0, 'the saved PNG differs from the screen');
  await context.close();
});
