// Experiments: the initialization comparison with one click, its trials' diagnostics, and compare.
import { expect, SEARCH_WAIT_MS, setNumber, shot, tabOf, test } from './fixtures';

test.use({ database: 'experiments' });
test.describe.configure({ mode: 'serial' });

test('run the initialization experiment with one click; its trials show their diagnostics', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-experiments').click();
  await page.getByTestId('experiment-init-comparison').waitFor();
  await shot(page, '20-experiments', { fullPage: true });
  await page.getByTestId('run-init-comparison').click();
  await page.getByTestId('search-name').filter({ hasText: 'initialization comparison' }).waitFor();
  await page.getByTestId('status').filter({ hasText: 'complete' }).waitFor({ timeout: SEARCH_WAIT_MS });
  await tabOf(page, 'Trials').click();
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.first().waitFor();
  await expect(rows, '15 trials (3 activations × 5 initializations)').toHaveCount(15);
  // Trial 2: sigmoid with N(0, 1) weights (the grid runs init fastest).
  expect(await rows.nth(2).innerText(), 'trial 2 should be sigmoid').toMatch(/sigmoid/);
  await rows.nth(2).locator('td').nth(2).click();
  await page.getByTestId('histograms').locator('canvas').waitFor();
  const findings = await page.getByTestId('finding').allInnerTexts();
  expect(findings.some((f) => /Saturat/i.test(f)), `sigmoid with N(0, 1) should be read as saturated: ${findings.join(' | ')}`).toBe(true);
  await page.getByTestId('grad-norms').locator('canvas').waitFor();
  await shot(page, '21-diagnostics', { fullPage: false });
  await page.getByTestId('diagnostics').scrollIntoViewIfNeeded();
  await page.getByTestId('histograms').scrollIntoViewIfNeeded();
  await shot(page, '22-histograms');
  await setNumber(page, 'target-error', 1);
  await page.getByTestId('finding').filter({ hasText: /bias|fit/i }).first().waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('trial-drawer').waitFor({ state: 'hidden' });
});

test('compare two initializations: curves, config diff and activation histograms overlaid', async ({ page }) => {
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.nth(1).locator('.n-checkbox').click();
  await rows.nth(4).locator('.n-checkbox').click();
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-histograms').locator('canvas').waitFor();
  await page.getByTestId('compare-diff').filter({ hasText: /init/ }).waitFor({ timeout: 5000 }).catch(() => {});
  expect(await page.getByTestId('compare-diff').innerText(), 'the diff should show init').toMatch(/init/);
  await page.getByTestId('compare-histograms').scrollIntoViewIfNeeded();
  await shot(page, '23-compare-histograms', { fullPage: true });
});

test('random vs grid: the card says what usually happens, then what this run shows, computed from its results', async ({ page, knobs }) => {
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('experiment-random-vs-grid')).toContainText('random search usually lands closer');
  await page.getByTestId('run-random-vs-grid').click();
  await page.getByTestId('search-name').filter({ hasText: 'grid search, 16 trials' }).waitFor();
  const done = async (): Promise<boolean> => (await knobs.call('searches.list', {})).filter((s) => / search, 16 trials$/.test(s.name) && s.status === 'complete').length === 2;
  await expect.poll(done, { timeout: SEARCH_WAIT_MS, intervals: [1000] }).toBe(true);
  const searches = await knobs.call('searches.list', {});
  const best = (name: string): number => searches.find((s) => s.name === name)!.best!;
  await page.getByTestId('nav-experiments').click();
  const outcome = page.getByTestId('outcome-random-vs-grid');
  await expect(outcome).toContainText('The grid tried 4 distinct learning rates in 16 trials, random search 16 in 16.');
  const winner = best('random search, 16 trials') < best('grid search, 16 trials') ? 'Random search' : 'The grid';
  await expect(outcome).toContainText(`${winner} found the better val_loss this time`);
  await page.getByTestId('experiment-random-vs-grid').scrollIntoViewIfNeeded();
  await shot(page, '26-experiment-random-vs-grid');
});

test('TPE vs random: both searches run from one click; the card says where each looked and which found the better value', async ({ page, knobs }) => {
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('experiment-tpe-vs-random')).toContainText('proposes where l is high against g');
  await page.getByTestId('run-tpe-vs-random').click();
  await page.getByTestId('search-name').filter({ hasText: 'TPE, 40 trials' }).waitFor();
  const done = async (): Promise<boolean> => (await knobs.call('searches.list', {})).filter((s) => /, 40 trials$/.test(s.name) && s.status === 'complete').length === 2;
  await expect.poll(done, { timeout: SEARCH_WAIT_MS, intervals: [1000] }).toBe(true);
  const searches = await knobs.call('searches.list', {});
  const best = (name: string): number => searches.find((s) => s.name === name)!.best!;
  const [tpe, random] = [best('TPE, 40 trials'), best('random search, 40 trials')];
  await page.getByTestId('nav-experiments').click();
  const outcome = page.getByTestId('outcome-tpe-vs-random');
  // TPE draws at random until 10 trials have finished: with 2 workers one more may be drawn while the 10th still runs.
  await expect(outcome).toContainText(/Both searches drew the same first 1[0-2] trials/);
  await expect(outcome).toContainText(tpe < random ? 'TPE found the better val_loss this time' : tpe > random ? 'Random search found the better val_loss this time' : 'Both found val_loss');
  await expect(outcome).toContainText(/TPE's last 10 trials tried lr from/);
  await page.getByTestId('experiment-tpe-vs-random').scrollIntoViewIfNeeded();
  await shot(page, '26b-experiment-tpe-vs-random');
});

test('a rare class: one click trains both searches on moons with a 5% class; the card reads their confusion tables, the drawer names the missed class', async ({ page, knobs }) => {
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('experiment-rare-class')).toContainText('Always answering “0” already scores 95% accuracy');
  await page.getByTestId('run-rare-class').click();
  await page.getByTestId('search-name').filter({ hasText: 'rare class, ranked by accuracy' }).waitFor();
  const mine = async (): Promise<{ id: number; name: string; status: string }[]> => (await knobs.call('searches.list', {})).filter((s) => s.name.startsWith('rare class, '));
  await expect.poll(async () => (await mine()).filter((s) => s.status === 'complete').length, { timeout: SEARCH_WAIT_MS, intervals: [500] }).toBe(2);
  await page.getByTestId('nav-experiments').click();
  const outcome = page.getByTestId('outcome-rare-class');
  await expect(outcome).toContainText('Always answering “0” scores val_accuracy 0.95 here: the rare class “1” is 30 of the 600 validation rows (5%).');
  await expect(outcome).toContainText(/With "classWeights": "balanced", the best trial by balanced accuracy \(trial \d+\) finds \d+ of the 30/);
  await page.getByTestId('experiment-rare-class').scrollIntoViewIfNeeded();
  await shot(page, '26c-experiment-rare-class');
  // A trial of the unweighted search that finds fewer than half of class "1": its drawer says so.
  const plain = (await mine()).find((s) => s.name === 'rare class, ranked by accuracy')!;
  const trials = (await knobs.call('trials.changes', { searchId: plain.id, since: '' })).trials;
  let missing: number | null = null;
  for (const t of trials) {
    const c = (await knobs.call('trials.get', { searchId: plain.id, number: t.number })).confusion;
    if (c && c.counts[1][1] < 15) {
      missing = t.number;
      break;
    }
  }
  expect(missing, 'some unweighted trial should find fewer than 15 of the 30 rare rows').not.toBeNull();
  await page.goto(`${knobs.origin}/searches/${plain.id}/trials?trial=${missing}`);
  const drawer = page.getByTestId('trial-drawer');
  await expect(drawer).toContainText('Misses the rare class “1”');
  await expect(page.getByTestId('trials').locator('thead')).toContainText('bal acc');
  await shot(page, '26d-rare-class-drawer');
});
