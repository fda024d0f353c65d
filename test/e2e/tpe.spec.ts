// A TPE search from the editor (the strategy's settings drawn from its schema) to what it shows:
// which knobs matter on the Overview, updated while it runs; and on a messy TPE search (plain SGD
// with a learning rate up to 30, so trials blow up), what TPE sees (good and bad densities per
// knob) on the Search-space tab and the importance, in both themes and in a narrow window: the
// diverged trials must be said, counted in g (TPE learns where training blows up) and left out of
// the importance, not swamp it. And a search where every trial diverged: l is the prior alone.
import { chartCaptions, expect, pick, SEARCH_WAIT_MS, setNumber, shot, tabOf, test, viewport } from './fixtures';
import { axeScan, describeProblems } from './axe';
import { bestNearText, failedFade, SOME_FAILED } from '../../src-core/analysis/marginal';
import { spaceAround } from '../../src-core/search/around';
import { trainSpecOf } from '../../src-core/search/trialSpec';
import { readFileSync } from 'node:fs';
import { runSearch, startSearch, waitForSearch } from './searches';

test.use({ database: 'tpe' });
test.describe.configure({ mode: 'serial' });

let messy = 0;

test.beforeAll(async ({ knobs }) => {
  await knobs.call('projects.create', { name: 'tpe' });
  // Started, not waited for: the test that looks at it waits.
  messy = (await startSearch(knobs, {
    project: 'tpe', name: 'sgd diverging', dataset: { builtin: 'digits' }, preprocess: 'zscore', seed: 5, workers: 2, diagnostics: { every: 0 },
    train: { epochs: 20, optimizer: 'sgd', hiddenLayers: [32], earlyStopping: { monitor: 'val_loss', patience: 5 } },
    space: {
      lr: { type: 'float', low: 1e-4, high: 30, log: true },
      hiddenUnits: { type: 'int', low: 4, high: 128, log: true },
      activation: { type: 'categorical', values: ['relu', 'tanh', 'sigmoid'] },
    },
    strategy: { kind: 'tpe', startupTrials: 8 }, budget: { trials: 40 },
  })).id;
});

test('choose TPE in the editor: its settings come from its schema; run it', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('project-tpe').click();
  await page.getByTestId('project-new-search').click();
  await page.getByTestId('ed-name').locator('input').fill('digits tpe');
  await page.getByTestId('ed-strategy').getByText('tpe', { exact: true }).click();
  for (const key of ['startupTrials', 'candidates', 'multivariate', 'constantLiar']) await expect(page.getByTestId(`ed-strategy-${key}`)).toBeVisible();
  await expect(page.getByTestId('budget-plan')).toHaveText(/TPE search has no size of its own: 50 trials unless you set a budget/);
  await setNumber(page, 'ed-strategy-startupTrials', 6);
  await setNumber(page, 'ed-budget', 40);
  await setNumber(page, 'ed-workers', 1);
  await setNumber(page, 'knob-0-high', 3);
  // Trials of ~50 ms end a 40-trial search before the page can pause it: 100 epochs, no early stop.
  await setNumber(page, 'ed-epochs', 100);
  await pick(page, 'ed-early', /^off$/);
  await shot(page, '30-editor-tpe', { fullPage: true });
  const editorProblems = await axeScan(page, 'editor-tpe');
  expect(editorProblems, describeProblems(editorProblems)).toEqual([]);
  await page.getByTestId('run').click();
  await page.getByTestId('best-so-far').waitFor();
  const id = Number(new URL(page.url()).pathname.match(/\/searches\/(\d+)/)?.[1]);
  const over = async (): Promise<number> => Number((await page.getByTestId('importance').textContent())?.match(/Over (\d+) trials/)?.[1] ?? NaN);
  // While it runs, the Overview's importance follows the finished trials. Paused part-way, so the
  // check does not race a fast run (a 40-trial search can end between two polls): the count shown
  // then is the trials finished so far, fewer than at the end.
  const resultsOf = (d: { counts: Record<string, number | undefined> }): number => (d.counts.complete ?? 0) + (d.counts.early_stopped ?? 0);
  // Paused through the API as soon as 5 have results (a click would land late).
  const deadline = Date.now() + SEARCH_WAIT_MS;
  while (Date.now() < deadline && resultsOf(await knobs.call('searches.get', { id })) < 5) await page.waitForTimeout(20);
  await knobs.call('searches.pause', { id });
  await expect(page.getByTestId('status')).toHaveText('paused', { timeout: 30_000 });
  const partial = resultsOf(await knobs.call('searches.get', { id }));
  await expect.poll(over, { timeout: 30_000, message: 'the importance of a paused search counts the trials finished so far' }).toBe(partial);
  await shot(page, '31-tpe-importance-live');
  await page.getByTestId('resume').click();
  // The click's request may not have reached the engine yet: wait for the search to leave "paused"
  // (running, or already complete) before waiting for its end, or the wait would end at once.
  await expect.poll(async () => (await knobs.call('searches.get', { id })).status, { timeout: 30_000 }).not.toBe('paused');
  const detail = await waitForSearch(knobs, id);
  expect(detail.status).toBe('complete');
  expect((detail.spec as { strategy: Record<string, unknown> }).strategy).toEqual({ kind: 'tpe', startupTrials: 6 });
  expect(detail.spec).toMatchObject({ workers: 1, budget: { trials: 40 } });
  const withResult = resultsOf(detail);
  await expect.poll(over, { timeout: 30_000 }).toBe(withResult);
  expect(partial, 'the count shown part-way is below the final one').toBeLessThan(withResult);
});

test('a search where trials diverged: importance leaves them out and says so, in both themes', async ({ page, knobs }) => {
  const d = await waitForSearch(knobs, messy, 240_000);
  expect(d.status).toBe('complete');
  const blown = (d.counts.diverged ?? 0) + (d.counts.failed ?? 0);
  expect(blown, 'trials that diverged with lr up to 30').toBeGreaterThan(0);
  await page.getByTestId('search-sgd diverging').click();
  const panel = page.getByTestId('importance');
  await panel.getByTestId('importance-chart').locator('canvas').first().waitFor();
  await expect(panel).toContainText(blown === 1 ? '(1 trial that did not run to its end — failed, diverged or pruned — left out)' : `(${blown} trials that did not run to their end — failed, diverged or pruned — left out)`);
  const imp = await knobs.call('searches.importance', { id: messy });
  expect(imp.leftOut).toBe(blown);
  expect(imp.knobs.map((k) => k.name).sort()).toEqual(['activation', 'hiddenUnits', 'lr']);
  await shot(page, '31-tpe-importance');
  await page.getByTestId('theme').click();
  await shot(page, '31-tpe-importance-dark');
  await page.getByTestId('theme').click();
});

test('each knob\'s marginal: the importance chart says where it is best, and each knob\'s chart on the Search space tab draws the forest\'s line', async ({ page, knobs }) => {
  const d = await knobs.call('searches.get', { id: messy });
  const imp = await knobs.call('searches.importance', { id: messy });
  const top = imp.knobs[0];
  expect(top.marginal.at).toHaveLength(24);
  const best = bestNearText(top.marginal, d.direction, d.knobs.find((k) => k.name === top.name)?.type);
  // The chart's data table names each bar with where its knob is best.
  await expect.poll(async () => chartCaptions(page, 'importance-chart')).toContain(`${top.name}: `);
  expect(await chartCaptions(page, 'importance-chart')).toContain(`best ${best}, the other knobs averaged`);
  await tabOf(page, 'Search space').click();
  await expect(page.getByTestId('space-marginal-note')).toContainText(`from the ${imp.trials} trials that ran to their end`);
  // The lr chart's data holds the forest's line, in the objective's units as the engine gives it (4 significant digits).
  const lr = imp.knobs.find((k) => k.name === 'lr')!;
  const lowest = lr.marginal.value.indexOf(Math.min(...lr.marginal.value));
  const table = await chartCaptions(page, 'knob-chart-lr');
  expect(table).toContain('forest marginal');
  expect(table).toContain(String(Number(lr.marginal.value[lowest].toPrecision(4))));
  await page.getByTestId('space').scrollIntoViewIfNeeded();
  await shot(page, '32d-tpe-knob-marginals');
  await page.getByTestId('theme').click();
  await shot(page, '32e-tpe-knob-marginals-dark');
  await page.getByTestId('theme').click();
  await tabOf(page, 'Overview').click();
});

test('a new search around a trial: its drawer opens the editor on this search\'s spec, each numeric knob\'s range narrowed around the trial', async ({ page, knobs }) => {
  const d = await knobs.call('searches.get', { id: messy });
  const trials = (await knobs.call('trials.changes', { searchId: messy, since: '' })).trials;
  const best = trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await page.goto(`${knobs.origin}/searches/${messy}/trials?trial=${best.number}`);
  await page.getByTestId('search-around').click();
  await expect(page.getByRole('heading', { name: `New search around trial ${best.number}` })).toBeVisible();
  await page.getByRole('tab', { name: 'JSON' }).click();
  const spec = JSON.parse(await page.locator('textarea').first().inputValue()) as { name: string; space: Record<string, unknown> };
  expect(spec.name).toBe(`${d.name} around trial ${best.number}`);
  expect(spec.space).toEqual(spaceAround((d.spec as { space: Record<string, unknown> }).space, best.knobs));
  const lr = spec.space.lr as { low: number; high: number };
  expect(lr.low).toBeLessThanOrEqual(best.knobs.lr as number);
  expect(lr.high).toBeGreaterThanOrEqual(best.knobs.lr as number);
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(page.getByTestId('run')).toBeEnabled();
  await shot(page, '32f-search-around');
  await page.goto(`${knobs.origin}/searches/${messy}`);
});

test('a trial saved as a training spec: the search\'s data and split, its train block with the trial\'s knobs, and the command that trains it again', async ({ page, knobs }) => {
  const d = await knobs.call('searches.get', { id: messy });
  const trials = (await knobs.call('trials.changes', { searchId: messy, since: '' })).trials;
  const best = trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await page.goto(`${knobs.origin}/searches/${messy}/trials?trial=${best.number}`);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-train-spec').click()]);
  expect(saved.suggestedFilename()).toBe(`${d.name.replace(/[^\w.-]+/g, '-')}-trial-${best.number}.json`);
  const spec = JSON.parse(readFileSync(await saved.path(), 'utf8')) as Record<string, unknown>;
  expect(spec).toEqual(trainSpecOf(d.spec as Record<string, unknown>, best.knobs, { name: `${d.name}, trial ${best.number}`, splitSeed: best.splitSeed }));
  expect(spec.space).toBeUndefined();
  expect((spec.train as Record<string, unknown>).lr).toBe(best.knobs.lr);
  await expect(page.getByText(`--model-seed ${best.seed}" trains it again as trial ${best.number} trained`)).toBeVisible();
  await shot(page, '32g-train-spec-saved');
  await page.goto(`${knobs.origin}/searches/${messy}`);
});

test('the Search-space tab shows what TPE sees: l and g for each knob', async ({ page, knobs }) => {
  await tabOf(page, 'Search space').click();
  const panel = page.getByTestId('densities');
  await panel.waitFor();
  await expect(panel.getByTestId('density-chart')).toHaveCount(3);
  await expect(panel).toContainText(/The best \d+ of \d+ trials/);
  await expect(panel).toContainText(/the other \d+ \(\d+ of them diverged: their loss blew up there\) the bad one g/);
  await shot(page, '32-tpe-densities', { fullPage: true });
  // Pointing at a density says l, g and l/g there; at a categorical value, how many good and bad trials had it.
  const charts = panel.getByTestId('density-chart');
  const first = (await charts.first().boundingBox())!;
  await page.mouse.move(first.x + first.width * 0.5, first.y + first.height * 0.55);
  const tip = page.getByText(/l\/g [\d.]+ \((above|below) 1/).first();
  await expect(tip).toBeVisible();
  await shot(page, '32b-tpe-density-tip');
  // Right at a trial's tick it still reads l and g. The ticks had been series of the axis tooltip, which shows only
  // the series nearest the pointer: the tick alone, and so nothing, wherever a trial lay nearer than the next grid point.
  const lr = (await knobs.call('searches.densities', { id: messy }))!.knobs.find((k) => k.name === 'lr')!;
  const [lo, hi] = lr.span;
  const plot = { left: first.x + 56, width: first.width - 56 - 14 };
  const ticks = [...lr.bad, ...lr.good].filter((x) => x > lo && x < hi);
  expect(ticks.length).toBeGreaterThan(5);
  for (const x of ticks.slice(0, 6)) {
    await page.mouse.move(0, 0);
    await expect(tip).toBeHidden();
    await page.mouse.move(plot.left + ((x - lo) / (hi - lo)) * plot.width, first.y + first.height * 0.55);
    await expect(tip, `the tooltip at lr = ${10 ** x}`).toBeVisible({ timeout: 3000 });
  }
  const last = (await charts.last().boundingBox())!;
  await page.mouse.move(last.x + last.width * 0.45, last.y + last.height * 0.55);
  await expect(page.getByText(/\d+ of the \d+ good trials, \d+ of the \d+ bad ones/).first()).toBeVisible();
  await shot(page, '32c-tpe-density-tip-categorical');
  await page.mouse.move(0, 0);
  const light = await axeScan(page, 'tpe-densities-light');
  await page.getByTestId('theme').click();
  await shot(page, '33-tpe-densities-dark', { fullPage: true });
  const dark = await axeScan(page, 'tpe-densities-dark');
  expect([...light, ...dark], describeProblems([...light, ...dark])).toEqual([]);
  await page.getByTestId('theme').click();
  await page.setViewportSize({ width: 760, height: 900 });
  await shot(page, '34-tpe-densities-narrow', { fullPage: true });
});

test('the pair chart is shaded by the forest: the val_loss it predicts over lr and hiddenUnits, the other knobs averaged', async ({ page, knobs }) => {
  await page.setViewportSize(viewport);
  const pair = page.getByTestId('pair');
  await pair.scrollIntoViewIfNeeded();
  const note = page.getByTestId('pair-surface-note');
  const imp = await knobs.call('searches.importance', { id: messy });
  const surface = await knobs.call('searches.surface', { id: messy, x: 'lr', y: 'hiddenUnits' });
  // Fitted on the trials importance takes: those that ran to their end with a result (the diverged ones left out, and faded where they lie).
  expect(surface.failedOverall, 'some trials of this search diverge').toBeGreaterThan(0);
  expect(surface.failed.some((f) => failedFade(f, surface.failedOverall) >= SOME_FAILED)).toBe(true);
  await expect(note).toHaveText(`Shaded: the val_loss the importance forest predicts over lr and hiddenUnits, the other knobs averaged (fANOVA's pairwise marginal), from the ${imp.trials} trials that ran to their end. Faded where more of the trials near failed or diverged than across the search: the forest never saw them.`);
  expect(surface.values).toHaveLength(surface.steps ** 2);
  // Its cells are in the chart's data table, after the trials.
  expect(await chartCaptions(page, 'pair')).toMatch(new RegExp(`forest surface \\(${surface.steps ** 2} rows\\)`));
  // Pointing at the plane where no trial is says what the forest predicts there.
  const box = (await pair.boundingBox())!;
  for (const [fx, fy] of [[0.3, 0.5], [0.5, 0.3], [0.45, 0.62], [0.25, 0.35]]) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    if (await page.getByText(/^The forest predicts val_loss [\d.e+-]+ here, the other knobs averaged \(lr /).first().isVisible()) break;
  }
  await expect(page.getByText(/^The forest predicts val_loss [\d.e+-]+ here, the other knobs averaged \(lr /).first()).toBeVisible();
  await shot(page, '34b-pair-surface');
  await page.mouse.move(0, 0);
  await page.getByTestId('theme').click();
  await shot(page, '34c-pair-surface-dark');
  await page.getByTestId('theme').click();
  // Off: the dots alone; a categorical knob offers none.
  await page.getByTestId('pair-surface-toggle').click();
  await expect(note).toHaveCount(0);
  expect(await chartCaptions(page, 'pair')).not.toMatch(/forest surface/);
  await page.getByTestId('pair-surface-toggle').click();
  await expect(note).toBeVisible();
  await pick(page, 'pair-y', 'activation');
  await expect(page.getByTestId('pair-surface-toggle')).toHaveCount(0);
  await expect(note).toHaveCount(0);
  await pick(page, 'pair-y', 'hiddenUnits');
});

test('coarse-to-fine within TPE: the densities of the round being drawn, inside its box, and the boxes as before', async ({ page, knobs }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  const s = await runSearch(knobs, {
    project: 'tpe', name: 'c2f within tpe', dataset: { synthetic: 'moons', n: 400, noise: 0.2 }, seed: 9, workers: 2, diagnostics: { every: 0 },
    train: { epochs: 8, hiddenLayers: [16], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-4, high: 3, log: true }, hiddenUnits: { type: 'int', low: 2, high: 64, log: true } },
    strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 14, keepTop: 4, within: 'tpe' }, budget: { trials: 28 },
  }, { timeoutMs: 240_000, complete: true });
  await page.goto(knobs.url);
  await page.getByTestId('search-c2f within tpe').click();
  await tabOf(page, 'Search space').click();
  const panel = page.getByTestId('densities');
  await panel.waitFor();
  await expect(panel).toContainText('What TPE sees in round 2\'s box');
  await expect(panel.getByTestId('density-chart')).toHaveCount(2);
  const d = (await knobs.call('searches.densities', { id: s.id }))!;
  expect(d.round).toBe(2);
  // Round 2's model counts the trials inside its box: its own 14 and those of round 1 that fall in it.
  expect(d.trials).toBeGreaterThanOrEqual(14);
  expect(d.trials).toBeLessThan(28);
  await shot(page, '35-c2f-tpe-densities', { fullPage: true });
});

test('a TPE search where every trial diverged: l is the prior alone, g is those trials, and the panel says so', async ({ page, knobs }) => {
  const s = await runSearch(knobs, {
    project: 'tpe', name: 'all diverged', dataset: { synthetic: 'moons', n: 300, noise: 0.2 }, seed: 4, workers: 2, diagnostics: { every: 0 },
    train: { epochs: 6, optimizer: 'sgd', hiddenLayers: [16], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e3, high: 1e6, log: true }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
    strategy: { kind: 'tpe', startupTrials: 4 }, budget: { trials: 8 },
  }, { timeoutMs: 120_000, complete: true });
  const d = (await knobs.call('searches.densities', { id: s.id }))!;
  expect(d).toMatchObject({ startup: false, trials: 8, good: 0, bad: 8, diverged: 8, leftOut: 0, threshold: null });
  await page.goto(knobs.url);
  await page.getByTestId('search-all diverged').click();
  await tabOf(page, 'Search space').click();
  await expect(page.getByTestId('space-none')).toContainText('No trial has a val_loss (8 diverged). The charts that set each knob against the val_loss have nothing to draw (what TPE sees is below)');
  const panel = page.getByTestId('densities');
  await panel.waitFor();
  await expect(panel).toContainText('No trial has finished with a result to put in the good group (all 8 diverged)');
  await expect(panel).toContainText('away from where training blew up');
  await expect(panel.getByTestId('density-chart')).toHaveCount(2);
  await shot(page, '36-tpe-all-diverged', { fullPage: true });
});
