import type { ObjectiveMetric } from '../spec/spec';
import type { EpochMetrics } from '../train/types';
import { BoardState, type PruningBoard } from './board';
import type { Pruner, PruneVerdict } from './pruner';

/** A verdict in the objective's own units (not oriented), with the fold and epoch it was taken at. */
export type PruneDecision = PruneVerdict & { fold: number; epoch: number };

/** The objective metric's value in one epoch's record (NaN when the run does not report it). */
export function epochValue(m: EpochMetrics, metric: ObjectiveMetric): number {
  const v = {
    val_loss: m.valLoss, val_accuracy: m.valAccuracy, val_balanced_accuracy: m.valBalancedAccuracy, val_rmse: m.valRmse, val_mae: m.valMae, val_r2: m.valR2, train_loss: m.trainLoss,
  }[metric];
  return v === null || v === undefined ? NaN : v;
}

/**
 * One trial's side of pruning, on the thread that trains it: after each epoch it writes the
 * trial's best value so far in the fold to the board (where the pruner watches that step) and
 * asks the pruner, so a
 * decision takes effect at the very epoch it is taken, with no message to the main thread. Steps
 * count epochs across folds (fold f's epoch e is step f·epochs + e); the trial's last step is
 * never judged, since stopping there saves nothing.
 *
 * @example
 *   const tp = new TrialPruning(pruner, board, 7, 100, 1, 'val_loss', 'minimize');
 *   trainConfiguration({ ...job, prune: (m) => tp.afterEpoch(m) });
 *   tp.end(result.stopReason === 'pruned' ? BoardState.pruned : BoardState.finished);
 */
export class TrialPruning {
  private fold = -1;
  private best = Infinity;
  private readonly lastStep: number;
  private readonly sign: 1 | -1;

  constructor(
    private readonly pruner: Pruner,
    private readonly board: PruningBoard,
    readonly trial: number,
    private readonly epochs: number,
    folds: number,
    private readonly metric: ObjectiveMetric,
    direction: 'minimize' | 'maximize',
  ) {
    this.lastStep = folds * epochs;
    this.sign = direction === 'minimize' ? 1 : -1;
  }

  /** Record an epoch; the decision to stop the trial now, or null to go on. */
  afterEpoch(m: EpochMetrics): PruneDecision | null {
    const step = this.record(m);
    if (step === 0 || step >= this.lastStep) return null;
    const v = this.pruner.decide({ trial: this.trial, step, value: this.best }, this.board);
    return v && { ...v, value: this.sign * v.value, threshold: this.sign * v.threshold, fold: m.fold, epoch: m.epoch };
  }

  /** Record an epoch without deciding (a stored trial, when a search resumes); its step, or 0 when the metric is missing. */
  record(m: EpochMetrics): number {
    const raw = epochValue(m, this.metric);
    if (!Number.isFinite(raw)) return 0;
    if (m.fold !== this.fold) {
      this.fold = m.fold;
      this.best = Infinity;
    }
    this.best = Math.min(this.best, this.sign * raw);
    const step = m.fold * this.epochs + m.epoch;
    const col = this.board.column(step);
    if (col >= 0) this.board.write(this.trial, col, this.best);
    return step;
  }

  /** The trial has ended: its values are final, and `finished` makes them count for the median rule. */
  end(state: BoardState): void {
    this.board.setState(this.trial, state);
  }
}
