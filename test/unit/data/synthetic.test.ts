import { describe, expect, it } from 'vitest';
import { DataError, loadDataset, synthetic, type SyntheticName } from '../../../src-core/data';
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
