// classWeights "balanced": the weights against sklearn's compute_class_weight("balanced") (fixture
// from python3-sklearn), the network's weighted loss against Σ w·ℓ / Σ w worked from its own
// outputs, the validation loss weighted the same way, and the effect a person wants from it: a
// rare class found more often. The kernels' weighted loss is checked against torch in kernels.test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSplit } from '../../src-core/data';
import { Network } from '../../src-core/nn/network';
import { metricIssues } from '../../src-core/search/study';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import { resolveTrainConfig, trainSchema } from '../../src-core/spec/train';
import { balancedClassWeights, trainConfiguration } from '../../src-core/train/trainer';
import { Rng } from '../../src-core/util/rng';
import { rareClass } from '../helpers/rare-class';

const XENT = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'torch-xent-weighted.json'), 'utf8')) as { labels: number[]; weights: number[]; classes: number };

describe('classWeights "balanced"', () => {
  it('gives each class rows / (classes present × its rows), as sklearn does, and 1 to a class with no rows', () => {
    const y = Int32Array.from(XENT.labels);
    const w = balancedClassWeights(y, Int32Array.from(y.keys()), XENT.classes);
    expect(Array.from(w)).toEqual(XENT.weights.map((x) => Math.fround(x)));
    // Only the rows asked for count: rows 7..11 hold classes 1, 1, 3, 0, 3 (3 classes present, 5 rows).
    expect(Array.from(balancedClassWeights(y, Int32Array.of(7, 8, 9, 10, 11), 4))).toEqual([5 / 3, 5 / 6, 1, 5 / 6].map(Math.fround));
  });

  it('the network\'s loss is Σ w[y]·ℓ / Σ w[y] over the rows, ℓ worked here from its outputs', () => {
    const config = resolveTrainConfig(trainSchema.parse({ hiddenLayers: [4], classWeights: 'balanced' }));
    const weights = [0.5, 3, 1.5];
    const net = new Network({ nIn: 2, nOut: 3, task: 'classification', maxBatch: 5, config, seed: 2, kernels: 'scalar', classWeights: weights });
    const rng = new Rng(1);
    for (let i = 0; i < 10; i++) net.arena.f32[net.xOff + i] = rng.normal();
    const labels = [0, 0, 1, 2, 0];
    net.arena.i32.set(labels, net.yOff);
    const loss = net.lossOnly(5);
    const f = net.arena.f32;
    let num = 0;
    let den = 0;
    labels.forEach((y, r) => {
      const z = [0, 1, 2].map((c) => f[net.outOff + r * 3 + c]);
      const top = Math.max(...z);
      const logSum = top + Math.log(z.reduce((a, v) => a + Math.exp(v - top), 0));
      num += weights[y] * (logSum - z[y]);
      den += weights[y];
    });
    expect(loss).toBeCloseTo(num / den, 5);
    // The same rows unweighted give the plain mean, a different number.
    const plain = new Network({ nIn: 2, nOut: 3, task: 'classification', maxBatch: 5, config: { ...config, classWeights: 'none' }, seed: 2, kernels: 'scalar' });
    plain.arena.f32.set(f.subarray(net.xOff, net.xOff + 10), plain.xOff);
    plain.arena.i32.set(labels, plain.yOff);
    expect(Math.abs(plain.lossOnly(5) - loss)).toBeGreaterThan(1e-3);
  });

  it('is refused on a regression target, in train or as a knob, and accepted on classes; a wrong word names the valid ones', () => {
    const sine = parseSpec({ dataset: { synthetic: 'sine' }, train: { classWeights: 'balanced' } });
    expect(metricIssues(sine, 'regression', 'sine')).toEqual([{ path: 'train.classWeights', message: '"balanced" weighs each class in the loss, but sine is regression data (a number to predict, no classes); use "none" or leave classWeights out' }]);
    const knob = parseSpec({ dataset: { synthetic: 'sine' }, space: { classWeights: { type: 'categorical', values: ['none', 'balanced'] } } });
    expect(metricIssues(knob, 'regression', 'sine').map((i) => i.path)).toEqual(['space.classWeights']);
    expect(metricIssues(parseSpec({ dataset: { builtin: 'iris' }, train: { classWeights: 'balanced' } }), 'classification', 'iris')).toEqual([]);
    expect(() => parseSpec({ dataset: { builtin: 'iris' }, train: { classWeights: 'equal' } })).toThrow(/classWeights.*"none".*"balanced"|"none" \| "balanced"/);
  });

  it('a network refuses "balanced" without a weight per class', () => {
    const config = resolveTrainConfig(trainSchema.parse({ hiddenLayers: [4], classWeights: 'balanced' }));
    expect(() => new Network({ nIn: 2, nOut: 3, task: 'classification', maxBatch: 5, config, seed: 2, kernels: 'scalar', classWeights: [1, 2] })).toThrow(/one weight per class \(3\), got 2/);
  });

  it('finds more of a rare class than the plain loss, in the median over seeds, at a lower plain accuracy', () => {
    const spec = parseSpec({ dataset: { builtin: 'iris' } });
    const recalls = { none: [] as number[], balanced: [] as number[] };
    const accuracy = { none: [] as number[], balanced: [] as number[] };
    for (let seed = 1; seed <= 5; seed++) {
      const ds = rareClass(800, 0.06, seed);
      const split = makeSplit(ds, { kind: 'holdout', val: 0.3, test: 0, stratify: true }, seed);
      for (const classWeights of ['none', 'balanced'] as const) {
        const r = trainConfiguration({ dataset: ds, split, preprocess: 'zscore', seed, config: trainConfigOf(spec, { hiddenLayers: [16], epochs: 20, lr: 0.01, classWeights }) });
        const m = r.confusion!;
        recalls[classWeights].push(m[1][1] / (m[1][0] + m[1][1]));
        accuracy[classWeights].push(r.best.valAccuracy!);
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[2];
    expect(median(recalls.balanced)).toBeGreaterThan(median(recalls.none) + 0.2);
    expect(median(accuracy.balanced)).toBeLessThan(median(accuracy.none));
  });

  it('the validation loss is Σ w[y]·ℓ / Σ w[y] over every validation row, ℓ from the final model\'s own probabilities', () => {
    const ds = rareClass(400, 0.1, 2);
    const split = makeSplit(ds, { kind: 'holdout', val: 0.5, test: 0, stratify: true }, 2);
    const spec = parseSpec({ dataset: { builtin: 'iris' } });
    const val = split.folds[0].val;
    const predict = Float32Array.from(Array.from(val).flatMap((r) => [ds.x[2 * r], ds.x[2 * r + 1]]));
    const r = trainConfiguration({
      dataset: ds, split, preprocess: 'zscore', seed: 3, predict,
      config: trainConfigOf(spec, { hiddenLayers: [8], epochs: 3, lr: 0.01, classWeights: 'balanced', earlyStopping: false }),
    });
    const w = balancedClassWeights(ds.y, split.folds[0].train, 2);
    let num = 0;
    let den = 0;
    Array.from(val).forEach((row, i) => {
      const y = ds.y[row];
      num += w[y] * -Math.log(r.predictions![2 * i + y]);
      den += w[y];
    });
    const last = r.folds[0].epochs.at(-1)!;
    expect(last.valLoss).toBeCloseTo(num / den, 5);
    // Not the plain mean of the same losses (the rare class's weigh 5 times the common one's).
    let plain = 0;
    Array.from(val).forEach((row, i) => (plain -= Math.log(r.predictions![2 * i + ds.y[row]]) / val.length));
    expect(Math.abs(plain - last.valLoss)).toBeGreaterThan(0.01);
  });
});
