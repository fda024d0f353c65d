// A rare class as users bring one: 1,200 transactions of which 4% are "fraud". A search on
// accuracy ranks models that barely find fraud near the top; the trials table shows balanced
// accuracy beside the objective, a trial's drawer says which class it misses and what always
// answering "ok" would score, the curves of a search on balanced accuracy are drawn by it, and the
// editor cautions before such a search runs, offers class weights, and makes a generator with a rare class.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, shot, tabOf, test } from './fixtures';
import { runSearches, type SearchSpec } from './searches';

test.use({ database: 'imbalanced' });
test.describe.configure({ mode: 'serial' });

const ids: Record<string, number> = {};

/** 1,200 rows, every 25th a "fraud" shifted up in both columns (4%): the rest "ok". */
function transactions(): string {
  const rows = ['amount,distance,label'];
  for (let i = 0; i < 1200; i++) {
    const fraud = i % 25 === 0;
    rows.push(`${(Math.sin(i * 1.7) * 1.3 + (fraud ? 1.4 : 0)).toFixed(4)},${(Math.cos(i * 2.3) * 1.3 + (fraud ? 1.4 : 0)).toFixed(4)},${fraud ? 'fraud' : 'ok'}`);
  }
  return `${rows.join('\n')}\n`;
}

test.beforeAll(async ({ knobs }) => {
  const csv = join(knobs.dir, 'transactions.csv');
  writeFileSync(csv, transactions());
  const base: SearchSpec = {
    project: 'fraud', dataset: { csv, target: 'label' }, train: { epochs: 15, hiddenLayers: [16], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-4, high: 0.05, log: true } }, strategy: { kind: 'random' }, budget: { trials: 8 }, workers: 2, seed: 4,
  };
  Object.assign(ids, await runSearches(knobs, {
    accuracy: { ...base, name: 'on accuracy', objective: { metric: 'val_accuracy' } },
    balanced: {
      ...base, name: 'on balanced accuracy', objective: { metric: 'val_balanced_accuracy' },
      train: { ...base.train, earlyStopping: { monitor: 'val_balanced_accuracy', patience: 6 } },
      space: { ...base.space, classWeights: { type: 'categorical', values: ['none', 'balanced'] } },
    },
    // Early stopping restores each fold's best model: the one its stored confusion is read at.
    kfold: {
      ...base, name: '4-fold', objective: { metric: 'val_accuracy' }, split: { kind: 'kfold', k: 4, test: 0 }, budget: { trials: 2 },
      train: { ...base.train, earlyStopping: { monitor: 'val_loss', patience: 5 } },
    },
  }));
});

test.beforeEach(async ({ page, knobs }) => {
  // The server's token, once, as a person opens the URL it printed: links then work.
  await page.goto(knobs.url);
});

test('the trials table shows balanced accuracy beside an accuracy objective; a trial that misses fraud says so in its drawer', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.accuracy}/trials`);
  const table = page.getByTestId('trials');
  await table.locator('tbody tr').first().waitFor();
  await expect(table.locator('thead th', { hasText: 'bal acc' })).toHaveCount(1);
  // The objective column is the accuracy: no second column of the same numbers.
  await expect(table.locator('thead th', { hasText: /^val acc/ })).toHaveCount(0);
  await shot(page, 'imbalanced-trials');
  // A trial the engine reads as missing fraud (low learning rates answer "ok" nearly always).
  const trials = (await knobs.call('trials.changes', { searchId: ids.accuracy, since: '' })).trials;
  let missing: number | null = null;
  for (const t of trials) {
    const d = await knobs.call('trials.diagnostics', { searchId: ids.accuracy, number: t.number });
    if (d.findings.some((f) => f.kind === 'rare_class_missed')) {
      missing = t.number;
      break;
    }
  }
  expect(missing, 'some trial on accuracy should miss most of the fraud rows').not.toBeNull();
  const t = trials.find((x) => x.number === missing)!;
  await page.goto(`${knobs.origin}/searches/${ids.accuracy}/trials?trial=${missing}`);
  const drawer = page.getByTestId('trial-drawer');
  await expect(drawer).toContainText('Misses the rare class “fraud”');
  await expect(drawer).toContainText(/“fraud” is 4\.\d% of the \d+ validation rows \(\d+ rows\): at the best epoch \(\d+\) the model answers “fraud” for \d+ of them/);
  await expect(drawer).toContainText(/Always answering “ok” would be right on 9\d\.\d% of the rows/);
  await expect(drawer).toContainText('Make val_balanced_accuracy the objective');
  await expect(drawer).not.toContainText('Good fit');
  // The drawer's balanced accuracy, four significant digits of the stored one.
  expect(Math.abs(Number(await page.getByTestId('drawer-balanced').innerText()) - t.valBalancedAccuracy!)).toBeLessThan(5e-4);
  await drawer.getByText('Misses the rare class').scrollIntoViewIfNeeded();
  await shot(page, 'imbalanced-drawer');
});

test('a fraud trial\'s drawer draws precision and recall of “fraud” at each threshold, and says which epoch\'s model answered', async ({ page, knobs }) => {
  const trials = (await knobs.call('trials.changes', { searchId: ids.accuracy, since: '' })).trials;
  const best = [...trials].sort((a, b) => (b.objective ?? 0) - (a.objective ?? 0))[0];
  await page.goto(`${knobs.origin}/searches/${ids.accuracy}/trials?trial=${best.number}`);
  const panel = page.getByTestId('threshold');
  // A short trial on data with a rare class: drawn as the drawer opens.
  await panel.getByTestId('threshold-chart').locator('canvas').waitFor();
  const c = await knobs.call('trials.threshold', { searchId: ids.accuracy, number: best.number });
  expect(c.classes[c.positive]).toBe('fraud');
  const sentences = page.getByTestId('threshold-sentences');
  await expect(sentences).toContainText(`On its ${c.rows} validation rows (${c.positives} of “fraud”), its answer, the most probable class, calls ${c.answer.called} row${c.answer.called === 1 ? '' : 's'} “fraud”`);
  await expect(sentences).toContainText(/Average precision [0-9.]+: the area under the curve/);
  // These searches train without early stopping: the model at the end answered, which its best epoch need not be.
  expect(c.modelEpoch).toBe(15);
  if (c.bestEpoch !== 15) await expect(sentences).toContainText(`This is its model at the end of training (epoch 15), which it kept: its confusion above is read at its best epoch (${c.bestEpoch})`);
  await expect(page.getByTestId('threshold-replay')).toContainText('replays the stored one bit for bit');
  await page.getByTestId('threshold').scrollIntoViewIfNeeded();
  await shot(page, 'imbalanced-threshold');
  // The common class instead: its curve from the same answers, at once.
  await page.getByTestId('threshold-class').click();
  await page.locator('.n-base-select-option', { hasText: /^ok$/ }).click();
  await expect(page.getByRole('heading', { name: 'Precision and recall of “ok” at each threshold' })).toBeVisible();
  const ok = await knobs.call('trials.threshold', { searchId: ids.accuracy, number: best.number, positive: c.classes.indexOf('ok') });
  await expect(sentences).toContainText(`On its ${ok.rows} validation rows (${ok.positives} of “ok”), its answer, the most probable class, calls ${ok.answer.called} rows “ok”`);
});

test('a 4-fold trial\'s threshold curve counts every row once, each answered by the fold\'s model that held it out', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.kfold}/trials?trial=0`);
  // Its figures are the folds' mean; its curve is the first fold's, and both say so.
  await expect(page.getByTestId('drawer-folds')).toHaveText(/^\s*These figures are the folds' mean, each fold read at its own best epoch .*; the chart below draws fold 1 of 4\.\s*$/);
  await expect(page.getByTestId('trial-drawer').locator('[aria-label^="trial 0: train vs validation, fold 1 of 4 (chart"]')).toHaveCount(1);
  const panel = page.getByTestId('threshold');
  await panel.getByTestId('threshold-chart').locator('canvas').waitFor();
  const c = await knobs.call('trials.threshold', { searchId: ids.kfold, number: 0 });
  // 1,200 rows, none held out for a test: every one answered once; every 25th is fraud.
  expect([c.rows, c.positives, c.split]).toEqual([1200, 48, { kind: 'kfold', folds: 4, of: 4 }]);
  await expect(panel).toContainText('Every fold\'s validation rows, each answered by the model that held it out');
  await expect(page.getByTestId('threshold-sentences')).toContainText(
    `On its 1200 validation rows over 4 folds, each answered by the fold's model that did not train on it (48 of “fraud”), its answer, the most probable class, calls ${c.answer.called} row`,
  );
  // Its answer is the drawer's confusion of all four folds.
  const d = await knobs.call('trials.get', { searchId: ids.kfold, number: 0 });
  const fraud = d.confusion!.classes.indexOf('fraud');
  expect(c.answer.called).toBe(d.confusion!.counts.reduce((n, row) => n + row[fraud], 0));
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'imbalanced-threshold-kfold');
});

test('a search on balanced accuracy draws its curves by it, and its trials tried class weights', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.balanced}`);
  await tabOf(page, 'Curves').click();
  await expect(page.getByText("Every trial's validation balanced accuracy curve")).toBeVisible();
  await shot(page, 'imbalanced-curves');
  const trials = (await knobs.call('trials.changes', { searchId: ids.balanced, since: '' })).trials;
  expect(new Set(trials.map((x) => x.knobs.classWeights))).toEqual(new Set(['none', 'balanced']));
  for (const x of trials) expect(x.objective).toBe(x.valBalancedAccuracy);
});

test('the data set\'s page says what a rare class means for a search on it', async ({ page, knobs }) => {
  await knobs.call('datasets.importCsv', { name: 'transactions', text: transactions(), target: 'label', task: 'classification' });
  await page.goto(`${knobs.origin}/datasets/transactions`);
  await expect(page.getByTestId('class-rare')).toHaveText('“fraud” is 4% of the rows (48 of 1,200): a model that always answers “ok” is right on 96.0% of them without finding one. ' +
    'A search on it can rank its trials by val_balanced_accuracy (the mean recall over classes; always answering one class scores 0.5) and weigh every class alike in the loss with "classWeights": "balanced".');
  await shot(page, 'imbalanced-dataset');
});

test('the editor cautions before a search on accuracy, and offers class weights, which the spec then carries', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/new?from=${ids.accuracy}`);
  const caution = page.getByTestId('caution');
  await expect(caution).toContainText(/objective\.metric: "fraud" is 4% of the rows of "label" \(48 of 1200\): always answering "ok" scores val_accuracy 0\.96 without finding one/);
  await expect(caution).toContainText('"classWeights": "balanced" weighs every class alike in the loss');
  const weights = page.getByTestId('ed-class-weights');
  await weights.locator('.n-base-selection').click();
  await page.locator('.n-base-select-option', { hasText: /^balanced: every class alike$/ }).click();
  // Weighted already: the caution now proposes only the objective.
  await expect(caution).not.toContainText('"classWeights"');
  await shot(page, 'imbalanced-editor', { fullPage: true });
  await page.getByRole('tab', { name: 'JSON' }).click();
  const spec = JSON.parse(await page.locator('textarea').first().inputValue()) as { train: Record<string, unknown> };
  expect(spec.train.classWeights).toBe('balanced');
});

test('the editor makes a rare class of its own: moons with class shares, cautioned before the run; text that is not shares says so', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('new-search').click();
  await page.getByTestId('ed-dataset-kind').getByText('synthetic').click();
  const shares = page.getByTestId('ed-class-shares').locator('input');
  await shares.fill('0.9, 0.0x');
  await expect(page.locator('.n-form-item', { has: page.getByTestId('ed-class-shares') })).toContainText('“0.0x” is not a share: write one number per class, summing to 1, e.g. 0.95, 0.05');
  await shares.fill('0.95, 0.05');
  await expect(page.getByTestId('caution')).toContainText('"1" is 5% of the rows of "class" (50 of 1000): always answering "0" scores val_accuracy 0.95 without finding one');
  await shot(page, 'imbalanced-editor-shares');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const spec = JSON.parse(await page.locator('textarea').first().inputValue()) as { dataset: Record<string, unknown> };
  expect(spec.dataset).toEqual({ synthetic: 'moons', n: 1000, noise: 0.2, classShares: [0.95, 0.05] });
});
