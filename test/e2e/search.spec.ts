// A search from the editor to its results: validation in place, a coarse-to-fine run with live
// curves, the dashboard's tabs, a trial's detail, compare, export, dark theme and the filter box.
// Starts from a project "rings" and the rings CSV, made through the API (the UI steps that make
// them are in projects.spec.ts and import.spec.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fmt } from '../../src-renderer/src/charts/trials';
import { ringsCsv } from './data';
import { chartCaptions, expect, pick, SEARCH_WAIT_MS, setNumber, setTheme, shot, shots, tabOf, test } from './fixtures';

test.use({ database: 'search' });
test.describe.configure({ mode: 'serial' });

declare global {
  interface Window {
    __curveTexts?: { text: string; status: string; t: number }[];
  }
}

/** A PNG's image data chunks, in order. */
function idatChunks(png: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') out.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return out;
}

test.beforeAll(async ({ knobs }) => {
  await knobs.call('projects.create', { name: 'rings' });
  await knobs.call('datasets.importCsv', { name: 'rings', text: ringsCsv(), target: 'label' });
});

test('the search editor flags a bad range in place and counts the trials', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('project-rings').click();
  await page.getByTestId('project-new-search').click();
  await setNumber(page, 'knob-0-low', 0);
  const issue = page.locator('.issue', { hasText: 'space.lr' }).first();
  await issue.waitFor();
  expect(await issue.innerText(), 'the issue should say a log knob needs low > 0').toMatch(/low > 0/);
  expect(await page.getByTestId('run').isDisabled(), 'Run should be disabled while the spec is invalid').toBe(true);
  await shot(page, '07-editor-invalid', { fullPage: true });
});

test('define a coarse-to-fine search on the imported CSV and run it; curves update live', async ({ page }) => {
  await setNumber(page, 'knob-0-low', 0.001);
  await page.getByTestId('ed-name').locator('input').fill('rings c2f');
  await page.getByTestId('ed-dataset-kind').getByText('imported', { exact: true }).click();
  await pick(page, 'ed-csv', 'rings');
  await setNumber(page, 'ed-epochs', 1000);
  await setNumber(page, 'ed-batch', 1);
  await pick(page, 'ed-early', /^off$/);
  await page.getByTestId('ed-strategy').getByText('coarse-to-fine').click();
  await setNumber(page, 'ed-strategy-rounds', 2);
  await setNumber(page, 'ed-strategy-trialsPerRound', 6);
  await setNumber(page, 'ed-strategy-keepTop', 2);
  await page.getByTestId('ed-budget').locator('input').fill('');
  await page.getByTestId('ed-budget').locator('input').press('Tab');
  await setNumber(page, 'ed-workers', 2);
  await page.getByTestId('planned').filter({ hasText: '12 trials will run' }).waitFor({ timeout: 5000 });
  await shot(page, '08-editor', { fullPage: true });
  // Record every text the epoch counter shows, with the search status at that moment, from inside
  // the page (a MutationObserver sees each render; polling from here could miss a fast search).
  await page.evaluate(() => {
    const seen: { text: string; status: string; t: number }[] = [];
    window.__curveTexts = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="curve-points"]');
      const st = document.querySelector('[data-testid="status"]');
      if (!el) return;
      const text = (el.textContent ?? '').trim();
      if (seen.length === 0 || seen[seen.length - 1].text !== text) seen.push({ text, status: st ? (st.textContent ?? '').trim() : '', t: Math.round(performance.now()) });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('run').click();
  await page.getByTestId('search-name').filter({ hasText: 'rings c2f' }).waitFor();
  await tabOf(page, 'Curves').click();
  const deadline = Date.now() + SEARCH_WAIT_MS;
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
  expect(status, 'the search did not complete').toBe('complete');
  // The status can turn "complete" a render before the last epochs are drawn (on a busy machine).
  await expect(page.getByTestId('curve-points'), 'after the search').toHaveText('12000 epochs of 12 trials');
  await expect(page.getByTestId('progress'), 'progress').toContainText(/12 \/ 12 done/);
  const texts = (await page.evaluate(() => window.__curveTexts)) ?? [];
  const whileRunning = new Set(texts.filter((t) => t.status === 'running' && !/^0 epochs/.test(t.text)).map((t) => t.text));
  expect(whileRunning.size, `the curves should update while the search runs; saw ${texts.map((t) => `${t.text} (${t.status}, ${t.t} ms)`).join(' | ')}`).toBeGreaterThanOrEqual(2);
});

test('the dashboard views after the search', async ({ page }) => {
  await tabOf(page, 'Overview').click();
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  // Shown on the search's start and hidden while it ran on the Curves tab, the importance catches up with all 12 trials.
  await expect(page.getByTestId('importance'), 'importance over every finished trial').toContainText('Over 12 trials', { timeout: 5000 });
  await page.getByTestId('importance-chart').locator('canvas').waitFor();
  await shot(page, '10-overview');
  // Every chart saves as a PNG at twice its size, on the page's background: the best-so-far chart's picture, read back.
  const best = page.getByTestId('best-so-far');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-png').first().click()]);
  // Named by the page's subject and the chart: each search's pictures apart. The window's title names the search too.
  expect(png.suggestedFilename()).toBe('rings-c2f-val-loss-against-trial.png');
  await expect(page).toHaveTitle('rings c2f · Knobs');
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(0, 8)], 'a PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = await best.evaluate((e) => [e.clientWidth, e.clientHeight]);
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], 'twice the chart\'s size on screen').toEqual(size.map((v) => 2 * v));
  // Its pixels: many colours (the dots, lines and labels), no transparency (colour type 2 or 6 with every alpha 255).
  const pixels = inflateSync(Buffer.concat(idatChunks(bytes)));
  const colourType = bytes[25];
  expect(new Set(pixels).size, 'a drawn chart, not a blank').toBeGreaterThan(50);
  if (colourType === 6) {
    const width = bytes.readUInt32BE(16);
    const row = 1 + width * 4;
    // Row 0 filtered "none" or "sub" keeps alpha readable only for "none"; checked on rows stored unfiltered.
    for (let y = 0; y * row < pixels.length; y++) if (pixels[y * row] === 0) for (let x = 0; x < width; x++) expect(pixels[y * row + 1 + x * 4 + 3]).toBe(255);
  }
  await expect(page.getByText('Downloaded the chart as rings-c2f-val-loss-against-trial.png (see your browser\'s downloads).')).toBeVisible();
  // The header names the data set it trains on, linked to its page.
  await expect(page.getByTestId('search-dataset')).toHaveText('rings');
  await expect(page.getByTestId('search-dataset')).toHaveAttribute('href', /\/datasets\/rings$/);
  // When each trial ran: 12 bars on the 2 workers' lanes, how busy they were, and a click on a bar opens its trial.
  const timeline = page.getByTestId('timeline');
  await timeline.scrollIntoViewIfNeeded();
  await timeline.locator('canvas').first().waitFor();
  await expect(page.getByTestId('timeline-sentence')).toHaveText(/^Trials ran .+ in all over .+ of running time: the 2 workers were busy \d+% of it\. Each round starts once the round before it has finished \(the dashed lines\)/);
  const table = await chartCaptions(page, 'timeline');
  const kinds = [...table.matchAll(/^(finished|best|running|pruned|failed \/ diverged|cut short) \((\d+)\) \(\d+ rows?\)$/gm)];
  expect(kinds.reduce((n, k) => n + Number(k[2]), 0), `every trial a bar of one kind in the chart's table: ${kinds.map((k) => k[0]).join(', ')}`).toBe(12);
  expect(table).toMatch(/^best \(1\) \(2 rows\)$/m);
  await shot(page, '10b-timeline');
  // The first trial to start begins at 0 on worker 1, the top lane: a click just inside the plot's left edge lands on it.
  // (The plot starts 48 px down: room for the rounds' labels above it.)
  const box = (await timeline.boundingBox())!;
  const plotTop = 48;
  const plotHeight = box.height - plotTop - 40;
  await page.mouse.click(box.x + 44 + 3, box.y + plotTop + plotHeight / 4);
  await expect(page, 'the clicked bar opens its trial').toHaveURL(/[?&]trial=\d+/);
  await expect(page.getByTestId('trial-drawer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/[?&]trial=/);
  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').waitFor();
  await shot(page, '11-search-space', { fullPage: true });
  await page.getByText(/by round/).click();
  await shot(page, '12-pair-by-round', { fullPage: true });
  await tabOf(page, 'Curves').click();
  await shot(page, '13-curves');
  await tabOf(page, 'Trials').click();
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.first().waitFor();
  await expect(rows, 'expected 12 trial rows').toHaveCount(12);
  await setNumber(page, 'top-percent', 25);
  await expect(rows, 'top 25% of 12 finished trials should be 3 rows').toHaveCount(3);
  await shot(page, '14-trials-top25');
  await setNumber(page, 'top-percent', 100);
});

test('open a trial: config, curves, notes, test evaluation once then a warning', async ({ page, knobs }) => {
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.nth(2).locator('td').nth(2).click();
  const drawer = page.getByTestId('trial-drawer');
  await drawer.waitFor();
  await page.getByTestId('trial-config').waitFor();
  const config = await page.getByTestId('trial-config').innerText();
  expect(config, 'config').toMatch(/hiddenLayers/);
  expect(config, 'config').toMatch(/lr/);
  await page.getByTestId('trial-notes').locator('textarea').fill('good candidate');
  await page.getByTestId('drawer-curve').click({ position: { x: 5, y: 5 } });
  await page.getByText('Notes saved').waitFor();
  // The validation rows' confusion (rings: inner and outer), its rows adding up to the split's validation rows, its diagonal bold.
  const confusion = page.getByTestId('confusion');
  await confusion.waitFor();
  await expect(confusion.locator('thead th')).toHaveText(['true ↓ · answered →', 'inner', 'outer', 'recall']);
  const counts = await confusion.locator('tbody td:not(.share)').allInnerTexts();
  expect(counts.map(Number).reduce((a, b) => a + b, 0), 'every validation row counted once (360 rows, a fifth of them)').toBe(72);
  await expect(confusion.locator('td.diagonal')).toHaveCount(2);
  await expect(confusion).toContainText(/The 72 validation rows at the best epoch \(\d+\)/);
  await confusion.scrollIntoViewIfNeeded();
  await shot(page, '15b-trial-confusion');
  // Saved as CSV: a row per true class, the counts the table shows.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confusion').click()]);
  expect(saved.suggestedFilename()).toBe('rings_c2f-trial-2-confusion.csv');
  const table = readFileSync(await saved.path(), 'utf8').trim().split('\n');
  expect(table[0]).toBe('true \\ predicted,inner,outer');
  expect(table.slice(1).flatMap((l) => l.split(',').slice(1)).map(Number)).toEqual(counts.map(Number));
  await page.getByText('Downloaded the confusion of 2 classes').waitFor();
  await expect(page.getByTestId('evaluate-test')).toHaveText('Evaluate trial 2 on the test split');
  await page.getByTestId('evaluate-test').click();
  await page.getByTestId('test-result').waitFor({ timeout: 30_000 });
  // Which trial it was, its figures, and the test rows' confusion by the model it trained.
  const searchId = Number(/\/searches\/(\d+)/.exec(page.url())![1]);
  const ev = (await knobs.call('searches.get', { id: searchId })).testEvaluations[0];
  await expect(page.getByTestId('test-result')).toContainText(`trial 2: loss ${fmt(ev.loss)} · accuracy ${fmt(ev.accuracy!)}`);
  const testRows = ev.confusion!.counts.flat().reduce((a, b) => a + b, 0);
  await expect(page.getByTestId('test-confusion')).toContainText(`The ${testRows} test rows, as trial 2's model answered them`);
  const [testCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('test-confusion-csv').click()]);
  expect(testCsv.suggestedFilename()).toBe('rings-c2f-trial-2-test-confusion.csv');
  const testLines = readFileSync(await testCsv.path(), 'utf8').trim().split('\n');
  expect(testLines).toEqual([`true \\ predicted,${ev.confusion!.classes.join(',')}`, ...ev.confusion!.counts.map((row, k) => `${ev.confusion!.classes[k]},${row.join(',')}`)]);
  await page.getByTestId('test-confusion').scrollIntoViewIfNeeded();
  await shot(page, '15-trial-detail');
  await page.getByTestId('evaluate-test').click();
  await page.getByText('Evaluate the test split again?').waitFor();
  await shot(page, '16-test-again-warning');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
});

test('compare two trials: overlaid curves and the config diff', async ({ page }) => {
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.nth(0).locator('.n-checkbox').click();
  await rows.nth(1).locator('.n-checkbox').click();
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-curves').locator('canvas').waitFor();
  await page.getByTestId('compare-diff').filter({ hasText: /\blr\b/ }).waitFor({ timeout: 5000 }).catch(() => {});
  const diff = await page.getByTestId('compare-diff').innerText();
  expect(diff, 'diff header').toMatch(/trial 0/);
  expect(diff, 'diff header').toMatch(/trial 1/);
  expect(diff, 'the diff should show lr, which differs').toMatch(/\blr\b/);
  // Each class's recall in both trials (rings: inner and outer), the better of each row in bold.
  const recall = page.getByTestId('compare-recall');
  await recall.first().waitFor();
  await expect(recall.locator('td:first-child')).toHaveText(['recall · inner', 'recall · outer']);
  for (const row of await recall.all()) {
    const values = (await row.locator('td.num').allInnerTexts()).map((v) => Number(v.replace('%', '')));
    // The better in bold; a row where both did as well has none.
    if (values[0] === values[1]) await expect(row.locator('td.best')).toHaveCount(0);
    else await expect(row.locator('td.best')).toHaveText(`${Math.max(...values)}%`);
  }
  await shot(page, '17-compare');
  // The same curves against training time: each epoch where the trial's time had reached; then back by epoch.
  const against = page.getByTestId('curve-against');
  await against.getByText('by training time').click();
  await expect.poll(async () => (await chartCaptions(page, 'compare-curves')).split('\n').find((l) => l.includes('\t')) ?? '', { message: 'the data table\'s columns name the x axis' }).toMatch(/^training time\t/);
  // Pointing at the chart names both trials, each at its latest epoch by then (ECharts' own tooltip named the one nearest).
  const chart = (await page.getByTestId('compare-curves').boundingBox())!;
  await page.mouse.move(chart.x + chart.width * 0.6, chart.y + chart.height * 0.45);
  await expect(page.getByText(/(ms|s) of training/).first()).toBeVisible();
  for (const n of [0, 1]) await expect(page.getByText(new RegExp(`trial ${n}: val [\\d.e+-]+ · train [\\d.e+-]+ \\((its last )?epoch`)).first()).toBeVisible();
  await shot(page, '17e-compare-time');
  await page.mouse.move(0, 0);
  // One setting for every curve chart: the Curves tab's overlay (from the overlay's own times) and its trial chart follow.
  await tabOf(page, 'Curves').click();
  await expect(page.getByText(/Every trial's validation loss curve, against its training time;/)).toBeVisible();
  await expect.poll(async () => (await chartCaptions(page, 'curves')).split('\n').find((l) => l.includes('\t')) ?? '').toMatch(/^training time\t/);
  await page.getByTestId('trial-curve').locator('canvas').waitFor();
  await expect.poll(async () => (await chartCaptions(page, 'trial-curve')).split('\n').find((l) => l.includes('\t')) ?? '').toMatch(/^training time\t/);
  await shot(page, '17f-curves-time');
  await tabOf(page, 'Compare').click();
  await against.getByText('by epoch').click();
  await expect.poll(async () => (await chartCaptions(page, 'compare-curves')).split('\n').find((l) => l.includes('\t')) ?? '').toMatch(/^epoch\t/);
});

test('smoothing: the compared curves smoothed over their raw values drawn faint; the Curves tab and the trial chart follow; back to off', async ({ page }) => {
  const value = page.getByTestId('smoothing-value');
  await expect(value, 'smoothing starts off').toHaveText('off');
  expect(await chartCaptions(page, 'compare-curves'), 'no raw lines without smoothing').not.toMatch(/\(raw\)/);
  // Click the slider's rail near its right end: a weight near 0.9.
  const rail = page.getByTestId('smoothing-slider');
  const box = (await rail.boundingBox())!;
  await rail.click({ position: { x: box.width * 0.9, y: box.height / 2 } });
  await expect(value, 'the weight reads beside the slider').toHaveText(/^0\.(8|9)\d?$/);
  const captions = await chartCaptions(page, 'compare-curves');
  expect(captions, 'each compared line has its raw values behind it').toMatch(/trial 0 val \(raw\)/);
  expect(captions).toMatch(/trial 1 train \(raw\)/);
  await shot(page, '17b-compare-smoothed');
  const weight = await value.innerText();
  await tabOf(page, 'Curves').click();
  await expect(page.getByText(`Every trial's validation loss curve, smoothed ${weight}`), 'the Curves tab says its curves are smoothed').toBeVisible();
  await expect(page.getByTestId('smoothing-value'), 'one smoothing for every curve chart').toHaveText(weight);
  await page.getByTestId('curves').locator('canvas').waitFor();
  await page.getByTestId('trial-curve').locator('canvas').waitFor();
  expect(await chartCaptions(page, 'trial-curve'), 'the selected trial\'s chart smooths too').toMatch(/val_loss \(raw\)/);
  await shot(page, '17c-curves-smoothed');
  await setTheme(page, 'dark');
  await page.getByTestId('trial-curve').locator('canvas').waitFor();
  await shot(page, '17d-curves-smoothed-dark');
  await setTheme(page, 'light');
  await page.reload();
  await expect(page.getByTestId('smoothing-value'), 'the weight is remembered in this browser').not.toHaveText('off');
  const rail2 = page.getByTestId('smoothing-slider');
  await rail2.click({ position: { x: 1, y: (await rail2.boundingBox())!.height / 2 } });
  await expect(page.getByTestId('smoothing-value')).toHaveText('off');
  await tabOf(page, 'Compare').click();
});

test('export the trials CSV and check its rows', async ({ page }) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
  expect(download.suggestedFilename(), 'file name').toBe('rings_c2f-trials.csv');
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
  expect(lines[0].startsWith('trial,round,status,param_lr,param_hiddenUnits,objective,best_epoch,stopped_epoch,stop_reason'), `CSV header: ${lines[0]}`).toBe(true);
  expect(lines[0].endsWith(',duration_s,started_at,finished_at,seed,notes,error'), `CSV header: ${lines[0]}`).toBe(true);
  expect(lines.length - 1, 'expected 12 CSV rows').toBe(12);
  const rounds = lines.slice(1).map((l) => Number(l.split(',')[1]));
  expect(rounds.filter((r) => r === 1).length, `rounds: ${rounds.join(',')}`).toBe(6);
  expect(rounds.filter((r) => r === 2).length, `rounds: ${rounds.join(',')}`).toBe(6);
  const [curves] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-curves').click()]);
  const curveLines = readFileSync(await curves.path(), 'utf8').trim().split('\n');
  expect(curveLines[0], 'curves header').toBe('trial,fold,epoch,train_loss,val_loss,train_accuracy,val_accuracy,val_balanced_accuracy,val_rmse,val_mae,val_r2,lr');
});

test('dark theme, and the filter box finds a search', async ({ page }) => {
  await page.getByTestId('theme').click();
  await page.getByTestId('filter').locator('input').fill('c2f');
  await page.getByTestId('search-rings c2f').waitFor();
  await tabOf(page, 'Search space').click();
  await page.getByTestId('pair').locator('canvas').waitFor();
  await shot(page, '18-dark-search-space', { fullPage: true });
  await page.getByTestId('filter').locator('input').fill('no such thing');
  await page.getByText('Nothing matches').waitFor();
  await page.getByTestId('filter').locator('input').fill('');
  await page.getByTestId('theme').click();
});
