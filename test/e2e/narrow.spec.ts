// The search page in a narrow window (820 px), in both themes: every tab of the dashboard shows
// whole inside the tab bar (it scrolled sideways there, "Compare" cut at its edge and "Seed spread"
// past it), and the narrower sidebar's toggle hides it to a rail and shows it again, remembered
// across a reload; the find shortcut shows it too. At 1360 px the sidebar keeps its width and no
// toggle shows. Screenshots as test-results/e2e/narrow-*.png.
import type { Page } from '@playwright/test';
import { axeScan, describeProblems } from './axe';
import { expect, setTheme, shot, test } from './fixtures';
import { runRerun, runSearch } from './searches';

test.use({ database: 'narrow' });
test.describe.configure({ mode: 'serial' });

let parent = 0;
let longProject = 0;
const LONG_PROJECT = 'a project whose name is much too long to fit beside its search in a narrow window, 2025 edition';

test.beforeAll(async ({ knobs }) => {
  parent = (await runSearch(knobs, {
    project: 'narrow', name: 'narrow moons', dataset: { synthetic: 'moons', n: 200, noise: 0.3 },
    train: { epochs: 6, hiddenLayers: [8], batchSize: 32, earlyStopping: false },
    space: { lr: { type: 'float', low: 3e-3, high: 0.1, log: true } },
    strategy: { kind: 'random' }, budget: { trials: 12 }, workers: 2, seed: 5,
  })).id;
  // A seed re-run gives the search its sixth tab, Seed spread.
  await runRerun(knobs, { id: parent, top: 2, seeds: 2 });
  // A search not started, in a project with a long name (its header is all that is looked at).
  longProject = (await knobs.call('searches.create', {
    start: false,
    spec: {
      project: LONG_PROJECT, name: 'long project', dataset: { synthetic: 'moons', n: 200, noise: 0.3 },
      train: { epochs: 2, hiddenLayers: [8], batchSize: 32, earlyStopping: false },
      space: { lr: { type: 'float', low: 3e-3, high: 0.1, log: true } },
      strategy: { kind: 'random' }, budget: { trials: 2 }, workers: 1, seed: 5,
    },
  })).id;
});

/** Each tab's box, the tab bar's visible box, and how far the bar scrolls sideways. */
async function tabBar(page: Page) {
  return page.evaluate(() => {
    const wrapper = document.querySelector<HTMLElement>('.search .n-tabs-nav-scroll-wrapper')!;
    const scroller = wrapper.querySelector<HTMLElement>('.v-x-scroll')!;
    const box = wrapper.getBoundingClientRect();
    const tabs = [...wrapper.querySelectorAll('.n-tabs-tab')].map((t) => {
      const r = t.getBoundingClientRect();
      return { name: t.textContent?.trim() ?? '', left: r.left, right: r.right };
    });
    return { left: box.left, right: box.right, overflow: scroller.scrollWidth - scroller.clientWidth, tabs };
  });
}

async function expectEveryTabShown(page: Page): Promise<void> {
  const bar = await tabBar(page);
  expect(bar.tabs.map((t) => t.name)).toEqual(['Overview', 'Search space', 'Curves', 'Trials (12)', 'Compare (2)', 'Seed spread']);
  for (const t of bar.tabs) {
    expect(t.left, `${t.name} starts inside the tab bar`).toBeGreaterThanOrEqual(bar.left);
    expect(t.right, `${t.name} ends inside the tab bar`).toBeLessThanOrEqual(bar.right);
  }
  expect(bar.overflow, 'the tab bar does not scroll sideways').toBeLessThanOrEqual(0);
}

const sideWidth = (page: Page) => page.locator('aside').evaluate((el) => el.getBoundingClientRect().width);

for (const theme of ['light', 'dark'] as const) {
  test(`at 820 px every tab shows and the sidebar hides to a rail and back, ${theme} theme`, async ({ page, knobs }) => {
    await page.setViewportSize({ width: 820, height: 900 });
    await page.goto(knobs.url);
    await page.getByTestId('new-project').waitFor();
    await setTheme(page, theme);
    // Trial counts in two tabs' names make the bar its widest.
    await page.goto(`${knobs.origin}/searches/${parent}/compare?trials=0,1`);
    await page.getByRole('tab', { name: 'Seed spread' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Compare (2)' })).toHaveAttribute('aria-selected', 'true');
    await expectEveryTabShown(page);
    expect(await sideWidth(page)).toBeLessThan(285);
    await shot(page, `narrow-820-${theme}`);
    const problems = await axeScan(page, `narrow-820-${theme}`);
    expect(problems, `axe at 820 px:\n${describeProblems(problems)}`).toEqual([]);

    // Hide the sidebar: a rail with the toggle is left, and the choice survives a reload.
    const hide = page.getByRole('button', { name: 'Hide the sidebar' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await hide.click();
    const show = page.getByRole('button', { name: 'Show the sidebar' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('filter')).toBeHidden();
    expect(await sideWidth(page)).toBeLessThan(60);
    await page.reload();
    await page.getByRole('tab', { name: 'Seed spread' }).waitFor();
    await expect(show).toBeVisible();
    await expect(page.getByTestId('filter')).toBeHidden();
    await expectEveryTabShown(page);
    await shot(page, `narrow-820-${theme}-hidden`);

    // The find shortcut shows the sidebar to reach its box; the toggle hides and shows it again.
    await page.keyboard.press('/');
    await expect(page.getByTestId('filter').locator('input')).toBeFocused();
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await hide.click();
    await expect(page.getByTestId('filter')).toBeHidden();
    await show.click();
    await expect(page.getByTestId('filter')).toBeVisible();
    expect(await sideWidth(page)).toBeGreaterThan(200);
  });
}

test('at 1360 px the sidebar keeps its width and shows no toggle, even when hidden at 820 px', async ({ page, knobs }) => {
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${parent}/compare?trials=0,1`);
  await page.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(page.getByTestId('filter')).toBeHidden();
  await page.setViewportSize({ width: 1360, height: 900 });
  await expect(page.getByTestId('filter')).toBeVisible();
  await expect(page.getByTestId('sidebar-toggle')).toBeHidden();
  expect(await sideWidth(page)).toBe(285);
  await expectEveryTabShown(page);
  // Back at 820 px the sidebar is hidden as it was left; show it for whoever comes next.
  await page.setViewportSize({ width: 820, height: 900 });
  await expect(page.getByTestId('filter')).toBeHidden();
  await page.getByRole('button', { name: 'Show the sidebar' }).click();
  await expect(page.getByTestId('filter')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`at 1280 and 800 px a long project name in the search's header ends in an ellipsis (whole in its title) and pushes nothing off, ${theme} theme`, async ({ page, knobs }) => {
    await page.goto(knobs.url);
    await page.getByTestId('new-project').waitFor();
    await setTheme(page, theme);
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${knobs.origin}/searches/${longProject}`);
      const project = page.getByTestId('search-project');
      await expect(project).toHaveText(`· ${LONG_PROJECT}`);
      await expect(project).toHaveAttribute('title', LONG_PROJECT);
      const fit = await page.evaluate(() => {
        const link = document.querySelector<HTMLElement>('[data-testid="search-project"]')!;
        const main = document.querySelector<HTMLElement>('main')!;
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        return {
          cut: link.scrollWidth > link.clientWidth, ellipsis: getComputedStyle(link).textOverflow,
          linkRight: link.getBoundingClientRect().right, mainRight: main.getBoundingClientRect().right, mainScrolls: main.scrollWidth > main.clientWidth,
          nameHeight: box('[data-testid="search-name"] .name').height, linkHeight: link.getBoundingClientRect().height, exportRight: box('[data-testid="export-curves"]').right,
        };
      });
      if (width === 800) expect(fit.cut, 'the project name is longer than its room').toBe(true);
      expect(fit.ellipsis).toBe('ellipsis');
      expect(fit.linkRight).toBeLessThanOrEqual(fit.mainRight);
      expect(fit.mainScrolls, 'the main area does not scroll sideways').toBe(false);
      expect(fit.nameHeight, 'the search name ("long project") stays on one line').toBeLessThan(1.6 * fit.linkHeight);
      expect(fit.exportRight).toBeLessThanOrEqual(fit.mainRight);
      await shot(page, `narrow-${width}-${theme}-long-project`);
    }
    await setTheme(page, 'light');
  });
}
