// End-to-end tests: drive the real UI in Debian's Chromium (CHROME_PATH) against `knobs serve`
// on a temporary database, save a screenshot of each view in test-results/e2e/, and write a
// summary { passed, failed, skipped } for scripts/test.mjs. Never downloads a browser.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-results', 'e2e');
mkdirSync(shots, { recursive: true });
const summaryPath = process.argv.includes('--summary') ? process.argv[process.argv.indexOf('--summary') + 1] : null;
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const tmp = mkdtempSync(join(tmpdir(), 'knobs-e2e-'));
const server = spawn(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'serve', '--db', join(tmp, 'knobs.db'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`knobs serve printed no URL: ${out}`)), 30_000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/);
    if (m) {
      clearTimeout(timer);
      resolve(m[0]);
    }
  });
  server.on('exit', (code) => reject(new Error(`knobs serve exited with ${code}: ${out}`)));
});

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const results = [];
async function test(name, fn) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await fn(page);
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.push({ name, ok: false, error: e.message });
    console.log(`  ✗ ${name}\n    ${e.message}`);
    await page.screenshot({ path: join(shots, `FAILED-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  } finally {
    await page.close();
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

try {
  await test('the start page lists the built-in data sets with citations', async (page) => {
    await page.goto(url);
    await page.getByRole('cell', { name: 'digits', exact: true }).waitFor({ timeout: 10_000 });
    const rows = await page.locator('tbody tr').count();
    assert(rows === 4, `expected 4 data sets, saw ${rows}`);
    assert((await page.content()).includes('UCI Machine Learning Repository'), 'citations missing');
    await page.screenshot({ path: join(shots, 'start.png'), fullPage: true });
  });

  await test('a request without the token is refused', async (page) => {
    const bare = url.replace(/\?token=\w+/, '');
    const res = await page.goto(bare);
    assert(res.status() === 401, `expected 401 without the token, got ${res.status()}`);
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
if (summaryPath) writeFileSync(summaryPath, JSON.stringify({ passed, failed, skipped: 0, results }, null, 2));
console.log(`e2e: ${passed} passed, ${failed} failed (screenshots in ${shots})`);
process.exit(failed > 0 ? 1 : 0);
