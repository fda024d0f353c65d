// Rows that repeat an earlier row exactly (src-core/data/repeats.ts), counted by hand, and the caution before a search.
import { describe, expect, it } from 'vitest';
import { loadBuiltin, type Dataset } from '../../../src-core/data';
import { distinctFeatureRows, repeatedRows } from '../../../src-core/data/repeats';
import { dataCautions } from '../../../src-core/search/cautions';

/** A data set of rows [a, b] and targets. */
const table = (rows: number[][], y: number[], task: 'classification' | 'regression' = 'classification'): Dataset => ({
  name: 't', task, nRows: rows.length, nFeatures: 2, x: Float32Array.from(rows.flat()), y: task === 'classification' ? Int32Array.from(y) : Float32Array.from(y),
  featureNames: ['a', 'b'], targetName: 'y',
});

describe('repeated rows', () => {
  it('counts each row equal to an earlier one in every feature and the target', () => {
    // Row 2 repeats row 0, rows 4 and 5 repeat row 1; row 3 has row 0's features with another class: no repeat.
    expect(repeatedRows(table([[1, 2], [3, 4], [1, 2], [1, 2], [3, 4], [3, 4]], [0, 1, 0, 1, 1, 1]))).toBe(3);
    expect(repeatedRows(table([[1, 2], [2, 1]], [0, 0]))).toBe(0);
    // Regression targets compared as they are stored (float32): 0.1 and 0.1 alike, 0.1 and 0.2 not.
    expect(repeatedRows(table([[1, 1], [1, 1], [1, 1]], [0.1, 0.1, 0.2], 'regression'))).toBe(1);
  });

  it('counts the different rows of features apart from the target: rows alike in features with another target are one row of features, not a repeat', () => {
    const ds = table([[1, 2], [1, 2], [1, 2], [3, 4], [3, 4]], [0, 1, 0, 1, 1]);
    expect([repeatedRows(ds), distinctFeatureRows(ds)]).toEqual([2, 2]);
    // A regression target on coarse features: 20,000 rows of 2 different feature rows, each a target of its own, in linear time (one set of targets per feature row).
    const many = table(Array.from({ length: 20000 }, (_, i) => [i % 2, 0]), Array.from({ length: 20000 }, (_, i) => i / 7), 'regression');
    expect([repeatedRows(many), distinctFeatureRows(many)]).toEqual([0, 2]);
  });

  it('compares rows in full where their hashes meet: 2,000 distinct rows, none repeated; then each once more', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i % 97, Math.floor(i / 97)]);
    const y = rows.map((_, i) => i % 3);
    expect(repeatedRows(table(rows, y))).toBe(0);
    expect(repeatedRows(table([...rows, ...rows], [...y, ...y]))).toBe(2000);
  });

  it('before a search: from 1% of the rows and at least 2, at "dataset"; iris\' one repeat in 150 is not said', () => {
    const plain = { dataset: { csv: 'x.csv', target: 'y' }, targetPreprocess: 'zscore' as const, objective: { metric: 'val_loss' as const, direction: 'minimize' as const }, train: {}, space: {}, split: { kind: 'kfold' as const, k: 3, test: 0, stratify: true } };
    const distinct = Array.from({ length: 198 }, (_, i) => [i, i % 7]);
    const twice = table([...distinct, distinct[0], distinct[1]], [...distinct.map((_, i) => i % 2), 0, 1]);
    expect(dataCautions(twice, plain)).toEqual([{
      path: 'dataset',
      message: '2 of 200 rows (1%) repeat another row exactly (every feature and the target): a split puts copies on both sides, so validation rows score data the model trained on and flatter every trial. ' +
        'Remove the copies from the file (pandas: df.drop_duplicates()) unless each is an event of its own',
    }]);
    // Images (IDX): no pandas; the repeated images are named as such.
    expect(dataCautions({ ...twice, imageShape: [1, 2] }, plain)[0].message).toMatch(/flatter every trial\. Remove the repeated images from the files unless each is a sample of its own$/);
    const once = table([...distinct, distinct[0], [500, 1]], [...distinct.map((_, i) => i % 2), 0, 1]);
    expect(dataCautions(once, plain)).toEqual([]);
    // Coarse features: a file of patients whose id, visit time and measurement were left out keeps a yes/no column (one-hot, two features);
    // its 150 rows hold 2 different rows of features, so 146 repeat another with its class, as any such rows would: not copies, not said.
    const smokers = Array.from({ length: 150 }, (_, i) => ((i * 7) % 10 < 6 ? [1, 0] : [0, 1]));
    const coarse = table(smokers, smokers.map((_, i) => (i * 3) % 5 < 2 ? 1 : 0));
    expect([repeatedRows(coarse), distinctFeatureRows(coarse)]).toEqual([146, 2]);
    expect(dataCautions(coarse, plain)).toEqual([]);
    // 100 different rows of features and their first 50 again: 150 rows, 100 of features (over half), 50 repeats: said.
    const half = table([...distinct.slice(0, 100), ...distinct.slice(0, 50)], [...distinct.slice(0, 100).map((_, i) => i % 2), ...distinct.slice(0, 50).map((_, i) => i % 2)]);
    expect([repeatedRows(half), distinctFeatureRows(half)]).toEqual([50, 100]);
    expect(dataCautions(half, plain)[0].message).toMatch(/^50 of 150 rows \(33%\) repeat another row exactly/);
    const iris = loadBuiltin('iris');
    expect(repeatedRows(iris)).toBe(1);
    expect(dataCautions(iris, { ...plain, dataset: { builtin: 'iris' } })).toEqual([]);
  });
});
