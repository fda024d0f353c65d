// The storage (issue #13): one Store owning the connection, a repository per concern, and one
// convention for "not found" everywhere: get… answers undefined, need… throws a NotFoundError
// naming what was asked for; a name already used is a BadInputError pointing at `name`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError } from '../../src-core/errors';
import { Store, type TrialOutcome } from '../../src-core/store/store';

let dir: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-store-'));
  store = Store.open(join(dir, 'k.db'));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const outcome = (objective: number): TrialOutcome => ({
  status: 'complete', objective, bestEpoch: 1, stoppedEpoch: 1, stopReason: 'max_epochs', trainLoss: 0.5, valLoss: objective, trainAccuracy: null,
  valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.1, error: null,
});

/** The error a call throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('not found, the same way in every repository', () => {
  it('get… answers undefined and need… throws a NotFoundError naming the thing', () => {
    const p = store.projects.ensure('nf');
    const s = store.searches.create(p.id, 'nf', {}, 1);
    const cases: [() => unknown, () => unknown, string][] = [
      [() => store.projects.get(9999), () => store.projects.need(9999), 'No project 9999'],
      [() => store.searches.get(9999), () => store.searches.need(9999), 'No search 9999'],
      [() => store.trials.get(s.id, 7), () => store.trials.need(s.id, 7), `Search ${s.id} has no trial 7 (it has none yet)`],
      [() => store.datasets.get(9999), () => store.datasets.need(9999), 'No imported data set 9999'],
    ];
    for (const [get, need, message] of cases) {
      expect(get()).toBeUndefined();
      const e = thrown(need);
      expect(e).toBeInstanceOf(NotFoundError);
      expect([(e as NotFoundError).kind, e.message]).toEqual(['not-found', message]);
    }
    expect(store.searches.get('no such name')).toBeUndefined();
  });

  it('renaming a project or a search agrees: missing is NotFoundError, a taken name is BadInputError on `name`', () => {
    const a = store.projects.ensure('alpha');
    const b = store.projects.ensure('beta');
    expect(thrown(() => store.projects.rename(9999, 'x'))).toBeInstanceOf(NotFoundError);
    const clash = thrown(() => store.projects.rename(b.id, 'alpha'));
    expect(clash).toBeInstanceOf(BadInputError);
    expect((clash as BadInputError).issues).toEqual([{ path: 'name', message: 'already used; choose another name' }]);
    expect(store.projects.rename(b.id, 'gamma').name).toBe('gamma');

    const s1 = store.searches.create(a.id, 'one', {}, 1);
    const s2 = store.searches.create(a.id, 'two', {}, 1);
    expect(thrown(() => store.searches.rename(9999, 'x'))).toBeInstanceOf(NotFoundError);
    const sClash = thrown(() => store.searches.rename(s2.id, 'one'));
    expect(sClash).toBeInstanceOf(BadInputError);
    expect(sClash.message).toBe('Project "alpha" already has a search named "one"; choose another name');
    expect((sClash as BadInputError).issues).toEqual([{ path: 'name', message: 'already used; choose another name' }]);
    // The same name in another project is fine; a new search of a used name is numbered.
    expect(store.searches.create(b.id, 'one', {}, 1).name).toBe('one');
    expect(store.searches.create(a.id, 'one', {}, 1).name).toBe('one (2)');
    expect(store.searches.rename(s1.id, 'uno').name).toBe('uno');
    expect(thrown(() => store.projects.create('alpha'))).toBeInstanceOf(BadInputError);
  });
});

describe('trials', () => {
  it('finds one trial by its search and number through the unique index, not by reading the search', () => {
    const p = store.projects.ensure('idx');
    const s = store.searches.create(p.id, 'idx', {}, 50);
    for (let n = 0; n < 50; n++) store.trials.finish(store.trials.start(s.id, n, 1, { lr: n / 100 }, n).id, outcome(1 / (n + 1)));
    const t = store.trials.need(s.id, 37);
    expect([t.number, JSON.parse(t.knobs), t.objective, t.status]).toEqual([37, { lr: 0.37 }, 1 / 38, 'complete']);
    expect(store.plan(`SELECT * FROM trials WHERE search_id = ${s.id} AND number = 37`)).toMatch(/^SEARCH trials USING INDEX sqlite_autoindex_trials_1 \(search_id=\? AND number=\?\)$/);
    expect(store.trials.countByStatus(s.id)).toEqual({ complete: 50 });
    expect(store.trials.stats(s.id)).toMatchObject({ lo: 1 / 50, hi: 1 });
  });

  it('re-running a trial keeps its row, drops its epochs and diagnostics, and marks it queued', () => {
    const p = store.projects.ensure('rerun');
    const s = store.searches.create(p.id, 'rerun', {}, 1);
    const t = store.trials.start(s.id, 0, 1, { lr: 0.1 }, 5);
    const epoch = { fold: 0, epoch: 1, trainLoss: 1, valLoss: 1, penalty: 0, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.1, gradNorms: [1], seconds: 0.1 };
    store.trials.finish(t.id, outcome(0.5), { epochs: [epoch], diagnostics: [{ fold: 0, epoch: 0, layers: [] }] });
    expect([store.epochs.count(s.id), store.diagnostics.ofTrial(t.id)]).toEqual([1, [{ fold: 0, epoch: 0, layers: [] }]]);
    const again = store.trials.start(s.id, 0, 1, { lr: 0.1 }, 5, true);
    expect([again.id, again.status, again.finished_at]).toEqual([t.id, 'queued', null]);
    expect([store.epochs.count(s.id), store.diagnostics.ofTrial(t.id)]).toEqual([0, []]);
  });
});

describe('prepared statements', () => {
  it('are prepared once: a second study-like cycle of writes and the dashboard\'s reads prepares nothing', () => {
    const epoch = (e: number) => ({ fold: 0, epoch: e, trainLoss: 1, valLoss: 1, penalty: 0, trainAccuracy: 0.5, valAccuracy: 0.5, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.1, gradNorms: [1], seconds: 0.1 });
    const cycle = (k: number): void => {
      const p = store.projects.ensure(`cycle ${k}`);
      const s = store.searches.create(p.id, 'c', {}, 2);
      store.searches.setStatus(s.id, 'running');
      store.rounds.save(s.id, 1, { lr: { low: 0, high: 1 } });
      for (let n = 0; n < 2; n++) {
        const t = store.trials.start(s.id, n, 1, { lr: 0.1 }, n, true);
        store.epochs.add(t.id, [epoch(1)], new Date().toISOString());
        store.trials.finish(t.id, outcome(0.5), { epochs: [epoch(2)], diagnostics: [{ fold: 0, epoch: 0, layers: [] }] });
      }
      store.searches.setStatus(s.id, 'complete', { stopReason: 'done' });
      store.searches.need(s.id);
      store.searches.list(p.id);
      store.trials.changes(s.id, '');
      store.trials.changes(s.id, '2000');
      store.trials.countByStatus(s.id);
      store.trials.stats(s.id);
      store.trials.need(s.id, 1);
      store.epochs.page(s.id, 0, -1, 1000);
      store.epochs.ofTrial(store.trials.need(s.id, 0).id, 0);
      store.rounds.list(s.id);
      store.testEvaluations.ofSearch(s.id);
    };
    cycle(1);
    const prepare = Database.prototype.prepare;
    let prepared = 0;
    Database.prototype.prepare = function (this: Database.Database, ...args: Parameters<typeof prepare>) {
      prepared++;
      return prepare.apply(this, args);
    } as typeof prepare;
    try {
      cycle(2);
    } finally {
      Database.prototype.prepare = prepare;
    }
    expect(prepared).toBe(0);
  });
});

describe('writes go through repositories only', () => {
  it('a transaction rolls back every repository\'s writes together', () => {
    const before = store.projects.list().length;
    expect(() => store.transaction(() => {
      const p = store.projects.ensure('rolled back');
      store.searches.create(p.id, 's', {}, 1);
      throw new Error('stop');
    })).toThrow('stop');
    expect(store.projects.list()).toHaveLength(before);
    expect(store.projects.named('rolled back')).toBeUndefined();
  });
});
