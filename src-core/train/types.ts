import type { DiagnosticSnapshot } from '../diagnostics/stats';
import type { PruneDecision } from '../prune/trial';
import type { TrainConfig } from '../spec/train';
import type { StopReason } from '../vocabulary';

export type { StopReason, TrialStatus } from '../vocabulary';

/** One epoch's metrics (per fold for k-fold; `fold` 0 for hold-out). Regression runs fill rmse/mae/r2, classification accuracy. */
export interface EpochMetrics {
  fold: number;
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** L1 + L2 penalty added to the data loss during training (reported apart). */
  penalty: number;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  /** Classes: the mean over the classes present in the validation rows of the share of each class's rows answered right (sklearn's balanced_accuracy_score). */
  valBalancedAccuracy: number | null;
  valRmse: number | null;
  valMae: number | null;
  valR2: number | null;
  lr: number;
  /** ‖∇W‖₂ per dense layer, averaged over the epoch's steps. */
  gradNorms: number[];
  seconds: number;
}

/** Final metrics of a run at its best (or last) epoch. */
export interface FinalMetrics {
  trainLoss: number;
  valLoss: number;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  valBalancedAccuracy: number | null;
  valRmse: number | null;
  valMae: number | null;
  valR2: number | null;
}

/** One fold's run. */
export interface FoldResult {
  fold: number;
  epochs: EpochMetrics[];
  /** The epoch of the best monitored value; null when no epoch gave a finite one (diverged or cancelled at once). */
  bestEpoch: number | null;
  stoppedEpoch: number;
  stopReason: StopReason;
  best: FinalMetrics;
  /** Layer statistics at initialization (epoch 0) and every few epochs, when requested. */
  diagnostics: DiagnosticSnapshot[];
  /** Classes (up to CONFUSION_MAX_CLASSES): the validation rows at the best epoch, true class by row and predicted by column, row-major. */
  confusion?: Int32Array;
  /** Regression: each validation row's prediction at the best epoch, in the target's units, in the order of the fold's validation rows. */
  valPredictions?: Float32Array;
}

/** Regression validation rows at the best epoch: what each was and what the model predicted (in the target's units), for at most PREDICTIONS_MAX_ROWS of them. */
export interface ValPredictions {
  /** How many validation rows there were (k-fold: every fold's, each row once); more than listed when they were thinned. */
  rows: number;
  actual: number[];
  predicted: number[];
}

/** The result of training one configuration (all folds). `best` is the mean over folds at each fold's best epoch. */
export interface TrainResult {
  config: TrainConfig;
  seed: number;
  folds: FoldResult[];
  /** Mean-over-folds curve (equal to the single fold's for hold-out). */
  meanCurve: EpochMetrics[];
  /** The best epoch (mean over the folds that have one, rounded); null when no fold has one. */
  bestEpoch: number | null;
  stoppedEpoch: number;
  stopReason: StopReason;
  best: FinalMetrics;
  /** The final model on the test rows (on request): each fold's, its metrics averaged and (classes, up to CONFUSION_MAX_CLASSES) its counts[true][answered] added up. */
  test?: { loss: number; accuracy: number | null; balancedAccuracy: number | null; rmse: number | null; mae: number | null; r2: number | null; confusion?: number[][]; predictions?: ValPredictions };
  kernelPath: string;
  seconds: number;
  error?: string;
  /** Every fold's diagnostics snapshots, in order. */
  diagnostics: DiagnosticSnapshot[];
  /** Why the search's pruner stopped the run (stop reason `pruned`). */
  pruned?: PruneDecision;
  /**
   * Classes (up to CONFUSION_MAX_CLASSES): the validation rows at each fold's best epoch (the epoch `best` reports), counts[true][predicted],
   * added over the folds; absent for regression, more classes, or a run that never evaluated.
   */
  confusion?: number[][];
  /** Regression: the validation rows at each fold's best epoch (every fold's, each row once), actual and predicted; absent for classification or a run that never evaluated. */
  valPredictions?: ValPredictions;
  /**
   * The first fold's final (restored) model on `TrainJob.predict`'s rows: per row, each class's
   * probability (classification) or the predicted target in its own units (regression), row-major;
   * absent when not asked, or when the run diverged.
   */
  predictions?: Float32Array;
  /**
   * Each trained fold's final (restored) model on its own validation rows (`TrainJob.predictVal`),
   * row-major as `predictions`, fold after fold in the split's order of each fold's `val` rows: with
   * k-fold every row once, answered by the model that did not train on it. Absent when not asked,
   * or when a fold diverged.
   */
  valAnswers?: Float32Array;
}
