import type { Activation } from '../spec/train';

/** A fixed-bin histogram: `counts[i]` values fell in [min + i·w, min + (i+1)·w), the last bin closed. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Statistics of one hidden or output layer on a probe batch, at one moment of training. */
export interface LayerStats {
  layer: number;
  units: number;
  activation: Activation | 'output';
  /** Histogram of the pre-activation values z = xW + b (after batch norm when present). */
  pre: Histogram;
  /** Histogram of the activation outputs a = f(z). */
  post: Histogram;
  meanPost: number;
  stdPost: number;
  /** ‖W‖₂ (Frobenius) of the layer's weights. */
  weightNorm: number;
  /** ‖∇W‖₂ averaged over the last epoch's steps (null at initialization). */
  gradNorm: number | null;
  /** Fraction of units whose output is ≤ 0 for every probe row (ReLU family only). */
  deadFraction: number | null;
  /** Fraction of outputs in the flat tails: sigmoid a < 0.01 or > 0.99; tanh |a| > 0.99. */
  saturationFraction: number | null;
}

/** One diagnostics snapshot of a trial (epoch 0 = at initialization). */
export interface DiagnosticSnapshot {
  fold: number;
  epoch: number;
  layers: LayerStats[];
}

/** Histogram of n values of a Float32Array region with `bins` equal bins over [min, max] (or the data's range). */
export function histogram(values: Float32Array, bins = 30, range?: [number, number]): Histogram {
  let lo = range ? range[0] : Infinity;
  let hi = range ? range[1] : -Infinity;
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === Infinity) {
      lo = 0;
      hi = 0;
    }
  }
  if (hi === lo) {
    hi = lo + 1e-6;
  }
  const counts = new Array<number>(bins).fill(0);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
  }
  return { min: lo, max: hi, counts };
}

/** Fraction of the `cols` units that are ≤ 0 on all `rows` rows of a row-major activation matrix. */
export function deadFraction(post: Float32Array, rows: number, cols: number): number {
  if (rows === 0 || cols === 0) return 0;
  let dead = 0;
  for (let c = 0; c < cols; c++) {
    let alive = false;
    for (let r = 0; r < rows && !alive; r++) if (post[r * cols + c] > 0) alive = true;
    if (!alive) dead++;
  }
  return dead / cols;
}

/** Fraction of activation outputs in the saturated tails of sigmoid or tanh (null for other activations). */
export function saturationFraction(post: Float32Array, activation: Activation | 'output'): number | null {
  if (activation !== 'sigmoid' && activation !== 'tanh') return null;
  if (post.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < post.length; i++) {
    const a = post[i];
    if (activation === 'sigmoid' ? a < 0.01 || a > 0.99 : Math.abs(a) > 0.99) s++;
  }
  return s / post.length;
}

/** Mean and population standard deviation of a Float32Array. */
export function meanStd(values: Float32Array): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i] - m) ** 2;
  return { mean: m, std: Math.sqrt(v / n) };
}

/** Euclidean (Frobenius) norm of a Float32Array. */
export function l2norm(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}
