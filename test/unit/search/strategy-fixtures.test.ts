import { describe, expect, it } from 'vitest';
import { createStrategy, WAIT, type FinishedTrial } from '../../../src-core/search';
import { parseSpec } from '../../../src-core/spec/spec';

/**
 * The trials random, grid and coarse-to-fine propose for several specs and seeds, recorded from the
 * samplers as they were before the strategy interface existed (commit 0faa146) (fixtures/strategy-trials.json). Any
 * change of behaviour shows up here as a diff of that file.
 */
const spaces: Record<string, Record<string, unknown>> = {
  mixed: {
    lr: { type: 'float', low: 1e-5, high: 1, log: true },
    hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
    dropout: { type: 'float', low: 0, high: 0.5, step: 0.1 },
    optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
  },
  steps: {
    batchSize: { type: 'int', low: 8, high: 64, step: 8 },
    l2: { type: 'float', low: 0, high: 0.01 },
    momentum: { type: 'float', low: 0.5, high: 0.99, values: [0.5, 0.9, 0.99] },
    init: { type: 'categorical', values: ['he_normal', { init: 'normal', initScale: 0.01 }, 'xavier_uniform'] },
    epochs: { type: 'fixed', value: 7 },
    depth: { type: 'int', low: 1, high: 4 },
  },
};

const cases: { name: string; space: keyof typeof spaces; strategy: Record<string, unknown>; seed: number; trials: number }[] = [
  { name: 'random mixed s0', space: 'mixed', strategy: { kind: 'random' }, seed: 0, trials: 25 },
  { name: 'random mixed s42', space: 'mixed', strategy: { kind: 'random' }, seed: 42, trials: 25 },
  { name: 'random steps s7', space: 'steps', strategy: { kind: 'random' }, seed: 7, trials: 25 },
  { name: 'grid mixed p3', space: 'mixed', strategy: { kind: 'grid', points: 3 }, seed: 0, trials: 100 },
  { name: 'grid steps p2', space: 'steps', strategy: { kind: 'grid', points: 2 }, seed: 5, trials: 30 },
  { name: 'c2f mixed s1', space: 'mixed', strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 8, keepTop: 3 }, seed: 1, trials: 24 },
  { name: 'c2f mixed s9 wide', space: 'mixed', strategy: { kind: 'coarse-to-fine', rounds: 4, trialsPerRound: 6, keepTop: 2, margin: 0.3, minFraction: 0.2 }, seed: 9, trials: 30 },
  { name: 'c2f steps s3', space: 'steps', strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 7, keepTop: 4, margin: 0 }, seed: 3, trials: 21 },
];

/** A made-up objective with failures: NaN where lr is high or the batch is large and shallow. */
function fakeObjective(k: Record<string, unknown>): number {
  if (typeof k.lr === 'number') {
    if (k.lr > 0.2) return NaN;
    return Math.abs(Math.log10(k.lr) + 2.3) + Math.abs(Math.log2(k.hiddenUnits as number) - 6) / 4 + (k.dropout as number) + (k.optimizer === 'adam' ? 0 : 0.4);
  }
  if ((k.batchSize as number) >= 56 && k.depth === 1) return NaN;
  return (k.batchSize as number) / 64 + (k.l2 as number) * 30 + Math.abs((k.momentum as number) - 0.9) + (k.depth as number) * 0.1 + (typeof k.init === 'string' ? 0.2 : 0);
}

/** Propose trial after trial, each seeing every earlier trial finished (one worker, no queue). */
function record(c: (typeof cases)[number]) {
  const spec = parseSpec({ dataset: { builtin: 'iris' }, space: spaces[c.space], strategy: c.strategy, seed: c.seed, budget: { trials: c.trials } });
  const strategy = createStrategy(spec);
  const history: FinishedTrial[] = [];
  const trials: { number: number; round: number; knobs: Record<string, unknown> }[] = [];
  const boxes: Record<number, unknown> = {};
  for (let i = 0; i < c.trials; i++) {
    const p = strategy.propose({ number: i, finished: history, running: [] });
    if (p === WAIT) throw new Error('nothing is running: a strategy must not wait');
    if (!p) break;
    if (c.strategy.kind === 'coarse-to-fine') boxes[p.round] ??= p.box;
    trials.push({ number: i, round: p.round, knobs: p.knobs });
    const objective = fakeObjective(p.knobs);
    history.push({ number: i, round: p.round, knobs: p.knobs, objective, state: Number.isFinite(objective) ? 'complete' : 'failed' });
  }
  return { trials, boxes };
}

describe('random, grid and coarse-to-fine propose the recorded trials', () => {
  it('for every recorded spec and seed', async () => {
    const text = cases.map((c) => {
      const { trials, boxes } = record(c);
      const lines = trials.map((t) => `   ${JSON.stringify(t)}`).join(',\n');
      return ` ${JSON.stringify(c.name)}: {\n  "trials": [\n${lines}\n  ],\n  "boxes": ${JSON.stringify(boxes)}\n }`;
    });
    await expect(`{\n${text.join(',\n')}\n}\n`).toMatchFileSnapshot('./fixtures/strategy-trials.json');
  });
});
