import type { Preprocess } from '../spec/spec';
import type { Dataset, Scaler } from './types';

/** Fit none / min-max / z-score on the given (training) rows only; constant columns get scale 1 (min-max: offset only). */
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
      scale[j] = hi[j] > lo[j] ? 1 / (hi[j] - lo[j]) : 1;
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
    scale[j] = std > 1e-12 ? 1 / std : 1;
  }
  return { kind, offset, scale };
}

/** Write the scaled features of rows[start..start+count) into dst at dstOffset (row-major): how batches reach the arena. */
export function gatherRows(ds: Dataset, scaler: Scaler, rows: Int32Array, start: number, count: number, dst: Float32Array, dstOffset: number): void {
  const f = ds.nFeatures;
  const { offset, scale } = scaler;
  const x = ds.x;
  for (let i = 0; i < count; i++) {
    const src = rows[start + i] * f;
    const out = dstOffset + i * f;
    for (let j = 0; j < f; j++) dst[out + j] = (x[src + j] - offset[j]) * scale[j];
  }
}

/** Write the labels (Int32Array dst) or targets (Float32Array dst) of rows[start..start+count) at dstOffset. */
export function gatherTargets(ds: Dataset, rows: Int32Array, start: number, count: number, dst: Int32Array | Float32Array, dstOffset: number): void {
  const y = ds.y;
  for (let i = 0; i < count; i++) dst[dstOffset + i] = y[rows[start + i]];
}
