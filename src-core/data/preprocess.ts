import type { Preprocess, TargetPreprocess } from '../spec/spec';
import type { Dataset, Scaler, TargetScaler } from './types';

/**
 * The smallest spread a column is scaled by: 1 / spread stays within float32's range (3.4e38), as
 * the scale is stored in float32.
 */
const MIN_SPREAD = 1 / 3.4e38;

/**
 * Whether a column's spread (standard deviation, or max − min) is that of a constant column: none
 * at all, or no more than float64's rounding of its mean leaves (relative to the mean, as
 * scikit-learn's StandardScaler judges it). Relative, not absolute: a column of values near 1e-30,
 * as physical measurements in SI units hold, has a spread of its own and is scaled by it (an
 * absolute 1e-12 once read it as constant and fed the network zeros).
 */
export const isConstantSpread = (spread: number, mean: number): boolean => !(spread > 1e-12 * Math.abs(mean) && spread > MIN_SPREAD);

/** Fit none / min-max / z-score on the given (training) rows only; a constant column gets scale 1 and maps to 0 (never NaN or Inf). */
export function fitScaler(ds: Dataset, rows: Int32Array, kind: Preprocess): Scaler {
  const f = ds.nFeatures;
  const offset = new Float32Array(f);
  const scale = new Float32Array(f).fill(1);
  if (kind === 'none' || rows.length === 0) return { kind, offset, scale };
  if (kind === 'minmax') {
    const lo = new Float64Array(f).fill(Infinity);
    const hi = new Float64Array(f).fill(-Infinity);
    for (const r of rows) {
      for (let j = 0; j < f; j++) {
        const v = ds.x[r * f + j];
        if (v < lo[j]) lo[j] = v;
        if (v > hi[j]) hi[j] = v;
      }
    }
    for (let j = 0; j < f; j++) {
      offset[j] = lo[j];
      scale[j] = isConstantSpread(hi[j] - lo[j], (hi[j] + lo[j]) / 2) ? 1 : 1 / (hi[j] - lo[j]);
    }
    return { kind, offset, scale };
  }
  const mean = new Float64Array(f);
  const sq = new Float64Array(f);
  for (const r of rows) for (let j = 0; j < f; j++) mean[j] += ds.x[r * f + j];
  for (let j = 0; j < f; j++) mean[j] /= rows.length;
  for (const r of rows) for (let j = 0; j < f; j++) sq[j] += (ds.x[r * f + j] - mean[j]) ** 2;
  for (let j = 0; j < f; j++) {
    const std = Math.sqrt(sq[j] / rows.length);
    offset[j] = mean[j];
    scale[j] = isConstantSpread(std, mean[j]) ? 1 : 1 / std;
  }
  return { kind, offset, scale };
}

/**
 * The standardisation of a regression target over the given (training) rows, or null when the
 * target is used as it is: `none`, classification, or no rows. Mean and population std in float64.
 */
export function fitTargetScaler(ds: Dataset, rows: Int32Array, kind: TargetPreprocess): TargetScaler | null {
  if (kind === 'none' || ds.task !== 'regression' || rows.length === 0) return null;
  const log = kind === 'log';
  if (log) {
    const below = Array.from(rows).findIndex((r) => !(ds.y[r] >= 0));
    if (below >= 0) throw new RangeError(`"targetPreprocess": "log" trains on ln(1 + target), which needs every target ≥ 0; training row ${rows[below]} has ${ds.y[rows[below]]}.`);
  }
  const { mean, std } = targetStats(ds, rows, log);
  return { mean, std: isConstantSpread(std, mean) ? 1 : std, ...(log ? { log } : {}) };
}

/** The target as the network sees it before standardising: ln(1 + y) with `log`, else y. */
export const targetValue = (y: number, log?: boolean): number => (log ? Math.log1p(y) : y);

/** Mean and population standard deviation of the target (of ln(1 + target) with `log`) over the given rows (NaN for none). */
export function targetStats(ds: Dataset, rows: Int32Array, log = false): { mean: number; std: number } {
  let mean = 0;
  for (const r of rows) mean += targetValue(ds.y[r], log);
  mean /= rows.length;
  let sq = 0;
  for (const r of rows) sq += (targetValue(ds.y[r], log) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / rows.length) };
}

function checkRange(what: string, rows: Int32Array, start: number, count: number, dstLength: number, dstOffset: number, width: number): void {
  if (start < 0 || count < 0 || start + count > rows.length) throw new RangeError(`${what}: rows[${start}..${start + count}) is outside the ${rows.length} row indices given.`);
  if (dstOffset < 0 || dstOffset + count * width > dstLength) throw new RangeError(`${what}: ${count} rows × ${width} values at offset ${dstOffset} do not fit the destination of length ${dstLength}.`);
}

/** Write the scaled features of rows[start..start+count) into dst at dstOffset (row-major): how batches reach the arena. */
export function gatherRows(ds: Dataset, scaler: Scaler, rows: Int32Array, start: number, count: number, dst: Float32Array, dstOffset: number): void {
  const f = ds.nFeatures;
  checkRange('gatherRows', rows, start, count, dst.length, dstOffset, f);
  const { offset, scale } = scaler;
  const x = ds.x;
  for (let i = 0; i < count; i++) {
    const src = rows[start + i] * f;
    const out = dstOffset + i * f;
    for (let j = 0; j < f; j++) dst[out + j] = (x[src + j] - offset[j]) * scale[j];
  }
}

/** Write the labels (Int32Array dst) or targets (Float32Array dst) of rows[start..start+count) at dstOffset; regression targets standardised by `target` when given. */
export function gatherTargets(ds: Dataset, rows: Int32Array, start: number, count: number, dst: Int32Array | Float32Array, dstOffset: number, target?: TargetScaler | null): void {
  checkRange('gatherTargets', rows, start, count, dst.length, dstOffset, 1);
  const y = ds.y;
  if (target) {
    const { mean, std, log } = target;
    for (let i = 0; i < count; i++) dst[dstOffset + i] = (targetValue(y[rows[start + i]], log) - mean) / std;
    return;
  }
  for (let i = 0; i < count; i++) dst[dstOffset + i] = y[rows[start + i]];
}
