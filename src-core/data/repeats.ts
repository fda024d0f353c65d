import type { Dataset } from './types';

/**
 * How many rows repeat an earlier row exactly (every feature as the network reads it, and the
 * target), as a file whose rows were appended twice holds them. A split puts copies of one row on
 * both sides, and the validation rows then score data the model was trained on. Each row hashed
 * (FNV-1a over its float32 bits and its target), rows of one hash compared in full; counted once
 * per data set.
 */
export function repeatedRows(ds: Dataset): number {
  const cached = found.get(ds);
  if (cached !== undefined) return cached;
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
  for (let r = 0; r < ds.nRows; r++) {
    let h = Math.imul(2166136261 ^ ys[r], 16777619);
    for (let j = 0; j < f; j++) h = Math.imul(h ^ bits[r * f + j], 16777619);
    const rows = byHash.get(h);
    if (rows?.some((o) => same(o, r))) repeats++;
    else if (rows) rows.push(r);
    else byHash.set(h, [r]);
  }
  found.set(ds, repeats);
  return repeats;
}
const found = new WeakMap<Dataset, number>();

/** From this share of the rows (and at least 2 rows), repeated rows are said before a search: iris' one repeat in 150 is not. */
export const REPEATS_SAID_FROM = 0.01;
