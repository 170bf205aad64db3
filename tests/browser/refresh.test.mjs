// Auto-refresh against a real server whose files change: a new snapshot in the manifest is
// picked up without touching the analyst's view and filters; a broken manifest shows an
// error while the last good data stays; the page recovers by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, DIST, startNginx, launchBrowser, openPage, waitForStatus, clickTarget } from './support.mjs';

let site;
let server;
let browser;

function writeManifest(entries) {
  // Write then rename, as docs/pipeline.md tells the pipeline to: never a half-written file.
  const manifest = { schema: 'divboard.manifest', version: 1, refresh_seconds: 10, snapshots: entries };
  writeFileSync(join(site, 'data/manifest.json.tmp'), JSON.stringify(manifest));
  renameSync(join(site, 'data/manifest.json.tmp'), join(site, 'data/manifest.json'));
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'divboard-refresh-'));
  cpSync(DIST, site, { recursive: true });
  const first = JSON.parse(readFileSync(join(site, 'data/manifest.json'), 'utf8')).snapshots;
  writeManifest(first);
  server = await startNginx(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(site, { recursive: true, force: true });
});

test('a new snapshot swaps in without resetting the view; faults keep the last good data', async () => {
  const hash = 'view=trading&range=30d&f.channel=livestream';
  const { page, context } = await openPage(browser, server.url + '#' + hash);
  const before = await waitForStatus(page, 'ready');
  assert.equal(before.refresh.seconds, 10);

  // The pipeline publishes a restated snapshot (another seed: different numbers).
  const scratch = join(site, 'scratch');
  execFileSync(CLI, ['gen', '--seed', '2', '--out', scratch]);
  const fresh = JSON.parse(readFileSync(join(scratch, 'manifest.json'), 'utf8')).snapshots[0];
  renameSync(join(scratch, fresh.path), join(site, 'data/snapshot-restated.json'));
  writeManifest([{ ...fresh, path: 'snapshot-restated.json' }]);

  await page.waitForFunction(() => window.divboard.state().snapshot === 'data/snapshot-restated.json',
    null, { timeout: 40000 });
  const after = await page.evaluate(() => window.divboard.state());
  assert.equal(after.hash, before.hash, 'the view and its filters are kept');
  assert.equal(after.error, null);
  const native = JSON.parse(execFileSync(CLI, ['summary', join(site, 'data/snapshot-restated.json'), '--hash', hash]));
  await page.waitForFunction((v) => window.divboard.state().view_kpis.gmv?.value === v, native.view_kpis.gmv.value);
  assert.notEqual(native.view_kpis.gmv.value, before.view_kpis.gmv.value, 'the restated numbers are shown');

  // The manifest breaks: an error names it, the data on screen stays.
  writeFileSync(join(site, 'data/manifest.json'), '<html>502 Bad Gateway</html>');
  await page.waitForFunction(() => window.divboard.state().status === 'error', null, { timeout: 40000 });
  const broken = await page.evaluate(() => window.divboard.state());
  assert.match(broken.error, /^data\/manifest\.json: \/: an HTML page, not a manifest \u2014 status 200/);
  assert.equal(broken.has_data, true);
  assert.equal(broken.snapshot, 'data/snapshot-restated.json');
  assert.ok(broken.refresh.failures >= 1);
  assert.match(broken.loaded_at, /^\d\d:\d\d$/, 'the age of the data on screen is known');

  // The server recovers; so does the page, by itself.
  writeManifest([{ ...fresh, path: 'snapshot-restated.json' }]);
  await page.waitForFunction(() => window.divboard.state().refresh.failures === 0 && window.divboard.state().error === null,
    null, { timeout: 40000 });
  await context.close();
});

test('the reader picks how often the page polls, and the pick lives in the link', async () => {
  // The test clock runs 100 times faster: the manifest's 10 s are 100 ms here.
  const { page, context, errors } = await openPage(browser, server.url + '#refresh=60', { testHooks: { timeScale: 0.01 } });
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().refresh.seconds === 60);
  assert.equal((await page.evaluate(() => window.divboard.state())).refresh.manifest_seconds, 10);

  await clickTarget(page, 'refresh');
  await clickTarget(page, 'refresh:off');
  await page.waitForFunction(() => window.divboard.state().refresh.seconds === null && /refresh=off/.test(location.hash));
  const pollsOff = (await page.evaluate(() => window.divboard.state())).refresh.polls;
  await page.waitForTimeout(1500);  // fifteen of the manifest's intervals at this clock
  assert.equal((await page.evaluate(() => window.divboard.state())).refresh.polls, pollsOff, 'no polls while off');

  await clickTarget(page, 'refresh');
  await clickTarget(page, 'refresh:auto');
  await page.waitForFunction((n) => window.divboard.state().refresh.seconds === 10 &&
    window.divboard.state().refresh.polls > n + 2, pollsOff, { timeout: 20000 });
  assert.doesNotMatch(await page.evaluate(() => location.hash), /refresh=/);
  assert.deepEqual(errors, []);
  await context.close();
});
