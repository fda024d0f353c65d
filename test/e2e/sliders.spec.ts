// Sliders in a narrow window: the Trials tab's knob range filters wrap onto several rows at 800 and
// 1280 px, and a handle that is hovered, dragged or moved from the keyboard must not put a floating
// value over the control in the row above or beside it (Naive UI's tooltip did: a box over the next
// knob's slider). Each range says its values in text beside its slider, and the playground's
// sliders do the same. Screenshots as test-results/e2e/sliders-*.png, light and dark.
import type { Locator, Page } from '@playwright/test';
import { expect, setTheme, shot, test } from './fixtures';
import { runSearch } from './searches';

test.use({ database: 'sliders' });
test.describe.configure({ mode: 'serial' });

let id = 0;

test.beforeAll(async ({ knobs }) => {
  id = (await runSearch(knobs, {
    project: 'sliders', name: 'five knobs', dataset: { synthetic: 'moons', n: 200, noise: 0.3 },
    train: { epochs: 3, hiddenLayers: [8], earlyStopping: false },
    space: {
      lr: { type: 'float', low: 1e-4, high: 0.3, log: true }, l2: { type: 'float', low: 1e-6, high: 1e-2, log: true },
      dropout: { type: 'float', low: 0, high: 0.5 }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true },
      batchSize: { type: 'int', low: 8, high: 64, step: 8 },
    },
    strategy: { kind: 'random' }, budget: { trials: 12 }, workers: 2, seed: 11,
  })).id;
});

type Box = { left: number; top: number; right: number; bottom: number; what: string };

/** Whether two boxes share any area (touching edges do not count). */
const intersects = (a: Box, b: Box): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/**
 * The boxes of the Trials tab's controls: each range filter's checkbox, slider and values, and the
 * filter row's controls above them; and every floating slider value (Naive UI's tooltip) on screen.
 */
async function boxes(page: Page): Promise<{ controls: Box[]; floating: Box[] }> {
  return page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, what };
    };
    const controls = [
      ...[...document.querySelectorAll('[data-testid^="range-"]:not([data-testid="range-values"])')].flatMap((range) => {
        const name = range.getAttribute('data-testid')!;
        return [...range.querySelectorAll('.n-checkbox, .n-slider, [data-testid="range-values"]')].map((el) => box(el, `${name} ${el.className.split(' ')[0] || el.getAttribute('data-testid')}`));
      }),
      ...['filter-status', 'hide-failed', 'top-percent', 'trials-shown', 'trials-shown-csv', 'compare'].map((t) => document.querySelector(`[data-testid="${t}"]`)).filter((el): el is Element => el !== null).map((el) => box(el, el.getAttribute('data-testid')!)),
    ];
    const floating = [...document.querySelectorAll('.n-slider-handle-indicator')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && Number(getComputedStyle(el).opacity) > 0;
    }).map((el) => box(el, `floating value "${el.textContent?.trim()}"`));
    return { controls, floating };
  });
}

/** Every floating value on screen, checked against every control it does not belong to, and the controls against each other. */
async function expectNothingCovered(page: Page, range: Locator, moment: string): Promise<void> {
  const { controls, floating } = await boxes(page);
  const own = (await range.getAttribute('data-testid'))!;
  const covered = floating.flatMap((f) => controls.filter((c) => !c.what.startsWith(`${own} n-slider`) && intersects(f, c)).map((c) => `${f.what} covers ${c.what}`));
  expect(covered, `${moment}: a slider's value covers another control`).toEqual([]);
  const crowded = controls.flatMap((a, i) => controls.slice(i + 1).filter((b) => intersects(a, b)).map((b) => `${a.what} overlaps ${b.what}`));
  expect(crowded, `${moment}: controls overlap`).toEqual([]);
}

/** The handle's centre. */
async function centre(handle: Locator): Promise<{ x: number; y: number }> {
  const b = (await handle.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

for (const theme of ['light', 'dark'] as const) {
  test(`the knob range filters wrap at 1280 and 800 px, and a hovered, dragged or keyed handle puts nothing over the next control; the values read beside each slider (${theme})`, async ({ page, knobs }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(knobs.url);
    await page.getByTestId('new-project').waitFor();
    await setTheme(page, theme);
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${knobs.origin}/searches/${id}/trials`);
      await page.getByTestId('trials').waitFor();
      const names = ['lr', 'l2', 'dropout', 'hiddenUnits', 'batchSize'];
      for (const n of names) await page.getByTestId(`range-${n}`).getByText(n, { exact: true }).click();
      // The filters take more than one row.
      const tops = await Promise.all(names.map(async (n) => (await page.getByTestId(`range-${n}`).boundingBox())!.y));
      expect(new Set(tops.map(Math.round)).size, `at ${width} px the range filters wrap`).toBeGreaterThan(1);
      await expectNothingCovered(page, page.getByTestId('range-lr'), `${width} px, every filter on`);
      await shot(page, `sliders-trials-${width}-${theme}`);

      // A knob in the second row or below, so that something stands above it.
      const lowest = names[tops.indexOf(Math.max(...tops))];
      const range = page.getByTestId(`range-${lowest}`);
      const values = range.getByTestId('range-values');
      const hi = range.locator('.n-slider-handle-wrapper').nth(1);
      const from = await values.innerText();
      const width0 = (await range.boundingBox())!.width;

      // Hovered.
      await page.mouse.move((await centre(hi)).x, (await centre(hi)).y);
      await page.waitForTimeout(300);
      await shot(page, `sliders-trials-${width}-${theme}-hover`);
      await expectNothingCovered(page, range, `${width} px, ${lowest}'s right handle hovered`);

      // Dragged to the middle of its slider, held there: the values beside it follow the handle.
      const track = (await range.locator('.n-slider').boundingBox())!;
      await page.mouse.down();
      await page.mouse.move(track.x + track.width * 0.55, track.y + track.height / 2, { steps: 8 });
      await page.waitForTimeout(300);
      await expect(values).not.toHaveText(from);
      await shot(page, `sliders-trials-${width}-${theme}-dragging`);
      await expectNothingCovered(page, range, `${width} px, ${lowest}'s right handle held mid-drag`);
      // The label has room for every value from the start: the filter keeps its width, so the row does not rewrap under the pointer.
      expect((await range.boundingBox())!.width, `${lowest}'s filter keeps its width while its handle moves`).toBe(width0);
      await page.mouse.up();

      // From the keyboard: the focused handle steps left, its value shown beside the slider.
      const left = range.locator('[role="slider"]').nth(0);
      await left.focus();
      const before = await values.innerText();
      await page.keyboard.press('ArrowRight');
      await expect(values).not.toHaveText(before);
      await expect(values).toHaveText(new RegExp(`^${(await left.getAttribute('aria-valuetext'))!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ \(log\)$/, '')} – `));
      await page.waitForTimeout(300);
      await expectNothingCovered(page, range, `${width} px, ${lowest}'s left handle moved from the keyboard`);
      await page.mouse.move(0, 0);
    }
    await page.setViewportSize({ width: 1360, height: 860 });
    await setTheme(page, 'light');
  });
}

test('the playground\'s sliders show their values beside them and no floating value while dragged, at 800 px', async ({ page, knobs }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(knobs.url);
  await page.getByTestId('nav-playground').click();
  await page.getByTestId('pg-chart').locator('canvas').waitFor();
  for (const testId of ['pg-lr-adam', 'pg-momentum']) {
    const slider = page.getByTestId(testId);
    await slider.scrollIntoViewIfNeeded();
    const handle = slider.locator('.n-slider-handle-wrapper').first();
    const track = (await slider.boundingBox())!;
    await page.mouse.move((await centre(handle)).x, (await centre(handle)).y);
    await page.mouse.down();
    await page.mouse.move(track.x + track.width * 0.3, track.y + track.height / 2, { steps: 6 });
    await page.waitForTimeout(300);
    const { floating } = await boxes(page);
    expect(floating, `${testId}: no floating value while dragged`).toEqual([]);
    await shot(page, `sliders-playground-800-${testId}`);
    await page.mouse.up();
  }
  await expect(page.getByTestId('pg-momentum-value')).not.toHaveText('0.90');
  await page.setViewportSize({ width: 1360, height: 860 });
});
