// searches.compare (issue #15, item 4) through the renderer's api client over both transports
// (HTTP as `knobs serve` answers, Electron IPC as structured clones): trials in finishing order
// with their seconds from the first start, failed and diverged trials without a value, the best
// trial by each search's own direction with its full configuration, budgets, data set names, and
// a mismatch said in words when the objectives differ, and the same searches drawn by a metric they all report.
// Times are set by hand, so every figure is known.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChannel } from '../../src-core/api/channels';
import type { IpcAnswer, KnobsBridge } from '../../src-core/api/contract';
import { Workbench } from '../../src-core/service/workbench';
import { Store, type TrialOutcome } from '../../src-core/store/store';
import { answer } from '../../src-main/answer';
import { workText } from '../../src-main/cli/search';
import { serve, type Served } from '../../src-main/server/server';
import { ApiCallError, httpCall, ipcCall, type Call } from '../../src-renderer/src/model/client';

let dir: string;
let store: Store;
let wb: Workbench;
let served: Served;
const ids: Record<string, number> = {};

const outcome = (status: TrialOutcome['status'], objective: number | null): TrialOutcome => ({
  status, objective, bestEpoch: 1, stoppedEpoch: 1, stopReason: status === 'diverged' ? 'diverged' : 'max_epochs', trainLoss: 0.1, valLoss: objective,
  trainAccuracy: null, valAccuracy: objective, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 1, error: status === 'failed' ? 'worker threw' : null,
});

/** A search with trials [number, status, objective, start s, end s] at known times after 2026-01-01T00:00:00Z. */
function seed(project: string, name: string, spec: Record<string, unknown>, trials: [number, TrialOutcome['status'], number | null, number, number][], extra: (objective: number | null) => Partial<TrialOutcome> = () => ({})): number {
  const p = store.projects.ensure(project);
  const s = store.searches.create(p.id, name, { project, name, ...spec }, 10);
  const raw = new Database(store.path);
  const at = (sec: number): string => new Date(Date.UTC(2026, 0, 1) + sec * 1000).toISOString();
  for (const [n, status, objective, start, end] of trials) {
    const t = store.trials.start(s.id, n, 1, { lr: 0.001 * (n + 1) }, n);
    store.trials.finish(t.id, { ...outcome(status, objective), ...extra(objective) });
    raw.prepare('UPDATE trials SET started_at = ?, finished_at = ? WHERE id = ?').run(at(start), at(end), t.id);
  }
  raw.close();
  return s.id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-compare-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Knobs</title>');
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false });
  const space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
  // Finishing order differs from trial numbers: trial 2 ends first.
  ids.random = seed('alpha', 'random', { dataset: { builtin: 'digits' }, space, train: { optimizer: 'sgd', hiddenLayers: [32] }, budget: { trials: 4 } }, [
    [0, 'complete', 0.5, 0, 10], [1, 'diverged', null, 0, 4], [2, 'complete', 0.3, 5, 8], [3, 'failed', null, 10, 11],
  ]);
  ids.grid = seed('beta', 'grid', { dataset: { synthetic: 'moons', n: 500 }, space, strategy: { kind: 'grid', points: 3 }, budget: { seconds: 60, noImprovement: 5 } }, [
    [0, 'complete', 0.2, 100, 130], [1, 'early_stopped', 0.25, 100, 120], [2, 'interrupted', null, 130, 131],
  ]);
  ids.accuracy = seed('beta', 'accuracy', { dataset: { builtin: 'iris' }, space, objective: { metric: 'val_accuracy' } }, [
    [0, 'complete', 0.8, 0, 1], [1, 'complete', 0.9, 1, 2],
  ]);
  // Paused for an hour after its first trial: 30 s of running time over an hour of wall time.
  ids.paused = seed('alpha', 'paused', { dataset: { builtin: 'digits' }, space }, [
    [0, 'complete', 0.4, 0, 10], [1, 'complete', 0.35, 3600, 3610], [2, 'complete', 0.3, 3605, 3620],
  ]);
  ids.empty = seed('alpha', 'nothing yet', { dataset: { builtin: 'wine' }, space }, []);
  // On digits as "random" and "paused" are, but 5-fold with another seed: other validation rows.
  ids.folds = seed('alpha', 'folds', { dataset: { builtin: 'digits' }, space, split: { kind: 'kfold', k: 5 }, seed: 3 }, [[0, 'complete', 0.45, 0, 10]]);
  // Three trials tie at accuracy 1; trial 0 ran first but ended last.
  ids.ties = seed('beta', 'ties', { dataset: { builtin: 'iris' }, space, objective: { metric: 'val_accuracy' } }, [
    [0, 'complete', 1, 0, 9], [1, 'complete', 1, 1, 2], [2, 'complete', 1, 2, 3], [3, 'complete', 0.9, 3, 4],
  ]);
  // Class-weighted, on balanced accuracy: its loss is weighted (not comparable with a plain one's), its accuracy is.
  ids.weighted = seed('beta', 'weighted', { dataset: { builtin: 'iris' }, space, train: { classWeights: 'balanced' }, objective: { metric: 'val_balanced_accuracy' } }, [
    [0, 'complete', 0.95, 0, 1], [1, 'complete', 0.85, 1, 2],
  ], (o) => ({ valBalancedAccuracy: o, valAccuracy: o === 0.95 ? 0.7 : 0.75 }));
  // Both on val_loss, but one class-weighted (a weighted loss), and two regressions, one trained on ln(1 + target).
  ids.plainLoss = seed('gamma', 'plain loss', { dataset: { builtin: 'iris' }, space }, [[0, 'complete', 0.3, 0, 1]]);
  ids.weightedLoss = seed('gamma', 'weighted loss', { dataset: { builtin: 'iris' }, space, train: { classWeights: 'balanced' } }, [[0, 'complete', 0.4, 0, 1]]);
  const sine = { synthetic: 'sine', n: 200 };
  ids.zscore = seed('gamma', 'zscore', { dataset: sine, space, targetPreprocess: 'zscore' }, [[0, 'complete', 0.2, 0, 1]], () => ({ valAccuracy: null, valRmse: 0.3, valMae: 0.2, valR2: 0.8 }));
  ids.log = seed('gamma', 'log', { dataset: sine, space, targetPreprocess: 'log' }, [[0, 'complete', 0.05, 0, 1]], () => ({ valAccuracy: null, valRmse: 0.35, valMae: 0.25, valR2: 0.75 }));
  served = await serve(wb, { host: '127.0.0.1', port: 0, staticDir: dir });
});
afterAll(async () => {
  await served.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const bridge: Pick<KnobsBridge, 'call'> = {
  call: async (channel, input) => {
    if (!isChannel(channel)) return { ok: false, error: `Unknown request "${String(channel)}"`, kind: 'bad-input', issues: [] };
    return structuredClone(await answer(wb, channel, structuredClone(input), () => {})) as IpcAnswer<never>;
  },
};
const transports: [string, () => Call][] = [
  ['HTTP (knobs serve)', () => httpCall(`http://127.0.0.1:${(served.server.address() as { port: number }).port}/`, served.token)],
  ['Electron IPC', () => ipcCall(bridge)],
];

describe.each(transports)('searches.compare over %s', (_name, make) => {
  it('gives each search its ended trials in finishing order, seconds from its first start, and its best trial', async () => {
    const c = await make()('searches.compare', { ids: [ids.random, ids.grid] });
    expect(c.mismatch).toBeNull();
    // One objective on two data sets: drawn together, and said.
    expect(c.otherData).toBe('These searches train on different data sets (random: digits; grid: moons (synthetic, 500 rows)): their values share the axes below, but each measures its own problem.');
    const same = await make()('searches.compare', { ids: [ids.random, ids.paused] });
    expect([same.otherData, same.otherRows]).toEqual([null, null]);
    // One data set, other rows held out: each best is measured on its own rows, and that is said.
    const folds = await make()('searches.compare', { ids: [ids.random, ids.folds] });
    expect(folds.otherData).toBeNull();
    expect(folds.otherRows).toBe('These searches hold out different validation rows (their splits and seeds differ: random: hold-out 0.2, test 0.2, seed 0; folds: 5-fold, test 0.2, seed 3): ' +
      'each best is measured on its own rows, and a split that drew easier rows flatters its search. To rank them, run them on one split (the same "split" and "seed").');
    // Different data sets: that is said instead.
    expect(c.otherRows).toBeNull();
    const [r, g] = c.searches;
    expect(r.summary).toMatchObject({ id: ids.random, name: 'random', project: 'alpha', metric: 'val_loss', direction: 'minimize', strategy: 'random' });
    expect(r.trials).toEqual([
      { number: 1, status: 'diverged', objective: null, seconds: 4 },
      { number: 2, status: 'complete', objective: 0.3, seconds: 8 },
      { number: 0, status: 'complete', objective: 0.5, seconds: 10 },
      { number: 3, status: 'failed', objective: null, seconds: 11 },
    ]);
    expect(r.wallSeconds).toBe(11);
    expect(r.runningSeconds).toBe(11);
    expect(r.summary.dataset).toBe('digits');
    expect(r.budget).toEqual({ trials: 4, seconds: null, noImprovement: null });
    expect(r.best).toMatchObject({ number: 2, objective: 0.3, knobs: { lr: 0.003 } });
    expect(r.best!.config).toMatchObject({ lr: 0.003, optimizer: 'sgd', hiddenLayers: [32] });
    // The interrupted trial did not end: it is not drawn.
    expect(g.trials).toEqual([
      { number: 1, status: 'early_stopped', objective: 0.25, seconds: 20 },
      { number: 0, status: 'complete', objective: 0.2, seconds: 30 },
    ]);
    expect(g.summary.dataset).toBe('moons (synthetic, 500 rows)');
    expect(g.budget).toEqual({ trials: null, seconds: 60, noImprovement: 5 });
    expect(g.best).toMatchObject({ number: 0, objective: 0.2 });
    // Every setting of each spec but those shown in rows of their own, by key path; a knob's range in words. These specs were
    // stored without targetPreprocess, as an older Knobs stored them: read as "none", the way such a search trained.
    expect(r.settings).toMatchObject({ 'dataset.builtin': 'digits', 'space.lr': '1e-4 to 1, log', 'train.optimizer': 'sgd', 'train.hiddenLayers': [32], 'strategy.kind': 'random', targetPreprocess: 'none', preprocess: 'zscore' });
    expect(g.settings).toMatchObject({ 'dataset.synthetic': 'moons', 'dataset.n': 500, 'space.lr': '1e-4 to 1, log', 'strategy.kind': 'grid', 'strategy.points': 3 });
    for (const key of Object.keys({ ...r.settings, ...g.settings })) expect(key).not.toMatch(/^(project|name|budget|objective)(\.|$)/);
    expect(g.settings['train.optimizer']).toBeUndefined();
  });

  it('counts a search\'s running time without its pauses: each trial at the seconds in which some trial ran before its end', async () => {
    const [p] = (await make()('searches.compare', { ids: [ids.paused, ids.random] })).searches;
    // Ran 0–10 s, then (after an hour's pause) 3600–3620 s: trial 1 ends 10 s into the second stretch, trial 2 20 s into it.
    expect(p.trials.map((t) => [t.number, t.seconds])).toEqual([[0, 10], [1, 20], [2, 30]]);
    expect(p.wallSeconds).toBe(3620);
    expect(p.runningSeconds).toBe(30);
  });

  it('knobs run ends by saying the same of a search: its trials\' time, its running time and how busy the workers were', () => {
    // Trials of 10, 10 and 15 s (35 s in all) in 30 s of running time: on 2 workers, 35 / 60 = 58% busy.
    expect(workText(store, ids.paused, 2)).toBe('3 trials ran 35 s in all over 30 s of running time: the 2 workers were busy 58% of it');
    expect(workText(store, ids.paused, 1)).toBe('3 trials ran 35 s in all over 30 s of running time: the worker was busy 100% of it');
    expect(workText(store, ids.empty, 2)).toBeNull();
  });

  it('a maximized objective picks the largest; different objectives are said, not drawn on one axis', async () => {
    const c = await make()('searches.compare', { ids: [ids.accuracy, ids.random, ids.empty] });
    expect(c.searches[0].best).toMatchObject({ number: 1, objective: 0.9 });
    // A tie, as the dashboard ranks it (by number), not the first to end.
    const t = await make()('searches.compare', { ids: [ids.accuracy, ids.ties] });
    expect(t.searches[1].best).toMatchObject({ number: 0, objective: 1 });
    expect(c.searches[2]).toMatchObject({ trials: [], wallSeconds: null, runningSeconds: null, best: null });
    expect(c.metric).toBeNull();
    // "nothing yet" has no trial: it offers its objective alone.
    expect(c.comparable).toEqual(['val_loss']);
    expect(c.mismatch).toBe('These searches optimize different objectives (accuracy: val_accuracy, maximized; random: val_loss, minimized; nothing yet: val_loss, minimized), so their values cannot share an axis; compare them by a metric they all report (val_loss), or read the budgets and configurations below.');
    // Different objectives already say their values are not drawn together: no second note.
    expect(c.otherData).toBeNull();
  });

  it('draws searches with different objectives by a metric they all report, each best re-ranked by it; a weighted loss is not offered beside a plain one', async () => {
    const call = make();
    const byAcc = await call('searches.compare', { ids: [ids.weighted, ids.random], metric: 'val_accuracy' });
    expect(byAcc.metric).toEqual({ metric: 'val_accuracy', direction: 'maximize' });
    // The weighted search ranks trial 0 first (balanced accuracy 0.95), but by accuracy its best is trial 1 (0.75 against 0.7).
    expect(byAcc.searches[0].best).toMatchObject({ number: 1, objective: 0.75 });
    expect(byAcc.searches[0].trials.map((t) => t.objective)).toEqual([0.7, 0.75]);
    // random's values, in the order its trials ended: their val_accuracy (a failed or diverged trial still has none).
    expect(byAcc.searches[1].trials.map((t) => t.objective)).toEqual([null, 0.3, 0.5, null]);
    expect(byAcc.searches[1].best).toMatchObject({ number: 0, objective: 0.5 });
    expect(byAcc.mismatch).toBeNull();
    expect(byAcc.basisNote).toBe('Compared by val_accuracy, which none of them optimizes: each trial\'s val_accuracy at the epoch its own search kept, and each search\'s best is its best by val_accuracy, which need not be the trial it ranks first.');
    expect(byAcc.otherData).toMatch(/^These searches train on different data sets \(weighted: iris; random: digits\)/);
    // The weighted loss differs in kind from random's plain one: only the accuracy is offered.
    expect(byAcc.comparable).toEqual(['val_accuracy']);
    const both = await call('searches.compare', { ids: [ids.accuracy, ids.ties], metric: 'val_loss' });
    expect(both.basisNote).toBe('Compared by val_loss, which none of them optimizes: each trial\'s val_loss at the epoch its own search kept, and each search\'s best is its best by val_loss, which need not be the trial it ranks first.');
    const same = await call('searches.compare', { ids: [ids.accuracy, ids.ties] });
    expect([same.metric, same.basisNote, same.comparable]).toEqual([{ metric: 'val_accuracy', direction: 'maximize' }, null, ['val_loss', 'val_accuracy', 'train_loss']]);
    const bad = await call('searches.compare', { ids: [ids.weighted, ids.random], metric: 'val_loss' }).then(() => null, (x: unknown) => x as ApiCallError);
    expect(bad).toBeInstanceOf(ApiCallError);
    expect(bad!.message).toBe('Cannot compare by val_loss: not every one of these searches reports "val_loss" on equal terms; they can be compared by "val_accuracy"');
  });

  it('one objective computed on other terms (another scaling of the target, other class weights) is no shared axis: said, and the metrics that are offered', async () => {
    const call = make();
    // The log search's val_loss (0.05) is on ln(1 + target): it would have ranked first for that alone.
    const scaled = await call('searches.compare', { ids: [ids.zscore, ids.log] });
    expect([scaled.metric, scaled.comparable]).toEqual([null, ['val_rmse', 'val_mae', 'val_r2']]);
    expect(scaled.mismatch).toBe('These searches all optimize val_loss, but each computes it on its own scaling of the target (targetPreprocess zscore, log), so their values cannot share an axis; ' +
      'compare them by a metric they all report (val_rmse, val_mae, val_r2), or read the budgets and configurations below.');
    expect((await call('searches.compare', { ids: [ids.zscore, ids.log], metric: 'val_rmse' })).searches.map((c) => c.best?.objective)).toEqual([0.3, 0.35]);
    const weighted = await call('searches.compare', { ids: [ids.plainLoss, ids.weightedLoss] });
    expect(weighted.metric).toBeNull();
    expect(weighted.mismatch).toMatch(/^These searches all optimize val_loss, but each computes it with its own class weights \(none, balanced\), so their values cannot share an axis; compare them by a metric they all report \(val_accuracy/);
  });

  it('refuses fewer than 2, more than 6, repeated and missing searches, naming what is wrong', async () => {
    const call = make();
    const refused = async (input: unknown): Promise<ApiCallError> => {
      const e = await call('searches.compare', input as { ids: number[] }).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(ApiCallError);
      return e as ApiCallError;
    };
    expect((await refused({ ids: [ids.random] })).issues).toEqual([{ path: 'ids', message: 'pick at least 2 searches to compare' }]);
    expect((await refused({ ids: [1, 2, 3, 4, 5, 6, 7] })).issues).toEqual([{ path: 'ids', message: 'compare at most 6 searches at once' }]);
    expect((await refused({ ids: [ids.random, ids.random] })).issues).toEqual([{ path: 'ids', message: 'each search once' }]);
    const missing = await refused({ ids: [ids.random, 999] });
    expect([missing.kind, missing.message]).toEqual(['not-found', 'No search 999']);
  });
});
