import { Arena } from '../nn/arena';
import { balancedAccuracy } from '../analysis/classes';
import { CONFUSION_MAX_CLASSES, PREDICTIONS_MAX_ROWS, type Monitor } from '../vocabulary';
import { Network } from '../nn/network';
import { lrAt } from '../nn/schedule';
import type { KernelPath } from '../nn/kernels/types';
import { fitScaler, fitTargetScaler, gatherRows, gatherTargets } from '../data/preprocess';
import type { Dataset, Scaler, Split, SplitPart, TargetScaler } from '../data/types';
import type { Preprocess, TargetPreprocess } from '../spec/spec';
import type { TrainConfig } from '../spec/train';
import { hashSeed, Rng } from '../util/rng';
import { probeNetwork } from '../diagnostics/probe';
import { EVAL_CHUNK } from '../nn/memory';
import type { DiagnosticSnapshot } from '../diagnostics/stats';
import type { PruneDecision } from '../prune/trial';
import { EarlyStopping } from './early-stopping';
import type { EpochMetrics, FinalMetrics, FoldResult, StopReason, TrainResult, ValPredictions } from './types';

/** Everything one training run needs. The data set is read in place (it may sit on SharedArrayBuffers). */
export interface TrainJob {
  dataset: Dataset;
  split: Split;
  preprocess: Preprocess;
  /**
   * Scaling of a regression target, fitted on each fold's training rows: with `zscore` the network
   * trains on (y − mean) / std, so the losses (train_loss, val_loss, the curves, early stopping and
   * divergence) are those of the standardised target, while RMSE, MAE and R² (validation and test)
   * are turned back into the target's own units. `log` is `zscore` on ln(1 + y) (every target ≥ 0),
   * each prediction turned back by exp(·) − 1 before its error is measured. Absent or `none`: the
   * target as it is, exactly as before the option existed.
   */
  targetPreprocess?: TargetPreprocess;
  config: TrainConfig;
  seed: number;
  /** Evaluate the final (restored) model on the test rows: only on an explicit request. */
  evaluateTest?: boolean;
  /** Rows of raw features (row-major, the data set's features each) the first fold's final model predicts (a decision boundary's grid). */
  predict?: Float32Array;
  /** Ask each fold's final model for its answers on its own validation rows (`TrainResult.valAnswers`): out-of-fold answers, every row once. */
  predictVal?: boolean;
  kernels?: KernelPath;
  /** Called after each epoch of each fold, as it happens. */
  onEpoch?: (m: EpochMetrics) => void;
  /** Polled between mini-batches; true cancels the run (stop reason `cancelled`). */
  shouldStop?: () => boolean;
  /** Record layer diagnostics at initialization and every this many epochs (0 or unset: never). */
  diagnosticsEvery?: number;
  /** Asked after each epoch (after divergence is ruled out): a decision stops the whole run there (stop reason `pruned`). */
  prune?: (m: EpochMetrics) => PruneDecision | null;
}

/** Rows of the training split the diagnostics probe forwards. */
const PROBE_ROWS = 256;

/** One arena per thread, reused by every run in turn (runs in a thread never overlap). */
let threadArena: Arena | undefined;

/** A loss this many times above the first epoch's counts as diverged. */
const DIVERGENCE_FACTOR = 100;

interface Evaluation {
  loss: number;
  accuracy: number | null;
  /** Classes: the mean recall over the classes that have rows here (sklearn's balanced_accuracy_score). */
  balancedAccuracy: number | null;
  rmse: number | null;
  mae: number | null;
  r2: number | null;
  /** Classes (up to CONFUSION_MAX_CLASSES): the rows by true class (row) and answer (column), row-major. */
  confusion?: Int32Array;
  /** Regression, where asked: each row's prediction in the target's units, in the order of the rows evaluated. */
  predictions?: Float32Array;
}

/** Train one configuration on every fold of a split; deterministic for a given job and seed. */
export function trainConfiguration(job: TrainJob): TrainResult {
  const started = performance.now();
  const folds: FoldResult[] = [];
  const tests: Evaluation[] = [];
  let kernelPath = '';
  let pruned: PruneDecision | undefined;
  let predictions: Float32Array | undefined;
  const answers: Float32Array[] = [];
  for (let f = 0; f < job.split.folds.length; f++) {
    const run = trainFold(job, f, job.split.folds[f]);
    kernelPath = run.kernelPath;
    folds.push(run.result);
    if (run.test) tests.push(run.test);
    predictions ??= run.predictions;
    if (run.valAnswers) answers.push(run.valAnswers);
    pruned = run.pruned;
    if (run.result.stopReason === 'cancelled' || run.result.stopReason === 'diverged' || pruned) break;
  }
  const meanCurve = meanOverFolds(folds);
  const last = folds[folds.length - 1];
  const result: TrainResult = {
    config: job.config,
    seed: job.seed,
    folds,
    meanCurve,
    bestEpoch: meanBestEpoch(folds),
    stoppedEpoch: folds.length === 1 ? last.stoppedEpoch : Math.max(...folds.map((r) => r.stoppedEpoch)),
    stopReason: worstReason(folds.map((r) => r.stopReason)),
    best: meanFinal(folds.map((r) => r.best)),
    kernelPath,
    seconds: (performance.now() - started) / 1000,
    diagnostics: folds.flatMap((f) => f.diagnostics),
  };
  if (pruned) result.pruned = pruned;
  if (predictions) result.predictions = predictions;
  if (job.predictVal && answers.length === folds.length && folds.length > 0) result.valAnswers = concatenated(answers);
  // Every fold's validation rows at its best epoch, added up (k-fold: each row counted once, in the fold that held it out).
  if (folds.length > 0 && folds.every((f) => f.confusion)) {
    const k = Math.round(Math.sqrt(folds[0].confusion!.length));
    const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const f of folds) for (let i = 0; i < k * k; i++) counts[Math.floor(i / k)][i % k] += f.confusion![i];
    result.confusion = counts;
  }
  // Every fold's validation rows at its best epoch (k-fold: each row once, predicted by the fold that held it out), thinned evenly to at most PREDICTIONS_MAX_ROWS.
  if (folds.length > 0 && folds.every((f) => f.valPredictions)) {
    result.valPredictions = listedPredictions(job.dataset, folds.map((f, i) => ({ rows: job.split.folds[i].val, predicted: f.valPredictions! })));
  }
  if (tests.length > 0) {
    result.test = {
      loss: mean(tests.map((t) => t.loss)),
      accuracy: meanOrNull(tests.map((t) => t.accuracy)),
      balancedAccuracy: meanOrNull(tests.map((t) => t.balancedAccuracy)),
      rmse: meanOrNull(tests.map((t) => t.rmse)),
      mae: meanOrNull(tests.map((t) => t.mae)),
      r2: meanOrNull(tests.map((t) => t.r2)),
    };
    // Each fold's model on the same test rows (k-fold: each row once per fold), as the mean metrics count them.
    if (tests.every((t) => t.predictions)) result.test.predictions = listedPredictions(job.dataset, tests.map((t) => ({ rows: job.split.test, predicted: t.predictions! })));
    // Each fold's model on the same test rows, added up (k-fold: each row counted once per fold), as the mean accuracy counts them.
    if (tests.every((t) => t.confusion)) {
      const k = Math.round(Math.sqrt(tests[0].confusion!.length));
      const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      for (const t of tests) for (let i = 0; i < k * k; i++) counts[Math.floor(i / k)][i % k] += t.confusion![i];
      result.test.confusion = counts;
    }
  }
  return result;
}

function trainFold(
  job: TrainJob, fold: number, part: SplitPart,
): { result: FoldResult; test?: Evaluation; kernelPath: string; pruned?: PruneDecision; predictions?: Float32Array; valAnswers?: Float32Array } {
  const { dataset: ds, config } = job;
  const classification = ds.task === 'classification';
  const nOut = classification ? (ds.classNames?.length ?? maxLabel(ds) + 1) : 1;
  const nTrain = part.train.length;
  const batch = Math.max(1, Math.min(config.batchSize, nTrain));
  const maxBatch = Math.max(batch, Math.min(EVAL_CHUNK, Math.max(part.val.length, job.split.test.length, 1)));
  const foldSeed = hashSeed(job.seed, `fold${fold}`);
  threadArena ??= new Arena();
  const classWeights = classification && config.classWeights === 'balanced' ? balancedClassWeights(ds.y, part.train, nOut) : undefined;
  const net = new Network({ nIn: ds.nFeatures, nOut, task: ds.task, maxBatch, config, seed: foldSeed, kernels: job.kernels, arena: threadArena, classWeights });
  const scaler = fitScaler(ds, part.train, job.preprocess);
  const target = fitTargetScaler(ds, part.train, job.targetPreprocess ?? 'none');
  const order = Int32Array.from(part.train);
  const shuffleRng = new Rng(hashSeed(foldSeed, 'shuffle'));
  const es = config.earlyStopping ? new EarlyStopping(config.earlyStopping.monitor, config.earlyStopping.patience, config.earlyStopping.minDelta) : null;
  const bestTracker = es ?? new EarlyStopping('val_loss', Number.MAX_SAFE_INTEGER, 0);
  const restoreBest = config.earlyStopping ? config.earlyStopping.restoreBest : false;
  const nLayers = config.hiddenLayers.length + 1;
  const gradSums = new Float64Array(nLayers);
  const epochs: EpochMetrics[] = [];
  let bestSnapshot: Float32Array | null = null;
  const diagnostics: DiagnosticSnapshot[] = [];
  const probeRows = Math.min(PROBE_ROWS, nTrain, maxBatch);
  const probe = (epoch: number, gradNorms: number[]): void => {
    loadBatch(net, ds, scaler, target, part.train, 0, probeRows);
    diagnostics.push(probeNetwork(net, probeRows, fold, epoch, gradNorms));
  };
  const every = job.diagnosticsEvery ?? 0;
  if (every > 0) probe(0, []);
  let stopReason: StopReason = 'max_epochs';
  let startLoss = NaN;
  // The validation rows' confusion (true class by row, predicted by column) at each epoch, and at the best one, for a few classes.
  const valConfusion = classification && nOut <= CONFUSION_MAX_CLASSES && part.val.length > 0 ? new Int32Array(nOut * nOut) : undefined;
  let bestConfusion: Int32Array | null = null;
  // Regression: each validation row's prediction at each epoch, and at the best one.
  const valPreds = !classification && part.val.length > 0 ? new Float32Array(part.val.length) : undefined;
  let bestPreds: Float32Array | null = null;
  let pruned: PruneDecision | undefined;

  outer: for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const t0 = performance.now();
    const lr = lrAt(config, epoch - 1);
    shuffleRng.shuffle(order);
    let lossSum = 0;
    let penaltySum = 0;
    let steps = 0;
    let correctSum = 0;
    gradSums.fill(0);
    for (let start = 0; start < nTrain; start += batch) {
      if (job.shouldStop?.()) {
        stopReason = 'cancelled';
        break outer;
      }
      const n = Math.min(batch, nTrain - start);
      loadBatch(net, ds, scaler, target, order, start, n);
      const { loss, penalty } = net.trainStep(n, lr);
      if (!Number.isFinite(loss) || !Number.isFinite(penalty)) {
        stopReason = 'diverged';
        epochs.push(epochRecord(fold, epoch, NaN, { loss: NaN, accuracy: null, balancedAccuracy: null, rmse: null, mae: null, r2: null }, NaN, lr, [], t0, null));
        job.onEpoch?.(epochs[epochs.length - 1]);
        break outer;
      }
      lossSum += loss * n;
      if (classification) correctSum += countCorrect(net, n, nOut);
      penaltySum += penalty * n;
      const norms = net.gradNorms();
      for (let l = 0; l < nLayers; l++) gradSums[l] += norms[l] ?? 0;
      steps++;
    }
    const trainLoss = lossSum / nTrain;
    valConfusion?.fill(0);
    const val = evaluateRows(net, ds, scaler, target, part.val, maxBatch, valConfusion, valPreds);
    const trainAccuracy = classification ? correctSum / nTrain : null;
    const record = epochRecord(fold, epoch, trainLoss, val, penaltySum / nTrain, lr, Array.from(gradSums, (s) => s / Math.max(steps, 1)), t0, trainAccuracy);
    epochs.push(record);
    job.onEpoch?.(record);
    if (every > 0 && (epoch % every === 0 || epoch === config.epochs)) probe(epoch, record.gradNorms);
    if (epoch === 1) startLoss = Math.max(trainLoss, val.loss);
    if (!Number.isFinite(val.loss) || trainLoss > DIVERGENCE_FACTOR * Math.max(startLoss, 1e-3)) {
      stopReason = 'diverged';
      break;
    }
    const monitored = monitoredValue(es?.monitor ?? 'val_loss', val);
    const step = bestTracker.update(epoch, monitored);
    if (step.improved && restoreBest) bestSnapshot = net.snapshot();
    if (step.improved && valConfusion) bestConfusion = valConfusion.slice();
    if (step.improved && valPreds) bestPreds = valPreds.slice();
    const verdict = job.prune?.(record);
    if (verdict) {
      pruned = verdict;
      stopReason = 'pruned';
      break;
    }
    if (es && step.stop) {
      stopReason = 'early_stopping';
      break;
    }
  }

  const stoppedEpoch = epochs.length === 0 ? 0 : epochs[epochs.length - 1].epoch;
  if (every > 0 && stoppedEpoch > 0 && diagnostics[diagnostics.length - 1].epoch !== stoppedEpoch && stopReason !== 'diverged') {
    probe(stoppedEpoch, epochs[epochs.length - 1].gradNorms);
  }
  if (restoreBest && bestSnapshot && stopReason !== 'diverged') net.restore(bestSnapshot);
  // No best epoch when no epoch gave a finite monitored value; the metrics are then the last epoch's.
  const bestEpoch = bestTracker.bestEpoch > 0 ? bestTracker.bestEpoch : null;
  const at = epochs.find((e) => e.epoch === bestEpoch) ?? epochs[epochs.length - 1];
  const best: FinalMetrics = at
    ? { trainLoss: at.trainLoss, valLoss: at.valLoss, trainAccuracy: at.trainAccuracy, valAccuracy: at.valAccuracy, valBalancedAccuracy: at.valBalancedAccuracy, valRmse: at.valRmse, valMae: at.valMae, valR2: at.valR2 }
    : { trainLoss: NaN, valLoss: NaN, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null };
  const testConfusion = classification && nOut <= CONFUSION_MAX_CLASSES ? new Int32Array(nOut * nOut) : undefined;
  const testPreds = !classification ? new Float32Array(job.split.test.length) : undefined;
  const test = job.evaluateTest && job.split.test.length > 0 && stopReason !== 'diverged' ? evaluateRows(net, ds, scaler, target, job.split.test, maxBatch, testConfusion, testPreds) : undefined;
  if (test && testConfusion) test.confusion = testConfusion;
  if (test && testPreds) test.predictions = testPreds;
  // At the epoch `best` reports: the best one, or the last when none had a finite value (then its counts, unless it diverged).
  const confusion = bestEpoch !== null ? bestConfusion : stopReason !== 'diverged' && epochs.length > 0 ? valConfusion ?? null : null;
  const preds = bestEpoch !== null ? bestPreds : stopReason !== 'diverged' && epochs.length > 0 ? valPreds ?? null : null;
  const result: FoldResult = { fold, epochs, bestEpoch, stoppedEpoch, stopReason, best, diagnostics, ...(confusion ? { confusion } : {}), ...(preds ? { valPredictions: preds } : {}) };
  const predictions = job.predict && fold === 0 && stopReason !== 'diverged' ? predictRows(net, scaler, target, job.predict, ds.nFeatures, maxBatch, nOut, classification) : undefined;
  const valAnswers = job.predictVal && stopReason !== 'diverged' && epochs.length > 0
    ? predictRows(net, scaler, target, rawRows(ds, part.val), ds.nFeatures, maxBatch, nOut, classification)
    : undefined;
  return { result, test, kernelPath: net.kernels.path, pruned, predictions, valAnswers };
}

/** The raw features of some rows of a data set, row-major, in the order given. */
function rawRows(ds: Dataset, rows: Int32Array): Float32Array {
  const nF = ds.nFeatures;
  const x = new Float32Array(rows.length * nF);
  rows.forEach((r, i) => x.set(ds.x.subarray(r * nF, (r + 1) * nF), i * nF));
  return x;
}

/** Arrays one after another in one. */
function concatenated(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The model's answers on rows of raw features (not rows of the data set: a grid over its feature
 * space), scaled as the training rows were: each class's probability (the softmax of the outputs),
 * or a regression's prediction turned back into the target's units.
 */
function predictRows(net: Network, scaler: Scaler, target: TargetScaler | null, x: Float32Array, nF: number, chunk: number, nOut: number, classification: boolean): Float32Array {
  const n = Math.floor(x.length / nF);
  const out = new Float32Array(n * nOut);
  const f32 = net.arena.f32;
  const { offset, scale } = scaler;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    for (let i = 0; i < m; i++) for (let j = 0; j < nF; j++) f32[net.xOff + i * nF + j] = (x[(start + i) * nF + j] - offset[j]) * scale[j];
    net.forward(m, false);
    for (let i = 0; i < m; i++) {
      const row = net.outOff + i * nOut;
      const dst = (start + i) * nOut;
      if (!classification) {
        out[dst] = target ? unscaled(f32[row], target) : f32[row];
        continue;
      }
      let top = -Infinity;
      for (let c = 0; c < nOut; c++) top = Math.max(top, f32[row + c]);
      let sum = 0;
      for (let c = 0; c < nOut; c++) sum += (out[dst + c] = Math.exp(f32[row + c] - top));
      for (let c = 0; c < nOut; c++) out[dst + c] /= sum;
    }
  }
  return out;
}

function loadBatch(net: Network, ds: Dataset, scaler: Scaler, target: TargetScaler | null, rows: Int32Array, start: number, n: number): void {
  gatherRows(ds, scaler, rows, start, n, net.arena.f32, net.xOff);
  if (ds.task === 'classification') gatherTargets(ds, rows, start, n, net.arena.i32, net.yOff);
  else gatherTargets(ds, rows, start, n, net.arena.f32, net.yOff, target);
}

/** An epoch's value of the metric early stopping watches; a metric the task does not report reads as the worst value (never an improvement). */
function monitoredValue(monitor: Monitor, val: Evaluation): number {
  switch (monitor) {
    case 'val_loss': return val.loss;
    case 'val_accuracy': return val.accuracy ?? -Infinity;
    case 'val_balanced_accuracy': return val.balancedAccuracy ?? -Infinity;
    case 'val_rmse': return val.rmse ?? Infinity;
    case 'val_mae': return val.mae ?? Infinity;
    case 'val_r2': return val.r2 ?? -Infinity;
  }
}

/** A regression output turned back into the target's units: × std + mean, and with `log` exp(·) − 1 of that. */
function unscaled(out: number, target: TargetScaler): number {
  const v = out * target.std + target.mean;
  return target.log ? Math.expm1(v) : v;
}

/** The loss (in the units the network trains on) and, for regression, RMSE, MAE and R² in the target's own units. */
function evaluateRows(net: Network, ds: Dataset, scaler: Scaler, target: TargetScaler | null, rows: Int32Array, chunk: number, confusion?: Int32Array, preds?: Float32Array): Evaluation {
  const n = rows.length;
  if (n === 0) return { loss: NaN, accuracy: null, balancedAccuracy: null, rmse: null, mae: null, r2: null };
  const classification = ds.task === 'classification';
  const nOut = net.layers[net.layers.length - 1].nOut;
  const perClass = classification ? new Int32Array(2 * nOut) : undefined;
  let lossSum = 0;
  let weightSum = 0;
  let correct = 0;
  let sq = 0;
  let abs = 0;
  const f32 = net.arena.f32;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    loadBatch(net, ds, scaler, target, rows, start, m);
    const r = net.evaluate(m, confusion, perClass);
    lossSum += r.lossSum;
    weightSum += r.weightSum;
    correct += r.correct;
    const log = target?.log === true;
    if (!log) {
      sq += r.sqErrSum;
      abs += r.absErrSum;
    }
    if (!preds && !log) continue;
    // Each prediction in the target's units; on ln(1 + y) the errors are not a scale of the network's own, so they are measured there too.
    for (let i = 0; i < m; i++) {
      const y = target ? unscaled(f32[net.outOff + i], target) : f32[net.outOff + i];
      if (preds) preds[start + i] = y;
      if (!log) continue;
      const d = y - ds.y[rows[start + i]];
      sq += d * d;
      abs += Math.abs(d);
    }
  }
  if (perClass) return { loss: lossSum / weightSum, accuracy: correct / n, balancedAccuracy: balancedAccuracy(perClass), rmse: null, mae: null, r2: null };
  // Errors of a standardised target back in the target's units (an error scales by std, a squared one by std²).
  if (target && !target.log) {
    sq *= target.std * target.std;
    abs *= target.std;
  }
  let meanY = 0;
  for (let i = 0; i < n; i++) meanY += ds.y[rows[i]];
  meanY /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (ds.y[rows[i]] - meanY) ** 2;
  return { loss: lossSum / n, accuracy: null, balancedAccuracy: null, rmse: Math.sqrt(sq / n), mae: abs / n, r2: ssTot > 0 ? 1 - sq / ssTot : null };
}

/**
 * Rows predicted by one model or several (each fold's, on its own rows or on the same test rows),
 * actual against predicted in the target's units, in order, thinned evenly to at most
 * PREDICTIONS_MAX_ROWS; `rows` counts them all.
 */
function listedPredictions(ds: Dataset, parts: { rows: Int32Array; predicted: Float32Array }[]): ValPredictions {
  const actual: number[] = [];
  const predicted: number[] = [];
  for (const p of parts) {
    p.predicted.forEach((y, r) => {
      actual.push(ds.y[p.rows[r]]);
      predicted.push(y);
    });
  }
  const n = actual.length;
  const keep = Math.min(n, PREDICTIONS_MAX_ROWS);
  const at = Array.from({ length: keep }, (_, i) => Math.floor((i * n) / keep));
  return { rows: n, actual: at.map((i) => actual[i]), predicted: at.map((i) => predicted[i]) };
}

/**
 * sklearn's class_weight="balanced" over some (training) rows: each class present gets
 * rows / (classes present × its rows), so every class weighs the same in the loss as a whole; a
 * class with no training rows gets 1 (it has no row to weigh there).
 *
 * @example
 *   balancedClassWeights(Int32Array.of(0, 0, 0, 1), Int32Array.of(0, 1, 2, 3), 2)   // [4/6, 4/2]
 */
export function balancedClassWeights(y: ArrayLike<number>, rows: ArrayLike<number>, classes: number): Float32Array {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < rows.length; i++) counts[y[rows[i]]]++;
  const present = counts.filter((c) => c > 0).length;
  return Float32Array.from(counts, (c) => (c > 0 ? rows.length / (present * c) : 1));
}

function countCorrect(net: Network, n: number, nOut: number): number {
  const f32 = net.arena.f32;
  const labels = net.arena.i32;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const row = net.outOff + r * nOut;
    let arg = 0;
    for (let c = 1; c < nOut; c++) if (f32[row + c] > f32[row + arg]) arg = c;
    if (arg === labels[net.yOff + r]) correct++;
  }
  return correct;
}

function epochRecord(fold: number, epoch: number, trainLoss: number, val: Evaluation, penalty: number, lr: number, gradNorms: number[], t0: number, trainAccuracy: number | null): EpochMetrics {
  return {
    fold,
    epoch,
    trainLoss,
    valLoss: val.loss,
    penalty,
    trainAccuracy,
    valAccuracy: val.accuracy,
    valBalancedAccuracy: val.balancedAccuracy,
    valRmse: val.rmse,
    valMae: val.mae,
    valR2: val.r2,
    lr,
    gradNorms,
    seconds: (performance.now() - t0) / 1000,
  };
}

function maxLabel(ds: Dataset): number {
  let m = 0;
  for (let i = 0; i < ds.nRows; i++) m = Math.max(m, ds.y[i]);
  return m;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
}

function meanOrNull(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : mean(v);
}

/** The folds' best epoch: one fold's own, else the rounded mean of those that have one; null when none has. */
function meanBestEpoch(folds: FoldResult[]): number | null {
  const m = meanOrNull(folds.map((f) => f.bestEpoch));
  return m === null ? null : Math.round(m);
}

function meanFinal(xs: FinalMetrics[]): FinalMetrics {
  return {
    trainLoss: mean(xs.map((x) => x.trainLoss)),
    valLoss: mean(xs.map((x) => x.valLoss)),
    trainAccuracy: meanOrNull(xs.map((x) => x.trainAccuracy)),
    valAccuracy: meanOrNull(xs.map((x) => x.valAccuracy)),
    valBalancedAccuracy: meanOrNull(xs.map((x) => x.valBalancedAccuracy)),
    valRmse: meanOrNull(xs.map((x) => x.valRmse)),
    valMae: meanOrNull(xs.map((x) => x.valMae)),
    valR2: meanOrNull(xs.map((x) => x.valR2)),
  };
}

const REASON_RANK: StopReason[] = ['max_epochs', 'early_stopping', 'pruned', 'cancelled', 'diverged', 'error'];

function worstReason(reasons: StopReason[]): StopReason {
  return reasons.reduce((a, b) => (REASON_RANK.indexOf(b) > REASON_RANK.indexOf(a) ? b : a), 'max_epochs' as StopReason);
}

/** Mean over folds of each epoch's metrics (epochs reached by fewer folds average over those that reached them). */
export function meanOverFolds(folds: FoldResult[]): EpochMetrics[] {
  if (folds.length === 1) return folds[0].epochs;
  const maxEpoch = Math.max(0, ...folds.map((f) => f.epochs.length));
  const out: EpochMetrics[] = [];
  for (let e = 0; e < maxEpoch; e++) {
    const rows = folds.map((f) => f.epochs[e]).filter((r): r is EpochMetrics => r !== undefined);
    out.push({
      fold: -1,
      epoch: e + 1,
      trainLoss: mean(rows.map((r) => r.trainLoss)),
      valLoss: mean(rows.map((r) => r.valLoss)),
      penalty: mean(rows.map((r) => r.penalty)),
      trainAccuracy: meanOrNull(rows.map((r) => r.trainAccuracy)),
      valAccuracy: meanOrNull(rows.map((r) => r.valAccuracy)),
      valBalancedAccuracy: meanOrNull(rows.map((r) => r.valBalancedAccuracy)),
      valRmse: meanOrNull(rows.map((r) => r.valRmse)),
      valMae: meanOrNull(rows.map((r) => r.valMae)),
      valR2: meanOrNull(rows.map((r) => r.valR2)),
      lr: rows[0].lr,
      gradNorms: rows[0].gradNorms.map((_, l) => mean(rows.map((r) => r.gradNorms[l] ?? 0))),
      seconds: rows.reduce((a, r) => a + r.seconds, 0),
    });
  }
  return out;
}
