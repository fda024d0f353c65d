import type { ImportanceStep, PruningSummary } from '../api/contract';
import type { Issue } from '../errors';
import { describePruner } from '../prune/describe';
import type { WorkerPruning } from '../runner/protocol';
import { BoardState, createPruner, PruningBoard, TrialPruning, type Pruner, type PrunerSetup } from '../prune';
import type { Spec } from '../spec/spec';
import { isBundle, trainConfigOf } from '../spec/spec';
import type { Store, TrialRow } from '../store/store';
import { unpackChunks } from '../store/chunks';
import { PRUNED_TRIAL_STATUSES, RESULT_TRIAL_STATUSES } from '../vocabulary';

/** A study's side of pruning on the main thread: the pruner, its board, and what the workers get. */
export interface StudyPruning {
  pruner: Pruner;
  board: PruningBoard;
  init: WorkerPruning;
}

/** The most epochs any trial of the spec can train: `train.epochs`, or the largest value the `epochs` knob (or a bundle setting it) can take. */
export function maxEpochsOf(spec: Spec): number {
  let max = trainConfigOf(spec).epochs;
  for (const [key, p] of Object.entries(spec.space)) {
    const values: unknown[] = p.type === 'fixed' ? [p.value] : p.type === 'categorical' ? p.values : key === 'epochs' ? [p.high, ...(p.values ?? [])] : [];
    for (const v of values) {
      const e = key === 'epochs' ? v : isBundle(v) ? v.epochs : undefined;
      if (typeof e === 'number' && Number.isFinite(e)) max = Math.max(max, Math.floor(e));
    }
  }
  return max;
}

/**
 * Make the pruner and its board for a search (null without a pruner) and write onto the board
 * every stored trial that will not run again, from its stored epochs and status: a resumed search
 * judges new trials against exactly what was stored, and keeps every stored decision.
 */
export function preparePruning(spec: Spec, folds: number, store: Store, searchId: number, planned: number, stored: TrialRow[]): StudyPruning | null {
  const setup = prunerSetup(spec, folds);
  const pruner = createPruner(spec.pruner, setup);
  if (!pruner) return null;
  const capacity = Math.max(planned, ...stored.map((t) => t.number + 1));
  const board = PruningBoard.create(pruner.watchedSteps(), capacity);
  const byNumber = new Map(stored.map((t) => [t.number, t]));
  board.ensureRows(Math.max(0, ...stored.map((t) => t.number + 1)));
  const fixed = trainConfigOf(spec).epochs;
  const variable = 'epochs' in spec.space || hasBundles(spec);
  const epochsOf = (t: TrialRow): number => (variable ? safeEpochs(() => trainConfigOf(spec, JSON.parse(t.knobs)).epochs, fixed) : fixed);
  let current = null as { number: number; tp: TrialPruning } | null;
  for (const { number, chunk } of store.epochs.ofSearch(searchId)) {
    const t = byNumber.get(number);
    if (!t) continue;
    if (current?.number !== number) current = { number, tp: new TrialPruning(pruner, board, number, epochsOf(t), folds, spec.objective.metric, spec.objective.direction) };
    for (const m of unpackChunks([chunk])) current.tp.record(m);
  }
  for (const t of stored) board.setState(t.number, boardStateOf(t));
  return { pruner, board, init: { spec: spec.pruner, setup, board: board.buffer, metric: spec.objective.metric, direction: spec.objective.direction } };
}

/** Each trial's value at the steps a search's pruner watches, read back from its stored epochs (`watchedValues`). */
export interface WatchedValues {
  /** The watched steps before a trial's last, each with how many trials reached it. */
  steps: ImportanceStep[];
  /** The trials that reached a step with a value, each with its best value so far in the fold there (the objective's own units); none at a step not watched. */
  at(step: number): { trial: TrialRow; value: number }[];
}

/**
 * Each trial's value at the steps the search's pruner watches, as the pruner compared them (its
 * best value so far in the fold, in the objective's units), read back from the stored epochs the
 * way a resumed search reads them (`preparePruning`); null without a pruner. Only trials with a
 * result count (complete, early-stopped, pruned): a failed or diverged trial's values before it
 * blew up say nothing of where it ends. A trial that stopped early, before a step, has no value there.
 */
export function watchedValues(spec: Spec, store: Store, searchId: number, trials: TrialRow[]): WatchedValues | null {
  const folds = spec.split.kind === 'kfold' ? spec.split.k : 1;
  const prepared = preparePruning(spec, folds, store, searchId, trials.length, trials);
  if (!prepared) return null;
  const { pruner, board } = prepared;
  const setup = prunerSetup(spec, folds);
  const sign = spec.objective.direction === 'minimize' ? 1 : -1;
  const counted = trials.filter((t) => RESULT_STATUSES.includes(t.status));
  const at = (step: number): { trial: TrialRow; value: number }[] => {
    const col = board.column(step);
    if (col < 0) return [];
    return counted.flatMap((trial) => {
      const v = board.value(trial.number, col);
      return Number.isFinite(v) ? [{ trial, value: sign * v }] : [];
    });
  };
  const steps = pruner.watchedSteps().filter((step) => step < setup.maxSteps).map((step) => {
    const fold = Math.floor((step - 1) / setup.epochs);
    return { step, fold, folds: setup.maxSteps / setup.epochs, epoch: step - fold * setup.epochs, trials: at(step).length };
  });
  return { steps, at };
}

/** The statuses of a trial that ended with a result, whether it ran to its end or was pruned. */
const RESULT_STATUSES: readonly string[] = [...RESULT_TRIAL_STATUSES, ...PRUNED_TRIAL_STATUSES];

/** A stored trial's state on the board. */
export function boardStateOf(t: Pick<TrialRow, 'status' | 'stop_reason'>): BoardState {
  if (t.status === 'pruned' || t.stop_reason === 'pruned') return BoardState.pruned;
  if (t.status === 'complete' || t.status === 'early_stopped') return BoardState.finished;
  return BoardState.other;
}

function hasBundles(spec: Spec): boolean {
  return Object.values(spec.space).some((p) => p.type === 'categorical' && p.values.some((v) => isBundle(v) && 'epochs' in v));
}

function safeEpochs(f: () => number, fallback: number): number {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/** What a pruner of this spec sees: a trial's steps (its folds × the most epochs), the epochs of one fold, and the search's seed. */
export function prunerSetup(spec: Spec, folds = spec.split.kind === 'kfold' ? spec.split.k : 1): PrunerSetup {
  const epochs = maxEpochsOf(spec);
  return { maxSteps: folds * epochs, epochs, seed: spec.seed };
}

/**
 * A pruner set to judge only at or after a trial's last epoch would never prune: refused at the
 * setting that says so (minEpochs, warmupEpochs), when the spec sets it (a tenth of the epochs, the
 * default, is always earlier where pruning can do anything).
 */
export function prunerIssues(spec: Spec): Issue[] {
  const p = spec.pruner;
  const setup = prunerSetup(spec);
  const steps = `${setup.maxSteps} epoch${setup.maxSteps === 1 ? '' : 's'}${setup.maxSteps > setup.epochs ? ` (${setup.maxSteps / setup.epochs} folds × ${setup.epochs})` : ''}`;
  if (p.kind === 'median' && p.warmupEpochs !== undefined && p.warmupEpochs >= setup.maxSteps - 1) {
    return [{ path: 'pruner.warmupEpochs', message: `${p.warmupEpochs} leaves no epoch to judge: a trial trains at most ${steps}; use fewer than ${Math.max(1, setup.maxSteps - 1)}` }];
  }
  if ((p.kind === 'asha' || p.kind === 'hyperband') && p.minEpochs !== undefined) {
    const pruner = createPruner(p, setup);
    if (pruner && !pruner.watchedSteps().some((step) => step < setup.maxSteps)) {
      return [{ path: 'pruner.minEpochs', message: `a first rung at epoch ${p.minEpochs} comes at or after a trial's last (it trains at most ${steps}), so nothing would be pruned; use a minEpochs below ${setup.maxSteps}` }];
    }
  }
  return [];
}

/** What a spec's pruner will do, in words (the editor shows it under the pruner's settings; empty without a pruner, whose label says it all). */
export function prunerSentence(spec: Spec): string {
  return describePruner(spec.pruner, prunerSetup(spec))?.description ?? '';
}

/**
 * What the dashboard shows of a search's pruner (null without one): the rule in words, the epochs
 * of its rungs, and the epochs the search trained against those it would have trained had no trial
 * been pruned (every pruned trial's remaining steps added back).
 */
export function pruningSummary(spec: Spec, store: Store, searchId: number): PruningSummary | null {
  if (spec.pruner.kind === 'none') return null;
  const described = describePruner(spec.pruner, prunerSetup(spec));
  const trained = store.epochs.count(searchId);
  return {
    kind: spec.pruner.kind, description: described?.description ?? '', rungs: described?.rungs ?? [],
    epochsTrained: trained, epochsUnpruned: trained + store.trials.prunedSteps(searchId),
  };
}
