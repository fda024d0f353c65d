// Real URLs: a search, its tab and a trial's drawer have paths; Back, Forward, reload and a copied
// link land where the user was; a browser without the token gets a plain message, not the app.
import { expect, shot, tabOf, test } from './fixtures';
import { runSearch } from './searches';

test.use({ database: 'urls' });
test.describe.configure({ mode: 'serial' });

let searchId = 0;

test.beforeAll(async ({ knobs }) => {
  searchId = (await runSearch(knobs, {
    project: 'urls', name: 'moons quick', dataset: { synthetic: 'moons', n: 300, noise: 0.2 },
    train: { epochs: 6, hiddenLayers: [8], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32 } },
    strategy: { kind: 'random' }, budget: { trials: 6 }, workers: 2, seed: 5,
  })).id;
});

const activeTab = (page: import('@playwright/test').Page) => page.locator('.n-tabs-tab--active').first();

test('a search, its tab and a trial have paths; Back, Forward and reload land where the user was', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  // The token leaves the address bar on the first load.
  await expect(page).toHaveURL(`${knobs.origin}/`);
  await page.getByTestId('search-moons quick').click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}`);
  await tabOf(page, 'Search space').click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/space`);
  await tabOf(page, 'Trials').click();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials`);
  await page.getByTestId('trials').locator('tbody tr').nth(1).locator('td').nth(2).click();
  await expect(page.getByTestId('trial-drawer')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/searches/${searchId}/trials\\?trial=\\d+$`));
  const withDrawer = page.url();
  const trial = new URL(withDrawer).searchParams.get('trial');
  await expect(page.getByTestId('trial-drawer')).toContainText(`Trial ${trial}`);

  await page.goBack();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials`);
  await expect(page.getByTestId('trial-drawer')).toBeHidden();
  await page.goForward();
  await expect(page).toHaveURL(withDrawer);
  await expect(page.getByTestId('trial-drawer')).toContainText(`Trial ${trial}`);

  await page.reload();
  await expect(page.getByTestId('trial-drawer')).toContainText(`Trial ${trial}`);
  await expect(activeTab(page)).toHaveText(/Trials/);
  await shot(page, 'url-reloaded-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('trial-drawer')).toBeHidden();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials`);

  // Back: the drawer Esc closed, then the tabs, to the Overview the sidebar opened.
  await page.goBack();
  await expect(page.getByTestId('trial-drawer')).toContainText(`Trial ${trial}`);
  await page.goBack();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials`);
  await page.goBack();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/space`);
  await expect(activeTab(page)).toHaveText('Search space');
  await page.goBack();
  await expect(activeTab(page)).toHaveText('Overview');
});

test('the drawer steps to the trial before and after it (‹ ›, [ ]) among those the filters show; a step replaces the history entry, so Back skips the steps', async ({ page, knobs }) => {
  await page.goto(`${knobs.origin}/searches/${searchId}/trials`);
  await page.goto(`${knobs.origin}/searches/${searchId}/trials?trial=2`);
  const title = page.getByTestId('drawer-title');
  await expect(title).toHaveText('Trial 2');
  await expect(page.getByTestId('drawer-prev')).toHaveText('‹ 1');
  await page.getByTestId('drawer-next').click();
  await expect(title).toHaveText('Trial 3');
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials?trial=3`);
  await page.keyboard.press(']');
  await expect(title).toHaveText('Trial 4');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(title).toHaveText('Trial 2');
  // At the ends there is nothing to step to.
  await page.goto(`${knobs.origin}/searches/${searchId}/trials?trial=0`);
  await expect(page.getByTestId('drawer-prev')).toBeDisabled();
  await page.goto(`${knobs.origin}/searches/${searchId}/trials?trial=5`);
  await expect(page.getByTestId('drawer-next')).toBeDisabled();
  await shot(page, 'url-drawer-steps');
  // Stepping replaced the drawer's entry: Back leaves the drawer for the page before it.
  await page.getByTestId('drawer-prev').click();
  await expect(title).toHaveText('Trial 4');
  await page.goBack();
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials?trial=0`);
});

test('a copied link works in another tab of the same browser; another browser gets a plain message naming the token', async ({ page, knobs, app }) => {
  const link = `${knobs.origin}/searches/${searchId}/curves?trial=2`;
  const other = await app.context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('curve-points')).toHaveText(/epochs of 6 trials/);
  await expect(other.getByTestId('trial-drawer')).toContainText('Trial 2');
  await other.close();

  const stranger = await page.context().browser()!.newContext();
  const bare = await stranger.newPage();
  const res = await bare.goto(link);
  expect(res?.status()).toBe(401);
  await expect(bare.locator('body')).toContainText('needs the token "knobs serve" printed when it started');
  await expect(bare.locator('body')).toContainText('Open the URL it printed');
  await stranger.close();
});

test('the data sets, the editor\'s entry points, a project, the playground and experiments have paths too', async ({ page, knobs }) => {
  const projects = await knobs.call('projects.list', undefined);
  const project = projects.find((p) => p.name === 'urls')!;
  await page.goto(`${knobs.origin}/datasets/wine`);
  await expect(page.getByTestId('citation')).toBeVisible();
  // Each page names what it shows in the window's title (a tab's, a history entry's).
  await expect(page).toHaveTitle('wine · Knobs');
  // A synthetic set has no page of rows, and says why; a name that is no data set says so; neither asks the engine for a preview.
  // (Requests are told apart by the data set they name: wine's own preview may still be under way when its page shows.)
  const previews: string[] = [];
  page.on('request', (r) => {
    const body = r.postData() ?? '';
    if (r.url().includes('datasets.preview') && !body.includes('"wine"')) previews.push(body);
  });
  await page.goto(`${knobs.origin}/datasets/sine`);
  await expect(page.getByText('“sine” is a synthetic data set')).toBeVisible();
  await page.goto(`${knobs.origin}/datasets/nowhere`);
  await expect(page.getByText('No data set named “nowhere”')).toBeVisible();
  expect(previews).toEqual([]);
  await page.goto(`${knobs.origin}/new?dataset=wine`);
  await expect(page.getByTestId('ed-builtin')).toContainText('wine');
  await expect(page.getByTestId('knob-0')).toBeVisible();
  await expect(page).toHaveTitle('New search · Knobs');
  await page.goto(`${knobs.origin}/new?from=${searchId}`);
  await expect(page.getByTestId('ed-name').locator('input')).toHaveValue('moons quick copy');
  await page.goto(`${knobs.origin}/projects/${project.id}`);
  await expect(page.getByTestId('project-name')).toHaveText('urls');
  await expect(page).toHaveTitle('urls · Knobs');
  await page.goto(`${knobs.origin}/playground`);
  await expect(page.getByTestId('pg-chart')).toBeVisible();
  await expect(page).toHaveTitle('Optimizer playground · Knobs');
  await page.goto(`${knobs.origin}/experiments`);
  await expect(page.getByTestId('experiment-init-comparison')).toBeVisible();
  await page.goto(`${knobs.origin}/searches/${searchId}/compare?trials=1,3`);
  await expect(page.getByTestId('compare-diff')).toContainText('trial 1');
  await expect(page.getByTestId('compare-diff')).toContainText('trial 3');
  await expect(page).toHaveTitle('moons quick · Knobs');
  // Stop reasons in words, as the table and the drawer write them ("max epochs", not "max_epochs").
  await expect(page.getByTestId('compare-diff')).toContainText(/(max epochs|early stopping) @ \d+ \(best \d+\)/);
  await expect(page.getByTestId('compare-diff')).not.toContainText(/max_epochs|early_stopping/);
  // The seed spread of a search with no re-run (a tab it does not have): its Overview in its place,
  // the address replaced, and a note saying why and where a re-run is made.
  await page.goto(`${knobs.origin}/searches/${searchId}/seeds`);
  await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}`);
  await expect(activeTab(page)).toHaveText('Overview');
  await expect(page.getByTestId('best-so-far')).toBeVisible();
  await expect(page.getByTestId('no-seeds')).toContainText('“moons quick” has no seed re-run yet');
  await expect(page.getByTestId('no-seeds')).toContainText('“Re-run top … with … seeds” in the header');
  await shot(page, 'urls-seeds-without-rerun');
  await tabOf(page, 'Trials').click();
  await expect(page.getByTestId('no-seeds')).toBeHidden();
  // A word that names no tab (a typo, an old link): the search's Overview in its place, with a note naming the word and the tabs there are, each a link.
  for (const load of ['reload', 'in the app'] as const) {
    if (load === 'reload') await page.goto(`${knobs.origin}/searches/${searchId}/bogus?trial=1`);
    else await page.evaluate(() => window.history.pushState({}, '', `${location.pathname.replace(/\/trials$/, '')}/bogus?trial=1`)).then(() => page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate'))));
    await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}?trial=1`);
    await expect(activeTab(page)).toHaveText('Overview');
    await expect(page.getByTestId('trial-drawer')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('no-tab')).toHaveText('“moons quick” has no tab “bogus”, so here is its overview. Its tabs are Overview (/overview), Search space (/space), Curves (/curves), Trials (/trials) and Compare (/compare). Seed spread (/seeds) comes with a seed re-run.');
    await expect(page.getByText('Nothing lives at')).toHaveCount(0);
    if (load === 'reload') await shot(page, 'urls-unknown-tab');
    await page.getByTestId('no-tab').getByRole('link', { name: 'Trials' }).click();
    await expect(page).toHaveURL(`${knobs.origin}/searches/${searchId}/trials`);
    await expect(page.getByTestId('no-tab')).toBeHidden();
  }
  // A search that is not there says so, once (not in the error banner as well); a path that is no place of the app is the server's 404.
  await page.goto(`${knobs.origin}/searches/999`);
  await expect(page.getByTestId('search-unloaded')).toHaveText('No search 999: it may have been deleted. The searches are listed in the sidebar.');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByText('999')).toHaveCount(1);
  await shot(page, 'urls-no-such-search');
  expect((await page.request.get(`${knobs.origin}/no/such/place`)).status()).toBe(404);
});
