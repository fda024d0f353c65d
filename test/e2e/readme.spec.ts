// The README's screenshots, taken from real searches of the built-in digits data set (project
// "digits") at a fixed viewport (1,400 × 900; the diagnostics 1,400 × 1,500) in the light theme. They are always saved in
// test-results/e2e/readme/; with KNOBS_UPDATE_SCREENSHOTS=1 they also replace docs/*.png, so the
// README shows the UI as it is (the files differ byte-wise between runs, so they are only written
// when asked). The test also checks that the README shows exactly these pictures.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, root, settle, shots, tabOf, test } from './fixtures';
import { runRerun, runSearch, type SearchSpec } from './searches';
import { skewedPrices } from '../helpers/houses';

test.use({ database: 'readme' });
test.describe.configure({ mode: 'serial' });

const README_VIEWPORT = { width: 1400, height: 900 };
const update = process.env.KNOBS_UPDATE_SCREENSHOTS === '1';
const made: string[] = [];

/** Save the page as NAME.png in test-results/e2e/readme (and docs/ when updating). */
async function readmeShot(page: Page, name: string): Promise<void> {
  await settle(page);
  const dir = join(shots, 'readme');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  if (update) copyFileSync(join(dir, `${name}.png`), join(root, 'docs', `${name}.png`));
  made.push(name);
}

const split: SearchSpec['split'] = { kind: 'holdout', val: 0.2, test: 0.2, stratify: true };
/** Every search here must finish complete: the screenshots show finished searches. */
const complete = { complete: true };
/** The searches of the compare screenshot: coarse-to-fine, random and TPE over the same space. */
const compared: number[] = [];
/** The seed re-run of the coarse-to-fine search (its top 5 configurations with 5 seeds each). */
let rerun = 0;

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(900_000);
  compared.push((await runSearch(knobs, {
    project: 'digits', name: 'lr and width, coarse to fine', dataset: { builtin: 'digits' }, split, preprocess: 'zscore',
    train: { epochs: 40, batchSize: 32, hiddenLayers: [64], activation: 'relu', init: 'he_normal', optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 8, minDelta: 0 } },
    space: { lr: { type: 'float', low: 1e-4, high: 1, log: true }, hiddenUnits: { type: 'int', low: 8, high: 256, log: true } },
    strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 12, keepTop: 4 },
    objective: { metric: 'val_loss', direction: 'minimize' }, budget: { trials: 36 }, workers: 2, seed: 42,
  }, complete)).id);
  rerun = (await runRerun(knobs, { id: compared[0], top: 5, seeds: 5 }, complete)).id;
  // The same spec (as stored) with another strategy: the engine wrote it, so it is a valid spec.
  const c2f = (await knobs.call('searches.get', { id: compared[0] })).spec as SearchSpec;
  for (const [name, kind] of [['lr and width, random', 'random'], ['lr and width, TPE', 'tpe']] as const) {
    compared.push((await runSearch(knobs, { ...c2f, name, strategy: { kind }, budget: { trials: 24 } }, complete)).id);
  }
  await runSearch(knobs, {
    project: 'digits', name: 'sigmoid initializations', dataset: { builtin: 'digits' }, split, preprocess: 'zscore',
    train: { epochs: 20, batchSize: 128, hiddenLayers: [100, 100, 100, 100, 100], activation: 'sigmoid', optimizer: 'sgd', lr: 0.01, earlyStopping: false },
    space: { init: { type: 'categorical', values: [{ init: 'normal', initScale: 1 }, 'xavier_normal'] } },
    strategy: { kind: 'grid' }, objective: { metric: 'val_loss' }, budget: { trials: 2 }, diagnostics: { every: 1 }, workers: 2, seed: 1,
  }, complete);
  await runSearch(knobs, {
    project: 'digits', name: 'TPE over four knobs', dataset: { builtin: 'digits' }, split, preprocess: 'zscore',
    train: { epochs: 30, batchSize: 32, activation: 'relu', init: 'he_normal', optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 5, minDelta: 0 } },
    space: {
      lr: { type: 'float', low: 1e-5, high: 1, log: true }, hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
      l2: { type: 'float', low: 1e-7, high: 0.1, log: true }, dropout: { type: 'float', low: 0, high: 0.6 },
    },
    strategy: { kind: 'tpe' }, objective: { metric: 'val_loss', direction: 'minimize' }, budget: { trials: 40 }, workers: 2, seed: 3, diagnostics: { every: 0 },
  }, complete);
  // Prices spread over decades (test/helpers/houses.ts skewedPrices), trained on ln(1 + price): a regression trial's predictions.
  const prices = join(knobs.dir, 'prices.csv');
  writeFileSync(prices, skewedPrices(1500).csv);
  await runSearch(knobs, {
    project: 'prices', name: 'prices on ln(1 + price)', dataset: { csv: prices, target: 'price' }, split, preprocess: 'zscore', targetPreprocess: 'log',
    train: { epochs: 40, batchSize: 32, hiddenLayers: [32, 32], optimizer: 'adam', earlyStopping: { monitor: 'val_mae', patience: 8, minDelta: 0 } },
    space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true }, hiddenUnits: { type: 'int', low: 8, high: 64, log: true } },
    objective: { metric: 'val_mae' }, budget: { trials: 8 }, workers: 2, seed: 4,
  }, complete);
  // A data set of two features, for a decision boundary (the one screenshot not of digits).
  await runSearch(knobs, {
    project: 'planes', name: 'three spirals', dataset: { synthetic: 'spirals', n: 450, noise: 0.1, classes: 3 }, seed: 1, workers: 1,
    train: { epochs: 120, hiddenLayers: [32, 32], optimizer: 'adam', lr: 0.02, earlyStopping: false }, space: {}, budget: { trials: 1 },
  }, complete);
  // A rare class (5% of moons) weighted in the loss: its precision and recall at each threshold.
  await runSearch(knobs, {
    project: 'planes', name: 'moons, 5% class, weighted', dataset: { synthetic: 'moons', n: 3000, noise: 0.3, classShares: [0.95, 0.05] }, seed: 6, workers: 1,
    train: { epochs: 40, batchSize: 32, hiddenLayers: [5], optimizer: 'adam', lr: 0.006, classWeights: 'balanced', earlyStopping: { monitor: 'val_loss', patience: 8, minDelta: 0 } },
    space: {}, objective: { metric: 'val_balanced_accuracy' }, budget: { trials: 1 },
  }, complete);
});

test('the README\'s screenshots come from real searches of digits (and one of spirals, one of prices), and the README shows them', async ({ page, knobs }) => {
  await page.setViewportSize(README_VIEWPORT);
  await page.goto(knobs.url);
  await page.getByTestId('project-digits').waitFor();
  if ((await page.getByTestId('theme').getAttribute('aria-checked')) === 'true') await page.getByTestId('theme').click();

  await page.getByTestId('search-lr and width, coarse to fine').click();
  await page.getByTestId('best-so-far').locator('canvas').first().waitFor();
  await readmeShot(page, 'dashboard');
  // Further down the same Overview: when each trial ran, on the 2 workers, with the rounds' starts.
  await page.getByTestId('timeline').locator('canvas').first().waitFor();
  await page.getByTestId('timeline').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await readmeShot(page, 'timeline');

  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').first().waitFor();
  await page.getByText(/by round/).click();
  await readmeShot(page, 'search-space');

  await tabOf(page, 'Trials').click();
  await page.getByTestId('trials').locator('tbody tr').first().waitFor();
  await readmeShot(page, 'trials');

  await page.goto(`${knobs.origin}/searches/${rerun}/seeds`);
  await page.getByTestId('seed-chart').locator('canvas').first().waitFor();
  await expect(page.getByTestId('seed-sentences')).toContainText('seed');
  await readmeShot(page, 'seed-spread');

  await page.getByTestId('search-sigmoid initializations').click();
  await tabOf(page, 'Trials').click();
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.first().waitFor();
  await rows.filter({ hasNotText: /xavier/i }).first().locator('td').nth(2).click();
  await page.getByTestId('histograms').locator('canvas').first().waitFor();
  const findings = await page.getByTestId('finding').allInnerTexts();
  expect(findings.some((f) => /Saturat/i.test(f)), `sigmoid from N(0, 1) should be read as saturated: ${findings.join(' | ')}`).toBe(true);
  // The findings at the top, the activation histograms below them: a taller window for this one.
  await page.setViewportSize({ width: README_VIEWPORT.width, height: 1500 });
  await page.getByTestId('diagnostics').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await readmeShot(page, 'diagnostics');
  await page.setViewportSize(README_VIEWPORT);
  await page.keyboard.press('Escape');

  await page.getByTestId('search-three spirals').click();
  await tabOf(page, 'Trials').click();
  await page.getByTestId('trials').locator('tbody tr').first().locator('td').nth(2).click();
  await page.getByTestId('boundary-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('boundary').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await readmeShot(page, 'boundary');
  await page.keyboard.press('Escape');

  // The weighted rare-class trial: its answer calls many common rows "1"; the curve shows the threshold that gives the precision back.
  await page.getByTestId('search-moons, 5% class, weighted').click();
  await tabOf(page, 'Trials').click();
  await page.getByTestId('trials').locator('tbody tr').first().locator('td').nth(2).click();
  await page.getByTestId('threshold-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
  await expect(page.getByTestId('threshold-sentences')).toContainText('its answer, the most probable class, calls');
  await page.getByTestId('threshold').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await readmeShot(page, 'threshold');
  await page.keyboard.press('Escape');

  // The best trial of the prices search: its validation rows' predictions against their actual values, on log axes.
  const pricesId = (await knobs.call('searches.list', {})).find((s) => s.name === 'prices on ln(1 + price)')!.id;
  const best = (await knobs.call('trials.changes', { searchId: pricesId, since: '' })).trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await page.goto(`${knobs.origin}/searches/${pricesId}/trials?trial=${best.number}`);
  await page.getByTestId('drawer-predictions').locator('canvas').first().waitFor();
  await expect(page.getByTestId('predictions-note')).toContainText('Half the predictions are within');
  await page.getByTestId('drawer-predictions').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await readmeShot(page, 'predictions');
  await page.keyboard.press('Escape');

  await page.getByTestId('search-TPE over four knobs').click();
  await page.getByTestId('importance-chart').locator('canvas').first().waitFor();
  await readmeShot(page, 'importance');
  await tabOf(page, 'Search space').click();
  await page.getByTestId('densities').getByTestId('density-chart').nth(3).locator('canvas').first().waitFor();
  await readmeShot(page, 'tpe-densities');
  // The pair of lr and width, shaded by what the forest predicts over them.
  await page.getByTestId('pair-surface-note').waitFor();
  await page.getByTestId('pair').locator('canvas').first().waitFor();
  await page.getByTestId('pair').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await readmeShot(page, 'pair-surface');

  await page.goto(`${knobs.origin}/compare?searches=${compared.join(',')}`);
  await page.getByTestId('compare-best-time').locator('canvas').first().waitFor();
  await readmeShot(page, 'compare');

  await page.getByTestId('nav-playground').click();
  await page.getByTestId('pg-results').filter({ hasText: 'SGD' }).waitFor();
  await readmeShot(page, 'playground');

  // A person's own CSV as they come: an id, a name per row, a mostly empty column and gaps (test/fixtures/csv/passengers.csv).
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles(join(root, 'test', 'fixtures', 'csv', 'passengers.csv'));
  await page.getByTestId('import-left-out').waitFor();
  await page.getByTestId('import-target').click();
  await page.keyboard.type('Surv');
  await page.keyboard.press('Enter');
  await page.getByTestId('import-drop-missing').click();
  await expect(page.getByTestId('import-drop-missing')).toHaveText(/Drop the 11 rows/);
  await readmeShot(page, 'import');
  // Imported: the page of what trains, each column over its 49 rows.
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-columns').waitFor();
  await page.getByRole('heading', { name: /^Columns/ }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await readmeShot(page, 'dataset');

  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = [...readme.matchAll(/\]\(docs\/([\w-]+)\.png\)/g)].map((m) => m[1]);
  expect([...shown].sort(), 'the README shows exactly the screenshots this test takes').toEqual([...made].sort());
});
