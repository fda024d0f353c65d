import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchAnalysis } from '../../src-core/service/analysis';
import { parseSpec, type Spec } from '../../src-core/spec/spec';
import { Store } from '../../src-core/store/store';
import { Rng } from '../../src-core/util/rng';

/**
 * Importance while a search runs, on a real SQLite file: one computation at a time, no more than
 * its duty of the time, and every answer covers the trials finished when it was asked for.
 */
const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  dropout: { type: 'float', low: 0, high: 0.6 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
} as const;

let dir: string;
let store: Store;
let spec: Spec;
let searchId: number;
let next = 0;
const rng = new Rng(3);

/** n more trials finished, as a study writes them (lr decides most of the objective). */
function finish(n: number): void {
  store.transaction(() => {
    for (let i = 0; i < n; i++, next++) {
      const k = { lr: 10 ** (-5 + 5 * rng.uniform()), hiddenUnits: Math.round(4 * 64 ** rng.uniform()), dropout: 0.6 * rng.uniform(), optimizer: ['sgd', 'momentum', 'adam'][rng.int(3)] };
      const objective = (Math.log10(k.lr) + 2.5) ** 2 + k.dropout + 0.2 * rng.normal();
      const t = store.trials.start(searchId, next, 1, k, next);
      store.trials.finish(t.id, {
        status: 'complete', objective, bestEpoch: 1, stoppedEpoch: 1, stopReason: 'max_epochs', trainLoss: objective, valLoss: objective,
        trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.1, error: null,
      }, { epochs: [] });
    }
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-analysis-'));
  store = Store.open(join(dir, 'knobs.db'));
  const raw = { project: 'p', name: 'live', dataset: { builtin: 'digits' }, space, strategy: { kind: 'random' }, budget: { trials: 100_000 }, seed: 1 };
  spec = parseSpec(raw);
  searchId = store.searches.create(store.projects.ensure('p').id, 'live', raw, 100_000).id;
  next = 0;
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importance of a running search', () => {
  it('asks at the same time share one computation; the cached answer comes back until more trials finish', async () => {
    finish(2000);
    const analysis = new SearchAnalysis(store);
    const [a, b] = await Promise.all([analysis.importance(searchId, spec), analysis.importance(searchId, spec)]);
    expect(a).toBe(b);
    expect(a.trials).toBe(2000);
    expect(a.seconds).toBeGreaterThan(0);
    expect(a.knobs[0].name).toBe('lr');
    const cached = await analysis.importance(searchId, spec);
    expect(cached.seconds).toBe(0);
    expect(cached.knobs).toEqual(a.knobs);
  });

  it('after a computation of s seconds the next starts no sooner than s·(1/duty − 1) later, over every trial finished by then', async () => {
    finish(2000);
    const analysis = new SearchAnalysis(store, { importanceDuty: 0.25 });
    const first = await analysis.importance(searchId, spec);
    const ended = performance.now();
    finish(10);
    const second = await analysis.importance(searchId, spec);
    const waited = (performance.now() - ended) / 1000;
    // Duty 0.25: a pause of three times the first computation before the second began, plus the second itself.
    expect(waited).toBeGreaterThanOrEqual(3 * first.seconds + second.seconds - 0.01);
    expect(second.trials).toBe(2010);
  });

  it('an ask while a computation waits or runs gets an answer over every trial finished when it asked', async () => {
    finish(2000);
    const analysis = new SearchAnalysis(store, { importanceDuty: 0.2 });
    await analysis.importance(searchId, spec);
    finish(5);
    const early = analysis.importance(searchId, spec);
    // While that one waits for its turn, more trials finish and the dashboard asks again.
    finish(7);
    const late = analysis.importance(searchId, spec);
    const [e, l] = await Promise.all([early, late]);
    expect(e.trials).toBe(2012);
    expect(l.trials).toBe(2012);
    expect(l).toBe(e);
    // And once more while nothing waits: a further computation, not the cached answer.
    finish(3);
    expect((await analysis.importance(searchId, spec)).trials).toBe(2015);
  });

  it('a search forgotten while its computation waits gets no cache entry back', async () => {
    finish(500);
    const analysis = new SearchAnalysis(store, { importanceDuty: 0.1 });
    await analysis.importance(searchId, spec);
    finish(5);
    const pending = analysis.importance(searchId, spec);
    analysis.forget(searchId);
    expect((await pending).trials).toBe(505);
    // Forgotten: the next ask computes afresh at once instead of answering from a cache.
    const again = await analysis.importance(searchId, spec);
    expect(again.seconds).toBeGreaterThan(0);
  });

  it('a duty outside (0, 1] is refused with the range it takes', () => {
    expect(() => new SearchAnalysis(store, { importanceDuty: 0 })).toThrow(/importanceDuty must be a share of the time in \(0, 1\], not 0/);
    expect(() => new SearchAnalysis(store, { importanceDuty: 1.5 })).toThrow(/not 1\.5/);
  });

  it('an ask answered from the cache reads no trial rows: the database counts them', async () => {
    finish(300);
    const analysis = new SearchAnalysis(store);
    const list = store.trials.list.bind(store.trials);
    let reads = 0;
    store.trials.list = (id: number) => {
      reads++;
      return list(id);
    };
    await analysis.importance(searchId, spec);
    analysis.densities(searchId, spec);
    const computed = reads;
    expect(computed).toBeGreaterThan(0);
    await analysis.importance(searchId, spec);
    analysis.densities(searchId, spec);
    expect(reads).toBe(computed);
    finish(1);
    expect((await analysis.importance(searchId, spec)).trials).toBe(301);
    expect(reads).toBeGreaterThan(computed);
  });
});

describe("what TPE sees of a search's queued trials", () => {
  it('counts them as running while the search runs, and not once it has ended (a stop leaves trials that never started queued, for a resume)', () => {
    const raw = { project: 'p', name: 'tpe', dataset: { builtin: 'digits' }, space, strategy: { kind: 'tpe', startupTrials: 5 }, budget: { trials: 100 }, seed: 1 };
    const tpe = parseSpec(raw);
    searchId = store.searches.create(store.projects.ensure('p').id, 'tpe', raw, 100).id;
    finish(30);
    store.searches.setStatus(searchId, 'running');
    for (const n of [30, 31]) store.trials.start(searchId, n, 1, { lr: 0.01, hiddenUnits: 16, dropout: 0.1, optimizer: 'adam' }, n, true);
    const analysis = new SearchAnalysis(store);
    expect(analysis.densities(searchId, tpe)!.running).toBe(2);
    store.searches.setStatus(searchId, 'cancelled', { stopReason: 'stopped by the user' });
    const ended = analysis.densities(searchId, tpe)!;
    expect(ended.running).toBe(0);
    expect(ended.trials).toBe(30);
  });
});
