import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { growForest, MARGINAL_STEPS, marginalCurves, predict, treeVariances, type Tree } from '../../src-core/analysis/forest';
import { importance, ranks } from '../../src-core/analysis/importance';
import { parseSpec } from '../../src-core/spec/spec';
import { Rng } from '../../src-core/util/rng';

/** A tree by hand: x0 ≤ 0.5 → 0; else x1 ≤ 0.25 → 4, else 8 (on [0, 1]²). */
const handTree: Tree = {
  feature: Int32Array.from([0, -1, 1, -1, -1]), threshold: Float64Array.from([0.5, 0, 0.25, 0, 0]),
  left: Int32Array.from([1, -1, 3, -1, -1]), right: Int32Array.from([2, -1, 4, -1, -1]), value: Float64Array.from([0, 0, 0, 4, 8]), nodes: 5,
};

describe('fANOVA on one tree, by hand', () => {
  it('total variance and each feature\'s first-order marginal variance', () => {
    // Leaves: [0,.5]×[0,1] → 0 (volume .5), [.5,1]×[0,.25] → 4 (.125), [.5,1]×[.25,1] → 8 (.375).
    // Mean 0.5 + 3 = 3.5; variance .5·12.25 + .125·0.25 + .375·20.25 = 13.75.
    // Marginal of x0: 0 on [0,.5], (4·.25 + 8·.75) = 7 on [.5,1] → variance .5·3.5² + .5·3.5² = 12.25.
    // Marginal of x1: on [0,.25]: .5·0 + .5·4 = 2; on [.25,1]: .5·8 = 4 → mean 3.5, variance .25·2.25 + .75·0.25 = 0.75.
    const { total, marginal } = treeVariances(handTree, [[0, 1], [0, 1]], [[0], [1]]);
    expect(total).toBeCloseTo(13.75, 12);
    expect(marginal[0]).toBeCloseTo(12.25, 12);
    expect(marginal[1]).toBeCloseTo(0.75, 12);
  });

  it('a group of two columns takes the product of their cells', () => {
    const { marginal } = treeVariances(handTree, [[0, 1], [0, 1]], [[0, 1]]);
    expect(marginal[0]).toBeCloseTo(13.75, 12);
  });

  it('each feature\'s marginal curve (fANOVA\'s marginal plot), whose variance over its points is the marginal variance', () => {
    // x0's marginal is 0 on [0, .5] and 7 above; x1's is 2 on [0, .25] and 4 above (as worked above). The 24 points are cell
    // centres (i + .5)/24: x1's first six (up to .229) lie at or below .25.
    const [x0, x1] = treeVariances(handTree, [[0, 1], [0, 1]], [[0], [1]]).curves;
    expect(x0).toEqual([...Array(12).fill(0), ...Array(12).fill(7)]);
    expect(x1).toEqual([...Array(6).fill(2), ...Array(18).fill(4)]);
    const variance = (c: number[]): number => {
      const m = c.reduce((a, b) => a + b, 0) / c.length;
      return c.reduce((a, b) => a + (b - m) ** 2, 0) / c.length;
    };
    expect(variance(x0)).toBeCloseTo(12.25, 12);
    expect(variance(x1)).toBeCloseTo(0.75, 12);
    // The two columns read as one categorical knob's one-hot columns: (1, 0) goes right then left (4); (0, 1) goes left (0).
    expect(marginalCurves(handTree, [[0, 1], [0, 1]], [[0, 1]])).toEqual([[4, 0]]);
  });

  it('equals the prediction averaged over a fine grid of the other columns, for a grown forest\'s trees, numeric and one-hot', () => {
    const rng = new Rng(21);
    const n = 300;
    // Columns: a ∈ [0, 1], b ∈ [-2, 2], and a categorical knob of three values as one-hot columns 2–4.
    const x = new Float64Array(5 * n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b, cat] = [rng.uniform(), rng.uniform() * 4 - 2, Math.floor(rng.uniform() * 3)];
      [x[i], x[n + i]] = [a, b];
      for (let c = 0; c < 3; c++) x[(2 + c) * n + i] = c === cat ? 1 : 0;
      y[i] = Math.sin(3 * a) * b + cat + 0.1 * rng.normal(0, 1);
    }
    const bounds: [number, number][] = [[0, 1], [-2, 2], [0, 1], [0, 1], [0, 1]];
    const groups = [[0], [1], [2, 3, 4]];
    /** The tree's prediction averaged over the midpoints of a grid of m points along one or two numeric columns ([0, 1] each, scaled by `point`). */
    const average = (tree: Tree, point: (u: number, v: number) => number[], dims = 1): number => {
      const m = dims === 1 ? 4000 : 200;
      let sum = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < (dims === 1 ? 1 : m); j++) sum += predict([tree], point((i + 0.5) / m, (j + 0.5) / m));
      return sum / (dims === 1 ? m : m * m);
    };
    for (const tree of growForest(x, y, 5, { trees: 3, maxDepth: 64, seed: 4 })) {
      const [ca, cb, cat] = marginalCurves(tree, bounds, groups);
      expect(ca).toHaveLength(MARGINAL_STEPS);
      for (const i of [0, 7, 13, 23]) {
        const a = (i + 0.5) / MARGINAL_STEPS;
        // b and the one-hot columns averaged over their ranges ([0, 1] each, as fANOVA takes them: their splits lie at 0.5, so
        // 0.25 and 0.75 stand for each half exactly).
        let sum = 0;
        for (const onehot of [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]) {
          sum += average(tree, (u) => [a, -2 + 4 * u, ...onehot.map((h) => (h === 1 ? 0.75 : 0.25))]);
        }
        expect(ca[i]).toBeCloseTo(sum / 8, 2);
        const b = -2 + (4 * (i + 0.5)) / MARGINAL_STEPS;
        let sumB = 0;
        for (const onehot of [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]) {
          sumB += average(tree, (u) => [u, b, ...onehot.map((h) => (h === 1 ? 0.75 : 0.25))]);
        }
        expect(cb[i]).toBeCloseTo(sumB / 8, 2);
      }
      // A value of the categorical knob: its column 1, the others 0; a and b averaged.
      cat.forEach((v, k) => expect(v).toBeCloseTo(average(tree, (u, w) => [u, -2 + 4 * w, ...[0, 1, 2].map((c) => (c === k ? 1 : 0))], 2), 2));
    }
  });
});

describe('the forest', () => {
  const rng = new Rng(5);
  const n = 400;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform();
    x[n + i] = Math.floor(rng.uniform() * 3);
    y[i] = (x[i] > 0.3 ? 2 : 0) + x[n + i];
  }
  const trees = growForest(x, y, 2, { trees: 16, maxDepth: 64, seed: 1 });

  it('fits a noiseless step function exactly at the training rows, with thresholds halfway between neighbouring values', () => {
    for (let i = 0; i < n; i += 17) expect(predict(trees, [x[i], x[n + i]])).toBeCloseTo(y[i], 1);
    const t = trees[0];
    const thresholds = Array.from({ length: t.nodes }, (_, k) => (t.feature[k] === 1 ? t.threshold[k] : null)).filter((v) => v !== null);
    for (const th of thresholds) expect([0.5, 1.5]).toContain(th);
  });

  it('is reproducible from its seed and differs with another', () => {
    const again = growForest(x, y, 2, { trees: 16, maxDepth: 64, seed: 1 });
    expect(again.map((t) => Array.from(t.threshold.subarray(0, t.nodes)))).toEqual(trees.map((t) => Array.from(t.threshold.subarray(0, t.nodes))));
    const other = growForest(x, y, 2, { trees: 16, maxDepth: 64, seed: 2 });
    expect(other.map((t) => t.nodes)).not.toEqual(trees.map((t) => t.nodes));
  });

  it('grows the same trees after a bigger forest made its memory grow, and reads a hand tree in between', () => {
    const big = 60_000;
    const bx = new Float64Array(3 * big);
    const by = new Float64Array(big);
    for (let i = 0; i < 3 * big; i++) bx[i] = rng.uniform();
    for (let i = 0; i < big; i++) by[i] = bx[i] + bx[big + i] ** 2;
    const first = growForest(bx, by, 3, { trees: 2, maxDepth: 64, seed: 3 });
    expect(first[0].nodes).toBeGreaterThan(big / 2);
    expect(treeVariances(handTree, [[0, 1], [0, 1]], [[0], [1]]).total).toBeCloseTo(13.75, 12);
    const again = growForest(x, y, 2, { trees: 16, maxDepth: 64, seed: 1 });
    expect(again.map((t) => Array.from(t.value))).toEqual(trees.map((t) => Array.from(t.value)));
    expect(growForest(bx, by, 3, { trees: 2, maxDepth: 64, seed: 3 }).map((t) => Array.from(t.threshold))).toEqual(first.map((t) => Array.from(t.threshold)));
  });

  it('names the kernel file and the command that builds it when the install lacks it', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'knobs-resources-'));
    mkdirSync(join(resources, 'datasets'));
    vi.resetModules();
    vi.stubEnv('KNOBS_RESOURCES', resources);
    try {
      const fresh = await import('../../src-core/analysis/forest');
      expect(() => fresh.growForest(x, y, 2, { trees: 1, maxDepth: 4, seed: 1 })).toThrow(/needs .*kernels[/\\]forest\.wasm, which cannot be read .*npm run build:kernels/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it('stops at maxDepth', () => {
    const shallow = growForest(x, y, 2, { trees: 2, maxDepth: 1, seed: 1 });
    for (const t of shallow) expect(t.nodes).toBeLessThanOrEqual(3);
  });
});

describe('importance', () => {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, space: {
    lr: { type: 'float', low: 1e-5, high: 1, log: true }, dropout: { type: 'float', low: 0, high: 0.5 },
    optimizer: { type: 'categorical', values: ['sgd', 'adam'] }, epochs: { type: 'fixed', value: 3 }, activation: { type: 'categorical', values: ['relu'] },
  } });
  const rng = new Rng(9);
  const trials = Array.from({ length: 120 }, () => {
    const knobs = { lr: 10 ** (-5 + 5 * rng.uniform()), dropout: 0.5 * rng.uniform(), optimizer: rng.uniform() < 0.5 ? 'sgd' : 'adam', epochs: 3, activation: 'relu' };
    return { knobs, objective: Math.abs(Math.log10(knobs.lr) + 2) + 0.2 * knobs.dropout + 0.01 * rng.normal() };
  });

  it('finds the knob that decides, sums to 1, names the knobs that cannot vary apart (no share: they were not searched)', () => {
    const r = importance(spec.space, trials, { seed: 0 });
    expect(r.reason).toBeNull();
    expect(r.trials).toBe(120);
    expect(r.knobs.map((k) => k.name)).toEqual(['lr', 'dropout', 'optimizer']);
    expect(r.fixed).toEqual(['epochs', 'activation']);
    expect(r.knobs[0].importance).toBeGreaterThan(0.8);
    expect(r.knobs.reduce((a, k) => a + k.importance, 0)).toBeCloseTo(1, 12);
    expect(importance(spec.space, trials.slice(0, 2), { seed: 0 })).toMatchObject({ knobs: [{ name: 'lr' }, { name: 'dropout' }, { name: 'optimizer' }], fixed: ['epochs', 'activation'] });
  });

  it('leaves out trials without a result, and says why when there are too few or the objective never varies', () => {
    const withFailures = [...trials, ...trials.slice(0, 10).map((t) => ({ ...t, objective: NaN }))];
    expect(importance(spec.space, withFailures, { seed: 0 }).trials).toBe(120);
    expect(importance(spec.space, trials.slice(0, 3), { seed: 0 }).reason).toMatch(/at least 4 trials/);
    expect(importance(spec.space, trials.map((t) => ({ ...t, objective: 1 })), { seed: 0 }).reason).toMatch(/same for every trial/);
  });

  it('says why when the trials ran fewer than 4 configurations (a seed re-run: each configuration with several seeds, every knob moving with it)', () => {
    // 3 configurations × 4 seeds: 12 trials, each knob's value telling the same 3 groups apart.
    const reruns = [0, 1, 2].flatMap((c) => [0, 1, 2, 3].map((seed) => ({ knobs: trials[c].knobs, objective: trials[c].objective + 0.01 * seed })));
    const r = importance(spec.space, reruns, { seed: 0 });
    expect(r.reason).toBe('importance needs at least 4 different configurations with a result (these 12 trials ran 3, some with several seeds)');
    expect(r.knobs.every((k) => k.importance === 0 && k.marginal.at.length === 0)).toBe(true);
    // A fourth configuration: read again.
    expect(importance(spec.space, [...reruns, trials[3]], { seed: 0 }).reason).toBeNull();
  });

  it('is deterministic: the same seed, the same answer; another seed, another forest', () => {
    expect(importance(spec.space, trials, { seed: 0 })).toEqual(importance(spec.space, trials, { seed: 0 }));
    expect(importance(spec.space, trials, { seed: 1 })).not.toEqual(importance(spec.space, trials, { seed: 0 }));
  });

  it('each knob\'s marginal in the objective\'s units: lr\'s lowest near 10⁻², where the objective is; dropout\'s at its low end; one point per optimizer', () => {
    const r = importance(spec.space, trials, { seed: 0 });
    const [lr, dropout, optimizer] = r.knobs;
    expect(lr.marginal.at).toHaveLength(MARGINAL_STEPS);
    // Cell centres on the log scale: 10^(−5 + 5·(i + .5)/24).
    expect(lr.marginal.at[0]).toBeCloseTo(10 ** (-5 + 5 * 0.5 / 24), 12);
    const lowest = (v: number[]): number => v.indexOf(Math.min(...v));
    expect(Math.abs(Math.log10(lr.marginal.at[lowest(lr.marginal.value)] as number) + 2)).toBeLessThan(0.35);
    expect(lowest(dropout.marginal.value)).toBeLessThan(MARGINAL_STEPS / 2);
    expect(optimizer.marginal.at).toEqual(['sgd', 'adam']);
    // Mapped back by the trials' quantiles: within their objectives; the ends of lr's range are bad (|log10 lr + 2| up to 3).
    const objectives = trials.map((t) => t.objective);
    for (const k of r.knobs) for (const v of k.marginal.value) expect(v).toBeGreaterThanOrEqual(Math.min(...objectives));
    expect(lr.marginal.value[0]).toBeGreaterThan(2);
    expect(lr.marginal.sd.every((s) => s >= 0)).toBe(true);
    // Without a result, no marginal.
    expect(importance(spec.space, trials.slice(0, 3), { seed: 0 }).knobs[0].marginal).toEqual({ at: [], value: [], sd: [], failed: [], failedOverall: 0 });
  });

  it('a categorical knob of lists (hidden layers\' widths) is read at the lists themselves, which name its strips and its best', async () => {
    const { bestNearText } = await import('../../src-core/analysis/marginal');
    const shapes = [[8], [16, 16], [32, 16, 8]];
    const space = parseSpec({ dataset: { builtin: 'iris' }, space: { hiddenLayers: { type: 'categorical', values: shapes }, lr: { type: 'float', low: 1e-3, high: 0.1, log: true } } }).space;
    const r2 = new Rng(4);
    const shaped = Array.from({ length: 30 }, (_, i) => ({ knobs: { hiddenLayers: shapes[i % 3], lr: 10 ** (-3 + 2 * r2.uniform()) }, objective: [0.9, 0.5, 0.2][i % 3] + 0.01 * r2.normal() }));
    const layers = importance(space, shaped, { seed: 0 }).knobs.find((k) => k.name === 'hiddenLayers')!;
    // Before, String(value) made "8", "16,16", "32,16,8": no strip is named so, and the chart drew no bar.
    expect(layers.marginal.at).toEqual(shapes);
    expect(bestNearText(layers.marginal, 'minimize')).toBe('[32, 16, 8]');
  });

  it('rank transform: ties share their mean rank, scaled to [0, 1]', () => {
    expect(Array.from(ranks([3, 1, 2, 2, 1e9]))).toEqual([0.75, 0, 0.375, 0.375, 1]);
  });
});
