import { describe, expect, it } from 'vitest';
import { DataError, LOO_MAX_ROWS, loadBuiltin, makeSplit, synthetic, type Dataset, type Split } from '../../../src-core/data';
import { splitSchema } from '../../../src-core/spec/spec';

const sortedAll = (xs: Int32Array[]): number[] => xs.flatMap((x) => Array.from(x)).sort((a, b) => a - b);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const classCounts = (ds: Dataset, rows: Int32Array): number[] => {
  const c = new Array<number>(ds.classNames!.length).fill(0);
  for (const r of rows) c[ds.y[r]]++;
  return c;
};
const isSortedUnique = (a: Int32Array): boolean => a.every((v, i) => i === 0 || v > a[i - 1]);

/** Every row in exactly one of train/val/test, for every fold. */
function expectPartition(ds: Dataset, s: Split): void {
  for (const f of s.folds) {
    expect(sortedAll([f.train, f.val, s.test])).toEqual(range(ds.nRows));
    for (const part of [f.train, f.val, s.test]) expect(isSortedUnique(part)).toBe(true);
  }
}

describe('hold-out', () => {
  it('iris 60/20/20: disjoint, complete, 10 of each species in val and test', () => {
    const ds = loadBuiltin('iris');
    const s = makeSplit(ds, splitSchema.parse({ kind: 'holdout' }), 1);
    expect(s.kind).toBe('holdout');
    expect(s.folds).toHaveLength(1);
    expectPartition(ds, s);
    const [f] = s.folds;
    expect([f.train.length, f.val.length, s.test.length]).toEqual([90, 30, 30]);
    expect(classCounts(ds, s.test)).toEqual([10, 10, 10]);
    expect(classCounts(ds, f.val)).toEqual([10, 10, 10]);
    expect(classCounts(ds, f.train)).toEqual([30, 30, 30]);
  });

  it.each([1, 2, 3, 4, 5])('wine (59/71/48) and breast cancer (212/357): each class within one row of its share (seed %i)', (seed) => {
    for (const name of ['wine', 'breast_cancer']) {
      const ds = loadBuiltin(name);
      const s = makeSplit(ds, { kind: 'holdout', val: 0.25, test: 0.15, stratify: true }, seed);
      expectPartition(ds, s);
      const total = classCounts(ds, Int32Array.from(range(ds.nRows)));
      const test = classCounts(ds, s.test);
      const val = classCounts(ds, s.folds[0].val);
      expect(s.test.length).toBe(Math.round(0.15 * ds.nRows));
      total.forEach((n, c) => {
        expect(Math.abs(test[c] - 0.15 * n)).toBeLessThan(1);
        expect(Math.abs(val[c] - (0.25 / 0.85) * (n - test[c]))).toBeLessThan(1);
      });
    }
  });

  it('unstratified and regression splits take the asked sizes', () => {
    const sine = synthetic('sine', { n: 100, noise: 0.1, seed: 1 });
    const s = makeSplit(sine, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1);
    expectPartition(sine, s);
    expect([s.folds[0].train.length, s.folds[0].val.length, s.test.length]).toEqual([60, 20, 20]);
    const iris = loadBuiltin('iris');
    const u = makeSplit(iris, { kind: 'holdout', val: 0.3, test: 0, stratify: false }, 1);
    expect([u.folds[0].train.length, u.folds[0].val.length, u.test.length]).toEqual([105, 45, 0]);
  });

  it('is seeded', () => {
    const ds = loadBuiltin('iris');
    const spec = { kind: 'holdout', val: 0.2, test: 0.2, stratify: true } as const;
    expect(Array.from(makeSplit(ds, spec, 5).test)).toEqual(Array.from(makeSplit(ds, spec, 5).test));
    expect(Array.from(makeSplit(ds, spec, 5).folds[0].val)).toEqual(Array.from(makeSplit(ds, spec, 5).folds[0].val));
    expect(Array.from(makeSplit(ds, spec, 5).test)).not.toEqual(Array.from(makeSplit(ds, spec, 6).test));
  });

  it('many tiny classes (2 rows each) still give training and validation rows', () => {
    const ds: Dataset = {
      name: 'tiny', task: 'classification', nRows: 40, nFeatures: 1, x: new Float32Array(40), y: Int32Array.from(range(40), (i) => i >> 1),
      featureNames: ['a'], targetName: 't', classNames: range(20).map(String),
    };
    const s = makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1);
    expectPartition(ds, s);
    expect([s.folds[0].train.length, s.folds[0].val.length, s.test.length]).toEqual([24, 8, 8]);
    expect(Math.max(...classCounts(ds, s.test))).toBe(1);
    expect(classCounts(ds, s.folds[0].train).every((n) => n >= 1)).toBe(true);
    expect(s.warnings).toHaveLength(20);
    expect(s.warnings!.filter((w) => / is absent from the validation rows, the test rows\.$/.test(w))).toHaveLength(4);
    expect(s.warnings!.filter((w) => /^Class "\d+" \(2 rows\) is absent from the (validation|test) rows\.$/.test(w))).toHaveLength(16);
    expect(makeSplit(loadBuiltin('iris'), { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1).warnings).toBeUndefined();
  });

  it('too little data is explained', () => {
    const ds = synthetic('moons', { n: 3, noise: 0, seed: 1 });
    expect(() => makeSplit(ds, { kind: 'holdout', val: 0.1, test: 0.1, stratify: false }, 1)).toThrow(/leaves 3 training and 0 validation rows of 3; both need at least one/);
    expect(() => makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.7, stratify: false }, 1)).toThrow(DataError);
    expect(() => makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.7, stratify: false }, 1)).toThrow(/Only 1 row\(s\) of 3 are left after the test split; lower "split.test"/);
  });
});

describe('k-fold', () => {
  it('default k = 10: every non-test row is validation exactly once, folds stratified and balanced', () => {
    const ds = loadBuiltin('wine');
    const s = makeSplit(ds, splitSchema.parse({ kind: 'kfold' }), 3);
    expect(s.kind).toBe('kfold');
    expect(s.folds).toHaveLength(10);
    expectPartition(ds, s);
    const vals = sortedAll(s.folds.map((f) => f.val));
    expect(vals).toEqual(sortedAll([Int32Array.from(range(ds.nRows).filter((r) => !s.test.includes(r)))]));
    expect(new Set(vals).size).toBe(vals.length);
    const sizes = s.folds.map((f) => f.val.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const nonTest = classCounts(ds, Int32Array.from(vals));
    for (const f of s.folds) {
      expect(f.train.length + f.val.length).toBe(ds.nRows - s.test.length);
      classCounts(ds, f.val).forEach((n, c) => expect(Math.abs(n - nonTest[c] / 10)).toBeLessThan(1));
    }
    expect(Array.from(s.test)).toEqual(Array.from(makeSplit(ds, { kind: 'kfold', k: 10, test: 0.2, stratify: true }, 3).test));
  });

  it('a class with fewer rows than k is explained in the warnings', () => {
    const y = [...new Array<number>(27).fill(0), 1, 1, 1];
    const ds: Dataset = {
      name: 'rare', task: 'classification', nRows: 30, nFeatures: 1, x: new Float32Array(30), y: Int32Array.from(y),
      featureNames: ['a'], targetName: 't', classNames: ['common', 'rare'],
    };
    const s = makeSplit(ds, { kind: 'kfold', k: 5, test: 0, stratify: true }, 2);
    expectPartition(ds, s);
    expect(classCounts(ds, Int32Array.from(sortedAll(s.folds.map((f) => f.val))))).toEqual([27, 3]);
    expect(s.folds.filter((f) => classCounts(ds, f.val)[1] === 0)).toHaveLength(2);
    expect(s.warnings).toEqual(['Class "rare" (3 rows) is absent from the validation rows of 2 of 5 folds.']);
  });

  it('works on regression data and with no test part', () => {
    const ds = synthetic('sine', { n: 23, noise: 0.1, seed: 1 });
    const s = makeSplit(ds, { kind: 'kfold', k: 5, test: 0, stratify: true }, 1);
    expect(s.test.length).toBe(0);
    expectPartition(ds, s);
    expect(s.folds.map((f) => f.val.length).sort()).toEqual([4, 4, 5, 5, 5]);
  });

  it('too few rows for k folds is explained', () => {
    const tiny = synthetic('moons', { n: 8, noise: 0.1, seed: 1 });
    expect(() => makeSplit(tiny, { kind: 'kfold', k: 10, test: 0.2, stratify: true }, 1)).toThrow(/k = 10 needs at least 10 rows outside the test split, but only 6 remain/);
  });
});

describe('leave-one-out', () => {
  it('one validation row per fold; the test part is carved first and stratified', () => {
    const ds = loadBuiltin('wine');
    const s = makeSplit(ds, splitSchema.parse({ kind: 'loo' }), 1);
    expect(s.test.length).toBe(36);
    classCounts(ds, s.test).forEach((n, c) => expect(Math.abs(n - 0.2 * [59, 71, 48][c])).toBeLessThan(1));
    expect(s.folds).toHaveLength(178 - 36);
    expectPartition(ds, s);
    expect(s.folds.every((f) => f.val.length === 1 && f.train.length === s.folds.length - 1)).toBe(true);
    expect(sortedAll(s.folds.map((f) => f.val))).toHaveLength(142);
  });

  it('is refused for large data, pointing at k-fold', () => {
    const big = synthetic('moons', { n: Math.ceil((LOO_MAX_ROWS + 1) / 0.8) + 1, noise: 0.1, seed: 1 });
    expect(() => makeSplit(big, { kind: 'loo', test: 0.2 }, 1)).toThrow(/Leave-one-out would train \d+ models .*at most 2000 rows.*Use k-fold instead/);
  });
});
