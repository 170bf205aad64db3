// Snapshot ingest in headless Chromium, in one page and one run (bench/ingest_bench_page.js):
// the browser's JSON.parse against our JSON and packed ingest of the same generated 10M-value
// snapshot (`ingest_bench --write`), plus peak wasm memory against the raw column bytes
// (8 per value), printed as a table with the goals. Used by scripts/bench.sh:
//   node bench/run_ingest_browser_bench.mjs DATA_DIR VALUES   (WEB overrides build/web)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, startNginx, launchBrowser } from '../tests/browser/support.mjs';

const [dataDir, valuesText] = process.argv.slice(2);
const values = Number(valuesText);
const RUNS = Number(process.env.RUNS || 3);
const web = resolve(ROOT, process.env.WEB || 'build/web');
const site = join(web, 'ingest-site');
mkdirSync(join(site, 'data'), { recursive: true });
for (const name of ['ingest_bench.html', 'ingest_bench_page.js']) copyFileSync(join(ROOT, 'bench', name), join(site, name));
for (const name of ['divboard.js', 'divboard.wasm']) copyFileSync(join(web, name), join(site, name));
for (const name of ['snapshot.json', 'snapshot.bjd']) copyFileSync(join(dataDir, name), join(site, 'data', name));

const MB = 1e6;
const fixed = (x, digits = 1) => x.toFixed(digits).padStart(7);
const server = await startNginx(site);
let browser;
let failed = false;
try {
  browser = await launchBrowser();
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(String(e)));
  await page.goto(server.url + 'ingest_bench.html');
  const r = await page.evaluate((runs) => window.runIngestBench(runs), RUNS);
  const columns = values * 8;
  const row = (label, bytes, ms) =>
    `  ${label.padEnd(30)} ${fixed(ms)} ms  ${fixed(bytes / MB / (ms / 1000))} MB/s  ${fixed(values / 1e6 / (ms / 1000))} Mvalues/s`;
  const memory = (m) => `  peak wasm memory ${fixed(m.memory_after / MB)} MB = ${(m.memory_after / columns).toFixed(2)}x columns` +
    ` (+${((m.memory_after - m.memory_before) / MB).toFixed(1)} MB during the load)`;
  console.log(`browser ingest (Chromium ${browser.version()}, ${web}/divboard.wasm, best of ${RUNS})`);
  console.log(`  snapshot ${(values / 1e6).toFixed(1)}M values: JSON ${(r.json_bytes / MB).toFixed(1)} MB, packed ` +
    `${(r.packed_bytes / MB).toFixed(1)} MB, columns ${(columns / MB).toFixed(1)} MB`);
  console.log(row('JSON.parse (TextDecoder+parse)', r.json_bytes, r.json_parse_ms));
  console.log(row('ours, JSON (64 KiB chunks)', r.json_bytes, r.ours.json.best_ms) + memory(r.ours.json));
  console.log(row('ours, packed (64 KiB chunks)', r.packed_bytes, r.ours.packed.best_ms) + memory(r.ours.packed));
  const goal = (ok) => (ok ? 'met' : 'NOT met');
  const jsonRatio = r.json_parse_ms / r.ours.json.best_ms;
  const packedRatio = r.json_parse_ms / r.ours.packed.best_ms;
  const peak = Math.max(r.ours.json.memory_after, r.ours.packed.memory_after) / columns;
  console.log('  goals (time of JSON.parse / ours, same snapshot):');
  console.log(`    our JSON ingest   ${jsonRatio.toFixed(2)}x JSON.parse   goal >= 1    ${goal(jsonRatio >= 1)}`);
  console.log(`    our packed ingest ${packedRatio.toFixed(2)}x JSON.parse   goal >= 3    ${goal(packedRatio >= 3)}`);
  console.log(`    peak wasm memory  ${peak.toFixed(2)}x column bytes goal < 1.5   ${goal(peak < 1.5)}`);
} catch (error) {
  console.error(`ingest bench in the browser failed: ${error.message}`);
  failed = true;
} finally {
  await browser?.close();
  await server.stop();
}
process.exitCode = failed ? 1 : 0;
