// A search's status stays true: Stop asks first, a stopped search resumes from the app, Pause and
// Resume change the words as well as the tag, "Trials (N)" counts only trials that started, an
// export says where it went, and a search a terminal's `knobs run` trains shows live and says so.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, root, SEARCH_WAIT_MS, shot, tabOf, test } from './fixtures';

test.use({ database: 'status' });
test.describe.configure({ mode: 'serial' });

let id = 0;

test.beforeAll(async ({ knobs }) => {
  // Created, not started (the page starts it); one worker, trials of about 2 s each and a budget of
  // 1,000 (half an hour of work), so it is still running whenever the test acts (with 50 it once
  // completed before the Pause click, 90 s in).
  const s = await knobs.call('searches.create', {
    spec: {
      project: 'status', name: 'slow moons', dataset: { synthetic: 'moons', n: 800, noise: 0.2 },
      train: { epochs: 5000, batchSize: 4, hiddenLayers: [32], earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true } }, strategy: { kind: 'random' }, budget: { trials: 1000 }, workers: 1, seed: 3,
    },
  });
  id = s.id;
});

test('Stop asks first; a stopped search says what Resume does, and resumes from the app', async ({ page, knobs }) => {
  await page.goto(`${knobs.url}`);
  await page.goto(`${knobs.origin}/searches/${id}/trials`);
  await expect(page.getByTestId('status')).toHaveText('not started');
  await expect(page.getByTestId('resume')).toHaveText('Start');
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('status')).toHaveText('running', { timeout: 30_000 });
  await page.getByTestId('trials').locator('tbody tr').first().waitFor();
  await page.getByTestId('stop').click();
  await expect(page.getByText('Stop “slow moons”?')).toBeVisible();
  await shot(page, 'status-stop-confirm');
  await page.getByRole('button', { name: 'Keep running' }).click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await page.getByTestId('stop').click();
  await page.locator('.n-dialog').getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('stopped', { timeout: 30_000 });
  await expect(page.getByTestId('status-text')).toContainText(/^Stopped by you after \d+ trials?\. Resume runs the \d+ trials? left/);
  await expect(page.getByTestId('resume')).toBeEnabled();
  await shot(page, 'status-stopped');
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('status')).toHaveText('running', { timeout: 30_000 });
  await expect(page.getByTestId('status-text')).toContainText(/^Running: /);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveText('paused', { timeout: 30_000 });
  await expect(page.getByTestId('status-text')).toContainText(/^Paused after \d+ trials?\. Resume runs/);
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('status')).toHaveText('running', { timeout: 30_000 });
  await expect(page.getByTestId('status-text')).not.toContainText('aused');
  await page.getByTestId('stop').click();
  await page.locator('.n-dialog').getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('stopped', { timeout: 30_000 });
  // Queued trials are planned, not started: the tab counts the trials that started, as the table lists them.
  // The table scrolls virtually (only the rows in view are in the DOM): its own count says how many it lists.
  // The list reloads a moment after the status turns: poll until it has the stored trials.
  const shownCount = async (): Promise<number> => Number((await page.getByTestId('trials-shown').textContent())?.match(/^(\d+) shown/)?.[1]);
  const started = (await knobs.call('trials.changes', { searchId: id, since: '' })).trials.filter((t) => t.status !== 'queued').length;
  await expect.poll(shownCount, { message: 'the table lists every trial that started' }).toBe(started);
  await expect(tabOf(page, 'Trials')).toHaveText(`Trials (${started})`);
});

test('exporting says where the file went', async ({ page, knobs }) => {
  // The export has every trial that started; those a pause left waiting (queued) never ran.
  const n = (await knobs.call('trials.changes', { searchId: id, since: '' })).trials.filter((t) => t.status !== 'queued').length;
  const said = `Downloaded ${n} trial${n === 1 ? '' : 's'} as slow_moons-trials.csv`;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trials').click()]);
  await expect(page.getByText(said)).toBeVisible();
  expect(readFileSync(await download.path(), 'utf8').trim().split('\n')).toHaveLength(n + 1);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
  await expect(page.getByText(said).first()).toBeVisible();
});

test('a search run by "knobs run" in a terminal shows live, says who runs it, and ends without a reload', async ({ page, knobs }) => {
  const spec = join(knobs.dir, 'terminal.json');
  writeFileSync(spec, JSON.stringify({
    project: 'terminal', name: 'from a terminal', dataset: { synthetic: 'moons', n: 800, noise: 0.2 }, seed: 4,
    // About 10 s a trial here: long enough to watch it grow, short enough to wait for its end.
    train: { epochs: 400, batchSize: 8, hiddenLayers: [128, 128], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true } }, strategy: { kind: 'random' }, budget: { trials: 3 },
  }));
  await page.goto(knobs.url);
  const child = spawn(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'run', spec, '--db', join(knobs.dir, 'knobs.db'), '--workers', '1', '--quiet'], { cwd: root, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    // The sidebar lists it without a reload; its header names the process and offers no pause or stop.
    await page.getByTestId('search-from a terminal').click({ timeout: 30_000 });
    await expect(page.getByTestId('status-text')).toContainText(`Running in another process (pid ${child.pid}, such as "knobs run" in a terminal)`, { timeout: 30_000 });
    await expect(page.getByTestId('pause')).toBeDisabled();
    await expect(page.getByTestId('stop')).toBeDisabled();
    // Its curves grow as that process trains (read from the file: no epochs reach this one).
    await tabOf(page, 'Curves').click();
    const points = async (): Promise<number> => Number((await page.getByTestId('curve-points').textContent())?.match(/^(\d+) epochs/)?.[1] ?? 0);
    await expect.poll(points, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await points();
    await expect.poll(points, { timeout: 30_000, message: 'the curves grow while the terminal trains' }).toBeGreaterThan(first);
    await shot(page, 'elsewhere-running');
  } finally {
    if ((await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), SEARCH_WAIT_MS))])) === 'timeout') child.kill('SIGKILL');
  }
  expect(await exited).toBe(0);
  await expect(page.getByTestId('status')).toHaveText('complete', { timeout: 30_000 });
  await expect(page.getByTestId('curve-points')).toHaveText(/^1200 epochs of 3 trials/, { timeout: 30_000 });
  await expect(page.getByTestId('resume')).toBeDisabled();
  await shot(page, 'elsewhere-complete');
  // Its budget says the terminal's one worker, not the workers this server would train on.
  await tabOf(page, 'Overview').click();
  await expect(page.getByTestId('budget')).toContainText(/^3 trials on 1 worker, /);
  await shot(page, 'elsewhere-overview');
});
