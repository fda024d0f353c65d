/**
 * One scale rule for every chart of an objective or a curve metric. `auto` reads the data: when
 * every finite value is positive, the robust range of their logarithms (Tukey's far-out fences,
 * quartiles ± 3 × IQR) is found, and if it spans more than two decades the axis is log over it;
 * otherwise the axis is linear over the robust range of the values themselves. Either way the
 * values beyond the range are drawn at the edge and counted. The user may force `log` or `linear`
 * (both over every value, nothing clipped) or `robust` (linear over the robust range).
 *
 * A bounded metric (losses at least 0, accuracy within [0, 1], R² at most 1: the engine's
 * METRIC_RANGES, which the renderer reads from the api's vocabulary) never has an axis past its
 * bounds, whatever the mode: a round end past a bound is cut back to it, an end inside is left alone
 * (withinBounds; the learning curves and the seed spread use it too). When the metric is a search's
 * objective and maximized, `auto` and `robust` also look at the good side: if the better half of the
 * values would sit in a sliver of the axis (a few trials at R² −7 squashing the rest at 0.98), the
 * axis is linear over the good range (fences measured from the median and upper quartile, as Tukey's
 * from both quartiles), the far worse values drawn at the edge and counted as every clipped value is.
 * With the direction known (a search's objective), robust clipping in `auto` and `robust` only ever
 * cuts the bad side: the best values are always on the axis, whatever crowd sits at chance.
 *
 * @example
 *   const s = objectiveScale([0.09, 0.12, 0.3, 126, 415]);   // { type: 'log', min: 0.01, max: 1000, … }
 *   place(s, 0.3);                                             // { y: 0.3, edge: null }
 *   objectiveScale([0.9, 0.8, 0.85, -3e4], 'auto').above;      // 0; .below === 1 (R² of a diverged trial)
 *   objectiveScale(r2s, 'auto', { high: 1, direction: 'maximize' }).max;   // ≤ 1
 *   objectiveScale([0, 0, 0], 'auto', { low: 0 }).min;                       // 0, not −1 (a loss saturated at 0)
 */

/** What the user asked for. */
export type ScaleMode = 'auto' | 'log' | 'linear' | 'robust';

/** The modes in the order the toggle shows them. */
export const SCALE_MODES: readonly ScaleMode[] = ['auto', 'log', 'linear', 'robust'];

/** The decided scale of a value axis (or a colour scale). */
export interface ObjectiveScale {
  /** What was asked. */
  mode: ScaleMode;
  /** The axis type ECharts draws. */
  type: 'log' | 'value';
  /** The axis extent; finite, min < max, min > 0 on a log axis. */
  min: number;
  max: number;
  /** Finite values below min / above max, drawn at the edge. */
  below: number;
  above: number;
  /** Finite values seen. */
  count: number;
  /** Why, in plain words (the toggle's tooltip). */
  why: string;
}

/**
 * What a metric can reach, as the scale needs it: its bounds (null or absent: none) and, on a chart
 * of a search's objective, the direction the search optimizes it in.
 */
export interface MetricBound {
  /** The least it can be (0 for losses, errors and accuracy). */
  low?: number | null;
  /** The most it can be (1 for accuracy and R²). */
  high?: number | null;
  /** Absent on charts that are not of an objective (learning curves): then only the bounds apply, never the good-range focus. */
  direction?: 'minimize' | 'maximize';
}

/** The metric ranges of the api's vocabulary: the least and most each metric can be, null for no bound. */
export type MetricRanges = Partial<Record<string, readonly [number | null, number | null]>>;

/** A metric's bounds from the vocabulary's ranges, with the direction when the chart is of a search's objective; undefined when the range is unknown (no vocabulary yet). */
export function metricBound(ranges: MetricRanges | null | undefined, metric: string, direction?: 'minimize' | 'maximize'): MetricBound | undefined {
  const range = ranges?.[metric];
  if (!range) return undefined;
  return direction ? { low: range[0], high: range[1], direction } : { low: range[0], high: range[1] };
}

const finiteOr = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * An axis extent kept within a metric's bounds: an end past a bound moves to it, an end inside is
 * kept (accuracy over 0.9–0.99 keeps its axis from 0.9; only a round end above 1 is cut to 1). A
 * bound at or below 0 says nothing to a log axis, whose ends are always above 0. Should both ends
 * lie past one bound (values the metric cannot take), the axis keeps its width from that bound.
 */
export function withinBounds(min: number, max: number, bound: MetricBound | undefined, type: 'value' | 'log' = 'value'): [number, number] {
  const low = finiteOr(bound?.low);
  const high = finiteOr(bound?.high);
  let [a, b] = [min, max];
  if (high !== null && b > high && (type === 'value' || high > 0)) {
    const width = b - a;
    b = high;
    if (a >= high) a = type === 'log' ? high / 10 : high - width;
  }
  if (low !== null && a < low && (type === 'value' || low > 0)) {
    const width = b - a;
    a = low;
    if (b <= low) b = type === 'log' ? low * 10 : low + width;
  }
  return a < b ? [a, b] : [min, max];
}

/** Values that span more than this many decades go on a log axis (auto). */
export const LOG_DECADES = 2;
/** Tukey's "far out" fences: quartiles ± this many interquartile ranges. */
export const FENCE_IQR = 3;
/** The better half of a bounded metric's values is squashed when it spans less than this share of the axis. */
export const SQUASHED_SHARE = 0.1;
/** Quartiles are read from at most this many values (an even stride over the sorted rest). */
const QUANTILE_SAMPLE = 20_000;

const short = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

/** A round step near span / 5 (1, 2 or 5 × a power of ten). */
export function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** A linear extent with round ends around [lo, hi]; a single value gets room on both sides. */
function linearExtent(lo: number, hi: number): [number, number] {
  if (hi - lo <= Math.abs(hi) * 1e-12) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const step = niceStep(hi - lo);
  let min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  // Float noise (0.30000000000000004) would show on the axis.
  min = Number(min.toPrecision(12));
  max = Number(max.toPrecision(12));
  return [min, max];
}

/** Whole decades around [lo, hi] (lo > 0). */
function logExtent(lo: number, hi: number): [number, number] {
  const a = Math.floor(Math.log10(lo) + 1e-9);
  let b = Math.ceil(Math.log10(hi) - 1e-9);
  if (b <= a) b = a + 1;
  return [Number((10 ** a).toPrecision(12)), Number((10 ** b).toPrecision(12))];
}

/** The q-quantile of sorted values (linear interpolation). */
function quantile(sorted: Float64Array, q: number): number {
  const i = (sorted.length - 1) * q;
  const a = Math.floor(i);
  const b = Math.min(sorted.length - 1, a + 1);
  return sorted[a] + (sorted[b] - sorted[a]) * (i - a);
}

/** Each value's base-10 logarithm, by a plain loop (`Float64Array.from` with a map function is several times slower on 250,000 values). */
function log10s(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.log10(values[i]);
  return out;
}

/** The values sorted, or an even stride of QUANTILE_SAMPLE of them. */
function sortedSample(values: Float64Array | number[]): Float64Array {
  let sample: Float64Array;
  if (values.length > QUANTILE_SAMPLE) {
    sample = new Float64Array(QUANTILE_SAMPLE);
    const stride = values.length / QUANTILE_SAMPLE;
    for (let i = 0; i < QUANTILE_SAMPLE; i++) sample[i] = values[Math.floor(i * stride)];
  } else sample = Float64Array.from(values);
  return sample.sort();
}

/**
 * The good range of a maximized metric: the values above a fence measured from the good side only,
 * median − (1 + 2 × FENCE_IQR) × (upper quartile − median) — Tukey's far-out fence below a lower
 * quartile mirrored from the upper one — up to the best value. Null when the upper half has no
 * spread to measure (half the trials tied at the best value) or nothing lies below the fence.
 * `sample` is the values sorted (sortedSample).
 */
function goodRange(values: Float64Array, sample: Float64Array, hi: number): [number, number] | null {
  const median = quantile(sample, 0.5);
  const q3 = quantile(sample, 0.75);
  const spread = q3 > median ? q3 - median : hi - median;
  if (!(spread > 0)) return null;
  const fence = median - (1 + 2 * FENCE_IQR) * spread;
  let inLo = Infinity;
  let outside = 0;
  for (const v of values) {
    if (v >= fence) inLo = Math.min(inLo, v);
    else outside++;
  }
  return outside === 0 || inLo === Infinity ? null : [inLo, hi];
}

/**
 * Robust range: the smallest and largest values inside the far-out fences. When a quarter or more
 * of the values tie on each side of the median (a log-loss saturated at exactly 0 on an easy data
 * set), the IQR is 0 and its fences would call every other value an outlier: the fences then
 * measure the 10–90% range instead; when that is 0 too, or the fences keep only the tied value,
 * every value is inside. `sample` is the values sorted (sortedSample).
 */
function robustRange(values: Float64Array, sample: Float64Array, lo: number, hi: number): [number, number] {
  const q1 = quantile(sample, 0.25);
  const q3 = quantile(sample, 0.75);
  const iqr = q3 - q1;
  const spread = iqr > 0 ? iqr : quantile(sample, 0.9) - quantile(sample, 0.1);
  if (!(spread > 0)) return [lo, hi];
  const fenceLo = q1 - FENCE_IQR * spread;
  const fenceHi = q3 + FENCE_IQR * spread;
  let inLo = Infinity;
  let inHi = -Infinity;
  for (const v of values) {
    if (v >= fenceLo && v <= fenceHi) {
      if (v < inLo) inLo = v;
      if (v > inHi) inHi = v;
    }
  }
  // Fences that keep a single value (the tie) and call all the rest outliers say nothing: every value is inside.
  return inLo === Infinity || (inLo === inHi && lo < hi) ? [lo, hi] : [inLo, inHi];
}

/** Decide the scale of a set of values (null, NaN and ±Infinity are not values: they are drawn as failed). */
export function objectiveScale(input: Iterable<number | null | undefined>, mode: ScaleMode = 'auto', bound?: MetricBound): ObjectiveScale {
  // The finite values, in a typed array sized once where the input's length is known (a curve overlay's 250,000 values).
  const sized = ArrayBuffer.isView(input) || Array.isArray(input);
  let buf = new Float64Array(sized ? (input as ArrayLike<unknown>).length : 64);
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let positiveLo = Infinity;
  for (const v of input) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (count === buf.length) {
      const grown = new Float64Array(buf.length * 2);
      grown.set(buf);
      buf = grown;
    }
    buf[count++] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v > 0 && v < positiveLo) positiveLo = v;
  }
  const values = buf.subarray(0, count);
  // The values sorted once, when a rule first needs their quantiles, for every rule that does.
  let sortedValues: Float64Array | null = null;
  const sorted = (): Float64Array => (sortedValues ??= sortedSample(values));
  const make = (type: 'log' | 'value', [min, max]: [number, number], why: string): ObjectiveScale => {
    let below = 0;
    let above = 0;
    for (const v of values) {
      if (v < min || (type === 'log' && v <= 0)) below++;
      else if (v > max) above++;
    }
    return { mode, type, min, max, below, above, count, why };
  };
  if (count === 0) return make('value', [0, 1], 'no values yet');
  const allPositive = lo > 0;
  const decades = allPositive ? Math.log10(hi / lo) : NaN;
  const span = `${short(lo)} to ${short(hi)}`;

  // A search's objective always shows its good side: robust clipping cuts only the bad side (for minimize the values above, for
  // maximize those below), never the best values (a few good trials among many at chance must not sink to the floor as "beyond").
  const direction = bound?.direction;
  const keepGood = ([a, b]: [number, number], least: number, most: number): [number, number] =>
    direction === 'minimize' ? [least, Math.max(b, least)] : direction === 'maximize' ? [Math.min(a, most), most] : [a, b];

  const robust = (lead: string): ObjectiveScale => {
    const [a, b] = keepGood(robustRange(values, sorted(), lo, hi), lo, hi);
    if (a === lo && b === hi) return make('value', linearExtent(lo, hi), `${lead}linear: the values (${span}) have no far outliers`);
    const s = make('value', linearExtent(a, b), '');
    const out = s.below + s.above;
    s.why = `${lead}linear over the robust range ${short(a)} to ${short(b)}; ${out} value${out === 1 ? '' : 's'} beyond it (of ${span}) drawn at the edge`;
    return s;
  };

  const decide = (): ObjectiveScale => {
    if (mode === 'linear') return make('value', linearExtent(lo, hi), `linear over every value (${span})`);
    if (mode === 'robust') return robust('');
    if (mode === 'log') {
      if (positiveLo === Infinity) return robust('log needs positive values; ');
      const s = make('log', logExtent(positiveLo, hi), '');
      s.why = `log over ${span}${s.below > 0 ? `; ${s.below} value${s.below === 1 ? '' : 's'} ≤ 0 drawn at the bottom edge` : ''}`;
      return s;
    }
    if (allPositive && decades > LOG_DECADES) {
      // The logarithm keeps the order: the sorted logs are the logs of the sorted values.
      const [a, b] = keepGood(robustRange(log10s(values), log10s(sorted()), Math.log10(lo), Math.log10(hi)), Math.log10(lo), Math.log10(hi));
      if (b - a > LOG_DECADES) {
        const s = make('log', logExtent(10 ** a, 10 ** b), '');
        const out = s.below + s.above;
        s.why = `log: the values span ${(b - a).toFixed(1)} decades (${short(10 ** a)} to ${short(10 ** b)})${out > 0 ? `; ${out} far beyond (of ${span}) drawn at the edge` : ''}`;
        return s;
      }
    }
    return robust('');
  };

  const low = finiteOr(bound?.low);
  const high = finiteOr(bound?.high);
  let s = decide();
  // A maximized objective bounded above: when its better half would be squashed into a sliver of the axis, focus on the good range.
  if (high !== null && bound?.direction === 'maximize' && (mode === 'auto' || mode === 'robust') && s.type === 'value' && hi - quantile(sorted(), 0.5) < SQUASHED_SHARE * (Math.min(s.max, high) - s.min)) {
    const good = goodRange(values, sorted(), hi);
    if (good) {
      const [a, b] = good;
      s = make('value', linearExtent(a, b), '');
      const out = s.below + s.above;
      s.why = `linear over the good range ${short(a)} to ${short(b)}; ${out} far worse value${out === 1 ? '' : 's'} (of ${span}) would squash it, drawn at the edge`;
    }
  }
  // Never past a bound (accuracy within 0 and 1, R² at most 1, a loss at least 0): a round end beyond one is cut back to it.
  const [min, max] = withinBounds(s.min, s.max, bound, s.type);
  if (min === s.min && max === s.max) return s;
  const capped = make(s.type, [min, max], '');
  const cut = [
    ...(low !== null && min !== s.min && min === low ? [`starts at ${short(low)}, the least the metric can be`] : []),
    ...(high !== null && max !== s.max && max === high ? [`stops at ${short(high)}, the most the metric can be`] : []),
  ];
  capped.why = `${s.why}; the axis ${cut.join(', and ')}`;
  return capped;
}

/** Where a value sits on a scale: itself, or the edge it is clipped to (null for no value). */
export function place(s: ObjectiveScale, v: number | null | undefined): { y: number; edge: 'low' | 'high' | null } | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  if (v < s.min || (s.type === 'log' && v <= 0)) return { y: s.min, edge: 'low' };
  if (v > s.max) return { y: s.max, edge: 'high' };
  return { y: v, edge: null };
}

/** A value's position on a scale, clipped to its edges; null for no value (place() without the allocation, for curves of 250,000 points). */
export function clipY(s: ObjectiveScale, v: number | null | undefined): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  if (v < s.min || (s.type === 'log' && v <= 0)) return s.min;
  return v > s.max ? s.max : v;
}

/** The edge where trials with no value (failed, diverged) are drawn: the worst end for the direction. */
export function worstEdge(s: ObjectiveScale, direction: 'minimize' | 'maximize'): number {
  return direction === 'minimize' ? s.max : s.min;
}

/** The toggle's label for a mode, with what auto decided. */
export function scaleLabel(mode: ScaleMode, decided?: ObjectiveScale): string {
  if (mode === 'auto') return decided ? `auto (${decided.type === 'log' ? 'log' : decided.below + decided.above > 0 ? 'robust' : 'linear'})` : 'auto';
  return mode;
}
