import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearch, Study } from '../../src-core/search/study';
import { Store } from '../../src-core/store/store';

/**
 * Whole searches over real worker threads and a real SQLite file, recorded before the strategy
 * interface existed (fixtures/strategy-searches.json): the same spec must give the same trials
 * (knobs, rounds, seeds, results) and the same coarse-to-fine boxes, with two workers.
 */
const base = {
  project: 'fixtures',
  dataset: { synthetic: 'moons', n: 240, noise: 0.2 },
  train: { epochs: 5, hiddenLayers: [8], optimizer: 'adam', batchSize: 32, earlyStopping: false },
  space: {
    lr: { type: 'float', low: 1e-4, high: 3, log: true },
    hiddenUnits: { type: 'int', low: 2, high: 24 },
    activation: { type: 'categorical', values: ['relu', 'tanh'] },
  },
  diagnostics: { every: 0 },
};
const searches: Record<string, Record<string, unknown>> = {
  random: { ...base, name: 'random', strategy: { kind: 'random' }, budget: { trials: 8 }, seed: 5 },
  grid: { ...base, name: 'grid', strategy: { kind: 'grid', points: 2 }, seed: 6 },
  c2f: { ...base, name: 'c2f', strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 4, keepTop: 2 }, seed: 7 },
};

describe('whole searches propose the recorded trials', () => {
  it('random, grid and coarse-to-fine with two workers', async () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'knobs-fixtures-')), 'f.db'));
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(searches)) {
      const { id } = createSearch(store, spec);
      await new Study(store, id, { workers: 2 }).run();
      out[name] = {
        trials: store.trials.list(id).map((t) => ({ number: t.number, round: t.round, status: t.status, knobs: JSON.parse(t.knobs), seed: t.seed, objective: t.objective })),
        rounds: store.rounds.list(id),
      };
    }
    store.close();
    const text = Object.entries(out).map(([name, r]) => {
      const { trials, rounds } = r as { trials: unknown[]; rounds: unknown };
      return ` ${JSON.stringify(name)}: {\n  "trials": [\n${trials.map((t) => `   ${JSON.stringify(t)}`).join(',\n')}\n  ],\n  "rounds": ${JSON.stringify(rounds)}\n }`;
    });
    await expect(`{\n${text.join(',\n')}\n}\n`).toMatchFileSnapshot('./fixtures/strategy-searches.json');
  });
});
