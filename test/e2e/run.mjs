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
  await test('the start page shows the empty state and the built-in data sets', async (page) => {
    await page.goto(url);
    await page.getByText('No projects yet').waitFor({ timeout: 15_000 });
    for (const name of ['digits', 'iris', 'wine', 'breast_cancer']) await page.locator('.ds', { hasText: name }).waitFor();
    await page.screenshot({ path: join(shots, 'start.png') });
  });

  await test('a bad spec is refused in place, naming the key', async (page) => {
    await page.goto(url);
    await page.getByTestId('new-search').click();
    await page.getByTestId('spec').locator('textarea').fill(JSON.stringify({ dataset: { builtin: 'iris' }, train: { optimizer: 'lion' } }));
    await page.getByTestId('run').click();
    const err = page.getByTestId('spec-error');
    await err.waitFor();
    const text = await err.innerText();
    assert(/train\.optimizer/.test(text), `error does not name the key: ${text}`);
    await page.screenshot({ path: join(shots, 'spec-error.png') });
  });

  await test('run a coarse-to-fine search, watch it finish, read its trials, curves and CSV', async (page) => {
    await page.goto(url);
    await page.getByTestId('new-search').click();
    const spec = {
      project: 'e2e', name: 'moons c2f',
      dataset: { synthetic: 'moons', n: 400, noise: 0.2 },
      train: { epochs: 20, hiddenLayers: [16], optimizer: 'momentum', earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 1, log: true }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
      strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 6, keepTop: 2 },
      workers: 2, seed: 3,
    };
    await page.getByTestId('spec').locator('textarea').fill(JSON.stringify(spec, null, 2));
    await page.getByTestId('run').click();
    await page.getByTestId('status').filter({ hasText: 'complete' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(shots, 'overview.png') });
    await page.locator('.n-tabs-tab', { hasText: 'Search space' }).click();
    await page.getByTestId('space').locator('canvas').first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, 'search-space.png') });
    await page.locator('.n-tabs-tab', { hasText: 'Curves' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'curves.png') });
    await page.locator('.n-tabs-tab', { hasText: 'Trials' }).click();
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.first().waitFor();
    const n = await rows.count();
    assert(n === 12, `expected 12 trial rows, saw ${n}`);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, 'trials.png') });
    await rows.nth(3).click();
    await page.locator('.n-tabs-tab', { hasText: 'Curves' }).click();
    await page.getByTestId('trial-curve').locator('canvas').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, 'trial-curve.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = csv.trim().split('\n');
    assert(lines[0].startsWith('trial,round,status,param_lr,param_hiddenUnits,objective,best_epoch'), `CSV header: ${lines[0]}`);
    assert(lines.length === 13, `expected 12 CSV rows, saw ${lines.length - 1}`);
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
