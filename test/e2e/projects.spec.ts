// Projects: create, rename, notes, and deleting asks first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('a search\'s actions in the project table: rename, duplicate in the editor, delete after asking; the table fits at 1,100 px beside the sidebar', async ({ page, knobs }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  const spec = { project: 'rings', name: 'first try', dataset: { synthetic: 'circles', n: 200 }, train: { epochs: 2 }, space: {}, budget: { trials: 1 } };
  const s = await knobs.call('searches.create', { spec });
  await page.getByTestId('project-rings').click();
  const table = page.locator('.n-data-table');
  await expect(table).toContainText('first try');
  // Every column shows without a sideways scroll.
  const wide = await table.locator('.n-scrollbar-container').first().evaluate((e) => e.scrollWidth - e.clientWidth);
  expect(wide, 'the table should not scroll sideways at 1,100 px').toBeLessThanOrEqual(1);
  const actions = page.getByTestId(`search-actions-${s.id}`);
  await expect(actions).toHaveAccessibleName('Actions for “first try”');
  await actions.click();
  await page.getByText('Rename…').click();
  await page.getByRole('textbox', { name: 'Search name' }).fill('circles, 1 trial');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(table).toContainText('circles, 1 trial');
  expect((await knobs.call('searches.get', { id: s.id })).name).toBe('circles, 1 trial');
  // The table saves as CSV: its name quoted for its comma, not started, 1 trial planned.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-searches-csv').click()]);
  expect(saved.suggestedFilename()).toBe('rings-searches.csv');
  const csv = readFileSync(await saved.path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('search,name,status,stop_reason,strategy,dataset,metric,direction,trials_ended,trials_planned,best,created_at,started_at,finished_at,rerun_of,tags');
  expect(csv[1]).toMatch(new RegExp(`^${s.id},"circles, 1 trial",queued,,random,"circles \\(synthetic, 200 rows\\)",val_loss,minimize,0,1,,\\d{4}-`));
  await actions.click();
  await page.getByText('Duplicate in the editor').click();
  await expect(page).toHaveURL(new RegExp(`/new\\?from=${s.id}`));
  await expect(page.getByTestId('ed-name').locator('input')).toHaveValue(/circles, 1 trial/);
  await page.goBack();
  await actions.click();
  await page.getByText('Delete…').click();
  await page.getByText('Delete search “circles, 1 trial”?').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('circles, 1 trial')).toHaveCount(0);
  expect((await knobs.call('searches.list', {})).some((x) => x.id === s.id)).toBe(false);
});

test('a CSV search duplicated in the editor keeps its columns left out, its dropped rows and how its numbers were read', async ({ page, knobs }) => {
  const csv = join(knobs.dir, 'accounts.csv');
  const rows = Array.from({ length: 40 }, (_, i) => `${1000 + i},${i % 9 === 4 ? '' : 20 + (i % 13)},"$${(1200 + 37 * i).toLocaleString('en-US')}.00",${i % 2 ? 'yes' : 'no'}`);
  writeFileSync(csv, ['account_id,age,balance,churned', ...rows].join('\n'));
  const spec = {
    project: 'rings', name: 'churn from a terminal', dataset: { csv, target: 'churned', exclude: ['account_id'], missing: 'drop', numbers: 'plain' },
    train: { epochs: 2 }, space: {}, budget: { trials: 1 },
  };
  const s = await knobs.call('searches.create', { spec });
  await page.goto(`${knobs.origin}/new?from=${s.id}`);
  await expect(page.getByTestId('ed-name').locator('input')).toHaveValue(/churn from a terminal/);
  await expect(page.getByTestId('ed-dataset-extra')).toHaveText('Also set for this file (kept from the data set or the spec it came from): {"exclude":["account_id"],"missing":"drop","numbers":"plain"}');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse(await page.getByTestId('spec-json').locator('textarea').inputValue()) as { dataset: unknown };
  expect(json.dataset).toEqual(spec.dataset);
  await page.getByRole('tab', { name: 'Form' }).click();
  await shot(page, 'editor-duplicate-csv-keys');
});
