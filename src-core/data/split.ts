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
    let g = by.get(c);
    if (!g) by.set(c, (g = []));
    g.push(r);
  }
  return [...by.keys()].sort((a, b) => a - b).map((c) => rng.shuffle(by.get(c)!));
}

/**
 * Take round(fraction·N) rows in all, each group giving floor(fraction·|group|) plus one more
 * for the groups with the largest remainders (ties broken at random): every group's share
 * is within one row of its proportional share (the largest-remainder method). A group's
 * last row is taken only when no other group can give one, so small classes stay in the rest.
 */
function carve(gs: number[][], fraction: number, rng: Rng): { taken: number[]; rest: number[][] } {
  const total = gs.reduce((n, g) => n + g.length, 0);
  const ideal = gs.map((g) => fraction * g.length);
  const take = ideal.map((v) => Math.floor(v + 1e-9));
  let left = Math.round(fraction * total) - take.reduce((a, b) => a + b, 0);
  const tie = gs.map(() => rng.uniform());
  const order = gs.map((_, i) => i).sort((a, b) => ideal[b] - take[b] - (ideal[a] - take[a]) || tie[a] - tie[b]);
  for (const keepOne of [true, false]) {
    for (const i of order) {
      if (left <= 0) break;
      if (take[i] < gs[i].length - (keepOne ? 1 : 0)) {
        take[i]++;
        left--;
      }
    }
  }
  return { taken: gs.flatMap((g, i) => g.slice(0, take[i])), rest: gs.map((g, i) => g.slice(take[i])) };
}

const sorted = (xs: number[]): Int32Array => Int32Array.from(xs).sort();

/** Notes on classes that some part of the split lacks (classification only). */
function classWarnings(ds: Dataset, split: Split): string[] {
  if (ds.task !== 'classification') return [];
  let k = ds.classNames?.length ?? 0;
  for (const c of ds.y) if (c >= k) k = c + 1;
  const total = new Array<number>(k).fill(0);
  for (const c of ds.y) total[c]++;
  const present = (rows: Int32Array): Uint8Array => {
    const seen = new Uint8Array(k);
    for (const r of rows) seen[ds.y[r]] = 1;
    return seen;
  };
  const noTrain = new Array<number>(k).fill(0);
  const noVal = new Array<number>(k).fill(0);
  for (const f of split.folds) {
    const [tr, va] = [present(f.train), present(f.val)];
    for (let c = 0; c < k; c++) {
      noTrain[c] += tr[c] ? 0 : 1;
      noVal[c] += va[c] ? 0 : 1;
    }
  }
  const inTest = present(split.test);
  const out: string[] = [];
  const n = split.folds.length;
  for (let c = 0; c < k; c++) {
    if (total[c] === 0) continue;
    const name = `Class "${ds.classNames?.[c] ?? c}" (${total[c]} row${total[c] === 1 ? '' : 's'})`;
    const parts: string[] = [];
    if (noTrain[c] > 0) parts.push(n === 1 ? 'the training rows' : `the training rows of ${noTrain[c]} of ${n} folds`);
    if (split.kind !== 'loo' && noVal[c] > 0) parts.push(n === 1 ? 'the validation rows' : `the validation rows of ${noVal[c]} of ${n} folds`);
    if (split.test.length > 0 && !inTest[c]) parts.push('the test rows');
    if (parts.length > 0) out.push(`${name} is absent from ${parts.join(', ')}.`);
  }
  return out;
}

/** The split with its class warnings attached when there are any. */
function withWarnings(ds: Dataset, split: Split): Split {
  const warnings = classWarnings(ds, split);
  return warnings.length > 0 ? { ...split, warnings } : split;
}

/**
 * Make a seeded split. The test rows are carved out first (stratified for classification
 * unless `stratify` is false) and stay apart; then hold-out, k-fold or leave-one-out runs on
 * the rest. A class too small to appear in every part lands where its rows fall (in training
 * first) and the split's `warnings` say which parts lack it.
 *
 * @example
 *   const s = makeSplit(loadBuiltin('iris'), { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 42);
 *   // s.folds[0].train: 90 rows, s.folds[0].val: 30, s.test: 30, 10 of each species in val and test
 *   makeSplit(iris, spec, 42, 7);   // the same 30 test rows; training and validation rows drawn with seed 7
 */
export function makeSplit(ds: Dataset, spec: SplitSpec, seed: number, partsSeed?: number): Split {
  const base = new Rng(seed).fork('split');
  const all = Array.from({ length: ds.nRows }, (_, i) => i);
  const stratify = spec.kind === 'loo' ? true : spec.stratify;
  const carved = carve(groups(ds, all, stratify, base), spec.test, base);
  const test = carved.taken;
  // With `partsSeed` the test rows stay those of `seed` and only the rest is drawn again (a seed re-run that varies the split).
  const rng = partsSeed === undefined ? base : new Rng(partsSeed).fork('split-parts');
  const rest = partsSeed === undefined ? carved.rest : carved.rest.map((g) => rng.shuffle([...g].sort((a, b) => a - b)));
  const remaining = ds.nRows - test.length;
  if (remaining < 2) {
    throw new DataError(`Only ${remaining} row(s) of ${ds.nRows} are left after the test split; lower "split.test" (now ${spec.test}) or use more data.`);
  }

  if (spec.kind === 'holdout') {
    const valFraction = spec.val / (1 - spec.test);
    const { taken: val, rest: train } = carve(rest, valFraction, rng);
    const tr = train.flat();
    if (tr.length === 0 || val.length === 0) {
      throw new DataError(
        `The hold-out split leaves ${tr.length} training and ${val.length} validation rows of ${ds.nRows}; both need at least one (raise "split.val" (now ${spec.val}) or use more data).`,
      );
    }
    return withWarnings(ds, { kind: 'holdout', folds: [{ train: sorted(tr), val: sorted(val) }], test: sorted(test) });
  }

  if (spec.kind === 'kfold') {
    if (spec.k > remaining) {
      throw new DataError(`k-fold with k = ${spec.k} needs at least ${spec.k} rows outside the test split, but only ${remaining} remain; use a smaller "split.k" or a smaller "split.test".`);
    }
    const fold = new Int32Array(ds.nRows).fill(-1);
    let next = rng.int(spec.k);
    for (const g of rest) {
      for (const r of g) {
        fold[r] = next;
        next = (next + 1) % spec.k;
      }
    }
    const flat = rest.flat().sort((a, b) => a - b);
    return withWarnings(ds, {
      kind: 'kfold',
      folds: Array.from({ length: spec.k }, (_, f) => ({
        train: Int32Array.from(flat.filter((r) => fold[r] !== f)),
        val: Int32Array.from(flat.filter((r) => fold[r] === f)),
      })),
      test: sorted(test),
    });
  }

  const flat = rest.flat().sort((a, b) => a - b);
  if (flat.length > LOO_MAX_ROWS) {
    throw new DataError(
      `Leave-one-out would train ${flat.length} models (one per row); it is meant for small data (at most ${LOO_MAX_ROWS} rows outside the test split). Use k-fold instead.`,
    );
  }
  return withWarnings(ds, {
    kind: 'loo',
    folds: flat.map((r) => ({ train: Int32Array.from(flat.filter((x) => x !== r)), val: Int32Array.of(r) })),
    test: sorted(test),
  });
}
