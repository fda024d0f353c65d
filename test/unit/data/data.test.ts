import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDatasets, DataError, fitScaler, gatherRows, gatherTargets, importCsv, loadBuiltin, makeSplit, previewCsv, synthetic, fromShared, toShared, type Dataset } from '../../../src-core/data';
import { LOO_MAX_ROWS } from '../../../src-core/data/split';
import { resourcesDir } from '../../../src-core/util/paths';

describe('built-in data sets', () => {
  it.each(builtinDatasets().map((d) => [d.name, d] as const))('%s loads with its documented shape, classes and checksum', (name, info) => {
    const bytes = readFileSync(join(resourcesDir(), 'datasets', info.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(info.sha256);
    const ds = loadBuiltin(name);
    expect(ds.nRows).toBe(info.rows);
    expect(ds.nFeatures).toBe(info.features);
    expect(ds.classNames).toEqual(info.target_names);
    const counts = new Array(info.target_names.length).fill(0);
    for (const c of ds.y) counts[c]++;
    expect(counts).toEqual(info.class_counts);
    expect(ds.citation).toMatch(/UCI Machine Learning Repository/);
  });
});

describe('synthetic generators', () => {
  it.each(['moons', 'circles', 'spirals', 'xor', 'blobs', 'sine'] as const)('%s is deterministic per seed and shaped right', (name) => {
    const a = synthetic(name, { n: 100, noise: 0.1, seed: 1 });
    const b = synthetic(name, { n: 100, noise: 0.1, seed: 1 });
    const c = synthetic(name, { n: 100, noise: 0.1, seed: 2 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(a.nRows).toBe(100);
    expect(a.x.length).toBe(100 * a.nFeatures);
    if (name === 'sine') expect(a.task).toBe('regression');
    else expect(new Set(a.y).size).toBe(a.classNames!.length);
  });
  it('blobs and spirals take a class count', () => {
    expect(synthetic('blobs', { n: 50, noise: 0, seed: 1, classes: 5 }).classNames).toHaveLength(5);
    expect(new Set(synthetic('spirals', { n: 60, noise: 0, seed: 1, classes: 3 }).y).size).toBe(3);
  });
});

describe('splits', () => {
  const ds = loadBuiltin('iris');
  const all = (xs: Int32Array[]): number[] => xs.flatMap((x) => Array.from(x)).sort((a, b) => a - b);

  it('hold-out 60/20/20 is disjoint, complete and stratified', () => {
    const s = makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1);
    const [f] = s.folds;
    expect(all([f.train, f.val, s.test])).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect([f.train.length, f.val.length, s.test.length]).toEqual([90, 30, 30]);
    for (const part of [f.train, f.val, s.test]) {
      const counts = [0, 0, 0];
      for (const r of part) counts[ds.y[r]]++;
      for (const c of counts) expect(Math.abs(c - part.length / 3)).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded', () => {
    const spec = { kind: 'holdout', val: 0.2, test: 0.2, stratify: true } as const;
    expect(Array.from(makeSplit(ds, spec, 5).test)).toEqual(Array.from(makeSplit(ds, spec, 5).test));
    expect(Array.from(makeSplit(ds, spec, 5).test)).not.toEqual(Array.from(makeSplit(ds, spec, 6).test));
  });

  it('k-fold: every non-test row is validation exactly once; folds are stratified', () => {
    const s = makeSplit(ds, { kind: 'kfold', k: 10, test: 0.2, stratify: true }, 1);
    expect(s.folds).toHaveLength(10);
    const vals = all(s.folds.map((f) => f.val));
    expect(new Set(vals).size).toBe(vals.length);
    expect(all([...s.folds.map((f) => f.val), s.test])).toEqual(Array.from({ length: 150 }, (_, i) => i));
    for (const f of s.folds) {
      expect(f.train.length + f.val.length).toBe(120);
      const counts = [0, 0, 0];
      for (const r of f.val) counts[ds.y[r]]++;
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      for (const r of f.val) expect(f.train).not.toContain(r);
    }
  });

  it('leave-one-out: one row per fold, refused for large data', () => {
    const s = makeSplit(loadBuiltin('wine'), { kind: 'loo', test: 0.2 }, 1);
    expect(s.folds.length).toBe(178 - s.test.length);
    expect(s.folds.every((f) => f.val.length === 1 && f.train.length === s.folds.length - 1)).toBe(true);
    const big = synthetic('moons', { n: LOO_MAX_ROWS * 2, noise: 0.1, seed: 1 });
    expect(() => makeSplit(big, { kind: 'loo', test: 0.2 }, 1)).toThrow(/Leave-one-out would train \d+ models/);
  });

  it('too few rows for k folds is explained', () => {
    const tiny = synthetic('moons', { n: 8, noise: 0.1, seed: 1 });
    expect(() => makeSplit(tiny, { kind: 'kfold', k: 10, test: 0.2, stratify: true }, 1)).toThrow(/k = 10 needs at least 10 rows/);
  });
});

describe('preprocessing', () => {
  const ds: Dataset = { name: 't', task: 'regression', nRows: 4, nFeatures: 2, x: Float32Array.from([0, 5, 2, 5, 4, 5, 100, -3]), y: Float32Array.from([1, 2, 3, 4]), featureNames: ['a', 'b'], targetName: 'y' };
  const train = Int32Array.from([0, 1, 2]);

  it('z-score statistics come from the training rows only; constant columns get scale 1', () => {
    const s = fitScaler(ds, train, 'zscore');
    expect(Array.from(s.offset)).toEqual([2, 5]);
    expect(s.scale[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 6);
    expect(s.scale[1]).toBe(1);
    const changed = { ...ds, x: Float32Array.from([0, 5, 2, 5, 4, 5, -999, 999]) };
    expect(fitScaler(changed, train, 'zscore')).toEqual(s);
  });

  it('min-max maps the training range to [0, 1]', () => {
    const s = fitScaler(ds, train, 'minmax');
    const out = new Float32Array(8);
    gatherRows(ds, s, Int32Array.from([0, 1, 2, 3]), 0, 4, out, 0);
    expect(Array.from(out)).toEqual([0, 0, 0.5, 0, 1, 0, 25, -8]);
  });

  it('gatherRows and gatherTargets write the chosen rows at an offset', () => {
    const s = fitScaler(ds, train, 'none');
    const out = new Float32Array(6).fill(-1);
    gatherRows(ds, s, Int32Array.from([3, 1]), 0, 2, out, 2);
    expect(Array.from(out)).toEqual([-1, -1, 100, -3, 2, 5]);
    const y = new Float32Array(3);
    gatherTargets(ds, Int32Array.from([3, 1]), 1, 1, y, 1);
    expect(Array.from(y)).toEqual([0, 2, 0]);
  });

  it('shared buffers are read in place', () => {
    const shared = toShared(ds);
    expect(shared.xBuffer).toBeInstanceOf(SharedArrayBuffer);
    const back = fromShared(shared);
    expect(Array.from(back.x)).toEqual(Array.from(ds.x));
    expect(back.x.buffer).toBe(shared.xBuffer);
  });
});

describe('CSV import', () => {
  const good = 'size,colour,weight,kind\n1.5,red,3,apple\n2.5,green,4e0,pear\n0.5,red,-1,apple\n3,blue,2,pear\n';

  it('round-trips a good CSV: numbers, one-hot string features, class names', () => {
    const ds = importCsv(good, { target: 'kind' });
    expect(ds.task).toBe('classification');
    expect(ds.featureNames).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red', 'weight']);
    expect(ds.classNames).toEqual(['apple', 'pear']);
    expect(Array.from(ds.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(ds.x.subarray(0, 5))).toEqual([1.5, 0, 0, 1, 3]);
    expect(Array.from(ds.x.subarray(15, 20))).toEqual([3, 1, 0, 0, 2]);
  });

  it('detects regression and allows an override', () => {
    const csv = 'a,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${(i * 0.37).toFixed(3)}`).join('\n');
    expect(importCsv(csv, { target: 'y' }).task).toBe('regression');
    const ints = 'a,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i % 3}`).join('\n');
    expect(importCsv(ints, { target: 'y' }).task).toBe('classification');
    expect(importCsv(ints, { target: 'y', task: 'regression' }).task).toBe('regression');
  });

  it('previews header, kinds and a proposed target', () => {
    const p = previewCsv(good, 2);
    expect(p.header).toEqual(['size', 'colour', 'weight', 'kind']);
    expect(p.kinds).toEqual(['numeric', 'categorical', 'numeric', 'categorical']);
    expect(p.target).toBe('kind');
    expect(p.rows).toHaveLength(2);
    expect(p.totalRows).toBe(4);
  });

  const bad: [string, string | Uint8Array, RegExp, number | undefined, string | undefined][] = [
    ['ragged row', 'a,b,t\n1,2,0\n3,1\n', /Row 3 has 2 values but the header has 3 columns/, 3, undefined],
    ['non-numeric value in a numeric column', 'a,b,t\n1,2,0\n3,x,1\n4,5,0\n6,7,1\n', /Row 3, column "b": "x" is not a number/, 3, 'b'],
    ['missing value', 'a,b,t\n1,2,0\n3,,1\n', /Row 3, column "b": the value is missing/, 3, 'b'],
    ['NA value', 'a,b,t\n1,NA,0\n3,4,1\n', /Row 2, column "b": the value is missing \("NA"\)/, 2, 'b'],
    ['unknown target', 'a,b\n1,2\n', /no column "t".*the columns are: a, b/, 1, 't'],
    ['single class', 'a,t\n1,x\n2,x\n', /single class \("x"\)/, undefined, 't'],
    ['empty file', '', /The file is empty/, undefined, undefined],
    ['header only', 'a,b,t\n', /header row but no data rows/, 1, undefined],
    ['binary junk', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]), /binary data/, undefined, undefined],
    ['invalid UTF-8', new Uint8Array([0x61, 0x2c, 0x74, 0x0a, 0xff, 0xfe, 0x2c, 0x31]), /not valid UTF-8/, undefined, undefined],
    ['duplicate column names', 'a,a,t\n1,2,0\n', /"a" appears twice/, 1, 'a'],
    ['a regression target that is text', 'a,t\n1,x\n2,y\n', /is not a number, but a regression target/, 2, 't'],
  ];
  it.each(bad)('refuses a %s, naming row and column', (_what, input, message, row, column) => {
    let err: unknown;
    try {
      importCsv(input, { target: 't', task: _what.includes('regression') ? 'regression' : undefined });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(message);
    expect((err as DataError).row).toBe(row);
    expect((err as DataError).column).toBe(column);
  });

  it('refuses a file too large and a column with too many categories', () => {
    expect(() => importCsv(good, { target: 'kind', maxBytes: 10 })).toThrow(/too large/);
    expect(() => importCsv(good, { target: 'kind', maxCells: 4 })).toThrow(/more than the limit of 4 cells/);
    expect(() => importCsv(good, { target: 'kind', maxCategories: 2 })).toThrow(/"colour" has 3 distinct text values/);
  });
});
