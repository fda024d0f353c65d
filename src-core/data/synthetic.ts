import { Rng } from '../util/rng';
import { syntheticTask, type SyntheticName } from '../vocabulary';
import { DataError } from './errors';
import type { Dataset } from './types';

export type { SyntheticName } from '../vocabulary';

/** Parameters of a synthetic data set. */
export interface SyntheticOptions {
  n: number;
  /**
   * Standard deviation of the Gaussian noise added to each coordinate (moons, circles) or to
   * the target (sine); spirals scale it by 0.2 and xor by 0.5 (their shapes are smaller);
   * blobs spread with standard deviation 1 + noise around their centres.
   */
  noise: number;
  seed: number;
  /** Classes (blobs, spirals); default 3 for blobs and 2 for spirals. */
  classes?: number;
}

const DESCRIPTIONS: Record<SyntheticName, string> = {
  moons: 'Two interleaving half circles (2 classes).',
  circles: 'A small circle inside a large one (2 classes).',
  spirals: 'Interleaved spiral arms, one class per arm.',
  xor: 'Points in four quadrants labelled by the sign of x·y (2 classes).',
  blobs: 'Gaussian blobs around random centres, one class per blob.',
  sine: 'y = sin(x) plus Gaussian noise (regression).',
};

/** Generate a seeded synthetic data set (two moons, circles, spirals, XOR, blobs, noisy sine). */
export { syntheticTask };

export function synthetic(name: SyntheticName, o: SyntheticOptions): Dataset {
  if (!(name in DESCRIPTIONS)) throw new DataError(`Unknown synthetic data set "${name}"; valid: ${Object.keys(DESCRIPTIONS).join(', ')}.`);
  const n = o.n;
  if (!Number.isInteger(n) || n < 1) throw new DataError(`A synthetic data set needs n ≥ 1 rows (an integer); got ${n}.`);
  if (!(o.noise >= 0) || !Number.isFinite(o.noise)) throw new DataError(`The noise of a synthetic data set must be a finite number ≥ 0; got ${o.noise}.`);
  if (o.classes !== undefined && (!Number.isInteger(o.classes) || o.classes < 2)) {
    throw new DataError(`classes must be an integer ≥ 2; got ${o.classes}.`);
  }
  if (o.classes !== undefined && (name === 'blobs' || name === 'spirals') && n < o.classes) {
    throw new DataError(`${name} with ${o.classes} classes needs at least ${o.classes} rows; got n = ${n}.`);
  }
  const rng = new Rng(o.seed).fork(`synthetic:${name}`);
  const x = new Float32Array(n * 2);
  const yc = new Int32Array(n);
  let classes = 2;
  const noise = (): number => rng.normal(0, o.noise);
  switch (name) {
    case 'moons':
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const t = Math.PI * rng.uniform();
        x[2 * i] = (c === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise();
        x[2 * i + 1] = (c === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise();
        yc[i] = c;
      }
      break;
    case 'circles':
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const t = 2 * Math.PI * rng.uniform();
        const r = c === 0 ? 1 : 0.5;
        x[2 * i] = r * Math.cos(t) + noise();
        x[2 * i + 1] = r * Math.sin(t) + noise();
        yc[i] = c;
      }
      break;
    case 'spirals': {
      classes = o.classes ?? 2;
      for (let i = 0; i < n; i++) {
        const c = i % classes;
        const t = rng.uniform();
        const angle = 4 * Math.PI * t + (2 * Math.PI * c) / classes;
        x[2 * i] = t * Math.cos(angle) + noise() * 0.2;
        x[2 * i + 1] = t * Math.sin(angle) + noise() * 0.2;
        yc[i] = c;
      }
      break;
    }
    case 'xor':
      for (let i = 0; i < n; i++) {
        const a = rng.range(-1, 1);
        const b = rng.range(-1, 1);
        x[2 * i] = a + noise() * 0.5;
        x[2 * i + 1] = b + noise() * 0.5;
        yc[i] = a * b > 0 ? 1 : 0;
      }
      break;
    case 'blobs': {
      classes = o.classes ?? 3;
      const centres = Array.from({ length: classes }, () => [rng.range(-5, 5), rng.range(-5, 5)]);
      for (let i = 0; i < n; i++) {
        const c = i % classes;
        x[2 * i] = centres[c][0] + rng.normal(0, 1 + o.noise);
        x[2 * i + 1] = centres[c][1] + rng.normal(0, 1 + o.noise);
        yc[i] = c;
      }
      break;
    }
    case 'sine': {
      const xs = new Float32Array(n);
      const ys = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        xs[i] = rng.range(-Math.PI, Math.PI);
        ys[i] = Math.sin(xs[i]) + noise();
      }
      return { name: 'sine', task: syntheticTask('sine'), nRows: n, nFeatures: 1, x: xs, y: ys, featureNames: ['x'], targetName: 'y', description: DESCRIPTIONS.sine };
    }
  }
  return {
    name,
    task: syntheticTask(name),
    nRows: n,
    nFeatures: 2,
    x,
    y: yc,
    featureNames: ['x1', 'x2'],
    targetName: 'class',
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
    description: DESCRIPTIONS[name],
  };
}
