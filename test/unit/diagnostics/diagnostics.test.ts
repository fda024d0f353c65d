import { describe, expect, it } from 'vitest';
import { findingsOf, THRESHOLDS, type FindingsInput } from '../../../src-core/diagnostics/findings';
import { deadFraction, histogram, l2norm, meanStd, saturationFraction, type LayerStats } from '../../../src-core/diagnostics/stats';
import type { EpochMetrics } from '../../../src-core/train/types';

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);

describe('diagnostic statistics (hand-computed)', () => {
  it('histogram bins values over the data range, the last bin closed', () => {
    const h = histogram(f32([0, 0.1, 0.5, 0.9, 1]), 2);
    expect(h).toEqual({ min: 0, max: 1, counts: [2, 3] });
    expect(histogram(f32([-1, 0, 1, 2]), 4, [0, 2]).counts).toEqual([1, 0, 1, 1]);
  });

  it('histogram of a constant skips non-finite values and still has a width', () => {
    const h = histogram(f32([3, 3, NaN, Infinity]), 3);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(h.max).toBeGreaterThan(h.min);
  });

  it('dead fraction counts units that are ≤ 0 on every row', () => {
    // 3 rows × 4 units: unit 0 dead, unit 1 alive once, unit 2 dead (negative), unit 3 alive.
    const post = f32([0, 0, 0, 1, 0, 2, -0, 1, 0, 0, -1, 1]);
    expect(deadFraction(post, 3, 4)).toBe(0.5);
  });

  it('saturation fraction uses the flat tails of sigmoid and tanh only', () => {
    expect(saturationFraction(f32([0.005, 0.5, 0.995, 0.98]), 'sigmoid')).toBe(0.5);
    expect(saturationFraction(f32([-0.995, 0.2, 0.999, 0.5]), 'tanh')).toBe(0.5);
    expect(saturationFraction(f32([5, 0]), 'relu')).toBeNull();
  });

  it('mean, std and norm', () => {
    expect(meanStd(f32([1, 3]))).toEqual({ mean: 2, std: 1 });
    expect(l2norm(f32([3, 4]))).toBe(5);
  });
});

function epoch(e: number, over: Partial<EpochMetrics> = {}): EpochMetrics {
  return {
    fold: 0, epoch: e, trainLoss: 1 / e, valLoss: 1.1 / e, penalty: 0, trainAccuracy: 0.97, valAccuracy: 0.95,
    valRmse: null, valMae: null, valR2: null, lr: 0.01, gradNorms: [0.5, 0.6, 0.7], seconds: 0.1, ...over,
  };
}

function layer(l: number, over: Partial<LayerStats> = {}): LayerStats {
  return {
    layer: l, units: 100, activation: 'relu', pre: { min: 0, max: 1, counts: [1] }, post: { min: 0, max: 1, counts: [1] },
    meanPost: 0.5, stdPost: 0.3, weightNorm: 1, gradNorm: 0.5, deadFraction: 0.1, saturationFraction: null, ...over,
  };
}

function input(over: Partial<FindingsInput> = {}): FindingsInput {
  return { task: 'classification', epochs: [1, 2, 3, 4].map((e) => epoch(e)), bestEpoch: 4, stopReason: 'max_epochs', snapshots: [], ...over };
}

const kinds = (i: FindingsInput): string[] => findingsOf(i).map((f) => f.kind);

describe('findings: each trigger', () => {
  it('a healthy run is a good fit and nothing else', () => {
    expect(kinds(input())).toEqual(['good_fit']);
  });

  it('divergence names the epoch and the learning rate', () => {
    const f = findingsOf(input({ stopReason: 'diverged', epochs: [epoch(1), epoch(2, { trainLoss: NaN, lr: 3 })] }));
    expect(f[0].kind).toBe('divergence');
    expect(f[0].detail).toMatch(/epoch 2.*NaN.*learning rate 3/);
  });

  it('vanishing gradients: first layer far below the output layer', () => {
    const f = findingsOf(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [1e-5, 1e-3, 0.1] })) }));
    const v = f.find((x) => x.kind === 'vanishing_gradients');
    expect(v?.detail).toMatch(/layer 1's weight gradient norm is 1\.0e-5/);
    expect(kinds(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [0.002, 0.1] })) }))).not.toContain('vanishing_gradients');
  });

  it('exploding gradients: a norm above the threshold', () => {
    const f = findingsOf(input({ epochs: [1, 2, 3].map((e) => epoch(e, { gradNorms: [5e3, 10, 1] })) }));
    expect(f.map((x) => x.kind)).toContain('exploding_gradients');
    expect(THRESHOLDS.explodingAbsolute).toBeLessThan(5e3);
  });

  it('dead units at the threshold, not below it', () => {
    expect(kinds(input({ snapshots: [{ fold: 0, epoch: 4, layers: [layer(1, { deadFraction: 0.5 })] }] }))).toContain('dead_units');
    expect(kinds(input({ snapshots: [{ fold: 0, epoch: 4, layers: [layer(1, { deadFraction: 0.49 })] }] }))).not.toContain('dead_units');
  });

  it('saturation of sigmoid layers', () => {
    const f = findingsOf(input({ snapshots: [{ fold: 0, epoch: 0, layers: [layer(1, { activation: 'sigmoid', deadFraction: null, saturationFraction: 0.8 })] }] }));
    expect(f.find((x) => x.kind === 'saturation')?.detail).toMatch(/80\.0% of layer 1's outputs/);
  });

  it('collapsed activations in a deeper layer (the N(0, 0.01) case)', () => {
    const snap = { fold: 0, epoch: 0, layers: [layer(1, { stdPost: 0.01 }), layer(2, { stdPost: 1e-5 })] };
    expect(kinds(input({ snapshots: [snap] }))).toContain('collapsed_activations');
  });

  it('not learning: a flat training loss', () => {
    const flat = [1, 2, 3, 4].map((e) => epoch(e, { trainLoss: 2.302, valLoss: 2.303, trainAccuracy: 0.1, valAccuracy: 0.1 }));
    expect(kinds(input({ epochs: flat }))).toEqual(expect.arrayContaining(['not_learning', 'high_bias']));
  });

  it('bias and variance from the train and validation errors, with a target error', () => {
    const over = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 1.0, valAccuracy: 0.8 }));
    expect(kinds(input({ epochs: over, bestEpoch: 3 }))).toContain('high_variance');
    const under = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 0.7, valAccuracy: 0.69 }));
    expect(kinds(input({ epochs: under, bestEpoch: 3 }))).toContain('high_bias');
    expect(kinds(input({ epochs: under, bestEpoch: 3, targetError: 0.28 }))).toContain('good_fit');
    const both = [1, 2, 3].map((e) => epoch(e, { trainAccuracy: 0.7, valAccuracy: 0.5 }));
    expect(findingsOf(input({ epochs: both, bestEpoch: 3 })).at(-1)?.title).toBe('High bias and high variance');
  });

  it('regression: variance from the loss gap, bias from a low R²', () => {
    const reg = (t: number, v: number, r2: number): EpochMetrics[] => [1, 2, 3].map((e) => epoch(e, { trainLoss: t, valLoss: v, trainAccuracy: null, valAccuracy: null, valR2: r2 }));
    expect(kinds(input({ task: 'regression', epochs: reg(0.1, 0.3, 0.9), bestEpoch: 3 }))).toContain('high_variance');
    expect(kinds(input({ task: 'regression', epochs: reg(0.5, 0.55, 0.4), bestEpoch: 3 }))).toContain('high_bias');
  });
});
