// Where the good trials lie over two knobs (src-core/analysis/surface.ts): the forest's marginal over a pair of knobs,
// worked by hand on one tree, checked against a brute-force average over the other knobs, and on trials whose best
// region is known.
import { describe, expect, it } from 'vitest';
import { growForest, predict, type Tree } from '../../src-core/analysis/forest';
import { quantileOf } from '../../src-core/analysis/importance';
import { addTreeMarginal, pairSurface } from '../../src-core/analysis/surface';
import { parseSpec } from '../../src-core/spec/spec';
import { Rng } from '../../src-core/util/rng';

/** A tree by hand on [0, 1]³: x2 ≤ 0.25 → 4; else x0 ≤ 0.5 → 0, else 8. */
const handTree: Tree = {
  feature: Int32Array.from([2, -1, 0, -1, -1]), threshold: Float64Array.from([0.25, 0, 0.5, 0, 0]),
  left: Int32Array.from([1, -1, 3, -1, -1]), right: Int32Array.from([2, -1, 4, -1, -1]), value: Float64Array.from([0, 4, 0, 0, 8]), nodes: 5,
};

describe("one tree's marginal over two of its columns", () => {
  it('by hand: the other column averaged away, its split weighted by the share of its range on each side', () => {
    // Over x0 and x1 (x2 averaged): x0 ≤ 0.5 → 0.25·4 + 0.75·0 = 1; x0 > 0.5 → 0.25·4 + 0.75·8 = 7; the same at every x1.
    const out = new Float64Array(16);
    addTreeMarginal(handTree, [[0, 1], [0, 1], [0, 1]], 0, 1, 4, out);
    for (let row = 0; row < 4; row++) expect(Array.from(out.subarray(row * 4, row * 4 + 4))).toEqual([1, 1, 7, 7]);
    // Over x2 (as x) and x0 (as y): x2 ≤ 0.25 → 4 everywhere; above it, 0 for x0 ≤ 0.5, 8 above. Cell centres 0.125, 0.375, …
    const other = new Float64Array(16);
    addTreeMarginal(handTree, [[0, 1], [0, 1], [0, 1]], 2, 0, 4, other);
    expect(Array.from(other)).toEqual([4, 0, 0, 0, 4, 0, 0, 0, 4, 8, 8, 8, 4, 8, 8, 8]);
    // It adds into what is there: two trees' sum.
    addTreeMarginal(handTree, [[0, 1], [0, 1], [0, 1]], 2, 0, 4, other);
    expect(other[9]).toBe(16);
  });

  it("equals the prediction averaged over a fine grid of the other columns, for a grown forest's trees", () => {
    const rng = new Rng(11);
    const n = 300;
    const x = new Float64Array(3 * n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b, c] = [rng.uniform(), rng.uniform() * 4 - 2, rng.uniform()];
      x[i] = a;
      x[n + i] = b;
      x[2 * n + i] = c;
      y[i] = Math.sin(3 * a) * b + c * c + 0.1 * rng.normal(0, 1);
    }
    const bounds: [number, number][] = [[0, 1], [-2, 2], [0, 1]];
    const trees = growForest(x, y, 3, { trees: 3, maxDepth: 64, seed: 2 });
    const steps = 5;
    for (const tree of trees) {
      const out = new Float64Array(steps * steps);
      addTreeMarginal(tree, bounds, 0, 2, steps, out);
      // Brute force: at each cell centre, the tree's prediction averaged over 4,000 midpoints of x1's range.
      for (let j = 0; j < steps; j++) {
        for (let i = 0; i < steps; i++) {
          const [u, w] = [(i + 0.5) / steps, (j + 0.5) / steps];
          let s = 0;
          const m = 4000;
          for (let k = 0; k < m; k++) s += predict([tree], [u, -2 + (4 * (k + 0.5)) / m, w]);
          expect(out[j * steps + i]).toBeCloseTo(s / m, 2);
        }
      }
    }
  });
});

describe('quantiles', () => {
  it('interpolate between the sorted values as ranks space them', () => {
    expect([0, 0.25, 0.5, 1].map((q) => quantileOf([1, 2, 4, 8, 16], q))).toEqual([1, 2, 4, 16]);
    expect(quantileOf([1, 2, 4, 8, 16], 0.375)).toBe(3);
    expect(quantileOf([5], 0.7)).toBe(5);
  });
});

describe('a search\'s pair surface', () => {
  const spec = parseSpec({
    dataset: { builtin: 'iris' },
    space: {
      lr: { type: 'float', low: 1e-4, high: 1, log: true },
      hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
      dropout: { type: 'float', low: 0, high: 0.5 },
      optimizer: { type: 'categorical', values: ['sgd', 'adam'] },
    },
    budget: { trials: 300 },
  });
  // The loss is least at lr = 10⁻², grows with the distance from it in decades and with dropout; width barely matters; two
  // trials nearly diverged (a loss 1000 times the rest's).
  const rng = new Rng(3);
  const trials = Array.from({ length: 300 }, (_, i) => {
    const lr = 10 ** (-4 + 4 * rng.uniform());
    const dropout = 0.5 * rng.uniform();
    const hiddenUnits = Math.round(10 ** (Math.log10(4) + (Math.log10(256) - Math.log10(4)) * rng.uniform()));
    const objective = i < 2 ? 500 : 0.1 + (Math.log10(lr) + 2) ** 2 + dropout;
    return { knobs: { lr, hiddenUnits, dropout, optimizer: i % 2 ? 'adam' : 'sgd' }, objective };
  });

  it('spans the two knobs on their own scale; its best cells lie where the trials are best; its values are the objective\'s', () => {
    const s = pairSurface(spec.space, trials, 'lr', 'dropout', { seed: 1, steps: 20 });
    expect(s.reason).toBeNull();
    expect(s.trials).toBe(300);
    expect([s.x.log, s.x.low, s.x.high]).toEqual([true, -4, 0]);
    expect([s.y.log, s.y.low, s.y.high]).toEqual([false, 0, 0.5]);
    expect(s.values).toHaveLength(400);
    // Within the trials' values, as quantiles of them.
    const objectives = trials.map((t) => t.objective);
    for (const v of s.values) expect(v >= Math.min(...objectives) && v <= Math.max(...objectives)).toBe(true);
    // The best cell: lr within a few cells of 10⁻² (column 10 of 20 over four decades), dropout in the lowest quarter.
    const best = s.values.indexOf(Math.min(...s.values));
    const [col, row] = [best % 20, Math.floor(best / 20)];
    expect(Math.abs(col - 9.5)).toBeLessThanOrEqual(2.5);
    expect(row).toBeLessThan(5);
    // Far from 10⁻² in either direction is worse than at it, at the same dropout.
    const at = (c: number, r: number): number => s.values[r * 20 + c];
    expect(at(0, 2)).toBeGreaterThan(at(10, 2));
    expect(at(19, 2)).toBeGreaterThan(at(10, 2));
    // The two nearly diverged trials do not swamp it: the worst cell is below the 99th percentile of the objectives.
    expect(Math.max(...s.values)).toBeLessThan(quantileOf([...objectives].sort((a, b) => a - b), 0.99));
    // The same seed, the same surface.
    expect(pairSurface(spec.space, trials, 'lr', 'dropout', { seed: 1, steps: 20 }).values).toEqual(s.values);
  });

  it('is refused, saying why, for a categorical knob, one knob twice, a name that is no knob, and too few trials', () => {
    expect(pairSurface(spec.space, trials, 'lr', 'optimizer', { seed: 1 }).reason).toBe('"optimizer" is categorical: the surface is drawn over two numeric knobs (its strip chart shows each of its values)');
    expect(pairSurface(spec.space, trials, 'lr', 'lr', { seed: 1 }).reason).toBe('the surface is drawn over two different knobs');
    expect(pairSurface(spec.space, trials, 'lr', 'momentum', { seed: 1 }).reason).toBe('"momentum" is not a knob of this search (its knobs: lr, hiddenUnits, dropout, optimizer)');
    expect(pairSurface(spec.space, trials.slice(0, 9), 'lr', 'dropout', { seed: 1 }).reason).toBe('the surface needs at least 10 trials that ran to their end with a result (9 so far)');
    expect(pairSurface(spec.space, trials.slice(0, 10), 'lr', 'dropout', { seed: 1 }).reason).toBeNull();
  });
});
