import { describe, expect, it } from 'vitest';
import { loadDataset, makeSplit } from '../../src-core/data';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { trainConfiguration } from '../../src-core/train/trainer';
import type { TrainResult } from '../../src-core/train/types';

const spec = parseSpec({ dataset: { builtin: 'digits' }, split: { kind: 'holdout', val: 0.2, test: 0.2 }, preprocess: 'zscore', seed: 7 });
const dataset = loadDataset(spec.dataset, spec.seed);
const split = makeSplit(dataset, spec.split, spec.seed);
const nTrain = split.folds[0].train.length;

function train(overrides: TrainInput, seed = 7): TrainResult {
  const config = trainConfigOf(spec, overrides as Record<string, unknown>);
  return trainConfiguration({ dataset, split, preprocess: 'zscore', config, seed });
}

/** The seed notes' setting: 5 hidden ReLU layers of 100 units, batch 128, about 2000 iterations. */
const ITERATIONS = 2000;
const BATCH = 128;
const notesEpochs = Math.ceil(ITERATIONS / Math.ceil(nTrain / BATCH));
const deep: TrainInput = { hiddenLayers: [100, 100, 100, 100, 100], activation: 'relu', batchSize: BATCH, epochs: notesEpochs, earlyStopping: false };
const finalLoss = (r: TrainResult): number => r.folds[0].epochs[r.folds[0].epochs.length - 1].trainLoss;
/** Mean training loss over the run: the area under the curve, lower for an optimizer that gets down faster. */
const curveArea = (r: TrainResult): number => r.folds[0].epochs.reduce((a, e) => a + e.trainLoss, 0) / r.folds[0].epochs.length;

describe('learning on digits', () => {
  it('reaches at least 95% validation accuracy with a sensible configuration', () => {
    const r = train({ hiddenLayers: [64], activation: 'relu', init: 'he_normal', optimizer: 'adam', lr: 0.003, batchSize: 32, epochs: 40, earlyStopping: { monitor: 'val_loss', patience: 8 } });
    expect(r.best.valAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('is bit-identical for the same config and seed', () => {
    const cfg: TrainInput = { hiddenLayers: [32], epochs: 3, optimizer: 'momentum', dropout: 0.2, batchSize: 16 };
    const a = train(cfg, 11);
    const b = train(cfg, 11);
    expect(a.folds[0].epochs.map((e) => [e.trainLoss, e.valLoss])).toEqual(b.folds[0].epochs.map((e) => [e.trainLoss, e.valLoss]));
    const c = train(cfg, 12);
    expect(c.folds[0].epochs[2].trainLoss).not.toBe(a.folds[0].epochs[2].trainLoss);
  });

  describe('the seed notes\' comparisons (5×100 ReLU, SGD lr 0.01, batch 128, ~2000 iterations)', () => {
    const sgd: TrainInput = { ...deep, optimizer: 'sgd', lr: 0.01 };
    let he: TrainResult;

    it('N(0, 0.01) initial weights do not learn: the loss stays near ln 10', () => {
      const r = train({ ...sgd, init: 'normal', initScale: 0.01 });
      expect(Math.abs(finalLoss(r) - Math.log(10))).toBeLessThan(0.05);
    });

    it('He initialization ends lower than LeCun normal (the notes\' "Xavier", σ = √(1/n))', () => {
      he = train({ ...sgd, init: 'he_normal' });
      const lecun = train({ ...sgd, init: 'lecun_normal' });
      expect(finalLoss(he)).toBeLessThan(finalLoss(lecun));
      expect(finalLoss(he)).toBeLessThan(0.5 * Math.log(10));
    });

    it('with He initialization SGD is slowest, Momentum next, the adaptive optimizers fastest', () => {
      const heInit: TrainInput = { ...deep, init: 'he_normal' };
      const plain = he ?? train({ ...sgd, init: 'he_normal' });
      const momentum = train({ ...heInit, optimizer: 'momentum', lr: 0.01, momentum: 0.9 });
      const adaptive = [
        train({ ...heInit, optimizer: 'adagrad', lr: 0.01 }),
        train({ ...heInit, optimizer: 'rmsprop', lr: 0.001 }),
        train({ ...heInit, optimizer: 'adam', lr: 0.001 }),
      ];
      expect(curveArea(momentum)).toBeLessThan(curveArea(plain));
      for (const a of adaptive) expect(curveArea(a)).toBeLessThan(curveArea(momentum));
    });
  });
});

describe('early stopping inside training', () => {
  it('restore-best leaves the model of the best epoch: its test loss equals a run stopped there', () => {
    const es: TrainInput = { hiddenLayers: [32], optimizer: 'adam', lr: 0.01, batchSize: 32, epochs: 60, earlyStopping: { monitor: 'val_loss', patience: 3, restoreBest: true } };
    const config = trainConfigOf(spec, es as Record<string, unknown>);
    const r = trainConfiguration({ dataset, split, preprocess: 'zscore', config, seed: 5, evaluateTest: true });
    expect(r.stopReason).toBe('early_stopping');
    expect(r.stoppedEpoch).toBe(r.bestEpoch! + 3);
    const f = r.folds[0].epochs;
    expect(r.best.valLoss).toBe(Math.min(...f.map((e) => e.valLoss)));
    const upToBest = trainConfigOf(spec, { ...es, epochs: r.bestEpoch!, earlyStopping: false } as Record<string, unknown>);
    const s = trainConfiguration({ dataset, split, preprocess: 'zscore', config: upToBest, seed: 5, evaluateTest: true });
    expect(r.test?.loss).toBe(s.test?.loss);
    const noRestore = trainConfiguration({ dataset, split, preprocess: 'zscore', config: trainConfigOf(spec, { ...es, earlyStopping: { monitor: 'val_loss', patience: 3, restoreBest: false } } as Record<string, unknown>), seed: 5, evaluateTest: true });
    expect(noRestore.test?.loss).not.toBe(s.test?.loss);
  });
});

describe('the test rows\' confusion', () => {
  it('counts every test row once by the final model (a hold-out split), its diagonal the test accuracy', () => {
    const config = trainConfigOf(spec, { hiddenLayers: [32], optimizer: 'adam', lr: 0.01, epochs: 5, earlyStopping: false } as Record<string, unknown>);
    const r = trainConfiguration({ dataset, split, preprocess: 'zscore', config, seed: 5, evaluateTest: true });
    const c = r.test!.confusion!;
    expect(c).toHaveLength(10);
    const total = c.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(split.test.length);
    // Each true class's row holds exactly that class's test rows.
    for (let k = 0; k < 10; k++) expect(c[k].reduce((a, b) => a + b, 0)).toBe(Array.from(split.test).filter((i) => dataset.y[i] === k).length);
    expect(c.reduce((a, row, k) => a + row[k], 0) / total).toBeCloseTo(r.test!.accuracy!, 12);
  });

  it('k-fold: each fold\'s model answers the same test rows, added up, so the diagonal\'s share is the folds\' mean accuracy', () => {
    const kspec = parseSpec({ dataset: { builtin: 'digits' }, split: { kind: 'kfold', k: 3, test: 0.2 }, preprocess: 'zscore', seed: 7 });
    const ksplit = makeSplit(dataset, kspec.split, kspec.seed);
    const config = trainConfigOf(kspec, { hiddenLayers: [16], optimizer: 'adam', lr: 0.01, epochs: 3, earlyStopping: false } as Record<string, unknown>);
    const r = trainConfiguration({ dataset, split: ksplit, preprocess: 'zscore', config, seed: 5, evaluateTest: true });
    const c = r.test!.confusion!;
    const total = c.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(3 * ksplit.test.length);
    expect(c.reduce((a, row, k) => a + row[k], 0) / total).toBeCloseTo(r.test!.accuracy!, 12);
  });
});
