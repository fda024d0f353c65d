// Pruning in the dashboard (issue #14): a real ASHA search with diverging trials (momentum with a
// learning rate up to 30) run by `knobs serve`. The progress line counts pruned trials apart, the
// overview says what pruning saved, every chart draws pruned trials apart and counts them, the
// curves end in a mark where the pruner stopped them and show the rungs, "hide pruned" takes them
// out of every view, the drawer says which rule stopped a trial against which values, and the
// editor writes the pruner key. Screenshots in both themes.
import type { Page } from '@playwright/test';
import type { SearchDetail, TrialSummary } from '../../src-core/api/contract';
import { axeScan, describeProblems } from './axe';
import { chartCaptions, expect, pick, shot, tabOf, test } from './fixtures';
import { runSearch } from './searches';

test.use({ database: 'pruning' });
test.describe.configure({ mode: 'serial' });

let id = 0;
let detail: SearchDetail;
let trials: TrialSummary[] = [];

test.beforeAll(async ({ knobs }) => {
  detail = await runSearch(knobs, {
    project: 'pruning', name: 'asha-moons', dataset: { synthetic: 'moons', n: 400, noise: 0.25 },
    train: { epochs: 30, batchSize: 16, hiddenLayers: [16], optimizer: 'momentum', earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-4, high: 30, log: true }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
    strategy: { kind: 'random' }, pruner: { kind: 'asha', minEpochs: 1, reductionFactor: 3, startupTrials: 3 }, budget: { trials: 60 }, workers: 2, seed: 7,
  });
  id = detail.id;
  trials = (await knobs.call('trials.changes', { searchId: id, since: '' })).trials;
});

/** The count in a chart's "pruned (N)" series caption (0 without one). */
function prunedInLegend(captions: string): number {
  return Number(captions.match(/pruned \((\d+)\)/)?.[1] ?? 0);
}

/** Scroll the editor to its end (the pruner section is its last; the footer stays over the page's bottom edge). */
async function toEditorEnd(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 1e6));
}

async function setTheme(page: Page, dark: boolean): Promise<void> {
  const isDark = await page.evaluate(() => localStorage.getItem('knobs-theme') === 'dark');
  if (isDark !== dark) await page.getByTestId('theme').click();
}

test('the progress line, the overview and every chart count pruned trials apart', async ({ page, knobs }) => {
  const pruned = trials.filter((t) => t.status === 'pruned');
  const failed = trials.filter((t) => t.status === 'failed' || t.status === 'diverged');
  expect(pruned.length, 'the spec should make ASHA prune').toBeGreaterThan(10);
  expect(failed.length, 'the spec should make some trials diverge').toBeGreaterThan(0);
  expect(detail.pruning).not.toBeNull();
  const p = detail.pruning!;
  expect(p.rungs).toEqual([1, 3, 9, 27]);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await expect(page.getByTestId('progress')).toContainText(`${60 - pruned.length} / 60 done · ${pruned.length} pruned`);
  await expect(page.getByTestId('pruning-saved')).toHaveText(`saved ${Math.round((1 - p.epochsTrained / p.epochsUnpruned) * 100)}%`);
  await expect(page.getByTestId('edge-counts')).toContainText(`${pruned.length} trials pruned`);
  // Pruned trials beyond the axis are drawn at its edge with the others there; the rest are rings.
  expect(prunedInLegend(await chartCaptions(page, 'best-so-far'))).toBeGreaterThan(0);
  expect(prunedInLegend(await chartCaptions(page, 'best-so-far'))).toBeLessThanOrEqual(pruned.length);
  await setTheme(page, false);
  await shot(page, 'pruning-overview-light');
  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').waitFor();
  expect(prunedInLegend(await chartCaptions(page, 'parallel'))).toBe(pruned.length);
  expect(prunedInLegend(await chartCaptions(page, 'pair'))).toBe(pruned.length);
  await shot(page, 'pruning-space-light');
  await tabOf(page, 'Curves').click();
  await page.getByTestId('curves').locator('canvas').first().waitFor();
  // Every pruned trial in this hold-out search ends its curve in a mark.
  expect(prunedInLegend(await chartCaptions(page, 'curves'))).toBe(pruned.length);
  await expect(page.getByText('dashed lines: its rungs')).toBeVisible();
  await shot(page, 'pruning-curves-light');
});

test('importance reads at a rung: every trial that reached it, pruned or not, by its best value there', async ({ page, knobs }) => {
  const whole = await knobs.call('searches.importance', { id });
  const results = trials.filter((t) => t.status === 'complete' || t.status === 'early_stopped' || t.status === 'pruned');
  expect(whole.step).toBeNull();
  expect(whole.trials).toBe(60 - trials.filter((t) => t.status !== 'complete' && t.status !== 'early_stopped').length);
  expect(whole.steps.map((s) => s.step)).toEqual([1, 3, 9, 27]);
  expect(whole.steps[0].trials).toBe(results.length);
  const at = await knobs.call('searches.importance', { id, step: 1 });
  expect(at.trials).toBe(results.length);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  const panel = page.getByTestId('importance');
  await panel.getByTestId('importance-chart').locator('canvas').waitFor();
  await expect(panel).toContainText(`Over ${whole.trials} trials`);
  // Read at the first rung: the note says which trials and how, the chart's bars are that answer's.
  await pick(page, 'importance-step', `at epoch 1 (${results.length} trials)`);
  await panel.locator('h3').click();
  const label = page.getByTestId('importance-step').locator('.n-base-selection-input__content');
  await expect(label).toHaveText(`at epoch 1 (${results.length} trials)`);
  expect(await label.evaluate((el) => el.scrollWidth - el.clientWidth), 'the label is cut').toBeLessThanOrEqual(0);
  await expect(panel).toContainText(`At epoch 1: over the ${results.length} trials that reached it, pruned or not, each by its best val_loss so far there`);
  await expect(panel).toContainText('The Search space tab\'s lines stay those of the trials that ran to their end.');
  await expect.poll(async () => chartCaptions(page, 'importance-chart')).toContain(`${at.knobs[0].name}: ${(100 * at.knobs[0].importance).toFixed(at.knobs[0].importance >= 0.1 ? 0 : 1)}% of the explained variance`);
  await setTheme(page, false);
  await shot(page, 'pruning-importance-rung-light');
  await setTheme(page, true);
  await shot(page, 'pruning-importance-rung-dark');
  await setTheme(page, false);
  // The Search space tab keeps the trials that ran to their end.
  await tabOf(page, 'Search space').click();
  await expect(page.getByTestId('space-marginal-note')).toContainText(`from the ${whole.trials} trials that ran to their end`);
  await tabOf(page, 'Overview').click();
  await pick(page, 'importance-step', `ran to their end (${whole.trials} trials)`);
  await expect(panel).toContainText(`Over ${whole.trials} trials`);
});

test('the trials table filters by pruned; "hide pruned" takes them out of every view', async ({ page }) => {
  const pruned = trials.filter((t) => t.status === 'pruned').length;
  await tabOf(page, 'Trials').click();
  await page.getByTestId('trials').locator('tbody tr').first().waitFor();
  await expect(page.getByText(`${trials.length} shown`)).toBeVisible();
  // The table says how its sort places pruned trials.
  await expect(page.getByTestId('pruned-sort-note')).toContainText('puts pruned trials (grey: their value at the epoch they were stopped) after the trials that ran their course');
  await pick(page, 'filter-status', 'pruned');
  await page.keyboard.press('Escape');
  await expect(page.getByText(`${pruned} shown`)).toBeVisible();
  await expect(page.getByTestId('trials').locator('tbody tr').first()).toContainText('pruned');
  await shot(page, 'pruning-trials-filtered');
  // The pruned tags in the charts' purple, AA on their tint.
  await expect(page.getByTestId('trials').locator('.tag-pruned').first()).toBeVisible();
  const tableProblems = await axeScan(page, 'pruning-trials-filtered');
  expect(tableProblems, describeProblems(tableProblems)).toEqual([]);
  await page.getByTestId('filter-status').hover();
  await page.getByTestId('filter-status').locator('.n-base-clear').click();
  await expect(page.getByText(`${trials.length} shown`)).toBeVisible();
  await page.getByTestId('hide-pruned').click();
  await expect(page.getByText(`${trials.length - pruned} shown`)).toBeVisible();
  await expect(page.getByTestId('pruned-sort-note')).toHaveCount(0);
  await expect(tabOf(page, 'Trials')).toHaveText(`Trials (${trials.length - pruned} of ${trials.length})`);
  await tabOf(page, 'Curves').click();
  await expect(page.getByTestId('curve-points')).toContainText(`of ${trials.length - pruned} trials`);
  await tabOf(page, 'Overview').click();
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  expect(await chartCaptions(page, 'best-so-far')).not.toContain('pruned (');
  // The timeline draws no pruned bar, but its busy share still counts the time the workers spent on them.
  const busy = async (): Promise<string> => (await page.getByTestId('timeline-sentence').innerText()).replace(/^.*busy (\d+)%.*$/s, '$1');
  await page.getByTestId('timeline').locator('canvas').first().waitFor();
  expect(await chartCaptions(page, 'timeline')).not.toContain('pruned (');
  const hiddenBusy = await busy();
  await shot(page, 'pruning-overview-hidden');
  // The words beside the switch toggle it too.
  await page.getByText('hide pruned trials', { exact: true }).click();
  await expect(page.getByTestId('hide-pruned')).toHaveAttribute('aria-checked', 'false');
  expect(prunedInLegend(await chartCaptions(page, 'best-so-far'))).toBeGreaterThan(0);
  expect(await chartCaptions(page, 'timeline')).toMatch(/^pruned \(\d+\)/m);
  expect(await busy(), 'the same busy share with pruned trials shown or hidden').toBe(hiddenBusy);
});

test('the drawer says which rule stopped a trial, where, and against which values', async ({ page, knobs }) => {
  const t = trials.find((x) => x.status === 'pruned' && x.prune && x.prune.rung !== undefined && x.prune.rung > 0) ?? trials.find((x) => x.status === 'pruned')!;
  await page.goto(`${knobs.origin}/searches/${id}/curves?trial=${t.number}`);
  const drawer = page.getByTestId('trial-drawer');
  await drawer.waitFor();
  const text = await page.getByTestId('prune-explanation').innerText();
  expect(text).toContain(`Stopped by ASHA at epoch ${t.prune!.epoch}`);
  expect(text).toContain(`of the ${t.prune!.compared} values recorded there`);
  expect(text).toContain(`only the best ${t.prune!.keep} go on`);
  await shot(page, 'pruning-drawer-light');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await setTheme(page, true);
  await page.goto(`${knobs.origin}/searches/${id}/curves?trial=${t.number}`);
  await page.getByTestId('prune-explanation').waitFor();
  await shot(page, 'pruning-drawer-dark');
  const drawerProblems = await axeScan(page, 'pruning-drawer-dark');
  expect(drawerProblems, describeProblems(drawerProblems)).toEqual([]);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.getByTestId('curves').locator('canvas').first().waitFor();
  await shot(page, 'pruning-curves-dark');
  await tabOf(page, 'Overview').click();
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await shot(page, 'pruning-overview-dark');
  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').waitFor();
  await shot(page, 'pruning-space-dark');
  await setTheme(page, false);
});

test('the editor writes the pruner key and says what the rule will do', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/new`);
  await page.getByTestId('ed-pruner').getByText('asha', { exact: true }).click();
  // The sentence is the engine's, for this spec: 30 epochs put ASHA's rungs at 3, 9 and 27.
  await expect(page.getByTestId('pruner-note')).toContainText('ASHA: rungs at epochs 3, 9 and 27; at each, a trial goes on only among the best third');
  await expect(page.getByTestId('ed-pruner-fields')).toContainText('Epoch of the first rung (empty: a tenth of the epochs)');
  const factor = page.getByTestId('ed-pruner-reductionFactor').locator('input');
  await factor.fill('4');
  await factor.press('Tab');
  await expect(page.getByTestId('pruner-note')).toContainText('rungs at epochs 3 and 12; at each, a trial goes on only among the best quarter');
  await toEditorEnd(page);
  await shot(page, 'pruning-editor-light');
  await page.getByTestId('ed-pruner').getByText('median').click();
  await expect(page.getByTestId('pruner-note')).toContainText('the median of the finished trials');
  await setTheme(page, true);
  await toEditorEnd(page);
  await shot(page, 'pruning-editor-dark');
  await setTheme(page, false);
});
