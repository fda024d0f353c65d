// The newcomer's path at three window widths and in both themes: create a project, edit a search,
// run it, watch it, drill down to a trial, export, reload, Back; then the other views. Every step is
// saved as test-results/e2e/walk/WIDTH-THEME-NN-step.png, to be looked at for layout problems.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axeScan, describeProblems } from './axe';
import { expect, pick, screenshotTo, SEARCH_WAIT_MS, setNumber, setTheme, shots, tabOf, test } from './fixtures';

test.use({ database: 'walk' });
test.describe.configure({ mode: 'serial' });

const WIDTHS = [1100, 1400, 1920];
const THEMES = ['light', 'dark'] as const;

for (const width of WIDTHS) {
  for (const theme of THEMES) {
    test(`create, edit, run, watch, drill down, export, reload and Back at ${width} px, ${theme} theme`, async ({ page, knobs }) => {
      const dir = join(shots, 'walk');
      mkdirSync(dir, { recursive: true });
      let n = 0;
      const snap = (step: string, fullPage = false) => screenshotTo(page, join(dir, `${width}-${theme}-${String(++n).padStart(2, '0')}-${step}.png`), { fullPage });
      const project = `walk ${width} ${theme}`;
      await page.setViewportSize({ width, height: 900 });
      await page.goto(knobs.url);
      await page.getByTestId('new-project').waitFor();
      await setTheme(page, theme);
      await snap('home');

      // Create a project.
      await page.getByTestId('new-project').click();
      await page.getByTestId('new-project-name').locator('input').fill(project);
      await page.getByTestId('new-project-create').click();
      await page.getByTestId('project-name').filter({ hasText: project }).waitFor();
      await snap('project');

      // Edit a search from the template: digits, lr and hidden units moving, coarse to fine.
      await page.getByTestId('project-new-search').click();
      await page.getByTestId('planned').waitFor();
      await page.getByTestId('ed-name').locator('input').fill('lr and width');
      await setNumber(page, 'ed-epochs', 40);
      await page.getByTestId('ed-strategy').getByText('coarse-to-fine').click();
      await setNumber(page, 'ed-strategy-rounds', 2);
      await setNumber(page, 'ed-strategy-trialsPerRound', 8);
      await setNumber(page, 'ed-strategy-keepTop', 3);
      await setNumber(page, 'ed-workers', 2);
      await page.getByTestId('planned').filter({ hasText: '16 trials will run' }).waitFor();
      await snap('editor', true);

      // Run and watch it live.
      await page.getByTestId('run').click();
      await page.getByTestId('search-name').filter({ hasText: 'lr and width' }).waitFor();
      await expect(page).toHaveURL(/\/searches\/\d+$/);
      await snap('watch-overview');
      if ((await page.getByTestId('status').innerText()).includes('running')) {
        const problems = await axeScan(page, `walk-${width}-${theme}-running`);
        expect(problems, `axe on the running search:\n${describeProblems(problems)}`).toEqual([]);
      }
      await tabOf(page, 'Curves').click();
      await snap('watch-curves');
      await page.getByTestId('status').filter({ hasText: 'complete' }).waitFor({ timeout: SEARCH_WAIT_MS });
      await expect(page.getByTestId('progress')).toContainText('16 / 16 done');

      // Every tab of the finished search.
      await tabOf(page, 'Overview').click();
      await snap('overview');
      await tabOf(page, 'Search space').click();
      await page.getByTestId('parallel').locator('canvas').first().waitFor();
      await snap('space', true);
      await tabOf(page, 'Curves').click();
      await snap('curves');
      await tabOf(page, 'Trials').click();
      await expect(page).toHaveURL(/\/trials$/);
      const rows = page.getByTestId('trials').locator('tbody tr');
      await rows.first().waitFor();
      await snap('trials', true);

      // Drill down to a trial.
      await rows.nth(1).locator('td').nth(2).click();
      await expect(page).toHaveURL(/\/trials\?trial=\d+$/);
      const trial = new URL(page.url()).searchParams.get('trial');
      const drawer = page.getByRole('dialog', { name: new RegExp(`Trial ${trial}\\b`) });
      await drawer.waitFor();
      await page.getByTestId('trial-config').waitFor();
      await snap('drawer');

      // Back closes the drawer.
      await page.goBack();
      await drawer.waitFor({ state: 'hidden' });
      await expect(page).toHaveURL(/\/trials$/);

      // Export the trials: a download and a message saying so.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
      expect(download.suggestedFilename()).toMatch(/trials\.csv$/);
      await page.getByText(/Downloaded 16 trials/).waitFor();
      await snap('export');

      // Reload lands where the user was: the trial's drawer open again.
      await rows.nth(1).locator('td').nth(2).click();
      await drawer.waitFor();
      await page.reload();
      await drawer.waitFor();
      await expect(page).toHaveURL(new RegExp(`/trials\\?trial=${trial}$`));
      await page.getByTestId('trial-config').waitFor();
      await snap('reloaded');

      // Back closes the drawer again, then returns to the previous tab.
      await page.goBack();
      await drawer.waitFor({ state: 'hidden' });
      await expect(page).toHaveURL(/\/trials$/);
      await page.goBack();
      await expect(page).toHaveURL(/\/curves$/);
      await expect(page.getByRole('tab', { name: 'Curves' })).toHaveAttribute('aria-selected', 'true');
      await snap('back');

      // The other views at this width.
      await page.getByTestId('dataset-digits').click();
      await page.getByTestId('image-grid').waitFor();
      await snap('dataset', true);
      await page.getByTestId('import-csv').click();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
      await chooser.setFiles(knobs.files.rings);
      await page.getByTestId('import-preview').waitFor();
      await pick(page, 'import-target', 'label');
      await snap('import', true);
      await page.getByTestId('nav-experiments').click();
      await page.getByTestId('experiment-init-comparison').waitFor();
      await snap('experiments', true);
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('pg-results').filter({ hasText: 'sgd' }).waitFor();
      await snap('playground', true);
    });
  }
}
