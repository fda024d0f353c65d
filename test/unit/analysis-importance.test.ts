import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { growForest, predict, treeVariances, type Tree } from '../../src-core/analysis/forest';
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

  it('is deterministic: the same seed, the same answer; another seed, another forest', () => {
    expect(importance(spec.space, trials, { seed: 0 })).toEqual(importance(spec.space, trials, { seed: 0 }));
    expect(importance(spec.space, trials, { seed: 1 })).not.toEqual(importance(spec.space, trials, { seed: 0 }));
  });

  it('rank transform: ties share their mean rank, scaled to [0, 1]', () => {
    expect(Array.from(ranks([3, 1, 2, 2, 1e9]))).toEqual([0.75, 0, 0.375, 0.375, 1]);
  });
});
