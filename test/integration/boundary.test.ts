// A trial's decision boundary (src-core/service/boundary.ts): the model a replay trains again, asked over a grid of the
// data set's two features, through a real worker thread and a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, makeSplit } from '../../src-core/data';
import { trialBoundary } from '../../src-core/service/pictures';
import { createSearch, Study } from '../../src-core/search/study';
import { parseStoredSpec, trainConfigOf } from '../../src-core/spec/spec';
import { Store } from '../../src-core/store/store';
import { trainConfiguration } from '../../src-core/train/trainer';

const dir = mkdtempSync(join(tmpdir(), 'knobs-boundary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (store: Store, spec: Record<string, unknown>): Promise<number> => {
  const { id } = createSearch(store, { project: 'p', seed: 5, workers: 1, ...spec });
  expect(await new Study(store, id, { workers: 1 }).run()).toBe('complete');
  return id;
};

describe('a decision boundary', () => {
  it('moons: the replayed model asked at each cell of a 16 × 16 grid, as the trainer answers in this thread; the rows of the first fold on top', async () => {
    const store = Store.open(join(dir, 'moons.db'));
    const id = await run(store, {
      name: 'moons', dataset: { synthetic: 'moons', n: 200, noise: 0.15 },
      train: { epochs: 40, hiddenLayers: [16, 16], optimizer: 'adam', lr: 0.03, earlyStopping: false }, space: {}, budget: { trials: 1 },
    });
    const b = await trialBoundary(store, id, 0, { steps: 16 });
    expect(b.replay.identical).toBe(true);
    expect(b.task).toBe('classification');
    expect(b.classes).toHaveLength(2);
    expect([b.x.name, b.y?.name]).toEqual(['x1', 'x2']);
    const by = b.y!;
    expect(b.values).toHaveLength(256);
    // The grid spans the rows' range, 5% wider each way.
    const spec = parseStoredSpec(store.searches.need(id).spec);
    const ds = loadDataset(spec.dataset, spec.seed);
    const xs = Array.from({ length: ds.nRows }, (_, r) => ds.x[r * 2]);
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    expect(b.x.min).toBeCloseTo(lo - 0.05 * (hi - lo), 5);
    expect(b.x.max).toBeCloseTo(hi + 0.05 * (hi - lo), 5);
    // The same model trained here, asked at the cell centres: the same classes and probabilities.
    const t = store.trials.need(id, 0);
    const grid = new Float32Array(256 * 2);
    for (let r = 0; r < 16; r++) {
      for (let c = 0; c < 16; c++) {
        grid[(r * 16 + c) * 2] = b.x.min + ((c + 0.5) / 16) * (b.x.max - b.x.min);
        grid[(r * 16 + c) * 2 + 1] = by.min + ((r + 0.5) / 16) * (by.max - by.min);
      }
    }
    const split = makeSplit(ds, spec.split, spec.seed);
    const here = trainConfiguration({ dataset: ds, split, preprocess: spec.preprocess, config: trainConfigOf(spec, JSON.parse(t.knobs)), seed: t.seed, predict: grid });
    const p = here.predictions!;
    for (let cell = 0; cell < 256; cell++) {
      const arg = p[cell * 2 + 1] > p[cell * 2] ? 1 : 0;
      expect(b.values[cell]).toBe(arg);
      expect(b.confidence[cell]).toBeCloseTo(p[cell * 2 + arg], 6);
      expect(p[cell * 2] + p[cell * 2 + 1]).toBeCloseTo(1, 5);
    }
    // A trained model on moons separates them: most training rows lie in a cell of their own class.
    const cellOf = (x: number, y: number): number => {
      const c = Math.min(15, Math.floor(((x - b.x.min) / (b.x.max - b.x.min)) * 16));
      const r = Math.min(15, Math.floor(((y - by.min) / (by.max - by.min)) * 16));
      return r * 16 + c;
    };
    const train = b.points.filter((q) => q[3] === 0);
    expect(train.length + b.points.filter((q) => q[3] === 1).length).toBe(split.folds[0].train.length + split.folds[0].val.length);
    const agree = train.filter(([x, y, label]) => b.values[cellOf(x, y)] === label).length / train.length;
    expect(agree).toBeGreaterThan(0.8);
    store.close();
  });

  it('sine, one feature: the replayed model asked at 256 points along x, as the trainer answers here; it follows sin(x)', async () => {
    const store = Store.open(join(dir, 'sine.db'));
    const id = await run(store, {
      name: 'sine', dataset: { synthetic: 'sine', n: 300, noise: 0.1 },
      train: { epochs: 60, hiddenLayers: [32, 32], activation: 'tanh', optimizer: 'adam', lr: 0.01, earlyStopping: false }, space: {}, budget: { trials: 1 },
    });
    const b = await trialBoundary(store, id, 0);
    expect(b.replay.identical).toBe(true);
    expect(b.y).toBeNull();
    expect([b.task, b.x.name, b.target, b.steps]).toEqual(['regression', 'x', 'y', 256]);
    expect(b.values).toHaveLength(256);
    expect(b.probabilities).toEqual([]);
    const spec = parseStoredSpec(store.searches.need(id).spec);
    const ds = loadDataset(spec.dataset, spec.seed);
    const xs = Array.from(ds.x);
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    expect(b.x.min).toBeCloseTo(lo - 0.05 * (hi - lo), 5);
    expect(b.x.max).toBeCloseTo(hi + 0.05 * (hi - lo), 5);
    const at = Float32Array.from({ length: 256 }, (_, i) => b.x.min + (i / 255) * (b.x.max - b.x.min));
    const split = makeSplit(ds, spec.split, spec.seed);
    const here = trainConfiguration({ dataset: ds, split, preprocess: spec.preprocess, targetPreprocess: spec.targetPreprocess, config: trainConfigOf(spec, JSON.parse(store.trials.need(id, 0).knobs)), seed: store.trials.need(id, 0).seed, predict: at });
    for (let i = 0; i < 256; i++) expect(b.values[i]).toBeCloseTo(here.predictions![i], 6);
    // Over the rows' own range the fitted curve keeps within 0.25 of sin(x) (noise 0.1).
    const inside = Array.from(at, (x, i) => [x, b.values[i]] as const).filter(([x]) => x >= lo && x <= hi);
    expect(Math.max(...inside.map(([x, v]) => Math.abs(v - Math.sin(x))))).toBeLessThan(0.25);
    // Each point: [x, 0, target, part], every row of the first fold.
    expect(b.points).toHaveLength(split.folds[0].train.length + split.folds[0].val.length);
    expect(b.points.every((p) => p[1] === 0)).toBe(true);
    store.close();
  });

  it('refused, saying why: a data set of four features, a trial that diverged', async () => {
    const store = Store.open(join(dir, 'refused.db'));
    const iris = await run(store, { name: 'iris', dataset: { builtin: 'iris' }, train: { epochs: 2 }, space: {}, budget: { trials: 1 } });
    await expect(trialBoundary(store, iris, 0)).rejects.toThrow(/^A decision boundary is drawn over one or two features; the data set iris has 4 \(data sets of one or two: sine, moons, circles, spirals, xor, blobs, or a CSV of one or two feature columns\)$/);
    const blown = await run(store, {
      name: 'blown', dataset: { synthetic: 'moons', n: 100 }, train: { epochs: 5, optimizer: 'sgd', lr: 1e6, earlyStopping: false }, space: {}, budget: { trials: 1 },
    });
    expect(store.trials.need(blown, 0).status).toBe('diverged');
    await expect(trialBoundary(store, blown, 0)).rejects.toThrow(/^Trial 0 diverged: its model's outputs are not numbers, so there is nothing of it to draw$/);
    store.close();
  });
});
