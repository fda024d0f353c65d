import { parentPort } from 'node:worker_threads';
import { fromShared } from '../data/shared';
import { provideModule } from '../nn/kernels/wasm';
import type { Dataset, Split } from '../data/types';
import { trainConfiguration } from '../train/trainer';
import { packEpochs } from '../store/chunks';
import { packSnapshots } from '../store/snapshots';
import type { EpochMetrics } from '../train/types';
import { BoardState, createPruner, PruningBoard, TrialPruning, type Pruner } from '../prune';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';
import { lowerThisThread } from './priority';

// Training yields to the app: the window stays responsive while every worker trains.
lowerThisThread();

let dataset: Dataset | undefined;
let init: WorkerInit | undefined;
let pruning: { pruner: Pruner; board: PruningBoard } | undefined;
const post = (m: FromWorker): void => parentPort!.postMessage(m);

/** Epochs are posted in batches at most this often (ms), and always before the trial's result. */
const POST_EVERY_MS = 50;

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'reset') {
    dataset = undefined;
    init = undefined;
    pruning = undefined;
    return;
  }
  if (msg.type === 'init') {
    init = msg.init;
    pruning = undefined;
    const p = msg.init.pruning;
    const pruner = p ? createPruner(p.spec, p.setup) : null;
    if (p && pruner) pruning = { pruner, board: PruningBoard.attach(p.board, pruner.watchedSteps()) };
    if (msg.init.kernels) provideModule(msg.init.kernels.path, msg.init.kernels.module);
    dataset = fromShared(msg.init.dataset);
    post({ type: 'ready' });
    return;
  }
  const { job } = msg;
  const flag = new Int32Array(msg.cancel);
  if (Atomics.load(flag, 0) !== 0) {
    post({ type: 'error', trialId: job.trialId, message: 'cancelled before it started', cancelled: true });
    return;
  }
  let flushOnError: (() => void) | undefined;
  let tp: TrialPruning | undefined;
  try {
    if (!dataset || !init) throw new Error('worker used before init');
    const split: Split = job.split ?? init.split;
    if (pruning && init.pruning && job.number !== undefined) tp = new TrialPruning(pruning.pruner, pruning.board, job.number, job.config.epochs, split.folds.length, init.pruning.metric, init.pruning.direction);
    let epochs = 0;
    let batch: EpochMetrics[] = [];
    let lastPost = Date.now();
    const flush = (): void => {
      if (batch.length > 0) {
        const chunks = packEpochs(batch);
        parentPort!.postMessage({ type: 'epochs', trialId: job.trialId, chunks } satisfies FromWorker, chunks.map((c) => c.data.buffer as ArrayBuffer));
      }
      batch = [];
      lastPost = Date.now();
    };
    flushOnError = flush;
    const result = trainConfiguration({
      dataset,
      split,
      preprocess: init.preprocess,
      targetPreprocess: init.targetPreprocess,
      config: job.config,
      seed: job.seed,
      kernels: job.kernels,
      evaluateTest: job.evaluateTest,
      predict: job.predict,
      predictVal: job.predictVal,
      diagnosticsEvery: job.diagnosticsEvery,
      shouldStop: () => Atomics.load(flag, 0) !== 0,
      prune: tp ? (m) => tp!.afterEpoch(m) : job.stopAt && ((m) => (m.fold === job.stopAt!.fold && m.epoch === job.stopAt!.epoch ? job.stopAt! : null)),
      onEpoch: (epoch) => {
        epochs++;
        if (job.fault === 'throw' && epochs === 2) throw new Error('injected fault: the worker threw');
        if (job.fault === 'exit' && epochs === 2) process.exit(3);
        if (job.fault === 'oom' && epochs === 2) new Float64Array(2 ** 40);
        if (job.fault) flush();
        batch.push(epoch);
        if (Date.now() - lastPost >= POST_EVERY_MS) flush();
      },
    });
    tp?.end(result.stopReason === 'pruned' ? BoardState.pruned : result.stopReason === 'max_epochs' || result.stopReason === 'early_stopping' ? BoardState.finished : BoardState.other);
    // The last epochs ride with the result: a short trial costs one message.
    const chunks = packEpochs(batch);
    batch = [];
    const diagnostics = result.diagnostics.length > 0 ? packSnapshots(result.diagnostics) : null;
    const done: FromWorker = { type: 'done', trialId: job.trialId, chunks, result: { ...result, folds: result.folds.map((f) => ({ ...f, epochs: [] })), meanCurve: [], diagnostics } };
    parentPort!.postMessage(done, chunks.map((c) => c.data.buffer as ArrayBuffer));
  } catch (e) {
    tp?.end(BoardState.other);
    try {
      flushOnError?.();
    } catch {
      // the trial failed already; its error is what the user needs to see
    }
    post({ type: 'error', trialId: job.trialId, message: (e as Error).message ?? String(e) });
  }
});
