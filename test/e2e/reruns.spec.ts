// Seed re-runs, exact replay, notes and tags (issue #15) through the real UI: a finished search is
// re-run from its header, the re-run's spread (dots, mean ± sd, 95% interval, sentences) is checked
// against the engine's figures, the parent's best-so-far gets the noise band and its table sorts by
// mean over seeds; a trial is replayed from its drawer; notes and tags are written in the app and
// found with the find box ("/"). Light and dark screenshots.
import { readFileSync } from 'node:fs';
import { axeScan, describeProblems } from './axe';
import { expect, shot, tabOf, test } from './fixtures';
import { runSearch, waitForSearch } from './searches';

test.use({ database: 'reruns' });
test.describe.configure({ mode: 'serial' });

let parent = 0;
let child = 0;

test.beforeAll(async ({ knobs }) => {
  parent = (await runSearch(knobs, {
    project: 'seeds', name: 'noisy moons', dataset: { synthetic: 'moons', n: 300, noise: 0.35 },
    train: { epochs: 12, hiddenLayers: [16], batchSize: 32, earlyStopping: false, dropout: 0.2 },
    space: { lr: { type: 'float', low: 3e-3, high: 0.1, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32 } },
    strategy: { kind: 'random' }, budget: { trials: 8 }, workers: 2, seed: 21,
  })).id;
});

test('re-run the top 3 with 4 seeds from the header; the spread is drawn from the results', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${parent}`);
  await expect(page.getByTestId('status')).toHaveText('complete');
  await expect(page.getByTestId('rerun')).toBeEnabled();
  await page.getByTestId('rerun').click();
  // An emptied box: Re-run waits and the form says what it needs (it read "0 × 5 = 0 trials"); 2.5 seeds become whole.
  await page.getByTestId('rerun-top').locator('input').fill('');
  await page.getByTestId('rerun-top').locator('input').blur();
  await expect(page.getByTestId('rerun-go')).toBeDisabled();
  await expect(page.getByTestId('rerun-form')).toContainText('Give how many of the best configurations');
  await page.getByTestId('rerun-seeds').locator('input').fill('2.5');
  await page.getByTestId('rerun-seeds').locator('input').blur();
  await expect(page.getByTestId('rerun-seeds').locator('input')).toHaveValue(/^[23]$/);
  await page.getByTestId('rerun-top').locator('input').fill('3');
  await page.getByTestId('rerun-seeds').locator('input').fill('4');
  await page.getByTestId('rerun-seeds').locator('input').blur();
  await expect(page.getByTestId('rerun-form')).toContainText('3 × 4 = 12 trials');
  await shot(page, 'reruns-01-button');
  const problems = await axeScan(page, 'light-rerun-form');
  await page.getByTestId('rerun-go').click();
  await page.waitForURL(/\/searches\/\d+\/seeds/);
  child = Number(/\/searches\/(\d+)\/seeds/.exec(page.url())![1]);
  expect(child).not.toBe(parent);
  await waitForSearch(knobs, child);
  await expect(page.getByTestId('status')).toHaveText('complete', { timeout: 30_000 });
  const spread = (await knobs.call('searches.seedSpread', { id: child }))!;
  expect(spread.done).toBe(12);
  await expect(page.getByTestId('rerun-parent')).toHaveText('noisy moons');
  // The sentences on screen are the engine's, and say something about the noise.
  const sentences = page.getByTestId('seed-sentences').locator('li');
  await expect(sentences).toHaveCount(spread.sentences.length);
  for (const [i, line] of spread.sentences.entries()) await expect(sentences.nth(i)).toHaveText(line);
  expect(spread.sentences.join(' ')).toMatch(/seed noise/);
  // The table: ranked by mean, the figures the engine computed from the objectives.
  const rows = page.getByTestId('seed-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (const [i, c] of spread.configs.entries()) {
    const objectives = c.objectives as number[];
    const mean = objectives.reduce((a, b) => a + b, 0) / objectives.length;
    expect(c.mean).toBeCloseTo(mean, 12);
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(String(i + 1));
    await expect(rows.nth(i).locator('td').nth(1)).toContainText(`trial ${c.trial}`);
    await expect(rows.nth(i).locator('td').nth(5)).toHaveText('4 / 4');
  }
  const best = rows.filter({ hasText: 'original best' });
  await expect(best).toHaveCount(1);
  await expect(best.locator('td').nth(1)).toHaveText(`trial ${spread.originalBest} · original best${spread.beatenBy === null ? '' : ', beaten'}`);
  await page.getByTestId('seed-chart').locator('canvas').first().waitFor();
  await shot(page, 'reruns-02-spread', { fullPage: true });
  // Saved as CSV: a row per configuration in the table's order, the engine's figures with every digit, each knob a param_ column.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('seed-table-csv').click()]);
  const lines = readFileSync(await saved.path(), 'utf8').trim().split('\n').map((l) => l.split(','));
  const knobNames = Object.keys(spread.configs[0].knobs);
  expect(lines[0]).toEqual(['rank', 'trial', ...knobNames.map((k) => `param_${k}`), 'mean', 'sd', 'ci95_low', 'ci95_high', 'seeds_finished', 'seeds', 'failed', 'original_objective']);
  expect(lines).toHaveLength(1 + spread.configs.length);
  for (const [i, c] of spread.configs.entries()) {
    const row = lines[i + 1];
    expect(row.slice(0, 2).map(Number)).toEqual([c.rank, c.trial]);
    expect(Number(row[2 + knobNames.length])).toBe(c.mean);
    expect(Number(row[3 + knobNames.length])).toBe(c.sd);
  }
  // The "Re-running …" message fades out after a few seconds; axe would read it half transparent.
  await expect(page.locator('.n-message')).toHaveCount(0, { timeout: 15_000 });
  problems.push(...(await axeScan(page, 'light-seed-spread')));
  expect(problems, `serious or critical axe violations:\n${describeProblems(problems)}`).toEqual([]);
});

test('the original search shows the noise band, a Seed spread tab, and sorts its trials by mean over seeds', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${parent}`);
  const spread = (await knobs.call('searches.seedSpread', { id: parent }))!;
  expect(spread.searchId).toBe(child);
  await expect(page.getByTestId('noise-note')).toContainText('one standard deviation');
  await expect(tabOf(page, 'Seed spread')).toBeVisible();
  await shot(page, 'reruns-03-noise-band');
  await page.goto(`${knobs.origin}/searches/${parent}/trials`);
  const header = page.getByTestId('trials').locator('th', { hasText: 'mean over seeds' });
  await header.click();
  const first = page.getByTestId('trials').locator('tbody tr').first();
  // The first row is the configuration with the best mean over seeds, not necessarily the best single run.
  await expect(first.locator('td').nth(1)).toHaveText(String(spread.configs[0].trial));
  await shot(page, 'reruns-04-trials-by-mean');
  // Then the objective: its first click puts the best single run first, though another column was sorted.
  await page.getByTestId('trials').locator('th', { hasText: 'val_loss' }).click();
  const { trials } = await knobs.call('trials.changes', { searchId: parent, since: '' });
  const best = trials.filter((t) => t.objective !== null).sort((a, b) => a.objective! - b.objective!)[0];
  await expect(first.locator('td').nth(1)).toHaveText(String(best.number));
});

test('replay a trial from its drawer: bit for bit on the same kernel path', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${parent}/trials?trial=2`);
  await page.getByTestId('trial-drawer').waitFor();
  await page.getByTestId('replay').click();
  const result = page.getByTestId('replay-result');
  await expect(result).toContainText('Identical', { timeout: 60_000 });
  await expect(result).toContainText(/Trial 2 replays bit for bit on the same kernel path \((relaxed-simd|simd|scalar)\): 12 epochs/);
  const t = (await knobs.call('trials.get', { searchId: parent, number: 2 }));
  expect(t.kernelPath).toMatch(/simd|scalar/);
  await shot(page, 'reruns-05-replay');
  const problems = await axeScan(page, 'light-replay-drawer');
  expect(problems, `serious or critical axe violations:\n${describeProblems(problems)}`).toEqual([]);
});

test('notes and tags on a trial, a search and a project, found with the find box', async ({ page, knobs }) => {
  await page.getByTestId('trial-tags').getByRole('button', { name: /^Add a tag/ }).click();
  await page.getByTestId('trial-tags').locator('input').fill('candidate');
  await page.getByTestId('trial-tags').locator('input').press('Enter');
  await page.getByTestId('trial-notes').locator('textarea').fill('Steady across seeds; try a wider layer next');
  await page.getByTestId('trial-notes').locator('textarea').blur();
  await expect(page.getByText('Notes saved')).toBeVisible();
  await expect.poll(async () => (await knobs.call('trials.get', { searchId: parent, number: 2 })).tags).toEqual(['candidate']);
  await page.keyboard.press('Escape');
  await page.goto(`${knobs.origin}/searches/${parent}`);
  await page.getByTestId('search-tags').getByRole('button', { name: /^Add a tag/ }).click();
  await page.getByTestId('search-tags').locator('input').fill('baseline');
  await page.getByTestId('search-tags').locator('input').press('Enter');
  await page.getByTestId('search-notes').locator('textarea').fill('Random search, 8 trials; the lead of the best is within seed noise');
  await page.getByTestId('search-notes').locator('textarea').blur();
  await expect.poll(async () => (await knobs.call('searches.get', { id: parent })).notes).toMatch(/within seed noise/);
  // The same tag in another case is not added twice, and the box says why.
  await page.getByTestId('search-tags').getByRole('button', { name: /^Add a tag/ }).click();
  await page.getByTestId('search-tags').locator('input').fill('Baseline');
  await page.getByTestId('search-tags').locator('input').press('Enter');
  await expect(page.getByTestId('search-tags').getByTestId('tag-notice')).toHaveText('“Baseline” is already a tag, as “baseline” (tags ignore case).');
  expect((await knobs.call('searches.get', { id: parent })).tags).toEqual(['baseline']);
  const project = (await knobs.call('projects.list', undefined)).find((p) => p.name === 'seeds')!;
  await page.goto(`${knobs.origin}/projects/${project.id}`);
  await page.getByTestId('project-tags').getByRole('button', { name: /^Add a tag/ }).click();
  await page.getByTestId('project-tags').locator('input').fill('moons');
  await page.getByTestId('project-tags').locator('input').press('Enter');
  await expect.poll(async () => (await knobs.call('projects.list', undefined)).find((p) => p.id === project.id)!.tags).toEqual(['moons']);

  await page.locator('body').click({ position: { x: 600, y: 5 } });
  await page.keyboard.press('/');
  await page.keyboard.type('wider layer');
  const hits = page.getByTestId('find-hits');
  await expect(hits).toContainText('trial 2 · noisy moons');
  await hits.getByRole('link').first().click();
  await page.getByTestId('trial-drawer').waitFor();
  await expect(page.getByTestId('trial-notes').locator('textarea')).toHaveValue(/wider layer/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('trial-drawer')).toBeHidden();
  // Once (of many runs) the find box kept "wider layer" after this fill, the caret after its 6th
  // character: the input event was dropped and the box re-rendered its old value. Cause not found;
  // the fill is retried so that this check is of what the box finds, not of that race.
  await expect(async () => {
    await page.getByTestId('filter').locator('input').fill('candid');
    await expect(page.getByTestId('filter').locator('input')).toHaveValue('candid', { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(hits).toContainText('candidate');
  await page.getByTestId('filter').locator('input').fill('seed noise');
  await expect(hits.getByRole('link')).toHaveCount(1);
  await expect(hits).toContainText('noisy moons');
  await shot(page, 'reruns-06-find');
  const csv = await knobs.call('export.trialsCsv', { searchId: parent });
  expect(csv.csv.split('\n')[0].endsWith(',notes,error')).toBe(true);
  expect(csv.csv).toContain('Steady across seeds; try a wider layer next');
});

test('dark theme: the spread and the noise band', async ({ page, knobs }) => {
  await page.getByTestId('filter').locator('input').fill('');
  await page.getByTestId('theme').click();
  await page.goto(`${knobs.origin}/searches/${child}/seeds`);
  await page.getByTestId('seed-chart').locator('canvas').first().waitFor();
  await shot(page, 'reruns-07-spread-dark', { fullPage: true });
  const problems = await axeScan(page, 'dark-seed-spread');
  await page.goto(`${knobs.origin}/searches/${parent}`);
  await expect(page.getByTestId('noise-note')).toBeVisible();
  await shot(page, 'reruns-08-noise-band-dark');
  problems.push(...(await axeScan(page, 'dark-search-overview-with-noise')));
  expect(problems, `serious or critical axe violations:\n${describeProblems(problems)}`).toEqual([]);
  await page.getByTestId('theme').click();
});

test('the re-run form counts the trials the engine re-runs: early-stopped ones too', async ({ page, knobs }) => {
  const s = await runSearch(knobs, {
    project: 'seeds', name: 'stops early', dataset: { synthetic: 'moons', n: 300, noise: 0.35 },
    train: { epochs: 300, hiddenLayers: [16], batchSize: 32, earlyStopping: { patience: 2 } },
    space: { lr: { type: 'float', low: 0.05, high: 0.5, log: true } },
    strategy: { kind: 'random' }, budget: { trials: 4 }, workers: 2, seed: 5,
  });
  const { counts } = s;
  const ranked = (counts.complete ?? 0) + (counts.early_stopped ?? 0);
  expect(counts.early_stopped ?? 0, 'the search should have early-stopped trials').toBeGreaterThan(0);
  await page.goto(`${knobs.origin}/searches/${s.id}`);
  await expect(page.getByTestId('rerun')).toBeEnabled();
  await page.getByTestId('rerun').click();
  await page.getByTestId('rerun-top').locator('input').fill('50');
  await page.getByTestId('rerun-seeds').locator('input').fill('2');
  await page.getByTestId('rerun-seeds').locator('input').blur();
  await expect(page.getByTestId('rerun-form')).toContainText(`${ranked} × 2 = ${2 * ranked} trials`);
  await page.getByTestId('rerun-go').click();
  await expect(page).toHaveURL(/\/seeds$/);
  const child = (await knobs.call('searches.list', {})).find((x) => x.parentId === s.id);
  expect(child?.plannedTrials).toBe(2 * ranked);
});

test('a search whose only re-run has not finished says so, names it and links to it, rather than "no seed has finished"', async ({ page, knobs }) => {
  const s = await runSearch(knobs, {
    project: 'seeds', name: 'waiting moons', dataset: { synthetic: 'moons', n: 200, noise: 0.3 },
    train: { epochs: 4, hiddenLayers: [8], earlyStopping: false }, space: { lr: { type: 'float', low: 3e-3, high: 0.1, log: true } },
    strategy: { kind: 'random' }, budget: { trials: 4 }, workers: 1, seed: 5,
  });
  // Created and not started: nothing has finished, and nothing will until it is started.
  const waiting = await knobs.call('searches.rerun', { id: s.id, top: 2, seeds: 2, start: false });
  expect(await knobs.call('searches.seedSpread', { id: s.id })).toBeNull();
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${s.id}/seeds`);
  const note = page.getByTestId('seed-waiting');
  await expect(note).toHaveText(`No re-run has finished yet: ${waiting.name} is not started. Its page shows the seeds that have ended, and starts it; the spread shows here once it finishes.`);
  await shot(page, 'reruns-06-waiting');
  await note.getByRole('link', { name: waiting.name }).click();
  await expect(page).toHaveURL(new RegExp(`/searches/${waiting.id}/seeds`));
});

test('notes typed while the trial is still loading are kept when it comes, and saved', async ({ page, knobs }) => {
  // Hold the trial's detail, as a slow machine would: the box is there, its stored notes not yet.
  // Once, on CI, text typed so was wiped by the empty stored notes when they came, and never saved.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => { release = r; });
  const url = '**/api/trials.get';
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${parent}/trials?trial=5`);
  const box = page.getByTestId('trial-notes').locator('textarea');
  await box.fill('typed before the trial loaded');
  await box.blur();
  release();
  await expect(page.getByText('Notes saved')).toBeVisible();
  await expect(box).toHaveValue('typed before the trial loaded');
  expect((await knobs.call('trials.get', { searchId: parent, number: 5 })).notes).toBe('typed before the trial loaded');
  await page.unroute(url);
});
