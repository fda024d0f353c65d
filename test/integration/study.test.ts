import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createStrategy, type FinishedTrial, type Strategy } from '../../src-core/search';
import { createSearch, Study } from '../../src-core/search/study';
import { historyOf } from '../../src-core/service/analysis';
import { parseSpec } from '../../src-core/spec/spec';
import { curvesCsv, DIAGNOSTIC_COLUMNS, diagnosticsCsv, trialsCsv } from '../../src-core/service/export';
import { MIGRATIONS } from '../../src-core/store/migrations';
import { migrate, SCHEMA_VERSION, Store, StoreError } from '../../src-core/store/store';

const dir = mkdtempSync(join(tmpdir(), 'knobs-study-'));
let n = 0;
const freshStore = (): Store => Store.open(join(dir, `s${n++}.db`));

const baseSpec = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  project: 'p',
  name: 's',
  dataset: { synthetic: 'moons', n: 300, noise: 0.15 },
  train: { epochs: 4, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false },
  space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32 } },
  strategy: { kind: 'random' },
  budget: { trials: 6 },
  seed: 11,
  ...over,
});

async function runSearch(store: Store, spec: Record<string, unknown>, workers = 1, setup?: (s: Study) => void, faults?: Record<number, 'throw' | 'exit' | 'oom'>) {
  const { id } = createSearch(store, spec);
  const study = new Study(store, id, { workers, faults });
  setup?.(study);
  const status = await study.run();
  return { id, status, trials: store.trials.list(id) };
}

describe('a search over real worker threads and a real SQLite file', () => {
  it('runs the budget, stores every epoch, and is reproducible with one worker', async () => {
    const store = freshStore();
    const a = await runSearch(store, baseSpec());
    const b = await runSearch(store, baseSpec());
    expect(a.status).toBe('complete');
    expect(a.trials).toHaveLength(6);
    expect(a.trials.every((t) => t.status === 'complete')).toBe(true);
    expect(store.epochs.rows(a.id)).toHaveLength(6 * 4);
    expect(a.trials.map((t) => [t.knobs, t.objective, t.seed])).toEqual(b.trials.map((t) => [t.knobs, t.objective, t.seed]));
    expect(store.searches.get(a.id)?.stop_reason).toBe('budget of 6 trials reached');
    store.close();
  });

  it('gives the same knobs and results with two workers (coarse-to-fine rounds wait for each other)', async () => {
    const store = freshStore();
    const spec = baseSpec({ strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 4, keepTop: 2 }, budget: {} });
    const one = await runSearch(store, spec, 1);
    const two = await runSearch(store, spec, 2);
    expect(two.trials).toHaveLength(8);
    expect(two.trials.map((t) => [t.round, t.knobs, t.objective])).toEqual(one.trials.map((t) => [t.round, t.knobs, t.objective]));
    const rounds = store.rounds.list(two.id);
    expect(rounds.map((r) => r.round)).toEqual([1, 2]);
    store.close();
  });

  it('TPE with one worker: the same spec gives the same trials, and a paused search resumed gives the trials of an uninterrupted one', async () => {
    const store = freshStore();
    const spec = baseSpec({ strategy: { kind: 'tpe', startupTrials: 4 }, budget: { trials: 12 }, train: { epochs: 6, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false } });
    const a = await runSearch(store, spec);
    const b = await runSearch(store, spec);
    const knobsOf = (r: { trials: { knobs: string; objective: number | null; seed: number }[] }) => r.trials.map((t) => [t.knobs, t.objective, t.seed]);
    expect(a.trials).toHaveLength(12);
    expect(knobsOf(b)).toEqual(knobsOf(a));
    expect(new Set(a.trials.map((t) => t.knobs)).size).toBe(12);
    const paused = await runSearch(store, spec, 1, (s) => s.on('trialStarted', (e) => e.number === 7 && s.pause()));
    expect(paused.status).toBe('paused');
    expect(paused.trials.length).toBeLessThan(12);
    expect(await new Study(store, paused.id, { workers: 1 }).run()).toBe('complete');
    expect(knobsOf({ trials: store.trials.list(paused.id) })).toEqual(knobsOf(a));
    store.close();
  });

  it('TPE sees a diverged trial as diverged, live and from the store: in the bad group, where failed trials are in neither', async () => {
    const store = freshStore();
    // Plain SGD with learning rates up to 10³ on moons: the top decades blow up.
    const spec = baseSpec({ strategy: { kind: 'tpe', startupTrials: 6 }, budget: { trials: 14 }, space: { lr: { type: 'float', low: 1e-3, high: 1e3, log: true } }, train: { epochs: 6, hiddenLayers: [8], optimizer: 'sgd', batchSize: 32, earlyStopping: false } });
    const seen: FinishedTrial[] = [];
    const r = await runSearch(store, spec, 1, (s) => {
      const strategy = (s as unknown as { strategy: Strategy }).strategy;
      strategy.trialFinished = (t) => void seen.push(t);
    });
    const diverged = r.trials.filter((t) => t.status === 'diverged').map((t) => t.number);
    expect(diverged.length, 'some trials diverged').toBeGreaterThan(0);
    expect(seen.filter((t) => t.state === 'diverged').map((t) => t.number).sort((a, b) => a - b)).toEqual(diverged);
    const history = historyOf(r.trials, false);
    expect(history.finished.map((t) => [t.number, t.state]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(seen.map((t) => [t.number, t.state]).sort((a, b) => (a[0] as number) - (b[0] as number)));
    const view = createStrategy(parseSpec(spec)).densities!(history)!;
    expect(view.diverged).toBe(diverged.length);
    expect(view.trials).toBe(14);
    expect(view.good + view.bad).toBe(14);
    expect(view.leftOut).toBe(0);
    store.close();
  });

  it('stops after N trials without improvement', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec({ budget: { trials: 50, noImprovement: 2 } }));
    expect(r.trials.length).toBeLessThan(50);
    expect(store.searches.get(r.id)?.stop_reason).toBe('no improvement in 2 trials');
    store.close();
  });

  it('stops at the wall-time budget', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec({ budget: { trials: 10_000, seconds: 1.5 }, train: { epochs: 20, hiddenLayers: [8], earlyStopping: false } }), 2);
    expect(r.trials.length).toBeLessThan(10_000);
    expect(store.searches.get(r.id)?.stop_reason).toMatch(/time budget of 1.5 s reached/);
    store.close();
  });

  it('ends at the wall-time budget while a long trial runs, not when that trial ends: the trial is cancelled with the epochs it trained', async () => {
    const store = freshStore();
    // One trial of 100,000 epochs would run for minutes; the budget is 1 s.
    const t0 = performance.now();
    const r = await runSearch(store, baseSpec({ budget: { trials: 3, seconds: 1 }, train: { epochs: 100_000, hiddenLayers: [16], earlyStopping: false } }), 1);
    const seconds = (performance.now() - t0) / 1000;
    expect(store.searches.get(r.id)?.stop_reason).toBe('time budget of 1 s reached');
    expect(r.trials[0].status).toBe('cancelled');
    expect(store.epochs.count(r.id)).toBeGreaterThan(0);
    // Well under the minutes the trial would take (a bound on a hang, with room for a loaded machine).
    expect(seconds).toBeLessThan(20);
    store.close();
  });

  it('a trial no worker had started when the time budget ran out never ran: the complete search drops it (nothing could run it), with no event, and the CSV has only the trial that ran', async () => {
    const store = freshStore();
    const ended: number[] = [];
    const states: string[][] = [];
    // Each trial's end, and what the store holds then (the last: just before the search is marked complete).
    const r = await runSearch(store, baseSpec({ budget: { trials: 3, seconds: 1 }, train: { epochs: 100_000, hiddenLayers: [16], earlyStopping: false } }), 1, (s) => s.on('trialFinished', (e) => {
      ended.push(e.number);
      states.push(store.trials.list(e.searchId).map((t) => `${t.number} ${t.status}`));
    }));
    expect(r.status).toBe('complete');
    // One worker: trial 0 trained until the budget ran out; trial 1 had been sent ahead to the same worker and waited behind it.
    expect(states.at(-1)).toEqual(['0 cancelled', '1 queued']);
    expect(r.trials.map((t) => [t.number, t.status])).toEqual([[0, 'cancelled']]);
    expect(store.epochs.ofTrial(r.trials[0].id).length).toBeGreaterThan(0);
    expect(ended).toEqual([0]);
    expect(store.trials.countByStatus(r.id)).toEqual({ cancelled: 1 });
    const rows = parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.trial, row.status])).toEqual([['0', 'cancelled']]);
    store.close();
  });

  it('a trial queued behind a long one while the other worker ran later numbers leaves a gap when the time budget ends: the stop reason names it', async () => {
    const store = freshStore();
    // A grid, the last knob fastest: even trials train for minutes, odd ones for 2 epochs. Each worker
    // ends stuck in a long trial with the next one sent ahead behind it. With both workers ready at once,
    // worker 1 takes 0 (long) with 2 behind it while worker 2 runs 1, 3, then 4 (long): 2 never starts.
    // With worker 2 ready late, worker 1 holds 0 and 1, and worker 2 gets 2 (long) and 3: 1 never starts.
    const spec = baseSpec({
      strategy: { kind: 'grid' },
      space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, epochs: { type: 'categorical', values: [100_000, 2] } },
      budget: { seconds: 3 },
      train: { hiddenLayers: [8], earlyStopping: false },
    });
    const r = await runSearch(store, spec, 2);
    expect(r.status).toBe('complete');
    const numbers = r.trials.map((t) => t.number);
    const gaps = Array.from({ length: Math.max(...numbers) }, (_, i) => i).filter((n) => !numbers.includes(n));
    expect(gaps.length).toBe(1);
    expect([[1], [2]]).toContainEqual(gaps);
    expect(store.searches.get(r.id)?.stop_reason).toBe(`time budget of 3 s reached; trial ${gaps[0]} was queued behind a running trial and never ran`);
    store.close();
  });

  it('stop and pause leave a trial no worker had started queued, as the time budget does (not cancelled or interrupted: it was not cut short)', async () => {
    const store = freshStore();
    const long = baseSpec({ train: { epochs: 100_000, hiddenLayers: [16], earlyStopping: false }, budget: { trials: 3 } });
    const stopped = await runSearch(store, long, 1, (s) => s.once('epoch', () => s.stop()));
    expect(stopped.status).toBe('cancelled');
    expect(stopped.trials.map((t) => [t.number, t.status, t.error])).toEqual([[0, 'cancelled', null], [1, 'queued', null]]);
    const paused = await runSearch(store, long, 1, (s) => s.once('epoch', () => s.pause()));
    expect(paused.status).toBe('paused');
    expect(paused.trials.map((t) => [t.number, t.status, t.error])).toEqual([[0, 'interrupted', null], [1, 'queued', null]]);
    for (const r of [stopped, paused]) {
      expect(store.epochs.ofTrial(r.trials[1].id)).toEqual([]);
      expect((parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[]).map((row) => row.trial)).toEqual(['0']);
    }
    store.close();
  });

  it('a worker that throws, dies or fails to allocate fails its own trial only; the search goes on', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec(), 2, undefined, { 1: 'throw', 3: 'exit', 4: 'oom' });
    expect(r.status).toBe('complete');
    const byNumber = Object.fromEntries(r.trials.map((t) => [t.number, t]));
    expect(byNumber[1].status).toBe('failed');
    expect(byNumber[1].error).toMatch(/injected fault/);
    expect(byNumber[3].status).toBe('failed');
    expect(byNumber[3].error).toMatch(/exited with code 3/);
    expect(byNumber[4].status).toBe('failed');
    expect([0, 2, 5].every((i) => byNumber[i].status === 'complete')).toBe(true);
    store.close();
  });

  it('the trials CSV gives a failed trial\'s error in its last column, "error" (empty for the others)', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec({ budget: { trials: 3 } }), 1, undefined, { 1: 'throw' });
    const rows = parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]).at(-1)).toBe('error');
    expect(rows.map((row) => [row.status, row.error])).toEqual([['complete', ''], ['failed', r.trials[1].error], ['complete', '']]);
    expect(rows[1].error).toMatch(/injected fault: the worker threw/);
    store.close();
  });

  it('stop cancels running trials; pause interrupts them and resume finishes the budget', async () => {
    const store = freshStore();
    const long = baseSpec({ train: { epochs: 100_000, hiddenLayers: [32], earlyStopping: false }, budget: { trials: 4 } });
    const stopped = await runSearch(store, long, 2, (s) => s.once('epoch', () => s.stop()));
    expect(stopped.status).toBe('cancelled');
    expect(stopped.trials.some((t) => t.status === 'cancelled')).toBe(true);
    // The trials that had started are cancelled (with the epochs they trained, if any); those still waiting for a worker stay queued, with nothing.
    for (const t of stopped.trials) {
      expect([t.status, t.stop_reason, t.error]).toEqual(t.status === 'queued' ? ['queued', null, null] : ['cancelled', 'cancelled', null]);
      if (t.status === 'queued') expect(store.epochs.ofTrial(t.id)).toEqual([]);
    }

    const spec = baseSpec({ train: { epochs: 300, hiddenLayers: [16], earlyStopping: false }, budget: { trials: 4 } });
    const paused = await runSearch(store, spec, 2, (s) => s.once('epoch', () => s.pause()));
    expect(paused.status).toBe('paused');
    // Cut short (interrupted) or not started yet (queued: at least the trials sent ahead behind the first ones); a pause cancels none.
    expect(paused.trials.filter((t) => t.status === 'interrupted' || t.status === 'queued').length).toBeGreaterThan(0);
    expect(paused.trials.filter((t) => t.status === 'cancelled')).toEqual([]);
    const resumed = await new Study(store, paused.id, { workers: 2 }).run();
    expect(resumed).toBe('complete');
    const after = store.trials.list(paused.id);
    expect(after).toHaveLength(4);
    expect(after.map((t) => t.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(store.epochs.rows(paused.id)).toHaveLength(4 * 300);
    store.close();
  });

  it('a stopped search resumes: its cancelled trials (and those not started yet) run again with their knobs and seed, then the rest of the budget', async () => {
    const store = freshStore();
    const spec = baseSpec({ train: { epochs: 300, hiddenLayers: [16], earlyStopping: false }, budget: { trials: 4 } });
    const stopped = await runSearch(store, spec, 2, (s) => s.once('epoch', () => s.stop()));
    expect(stopped.status).toBe('cancelled');
    const cut = stopped.trials.filter((t) => t.status === 'cancelled' || t.status === 'queued').map((t) => [t.number, t.knobs, t.seed]);
    expect(cut.length).toBeGreaterThan(0);
    expect(await new Study(store, stopped.id, { workers: 2 }).run()).toBe('complete');
    const after = store.trials.list(stopped.id);
    expect(after.map((t) => t.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(after.filter((t) => cut.some(([n]) => n === t.number)).map((t) => [t.number, t.knobs, t.seed])).toEqual(cut);
    expect(store.epochs.rows(stopped.id)).toHaveLength(4 * 300);
    store.close();
  });

  it('exports CSVs that round-trip through a CSV parser with the README\'s columns', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec({ space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, optimizer: { type: 'categorical', values: ['sgd', 'adam'] } }, diagnostics: { every: 2 } }));
    const rows = parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['trial', 'round', 'status', 'param_lr', 'param_optimizer', 'objective', 'best_epoch', 'stopped_epoch', 'stop_reason',
      'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'duration_s', 'started_at', 'finished_at', 'seed', 'notes', 'error']);
    expect(rows).toHaveLength(6);
    expect(Number(rows[0].param_lr)).toBe(JSON.parse(r.trials[0].knobs).lr);
    expect(Number(rows[2].objective)).toBe(r.trials[2].objective);
    // When each trial ran, as stored: started before it finished, both ISO 8601 in UTC.
    expect(rows.map((row) => [row.started_at, row.finished_at])).toEqual(r.trials.map((t) => [t.started_at, t.finished_at]));
    for (const row of rows) {
      expect(row.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(row.finished_at)).toBeGreaterThanOrEqual(Date.parse(row.started_at));
      // How long it trained, to the microsecond (no timer noise such as 0.0010085640000000353).
      expect(row.duration_s).toMatch(/^\d+(\.\d{1,6})?$/);
    }
    const curves = parse(curvesCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(Object.keys(curves[0])).toEqual(['trial', 'fold', 'epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'lr']);
    expect(curves).toHaveLength(24);
    const diag = parse(diagnosticsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    expect(Object.keys(diag[0])).toEqual([...DIAGNOSTIC_COLUMNS]);
    expect(diag).toHaveLength(6 * 3 * 2);
    expect(new Set(diag.map((d) => d.epoch))).toEqual(new Set(['0', '2', '4']));
    expect(JSON.parse(diag[0].post_histogram).counts).toHaveLength(30);
    store.close();
  });

  it('a regression search exports its RMSE, MAE and R² (trials at the best epoch, and every epoch), accuracy left empty', async () => {
    const store = freshStore();
    const r = await runSearch(store, baseSpec({ dataset: { synthetic: 'sine', n: 200, noise: 0.1 }, objective: { metric: 'val_r2' } }));
    const rows = parse(trialsCsv(store, r.id), { columns: true }) as Record<string, string>[];
    for (const [row, t] of rows.map((row, i) => [row, r.trials[i]] as const)) {
      expect([Number(row.val_rmse), Number(row.val_mae), Number(row.val_r2)]).toEqual([t.val_rmse, t.val_mae, t.val_r2]);
      expect(Number(row.objective)).toBe(t.val_r2);
      expect(row.val_accuracy).toBe('');
    }
    const curves = parse(curvesCsv(store, r.id), { columns: true }) as Record<string, string>[];
    const epochs = store.epochs.rows(r.id);
    expect(curves.map((c) => [Number(c.val_rmse), Number(c.val_mae), Number(c.val_r2)])).toEqual(epochs.map((e) => [e.val_rmse, e.val_mae, e.val_r2]));
    expect(curves.every((c) => c.val_accuracy === '' && Number(c.val_rmse) > 0)).toBe(true);
    store.close();
  });
});

describe('the store', () => {
  it('migrates a database from the first schema, keeping its rows', () => {
    const path = join(dir, 'v1.db');
    const db = new Database(path);
    migrate(db, 1);
    db.prepare(`INSERT INTO projects (name, created_at) VALUES ('old', '2026-01-01')`).run();
    db.close();
    const store = Store.open(path);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(store.projects.list().map((p) => p.name)).toEqual(['old']);
    store.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare(`SELECT archived FROM searches`).all()).toEqual([]);
    after.close();
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
  });

  it('migrates epoch rows of schema 2 to packed chunks with the same values, and keeps diagnostics', () => {
    const path = join(dir, 'v2.db');
    const db = new Database(path);
    migrate(db, 2);
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES (1, 'p', '2026-01-01');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at) VALUES (1, 1, 's', '{}', 'complete', 2, '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed) VALUES (7, 1, 0, 1, 'complete', '{}', 1), (8, 1, 1, 1, 'diverged', '{}', 2);`);
    const insert = db.prepare(`INSERT INTO epochs (trial_id, fold, epoch, train_loss, val_loss, penalty, train_accuracy, val_accuracy, val_rmse, val_mae, val_r2, lr, grad_norms, seconds)
      VALUES (?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, NULL, 0.01, ?, 0.5)`);
    const old: [number, number, number, number | null, number, number | null][] = [
      [7, 0, 1, 0.9, 0.95, 0.5], [7, 0, 2, 0.7, 0.8, 0.6], [7, 1, 1, 0.91, 0.97, 0.4], [8, 0, 1, 2.5, 3, null], [8, 0, 2, null, 1e9, null],
    ];
    for (const [t, f, e, tl, vl, va] of old) insert.run(t, f, e, tl, vl, va === null ? null : va - 0.05, va, JSON.stringify([e, null]));
    db.prepare(`INSERT INTO diagnostics (trial_id, fold, epoch, layers) VALUES (7, 0, 0, '[{"name":"x"}]')`).run();
    db.close();
    const store = Store.open(path);
    const rows = store.epochs.rows(1);
    expect(rows.map((r) => [r.trial_id, r.fold, r.epoch, r.train_loss, r.val_loss, r.val_accuracy])).toEqual(old.map(([t, f, e, tl, vl, va]) => [t, f, e, tl, vl, va]));
    expect(rows.map((r) => [r.number, r.lr, r.seconds, r.grad_norms])).toEqual(old.map(([t, , e]) => [t - 7, 0.01, 0.5, JSON.stringify([e, null])]));
    expect(store.epochs.ofTrial(7).map((c) => [c.fold, c.first, c.n, c.layers])).toEqual([[0, 1, 2, 2], [1, 1, 1, 2]]);
    expect(store.diagnostics.ofSearch(1)).toEqual([{ number: 0, fold: 0, epoch: 0, layers: [{ name: 'x' }] }]);
    store.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare(`SELECT name FROM sqlite_schema WHERE name = 'epochs'`).all()).toEqual([]);
    after.close();
  });

  it('migrates trials of schema 5 stored as complete with stop reason pruned to the status pruned, and leaves the others', () => {
    const path = join(dir, 'v5.db');
    const db = new Database(path);
    migrate(db, 5);
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES (1, 'p', '2026-01-01');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at) VALUES (1, 1, 's', '{}', 'complete', 3, '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed, objective, stop_reason) VALUES
        (1, 1, 0, 1, 'complete', '{}', 1, 0.5, 'max_epochs'), (2, 1, 1, 1, 'complete', '{}', 2, 0.3, 'pruned'), (3, 1, 2, 1, 'early_stopped', '{}', 3, 0.4, 'early_stopping');`);
    db.close();
    const store = Store.open(path);
    expect(store.trials.list(1).map((t) => [t.number, t.status, t.stop_reason])).toEqual([[0, 'complete', 'max_epochs'], [1, 'pruned', 'pruned'], [2, 'early_stopped', 'early_stopping']]);
    expect(store.trials.countByStatus(1)).toEqual({ complete: 1, pruned: 1, early_stopped: 1 });
    expect(store.trials.stats(1)).toMatchObject({ lo: 0.4, hi: 0.5 });
    store.close();
  });

  it('migrates schema 10: a trial with no finite validation loss loses the best epoch older trainers stored (its stop epoch, or 0); the others keep theirs', () => {
    const path = join(dir, 'v10.db');
    const db = new Database(path);
    migrate(db, 10);
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES (1, 'p', '2026-01-01');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at) VALUES (1, 1, 's', '{}', 'complete', 5, '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed, objective, best_epoch, stopped_epoch, stop_reason, val_loss) VALUES
        (1, 1, 0, 1, 'complete', '{}', 1, 0.5, 7, 9, 'max_epochs', 0.5),
        (2, 1, 1, 1, 'diverged', '{}', 2, NULL, 1, 1, 'diverged', NULL),
        (3, 1, 2, 1, 'diverged', '{}', 3, NULL, 4, 6, 'diverged', 0.9),
        (4, 1, 3, 1, 'cancelled', '{}', 4, NULL, 0, 0, 'cancelled', NULL),
        (5, 1, 4, 1, 'failed', '{}', 5, NULL, 3, 3, 'error', NULL);`);
    db.close();
    const store = Store.open(path);
    expect(store.trials.list(1).map((t) => [t.number, t.best_epoch])).toEqual([[0, 7], [1, null], [2, 4], [3, null], [4, null]]);
    store.close();
  });

  it('migrates schema 9 to ids never given again: every row, link and index kept; a deleted search\'s or project\'s id is not reused', () => {
    const path = join(dir, 'v9.db');
    const db = new Database(path);
    migrate(db, 9);
    db.exec(`INSERT INTO projects (id, name, created_at, tags) VALUES (1, 'p', '2026-01-01', '["kept"]'), (2, 'q', '2026-01-02', '[]');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at, notes, runner_workers) VALUES (1, 1, 'parent', '{}', 'complete', 2, '2026-01-01', 'a note', 2);
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at, parent_id) VALUES (2, 1, 'child', '{}', 'complete', 1, '2026-01-01', 1), (3, 2, 'last', '{}', 'complete', 1, '2026-01-01', NULL);
      INSERT INTO rounds (search_id, round, box, created_at) VALUES (1, 1, '{}', '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed, objective) VALUES (1, 1, 0, 1, 'complete', '{}', 1, 0.5), (2, 1, 1, 1, 'complete', '{}', 2, 0.3), (3, 2, 0, 1, 'complete', '{}', 3, 0.4), (4, 3, 0, 1, 'complete', '{}', 4, 0.2);`);
    const schemaOf = (d: Database.Database): string[] => (d.prepare(`SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { type: string; name: string; tbl_name: string }[]).map((r) => `${r.type} ${r.name} on ${r.tbl_name}`);
    const before = schemaOf(db);
    // Columns later migrations add (searches.data_sha256, 12; trials.confusion, 13; trials.val_balanced_accuracy, 15) are not this migration's to keep.
    const later = ['data_sha256', 'confusion', 'val_balanced_accuracy'];
    const rowsOf = (d: Database.Database): unknown[] => ['projects', 'searches', 'rounds', 'trials'].map((t) =>
      (d.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !later.includes(k)))));
    const rows = rowsOf(db);
    db.close();
    const store = Store.open(path);
    store.close();
    const after = new Database(path);
    after.pragma('foreign_keys = ON');
    // A table a later migration adds (trial_predictions, 14) is not this migration's either.
    expect(schemaOf(after).filter((x) => x !== 'table trial_predictions on trial_predictions')).toEqual(before);
    expect(rowsOf(after)).toEqual(rows);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    for (const t of ['projects', 'searches']) expect((after.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(t) as { sql: string }).sql).toMatch(/^CREATE TABLE "?\w+"? \(\s*id INTEGER PRIMARY KEY AUTOINCREMENT,/);
    // The links still hold: deleting the parent leaves its child (parent_id set to null), deleting a search takes its trials and rounds.
    after.exec(`DELETE FROM searches WHERE id = 1`);
    expect(after.prepare(`SELECT parent_id FROM searches WHERE id = 2`).get()).toEqual({ parent_id: null });
    expect(after.prepare(`SELECT COUNT(*) AS n FROM trials WHERE search_id = 1`).get()).toEqual({ n: 0 });
    expect(after.prepare(`SELECT COUNT(*) AS n FROM rounds`).get()).toEqual({ n: 0 });
    after.close();
    // The newest search and project deleted: the next ones get new ids.
    const again = Store.open(path);
    again.searches.delete(3);
    again.projects.delete(2);
    const p = again.projects.ensure('r');
    expect(p.id).toBe(3);
    const { id } = createSearch(again, { project: 'r', dataset: { builtin: 'iris' } });
    expect(id).toBe(4);
    again.close();
  });

  it('refuses a database from a newer schema without touching it', async () => {
    const { readFileSync } = await import('node:fs');
    const path = join(dir, 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = readFileSync(path);
    expect(() => Store.open(path)).toThrow(StoreError);
    expect(() => Store.open(path)).toThrow(new RegExp(`written by a newer Knobs \\(schema ${SCHEMA_VERSION + 5}; this version knows up to ${SCHEMA_VERSION}\\)`));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses another program's SQLite database and a project bundle without adding a table to either", async () => {
    const { readFileSync } = await import('node:fs');
    const { BUNDLE_APPLICATION_ID } = await import('../../src-core/store/identity');
    const other = join(dir, 'other.sqlite');
    const o = new Database(other);
    o.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); CREATE TABLE tags (name TEXT); CREATE TABLE a (x); CREATE TABLE b (y)');
    o.close();
    const bundle = join(dir, 'looks-like.knobs');
    const b = new Database(bundle);
    migrate(b, SCHEMA_VERSION);
    b.pragma(`application_id = ${BUNDLE_APPLICATION_ID}`);
    b.close();
    for (const [path, why] of [
      [other, /other\.sqlite is not a Knobs database \(another program's SQLite database: its tables are "a", "b", "notes" and 1 more\); name a Knobs database, or a new or empty file to make one\. The file was left untouched\.$/],
      [bundle, /looks-like\.knobs is not a Knobs database \(it is a Knobs project bundle; "knobs bundle import" or Import project… reads it\)/],
    ] as const) {
      const before = readFileSync(path);
      expect(() => Store.open(path)).toThrow(why);
      expect(readFileSync(path).equals(before)).toBe(true);
    }
    // An empty SQLite file (no tables, user_version 0) is a new database: Knobs makes its tables there.
    const empty = join(dir, 'empty.sqlite');
    new Database(empty).close();
    const s = Store.open(empty);
    expect(s.schemaVersion()).toBe(SCHEMA_VERSION);
    s.close();
  });

  it('marks trials left running by a crash as interrupted on open', () => {
    const path = join(dir, 'crash.db');
    const store = Store.open(path);
    const p = store.projects.ensure('x');
    const s = store.searches.create(p.id, 'y', {}, 3);
    store.trials.start(s.id, 0, 1, {}, 1);
    store.searches.setStatus(s.id, 'running');
    store.close();
    const again = Store.open(path);
    expect(again.trials.list(s.id)[0].status).toBe('interrupted');
    expect(again.searches.get(s.id)?.status).toBe('interrupted');
    again.close();
  });
});
