import { describe, expect, it } from 'vitest';
import { fitScaler, fitTargetScaler, gatherRows, gatherTargets, loadBuiltin, makeSplit, type Dataset } from '../../../src-core/data';

/** Four rows, two features: column a = 0, 2, 4, 100; column b constant 5 on the first three rows. */
const ds: Dataset = {
  name: 't', task: 'regression', nRows: 4, nFeatures: 2, x: Float32Array.from([0, 5, 2, 5, 4, 5, 100, -3]), y: Float32Array.from([1, 2, 3, 4]),
  featureNames: ['a', 'b'], targetName: 'y',
};
const train = Int32Array.from([0, 1, 2]);
const allRows = Int32Array.from([0, 1, 2, 3]);

describe('scalers', () => {
  it('z-score: mean and population std (ddof 0, as sklearn StandardScaler) of the training rows only', () => {
    const s = fitScaler(ds, train, 'zscore');
    expect(s.kind).toBe('zscore');
    expect(Array.from(s.offset)).toEqual([2, 5]);
    expect(s.scale[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 6);
    expect(s.scale[1]).toBe(1);
    const out = new Float32Array(8);
    gatherRows(ds, s, allRows, 0, 4, out, 0);
    const k = Math.sqrt(3 / 8);
    [-2 * k, 0, 0, 0, 2 * k, 0, 98 * k, -8].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('min-max maps the training range to [0, 1]; a constant column maps to 0', () => {
    const s = fitScaler(ds, train, 'minmax');
    const out = new Float32Array(8);
    gatherRows(ds, s, allRows, 0, 4, out, 0);
    expect(Array.from(out)).toEqual([0, 0, 0.5, 0, 1, 0, 25, -8]);
  });

  it('none is the identity', () => {
    const s = fitScaler(ds, train, 'none');
    const out = new Float32Array(8);
    gatherRows(ds, s, allRows, 0, 4, out, 0);
    expect(Array.from(out)).toEqual(Array.from(ds.x));
  });

  it('one training row or all-constant data give finite scalers, never NaN or Inf', () => {
    for (const kind of ['zscore', 'minmax'] as const) {
      for (const rows of [Int32Array.of(3), Int32Array.of()]) {
        const s = fitScaler(ds, rows, kind);
        expect([...s.offset, ...s.scale].every(Number.isFinite)).toBe(true);
        const out = new Float32Array(8);
        gatherRows(ds, s, allRows, 0, 4, out, 0);
        expect(out.every(Number.isFinite)).toBe(true);
      }
    }
    expect(Array.from(fitScaler(ds, Int32Array.of(3), 'zscore').offset)).toEqual([100, -3]);
  });

  it.each(['zscore', 'minmax'] as const)('%s on wine: changing validation and test rows does not change the scaler', (kind) => {
    const wine = loadBuiltin('wine');
    const split = makeSplit(wine, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1);
    const before = fitScaler(wine, split.folds[0].train, kind);
    const x = Float32Array.from(wine.x);
    for (const r of [...split.folds[0].val, ...split.test]) for (let j = 0; j < wine.nFeatures; j++) x[r * wine.nFeatures + j] = 1e6 * (j + 1);
    const after = fitScaler({ ...wine, x }, split.folds[0].train, kind);
    expect(Array.from(after.offset)).toEqual(Array.from(before.offset));
    expect(Array.from(after.scale)).toEqual(Array.from(before.scale));
    const moved = { ...wine, x: Float32Array.from(wine.x) };
    moved.x[split.folds[0].train[0] * wine.nFeatures] = -1000;
    expect(Array.from(fitScaler(moved, split.folds[0].train, kind).offset)).not.toEqual(Array.from(before.offset));
  });
});

describe('gathering batches', () => {
  it('gatherRows writes scaled rows[start..start+count) at an offset and nothing else', () => {
    const s = { kind: 'zscore' as const, offset: Float32Array.from([1, 5]), scale: Float32Array.from([0.5, 2]) };
    const out = new Float32Array(7).fill(-1);
    gatherRows(ds, s, Int32Array.from([2, 3, 1]), 1, 2, out, 2);
    expect(Array.from(out)).toEqual([-1, -1, (100 - 1) * 0.5, (-3 - 5) * 2, (2 - 1) * 0.5, 0, -1]);
  });

  it('gatherTargets writes labels or regression targets', () => {
    const y = new Float32Array(3);
    gatherTargets(ds, Int32Array.from([3, 1]), 1, 1, y, 1);
    expect(Array.from(y)).toEqual([0, 2, 0]);
    const iris = loadBuiltin('iris');
    const labels = new Int32Array(3);
    gatherTargets(iris, Int32Array.from([0, 149, 75]), 0, 3, labels, 0);
    expect(Array.from(labels)).toEqual([0, 2, 1]);
  });

  it('refuses ranges outside the rows or the destination', () => {
    const s = fitScaler(ds, train, 'none');
    expect(() => gatherRows(ds, s, train, 2, 2, new Float32Array(8), 0)).toThrow(/rows\[2\.\.4\) is outside the 3 row indices/);
    expect(() => gatherRows(ds, s, train, 0, 3, new Float32Array(8), 4)).toThrow(/3 rows × 2 values at offset 4 do not fit the destination of length 8/);
    expect(() => gatherTargets(ds, train, 0, 3, new Float32Array(2), 0)).toThrow(RangeError);
  });
});

describe('the target scaler', () => {
  it('zscore: mean and population std of the training targets only; targets gathered as (y − mean) / std', () => {
    // Training targets 1, 2, 3: mean 2, std √(2/3); row 3 (y = 4) is not a training row but is scaled the same way.
    const t = fitTargetScaler(ds, train, 'zscore')!;
    expect(t.mean).toBe(2);
    expect(t.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const y = new Float32Array(4);
    gatherTargets(ds, allRows, 0, 4, y, 0, t);
    const k = Math.sqrt(3 / 2);
    [-k, 0, k, 2 * k].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 6));
  });

  it('none, classification and no rows leave the target as it is; a constant target gets std 1', () => {
    expect(fitTargetScaler(ds, train, 'none')).toBeNull();
    expect(fitTargetScaler(loadBuiltin('iris'), train, 'zscore')).toBeNull();
    expect(fitTargetScaler(ds, new Int32Array(0), 'zscore')).toBeNull();
    const flat: Dataset = { ...ds, y: Float32Array.from([1e6, 1e6, 1e6, 5]) };
    expect(fitTargetScaler(flat, train, 'zscore')).toEqual({ mean: 1e6, std: 1 });
    // Constant up to float64's rounding of its mean (0.1 in float32, summed three times): still constant.
    const tenth: Dataset = { ...ds, y: Float32Array.from([0.1, 0.1, 0.1, 5]) };
    expect(fitTargetScaler(tenth, train, 'zscore')!.std).toBe(1);
  });

  it('values near 1e-30 (SI units) are scaled by their own spread, features and target; a spread past float32\'s reach is constant', () => {
    // Column a 0, 2, 4 (× 1e-30): mean 2e-30, std √(8/3)·1e-30; the target 1, 2, 3 (× 1e-30): mean 2e-30, std √(2/3)·1e-30.
    // An absolute floor of 1e-12 read both as constant: the network saw inputs and targets of about 1e-30, zeros.
    const tiny: Dataset = { ...ds, x: ds.x.map((v) => v * 1e-30), y: ds.y.map((v) => v * 1e-30) };
    for (const kind of ['zscore', 'minmax'] as const) {
      const s = fitScaler(tiny, train, kind);
      const out = new Float32Array(8);
      gatherRows(tiny, s, allRows, 0, 4, out, 0);
      // Column a at rows 0, 2, 3 (0, 4, 100 × 1e-30): z-score (x − 2)/√(8/3), min-max x/4 (the training rows run 0 to 4).
      const sd = Math.sqrt(8 / 3);
      const want = kind === 'zscore' ? [-2 / sd, 2 / sd, 98 / sd] : [0, 1, 25];
      [0, 2, 3].forEach((r, i) => expect(out[r * 2], `${kind} row ${r}`).toBeCloseTo(want[i], 4));
      expect(s.scale[1], `${kind}: column b is constant`).toBe(1);
    }
    const t = fitTargetScaler(tiny, train, 'zscore')!;
    expect(t.mean / 1e-30).toBeCloseTo(2, 6);
    expect(t.std / 1e-30).toBeCloseTo(Math.sqrt(2 / 3), 6);
    // Below 1 / 3.4e38 the scale would overflow float32 to Infinity: read as constant.
    const denormal: Dataset = { ...ds, x: Float32Array.from([0, 5, 1e-44, 5, 2e-44, 5, 0, 5]) };
    const d = fitScaler(denormal, train, 'zscore');
    expect([...d.scale].every(Number.isFinite)).toBe(true);
    expect(d.scale[0]).toBe(1);
  });
});
