import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../../src-core/nn/gradcheck';
import { initSpread, initWeights } from '../../../src-core/nn/init';
import { availableKernelPaths } from '../../../src-core/nn/kernels/index';
import type { KernelPath, Kernels } from '../../../src-core/nn/kernels/types';
import { Network } from '../../../src-core/nn/network';
import { lrAt } from '../../../src-core/nn/schedule';
import { resolveTrainConfig, trainSchema, type TrainInput } from '../../../src-core/spec/train';
import { Rng } from '../../../src-core/util/rng';

const N = 6;

function makeNet(over: TrainInput, task: 'classification' | 'regression' = 'classification', path: KernelPath = 'scalar', seed = 3): Network {
  const config = resolveTrainConfig(trainSchema.parse({ hiddenLayers: [5, 4], init: 'xavier_normal', biasInit: 0.1, ...over }));
  const classWeights = config.classWeights === 'balanced' ? [0.5, 2, 1.25] : undefined;
  const net = new Network({ nIn: 3, nOut: task === 'classification' ? 3 : 2, task, maxBatch: N, config, seed, kernels: path, classWeights });
  const rng = new Rng(9);
  for (let i = 0; i < N * 3; i++) net.arena.f32[net.xOff + i] = rng.normal(0, 1);
  if (task === 'classification') net.arena.i32.set([0, 1, 2, 1, 0, 2], net.yOff);
  else for (let i = 0; i < N * 2; i++) net.arena.f32[net.yOff + i] = rng.normal(0, 1);
  return net;
}

/** Max relative error of the analytic gradient; entries within 2ε of |w|'s kink at 0 are skipped when L1 is on. */
function check(net: Network, l1 = false): number {
  net.computeGradients(N);
  const analytic = net.grads().slice();
  const eps = 1e-2;
  const p = net.params();
  const indices = [...p.keys()].filter((i) => !l1 || Math.abs(p[i]) > 2 * eps);
  return gradCheck(() => net.lossOnly(N), p, analytic, { eps, indices }).maxRelError;
}

const TOL = 2e-2;

describe.each(availableKernelPaths())('finite-difference gradient check (%s kernels)', (path) => {
  it.each(['relu', 'leaky_relu', 'elu', 'tanh', 'sigmoid', 'linear'] as const)('dense layers with %s, softmax cross-entropy', (activation) => {
    expect(check(makeNet({ activation }, 'classification', path))).toBeLessThan(TOL);
  });

  it('softmax cross-entropy weighted by class (classWeights "balanced")', () => {
    expect(check(makeNet({ activation: 'tanh', classWeights: 'balanced' }, 'classification', path))).toBeLessThan(TOL);
  });

  it('MSE loss (regression, two outputs)', () => {
    expect(check(makeNet({ activation: 'tanh' }, 'regression', path))).toBeLessThan(TOL);
  });

  it('batch norm in training mode', () => {
    expect(check(makeNet({ activation: 'tanh', batchNorm: true }, 'classification', path))).toBeLessThan(TOL);
  });

  it('dropout with a fixed mask', () => {
    const net = makeNet({ activation: 'tanh', dropout: 0.3 }, 'classification', path);
    net.forward(N, true);
    net.freezeMasks = true;
    expect(check(net)).toBeLessThan(TOL);
  });

  it('L1 and L2 penalties', () => {
    expect(check(makeNet({ activation: 'sigmoid', l1: 0.05, l2: 0.1 }, 'regression', path), true)).toBeLessThan(TOL);
  });
});

describe('a broken backward fails the gradient check', () => {
  it('a wrong tanh derivative (1 − a instead of 1 − a²) is caught', () => {
    const net = makeNet({ activation: 'tanh' });
    expect(check(net)).toBeLessThan(TOL);
    const k = net.kernels as Kernels;
    const right = k.actBackward.bind(k);
    k.actBackward = (act, alpha, n, z, out, grad, dz) => {
      right(act, alpha, n, z, out, grad, dz);
      const f = net.arena.f32;
      for (let i = 0; i < n; i++) f[dz + i] = f[grad + i] * (1 - f[out + i]);
    };
    expect(check(net)).toBeGreaterThan(0.1);
  });

  it('a missing batch-norm mean term is caught', () => {
    const net = makeNet({ activation: 'linear', batchNorm: true });
    const grads = (): Float32Array => {
      net.computeGradients(N);
      return net.grads().slice();
    };
    const good = grads();
    const bad = good.slice();
    const L = net.layers[0];
    bad[L.dw - net.gradOff] += 0.5;
    expect(gradCheck(() => net.lossOnly(N), net.params(), bad).maxRelError).toBeGreaterThan(0.1);
  });
});

describe('initializers match their formulas', () => {
  const fanIn = 256;
  const fanOut = 128;
  const stats = (init: Parameters<typeof initWeights>[1], scale = 0.01): { mean: number; std: number; max: number } => {
    const w = new Float32Array(fanIn * fanOut);
    initWeights(w, init, fanIn, fanOut, scale, new Rng(1));
    let m = 0;
    let max = 0;
    for (const v of w) {
      m += v;
      max = Math.max(max, Math.abs(v));
    }
    m /= w.length;
    let s = 0;
    for (const v of w) s += (v - m) ** 2;
    return { mean: m, std: Math.sqrt(s / w.length), max };
  };
  it.each([
    ['normal', 0.01, 0.01],
    ['normal', 1, 1],
    ['xavier_normal', 0.01, Math.sqrt(2 / (fanIn + fanOut))],
    ['he_normal', 0.01, Math.sqrt(2 / fanIn)],
    ['lecun_normal', 0.01, Math.sqrt(1 / fanIn)],
  ] as const)('%s (scale %s): std %s', (init, scale, std) => {
    const s = stats(init, scale);
    expect(Math.abs(s.std / std - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan((4 * std) / Math.sqrt(fanIn * fanOut));
  });
  it.each([
    ['uniform', 0.05, 0.05],
    ['xavier_uniform', 0.01, Math.sqrt(6 / (fanIn + fanOut))],
    ['he_uniform', 0.01, Math.sqrt(6 / fanIn)],
  ] as const)('%s: within ±%s… bound %s and std bound/√3', (init, scale, bound) => {
    const s = stats(init, scale);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(s.std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.02);
  });
  it('zeros are zeros; biasInit is applied to hidden biases', () => {
    expect(stats('zeros').max).toBe(0);
    expect(initSpread('he_normal', 50, 10, 1).value).toBeCloseTo(0.2, 10);
    const net = makeNet({ biasInit: 0.01 });
    const L = net.layers[0];
    expect(net.arena.f32[L.b]).toBeCloseTo(0.01, 7);
  });
});

describe('learning-rate schedules (hand-computed)', () => {
  const base = { lr: 0.1, lrDecay: 0.5, lrStepEpochs: 3, warmupEpochs: 0, minLr: 0, epochs: 10 };
  it('constant, step, exponential, inverse time, cosine', () => {
    expect(lrAt({ ...base, lrSchedule: 'constant' }, 7)).toBe(0.1);
    expect([0, 2, 3, 6].map((e) => lrAt({ ...base, lrSchedule: 'step' }, e))).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(lrAt({ ...base, lrSchedule: 'exponential' }, 2)).toBeCloseTo(0.025, 12);
    expect(lrAt({ ...base, lrSchedule: 'inverse_time' }, 2)).toBeCloseTo(0.05, 12);
    expect(lrAt({ ...base, lrSchedule: 'cosine' }, 0)).toBeCloseTo(0.1, 12);
    expect(lrAt({ ...base, lrSchedule: 'cosine' }, 5)).toBeCloseTo(0.05, 12);
    expect(lrAt({ ...base, lrSchedule: 'cosine', minLr: 0.01 }, 10)).toBeCloseTo(0.01, 12);
  });
  it('linear warm-up comes first', () => {
    const c = { ...base, lrSchedule: 'step' as const, warmupEpochs: 4 };
    expect([0, 1, 3, 4, 7].map((e) => lrAt(c, e))).toEqual([0.025, 0.05, 0.1, 0.1, 0.05]);
  });
});

describe('layers in train and eval mode', () => {
  it('dropout scales kept units by 1/(1−p) in training and is the identity in eval', () => {
    const net = makeNet({ activation: 'relu', dropout: 0.5, hiddenLayers: [50] });
    net.forward(N, true);
    const L = net.layers[0];
    const f = net.arena.f32;
    const mask = Array.from(f.subarray(L.mask, L.mask + N * 50));
    expect(new Set(mask)).toEqual(new Set([0, 2]));
    const kept = mask.filter((m) => m > 0).length / mask.length;
    expect(kept).toBeGreaterThan(0.35);
    expect(kept).toBeLessThan(0.65);
    net.forward(N, false);
    const a = Array.from(f.subarray(L.a, L.a + N * 50));
    const z = Array.from(f.subarray(L.z, L.z + N * 50));
    expect(a).toEqual(z.map((v) => Math.max(0, v)));
  });

  it('batch norm: training normalizes with batch statistics, eval uses the running statistics', () => {
    const net = makeNet({ activation: 'linear', batchNorm: true, hiddenLayers: [4] });
    const L = net.layers[0];
    const f = net.arena.f32;
    net.forward(N, true);
    for (let j = 0; j < 4; j++) {
      let m = 0;
      for (let r = 0; r < N; r++) m += f[L.z + r * 4 + j];
      expect(Math.abs(m / N)).toBeLessThan(1e-5);
    }
    const h = Array.from({ length: 4 }, (_, j) => Array.from({ length: N }, (_, r) => f[L.h + r * 4 + j]));
    const mean = h.map((col) => col.reduce((a, b) => a + b, 0) / N);
    const unbiased = h.map((col, j) => col.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / (N - 1));
    for (let j = 0; j < 4; j++) {
      expect(f[L.runMean + j]).toBeCloseTo(0.1 * mean[j], 5);
      expect(f[L.runVar + j]).toBeCloseTo(0.9 + 0.1 * unbiased[j], 5);
    }
    net.forward(N, false);
    for (let j = 0; j < 4; j++) {
      const expected = (h[j][0] - f[L.runMean + j]) / Math.sqrt(f[L.runVar + j] + 1e-5);
      expect(f[L.z + j]).toBeCloseTo(expected, 4);
    }
  });

  it('the penalty is reported apart from the data loss', () => {
    const plain = makeNet({ activation: 'tanh' }).computeGradients(N);
    const net = makeNet({ activation: 'tanh', l1: 0.01, l2: 0.02 });
    const r = net.computeGradients(N);
    expect(r.loss).toBeCloseTo(plain.loss, 6);
    let expected = 0;
    for (const L of net.layers) for (let i = L.w; i < L.w + L.nIn * L.nOut; i++) expected += 0.01 * Math.abs(net.arena.f32[i]) + 0.02 * net.arena.f32[i] ** 2;
    expect(r.penalty).toBeCloseTo(expected, 5);
  });

  it('clipping by value and by global norm', () => {
    const byValue = makeNet({ activation: 'relu', clipValue: 0.01, optimizer: 'sgd', lr: 1 });
    const before = byValue.params().slice();
    byValue.trainStep(N, 1);
    const after = byValue.params();
    for (let i = 0; i < before.length; i++) expect(Math.abs(after[i] - before[i])).toBeLessThanOrEqual(0.01 + 1e-6);
    const byNorm = makeNet({ activation: 'relu', clipNorm: 0.05, optimizer: 'sgd', lr: 1 });
    const p0 = byNorm.params().slice();
    byNorm.trainStep(N, 1);
    const p1 = byNorm.params();
    let sq = 0;
    for (let i = 0; i < p0.length; i++) sq += (p1[i] - p0[i]) ** 2;
    expect(Math.sqrt(sq)).toBeCloseTo(0.05, 4);
  });

  it('snapshot and restore put back parameters and running statistics', () => {
    const net = makeNet({ batchNorm: true, optimizer: 'adam', lr: 0.01 });
    const snap = net.snapshot();
    const out0 = (net.evaluate(N), Array.from(net.arena.f32.subarray(net.outOff, net.outOff + N * 3)));
    for (let i = 0; i < 5; i++) net.trainStep(N, 0.01);
    net.restore(snap);
    net.evaluate(N);
    expect(Array.from(net.arena.f32.subarray(net.outOff, net.outOff + N * 3))).toEqual(out0);
  });

  it('a small network learns: the loss falls well below its start', () => {
    const net = makeNet({ activation: 'tanh', optimizer: 'adam', lr: 0.05, hiddenLayers: [16] });
    const first = net.trainStep(N, 0.05).loss;
    let last = first;
    for (let i = 0; i < 200; i++) last = net.trainStep(N, 0.05).loss;
    expect(last).toBeLessThan(0.05 * first);
  });
});
