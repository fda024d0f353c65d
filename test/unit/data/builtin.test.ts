import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDatasets, builtinDir, DataError, loadBuiltin, parseCitations } from '../../../src-core/data';
import { BUILTIN_DATASETS } from '../../../src-core/spec/spec';

const citations = parseCitations(readFileSync(join(builtinDir(), 'CITATIONS.md'), 'utf8'));

describe('built-in data sets', () => {
  it('CITATIONS.md lists exactly the built-ins the spec accepts, and index.json repeats its facts', () => {
    expect(citations.map((c) => c.name).sort()).toEqual([...BUILTIN_DATASETS].sort());
    const index = builtinDatasets();
    expect(index.map((d) => d.name).sort()).toEqual([...BUILTIN_DATASETS].sort());
    for (const c of citations) {
      const info = index.find((d) => d.name === c.name)!;
      expect({ ...c }).toEqual({
        name: info.name, file: info.file, rows: info.rows, features: info.features, sha256: info.sha256,
        citation: info.citation, note: info.note, target_names: info.target_names, class_counts: info.class_counts,
      });
      expect(info.classes).toBe(c.target_names.length);
      expect(info.description.length).toBeGreaterThan(10);
    }
  });

  it.each(citations.map((c) => [c.name, c] as const))('%s: the file has the sha256 CITATIONS.md gives and loads with its row/feature/class counts', (name, c) => {
    const bytes = readFileSync(join(builtinDir(), c.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
    const ds = loadBuiltin(name);
    expect(ds.task).toBe('classification');
    expect([ds.nRows, ds.nFeatures, ds.x.length, ds.y.length]).toEqual([c.rows, c.features, c.rows * c.features, c.rows]);
    expect(ds.y).toBeInstanceOf(Int32Array);
    expect(ds.classNames).toEqual(c.target_names);
    const counts = new Array<number>(c.target_names.length).fill(0);
    for (const y of ds.y) counts[y]++;
    expect(counts).toEqual(c.class_counts);
    expect(ds.citation).toBe(c.citation);
    expect(ds.citation).toMatch(/UCI Machine Learning Repository\. https:\/\/doi\.org\/10\.24432\//);
    expect(ds.featureNames).toHaveLength(c.features);
    expect(ds.x.every(Number.isFinite)).toBe(true);
  });

  it('digits are 8×8 images with pixel values 0–16; iris starts with Fisher\'s first flower', () => {
    const digits = loadBuiltin('digits');
    expect(digits.imageShape).toEqual([8, 8]);
    expect(Math.min(...digits.x)).toBe(0);
    expect(Math.max(...digits.x)).toBe(16);
    const iris = loadBuiltin('iris');
    expect(iris.imageShape).toBeUndefined();
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(iris.classNames![iris.y[0]]).toBe('setosa');
  });

  it('an unknown name is refused with the valid names', () => {
    expect(() => loadBuiltin('mnist')).toThrow(DataError);
    expect(() => loadBuiltin('mnist')).toThrow(/Unknown built-in data set "mnist"; valid: digits, iris, wine, breast_cancer/);
  });

  it('parseCitations names a section that lacks a field', () => {
    expect(() => parseCitations('# x\n## foo\n- file: foo.csv, 3 rows, 2 features\n')).toThrow(/"foo" has no "- sha256:" line/);
  });
});
