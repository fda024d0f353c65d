// Searches side by side (issue #15, item 4) with messy data: two projects, a search where many
// trials diverge (momentum with lr from 0.01 to 100), a coarse-to-fine and a TPE search on the same moons,
// and one that maximizes accuracy. Ticked in a project's list or picked across projects, they share
// one chart of best so far by trials and one by running time, a distribution chart, a budgets table and
// their best configurations; the URL holds the choice (reload, Back); light and dark themes.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { OptimizerName } from '../../src-core/api/contract';
import { chartCaptions, expect, setTheme, shot, test } from './fixtures';
import { axeScan, describeProblems } from './axe';
import { runSearches, type SearchSpec } from './searches';

test.use({ database: 'compare' });
test.describe.configure({ mode: 'serial' });

const ids: Record<string, number> = {};
const base = (project: string, name: string, optimizer: OptimizerName, high: number, strategy: SearchSpec['strategy'], low = 1e-4): SearchSpec => ({
  project, name, dataset: { synthetic: 'moons', n: 300, noise: 0.25 },
  train: { epochs: 8, batchSize: 16, hiddenLayers: [16], optimizer, earlyStopping: false },
  space: { lr: { type: 'float', low, high, log: true }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
  strategy, budget: { trials: 16 }, workers: 2, seed: 11,
});

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(600_000);
  Object.assign(ids, await runSearches(knobs, {
    diverging: base('alpha', 'random momentum', 'momentum', 100, { kind: 'random' }, 1e-2),
    c2f: base('alpha', 'coarse-to-fine adam', 'adam', 1, { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 8, keepTop: 3 }),
    tpe: base('beta', 'tpe adam', 'adam', 1, { kind: 'tpe' }),
    accuracy: { ...base('beta', 'accuracy', 'adam', 1, { kind: 'random' }), objective: { metric: 'val_accuracy' }, budget: { trials: 6 } },
    // The same moons, another seed: another split of them.
    reseeded: { ...base('beta', 'adam seed 12', 'adam', 1, { kind: 'random' }), budget: { trials: 4 }, seed: 12 },
  }));
});

test('tick two searches of a project and compare them: both charts, distributions, budgets and best configurations', async ({ page, knobs }) => {
  const s = await knobs.call('searches.get', { id: ids.diverging });
  const failed = (s.counts.diverged ?? 0) + (s.counts.failed ?? 0);
  expect(failed, 'momentum with lr up to 100 should make some trials diverge').toBeGreaterThan(1);
  await page.goto(knobs.url);
  await setTheme(page, 'light');
  await page.getByTestId('project-alpha').click();
  await expect(page.getByTestId('project-compare')).toBeDisabled();
  const rows = page.getByTestId('project-searches').locator('tbody tr');
  await rows.filter({ hasText: 'random momentum' }).locator('.n-checkbox').click();
  await rows.filter({ hasText: 'coarse-to-fine adam' }).locator('.n-checkbox').click();
  await page.getByTestId('project-compare').click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?searches=(${ids.c2f}(,|%2C)${ids.diverging}|${ids.diverging}(,|%2C)${ids.c2f})$`));
  for (const chart of ['compare-best-trials', 'compare-best-time', 'compare-distribution']) await page.getByTestId(chart).locator('canvas').first().waitFor();
  await expect(page.getByTestId('edge-counts')).toContainText(`${failed} trials failed or diverged`);
  const captions = await chartCaptions(page, 'compare-best-trials');
  expect(captions).toContain(`failed / diverged (${failed})`);
  expect(captions).toContain('random momentum');
  expect(captions).toContain('coarse-to-fine adam');
  expect(await chartCaptions(page, 'compare-distribution')).toContain(`failed / diverged (${failed})`);
  // One data set, one split and seed: nothing to say of their validation rows.
  await expect(page.getByTestId('compare-other-rows')).toHaveCount(0);
  const budgets = page.getByTestId('compare-budgets');
  await expect(budgets).toContainText('16 trials');
  await expect(budgets).toContainText(`(${failed} failed or diverged)`);
  await expect(budgets).toContainText('coarse-to-fine');
  await expect(budgets).toContainText('best reached at');
  await expect(budgets).toContainText(/the \d+(st|nd|rd|th) of \d+ trials to end \(trial \d+\)/);
  const configs = page.getByTestId('compare-configs');
  // Different optimizers and learning rates: both rows differ, so both show.
  await expect(configs.locator('tr.differs', { hasText: 'optimizer' })).toContainText('Momentum');
  await expect(configs.locator('tr.differs td', { hasText: /^lr$/ })).toHaveCount(1);
  // The settings that differ between the two specs, by key path: their strategies, with only what differs shown.
  const settings = page.getByTestId('compare-settings');
  await expect(settings.locator('tr.differs', { hasText: 'strategy.kind' })).toContainText('coarse-to-fine');
  expect(await settings.locator('tbody tr').count()).toBe(await settings.locator('tbody tr.differs').count());
  await shot(page, 'compare-project-light', { fullPage: true });
  // The best trials save as CSV with every knob, those "only what differs" hides too, and each best with every digit.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-configs-csv').click()]);
  const best = parse(readFileSync(await saved.path(), 'utf8')) as string[][];
  const shown = new URL(page.url()).searchParams.get('searches')!.split(',').map(Number);
  const compared = (await knobs.call('searches.compare', { ids: shown })).searches;
  expect(best[0]).toEqual(['', ...compared.map((s) => s.summary.name)]);
  expect(best.find((r) => r[0] === 'best')!.slice(1).map(Number)).toEqual(compared.map((s) => s.best!.objective));
  expect(best.find((r) => r[0] === 'optimizer')!.slice(1)).toEqual(compared.map((s) => String(s.best!.config.optimizer)));
  expect(best.map((r) => r[0])).toContain('epochs');
  expect(describeProblems(await axeScan(page, 'compare-light'))).toBe('');
  await setTheme(page, 'dark');
  await shot(page, 'compare-project-dark', { fullPage: true });
  expect(describeProblems(await axeScan(page, 'compare-dark'))).toBe('');
  await setTheme(page, 'light');
});

test('pick a search of another project: the URL holds three, reload and Back keep the place', async ({ page, knobs }) => {
  await page.getByTestId('compare-pick').click();
  await page.locator('.n-base-select-option', { hasText: 'tpe adam' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`searches=.*${ids.tpe}`));
  const url = page.url();
  await expect(page.getByTestId('compare-budgets').locator('th')).toHaveCount(4);
  // Across projects, each search is named with its project.
  await expect(page.getByTestId('compare-budgets')).toContainText('beta / tpe adam');
  await expect(page.getByTestId('compare-budgets')).toContainText('alpha / random momentum');
  await page.getByTestId('compare-best-time').locator('canvas').first().waitFor();
  await shot(page, 'compare-across-projects', { fullPage: true });
  await page.reload();
  await expect(page.getByTestId('compare-budgets').locator('th')).toHaveCount(4);
  await page.goBack();
  await expect(page).not.toHaveURL(url);
  await expect(page.getByTestId('compare-budgets').locator('th')).toHaveCount(3);
  await page.goForward();
  await expect(page).toHaveURL(url);
  void knobs;
});

test('different objectives are said, not drawn on one axis; the tables still compare', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/compare?searches=${ids.c2f},${ids.accuracy}`);
  await expect(page.getByTestId('compare-mismatch')).toContainText('different objectives');
  await expect(page.getByTestId('compare-best-trials')).toHaveCount(0);
  await expect(page.getByTestId('compare-configs')).toContainText('val_accuracy');
  // The row names no one search's metric: each value says its own.
  const bestRow = page.getByTestId('compare-configs').locator('tr', { hasText: 'best objective' });
  await expect(bestRow).toContainText('(val_loss)');
  await expect(bestRow).toContainText('(val_accuracy)');
  await expect(page.getByTestId('compare-configs').locator('td', { hasText: /^best val_loss$/ })).toHaveCount(0);
  await shot(page, 'compare-mismatch');
});

test('different objectives drawn by a metric both report: choose it, both charts draw it, the note says what the values are, the link keeps it', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/compare?searches=${ids.c2f},${ids.accuracy}`);
  const by = page.getByTestId('compare-by');
  await by.click();
  // Same data, same plain loss: the loss and the accuracy are both offered.
  await expect(page.locator('.n-base-select-option')).toHaveText(['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss']);
  await page.locator('.n-base-select-option', { hasText: /^val_accuracy$/ }).click();
  await expect(page).toHaveURL(/by=val_accuracy/);
  await expect(page.getByTestId('compare-mismatch')).toHaveCount(0);
  await expect(page.getByTestId('compare-basis')).toContainText('Compared by val_accuracy, which “coarse-to-fine adam” does not optimize');
  await page.getByTestId('compare-best-trials').locator('canvas').waitFor();
  const c = await knobs.call('searches.compare', { ids: [ids.c2f, ids.accuracy], metric: 'val_accuracy' });
  const bestRow = page.getByTestId('compare-configs').locator('tr', { hasText: 'best val_accuracy' });
  for (const s of c.searches) await expect(bestRow).toContainText(String(s.best!.objective).slice(0, 4));
  await shot(page, 'compare-by-metric');
  await page.reload();
  await expect(page.getByTestId('compare-basis')).toBeVisible();
  // A link asking for a metric these searches cannot share falls back to their objectives, and says so.
  await page.goto(`${knobs.origin}/compare?searches=${ids.c2f},${ids.accuracy}&by=val_r2`);
  await expect(page.getByTestId('compare-by-dropped')).toContainText('These searches cannot all be compared by val_r2.');
  await expect(page.getByTestId('compare-mismatch')).toBeVisible();
});

test('searches on one data set with other seeds hold out other validation rows, and the view says so', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/compare?searches=${ids.tpe},${ids.reseeded}`);
  await page.getByTestId('compare-best-trials').locator('canvas').first().waitFor();
  await expect(page.getByTestId('compare-other-rows')).toHaveText(
    /^\s*These searches hold out different validation rows \(their seeds, which draw the split, differ: tpe adam: hold-out 0\.2, test 0\.2, seed 11; adam seed 12: hold-out 0\.2, test 0\.2, seed 12\): each best is measured on its own rows, and a split that drew easier rows flatters its search\./,
  );
  await shot(page, 'compare-other-rows');
});
