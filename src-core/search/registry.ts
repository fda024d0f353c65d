import { z } from 'zod';
import type { BudgetPlan, StrategyForm } from '../api/contract';
import type { Issue } from '../errors';
import type { Spec } from '../spec/spec';
import { settingFields } from '../spec/settings';
import { choiceList, describeValue } from '../spec/errors';
import { coarseToFine } from './strategies/coarse-to-fine';
import { grid } from './strategies/grid';
import { random } from './strategies/random';
import { tpe } from './strategies/tpe';
import { rerun } from './strategies/rerun';
import type { Strategy, StrategyBudget, StrategyDefinition } from './strategy';
import { plural } from '../format';

/** Each entry's `kind` must be its own key: the compiler refuses a registry that disagrees with itself. */
type Registry<R> = { [K in keyof R]: K extends string ? StrategyDefinition<K, { kind: K }> : never };
const registry = <R extends Registry<R>>(r: R): R => r;

/**
 * Every strategy Knobs knows, by the `kind` a spec names. This object is the one list: the spec's
 * schema, the editor's strategy menu and `createStrategy` all derive from it, so a kind that is not
 * here cannot be written, validated or run. Its order is the editor's menu order: a new kind goes
 * before `rerun`. test/unit/search/contract.test.ts fails on a file in `strategies/` missing here.
 */
export const STRATEGIES = registry({
  random,
  grid,
  'coarse-to-fine': coarseToFine,
  tpe,
  rerun,
});

/** A strategy kind a spec may name. */
export type StrategyKind = keyof typeof STRATEGIES;
/** Every strategy kind, in menu order. */
export const STRATEGY_KINDS = Object.keys(STRATEGIES) as StrategyKind[];
/** The kinds the editor's menu offers: every kind but those made from another search (a seed re-run). */
export const EDITOR_STRATEGY_KINDS = STRATEGY_KINDS.filter((k) => !(STRATEGIES[k] as { fromSearch?: boolean }).fromSearch);

type SpecOf<K extends StrategyKind> = (typeof STRATEGIES)[K] extends StrategyDefinition<K, infer S> ? S : never;
/** The spec's `strategy` object (defaults filled), one variant per registered kind. */
export type StrategySpec = { [K in StrategyKind]: SpecOf<K> }[StrategyKind];

/** The spec's `strategy` key: the union of every registered strategy's schema, told apart by `kind`. */
export const strategySchema = z.discriminatedUnion(
  'kind',
  Object.values(STRATEGIES).map((d) => d.schema) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string> }>, ...z.ZodObject<{ kind: z.ZodLiteral<string> }>[]],
  // An unknown kind is answered with the kinds a spec is written with: a re-run's kind is made by `knobs rerun`, not typed.
  { error: (issue) => (issue.code === 'invalid_union' && issue.discriminator === 'kind' ? unknownKindMessage(issue.input) : undefined) },
) as unknown as z.ZodType<StrategySpec, unknown>;

function unknownKindMessage(input: unknown): string {
  const got = input !== null && typeof input === 'object' && 'kind' in input ? (input as { kind: unknown }).kind : undefined;
  const valid = `expected one of ${choiceList(EDITOR_STRATEGY_KINDS)}`;
  return got === undefined ? `missing: ${valid}` : `${valid}, got ${describeValue(got)}`;
}

/** The definition a spec's strategy names, typed for that spec. */
export function definitionOf(spec: Spec): StrategyDefinition<StrategyKind, StrategySpec> {
  return STRATEGIES[spec.strategy.kind] as unknown as StrategyDefinition<StrategyKind, StrategySpec>;
}

/** Each strategy's settings for the editor, read from its schema (type, bounds, default, choices) and its help texts. */
export function strategyForms(): StrategyForm[] {
  return EDITOR_STRATEGY_KINDS.map((kind) => {
    const def = STRATEGIES[kind] as unknown as StrategyDefinition<string, { kind: string }>;
    return { kind, label: def.label, fields: settingFields(def.schema, def.help as Partial<Record<string, string>>), defaultTrials: def.defaultTrials };
  });
}

/** A fresh strategy for a spec (the kind it names; there is no fallback). */
export function createStrategy(spec: Spec): Strategy {
  return definitionOf(spec).create(spec);
}

/** How many trials a search plans: its strategy decides (the budget's `trials` where set). */
export function plannedTrials(spec: Spec): number {
  return definitionOf(spec).plannedTrials(spec);
}

/** What the spec's strategy refuses beyond its schema, each problem at its key. */
export function strategyIssues(spec: Spec): Issue[] {
  return definitionOf(spec).issues(spec);
}

/**
 * What a strategy and a budget will run, in words for the editor: the strategy's own account
 * (`StrategyDefinition.budget`) where it has a size of its own, else one made from its label and
 * `defaultTrials` ("Random search has no size of its own: 20 trials unless you set a budget"), then
 * what the budget's time or patience may cut short. `space` is null while the rest of the spec is
 * not valid.
 */
export function budgetPlan(strategy: StrategySpec, budget: Spec['budget'], space: Spec['space'] | null): BudgetPlan {
  const def = STRATEGIES[strategy.kind] as unknown as StrategyDefinition<string, { kind: string }>;
  const trials = budget.trials ?? null;
  const own = def.budget?.(strategy, trials, space) ?? sizeless(def, trials);
  const sooner = [
    budget.seconds !== undefined ? ` The wall-time budget (${budget.seconds} s) may stop it sooner.` : '',
    budget.noImprovement !== undefined ? ` It stops early after ${plural(budget.noImprovement, 'trial')} without a better one.` : '',
  ].join('');
  const placeholder = own.placeholder ?? (own.natural !== null ? `${own.natural} (the strategy's)` : def.defaultTrials !== null ? `${def.defaultTrials} (default)` : '– (the strategy decides)');
  return { ...own, note: `${own.note}${sooner}`, placeholder };
}

/** A strategy with no size of its own (random, TPE, one added later): named by its label ("random: every knob uniform on its own scale"), its default from `defaultTrials`. */
function sizeless(def: StrategyDefinition<string, { kind: string }>, trials: number | null): StrategyBudget {
  const head = def.label.split(':')[0].trim() || def.kind;
  const name = `${head.charAt(0).toUpperCase()}${head.slice(1)} search`;
  if (trials !== null) return { natural: null, shape: null, planned: trials, cuts: null, note: `${plural(trials, 'trial')} (${def.label}).` };
  if (def.defaultTrials === null) return { natural: null, shape: null, planned: null, cuts: null, note: `${name} runs its own number of trials.` };
  return { natural: null, shape: null, planned: def.defaultTrials, cuts: null, note: `${name} has no size of its own: ${def.defaultTrials} trials unless you set a budget.` };
}
