import type { z } from 'zod';
import type { Issue } from '../errors';
import type { BudgetPlan, DensityView, StrategyTraits } from '../api/contract';
import type { Spec } from '../spec/spec';
import type { Box } from './space';

/**
 * How a finished trial counts for a strategy: `complete` has an objective; `pruned` has the
 * objective at the epoch (`step`) where it was stopped; `diverged` has none (objective NaN) but is
 * a result, the worst there is (its loss blew up at these knobs); `failed` (an error, a cancelled
 * trial) has none and says nothing about its knobs.
 */
export type FinishedState = 'complete' | 'pruned' | 'diverged' | 'failed';

/** A finished trial as strategies see it. */
export interface FinishedTrial {
  number: number;
  round: number;
  knobs: Record<string, unknown>;
  /** The objective (NaN for diverged and failed trials). */
  objective: number;
  state: FinishedState;
  /** The last epoch of a pruned trial. */
  step?: number;
}

/** A trial handed to a worker and not finished yet (queued or training). */
export interface RunningTrial {
  number: number;
  round: number;
  knobs: Record<string, unknown>;
}

/** What a strategy is asked: knobs for trial `number`, knowing what has finished and what is still running. */
export interface ProposeInput {
  number: number;
  /** Every finished trial of the search, in the order they finished. */
  finished: readonly FinishedTrial[];
  /** Trials handed out and not finished yet, by number. */
  running: readonly RunningTrial[];
}

/** Knobs for one trial, the round it belongs to, and the box it was drawn from (when the strategy has boxes). */
export interface Proposal {
  knobs: Record<string, unknown>;
  /** 1-based round (always 1 for strategies without rounds). */
  round: number;
  /** The box of the proposal's round (coarse-to-fine); the study stores it when the round starts. */
  box?: Box;
  /** The model seed the strategy chose for this trial (a re-run); otherwise the study derives one from the search's seed and the trial number. */
  seed?: number;
  /** The data split's seed the strategy chose (a re-run with split seeds); otherwise the split follows the search's seed. */
  splitSeed?: number;
}

/** Not now: a running trial must finish first (a coarse-to-fine round waits for the rounds before it). */
export const WAIT = 'wait' as const;

export type { DensityView, KnobDensity } from '../api/contract';

/**
 * A search strategy: proposes each trial's knobs. A proposal depends only on the spec (its seed),
 * the trial number and the finished and running trials it is shown, never on timing; with one
 * worker that makes a whole search reproducible.
 *
 * @example
 *   const s = createStrategy(spec);
 *   const p = s.propose({ number: 0, finished: [], running: [] });   // { knobs: { lr: 0.003, … }, round: 1 }
 */
export interface Strategy {
  /**
   * Trials kept handed out per worker (default 2: the next one waits in the worker, so it never idles
   * while the main thread records a result). A model-based strategy says 1: each proposal then sees
   * every result but the ones still training, at the cost of a worker idling for the main thread's
   * turn between trials (well under a millisecond).
   */
  readonly queuePerWorker?: number;
  /**
   * Knobs for trial `number`; WAIT when it can only be proposed after a running trial finishes;
   * null when the strategy has nothing left (an exhausted grid).
   */
  propose(input: ProposeInput): Proposal | typeof WAIT | null;
  /** Told of every trial as it finishes, in finishing order (optional). */
  trialFinished?(trial: FinishedTrial): void;
  /** What the strategy's model looks like now, for the search-space view (optional: TPE). */
  densities?(input: Omit<ProposeInput, 'number'>): DensityView | null;
}

/** A strategy's account of its budget (`StrategyDefinition.budget`); the empty trials box says `natural` unless it names its own `placeholder`. */
export type StrategyBudget = Omit<BudgetPlan, 'placeholder'> & { placeholder?: string };

/** A spec whose strategy is of kind S. */
export type SpecWith<S> = Omit<Spec, 'strategy'> & { strategy: S };

/**
 * Everything Knobs knows about one kind of strategy: its spec schema (with `kind` as a literal),
 * how many trials it plans, what it refuses beyond the schema, and how to make one. A new
 * strategy is its file in `strategies/`, one line in the registry (`registry.ts`, before `rerun`),
 * its entries in test/unit/search/contract.test.ts (the compiler asks for them), its own tests and
 * its README line: docs/ARCHITECTURE.md, "Where to add", lists each step.
 */
export interface StrategyDefinition<K extends string, S extends { kind: K }> {
  readonly kind: K;
  /** One line for the editor's strategy menu. */
  readonly label: string;
  /** Made from another search's results (a seed re-run): left out of the editor's menu, whose specs start from nothing. */
  readonly fromSearch?: boolean;
  /** The spec's `strategy` object for this kind; defaults fill every optional key. */
  readonly schema: z.ZodType<S, unknown>;
  /** Help text per key of the schema (the editor shows it next to the field). */
  readonly help: Partial<Record<Exclude<keyof S, 'kind'>, string>>;
  /** Trials it runs when the budget names no number; null when its own settings (or the space) decide. */
  readonly defaultTrials: number | null;
  /** How many trials a search with this strategy runs (the budget where one is set). */
  plannedTrials(spec: SpecWith<S>): number;
  /**
   * What a budget of `trials` (null: none set) runs of this strategy, in words for the editor: its own
   * size, the trials that run, and what a smaller budget leaves out (a grid's last points, the last
   * rounds). `space` is null while another part of the spec is not valid. Optional: without it the
   * strategy has no size of its own, and its `label` and `defaultTrials` say what runs
   * (`budgetPlan` in registry.ts). Its `planned` must be `plannedTrials`' (the contract suite checks).
   */
  budget?(strategy: S, trials: number | null, space: Spec['space'] | null): StrategyBudget;
  /** Problems the schema cannot see (e.g. a grid larger than its maxSize), each naming its key. */
  issues(spec: SpecWith<S>): Issue[];
  /**
   * Settings that are valid but will not do what they seem to with `planned` trials (TPE whose
   * startup takes the whole budget), each naming its key: said before the search runs, which it still
   * does (search/cautions.ts). Optional.
   */
  cautions?(spec: SpecWith<S>, planned: number): Issue[];
  /**
   * What a search with this spec makes that the views draw (`SearchDetail.traits`): rounds, each
   * with its box (a Proposal's `box`, a round above 1); densities (the `densities` of the Strategy
   * `create` makes). The views read these, never the strategy's name, so a new strategy needs no
   * change in them; the contract suite checks them against what the strategy does.
   */
  traits(spec: SpecWith<S>): StrategyTraits;
  create(spec: SpecWith<S>): Strategy;
}

/** Trials best first for the direction: complete trials by objective, then pruned ones (later epochs first, then by objective), diverged and failed last; ties by trial number. */
export function rank<T extends FinishedTrial>(trials: readonly T[], direction: 'minimize' | 'maximize'): T[] {
  const sign = direction === 'minimize' ? 1 : -1;
  const tier = (t: T): number => (t.state === 'complete' && Number.isFinite(t.objective) ? 0 : t.state === 'pruned' && Number.isFinite(t.objective) ? 1 : 2);
  return [...trials].sort((x, y) => {
    const a = tier(x);
    const b = tier(y);
    if (a !== b) return a - b;
    if (a === 1 && (x.step ?? 0) !== (y.step ?? 0)) return (y.step ?? 0) - (x.step ?? 0);
    if (a < 2 && x.objective !== y.objective) return sign * (x.objective - y.objective);
    return x.number - y.number;
  });
}
