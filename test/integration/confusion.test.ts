// The validation rows' confusion matrix a classification run reports: counted at the epoch its
// metrics come from, checked against what is known without it (each true class's rows from the
// split, the accuracy the trainer counts on its own), added over k folds, absent for regression and
// for more classes than a table holds; and the CLI's table of it, against hand-worked recall and precision.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { caller } from '../helpers/call';
import { loadDataset, makeSplit, synthetic } from '../../src-core/data';
import type { Dataset, Split } from '../../src-core/data';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { trainConfiguration } from '../../src-core/train/trainer';
import { CONFUSION_MAX_CLASSES } from '../../src-core/vocabulary';
import { confusionLines } from '../../src-main/cli/train';

function train(dataset: Dataset, split: Split, over: TrainInput, seed = 3) {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, seed });
  return trainConfiguration({ dataset, split, preprocess: 'zscore', config: trainConfigOf(spec, over as Record<string, unknown>), seed });
}
const classesOf = (ds: Dataset, rows: Int32Array): number[] => {
  const k = ds.classNames!.length;
  const n = new Array<number>(k).fill(0);
  for (const r of rows) n[ds.y[r]]++;
  return n;
};
const trace = (m: number[][]): number => m.reduce((a, r, i) => a + r[i], 0);
const total = (m: number[][]): number => m.flat().reduce((a, b) => a + b, 0);

describe('the confusion matrix of a classification run', () => {
  const digits = loadDataset({ builtin: 'digits' }, 7);
  const split = makeSplit(digits, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 7);

  it('counts every validation row once, in its true class\'s row, and its diagonal is the accuracy the trainer reports', () => {
    const r = train(digits, split, { hiddenLayers: [32], epochs: 6, lr: 0.003 });
    const m = r.confusion!;
    expect(m.length).toBe(10);
    expect(m.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(classesOf(digits, split.folds[0].val));
    expect(trace(m) / total(m)).toBe(r.best.valAccuracy);
  });

  it('is the best epoch\'s, not the last one\'s, when early stopping ran on past it (restoring the best weights or not)', () => {
    for (const restoreBest of [true, false]) {
      // A learning rate high enough that the validation loss turns up well before the last epoch.
      const r = train(digits, split, { hiddenLayers: [64], epochs: 60, lr: 0.03, earlyStopping: { monitor: 'val_loss', patience: 6, restoreBest } });
      const f = r.folds[0];
      expect(f.bestEpoch).not.toBe(f.stoppedEpoch);
      const atBest = f.epochs.find((e) => e.epoch === f.bestEpoch)!.valAccuracy;
      const atLast = f.epochs[f.epochs.length - 1].valAccuracy;
      expect(trace(r.confusion!) / total(r.confusion!)).toBe(atBest);
      if (atBest !== atLast) expect(trace(r.confusion!) / total(r.confusion!)).not.toBe(atLast);
    }
  });

  it('adds the folds of k-fold: every row outside the test split counted once', () => {
    const iris = loadDataset({ builtin: 'iris' }, 1);
    const kfold = makeSplit(iris, { kind: 'kfold', k: 5, test: 0.2, stratify: true }, 1);
    const r = train(iris, kfold, { hiddenLayers: [8], epochs: 15, lr: 0.01 });
    const outside = Int32Array.from(kfold.folds.flatMap((f) => Array.from(f.val)));
    expect(outside.length).toBe(iris.nRows - kfold.test.length);
    expect(r.confusion!.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(classesOf(iris, outside));
  });

  it('is absent for regression, for more classes than a table holds, and for a run that diverged at once', () => {
    const sine = synthetic('sine', { n: 200, noise: 0.1, seed: 1 });
    const sineSplit = makeSplit(sine, { kind: 'holdout', val: 0.2, test: 0, stratify: false }, 1);
    expect(train(sine, sineSplit, { hiddenLayers: [8], epochs: 2 }).confusion).toBeUndefined();
    const many = synthetic('blobs', { n: 2000, noise: 0.2, seed: 1, classes: CONFUSION_MAX_CLASSES });
    const manySplit = makeSplit(many, { kind: 'holdout', val: 0.3, test: 0, stratify: true }, 1);
    expect(train(many, manySplit, { hiddenLayers: [8], epochs: 1 }).confusion?.length).toBe(CONFUSION_MAX_CLASSES);
    // One more class than that: not counted.
    const more: Dataset = { ...many, classNames: [...many.classNames!, 'never seen'] };
    expect(train(more, manySplit, { hiddenLayers: [8], epochs: 1 }).confusion).toBeUndefined();
    expect(train(digits, split, { hiddenLayers: [8], epochs: 3, optimizer: 'sgd', lr: 1e6 }).confusion).toBeUndefined();
  });
});

describe('a search\'s trials', () => {
  it('store each trial\'s matrix with its class names (worker threads, a real SQLite file), and trials.get gives it; a regression trial has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-confusion-'));
    const store = Store.open(join(dir, 'k.db'));
    const wb = new Workbench({ store, version: 'test', workers: 2, backups: false });
    const call = caller(() => wb);
    const run = async (spec: Record<string, unknown>): Promise<number> => {
      const done = new Promise<void>((resolve) => wb.on('push', (e) => e.type === 'searchFinished' && resolve()));
      const s = await call('searches.create', { start: true, spec });
      await done;
      return s.id;
    };
    try {
      const id = await run({
        project: 'confusion', name: 'iris', dataset: { builtin: 'iris' }, split: { kind: 'holdout', val: 0.3, test: 0.2, stratify: true },
        train: { epochs: 12, hiddenLayers: [8], lr: 0.01 }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 3 }, workers: 2, seed: 5,
      });
      const iris = loadDataset({ builtin: 'iris' }, 5);
      const val = makeSplit(iris, { kind: 'holdout', val: 0.3, test: 0.2, stratify: true }, 5).folds[0].val;
      for (const number of [0, 1, 2]) {
        const t = await call('trials.get', { searchId: id, number });
        expect(t.confusion!.classes).toEqual(['setosa', 'versicolor', 'virginica']);
        expect(t.confusion!.counts.map((r) => r.reduce((a, b) => a + b, 0))).toEqual(classesOf(iris, val));
        expect(trace(t.confusion!.counts) / total(t.confusion!.counts)).toBeCloseTo(t.valAccuracy!, 12);
      }
      // Exports: every trial long format (trial, true class, predicted class, rows), one trial as the drawer shows it.
      const long = parse((await call('export.confusionCsv', { searchId: id })).csv, { columns: true }) as Record<string, string>[];
      expect(long).toHaveLength(3 * 9);
      expect(Object.keys(long[0])).toEqual(['trial', 'true_class', 'predicted_class', 'rows']);
      const t1 = await call('trials.get', { searchId: id, number: 1 });
      expect(long.filter((r) => r.trial === '1').map((r) => Number(r.rows))).toEqual(t1.confusion!.counts.flat());
      // knobs export --confusion writes the same file, beside the trials CSV.
      const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'knobs.mjs'), 'export', String(id), '--out', join(dir, 't.csv'), '--confusion', join(dir, 'c.csv'), '--db', join(dir, 'k.db')], { encoding: 'utf8' });
      expect([cli.status, cli.stderr]).toEqual([0, '']);
      expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe((await call('export.confusionCsv', { searchId: id })).csv);
      const wide = await call('export.confusionCsv', { searchId: id, number: 1 });
      expect(wide.filename).toMatch(/^iris-trial-1-confusion\.csv$/);
      expect(wide.csv.trim().split('\n')).toEqual([
        'true \\ predicted,setosa,versicolor,virginica',
        ...t1.confusion!.counts.map((r, i) => [t1.confusion!.classes[i], ...r].join(',')),
      ]);
      const sine = await run({
        project: 'confusion', name: 'sine', dataset: { synthetic: 'sine', n: 120 }, train: { epochs: 2, hiddenLayers: [4] }, budget: { trials: 1 }, workers: 1, seed: 5,
      });
      expect((await call('trials.get', { searchId: sine, number: 0 })).confusion).toBeNull();
      expect((await call('export.confusionCsv', { searchId: sine })).csv).toBe('trial,true_class,predicted_class,rows\n');
      await expect(call('export.confusionCsv', { searchId: sine, number: 0 })).rejects.toThrow(/^Trial 0 of search \d+ has no confusion matrix/);
      // A stored text that is not a square of counts with a name per class reads as none.
      const other = new Database(join(dir, 'k.db'));
      other.prepare(`UPDATE trials SET confusion = '{"classes":["a"],"counts":[[1,2]]}' WHERE search_id = ? AND number = 0`).run(id);
      other.close();
      expect((await call('trials.get', { searchId: id, number: 0 })).confusion).toBeNull();
    } finally {
      await wb.shutdown();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI\'s table of it', () => {
  it('says recall by row and precision by column, as worked by hand; "-" for a class never predicted', () => {
    // cat: 8 of 10 right (2 called dog); dog: 3 of 5 (2 called cat); bird: 0 of 1, called dog. Recall 80%, 60%, 0%;
    // precision cat 8/10, dog 3/6, bird never predicted.
    const lines = confusionLines(['cat', 'dog', 'bird'], [[8, 2, 0], [2, 3, 0], [0, 1, 0]], 12, 1);
    expect(lines).toEqual([
      'confusion on the 16 validation rows at the best epoch (12): true class down, predicted across',
      '              cat    dog   bird     recall',
      'cat             8      2      0        80%',
      'dog             2      3      0        60%',
      'bird            0      1      0         0%',
      'precision     80%    50%      -',
    ]);
    expect(confusionLines(Array.from({ length: 13 }, (_, i) => `c${i}`), Array.from({ length: 13 }, () => new Array<number>(13).fill(1)), null, 5)).toEqual([
      'confusion: 13 classes, too many to print here; --json gives the counts (169 validation rows of 5 folds)',
    ]);
  });
});
