// A trial's drawer asks for its decision boundary and its precision–recall curve: both come from one
// replay (trained once, counted on the worker pool's runs; a spy that passes every call through),
// whichever is asked first or both at once; a picture the data set cannot give is refused as soon as
// the data set has loaded, before any training, and never makes the other wait for it or fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool } from '../../src-core/runner/pool';
import { Workbench } from '../../src-core/service/workbench';
import { Store } from '../../src-core/store/store';
import { caller, runToEnd } from '../helpers/call';

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);
const runs = vi.spyOn(WorkerPool.prototype, 'run');

const runSpec = (spec: Record<string, unknown>): Promise<number> => runToEnd(wb, spec);

const base = { project: 'p', train: { epochs: 8, hiddenLayers: [8], optimizer: 'adam', lr: 0.02 }, space: {}, strategy: { kind: 'random' }, budget: { trials: 3 }, workers: 1, seed: 4 };
const ids: Record<string, number> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-drawer-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false });
  ids.moons = await runSpec({ ...base, name: 'moons', dataset: { synthetic: 'moons', n: 300, noise: 0.3, classShares: [0.85, 0.15] } });
  ids.iris = await runSpec({ ...base, name: 'iris', dataset: { builtin: 'iris' } });
  ids.sine = await runSpec({ ...base, name: 'sine', dataset: { synthetic: 'sine', n: 200 } });
});
afterAll(async () => {
  await wb.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  runs.mockRestore();
});
// A block: a hook that returns a function (mockClear returns the spy) has it called as its teardown.
beforeEach(() => {
  runs.mockClear();
});

describe('a trial drawer\'s pictures from one replay', () => {
  it('asked at once, the boundary and the thresholds train the trial once; asked again, not at all', async () => {
    const [b, c] = await Promise.all([call('trials.boundary', { searchId: ids.moons, number: 0 }), call('trials.threshold', { searchId: ids.moons, number: 0 })]);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(b.replay.identical, b.replay.message).toBe(true);
    expect(c.replay).toEqual(b.replay);
    expect([b.steps, b.values.length, c.rows, c.split]).toEqual([64, 64 * 64, 60, { kind: 'holdout', folds: 1, of: 1 }]);
    // Its answer is the stored confusion: the model that drew the boundary answered it.
    const stored = (await call('trials.get', { searchId: ids.moons, number: 0 })).confusion!.counts;
    expect(c.answer).toMatchObject({ called: stored[0][1] + stored[1][1], found: stored[1][1] });
    expect(await call('trials.boundary', { searchId: ids.moons, number: 0 })).toEqual(b);
    expect(await call('trials.threshold', { searchId: ids.moons, number: 0, positive: 0 })).toMatchObject({ positive: 0, rows: 60 });
    expect(runs).toHaveBeenCalledTimes(1);
  }, 120_000);

  it('one after the other: the second comes from the first\'s replay', async () => {
    await call('trials.threshold', { searchId: ids.moons, number: 1 });
    await call('trials.boundary', { searchId: ids.moons, number: 1 });
    expect(runs).toHaveBeenCalledTimes(1);
  }, 120_000);

  it('four features: the boundary is refused before any training, and the thresholds asked with it train once', async () => {
    for (const [number, boundaryFirst] of [[0, true], [1, false]] as const) {
      runs.mockClear();
      const b = call('trials.boundary', { searchId: ids.iris, number });
      const t = call('trials.threshold', { searchId: ids.iris, number });
      const [refused, curve] = boundaryFirst ? await Promise.allSettled([b, t]) : (await Promise.allSettled([t, b])).reverse();
      expect(refused.status).toBe('rejected');
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/A decision boundary is drawn over one or two features; the data set iris has 4/);
      expect(curve.status, String((curve as PromiseRejectedResult).reason)).toBe('fulfilled');
      expect(runs).toHaveBeenCalledTimes(1);
    }
    runs.mockClear();
    await expect(call('trials.boundary', { searchId: ids.iris, number: 2 })).rejects.toThrow(/drawn over one or two features/);
    expect(runs).not.toHaveBeenCalled();
  }, 120_000);

  it('a regression: the thresholds are refused before any training, the fitted curve drawn', async () => {
    await expect(call('trials.threshold', { searchId: ids.sine, number: 0 })).rejects.toThrow('Trial 0 predicts a number (y), not a class: precision and recall at a threshold are for classes');
    expect(runs).not.toHaveBeenCalled();
    const [curve, refused] = await Promise.allSettled([call('trials.boundary', { searchId: ids.sine, number: 1 }), call('trials.threshold', { searchId: ids.sine, number: 1 })]);
    expect(curve.status).toBe('fulfilled');
    expect((curve as PromiseFulfilledResult<{ y: unknown; steps: number }>).value).toMatchObject({ y: null, steps: 256 });
    expect(String((refused as PromiseRejectedResult).reason)).toMatch(/not a class/);
    expect(runs).toHaveBeenCalledTimes(1);
  }, 120_000);
});
