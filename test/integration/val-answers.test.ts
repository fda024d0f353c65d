// Each fold's final model asked about the rows it held out (TrainJob.predictVal): what a trial's
// precision–recall curve is worked from. Checked against what is known without it: the most
// probable class of each row, counted, is the confusion the trainer stored (every fold's, each row
// once); on a hold-out split the answers are the first fold's model asked about its validation rows
// through `predict`, bit for bit; a pruned run answers the folds it trained, the same as a full run's.
import { describe, expect, it } from 'vitest';
import { loadDataset, makeSplit, synthetic } from '../../src-core/data';
import type { Dataset, Split } from '../../src-core/data';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { trainConfiguration, type TrainJob } from '../../src-core/train/trainer';

function job(dataset: Dataset, split: Split, over: TrainInput, extra: Partial<TrainJob> = {}, seed = 3): TrainJob {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, seed });
  return { dataset, split, preprocess: 'zscore', config: trainConfigOf(spec, over as Record<string, unknown>), seed, ...extra };
}

/** The answers' most probable class counted against each row's class, as the trainer counts its confusion. */
function counted(ds: Dataset, split: Split, folds: number, answers: Float32Array): number[][] {
  const k = ds.classNames!.length;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let i = 0;
  for (const f of split.folds.slice(0, folds)) {
    for (const r of f.val) {
      let arg = 0;
      for (let c = 1; c < k; c++) if (answers[i * k + c] > answers[i * k + arg]) arg = c;
      m[ds.y[r]][arg]++;
      i++;
    }
  }
  expect(i * k).toBe(answers.length);
  return m;
}

const rowsOf = (split: Split, folds: number): number => split.folds.slice(0, folds).reduce((n, f) => n + f.val.length, 0);

describe('each fold\'s model on the rows it held out', () => {
  const iris = loadDataset({ builtin: 'iris' }, 1);
  const restore: TrainInput = { hiddenLayers: [8], epochs: 30, lr: 0.02, earlyStopping: { monitor: 'val_loss', patience: 4, restoreBest: true } };

  it('k-fold: every row outside the test split once, probabilities that sum to 1, and the stored confusion row for row', () => {
    const split = makeSplit(iris, { kind: 'kfold', k: 5, test: 0.2, stratify: true }, 1);
    const r = trainConfiguration(job(iris, split, restore, { predictVal: true }));
    expect(r.folds).toHaveLength(5);
    const a = r.valAnswers!;
    expect(a.length).toBe((iris.nRows - split.test.length) * 3);
    for (let i = 0; i < a.length / 3; i++) expect(a[i * 3] + a[i * 3 + 1] + a[i * 3 + 2]).toBeCloseTo(1, 5);
    expect(counted(iris, split, 5, a)).toEqual(r.confusion);
    // Not asked: none, and the run is the same.
    const plain = trainConfiguration(job(iris, split, restore));
    expect(plain.valAnswers).toBeUndefined();
    expect(plain.confusion).toEqual(r.confusion);
  });

  it('hold-out: the first fold\'s model asked about its validation rows, as `predict` asks it, bit for bit', () => {
    const split = makeSplit(iris, { kind: 'holdout', val: 0.3, test: 0, stratify: true }, 4);
    const val = split.folds[0].val;
    const raw = new Float32Array(val.length * iris.nFeatures);
    val.forEach((r, i) => raw.set(iris.x.subarray(r * iris.nFeatures, (r + 1) * iris.nFeatures), i * iris.nFeatures));
    const r = trainConfiguration(job(iris, split, restore, { predictVal: true, predict: raw }));
    expect(r.valAnswers).toEqual(r.predictions);
    expect(counted(iris, split, 1, r.valAnswers!)).toEqual(r.confusion);
  });

  it('leave-one-out: every row, each answered by the model trained without it', () => {
    const xor = synthetic('xor', { n: 24, noise: 0.1, seed: 2 });
    const split = makeSplit(xor, { kind: 'loo', test: 0 }, 2);
    expect(split.folds).toHaveLength(24);
    const r = trainConfiguration(job(xor, split, { hiddenLayers: [8], epochs: 20, lr: 0.05 }, { predictVal: true }));
    expect(r.valAnswers!.length).toBe(24 * 2);
    expect(counted(xor, split, 24, r.valAnswers!)).toEqual(r.confusion);
  });

  it('a run pruned in its second fold answers the rows of the two folds it trained, as the full run answered them', () => {
    const split = makeSplit(iris, { kind: 'kfold', k: 5, test: 0, stratify: true }, 6);
    const over: TrainInput = { hiddenLayers: [8], epochs: 10, lr: 0.02, earlyStopping: false };
    const full = trainConfiguration(job(iris, split, over, { predictVal: true }));
    const pruned = trainConfiguration(job(iris, split, over, {
      predictVal: true,
      prune: (m) => (m.fold === 1 && m.epoch === 4 ? { rule: 'median', step: 14, value: 1, threshold: 0.5, compared: 3, fold: 1, epoch: 4 } : null),
    }));
    expect([pruned.stopReason, pruned.folds.length]).toEqual(['pruned', 2]);
    const a = pruned.valAnswers!;
    expect(a.length).toBe(rowsOf(split, 2) * 3);
    // The first fold trained to its end in both runs: the same answers; the second stopped at epoch 4 when pruned.
    const first = rowsOf(split, 1) * 3;
    expect(a.subarray(0, first)).toEqual(full.valAnswers!.subarray(0, first));
    expect(a.subarray(first)).not.toEqual(full.valAnswers!.subarray(first, a.length));
  });

  it('none from a run that diverged', () => {
    const split = makeSplit(iris, { kind: 'kfold', k: 3, test: 0, stratify: true }, 1);
    const r = trainConfiguration(job(iris, split, { hiddenLayers: [8], epochs: 3, optimizer: 'sgd', lr: 1e6 }, { predictVal: true }));
    expect(r.stopReason).toBe('diverged');
    expect(r.valAnswers).toBeUndefined();
  });
});
