import type { SearchStatus, StopReason, Task, TrialStatus } from '../vocabulary';

/** A row of `projects`. */
export interface ProjectRow { id: number; name: string; notes: string; created_at: string; tags: string }

/** A row of `searches` with its project's name. */
export interface SearchRow {
  id: number; project_id: number; project: string; name: string; spec: string; status: SearchStatus; planned_trials: number;
  stop_reason: string | null; error: string | null; created_at: string; started_at: string | null; finished_at: string | null; archived: number;
  /** The search whose trials this one runs again (a seed re-run), or null. */
  parent_id: number | null;
  notes: string;
  /** A JSON array of tags. */
  tags: string;
  /** How many workers the process that last ran it trained on; null before it first ran. */
  runner_workers: number | null;
  /** The SHA-256 of each data file it read when it started (JSON, see datahash.ts); null for none or before they were kept. */
  data_sha256?: string | null;
}

/** A row of `trials`: its knobs (JSON), seed, status, and the metrics at its best epoch once it ended. */
export interface TrialRow {
  id: number; search_id: number; number: number; round: number; status: TrialStatus; knobs: string; seed: number;
  objective: number | null; best_epoch: number | null; stopped_epoch: number | null; stop_reason: StopReason | null;
  train_loss: number | null; val_loss: number | null; train_accuracy: number | null; val_accuracy: number | null;
  val_rmse: number | null; val_mae: number | null; val_r2: number | null; duration_s: number | null; error: string | null;
  /** Classes: the mean recall over the classes of the validation rows at the best epoch; null for regression and trials stored before it was kept. */
  val_balanced_accuracy: number | null;
  notes: string; started_at: string | null; finished_at: string | null;
  /** A JSON array of tags. */
  tags: string;
  /** The data split's seed when it is not the search's (a re-run with split seeds), else null. */
  split_seed: number | null;
  /** The kernel path the trial trained on (relaxed-simd, simd, scalar); null when it never ran or ran before Knobs recorded it. */
  kernel_path: string | null;
  /** A pruned trial's decision as JSON (api/contract.ts PruneInfo), else null. */
  prune: string | null;
  /** A classification trial's validation rows at its best epoch as JSON ({ classes, counts[true][predicted] }, api/contract.ts Confusion), else null. */
  confusion: string | null;
}

/** One epoch in long form, as the curves CSV writes it (unpacked from its chunk; non-finite values as null). */
export interface EpochRow {
  trial_id: number; fold: number; epoch: number; train_loss: number | null; val_loss: number | null; penalty: number | null;
  train_accuracy: number | null; val_accuracy: number | null; val_balanced_accuracy: number | null; val_rmse: number | null; val_mae: number | null; val_r2: number | null;
  lr: number | null; grad_norms: string | null; seconds: number | null;
}

/** What a finished trial stores. */
export interface TrialOutcome {
  status: TrialStatus;
  objective: number | null;
  bestEpoch: number | null;
  stoppedEpoch: number | null;
  stopReason: StopReason | null;
  trainLoss: number | null;
  valLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  /** Classes: balanced accuracy at the best epoch (absent: none). */
  valBalancedAccuracy?: number | null;
  valRmse: number | null;
  valMae: number | null;
  valR2: number | null;
  durationS: number | null;
  error: string | null;
  /** The kernel path the run used (null when it never trained). */
  kernelPath?: string | null;
  /** Why the pruner stopped it, as JSON (api/contract.ts PruneInfo); null or missing when it was not pruned. */
  prune?: string | null;
  /** Its validation rows' confusion at the best epoch, as JSON (api/contract.ts Confusion); null or missing for regression or when never counted. */
  confusion?: string | null;
  /** Regression: its validation rows at the best epoch, actual and predicted, as JSON (train/types.ts ValPredictions), kept in `trial_predictions`. */
  predictions?: string | null;
}

/** An imported data set as the `datasets` table keeps it. */
export interface ImportedDataset {
  id: number;
  name: string;
  /** Absolute path of the copy kept next to the database. */
  source: string;
  meta: {
    target: string; task: Task; rows: number; features: number; classes: string[]; classCounts: number[];
    /** IDX imports: `source` is the images file, `labels` the labels file. */
    kind?: 'csv' | 'idx'; labels?: string; imageShape?: [number, number];
    /** CSV imports: the columns of the chosen file left out, and its rows dropped for a missing value (the copy kept holds neither). */
    leftOut?: string[]; droppedRows?: number;
    /** CSV imports: spellings read as values, not as missing (the file's `notMissing`), which every reading of the copy keeps. */
    notMissing?: string[];
  };
  createdAt: string;
}
