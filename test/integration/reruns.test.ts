// Seed re-runs, exact replay, notes and tags (issue #15), over real worker threads and a real
// SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, makeSplit } from '../../src-core/data';
import { createRerun, rerunsOf, seedSpread, t975 } from '../../src-core/search/seeds';
import { rerunModelSeed, rerunSplitSeed } from '../../src-core/search/strategies/rerun';
import { createSearch, Study } from '../../src-core/search/study';
import { trialsCsv } from '../../src-core/service/export';
import { searchImportance } from '../../src-core/service/analysis';
import { replayTrial } from '../../src-core/service/replay';
import { Workbench } from '../../src-core/service/workbench';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import { trainConfiguration } from '../../src-core/train/trainer';
import type { KernelPath } from '../../src-core/nn/kernels/types';
import { migrate, Store } from '../../src-core/store/store';

const dir = mkdtempSync(join(tmpdir(), 'knobs-reruns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = (): Store => Store.open(join(dir, `r${n++}.db`));

const spec = {
  project: 'p',
  name: 'moons',
  dataset: { synthetic: 'moons', n: 240, noise: 0.3 },
  train: { epochs: 5, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false, dropout: 0.1 },
  space: { lr: { type: 'float', low: 3e-3, high: 0.1, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32 } },
  strategy: { kind: 'random' },
  budget: { trials: 6 },
  seed: 5,
};

async function run(store: Store, id: number): Promise<string> {
  return new Study(store, id, { workers: 2 }).run();
}

describe('seed re-runs', () => {
  it('run the top k configurations with n seeds as a child search, and give the same spread twice', async () => {
    const store = freshStore();
    const { id: parent } = createSearch(store, spec);
    expect(await run(store, parent)).toBe('complete');
    const parentTrials = store.trials.list(parent);
    const best3 = [...parentTrials].sort((a, b) => a.objective! - b.objective! || a.number - b.number).slice(0, 3).map((t) => t.number);

    const a = createRerun(store, parent, { top: 3, seeds: 4 });
    const b = createRerun(store, parent, { top: 3, seeds: 4 });
    expect(a.planned).toBe(12);
    expect(b.name).toBe(`${a.name} (2)`);
    expect(await run(store, a.id)).toBe('complete');
    expect(await run(store, b.id)).toBe('complete');

    const row = store.searches.need(a.id);
    expect(row.parent_id).toBe(parent);
    expect(row.project_id).toBe(store.searches.need(parent).project_id);
    expect(store.searches.children(parent).map((s) => s.id)).toEqual([a.id, b.id]);

    const trials = store.trials.list(a.id);
    expect(trials).toHaveLength(12);
    // Seed by seed: every configuration with seed 0, then with seed 1…; the knobs are the original trials', only the seed changes.
    const cfg = parseSpec(JSON.parse(row.spec));
    for (const t of trials) {
      const original = parentTrials.find((p) => p.number === best3[t.number % 3])!;
      expect(JSON.parse(t.knobs)).toEqual(JSON.parse(original.knobs));
      expect(t.seed).toBe(rerunModelSeed(cfg, Math.floor(t.number / 3)));
      expect(t.split_seed).toBeNull();
    }
    expect(new Set(trials.map((t) => t.seed)).size).toBe(4);

    const sa = seedSpread(store, a.id)!;
    const sb = seedSpread(store, b.id)!;
    expect(sa.configs.map((c) => c.objectives)).toEqual(sb.configs.map((c) => c.objectives));
    expect(sa.configs.map((c) => [c.trial, c.mean, c.sd, c.ci])).toEqual(sb.configs.map((c) => [c.trial, c.mean, c.sd, c.ci]));
    expect(sa.sentences).toEqual(sb.sentences);
    expect(sa.originalBest).toBe(best3[0]);
    expect(sa.done).toBe(12);
    // Ranked by mean; the spread is real (dropout and initial weights move the objective), and the figures are the objectives'.
    const means = sa.configs.map((c) => c.mean!);
    expect(means).toEqual([...means].sort((x, y) => x - y));
    for (const c of sa.configs) {
      const xs = c.objectives as number[];
      const m = xs.reduce((s, x) => s + x, 0) / 4;
      expect(c.mean).toBeCloseTo(m, 14);
      expect(c.sd).toBeCloseTo(Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / 3), 14);
      expect(c.sd!).toBeGreaterThan(0);
      expect(c.ci![1] - c.mean!).toBeCloseTo((t975(3) * c.sd!) / 2, 14);
      expect(t975(3)).toBeCloseTo(3.1824, 4);
      expect(c.originalObjective).toBe(parentTrials.find((p) => p.number === c.trial)!.objective);
    }
    expect(sa.beatenBy === null).toBe(sa.configs[0].trial === best3[0]);
    expect(sa.sentences.length).toBeGreaterThanOrEqual(2);
    expect(sa.sentences.join(' ')).toMatch(/seed noise/);
    // The parent shows its latest re-run's spread.
    expect(seedSpread(store, parent)!.searchId).toBe(b.id);
    // Which knobs matter is the parent's question, not the re-run's: its knobs move together from one configuration to the next.
    const imp = await searchImportance(cfg, trials);
    expect(imp.reason).toMatch(/^a seed re-run trains a few configurations again with other seeds: which knobs matter is read in the search it re-runs/);
    expect(imp.knobs.every((k) => k.importance === 0)).toBe(true);
    expect((await searchImportance(parseSpec(JSON.parse(store.searches.need(parent).spec)), parentTrials)).reason).toBeNull();
    store.close();
  });

  it('asked of the search, the spread is its latest finished re-run\'s, naming a newer paused one (left out); the contract the UI reads says the same', async () => {
    const store = freshStore();
    const wb = new Workbench({ store, version: 't', backups: false });
    const { id: parent } = createSearch(store, spec);
    expect(await run(store, parent)).toBe('complete');
    // No re-run yet, then one paused after its first trial: no finished spread to show.
    const first = createRerun(store, parent, { top: 2, seeds: 3 });
    const pauseAtFirst = (id: number): Promise<string> => {
      const study = new Study(store, id, { workers: 1 });
      study.once('trialFinished', () => study.pause());
      return study.run();
    };
    expect(await pauseAtFirst(first.id)).toBe('paused');
    expect(seedSpread(store, parent)).toBeNull();
    expect(await wb.call('searches.seedSpread', { id: parent })).toBeNull();
    expect(rerunsOf(store, parent)).toMatchObject({ finished: null, unfinished: [{ searchId: first.id, status: 'paused', total: 6 }] });
    // Asked of the paused re-run itself, its figures come with the sentence that says they are partial.
    const own = seedSpread(store, first.id)!;
    expect(own.status).toBe('paused');
    expect(own.done).toBeLessThan(6);
    expect(own.sentences[0]).toMatch(new RegExp(`^Re-run ${first.id} is paused after ${own.done} of 6 trials: these figures are partial until it finishes \\(Resume on its page, or "knobs resume ${first.id}"\\)\\.$`));

    // Finished, then a newer one paused: the finished one is shown, the paused one named and left out.
    expect(await run(store, first.id)).toBe('complete');
    const second = createRerun(store, parent, { top: 2, seeds: 5 });
    expect(await pauseAtFirst(second.id)).toBe('paused');
    const shown = seedSpread(store, parent)!;
    expect(shown).toMatchObject({ searchId: first.id, status: 'complete', done: 6, total: 6, unfinished: [{ searchId: second.id, status: 'paused', total: 10 }] });
    expect(shown.configs.every((c) => c.n === 3)).toBe(true);
    expect(shown.sentences[0]).toMatch(new RegExp(`^Re-run ${second.id} is paused after \\d of 10 trials and is left out until it finishes \\(Resume on its page, or "knobs resume ${second.id}"\\); the spread shown is re-run ${first.id}'s, the latest finished\\.$`));
    expect(await wb.call('searches.seedSpread', { id: parent })).toEqual(shown);
    // Once it finishes, it is the one shown.
    expect(await run(store, second.id)).toBe('complete');
    expect(seedSpread(store, parent)).toMatchObject({ searchId: second.id, status: 'complete', unfinished: [], done: 10 });
    await wb.shutdown();
    store.close();
  });

  it('with split seeds, each seed draws its own training and validation rows and keeps the test rows', async () => {
    const store = freshStore();
    const { id: parent } = createSearch(store, { ...spec, split: { kind: 'holdout', val: 0.25, test: 0.2, stratify: true }, budget: { trials: 3 } });
    await run(store, parent);
    const r = createRerun(store, parent, { top: 1, seeds: 3, splitSeeds: true });
    expect(await run(store, r.id)).toBe('complete');
    const cfg = parseSpec(JSON.parse(store.searches.need(r.id).spec));
    const trials = store.trials.list(r.id);
    expect(trials.map((t) => t.split_seed)).toEqual([0, 1, 2].map((i) => rerunSplitSeed(cfg, i)));
    const ds = loadDataset(cfg.dataset, cfg.seed);
    const base = makeSplit(ds, cfg.split, cfg.seed);
    const splits = trials.map((t) => makeSplit(ds, cfg.split, cfg.seed, t.split_seed!));
    for (const s of splits) {
      expect(Array.from(s.test)).toEqual(Array.from(base.test));
      expect(s.folds[0].val.length).toBe(base.folds[0].val.length);
    }
    expect(Array.from(splits[0].folds[0].val)).not.toEqual(Array.from(splits[1].folds[0].val));
    // A replay trains on the trial's own split: bit for bit again.
    const replay = await replayTrial(store, r.id, 1);
    expect(replay.identical).toBe(true);
    // So does the test evaluation: the trial's model on the search's test rows, not a model of the same knobs trained on the
    // search's first split (which this trial never saw).
    const wb = new Workbench({ store, version: 'test', workers: 1 });
    const t1 = trials[1];
    const evaluated = (await wb.call('trials.evaluateTest', { searchId: r.id, number: 1 })) as { loss: number };
    const job = { dataset: ds, preprocess: cfg.preprocess, targetPreprocess: cfg.targetPreprocess, config: trainConfigOf(cfg, JSON.parse(t1.knobs)), seed: t1.seed, evaluateTest: true, kernels: t1.kernel_path as KernelPath };
    const own = trainConfiguration({ ...job, split: splits[1] }).test!;
    const first = trainConfiguration({ ...job, split: base }).test!;
    expect(evaluated.loss).toBe(own.loss);
    expect(own.loss).not.toBe(first.loss);
    await wb.shutdown();
    store.close();
  });

  it('refuses what cannot be re-run, naming what was wrong', async () => {
    const store = freshStore();
    const { id: parent } = createSearch(store, { ...spec, budget: { trials: 2 } });
    expect(() => createRerun(store, parent, { top: 2, seeds: 3 })).toThrow(/no complete \(or early-stopped\) trial yet/);
    await run(store, parent);
    expect(() => createRerun(store, parent, { top: 2, seeds: 1 })).toThrow(/seeds: .*one seed shows no spread/);
    const r = createRerun(store, parent, { top: 5, seeds: 2 });
    expect(r.planned).toBe(4);
    expect(() => createRerun(store, r.id, { top: 1, seeds: 2 })).toThrow(/is itself a seed re-run/);
    expect(r.configs).toBe(2);
    // A running search's best trials may still change: the app offers no re-run then, nor does the engine.
    store.searches.setStatus(parent, 'running');
    expect(() => createRerun(store, parent, { top: 2, seeds: 2 })).toThrow(/Search \d+ "moons" is running: re-run it once it has finished or is paused/);
    store.close();
  });

  it('of a pruned search re-run only trials that ran their course, and prune none of their seeds', async () => {
    const store = freshStore();
    const pruner = { kind: 'asha', minEpochs: 1, reductionFactor: 2, minEarlyStoppingRate: 0, startupTrials: 0 };
    const { id: parent } = createSearch(store, { ...spec, name: 'pruned', train: { ...spec.train, epochs: 8 }, budget: { trials: 12 }, pruner });
    await new Study(store, parent, { workers: 1 }).run();
    const trials = store.trials.list(parent);
    const complete = trials.filter((t) => t.status === 'complete').map((t) => t.number);
    expect(trials.some((t) => t.status === 'pruned' && t.objective !== null)).toBe(true);
    const r = createRerun(store, parent, { top: 50, seeds: 2 });
    expect(r.planned).toBe(complete.length * 2);
    const child = parseSpec(JSON.parse(store.searches.need(r.id).spec));
    expect(child.pruner).toEqual({ kind: 'none' });
    expect(child.strategy.kind === 'rerun' && child.strategy.configs.map((c) => c.trial).sort((a, b) => a - b)).toEqual(complete);
    expect(await run(store, r.id)).toBe('complete');
    expect(store.trials.list(r.id).every((t) => t.status === 'complete')).toBe(true);
    store.close();
  });
});

describe('exact replay', () => {
  it('re-trains a stored trial bit for bit on its kernel path, and fails loudly when its configuration was changed', async () => {
    const path = join(dir, 'replay.db');
    const store = Store.open(path);
    const { id } = createSearch(store, { ...spec, budget: { trials: 2 }, split: { kind: 'kfold', k: 3, test: 0 } });
    await run(store, id);
    const t = store.trials.need(id, 1);
    expect(t.kernel_path).toMatch(/^(relaxed-simd|simd|scalar)$/);
    const same = await replayTrial(store, id, 1);
    expect(same).toMatchObject({ identical: true, samePath: true, kernelPath: t.kernel_path, storedKernelPath: t.kernel_path, differing: 0, maxAbsDifference: 0, firstDifference: null });
    expect(same.epochs).toEqual({ stored: 15, replayed: 15 });
    expect(same.objective.replayed).toBe(t.objective);
    expect(same.message).toMatch(/replays bit for bit on the same kernel path/);

    // Someone changes the stored learning rate by one part in a thousand: the replay says so.
    const knobs = JSON.parse(t.knobs);
    const db = new Database(path);
    db.prepare(`UPDATE trials SET knobs = ? WHERE id = ?`).run(JSON.stringify({ ...knobs, lr: knobs.lr * 1.001 }), t.id);
    db.close();
    const changed = await replayTrial(store, id, 1);
    expect(changed.identical).toBe(false);
    expect(changed.samePath).toBe(true);
    expect(changed.differing).toBe(15);
    expect(changed.firstDifference).toMatchObject({ fold: 0, epoch: 1 });
    expect(changed.maxAbsDifference).toBeGreaterThan(0);
    expect(changed.message).toMatch(/does NOT replay identically on the same kernel path .*configuration, seed or data set changed/);
    store.close();
  });

  it('replays a pruned trial up to where the pruner stopped it (k-fold: in its fold), objective included', async () => {
    const store = freshStore();
    const pruner = { kind: 'asha', minEpochs: 1, reductionFactor: 2, minEarlyStoppingRate: 0, startupTrials: 0 };
    const { id } = createSearch(store, { ...spec, name: 'pruned-replay', train: { ...spec.train, epochs: 8 }, split: { kind: 'kfold', k: 2, test: 0 }, budget: { trials: 10 }, pruner });
    await new Study(store, id, { workers: 1 }).run();
    const pruned = store.trials.list(id).filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned.slice(0, 3)) {
      const r = await replayTrial(store, id, t.number);
      const stored = store.epochs.rows(id).filter((e) => e.number === t.number).length;
      expect(r, `trial ${t.number}`).toMatchObject({ identical: true, differing: 0, epochs: { stored, replayed: stored } });
      expect(r.objective).toEqual({ stored: t.objective, replayed: t.objective });
    }
    store.close();
  });

  it('says when the trial trained on a kernel path this runtime lacks', async () => {
    const path = join(dir, 'other-path.db');
    const store = Store.open(path);
    const { id } = createSearch(store, { ...spec, budget: { trials: 1 } });
    await run(store, id);
    const t = store.trials.need(id, 0);
    const db = new Database(path);
    db.prepare(`UPDATE trials SET kernel_path = 'warp-drive' WHERE id = ?`).run(t.id);
    db.close();
    const r = await replayTrial(store, id, 0);
    expect(r.samePath).toBe(false);
    expect(r.storedKernelPath).toBe('warp-drive');
    expect(r.message).toMatch(/not on warp-drive where it trained/);
    store.close();
  });
});

describe('notes and tags', () => {
  it('are kept on projects, searches and trials, found by the find box and exported as the last CSV column', async () => {
    const store = freshStore();
    const wb = new Workbench({ store, version: 't', backups: false });
    const { id } = createSearch(store, { ...spec, budget: { trials: 2 } });
    await run(store, id);
    const s = store.searches.need(id);
    await expect(wb.call('projects.setTags', { id: s.project_id, tags: ['moons', ''] })).rejects.toThrow(/tags.1: a tag must not be empty/);
    await wb.call('projects.setTags', { id: s.project_id, tags: ['moons', ' Baseline ', 'baseline'] });
    await wb.call('projects.setNotes', { id: s.project_id, notes: 'Two moons, noisy; the 100% case' });
    await wb.call('searches.setNotes', { id, notes: 'first look at the learning rate' });
    await wb.call('searches.setTags', { id, tags: ['lr-sweep'] });
    await wb.call('trials.setNotes', { searchId: id, number: 1, notes: 'Looks like the winner, but "noisy", see re-run' });
    await wb.call('trials.setTags', { searchId: id, number: 1, tags: ['candidate'] });

    const project = (await wb.call('projects.list', undefined) as { tags: string[] }[])[0];
    expect(project.tags).toEqual(['moons', 'Baseline']);
    const summary = await wb.call('searches.get', { id }) as { notes: string; tags: string[]; parentId: number | null; reruns: number[] };
    expect(summary).toMatchObject({ notes: 'first look at the learning rate', tags: ['lr-sweep'], parentId: null, reruns: [] });

    const find = (text: string) => wb.call('notes.find', { text }) as Promise<{ kind: string; number: number | null; field: string; text: string }[]>;
    expect((await find('NOISY')).map((h) => [h.kind, h.field, h.number])).toEqual([['project', 'notes', null], ['trial', 'notes', 1]]);
    expect((await find('baseline')).map((h) => [h.kind, h.field, h.text])).toEqual([['project', 'tag', 'Baseline']]);
    expect((await find('sweep')).map((h) => [h.kind, h.text])).toEqual([['search', 'lr-sweep']]);
    expect((await find('cand')).map((h) => [h.kind, h.number, h.text])).toEqual([['trial', 1, 'candidate']]);
    expect(await find('100%')).toHaveLength(1);
    expect(await find('_')).toEqual([]);
    expect(await find('   ')).toEqual([]);
    await expect(wb.call('trials.setTags', { searchId: id, number: 1, tags: ['x'.repeat(61)] })).rejects.toThrow(/tags.0: a tag must be at most 60 characters/);

    const rows = parse(trialsCsv(store, id), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]).slice(-2)).toEqual(['notes', 'error']);
    expect(rows.map((r) => r.notes)).toEqual(['', 'Looks like the winner, but "noisy", see re-run']);
    await wb.shutdown();
    store.close();
  });

  it('a database of the previous schema gains the columns with empty notes and tags, its rows kept', () => {
    const path = join(dir, 'v-before.db');
    const db = new Database(path);
    // Schema 4: the one before these columns (migration 5).
    migrate(db, 4);
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES (1, 'p', '2026-01-01');
      INSERT INTO searches (id, project_id, name, spec, status, planned_trials, created_at) VALUES (1, 1, 's', '{}', 'complete', 1, '2026-01-01');
      INSERT INTO trials (id, search_id, number, round, status, knobs, seed, notes) VALUES (1, 1, 0, 1, 'complete', '{}', 3, 'kept');`);
    db.close();
    const store = Store.open(path);
    const t = store.trials.need(1, 0);
    expect([t.notes, t.tags, t.split_seed, t.kernel_path, t.seed]).toEqual(['kept', '[]', null, null, 3]);
    expect(store.searches.need(1)).toMatchObject({ parent_id: null, notes: '', tags: '[]' });
    expect(store.projects.need(1).tags).toBe('[]');
    store.close();
  });
});
