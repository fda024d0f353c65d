// The editor starts sane from every entry point, warns when no knob moves, says what a smaller
// budget cuts, keeps its fields in place, and names bad input at the field; the sidebar's feedback.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, setNumber, shot, test } from './fixtures';

test.use({ database: 'editor' });
test.describe.configure({ mode: 'serial' });

const knobKeys = async (page: Page): Promise<string[]> => page.locator('[data-testid^="knob-"] .kkey').allInnerTexts();

test('every entry point starts from the same template: lr and hidden units move, the budget follows the strategy', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('new-search').click();
  await page.getByTestId('knob-1').waitFor();
  const template = await knobKeys(page);
  expect(template.map((k) => k.trim())).toEqual(['lr', 'hiddenUnits']);
  await page.getByTestId('dataset-wine').click();
  await page.getByTestId('dataset-new-search').click();
  await expect(page.getByTestId('ed-builtin')).toContainText('wine');
  expect(await knobKeys(page)).toEqual(template);
  await expect(page.getByTestId('ed-name').locator('input')).not.toHaveValue('');
  await expect(page.getByTestId('planned')).toContainText('20 trials will run');
  await expect(page.getByTestId('budget-plan')).toContainText('Random search has no size of its own: 20 trials unless you set a budget.');
  await expect(page.getByTestId('no-knob-moves')).toHaveCount(0);
  await shot(page, 'editor-from-dataset', { fullPage: true });
});

test('no knob moves: a warning, and Run asks before running N copies of one configuration', async ({ page }) => {
  await page.getByRole('button', { name: 'remove the knob hiddenUnits' }).click();
  await page.getByRole('button', { name: 'remove the knob lr' }).click();
  await expect(page.getByTestId('no-knob-moves')).toContainText('No knob moves');
  await expect(page.getByTestId('planned')).toContainText('no knob moves');
  await page.getByTestId('run').click();
  await expect(page.getByText('Run 20 copies of one configuration?')).toBeVisible();
  await shot(page, 'editor-no-knob-moves');
  await page.getByRole('button', { name: 'Back to the knobs' }).click();
  await expect(page).toHaveURL(/\/new\?dataset=wine$/);
  // "+ knob" brings back lr (log, 1e-4 to 1) and hidden units (log, 8 to 256): each key its own range.
  await page.getByTestId('add-knob').click();
  await page.getByTestId('add-knob').click();
  await expect(page.getByTestId('knob-0-low').locator('input')).toHaveValue('0.0001');
  await expect(page.getByTestId('knob-1-high').locator('input')).toHaveValue('256');
  await expect(page.getByTestId('no-knob-moves')).toHaveCount(0);
  expect((await knobKeys(page)).map((k) => k.trim())).toEqual(['lr', 'hiddenUnits']);
});

test('the budget: coarse-to-fine 3 × 10 with 20 says round 3 never runs; clearing it runs 30; fields keep their places', async ({ page }) => {
  // Measured from the strategy buttons, so a scroll of the page between two readings does not count.
  const objectiveTop = async (): Promise<number> =>
    (await page.locator('.n-form-item', { hasText: 'Objective' }).first().boundingBox())!.y - (await page.getByTestId('ed-strategy').boundingBox())!.y;
  const before = await objectiveTop();
  await page.getByTestId('ed-strategy').getByText('coarse-to-fine').click();
  // Polled: the new strategy's fields take a frame to lay out; a field that stays moved fails.
  await expect.poll(objectiveTop, { message: 'the objective moved when the strategy changed' }).toBeCloseTo(before, 0);
  await setNumber(page, 'ed-strategy-rounds', 3);
  await setNumber(page, 'ed-strategy-trialsPerRound', 10);
  await expect(page.getByTestId('planned')).toContainText('30 trials will run');
  await setNumber(page, 'ed-budget', 20);
  await expect(page.getByTestId('budget-plan')).toContainText('A budget of 20 runs rounds 1–2; round 3 never runs.');
  await expect(page.getByTestId('planned')).toContainText('the budget cuts the rounds');
  await shot(page, 'editor-c2f-budget-20', { fullPage: true });
  await page.getByTestId('ed-strategy').getByText('grid').click();
  await expect.poll(objectiveTop).toBeCloseTo(before, 0);
  await expect(page.getByTestId('budget-plan')).toContainText(/A budget of 20 runs 20 of the grid's 25 points \(5 lr × 5 hiddenUnits\)\. .*lr = 1 is never tried/);
  await shot(page, 'editor-grid-budget-20', { fullPage: true });
  await page.getByTestId('ed-budget').locator('input').fill('');
  await page.getByTestId('ed-budget').locator('input').press('Tab');
  await expect(page.getByTestId('planned')).toContainText('25 trials will run (grid of 25 points)');
  await page.getByTestId('ed-strategy').getByText('random').click();
  await expect.poll(objectiveTop).toBeCloseTo(before, 0);
});

test('cautions: TPE whose startup takes the whole budget is said at its field and in the footer, and Run stays open', async ({ page }) => {
  await page.getByTestId('ed-strategy').getByText('tpe', { exact: true }).click();
  await setNumber(page, 'ed-budget', 4);
  const caution = page.getByTestId('caution');
  await expect(caution).toHaveText(/caution\s+strategy\.startupTrials: TPE models the trials once 10 have finished, and this search runs 4: every trial will be random/);
  await expect(page.locator('.n-form-item', { has: page.getByTestId('ed-strategy-startupTrials') }).last()).toContainText('every trial will be random');
  await expect(page.getByTestId('run')).toBeEnabled();
  await shot(page, 'editor-caution-tpe-startup', { fullPage: true });
  await setNumber(page, 'ed-strategy-startupTrials', 3);
  await expect(caution).toHaveCount(0);
  await page.getByTestId('ed-budget').locator('input').fill('');
  await page.getByTestId('ed-budget').locator('input').press('Tab');
  await page.getByTestId('ed-strategy').getByText('random').click();
});

test('bad input is named at its field: "64, abc" in hidden layers, a log knob from 0, a metric the data set does not report; low/high keep their labels; a field a knob moves is greyed', async ({ page }) => {
  await page.getByTestId('add-knob').click();
  await page.getByRole('button', { name: 'remove the knob hiddenUnits' }).click();
  const hidden = page.locator('.n-form-item', { has: page.getByTestId('ed-hidden') });
  await page.getByTestId('ed-hidden').locator('input').fill('64, abc');
  await expect(hidden).toContainText('“abc” is not a width: write whole numbers of units, one per layer, e.g. 64, 64');
  await expect(page.getByTestId('run')).toBeDisabled();
  await page.getByTestId('ed-hidden').locator('input').fill('64, 32');
  await setNumber(page, 'knob-0-low', 0);
  await expect(page.getByTestId('knob-0').locator('xpath=..')).toContainText('low > 0');
  // The low box is outlined, not the train key.
  await expect(page.getByTestId('knob-0-low').locator('.n-input').first()).toHaveClass(/n-input--error-status/);
  await expect(page.getByTestId('knob-0').locator('.n-base-selection').first()).not.toHaveClass(/error-status/);
  // An emptied low says so in words, at the low box.
  await page.getByTestId('knob-0-low').locator('input').fill('');
  await page.getByTestId('knob-0-low').locator('input').press('Tab');
  await expect(page.getByTestId('knob-0').locator('xpath=..')).toContainText('low: expected a number, got an empty value');
  await expect(page.getByTestId('knob-0-low').locator('.n-input').first()).toHaveClass(/n-input--error-status/);
  // The only knob is not still, only unfinished: no "No knob moves" warning beside its issue.
  await expect(page.getByTestId('no-knob-moves')).toHaveCount(0);
  await setNumber(page, 'knob-0-low', 0);
  await expect(page.locator('.knob.head')).toContainText('low');
  await expect(page.locator('.knob.head')).toContainText('high');
  const lr = page.locator('.moved', { has: page.getByTestId('ed-lr') });
  await expect(lr).toHaveCount(1);
  await expect(lr).toContainText('moved by the knob lr below');
  await expect(page.locator('.moved', { has: page.getByTestId('ed-epochs') })).toHaveCount(0);
  await shot(page, 'editor-bad-input');
  await setNumber(page, 'knob-0-low', 0.0001);
  await expect(page.getByTestId('run')).toBeEnabled();
  // The objective offers the metrics wine's classes report; one they do not, typed in the JSON, is named at the objective with the ones that are.
  const objective = page.locator('.n-form-item', { hasText: 'Objective' }).first();
  await objective.locator('.n-base-selection').click();
  await expect(page.locator('.n-base-select-option')).toHaveText(['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss']);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const text = page.locator('textarea').first();
  await text.fill((await text.inputValue()).replace(/"metric": "[a-z_]+"/, '"metric": "val_rmse"'));
  await page.getByTestId('apply-json').click();
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(objective).toContainText('"val_rmse" is not reported for classification data (wine); use one of "val_loss", "val_accuracy", "val_balanced_accuracy", "train_loss"');
  await expect(page.getByTestId('run')).toBeDisabled();
  await shot(page, 'editor-metric-task');
  await objective.locator('.n-base-selection').click();
  await page.getByText('val_accuracy', { exact: true }).click();
  await expect(page.getByTestId('run')).toBeEnabled();
});

test('small bounds are kept as typed, plain or in e-notation: 1e-7 and 0.0000001 in a knob, 1e-10 as the learning rate', async ({ page }) => {
  // naive-ui's number box rounded a value to the decimals its text shows: 1e-7 shows none, so it became 0 ("low > 0 (got 0)").
  const low = page.getByTestId('knob-0-low').locator('input');
  const json = async (): Promise<Record<string, unknown>> => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const text = await page.locator('textarea').first().inputValue();
    await page.getByRole('tab', { name: 'Form' }).click();
    return JSON.parse(text) as Record<string, unknown>;
  };
  for (const typed of ['1e-7', '0.0000001']) {
    await low.fill(typed);
    await low.press('Tab');
    await expect(low).toHaveValue(typed);
    await expect(page.getByTestId('knob-0').locator('xpath=..')).not.toContainText('low > 0');
    expect((await json()).space).toMatchObject({ lr: { low: 1e-7 } });
    await expect(low).toHaveValue(/^(1e-7|0\.0000001)$/);
  }
  await setNumber(page, 'knob-0-high', 1e-2);
  await expect(page.getByTestId('knob-0-high').locator('input')).toHaveValue('0.01');
  // The fixed learning rate too (greyed while the lr knob moves it, but typed and kept all the same).
  const lr = page.getByTestId('ed-lr').locator('input');
  await lr.fill('1e-10');
  await lr.press('Tab');
  await expect(lr).toHaveValue('1e-10');
  expect((await json()).train).toMatchObject({ lr: 1e-10 });
  await lr.fill('');
  await lr.press('Tab');
  expect((await json()).train).not.toHaveProperty('lr');
  // Early stopping's min delta as well (a box that rounded 1e-7 to 0 too).
  const minDelta = page.getByTestId('ed-minDelta').locator('input');
  await minDelta.fill('1e-7');
  await minDelta.press('Tab');
  await expect(minDelta).toHaveValue('1e-7');
  expect((await json()).train).toMatchObject({ earlyStopping: { minDelta: 1e-7 } });
  await expect(page.getByTestId('run')).toBeEnabled();
  await shot(page, 'editor-small-bounds');
  await setNumber(page, 'knob-0-low', 0.0001);
  await setNumber(page, 'knob-0-high', 1);
});

test('a grid\'s trials box says nothing untrue while the space is invalid: a dash, then the grid\'s size', async ({ page }) => {
  const budget = page.getByTestId('ed-budget').locator('input');
  await page.getByTestId('ed-strategy').getByText('grid').click();
  await expect(budget).toHaveAttribute('placeholder', /^\d+ \(the strategy's\)$/);
  await setNumber(page, 'knob-0-low', 0);
  await expect(page.getByTestId('knob-0').locator('xpath=..')).toContainText('low > 0');
  await expect(budget).toHaveAttribute('placeholder', "– (the grid's size)");
  await setNumber(page, 'knob-0-low', 0.0001);
  await expect(budget).toHaveAttribute('placeholder', /^\d+ \(the strategy's\)$/);
  await page.getByTestId('ed-strategy').getByText('random').click();
  await expect(budget).toHaveAttribute('placeholder', '20 (default)');
});

test('the sidebar: an empty project name says so; the find box opens a match with Enter and lets go with Esc', async ({ page, knobs }) => {
  await page.getByTestId('new-project').click();
  await page.getByTestId('new-project-create').click();
  await expect(page.getByTestId('new-project-error')).toHaveText('Type a name for the project first.');
  await page.getByTestId('new-project-name').locator('input').fill('feedback');
  await page.getByTestId('new-project-create').click();
  await expect(page.getByTestId('project-name')).toHaveText('feedback');
  await knobs.call('searches.create', {
    spec: { project: 'feedback', name: 'findable', dataset: { builtin: 'iris' }, train: { epochs: 2 }, space: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } }, budget: { trials: 2 }, workers: 1 },
  });
  await page.reload();
  const find = page.getByTestId('filter').locator('input');
  await page.keyboard.press('/');
  await expect(find).toBeFocused();
  await find.fill('findab');
  await find.press('Enter');
  await expect(page.getByTestId('search-name')).toContainText('findable');
  await find.focus();
  await find.press('Escape');
  await expect(find).toHaveValue('');
  await find.press('Escape');
  await expect(find).not.toBeFocused();
});

test('source "imported": a hint to import when there is none; with one, it is chosen, with no error shown', async ({ page, knobs }) => {
  const item = page.locator('.n-form-item', { has: page.getByTestId('ed-csv') });
  await page.getByTestId('new-search').click();
  await page.getByTestId('ed-dataset-kind').getByText('imported').click();
  await expect(item).toContainText('Import a CSV or IDX files first (sidebar → + import)');
  await expect(item).not.toContainText('must not be empty');
  await expect(page.getByTestId('planned')).toContainText('choose an imported data set');
  await expect(page.getByTestId('run')).toBeDisabled();
  await knobs.call('datasets.importCsv', { name: 'rings', text: readFileSync(knobs.files.rings, 'utf8'), target: 'label' });
  await page.reload();
  await page.getByTestId('ed-dataset-kind').getByText('imported').click();
  // The one imported data set is chosen: its name in the field, nothing red, the spec valid.
  await expect(page.getByTestId('ed-csv')).toContainText('rings');
  await expect(item).not.toContainText('Import a CSV');
  await expect(item).not.toContainText('must not be empty');
  await expect(item.locator('.n-base-selection').first()).not.toHaveClass(/error-status/);
  await expect(page.getByTestId('planned')).toContainText('will run');
  await shot(page, 'editor-imported-one');
});

test('the regression target\'s scaling is offered only where the target is a number: a built-in data set and moons say no, sine says yes', async ({ page }) => {
  await page.getByTestId('new-search').click();
  const scaling = page.getByTestId('ed-target-preprocess');
  await expect(scaling.locator('.n-base-selection')).toHaveClass(/disabled/);
  await page.getByTestId('ed-dataset-kind').getByText('synthetic').click();
  // moons (the generator the form starts on) has classes.
  await expect(scaling.locator('.n-base-selection')).toHaveClass(/disabled/);
  await page.locator('.n-form-item', { hasText: 'Generator' }).locator('.n-base-selection').click();
  await page.locator('.n-base-select-option', { hasText: /^sine$/ }).click();
  await expect(scaling.locator('.n-base-selection')).not.toHaveClass(/disabled/);
  // The three scalings, each with what it trains on; sine's values go below 0, which ln(1 + y) cannot take: said at the field as it is chosen.
  await scaling.locator('.n-base-selection').click();
  for (const label of ['zscore: standardised', 'log: ln(1 + y), then zscore', 'none: as it is']) await expect(page.locator('.n-base-select-option', { hasText: label })).toBeVisible();
  await page.locator('.n-base-select-option', { hasText: /^log:/ }).click();
  const item = page.locator('.n-form-item', { has: scaling });
  await expect(item).toContainText(/"log" trains on ln\(1 \+ target\), which needs every value ≥ 0, but \d+ of the \d+ values of "y" are below 0/);
  await expect(page.getByTestId('run')).toBeDisabled();
  await shot(page, 'editor-target-log-refused');
  await scaling.locator('.n-base-selection').click();
  await page.locator('.n-base-select-option', { hasText: /^zscore:/ }).click();
  await expect(item).not.toContainText('"log" trains');
  await expect(page.getByTestId('run')).toBeEnabled();
});

test('a copy of a search on a CSV named by path (as `knobs run` makes them): the file\'s classes, read by the check, decide the task, and more columns than training rows are cautioned at the data set', async ({ page, knobs }) => {
  // 60 rows × 200 columns of noise, the label from the first two: a 60/20/20 split trains on 36 rows.
  let seed = 11;
  const rand = (): string => (((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1).toFixed(3);
  const rows = Array.from({ length: 60 }, () => Array.from({ length: 200 }, rand));
  const file = join(knobs.dir, 'genes.csv');
  writeFileSync(file, `${[[...rows[0].map((_, j) => `g${j}`), 'label'].join(','), ...rows.map((r) => [...r, Number(r[0]) + Number(r[1]) > 0 ? 'tumor' : 'normal'].join(','))].join('\n')}\n`);
  const s = await knobs.call('searches.create', {
    spec: { project: 'genes', name: 'by path', dataset: { csv: file, target: 'label' }, train: { epochs: 5 }, space: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true } }, budget: { trials: 2 } },
    start: false,
  });
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/new?from=${s.id}`);
  await expect(page.getByTestId('planned')).toContainText('2 trials will run');
  // The spec does not say the task; once the engine has read the file, its target scaling is not offered and its objectives are the classes'.
  await expect(page.getByTestId('ed-target-preprocess').locator('.n-base-selection')).toHaveClass(/disabled/);
  const objective = page.locator('.n-form-item', { hasText: 'Objective' }).first();
  await objective.locator('.n-base-selection').click();
  await expect(page.locator('.n-base-select-option')).toHaveText(['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss']);
  await page.keyboard.press('Escape');
  const caution = 'the 200 features outnumber the 36 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there; ' +
    'to hold the trials back, search an l2 knob up to 0.1 and dropout, keep the hidden layers small, or leave out columns that cannot bear on "label" with "exclude"';
  await expect(page.locator('.n-form-item', { has: page.getByTestId('ed-csv') })).toContainText(caution);
  await expect(page.getByTestId('run')).toBeEnabled();
  await page.getByTestId('ed-csv').scrollIntoViewIfNeeded();
  await shot(page, 'editor-wide-csv-by-path');
});
