import type { Dataset } from './types';

/** How many rows repeat an earlier row of a data set: every feature and the target the same. */
export interface RepeatedRows {
  /** Rows equal to an earlier row in every feature and the target. */
  repeats: number;
  /** The first such row's index (0-based, as the data set holds its rows) and the earlier row it repeats; null when none. */
  first: { row: number; of: number } | null;
}

/**
 * Rows that repeat an earlier row exactly (every feature as the network reads it, and the target),
 * as a file whose rows were appended twice, or a log with each event saved again, holds them. A
 * split puts copies of one row on both sides, and the validation rows then score data the model
 * was trained on. Each row hashed (FNV-1a over its float32 bits and its target), rows of one hash
 * compared in full; made once per data set.
 */
export function repeatedRows(ds: Dataset): RepeatedRows {
  const cached = found.get(ds);
  if (cached) return cached;
  const f = ds.nFeatures;
  const bits = new Uint32Array(ds.x.buffer, ds.x.byteOffset, ds.x.length);
  const ys = ds.y instanceof Float32Array ? new Uint32Array(ds.y.buffer, ds.y.byteOffset, ds.y.length) : ds.y;
  const same = (a: number, b: number): boolean => {
    if (ys[a] !== ys[b]) return false;
    for (let j = 0; j < f; j++) if (bits[a * f + j] !== bits[b * f + j]) return false;
    return true;
  };
  const byHash = new Map<number, number[]>();
  let repeats = 0;
  let first: RepeatedRows['first'] = null;
  for (let r = 0; r < ds.nRows; r++) {
    let h = Math.imul(2166136261 ^ ys[r], 16777619);
    for (let j = 0; j < f; j++) h = Math.imul(h ^ bits[r * f + j], 16777619);
    const rows = byHash.get(h);
    const of = rows?.find((o) => same(o, r));
    if (of !== undefined) {
      repeats++;
      first ??= { row: r, of };
    } else if (rows) rows.push(r);
    else byHash.set(h, [r]);
  }
  const out = { repeats, first };
  found.set(ds, out);
  return out;
}
const found = new WeakMap<Dataset, RepeatedRows>();

/** From this share of the rows (and at least 2 rows), repeated rows are said before a search: iris' one repeat in 150 is not. */
export const REPEATS_SAID_FROM = 0.01;
