// End-to-end tests: drive the real UI in Debian's Chromium (CHROME_PATH, else /usr/bin/chromium)
// against `knobs serve` on a temporary database, save a screenshot of each view in
// test-results/e2e/, and write a summary { passed, failed, skipped } for scripts/test.mjs.
// Never downloads a browser. With no Chromium it says so loudly and exits 0 (skipped), or 1 under CI=true.
// Usage: node test/e2e/run.mjs [--summary FILE] [--only TEXT]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { electronSmoke } from './electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-results', 'e2e');
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const summaryPath = arg('--summary');
const only = arg('--only');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const executablePath = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

function finish(passed, failed, skipped, results) {
  if (summaryPath) writeFileSync(summaryPath, JSON.stringify({ passed, failed, skipped, results }, null, 2));
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped (screenshots in ${shots})`);
  process.exit(failed > 0 ? 1 : 0);
}

if (!executablePath) {
  const msg = 'END-TO-END TESTS SKIPPED: no Chromium found. Install Debian\'s chromium (apt-get install chromium) or set CHROME_PATH.';
  console.log(`\n!!!!!!!!\n${msg}\n!!!!!!!!\n`);
  finish(0, ci ? 1 : 0, 1, [{ name: 'browser e2e', ok: !ci, skipped: true, error: msg }]);
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.log('e2e: the renderer build failed');
  finish(0, 1, 0, [{ name: 'build', ok: false }]);
}

const tmp = mkdtempSync(join(tmpdir(), 'knobs-e2e-'));
const server = spawn(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'serve', '--db', join(tmp, 'knobs.db'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`knobs serve printed no URL: ${out}`)), 60_000);
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
const origin = new URL(url).origin;

// Two overlapping rings with a text feature: 360 rows, deterministic (no class is perfectly separable).
const csvPath = join(tmp, 'rings.csv');
{
  const u = (i) => {
    const s = Math.sin(i * 12.9898) * 43758.5453;
    return s - Math.floor(s);
  };
  const rows = ['x,y,colour,label'];
  for (let i = 0; i < 360; i++) {
    const a = (i * 2.399963) % (2 * Math.PI);
    const r = (i % 2 === 0 ? 1 : 1.6) + 0.9 * u(i);
    rows.push(`${(r * Math.cos(a)).toFixed(4)},${(r * Math.sin(a)).toFixed(4)},${['red', 'green', 'blue'][i % 3]},${i % 2 === 0 ? 'inner' : 'outer'}`);
  }
  writeFileSync(csvPath, `${rows.join('\n')}\n`);
}
// A tiny IDX pair (gzip images, raw labels): 60 images of 12×12, class 0 a vertical bar, class 1 a horizontal one.
const idxImagesPath = join(tmp, 'bars-images-idx3-ubyte.gz');
const idxLabelsPath = join(tmp, 'bars-labels-idx1-ubyte');
{
  const n = 60;
  const side = 12;
  const head = (dims) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b[2] = 0x08;
    b[3] = dims.length;
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  const px = Buffer.alloc(n * side * side);
  for (let k = 0; k < n; k++) {
    const at = 2 + (k % 8);
    for (let i = 0; i < side; i++) px[k * side * side + (k % 2 === 0 ? i * side + at : at * side + i)] = 255;
  }
  writeFileSync(idxImagesPath, gzipSync(Buffer.concat([head([n, side, side]), px])));
  writeFileSync(idxLabelsPath, Buffer.concat([head([n]), Buffer.from(Array.from({ length: n }, (_, k) => k % 2))]));
}
const badCsvPath = join(tmp, 'bad.csv');
writeFileSync(badCsvPath, 'a,b,label\n1,2,x\n3,,y\n5,6,x\n');

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
const page = await context.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => {
  if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 40[01]/.test(m.text())) pageErrors.push(m.text());
});

const results = [];
let skipped = 0;
async function test(name, fn) {
  if (only && !name.includes(only)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, error: e.message });
    console.log(`  ✗ ${name}\n    ${e.message.split('\n').join('\n    ')}`);
    await page.screenshot({ path: join(shots, `FAILED-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
const shot = async (name, opts = {}) => {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.png`), ...opts });
};
const tabOf = (name) => page.locator('.n-tabs-tab', { hasText: name }).first();
async function pick(testId, option) {
  await page.getByTestId(testId).click();
  await page.locator('.n-base-select-option', { hasText: option }).first().click();
}
async function setNumber(testId, value) {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(String(value));
  await input.press('Tab');
}

let searchUrl = '';
try {
  await test('the start page shows the empty state and the built-in data sets', async () => {
    await page.goto(url);
    await page.getByTestId('empty').waitFor({ timeout: 15_000 });
    for (const name of ['digits', 'iris', 'wine', 'breast_cancer']) await page.getByTestId(`dataset-${name}`).waitFor();
    await shot('01-start');
  });

  await test('a built-in data set shows its description, citation, class balance and first rows', async () => {
    await page.getByTestId('dataset-wine').click();
    await page.getByTestId('citation').waitFor();
    await page.getByTestId('class-balance').locator('canvas').waitFor();
    await page.getByTestId('dataset-preview').locator('tbody tr').nth(19).waitFor();
    const rows = await page.getByTestId('dataset-preview').locator('tbody tr').count();
    assert(rows === 20, `expected 20 preview rows, saw ${rows}`);
    await shot('02-dataset-wine');
  });

  await test('create a project, rename it and keep notes', async () => {
    await page.getByTestId('new-project').click();
    await page.getByTestId('new-project-name').locator('input').fill('rings lab');
    await page.getByTestId('new-project-create').click();
    await page.getByTestId('project-name').filter({ hasText: 'rings lab' }).waitFor();
    await page.getByTestId('project-rename').click();
    await page.getByTestId('project-rename-input').locator('input').fill('rings');
    await page.getByTestId('project-rename-input').locator('input').press('Enter');
    await page.getByTestId('project-name').filter({ hasText: /^\s*rings\s*$/ }).waitFor();
    await page.getByTestId('project-notes').locator('textarea').fill('Does a wider net separate the rings?');
    await page.getByTestId('project-name').click();
    await page.getByText('Notes saved').waitFor();
    await page.getByTestId('project-rings').waitFor();
    await shot('03-project');
  });

  await test('a bad CSV shows the row and column in place', async () => {
    await page.getByTestId('import-csv').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
    await chooser.setFiles(badCsvPath);
    await page.getByTestId('import-preview').waitFor();
    await pick('import-target', 'label');
    await page.getByTestId('import-go').click();
    const err = page.getByTestId('import-error');
    await err.waitFor();
    const text = await err.innerText();
    assert(/Row 3, column "b"/.test(text), `the error does not name row and column: ${text}`);
    await shot('04-import-error');
  });

  await test('import a CSV: preview, target, task, then listed with its class balance', async () => {
    await page.getByTestId('import-csv').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
    await chooser.setFiles(csvPath);
    await page.getByTestId('import-preview').waitFor();
    await pick('import-target', 'label');
    await page.getByTestId('import-task').getByText('classification').waitFor();
    const header = await page.getByTestId('import-preview').locator('thead').innerText();
    assert(/label/.test(header) && /categorical/.test(header), `preview header: ${header}`);
    await shot('05-import-preview');
    await page.getByTestId('import-go').click();
    await page.getByTestId('dataset-rings').waitFor();
    await page.getByTestId('class-balance').locator('canvas').waitFor();
    const rows = await page.getByText('360 rows × 5 features').count();
    assert(rows === 1, 'the imported data set should have 360 rows × 5 features (x, y, and colour one-hot as 3)');
    const facts = await page.locator('.n-tag', { hasText: 'classification' }).count();
    assert(facts === 1, 'the imported data set should be a classification task');
    await shot('06-dataset-imported');
  });

  await test('the search editor flags a bad range in place and counts the trials', async () => {
    await page.getByTestId('project-rings').click();
    await page.getByTestId('project-new-search').click();
    await setNumber('knob-0-low', 0);
    const issue = page.locator('.issue', { hasText: 'space.lr' }).first();
    await issue.waitFor();
    assert(/low > 0/.test(await issue.innerText()), 'the issue should say a log knob needs low > 0');
    assert(await page.getByTestId('run').isDisabled(), 'Run should be disabled while the spec is invalid');
    await shot('07-editor-invalid', { fullPage: true });
  });

  await test('define a coarse-to-fine search on the imported CSV and run it; curves update live', async () => {
    await setNumber('knob-0-low', 0.001);
    await page.getByTestId('ed-name').locator('input').fill('rings c2f');
    await page.getByTestId('ed-dataset-kind').getByText('imported', { exact: true }).click();
    await pick('ed-csv', 'rings');
    await setNumber('ed-epochs', 300);
    await setNumber('ed-batch', 1);
    await page.getByTestId('ed-early').click();
    await page.locator('.n-base-select-option', { hasText: /^off$/ }).click();
    await page.getByTestId('ed-strategy').getByText('coarse-to-fine').click();
    await setNumber('ed-rounds', 2);
    await setNumber('ed-per-round', 6);
    await setNumber('ed-keep-top', 2);
    await page.getByTestId('ed-budget').locator('input').fill('');
    await page.getByTestId('ed-budget').locator('input').press('Tab');
    await setNumber('ed-workers', 2);
    await page.getByTestId('planned').filter({ hasText: '12 trials will run' }).waitFor({ timeout: 5000 });
    await shot('08-editor', { fullPage: true });
    // Record every text the epoch counter shows, with the search status at that moment, from inside
    // the page (a MutationObserver sees each render; polling from here could miss a fast search).
    await page.evaluate(() => {
      const seen = [];
      window.__curveTexts = seen;
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="curve-points"]');
        const st = document.querySelector('[data-testid="status"]');
        if (!el) return;
        const text = el.textContent.trim();
        if (seen.length === 0 || seen[seen.length - 1].text !== text) seen.push({ text, status: st ? st.textContent.trim() : '', t: Math.round(performance.now()) });
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('run').click();
    await page.getByTestId('search-name').filter({ hasText: 'rings c2f' }).waitFor();
    searchUrl = page.url();
    await tabOf('Curves').click();
    const deadline = Date.now() + 120_000;
    let status = '';
    let liveShot = false;
    while (Date.now() < deadline) {
      status = (await page.getByTestId('status').innerText()).trim();
      const points = await page.getByTestId('curve-points').innerText();
      if (!liveShot && status === 'running' && !/^0 epochs/.test(points)) {
        liveShot = true;
        await page.screenshot({ path: join(shots, '09-curves-live.png') });
      }
      if (status === 'complete') break;
      await page.waitForTimeout(50);
    }
    assert(status === 'complete', `the search did not complete (status ${status})`);
    const texts = await page.evaluate(() => window.__curveTexts);
    const whileRunning = new Set(texts.filter((t) => t.status === 'running' && !/^0 epochs/.test(t.text)).map((t) => t.text));
    assert(whileRunning.size >= 2, `the curves should update while the search runs; saw ${texts.map((t) => `${t.text} (${t.status}, ${t.t} ms)`).join(' | ')}`);
    assert(texts[texts.length - 1].text === '3600 epochs of 12 trials', `after the search: ${texts[texts.length - 1].text}`);
    const progressText = await page.getByTestId('progress').innerText();
    assert(/12 \/ 12 done/.test(progressText), `progress: ${progressText}`);
  });

  await test('the dashboard views after the search', async () => {
    await tabOf('Overview').click();
    await page.getByTestId('best-so-far').locator('canvas').waitFor();
    await shot('10-overview');
    await tabOf('Search space').click();
    await page.getByTestId('parallel').locator('canvas').waitFor();
    await shot('11-search-space', { fullPage: true });
    await page.getByText(/by round/).click();
    await shot('12-pair-by-round', { fullPage: true });
    await tabOf('Curves').click();
    await shot('13-curves');
    await tabOf('Trials').click();
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.first().waitFor();
    assert((await rows.count()) === 12, `expected 12 trial rows, saw ${await rows.count()}`);
    await setNumber('top-percent', 25);
    await page.waitForTimeout(200);
    const top = await rows.count();
    assert(top === 3, `top 25% of 12 finished trials should be 3 rows, saw ${top}`);
    await shot('14-trials-top25');
    await setNumber('top-percent', 100);
  });

  await test('open a trial: config, curves, notes, test evaluation once then a warning', async () => {
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.nth(2).locator('td').nth(2).click();
    const drawer = page.getByTestId('trial-drawer');
    await drawer.waitFor();
    await page.getByTestId('trial-config').waitFor();
    const config = await page.getByTestId('trial-config').innerText();
    assert(/hiddenLayers/.test(config) && /lr/.test(config), `config: ${config}`);
    await page.getByTestId('trial-notes').locator('textarea').fill('good candidate');
    await page.getByTestId('drawer-curve').click({ position: { x: 5, y: 5 } });
    await page.getByText('Notes saved').waitFor();
    await page.getByTestId('evaluate-test').click();
    await page.getByTestId('test-result').waitFor({ timeout: 30_000 });
    await shot('15-trial-detail');
    await page.getByTestId('evaluate-test').click();
    await page.getByText('Evaluate the test split again?').waitFor();
    await shot('16-test-again-warning');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  await test('compare two trials: overlaid curves and the config diff', async () => {
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.nth(0).locator('.n-checkbox').click();
    await rows.nth(1).locator('.n-checkbox').click();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-curves').locator('canvas').waitFor();
    await page.getByTestId('compare-diff').filter({ hasText: /\blr\b/ }).waitFor({ timeout: 5000 }).catch(() => {});
    const diff = await page.getByTestId('compare-diff').innerText();
    assert(/trial 0/.test(diff) && /trial 1/.test(diff), `diff header: ${diff}`);
    assert(/\blr\b/.test(diff), `the diff should show lr, which differs: ${diff}`);
    await shot('17-compare');
  });

  await test('export the trials CSV and check its rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
    assert(download.suggestedFilename() === 'rings_c2f-trials.csv', `file name: ${download.suggestedFilename()}`);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\n');
    assert(lines[0].startsWith('trial,round,status,param_lr,param_hiddenUnits,objective,best_epoch,stopped_epoch,stop_reason'), `CSV header: ${lines[0]}`);
    assert(lines.length === 13, `expected 12 CSV rows, saw ${lines.length - 1}`);
    const rounds = lines.slice(1).map((l) => Number(l.split(',')[1]));
    assert(rounds.filter((r) => r === 1).length === 6 && rounds.filter((r) => r === 2).length === 6, `rounds: ${rounds.join(',')}`);
    const [curves] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-curves').click()]);
    const curveLines = readFileSync(await curves.path(), 'utf8').trim().split('\n');
    assert(curveLines[0] === 'trial,fold,epoch,train_loss,val_loss,train_accuracy,val_accuracy,lr', `curves header: ${curveLines[0]}`);
  });

  await test('dark theme, and the filter box finds a search', async () => {
    await page.getByTestId('theme').click();
    await page.getByTestId('filter').locator('input').fill('c2f');
    await page.getByTestId('search-rings c2f').waitFor();
    await tabOf('Search space').click();
    await page.getByTestId('pair').locator('canvas').waitFor();
    await shot('18-dark-search-space', { fullPage: true });
    await page.getByTestId('filter').locator('input').fill('no such thing');
    await page.getByText('Nothing matches').waitFor();
    await page.getByTestId('filter').locator('input').fill('');
    await page.getByTestId('theme').click();
  });

  await test('deleting a project asks first', async () => {
    await page.getByTestId('project-rings').click();
    await page.getByTestId('project-delete').click();
    await page.getByText('Delete project “rings”?').waitFor();
    await shot('19-delete-confirm');
    await page.getByRole('button', { name: 'Keep' }).click();
    await page.getByTestId('project-name').waitFor();
  });

  await test('a request without the token is refused; a foreign Origin too', async () => {
    const fresh = await browser.newContext();
    const bare = await fresh.newPage();
    const res = await bare.goto(`${origin}/`);
    assert(res.status() === 401, `expected 401 without the token, got ${res.status()}`);
    const api = await bare.request.post(`${origin}/api/projects.list`, { data: null });
    assert(api.status() === 401, `expected 401 for the API without the token, got ${api.status()}`);
    await fresh.close();
    const token = new URL(url).searchParams.get('token');
    const foreign = await page.request.post(`${origin}/api/projects.list`, { headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example' } });
    assert(foreign.status() === 403, `expected 403 for a foreign Origin, got ${foreign.status()}`);
  });

  await test('run the initialization experiment with one click; its trials show their diagnostics', async () => {
    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('experiment-init-comparison').waitFor();
    await shot('20-experiments', { fullPage: true });
    await page.getByTestId('run-init-comparison').click();
    await page.getByTestId('search-name').filter({ hasText: 'initialization comparison' }).waitFor();
    await page.getByTestId('status').filter({ hasText: 'complete' }).waitFor({ timeout: 120_000 });
    await tabOf('Trials').click();
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.first().waitFor();
    assert((await rows.count()) === 15, `15 trials (3 activations × 5 initializations), saw ${await rows.count()}`);
    // Trial 2: sigmoid with N(0, 1) weights (the grid runs init fastest).
    const knobs = await rows.nth(2).innerText();
    assert(/sigmoid/.test(knobs), `trial 2 should be sigmoid: ${knobs}`);
    await rows.nth(2).locator('td').nth(2).click();
    await page.getByTestId('histograms').locator('canvas').waitFor();
    const findings = await page.getByTestId('finding').allInnerTexts();
    assert(findings.some((f) => /Saturat/i.test(f)), `sigmoid with N(0, 1) should be read as saturated: ${findings.join(' | ')}`);
    await page.getByTestId('grad-norms').locator('canvas').waitFor();
    await shot('21-diagnostics', { fullPage: false });
    await page.getByTestId('diagnostics').scrollIntoViewIfNeeded();
    await page.getByTestId('histograms').scrollIntoViewIfNeeded();
    await shot('22-histograms');
    await setNumber('target-error', 1);
    await page.getByTestId('finding').filter({ hasText: /bias|fit/i }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('trial-drawer').waitFor({ state: 'hidden' });
  });

  await test('compare two initializations: curves, config diff and activation histograms overlaid', async () => {
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.nth(1).locator('.n-checkbox').click();
    await rows.nth(4).locator('.n-checkbox').click();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-histograms').locator('canvas').waitFor();
    await page.getByTestId('compare-diff').filter({ hasText: /init/ }).waitFor({ timeout: 5000 }).catch(() => {});
    const diff = await page.getByTestId('compare-diff').innerText();
    assert(/init/.test(diff), `the diff should show init: ${diff}`);
    await page.getByTestId('compare-histograms').scrollIntoViewIfNeeded();
    await shot('23-compare-histograms', { fullPage: true });
  });

  await test('the optimizer playground: paths over contours, knobs live, click to move the start', async () => {
    await page.getByTestId('nav-playground').click();
    await page.getByTestId('pg-chart').locator('canvas').waitFor();
    const results = page.getByTestId('pg-results');
    await results.filter({ hasText: 'sgd' }).waitFor();
    const before = await results.innerText();
    assert(/sgd/.test(before) && /adam/.test(before) && /momentum/.test(before), `results: ${before}`);
    await shot('24-playground');
    await page.getByTestId('pg-surface').getByText('Rosenbrock', { exact: false }).click();
    await page.waitForTimeout(300);
    const box = await page.getByTestId('pg-chart').boundingBox();
    await page.getByTestId('pg-chart').click({ position: { x: box.width * 0.3, y: box.height * 0.7 } });
    await page.waitForTimeout(300);
    const after = await results.innerText();
    assert(after !== before, 'the results should change with the surface and the start');
    const startText = await page.getByText(/^start \(/).innerText();
    assert(!/\(-1\.5, 2\)/.test(startText), `the click should move the start: ${startText}`);
    await setNumber('pg-steps', 200);
    await page.waitForTimeout(300);
    await shot('25-playground-rosenbrock');
  });

  await test('import IDX files and see a grid of sample images', async () => {
    await page.getByTestId('import-csv').click();
    const [imagesChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-images').click()]);
    await imagesChooser.setFiles(idxImagesPath);
    await page.getByTestId('idx-images-name').filter({ hasText: 'bars-images' }).waitFor();
    // The wrong file as labels first: the error names what is wrong, in place.
    const [wrong] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-labels').click()]);
    await wrong.setFiles(badCsvPath);
    await page.getByTestId('idx-go').click();
    const err = await page.getByTestId('idx-error').innerText();
    assert(/labels file/.test(err), `the error should name the labels file: ${err}`);
    const [labelsChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-labels').click()]);
    await labelsChooser.setFiles(idxLabelsPath);
    await page.getByTestId('idx-name').locator('input').fill('bars');
    await page.getByTestId('idx-go').click();
    await page.getByTestId('image-grid').waitFor();
    const figures = await page.getByTestId('image-grid').locator('figure').count();
    assert(figures === 40, `40 sample images, saw ${figures}`);
    await shot('26-idx-images', { fullPage: true });
    await page.getByTestId('dataset-new-search').click();
    await page.getByTestId('ed-csv').filter({ hasText: 'bars' }).waitFor();
  });

  await test('the start page backs up the database on request', async () => {
    await page.locator('.brand').click();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backups').filter({ hasText: /rolling cop(y|ies) of the database/ }).waitFor();
    await shot('27-home-backups', { fullPage: true });
  });

  await test('no errors in the page console', async () => {
    assert(pageErrors.length === 0, `page errors:\n${pageErrors.join('\n')}`);
  });

  const smoke = await electronSmoke(root);
  if (smoke.skipped) {
    skipped++;
    console.log(`  - Electron smoke test SKIPPED: ${smoke.reason}`);
  } else {
    results.push({ name: 'Electron smoke', ok: smoke.ok, error: smoke.error });
    console.log(`  ${smoke.ok ? '✓' : '✗'} Electron smoke${smoke.ok ? '' : `: ${smoke.error}`}`);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(tmp, { recursive: true, force: true });
}

void searchUrl;
const passed = results.filter((r) => r.ok).length;
finish(passed, results.length - passed, skipped, results);
