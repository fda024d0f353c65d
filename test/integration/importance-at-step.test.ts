// Importance at a pruner's step: every trial that reached the step, pruned or not, by its best value
// so far in the fold there. Real searches (ASHA on a hold-out split, ASHA over 3 folds maximizing
// accuracy) on real worker threads and SQLite files; the values checked against the stored epochs
// read here, the forest against importance() on those values, the api and `knobs importance --step`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importance } from '../../src-core/analysis/importance';
import type { SearchImportance } from '../../src-core/api/contract';
import { stepWords } from '../../src-core/api/labels';
import { BadInputError } from '../../src-core/errors';
import { watchedValues } from '../../src-core/search/pruning';
import { createSearch, Study } from '../../src-core/search/study';
import { searchImportance } from '../../src-core/service/analysis';
import { Workbench } from '../../src-core/service/workbench';
import { parseStoredSpec } from '../../src-core/spec/spec';
import { Store, type TrialRow } from '../../src-core/store/store';
import { FINISHED_TRIAL_STATUSES } from '../../src-core/vocabulary';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-importance-step-'));

const base = {
  project: 'p',
  dataset: { synthetic: 'moons', n: 300, noise: 0.25 },
  space: { lr: { type: 'float', low: 1e-4, high: 3, log: true }, hiddenUnits: { type: 'int', low: 2, high: 32, log: true }, l2: { type: 'float', low: 1e-7, high: 0.1, log: true } },
  strategy: { kind: 'random' },
  seed: 11,
  diagnostics: { every: 0 },
};

async function run(file: string, spec: Record<string, unknown>): Promise<{ store: Store; id: number; finished: TrialRow[] }> {
  const store = Store.open(join(dir, file));
  const { id } = createSearch(store, spec);
  await new Study(store, id, { workers: 1 }).run();
  const finished = store.trials.list(id).filter((t) => (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status));
  return { store, id, finished };
}

/** Per trial number, its stored values of `metric` by fold, epochs in order (read here, apart from the pruner's code). */
function curves(store: Store, id: number, metric: 'val_loss' | 'val_accuracy'): Map<number, number[][]> {
  const out = new Map<number, number[][]>();
  for (const e of store.epochs.rows(id)) {
    const folds = out.get(e.number) ?? [];
    (folds[e.fold] ??= [])[e.epoch - 1] = e[metric] ?? NaN;
    out.set(e.number, folds);
  }
  return out;
}

describe('importance at a pruner\'s step', () => {
  it('ASHA, hold-out: at each rung, every trial that reached it with its best val_loss so far; the forest fitted on exactly those', async () => {
    const { store, id, finished } = await run('asha.db', {
      ...base, name: 'asha', train: { epochs: 20, hiddenLayers: [8], optimizer: 'momentum', batchSize: 32, earlyStopping: false },
      pruner: { kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 2 }, budget: { trials: 30 },
    });
    const spec = parseStoredSpec(store.searches.need(id).spec);
    const pruned = finished.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(10);
    const results = finished.filter((t) => ['complete', 'early_stopped', 'pruned'].includes(t.status));
    const byTrial = curves(store, id, 'val_loss');
    const watched = watchedValues(spec, store, id, finished)!;
    // Rungs at epochs 1, 3 and 9 (27 is past the last epoch); a trial counts where its curve reaches the rung.
    expect(watched.steps.map((s) => [s.step, s.fold, s.folds, s.epoch])).toEqual([[1, 0, 1, 1], [3, 0, 1, 3], [9, 0, 1, 9]]);
    for (const s of watched.steps) {
      const reached = results.filter((t) => (byTrial.get(t.number)?.[0]?.length ?? 0) >= s.step);
      expect(s.trials).toBe(reached.length);
      const at = watched.at(s.step);
      expect(at.map((x) => x.trial.number)).toEqual(reached.map((t) => t.number));
      for (const x of at) expect(x.value).toBe(Math.min(...byTrial.get(x.trial.number)![0].slice(0, s.step)));
    }
    expect(watched.steps[0].trials).toBe(results.length);
    expect(watched.steps[2].trials).toBeLessThan(watched.steps[0].trials);

    // The answer at rung 3 is the forest on those values; the default one the trials that ran to their end, with the rungs offered.
    const at3 = await searchImportance(spec, finished, watched, 3);
    const values = watched.at(3).map(({ trial, value }) => ({ knobs: JSON.parse(trial.knobs) as Record<string, unknown>, objective: value }));
    const direct = importance(spec.space, values, { seed: spec.seed, failures: finished.filter((t) => t.status === 'failed' || t.status === 'diverged').map((t) => JSON.parse(t.knobs)) });
    expect(at3.step).toEqual(watched.steps[1]);
    expect(at3.trials).toBe(watched.steps[1].trials);
    expect(at3.leftOut).toBe(finished.length - at3.trials);
    expect(at3.knobs.map((k) => [k.name, k.importance])).toEqual(direct.knobs.map((k) => [k.name, k.importance]));
    const whole = await searchImportance(spec, finished, watched);
    expect(whole.step).toBeNull();
    expect(whole.steps).toEqual(watched.steps);
    expect(whole.trials).toBe(finished.filter((t) => t.status === 'complete' || t.status === 'early_stopped').length);
    expect(whole.trials).toBeLessThan(at3.trials);
    // A step the pruner does not judge at is refused, naming those it does.
    await expect(searchImportance(spec, finished, watched, 5)).rejects.toThrow(BadInputError);
    await expect(searchImportance(spec, finished, watched, 5)).rejects.toThrow('importance at step 5: its pruner does not judge there; use one of the steps it judges at: 1, 3, 9');

    // Through the api, as the app asks, and cached per step.
    const wb = new Workbench({ store, version: 'test', workers: 1, backups: false });
    try {
      const viaApi = await wb.call('searches.importance', { id, step: 3 }) as SearchImportance;
      expect(viaApi.knobs.map((k) => k.importance)).toEqual(at3.knobs.map((k) => k.importance));
      expect((await wb.call('searches.importance', { id }) as SearchImportance).step).toBeNull();
      expect((await wb.call('searches.importance', { id, step: 3 }) as SearchImportance).seconds).toBe(0);
      await expect(wb.call('searches.importance', { id, step: 4 })).rejects.toThrow('use one of the steps it judges at: 1, 3, 9');
      await expect(wb.call('searches.importance', { id, step: 0 })).rejects.toThrow(/step/);
    } finally {
      await wb.shutdown();
    }
    store.close();

    // And from a terminal.
    const knobs = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'importance', 'asha', ...args, '--db', join(dir, 'asha.db')], { encoding: 'utf8', cwd: dir });
    const plain = knobs();
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(`its pruner stopped trials early: --step N reads every trial that reached step N (1: ${watched.steps[0].trials} trials, 3: ${watched.steps[1].trials} trials, 9: ${watched.steps[2].trials} trials)`);
    const step = knobs('--step', '3');
    expect(step.status).toBe(0);
    expect(step.stdout.split('\n')[0]).toBe(`search ${id} "asha": importance of each knob for val_loss at epoch 3, fANOVA over the ${at3.trials} trials that reached it, pruned or not, each by its best val_loss so far there (${at3.leftOut} other trials left out: stopped before it, failed or diverged), objective by rank`);
    expect(step.stdout.split('\n')[1].split(/\s+/)[0]).toBe(at3.knobs[0].name);
    const wrong = knobs('--step', '4');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('importance at step 4: its pruner does not judge there; use one of the steps it judges at: 1, 3, 9');
  }, 120_000);

  it('ASHA over 3 folds, maximizing accuracy: a step in a later fold reads the best accuracy so far in that fold', async () => {
    const { store, id, finished } = await run('kfold.db', {
      ...base, name: 'kfold', split: { kind: 'kfold', k: 3 }, objective: { metric: 'val_accuracy', direction: 'maximize' },
      train: { epochs: 8, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false },
      pruner: { kind: 'asha', minEpochs: 1, reductionFactor: 2, minEarlyStoppingRate: 0, startupTrials: 1 }, budget: { trials: 16 },
    });
    const spec = parseStoredSpec(store.searches.need(id).spec);
    const watched = watchedValues(spec, store, id, finished)!;
    // Rungs at steps 1, 2, 4, 8 and 16 of 24: step 16 is the second fold's last epoch.
    expect(watched.steps.map((s) => [s.step, s.fold, s.folds, s.epoch])).toEqual([[1, 0, 3, 1], [2, 0, 3, 2], [4, 0, 3, 4], [8, 0, 3, 8], [16, 1, 3, 8]]);
    // In words, each names its fold, the first too: "epoch 8" alone would read as the search's epoch 8.
    expect(watched.steps.map(stepWords)).toEqual(['epoch 1 of fold 1', 'epoch 2 of fold 1', 'epoch 4 of fold 1', 'epoch 8 of fold 1', 'epoch 8 of fold 2']);
    const byTrial = curves(store, id, 'val_accuracy');
    const late = watched.at(16);
    expect(late.length).toBe(watched.steps[4].trials);
    expect(late.length).toBeGreaterThan(0);
    for (const x of late) expect(x.value).toBe(Math.max(...byTrial.get(x.trial.number)![1].slice(0, 8)));
    const a = await searchImportance(spec, finished, watched, 16);
    expect(a.step).toEqual({ step: 16, fold: 1, folds: 3, epoch: 8, trials: late.length });
    store.close();
    // A terminal's hint says each step as its fold's epoch, and the header the step read.
    const knobs = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'importance', 'kfold', ...args, '--db', join(dir, 'kfold.db')], { encoding: 'utf8', cwd: dir });
    const n = watched.steps.map((s) => `${s.trials} trial${s.trials === 1 ? '' : 's'}`);
    expect(knobs().stdout).toMatch(/^search \d+ "kfold": importance of each knob for val_accuracy, fANOVA over \d+ trials? \(\d+ that did not run to (its|their) end left out: failed, diverged or pruned\), objective by rank$/m);
    expect(knobs().stdout).toContain(`--step N reads every trial that reached step N (1 = epoch 1 of fold 1: ${n[0]}, 2 = epoch 2 of fold 1: ${n[1]}, 4 = epoch 4 of fold 1: ${n[2]}, 8 = epoch 8 of fold 1: ${n[3]}, 16 = epoch 8 of fold 2: ${n[4]})`);
    expect(knobs('--step', '16').stdout).toMatch(/importance of each knob for val_accuracy at epoch 8 of fold 2, fANOVA over the \d+ trials? that reached it/);
  }, 120_000);

  it('a search without a pruner offers no step and refuses one', async () => {
    const { store, id, finished } = await run('none.db', { ...base, name: 'none', train: { epochs: 4, hiddenLayers: [4], earlyStopping: false }, budget: { trials: 6 } });
    const spec = parseStoredSpec(store.searches.need(id).spec);
    expect(watchedValues(spec, store, id, finished)).toBeNull();
    expect((await searchImportance(spec, finished, null)).steps).toEqual([]);
    await expect(searchImportance(spec, finished, null, 1)).rejects.toThrow('importance at step 1: the search has no pruner, so every trial ran to its end: leave the step out');
    store.close();
  }, 60_000);
});
