import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetPlan } from '../../../src-core/search/registry';
import { createStrategy, plannedTrials, STRATEGIES, STRATEGY_KINDS, validateSpace, WAIT, type FinishedTrial, type Proposal, type RunningTrial, type StrategyKind, type Strategy } from '../../../src-core/search';
import { inBox, sampleIn, type Box } from '../../../src-core/search/space';
import { SpecError } from '../../../src-core/spec/errors';
import { parseSpec, trainConfigOf, type ParamSpec, type Spec } from '../../../src-core/spec/spec';

const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
  batchSize: { type: 'int', low: 8, high: 64, step: 8 },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.1 },
  l2: { type: 'float', low: 0, high: 0.01 },
  depth: { type: 'int', low: 1, high: 3 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
  init: { type: 'categorical', values: ['he_normal', { init: 'normal', initScale: 0.01 }] },
  activation: { type: 'categorical', values: ['tanh'] },
  epochs: { type: 'fixed', value: 3 },
};

/**
 * The contract every registered strategy keeps, run over each of them. The record below must name
 * every kind of the registry (the compiler says so), so a new strategy is tested here the day it is
 * registered.
 */
const configs: Record<StrategyKind, Record<string, unknown>[]> = {
  random: [{ kind: 'random' }],
  grid: [{ kind: 'grid', points: 3 }],
  'coarse-to-fine': [
    { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 10, keepTop: 3 },
    { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 14, keepTop: 4, within: 'tpe' },
  ],
  tpe: [
    { kind: 'tpe', startupTrials: 5 },
    { kind: 'tpe', startupTrials: 5, multivariate: false, constantLiar: false },
    { kind: 'tpe', startupTrials: 0, candidates: 3 },
  ],
  rerun: [
    { kind: 'rerun', configs: rerunConfigs(), seeds: 10 },
    { kind: 'rerun', configs: rerunConfigs(), seeds: 10, splitSeeds: true },
  ],
};

/**
 * Per kind, strategy objects its schema accepts but its `issues` refuses (for this file's space),
 * one for each rule `issues` checks; empty for a strategy that refuses nothing beyond its schema.
 * The compiler asks for every registered kind, so a new strategy's refusals are checked too: each
 * must name `strategy` or a key under it (`strategy.<key>`), or the editor cannot outline the field.
 */
const refused: Record<StrategyKind, Record<string, unknown>[]> = {
  random: [],
  grid: [{ kind: 'grid', points: 5, maxSize: 100 }],
  'coarse-to-fine': [{ kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 4, keepTop: 5 }],
  tpe: [],
  rerun: [{ kind: 'rerun', configs: [{ trial: 3, knobs: { ...rerunConfigs()[0].knobs, lr: 'fast' } }], seeds: 3 }],
};

/** Three configurations of the space below, as a re-run lists them (a search's trials 4, 9 and 17). */
function rerunConfigs(): { trial: number; knobs: Record<string, unknown> }[] {
  const base = { batchSize: 16, dropout: 0.1, l2: 0.001, depth: 2, activation: 'tanh', epochs: 3 };
  return [
    { trial: 4, knobs: { lr: 0.01, hiddenUnits: 64, ...base, optimizer: 'adam', init: 'he_normal' } },
    { trial: 9, knobs: { lr: 0.003, hiddenUnits: 32, ...base, optimizer: 'sgd', init: { init: 'normal', initScale: 0.01 } } },
    { trial: 17, knobs: { lr: 0.1, hiddenUnits: 8, ...base, optimizer: 'momentum', init: 'he_normal' } },
  ].map((c) => ({ trial: c.trial, knobs: Object.fromEntries(Object.keys(space).map((k) => [k, c.knobs[k as keyof typeof c.knobs]])) }));
}

const specOf = (strategy: Record<string, unknown>, seed = 1, over: Record<string, unknown> = {}): Spec =>
  parseSpec({ dataset: { builtin: 'iris' }, space, strategy, seed, budget: { trials: 30 }, ...over });

/** Best near lr = 1e-2 and 64 units; NaN (diverged) for lr above 0.3. */
const fakeObjective = (k: Record<string, unknown>): number =>
  (k.lr as number) > 0.3 ? NaN : Math.abs(Math.log10(k.lr as number) + 2) + Math.abs(Math.log2(k.hiddenUnits as number) - 6) / 4 + (k.dropout as number) + (k.optimizer === 'adam' ? 0 : 0.3);

interface Drive {
  objective?: (k: Record<string, unknown>) => number;
  /** Trials kept running (proposed, not finished) at any time: a simulated pool. */
  inFlight?: number;
  /** Which running trial finishes next (index into the running list). */
  pick?: (running: RunningTrial[], step: number) => number;
}

/** Propose n trials with a simulated pool: up to `inFlight` trials run at once, finishing in the order `pick` says. */
function drive(strategy: Strategy, n: number, d: Drive = {}): { proposals: Proposal[]; finished: FinishedTrial[] } {
  const objective = d.objective ?? fakeObjective;
  const inFlight = d.inFlight ?? 1;
  const finished: FinishedTrial[] = [];
  const running: RunningTrial[] = [];
  const proposals: Proposal[] = [];
  let next = 0;
  let step = 0;
  const finishOne = (): void => {
    const i = d.pick ? d.pick(running, step++) % running.length : 0;
    const [t] = running.splice(i, 1);
    const objectiveValue = objective(t.knobs);
    finished.push({ ...t, objective: objectiveValue, state: Number.isFinite(objectiveValue) ? 'complete' : 'failed' });
  };
  while (next < n) {
    if (running.length >= inFlight) {
      finishOne();
      continue;
    }
    const p = strategy.propose({ number: next, finished, running: [...running] });
    if (p === WAIT) {
      expect(running.length, 'a strategy waits only while something runs').toBeGreaterThan(0);
      finishOne();
      continue;
    }
    if (!p) break;
    proposals.push(p);
    running.push({ number: next++, round: p.round, knobs: p.knobs });
  }
  while (running.length) finishOne();
  return { proposals, finished };
}

function expectValid(spec: Spec, p: Proposal): void {
  const k = p.knobs;
  expect(Object.keys(k)).toEqual(Object.keys(space));
  expect(k.lr as number).toBeGreaterThanOrEqual(1e-5);
  expect(k.lr as number).toBeLessThanOrEqual(1);
  expect(Number.isInteger(k.hiddenUnits)).toBe(true);
  expect(k.hiddenUnits as number).toBeGreaterThanOrEqual(8);
  expect(k.hiddenUnits as number).toBeLessThanOrEqual(256);
  expect([8, 16, 24, 32, 40, 48, 56, 64]).toContain(k.batchSize);
  expect(k.dropout as number).toBeGreaterThanOrEqual(0);
  expect(k.dropout as number).toBeLessThanOrEqual(0.5);
  expect(Math.abs((k.dropout as number) * 10 - Math.round((k.dropout as number) * 10))).toBeLessThan(1e-9);
  expect(k.l2 as number).toBeGreaterThanOrEqual(0);
  expect(k.l2 as number).toBeLessThanOrEqual(0.01);
  expect([1, 2, 3]).toContain(k.depth);
  expect(['sgd', 'momentum', 'adam']).toContain(k.optimizer);
  expect(['he_normal', { init: 'normal', initScale: 0.01 }]).toContainEqual(k.init);
  expect(k.activation).toBe('tanh');
  expect(k.epochs).toBe(3);
  if (p.box) for (const [key, entry] of Object.entries(p.box)) expect(inBox(entry, k[key]), `${key} = ${JSON.stringify(k[key])} inside ${JSON.stringify(entry)}`).toBe(true);
  expect(() => trainConfigOf(spec, k)).not.toThrow();
}

const cases = STRATEGY_KINDS.flatMap((kind) => configs[kind].map((c) => [`${kind} ${JSON.stringify(c)}`, c] as const));

describe.each(cases)('strategy contract: %s', (_name, config) => {
  const spec = specOf(config);

  it('is valid for its own schema and plans a whole number of trials', () => {
    expect(() => validateSpace(spec)).not.toThrow();
    expect(Number.isInteger(plannedTrials(spec)) && plannedTrials(spec) >= 1).toBe(true);
  });

  it('plans the budget\'s trials when the budget names a number, never more', () => {
    // Every configuration here has at least 7 trials of its own (a grid or a re-run may have fewer than a larger budget, and runs those).
    for (const trials of [1, 7]) expect(plannedTrials(specOf(config, 1, { budget: { trials } })), `budget.trials = ${trials}`).toBe(trials);
    expect(plannedTrials(specOf(config, 1, { budget: { trials: 100_000 } }))).toBeLessThanOrEqual(100_000);
  });

  it('plans its defaultTrials when the budget names no number (the editor says that number), else a whole number of its own', () => {
    const definition = STRATEGIES[config.kind as StrategyKind];
    const unbudgeted = specOf(config, 1, { budget: {} });
    expect(unbudgeted.budget.trials ?? null).toBeNull();
    const planned = plannedTrials(unbudgeted);
    if (definition.defaultTrials !== null) expect(planned).toBe(definition.defaultTrials);
    expect(Number.isInteger(planned) && planned >= 1, `planned ${planned}`).toBe(true);
  });

  it('says in words what a budget runs (the editor shows it), counting the trials plannedTrials counts', () => {
    for (const b of [{}, { trials: 1 }, { trials: 7 }, { trials: 100_000 }]) {
      const s = specOf(config, 1, { budget: b });
      const plan = budgetPlan(s.strategy, s.budget, s.space);
      expect(plan.planned, `budget ${JSON.stringify(b)}`).toBe(plannedTrials(s));
      expect(plan.note.length).toBeGreaterThan(0);
      expect(plan.placeholder.length).toBeGreaterThan(0);
      // What it calls its own size is what runs when the budget names no number, and a budget that cuts says what it cuts.
      if (plan.natural !== null && b.trials === undefined) expect(plan.planned).toBe(plan.natural);
      if (plan.cuts !== null) expect(plan.planned).toBeLessThan(plan.natural ?? Infinity);
    }
  });

  it('proposes knobs inside the space (and inside its box) that make a valid train config: log, int, step, categorical and fixed knobs', () => {
    for (const inFlight of [1, 4]) for (const p of drive(createStrategy(spec), 40, { inFlight }).proposals) expectValid(spec, p);
  });

  it('is deterministic: the same spec and history give the same trials, with one worker and with a simulated pool', () => {
    expect(drive(createStrategy(spec), 30).proposals).toEqual(drive(createStrategy(spec), 30).proposals);
    const pool: Drive = { inFlight: 3, pick: (r, step) => (step * 7) % r.length };
    expect(drive(createStrategy(spec), 30, pool).proposals).toEqual(drive(createStrategy(spec), 30, pool).proposals);
  });

  it('depends on which trials finished, not on the order it was told of them', () => {
    const { proposals, finished: all } = drive(createStrategy(spec), 26);
    const finished = all.filter((t) => t.number < 25);
    const shuffled = [...finished].reverse();
    const running = [{ number: 25, round: proposals[25].round, knobs: proposals[25].knobs }];
    const a = createStrategy(spec).propose({ number: 26, finished, running });
    const b = createStrategy(spec).propose({ number: 26, finished: shuffled, running });
    expect(a).toEqual(b);
  });

  it('a fresh strategy shown the stored history proposes what the running one did (resume)', () => {
    const { proposals, finished } = drive(createStrategy(spec), 20);
    const resumed = createStrategy(spec);
    for (let n = 5; n < 20; n++) {
      const seen = finished.filter((t) => t.number < n);
      expect(resumed.propose({ number: n, finished: seen, running: [] })).toEqual(proposals[n]);
    }
  });

  it('handles a history where every trial failed, and trials still running', () => {
    const failing = drive(createStrategy(spec), 30, { objective: () => NaN, inFlight: 3 });
    expect(failing.proposals.length).toBeGreaterThan(0);
    for (const p of failing.proposals) expectValid(spec, p);
  });

  it('never ranks a pruned trial above one that ran its course: with enough complete trials, what pruned trials scored does not matter', () => {
    const { finished: all } = drive(createStrategy(spec), 40);
    // Every other trial that did not fail stopped early at epoch 1–3, with better values than any complete trial, then the same with worse
    // values (every other one of those that did not fail: strategies that search where the fake objective fails leave fewer of them).
    const ran = all.filter((t) => t.number < 30 && t.state !== 'failed').map((t) => t.number);
    const withPruned = (value: (t: FinishedTrial) => number): FinishedTrial[] =>
      all.filter((t) => t.number < 30).map((t) => (t.state === 'failed' || ran.indexOf(t.number) % 2 === 0 ? t : { ...t, state: 'pruned', step: 1 + (t.number % 3), objective: value(t) }));
    const better = withPruned((t) => -1 - t.number);
    const worse = withPruned((t) => 100 + t.number);
    expect(better.filter((t) => t.state === 'complete').length).toBeGreaterThanOrEqual(8);
    for (let n = 30; n < 36; n++) {
      const a = createStrategy(spec).propose({ number: n, finished: better, running: [] });
      const b = createStrategy(spec).propose({ number: n, finished: worse, running: [] });
      expect(a).toEqual(b);
      if (a && a !== WAIT) expectValid(spec, a);
    }
  });

  it('maximizes as well as it minimizes', () => {
    const max = specOf(config, 1, { objective: { metric: 'val_accuracy' } });
    for (const p of drive(createStrategy(max), 30, { objective: (k) => -fakeObjective(k) }).proposals) expectValid(max, p);
  });

  it('never lowers the round from one trial to the next', () => {
    const { proposals } = drive(createStrategy(spec), 30);
    for (let i = 1; i < proposals.length; i++) expect(proposals[i].round).toBeGreaterThanOrEqual(proposals[i - 1].round);
  });

  it('says what the views may draw (its traits), as it behaves: rounds when its trials come in rounds with boxes, densities when the strategy it makes has them', () => {
    const traits = STRATEGIES[config.kind as StrategyKind].traits(spec as never);
    const strategy = createStrategy(spec);
    expect(traits.densities, 'densities: the strategy answers densities()').toBe(typeof strategy.densities === 'function');
    const { proposals, finished } = drive(strategy, 30);
    expect(traits.rounds, 'rounds: its proposals carry a box or go past round 1').toBe(proposals.some((p) => p.box !== undefined || p.round > 1));
    if (traits.densities) expect(strategy.densities!({ finished, running: [] })).not.toBeNull();
  });

  it('works on a space of fixed knobs only', () => {
    // A re-run's configurations come from a search of this space, so they hold its knobs only.
    const strategy = config.kind === 'rerun' ? { ...config, configs: [{ trial: 0, knobs: { epochs: 2 } }] } : config;
    const fixed = parseSpec({ dataset: { builtin: 'iris' }, space: { epochs: { type: 'fixed', value: 2 } }, strategy, budget: { trials: 3 } });
    const { proposals } = drive(createStrategy(fixed), 3);
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) expect(p.knobs).toEqual({ epochs: 2 });
  });
});

describe.each(STRATEGY_KINDS.flatMap((kind) => refused[kind].map((c) => [`${kind} ${JSON.stringify(c)}`, kind, c] as const)))('strategy contract, refusals: %s', (_name, kind, config) => {
  it('is refused, every issue at `strategy` or one of its own keys (`strategy.<key>`), where the editor outlines it', () => {
    const spec = specOf(config);
    let issues: { path: string; message: string }[] = [];
    try {
      validateSpace(spec);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      issues = e.issues;
    }
    expect(issues.length, 'refused').toBeGreaterThan(0);
    const keys = Object.keys((STRATEGIES[kind].schema as unknown as { shape: Record<string, unknown> }).shape).filter((k) => k !== 'kind');
    for (const issue of issues) {
      const [head, key] = issue.path.split('.');
      expect(head, `${issue.path}: ${issue.message}`).toBe('strategy');
      if (key !== undefined) expect(keys, `${issue.path}: a key of the ${kind} schema`).toContain(key);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });
});

describe('the strategy registry', () => {
  it('registers every strategy defined in src-core/search/strategies/ (read from the folder, not from the registry)', async () => {
    const folder = join(__dirname, '..', '..', '..', 'src-core', 'search', 'strategies');
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const registered = Object.values(STRATEGIES) as unknown[];
    for (const file of files) {
      const module = (await import(join(folder, file))) as Record<string, unknown>;
      const definitions = Object.entries(module).filter(([, v]) => v !== null && typeof v === 'object' && 'kind' in v && 'schema' in v && 'create' in v);
      expect(definitions.length, `${file} defines a strategy (a StrategyDefinition export); helpers shared by strategies live beside it in src-core/search/`).toBeGreaterThan(0);
      for (const [name, definition] of definitions) {
        const kind = (definition as { kind: string }).kind;
        expect(registered, `${file}'s ${name} (kind "${kind}") is in STRATEGIES (src-core/search/registry.ts)`).toContain(definition);
        expect(STRATEGIES[kind as StrategyKind], `STRATEGIES["${kind}"] is ${file}'s ${name}`).toBe(definition);
      }
    }
  });
});

describe('sampleIn', () => {
  const lr: ParamSpec = { type: 'float', low: 1e-5, high: 1, log: true };
  const depth: ParamSpec = { type: 'int', low: 1, high: 3, log: false };
  it('takes a coordinate in [0, 1) and refuses any other, rather than piling draws on the box\'s edge', () => {
    const cases: [ParamSpec, Box[string]][] = [[lr, { low: 1e-5, high: 1 }], [depth, { low: 1, high: 3 }], [lr, { values: [0.1, 0.2] }]];
    for (const [p, entry] of cases) {
      expect(() => sampleIn(p, entry, 0)).not.toThrow();
      expect(() => sampleIn(p, entry, 0.999999)).not.toThrow();
      for (const u of [1, 1.5, -0.01, NaN, Infinity]) expect(() => sampleIn(p, entry, u), `u = ${u}`).toThrow(/coordinate must lie in \[0, 1\), got/);
    }
  });
});
