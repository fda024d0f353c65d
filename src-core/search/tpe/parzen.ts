import type { ParamSpec } from '../../spec/spec';
import type { Rng } from '../../util/rng';
import { sameValue, type Box } from '../space';
import { logGaussMass, truncnormPpf } from './normal';

/**
 * Parzen estimators of TPE (Bergstra et al. 2011), as Optuna 5.0's `_ParzenEstimator` builds them:
 * a mixture with one kernel per observed trial plus a prior kernel, each kernel a product over the
 * knobs. Numeric knobs get truncated normals on the knob's scale (natural log for log knobs; an
 * int log knob on [ln(low − ½), ln(high + ½)], rounded after drawing), stepped and int knobs a
 * normal discretised on their grid (the mass of the cell around each grid point), categorical
 * knobs a weighted categorical with a prior. Bandwidths, per knob and the same whether the knobs
 * are modelled jointly or alone: the larger distance to a neighbour among the sorted observations
 * and the bounds (the end kernels use their inner neighbour only), then the "magic clip" to
 * [range / min(100, n + 2), range]. Optuna 3.x gave a multivariate estimator one σ per knob by
 * Scott's rule and counted the prior's mean as a neighbour; 4.9 and 5.0 dropped both, and so does
 * Knobs. The prior kernel sits in the middle with the whole range as its σ; its weight is 1 beside
 * the observations' (a ramp from 1/n to 1 over all but the newest 25 once there are 25 or more).
 * One difference from Optuna ≥ 4.7 is kept: an int log knob's density is taken on the log scale at
 * the integer, not as the mass of the integer's cell (l/g differs only through the cell's width).
 */

/** One modelled knob and how its values map onto the estimator's scale. */
export type Dim =
  | { kind: 'continuous'; name: string; low: number; high: number; log: boolean; int: boolean; valueLow: number; valueHigh: number }
  | { kind: 'discrete'; name: string; low: number; high: number; step: number; origin: number; int: boolean }
  | { kind: 'categorical'; name: string; values: unknown[] };

/** The knobs TPE models inside a box: numeric spans wider than a point, categoricals with two values or more. Fixed knobs and single values are not modelled. */
export function dimsOf(space: Record<string, ParamSpec>, box: Box): Dim[] {
  const dims: Dim[] = [];
  for (const [name, p] of Object.entries(space)) {
    const entry = box[name];
    if (p.type === 'fixed' || !entry) continue;
    if ('values' in entry) {
      if (entry.values.length >= 2) dims.push({ kind: 'categorical', name, values: entry.values });
      continue;
    }
    if (p.type === 'categorical' || !(entry.low < entry.high)) continue;
    if (p.log) {
      const int = p.type === 'int';
      dims.push({
        kind: 'continuous', name, log: true, int,
        low: Math.log(int ? entry.low - 0.5 : entry.low), high: Math.log(int ? entry.high + 0.5 : entry.high), valueLow: entry.low, valueHigh: entry.high,
      });
    } else if (p.step !== undefined || p.type === 'int') {
      dims.push({ kind: 'discrete', name, low: entry.low, high: entry.high, step: p.step ?? 1, origin: p.low, int: p.type === 'int' });
    } else {
      dims.push({ kind: 'continuous', name, log: false, int: false, low: entry.low, high: entry.high, valueLow: entry.low, valueHigh: entry.high });
    }
  }
  return dims;
}

/** A knob value on the estimator's scale (NaN when it is not one the dimension can take: outside the box, an unknown category). */
export function toInternal(d: Dim, v: unknown): number {
  if (d.kind === 'categorical') {
    const i = d.values.findIndex((x) => sameValue(x, v));
    return i < 0 ? NaN : i;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return NaN;
  if (d.kind === 'discrete') return v >= d.low - 1e-9 * d.step && v <= d.high + 1e-9 * d.step ? v : NaN;
  if (v < d.valueLow || v > d.valueHigh) return NaN;
  return d.log ? Math.log(v) : v;
}

/** A point of the estimator's scale back to a knob value: exp for log knobs, rounded for ints, snapped to the grid for stepped knobs, clamped inside the box. */
export function fromInternal(d: Dim, x: number): unknown {
  if (d.kind === 'categorical') return d.values[x];
  if (d.kind === 'discrete') return snap(d, x);
  let v = d.log ? Math.exp(x) : x;
  if (d.int) v = Math.round(v);
  return Math.min(d.valueHigh, Math.max(d.valueLow, v));
}

/** The grid point of a discrete dimension nearest to x (inside its span), computed as the knob's own grid is. */
function snap(d: Extract<Dim, { kind: 'discrete' }>, x: number): number {
  const lo = Math.round((d.low - d.origin) / d.step);
  const hi = Math.round((d.high - d.origin) / d.step);
  const k = Math.min(hi, Math.max(lo, Math.round((x - d.origin) / d.step)));
  const v = d.origin + k * d.step;
  return d.int ? Math.round(v) : v;
}

/** The width a discrete dimension's kernels span: its grid plus half a step at each end. */
function span(d: Dim): number {
  if (d.kind === 'categorical') return NaN;
  return d.high - d.low + (d.kind === 'discrete' ? d.step : 0);
}

/** Optuna's default weights of n observations (in trial order): all 1 below 25, else a ramp from 1/n to 1 over the oldest n − 25 and 1 for the newest 25. */
export function defaultWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const w = new Array<number>(n);
  for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  for (let i = ramp; i < n; i++) w[i] = 1;
  return w;
}

/** How an estimator is built. */
export interface ParzenOptions {
  /** The prior kernel's weight beside the observations' (Optuna: 1). */
  priorWeight: number;
  /** Clip bandwidths to at least range / min(100, n + 2) (Optuna's consider_magic_clip, on by default). */
  magicClip: boolean;
  /** Let the end kernels reach to the bounds (Optuna's consider_endpoints, off by default). */
  endpoints: boolean;
}

export const PARZEN_DEFAULTS: ParzenOptions = { priorWeight: 1, magicClip: true, endpoints: false };

/** One dimension's kernels: K means and σ (numeric, the prior last), or the observed category of each kernel (categorical, the prior last and uniform). */
export type Kernels = NumericKernels | CategoricalKernels;

export interface NumericKernels {
  kind: 'continuous' | 'discrete';
  mu: Float64Array;
  sigma: Float64Array;
  low: number;
  high: number;
  /** The grid step (0 for continuous). */
  step: number;
  /** log of each kernel's normaliser: its mass inside the bounds (continuous: times σ). */
  logNorm: Float64Array;
  /** Discrete: kernel i's index among the distinct (μ, σ) pairs, whose cell masses are computed once per point. */
  pair: Int32Array;
  pairs: { mu: number; sigma: number; logNorm: number }[];
}

/** Categorical kernels: kernel i puts log `hit` on its own category `observed[i]` and log `miss` on every other; the prior kernel (last, observed −1) is uniform. */
export interface CategoricalKernels {
  kind: 'categorical';
  choices: number;
  observed: Int32Array;
  hit: number;
  miss: number;
}

/** A mixture of products: `weights` over K kernels, one Kernels per modelled dimension. */
export interface Parzen {
  dims: Dim[];
  weights: Float64Array;
  logWeights: Float64Array;
  kernels: Kernels[];
}

/**
 * Build the estimator of observations (rows: trials in trial order, columns: dims on the estimator's
 * scale). `weights`, when given, replaces the default weights of the observations (the prior's is
 * added either way).
 */
export function buildParzen(dims: Dim[], observations: number[][], opts: ParzenOptions = PARZEN_DEFAULTS, weights?: number[]): Parzen {
  const n = observations.length;
  const raw = n === 0 ? [1] : [...(weights ?? defaultWeights(n)), opts.priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const w = Float64Array.from(raw, (x) => x / total);
  const kernels = dims.map((d, j) => kernelsOf(d, observations.map((o) => o[j]), opts));
  return { dims, weights: w, logWeights: Float64Array.from(w, Math.log), kernels };
}

function kernelsOf(d: Dim, obs: number[], opts: ParzenOptions): Kernels {
  const n = obs.length;
  if (d.kind === 'categorical') {
    const c = d.values.length;
    // Each observation's row: prior/(n+1) on every category plus 1 on its own, normalised; the prior row is uniform.
    const base = opts.priorWeight / (n + 1);
    const sum = 1 + c * base;
    const observed = Int32Array.from([...obs, -1]);
    return { kind: 'categorical', choices: c, observed: n === 0 ? Int32Array.of(-1) : observed, hit: Math.log((1 + base) / sum), miss: Math.log(base / sum) };
  }
  const step = d.kind === 'discrete' ? d.step : 0;
  const width = span(d);
  const priorMu = 0.5 * (d.low + d.high);
  // Each observation's σ: the larger gap to its neighbours among the sorted observations and the
  // bounds (the end observations use their inner gap only, unless `endpoints`).
  const ext = new Float64Array(n + 2);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => obs[a] - obs[b] || a - b);
  ext[0] = d.low - step / 2;
  for (let r = 0; r < n; r++) ext[r + 1] = obs[order[r]];
  ext[n + 1] = d.high + step / 2;
  const sigmas = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sg = Math.max(ext[r + 1] - ext[r], ext[r + 2] - ext[r + 1]);
    if (!opts.endpoints && n >= 2) {
      if (r === 0) sg = ext[2] - ext[1];
      else if (r === n - 1) sg = ext[n] - ext[n - 1];
    }
    sigmas[order[r]] = sg;
  }
  const minSigma = opts.magicClip ? width / Math.min(100, 1 + n + 1) : 1e-12;
  const k = n + 1;
  const mu = new Float64Array(k);
  const sigma = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    mu[i] = obs[i];
    sigma[i] = Math.min(width, Math.max(minSigma, sigmas[i]));
  }
  mu[n] = priorMu;
  sigma[n] = width;
  const lo = d.low - step / 2;
  const hi = d.high + step / 2;
  const logNorm = new Float64Array(k);
  const pair = new Int32Array(k);
  const pairs: { mu: number; sigma: number; logNorm: number }[] = [];
  if (d.kind === 'discrete') {
    const known = new Map<number, Map<number, number>>();
    for (let i = 0; i < k; i++) {
      let bySigma = known.get(mu[i]);
      if (!bySigma) known.set(mu[i], (bySigma = new Map()));
      let at = bySigma.get(sigma[i]);
      if (at === undefined) {
        at = pairs.length;
        bySigma.set(sigma[i], at);
        pairs.push({ mu: mu[i], sigma: sigma[i], logNorm: logGaussMass((lo - mu[i]) / sigma[i], (hi - mu[i]) / sigma[i]) });
      }
      pair[i] = at;
      logNorm[i] = pairs[at].logNorm;
    }
  } else {
    for (let i = 0; i < k; i++) logNorm[i] = logGaussMass((lo - mu[i]) / sigma[i], (hi - mu[i]) / sigma[i]) + Math.log(sigma[i]);
  }
  return { kind: d.kind, mu, sigma, low: d.low, high: d.high, step, logNorm, pair, pairs };
}

/** Probability of category t under categorical kernel i. */
export function categoricalP(kern: CategoricalKernels, i: number, t: number): number {
  const o = kern.observed[i];
  return o < 0 ? 1 / kern.choices : Math.exp(o === t ? kern.hit : kern.miss);
}

/** Draw `count` points from the mixture (rows of dims on the estimator's scale): a kernel by weight, then each dimension from that kernel. */
export function sampleParzen(pe: Parzen, rng: Rng, count: number): number[][] {
  const cum = new Float64Array(pe.weights.length);
  let acc = 0;
  pe.weights.forEach((w, i) => (cum[i] = acc += w));
  const active = Array.from({ length: count }, () => {
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  const out = active.map(() => new Array<number>(pe.dims.length));
  pe.kernels.forEach((kern, j) => {
    const d = pe.dims[j];
    for (let c = 0; c < count; c++) {
      const i = active[c];
      if (kern.kind === 'categorical') {
        const u = rng.uniform();
        let s = 0;
        let t = 0;
        for (; t < kern.choices - 1; t++) {
          s += categoricalP(kern, i, t);
          if (s >= u) break;
        }
        out[c][j] = t;
        continue;
      }
      const lo = kern.low - kern.step / 2;
      const hi = kern.high + kern.step / 2;
      const m = kern.mu[i];
      const s = kern.sigma[i];
      const x = Math.min(hi, Math.max(lo, m + s * truncnormPpf(rng.uniform(), (lo - m) / s, (hi - m) / s)));
      out[c][j] = d.kind === 'discrete' ? snap(d, x) : d.kind === 'continuous' && d.int ? Math.log(fromInternal(d, x) as number) : x;
    }
  });
  return out;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log of each distinct (μ, σ) kernel's probability of x's grid cell (cached per x: many kernels of a discrete knob share μ and σ). */
function discreteCells(kern: NumericKernels, x: number, cache: Map<number, Float64Array>): Float64Array {
  const known = cache.get(x);
  if (known) return known;
  const a = Math.max(x - kern.step / 2, kern.low - kern.step / 2);
  const b = Math.min(x + kern.step / 2, kern.high + kern.step / 2);
  const out = new Float64Array(kern.pairs.length);
  kern.pairs.forEach((p, t) => (out[t] = logGaussMass((a - p.mu) / p.sigma, (b - p.mu) / p.sigma) - p.logNorm));
  cache.set(x, out);
  return out;
}

/** Add dimension j's log kernel values at x to acc (one entry per kernel). */
function addDim(kern: Kernels, x: number, acc: Float64Array, cache: Map<number, Float64Array>): void {
  const k = acc.length;
  if (kern.kind === 'categorical') {
    const uniform = -Math.log(kern.choices);
    for (let i = 0; i < k; i++) {
      const o = kern.observed[i];
      acc[i] += o < 0 ? uniform : o === x ? kern.hit : kern.miss;
    }
  } else if (kern.kind === 'discrete') {
    const cells = discreteCells(kern, x, cache);
    for (let i = 0; i < k; i++) acc[i] += cells[kern.pair[i]];
  } else {
    if (x < kern.low || x > kern.high) {
      acc.fill(-Infinity);
      return;
    }
    const { mu, sigma, logNorm } = kern;
    for (let i = 0; i < k; i++) {
      const z = (x - mu[i]) / sigma[i];
      acc[i] += -0.5 * z * z - LOG_SQRT_2PI - logNorm[i];
    }
  }
}

/** log density of the mixture at each point (rows of dims on the estimator's scale). */
export function logPdfParzen(pe: Parzen, points: number[][]): Float64Array {
  const out = new Float64Array(points.length);
  const acc = new Float64Array(pe.weights.length);
  const caches = pe.kernels.map(() => new Map<number, Float64Array>());
  for (let c = 0; c < points.length; c++) {
    acc.set(pe.logWeights);
    pe.kernels.forEach((kern, j) => addDim(kern, points[c][j], acc, caches[j]));
    out[c] = logSumExp(acc);
  }
  return out;
}

/** The mixture's marginal density of dimension j at x: Σ_k w_k · kernel_k(x) (per unit of the estimator's scale; probability for discrete and categorical dims). */
export function marginalParzen(pe: Parzen, j: number, x: number): number {
  const acc = Float64Array.from(pe.logWeights);
  addDim(pe.kernels[j], x, acc, new Map());
  return Math.exp(logSumExp(acc));
}

function logSumExp(a: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.exp(a[i] - m);
  return m + Math.log(s);
}
