// A regression run's predictions on its validation rows: taken at the epoch its metrics come from,
// checked against what is known without them (the rows the split holds out, the MAE and RMSE the
// trainer measures on its own), in the target's units with either scaling, each row once over k
// folds, thinned evenly past PREDICTIONS_MAX_ROWS; stored beside the trial (not in its row) and
// answered by trials.get; none for classes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, makeSplit } from '../../src-core/data';
import type { Dataset, Split } from '../../src-core/data';
import { createSearch, predictionsJson, Study } from '../../src-core/search/study';
import { Workbench } from '../../src-core/service/workbench';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { Store } from '../../src-core/store/store';
import { trainConfiguration } from '../../src-core/train/trainer';
import type { TargetPreprocess } from '../../src-core/vocabulary';
import { PREDICTIONS_MAX_ROWS } from '../../src-core/vocabulary';
import { caller } from '../helpers/call';
import { skewedPrices } from '../helpers/houses';

function train(dataset: Dataset, split: Split, over: TrainInput, targetPreprocess: TargetPreprocess = 'zscore') {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, seed: 3 });
  return trainConfiguration({ dataset, split, preprocess: 'zscore', targetPreprocess, config: trainConfigOf(spec, over as Record<string, unknown>), seed: 3 });
}
const mae = (a: number[], p: number[]): number => a.reduce((s, x, i) => s + Math.abs(p[i] - x), 0) / a.length;
const rmse = (a: number[], p: number[]): number => Math.sqrt(a.reduce((s, x, i) => s + (p[i] - x) ** 2, 0) / a.length);

describe('the validation predictions of a regression run', () => {
  const { dataset: prices } = skewedPrices(1000);
  const split = makeSplit(prices, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 7);
  const val = Array.from(split.folds[0].val);

  it('lists every validation row in order, and their MAE and RMSE are the ones the trainer reports at the best epoch (zscore and log)', () => {
    for (const scaling of ['zscore', 'log'] as const) {
      // Early stopping runs on past the best epoch: the predictions must be the best epoch's, as the metrics are.
      const r = train(prices, split, { hiddenLayers: [32], epochs: 60, lr: 0.03, optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 5, restoreBest: false } }, scaling);
      const f = r.folds[0];
      expect(f.bestEpoch, scaling).not.toBe(f.stoppedEpoch);
      const p = r.valPredictions!;
      expect(p.rows).toBe(val.length);
      expect(p.actual).toEqual(val.map((i) => prices.y[i]));
      expect(mae(p.actual, p.predicted) / r.best.valMae!, scaling).toBeCloseTo(1, 5);
      expect(rmse(p.actual, p.predicted) / r.best.valRmse!, scaling).toBeCloseTo(1, 5);
      const last = f.epochs[f.epochs.length - 1].valMae!;
      if (Math.abs(last - r.best.valMae!) > 1e-3 * last) expect(Math.abs(mae(p.actual, p.predicted) - last) / last).toBeGreaterThan(1e-4);
    }
  });

  it('with early stopping on val_mae, the best epoch is val_mae\'s lowest and the predictions are that epoch\'s', () => {
    const r = train(prices, split, { hiddenLayers: [32], epochs: 40, lr: 0.03, optimizer: 'adam', earlyStopping: { monitor: 'val_mae', patience: 40, restoreBest: false } }, 'log');
    const f = r.folds[0];
    const maes = f.epochs.map((e) => e.valMae!);
    // The first epoch of the lowest val_mae; the loss's best epoch is another one on this run.
    expect(f.bestEpoch).toBe(maes.indexOf(Math.min(...maes)) + 1);
    const losses = f.epochs.map((e) => e.valLoss);
    expect(losses.indexOf(Math.min(...losses)) + 1).not.toBe(f.bestEpoch);
    expect(r.best.valMae).toBe(Math.min(...maes));
    expect(mae(r.valPredictions!.actual, r.valPredictions!.predicted) / r.best.valMae!).toBeCloseTo(1, 5);
  });

  it('over k folds lists each row once, predicted by the fold that held it out', () => {
    const { dataset: few } = skewedPrices(400);
    const kfold = makeSplit(few, { kind: 'kfold', k: 4, test: 0.2, stratify: true }, 7);
    const r = train(few, kfold, { hiddenLayers: [16], epochs: 5, lr: 0.01, optimizer: 'adam', earlyStopping: false });
    const p = r.valPredictions!;
    const held = kfold.folds.flatMap((f) => Array.from(f.val));
    expect(p.rows).toBe(held.length);
    expect(new Set(held).size).toBe(held.length);
    expect(p.actual).toEqual(held.map((i) => few.y[i]));
    // Each fold's share: its own MAE at its best epoch.
    let at = 0;
    kfold.folds.forEach((fold, k) => {
      const n = fold.val.length;
      expect(mae(p.actual.slice(at, at + n), p.predicted.slice(at, at + n)) / r.folds[k].best.valMae!).toBeCloseTo(1, 5);
      at += n;
    });
  });

  it(`past ${PREDICTIONS_MAX_ROWS} rows keeps ${PREDICTIONS_MAX_ROWS}, evenly spaced, and says how many there were`, () => {
    const { dataset: many } = skewedPrices(4000);
    const s = makeSplit(many, { kind: 'holdout', val: 0.2, test: 0, stratify: true }, 7);
    const r = train(many, s, { hiddenLayers: [8], epochs: 2, lr: 0.01, optimizer: 'adam', earlyStopping: false });
    const p = r.valPredictions!;
    const rows = Array.from(s.folds[0].val);
    expect(rows.length).toBe(800);
    expect(p.rows).toBe(800);
    expect(p.actual).toHaveLength(PREDICTIONS_MAX_ROWS);
    expect(p.actual).toEqual(Array.from({ length: PREDICTIONS_MAX_ROWS }, (_, i) => many.y[rows[Math.floor((i * 800) / PREDICTIONS_MAX_ROWS)]]));
  });

  it('on the test split: every test row by the final model, their MAE and RMSE the test metrics; over k folds every test row once per fold\'s model', () => {
    const spec = parseSpec({ dataset: { builtin: 'iris' }, seed: 3 });
    const config = trainConfigOf(spec, { hiddenLayers: [16], epochs: 6, lr: 0.01, optimizer: 'adam', earlyStopping: false });
    const r = trainConfiguration({ dataset: prices, split, preprocess: 'zscore', targetPreprocess: 'log', config, seed: 3, evaluateTest: true });
    const p = r.test!.predictions!;
    const test = Array.from(split.test);
    expect(p.rows).toBe(test.length);
    expect(p.actual).toEqual(test.map((i) => prices.y[i]));
    expect(mae(p.actual, p.predicted) / r.test!.mae!).toBeCloseTo(1, 5);
    expect(rmse(p.actual, p.predicted) / r.test!.rmse!).toBeCloseTo(1, 5);
    const { dataset: few } = skewedPrices(400);
    const kfold = makeSplit(few, { kind: 'kfold', k: 3, test: 0.2, stratify: true }, 7);
    const k = trainConfiguration({ dataset: few, split: kfold, preprocess: 'zscore', targetPreprocess: 'zscore', config, seed: 3, evaluateTest: true });
    const q = k.test!.predictions!;
    expect(q.rows).toBe(3 * kfold.test.length);
    expect(q.actual).toEqual([0, 1, 2].flatMap(() => Array.from(kfold.test, (i) => few.y[i])));
    // Three models on the same rows: the mean of their MAEs (the test metric) is the MAE over all the pairs.
    expect(mae(q.actual, q.predicted) / k.test!.mae!).toBeCloseTo(1, 5);
  });

  it('has none for classes', () => {
    const iris = loadDataset({ builtin: 'iris' }, 1);
    const r = train(iris, makeSplit(iris, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1), { hiddenLayers: [8], epochs: 2 });
    expect(r.valPredictions).toBeUndefined();
    expect(r.folds[0].valPredictions).toBeUndefined();
    const t = trainConfiguration({ dataset: iris, split: makeSplit(iris, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1), preprocess: 'zscore', config: trainConfigOf(parseSpec({ dataset: { builtin: 'iris' } }), { hiddenLayers: [8], epochs: 2 }), seed: 1, evaluateTest: true });
    expect(t.test!.predictions).toBeUndefined();
  });
});

describe('stored and answered', () => {
  it('a search keeps each regression trial\'s predictions beside it (6 and 4 significant digits), trials.get answers them, a rerun of the trial clears them; classes have none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-pred-'));
    const store = Store.open(join(dir, 'k.db'));
    const wb = new Workbench({ store, version: 'test', workers: 1 });
    const call = caller(() => wb);
    const { id } = createSearch(store, {
      project: 'p', name: 'sine', dataset: { synthetic: 'sine', n: 200 }, seed: 2, train: { epochs: 4, hiddenLayers: [8] },
      space: { lr: { type: 'float', low: 0.001, high: 0.05, log: true } }, objective: { metric: 'val_mae' }, budget: { trials: 2 },
    }, { checkData: true });
    expect(await new Study(store, id, { workers: 1 }).run()).toBe('complete');
    const t = store.trials.need(id, 0);
    expect(Object.keys(t)).not.toContain('predictions');
    const stored = JSON.parse(store.trials.predictionsOf(t.id)!) as { rows: number; actual: number[]; predicted: number[] };
    expect(stored.rows).toBe(40);
    expect(stored.predicted.every((x) => Number(x.toPrecision(4)) === x)).toBe(true);
    const detail = await call('trials.get', { searchId: id, number: 0 });
    expect(detail.predictions).toEqual({ ...stored, overflowed: 0 });
    // Its MAE from the stored (rounded) predictions is the trial's, to the rounding.
    expect(mae(stored.actual, stored.predicted) / t.val_mae!).toBeCloseTo(1, 2);
    store.trials.start(id, 0, 0, JSON.parse(t.knobs), t.seed);
    expect(store.trials.predictionsOf(t.id)).toBeNull();
    expect((await call('trials.get', { searchId: id, number: 0 })).predictions).toBeNull();
    // The test split's evaluation of a trial keeps its test rows' predictions too, compacted the same way, and answers them.
    const e = await call('trials.evaluateTest', { searchId: id, number: 1 });
    expect(e.predictions!.rows).toBe(40);
    expect(e.predictions!.predicted.every((x) => Number(x.toPrecision(4)) === x)).toBe(true);
    expect(mae(e.predictions!.actual, e.predictions!.predicted) / e.mae!).toBeCloseTo(1, 2);
    expect((await call('searches.get', { id })).testEvaluations[0].predictions).toEqual(e.predictions);

    const cls = createSearch(store, { project: 'p', name: 'iris', dataset: { builtin: 'iris' }, train: { epochs: 2 }, budget: { trials: 1 } }, { checkData: true });
    expect(await new Study(store, cls.id, { workers: 1 }).run()).toBe('complete');
    expect((await call('trials.get', { searchId: cls.id, number: 0 })).predictions).toBeNull();
    await wb.shutdown();
    store.close();
  });

  it('writes a prediction that overflowed as null, and the answer leaves it out and counts it', () => {
    const json = predictionsJson({ rows: 3, actual: [1.23456789, 20, 30], predicted: [1.23456789, Infinity, 29.87654] });
    expect(JSON.parse(json)).toEqual({ rows: 3, actual: [1.23457, 20, 30], predicted: [1.235, null, 29.88] });
  });
});
