import type { Task } from '../vocabulary';

/** Classification (integer labels) or regression (float targets). */
export type { Task };

/**
 * A data set held once in memory: features row-major in `x` (nRows × nFeatures) and
 * targets in `y`. Both may sit on SharedArrayBuffers so every worker thread reads the
 * same bytes; nothing downstream copies them per trial (batches are gathered by index).
 */
export interface Dataset {
  name: string;
  task: Task;
  nRows: number;
  nFeatures: number;
  x: Float32Array;
  /** Class index per row (classification) or the target value (regression). */
  y: Int32Array | Float32Array;
  featureNames: string[];
  targetName: string;
  /** Class labels for display, index = class id (classification only). */
  classNames?: string[];
  description?: string;
  citation?: string;
  /** Image shape when rows are images (e.g. [8, 8] for digits, [28, 28] for MNIST). */
  imageShape?: [number, number];
  /** Rows of the file left out for a missing value (a CSV read with `missing: 'drop'`). */
  droppedRows?: number;
  /** CSV feature columns that look like a row's identifier (a different value in every row: an index, an id, a name); the CLI suggests leaving them out. */
  idLikeColumns?: string[];
  /** CSV feature columns that tell the target exactly, as a copy of the answer does (`tellsTarget` in csv.ts); a search on them is cautioned. */
  answerColumns?: string[];
}

/** Row indices of each part of a split. The test rows are only read by an explicit final evaluation. */
export interface SplitPart {
  train: Int32Array;
  val: Int32Array;
}

/** A concrete split: one or more (train, val) folds plus the held-out test rows. */
export interface Split {
  kind: 'holdout' | 'kfold' | 'loo';
  folds: SplitPart[];
  test: Int32Array;
  /** Plain-language notes on classes too small to reach every part (e.g. absent from some folds' validation rows). */
  warnings?: string[];
}

/**
 * Per-feature affine preprocessing, x' = (x − offset) · scale, fitted on training rows
 * only and applied to every part while gathering batches (so no scaled copy is made).
 */
export interface Scaler {
  kind: 'none' | 'minmax' | 'zscore';
  offset: Float32Array;
  scale: Float32Array;
}

/**
 * A regression target's standardisation, y' = (y − mean) / std, fitted on the training rows only
 * (population std; a constant target gets std 1). The network trains on y'; its errors are turned
 * back into the target's units (× std) before any metric is reported. With `log`, y stands for
 * ln(1 + y) throughout (mean and std are those of ln(1 + y)), and each prediction is turned back
 * (exp(y' · std + mean) − 1) before its error is measured.
 */
export interface TargetScaler {
  mean: number;
  std: number;
  log?: boolean;
}
