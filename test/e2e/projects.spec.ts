// Projects: create, rename, notes, and deleting asks first.
import { expect, shot, test } from './fixtures';

test.use({ database: 'projects' });
test.describe.configure({ mode: 'serial' });

test('create a project, rename it and keep notes', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('new-project').click();
  // A name box stops at the longest name the engine keeps (told before submit, not after).
  const limit = (await knobs.call('app.vocabulary', undefined)).limits.name;
  await page.getByTestId('new-project-name').locator('input').fill('x'.repeat(limit + 20));
  await expect(page.getByTestId('new-project-name').locator('input')).toHaveValue('x'.repeat(limit));
  await page.getByTestId('new-project-name').locator('input').fill('rings lab');
  await page.getByTestId('new-project-create').click();
  await page.getByTestId('project-name').filter({ hasText: 'rings lab' }).waitFor();
  await page.getByTestId('project-rename').click();
  await expect(page.getByTestId('project-rename-input').locator('input')).toHaveAttribute('maxlength', String(limit));
  await page.getByTestId('project-rename-input').locator('input').fill('rings');
  await page.getByTestId('project-rename-input').locator('input').press('Enter');
  await page.getByTestId('project-name').filter({ hasText: /^\s*rings\s*$/ }).waitFor();
  await page.getByTestId('project-notes').locator('textarea').fill('Does a wider net separate the rings?');
  await page.getByTestId('project-name').click();
  await page.getByText('Notes saved').waitFor();
  await page.getByTestId('project-rings').waitFor();
  await shot(page, '03-project');
});

test('deleting a project asks first', async ({ page }) => {
  await page.getByTestId('project-rings').click();
  await page.getByTestId('project-delete').click();
  await page.getByText('Delete project “rings”?').waitFor();
  await shot(page, '19-delete-confirm');
  await page.getByRole('button', { name: 'Keep' }).click();
  await page.getByTestId('project-name').waitFor();
});
