// Shared set-up for browser tests: nginx serving dist/ on a free loopback port, Debian's
// Chromium driven by playwright-core, and the native CLI as the reference for numbers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests/browser/fixtures');
export const CLI = join(ROOT, 'build/native/divboard');

async function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForPort(port, deadlineMs) {
  const { connect } = await import('node:net');
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); res(true); });
      socket.once('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start listening on ' + port);
}

export async function startNginx(root = DIST) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'divboard-nginx-'));
  const conf = execFileSync(join(ROOT, 'scripts/nginx-conf.sh'), [root, String(port), dir, FIXTURES]);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port, 10000);
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `gpuCompositing` (benchmarks only) leaves out --disable-gpu, so Chromium composites
// through SwiftShader's GL as it would through a real GPU, instead of reading every WebGL
// frame back for a software compositor.
export async function launchBrowser({ gpuCompositing = false } = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', ...(gpuCompositing ? [] : ['--disable-gpu']), '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
}

// Opens the page and collects console errors and page errors for later assertions.
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1440, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
  });
  // Test-only knobs of the loader (web/loader.js: divboardTestHooks), set before it runs.
  if (options.testHooks) await context.addInitScript((h) => { window.divboardTestHooks = h; }, options.testHooks);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, errors };
}

// Clicks a control by its `state().targets` rectangle once the rectangle holds still (ImGui
// lays out a newly opened popup a frame before it places it), holding the button for a frame
// (ImGui 1.86 loses a press and release that fall inside one frame).
export async function clickTarget(page, target) {
  let previous = null;
  for (let stable = 0; stable < 3;) {
    const rect = await (await page.waitForFunction((name) => window.divboard.state().targets[name], target)).jsonValue();
    stable = previous && rect.every((v, i) => v === previous[i]) ? stable + 1 : 0;
    previous = rect;
    await page.mouse.move((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2);
    await page.waitForTimeout(50);
  }
  await page.mouse.down();
  await page.waitForTimeout(50);
  await page.mouse.up();
}

// Opens a list (a combo) by its target and picks one of its items, then waits until the list
// has closed. A click ImGui missed (seen once in a while on a loaded machine: the list stayed
// open and the next combo would not open) is made again, up to three times.
export async function pickFromList(page, opener, item) {
  const shown = (name) => page.evaluate((n) => Boolean(window.divboard.state().targets[n]), name);
  const within = async (ms, predicate) => {
    for (const end = Date.now() + ms; Date.now() < end; await page.waitForTimeout(50)) {
      if (await predicate()) return true;
    }
    return false;
  };
  for (let attempt = 0; attempt < 3; ++attempt) {
    if (!(await shown(item))) {
      await clickTarget(page, opener);
      if (!(await within(3000, () => shown(item)))) continue;
    }
    await clickTarget(page, item);
    if (await within(3000, async () => !(await shown(item)))) return;
  }
  throw new Error(`picking ${item} from ${opener} did not take`);
}

// 'ready' also waits for the loading splash to go: until it does it covers the canvas, and a
// click meant for the dashboard lands on the splash (seen on a loaded CI machine).
// Loses the page's WebGL context and gets it back, as a GPU reset or a driver update would,
// and waits until the app has seen both (its first restore).
export async function loseAndRestoreContext(page) {
  await page.evaluate(() => {
    window.loseContextExtension = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.loseContextExtension.loseContext();
  });
  await page.waitForFunction(() => window.divboard.state().context_lost === true);
  await page.evaluate(() => window.loseContextExtension.restoreContext());
  await page.waitForFunction(() => window.divboard.state().context_restores === 1 && !window.divboard.state().context_lost);
}

export async function waitForStatus(page, status, timeout = 60000) {
  await page.waitForFunction((s) => window.divboard && window.divboard.state().status === s &&
    (s !== 'ready' || !document.getElementById('splash') || document.getElementById('splash').classList.contains('hidden')),
  status, { timeout });
  return page.evaluate(() => window.divboard.state());
}

export function newestSnapshot() {
  const name = readdirSync(join(DIST, 'data')).filter((f) => /^snapshot-.*\.json$/.test(f)).sort().pop();
  return join(DIST, 'data', name);
}

export function nativeSummary(file) {
  return JSON.parse(execFileSync(CLI, ['summary', file]).toString());
}

// Distinct colours in a PNG, counted by the browser itself (no image library needed).
export async function distinctColours(page, png) {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch('data:image/png;base64,' + b64)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  }, png.toString('base64'));
}

// How two PNGs of the same size differ, decoded by the browser: the pixels that differ and
// the largest difference of a channel (0-255).
export async function pixelDifference(page, a, b) {
  return page.evaluate(async ([a64, b64]) => {
    const pixels = async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [p, q] = await Promise.all([pixels(a64), pixels(b64)]);
    if (p.length !== q.length) return { count: Infinity, max: 255 };
    let count = 0, max = 0;
    for (let i = 0; i < p.length; i += 4) {
      const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
      if (d > 0) { ++count; max = Math.max(max, d); }
    }
    return { count, max };
  }, [a.toString('base64'), b.toString('base64')]);
}

// Waits until no frame has been built for a while: the screen is settled. Returns the state.
export async function settleFrames(page) {
  const state = () => page.evaluate(() => window.divboard.state());
  let last = await state();
  for (let tries = 0; tries < 30; ++tries) {
    await page.waitForTimeout(150);
    const now = await state();
    if (now.frames === last.frames) return now;
    last = now;
  }
  return last;
}
