import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, makeSplit, targetStats } from '../../src-core/data';
import type { Dataset, Split } from '../../src-core/data/types';
import { findingsOf } from '../../src-core/diagnostics/findings';
import { createSearch, Study } from '../../src-core/search/study';
import { replayTrial } from '../../src-core/service/replay';
import { parseSpec, parseStoredSpec, trainConfigOf } from '../../src-core/spec/spec';
import { unpackChunks } from '../../src-core/store/chunks';
import { Store } from '../../src-core/store/store';
import { trainConfiguration } from '../../src-core/train/trainer';
import type { TrainResult } from '../../src-core/train/types';
import { houses, skewedPrices } from '../helpers/houses';
import { findingsOf as readFindings, targetFacts } from '../../src-core/diagnostics/findings';
import { fitTargetScaler } from '../../src-core/data/preprocess';

const dir = mkdtempSync(join(tmpdir(), 'knobs-target-'));
const { dataset, csv } = houses();
const csvPath = join(dir, 'houses.csv');
writeFileSync(csvPath, csv);
const split = makeSplit(dataset, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 7);
const config = trainConfigOf(parseSpec({ dataset: { builtin: 'iris' }, train: { epochs: 6, hiddenLayers: [16], optimizer: 'adam', lr: 0.01, batchSize: 32, earlyStopping: false } }));

/** SHA-256 of every float of the first fold's curve (losses, metrics, learning rates, gradient norms) in epoch order. */
function curveDigest(r: TrainResult): string {
  const xs = r.folds[0].epochs.flatMap((e) => [e.trainLoss, e.valLoss, e.penalty, e.valRmse ?? NaN, e.valMae ?? NaN, e.valR2 ?? NaN, e.lr, ...e.gradNorms]);
  return createHash('sha256').update(new Uint8Array(Float64Array.from(xs).buffer)).digest('hex');
}

/** The population standard deviation of the target over some rows, and the RMSE of predicting `at` for them. */
const rmseOf = (ds: Dataset, rows: Int32Array, at: number): number => Math.sqrt(Array.from(rows).reduce((s, r) => s + (ds.y[r] - at) ** 2, 0) / rows.length);

describe('a regression target standardised on the training rows (targetPreprocess)', () => {
  it('hand-derived: a model predicting the standardised mean reports the val rows\' spread in the target\'s units', () => {
    // Train targets 10, 20, 30, 40: mean 25, population std √125. Val targets 15 and 35: mean 25, std 10.
    const tiny: Dataset = {
      name: 'tiny', task: 'regression', nRows: 6, nFeatures: 1, x: Float32Array.from([1, 2, 3, 4, 5, 6]), y: Float32Array.from([10, 20, 30, 40, 15, 35]),
      featureNames: ['x'], targetName: 'y',
    };
    const sp: Split = { kind: 'holdout', folds: [{ train: Int32Array.from([0, 1, 2, 3]), val: Int32Array.from([4, 5]) }], test: new Int32Array(0) };
    // All-zero weights: the hidden units output 0 and only the output bias gets a gradient, the mean
    // residual, which is 0 on standardised training targets; the model predicts their mean 0 throughout.
    const zero = trainConfigOf(parseSpec({ dataset: { builtin: 'iris' }, train: { epochs: 3, hiddenLayers: [4], init: 'zeros', optimizer: 'sgd', lr: 0.01, batchSize: 4, earlyStopping: false } }));
    const r = trainConfiguration({ dataset: tiny, split: sp, preprocess: 'zscore', targetPreprocess: 'zscore', config: zero, seed: 1 });
    const last = r.folds[0].epochs.at(-1)!;
    expect(last.valRmse).toBeCloseTo(10, 4); // √((10² + 10²) / 2): the val rows' own std, in the target's units
    expect(last.valMae).toBeCloseTo(10, 4);
    expect(last.valR2).toBeCloseTo(0, 5);
    // The losses are the optimizer's, on the standardised target: train 1 (its variance), val 10² / 125.
    expect(last.trainLoss).toBeCloseTo(1, 5);
    expect(last.valLoss).toBeCloseTo(100 / 125, 5);

    // The same model without scaling predicts about 0 (its bias creeps up by lr·2·25 a step): the errors are the targets themselves.
    const none = trainConfiguration({ dataset: tiny, split: sp, preprocess: 'zscore', targetPreprocess: 'none', config: trainConfigOf(parseSpec({ dataset: { builtin: 'iris' }, train: { epochs: 1, hiddenLayers: [4], init: 'zeros', optimizer: 'sgd', lr: 1e-9, batchSize: 4, earlyStopping: false } })), seed: 1 });
    expect(none.folds[0].epochs[0].valRmse).toBeCloseTo(Math.sqrt((15 ** 2 + 35 ** 2) / 2), 4);
    expect(none.folds[0].epochs[0].valLoss).toBeCloseTo((15 ** 2 + 35 ** 2) / 2, 2);
  });

  it('a job without the key trains bit for bit as before the key existed (golden curve of the previous trainer)', () => {
    // Digest of this job's curve computed by the trainer before targetPreprocess existed (commit 44c78d6), on the scalar kernels.
    const before = '476a1d1d7b52f6707ddc634a3cfbc63e3719db7ed32a3eefca1934fd46125303';
    const job = { dataset, split, preprocess: 'zscore' as const, config, seed: 3, kernels: 'scalar' as const };
    expect(curveDigest(trainConfiguration(job))).toBe(before);
    expect(curveDigest(trainConfiguration({ ...job, targetPreprocess: 'none' }))).toBe(before);
    const scaled = trainConfiguration({ ...job, targetPreprocess: 'zscore' });
    expect(curveDigest(scaled)).not.toBe(before);
    // Test rows too: in the target's units either way.
    const test = trainConfiguration({ ...job, targetPreprocess: 'zscore', evaluateTest: true }).test!;
    expect(test.rmse!).toBeLessThan(0.5 * rmseOf(dataset, split.test, targetStats(dataset, split.test).mean));
  });

  it('a search stored without the key trains as "none" (the old trainer), replays bit for bit; a new spec is stored with "zscore" written out', async () => {
    const store = Store.open(join(dir, 'stored.db'));
    const old = {
      project: 'p', name: 'stored before the key', dataset: { csv: csvPath, target: 'price' }, seed: 7,
      train: { epochs: 5, hiddenLayers: [16], optimizer: 'adam', batchSize: 32, earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 2 },
    };
    // As an older Knobs stored it: the spec object without targetPreprocess.
    const row = store.searches.create(store.projects.ensure('p').id, old.name, old, 2);
    expect(parseStoredSpec(row.spec).targetPreprocess).toBe('none');
    expect(await new Study(store, row.id, { workers: 1 }).run()).toBe('complete');
    const ds = loadDataset({ csv: csvPath, target: 'price' }, 7);
    const sp = makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 7);
    for (const t of store.trials.list(row.id)) {
      const stored = unpackChunks(store.epochs.ofTrial(t.id));
      const again = trainConfiguration({ dataset: ds, split: sp, preprocess: 'zscore', config: trainConfigOf(parseStoredSpec(row.spec), JSON.parse(t.knobs)), seed: t.seed });
      expect(stored.map((e) => [e.trainLoss, e.valLoss, e.valRmse])).toEqual(again.folds[0].epochs.map((e) => [e.trainLoss, e.valLoss, e.valRmse]));
      expect(stored.at(-1)!.valRmse!).toBeGreaterThan(5e5); // still the unscaled failure, as it was
      expect((await replayTrial(store, row.id, t.number)).identical).toBe(true);
    }
    const made = createSearch(store, { ...old, name: 'new' });
    expect(JSON.parse(store.searches.need(made.id).spec).targetPreprocess).toBe('zscore');
    expect(parseStoredSpec(store.searches.need(made.id).spec).targetPreprocess).toBe('zscore');
    store.close();
  });

  it('on dollar-scale prices a new spec\'s search gets far below predicting the mean; the same search unscaled does not', async () => {
    const store = Store.open(join(dir, 'search.db'));
    const spec = (over: Record<string, unknown>) => ({
      project: 'houses', name: 'dollars', dataset: { csv: csvPath, target: 'price' }, preprocess: 'zscore', seed: 7,
      train: { epochs: 15, batchSize: 32, hiddenLayers: [64], optimizer: 'adam', earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true }, hiddenUnits: { type: 'int', low: 8, high: 128, log: true } },
      objective: { metric: 'val_rmse' }, budget: { trials: 12 }, ...over,
    });
    const best = async (over: Record<string, unknown>): Promise<number> => {
      const { id } = createSearch(store, spec(over), { checkData: true });
      expect(await new Study(store, id, { workers: 2 }).run()).toBe('complete');
      return Math.min(...store.trials.list(id).map((t) => t.val_rmse!));
    };
    const ds = loadDataset({ csv: csvPath, target: 'price' }, 7);
    const sp = makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 7);
    // Predicting the training mean for every validation row.
    const meanRmse = rmseOf(ds, sp.folds[0].val, targetStats(ds, sp.folds[0].train).mean);
    const scaled = await best({});
    const unscaled = await best({ name: 'dollars unscaled', targetPreprocess: 'none' });
    // Measured: predicting the mean 211 339; best of 12 trials with zscore 27 964, with none 1 042 726.
    expect(meanRmse).toBeGreaterThan(1.5e5);
    expect(scaled).toBeLessThan(0.3 * meanRmse);
    expect(unscaled).toBeGreaterThan(3 * meanRmse);
    store.close();
  });

  it('the diagnosis names the unscaled target and its fix, not the learning rate', () => {
    const job = { dataset, split, preprocess: 'zscore' as const, config: { ...config, epochs: 15, lr: 0.001 }, seed: 3, diagnosticsEvery: 5 };
    const read = (r: TrainResult, scaled: boolean, stats = targetStats(dataset, split.folds[0].train)) => findingsOf({
      task: 'regression', epochs: r.folds[0].epochs, bestEpoch: r.bestEpoch, stopReason: r.stopReason, snapshots: r.folds[0].diagnostics, config: job.config,
      target: { scaled, ...stats },
    });
    const none = read(trainConfiguration({ ...job, targetPreprocess: 'none' }), false);
    expect(none[0].kind).toBe('unscaled_target');
    expect(none[0].title).toBe('The target is not scaled');
    // Three digits, not rounded to a power of ten (it read "mean 10⁶"): the houses' prices average about 1.03 million.
    expect(none[0].detail).toMatch(/mean 1\.0\d·10⁶ and standard deviation 2\.\d\d?·10⁵ on the training rows/);
    expect(none[0].advice).toMatch(/^Set "targetPreprocess": "zscore" in the spec/);
    // Every symptom it causes points back to it rather than to the learning rate.
    for (const f of none.slice(1)) expect(f.advice, f.title).not.toMatch(/^Lower the learning rate/);
    expect(none.some((f) => f.kind === 'high_bias' || f.kind === 'worse_than_constant' || f.kind === 'not_learning')).toBe(true);
    // Without the data's figures the spread is read from the curves (the loss of predicting the mean).
    const fromCurves = read(trainConfiguration({ ...job, targetPreprocess: 'none' }), false, {} as never);
    expect(fromCurves[0].detail).toMatch(/a standard deviation of about 2\.\d\d?·10⁵ \(from the loss of predicting the mean\)/);
    // Scaled, the same data gives no such finding; nor does an unscaled target already of size about 1.
    const scaled = read(trainConfiguration({ ...job, targetPreprocess: 'zscore' }), true);
    expect(scaled.map((f) => f.kind)).not.toContain('unscaled_target');
    const small: Dataset = { ...dataset, y: Float32Array.from(dataset.y, (v) => (v - 1e6) / 2e5) };
    const smallRun = trainConfiguration({ ...job, dataset: small, targetPreprocess: 'none' });
    expect(read(smallRun, false, targetStats(small, split.folds[0].train)).map((f) => f.kind)).not.toContain('unscaled_target');
  });
});

describe('a regression target trained on ln(1 + y) ("targetPreprocess": "log")', () => {
  const tiny: Dataset = {
    name: 'tiny', task: 'regression', nRows: 6, nFeatures: 1, x: Float32Array.from([1, 2, 3, 4, 5, 6]), y: Float32Array.from([0, 3, 15, 63, 1, 31]),
    featureNames: ['x'], targetName: 'y',
  };
  const sp: Split = { kind: 'holdout', folds: [{ train: Int32Array.from([0, 1, 2, 3]), val: Int32Array.from([4, 5]) }], test: new Int32Array(0) };
  const zero = trainConfigOf(parseSpec({ dataset: { builtin: 'iris' }, train: { epochs: 3, hiddenLayers: [4], init: 'zeros', optimizer: 'sgd', lr: 0.01, batchSize: 4, earlyStopping: false } }));

  it('hand-derived: a model predicting the mean of ln(1 + y) predicts exp(that) − 1, and its errors are measured in the target\'s units', () => {
    // Train targets 0, 3, 15, 63: ln(1 + y) = 0, 2·ln 2, 4·ln 2, 6·ln 2, mean 3·ln 2, population std √5·ln 2. The model of
    // all-zero weights predicts the standardised mean 0 throughout (as in the zscore test above), so exp(3·ln 2) − 1 = 7 for every row.
    const r = trainConfiguration({ dataset: tiny, split: sp, preprocess: 'zscore', targetPreprocess: 'log', config: zero, seed: 1, predict: Float32Array.from([0, 100]) });
    const last = r.folds[0].epochs.at(-1)!;
    // Val targets 1 and 31: errors 6 and 24; their mean 16, so R² = 1 − (36 + 576) / (15² + 15²).
    expect(last.valMae).toBeCloseTo(15, 4);
    expect(last.valRmse).toBeCloseTo(Math.sqrt((36 + 576) / 2), 4);
    expect(last.valR2).toBeCloseTo(1 - 612 / 450, 5);
    // The losses are the optimizer's, on the standardised ln(1 + y): train 1; val ln 2 and 5·ln 2 are ∓2/√5 from the mean, so 4/5.
    expect(last.trainLoss).toBeCloseTo(1, 5);
    expect(last.valLoss).toBeCloseTo(0.8, 5);
    expect(Array.from(r.predictions!)).toEqual([expect.closeTo(7, 4), expect.closeTo(7, 4)]);
    expect(fitTargetScaler(tiny, sp.folds[0].train, 'log')).toEqual({ mean: 3 * Math.LN2, std: expect.closeTo(Math.sqrt(5) * Math.LN2, 12), log: true });
  });

  it('refuses a target below 0 before a search is stored (naming the column, how many, the lowest), and in the trainer', () => {
    const store = Store.open(join(dir, 'negative.db'));
    const csvNeg = join(dir, 'negative.csv');
    writeFileSync(csvNeg, 'x,change\n1,3\n2,-1.5\n3,4\n4,0\n5,-0.25\n6,8\n7,2\n8,9\n9,1\n10,5\n');
    const spec = { project: 'p', dataset: { csv: csvNeg, target: 'change' }, targetPreprocess: 'log', split: { kind: 'holdout', val: 0.2, test: 0 }, budget: { trials: 1 } };
    expect(() => createSearch(store, spec, { checkData: true })).toThrow(
      '"log" trains on ln(1 + target), which needs every value ≥ 0, but 2 of the 10 values of "change" are below 0 (the lowest -1.5); use "zscore", or import the column shifted to start at 0',
    );
    expect(store.searches.list()).toEqual([]);
    createSearch(store, { ...spec, targetPreprocess: 'zscore' }, { checkData: true });
    store.close();
    expect(() => fitTargetScaler({ ...tiny, y: Float32Array.from([0, 3, -2, 63, 1, 31]) }, sp.folds[0].train, 'log')).toThrow(/needs every target ≥ 0; training row 2 has -2/);
  });

  it('on prices spread over decades, a search on ln(1 + price) finds a far lower val_mae than the same search standardised', async () => {
    const { dataset: prices, csv: text } = skewedPrices();
    const file = join(dir, 'prices.csv');
    writeFileSync(file, text);
    const store = Store.open(join(dir, 'prices.db'));
    const best = async (targetPreprocess: string): Promise<number> => {
      const { id } = createSearch(store, {
        project: 'prices', name: targetPreprocess, dataset: { csv: file, target: 'price' }, targetPreprocess, seed: 4,
        train: { epochs: 40, batchSize: 32, hiddenLayers: [32, 32], optimizer: 'adam' },
        space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true }, hiddenUnits: { type: 'int', low: 8, high: 64, log: true } },
        objective: { metric: 'val_mae' }, budget: { trials: 8 },
      }, { checkData: true });
      expect(await new Study(store, id, { workers: 1 }).run()).toBe('complete');
      return Math.min(...store.trials.list(id).map((t) => t.val_mae!));
    };
    const facts = targetFacts(prices.y, makeSplit(prices, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 4).folds[0].train, 'zscore');
    expect(facts.skew!).toBeGreaterThan(4);
    const zscore = await best('zscore');
    const log = await best('log');
    // Measured: the same 8 configurations' best val_mae 25 809 standardised, 18 044 on ln(1 + price) (the training rows' skewness 8.36).
    expect(log).toBeLessThan(0.8 * zscore);
    store.close();
  });
});

describe('the skewed-target finding', () => {
  const epochs = [1, 2, 3].map((epoch) => ({ fold: 0, epoch, trainLoss: 1 / epoch, valLoss: 1.2 / epoch, penalty: 0, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: 1, valRmse: 1, valMae: 1, valR2: 0.8, lr: 0.01, gradNorms: [], seconds: 0.01 }));
  const read = (target: ReturnType<typeof targetFacts>) => readFindings({ task: 'regression', epochs, bestEpoch: 3, stopReason: 'max_epochs', snapshots: [], target });

  it('reads the training rows\' figures by hand: 1, 2, 3, 10 have mean 4, median 2.5 and skewness 1.018 (NumPy\'s third standardised moment)', () => {
    const f = targetFacts([10, 1, 3, 2, 99], [0, 1, 2, 3], 'zscore');
    expect(f).toMatchObject({ scaled: true, min: 1, max: 10, median: 2.5, mean: 4 });
    expect(f.std!).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(f.skew!).toBeCloseTo(1.0182337649086284, 12);
    expect(targetFacts([1, 2], [0, 1], 'log')).toMatchObject({ scaled: true, log: true });
    expect(targetFacts([1, 2], [], 'none')).toEqual({ scaled: false });
  });

  it('names a long tail standardised as it is and proposes "log"; not once on ln(1 + y), nor for values below 0, nor for a tail of skewness under 2', () => {
    const { dataset: prices } = skewedPrices();
    const rows = Int32Array.from({ length: prices.nRows }, (_, i) => i);
    const named = read(targetFacts(prices.y, rows, 'zscore')).find((f) => f.kind === 'skewed_target')!;
    expect(named.title).toBe('The target is skewed');
    expect(named.detail).toMatch(/^On the training rows the target runs from \d+ to [\d.]+·10⁶ \(median \d+; the largest is \d+× the median\); its skewness is \d/);
    expect(named.advice).toMatch(/^Try "targetPreprocess": "log" in the spec/);
    const kinds = (t: ReturnType<typeof targetFacts>) => read(t).map((f) => f.kind);
    expect(kinds(targetFacts(prices.y, rows, 'log'))).not.toContain('skewed_target');
    expect(kinds(targetFacts(Float32Array.from(prices.y, (v) => v - 30_000), rows, 'zscore'))).not.toContain('skewed_target');
    expect(kinds(targetFacts(Float32Array.from(prices.y, (v) => Math.log(v)), rows, 'zscore'))).not.toContain('skewed_target');
    expect(kinds(targetFacts([1, 2, 3, 10], [0, 1, 2, 3], 'zscore'))).not.toContain('skewed_target');
  });
});
