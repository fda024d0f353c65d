// Accessibility: an axe-core scan of every view in both themes (no serious or critical violation),
// and the app used with the keyboard alone: skip link, sidebar, tabs, the trials table, the trial
// drawer, a chart's data as a table, the find box, the editor and a confirmation dialog, with a
// visible focus ring on every stop.
import { axeScan, describeProblems, type AxeProblem } from './axe';
import type { Page } from '@playwright/test';
import { expect, tabOf, test, type Knobs } from './fixtures';
import { runSearch } from './searches';
import { root } from './paths';
import { join } from 'node:path';

test.use({ database: 'a11y' });
test.describe.configure({ mode: 'serial' });

/** A finished random search on digits in project "digits", made through the API. */
async function seedSearch(knobs: Knobs): Promise<number> {
  const s = await runSearch(knobs, {
    project: 'digits', name: 'lr and width', dataset: { builtin: 'digits' },
    split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, preprocess: 'zscore',
    train: { epochs: 15, batchSize: 32, hiddenLayers: [32], activation: 'relu', optimizer: 'adam' },
    space: { lr: { type: 'float', low: 1e-4, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 8, high: 128, log: true } },
    strategy: { kind: 'random' }, objective: { metric: 'val_loss' }, budget: { trials: 8 }, workers: 2, seed: 7,
  }, { complete: true });
  return s.id;
}

test.beforeAll(async ({ knobs }) => {
  await seedSearch(knobs);
});

for (const theme of ['light', 'dark'] as const) {
  test(`every view has no serious or critical axe violation (${theme} theme)`, async ({ page, knobs }) => {
    const found: AxeProblem[] = [];
    const scan = async (view: string) => found.push(...(await axeScan(page, `${theme}-${view}`)));
    await page.goto(knobs.url);
    await page.getByTestId('project-digits').waitFor();
    const dark = (await page.getByTestId('theme').getAttribute('aria-checked')) === 'true' || (await page.locator('.n-switch--active').count()) > 0;
    if (dark !== (theme === 'dark')) await page.getByTestId('theme').click();
    await scan('home');
    await page.getByTestId('dataset-digits').click();
    await page.getByTestId('image-grid').waitFor();
    await scan('dataset-digits');
    await page.getByTestId('dataset-wine').click();
    await page.getByTestId('class-balance').locator('canvas').waitFor();
    await scan('dataset-wine');
    await page.getByTestId('project-digits').click();
    await page.getByTestId('project-searches').waitFor();
    await scan('project');
    await page.getByTestId('project-delete').click();
    await page.getByRole('dialog').filter({ hasText: 'Delete project' }).waitFor();
    await scan('project-delete-dialog');
    await page.getByRole('button', { name: 'Keep' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('compare-pick').waitFor();
    await scan('compare-searches-empty');
    await page.getByTestId('project-digits').click();
    await page.getByTestId('project-new-search').click();
    await page.getByTestId('planned').waitFor();
    await scan('editor');
    await page.getByTestId('import-csv').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
    await chooser.setFiles(knobs.files.rings);
    await page.getByTestId('import-preview').waitFor();
    await scan('import');
    // A messy file: the warning with its drop choice, columns left out (dimmed, their boxes unticked).
    const [messy] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
    await messy.setFiles(join(root, 'test', 'fixtures', 'csv', 'passengers.csv'));
    await page.getByTestId('import-drop-missing').waitFor();
    await scan('import-messy');
    await page.getByTestId('search-lr and width').click();
    await page.getByTestId('best-so-far').locator('canvas').waitFor();
    await scan('search-overview');
    await page.getByTestId('chart-table-toggle').first().click();
    await page.getByTestId('chart-table').first().locator('tbody tr').first().waitFor();
    await scan('search-overview-data-table');
    await page.getByTestId('chart-table-toggle').first().click();
    await tabOf(page, 'Search space').click();
    await page.getByTestId('parallel').locator('canvas').waitFor();
    await scan('search-space');
    await tabOf(page, 'Curves').click();
    await page.getByTestId('curves').locator('canvas').first().waitFor();
    await scan('search-curves');
    await tabOf(page, 'Trials').click();
    const rows = page.getByTestId('trials').locator('tbody tr');
    await rows.first().waitFor();
    await scan('search-trials');
    await rows.nth(0).locator('.n-checkbox').click();
    await rows.nth(1).locator('.n-checkbox').click();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-curves').locator('canvas').waitFor();
    await scan('search-compare');
    await tabOf(page, 'Trials').click();
    await rows.nth(2).locator('td').nth(2).click();
    await page.getByTestId('trial-config').waitFor();
    await page.getByTestId('histograms').locator('canvas').waitFor();
    await scan('trial-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('trial-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('experiment-init-comparison').waitFor();
    await scan('experiments');
    await page.getByTestId('nav-playground').click();
    await page.getByTestId('pg-results').filter({ hasText: 'sgd' }).waitFor();
    await scan('playground');
    expect(found, `serious or critical axe violations:\n${describeProblems(found)}`).toEqual([]);
  });
}

/** What has the keyboard focus: its tag, role, accessible text and whether a focus indicator is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
    // naive-ui's inputs draw their ring on the wrapper (a --focus class with a coloured border and shadow).
    const wrapper = el.closest('.n-input--focus, .n-base-selection--focus, .n-base-selection--active');
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') ?? '',
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
      visible: ring || wrapper !== null,
      inDialog: el.closest('[role="dialog"]') !== null,
      testid: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      cls: String(el.className).slice(0, 60),
    };
  });
}

/** Press Tab (or Shift+Tab) until the focused element satisfies `want`; every stop on the way must show a focus ring. */
async function tabTo(page: Page, what: string, want: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, opts: { back?: boolean; max?: number } = {}): Promise<number> {
  const seen: string[] = [];
  for (let i = 1; i <= (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f) continue;
    seen.push(`${f.tag}${f.role ? `[${f.role}]` : ''}${f.cls ? `.${f.cls.split(' ')[0]}` : ''} "${f.name}"`);
    expect(f.visible, `no visible focus ring on ${seen[seen.length - 1]}`).toBe(true);
    if (want(f)) return i;
  }
  throw new Error(`Tab never reached ${what}; stops: ${seen.join(' → ')}`);
}

test('keyboard only: skip link, sidebar, tabs, trials table, drawer, chart data table, find box, editor and a dialog', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('project-digits').waitFor();
  // The first stop is the skip link; it moves past the sidebar.
  await page.keyboard.press('Tab');
  expect((await focused(page))?.name).toBe('Skip to the main area');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  // The sidebar's links: to the search, by keyboard.
  await tabTo(page, 'the search in the sidebar', (f) => f.tag === 'a' && f.name.includes('lr and width'), { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/searches\/\d+$/);
  await page.getByTestId('search-name').waitFor();

  // Tabs: the selected tab is one Tab stop; arrows move between tabs and pick them.
  await tabTo(page, 'the selected tab', (f) => f.role === 'tab');
  expect((await focused(page))?.name).toContain('Overview');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/trials$/);
  await expect(page.getByRole('tab', { name: /Trials/ })).toHaveAttribute('aria-selected', 'true');

  // The trials table: a row opens its trial with Enter; the drawer takes the focus; Esc closes it and gives the focus back.
  await tabTo(page, 'a trial row', (f) => f.tag === 'tr');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?trial=\d+/);
  const drawer = page.getByRole('dialog', { name: /Trial \d+/ });
  await drawer.waitFor();
  await expect.poll(async () => (await focused(page))?.inDialog, { message: 'the drawer should take the focus' }).toBe(true);
  // On its title, not its first button: Enter there would step to another trial unread.
  expect((await focused(page))?.testid).toBe('drawer-title');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await expect(page).not.toHaveURL(/trial=/);
  await expect.poll(async () => (await focused(page))?.tag, { message: 'the focus should return to the row' }).toBe('tr');

  // Home on the tabs goes to the Overview; its chart's data opens as a table from the keyboard.
  await tabTo(page, 'the selected tab', (f) => f.role === 'tab', { back: true });
  await page.keyboard.press('Home');
  await expect(page).not.toHaveURL(/\/(space|curves|trials|compare)$/);
  await tabTo(page, 'a chart\'s data-table toggle', (f) => f.name.startsWith('Show the data of'));
  await page.keyboard.press('Enter');
  const table = page.getByTestId('chart-table').first();
  await table.waitFor();
  expect(await table.locator('tbody tr').count(), 'the chart\'s data as rows').toBeGreaterThan(0);
  await expect(page.getByTestId('chart-table-toggle').first()).toHaveAttribute('aria-pressed', 'true');

  // The find box: / focuses it, Esc clears it, Esc again leaves it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  expect((await focused(page))?.testid).toBe('filter');
  await page.keyboard.type('no such thing');
  await page.getByText('Nothing matches').waitFor();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('filter').locator('input')).toHaveValue('');
  await page.keyboard.press('Escape');
  expect((await focused(page))?.testid ?? '').not.toBe('filter');

  // The editor (n): every field in turn up to Run, each with a focus ring.
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/new/);
  await page.getByTestId('planned').waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops = await tabTo(page, 'the Run button', (f) => f.testid === 'run', { max: 200 });
  expect(stops, 'Run is reachable by Tab').toBeGreaterThan(5);

  // A confirmation dialog: it takes the focus, and Esc cancels it.
  await tabTo(page, 'the project digits', (f) => f.tag === 'a' && f.testid === 'project-digits', { back: true, max: 200 });
  await page.keyboard.press('Enter');
  await page.getByTestId('project-name').waitFor();
  await tabTo(page, 'Delete', (f) => f.testid === 'project-delete');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog').filter({ hasText: 'Delete project' });
  await confirm.waitFor();
  await expect.poll(async () => (await focused(page))?.inDialog, { message: 'the dialog should take the focus' }).toBe(true);
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  await page.getByTestId('project-name').filter({ hasText: 'digits' }).waitFor();
});
