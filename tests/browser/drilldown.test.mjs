// The Hosts drill-down, the Compare view's two periods and keyboard use in a real browser:
// opened by clicking, by link and by keys, with the numbers on screen (window.divboard.state())
// checked against the native core (`divboard summary --hash`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, startNginx, launchBrowser, openPage, waitForStatus, newestSnapshot, clickTarget } from './support.mjs';

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

function native(hash, locale = 'en') {
  return JSON.parse(execFileSync(CLI, ['summary', newestSnapshot(), '--hash', hash, '--locale', locale]).toString());
}

// Key presses too are held for a frame: ImGui 1.86 reads keys as held-down state each frame.
async function press(page, key) {
  await page.keyboard.down(key);
  await page.waitForTimeout(60);
  await page.keyboard.up(key);
  await page.waitForTimeout(60);
}

const state = (page) => page.evaluate(() => window.divboard.state());
const hashOf = (page) => page.evaluate(() => location.hash.slice(1));

test('clicking a host opens their months, as the core computes them; Escape closes it', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=hosts');
  await waitForStatus(page, 'ready');
  const targets = await (await page.waitForFunction(() => {
    const t = window.divboard.state().targets;
    return Object.keys(t).some((k) => k.startsWith('host:')) && t;
  })).jsonValue();
  const hostTargets = Object.keys(targets).filter((k) => k.startsWith('host:'));
  assert.ok(hostTargets.length > 5, 'the table lists hosts');
  const id = hostTargets[1].slice('host:'.length);
  await clickTarget(page, 'host:' + id);
  await page.waitForFunction((h) => window.divboard.state().host?.id === h, id);
  const hash = await hashOf(page);
  assert.match(hash, new RegExp(`(^|&)host=${id}(&|$)`));
  const shown = (await state(page)).host;
  const expected = native(hash).host;
  assert.deepEqual(shown, expected);
  // The months add up to the table's totals for this host.
  const snapshot = JSON.parse(readFileSync(newestSnapshot(), 'utf8'));
  const row = snapshot.hosts.find((h) => h.id === id);
  assert.equal(shown.total_gmv, row.gmv);
  assert.equal(shown.sessions.reduce((a, b) => a + b, 0), row.sessions);
  assert.ok(Math.abs(shown.aov - row.gmv / row.orders) <= 1e-9 * shown.aov);

  // The drill-down's CSV holds the months on screen.
  const download = page.waitForEvent('download');
  await clickTarget(page, 'csv:host_drilldown');
  const file = await download;
  assert.equal(file.suggestedFilename(), `divboard-host-${id}.csv`);
  const lines = readFileSync(await file.path()).toString('utf8').slice(1).trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(lines[0].slice(0, 4), ['month', 'sessions', 'viewers', 'gmv']);
  assert.deepEqual(lines.slice(1).map((l) => l[0]), shown.months);
  assert.deepEqual(lines.slice(1).map((l) => Number(l[3])), shown.gmv);

  await press(page, 'Escape');
  await page.waitForFunction(() => window.divboard.state().host === undefined);
  assert.doesNotMatch(await hashOf(page), /host=/);
  await context.close();
});

test('a host from a link opens directly; an unknown one opens nothing', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=hosts&host=h0069&lang=zh');
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().host?.id === 'h0069');
  assert.deepEqual((await state(page)).host, native('view=hosts&host=h0069&lang=zh', 'zh').host);
  await page.evaluate(() => { location.hash = '#view=hosts&host=h9999'; });
  await page.waitForFunction(() => window.divboard.state().hash.includes('h9999'));
  await page.waitForTimeout(100);
  assert.equal((await state(page)).host, undefined);
  await context.close();
});

test('two periods from a link, then from the controls, give the core numbers', async () => {
  const link = 'view=compare&compare=periods&metric=aov&pa=2024-02-01..2024-02-29&pb=2023-12-15..2024-01-31';
  const { page, context } = await openPage(browser, server.url + '#' + link);
  await waitForStatus(page, 'ready');
  await page.waitForFunction(() => window.divboard.state().periods);
  let shown = (await state(page)).periods;
  assert.deepEqual(shown, native(link).periods);
  assert.equal(shown.covered_b, 31, 'period B starts before the data');

  // The controls: Two metrics, then Two periods, then "B = just before A", then side by side.
  await page.evaluate(() => { location.hash = '#view=compare'; });
  await page.waitForFunction(() => window.divboard.state().periods === undefined);
  await clickTarget(page, 'compare:periods');
  await page.waitForFunction(() => location.hash.includes('compare=periods'));
  await clickTarget(page, 'period_b_previous');
  await page.waitForFunction(() => location.hash.includes('pb='));
  const hash = await hashOf(page);
  const expected = native(hash).periods;
  await page.waitForFunction((b) => window.divboard.state().periods?.b === b, expected.b);
  shown = (await state(page)).periods;
  assert.deepEqual(shown, expected);
  assert.equal(shown.metric, 'gmv');
  await clickTarget(page, 'layout:side');
  await page.waitForFunction(() => location.hash.includes('layout=side'));
  await context.close();
});

test('keyboard: number keys pick views, R resets, Escape closes a popup, arrows and Space reach the tabs', async () => {
  const { page, context } = await openPage(browser, server.url + '#view=trading&range=30d&f.channel=livestream');
  await waitForStatus(page, 'ready');
  await page.mouse.move(5, 5);
  await page.keyboard.press('4');
  await page.waitForFunction(() => window.divboard.state().view === 'hosts');
  await page.keyboard.press('5');
  await page.waitForFunction(() => window.divboard.state().view === 'compare');
  await page.keyboard.press('3');
  await page.waitForFunction(() => window.divboard.state().view === 'trading');
  assert.deepEqual((await state(page)).filters, { channel: ['livestream'] });
  await page.keyboard.press('r');
  await page.waitForFunction(() => Object.keys(window.divboard.state().filters).length === 0);
  assert.equal((await state(page)).range, '90d');

  // A popup closes with Escape.
  await clickTarget(page, 'filter:region');
  await page.waitForFunction(() => window.divboard.state().targets['filter:region:east']);
  await press(page, 'Escape');
  await page.mouse.move(600, 600);  // a frame to draw the closed popup
  await page.waitForFunction(() => !window.divboard.state().targets['filter:region:east']);

  await context.close();
});
