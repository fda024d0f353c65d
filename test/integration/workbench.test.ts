import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent, SearchSummary } from '../../src-core/api/contract';
import { BadInputError, NotFoundError } from '../../src-core/errors';
import { CHANNELS, isChannel } from '../../src-core/api/channels';
import { INPUTS } from '../../src-core/api/schemas';
import { batchPushes } from '../../src-core/service/push';
import { Workbench } from '../../src-core/service/workbench';
import { decodeFloats } from '../../src-core/api/floats';
import { overlayMap } from '../../src-renderer/src/charts/curves';
import { Store } from '../../src-core/store/store';
import { createSearch, Study } from '../../src-core/search/study';
import { caller } from '../helpers/call';
import { touchLater } from '../helpers/files';
import { failedAlong, failedOver } from '../../src-core/analysis/failed-near';
import type { ParamSpec } from '../../src-core/spec/spec';

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-wb-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1 });
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
});

function finished(searchId: number): Promise<void> {
  return new Promise((resolve) => {
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished' && e.searchId === searchId) {
        wb.off('push', on);
        resolve();
      }
    };
    wb.on('push', on);
  });
}

describe('a data file that changed since its search started', () => {
  it('the app does not resume the search on it (as knobs resume does not), and resumes it once the file is back', async () => {
    const csv = join(dir, 'changing.csv');
    const rows = ['x1,x2,y', ...Array.from({ length: 60 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`)];
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const spec = {
      project: 'changing', name: 'on a csv', dataset: { csv, target: 'y' }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 }, workers: 1, seed: 1,
    };
    const s = (await call('searches.create', { spec, start: false })) as SearchSummary;
    writeFileSync(csv, `${rows.slice(0, 31).join('\n')}\n`);
    await expect(call('searches.start', { id: s.id })).rejects.toThrow(/changed since search \d+/);
    expect(((await call('searches.get', { id: s.id })) as SearchSummary).status).toBe(s.status);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const done = finished(s.id);
    await call('searches.start', { id: s.id });
    await done;
    expect(((await call('searches.get', { id: s.id })) as SearchSummary).status).toBe('complete');
  });
});

describe('a regression\'s curves', () => {
  it('carry its validation RMSE, MAE and R² in the target\'s units, pushed, stored and in the overlay, where a classification\'s are empty', async () => {
    const spec = {
      project: 'curves in units', name: 'sine', dataset: { synthetic: 'sine', n: 120, noise: 0.1 }, targetPreprocess: 'zscore', objective: { metric: 'val_rmse' },
      train: { epochs: 3, hiddenLayers: [8], earlyStopping: false }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 }, workers: 1, seed: 3,
    };
    const pushed: Extract<PushEvent, { type: 'epoch' }>[] = [];
    const on = (e: PushEvent): void => void (e.type === 'epoch' && pushed.push(e));
    wb.on('push', on);
    const s = (await call('searches.create', { spec, start: false })) as SearchSummary;
    const done = finished(s.id);
    await call('searches.start', { id: s.id });
    await done;
    wb.off('push', on);
    const o = await call('trials.overlay', { searchId: s.id });
    expect(o.trial).toEqual([0, 1]);
    // A column missing on the whole page is sent as '', not as packed NaNs.
    expect(o.valAccuracy).toBe('');
    const drawn = overlayMap(o);
    for (const number of o.trial) {
      const t = await call('trials.get', { searchId: s.id, number });
      const c = t.curves;
      expect(c.valRmse).toHaveLength(3);
      expect(c.valAccuracy.every((v) => v === null)).toBe(true);
      // The objective is the best epoch's RMSE, in the target's units: not the loss on the standardised target, nor its root.
      expect(t.objective).toBe(c.valRmse[t.bestEpoch! - 1]);
      expect(c.valRmse[0]).not.toBeCloseTo(Math.sqrt(c.valLoss[0]!), 3);
      for (const key of ['valRmse', 'valMae', 'valR2'] as const) {
        expect(drawn.get(number)![key]).toEqual(c[key].map((v) => Math.fround(v!)));
        expect(pushed.filter((p) => p.searchId === s.id && p.number === number).map((p) => p[key])).toEqual(c[key]);
      }
      c.valR2.forEach((r2) => expect(r2).toBeLessThanOrEqual(1));
    }
  });
});

describe('the contract', () => {
  it('lists the same channels in the Workbench, the channel list and the input schemas', () => {
    expect([...wb.channels()].sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(INPUTS).sort()).toEqual([...CHANNELS].sort());
    expect(isChannel('trials.get')).toBe(true);
    expect(isChannel('constructor')).toBe(false);
    expect(isChannel('trials.__proto__')).toBe(false);
  });

  it('refuses unknown requests and inputs to void channels', async () => {
    await expect(wb.call('__proto__.x', undefined)).rejects.toThrow(/Unknown request "__proto__.x"/);
    await expect(wb.call('datasets.list', { all: true })).rejects.toThrow('Invalid input for datasets.list: (top level): unknown key "all"');
    await expect(wb.call('datasets.list', 'all')).rejects.toThrow('Invalid input for datasets.list: (top level): this request takes no input (nothing, null or {})');
    expect(((await wb.call('datasets.list', null)) as unknown[]).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad input with issues naming each field, and missing things as not found', async () => {
    const bad = await wb.call('projects.rename', { id: 0, name: ' ' }).then(() => null, (e: unknown) => e);
    expect(bad).toBeInstanceOf(BadInputError);
    expect((bad as BadInputError).kind).toBe('bad-input');
    expect((bad as BadInputError).issues).toEqual([{ path: 'id', message: 'expected above 0, got 0' }, { path: 'name', message: 'must not be empty' }]);
    expect((bad as Error).message).toBe('Invalid input for projects.rename: id: expected above 0, got 0; name: must not be empty');
    const missing = await call('projects.rename', { id: 999, name: 'x' }).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect([(missing as NotFoundError).kind, (missing as Error).message]).toEqual(['not-found', 'No project 999']);
  });
});

describe('data sets', () => {
  it('previews a built-in with its class balance', async () => {
    const p = await call('datasets.preview', { name: 'iris' });
    expect(p.totalRows).toBe(150);
    expect(p.header).toHaveLength(5);
    expect(p.rows).toHaveLength(20);
    expect(p.classCounts).toEqual([50, 50, 50]);
    // What each column holds over the 150 rows, against NumPy (min, max, mean, population std, np.histogram(x, bins=20)).
    expect(p.columns.map((c) => c.name)).toEqual(p.header);
    const sepal = p.columns[0];
    expect(sepal).toMatchObject({ name: 'sepal length (cm)', kind: 'numeric', missing: 0, distinct: 35, min: 4.3, max: 7.9, top: [] });
    expect(sepal.mean).toBeCloseTo(5.843333333333334, 12);
    expect(sepal.sd).toBeCloseTo(0.8253012917851409, 12);
    expect(sepal.histogram).toEqual([4, 5, 7, 16, 9, 5, 13, 14, 10, 6, 10, 16, 7, 11, 4, 2, 4, 1, 5, 1]);
  });

  it('previews a CSV, proposes the target, and refuses a bad one naming the row and column', async () => {
    const text = 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n';
    const p = await call('datasets.previewCsv', { text });
    expect(p).toMatchObject({ header: ['a', 'b', 'label'], target: 'label', task: 'classification', totalRows: 3 });
    await expect(call('datasets.importCsv', { name: 'bad', text: 'a,b\n1,2\n3,\n', target: 'b' })).rejects.toThrow(/Row 3, column "b"/);
  });

  it('imports a CSV, keeps a copy beside the database, lists it with its class counts, and deletes it', async () => {
    const rows = ['x1,x2,y'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 7},${(i * 3) % 5},${i < 30 ? 'a' : 'b'}`);
    const d = await call('datasets.importCsv', { name: 'mine', text: rows.join('\n'), target: 'y' });
    expect(d).toMatchObject({ name: 'mine', kind: 'csv', rows: 40, features: 2, task: 'classification', classCounts: [30, 10] });
    const file = 'csv' in d.ref ? d.ref.csv : '';
    expect(file.startsWith(join(dir, 'datasets'))).toBe(true);
    expect(existsSync(file)).toBe(true);
    await expect(call('datasets.importCsv', { name: 'mine', text: rows.join('\n'), target: 'y' })).rejects.toThrow(/already exists/);
    // The editor's check names the data set as the user named it, not its stored copy ("mine-1796211886452.csv").
    const check = await call('searches.validate', { spec: { dataset: d.ref, objective: { metric: 'val_mae' } } });
    expect(check.issues).toEqual([{ path: 'objective.metric', message: '"val_mae" is not reported for classification data (mine); use one of "val_loss", "val_accuracy", "val_balanced_accuracy", "train_loss"' }]);
    const page = await call('datasets.preview', { name: 'mine' });
    expect(page.totalRows).toBe(40);
    // Kept while its file stays as it was (a big CSV took seconds to read at each visit of its page); the file written again is read again.
    expect(await call('datasets.preview', { name: 'mine' })).toBe(page);
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n6,4,b\n`);
    const again = await call('datasets.preview', { name: 'mine' });
    expect(again).not.toBe(page);
    expect([again.totalRows, again.classCounts]).toEqual([41, [30, 11]]);
    await call('datasets.delete', { id: d.id! });
    expect(existsSync(file)).toBe(false);
    expect((await call('datasets.list')).some((x) => x.name === 'mine')).toBe(false);
  });
});

describe("the editor's check of a target scaling the data cannot take", () => {
  it('names "log" on a target with values below 0 at targetPreprocess, as it is typed, and passes it on values ≥ 0', async () => {
    const rows = ['x,change', ...Array.from({ length: 30 }, (_, i) => `${i},${(i % 5) - 1}`)];
    const d = await call('datasets.importCsv', { name: 'changes', text: rows.join('\n'), target: 'change', task: 'regression' });
    const check = await call('searches.validate', { spec: { dataset: d.ref, targetPreprocess: 'log' } });
    expect(check.issues).toEqual([{ path: 'targetPreprocess', message: '"log" trains on ln(1 + target), which needs every value ≥ 0, but 6 of the 30 values of "change" are below 0 (the lowest -1); use "zscore", or import the column shifted to start at 0' }]);
    expect((await call('searches.validate', { spec: { dataset: d.ref, targetPreprocess: 'zscore' } })).issues).toEqual([]);
    await call('datasets.delete', { id: d.id! });
  });
});

describe('a CSV imported with columns left out and rows dropped', () => {
  const text = (): string => readFileSync(join(__dirname, '../fixtures/csv/passengers.csv'), 'utf8');

  it('the preview proposes the columns to leave out; the import keeps only what trains, as its page, its searches and its figures read it', async () => {
    const p = await call('datasets.previewCsv', { text: text(), target: 'Survived' });
    expect([p.exclude, p.missingRows]).toEqual([['PassengerId', 'Name', 'Ticket', 'Cabin'], 11]);
    expect((await call('datasets.previewCsv', { text: text(), target: 'Survived', exclude: [] })).missingRows).toBe(48);
    // Not dropping: refused with the first missing cell, and nothing is stored.
    const before = (await call('datasets.list')).length;
    await expect(call('datasets.importCsv', { name: 'passengers', text: text(), target: 'Survived', exclude: p.exclude })).rejects.toThrow(/^Row 4, column "Age": the value is missing/);
    await expect(call('datasets.importCsv', { name: 'passengers', text: text(), target: 'Survived', exclude: ['Survived'] })).rejects.toThrow(/cannot be left out/);
    await expect(call('datasets.importCsv', { name: 'passengers', text: text(), target: 'Survived', missing: 'impute' as 'drop' })).rejects.toThrow(/missing/);
    expect((await call('datasets.list')).length).toBe(before);
    const d = await call('datasets.importCsv', { name: 'passengers', text: text(), target: 'Survived', exclude: p.exclude, missing: 'drop' });
    expect(d).toMatchObject({ rows: 49, features: 9, task: 'classification' });
    expect(d.description).toBe('Imported CSV, target "Survived" (classification); left out "PassengerId", "Name", "Ticket", "Cabin"; 11 rows with a missing value dropped');
    const file = 'csv' in d.ref ? d.ref.csv : '';
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('Survived,Pclass,Sex,Age,SibSp,Fare,Embarked');
    const page = await call('datasets.preview', { name: 'passengers' });
    expect([page.header, page.totalRows]).toEqual([['Survived', 'Pclass', 'Sex', 'Age', 'SibSp', 'Fare', 'Embarked'], 49]);
    expect((await call('searches.validate', { spec: { dataset: d.ref } })).ok).toBe(true);
    // A spec naming the stored file with other options reads it so, and leaves the listed figures alone.
    const other = await call('searches.validate', { spec: { dataset: { ...d.ref, exclude: ['Fare'] } } });
    expect(other.ok).toBe(true);
    // The editor's check: the stored copy holds no id; the original file, named by path, does, and the check cautions about it.
    const onData = (cautions: { path: string }[]) => cautions.filter((c) => c.path.startsWith('dataset'));
    expect(onData((await call('searches.validate', { spec: { dataset: d.ref } })).cautions)).toEqual([]);
    const original = join(dir, 'passengers-original.csv');
    writeFileSync(original, text());
    const ids = await call('searches.validate', { spec: { dataset: { csv: original, target: 'Survived', exclude: ['Ticket', 'Cabin'], missing: 'drop' } } });
    expect(ids.ok).toBe(true);
    expect(onData(ids.cautions)).toEqual([{ path: 'dataset.exclude', message: expect.stringMatching(/^"PassengerId", "Name" hold a different value in every row.*"exclude": \["Ticket","Cabin","PassengerId","Name"\]$/) }]);
    // A batch past the training rows, said for the file as read (49 rows: 10 test, 10 validation, 29 train) and for a built-in whose rows the check knows (iris: 90 train).
    const batch = (cautions: { path: string; message: string }[]) => cautions.filter((c) => c.path.endsWith('batchSize')).map((c) => c.message.split(':')[0]);
    expect(batch((await call('searches.validate', { spec: { dataset: d.ref, train: { batchSize: 64 } } })).cautions)).toEqual(['a batch of 64 is more than the 29 training rows']);
    expect(batch((await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, space: { batchSize: { type: 'int', low: 8, high: 256 } } } })).cautions)).toEqual(['batchSize reaches past the 90 training rows']);
    expect(batch((await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, train: { batchSize: 90 } } })).cautions)).toEqual([]);
    const wrong = await call('searches.validate', { spec: { dataset: { ...d.ref, exclude: ['Cabin'] } } });
    expect(wrong.issues).toEqual([{ path: 'dataset.exclude', message: expect.stringMatching(/There is no column "Cabin" to leave out; the columns are: "Survived", "Pclass"/) }]);
    expect((await call('datasets.list')).find((x) => x.name === 'passengers')).toMatchObject({ rows: 49, features: 9 });
    await call('datasets.delete', { id: d.id! });
    // A wide file: eight of the columns left out are named, the rest counted.
    const wide = ['t,' + Array.from({ length: 20 }, (_, c) => `c${c}`).join(','), ...Array.from({ length: 10 }, (_, r) => `${r % 2},` + Array.from({ length: 20 }, (_, c) => r * c).join(','))].join('\n');
    const w = await call('datasets.importCsv', { name: 'wide', text: wide, target: 't', exclude: Array.from({ length: 15 }, (_, c) => `c${c}`) });
    expect(w.description).toBe('Imported CSV, target "t" (classification); left out "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7" and 7 more columns');
    await call('datasets.delete', { id: w.id! });
  });
});

describe('a CSV whose "none" is a class', () => {
  const text = ['dose,symptoms', ...Array.from({ length: 30 }, (_, i) => `${(i % 10) / 2},${['none', 'mild', 'severe'][Math.floor((i % 10) / 4)]}`)].join('\n');

  it('the preview lists the word and reads it as a value when asked; the data set keeps that reading for its page and its searches', async () => {
    const p = await call('datasets.previewCsv', { text, target: 'symptoms' });
    expect(p.missing).toEqual([0, 12]);
    expect(p.missingWords).toEqual([{ spelling: 'none', written: 'none', cells: 12, columns: ['symptoms'], value: false }]);
    await expect(call('datasets.importCsv', { name: 'symptoms', text, target: 'symptoms' })).rejects.toThrow(/If "none" is a value here, not a gap, read it as one: "notMissing": \["none"\]\.$/);
    await expect(call('datasets.previewCsv', { text, notMissing: ['unknown'] })).rejects.toThrow(/expected a spelling Knobs reads as missing/);
    const asValue = await call('datasets.previewCsv', { text, target: 'symptoms', notMissing: ['none'] });
    expect([asValue.missing, asValue.missingRows, asValue.missingWords[0].value, asValue.task]).toEqual([[0, 0], 0, true, 'classification']);
    const d = await call('datasets.importCsv', { name: 'symptoms', text, target: 'symptoms', notMissing: ['None'] });
    expect(d).toMatchObject({ rows: 30, classes: ['mild', 'none', 'severe'], classCounts: [12, 12, 6] });
    expect(d.ref).toMatchObject({ target: 'symptoms', notMissing: ['none'] });
    expect(d.description).toBe('Imported CSV, target "symptoms" (classification); "none" read as a value, not as missing');
    const page = await call('datasets.preview', { name: 'symptoms' });
    expect([page.totalRows, page.classes, page.columns[1].missing]).toEqual([30, ['mild', 'none', 'severe'], 0]);
    // A search on the data set as listed trains on its three classes; without the word it is refused at the cell.
    const ok = await call('searches.validate', { spec: { dataset: d.ref } });
    expect(ok.ok).toBe(true);
    const { notMissing: _, ...without } = d.ref as { notMissing?: string[] };
    const refused = await call('searches.validate', { spec: { dataset: without } });
    expect(refused.issues).toEqual([{ path: 'dataset', message: expect.stringMatching(/column "symptoms": the value is missing \("none"\)/) }]);
    // The listed figures stay those of the data set's own reading after the other spec was read.
    expect((await call('datasets.list')).find((x) => x.name === 'symptoms')).toMatchObject({ classes: ['mild', 'none', 'severe'] });
    await call('datasets.delete', { id: d.id! });
  });
});

describe('a data set imported by an older build', () => {
  it('lists the figures this build reads from its file once the file is read, and says the list changed', async () => {
    // Decimal commas: this build reads "size" as numbers (2 features); a build before that read made it categories.
    const text = ['size;weight;kind', ...Array.from({ length: 12 }, (_, i) => `${i},5;${i % 3},25;${i % 2 ? 'a' : 'b'}`)].join('\n');
    const d = await call('datasets.importCsv', { name: 'commas', text, target: 'kind' });
    expect(d).toMatchObject({ features: 2, rows: 12, classCounts: [6, 6] });
    // What an older reader stored: one-hot columns of the comma-written values, and classes it never saw.
    store.datasets.setMeta(d.id!, { ...store.datasets.need(d.id!).meta, features: 15, rows: 11, classes: ['a', 'b', 'c'], classCounts: [5, 5, 1] });
    expect((await call('datasets.list')).find((x) => x.name === 'commas')).toMatchObject({ features: 15, rows: 11 });
    // As a later process finds it: not the reading the import kept (the file's time moved on sets that aside).
    touchLater((d.ref as { csv: string }).csv);
    const pushes: PushEvent[] = [];
    const on = (e: PushEvent): void => void pushes.push(e);
    wb.on('push', on);
    const p = await call('datasets.preview', { name: 'commas' });
    wb.off('push', on);
    expect(p).toMatchObject({ totalRows: 12, classes: ['a', 'b'], classCounts: [6, 6] });
    expect((await call('datasets.list')).find((x) => x.name === 'commas')).toMatchObject({ features: 2, rows: 12, classes: ['a', 'b'], classCounts: [6, 6], task: 'classification' });
    expect(pushes).toContainEqual({ type: 'changed', what: 'datasets' });
    // Once true, reading the file again changes nothing and says nothing.
    pushes.length = 0;
    wb.on('push', on);
    await call('datasets.preview', { name: 'commas' });
    wb.off('push', on);
    expect(pushes).toEqual([]);
    await call('datasets.delete', { id: d.id! });
  });
});

describe('the search editor check', () => {
  it('reads a CSV as creating the search would: a missing file, a missing target column, a split the rows cannot make, a metric the target does not report', async () => {
    const file = join(dir, 'check.csv');
    const missing = await call('searches.validate', { spec: { dataset: { csv: join(dir, 'gone.csv'), target: 'y' } } });
    expect(missing.ok).toBe(false);
    expect(missing.issues).toEqual([{ path: 'dataset.csv', message: `cannot read "${join(dir, 'gone.csv')}": there is no such file; import the data set again, or choose another` }]);
    const rows = ['a,b,y', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${i % 2 ? 'odd' : 'even'}`)];
    writeFileSync(file, rows.join('\n'));
    const noTarget = await call('searches.validate', { spec: { dataset: { csv: file, target: 'label' } } });
    expect(noTarget.ok).toBe(false);
    expect(noTarget.issues).toHaveLength(1);
    expect(noTarget.issues[0].path).toBe('dataset.target');
    expect(noTarget.issues[0].message).toMatch(/There is no column "label" to use as the target; the columns are: "a", "b", "y"/);
    // The target's classes decide the task (the spec does not say it): val_rmse is refused.
    const metric = await call('searches.validate', { spec: { dataset: { csv: file, target: 'y' }, objective: { metric: 'val_rmse' } } });
    expect(metric.issues.map((i) => i.path)).toEqual(['objective.metric']);
    expect(metric.issues[0].message).toMatch(/"val_rmse" is not reported for classification data \(check\.csv\)/);
    const ok = await call('searches.validate', { spec: { dataset: { csv: file, target: 'y' } } });
    expect(ok).toMatchObject({ ok: true, issues: [] });
    // The file changed since it was read: read again (a target column added).
    writeFileSync(file, ['a,b,y,label', ...rows.slice(1).map((r, i) => `${r},${i % 2}`)].join('\n'));
    expect((await call('searches.validate', { spec: { dataset: { csv: file, target: 'label' } } })).ok).toBe(true);
    // Too few rows for the split asked for.
    writeFileSync(file, rows.slice(0, 4).join('\n'));
    const small = await call('searches.validate', { spec: { dataset: { csv: file, target: 'y' }, split: { kind: 'kfold', k: 5 } } });
    expect(small.ok).toBe(false);
    expect(small.issues).toEqual([{ path: 'split', message: expect.stringMatching(/^k-fold with k = 5 needs at least 5 rows outside the test split, but only \d remain/) }]);
  });

  it('loads a file once per version of it while it is in use, and lets go of it a while after', async () => {
    const st = Store.open(join(dir, 'keep.db'));
    const w = new Workbench({ store: st, version: 'test', workers: 1, backups: false, watchMs: 0, dataKeepMs: 150 });
    const check = caller(() => w);
    const file = join(dir, 'keep.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'odd' : 'even'}`);
    // Two versions of the file with the same size and time: only reading it again tells them apart.
    const write = (target: string): void => {
      writeFileSync(file, [`a,${target}`, ...rows].join('\n'));
      utimesSync(file, 1_700_000_000, 1_700_000_000);
    };
    write('y');
    const spec = { dataset: { csv: file, target: 'y' } };
    expect((await check('searches.validate', { spec })).ok).toBe(true);
    write('z');
    // Still the copy loaded a moment ago: the check as it is typed does not read the file at each keystroke.
    expect((await check('searches.validate', { spec })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    // Let go of: the next check reads the file again and finds no column "y".
    const after = await check('searches.validate', { spec });
    expect(after.issues.map((i) => i.path)).toEqual(['dataset.target']);
    await w.shutdown();
    st.close();
  });

  it('offers only words the spec accepts', async () => {
    const v = await call('app.vocabulary');
    // The limits the boxes stop at are those the engine refuses past.
    await expect(call('projects.create', { name: 'n'.repeat(v.limits.name + 1) })).rejects.toThrow(`name: must be at most ${v.limits.name} characters`);
    expect((await call('projects.create', { name: 'n'.repeat(v.limits.name) })).name).toHaveLength(v.limits.name);
    await expect(call('projects.setTags', { id: 1, tags: ['t'.repeat(v.limits.tag + 1)] })).rejects.toThrow(`a tag must be at most ${v.limits.tag} characters`);
    await expect(call('projects.setTags', { id: 1, tags: Array.from({ length: v.limits.tags + 1 }, (_, i) => `t${i}`) })).rejects.toThrow(`at most ${v.limits.tags} tags`);
    expect(v.trainKeys).toContain('lr');
    for (const [key, values] of Object.entries(v.choices)) {
      for (const value of values) expect((await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, train: { [key]: value } } })).issues).toEqual([]);
    }
    const valid = async (spec: Record<string, unknown>): Promise<unknown> => (await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, ...spec } })).issues;
    // Each monitor where its task reports it: the loss and accuracy on classes, the loss, RMSE, MAE and R² on a regression target.
    for (const monitor of v.monitors) {
      const onClasses = monitor === 'val_loss' || monitor === 'val_accuracy' || monitor === 'val_balanced_accuracy';
      expect(await valid({ train: { earlyStopping: { monitor } } }), monitor).toEqual(onClasses ? [] : [{ path: 'train.earlyStopping.monitor', message: `"${monitor}" is not reported for classification data (iris); use one of "val_loss", "val_accuracy", "val_balanced_accuracy"` }]);
      expect(await valid({ dataset: { synthetic: 'sine' }, train: { earlyStopping: { monitor } } }), monitor).toEqual(monitor !== 'val_accuracy' && monitor !== 'val_balanced_accuracy' ? [] : [{ path: 'train.earlyStopping.monitor', message: `"${monitor}" is not reported for regression data (sine); use one of "val_loss", "val_rmse", "val_mae", "val_r2"` }]);
    }
    // Each metric where its task reports it (iris: classes; sine: a regression target), an issue at objective.metric elsewhere.
    const sine = { synthetic: 'sine' };
    for (const metric of v.metrics) {
      const classes = ['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss'].includes(metric);
      const regression = metric !== 'val_accuracy' && metric !== 'val_balanced_accuracy';
      expect(await valid({ objective: { metric } }), metric).toEqual(classes ? [] : [{ path: 'objective.metric', message: `"${metric}" is not reported for classification data (iris); use one of "val_loss", "val_accuracy", "val_balanced_accuracy", "train_loss"` }]);
      expect(await valid({ dataset: sine, objective: { metric } }), metric).toEqual(regression ? [] : [{ path: 'objective.metric', message: `"${metric}" is not reported for regression data (sine); use one of "val_loss", "val_rmse", "val_mae", "val_r2", "train_loss"` }]);
    }
    expect(await valid({ dataset: sine, train: { earlyStopping: { monitor: 'val_accuracy' } } })).toEqual([{ path: 'train.earlyStopping.monitor', message: '"val_accuracy" is not reported for regression data (sine); use one of "val_loss", "val_rmse", "val_mae", "val_r2"' }]);
    // A CSV without "task" leaves it to the target column: the check reads the file (a file that is not there is named).
    expect(await valid({ dataset: { csv: 'x.csv', target: 'y' }, objective: { metric: 'val_rmse' } })).toEqual([{ path: 'dataset.csv', message: 'cannot read "x.csv": there is no such file; import the data set again, or choose another' }]);
    for (const kind of v.strategies) expect(await valid({ strategy: { kind } }), kind).toEqual([]);
    for (const preprocess of v.preprocess) expect(await valid({ preprocess }), preprocess).toEqual([]);
    expect(v.trialStatuses).toEqual(['queued', 'running', 'complete', 'early_stopped', 'pruned', 'diverged', 'failed', 'cancelled', 'interrupted']);
    expect(v.finishedTrialStatuses).toEqual(['complete', 'early_stopped', 'pruned', 'diverged', 'failed']);
    expect(v.choices.optimizer).toContain('adamw');
    const bad = await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, space: { epochs: { type: 'float', low: 1, high: 9 } } } });
    expect(v.intKeys).toContain('epochs');
    expect(bad.issues).toEqual([{ path: 'space.epochs', message: '"epochs" takes whole numbers; use { "type": "int", … }' }]);
  });

  it('creating a search loads its data first: a missing CSV or a metric its target does not report stores nothing', async () => {
    const before = (await call('searches.list', {})).length;
    const projects = (await call('projects.list')).length;
    await expect(call('searches.create', { start: false, spec: { project: 'never', dataset: { csv: '/no/such/file.csv', target: 'y' } } })).rejects.toThrow(/no\/such\/file\.csv/);
    await expect(call('searches.create', { start: false, spec: { project: 'never', dataset: { synthetic: 'sine', n: 50 }, objective: { metric: 'val_accuracy' } } }))
      .rejects.toThrow('objective.metric: "val_accuracy" is not reported for regression data (sine)');
    expect((await call('searches.list', {})).length).toBe(before);
    expect((await call('projects.list')).length).toBe(projects);
  });

  it('counts a grid: 3 points of lr × 2 optimizers = 6 trials', async () => {
    const r = await call('searches.validate', {
      spec: { dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 0.001, high: 0.1, log: true }, optimizer: { type: 'categorical', values: ['sgd', 'adam'] } }, strategy: { kind: 'grid', points: 3 } },
    });
    expect(r).toEqual({
      ok: true, issues: [], plannedTrials: 6,
      budget: {
        natural: 6, shape: 'grid of 6 points', planned: 6, cuts: null, placeholder: "6 (the strategy's)",
        note: 'The whole grid runs: 3 lr × 2 optimizer = 6 trials.',
      },
      pruner: '', cautions: [],
    });
  });

  it('counts coarse-to-fine as rounds × trials per round, and names bad keys', async () => {
    const ok = await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 0.001, high: 0.1 } }, strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 7, keepTop: 2 } } });
    expect(ok.plannedTrials).toBe(21);
    const bad = await call('searches.validate', { spec: { dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 0, high: 1, log: true } } } });
    expect(bad.ok).toBe(false);
    expect(bad.issues).toEqual([{ path: 'space.lr.low', message: 'a log-scaled knob needs low > 0 (got 0)' }]);
  });
});

describe('projects, searches and trials', () => {
  let s: SearchSummary;

  beforeAll(async () => {
    s = await call('searches.create', {
      start: true,
      spec: {
        project: 'wb', name: 'moons', dataset: { synthetic: 'moons', n: 200 }, split: { kind: 'holdout', val: 0.25, test: 0.25 },
        train: { epochs: 4, hiddenLayers: [8], earlyStopping: false }, space: { lr: { type: 'float', low: 0.01, high: 0.3, log: true } },
        strategy: { kind: 'random' }, budget: { trials: 2 }, seed: 5,
      },
    });
    await finished(s.id);
  });

  it('refuses a project name already taken', async () => {
    await call('projects.create', { name: 'other' });
    const p = (await call('projects.list')).find((x) => x.name === 'wb')!;
    const clash = await call('projects.rename', { id: p.id, name: 'other' }).then(() => null, (e: unknown) => e);
    expect(clash).toBeInstanceOf(BadInputError);
    expect((clash as Error).message).toBe('A project named "other" already exists; choose another name');
    expect((clash as BadInputError).issues).toEqual([{ path: 'name', message: 'already used; choose another name' }]);
  });

  it('gives the search its knobs, mean trial time and renames it, refusing a clash', async () => {
    const d = await call('searches.get', { id: s.id });
    expect(d.knobs).toEqual([{ name: 'lr', type: 'float', log: true, low: 0.01, high: 0.3, values: undefined }]);
    expect(d.traits).toEqual({ rounds: false, densities: false });
    expect(d.status).toBe('complete');
    // A stepped knob's grid and a strategy's traits, for the views (the range filter, the round column, TPE's densities).
    const c2f = await call('searches.create', { spec: {
      project: 'wb', name: 'c2f', dataset: { builtin: 'iris' }, strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 5, keepTop: 2, within: 'tpe' },
      space: { batchSize: { type: 'int', low: 8, high: 64, step: 8 }, hiddenUnits: { type: 'int', low: 4, high: 64, log: true } },
    } });
    const c = await call('searches.get', { id: c2f.id });
    expect(c.traits).toEqual({ rounds: true, densities: true });
    expect(c.knobs.map((k) => [k.name, k.step])).toEqual([['batchSize', 8], ['hiddenUnits', undefined]]);
    await call('searches.delete', { id: c2f.id });
    expect(d.meanTrialSeconds).toBeGreaterThan(0);
    expect((await call('searches.rename', { id: s.id, name: 'renamed' })).name).toBe('renamed');
    const other = await call('searches.create', { spec: { project: 'wb', name: 'other', dataset: { builtin: 'iris' } } });
    const clash = await call('searches.rename', { id: other.id, name: 'renamed' }).then(() => null, (e: unknown) => e);
    expect(clash).toBeInstanceOf(BadInputError);
    expect((clash as BadInputError).issues).toEqual([{ path: 'name', message: 'already used; choose another name' }]);
    await call('searches.delete', { id: other.id });
  });

  it('gives the trials that changed since a cursor, and the best value and mean time by aggregate', async () => {
    const all = await call('trials.changes', { searchId: s.id, since: '' });
    expect(all.trials.map((t) => t.number)).toEqual([0, 1]);
    expect(all.cursor).toMatch(/^\d{4}-\d\d-\d\dT/);
    const list = all.trials;
    expect(list.map((t) => [t.number, t.status])).toEqual(store.trials.list(s.id).map((t) => [t.number, t.status]));
    // Nothing after the cursor but what started or finished in its very millisecond, unchanged.
    const later = await call('trials.changes', { searchId: s.id, since: all.cursor });
    for (const t of later.trials) expect(all.trials).toContainEqual(t);
    expect(later.cursor).toBe(all.cursor);
    const row = (n: number) => store.trials.list(s.id).find((t) => t.number === n)!;
    for (const t of later.trials) expect([row(t.number).started_at, row(t.number).finished_at]).toContain(all.cursor);
    const far = await call('trials.changes', { searchId: s.id, since: '9999' });
    expect(far.trials).toEqual([]);
    // A trial re-run (as resume does) comes back as changed.
    await new Promise((r) => setTimeout(r, 5));
    const t0 = list[0];
    store.trials.start(s.id, 0, 1, t0.knobs, t0.seed, true);
    const rerun = await call('trials.changes', { searchId: s.id, since: all.cursor });
    expect(rerun.trials.map((t) => [t.number, t.status])).toContainEqual([0, 'queued']);
    expect(rerun.cursor > all.cursor).toBe(true);
    store.trials.finish(t0.id, {
      status: 'complete', objective: t0.objective, bestEpoch: t0.bestEpoch, stoppedEpoch: t0.stoppedEpoch, stopReason: t0.stopReason,
      trainLoss: t0.trainLoss, valLoss: t0.valLoss, trainAccuracy: t0.trainAccuracy, valAccuracy: t0.valAccuracy, valBalancedAccuracy: null,
      valRmse: null, valMae: null, valR2: null, durationS: t0.durationS, error: null,
    });
    const d = await call('searches.get', { id: s.id });
    expect(d.best).toBe(Math.min(...list.map((t) => t.objective!)));
    expect(d.meanTrialSeconds).toBeCloseTo((list[0].durationS! + list[1].durationS!) / 2, 10);
  });

  it('gives every trial\'s validation curve for the overlay, packed as 32-bit floats', async () => {
    const o = await call('trials.overlay', { searchId: s.id });
    // Trial 0 was re-run above (as resume does) and finished without epochs: only trial 1 has a curve.
    expect(o.trial).toEqual([1]);
    expect(o.count).toEqual([4]);
    expect(o.more).toBe(false);
    const c = (await call('trials.get', { searchId: s.id, number: 1 })).curves;
    expect(Array.from(decodeFloats(o.epoch, 4))).toEqual(c.epoch);
    // Each value is the stored one rounded to the nearest 32-bit float.
    expect(Array.from(decodeFloats(o.valLoss, 4))).toEqual(c.valLoss.map((v) => Math.fround(v!)));
    expect(Array.from(decodeFloats(o.seconds, 4))).toEqual(c.seconds.map((v) => Math.fround(v!)));
    // A classification records no errors or R²: each is '' (every value missing), not packed NaNs.
    expect([o.valRmse, o.valMae, o.valR2]).toEqual(['', '', '']);
  });

  it('pages big answers: trials.changes by 1,000 trials and trials.overlay by about 20,000 epochs, each trial once and in order', async () => {
    const big = store.searches.create(store.projects.ensure('paging').id, 'big', {}, 2500);
    const epochs = Array.from({ length: 20 }, (_, i) => ({
      fold: 0, epoch: i + 1, trainLoss: 1, valLoss: 1 / (i + 1), penalty: 0, trainAccuracy: 0.5, valAccuracy: 0.5, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.1, gradNorms: [1], seconds: 0.001,
    }));
    for (let i = 0; i < 2500; i++) store.epochs.add(store.trials.start(big.id, i, 1, { lr: 0.1 }, i).id, epochs);
    const pages: { trials: { number: number }[]; more: boolean; cursor: string }[] = [await call('trials.changes', { searchId: big.id, since: '' })];
    while (pages[pages.length - 1].more) {
      const last = pages[pages.length - 1].trials;
      pages.push(await call('trials.changes', { searchId: big.id, since: '', after: last[last.length - 1].number }));
    }
    expect(pages.map((p) => [p.trials.length, p.more])).toEqual([[1000, true], [1000, true], [500, false]]);
    expect(pages.flatMap((p) => p.trials.map((t) => t.number))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const overlays = [await call('trials.overlay', { searchId: big.id })];
    while (overlays[overlays.length - 1].more) {
      const last = overlays[overlays.length - 1].trial;
      overlays.push(await call('trials.overlay', { searchId: big.id, after: last[last.length - 1] }));
    }
    expect(overlays.map((o) => [o.trial.length, o.more])).toEqual([[1000, true], [1000, true], [500, false]]);
    expect(overlays.flatMap((o) => o.trial)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(overlays.map((o) => o.count.every((n) => n === 20))).toEqual([true, true, true]);
    const last = overlayMap(overlays[2]).get(2499)!;
    expect(last.epoch).toEqual(epochs.map((e) => e.epoch));
    expect(last.valLoss).toEqual(epochs.map((e) => Math.fround(e.valLoss)));
    await expect(wb.call('trials.overlay', { searchId: big.id, after: -2 })).rejects.toThrow(/after/);
  });

  it('gives a trial its resolved configuration, its own curves and notes', async () => {
    const t = await call('trials.get', { searchId: s.id, number: 1 });
    expect(t.config).toMatchObject({ epochs: 4, hiddenLayers: [8] });
    expect(t.config.lr).toBe(t.knobs.lr);
    expect(t.curves.epoch).toEqual([1, 2, 3, 4]);
    expect(new Set(t.curves.trial)).toEqual(new Set([1]));
    // Each epoch's time, as the worker measured it: positive, and together no more than the trial's own time (at
    // least the worker's time training it, however late a busy main thread heard of its start).
    expect(t.curves.seconds).toHaveLength(4);
    for (const x of t.curves.seconds) expect(x).toBeGreaterThan(0);
    expect(t.curves.seconds.reduce((a, b) => a! + b!, 0)).toBeLessThanOrEqual(t.durationS! + 1e-9);
    // When it ran, as the store keeps it.
    expect(Date.parse(t.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(t.startedAt!));
    expect((await call('trials.setNotes', { searchId: s.id, number: 1, notes: 'looks flat' })).notes).toBe('looks flat');
    await expect(call('trials.get', { searchId: s.id, number: 9 })).rejects.toThrow('has no trial 9 (it has trials 0–1)');
  });

  it('evaluates the test split once, warns before a second time, and keeps both when confirmed', async () => {
    const first = await call('trials.evaluateTest', { searchId: s.id, number: 0 });
    expect(first.trialNumber).toBe(0);
    expect(first.loss).toBeGreaterThan(0);
    expect(first.accuracy).toBeGreaterThanOrEqual(0);
    expect(first.accuracy).toBeLessThanOrEqual(1);
    // The test rows' confusion, kept with the figures: the classes by name, every test row once, the diagonal the accuracy.
    const c = first.confusion!;
    expect(c.classes).toHaveLength(c.counts.length);
    const total = c.counts.flat().reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(c.counts.reduce((a, row, k) => a + row[k], 0) / total).toBeCloseTo(first.accuracy!, 12);
    expect(first.folds).toBe(1);
    await expect(call('trials.evaluateTest', { searchId: s.id, number: 1 })).rejects.toThrow(/already evaluated \(trial 0/);
    const again = await call('trials.evaluateTest', { searchId: s.id, number: 0, again: true });
    expect(again.loss).toBeCloseTo(first.loss, 5);
    expect((await call('searches.get', { id: s.id })).testEvaluations).toHaveLength(2);
  });

  it('deletes a search with its trials', async () => {
    await call('searches.delete', { id: s.id });
    await expect(call('searches.get', { id: s.id })).rejects.toThrow(`No search ${s.id}`);
    expect(store.trials.list(s.id)).toHaveLength(0);
  });
});

describe('automatic backups', () => {
  it('a failed backup is logged and shown by app.backups until one succeeds, never swallowed', async () => {
    const d = mkdtempSync(join(tmpdir(), 'knobs-wb-backup-'));
    writeFileSync(join(d, 'backups'), 'a file where the backups folder should be');
    const st = Store.open(join(d, 'k.db'));
    const logs: string[] = [];
    const w = new Workbench({ store: st, version: 'test', workers: 1, log: (m) => logs.push(m) });
    const c = caller(() => w);
    for (const end = Date.now() + 30_000; logs.length === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(new RegExp(`^The automatic backup of ".*k\\.db" failed: .*backups`));
    const shown = await c('app.backups');
    expect(shown.lastFailure?.message).toBe(logs[0]);
    expect(Date.parse(shown.lastFailure!.at)).toBeGreaterThan(Date.now() - 60_000);
    rmSync(join(d, 'backups'));
    const b = await c('app.backupNow');
    expect(existsSync(b.file)).toBe(true);
    expect((await c('app.backups')).lastFailure).toBeNull();
    await w.shutdown();
    st.close();
    rmSync(d, { recursive: true, force: true });
  });
});

describe('shutdown', () => {
  it('settles when asked at the moment a search finishes (its finished event already sent, the study not yet let go)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'knobs-wb-shutdown-'));
    const st = Store.open(join(d, 'k.db'));
    const w = new Workbench({ store: st, version: 'test', workers: 1, backups: false });
    const c = caller(() => w);
    let stopped: Promise<string> | null = null;
    w.on('push', (e) => {
      // Shut down from inside the searchFinished event, as a host whose user quits right then would.
      if (e.type === 'searchFinished' && !stopped) stopped = w.shutdown().then(() => 'stopped');
    });
    await c('searches.create', {
      start: true,
      spec: { project: 'quit', name: 'quick', dataset: { synthetic: 'moons', n: 120 }, train: { epochs: 2 }, budget: { trials: 2 } },
    });
    for (const end = Date.now() + 60_000; !stopped && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(stopped).not.toBeNull();
    const outcome = await Promise.race([stopped!, new Promise<string>((r) => setTimeout(() => r('still waiting after 30 s'), 30_000))]);
    expect(outcome).toBe('stopped');
    st.close();
    rmSync(d, { recursive: true, force: true });
  });

  it('stops a test evaluation under way instead of leaving its worker training', async () => {
    const d = mkdtempSync(join(tmpdir(), 'knobs-wb-shutdown-'));
    const st = Store.open(join(d, 'k.db'));
    const w = new Workbench({ store: st, version: 'test', workers: 1, backups: false });
    const c = caller(() => w);
    const done = new Promise<void>((resolve) => w.on('push', (e) => e.type === 'searchFinished' && resolve()));
    const s = await c('searches.create', {
      start: true,
      spec: {
        project: 'quit', name: 'long', dataset: { synthetic: 'moons', n: 400 }, split: { kind: 'holdout', val: 0.25, test: 0.25 },
        train: { epochs: 400, batchSize: 8, earlyStopping: false }, budget: { trials: 1 },
      },
    });
    await done;
    const evaluation = c('trials.evaluateTest', { searchId: s.id, number: 0 }).then(() => 'evaluated', (e: Error) => e.message);
    // One turn of the event loop: the evaluation has its pool and waits for its worker; then the host quits.
    await new Promise((r) => setImmediate(r));
    await w.shutdown();
    expect(await evaluation).toMatch(/pool was closed/);
    expect(st.testEvaluations.ofSearch(s.id)).toEqual([]);
    st.close();
    rmSync(d, { recursive: true, force: true });
  });
});

describe('batched pushes', () => {
  it('delivers events emitted together in one batch, in order', async () => {
    const batches: PushEvent[][] = [];
    const stop = batchPushes(wb, (b) => batches.push(b), 20);
    wb.emit('push', { type: 'changed', what: 'projects' });
    wb.emit('push', { type: 'changed', what: 'searches' });
    await new Promise((r) => setTimeout(r, 60));
    wb.emit('push', { type: 'changed', what: 'datasets' });
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(batches.map((b) => b.map((e) => (e as { what: string }).what))).toEqual([['projects', 'searches'], ['datasets']]);
  });
});

describe('what a search says beyond its trials: importance and TPE\'s densities', () => {
  const spec = (name: string, strategy: Record<string, unknown>) => ({
    project: 'analysis', name, dataset: { synthetic: 'moons', n: 240, noise: 0.2 }, diagnostics: { every: 0 },
    train: { epochs: 4, hiddenLayers: [8], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-4, high: 1, log: true }, hiddenUnits: { type: 'int', low: 2, high: 16 }, optimizer: { type: 'categorical', values: ['sgd', 'adam'] } },
    strategy, budget: { trials: 14 }, seed: 8,
  });

  it('a TPE search: importance of each knob (cached until more trials finish), and l and g per knob', async () => {
    const s = await call('searches.create', { spec: spec('tpe', { kind: 'tpe', startupTrials: 6 }), start: true });
    await finished(s.id);
    const imp = await call('searches.importance', { id: s.id });
    expect(imp.reason).toBeNull();
    expect(imp.trials + imp.leftOut).toBe(14);
    expect(imp.knobs.map((k: { name: string }) => k.name).sort()).toEqual(['hiddenUnits', 'lr', 'optimizer']);
    expect(imp.knobs.reduce((a: number, k: { importance: number }) => a + k.importance, 0)).toBeCloseTo(1, 9);
    expect(imp.transform).toBe('rank');
    expect(imp.seconds).toBeGreaterThan(0);
    const again = await call('searches.importance', { id: s.id });
    expect(again.seconds).toBe(0);
    expect(again.knobs).toEqual(imp.knobs);
    const d = (await call('searches.densities', { id: s.id }))!;
    expect(d.round).toBe(1);
    expect(d.startup).toBe(false);
    expect(d.knobs.map((k: { name: string }) => k.name)).toEqual(['lr', 'hiddenUnits', 'optimizer']);
    expect(d.knobs[0].scale).toBe('log');
    expect(d.knobs[1].discrete).toBe(true);
    expect(d.knobs[2].values).toEqual(['sgd', 'adam']);
    expect(d.good + d.bad).toBe(d.trials);
    // Where the good trials lie over lr and hiddenUnits: the forest's marginal, in val_loss, cached for the same trials.
    const surface = await call('searches.surface', { id: s.id, x: 'lr', y: 'hiddenUnits' });
    expect(surface.reason).toBeNull();
    expect([surface.x, surface.y]).toEqual([{ name: 'lr', log: true, low: -4, high: 0 }, { name: 'hiddenUnits', log: false, low: 2, high: 16 }]);
    expect(surface.values).toHaveLength(surface.steps ** 2);
    expect(surface.trials).toBe(imp.trials);
    const objectives = (await call('trials.changes', { searchId: s.id, since: '' })).trials.flatMap((t) => (t.objective !== null && (t.status === 'complete' || t.status === 'early_stopped') ? [t.objective] : []));
    for (const v of surface.values) expect(v >= Math.min(...objectives) - 1e-12 && v <= Math.max(...objectives) + 1e-12).toBe(true);
    expect(await call('searches.surface', { id: s.id, x: 'lr', y: 'hiddenUnits' })).toBe(surface);
    expect((await call('searches.surface', { id: s.id, x: 'lr', y: 'optimizer' })).reason).toMatch(/^"optimizer" is categorical/);
    await expect(call('searches.surface', { id: s.id, x: 'lr' } as never)).rejects.toThrow(/y/);
  });

  it('marks where the trials the forest never saw lie: each marginal point and surface cell with the share of failed or diverged trials near it', async () => {
    // Momentum with lr up to 10⁸ in batches of 16: the top decades diverge.
    const diverging = { ...spec('diverging', { kind: 'random' }), budget: { trials: 24 } };
    diverging.train = { ...diverging.train, optimizer: 'momentum', batchSize: 16 } as typeof diverging.train;
    diverging.space = { ...diverging.space, lr: { type: 'float', low: 1e-4, high: 1e8, log: true } } as typeof diverging.space;
    const s = await call('searches.create', { spec: diverging, start: true });
    await finished(s.id);
    const trials = (await call('trials.changes', { searchId: s.id, since: '' })).trials;
    const failures = trials.filter((t) => t.status === 'failed' || t.status === 'diverged').map((t) => t.knobs);
    const results = trials.filter((t) => (t.status === 'complete' || t.status === 'early_stopped') && t.objective !== null).map((t) => t.knobs);
    expect(failures.length, 'the spec should make some trials diverge').toBeGreaterThan(2);
    const imp = await call('searches.importance', { id: s.id });
    expect(imp.reason).toBeNull();
    const space = diverging.space as unknown as Record<string, ParamSpec>;
    for (const k of imp.knobs) expect(k.marginal.failed, k.name).toEqual(failedAlong(space[k.name], k.name, 24, { results, failures }));
    for (const k of imp.knobs) expect(k.marginal.failedOverall).toBe(failures.length / (results.length + failures.length));
    const lr = imp.knobs.find((k: { name: string }) => k.name === 'lr')!.marginal;
    // None failed at the bottom; the share is highest in the decades from 10 to 10⁶ where the trials diverged
    // (cells 11–21 of 24 over −4 to 8), though some there ran on to losses of 10⁹: about half.
    expect(lr.failed[0]).toBe(0);
    const top = lr.failed.indexOf(Math.max(...lr.failed));
    expect(top >= 11 && top <= 21, `the most failures at cell ${top}`).toBe(true);
    expect(lr.failed[top]).toBeGreaterThan(0.4);
    const surface = await call('searches.surface', { id: s.id, x: 'lr', y: 'hiddenUnits' });
    expect(surface.failed).toEqual(failedOver(space.lr, 'lr', space.hiddenUnits, 'hiddenUnits', surface.steps, { results, failures }));
    expect(surface.failedOverall).toBe(failures.length / (results.length + failures.length));
  });

  it('a random search has no densities; a search with too few trials says why it has no importance', async () => {
    const s = await call('searches.create', { spec: { ...spec('random', { kind: 'random' }), budget: { trials: 3 } }, start: true });
    await finished(s.id);
    expect(await call('searches.densities', { id: s.id })).toBeNull();
    expect((await call('searches.importance', { id: s.id })).reason).toMatch(/at least 4 trials/);
    await expect(call('searches.importance', { id: 999_999 })).rejects.toThrow(/No search 999999/);
  });
});

describe('writes by another process', () => {
  it('are followed: the sidebar hears of them, a search running there is named while it runs and once when it ends; its own writes say nothing of the kind', async () => {
    const d = mkdtempSync(join(tmpdir(), 'knobs-elsewhere-'));
    const mine = Store.open(join(d, 'k.db'));
    const w = new Workbench({ store: mine, version: 'test', workers: 1, backups: false, watchMs: 50 });
    const events: PushEvent[] = [];
    w.on('push', (e) => events.push(e));
    const quick = (name: string, epochs: number) => ({
      project: 'p', name, dataset: { synthetic: 'moons', n: 300 }, train: { epochs, hiddenLayers: [8], earlyStopping: false },
      space: { lr: { type: 'float', low: 0.01, high: 0.3, log: true } }, strategy: { kind: 'random' }, budget: { trials: 2 }, seed: 1,
    });
    const own = await w.call('searches.create', { spec: quick('own', 3), start: true }) as SearchSummary;
    await new Promise<void>((resolve) => w.on('push', (e) => e.type === 'searchFinished' && e.searchId === own.id && resolve()));
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.type === 'changedElsewhere')).toEqual([]);

    // Another process: its own connection to the file and its own study.
    const other = Store.open(join(d, 'k.db'));
    // A search long enough never to end by itself: it is ended there once the watcher has named it
    // while it runs, so the test does not race the run's length against the watcher's interval.
    const { id } = createSearch(other, quick('elsewhere', 100_000));
    const study = new Study(other, id, { workers: 1 });
    const namedWhileRunning = new Promise<void>((resolve) => w.on('push', (e) => e.type === 'changedElsewhere' && e.searchId === id && resolve()));
    const ran = study.run();
    const namedInTime = await Promise.race([namedWhileRunning.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    study.stop();
    await ran;
    other.close();
    expect(namedInTime, 'the watcher names a search running elsewhere within 15 s').toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const named = events.filter((e) => e.type === 'changedElsewhere');
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named.every((e) => e.type === 'changedElsewhere' && e.searchId === id)).toBe(true);
    expect(events.some((e) => e.type === 'changed' && e.what === 'searches')).toBe(true);
    // Once it has ended there, nothing more is said of it.
    const before = named.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.type === 'changedElsewhere').length).toBe(before);
    await w.shutdown();
    mine.close();
    rmSync(d, { recursive: true, force: true });
  });
});

describe('the editor\'s check of a generator with class shares', () => {
  it('cautions at the objective about the rare class, counted without drawing the data; none for even classes or a balanced objective', async () => {
    const spec = (dataset: object, metric = 'val_loss'): Record<string, unknown> => ({ dataset, objective: { metric } });
    const rare = await call('searches.validate', { spec: spec({ synthetic: 'moons', n: 1_000_000, classShares: [0.98, 0.02] }) });
    expect(rare.ok).toBe(true);
    expect(rare.cautions.filter((c) => c.path === 'objective.metric').map((c) => c.message)).toEqual([
      expect.stringMatching(/^"1" is 2% of the rows of "class" \(20000 of 1000000\): always answering "0" scores val_accuracy 0\.98 without finding one/),
    ]);
    expect((await call('searches.validate', { spec: spec({ synthetic: 'moons', n: 1000 }) })).cautions.filter((c) => c.path === 'objective.metric')).toEqual([]);
    expect((await call('searches.validate', { spec: spec({ synthetic: 'moons', classShares: [0.95, 0.05] }, 'val_balanced_accuracy') })).cautions.filter((c) => c.path === 'objective.metric')).toEqual([]);
    const bad = await call('searches.validate', { spec: spec({ synthetic: 'moons', classShares: [0.95, 0.1] }) });
    expect(bad.issues).toEqual([{ path: 'dataset.classShares', message: 'the shares in classShares must sum to 1; they sum to 1.05' }]);
  });
});
