// The view lives in the URL hash: a link reproduces it, back/forward move between views,
// a malformed hash falls back to defaults with a notice. Also looks at the chart gallery
// and the Chinese UI the way a user would (screenshots kept in build/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, startNginx, launchBrowser, openPage, waitForStatus, newestSnapshot, distinctColours,
} from './support.mjs';
import { execFileSync } from 'node:child_process';

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

test('a link with a hash opens that view, theme and language', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '#view=gallery&theme=light&lang=zh');
  const state = await waitForStatus(page, 'ready');
  assert.equal(state.view, 'gallery');
  assert.equal(state.theme, 'light');
  assert.equal(state.locale, 'zh');
  assert.deepEqual(state.notices, []);
  await page.waitForTimeout(200);
  const png = await page.screenshot({ path: join(SHOTS, 'gallery-light-zh.png') });
  assert.ok(await distinctColours(page, png) > 50);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the two metrics of the Compare view come from the link and stay in it', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '#view=compare&ma=gmv&mb=aov');
  const state = await waitForStatus(page, 'ready');
  assert.equal(state.view, 'compare');
  assert.deepEqual(state.notices, []);
  assert.match(state.hash, /(^|&)ma=gmv&mb=aov(&|$)/);
  await page.evaluate(() => { location.hash = 'view=compare&ma=GMV'; });
  await page.waitForFunction(() => window.divboard.state().notices.some((n) => n.includes('ma=')));
  assert.doesNotMatch((await page.evaluate(() => window.divboard.state())).hash, /ma=/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('numbers in Chinese use 万 and 亿, the same values as the native core in Chinese', async () => {
  const { page, context } = await openPage(browser, server.url + '#lang=zh');
  const state = await waitForStatus(page, 'ready');
  const native = JSON.parse(execFileSync(join(ROOT, 'build/native/divboard'),
    ['summary', newestSnapshot(), '--locale', 'zh']).toString());
  for (const [id, expected] of Object.entries(native.kpis)) {
    assert.equal(state.kpis[id].text, expected.text, id);
  }
  assert.match(state.kpis.dau.text, /亿$/);
  assert.match(state.kpis.gmv.text, /^¥/);
  await context.close();
});

test('keyboard shortcuts switch theme and language, and the address bar follows', async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  await page.keyboard.type('t');
  await page.keyboard.type('l');
  await page.waitForFunction(() => window.divboard.state().theme === 'light' && window.divboard.state().locale === 'zh');
  await page.waitForFunction(() => location.hash === '#theme=light&lang=zh');
  await context.close();
});

test('back and forward move between views', async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForStatus(page, 'ready');
  await page.evaluate(() => { location.hash = '#view=gallery'; });
  await page.waitForFunction(() => window.divboard.state().view === 'gallery');
  await page.goBack();
  await page.waitForFunction(() => window.divboard.state().view === 'overview');
  await page.goForward();
  await page.waitForFunction(() => window.divboard.state().view === 'gallery');
  await context.close();
});

test('a malformed hash falls back to defaults with a notice, never a crash', async () => {
  for (const hash of ['#view=%3Cscript%3E&theme=neon', '#' + 'x'.repeat(5000), '#%%%&&=&view', '#view=gallery%00']) {
    const { page, context, errors } = await openPage(browser, server.url + hash);
    const state = await waitForStatus(page, 'ready');
    assert.equal(state.view, 'overview', hash.slice(0, 40));
    assert.equal(state.theme, 'dark');
    assert.ok(state.notices.length >= 1, 'a notice for ' + hash.slice(0, 40));
    assert.deepEqual(errors, []);
    await context.close();
  }
});
