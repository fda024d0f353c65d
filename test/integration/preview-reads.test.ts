import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CsvReader } from '../../src-core/data/csv-reader';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { caller } from '../helpers/call';
import { touchLater } from '../helpers/files';

// Every read of a file through node:fs, counted by path, as the workbench makes them.
const reads = vi.hoisted(() => new Map<string, number>());
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (typeof path === 'string') reads.set(resolve(path), (reads.get(resolve(path)) ?? 0) + 1);
    return (real.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readFileSync;
  return { ...real, default: { ...real, readFileSync }, readFileSync };
});

// And every read the CSV reader's worker makes (a thread these mocks do not reach), by the path it is asked for.
const load = CsvReader.prototype.load;
vi.spyOn(CsvReader.prototype, 'load').mockImplementation(function (this: CsvReader, path, options) {
  reads.set(resolve(path), (reads.get(resolve(path)) ?? 0) + 1);
  return load.call(this, path, options);
});

let store: Store;
let wb: Workbench;
const call = caller(() => wb);

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'knobs-reads-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1 });
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
});

const csv = (n: number): string => ['x1,x2,price,y', ...Array.from({ length: n }, (_, i) => `${i % 7},${(i * 3) % 5},$${i}.50,${i % 3 === 0 ? 'a' : 'b'}`)].join('\n');

describe("an imported CSV's page", () => {
  it('is made from what the import read, without reading the file; once the file changed, read once at its first visit, and then not at all', async () => {
    const d = await call('datasets.importCsv', { name: 'once', text: csv(60), target: 'y' });
    const file = resolve('csv' in d.ref ? d.ref.csv : '');
    reads.delete(file);
    const kept = await call('datasets.preview', { name: 'once' });
    expect(reads.get(file)).toBeUndefined();
    touchLater(file);
    const page = await call('datasets.preview', { name: 'once' });
    expect(reads.get(file)).toBe(1);
    expect(page).toEqual(kept);
    // The page is that of the file as read whole: the money column read as numbers, 60 rows, the class counts.
    expect(page.totalRows).toBe(60);
    expect(page.columns.find((c) => c.name === 'price')).toMatchObject({ kind: 'numeric', min: 0.5, max: 59.5 });
    expect(page.classCounts).toEqual([20, 40]);
    expect(page.rows[1]).toEqual(['1', '3', '1.50', 'b']);
    await call('datasets.preview', { name: 'once' });
    expect(reads.get(file)).toBe(1);
  });

  it('takes the page read with the data set where the editor\'s check loaded it first, and reads once more only where the data set came another way', async () => {
    const d = await call('datasets.importCsv', { name: 'checked', text: csv(30), target: 'y' });
    const file = resolve('csv' in d.ref ? d.ref.csv : '');
    reads.delete(file);
    // Just imported: the check takes what the import read.
    expect((await call('searches.validate', { spec: { dataset: d.ref } })).issues).toEqual([]);
    expect(reads.get(file)).toBeUndefined();
    touchLater(file);
    // Loaded by the check on the CSV worker, with the page of that read: the page reads nothing.
    expect((await call('searches.validate', { spec: { dataset: d.ref } })).issues).toEqual([]);
    expect(reads.get(file)).toBe(1);
    const page = await call('datasets.preview', { name: 'checked' });
    expect(reads.get(file)).toBe(1);
    expect([page.totalRows, page.classCounts]).toEqual([30, [10, 20]]);
    // Loaded another way (a search's study, say, on this thread): the page is read for itself, on the worker.
    touchLater(file);
    (wb as unknown as { data: { fileData: (spec: unknown) => unknown } }).data.fileData({ dataset: d.ref, seed: 0 });
    expect(reads.get(file)).toBe(2);
    expect(await call('datasets.preview', { name: 'checked' })).toEqual(page);
    expect(reads.get(file)).toBe(3);
  });
});
