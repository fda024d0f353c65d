// trials.threshold through the contract with a real SQLite file and real worker threads: a search on
// moons with a 10% class, each trial trained again as a replay, its model's probability of the rare
// class on its validation rows (every fold's, for k-fold) at every threshold. The model's own answer must be the
// stored confusion, row for row; the curve's ends are fixed by its definition; a regression and an
// unfinished trial are refused with what would do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { caller, runToEnd } from '../helpers/call';

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-threshold-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false });
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const runSpec = (spec: Record<string, unknown>): Promise<number> => runToEnd(wb, spec);

describe('a trial\'s precision and recall at every threshold', () => {
  it('replays each trial; its own answer is the stored confusion; the curve runs from the surest row to every row', async () => {
    const id = await runSpec({
      project: 'pr', name: 'moons 10%', dataset: { synthetic: 'moons', n: 1000, noise: 0.3, classShares: [0.9, 0.1] },
      train: { epochs: 15, batchSize: 32, optimizer: 'adam', hiddenLayers: [8] },
      space: { lr: { type: 'float', low: 1e-3, high: 0.05, log: true }, classWeights: { type: 'categorical', values: ['none', 'balanced'] } },
      strategy: { kind: 'grid', points: 2 }, budget: { trials: 4 }, seed: 2,
    });
    const trials = (await call('trials.changes', { searchId: id, since: '' })).trials;
    expect(trials).toHaveLength(4);
    for (const t of trials) {
      const detail = await call('trials.get', { searchId: id, number: t.number });
      const c = await call('trials.threshold', { searchId: id, number: t.number });
      const stored = detail.confusion!.counts;
      expect(c.replay.identical, c.replay.message).toBe(true);
      expect([c.classes, c.positive]).toEqual([['0', '1'], 1]);
      // 1,000 rows, 100 of class "1"; a fifth of them validation, stratified.
      expect([c.rows, c.positives, c.split]).toEqual([200, 20, { kind: 'holdout', folds: 1, of: 1 }]);
      expect(stored[1][0] + stored[1][1]).toBe(c.positives);
      // The most probable class, row by row, is what the trial stored at its best epoch.
      // Early stopping restored the best epoch's model: it answered.
      expect([c.modelEpoch, c.bestEpoch]).toEqual([detail.bestEpoch, detail.bestEpoch]);
      expect(c.answer, `trial ${t.number} (${JSON.stringify(t.knobs)})`).toMatchObject({ called: stored[0][1] + stored[1][1], found: stored[1][1] });
      // From the surest row down: recall never falls, and the lowest threshold calls every row.
      for (let i = 1; i < c.points.length; i++) {
        expect(c.points[i].threshold).toBeLessThan(c.points[i - 1].threshold);
        expect(c.points[i].recall).toBeGreaterThanOrEqual(c.points[i - 1].recall);
      }
      expect(c.points.at(-1)).toMatchObject({ called: 200, found: 20, recall: 1, precision: 0.1 });
      for (const p of c.points) expect(p.precision).toBeCloseTo(p.found / p.called, 12);
      expect(c.averagePrecision).toBeGreaterThan(0.1);
      expect(c.averagePrecision).toBeLessThanOrEqual(1);
      expect(c.bestF1!.f1).toBeCloseTo((2 * c.bestF1!.precision * c.bestF1!.recall) / (c.bestF1!.precision + c.bestF1!.recall), 12);
      // The best F1 is at least the answer's own F1 (the answer's operating point is one of the thresholds, or between two).
      const answerF1 = (2 * c.answer.precision * c.answer.recall) / (c.answer.precision + c.answer.recall);
      expect(c.bestF1!.f1).toBeGreaterThanOrEqual(answerF1 - 1e-12);
    }
    // Asked again: the same answer, not trained a second time.
    const again = await call('trials.threshold', { searchId: id, number: 0 });
    expect(again).toEqual(await call('trials.threshold', { searchId: id, number: 0 }));
    // The common class, asked for: its own curve from the same answers, its answer the confusion's other column.
    const common = await call('trials.threshold', { searchId: id, number: 0, positive: 0 });
    const stored = (await call('trials.get', { searchId: id, number: 0 })).confusion!.counts;
    expect([common.positive, common.positives, common.rows]).toEqual([0, 180, 200]);
    expect(common.answer).toMatchObject({ called: stored[0][0] + stored[1][0], found: stored[0][0] });
    expect(common.replay).toEqual(again.replay);
    await expect(call('trials.threshold', { searchId: id, number: 0, positive: 2 })).rejects.toThrow('Class 2 has no validation row in trial 0, so it has no precision or recall to show; classes with rows: 0 (“0”), 1 (“1”)');
    await expect(wb.call('trials.threshold', { searchId: id, number: 0, positive: -1 })).rejects.toThrow(/positive/);
  }, 180_000);

  it('k-fold: every row once, each answered by the fold\'s model that held it out, and its answer is the stored confusion of all the folds', async () => {
    const id = await runSpec({
      project: 'pr', name: 'moons 10% 4-fold', dataset: { synthetic: 'moons', n: 400, noise: 0.3, classShares: [0.9, 0.1] },
      split: { kind: 'kfold', k: 4, test: 0 },
      train: { epochs: 12, batchSize: 32, optimizer: 'adam', lr: 0.02, hiddenLayers: [8] },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 3,
    });
    const detail = await call('trials.get', { searchId: id, number: 0 });
    const c = await call('trials.threshold', { searchId: id, number: 0 });
    expect(c.replay.identical, c.replay.message).toBe(true);
    expect([c.rows, c.positives, c.split]).toEqual([400, 40, { kind: 'kfold', folds: 4, of: 4 }]);
    const stored = detail.confusion!.counts;
    expect(stored.flat().reduce((a, b) => a + b, 0)).toBe(400);
    expect(c.answer).toMatchObject({ called: stored[0][1] + stored[1][1], found: stored[1][1] });
    expect(c.points.at(-1)).toMatchObject({ called: 400, found: 40, recall: 1, precision: 0.1 });
  }, 120_000);

  it('without early stopping the model at the end answers, and the curve says which epoch that is', async () => {
    const id = await runSpec({
      project: 'pr', name: 'no early stopping', dataset: { synthetic: 'moons', n: 1000, noise: 0.3, classShares: [0.9, 0.1] },
      train: { epochs: 12, batchSize: 32, optimizer: 'adam', lr: 0.02, hiddenLayers: [8], earlyStopping: false },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 5,
    });
    const detail = await call('trials.get', { searchId: id, number: 0 });
    const c = await call('trials.threshold', { searchId: id, number: 0 });
    expect([c.modelEpoch, c.bestEpoch]).toEqual([12, detail.bestEpoch]);
    // The decision boundary is drawn by the same model, and says so alike.
    const b = await call('trials.boundary', { searchId: id, number: 0 });
    expect([b.modelEpoch, b.bestEpoch]).toEqual([12, detail.bestEpoch]);
    const early = await call('trials.boundary', { searchId: 1, number: 0 });
    const firstDetail = await call('trials.get', { searchId: 1, number: 0 });
    expect([early.modelEpoch, early.bestEpoch]).toEqual([firstDetail.bestEpoch, firstDetail.bestEpoch]);
  }, 60_000);

  it('refuses a regression and a trial that does not exist, naming why', async () => {
    const sine = await runSpec({
      project: 'pr', name: 'sine', dataset: { synthetic: 'sine', n: 200 }, train: { epochs: 3, hiddenLayers: [8] },
      space: {}, strategy: { kind: 'random' }, budget: { trials: 1 }, seed: 1,
    });
    await expect(call('trials.threshold', { searchId: sine, number: 0 })).rejects.toThrow('Trial 0 predicts a number (y), not a class: precision and recall at a threshold are for classes');
    await expect(call('trials.threshold', { searchId: sine, number: 7 })).rejects.toThrow(/^Search \d+ has no trial 7/);
  }, 60_000);
});
