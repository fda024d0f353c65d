import { describe, expect, it } from 'vitest';
import { DataError, loadDataset, shareCounts, synthetic, syntheticLabels, type SyntheticName } from '../../../src-core/data';
import { parseSpec } from '../../../src-core/spec/spec';
import { datasetSchema } from '../../../src-core/spec/spec';

const NAMES: SyntheticName[] = ['moons', 'circles', 'spirals', 'xor', 'blobs', 'sine'];
const counts = (y: ArrayLike<number>, k: number): number[] => {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) c[y[i]]++;
  return c;
};

describe('synthetic generators', () => {
  it.each(NAMES)('%s is deterministic per seed and shaped right', (name) => {
    const a = synthetic(name, { n: 101, noise: 0.1, seed: 1 });
    const b = synthetic(name, { n: 101, noise: 0.1, seed: 1 });
    const c = synthetic(name, { n: 101, noise: 0.1, seed: 2 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(a.nRows).toBe(101);
    expect(a.x.length).toBe(101 * a.nFeatures);
    expect(a.featureNames).toHaveLength(a.nFeatures);
    expect(a.x.every(Number.isFinite)).toBe(true);
    if (name === 'sine') {
      expect([a.task, a.nFeatures, a.y instanceof Float32Array]).toEqual(['regression', 1, true]);
    } else {
      expect([a.task, a.nFeatures, a.y instanceof Int32Array]).toEqual(['classification', 2, true]);
      expect(new Set(a.y).size).toBe(a.classNames!.length);
    }
  });

  it('classes are balanced (round-robin labels): blobs 5 and spirals 3 arms', () => {
    const blobs = synthetic('blobs', { n: 52, noise: 0, seed: 1, classes: 5 });
    expect(blobs.classNames).toEqual(['0', '1', '2', '3', '4']);
    expect(counts(blobs.y, 5)).toEqual([11, 11, 10, 10, 10]);
    const spirals = synthetic('spirals', { n: 60, noise: 0, seed: 1, classes: 3 });
    expect(counts(spirals.y, 3)).toEqual([20, 20, 20]);
    expect(synthetic('blobs', { n: 30, noise: 0, seed: 1 }).classNames).toHaveLength(3);
    expect(synthetic('spirals', { n: 30, noise: 0, seed: 1 }).classNames).toHaveLength(2);
  });

  it('without noise the points lie exactly on their curves', () => {
    const moons = synthetic('moons', { n: 200, noise: 0, seed: 3 });
    const circles = synthetic('circles', { n: 200, noise: 0, seed: 3 });
    const xor = synthetic('xor', { n: 200, noise: 0, seed: 3 });
    const sine = synthetic('sine', { n: 200, noise: 0, seed: 3 });
    for (let i = 0; i < 200; i++) {
      const [mx, my] = [moons.x[2 * i], moons.x[2 * i + 1]];
      if (moons.y[i] === 0) {
        expect(Math.hypot(mx, my)).toBeCloseTo(1, 5);
        expect(my).toBeGreaterThanOrEqual(0);
      } else {
        expect(Math.hypot(mx - 1, my - 0.5)).toBeCloseTo(1, 5);
        expect(my).toBeLessThanOrEqual(0.5);
      }
      expect(Math.hypot(circles.x[2 * i], circles.x[2 * i + 1])).toBeCloseTo(circles.y[i] === 0 ? 1 : 0.5, 5);
      expect(xor.y[i]).toBe(xor.x[2 * i] * xor.x[2 * i + 1] > 0 ? 1 : 0);
      expect(sine.y[i]).toBeCloseTo(Math.sin(sine.x[i]), 5);
      expect(Math.abs(sine.x[i])).toBeLessThanOrEqual(Math.PI);
    }
  });

  it('noise spreads the sine residuals with the asked standard deviation', () => {
    const s = synthetic('sine', { n: 4000, noise: 0.3, seed: 9 });
    let ss = 0;
    for (let i = 0; i < s.nRows; i++) ss += (s.y[i] - Math.sin(s.x[i])) ** 2;
    expect(Math.sqrt(ss / s.nRows)).toBeCloseTo(0.3, 1);
  });

  it('bad parameters are refused, naming what would be valid', () => {
    expect(() => synthetic('moons', { n: 0, noise: 0, seed: 1 })).toThrow(/needs n ≥ 1 rows/);
    expect(() => synthetic('moons', { n: 10, noise: -1, seed: 1 })).toThrow(/noise .* must be a finite number ≥ 0; got -1/);
    expect(() => synthetic('blobs', { n: 3, noise: 0, seed: 1, classes: 4 })).toThrow(/blobs with 4 classes needs at least 4 rows/);
    expect(() => synthetic('blobs', { n: 10, noise: 0, seed: 1, classes: 1 })).toThrow(DataError);
    expect(() => synthetic('galaxy' as SyntheticName, { n: 10, noise: 0, seed: 1 })).toThrow(/valid: moons, circles, spirals, xor, blobs, sine/);
  });

  it('loadDataset uses the spec defaults and the run seed', () => {
    const spec = datasetSchema.parse({ synthetic: 'moons' });
    const a = loadDataset(spec, 7);
    expect(a.nRows).toBe(1000);
    expect(Array.from(a.x)).toEqual(Array.from(synthetic('moons', { n: 1000, noise: 0.2, seed: 7 }).x));
    expect(Array.from(loadDataset(spec, 8).x)).not.toEqual(Array.from(a.x));
    expect(loadDataset(datasetSchema.parse({ synthetic: 'blobs', n: 40, classes: 4 }), 1).classNames).toHaveLength(4);
  });
});

describe('classShares: a generator with uneven classes', () => {
  it('counts the rows out by largest remainder, worked by hand', () => {
    // 7 rows at 0.5 / 0.3 / 0.2: 3.5, 2.1, 1.4 → 3, 2, 1 and the one left to the largest remainder (.5).
    expect(shareCounts([0.5, 0.3, 0.2], 3, 7)).toEqual([4, 2, 1]);
    // A tie of remainders goes to the lower class: 0.25·10 = 2.5 twice.
    expect(shareCounts([0.25, 0.25, 0.5], 3, 10)).toEqual([3, 2, 5]);
    expect(shareCounts([0.95, 0.05], 2, 1000)).toEqual([950, 50]);
  });

  it.each(['moons', 'circles', 'xor', 'spirals'] as const)('%s: exact counts, the rare rows spread over the data, each point on its own class\'s shape', (name) => {
    const d = synthetic(name, { n: 1000, noise: 0, seed: 11, classShares: [0.95, 0.05] });
    expect(counts(d.y, 2)).toEqual([950, 50]);
    const rare = Array.from(d.y).flatMap((c, i) => (c === 1 ? [i] : []));
    expect(Math.min(...rare), 'shuffled, not the last 50 rows').toBeLessThan(300);
    expect(Math.max(...rare)).toBeGreaterThan(700);
    for (let i = 0; i < d.nRows; i++) {
      const [a, b] = [d.x[2 * i], d.x[2 * i + 1]];
      if (name === 'moons') expect(d.y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5)).toBeCloseTo(1, 5);
      if (name === 'circles') expect(Math.hypot(a, b)).toBeCloseTo(d.y[i] === 0 ? 1 : 0.5, 5);
      if (name === 'xor') expect(d.y[i]).toBe(a * b > 0 ? 1 : 0);
    }
    const again = synthetic(name, { n: 1000, noise: 0, seed: 11, classShares: [0.95, 0.05] });
    expect(Array.from(again.y)).toEqual(Array.from(d.y));
    expect(Array.from(again.x)).toEqual(Array.from(d.x));
  });

  it('the labels counted without drawing a point match the generated data set\'s classes', () => {
    const o = { n: 777, classes: 4, classShares: [0.6, 0.3, 0.08, 0.02] };
    const drawn = synthetic('blobs', { ...o, noise: 0.1, seed: 4 });
    const counted = syntheticLabels('blobs', o)!;
    expect(counts(counted.y, 4)).toEqual(counts(drawn.y, 4));
    expect([counted.task, counted.targetName, counted.classNames]).toEqual([drawn.task, drawn.targetName, drawn.classNames]);
    expect(syntheticLabels('moons', { n: 100 })).toBeNull();
    expect(syntheticLabels('sine', { n: 100, classShares: [0.5, 0.5] })).toBeNull();
  });

  it('blobs with four classes take the asked shares', () => {
    expect(counts(synthetic('blobs', { n: 500, noise: 0, seed: 2, classes: 4, classShares: [0.6, 0.3, 0.08, 0.02] }).y, 4)).toEqual([300, 150, 40, 10]);
  });

  it('without classShares every generator draws the same rows as before the option existed', () => {
    // Sums of x and y at n = 64, noise 0.1, seed 5, taken from the code before classShares (commit 52550ad).
    const before: Record<SyntheticName, [number, number]> = {
      moons: [45.581278, 32], circles: [-5.69243, 32], xor: [-4.837751, 33], spirals: [-1.120897, 32], blobs: [230.161264, 96], sine: [14.729904, 3.709463],
    };
    for (const name of NAMES) {
      const d = synthetic(name, { n: 64, noise: 0.1, seed: 5, classes: name === 'blobs' ? 4 : undefined });
      const sum = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0);
      expect(sum(d.x), name).toBeCloseTo(before[name][0], 4);
      expect(sum(d.y), name).toBeCloseTo(before[name][1], 4);
    }
  });

  it('the spec refuses shares that cannot be used, at dataset.classShares, saying what would do', () => {
    const spec = (dataset: object): unknown => ({ project: 'p', dataset, space: { lr: { type: 'float', low: 1e-3, high: 1, log: true } }, budget: { trials: 2 } });
    const refused = (dataset: object): string => {
      try {
        parseSpec(spec(dataset));
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refused({ synthetic: 'moons', classShares: [0.9, 0.05, 0.05] })).toMatch(/dataset\.classShares: classShares needs one share per class: 2 numbers summing to 1 \(got 3\) \("moons" makes 2 classes\)/);
    expect(refused({ synthetic: 'blobs', classShares: [0.9, 0.1] })).toMatch(/3 numbers summing to 1 \(got 2\) \("blobs" makes 3 classes here; "classes" sets how many\)/);
    expect(refused({ synthetic: 'moons', classShares: [0.9, 0.2] })).toMatch(/must sum to 1; they sum to 1\.1/);
    expect(refused({ synthetic: 'moons', n: 50, classShares: [0.99, 0.01] })).toMatch(/class "1" no row of n = 50 \(share 0\.01\): raise n to at least 100 or the share to at least 0\.02/);
    expect(refused({ synthetic: 'sine', classShares: [0.5, 0.5] })).toMatch(/sine is a regression/);
    expect(refused({ synthetic: 'xor', classShares: [1, 0] })).toMatch(/dataset\.classShares\.1: expected a share > 0 \(every class needs rows\), got 0$/);
    expect(refused({ synthetic: 'blobs', classes: 4, classShares: [0.7, 0.1, 0.1, 0.1] })).toBe('accepted');
    expect(() => synthetic('sine', { n: 10, noise: 0, seed: 1, classShares: [0.5, 0.5] })).toThrow(DataError);
  });

  it('loadDataset passes the shares on, and the caution before a run names the rare class', async () => {
    const d = loadDataset(datasetSchema.parse({ synthetic: 'circles', n: 400, classShares: [0.9, 0.1] }), 3);
    expect(counts(d.y, 2)).toEqual([360, 40]);
    const { dataCautions } = await import('../../../src-core/search/cautions');
    const s = parseSpec({ project: 'p', dataset: { synthetic: 'circles', n: 400, classShares: [0.9, 0.1] }, space: { lr: { type: 'float', low: 1e-3, high: 1, log: true } }, objective: { metric: 'val_accuracy' }, budget: { trials: 2 } });
    expect(dataCautions(d, s).map((i) => i.message).join(' ')).toMatch(/^"1" is 10% of the rows of "class" \(40 of 400\): always answering "0" scores val_accuracy 0\.9 without finding one/);
  });
});
