// The Trading view's calendar heat map: a hovered cell's tooltip value is the native core's
// for that day, and the GPU drawing (shader + data texture) matches the CPU fallback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startNginx, launchBrowser, openPage, waitForStatus, newestSnapshot, CLI } from './support.mjs';

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

// Tall enough that the heat map under the Trading charts is on screen without scrolling.
const VIEWPORT = { width: 1440, height: 2000 };

async function heatMapRect(page) {
  await page.waitForFunction(() => Array.isArray(window.divboard.state().targets.heatmap));
  const [x0, y0, x1, y1] = (await page.evaluate(() => window.divboard.state())).targets.heatmap;
  return { x0, y0, x1, y1 };
}

// Moves over points of the grid until one is a day's cell (gutters and the months before the
// data hold none); returns the state's hovered cell.
async function hoverSomeDay(page, rect, fractions) {
  for (const [fx, fy] of fractions) {
    await page.mouse.move(rect.x0 + (rect.x1 - rect.x0) * fx, rect.y0 + (rect.y1 - rect.y0) * fy);
    const cell = await page.waitForFunction(() => window.divboard.state().heatmap, null, { timeout: 1500 })
      .then((handle) => handle.jsonValue()).catch(() => null);
    if (cell) return cell;
  }
  return null;
}

function nativeDay(date, locale) {
  return JSON.parse(execFileSync(CLI, ['summary', newestSnapshot(), '--day', date, '--locale', locale]).toString()).calendar_day;
}

test('hovering a heat-map cell shows that day\'s purchasing users as the native core computes them', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '#view=trading&lang=zh', { viewport: VIEWPORT });
  await waitForStatus(page, 'ready');
  const rect = await heatMapRect(page);
  assert.ok(rect.x1 - rect.x0 > 300 && rect.y1 - rect.y0 > 100, JSON.stringify(rect));
  const seen = new Set();
  for (const fractions of [[[0.33, 0.1], [0.34, 0.12]], [[0.7, 0.55], [0.71, 0.57]], [[0.5, 0.9], [0.52, 0.88]]]) {
    const cell = await hoverSomeDay(page, rect, fractions);
    assert.ok(cell, 'no day under ' + JSON.stringify(fractions));
    const native = nativeDay(cell.date, 'zh');
    assert.equal(cell.text, native.text, cell.date);
    assert.equal(cell.value, native.value, cell.date);
    seen.add(cell.date);
  }
  assert.equal(seen.size, 3, 'three different days hovered');
  // Leaving the grid clears the hovered cell.
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => window.divboard.state().heatmap === null);
  assert.deepEqual(errors, []);
  await context.close();
});

// The heat map (mouse away) as drawn with `query`: its screenshot and the GPU state. The page
// stays open so the caller can compare images in it.
async function heatMapShot(query, initScript = undefined) {
  const { page, context, errors } = await openPage(browser, server.url + query, { viewport: VIEWPORT, initScript });
  await waitForStatus(page, 'ready');
  const rect = await heatMapRect(page);
  // Counted before the move: the frames it wakes may all be drawn before a later count. The
  // page stops as soon as two frames in a row are alike, so wait for quiet, not a number.
  let frames = (await page.evaluate(() => window.divboard.state())).frames;
  await page.mouse.move(5, 5);
  await page.waitForFunction((n) => window.divboard.state().frames > n, frames);
  for (let tries = 0; tries < 20; ++tries) {
    await page.waitForTimeout(200);
    const now = (await page.evaluate(() => window.divboard.state())).frames;
    if (now === frames) break;
    frames = now;
  }
  const png = await page.screenshot({ clip: { x: rect.x0, y: rect.y0, width: rect.x1 - rect.x0, height: rect.y1 - rect.y0 } });
  const gpu = (await page.evaluate(() => window.divboard.state())).gpu;
  return { page, context, errors, png, gpu };
}

// Decoded by the browser: pixels differing by more than 3 in a channel, and distinct colours of `a`.
async function comparePngs(page, a, b) {
  return page.evaluate(async ([a64, b64]) => {
    const decode = async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [pa, pb] = await Promise.all([decode(a64), decode(b64)]);
    if (pa.length !== pb.length) return { total: -1 };
    let differing = 0;
    const colours = new Set();
    for (let i = 0; i < pa.length; i += 4) {
      if (Math.abs(pa[i] - pb[i]) > 3 || Math.abs(pa[i + 1] - pb[i + 1]) > 3 || Math.abs(pa[i + 2] - pb[i + 2]) > 3) differing++;
      colours.add((pa[i] << 16) | (pa[i + 1] << 8) | pa[i + 2]);
    }
    return { total: pa.length / 4, differing, colours: colours.size };
  }, [a.toString('base64'), b.toString('base64')]);
}

test('the GPU heat map matches the CPU fallback, in both themes', async () => {
  for (const theme of ['dark', 'light']) {
    const gpu = await heatMapShot(`#view=trading&theme=${theme}`);
    await gpu.context.close();
    const cpu = await heatMapShot(`?gpu=0#view=trading&theme=${theme}`);
    assert.equal(gpu.gpu.enabled, true, 'the GPU path is on by default');
    assert.equal(gpu.gpu.ready, true, 'the heat map made its program when it first drew');
    assert.ok(gpu.gpu.frame_draws > 0, 'the heat map went through the GPU');
    assert.equal(cpu.gpu.enabled, false, '?gpu=0 keeps the CPU path');
    const result = await comparePngs(cpu.page, gpu.png, cpu.png);
    await cpu.context.close();
    assert.ok(result.total > 10000, `${theme}: same size (${result.total})`);
    assert.ok(result.differing <= result.total * 0.001, `${theme}: ${result.differing} of ${result.total} pixels differ`);
    assert.ok(result.colours > 50, `${theme}: a colour scale, not a flat fill (${result.colours} colours)`);
    assert.deepEqual([...gpu.errors, ...cpu.errors], []);
  }
});

// The heat map's GL objects are made when it first draws (WebGlResidentCharts::Prepare), not at
// start-up: a browser that refuses them then must still get the heat map, from the CPU.
test('a browser without float textures draws the heat map on the CPU, as ?gpu=0 does', async () => {
  const refuseFloatTextures = () => {
    const original = WebGL2RenderingContext.prototype.texImage2D;
    WebGL2RenderingContext.prototype.texImage2D = function (...args) {
      // R32F data as bytes: the INVALID_OPERATION a browser without R32F support would give.
      if (args[2] === 0x822E) args[7] = 0x1401;
      return original.apply(this, args);
    };
  };
  const refused = await heatMapShot('#view=trading', refuseFloatTextures);
  await refused.context.close();
  const cpu = await heatMapShot('?gpu=0#view=trading');
  assert.equal(refused.gpu.enabled, false, 'the GPU path gave up');
  assert.equal(refused.gpu.ready, false);
  assert.equal(refused.gpu.frame_draws, 0);
  const result = await comparePngs(cpu.page, refused.png, cpu.png);
  await cpu.context.close();
  assert.ok(result.total > 10000, `same size (${result.total})`);
  assert.ok(result.differing <= result.total * 0.001, `${result.differing} of ${result.total} pixels differ`);
  assert.ok(result.colours > 50, `a colour scale, not a flat fill (${result.colours} colours)`);
  assert.deepEqual([...refused.errors, ...cpu.errors], []);
});
