import type { SplitSpec } from '../spec/spec';
import { Rng } from '../util/rng';
import { DataError } from './errors';
import type { Dataset, Split } from './types';

/** Leave-one-out is refused above this many rows (it trains one model per row). */
export const LOO_MAX_ROWS = 2000;

/** Rows grouped by class (classification with stratify) or one group of all rows, each group shuffled. */
function groups(ds: Dataset, rows: number[], stratify: boolean, rng: Rng): number[][] {
  if (!stratify || ds.task !== 'classification') return [rng.shuffle([...rows])];
  const by = new Map<number, number[]>();
  for (const r of rows) {
    const c = ds.y[r];
    if (!by.has(c)) by.set(c, []);
    by.get(c)!.push(r);
  }
  return [...by.keys()].sort((a, b) => a - b).map((c) => rng.shuffle(by.get(c)!));
}

/** Take round(fraction·|group|) rows from each group (at least one from every group when fraction > 0 and it has two or more). */
function carve(gs: number[][], fraction: number): { taken: number[]; rest: number[][] } {
  const taken: number[] = [];
  const rest: number[][] = [];
  for (const g of gs) {
    let k = Math.round(fraction * g.length);
    if (fraction > 0 && k === 0 && g.length >= 2) k = 1;
    taken.push(...g.slice(0, k));
    rest.push(g.slice(k));
  }
  return { taken, rest };
}

const sorted = (xs: number[]): Int32Array => Int32Array.from(xs).sort();

/** Make a seeded split: the test rows are carved out first and stay apart; then hold-out, k-fold or leave-one-out on the rest. */
export function makeSplit(ds: Dataset, spec: SplitSpec, seed: number): Split {
  const rng = new Rng(seed).fork('split');
  const all = Array.from({ length: ds.nRows }, (_, i) => i);
  const stratify = spec.kind === 'loo' ? false : spec.stratify;
  const { taken: test, rest } = carve(groups(ds, all, stratify, rng), spec.test);
  const remaining = rest.flat().length;
  if (remaining < 2) throw new DataError(`Only ${remaining} row(s) are left after the test split; lower "split.test" (now ${spec.test}).`);

  if (spec.kind === 'holdout') {
    const valFraction = spec.val / (1 - spec.test);
    const { taken: val, rest: train } = carve(rest, valFraction);
    const tr = train.flat();
    if (tr.length === 0 || val.length === 0) throw new DataError(`The hold-out split leaves ${tr.length} training and ${val.length} validation rows; both need at least one (the data set has ${ds.nRows} rows).`);
    return { kind: 'holdout', folds: [{ train: sorted(tr), val: sorted(val) }], test: sorted(test) };
  }

  if (spec.kind === 'kfold') {
    if (spec.k > remaining) throw new DataError(`k-fold with k = ${spec.k} needs at least ${spec.k} rows outside the test split, but only ${remaining} remain; use a smaller k.`);
    const folds: number[][] = Array.from({ length: spec.k }, () => []);
    let next = 0;
    for (const g of rest) {
      for (const r of g) {
        folds[next].push(r);
        next = (next + 1) % spec.k;
      }
    }
    const flat = rest.flat();
    return {
      kind: 'kfold',
      folds: folds.map((val) => {
        const v = new Set(val);
        return { train: sorted(flat.filter((r) => !v.has(r))), val: sorted(val) };
      }),
      test: sorted(test),
    };
  }

  const flat = rest.flat().sort((a, b) => a - b);
  if (flat.length > LOO_MAX_ROWS) {
    throw new DataError(`Leave-one-out would train ${flat.length} models (one per row); it is meant for small data (at most ${LOO_MAX_ROWS} rows). Use k-fold instead.`);
  }
  return {
    kind: 'loo',
    folds: flat.map((r) => ({ train: Int32Array.from(flat.filter((x) => x !== r)), val: Int32Array.of(r) })),
    test: sorted(test),
  };
}
