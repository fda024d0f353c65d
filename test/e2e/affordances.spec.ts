// What a reader needs to find their way, in both themes: links read in the theme (compare and
// experiments showed the browser's blue and visited purple), an experiment's searches listed one
// chip a name (their names hold commas: "random search, 16 trials, grid search, 16 trials" read as
// four), the project table at 820 px shows that it scrolls sideways (naive-ui showed its scrollbar
// only under the pointer), and with six projects at 860 px the sidebar's project list scrolls on
// its own so the Learn links stay in view (they were below the fold). Screenshots as
// test-results/e2e/affordances-*.png.
import type { Locator, Page } from '@playwright/test';
import { expect, setTheme, shot, test } from './fixtures';
import { startSearch, waitForSearches } from './searches';

test.use({ database: 'affordances' });
test.describe.configure({ mode: 'serial' });

const PROJECTS = ['north', 'east', 'south', 'west', 'centre'];
const ids: Record<string, number> = {};

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(600_000);
  // Five projects of three small searches each, and the random-vs-grid experiment (a sixth project of two).
  for (const project of PROJECTS) {
    for (const k of [1, 2, 3]) {
      ids[`${project} ${k}`] = (await startSearch(knobs, {
        project, name: `${project} ${k}`, dataset: { synthetic: 'moons', n: 120, noise: 0.2 },
        train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
        space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 1, high: 16 } },
        strategy: { kind: 'random' }, budget: { trials: 3 }, workers: 1, seed: k,
      })).id;
    }
  }
  for (const s of await knobs.call('experiments.run', { id: 'random-vs-grid' })) ids[s.name] = s.id;
  await waitForSearches(knobs, Object.values(ids));
});

/** Each link's colour, the colour of the text around it, and its contrast on the page's background. */
async function linkColours(links: Locator) {
  return links.evaluateAll((as) => {
    const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string): number => {
      const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = getComputedStyle(document.body).backgroundColor;
    return as.map((a) => {
      const color = getComputedStyle(a).color;
      const [hi, lo] = [lum(color), lum(background)].sort((x, y) => y - x);
      return { text: a.textContent?.trim() ?? '', color, around: getComputedStyle(a.parentElement!).color, contrast: (hi + 0.05) / (lo + 0.05) };
    });
  });
}

/** Links read as the text around them (never the browser's blue rgb(0, 0, 238) or visited purple rgb(85, 26, 139)), at least 4.5:1 on the page. */
async function expectThemedLinks(links: Locator, what: string): Promise<void> {
  const found = await linkColours(links);
  expect(found.length, `${what}: links`).toBeGreaterThan(0);
  for (const l of found) {
    expect(l.color, `${what}: “${l.text}”`).not.toMatch(/rgb\(0, 0, 238\)|rgb\(85, 26, 139\)/);
    expect(l.color, `${what}: “${l.text}” reads as the text around it`).toBe(l.around);
    expect(l.contrast, `${what}: “${l.text}” on the page`).toBeGreaterThanOrEqual(4.5);
  }
}

for (const theme of ['light', 'dark'] as const) {
  test(`links in the compare and experiments views read in the ${theme} theme`, async ({ page, knobs }) => {
    await page.goto(knobs.url);
    await setTheme(page, theme);
    await page.goto(`${knobs.origin}/compare?searches=${ids['north 1']},${ids['east 2']}`);
    await page.getByTestId('compare-budgets').locator('a').first().waitFor();
    // Visit one first: a visited link must not turn purple either.
    await page.getByTestId('compare-budgets').getByRole('link', { name: 'north', exact: true }).click();
    await page.getByTestId('project-name').filter({ hasText: 'north' }).waitFor();
    await page.goBack();
    await page.getByTestId('compare-budgets').locator('a').first().waitFor();
    await expectThemedLinks(page.getByTestId('compare-budgets').locator('a'), 'compare: budgets');
    await expectThemedLinks(page.getByTestId('compare-configs').locator('a'), 'compare: best trials');
    await shot(page, `affordances-compare-${theme}`, { fullPage: true });
    await page.getByTestId('nav-experiments').click();
    const outcome = page.getByTestId('outcome-searches-random-vs-grid');
    await outcome.locator('a').first().waitFor();
    await expectThemedLinks(outcome.locator('a'), 'experiments: the run\'s searches');
    await page.getByTestId('experiment-random-vs-grid').scrollIntoViewIfNeeded();
    await shot(page, `affordances-experiments-${theme}`);
  });
}

test('an experiment card lists its searches one chip a name: names with commas stay whole', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-experiments').click();
  const card = page.getByTestId('experiment-random-vs-grid');
  const names = ['grid search, 16 trials', 'random search, 16 trials'];
  const planned = card.getByTestId('experiment-searches-random-vs-grid').getByRole('listitem');
  await expect(planned).toHaveCount(2);
  expect((await planned.allInnerTexts()).map((t) => t.trim()).sort()).toEqual(names);
  const ran = card.getByTestId('outcome-searches-random-vs-grid').getByRole('listitem');
  await expect(ran).toHaveCount(2);
  expect((await ran.getByRole('link').allInnerTexts()).map((t) => t.trim()).sort()).toEqual(names);
  // No list of names joined by commas left anywhere on the card.
  expect(await card.innerText()).not.toMatch(/search, 16 trials, (grid|random) search, 16 trials/);
  // A chip is a chip: drawn with a border, each apart from the next.
  const boxes = await planned.evaluateAll((lis) => lis.map((li) => ({ border: getComputedStyle(li).borderTopStyle, ...li.getBoundingClientRect().toJSON() as DOMRect })));
  for (const b of boxes) expect(b.border).toBe('solid');
  expect(boxes[1].left >= boxes[0].right || boxes[1].top >= boxes[0].bottom, 'the chips do not overlap').toBe(true);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'affordances-experiment-chips');
});

/** The project table's body: how far it scrolls sideways, and its horizontal scrollbar. */
function projectTable(page: Page) {
  const table = page.getByTestId('project-searches');
  return {
    overflow: () => table.locator('.n-data-table-base-table-body .n-scrollbar-container').first().evaluate((el) => el.scrollWidth - el.clientWidth),
    bar: table.locator('.n-scrollbar-rail--horizontal .n-scrollbar-rail__scrollbar').first(),
    scrollToEnd: () => table.locator('.n-data-table-base-table-body .n-scrollbar-container').first().evaluate((el) => el.scrollTo({ left: el.scrollWidth })),
  };
}

for (const theme of ['light', 'dark'] as const) {
  test(`at 820 px the project table shows its sideways scrollbar without hovering, ${theme} theme`, async ({ page, knobs }) => {
    await page.setViewportSize({ width: 820, height: 860 });
    await page.goto(knobs.url);
    await setTheme(page, theme);
    await page.getByTestId('project-north').click();
    await page.getByTestId('project-searches').locator('tbody tr').first().waitFor();
    // The pointer away from the table: naive-ui showed the bar only under it.
    await page.mouse.move(5, 5);
    const t = projectTable(page);
    expect(await t.overflow(), 'the table is wider than the window leaves it').toBeGreaterThan(0);
    await expect(t.bar).toBeVisible();
    const bar = (await t.bar.boundingBox())!;
    expect(bar.height, 'a bar, not a hairline').toBeGreaterThanOrEqual(4);
    await shot(page, `affordances-project-table-820-${theme}`);
    // Scrolled to its end, the last column (each search's actions) is in view.
    await t.scrollToEnd();
    await expect(page.getByTestId(`search-actions-${ids['north 1']}`)).toBeInViewport({ ratio: 1 });
  });
}

for (const width of [820, 1360]) {
  test(`at ${width} × 860 with six projects the Learn links stay in view and the project list scrolls`, async ({ page, knobs }) => {
    await page.setViewportSize({ width, height: 860 });
    await page.goto(knobs.url);
    await setTheme(page, 'light');
    await page.getByTestId('project-centre').waitFor();
    for (const id of ['nav-experiments', 'nav-playground', 'dataset-digits']) await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
    const list = page.getByTestId('sidebar-projects');
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight), 'the project list scrolls').toBe(true);
    await shot(page, `affordances-sidebar-${width}`);
    // The list's last search scrolls into view inside it; the Learn links stay where they were.
    const last = list.getByRole('link').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 0.95 });
    for (const id of ['nav-experiments', 'nav-playground']) await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
    await page.getByTestId('nav-playground').click();
    await expect(page).toHaveURL(/\/playground$/);
  });
}
