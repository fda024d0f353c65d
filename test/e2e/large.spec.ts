// A search as long as users run them: 10,000 TPE trials over 8 knobs (two categorical, one stepped,
// three on a log scale), messy as real ones are: objectives spanning decades, diverged and pruned
// trials, a few failed ones. Written into the database as the engine stores a finished search, then
// looked at in every view: the Overview (with which knobs matter), the Search space (what TPE sees,
// for every knob), the Trials table and the Curves, in both themes and in a narrow window. Each
// view must count what it shows and hold its layout; the screenshots are for a person to look at.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chartCaptions, expect, setTheme, shot, tabOf, test } from './fixtures';
import { Store } from '../../src-core/store/store';
import { largeSpace, writeLargeTrials, type LargeSearchFacts } from '../helpers/large-search';

test.use({ database: 'large' });
test.describe.configure({ mode: 'serial' });

const N = 10_000;
let id = 0;
let other = 0;
let facts: LargeSearchFacts;

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(180_000);
  await knobs.call('projects.create', { name: 'large' });
  const s = await knobs.call('searches.create', {
    start: false,
    spec: {
      project: 'large', name: 'ten thousand', dataset: { builtin: 'digits' }, seed: 3, workers: 4,
      train: { epochs: 20, earlyStopping: { monitor: 'val_loss', patience: 5 } },
      space: largeSpace, strategy: { kind: 'tpe' }, pruner: { kind: 'median' }, budget: { trials: N },
    },
  });
  id = s.id;
  // A second one, for searches side by side: the same space, 4,000 trials of other draws.
  other = (await knobs.call('searches.create', {
    start: false,
    spec: {
      project: 'large', name: 'four thousand', dataset: { builtin: 'digits' }, seed: 4, workers: 2,
      train: { epochs: 20, earlyStopping: { monitor: 'val_loss', patience: 5 } },
      space: largeSpace, strategy: { kind: 'random' }, budget: { trials: 4000 },
    },
  })).id;
  // Written as a study writes it, into the server's own file; the server then starts again on it.
  const store = Store.open(join(knobs.dir, 'knobs.db'));
  try {
    facts = writeLargeTrials(store, id, N);
    store.searches.setStatus(id, 'complete', { stopReason: 'budget of 10000 trials reached' });
    writeLargeTrials(store, other, 4000, { seed: 2 });
    store.searches.setStatus(other, 'complete', { stopReason: 'budget of 4000 trials reached' });
  } finally {
    store.close();
  }
  await knobs.restart({});
});

const failedOrDiverged = (): number => (facts.counts.failed ?? 0) + (facts.counts.diverged ?? 0);

test('the Overview of 10,000 trials: progress, best so far, and which knobs matter', async ({ page, knobs }) => {
  expect(facts.worst / facts.best, 'the objectives should span decades').toBeGreaterThan(10);
  expect(facts.counts.diverged, 'some trials should diverge').toBeGreaterThan(100);
  expect(facts.counts.pruned, 'some trials should be pruned').toBeGreaterThan(100);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  // Pruned trials are counted apart from those that ran their course.
  await expect(page.getByTestId('progress')).toContainText(`${N - facts.counts.pruned!} / ${N} done · ${facts.counts.pruned} pruned · 0 running`);
  await expect(page.getByTestId('edge-counts')).toContainText(`${failedOrDiverged()} trials failed or diverged`);
  const imp = await knobs.call('searches.importance', { id });
  expect(imp.reason).toBeNull();
  expect(imp.knobs.map((k) => k.name).sort()).toEqual(Object.keys(largeSpace).sort());
  // lr moves the loss by decades, and with the optimizer (whose best lr differs) it explains most of it.
  expect(imp.knobs[0].name).toBe('lr');
  await expect(page.getByTestId('importance')).toContainText(`Over ${imp.trials} trials`);
  expect(await chartCaptions(page, 'importance-chart')).toContain('lr');
  // The choice of trials shows its whole label, four-digit count and all.
  const readAt = page.getByTestId('importance-step').locator('.n-base-selection-input__content');
  await expect(readAt).toHaveText(`ran to their end (${imp.trials} trials)`);
  expect(await readAt.evaluate((el) => el.scrollWidth - el.clientWidth), 'the label is cut').toBeLessThanOrEqual(0);
  await shot(page, 'large-overview-light');
  // When the 10,000 trials ran on 4 workers, the night's pause folded away.
  const timeline = page.getByTestId('timeline');
  await timeline.scrollIntoViewIfNeeded();
  await timeline.locator('canvas').first().waitFor();
  await expect(page.getByTestId('timeline-sentence')).toContainText('the 4 workers were busy');
  await expect(page.getByTestId('timeline-sentence')).toContainText('One stretch of 9 h 0 min when no trial ran');
  await shot(page, 'large-timeline-light');
  await setTheme(page, 'dark');
  await page.getByTestId('importance').scrollIntoViewIfNeeded();
  await shot(page, 'large-overview-dark');
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, 'large-timeline-dark');
  await setTheme(page, 'light');
});

test('what TPE sees over 10,000 trials, for each of 8 knobs', async ({ page, knobs }) => {
  const d = await knobs.call('searches.densities', { id });
  expect(d).not.toBeNull();
  expect(d!.knobs.map((k) => k.name).sort()).toEqual(Object.keys(largeSpace).sort());
  expect(d!.diverged).toBe(facts.counts.diverged);
  // γ(n) = min(⌈0.1·n⌉, 25): at 10,000 trials the good group is 25.
  expect(d!.good).toBe(25);
  await tabOf(page, 'Search space').click();
  await page.getByTestId('parallel').locator('canvas').first().waitFor();
  expect(await chartCaptions(page, 'parallel')).toContain(`failed / diverged (${failedOrDiverged()})`);
  // The pair shows the two most important knobs it can shade (numeric, not drawn as strips: depth and batchSize are), in the space's order.
  const imp = await knobs.call('searches.importance', { id });
  const shadeable = ['lr', 'hiddenUnits', 'l2', 'dropout'];
  const top = imp.knobs.map((k) => k.name).filter((n) => shadeable.includes(n)).slice(0, 2);
  const [x, y] = Object.keys(largeSpace).filter((n) => top.includes(n));
  await expect(page.getByTestId('pair-x')).toContainText(x);
  await expect(page.getByTestId('pair-y')).toContainText(y);
  await shot(page, 'large-space-light', { fullPage: true });
  await setTheme(page, 'dark');
  await shot(page, 'large-space-dark', { fullPage: true });
  await setTheme(page, 'light');
});

test('the Search-space tab of 10,000 trials draws the charts in sight first, then the others, one at a time', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  // Opened once first, so what TPE sees (asked of the engine) is at hand when it opens again.
  await tabOf(page, 'Search space').click();
  await page.getByTestId('density-chart').locator('canvas').first().waitFor();
  await tabOf(page, 'Overview').click();
  await page.getByTestId('best-so-far').locator('canvas').waitFor();
  await tabOf(page, 'Search space').click();
  await expect.poll(() => page.locator('[data-chart][data-rendered]').count(), { timeout: 120_000, message: 'all 18 charts draw: 8 densities, 8 knobs against the objective, the pair, parallel coordinates' }).toBe(18);
  // Each chart's turn and where it was when its turn came (drawOrder.ts writes both on it).
  const order = (await page.locator('[data-chart]').evaluateAll((cs) => cs.map((c) => ({ label: c.getAttribute('aria-label') ?? '', turn: Number((c as HTMLElement).dataset.turn), place: (c as HTMLElement).dataset.turnPlace ?? '' }))))
    .sort((a, b) => a.turn - b.turn);
  const listed = order.map((o) => `${o.turn} ${o.label.slice(0, 24)} (${o.place})`).join(', ');
  expect(order.every((o) => Number.isFinite(o.turn)), listed).toBe(true);
  expect(order[0].place, `the first chart drawn is in the window: ${listed}`).toBe('in');
  const firstOut = order.findIndex((o) => o.place !== 'in');
  expect(order.slice(firstOut).every((o) => o.place === 'out'), `those in the window first, then the others: ${listed}`).toBe(true);
  expect(new Set(order.map((o) => o.turn)).size, 'one turn each').toBe(18);
  expect(order.at(-1)!.label, `parallel coordinates, at the bottom, last: ${listed}`).toMatch(/^Chart|parallel/i);
});

/** Hold the engine's answers on `channel`, as a slow machine would, until `release`; `stop` holds no more. */
async function holdAnswers(page: Page, channel: string): Promise<{ release: () => void; stop: () => Promise<void> }> {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => { release = r; });
  const url = `**/api/${channel}`;
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return { release, stop: () => page.unroute(url) };
}

test('while what TPE sees is computed, its charts keep their room: the charts below do not jump when it comes', async ({ page, knobs }) => {
  // Hold the engine's answer and see where the charts below it sit before and after.
  const answers = await holdAnswers(page, 'searches.densities');
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await tabOf(page, 'Search space').click();
  const pending = page.getByTestId('densities-pending');
  await expect(pending).toContainText('Computing the good and bad densities of 8 knobs');
  const space = page.getByTestId('space');
  await space.locator('[data-chart]').first().waitFor();
  const before = (await space.boundingBox())!.y;
  await shot(page, 'large-space-computing');
  answers.release();
  await page.getByTestId('density-chart').first().locator('canvas').first().waitFor();
  await expect(pending).toHaveCount(0);
  const after = (await space.boundingBox())!.y;
  // The sentence above the densities may take a line or two more than the one shown while computing; the 8 charts (two rows of 222 px) keep their room.
  expect(Math.abs(after - before), `the knob charts sat at ${before} px while computing and at ${after} px after`).toBeLessThan(48);
  test.info().annotations.push({ type: 'shift', description: `${after - before} px` });
  await answers.stop();
});

test('while which knobs matter is computed, its chart keeps its room: the panel ends where it will end when it comes', async ({ page, knobs }) => {
  const answers = await holdAnswers(page, 'searches.importance');
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await expect(page.getByTestId('importance-pending')).toBeVisible();
  // What follows the panel (in a narrow window, the facts column under it) starts where it ends.
  const panel = page.getByTestId('importance');
  const bottom = async (): Promise<number> => {
    const box = (await panel.boundingBox())!;
    return box.y + box.height;
  };
  const before = await bottom();
  answers.release();
  await page.getByTestId('importance-chart').locator('canvas').first().waitFor();
  const after = await bottom();
  // The sentence above the bars gains what they say (a line or two); the 8 bars (248 px) kept their room.
  expect(Math.abs(after - before), `the panel ended at ${before} px while computing and at ${after} px after`).toBeLessThan(48);
  test.info().annotations.push({ type: 'shift', description: `${after - before} px` });
  await answers.stop();
});

test('switching the theme or the tab while 10,000 lines are still drawing raises no error', async ({ page, knobs }) => {
  // Charts of thousands of elements paint over several frames. A chart closed part-way (a theme switch
  // draws every chart anew; a tab switch closes its charts) threw "Cannot read properties of null
  // (reading 'layerStack')" on its next frame, in two of six runs of this file. The page's console must stay clean.
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  for (const tab of ['Curves', 'Search space']) {
    await tabOf(page, tab).click();
    for (let i = 0; i < 8; i++) {
      await page.getByTestId('theme').click();
      await page.waitForTimeout(10 * i);
    }
    await tabOf(page, 'Overview').click();
  }
  await page.waitForTimeout(1000);
  await setTheme(page, 'light');
});

test('the Trials table and the Curves of 10,000 trials', async ({ page }) => {
  await tabOf(page, 'Trials').click();
  await expect(page.getByTestId('hide-failed')).toContainText(`hide failed (${failedOrDiverged()})`);
  await shot(page, 'large-trials-light');
  await tabOf(page, 'Curves').click();
  await page.getByTestId('curves').locator('canvas').first().waitFor();
  expect(await chartCaptions(page, 'curves')).toContain(`failed / diverged (${failedOrDiverged()})`);
  await shot(page, 'large-curves-light');
  await setTheme(page, 'dark');
  await shot(page, 'large-curves-dark');
  await setTheme(page, 'light');
});

test('compare a diverged trial with a good one: the Compare tab has the scale toggle, shared with the Curves tab', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  await tabOf(page, 'Trials').click();
  const rows = page.getByTestId('trials').locator('tbody tr');
  // Trial 6 diverged (its loss climbs to 10⁹, then NaN); trial 7 trained well.
  await expect(rows.nth(6)).toContainText('diverged');
  await rows.nth(6).locator('.n-checkbox').click();
  await rows.nth(7).locator('.n-checkbox').click();
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-curves').locator('canvas').waitFor();
  await page.getByTestId('scale-robust').click();
  await expect(page.getByTestId('edge-counts'), 'robust clips the blown-up losses').toContainText('epoch values beyond the axis');
  await page.getByTestId('scale-log').click();
  await expect(page.getByTestId('scale-log').locator('input')).toBeChecked();
  await expect(page.getByTestId('edge-counts'), 'on a log axis every loss fits').toHaveCount(0);
  await shot(page, 'large-compare-log');
  await tabOf(page, 'Curves').click();
  await expect(page.getByTestId('scale-log').locator('input'), 'one scale setting for the search').toBeChecked();
  await page.getByTestId('scale-auto').click();
});

test('two long searches side by side: 10,000 and 4,000 trials in every chart of the comparison', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/compare?searches=${id},${other}`);
  for (const chart of ['compare-best-trials', 'compare-best-time', 'compare-distribution']) await page.getByTestId(chart).locator('canvas').first().waitFor();
  const budgets = page.getByTestId('compare-budgets');
  await expect(budgets).toContainText('10000 trials');
  await expect(budgets).toContainText('4000 trials');
  const captions = await chartCaptions(page, 'compare-best-trials');
  expect(captions).toContain('ten thousand');
  expect(captions).toContain('four thousand');
  await shot(page, 'large-compare-searches', { fullPage: true });
  await setTheme(page, 'dark');
  await shot(page, 'large-compare-searches-dark', { fullPage: true });
  await setTheme(page, 'light');
  await page.goto(`${knobs.origin}/searches/${id}`);
});

test('10,000 trials in a narrow window, dark', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 900 });
  await setTheme(page, 'dark');
  for (const tab of ['Overview', 'Search space', 'Trials']) {
    await tabOf(page, tab).click();
    await page.waitForTimeout(500);
    await shot(page, `large-narrow-${tab.toLowerCase().replace(' ', '-')}-dark`);
  }
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 1360, height: 860 });
});
