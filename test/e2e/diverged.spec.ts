// A random search whose learning rate reaches far past where the data set blows up: 6,000 trials,
// more than 2,600 of them diverged. Past 2,000 crosses a chart draws them as one path over the grid
// (pathMarks), and each cross must still be where its trial is, name its trial when pointed at and
// open it when clicked, in the best-so-far chart and every knob's chart; the screenshots are for a
// person to look at (light and dark).
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { chartCaptions, expect, setTheme, shot, tabOf, test } from './fixtures';
import { Store } from '../../src-core/store/store';
import { largeSpace, writeLargeTrials, type LargeSearchFacts } from '../helpers/large-search';

test.use({ database: 'diverged' });
test.describe.configure({ mode: 'serial' });

const N = 6_000;
let id = 0;
let facts: LargeSearchFacts;

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(180_000);
  await knobs.call('projects.create', { name: 'blow-ups' });
  id = (await knobs.call('searches.create', {
    start: false,
    spec: {
      project: 'blow-ups', name: 'lr too wide', dataset: { builtin: 'digits' }, seed: 5, workers: 2,
      train: { epochs: 20, earlyStopping: { monitor: 'val_loss', patience: 5 } },
      space: largeSpace, strategy: { kind: 'random' }, budget: { trials: N },
    },
  })).id;
  const store = Store.open(join(knobs.dir, 'knobs.db'));
  try {
    facts = writeLargeTrials(store, id, N, { unstable: true, random: true, seed: 5 });
    store.searches.setStatus(id, 'complete', { stopReason: `budget of ${N} trials reached` });
  } finally {
    store.close();
  }
  await knobs.restart({});
});

const failed = (): number => (facts.counts.failed ?? 0) + (facts.counts.diverged ?? 0);

/** Point along the chart's top edge (the worst edge of val_loss, where failed trials are drawn) until a cross names its trial; the trial's number. */
async function pointAtCross(page: Page, chart: Locator): Promise<number> {
  const box = (await chart.boundingBox())!;
  // The chart's own tooltip (ECharts puts it inside the chart): another chart's may still be fading out.
  const tip = chart.getByText(/^trial \d+: (diverged|failed)/).first();
  for (let x = box.x + 70; x < box.x + box.width - 20; x += 5) {
    for (let y = box.y + 30; y <= box.y + 56; y += 3) {
      await page.mouse.move(x, y);
      if (await tip.isVisible()) {
        const n = Number(/^trial (\d+)/.exec(await tip.innerText())![1]);
        await page.mouse.click(x, y);
        return n;
      }
    }
  }
  throw new Error('no cross named its trial along the top edge');
}

test('thousands of diverged trials: one path of crosses in every knob\'s chart and the best so far, each naming and opening its trial', async ({ page, knobs }) => {
  expect(failed(), 'more crosses than a chart draws one by one').toBeGreaterThan(2_000);
  await page.goto(knobs.url);
  await page.goto(`${knobs.origin}/searches/${id}`);
  const best = page.getByTestId('best-so-far');
  await best.locator('canvas').first().waitFor();
  await expect(page.getByTestId('progress')).toContainText(`${N - (facts.counts.pruned ?? 0)} / ${N} done`);
  const inBest = await pointAtCross(page, best);
  await expect(page).toHaveURL(new RegExp(`trial=${inBest}$`));
  await expect(page.getByTestId('trial-drawer')).toContainText(`Trial ${inBest}`);
  await expect(page.getByTestId('trial-drawer')).toContainText(/diverged|failed/);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  // Where they failed: the learning rate, the one knob that tells them apart. Not l2, which every trial but the lowest
  // values share ("2625 of the 2641 … had l2 ≥ 1.1e-7, against 3318 of the 3359 others" was said once).
  const rules = page.getByTestId('failure-rules');
  await expect(rules).toContainText(new RegExp(`^\\d+ of the ${failed()} failed or diverged trials had lr ≥ [\\d.]+, against \\d+ of the \\d+ others\\.`));
  await expect(rules).not.toContainText('l2');
  await shot(page, 'diverged-overview');

  await tabOf(page, 'Search space').click();
  const lr = page.getByTestId('knob-chart-lr');
  await lr.locator('canvas').first().waitFor();
  await lr.scrollIntoViewIfNeeded();
  const inLr = await pointAtCross(page, lr);
  await expect(page).toHaveURL(new RegExp(`trial=${inLr}$`));
  const drawer = page.getByTestId('trial-drawer');
  await expect(drawer).toContainText(`Trial ${inLr}`);
  // The trial pointed at is one whose loss blew up, at a learning rate where it does.
  const t = await knobs.call('trials.get', { searchId: id, number: inLr });
  expect(['diverged', 'failed']).toContain(t.status);
  await page.keyboard.press('Escape');
  // A categorical knob's crosses are spread over their strips as its dots are.
  const optimizer = page.getByTestId('knob-chart-optimizer');
  await optimizer.scrollIntoViewIfNeeded();
  const inStrip = await pointAtCross(page, optimizer);
  await expect(page).toHaveURL(new RegExp(`trial=${inStrip}$`));
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  // The forest never saw the diverged trials: its lr marginal goes on dashed past where they begin, its pair surface fades there, and both notes say why.
  await expect(page.getByTestId('space-marginal-note')).toContainText('Dashed and faint where far more of the trials near failed or diverged than across the search: the forest never saw them.');
  expect(await chartCaptions(page, 'knob-chart-lr')).toMatch(/forest marginal \(where far more trials failed\) \(\d+ rows\)/);
  // l2 does not decide which trials blow up: its line stays whole.
  expect(await chartCaptions(page, 'knob-chart-l2')).not.toMatch(/where far more trials failed/);
  await expect(page.getByTestId('pair-surface-note')).toContainText('Faded where more of the trials near failed or diverged than across the search: the forest never saw them.');
  await page.getByTestId('space').scrollIntoViewIfNeeded();
  await shot(page, 'diverged-space-light', { fullPage: true });
  await setTheme(page, 'dark');
  await page.getByTestId('knob-chart-lr').locator('canvas').first().waitFor();
  await shot(page, 'diverged-space-dark', { fullPage: true });
  await setTheme(page, 'light');
});
