// Export project… and Import project… in browser mode (issue #15, item 5): a project with an
// imported CSV and IDX data set and diverged trials is downloaded as one file, imported back beside
// itself (it becomes "carry (2)", said in the message, its data sets reused), and opens with its
// searches and charts; a damaged bundle is refused with a message and nothing changes. Light and dark.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptimizerName } from '../../src-core/api/contract';
import { expect, setTheme, shot, test } from './fixtures';
import { runSearches, type SearchSpec } from './searches';

test.use({ database: 'bundle' });
test.describe.configure({ mode: 'serial' });

const ids: Record<string, number> = {};
let bundleFile = '';

test.beforeAll(async ({ knobs }) => {
  test.setTimeout(600_000);
  const rings = await knobs.call('datasets.importCsv', { name: 'rings', text: readFileSync(knobs.files.rings, 'utf8'), target: 'label' });
  const bars = await knobs.call('datasets.importIdx', { name: 'bars', images: readFileSync(knobs.files.idxImages).toString('base64'), labels: readFileSync(knobs.files.idxLabels).toString('base64') });
  const spec = (name: string, dataset: SearchSpec['dataset'], optimizer: OptimizerName, low: number, high: number): SearchSpec => ({
    project: 'carry', name, dataset, train: { epochs: 6, batchSize: 16, hiddenLayers: [12], optimizer, earlyStopping: false },
    space: { lr: { type: 'float', low, high, log: true } }, strategy: { kind: 'random' }, budget: { trials: 10 }, workers: 2, seed: 3,
  });
  // An imported data set's ref is what a spec's dataset holds (the contract types a built-in's name as any string).
  Object.assign(ids, await runSearches(knobs, {
    rings: spec('rings momentum', rings.ref as SearchSpec['dataset'], 'momentum', 1e-2, 100),
    bars: spec('bars adam', bars.ref as SearchSpec['dataset'], 'adam', 1e-4, 1),
    other: { ...spec('wine', { builtin: 'wine' }, 'adam', 1e-4, 1), project: 'other' },
  }));
});

test('Export project… downloads one file; Import project… adds it beside the original as "carry (2)" and says so', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await setTheme(page, 'light');
  await page.getByTestId('project-carry').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-export').click()]);
  expect(download.suggestedFilename()).toBe('carry.knobs');
  bundleFile = join(knobs.dir, 'carry.knobs');
  await download.saveAs(bundleFile);
  expect(readFileSync(bundleFile).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  await expect(page.locator('.n-message')).toContainText('Downloaded the project “carry” as carry.knobs');
  await shot(page, 'bundle-exported');

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('nav-import-project').click()]);
  await chooser.setFiles(bundleFile);
  const note = page.locator('.n-message', { hasText: 'Imported the project' });
  await expect(note).toContainText('Imported the project “carry (2)”: 2 searches, 20 trials, 2 data sets.');
  await expect(note).toContainText('A project named "carry" already exists here; the imported one is "carry (2)".');
  await expect(note).toContainText('The data set "rings" is already here with the same data; the imported searches use it.');
  await expect(page.getByTestId('project-name')).toHaveText('carry (2)');
  await expect(page.getByTestId('project-searches').locator('tbody tr')).toHaveCount(2);
  await shot(page, 'bundle-imported-light');
  await setTheme(page, 'dark');
  await shot(page, 'bundle-imported-dark');
  await setTheme(page, 'light');

  // The imported searches open with the same trials and charts as the originals.
  const projects = await knobs.call('projects.list', undefined);
  const copy = projects.find((p) => p.name === 'carry (2)')!;
  const searches = await knobs.call('searches.list', { projectId: copy.id });
  const imported = searches.find((s) => s.name === 'rings momentum')!;
  const original = await knobs.call('searches.get', { id: ids.rings });
  expect(imported).toMatchObject({ best: original.best, counts: original.counts, finished: original.finished });
  expect((original.counts.diverged ?? 0) + (original.counts.failed ?? 0), 'momentum up to lr 100 should make trials diverge').toBeGreaterThan(0);
  await page.getByTestId('project-searches').getByText('rings momentum').click();
  await page.getByTestId('best-so-far').locator('canvas').first().waitFor();
  await expect(page.getByTestId('edge-counts')).toContainText('failed or diverged');
  await shot(page, 'bundle-imported-search');
});

test('a damaged bundle is refused with a message naming the file, and nothing is imported', async ({ page, knobs }) => {
  const before = (await knobs.call('projects.list', undefined)).length;
  const cut = join(knobs.dir, 'cut.knobs');
  const bytes = readFileSync(bundleFile);
  writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('nav-import-project').click()]);
  await chooser.setFiles(cut);
  await expect(page.getByTestId('error')).toContainText('"cut.knobs" cannot be imported: it is damaged or truncated');
  await expect(page.getByTestId('error')).toContainText('Nothing was imported; the database is unchanged.');
  expect((await knobs.call('projects.list', undefined)).length).toBe(before);
  await shot(page, 'bundle-refused');
});
