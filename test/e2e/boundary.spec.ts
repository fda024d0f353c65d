// A trial's decision boundary in its drawer, as TensorFlow Playground draws one: what its model says over the plane of a
// 2-D data set's two features, the rows on top (for one feature, sine: its prediction along it); drawn from a replay of
// the trial, whose verdict is said.
import { chartCaptions, expect, setTheme, shot, test } from './fixtures';
import { runSearches } from './searches';

test.use({ database: 'boundary' });
test.describe.configure({ mode: 'serial' });

const ids: Record<string, number> = {};

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(300_000);
  Object.assign(ids, await runSearches(knobs, {
    spirals: {
      project: 'plane', name: 'three spirals', dataset: { synthetic: 'spirals', n: 450, noise: 0.1, classes: 3 }, seed: 1, workers: 1,
      train: { epochs: 120, hiddenLayers: [32, 32], optimizer: 'adam', lr: 0.02, earlyStopping: false }, space: {}, budget: { trials: 1 },
    },
    blown: {
      project: 'plane', name: 'blown up', dataset: { synthetic: 'moons', n: 100 }, seed: 1, workers: 1,
      train: { epochs: 5, optimizer: 'sgd', lr: 1e6, earlyStopping: false }, space: {}, budget: { trials: 1 },
    },
    sine: {
      project: 'plane', name: 'sine', dataset: { synthetic: 'sine', n: 300, noise: 0.15 }, seed: 1, workers: 1,
      train: { epochs: 60, hiddenLayers: [32, 32], activation: 'tanh', optimizer: 'adam', lr: 0.01, earlyStopping: false }, space: {}, budget: { trials: 1 },
    },
    iris: { project: 'plane', name: 'four features', dataset: { builtin: 'iris' }, seed: 1, workers: 1, train: { epochs: 3 }, space: {}, budget: { trials: 1 } },
  }));
});

test('a short trial of a 2-D data set draws its boundary when its drawer opens: the model\'s classes over the plane, the rows on top', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.spirals}/trials?trial=0`);
  const panel = page.getByTestId('boundary');
  await panel.getByTestId('boundary-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
  const b = await knobs.call('trials.boundary', { searchId: ids.spirals, number: 0 });
  // Without early stopping the model at the end drew it; where that is not the best epoch, it says so.
  const epochs = b.modelEpoch !== b.bestEpoch ? ` Its model at the end of training (epoch ${b.modelEpoch}), which it kept; its stored figures are read at its best epoch (${b.bestEpoch}).` : '';
  await expect(panel.getByTestId('boundary-replay')).toHaveText(`Drawn from a run of it that replays the stored one bit for bit.${epochs}`);
  expect(b.values).toHaveLength(b.steps * b.steps);
  expect(new Set(b.values).size, 'a trained model of three spirals picks each of the three classes somewhere').toBe(3);
  // Its data table: the cells, then the rows of each class, training and validation apart.
  const table = await chartCaptions(page, 'boundary-chart');
  expect(table).toMatch(new RegExp(`the model \\(${b.steps * b.steps} rows\\)`));
  for (const name of ['0 · training', '1 · training', '2 · training', '0 · validation']) expect(table).toContain(name);
  // No class is rare here, so its thresholds wait to be asked for; but the run that drew the boundary answered its rows too: drawn at once, by the same run.
  const thresholds = page.getByTestId('threshold');
  await thresholds.getByTestId('threshold-chart').locator('canvas').first().waitFor();
  await expect(page.getByTestId('threshold-draw')).toHaveCount(0);
  await expect(thresholds.getByTestId('threshold-replay')).toHaveText('Worked out from a run of it that replays the stored one bit for bit.');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'boundary-spirals-light');
  // In the dark theme (the drawer's mask covers the switch: closed, switched, opened again; drawn again from the engine's kept one).
  await page.keyboard.press('Escape');
  await setTheme(page, 'dark');
  await page.goto(`${knobs.origin}/searches/${ids.spirals}/trials?trial=0`);
  await panel.getByTestId('boundary-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'boundary-spirals-dark');
  await page.keyboard.press('Escape');
  await setTheme(page, 'light');
});

test('a trial of one feature (sine) draws what its model predicts along it: a line over the rows', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${ids.sine}/trials?trial=0`);
  const panel = page.getByTestId('boundary');
  await expect(page.getByRole('heading', { name: 'What its model predicts' })).toBeVisible();
  await panel.getByTestId('boundary-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
  await expect(panel).toContainText('The line is its prediction of y at each x; the dots are the rows\' own y, filled for training rows, rings for validation rows.');
  const b = await knobs.call('trials.boundary', { searchId: ids.sine, number: 0 });
  await expect(panel.getByTestId('boundary-replay')).toContainText('Drawn from a run of it that replays the stored one bit for bit.');
  if (b.modelEpoch !== b.bestEpoch) await expect(panel.getByTestId('boundary-replay')).toContainText(`Its model at the end of training (epoch ${b.modelEpoch})`);
  expect(b.y).toBeNull();
  const table = await chartCaptions(page, 'boundary-chart');
  expect(table).toMatch(new RegExp(`the model \\(${b.steps} rows\\)`));
  for (const name of ['training rows', 'validation rows']) expect(table).toContain(name);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'boundary-sine-light');
});

test('a diverged trial says it has none; a data set of four features offers none', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${ids.blown}/trials?trial=0`);
  await expect(page.getByTestId('boundary')).toHaveText("It diverged: its model's outputs are not numbers, so there is nothing of it to draw.");
  await page.goto(`${knobs.origin}/searches/${ids.iris}/trials?trial=0`);
  await page.getByTestId('drawer-curve').locator('canvas').first().waitFor();
  await expect(page.getByTestId('boundary')).toHaveCount(0);
});
