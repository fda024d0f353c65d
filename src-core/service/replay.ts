import type { PruneInfo, ReplayResult } from '../api/contract';
import { loadDataset, makeSplit, toShared, type Dataset, type Split } from '../data';
import { BadInputError } from '../errors';
import { availableKernelPaths } from '../nn/kernels/index';
import type { KernelPath } from '../nn/kernels/types';
import { WorkerPool } from '../runner/pool';
import { objectiveValue } from '../search/study';
import { parseStoredSpec, trainConfigOf, type Objective } from '../spec/spec';
import { unpackChunks, type EpochChunk } from '../store/chunks';
import { checkDataUnchanged } from '../store/datahash';
import type { Store, TrialRow } from '../store/store';
import type { PrunerKind } from '../prune/schema';
import type { PruneDecision } from '../prune/trial';
import type { EpochMetrics, FinalMetrics, StopReason } from '../train/types';

/** The stored metrics a replay compares, by name (the wall-clock seconds are left out: they never repeat). */
const COMPARED = ['trainLoss', 'valLoss', 'penalty', 'trainAccuracy', 'valAccuracy', 'valBalancedAccuracy', 'valRmse', 'valMae', 'valR2', 'lr'] as const;

const same = (a: number | null, b: number | null): boolean => Object.is(a ?? NaN, b ?? NaN);
const orNull = (x: number | null): number | null => (x === null || Number.isNaN(x) ? null : x);

/** Every compared value of two epochs, as [metric, stored, replayed] (gradient norms as gradNorm[layer]). */
function pairs(a: EpochMetrics, b: EpochMetrics | undefined): [string, number | null, number | null][] {
  // Balanced accuracy was not recorded before schema 15: a stored epoch without it has nothing to compare.
  const out: [string, number | null, number | null][] = COMPARED.filter((k) => k !== 'valBalancedAccuracy' || a[k] !== null).map((k) => [k, a[k], b ? b[k] : null]);
  const layers = Math.max(a.gradNorms.length, b?.gradNorms.length ?? 0);
  for (let l = 0; l < layers; l++) out.push([`gradNorm[${l}]`, a.gradNorms[l] ?? null, b?.gradNorms[l] ?? null]);
  return out;
}

/** Compare a stored curve with a replayed one, epoch by epoch and fold by fold. */
export function compareCurves(stored: EpochMetrics[], replayed: EpochMetrics[]): Pick<ReplayResult, 'identical' | 'differing' | 'firstDifference' | 'maxAbsDifference' | 'epochs'> {
  const key = (e: EpochMetrics): string => `${e.fold}:${e.epoch}`;
  const byKey = new Map(replayed.map((e) => [key(e), e]));
  let differing = 0;
  let maxAbs = 0;
  let first: ReplayResult['firstDifference'] = null;
  for (const s of stored) {
    const r = byKey.get(key(s));
    let differs = r === undefined;
    for (const [metric, a, b] of pairs(s, r)) {
      if (same(a, b)) continue;
      differs = true;
      if (a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b)) maxAbs = Math.max(maxAbs, Math.abs(a - b));
      else maxAbs = Infinity;
      first ??= { fold: s.fold, epoch: s.epoch, metric, stored: orNull(a), replayed: orNull(b) };
    }
    if (differs) differing++;
  }
  const storedKeys = new Set(stored.map(key));
  const extra = replayed.filter((e) => !storedKeys.has(key(e)));
  if (extra.length > 0) {
    differing += extra.length;
    maxAbs = Infinity;
    first ??= { fold: extra[0].fold, epoch: extra[0].epoch, metric: 'epoch (not stored)', stored: null, replayed: extra[0].valLoss };
  }
  return { identical: differing === 0, differing, firstDifference: first, maxAbsDifference: Number.isFinite(maxAbs) ? maxAbs : null, epochs: { stored: stored.length, replayed: replayed.length } };
}

/**
 * The objective a replay reached, counted the way the search counts a trial (Study's outcome): a run
 * that diverged has none, even when an epoch before the blow-up had a finite (huge) loss.
 */
export function replayedObjectiveOf(stopReason: StopReason, best: FinalMetrics, objective: Objective): number | null {
  if (stopReason === 'diverged') return null;
  const v = objectiveValue(best, objective);
  return Number.isFinite(v) ? v : null;
}

/**
 * A curve comparison that also holds the objectives side by side: identical curves with objectives that
 * differ (the stored result no longer follows from its curve) are a difference too, reported at the last epoch.
 */
export function withObjective(
  c: ReturnType<typeof compareCurves>, objective: ReplayResult['objective'], metric: string, last: EpochMetrics | undefined,
): ReturnType<typeof compareCurves> {
  if (same(objective.stored, objective.replayed)) return c;
  return {
    ...c,
    identical: false,
    firstDifference: c.firstDifference ?? { fold: last?.fold ?? 0, epoch: last?.epoch ?? 0, metric: `objective (${metric})`, stored: objective.stored, replayed: objective.replayed },
    maxAbsDifference: c.identical
      ? (objective.stored !== null && objective.replayed !== null ? Math.abs(objective.stored - objective.replayed) : null)
      : c.maxAbsDifference,
  };
}

const fmt = (x: number | null): string => (x === null ? 'missing' : Number.isFinite(x) ? String(x) : String(x));

/** "1 epoch", "4 epochs". */
const epochs = (n: number): string => `${n} epoch${n === 1 ? '' : 's'}`;

/** The verdict of a replay in one sentence. */
export function replayMessage(r: Omit<ReplayResult, 'message'>): string {
  const where = r.storedKernelPath === null
    ? `on ${r.kernelPath} (the path it trained on was not recorded)`
    : r.samePath ? `on the same kernel path (${r.kernelPath})` : `on ${r.kernelPath}, not on ${r.storedKernelPath} where it trained (that path is not available here)`;
  if (r.identical) {
    return `Trial ${r.number} replays bit for bit ${where}: ${epochs(r.epochs.stored)}, every loss, accuracy, learning rate and gradient norm identical.`;
  }
  const d = r.firstDifference!;
  const at = `${d.metric} at epoch ${d.epoch}${d.fold > 0 ? ` of fold ${d.fold}` : ''}: ${fmt(d.stored)} stored, ${fmt(d.replayed)} replayed`;
  if (r.differing === 0) {
    // Every epoch matched; only the result taken from them did not.
    const value = (x: number | null): string => (x === null ? 'none' : String(x));
    return `Trial ${r.number} does NOT replay identically ${where}: its ${epochs(r.epochs.stored)} ${r.epochs.stored === 1 ? 'matches' : 'match'} bit for bit, but its objective does not ` +
      `(stored ${value(r.objective.stored)}, replayed ${value(r.objective.replayed)}; a trial that diverged has none). ` +
      'Its stored result was changed since it ran, or the run ended another way this time.';
  }
  if (!r.samePath && r.storedKernelPath !== null) {
    return `Trial ${r.number} replayed ${where}; another path rounds differently, so its curve is not bit for bit the same (${r.differing} of ${epochs(r.epochs.stored)} ${r.differing === 1 ? 'differs' : 'differ'}, by at most ${r.maxAbsDifference === null ? 'an unbounded amount' : fmt(r.maxAbsDifference)}; first ${at}).`;
  }
  return `Trial ${r.number} does NOT replay identically ${where}: ${r.differing} of ${epochs(r.epochs.stored)} ${r.differing === 1 ? 'differs' : 'differ'} (first ${at}). ` +
    'Its stored configuration, seed or data set changed since it ran, or training is no longer deterministic.';
}

/**
 * Train a stored trial again from its stored knobs, model seed and split seed, on the kernel path
 * it trained on when this runtime has it, and compare the curve with the stored one.
 */
export async function replayTrial(store: Store, searchId: number, number: number, opts: { baseDir?: string; load?: () => Dataset } = {}): Promise<ReplayResult> {
  return (await replayRun(store, searchId, number, opts)).result;
}

/** The kernel path a trial trained on, where this runtime has it (training it again there gives its model bit for bit); else undefined, the fastest. */
export function trainedPathHere(t: TrialRow): KernelPath | undefined {
  const stored = t.kernel_path as KernelPath | null;
  return stored !== null && availableKernelPaths().includes(stored) ? stored : undefined;
}

/**
 * The epoch whose model a replay's predictions come from: the trial's best where early stopping
 * restored it, else its first fold's last epoch (its stored figures are still read at the best).
 */
export function answeringEpoch(store: Store, searchId: number, t: TrialRow): number | null {
  const config = trainConfigOf(parseStoredSpec(store.searches.need(searchId).spec), JSON.parse(t.knobs) as Record<string, unknown>);
  const restored = config.earlyStopping !== false && config.earlyStopping.restoreBest;
  return restored ? t.best_epoch : (unpackChunks(store.epochs.ofTrial(t.id, 0)).at(-1)?.epoch ?? null);
}

/**
 * A replay (`replayTrial`) that also hands back what it trained on. `load` gives the data set where
 * the caller keeps it loaded; `check` sees it first and may refuse it (before any training); given
 * `predictOn` (rows of raw features made from it, or none), the first fold's final model answers
 * them (a decision boundary's grid); with `predictVal`, each fold's final model answers its own
 * validation rows (`valAnswers`, fold after fold; `folds`: how many folds trained), what the
 * precision of a class at each threshold is worked from. Drawn from a run shown to be the stored one.
 */
export async function replayRun(
  store: Store, searchId: number, number: number,
  opts: { baseDir?: string; load?: () => Dataset; predictOn?: (ds: Dataset, split: Split) => Float32Array | undefined; predictVal?: boolean; check?: (ds: Dataset) => void } = {},
): Promise<{ result: ReplayResult; predictions?: Float32Array; valAnswers?: Float32Array; folds: number; dataset: Dataset; split: Split }> {
  const s = store.searches.need(searchId);
  const t = store.trials.need(searchId, number);
  const stored = unpackChunks(store.epochs.ofTrial(t.id));
  if (stored.length === 0) throw new BadInputError(`Trial ${number} of search ${searchId} has no stored epochs (${t.status}); replay a trial that trained`, [{ path: 'number', message: 'no stored curve' }]);
  const spec = parseStoredSpec(s.spec);
  const config = trainConfigOf(spec, JSON.parse(t.knobs) as Record<string, unknown>);
  // A replay on changed data would report a difference the training did not make.
  checkDataUnchanged(s, opts.baseDir);
  // The data set as its caller keeps it loaded (once its files are known unchanged), else read now.
  const dataset = opts.load?.() ?? loadDataset(spec.dataset, spec.seed, opts.baseDir);
  opts.check?.(dataset);
  const split = makeSplit(dataset, spec.split, spec.seed, t.split_seed ?? undefined);
  const predict = opts.predictOn?.(dataset, split);
  const storedPath = (t.kernel_path as KernelPath | null) ?? null;
  const here = trainedPathHere(t);
  const samePath = here !== undefined;
  const pool = new WorkerPool(1, { dataset: toShared(dataset), split, preprocess: spec.preprocess, targetPreprocess: spec.targetPreprocess });
  const chunks: EpochChunk[] = [];
  try {
    const r = await pool.run({
      trialId: t.id, config, seed: t.seed, kernels: here, diagnosticsEvery: spec.diagnostics?.every, stopAt: stopAtOf(t, stored, spec.pruner.kind),
      ...(predict ? { predict } : {}), ...(opts.predictVal ? { predictVal: true } : {}),
    }, (c) => chunks.push(...c)).result;
    const replayed = unpackChunks(chunks);
    const objective = { stored: t.objective, replayed: replayedObjectiveOf(r.stopReason, r.best, spec.objective) };
    const base = {
      searchId, number, storedKernelPath: storedPath, kernelPath: r.kernelPath, samePath: samePath && r.kernelPath === storedPath,
      ...withObjective(compareCurves(stored, replayed), objective, spec.objective.metric, stored.at(-1) ?? replayed.at(-1)),
      objective,
    };
    return {
      result: { ...base, message: replayMessage(base) }, ...(r.predictions ? { predictions: r.predictions } : {}), ...(r.valAnswers ? { valAnswers: r.valAnswers } : {}),
      folds: r.folds.length, dataset, split,
    };
  } finally {
    await pool.close();
  }
}

/**
 * Where a pruned trial stopped, so its replay stops there too (as the pruner stopped it) instead of
 * training on and reporting the epochs past it as a difference: its stored decision, else (stored
 * before decisions were) the last stored epoch.
 */
function stopAtOf(t: TrialRow, stored: EpochMetrics[], kind: PrunerKind): PruneDecision | undefined {
  if (t.status !== 'pruned' && t.stop_reason !== 'pruned') return undefined;
  if (t.prune) {
    try {
      const { lastStep: _lastStep, ...decision } = JSON.parse(t.prune) as PruneInfo;
      return decision;
    } catch {
      // an unreadable decision: stop at the last stored epoch
    }
  }
  const last = stored[stored.length - 1];
  return { rule: kind === 'none' ? 'median' : kind, step: stored.length, value: NaN, threshold: NaN, compared: 0, fold: last.fold, epoch: last.epoch };
}
