import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../../src-core/nn/arena';
import { availableKernelPaths, createKernels } from '../../../src-core/nn/kernels/index';
import { activate, derivative } from '../../../src-core/nn/kernels/scalar';
import { ACT, type KernelPath, type OptStep } from '../../../src-core/nn/kernels/types';
import { Rng } from '../../../src-core/util/rng';

/** The shared contract every kernel path must pass, against plain reference loops written here. */
const paths = availableKernelPaths();

it('every kernel path is available under test (relaxed SIMD via --experimental-wasm-relaxed-simd)', () => {
  expect(paths).toEqual(['relaxed-simd', 'simd', 'scalar']);
});

function setup(path: KernelPath) {
  const arena = new Arena();
  const k = createKernels(arena, path);
  const rng = new Rng(5);
  const rand = (n: number, scale = 1): number => {
    const off = arena.alloc(n);
    for (let i = 0; i < n; i++) arena.f32[off + i] = rng.normal(0, scale);
    return off;
  };
  const read = (off: number, n: number): number[] => Array.from(arena.f32.subarray(off, off + n));
  return { arena, k, rng, rand, read };
}

function close(actual: number[], expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worst).toBeLessThan(tol);
}

/** Made by scripts/fixtures/make_torch_xent_fixtures.py with Debian's python3-torch and python3-sklearn. */
const XENT = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch-xent-weighted.json'), 'utf8')) as {
  rows: number; classes: number; labels: number[]; logits: number[]; weights: number[]; loss: number; grad: number[]; unweightedLoss: number;
};

const optBase: OptStep = { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, beta1: 0.9, beta2: 0.999, eps: 1e-8, rho: 0.9, weightDecay: 0, step: 1, lrDecay: 0 };

describe.each(paths)('kernels: %s', (path) => {
  it.each([
    [false, false], [true, false], [false, true], [true, true],
  ])('gemm transA=%s transB=%s over odd sizes, with and without accumulate', (ta, tb) => {
    const { arena, k, rand, read } = setup(path);
    for (const [m, n, kk] of [[1, 1, 1], [3, 5, 7], [5, 17, 3], [17, 33, 9], [33, 8, 100], [4, 16, 5]]) {
      const a = rand(m * kk);
      const b = rand(kk * n);
      const c = rand(m * n);
      const before = read(c, m * n);
      const f = arena.f32;
      const ref = (i: number, j: number): number => {
        let s = 0;
        for (let p = 0; p < kk; p++) s += (ta ? f[a + p * m + i] : f[a + i * kk + p]) * (tb ? f[b + j * kk + p] : f[b + p * n + j]);
        return s;
      };
      const expected = Array.from({ length: m * n }, (_, x) => ref(Math.floor(x / n), x % n));
      k.gemm(ta, tb, m, n, kk, a, b, c, true);
      close(read(c, m * n), expected.map((v, i) => v + before[i]), 1e-5);
      k.gemm(ta, tb, m, n, kk, a, b, c, false);
      close(read(c, m * n), expected, 1e-5);
    }
  });

  it.each(Object.entries(ACT))('bias + %s forward and derivative', (_name, act) => {
    const { arena, k, rand, read } = setup(path);
    const rows = 3;
    const cols = 7;
    const z = rand(rows * cols, 3);
    const bias = rand(cols);
    const out = arena.alloc(rows * cols);
    const zBefore = read(z, rows * cols);
    const b = read(bias, cols);
    const alpha = 0.1;
    k.biasAct(act, alpha, rows, cols, z, bias, out);
    const zAfter = zBefore.map((v, i) => Math.fround(v + b[i % cols]));
    close(read(z, rows * cols), zAfter);
    close(read(out, rows * cols), zAfter.map((v) => activate(act, alpha, v)), 2e-6);
    const grad = rand(rows * cols);
    const dz = arena.alloc(rows * cols);
    const o = read(out, rows * cols);
    const g = read(grad, rows * cols);
    k.actBackward(act, alpha, rows * cols, z, out, grad, dz);
    close(read(dz, rows * cols), zAfter.map((v, i) => g[i] * derivative(act, alpha, v, o[i])), 2e-6);
  });

  it('bias may be absent (-1)', () => {
    const { arena, k, rand, read } = setup(path);
    const z = rand(6);
    const before = read(z, 6);
    const out = arena.alloc(6);
    k.biasAct(ACT.relu, 0, 2, 3, z, -1, out);
    close(read(out, 6), before.map((v) => Math.max(0, v)));
  });

  it('colSum', () => {
    const { arena, k, read } = setup(path);
    const src = arena.alloc(6);
    arena.f32.set([1, 2, 3, 4, 5, 6], src);
    const dst = arena.alloc(3);
    k.colSum(2, 3, src, dst, false);
    expect(read(dst, 3)).toEqual([5, 7, 9]);
    k.colSum(2, 3, src, dst, true);
    expect(read(dst, 3)).toEqual([10, 14, 18]);
  });

  it('softmax cross-entropy: a hand-derived value, and stability with huge logits', () => {
    const { arena, k, read } = setup(path);
    const logits = arena.alloc(6);
    arena.f32.set([0, 0, Math.log(2), 1000, 1000, -1000], logits);
    const labels = arena.alloc(2);
    arena.i32.set([2, 0], labels);
    const grad = arena.alloc(6);
    const loss = k.softmaxXent(2, 3, logits, labels, grad, 0.5);
    // Row 1: p = [1/4, 1/4, 1/2], loss −ln ½ = ln 2. Row 2: p = [½, ½, 0], loss ln 2.
    expect(loss).toBeCloseTo(2 * Math.LN2, 5);
    close(read(grad, 6), [0.125, 0.125, -0.25, -0.25, 0.25, 0], 1e-6);
  });

  it('weighted softmax cross-entropy matches torch\'s CrossEntropyLoss(weight=…) mean and its gradient (fixture from python3-torch)', () => {
    const { arena, k, read } = setup(path);
    const fx = XENT;
    const logits = arena.alloc(fx.rows * fx.classes);
    arena.f32.set(fx.logits, logits);
    const labels = arena.alloc(fx.rows);
    arena.i32.set(fx.labels, labels);
    const weights = arena.alloc(fx.classes);
    arena.f32.set(fx.weights, weights);
    const grad = arena.alloc(fx.rows * fx.classes);
    const total = fx.labels.reduce((a, y) => a + fx.weights[y], 0);
    const sum = k.softmaxXent(fx.rows, fx.classes, logits, labels, grad, 1 / total, weights);
    expect(Math.abs(sum / total - fx.loss) / fx.loss).toBeLessThan(1e-6);
    close(read(grad, fx.rows * fx.classes), fx.grad, 1e-6);
    // Without weights, the plain mean (the same call the unweighted loss makes).
    expect(Math.abs(k.softmaxXent(fx.rows, fx.classes, logits, labels, grad, 1 / fx.rows) / fx.rows - fx.unweightedLoss)).toBeLessThan(1e-6);
  });

  it('mse, sumSquares, scale, clip', () => {
    const { arena, k, read } = setup(path);
    const p = arena.alloc(5);
    const t = arena.alloc(5);
    const g = arena.alloc(5);
    arena.f32.set([1, 2, 3, 4, 5], p);
    arena.f32.set([1, 0, 3, 5, 5], t);
    expect(k.mse(5, p, t, g, 0.5)).toBeCloseTo(5, 6);
    expect(read(g, 5)).toEqual([0, 2, 0, -1, 0]);
    expect(k.sumSquares(5, p)).toBeCloseTo(55, 5);
    k.scale(5, p, 2);
    expect(read(p, 5)).toEqual([2, 4, 6, 8, 10]);
    k.clip(5, p, 5);
    expect(read(p, 5)).toEqual([2, 4, 5, 5, 5]);
  });

  it('optimizer steps equal the scalar reference (torch.optim rules) over 5 steps', () => {
    const ref = setup('scalar');
    const mine = setup(path);
    const n = 11;
    const configs: [string, Partial<OptStep>][] = [
      ['sgd', { weightDecay: 0.01 }],
      ['momentum', { momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
      ['nesterov', { momentum: 0.9, nesterov: true }],
      ['adagrad', { lrDecay: 0.01, eps: 1e-10, weightDecay: 0.01 }],
      ['adadelta', { lr: 1, rho: 0.9, eps: 1e-6 }],
      ['rmsprop', { lr: 0.01, rho: 0.99, momentum: 0.5 }],
      ['adam', { lr: 0.01, weightDecay: 0.01 }],
      ['adamw', { lr: 0.01, weightDecay: 0.01 }],
    ];
    for (const [name, over] of configs) {
      const bufs = [ref, mine].map((s) => ({ s, p: s.rand(n), g: s.rand(n), a: s.arena.alloc(n), b: s.arena.alloc(n) }));
      bufs[1].s.arena.f32.set(bufs[0].s.read(bufs[0].p, n), bufs[1].p);
      for (let step = 1; step <= 5; step++) {
        const grads = Array.from({ length: n }, (_, i) => Math.sin(i + step));
        for (const { s, p, g, a, b } of bufs) {
          s.arena.f32.set(grads, g);
          const o = { ...optBase, ...over, step };
          if (name === 'adagrad') s.k.adagrad(n, p, g, a, o);
          else if (name === 'adadelta') s.k.adadelta(n, p, g, a, b, o);
          else if (name === 'rmsprop') s.k.rmsprop(n, p, g, a, b, o);
          else if (name === 'adam' || name === 'adamw') s.k.adam(n, p, g, a, b, o, name === 'adamw');
          else s.k.sgd(n, p, g, a, o);
        }
      }
      close(mine.read(bufs[1].p, n), ref.read(bufs[0].p, n), 1e-5);
    }
  });
});
