import type { PruningBoard } from './board';
import type { PruneRule, PrunerKind } from '../vocabulary';

/**
 * One step of a trial as a pruner sees it. A step is an epoch, counted across folds for k-fold
 * (epoch e of fold f is step f·E + e, E the trial's epochs): see docs/pruning.md. A trial's value
 * at a step is its objective as of that step: the best value of the objective metric so far in
 * the fold being trained (a trial's objective is its best epoch's value, so this is what it would
 * be, had the trial stopped there). Values are oriented so that lower is better (maximized
 * metrics are negated before they reach a pruner).
 */
export interface StepReport {
  /** The trial's number in its search (its row on the board). */
  trial: number;
  /** 1-based step. */
  step: number;
  /** The trial's best value so far in the fold (what the board holds for it at this step). */
  value: number;
}

/** Why a trial was stopped: the rule, and the values it was compared with. Values are oriented (lower is better). */
export interface PruneVerdict {
  rule: PruneRule;
  step: number;
  /** The trial's value the rule judged: its best so far in the fold. */
  value: number;
  /** The value it had to match: the median, or the worst value still kept at the rung. */
  threshold: number;
  /** How many values it was compared with (ASHA, Hyperband: itself included). */
  compared: number;
  /** ASHA, Hyperband: the rung (0 = the bracket's first) and the number of values it keeps. */
  rung?: number;
  keep?: number;
  /** ASHA, Hyperband: the trial's place among the compared values (1 = best). */
  rank?: number;
  /** Hyperband: the trial's bracket. */
  bracket?: number;
}

/** What a pruner needs to know about the search when it is made. */
export interface PrunerSetup {
  /** The last step any trial of the search can reach (folds × the largest number of epochs). */
  maxSteps: number;
  /** The largest number of epochs a trial trains (one fold): the defaults of `minEpochs` and `warmupEpochs` follow it. */
  epochs: number;
  /** The search's seed (Hyperband derives each trial's bracket from it). */
  seed: number;
}

/**
 * Decides, after each step of a trial, whether the trial should stop, from the values other
 * trials of the search reached (read from the board). Pruners are pure: the same board and report
 * give the same verdict, on any thread. A pruner lists the steps it reads; the board keeps values
 * only there.
 *
 * @example
 *   const p = createPruner({ kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0 }, { maxSteps: 100, seed: 1 });
 *   p.watchedSteps();                                        // [1, 3, 9, 27, 81]
 *   board.write(7, board.column(3), 0.42);
 *   p.decide({ trial: 7, step: 3, value: 0.42 }, board); // null (keep going) or a verdict
 */
export interface Pruner {
  readonly kind: PrunerKind;
  /** The steps whose values decisions read, ascending. */
  watchedSteps(): number[];
  /** The steps at which trial `trial` can be stopped by a rung (ASHA, Hyperband; empty for the others). */
  rungSteps(trial: number): number[];
  /** The verdict after a step (the trial's value is on the board already), or null to go on. Never called at a trial's last step. */
  decide(report: StepReport, board: PruningBoard): PruneVerdict | null;
}
