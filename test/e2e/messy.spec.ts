// Messy data as users make it: a search where most trials diverge (momentum with lr up to 30) and
// one whose objectives span decades (Adam with lr up to 1). The charts pick their scale from the
// data, draw failed trials at the edge and count them; the table lists them; every view holds its
// layout at 1,100, 1,400 and 1,920 px in both themes. Each column of the trials table writes its
// numbers one way; an int or stepped knob's range filter stops on its grid and tells a screen reader
// its values; an Overview with no value to draw says so instead of drawing an empty axis.
import { failedWord, failureRules, failureSentences } from '../../src-core/analysis/failures';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { axeScan, describeProblems } from './axe';
import { chartCaptions, expect, setTheme, shot, tabOf, test } from './fixtures';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { figure } from '../../src-core/format';
import type { OptimizerName } from '../../src-core/api/contract';
import { runSearches, type SearchSpec } from './searches';
import { houses, skewedPrices } from '../helpers/houses';

test.use({ database: 'messy' });
test.describe.configure({ mode: 'serial' });

const ids: Record<string, number> = {};
const spec = (name: string, optimizer: OptimizerName, high: number, trials: number): SearchSpec => ({
  project: 'messy', name, dataset: { synthetic: 'moons', n: 400, noise: 0.25 },
  train: { epochs: 12, batchSize: 16, hiddenLayers: [16], optimizer, earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-4, high, log: true }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
  strategy: { kind: 'random' }, budget: { trials }, workers: 2, seed: 7,
});

test.beforeAll(async ({ knobs }) => {
  // Every trial's loss is NaN from its first epoch: trials with no finite value at all.
  const exploding: SearchSpec = { ...spec('exploding', 'momentum', 1e10, 2), space: { lr: { type: 'float', low: 1e8, high: 1e10, log: true } } };
  exploding.train = { ...exploding.train, epochs: 4, hiddenLayers: [32, 32, 32] };
  // A regression: its epochs record no accuracy.
  const sine: SearchSpec = { ...spec('sine', 'adam', 0.1, 3), dataset: { synthetic: 'sine', n: 200, noise: 0.1 }, objective: { metric: 'val_rmse', direction: 'minimize' } };
  sine.train = { ...sine.train, epochs: 4 };
  // Int knobs and a stepped one, in rounds (coarse-to-fine).
  const stepped: SearchSpec = {
    ...spec('stepped', 'adam', 0.1, 8), strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 4, keepTop: 2 },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true }, hiddenUnits: { type: 'int', low: 3, high: 12 }, batchSize: { type: 'int', low: 8, high: 64, step: 8 } },
  };
  stepped.train = { ...stepped.train, epochs: 3 };
  // Prices in dollars, trained unscaled with momentum: val_rmse from about 1e5 to past a million (the audit's "940125" beside "1.039e+6"), most trials diverging.
  const csv = join(knobs.dir, 'houses.csv');
  writeFileSync(csv, houses().csv);
  const dollars: SearchSpec = {
    ...spec('dollars', 'momentum', 1e-3, 12), dataset: { csv, target: 'price' }, targetPreprocess: 'none', objective: { metric: 'val_rmse' },
    space: { lr: { type: 'float', low: 1e-9, high: 1e-3, log: true } },
  };
  dollars.train = { ...dollars.train, epochs: 6, batchSize: 32 };
  Object.assign(ids, await runSearches(knobs, {
    diverging: spec('diverging', 'momentum', 30, 24), decades: spec('decades', 'adam', 1, 24), exploding, sine, stepped, dollars,
  }));
});

test('failed and diverged trials are drawn at the edge, counted in the legend and listed in the table', async ({ page, knobs }) => {
  const s = await knobs.call('searches.get', { id: ids.diverging });
  const failed = (s.counts.diverged ?? 0) + (s.counts.failed ?? 0);
  expect(failed, 'the spec should make some trials diverge').toBeGreaterThan(2);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.diverging}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await expect(page.getByTestId('edge-counts')).toContainText(`${failed} trials failed or diverged`);
  expect(await chartCaptions(page, 'best-so-far')).toContain(`failed / diverged (${failed})`);
  // Where they lie: the rule the engine's reading finds from the same trials (momentum blows up at a large lr), in the overview.
  const all = (await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials;
  const expected = failureSentences(failureRules(all, s.knobs), failedWord(all));
  expect(expected[0], 'momentum up to lr 30 should diverge above some lr').toMatch(/diverged trials had lr ≥ [\d.]+/);
  await expect(page.getByTestId('failure-rules')).toHaveText(expected.join(' '));
  await shot(page, 'messy-overview-diverged');
  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').waitFor();
  expect(await chartCaptions(page, 'parallel')).toContain(`failed / diverged (${failed})`);
  expect(await chartCaptions(page, 'pair')).toContain(`failed / diverged (${failed})`);
  // Random search has no rounds: the pair offers no colouring by round (every dot would be alike).
  await expect(page.getByText(/by round/)).toHaveCount(0);
  await expect(page.getByText(`coloured by ${s.metric}`)).toBeVisible();
  await page.getByTestId('pair').scrollIntoViewIfNeeded();
  await shot(page, 'messy-space-diverged-pair');
  await tabOf(page, 'Curves').click();
  await page.getByTestId('curves').locator('canvas').first().waitFor();
  expect(await chartCaptions(page, 'curves')).toContain(`failed / diverged (${failed})`);
  await shot(page, 'messy-curves-diverged');
  await tabOf(page, 'Trials').click();
  await expect(page.getByTestId('hide-failed')).toContainText(`hide failed (${failed})`);
  await expect(page.getByTestId('trials').locator('tbody .failed')).toHaveCount(failed);
  // The first click on the objective column puts the best first.
  await page.getByTestId('trials').locator('th', { hasText: 'val_loss' }).click();
  const trials = (await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials;
  const best = Math.min(...trials.filter((t) => t.objective !== null).map((t) => t.objective!));
  // Polled: the table re-sorts a frame after the click.
  await expect.poll(async () => Math.abs(Number(await page.getByTestId('trials').locator('tbody tr').first().locator('td b').innerText()) - best), { message: `the best, ${best}, first` }).toBeLessThan(5e-4);
  // Fast trials report milliseconds, never "0.0 s".
  await expect(page.getByTestId('trials').locator('tbody tr').first()).toContainText(/\d+ ms|\d s/);
  // The failed ones hidden, the rows shown are saved as CSV: those and no others, with every column of the whole export.
  await page.getByTestId('hide-failed').click();
  const kept = trials.filter((t) => t.status !== 'failed' && t.status !== 'diverged').map((t) => t.number).sort((a, b) => a - b);
  await expect(page.getByTestId('trials-shown')).toContainText(`${kept.length} shown`);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trials-shown-csv').click()]);
  expect(saved.suggestedFilename()).toBe('diverging-trials-shown.csv');
  const rows = parse(readFileSync(await saved.path(), 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => Number(r.trial))).toEqual(kept);
  expect(rows.every((r) => r.status !== 'diverged' && r.status !== 'failed' && 'param_lr' in r && 'val_loss' in r)).toBe(true);
  await page.getByTestId('hide-failed').click();
  await tabOf(page, 'Overview').click();
  await expect(page.getByTestId('budget')).not.toContainText('0.0 s');
});

test('a copy of the diverging search offers to leave out where its trials blew up, and the click narrows the knob', async ({ page, knobs }) => {
  const s = await knobs.call('searches.get', { id: ids.diverging });
  const all = (await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials;
  // First, the overview's "Show them": the Trials tab with only the failed and diverged trials.
  await page.goto(`${knobs.origin}/searches/${ids.diverging}`);
  await page.getByTestId('failure-rules-show').click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${ids.diverging}/trials`);
  const failedCount = all.filter((t) => t.status === 'failed' || t.status === 'diverged').length;
  await expect(page.getByTestId('trials').locator('tbody tr')).toHaveCount(failedCount);
  await page.getByTestId('trials').locator('tbody tr').first().locator('td').nth(2).click();
  await expect(page.getByTestId('finding').first()).toContainText(/diverged|Exploding/);
  const [rule] = failureRules(all, s.knobs);
  expect(rule.op).toBe('≥');
  // Then "Show every trial where lr ≥ …": the Trials tab holding the rule's region, the trials that did not fail there too.
  await page.goto(`${knobs.origin}/searches/${ids.diverging}`);
  await expect(page.getByTestId('failure-rules-region')).toHaveText(`Show every trial where ${rule.text}`);
  await page.getByTestId('failure-rules-region').click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${ids.diverging}/trials`);
  const inRegion = all.filter((t) => t.status !== 'queued' && (t.knobs[rule.knob] as number) >= (rule.value as number));
  expect(inRegion.length, 'the region should hold more than its failed trials for this step to say anything').toBeGreaterThan(rule.covered);
  await expect(page.getByTestId('trials').locator('tbody tr')).toHaveCount(inRegion.length);
  await shot(page, 'messy-failure-region');
  await page.goto(`${knobs.origin}/new?from=${ids.diverging}`);
  const hint = page.getByTestId('failure-hint');
  await expect(hint).toContainText(`In “diverging”, ${failureSentences([rule], failedWord(all))[0].replace(/^All/, 'all')}`);
  // The lowest failed lr, cut to two digits downward (3.481 → 3.4).
  const v = rule.value as number;
  const unit = 10 ** (Math.floor(Math.log10(v)) - 1);
  const high = Number((Math.floor(v / unit) * unit).toPrecision(2));
  await expect(page.getByTestId('failure-hint-apply')).toHaveText(`Set lr's high end to ${figure(high)}`);
  // In the middle of the window: at its bottom edge the editor's sticky footer would cover it.
  await hint.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'messy-editor-failure-hint');
  await page.getByTestId('failure-hint-apply').click();
  await expect(hint).toHaveCount(0);
  await page.getByRole('tab', { name: 'JSON' }).click();
  const spec = JSON.parse(await page.locator('textarea').first().inputValue()) as { space: { lr: { high: number } } };
  expect(spec.space.lr.high).toBe(high);
});

test('the lr range filter moves along log10 of lr: its right handle, stepped from the right end to the left, keeps the lowest trials one by one', async ({ page, knobs }) => {
  const lrs = (await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials.map((t) => t.knobs.lr as number).sort((a, b) => a - b);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.diverging}/trials`);
  const range = page.getByTestId('range-lr');
  await range.getByText('lr', { exact: true }).click();
  await expect(range.getByTestId('range-values')).toHaveText(`${figure(lrs[0])} – ${figure(lrs[lrs.length - 1])} (log)`);
  await expect(page.getByTestId('trials-shown')).toContainText(`${lrs.length} shown`);
  // The right handle, one step (a 200th of the slider) at a time from 30 down to 1e-4.
  const handle = range.locator('.n-slider-handle-wrapper').nth(1);
  await handle.focus();
  const counts = new Set<number>([lrs.length]);
  for (let i = 0; i < 200; i++) {
    await handle.press('ArrowLeft');
    counts.add(Number((await page.getByTestId('trials-shown').innerText()).match(/^(\d+) shown/)![1]));
    if (i === 8) await shot(page, 'messy-trials-lr-range');
  }
  // Every count is reached whose highest trial is more than a step (a 36th of a decade here) below the next: a
  // linear slider's first step (0.15) held every trial below it, and only 1 showed at 2, 1, 0.5 and 0 %.
  const apart = lrs.map((_, k) => k + 1).filter((k) => k === lrs.length || lrs[k] / lrs[k - 1] > 1.15);
  expect(apart.filter((k) => k <= 6).length, 'the spec should spread the lowest lr over decades').toBeGreaterThan(3);
  for (const k of apart) expect(counts, `${k} of the lowest trials kept`).toContain(k);
  await expect(range.getByTestId('range-values')).toHaveText(`${figure(lrs[0])} – ${figure(lrs[0])} (log)`);
  await range.getByText('lr', { exact: true }).click();
  await expect(page.getByTestId('trials-shown')).toContainText(`${lrs.length} shown`);
});

test('the trials table puts the objective right after status, before the knobs', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.diverging}/trials`);
  await page.getByTestId('trials').locator('tbody tr').first().waitFor();
  const heads = (await page.getByTestId('trials').locator('thead th').allInnerTexts()).map((x) => x.trim());
  expect(heads.slice(1, 5)).toEqual(['trial', 'status', 'val_loss', 'lr (log)']);
});

test('a trial\'s drawer: curve values beyond its axis are drawn at the edge and counted; no round outside coarse-to-fine; stop reasons in words', async ({ page, knobs }) => {
  // A trial whose own curves put a value beyond the robust range of the chart's axis.
  const trials = (await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials;
  let found: { number: number; out: number } | null = null;
  for (const t of trials.filter((x) => x.status === 'complete')) {
    const d = await knobs.call('trials.get', { searchId: ids.diverging, number: t.number });
    const values = d.curves.epoch.flatMap((_, i) => (d.curves.fold[i] === 0 ? [d.curves.trainLoss[i], d.curves.valLoss[i]] : []));
    const s = objectiveScale(values);
    if (s.above + s.below > 0) {
      found = { number: t.number, out: s.above + s.below };
      break;
    }
  }
  expect(found, 'some trial of the diverging search should have a curve value beyond its robust range').not.toBeNull();
  await page.goto(`${knobs.origin}/searches/${ids.diverging}/trials?trial=${found!.number}`);
  const drawer = page.getByTestId('trial-drawer');
  await page.getByTestId('drawer-curve').locator('canvas').waitFor();
  await expect(drawer.getByTestId('drawer-title')).toHaveText(`Trial ${found!.number}`);
  await expect(page.getByTestId('stop-sentence')).toHaveText(/^stopped at epoch 12 \(max epochs\), best epoch \d+$/);
  expect(await chartCaptions(page, 'drawer-curve')).toContain(`beyond the axis (${found!.out})`);
  await shot(page, 'messy-drawer-beyond');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
});

test('a regression trial\'s drawer draws its validation rows\' predictions against their actual values, with the typical and the largest miss; a diverged one and a classification trial draw none', async ({ page, knobs }) => {
  const trials = (await knobs.call('trials.changes', { searchId: ids.sine, since: '' })).trials;
  const best = trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.sine}/trials?trial=${best.number}`);
  const drawer = page.getByTestId('trial-drawer');
  const detail = await knobs.call('trials.get', { searchId: ids.sine, number: best.number });
  const p = detail.predictions!;
  expect(p.actual.length).toBe(p.rows);
  await expect(page.getByTestId('predictions-note')).toHaveText(new RegExp(`^${p.rows} validation rows at the best epoch \\(${detail.bestEpoch}\\)\\. Half the predictions are within [\\d.]+ of the actual value \\(half within \\d+(\\.\\d+)?% of it\\); the largest miss predicts -?[\\d.]+ for -?[\\d.]+\\.$`));
  await page.getByTestId('drawer-predictions').locator('canvas').waitFor();
  // The chart's data as a table: a row per validation row, actual then predicted, as trials.get answered them.
  const table = await chartCaptions(page, 'drawer-predictions');
  expect(table).toContain('validation rows');
  expect(table).toContain(String(p.predicted[0]));
  await page.getByTestId('drawer-predictions').scrollIntoViewIfNeeded();
  await shot(page, 'messy-drawer-predictions');
  // Evaluated on the test split, the model's test rows are drawn the same way under the figures.
  await page.getByTestId('evaluate-test').click();
  const testNote = page.getByTestId('test-predictions-note');
  await expect(testNote).toHaveText(new RegExp(`^Trial ${best.number}'s model on the test rows: \\d+ test row predictions\\. Half the predictions are within [\\d.]+ of the actual value`));
  await page.getByTestId('test-predictions').locator('canvas').waitFor();
  expect(await chartCaptions(page, 'test-predictions')).toContain('test rows');
  await page.getByTestId('test-predictions').scrollIntoViewIfNeeded();
  await shot(page, 'messy-drawer-test-predictions');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  // A diverged trial has no best epoch and nothing to draw; a classification trial has its confusion instead.
  const [blown] = (await knobs.call('trials.changes', { searchId: ids.exploding, since: '' })).trials;
  expect((await knobs.call('trials.get', { searchId: ids.exploding, number: blown.number })).predictions).toBeNull();
  const [cls] = (await knobs.call('trials.changes', { searchId: ids.decades, since: '' })).trials;
  expect((await knobs.call('trials.get', { searchId: ids.decades, number: cls.number })).predictions).toBeNull();
});

test('a trial with no finite loss has no best epoch, and its drawer says what it cannot draw instead of empty charts', async ({ page, knobs }) => {
  const [t] = (await knobs.call('trials.changes', { searchId: ids.exploding, since: '' })).trials;
  expect(t.status).toBe('diverged');
  await page.goto(`${knobs.origin}/searches/${ids.exploding}/trials?trial=${t.number}`);
  const drawer = page.getByTestId('trial-drawer');
  await expect(page.getByTestId('stop-sentence')).toHaveText('stopped at epoch 1 (diverged), no epoch with a finite loss');
  await expect(page.getByTestId('drawer-curve-empty')).toHaveText('No finite loss to draw: the trial diverged at epoch 1.');
  await expect(page.getByTestId('drawer-curve')).toHaveCount(0);
  await page.getByTestId('diagnostics').waitFor();
  await expect(page.getByTestId('grad-norms')).toHaveCount(0);
  await expect(page.getByTestId('grad-norms-empty')).toHaveText('No finite gradient norm to draw: the trial diverged at epoch 1.');
  await shot(page, 'messy-drawer-no-finite-loss');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  // The table says the same: no best epoch.
  const heads = (await page.getByTestId('trials').locator('thead th').allInnerTexts()).map((x) => x.trim());
  const row = page.getByTestId('trials').locator('tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${t.number}$`) }) });
  await expect(row.locator('td').nth(heads.indexOf('best epoch'))).toHaveText('–');
  // The overview says why there is no best trial (the search is complete, not waiting), and the importance panel gives one reason.
  await page.goto(`${knobs.origin}/searches/${ids.exploding}`);
  await expect(page.getByTestId('best-trials-none')).toHaveText('No trial has a val_loss (2 diverged).');
  await expect(page.getByTestId('importance-reason')).toBeVisible();
  await expect(page.getByTestId('importance')).not.toContainText('Over 0 trials');
  // Where trials failed: no rule against "none of the 0 others", but the space they all blew up in.
  await expect(page.getByTestId('failure-rules')).toHaveText(/^Both trials diverged, all over the space tried \(lr [\d.e+]+ to [\d.e+]+\): no knob's value tells them from a trial that trained\.$/);
  await expect(page.getByTestId('failure-rules-region')).toHaveCount(0);
  await shot(page, 'messy-overview-all-diverged');
});

test('objectives that span decades get a log axis; the user can flip the scale and it is remembered for the search', async ({ page, knobs }) => {
  const trials = (await knobs.call('trials.changes', { searchId: ids.decades, since: '' })).trials;
  const values = trials.map((t) => t.objective).filter((v): v is number => v !== null);
  await page.goto(`${knobs.origin}/searches/${ids.decades}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  const auto = page.getByTestId('scale-auto');
  await expect(auto).toContainText(/auto \((log|linear|robust)\)/);
  const decided = (await auto.innerText()).match(/\((\w+)\)/)![1];
  if (Math.max(...values) / Math.min(...values) > 1000) expect(['log', 'robust'], `values ${Math.min(...values)}–${Math.max(...values)}`).toContain(decided);
  await page.getByTestId('scale-linear').click();
  await page.reload();
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await expect(page.getByTestId('scale-linear').locator('input')).toBeChecked();
  await page.getByTestId('scale-auto').click();
  await shot(page, 'messy-overview-decades');
});

test('a regression\'s curves are drawn by its objective, RMSE in the target\'s units, with MAE, R² and the loss offered and no accuracy', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.sine}`);
  await tabOf(page, 'Curves').click();
  await expect(page.getByTestId('curve-points')).toContainText(/[1-9]\d* epochs of 3 trials/);
  const metric = page.getByTestId('curve-metric');
  await expect(metric.locator('label')).toHaveText(['loss', 'RMSE', 'MAE', 'R²']);
  await expect(metric.getByRole('radio', { name: 'RMSE' })).toBeChecked();
  await expect(page.getByText(/Every trial's validation RMSE curve;/)).toBeVisible();
  // The best trial's dot sits at its objective: the chart's data holds it to the overlay's 4 digits.
  const trials = (await knobs.call('trials.changes', { searchId: ids.sine, since: '' })).trials;
  const best = trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await expect.poll(async () => (await chartCaptions(page, 'curves')).includes(String(Number(best.objective!.toPrecision(4)))), { message: `val_rmse ${best.objective} in the chart's data` }).toBe(true);
  await shot(page, 'messy-curves-regression');
  await metric.getByText('R²').click();
  await expect(page.getByText(/Every trial's validation R² curve;/)).toBeVisible();
  // Prices in dollars trained unscaled: the loss is in dollars squared, the RMSE in dollars.
  await page.goto(`${knobs.origin}/searches/${ids.dollars}/curves`);
  await expect(page.getByTestId('curve-metric').getByRole('radio', { name: 'RMSE' })).toBeChecked();
  await page.getByTestId('curves').locator('canvas').waitFor();
  await shot(page, 'messy-curves-dollars');
  // The project's best is ranked on the newest search's data set: val_rmse in dollars, not beside the sine search's val_rmse.
  const dollars = await knobs.call('searches.get', { id: ids.dollars });
  await page.goto(`${knobs.origin}/projects/${dollars.projectId}`);
  await expect(page.getByTestId('project-best')).toHaveText(/^best val_rmse \d+ on houses\.csv \(CSV\) in dollars$/);
  expect(Number((await page.getByTestId('project-best').innerText()).split(' ')[2])).toBeCloseTo(dollars.best!, 0);
  const others = (await knobs.call('searches.list', {})).filter((x) => x.projectId === dollars.projectId && x.best !== null && x.metric !== 'val_rmse').length;
  await expect(page.getByTestId('project-best')).toHaveAttribute('title', `The lowest val_rmse of its 1 search on houses.csv (CSV) with a value; 1 on another data set is left out; ${others} measuring another metric are left out`);
  // A classification search offers accuracy and balanced accuracy, and starts from its own objective's metric (the loss).
  await page.goto(`${knobs.origin}/searches/${ids.decades}`);
  await tabOf(page, 'Curves').click();
  await expect(page.getByTestId('curve-metric').locator('label')).toHaveText(['loss', 'accuracy', 'balanced accuracy']);
  await expect(page.getByTestId('curve-metric').getByRole('radio', { name: 'loss' })).toBeChecked();
});

/** The texts of a column of the trials table (the rows on screen: the table scrolls virtually), by trial number. */
async function columnCells(page: Page, header: string): Promise<Map<number, string>> {
  const heads = (await page.getByTestId('trials').locator('thead th').allInnerTexts()).map((x) => x.trim());
  const at = heads.indexOf(header);
  expect(at, `a column "${header}" among ${heads.join(' | ')}`).toBeGreaterThan(-1);
  const rows = await page.getByTestId('trials').locator('tbody tr').evaluateAll((trs, [col, num]) => trs.map((tr) => {
    const tds = tr.querySelectorAll('td');
    return [Number(tds[num].textContent), tds[col].textContent?.trim() ?? ''] as [number, string];
  }), [at, heads.indexOf('trial')]);
  return new Map(rows);
}

/** How a column writes its numbers: "e3" (powers of ten, 3 decimals in the mantissa) or "f4" (plain, 4 decimals); each number must be written the one way. */
function notationOf(texts: string[]): string[] {
  return [...new Set(texts.map((x) => {
    const power = x.match(/^-?\d(?:\.(\d+))?e[+-]\d+$/);
    if (power) return `e${power[1]?.length ?? 0}`;
    const plain = x.match(/^-?\d+(?:\.(\d+))?$/);
    return plain ? `f${plain[1]?.length ?? 0}` : `not a number: ${x}`;
  }))];
}

for (const [width, theme] of [[1280, 'light'], [800, 'light'], [1280, 'dark']] as const) {
  test(`each column of the trials table writes its numbers one way, values from a million all as powers of ten; the CSV keeps every digit (${width} px, ${theme})`, async ({ page, knobs }) => {
    const trials = (await knobs.call('trials.changes', { searchId: ids.dollars, since: '' })).trials;
    const values = trials.map((t) => t.objective).filter((v): v is number => v !== null);
    expect(values.some((v) => v >= 1e6) && values.some((v) => v < 1e6), `the spec should give values on both sides of a million: ${values.join(', ')}`).toBe(true);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(knobs.url);
    await setTheme(page, theme);
    await page.goto(`${knobs.origin}/searches/${ids.dollars}/trials`);
    await page.getByTestId('trials').locator('tbody tr').first().waitFor();
    const byNumber = new Map(trials.map((t) => [t.number, t]));
    for (const [header, of] of [['val_rmse', (n: number) => byNumber.get(n)!.objective], ['lr (log)', (n: number) => byNumber.get(n)!.knobs.lr]] as const) {
      const cells = [...(await columnCells(page, header))].filter(([n]) => of(n) !== null);
      expect(cells.length).toBeGreaterThan(3);
      expect(notationOf(cells.map(([, x]) => x)), `${header}: ${cells.map(([, x]) => x).join(', ')}`).toEqual(['e3']);
      for (const [n, x] of cells) expect(Math.abs(Number(x) / (of(n) as number) - 1), `${header} of trial ${n}: ${x} for ${of(n)}`).toBeLessThan(5e-4);
    }
    // Whole numbers stay whole; a column of fractions is written one way: one power-of-ten width, or plain (shared decimals
    // within three decades, four significant digits each where a diverged trial's loss spans more) — never both.
    const diverging = new Map((await knobs.call('trials.changes', { searchId: ids.diverging, since: '' })).trials.map((t) => [t.number, t]));
    await page.goto(`${knobs.origin}/searches/${ids.diverging}/trials`);
    await page.getByTestId('trials').locator('tbody tr').first().waitFor();
    for (const [n, x] of await columnCells(page, 'hiddenUnits (log)')) expect(x).toBe(String(diverging.get(n)!.knobs.hiddenUnits));
    for (const header of ['val_loss', 'val acc']) {
      const texts = [...(await columnCells(page, header))].filter(([n]) => diverging.get(n)!.objective !== null).map(([, x]) => x);
      const kinds = notationOf(texts);
      expect(kinds.length === 1 || kinds.every((k) => k.startsWith('f')), `${header}: ${texts.join(', ')}`).toBe(true);
    }
    await page.goto(`${knobs.origin}/searches/${ids.dollars}/trials`);
    await page.getByTestId('trials').locator('tbody tr').first().waitFor();
    await shot(page, `messy-trials-columns-${width}-${theme}`);
    // A regression search has no accuracy column (it would be a column of dashes), nor its trials' drawer an accuracy figure.
    await expect(page.getByTestId('trials').locator('thead th', { hasText: 'val acc' })).toHaveCount(0);
    await page.goto(`${knobs.origin}/searches/${ids.dollars}/trials?trial=${trials[0].number}`);
    await expect(page.getByTestId('trial-drawer')).toContainText('train / val loss');
    await expect(page.getByTestId('trial-drawer')).not.toContainText('train / val accuracy');
    await page.keyboard.press('Escape');
    // The CSV is not the table: every digit the engine stored.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
    const rows = parse(readFileSync(await download.path(), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(trials.length);
    for (const row of rows) {
      const t = byNumber.get(Number(row.trial))!;
      expect(row.objective === '' ? null : Number(row.objective), `trial ${t.number}'s objective`).toBe(t.objective);
      expect(Number(row.param_lr), `trial ${t.number}'s lr`).toBe(t.knobs.lr);
    }
    await setTheme(page, 'light');
  });
}

test('an int or stepped knob\'s range filter stops on its grid ("7", never "7.3"), and each handle tells a screen reader the knob\'s value and the label\'s text', async ({ page, knobs }) => {
  const trials = (await knobs.call('trials.changes', { searchId: ids.stepped, since: '' })).trials;
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.stepped}/trials`);
  await page.getByTestId('trials').locator('tbody tr').first().waitFor();
  // The strategy has rounds: the table has their column (the engine's traits, not its name).
  expect((await page.getByTestId('trials').locator('thead th').allInnerTexts()).map((x) => x.trim())).toContain('round');
  for (const [knob, grid] of [['hiddenUnits', (v: number) => Number.isInteger(v)], ['batchSize', (v: number) => v % 8 === 0]] as const) {
    const values = trials.map((t) => t.knobs[knob] as number);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const range = page.getByTestId(`range-${knob}`);
    await range.getByText(knob, { exact: true }).click();
    await expect(range.getByTestId('range-values')).toHaveText(`${lo} – ${hi}`);
    const [from, to] = [range.locator('[role="slider"]').nth(0), range.locator('[role="slider"]').nth(1)];
    await expect(from).toHaveAttribute('aria-valuenow', String(lo));
    await expect(from).toHaveAttribute('aria-valuemin', String(lo));
    await expect(from).toHaveAttribute('aria-valuemax', String(hi));
    await expect(to).toHaveAttribute('aria-valuenow', String(hi));
    await expect(to).toHaveAttribute('aria-valuetext', String(hi));
    await expect(from).toHaveAttribute('aria-label', `${knob} range (from)`);
    // Each step of the left handle is the next point of the grid, and keeps the trials from it up.
    await from.focus();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      await from.press('ArrowRight');
      const text = await range.getByTestId('range-values').innerText();
      const low = Number(text.split(' – ')[0]);
      expect(grid(low), `${knob}: ${text}`).toBe(true);
      await expect(from).toHaveAttribute('aria-valuenow', String(low));
      await expect(from).toHaveAttribute('aria-valuetext', String(low));
      await expect(page.getByTestId('trials-shown')).toContainText(`${values.filter((v) => v >= low).length} shown`);
      seen.push(low);
    }
    expect(seen, `${knob}: each step a point of the grid further`).toEqual([...new Set(seen)]);
    if (knob === 'batchSize') {
      await shot(page, 'messy-trials-int-range');
      const problems = await axeScan(page, 'trials-int-range');
      expect(problems, describeProblems(problems)).toEqual([]);
    }
    await range.getByText(knob, { exact: true }).click();
  }
  // A log knob: its values as its label writes them, "(log)" and all.
  const lrs = trials.map((t) => t.knobs.lr as number);
  const lr = page.getByTestId('range-lr');
  await lr.getByText('lr', { exact: true }).click();
  const from = lr.locator('[role="slider"]').nth(0);
  await expect(from).toHaveAttribute('aria-valuenow', String(Math.min(...lrs)));
  await expect(from).toHaveAttribute('aria-valuetext', `${figure(Math.min(...lrs))} (log)`);
  await lr.getByText('lr', { exact: true }).click();
});

test('a search whose every trial diverged: the Overview draws no empty axis and says why, as the panels beside it do', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  for (const [width, theme] of [[1280, 'light'], [800, 'light'], [1280, 'dark']] as const) {
    await page.setViewportSize({ width, height: 900 });
    await setTheme(page, theme);
    await page.goto(`${knobs.origin}/searches/${ids.exploding}`);
    await expect(page.getByTestId('best-trials-none')).toHaveText('No trial has a val_loss (2 diverged).');
    await expect(page.getByTestId('best-so-far-none')).toHaveText('No trial has a val_loss (2 diverged). There is no best so far to draw: the Trials tab lists each trial with how it ended.');
    await expect(page.getByTestId('best-so-far')).toHaveCount(0);
    await expect(page.getByTestId('scale-auto')).toHaveCount(0);
    await shot(page, `messy-overview-no-value-${width}-${theme}`);
  }
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 1360, height: 860 });
  // The Search space tab sets knobs against the objective: it draws no empty axis either, and says why.
  await page.goto(`${knobs.origin}/searches/${ids.exploding}/space`);
  await expect(page.getByTestId('space-none')).toContainText('No trial has a val_loss (2 diverged).');
  await expect(page.getByTestId('parallel')).toHaveCount(0);
  await expect(page.getByTestId('scale-auto')).toHaveCount(0);
  await shot(page, 'messy-space-no-value');
  await page.goto(`${knobs.origin}/searches/${ids.exploding}`);
  await page.getByTestId('best-so-far-none').getByRole('link', { name: 'the Trials tab' }).click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${ids.exploding}/trials`);
  await expect(page.getByTestId('trials').locator('tbody .failed')).toHaveCount(2);
});

const WIDTHS = [1100, 1400, 1920];

/** Layout checks of the view on screen: no header word broken inside, nothing cut. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const th of document.querySelectorAll<HTMLElement>('.n-data-table-th')) {
      const title = th.querySelector<HTMLElement>('.n-data-table-th__title') ?? th;
      if (title.scrollWidth > title.clientWidth + 1 || title.getBoundingClientRect().height > 24) out.push(`header "${th.innerText.trim()}" does not fit on one line`);
    }
    const top = document.querySelector<HTMLInputElement>('[data-testid="top-percent"] input');
    if (top && top.scrollWidth > top.clientWidth + 1) out.push(`the top-% box cuts "${top.value}"`);
    const head = document.querySelector<HTMLElement>('[data-testid="search-name"]');
    const bar = document.querySelector<HTMLElement>('.n-progress');
    if (head && bar && head.getBoundingClientRect().bottom > bar.getBoundingClientRect().top) out.push('the header runs into the progress bar');
    return out;
  });
}

test('the views hold their layout at 1,100, 1,400 and 1,920 px, light and dark', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  for (const dark of [false, true]) {
    await page.goto(`${knobs.origin}/`);
    const isDark = await page.evaluate(() => localStorage.getItem('knobs-theme') === 'dark');
    if (isDark !== dark) await page.getByTestId('theme').click();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const theme = dark ? 'dark' : 'light';
      for (const tab of ['', 'space', 'trials']) {
        await page.goto(`${knobs.origin}/searches/${ids.diverging}${tab ? `/${tab}` : ''}`);
        await page.locator(tab === 'trials' ? '[data-testid="trials"] tbody tr' : '[data-chart] canvas').first().waitFor();
        expect(await layoutProblems(page), `${theme} ${width} px ${tab || 'overview'}`).toEqual([]);
        await shot(page, `layout-${width}-${theme}-${tab || 'overview'}`);
      }
      await page.goto(`${knobs.origin}/new`);
      await page.getByTestId('knob-0').waitFor();
      // Scrolled to the end, the sticky footer covers nothing of the form.
      await page.getByTestId('main').evaluate((m) => m.scrollTo(0, m.scrollHeight));
      const covered = await page.evaluate(() => {
        const foot = document.querySelector('.foot')!.getBoundingClientRect();
        const last = [...document.querySelectorAll('.editor .n-form-item, .editor [data-testid="budget-plan"]')].pop()!.getBoundingClientRect();
        return last.bottom > foot.top + 1;
      });
      expect(covered, `${theme} ${width} px: the footer covers the editor's last field`).toBe(false);
      await shot(page, `layout-${width}-${theme}-editor`);
    }
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.getByTestId('theme').click();
});

test('sixty classes named alike: the class balance writes each by its own part and says what all share; the drawer says why it has no confusion table', async ({ page, knobs }) => {
  // 600 rows of two numbers and a class "class 00" … "class 59" (10 rows each): more classes than a confusion table is counted for.
  const rows = Array.from({ length: 600 }, (_, i) => `${(i * 7) % 13},${(i * 5) % 11},class ${String(i % 60).padStart(2, '0')}`);
  await knobs.call('datasets.importCsv', { name: 'sixty', text: ['a,b,kind', ...rows].join('\n'), target: 'kind' });
  await page.goto(`${knobs.origin}/datasets/sixty`);
  await expect(page.getByTestId('class-balance-shared')).toHaveText('Each class under the bars is written without the words every class\'s name shares: “class …”.');
  await page.getByTestId('class-balance').locator('canvas').waitFor();
  await shot(page, 'messy-sixty-classes');
  const d = await runSearchOn(knobs, 'sixty');
  await page.goto(`${knobs.origin}/searches/${d}?trial=0`);
  await expect(page.getByTestId('confusion-none')).toContainText('Not counted for this trial: Knobs counts the validation rows by class for data sets of up to 50 classes');
  await expect(page.getByTestId('confusion')).toHaveCount(0);
});

test('a search that learned nothing: Best so far draws the chance level through its trials, and Best trials says the features, not the knobs, are the question', async ({ page, knobs }) => {
  // Churn that alternates row by row beside three numbers that carry none of it: every trial ends near ln 2.
  const rows = Array.from({ length: 240 }, (_, i) => `${(i * 37) % 101},${(i * 53) % 89},${(i * 29) % 97},${i % 2 === 0 ? 'yes' : 'no'}`);
  await knobs.call('datasets.importCsv', { name: 'noise', text: ['a,b,c,churn', ...rows].join('\n'), target: 'churn' });
  const ref = (await knobs.call('datasets.list', undefined)).find((x) => x.name === 'noise')!.ref as SearchSpec['dataset'];
  const { noise } = await runSearches(knobs, {
    noise: { ...spec('noise', 'adam', 0.1, 8), dataset: ref, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } } },
  });
  const d = await knobs.call('searches.get', { id: noise });
  expect(d.chances.val_loss?.value).toBeCloseTo(Math.LN2, 12);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${noise}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await expect(page.getByTestId('best-trials-chance')).toHaveText(/^No trial learned much: the best val_loss, [\d.]+, is (only \d+% of the way from|no better than) the 0\.6931 of always predicting the class frequencies.* check the target column, the columns left out and the rows before tuning further\.$/);
  // The line is data too: the chart's table names it and where it lies.
  expect(await chartCaptions(page, 'best-so-far')).toMatch(/lines marked on the chart[\s\S]*chance \(always predicting the class frequencies\)\s+val_loss\s+0\.6931/);
  await shot(page, 'messy-overview-chance-light');
  await setTheme(page, 'dark');
  await shot(page, 'messy-overview-chance-dark');
  await setTheme(page, 'light');
  // The Curves tab draws the shown metric's level over every trial's curve: ln 2 for the loss, a half for accuracy.
  await tabOf(page, 'Curves').click();
  await page.getByTestId('curves').locator('canvas').waitFor();
  await expect.poll(() => chartCaptions(page, 'curves')).toMatch(/lines marked on the chart[\s\S]*chance \(always predicting the class frequencies\)\s+val loss\s+0\.6931/);
  await shot(page, 'messy-curves-chance');
  // Each knob's chart on the Search space tab shares the objective's axis, and so its line.
  await tabOf(page, 'Search space').click();
  await page.getByTestId('knob-chart-lr').locator('canvas').first().waitFor();
  await expect.poll(() => chartCaptions(page, 'knob-chart-lr')).toMatch(/lines marked on the chart[\s\S]*chance \(always predicting the class frequencies\)\s+val_loss\s+0\.6931/);
  await shot(page, 'messy-space-chance');
  // A trial's own curve in its drawer draws it too.
  await page.goto(`${knobs.origin}/searches/${noise}?trial=0`);
  await page.getByTestId('drawer-curve').locator('canvas').waitFor();
  await expect.poll(() => chartCaptions(page, 'drawer-curve')).toMatch(/chance \(always predicting the class frequencies\)\s+loss\s+0\.6931/);
  // A search that learned (the decades one: Adam on moons) gets no such note.
  await page.goto(`${knobs.origin}/searches/${ids.decades}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await expect(page.getByTestId('best-trials')).toBeVisible();
  await expect(page.getByTestId('best-trials-chance')).toHaveCount(0);
});

test('prices spread over decades: the data set\'s page draws the target and its column\'s little histogram over bins of log10, says why, and names "log"', async ({ page, knobs }) => {
  await knobs.call('datasets.importCsv', { name: 'tail', text: skewedPrices(1500).csv, target: 'price' });
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/datasets/tail`);
  await page.getByTestId('target-histogram').locator('canvas').waitFor();
  await expect(page.getByTestId('target-tail')).toHaveText(/^Most values are small and a few far larger \(skewness \d+(\.\d+)?; the largest [\d,]+× the smallest\), so the bins are equal steps of log10: .* "targetPreprocess": "log"/);
  // The chart's data: 20 bins from the smallest price, each starting a constant factor above the last.
  expect(await chartCaptions(page, 'target-histogram')).toContain('price (bins of equal steps of log10)');
  const spark = page.getByTestId('dataset-columns').getByRole('img', { name: 'Histogram of price, over bins of equal steps of log10' });
  await expect(spark).toHaveCount(1);
  await expect(spark).toContainText('log');
  await expect(page.getByTestId('dataset-columns').getByRole('img', { name: 'Histogram of a', exact: true })).toHaveCount(1);
  await shot(page, 'messy-prices-tail');
});

test('3,000 columns (gene expression): the data set\'s page shows its rows, drawing only the cells in sight, with the target kept at the left', async ({ page, knobs }) => {
  // 120 samples × 3,000 genes: the page ran out of memory drawing 60,000 cells, each with its own tooltip.
  const genes = Array.from({ length: 3000 }, (_, j) => `g${j}`);
  const rows = Array.from({ length: 120 }, (_, i) => [...genes.map((_, j) => (((i * 7919 + j * 104729) % 2000) / 1000 - 1).toFixed(3)), i % 3 === 0 ? 'tumor' : 'normal'].join(','));
  await knobs.call('datasets.importCsv', { name: 'genes', text: [[...genes, 'label'].join(','), ...rows].join('\n'), target: 'label' });
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/datasets/genes`);
  const table = page.getByTestId('dataset-preview');
  await expect(table).toBeVisible({ timeout: 30_000 });
  await table.scrollIntoViewIfNeeded();
  const cells = (): Promise<number> => table.locator('.n-data-table-td').count();
  expect(await cells(), 'the cells in sight, not 20 rows × 3,001 columns').toBeLessThan(500);
  await expect(table.locator('.n-data-table-td').first()).toHaveText(/^(tumor|normal)$/);
  // Scrolled to the far right: the last gene's cells are drawn, and the target still at the left.
  await table.locator('.v-vl').first().evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await expect(table.locator('.n-data-table-th').last()).toHaveText('g2999');
  await expect(table.locator('.n-data-table-td').filter({ hasText: /^(tumor|normal)$/ }).first()).toBeInViewport();
  expect(await cells()).toBeLessThan(500);
  const last = (((0 * 7919 + 2999 * 104729) % 2000) / 1000 - 1).toFixed(3);
  await expect(table.locator('.v-vl .n-data-table-tr').first().locator('.n-data-table-td').last()).toHaveText(last);
  await expect(page.getByTestId('dataset-columns')).toContainText('g2999');
  await shot(page, 'messy-wide-columns');
});

/** One short trial on an imported data set (the spec names it by its stored file, as the editor does); the search's id. */
async function runSearchOn(knobs: Parameters<typeof runSearches>[0], dataset: string): Promise<number> {
  const ref = (await knobs.call('datasets.list', undefined)).find((x) => x.name === dataset)!.ref as SearchSpec['dataset'];
  const one: SearchSpec = {
    project: 'messy', name: `one on ${dataset}`, dataset: ref, train: { epochs: 2, hiddenLayers: [8] },
    space: { lr: { type: 'float', low: 0.001, high: 0.01, log: true } }, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
  };
  return (await runSearches(knobs, { one })).one;
}
