// Balanced accuracy, the mean over classes of the share of each class's rows answered right
// (sklearn's balanced_accuracy_score): hand-worked values of the formula, the trainer's figure
// against its own confusion matrix counted apart, early stopping and the objective on it, k-fold's
// mean, the stored trial and curves, and a database of schema 14 whose packed epochs gain the field.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeSplit, type Dataset } from '../../src-core/data';
import { parse } from 'csv-parse/sync';
import { createSearch, Study } from '../../src-core/search/study';
import { curvesCsv, trialsCsv } from '../../src-core/service/export';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { AT, CHUNK_FIELDS } from '../../src-core/store/chunks';
import { migrate, Store } from '../../src-core/store/store';
import { balancedAccuracy } from '../../src-core/analysis/classes';
import { trainConfiguration } from '../../src-core/train/trainer';
import { rareClass } from '../helpers/rare-class';

const dir = mkdtempSync(join(tmpdir(), 'knobs-balanced-'));

const recallMean = (m: number[][]): number => {
  const recalls = m.flatMap((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? [] : [row[i] / n];
  });
  return recalls.reduce((a, b) => a + b, 0) / recalls.length;
};

function train(ds: Dataset, over: TrainInput, split = makeSplit(ds, { kind: 'holdout', val: 0.25, test: 0, stratify: true }, 5)) {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, seed: 5 });
  return trainConfiguration({ dataset: ds, split, preprocess: 'zscore', config: trainConfigOf(spec, over as Record<string, unknown>), seed: 5 });
}

describe('balanced accuracy', () => {
  it('is the mean recall over the classes that have rows, as sklearn computes it (hand-worked)', () => {
    // 90 rows of "ok", 88 answered right; 10 of "fraud", 3 right: (88/90 + 3/10) / 2.
    expect(balancedAccuracy([90, 10, 88, 3])).toBeCloseTo((88 / 90 + 0.3) / 2, 15);
    // A class with no rows here is left out (sklearn warns and does the same): (5/5 + 0/5) / 2.
    expect(balancedAccuracy([5, 0, 5, 5, 0, 0])).toBe(0.5);
    // Always answering the majority: 1 / (number of classes present), whatever the accuracy.
    expect(balancedAccuracy([97, 3, 97, 0])).toBe(0.5);
    expect(balancedAccuracy([0, 0, 0, 0])).toBeNull();
  });

  it('is what the trainer reports at every epoch, equal to the mean recall of its own confusion matrix at the best epoch', () => {
    const ds = rareClass(800, 0.06, 3);
    const r = train(ds, { hiddenLayers: [16], epochs: 12, lr: 0.01 });
    expect(r.folds[0].epochs.every((e) => e.valBalancedAccuracy !== null && e.valBalancedAccuracy >= 0 && e.valBalancedAccuracy <= 1)).toBe(true);
    expect(r.best.valBalancedAccuracy).toBeCloseTo(recallMean(r.confusion!), 12);
    // A rare class the model mostly misses: accuracy looks high, balanced accuracy does not.
    expect(r.best.valAccuracy!).toBeGreaterThan(0.9);
    expect(r.best.valBalancedAccuracy!).toBeLessThan(r.best.valAccuracy! - 0.1);
  });

  it('early stopping on it keeps the epoch where it was highest (the first such), and the confusion of that epoch', () => {
    const ds = rareClass(800, 0.06, 3);
    const r = train(ds, { hiddenLayers: [16], epochs: 40, lr: 0.05, earlyStopping: { monitor: 'val_balanced_accuracy', patience: 8, restoreBest: true } });
    const f = r.folds[0];
    const values = f.epochs.map((e) => e.valBalancedAccuracy!);
    const top = Math.max(...values);
    expect(f.bestEpoch).toBe(f.epochs[values.indexOf(top)].epoch);
    expect(r.best.valBalancedAccuracy).toBe(top);
    expect(recallMean(r.confusion!)).toBeCloseTo(top, 12);
    // Not the epoch the loss would have picked on this run (else the test would not tell them apart).
    const losses = f.epochs.map((e) => e.valLoss);
    expect(f.epochs[losses.indexOf(Math.min(...losses))].epoch).not.toBe(f.bestEpoch);
  });

  it('k-fold: the mean over folds of each fold\'s value at its best epoch', () => {
    const ds = rareClass(600, 0.1, 4);
    const split = makeSplit(ds, { kind: 'kfold', k: 3, test: 0, stratify: true }, 5);
    const r = train(ds, { hiddenLayers: [8], epochs: 6, lr: 0.02 }, split);
    const each = r.folds.map((f) => f.best.valBalancedAccuracy!);
    expect(r.best.valBalancedAccuracy).toBeCloseTo(each.reduce((a, b) => a + b, 0) / 3, 12);
  });

  it('a search maximizes it by default, and stores it with the trial, in the curves and in the CSVs', async () => {
    const store = Store.open(join(dir, 'search.db'));
    const spec = parseSpec({
      project: 'p', dataset: { synthetic: 'blobs', n: 300, classes: 3 }, objective: { metric: 'val_balanced_accuracy' },
      train: { epochs: 4, hiddenLayers: [8] }, space: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } }, budget: { trials: 3 }, workers: 1, seed: 2,
    });
    expect(spec.objective.direction).toBe('maximize');
    const { id } = createSearch(store, spec);
    await new Study(store, id).run();
    const trials = store.trials.list(id);
    expect(trials).toHaveLength(3);
    for (const t of trials) {
      expect(t.val_balanced_accuracy).not.toBeNull();
      expect(t.objective).toBe(t.val_balanced_accuracy);
      const last = store.epochs.rows(id).filter((e) => e.trial_id === t.id && e.epoch === t.best_epoch);
      expect(last.map((e) => e.val_balanced_accuracy)).toEqual([t.val_balanced_accuracy]);
    }
    const csv = parse(trialsCsv(store, id), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => Number(r.val_balanced_accuracy))).toEqual(trials.map((t) => t.val_balanced_accuracy));
    const curves = parse(curvesCsv(store, id), { columns: true }) as Record<string, string>[];
    expect(curves.map((r) => Number(r.val_balanced_accuracy))).toEqual(store.epochs.rows(id).map((e) => e.val_balanced_accuracy));
    store.close();
  });
});

describe('schema 15', () => {
  it('rewrites packed epochs of schema 14 with the new field missing, every other value where it was', () => {
    const path = join(dir, 'v14.db');
    const db = new Database(path);
    migrate(db, 14);
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES (1, 'p', '2026-01-01');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at) VALUES (1, 1, 's', '{}', 'complete', 1, '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed, val_accuracy) VALUES (1, 1, 0, 1, 'complete', '{}', 1, 0.75);`);
    // Schema 14's record: epoch, train loss, val loss, penalty, train acc, val acc, rmse, mae, r2, lr, seconds, then 2 layers' gradient norms.
    const old = [
      [1, 0.9, 0.95, 0, 0.6, 0.55, NaN, NaN, NaN, 0.01, 0.5, 1.5, 2.5],
      [2, 0.7, 0.8, 0, 0.7, 0.75, NaN, NaN, NaN, 0.01, 0.25, 1.25, 2.25],
    ];
    const blob = Buffer.from(Float64Array.from(old.flat()).buffer);
    db.prepare(`INSERT INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (1, 0, 1, 2, 2, ?)`).run(blob);
    // More chunks than the migration reads in one page (1,000): every one is rewritten.
    const trial = db.prepare(`INSERT INTO trials (id, search_id, number, round, status, knobs, seed) VALUES (?, 1, ?, 1, 'complete', '{}', 1)`);
    const more = db.prepare(`INSERT INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (?, 0, 1, 1, 1, ?)`);
    for (let t = 2; t <= 1500; t++) {
      trial.run(t, t - 1);
      more.run(t, Buffer.from(Float64Array.of(1, t, t, 0, NaN, NaN, NaN, NaN, NaN, 0.01, 0.1, 7).buffer));
    }
    db.close();
    const store = Store.open(path);
    const rows = store.epochs.rows(1).filter((r) => r.trial_id === 1);
    expect(rows.map((r) => [r.epoch, r.train_loss, r.val_loss, r.train_accuracy, r.val_accuracy, r.val_balanced_accuracy, r.val_rmse, r.lr, r.seconds, r.grad_norms])).toEqual([
      [1, 0.9, 0.95, 0.6, 0.55, null, null, 0.01, 0.5, '[1.5,2.5]'],
      [2, 0.7, 0.8, 0.7, 0.75, null, null, 0.01, 0.25, '[1.25,2.25]'],
    ]);
    expect(store.epochs.ofTrial(1)[0].data.length).toBe(2 * (CHUNK_FIELDS.length + 2));
    expect(AT.valBalancedAccuracy).toBe(6);
    expect(store.trials.list(1)[0]).toMatchObject({ val_accuracy: 0.75, val_balanced_accuracy: null });
    const widths = store.epochs.ofSearch(1).map(({ chunk }) => chunk.data.length / chunk.n - chunk.layers);
    expect(widths).toHaveLength(1500);
    expect(widths.every((w) => w === CHUNK_FIELDS.length)).toBe(true);
    expect(store.epochs.rows(1).at(-1)).toMatchObject({ train_loss: 1500, val_balanced_accuracy: null, lr: 0.01, grad_norms: '[7]' });
    store.close();
  });
});
