import { describe, expect, it } from 'vitest';
import type { Spec } from '../../../src-core/spec/spec';
import { budgetPlan, STRATEGIES, type StrategySpec } from '../../../src-core/search/registry';
import type { StrategyDefinition } from '../../../src-core/search/strategy';
import { checkSpec } from '../../../src-core/service/workbench';
import { gridAxis } from '../../../src-core/search/space';
import { figure } from '../../../src-core/format';

/** The strategy object its schema makes (defaults filled), as a parsed spec holds it. */
const strategy = (o: Record<string, unknown>): StrategySpec => (STRATEGIES[o.kind as keyof typeof STRATEGIES].schema as { parse(x: unknown): unknown }).parse(o) as StrategySpec;
const budget = (trials: number | null, seconds?: number, noImprovement?: number): Spec['budget'] =>
  ({ ...(trials !== null ? { trials } : {}), ...(seconds !== undefined ? { seconds } : {}), ...(noImprovement !== undefined ? { noImprovement } : {}) });
const space5x5 = {
  lr: { type: 'float', low: 1e-4, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
} as unknown as Spec['space'];

describe('budget planning: each strategy says what a budget runs and what a smaller one cuts', () => {
  const c2f = (trials: number | null) => budgetPlan(strategy({ kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 10, keepTop: 3 }), budget(trials), null);

  it('coarse-to-fine 3 × 10 with a budget of 20 says round 3 never runs', () => {
    const p = c2f(20);
    expect(p).toMatchObject({ natural: 30, shape: '3 rounds × 10', planned: 20, cuts: 'the rounds' });
    expect(p.note).toBe('A budget of 20 runs rounds 1–2; round 3 never runs. The search narrows 1 time instead of 2. Clear the budget to run all 3 rounds × 10 = 30.');
    expect(c2f(25).note).toMatch(/^A budget of 25 runs rounds 1–2 and 5 of round 3's 10 trials\. /);
    expect(c2f(10).note).toMatch(/runs round 1; rounds 2–3 never run\. The search never narrows: this is a random search\./);
    expect(c2f(4).note).toMatch(/runs only 4 of round 1's 10 trials; rounds 2–3 never run/);
  });

  it('coarse-to-fine with no budget, or the exact one, runs every round; a bigger one lengthens the last', () => {
    expect(c2f(null)).toMatchObject({ natural: 30, planned: 30, cuts: null, note: '3 rounds × 10 = 30 trials; each round narrows the box around the best 3 so far.', placeholder: "30 (the strategy's)" });
    expect(c2f(30).cuts).toBeNull();
    expect(c2f(40)).toMatchObject({ planned: 40, cuts: null, note: '3 rounds × 10 = 30; the budget of 40 gives the last round 20 trials instead of 10.' });
  });

  it('settings left out take the strategy\'s defaults, from its schema', () => {
    expect(budgetPlan(strategy({ kind: 'coarse-to-fine' }), budget(null), null)).toMatchObject({ natural: 60, planned: 60, note: '3 rounds × 20 = 60 trials; each round narrows the box around the best 5 so far.' });
  });

  it('a grid of 25 with a budget of 20 drops the last values of the first knob, named; its size waits for a valid space', () => {
    const f = (trials: number | null) => budgetPlan(strategy({ kind: 'grid', points: 5 }), budget(trials), space5x5);
    expect(f(20)).toMatchObject({ natural: 25, shape: 'grid of 25 points', planned: 20, cuts: 'the grid' });
    expect(f(20).note).toBe('A budget of 20 runs 20 of the grid\'s 25 points (5 lr × 5 hiddenUnits). The grid runs in order, the last knob fastest, so lr = 1 is never tried. Clear the budget to run the whole grid, or use fewer points.');
    expect(f(12).note).toMatch(/so lr = 0\.1 and 1 are never tried, and lr = 0\.01 is tried with only 2 of the 5 combinations of hiddenUnits\./);
    // Small values as the trials table writes them (1e-5: figure), in the superscript prose writes powers of ten in, one notation for the sentence; never 0.00001.
    const tiny = budgetPlan(strategy({ kind: 'grid', points: 5 }), budget(12), { ...space5x5, lr: { type: 'float', low: 1e-7, high: 1e-3, log: true } } as unknown as Spec['space']);
    expect(tiny.note).toMatch(/so lr = 10⁻⁴ and 10⁻³ are never tried, and lr = 10⁻⁵ is tried with only 2 of the 5 combinations of hiddenUnits\./);
    const odd = budgetPlan(strategy({ kind: 'grid', points: 4 }), budget(5), { ...space5x5, lr: { type: 'float', low: 2.5e-6, high: 0.025, log: true } } as unknown as Spec['space']);
    const grid = gridAxis({ type: 'float', low: 2.5e-6, high: 0.025, log: true } as Parameters<typeof gridAxis>[0], 4) as number[];
    expect(grid.map(figure)).toEqual(['2.5e-6', '5.386e-5', '0.00116', '0.025']);
    expect(odd.note).toMatch(/so lr = 1\.16·10⁻³ and 2\.5·10⁻² are never tried, and lr = 5\.386·10⁻⁵ is tried with only 1 of the 4 combinations/);
    expect(f(null)).toMatchObject({ planned: 25, cuts: null, note: 'The whole grid runs: 5 lr × 5 hiddenUnits = 25 trials.', placeholder: "25 (the strategy's)" });
    expect(f(30)).toMatchObject({ planned: 25, note: 'The grid has 25 points (5 lr × 5 hiddenUnits): 25 trials run, not 30.' });
    const unknown = budgetPlan(strategy({ kind: 'grid', points: 5 }), budget(null), null);
    expect(unknown).toMatchObject({ natural: null, planned: null, cuts: null, note: "The grid's size shows once the spec is valid.", placeholder: "– (the grid's size)" });
  });

  it('random search: 20 unless a budget says otherwise; a wall-time budget and patience are mentioned', () => {
    const r = (trials: number | null, seconds?: number, patience?: number) => budgetPlan(strategy({ kind: 'random' }), budget(trials, seconds, patience), null);
    expect(r(null)).toMatchObject({ natural: null, shape: null, planned: 20, cuts: null, placeholder: '20 (default)' });
    expect(r(null).note).toBe('Random search has no size of its own: 20 trials unless you set a budget.');
    expect(r(7).note).toBe('7 trials (random: every knob uniform on its own scale).');
    expect(r(7, 60).note).toMatch(/ The wall-time budget \(60 s\) may stop it sooner\.$/);
    expect(r(7, undefined, 5).note).toMatch(/ It stops early after 5 trials without a better one\.$/);
  });

  it('TPE: its default number of trials, or the budget', () => {
    const t = (trials: number | null) => budgetPlan(strategy({ kind: 'tpe' }), budget(trials), null);
    expect(t(null)).toMatchObject({ planned: 50, note: 'TPE search has no size of its own: 50 trials unless you set a budget.', placeholder: '50 (default)' });
    expect(t(30).note).toBe('30 trials (TPE: model good and bad trials, propose where good ones are likelier).');
  });

  it('a re-run counts configurations × seeds; a smaller budget runs the first seeds of every configuration', () => {
    const configs = [0, 1, 2].map((trial) => ({ trial, knobs: { lr: 0.01 } }));
    const r = (trials: number | null) => budgetPlan(strategy({ kind: 'rerun', configs, seeds: 5 }), budget(trials), null);
    expect(r(null)).toMatchObject({ natural: 15, shape: '3 configurations × 5 seeds', planned: 15, cuts: null, note: '3 configurations × 5 seeds = 15 trials.' });
    expect(r(20)).toMatchObject({ planned: 15, note: '3 configurations × 5 seeds = 15 trials, not 20.' });
    expect(r(7)).toMatchObject({ planned: 7, cuts: 'the seeds', note: 'A budget of 7 runs every configuration with 2 seeds and 1 configuration with one more, not 5. Clear the budget to run all 3 configurations × 5 seeds = 15.' });
    expect(r(2).note).toMatch(/^A budget of 2 runs only 2 of the 3 configurations, with 1 seed\./);
  });

  it('a strategy without a budget of its own is named by its label, with its own default (nothing outside its file names a kind)', () => {
    const halton = (defaultTrials: number | null) => ({ ...STRATEGIES.random, kind: 'halton', label: 'halton: low-discrepancy points, spread evenly', defaultTrials }) as unknown as StrategyDefinition<string, { kind: string }>;
    const registry = STRATEGIES as unknown as Record<string, unknown>;
    const plan = (trials: number | null, defaultTrials: number | null) => {
      registry.halton = halton(defaultTrials);
      try {
        return budgetPlan({ kind: 'halton' } as unknown as StrategySpec, budget(trials), null);
      } finally {
        delete registry.halton;
      }
    };
    expect(plan(null, 30)).toMatchObject({ natural: null, planned: 30, cuts: null, note: 'Halton search has no size of its own: 30 trials unless you set a budget.', placeholder: '30 (default)' });
    expect(plan(null, null)).toMatchObject({ planned: null, note: 'Halton search runs its own number of trials.', placeholder: '– (the strategy decides)' });
    expect(plan(12, 30)).toMatchObject({ planned: 12, note: '12 trials (halton: low-discrepancy points, spread evenly).' });
  });
});

describe('the spec check carries the budget plan', () => {
  const spec = (over: Record<string, unknown>) => ({ dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } }, ...over });

  it('a valid spec: the plan counts what runs, as plannedTrials does', () => {
    const c = checkSpec(spec({ strategy: { kind: 'grid', points: 4 }, budget: { trials: 3 } }));
    expect(c.ok).toBe(true);
    expect(c.plannedTrials).toBe(3);
    expect(c.budget).toMatchObject({ natural: 4, shape: 'grid of 4 points', planned: 3, cuts: 'the grid' });
  });

  it('a spec refused elsewhere still says what its strategy and budget run; a grid waits for its space', () => {
    const bad = { lr: { type: 'float', low: 1, high: 0.1 } };
    const c2f = checkSpec(spec({ space: bad, strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 5, keepTop: 2 }, budget: { trials: 7 } }));
    expect(c2f.ok).toBe(false);
    expect(c2f.budget).toMatchObject({ natural: 10, planned: 7, cuts: 'the rounds' });
    const grid = checkSpec(spec({ space: bad, strategy: { kind: 'grid' } }));
    expect(grid.budget).toMatchObject({ natural: null, planned: null, note: "The grid's size shows once the spec is valid." });
  });

  it('no plan where the strategy or the budget is itself not valid (their issues say why)', () => {
    expect(checkSpec(spec({ strategy: { kind: 'coarse-to-fine', rounds: 0 } })).budget).toBeNull();
    expect(checkSpec(spec({ budget: { trials: -1 } })).budget).toBeNull();
    expect(checkSpec(spec({ strategy: { kind: 'bogus' } })).budget).toBeNull();
    expect(checkSpec('not a spec').budget).toBeNull();
    // Left out, the strategy is random's and the budget empty, as the spec's defaults have them.
    expect(checkSpec({ space: { lr: 3 } }).budget).toMatchObject({ planned: 20 });
  });
});
