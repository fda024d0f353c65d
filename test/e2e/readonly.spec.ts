// A database looked at read-only (`knobs serve --read-only`): someone else's file, a backup, a
// read-only disk. The database is filled through the API first (a finished search, an imported
// data set, project notes and tags), then served again read-only. Every view that reads works
// (charts, trials, a trial's diagnostics, compare, the data set's preview, CSV export); a banner says
// the database is read-only and what to do; every action that would write is turned off (not
// hidden), with the reason as its tooltip and aria-description; the engine refuses a write sent
// anyway; and the file is byte for byte as it was afterwards. Screenshots in light and dark.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { axeScan, describeProblems } from './axe';
import { ringsCsv } from './data';
import { expect, setTheme, settle, shot, tabOf, test } from './fixtures';
import { runSearch } from './searches';

test.use({ database: 'readonly' });
test.describe.configure({ mode: 'serial' });

let searchId = 0;
let dbHash = '';
const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
/** The words every turned-off action carries. */
const REASON = /^Turned off: the database is open read-only \(started with --read-only\), so nothing in it can be changed\.$/;

/** A write action: there, turned off, its reason as tooltip and aria-description. */
async function off(action: Locator): Promise<void> {
  await expect(action).toBeVisible();
  await expect(action).toHaveAttribute('aria-description', REASON);
  await expect(action).toHaveAttribute('title', REASON);
  if ((await action.evaluate((el) => el.tagName)) === 'BUTTON') await expect(action).toBeDisabled();
  else await expect(action).toHaveAttribute('aria-disabled', 'true');
}

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(300_000);
  searchId = (await runSearch(knobs, {
    project: 'archive', name: 'moons sweep', dataset: { synthetic: 'moons', n: 300, noise: 0.2 },
    train: { epochs: 6, batchSize: 16, hiddenLayers: [8], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32, log: true } },
    budget: { trials: 8 }, workers: 2, seed: 5,
  }, { complete: true })).id;
  await knobs.call('datasets.importCsv', { name: 'rings', text: ringsCsv(), target: 'label' });
  const [p] = await knobs.call('projects.list', undefined);
  await knobs.call('projects.setNotes', { id: p.id, notes: 'Kept as it was: a look back at the moons runs.' });
  await knobs.call('projects.setTags', { id: p.id, tags: ['archive'] });
  await knobs.restart({ readOnly: true });
  dbHash = hashOf(join(knobs.dir, 'knobs.db'));
});

test('the start page says the database is read-only and what to do; new search, new project, imports and backups are turned off', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  const banner = page.getByTestId('read-only');
  await expect(banner).toContainText(`Read-only: ${join(knobs.dir, 'knobs.db')} (started with --read-only)`);
  await expect(banner).toContainText('Every view works; creating, running, changing, importing, backing up and deleting are turned off.');
  await expect(banner).toContainText('copy it to a folder you can write and open the copy with "knobs serve --db COPY"');
  await expect(page.getByTestId('search-moons sweep')).toBeVisible();
  for (const id of ['new-search', 'new-project', 'nav-import-project', 'import-csv', 'backup-now']) await off(page.getByTestId(id));
  // The backups the writable server made are listed; none are made now.
  await expect(page.getByTestId('backups')).toContainText(/1 rolling copy of the database .* Knobs makes none while the database is open read-only\./);
  // The shortcuts that would start a write say why instead.
  await page.keyboard.press('n');
  await expect(page.locator('.n-message')).toContainText('open read-only');
  await expect(page).toHaveURL(/\/\?token=|\/$/);
  await page.locator('.n-message').waitFor({ state: 'detached' });
  await setTheme(page, 'light');
  await shot(page, 'readonly-home-light');
  // The banner and the turned-off actions pass the accessibility checks in both themes.
  expect(describeProblems(await axeScan(page, 'readonly-home-light'))).toBe('');
  await setTheme(page, 'dark');
  await shot(page, 'readonly-home-dark');
  expect(describeProblems(await axeScan(page, 'readonly-home-dark'))).toBe('');
  await setTheme(page, 'light');
});

test('a search reads as ever (charts, trials, a trial with its diagnostics, CSV export) with its controls turned off', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${searchId}`);
  await expect(page.getByTestId('status')).toHaveText(/complete/i);
  for (const id of ['pause', 'resume', 'stop', 'rerun']) await off(page.getByTestId(id));
  await expect(page.getByTestId('search-notes').locator('textarea')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('search-notes').locator('textarea')).toHaveAttribute('aria-description', REASON);
  // Reading the trials and exporting them works.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-trials').click();
  expect((await download).suggestedFilename()).toBe('moons_sweep-trials.csv');
  await tabOf(page, 'Curves').click();
  await settle(page);
  await expect(page.locator('[data-chart]').first()).toBeVisible();
  await shot(page, 'readonly-search-curves-light');
  await setTheme(page, 'dark');
  await tabOf(page, 'Overview').click();
  await shot(page, 'readonly-search-dark');
  await setTheme(page, 'light');
  // A trial's drawer: its curves and diagnostics read; evaluating on the test split is turned off.
  await page.goto(`${knobs.origin}/searches/${searchId}/trials?trial=0`);
  const drawer = page.getByTestId('trial-drawer');
  await expect(drawer.getByTestId('diagnostics')).toBeVisible();
  await off(drawer.getByTestId('evaluate-test'));
  await off(drawer.getByRole('button', { name: /Add a tag/ }));
  await shot(page, 'readonly-trial-light');
});

test('the project page: new search, rename, delete and each search\'s menu are turned off; notes read but cannot be changed; export works', async ({ page, knobs }) => {
  const [p] = await knobs.call('projects.list', undefined);
  await page.goto(`${knobs.origin}/projects/${p.id}`);
  await expect(page.getByTestId('project-name')).toHaveText('archive');
  for (const id of ['project-new-search', 'project-rename', 'project-delete']) await off(page.getByTestId(id));
  await expect(page.getByTestId('project-export')).toBeEnabled();
  const notes = page.getByTestId('project-notes').locator('textarea');
  await expect(notes).toHaveValue('Kept as it was: a look back at the moons runs.');
  await expect(notes).toHaveAttribute('readonly', '');
  // The tag reads, with no × to remove it.
  const tags = page.locator('.tags-editor').first();
  await expect(tags).toContainText('archive');
  await expect(tags.locator('.n-tag__close')).toHaveCount(0);
  await page.getByTestId(`search-actions-${searchId}`).click();
  for (const item of ['Rename…', 'Duplicate in the editor', 'Delete…']) {
    const option = page.locator('.n-dropdown-option', { hasText: item }).locator('.n-dropdown-option-body');
    await expect(option).toHaveAttribute('aria-description', REASON);
    await expect(option).toHaveClass(/n-dropdown-option-body--disabled/);
  }
  await shot(page, 'readonly-project-menu-light');
  await page.keyboard.press('Escape');
  expect(describeProblems(await axeScan(page, 'readonly-project-light'))).toBe('');
});

test('data sets, import, experiments and the editor: reading works, every write is turned off', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/datasets/rings`);
  await expect(page.getByTestId('dataset-preview')).toContainText('outer');
  for (const id of ['dataset-new-search', 'dataset-remove']) await off(page.getByTestId(id));
  await page.goto(`${knobs.origin}/import`);
  // Choosing a file starts an import: turned off too (the Import buttons show only once a file is chosen, and are turned off the same way).
  for (const id of ['choose-csv', 'choose-idx-images', 'choose-idx-labels']) await off(page.getByTestId(id));
  await page.goto(`${knobs.origin}/experiments`);
  await off(page.locator('[data-testid^="run-"]').first());
  await page.goto(`${knobs.origin}/new`);
  await off(page.getByTestId('run'));
});

test('a write sent anyway is refused by the engine, naming the file and what to do; the file is byte for byte as it was', async ({ knobs }) => {
  await expect(knobs.call('projects.create', { name: 'x' })).rejects.toThrow(
    /projects\.create: 400 .*Cannot create a project: the database .*knobs\.db is open read-only \(started with --read-only\), so Knobs changes nothing in it\./,
  );
  await expect(knobs.call('searches.start', { id: searchId })).rejects.toThrow(/Cannot start or resume a search: the database .* is open read-only/);
  expect(hashOf(join(knobs.dir, 'knobs.db'))).toBe(dbHash);
});
