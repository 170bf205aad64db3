// Snapshot history against a real server: the "as of" picker (by clicking and by link) shows
// an older snapshot with the native core's numbers for that file, auto-refresh leaves a
// picked snapshot alone, the Changes view lists what `divboard diff` lists for the pair the
// link names, and a manifest
// entry made of parts (one file per division) shows the same KPIs as the single file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, DIST, startNginx, launchBrowser, openPage, waitForStatus, clickTarget, pickFromList } from './support.mjs';

let site;
let server;
let browser;
let manifest;  // as `divboard gen` wrote it

const data = (name) => join(site, 'data', name);

function writeManifest(snapshots, extra = {}) {
  const text = JSON.stringify({ schema: 'divboard.manifest', version: 1, ...extra, snapshots });
  writeFileSync(data('manifest.json.tmp'), text);
  renameSync(data('manifest.json.tmp'), data('manifest.json'));
}

function summary(file, hash) {
  return JSON.parse(execFileSync(CLI, ['summary', file, ...(hash ? ['--hash', hash] : [])]).toString());
}

function assertSameKpis(shown, native, label) {
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(native).sort(), label);
  assert.ok(Object.keys(native).length >= 5, label);
  for (const [id, expected] of Object.entries(native)) {
    for (const field of ['value', 'previous']) {
      if (expected[field] === null) {
        assert.equal(shown[id][field], null, `${label} ${id}.${field}`);
      } else {
        assert.ok(Math.abs(shown[id][field] - expected[field]) <= 1e-9 * Math.abs(expected[field]),
          `${label} ${id}.${field}: browser ${shown[id][field]} vs native ${expected[field]}`);
      }
    }
    assert.equal(shown[id].text, expected.text, `${label} ${id} text`);
  }
}

// Clicks a named control once its rectangle has held still (a popup is laid out once first).
async function waitForShown(page, last) {
  await page.waitForFunction((day) => {
    const s = window.divboard.state();
    return s.status === 'ready' && s.history.shown === day;
  }, last, { timeout: 30000 });
  return page.evaluate(() => window.divboard.state());
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'divboard-history-'));
  cpSync(DIST, site, { recursive: true });
  manifest = JSON.parse(readFileSync(data('manifest.json'), 'utf8'));
  server = await startNginx(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(site, { recursive: true, force: true });
});

test('the "as of" picker shows an older snapshot, by clicking and by link', async () => {
  const [newest, older] = manifest.snapshots;
  assert.ok(older, 'divboard gen writes yesterday\'s snapshot too');
  const { page, context, errors } = await openPage(browser, server.url);
  let state = await waitForShown(page, newest.last);
  assert.deepEqual(state.history.entries, [newest.last, older.last]);
  assertSameKpis(state.kpis, summary(data(newest.path)).kpis, 'newest');

  await pickFromList(page, 'asof', 'asof:' + older.last);
  state = await waitForShown(page, older.last);
  assert.equal(state.snapshot, 'data/' + (older.packed || older.path));  // the packed twin when listed
  assert.match(state.hash, new RegExp('asof=' + older.last));
  assertSameKpis(state.kpis, summary(data(older.path)).kpis, 'older, picked');
  const olderKpis = state.kpis;
  assert.notDeepEqual(olderKpis, summary(data(newest.path)).kpis);

  await clickTarget(page, 'asof:newest');  // one click back
  state = await waitForShown(page, newest.last);
  assert.doesNotMatch(state.hash, /asof=/);
  assertSameKpis(state.kpis, summary(data(newest.path)).kpis, 'newest again');
  assert.deepEqual(errors, []);
  await context.close();

  // By link, into an analyst view; then a poll finds a new newest snapshot and leaves the
  // picked one on screen.
  writeManifest(manifest.snapshots, { refresh_seconds: 10 });
  const hash = `view=trading&range=30d&asof=${older.last}`;
  const linked = await openPage(browser, server.url + '#' + hash);
  state = await waitForShown(linked.page, older.last);
  const native = summary(data(older.path), hash);
  assertSameKpis(state.kpis, summary(data(older.path)).kpis, 'older, by link');
  await linked.page.waitForFunction((v) => window.divboard.state().view_kpis.gmv?.value === v, native.view_kpis.gmv.value);
  assertSameKpis((await linked.page.evaluate(() => window.divboard.state())).view_kpis, native.view_kpis, 'older view');

  cpSync(data(newest.path), data('snapshot-next.json'));
  const next = { ...newest, path: 'snapshot-next.json', last: '2026-11-28', sha256: '0'.repeat(63) + '1' };
  writeManifest([next, ...manifest.snapshots], { refresh_seconds: 10 });
  await linked.page.waitForFunction(() => window.divboard.state().history.entries.length === 3, null, { timeout: 40000 });
  state = await linked.page.evaluate(() => window.divboard.state());
  assert.equal(state.history.shown, older.last, 'auto-refresh does not replace a picked snapshot');
  assert.equal(state.snapshot, 'data/' + (older.packed || older.path));  // the packed twin when listed
  assert.equal(state.error, null);
  await linked.context.close();
  writeManifest(manifest.snapshots);
});

test('the Changes view lists what `divboard diff` lists, and exports it', async () => {
  const [newest, older] = manifest.snapshots;
  const native = JSON.parse(execFileSync(CLI, ['diff', data(older.path), data(newest.path)]).toString());
  assert.ok(native.values.length > 0, 'the generated pair has restated values');
  const { page, context, errors } = await openPage(browser, server.url + '#view=changes');
  await page.waitForFunction(() => window.divboard.state().history.changes?.ready, null, { timeout: 30000 });
  const state = await page.evaluate(() => window.divboard.state());
  assert.equal(state.history.changes.older, older.last);
  assert.equal(state.history.changes.newer, newest.last);
  assert.deepEqual(state.history.changes.diff, native);

  const download = page.waitForEvent('download');
  await clickTarget(page, 'csv:changes');
  const file = await download;
  assert.equal(file.suggestedFilename(), `divboard-changes-${older.last}-${newest.last}.csv`);
  const lines = readFileSync(await file.path()).toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'metric,name,dims,day,old,new,change_percent');
  assert.equal(lines.length, native.values.length + 1);
  const first = native.values[0];
  assert.ok(lines[1].startsWith([first.metric, first.name, first.dims, first.day, first.old, first.new].join(',')), lines[1]);

  // The pair picked goes into the link, and the link brings it back: here the pair reversed.
  const reversed = JSON.parse(execFileSync(CLI, ['diff', data(newest.path), data(older.path)]).toString());
  await pickFromList(page, 'changes:old', 'changes:old:' + newest.last);
  await pickFromList(page, 'changes:new', 'changes:new:' + older.last);
  await page.waitForFunction(([o, n]) => {
    const c = window.divboard.state().history.changes;
    return c?.ready && c.older === o && c.newer === n;
  }, [newest.last, older.last], { timeout: 30000 });
  const picked = await page.evaluate(() => window.divboard.state());
  assert.match(picked.hash, new RegExp(`old=${newest.last}&new=${older.last}`));
  assert.deepEqual(picked.history.changes.diff, reversed);
  assert.deepEqual(errors, []);
  await context.close();

  const linked = await openPage(browser, server.url + '#' + picked.hash.replace(/^#/, ''));
  await linked.page.waitForFunction(() => window.divboard.state().history.changes?.ready, null, { timeout: 30000 });
  const again = await linked.page.evaluate(() => window.divboard.state().history.changes);
  assert.equal(again.older, newest.last);
  assert.equal(again.newer, older.last);
  assert.deepEqual(again.diff, reversed);
  assert.deepEqual(linked.errors, []);
  await linked.context.close();
});

// One file per division, as a pipeline might publish them.
function splitByDivision(doc) {
  const division = new Map(doc.metrics.map((m) => [m.id, m.division]));
  const part = (id) => ({
    ...doc,
    metrics: doc.metrics.filter((m) => m.division === id),
    series: doc.series.filter((s) => division.get(s.metric) === id),
    events: id === 'community' ? doc.events : [],
    hosts: id === 'trading' ? doc.hosts : [],
  });
  return [part('community'), part('trading')];
}

function entryFor(files, base) {
  return {
    parts: files.map(([path, text]) => ({ path, bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex') })),
    generated_at: base.generated_at, first: base.first, last: base.last,
  };
}

test('a snapshot made of parts shows the single file\'s KPIs; a conflict names file and pointer', async () => {
  const [newest] = manifest.snapshots;
  const whole = JSON.parse(readFileSync(data(newest.path), 'utf8'));
  const [community, trading] = splitByDivision(whole).map((d) => JSON.stringify(d));
  mkdirSync(data('parts'), { recursive: true });
  writeFileSync(data('parts/community.json'), community);
  writeFileSync(data('parts/trading.json'), trading);
  writeManifest([entryFor([['parts/community.json', community], ['parts/trading.json', trading]], newest)]);
  assert.equal(execFileSync(CLI, ['check', data('manifest.json')]).toString(), '', 'divboard check agrees');

  const { page, context, errors } = await openPage(browser, server.url);
  const state = await waitForStatus(page, 'ready');
  assert.equal(state.snapshot, 'data/parts/community.json + data/parts/trading.json');
  assertSameKpis(state.kpis, summary(data(newest.path)).kpis, 'parts');
  assert.deepEqual(errors, []);
  await context.close();

  // The trading part also carries the community's first series: a conflict.
  const bad = JSON.parse(trading);
  bad.metrics.push(whole.metrics.find((m) => m.id === whole.series[0].metric));
  bad.series.push(whole.series[0]);
  const badText = JSON.stringify(bad);
  writeFileSync(data('parts/trading-bad.json'), badText);
  writeManifest([entryFor([['parts/community.json', community], ['parts/trading-bad.json', badText]], newest)]);
  const broken = await openPage(browser, server.url);
  const failed = await waitForStatus(broken.page, 'error');
  assert.match(failed.error, new RegExp(`data/parts/trading-bad\\.json: /series/${bad.series.length - 1}: a second series ` +
    `for metric "${whole.series[0].metric}" and the same dims \\(also in data/parts/community\\.json at /series/0\\)`));
  await broken.context.close();
  writeManifest(manifest.snapshots);
});
