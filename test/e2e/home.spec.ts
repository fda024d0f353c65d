// The start page: the empty state, the built-in data sets and backups.
import { expect, shot, test } from './fixtures';

test.use({ database: 'home' });
test.describe.configure({ mode: 'serial' });

test('the start page shows the empty state and the built-in data sets', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('empty').waitFor({ timeout: 15_000 });
  for (const name of ['digits', 'iris', 'wine', 'breast_cancer']) await page.getByTestId(`dataset-${name}`).waitFor();
  await shot(page, '01-start');
});

test('a built-in data set shows its description, citation, class balance and first rows', async ({ page }) => {
  await page.getByTestId('dataset-wine').click();
  await page.getByTestId('citation').waitFor();
  await page.getByTestId('class-balance').locator('canvas').waitFor();
  await page.getByTestId('dataset-preview').locator('tbody tr').nth(19).waitFor();
  const rows = await page.getByTestId('dataset-preview').locator('tbody tr').count();
  expect(rows, 'expected 20 preview rows').toBe(20);
  await shot(page, '02-dataset-wine');
});

test('the start page backs up the database on request', async ({ page }) => {
  await page.locator('.brand').click();
  await page.getByTestId('backup-now').click();
  await page.getByTestId('backups').filter({ hasText: /rolling cop(y|ies) of the database/ }).waitFor();
  await shot(page, '27-home-backups', { fullPage: true });
});
