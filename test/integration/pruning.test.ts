import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrunerSpec } from '../../src-core/prune/schema';
import { createSearch, Study } from '../../src-core/search/study';
import { parse } from 'csv-parse/sync';
import type { PruneInfo, SearchDetail, TrialSummary } from '../../src-core/api/contract';
import { trialsCsv } from '../../src-core/service/export';
import { Workbench } from '../../src-core/service/workbench';
import { Store, type TrialRow } from '../../src-core/store/store';
import { replay } from '../unit/prune/replay';

const knobs = join(__dirname, '..', '..', 'bin', 'knobs.mjs');
const dir = mkdtempSync(join(tmpdir(), 'knobs-pruning-'));
let n = 0;
const freshStore = (): Store => Store.open(join(dir, `p${n++}.db`));

const specOf = (pruner: PrunerSpec, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  project: 'p',
  name: `prune-${pruner.kind}`,
  dataset: { synthetic: 'moons', n: 300, noise: 0.25 },
  train: { epochs: 20, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-4, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 2, high: 32, log: true } },
  strategy: { kind: 'random' },
  budget: { trials: 30 },
  pruner,
  seed: 5,
  diagnostics: { every: 0 },
  ...over,
});

async function run(store: Store, spec: Record<string, unknown>, workers: number): Promise<{ id: number; trials: TrialRow[] }> {
  const { id } = createSearch(store, spec);
  await new Study(store, id, { workers }).run();
  return { id, trials: store.trials.list(id) };
}

/** Each trial's validation-loss curve, folds one after another. */
function curvesOf(store: Store, id: number): number[][] {
  const out: number[][] = [];
  for (const e of store.epochs.rows(id)) (out[e.number] ??= []).push(e.val_loss ?? NaN);
  return out;
}

/** Per trial: the step it was pruned at (epochs it trained, across folds), or null. */
function prunedSteps(store: Store, id: number, trials: TrialRow[]): (number | null)[] {
  const trained = curvesOf(store, id).map((c) => c.length);
  return trials.map((t) => (t.stop_reason === 'pruned' ? trained[t.number] : null));
}

const pruners: PrunerSpec[] = [
  { kind: 'median', startupTrials: 3, warmupEpochs: 2, interval: 1 },
  { kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 },
  { kind: 'hyperband', minEpochs: 1, reductionFactor: 3, startupTrials: 2 },
];

describe('pruning in real worker threads', () => {
  it.each(pruners.map((p) => [p.kind, p] as const))('%s: with one worker, prunes exactly the trials, at exactly the epochs, that the pure pruner replayed over the unpruned curves does; twice the same', async (_, pruner) => {
    const store = freshStore();
    const none = await run(store, specOf({ kind: 'none' }), 1);
    const expected = replay(pruner, curvesOf(store, none.id), { seed: 5 }).map((d) => d?.step ?? null);
    expect(expected.filter((s) => s !== null).length).toBeGreaterThan(5);
    const a = await run(store, specOf(pruner), 1);
    const b = await run(store, specOf(pruner), 1);
    expect(prunedSteps(store, a.id, a.trials)).toEqual(expected);
    expect(prunedSteps(store, b.id, b.trials)).toEqual(expected);
    // A pruned trial's curve is the unpruned trial's curve up to the epoch it stopped at; its objective is its best value up to there.
    const full = curvesOf(store, none.id);
    const cut = curvesOf(store, a.id);
    for (const t of a.trials) {
      expect(cut[t.number]).toEqual(full[t.number].slice(0, cut[t.number].length));
      if (t.stop_reason === 'pruned') expect(t.objective).toBe(Math.min(...cut[t.number]));
    }
    store.close();
  });

  it('with 3-fold cross-validation, counts epochs across folds and matches the replay', async () => {
    const store = freshStore();
    const over = { split: { kind: 'kfold', k: 3 }, train: { epochs: 8, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false }, budget: { trials: 24 } };
    const pruner: PrunerSpec = { kind: 'asha', minEpochs: 1, reductionFactor: 2, minEarlyStoppingRate: 0, startupTrials: 1 };
    const none = await run(store, specOf({ kind: 'none' }, over), 1);
    const expected = replay(pruner, curvesOf(store, none.id), { seed: 5, folds: 3 }).map((d) => d?.step ?? null);
    expect(expected.some((s) => s !== null && s > 8)).toBe(true); // some decisions fall in a later fold (rung 16)
    const pruned = await run(store, specOf(pruner, over), 1);
    expect(prunedSteps(store, pruned.id, pruned.trials)).toEqual(expected);
    store.close();
  });

  it('with two workers, every decision is consistent with the stored curves and the search ends at its budget', async () => {
    const store = freshStore();
    const r = await run(store, specOf({ kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 }, { budget: { trials: 40 } }), 2);
    expect(r.trials).toHaveLength(40);
    const curves = curvesOf(store, r.id);
    const pruned = r.trials.filter((t) => t.stop_reason === 'pruned');
    expect(pruned.length).toBeGreaterThan(10);
    for (const t of pruned) expect([1, 3, 9]).toContain(curves[t.number].length);
    for (const t of r.trials.filter((x) => x.stop_reason !== 'pruned')) expect(curves[t.number]).toHaveLength(20);
    store.close();
  });

  it('stores pruned as a status of its own: the CSV, knobs list and the best value (which ignores pruned trials) say so', async () => {
    const store = freshStore();
    const r = await run(store, specOf({ kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 }, { name: 'statuses' }), 1);
    const pruned = r.trials.filter((t) => t.stop_reason === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    expect(r.trials.filter((t) => t.status === 'pruned').map((t) => t.number)).toEqual(pruned.map((t) => t.number));
    expect(r.trials.filter((t) => t.status !== 'pruned').every((t) => t.status === 'complete' && t.stop_reason === 'max_epochs')).toBe(true);
    expect(store.trials.countByStatus(r.id)).toEqual({ complete: 30 - pruned.length, pruned: pruned.length });
    const full = r.trials.filter((t) => t.status === 'complete').map((t) => t.objective!);
    expect(store.trials.stats(r.id)).toMatchObject({ lo: Math.min(...full), hi: Math.max(...full) });
    const csv = parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(csv.filter((row) => row.status === 'pruned').map((row) => [Number(row.trial), row.stop_reason])).toEqual(pruned.map((t) => [t.number, 'pruned']));
    const path = store.path;
    store.close();
    const listed = spawnSync(process.execPath, [knobs, 'list', '--db', path], { encoding: 'utf8' });
    expect(listed.stderr).toBe('');
    const line = listed.stdout.split('\n').find((l) => l.includes('p / statuses'))!;
    expect(line).toContain(`30/30 trials (${30 - pruned.length} done · ${pruned.length} pruned)`);
    expect(line).toContain(`best val_loss ${Math.min(...full).toPrecision(4)}`);
  });

  it.each(['minimize', 'maximize'] as const)('stores why each trial was stopped (%s), and the contract says so with the epochs saved', async (direction) => {
    const store = freshStore();
    const objective = direction === 'minimize' ? { metric: 'val_loss' } : { metric: 'val_accuracy' };
    const r = await run(store, specOf({ kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 }, { name: `why-${direction}`, objective }), 1);
    const curves = curvesOf(store, r.id);
    const pruned = r.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    const accuracy: number[][] = [];
    for (const e of store.epochs.rows(r.id)) (accuracy[e.number] ??= []).push(e.val_accuracy ?? NaN);
    for (const t of pruned) {
      const p = JSON.parse(t.prune!) as PruneInfo;
      expect(p).toMatchObject({ rule: 'asha', step: curves[t.number].length, fold: 0, epoch: curves[t.number].length, lastStep: 20 });
      // In the objective's units: the trial's best value so far (for val_loss, its objective), worse than the worst value its rung kept.
      expect(p.value).toBeCloseTo(direction === 'minimize' ? t.objective! : Math.max(...accuracy[t.number]), 12);
      if (direction === 'minimize') expect(p.value).toBeGreaterThan(p.threshold);
      else expect(p.value).toBeLessThan(p.threshold);
      expect([1, 3, 9]).toContain(p.step);
      expect(p.rank!).toBeGreaterThan(p.keep!);
      expect(p.rank!).toBeLessThanOrEqual(p.compared);
    }
    expect(r.trials.filter((t) => t.status !== 'pruned').every((t) => t.prune === null)).toBe(true);
    const wb = new Workbench({ store, version: 'test', workers: 1 });
    const detail = (await wb.call('searches.get', { id: r.id })) as SearchDetail;
    const trained = curves.reduce((n, c) => n + c.length, 0);
    const cut = pruned.reduce((n, t) => n + 20 - curves[t.number].length, 0);
    expect(detail.pruning).toMatchObject({ kind: 'asha', rungs: [1, 3, 9], epochsTrained: trained, epochsUnpruned: trained + cut });
    expect(detail.pruning!.epochsUnpruned).toBe(30 * 20);
    const t = pruned[0];
    const summary = (await wb.call('trials.get', { searchId: r.id, number: t.number })) as TrialSummary;
    expect(summary.prune).toEqual(JSON.parse(t.prune!));
    const none = await run(store, specOf({ kind: 'none' }, { name: `none-${direction}`, objective }), 1);
    expect(((await wb.call('searches.get', { id: none.id })) as SearchDetail).pruning).toBeNull();
    await wb.shutdown();
    store.close();
  });

  it('paused and resumed with one worker, prunes exactly as the search run in one go', async () => {
    const store = freshStore();
    const pruner: PrunerSpec = { kind: 'median', startupTrials: 3, warmupEpochs: 2, interval: 1 };
    const whole = await run(store, specOf(pruner), 1);
    const { id } = createSearch(store, specOf(pruner));
    const first = new Study(store, id, { workers: 1 });
    let done = 0;
    first.on('trialFinished', () => ++done === 12 && first.pause());
    expect(await first.run()).toBe('paused');
    const stored = store.trials.list(id).filter((t) => t.status !== 'interrupted' && t.status !== 'queued' && t.status !== 'running');
    expect(stored.length).toBeGreaterThanOrEqual(12);
    expect(stored.length).toBeLessThan(30);
    await new Study(store, id, { workers: 1 }).run();
    const resumed = store.trials.list(id);
    expect(prunedSteps(store, id, resumed)).toEqual(prunedSteps(store, whole.id, whole.trials));
    store.close();
  });

  it('killed with SIGKILL and resumed, keeps every decision stored before the kill', async () => {
    const db = join(dir, 'killed.db');
    const file = join(dir, 'kill.json');
    writeFileSync(file, JSON.stringify(specOf({ kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 }, {
      name: 'kill-prune', dataset: { synthetic: 'spirals', n: 1200, noise: 0.2 }, train: { epochs: 30, hiddenLayers: [32, 32], optimizer: 'adam', batchSize: 8, earlyStopping: false }, budget: { trials: 40 },
    })));
    const child = spawn(process.execPath, [knobs, 'run', file, '--db', db, '--workers', '2', '--quiet'], { stdio: 'ignore' });
    const decided = (): { number: number; stop_reason: string; stopped_epoch: number; objective: number }[] => {
      const s = Store.open(db);
      try {
        return s.trials.list(s.searches.list()[0]?.id ?? -1).filter((t) => t.finished_at && t.status !== 'running' && t.status !== 'interrupted')
          .map((t) => ({ number: t.number, stop_reason: t.stop_reason!, stopped_epoch: t.stopped_epoch!, objective: t.objective! }));
      } finally {
        s.close();
      }
    };
    let before: ReturnType<typeof decided> = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && before.filter((t) => t.stop_reason === 'pruned').length < 5) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        before = decided();
      } catch {
        // the file is not there yet
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    before = decided();
    expect(before.filter((t) => t.stop_reason === 'pruned').length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(40);
    const r = spawnSync(process.execPath, [knobs, 'resume', 'kill-prune', '--db', db, '--workers', '2', '--quiet'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = new Map(decided().map((t) => [t.number, t]));
    expect(after.size).toBe(40);
    for (const t of before) expect(after.get(t.number)).toEqual(t);
  });
});
