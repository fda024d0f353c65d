// A workbench after months of use: 24 projects and 600 searches, with long names, every status and
// bests spanning decades. Looked at where they are listed: the sidebar (projects fold), the start
// page (a table of projects), a project, the find box and the searches-side-by-side picker.
import { join } from 'node:path';
import { expect, setTheme, shot, test } from './fixtures';
import { Store } from '../../src-core/store/store';
import { largeSpace, writeLargeTrials } from '../helpers/large-search';

test.use({ database: 'many' });
test.describe.configure({ mode: 'serial' });

const PROJECTS = 24;
const PER_PROJECT = 25;
const topics = ['digits', 'churn model for the quarterly review', 'wine', 'moons', 'house prices (regression, log target)', 'iris'];
const kinds = ['random', 'tpe', 'grid', 'coarse-to-fine'] as const;

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(600_000);
  const ids: number[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const project = `${topics[p % topics.length]} ${p + 1}`;
    await knobs.call('projects.create', { name: project });
    for (let s = 0; s < PER_PROJECT; s++) {
      const kind = kinds[s % kinds.length];
      const created = await knobs.call('searches.create', {
        start: false,
        spec: {
          project, name: s % 7 === 3 ? `lr × width sweep with a very long name to see how it is cut, run ${s}` : `${kind} ${s}`,
          dataset: { builtin: 'digits' }, seed: s, workers: 1,
          train: { epochs: 10 },
          space: largeSpace,
          strategy: kind === 'grid' ? { kind, points: 2 } : { kind }, budget: { trials: 12 },
        },
      });
      ids.push(created.id);
    }
  }
  const store = Store.open(join(knobs.dir, 'knobs.db'));
  try {
    ids.forEach((id, i) => {
      if (i % 11 === 5) return; // never started
      writeLargeTrials(store, id, i % 5 === 0 ? 4 : 12, { seed: i + 1, epochs: 5 });
      store.searches.setStatus(id, i % 13 === 2 ? 'interrupted' : i % 17 === 4 ? 'failed' : 'complete', { stopReason: 'budget reached' });
    });
  } finally {
    store.close();
  }
  await knobs.restart({});
});

test('the sidebar lists 24 projects, not 624 rows: only the open project shows its searches, and a fold by hand is kept', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  const side = page.getByTestId('sidebar-projects');
  await expect(side.locator('.item.project')).toHaveCount(PROJECTS);
  await expect(side.locator('.item.search'), 'no project is open on the start page: all folded').toHaveCount(0);
  // The start page lists the projects with their full names, the latest worked on first: the ten latest, then all on asking.
  const table = page.getByTestId('home-projects');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(table.locator('tbody tr').first()).toContainText('iris 24');
  await expect(table.locator('tbody tr').first()).toContainText(String(PER_PROJECT));
  await page.getByTestId('home-projects-more').click();
  await expect(table.locator('tbody tr')).toHaveCount(PROJECTS);
  await expect(table).toContainText('churn model for the quarterly review 20');
  // Each project's best val_loss, with the search that reached it: the lowest of its searches' bests, as the store lists them.
  const churnSearches = (await knobs.call('searches.list', {})).filter((s) => s.project === 'churn model for the quarterly review 2' && s.best !== null);
  const lowest = churnSearches.reduce((a, s) => (s.best! < a.best! ? s : a));
  const churnRow = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'churn model for the quarterly review 2', exact: true }) });
  const bestCell = churnRow.getByTestId('home-project-best');
  await expect(bestCell).toHaveText(new RegExp(`^\\s*[0-9.]+ val_loss\\s*${lowest.name}\\s*$`));
  // Written with the column's decimals (they line up): the value itself to its four significant digits.
  expect(Number(Number((await bestCell.textContent())!.trim().split(' ')[0]).toPrecision(4))).toBe(Number(lowest.best!.toPrecision(4)));
  await expect(churnRow.getByTestId('home-project-best')).toHaveAttribute('title', `The lowest val_loss of its ${churnSearches.length} searches on digits with a value`);
  await shot(page, 'many-home', { fullPage: true });
  await page.getByTestId('home-projects-more').click();
  // Opening a project shows its searches, and only its.
  const churn = 'churn model for the quarterly review 2';
  await page.getByTestId(`project-${churn}`).click();
  await expect(side.locator('.item.search')).toHaveCount(PER_PROJECT);
  await expect(page.getByTestId(`fold-${churn}`)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('project-best')).toHaveText(`best val_loss ${Number(lowest.best!.toPrecision(4))} in ${lowest.name}`);
  await shot(page, 'many-project');
  // A search of another project, opened from the start page's recent searches: its project unfolds, the one left folds again.
  await page.goto(knobs.url);
  const recent = page.getByRole('main').getByRole('link', { name: /^coarse-to-fine 23$/ }).first();
  await recent.click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(side.locator('.item.search')).toHaveCount(PER_PROJECT);
  await expect(side.locator('.item.search.active')).toHaveText(/coarse-to-fine 23/);
  // Its row is in view in the list, which scrolled down to it (iris 24 is the last project).
  await expect(side.locator('.item.search.active')).toBeInViewport();
  // Projects by name as people read them: moons 4 before moons 10.
  const names = await side.locator('.item.project .grow').allTextContents();
  expect(names.indexOf('moons 4'), names.join(', ')).toBeLessThan(names.indexOf('moons 10'));
  await expect(page.getByTestId(`fold-${churn}`)).toHaveAttribute('aria-expanded', 'false');
  // Unfolded by hand, a project stays so while others are opened, and after a reload.
  const wine = 'wine 3';
  await page.getByTestId(`fold-${wine}`).click();
  await expect(page.getByTestId(`fold-${wine}`)).toHaveAttribute('aria-expanded', 'true');
  await expect(side.locator('.item.search')).toHaveCount(2 * PER_PROJECT);
  await page.reload();
  await expect(page.getByTestId(`fold-${wine}`)).toHaveAttribute('aria-expanded', 'true');
  await page.getByTestId(`fold-${wine}`).click();
  await expect(side.locator('.item.search')).toHaveCount(PER_PROJECT);
  // The find box shows every match, in every project, folded or not: the long-named sweeps (runs 3, 10, 17, 24 of each).
  await page.getByTestId('filter').locator('input').fill('very long name');
  await expect(side.locator('.item.search')).toHaveCount(PROJECTS * 4);
  await page.getByTestId('filter').locator('input').fill('');
  await expect(side.locator('.item.search')).toHaveCount(PER_PROJECT);
  // The fold is a button a keyboard reaches, named for what it does.
  await page.getByTestId(`fold-${wine}`).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`fold-${wine}`)).toHaveAttribute('aria-label', `Hide the searches of ${wine}`);
  await setTheme(page, 'dark');
  await shot(page, 'many-search-dark');
  await setTheme(page, 'light');
});

test('the picker of searches side by side finds a project\'s searches by the project\'s name, among 600', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/compare`);
  await page.getByTestId('compare-pick').click();
  await page.keyboard.type('quarterly review 20');
  const options = page.locator('.n-base-select-option');
  // The project's 25 searches (the list draws those in its window: a virtual list).
  await expect(options.first()).toBeVisible();
  const shown = await options.allTextContents();
  expect(shown.length).toBeGreaterThan(5);
  // Names shared by searches of several projects carry their project's (here every one: "grid 22 (churn model … 20)").
  expect(shown.every((t) => t.includes('(churn model for the quarterly review 20)')), shown.join(' | ')).toBe(true);
  await expect(page.locator('.n-base-select-group-header').first()).toHaveText('churn model for the quarterly review 20');
  await expect(page.locator('.n-base-select-group-header')).toHaveCount(1);
  await options.nth(0).click();
  await options.nth(1).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('compare-budgets')).toBeVisible();
  await shot(page, 'many-compare');
});
