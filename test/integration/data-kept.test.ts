// A search on a CSV reads its file once while it is in use: its drawer's pictures, a replay, the
// test evaluation and a seed re-run take the data set the Workbench keeps loaded (a drawer's replay of a trial on a CSV
// of 160,000 rows read it again for 6 s, stalling every other request meanwhile). Counted on the
// data module's loaders, spied on and passed through; a file that changed is still refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as data from '../../src-core/data';
import type { Dataset } from '../../src-core/data/types';
import { CsvReader } from '../../src-core/data/csv-reader';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { caller, runToEnd, searchEnd } from '../helpers/call';
import { touchLater } from '../helpers/files';

vi.mock('../../src-core/data', async (original) => {
  const real = await original<typeof import('../../src-core/data')>();
  return { ...real, loadDataset: vi.fn(real.loadDataset), importCsvFile: vi.fn(real.importCsvFile), importCsvFileRead: vi.fn(real.importCsvFileRead) };
});
// Reads on the CSV reader's worker thread (outside these mocks) are counted where they are asked for.
const workerLoads = vi.spyOn(CsvReader.prototype, 'load');
const reads = (): number => [data.loadDataset, data.importCsvFile, data.importCsvFileRead].reduce((n, f) => n + vi.mocked(f).mock.calls.length, 0) + workerLoads.mock.calls.length;
const clearReads = (): void => {
  for (const f of [data.loadDataset, data.importCsvFile, data.importCsvFileRead]) vi.mocked(f).mockClear();
  workerLoads.mockClear();
};

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);
let file: string;
let id: number;
const csv = (flip = false): string => ['a,b,label', ...Array.from({ length: 400 }, (_, i) => `${Math.sin(i)},${Math.cos(i * 1.3)},${(i % 7 === 0) !== flip ? 'rare' : 'common'}`)].join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-kept-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false, watchMs: 0 });
  file = join(dir, 'rows.csv');
  writeFileSync(file, csv());
  const spec = {
    project: 'p', name: 'csv', dataset: { csv: file, target: 'label' }, split: { kind: 'holdout', val: 0.2, test: 0.2 },
    train: { epochs: 4, hiddenLayers: [8] }, space: {}, strategy: { kind: 'random' }, budget: { trials: 2 }, workers: 1, seed: 3,
  };
  id = await runToEnd(wb, spec);
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a CSV search\'s data set, kept loaded', () => {
  it('is read once for the search; its drawer, a replay and the test evaluation read it no more', async () => {
    // Once, on the CSV worker (the editor's check and the search's creation share it).
    expect(workerLoads.mock.calls.length).toBe(1);
    expect(reads()).toBe(1);
    clearReads();
    const c = await call('trials.threshold', { searchId: id, number: 0 });
    expect(c.replay.identical, c.replay.message).toBe(true);
    expect([c.rows, c.classes[c.positive]]).toEqual([80, 'rare']);
    expect(await call('trials.boundary', { searchId: id, number: 1 })).toMatchObject({ steps: 64, replay: { identical: true } });
    expect((await call('trials.replay', { searchId: id, number: 1 })).identical).toBe(true);
    const test = await call('trials.evaluateTest', { searchId: id, number: 0 });
    expect(test.folds).toBe(1);
    // A seed re-run of its best trial runs on the same rows.
    const child = await call('searches.rerun', { id, top: 1, seeds: 2, start: false });
    const ended = searchEnd(wb, child.id);
    await call('searches.start', { id: child.id });
    await ended;
    expect((await call('searches.get', { id: child.id })).status).toBe('complete');
    expect(reads()).toBe(0);
  }, 120_000);

  it('a file that changed since the search ran is still refused, and a refused test evaluation leaves none running', async () => {
    writeFileSync(file, csv(true));
    await expect(call('trials.replay', { searchId: id, number: 0 })).rejects.toThrow(/changed/);
    await expect(call('trials.evaluateTest', { searchId: id, number: 1, again: true })).rejects.toThrow(/changed/);
    writeFileSync(file, csv());
    expect((await call('trials.evaluateTest', { searchId: id, number: 1, again: true })).trialNumber).toBe(1);
  }, 120_000);
});

describe('a CSV just imported', () => {
  const passengers = (): string => readFileSync(join(__dirname, '../fixtures/csv/passengers.csv'), 'utf8');
  const symptoms = ['dose,symptoms', ...Array.from({ length: 30 }, (_, i) => `${(i % 10) / 2},${['none', 'mild', 'severe'][Math.floor((i % 10) / 4)]}`)].join('\n');
  const money = ['price,rooms,kind', ...Array.from({ length: 40 }, (_, i) => `"$${(1000 + i * 37.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}",${1 + (i % 5)},${i % 3 === 0 ? 'flat' : 'house'}`)].join('\n');
  const counts = ['x,y', ...Array.from({ length: 30 }, (_, i) => `${i / 10},${i % 4}`)].join('\n');
  const cases: [string, Parameters<typeof call<'datasets.importCsv'>>[1]][] = [
    ['plain', { name: 'plain', text: csv(), target: 'label' }],
    ['columns left out and rows dropped', { name: 'passengers', text: passengers(), target: 'Survived', exclude: ['PassengerId', 'Name', 'Ticket', 'Cabin'], missing: 'drop' }],
    ['a word read as a value', { name: 'symptoms', text: symptoms, target: 'symptoms', notMissing: ['None'] }],
    ['money in dollars', { name: 'money', text: money, target: 'kind' }],
    ['whole numbers read as a regression', { name: 'counts', text: counts, target: 'y', task: 'regression' }],
  ];
  /** The data sets the Workbench keeps loaded by file (its DataSets' private `fileSets`), the latest last. */
  const kept = (): Dataset[] => [...(wb as unknown as { data: { fileSets: Map<string, { dataset: Dataset | null }> } }).data.fileSets.values()].flatMap((e) => (e.dataset ? [e.dataset] : []));

  it.each(cases)('%s: is kept as reading its file gives it, so its page, the editor\'s check and its first search read the file no more', async (_, input) => {
    const d = await call('datasets.importCsv', input);
    const ref = d.ref as { csv: string; target: string };
    clearReads();
    const page = await call('datasets.preview', { name: d.name });
    const spec = { project: 'p', name: `on ${d.name}`, dataset: ref, train: { epochs: 1 }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1 };
    expect((await call('searches.validate', { spec })).issues).toEqual([]);
    await call('searches.create', { spec, start: false });
    // The page of a copy (columns left out, rows dropped) is read from it once, on the CSV worker: the import read the original text.
    const copy = Boolean(input.exclude?.length);
    expect(reads()).toBe(copy ? 1 : 0);
    expect(workerLoads.mock.calls.length).toBe(copy ? 1 : 0);
    // What is kept is what the file reads, field for field (the name the file's), and the page the file's page.
    const fromFile = data.loadDataset(ref, 1);
    expect(kept().find((k) => k.name === fromFile.name)).toEqual(fromFile);
    clearReads();
    touchLater(ref.csv);
    expect(await call('datasets.preview', { name: d.name })).toEqual(page);
    // Read again once the file changed: once, on the worker, for the data set and its page together.
    expect([reads(), workerLoads.mock.calls.length]).toEqual([1, 1]);
    // And what the worker read (kept last) is what the file reads here.
    expect(kept().filter((k) => k.name === fromFile.name).at(-1)).toEqual(data.loadDataset(ref, 1));
  });
});

describe("a regression trial's findings", () => {
  it('read its target from a CSV not loaded yet on the CSV worker, and say the same as from the kept data set', async () => {
    const sine = join(dir, 'sine.csv');
    writeFileSync(sine, ['x,y', ...Array.from({ length: 120 }, (_, i) => `${i / 20},${(Math.sin(i / 20) * 3 + 5).toFixed(4)}`)].join('\n'));
    const s = await runToEnd(wb, {
      project: 'p', name: 'sine', dataset: { csv: sine, target: 'y' }, objective: { metric: 'val_rmse' },
      train: { epochs: 3, hiddenLayers: [8] }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, workers: 1, seed: 2,
    });
    const kept = await call('trials.diagnostics', { searchId: s, number: 0 });
    // As after a restart: the file's time moved on, so nothing kept matches it (its bytes, which the search checks, are the same).
    touchLater(sine);
    clearReads();
    expect(await call('trials.diagnostics', { searchId: s, number: 0 })).toEqual(kept);
    expect([reads(), workerLoads.mock.calls.length]).toEqual([1, 1]);
  });

  it('a classification\'s count the weight updates over its training rows, read the same way', async () => {
    const rings = join(dir, 'few-rows.csv');
    writeFileSync(rings, ['x,label', ...Array.from({ length: 100 }, (_, i) => `${i / 10},${i % 3 === 0 ? 'a' : 'b'}`)].join('\n'));
    const s = await runToEnd(wb, {
      project: 'p', name: 'few rows', dataset: { csv: rings, target: 'label' },
      train: { epochs: 3, hiddenLayers: [4], batchSize: 256, lr: 1e-4 }, space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, workers: 1, seed: 2,
    });
    touchLater(rings);
    clearReads();
    const d = await call('trials.diagnostics', { searchId: s, number: 0 });
    expect([reads(), workerLoads.mock.calls.length]).toEqual([1, 1]);
    // 100 rows, a 60/20/20 split: 60 training rows, one batch an epoch.
    expect(d.findings.map((f) => f.advice).join(' ')).toMatch(/Only 3 weight updates in all: 3 epochs of one batch, as the batch size \(256\) holds all 60 training rows\./);
  });
});
