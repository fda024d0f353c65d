import type { Dataset } from './types';

/**
 * How many rows repeat an earlier row exactly (every feature as the network reads it, and the
 * target), as a file whose rows were appended twice holds them. A split puts copies of one row on
 * both sides, and the validation rows then score data the model was trained on. Each row's
 * features hashed (FNV-1a over their float32 bits), rows of one hash compared in full, each
 * different row of features keeping the targets seen with it; counted once per data set.
 */
export function repeatedRows(ds: Dataset): number {
  return counts(ds).repeats;
}

/**
 * How many different rows of features (the target left aside) the data set holds: where that is
 * half its rows or fewer, its features are coarse (a yes/no column or two left after the rest was
 * left out), and rows alike in them are what such features make, not copies.
 */
export function distinctFeatureRows(ds: Dataset): number {
  return counts(ds).featureRows;
}

function counts(ds: Dataset): { repeats: number; featureRows: number } {
  const cached = found.get(ds);
  if (cached !== undefined) return cached;
  const f = ds.nFeatures;
  const bits = new Uint32Array(ds.x.buffer, ds.x.byteOffset, ds.x.length);
  const ys = ds.y instanceof Float32Array ? new Uint32Array(ds.y.buffer, ds.y.byteOffset, ds.y.length) : ds.y;
  const sameFeatures = (a: number, b: number): boolean => {
    for (let j = 0; j < f; j++) if (bits[a * f + j] !== bits[b * f + j]) return false;
    return true;
  };
  // Each different row of features (the first row holding it) with the targets seen beside it, by the hash of its features.
  const byHash = new Map<number, { row: number; targets: Set<number> }[]>();
  let repeats = 0;
  let featureRows = 0;
  for (let r = 0; r < ds.nRows; r++) {
    let h = 2166136261;
    for (let j = 0; j < f; j++) h = Math.imul(h ^ bits[r * f + j], 16777619);
    let bucket = byHash.get(h);
    if (!bucket) byHash.set(h, (bucket = []));
    const seen = bucket.find((b) => sameFeatures(b.row, r));
    if (!seen) {
      featureRows++;
      bucket.push({ row: r, targets: new Set([ys[r]]) });
    } else if (seen.targets.has(ys[r])) repeats++;
    else seen.targets.add(ys[r]);
  }
  const out = { repeats, featureRows };
  found.set(ds, out);
  return out;
}
const found = new WeakMap<Dataset, { repeats: number; featureRows: number }>();

/** From this share of the rows (and at least 2 rows), repeated rows are said before a search: iris' one repeat in 150 is not. */
export const REPEATS_SAID_FROM = 0.01;
