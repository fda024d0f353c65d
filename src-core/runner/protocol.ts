import type { SharedDataset } from '../data/shared';
import type { PrunerSetup } from '../prune/pruner';
import type { PruneDecision } from '../prune/trial';
import type { PrunerSpec } from '../prune/schema';
import type { ObjectiveMetric, Preprocess, TargetPreprocess } from '../spec/spec';
import type { TrainConfig } from '../spec/train';
import type { EpochChunk } from '../store/chunks';
import type { TrainResult } from '../train/types';
import type { KernelPath } from '../nn/kernels/types';

/** Sent once to each worker: the data set on shared memory (read in place), the split and the preprocessing. */
export interface WorkerInit {
  dataset: SharedDataset;
  split: { kind: 'holdout' | 'kfold' | 'loo'; folds: { train: Int32Array; val: Int32Array }[]; test: Int32Array };
  preprocess: Preprocess;
  /** Scaling of a regression target; absent: `none` (TrainJob.targetPreprocess). */
  targetPreprocess?: TargetPreprocess;
  /** The compiled wasm kernels, shared with every worker so none compiles its own. */
  kernels?: { path: 'simd' | 'relaxed-simd'; module: WebAssembly.Module };
  /** The search's pruner and its board (shared memory every worker reads and writes); absent without a pruner. */
  pruning?: WorkerPruning;
}

/** What a worker needs to prune its own trials (docs/pruning.md). */
export interface WorkerPruning {
  spec: PrunerSpec;
  setup: PrunerSetup;
  board: SharedArrayBuffer;
  metric: ObjectiveMetric;
  direction: 'minimize' | 'maximize';
}

/** One trial to train. `cancel` is a shared Int32 flag the main thread sets to 1 to stop it between batches. */
export interface TrialJob {
  trialId: number;
  /** The trial's number in its search (its row on the pruning board); needed when the pool prunes. */
  number?: number;
  config: TrainConfig;
  seed: number;
  /** This trial's own split (a re-run with split seeds); otherwise the pool's. */
  split?: WorkerInit['split'];
  /** Train on this kernel path (a replay asks for the path the trial ran on); otherwise the fastest. */
  kernels?: KernelPath;
  evaluateTest?: boolean;
  /** Rows of raw features the final model predicts (TrainJob.predict): a decision boundary's grid. */
  predict?: Float32Array;
  /** Each fold's final model answers its own validation rows (TrainJob.predictVal): out-of-fold answers. */
  predictVal?: boolean;
  diagnosticsEvery?: number;
  /** A replay of a pruned trial: stop as pruned after this fold's epoch, with the stored decision (the pool prunes nothing else then). */
  stopAt?: PruneDecision;
  /** Test hooks: make the worker throw, exit or fail to allocate mid-trial. */
  fault?: 'throw' | 'exit' | 'oom';
}

/** `reset`: the worker's pool closed; it drops its data set and waits, warm, for another `init`. */
export type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'run'; job: TrialJob; cancel: SharedArrayBuffer } | { type: 'reset' };
export type FromWorker =
  | { type: 'ready' }
  /** Epochs packed by the worker (their buffers transferred, not copied). */
  | { type: 'epochs'; trialId: number; chunks: EpochChunk[] }
  /** The result without its curves (they streamed as epochs; `chunks` holds the last ones), its diagnostics packed. */
  | { type: 'done'; trialId: number; chunks: EpochChunk[]; result: WorkerResult }
  /** `cancelled`: the trial was cancelled while it waited in the worker, before it started. */
  | { type: 'error'; trialId: number; message: string; cancelled?: boolean };

/** What a trial's worker returns: the training result, its diagnostics snapshots packed by the worker (snapshots.ts; the main thread stores the bytes as they are). */
export type WorkerResult = Omit<TrainResult, 'diagnostics'> & { diagnostics: Uint8Array | null };
