// Experiments: the initialization comparison with one click, its trials' diagnostics, and compare.
import { expect, setNumber, shot, tabOf, test } from './fixtures';

test.use({ database: 'experiments' });
test.describe.configure({ mode: 'serial' });

test('run the initialization experiment with one click; its trials show their diagnostics', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-experiments').click();
  await page.getByTestId('experiment-init-comparison').waitFor();
  await shot(page, '20-experiments', { fullPage: true });
  await page.getByTestId('run-init-comparison').click();
  await page.getByTestId('search-name').filter({ hasText: 'initialization comparison' }).waitFor();
  await page.getByTestId('status').filter({ hasText: 'complete' }).waitFor({ timeout: 120_000 });
  await tabOf(page, 'Trials').click();
  const rows = page.getByTestId('trials').locator('tbody tr');
  await rows.first().waitFor();
  expect(await rows.count(), '15 trials (3 activations × 5 initializations)').toBe(15);
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
