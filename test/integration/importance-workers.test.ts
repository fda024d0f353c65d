import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importance } from '../../src-core/analysis/importance';
import { endImportanceWorkers, importanceInWorkers } from '../../src-core/analysis/parallel';
import { pairSurface, pairSurfaceInWorkers } from '../../src-core/analysis/surface';
import { parseSpec } from '../../src-core/spec/spec';
import { Store } from '../../src-core/store/store';
import { Rng } from '../../src-core/util/rng';

/** Importance on real worker threads (the built out/engine/importance-worker.js): the same answer as on one thread, bit for bit. */
const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  dropout: { type: 'float', low: 0, high: 0.6 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
} as const;
const spec = parseSpec({ project: 'p', name: 's', dataset: { builtin: 'digits' }, space, strategy: { kind: 'random' }, budget: { trials: 5000 }, seed: 4 });

function trialsOf(n: number, seed: number): { knobs: Record<string, unknown>; objective: number }[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const k = { lr: 10 ** (-5 + 5 * rng.uniform()), hiddenUnits: Math.round(4 * 64 ** rng.uniform()), dropout: 0.6 * rng.uniform(), optimizer: ['sgd', 'momentum', 'adam'][rng.int(3)] };
    return { knobs: k, objective: (Math.log10(k.lr) + 2.5) ** 2 + 0.5 * k.dropout + (k.optimizer === 'sgd' ? 0.3 : 0) + 0.2 * rng.normal() };
  });
}

afterAll(() => endImportanceWorkers());

describe('importance on worker threads', () => {
  it('gives the answer of one thread bit for bit, with 1, 2 or 3 workers, and for a problem small enough to stay on the thread', async () => {
    const trials = trialsOf(1500, 1);
    const one = importance(spec.space, trials, { seed: 7 });
    expect(one.knobs[0].name).toBe('lr');
    for (const threads of [1, 2, 3]) expect(await importanceInWorkers(spec.space, trials, { seed: 7 }, threads)).toEqual(one);
    const small = trialsOf(60, 2);
    expect(await importanceInWorkers(spec.space, small, { seed: 7 }, 2)).toEqual(importance(spec.space, small, { seed: 7 }));
    // Too few trials: the reason, as on one thread.
    expect((await importanceInWorkers(spec.space, small.slice(0, 3), { seed: 7 })).reason).toMatch(/at least 4 trials/);
  });

  it('grows a pair surface\'s trees on the workers too: the same grid as one thread, but for the last bits of its sums; its refusals as on the thread', async () => {
    const trials = trialsOf(1500, 6);
    const one = pairSurface(spec.space, trials, 'lr', 'dropout', { seed: 3 });
    expect(one.reason).toBeNull();
    const w = await pairSurfaceInWorkers(spec.space, trials, 'lr', 'dropout', { seed: 3 });
    expect({ ...w, values: [] }).toEqual({ ...one, values: [] });
    expect(w.values).toHaveLength(1600);
    w.values.forEach((v, i) => expect(Math.abs(v - one.values[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(one.values[i]))));
    // The best cell lies where lr is near 10^-2.5, as the objective says.
    const best = one.values.indexOf(Math.min(...one.values));
    const lrAt = one.x.low + ((best % 40) + 0.5) * (one.x.high - one.x.low) / 40;
    expect(Math.abs(lrAt + 2.5)).toBeLessThan(0.3);
    expect((await pairSurfaceInWorkers(spec.space, trials, 'lr', 'optimizer', { seed: 3 })).reason).toMatch(/categorical/);
  });

  it('answers asks made at the same time, each its own (they take turns on the workers)', async () => {
    const a = trialsOf(900, 3);
    const b = trialsOf(1200, 4).map((t) => ({ ...t, objective: -t.objective }));
    const [ra, rb] = await Promise.all([importanceInWorkers(spec.space, a, { seed: 1 }, 2), importanceInWorkers(spec.space, b, { seed: 2, transform: 'none' }, 2)]);
    expect(ra).toEqual(importance(spec.space, a, { seed: 1 }));
    expect(rb).toEqual(importance(spec.space, b, { seed: 2, transform: 'none' }));
  });

  it('knobs importance over 1,500 trials answers as one thread does and exits: idle workers do not hold the process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-importance-workers-'));
    try {
      const db = join(dir, 'k.db');
      const store = Store.open(db);
      const raw = { project: 'p', name: 'big', dataset: { builtin: 'digits' }, space, strategy: { kind: 'random' }, budget: { trials: 1500 }, seed: 4 };
      const id = store.searches.create(store.projects.ensure('p').id, 'big', raw, 1500).id;
      const trials = trialsOf(1500, 5);
      store.transaction(() => trials.forEach((t, n) => {
        const row = store.trials.start(id, n, 1, t.knobs, n);
        store.trials.finish(row.id, {
          status: 'complete', objective: t.objective, bestEpoch: 1, stoppedEpoch: 1, stopReason: 'max_epochs', trainLoss: t.objective, valLoss: t.objective,
          trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.1, error: null,
        }, { epochs: [] });
      }));
      store.close();
      const started = performance.now();
      const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'knobs.mjs'), 'importance', 'big', '--json', '--db', db], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // It exits once it has answered, not after the workers' idle time (60 s).
      expect(performance.now() - started).toBeLessThan(30_000);
      const answer = JSON.parse(r.stdout) as { knobs: unknown; trials: number };
      expect(answer.trials).toBe(1500);
      expect(answer.knobs).toEqual(importance(spec.space, trials, { seed: 4 }).knobs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
