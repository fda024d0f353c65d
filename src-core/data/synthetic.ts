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
  /**
   * Each class's share of the rows, in class order, summing to 1 (scikit-learn's
   * `make_classification(weights=…)`): `[0.95, 0.05]` makes class "1" a rare class. Rows are
   * counted out by largest remainder, so the counts are exact, and their order is shuffled. Without
   * it the classes take turns, row by row, and split evenly.
   */
  classShares?: number[];
}

/** Generators whose classes the `classes` option sets; the others have two. */
const MANY_CLASSES: readonly SyntheticName[] = ['blobs', 'spirals'];

/** How many classes a generator makes (0 for sine, a regression). */
export function syntheticClasses(name: SyntheticName, classes?: number): number {
  if (name === 'sine') return 0;
  return MANY_CLASSES.includes(name) ? classes ?? (name === 'blobs' ? 3 : 2) : 2;
}

/**
 * Rows per class for `classShares` over n rows, by largest remainder (ties to the lower class),
 * or a sentence saying why the shares cannot be used. The shares must be K numbers > 0 summing to 1.
 */
export function shareCounts(shares: readonly number[], classes: number, n: number): number[] | string {
  if (shares.length !== classes) {
    return `classShares needs one share per class: ${classes} numbers summing to 1 (got ${shares.length})`;
  }
  const bad = shares.findIndex((s) => !(s > 0) || !Number.isFinite(s));
  if (bad >= 0) return `every share in classShares must be a number > 0; class "${bad}" has ${shares[bad]}`;
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) return `the shares in classShares must sum to 1; they sum to ${Number(sum.toPrecision(6))}`;
  const exact = shares.map((s) => s * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, k) => ({ k, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.k - b.k);
  for (const { k } of order) {
    if (left <= 0) break;
    counts[k]++;
    left--;
  }
  const empty = counts.findIndex((c) => c === 0);
  if (empty >= 0) {
    return `classShares gives class "${empty}" no row of n = ${n} (share ${shares[empty]}): raise n to at least ${Math.ceil(1 / shares[empty])} or the share to at least ${Number((1 / n).toPrecision(3))}`;
  }
  return counts;
}

const DESCRIPTIONS: Record<SyntheticName, string> = {
  moons: 'Two interleaving half circles (2 classes).',
  circles: 'A small circle inside a large one (2 classes).',
  spirals: 'Interleaved spiral arms, one class per arm.',
  xor: 'Points in four quadrants labelled by the sign of x·y (2 classes).',
  blobs: 'Gaussian blobs around random centres, one class per blob.',
  sine: 'y = sin(x) plus Gaussian noise (regression).',
};

/**
 * A generator's classes as their counts alone (labels in class order, no points drawn): what the
 * checks before a run need of a synthetic data set with `classShares`, at no cost for a million rows.
 * Null without shares (the classes split evenly) or for sine; the shares must be valid.
 */
export function syntheticLabels(name: SyntheticName, o: Pick<SyntheticOptions, 'n' | 'classes' | 'classShares'>): Pick<Dataset, 'task' | 'y' | 'targetName' | 'classNames'> | null {
  const k = syntheticClasses(name, o.classes);
  if (o.classShares === undefined || k === 0) return null;
  const counts = shareCounts(o.classShares, k, o.n);
  if (typeof counts === 'string') return null;
  const y = new Int32Array(o.n);
  let at = 0;
  counts.forEach((c, cls) => {
    y.fill(cls, at, at + c);
    at += c;
  });
  return { task: 'classification', y, targetName: 'class', classNames: Array.from({ length: k }, (_, i) => String(i)) };
}

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
  if (o.classShares !== undefined && name === 'sine') {
    throw new DataError('classShares applies to a generator with classes; sine is a regression (valid for moons, circles, spirals, xor, blobs).');
  }
  const rng = new Rng(o.seed).fork(`synthetic:${name}`);
  const x = new Float32Array(n * 2);
  const yc = new Int32Array(n);
  let classes = 2;
  const noise = (): number => rng.normal(0, o.noise);
  // Each row's class: in turn (an even split), or counted out from the shares and shuffled.
  let label = (i: number): number => i % classes;
  if (o.classShares !== undefined) {
    const counts = shareCounts(o.classShares, syntheticClasses(name, o.classes), n);
    if (typeof counts === 'string') throw new DataError(`${counts}.`);
    const labels = counts.flatMap((c, k) => new Array<number>(c).fill(k));
    new Rng(o.seed).fork(`synthetic:${name}:shares`).shuffle(labels);
    label = (i) => labels[i];
  }
  switch (name) {
    case 'moons':
      for (let i = 0; i < n; i++) {
        const c = label(i);
        const t = Math.PI * rng.uniform();
        x[2 * i] = (c === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise();
        x[2 * i + 1] = (c === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise();
        yc[i] = c;
      }
      break;
    case 'circles':
      for (let i = 0; i < n; i++) {
        const c = label(i);
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
        const c = label(i);
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
        let a = rng.range(-1, 1);
        let b = rng.range(-1, 1);
        if (o.classShares !== undefined) {
          // The class is set first: b takes the sign that puts the point in one of its quadrants.
          while (a === 0 || b === 0) [a, b] = [rng.range(-1, 1), rng.range(-1, 1)];
          b = Math.abs(b) * (label(i) === 1 ? Math.sign(a) : -Math.sign(a));
        }
        x[2 * i] = a + noise() * 0.5;
        x[2 * i + 1] = b + noise() * 0.5;
        yc[i] = a * b > 0 ? 1 : 0;
      }
      break;
    case 'blobs': {
      classes = o.classes ?? 3;
      const centres = Array.from({ length: classes }, () => [rng.range(-5, 5), rng.range(-5, 5)]);
      for (let i = 0; i < n; i++) {
        const c = label(i);
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
