import type { ExperimentInfo, ExperimentOutcome, ImageSamples, ObjectiveChance, PathResult, SurfaceInfo, TrialDiagnostics } from '../api/contract';
import type { Dataset } from '../data/types';
import { builtinDatasets } from '../data/builtin';
import { objectiveChance, type ChanceInput } from '../analysis/chance';
import { chanceLevel, type ConfigHints } from '../diagnostics/evidence';
import { NotFoundError } from '../errors';
import { findingsOf, type TargetFacts } from '../diagnostics/findings';
import { EXPERIMENTS, type Experiment } from '../experiments/builtin';
import { experimentOutcome, type OutcomeSearch, type OutcomeTrial } from '../experiments/outcome';
import { parseStoredSpec, type Spec } from '../spec/spec';
import { SURFACES, surfaceGrid, type SurfaceId } from '../playground/functions';
import { runPath } from '../playground/path';
import { unpackChunks } from '../store/chunks';
import { confusionOf } from './export';
import type { SearchRow, Store, TrialRow } from '../store/store';
import { ENDED_SEARCH_STATUSES, FINISHED_TRIAL_STATUSES, OBJECTIVE_METRICS, type ObjectiveMetric, type Task } from '../vocabulary';

/**
 * What the "why did this trial do that" views read: a trial's diagnostics and findings, the
 * built-in experiments, the optimizer playground and sample images. Reads through the store's
 * repositories and the engine's own modules; the Workbench exposes them through the contract.
 */

/** What the findings may know beyond the trial's own records. */
export interface FindingsContext {
  targetError?: number;
  /** The trial's resolved settings (advice names its lr, optimizer, initializer). */
  config?: ConfigHints;
  /** The first fold's training rows (with the batch size: the weight updates an epoch made). */
  trainRows?: number;
  /** The network's inputs (features after one-hot encoding): more than the training rows is named when a trial overfits. */
  features?: number;
  /** Rows per class of the data set (the chance level is their entropy). */
  classCounts?: number[];
  /** The validation rows' confusion at the best epoch, with the classes' names. */
  confusion?: { classes: string[]; counts: number[][] };
  /** The search's objective metric. */
  metric?: string;
  /** The split has several folds (k-fold, leave-one-out). */
  crossValidated?: boolean;
  /** Regression: how the target was scaled, and its training rows' figures where the data could be read (`targetFacts`). */
  target?: TargetFacts;
}

/** A trial's first-fold snapshots, per-epoch gradient norms, and findings in plain words (read over every fold). */
export function trialDiagnostics(
  store: Store, trial: TrialRow, task: Task, every: number | null, context: FindingsContext = {},
): TrialDiagnostics {
  const all = unpackChunks(store.epochs.ofTrial(trial.id));
  const folds = [...new Set(all.map((e) => e.fold))].sort((a, b) => a - b).map((f) => all.filter((e) => e.fold === f));
  const epochs = folds[0] ?? [];
  const snapshots = store.diagnostics.ofTrial(trial.id, 0);
  const layers = epochs.reduce((m, e) => Math.max(m, e.gradNorms.length), 0);
  const byLayer = Array.from({ length: layers }, (_, l) => epochs.map((e) => e.gradNorms[l] ?? NaN));
  const findings = epochs.length === 0
    ? []
    : findingsOf({
      task, epochs, folds, snapshots, ...context,
      bestEpoch: trial.best_epoch,
      stopReason: trial.stop_reason ?? 'max_epochs',
    });
  return { number: trial.number, snapshots, gradNorms: { epoch: epochs.map((e) => e.epoch), byLayer }, findings, every };
}

/** A built-in experiment by id, or a NotFoundError naming the valid ones. */
export function experimentById(id: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.id === id);
  if (!e) throw new NotFoundError(`No experiment "${id}" (valid: ${EXPERIMENTS.map((x) => x.id).join(', ')})`);
  return e;
}

/** The name a new run of an experiment's i-th search gets: its own, or "name (k)" past the runs its project already holds. */
export function experimentRunName(store: Store, e: Experiment, i: number): string {
  const spec = e.specs[i];
  const used = new Set(store.searches.list().filter((x) => x.project === spec.project).map((x) => x.name));
  const base = spec.name ?? e.title;
  let name = base;
  for (let k = 2; used.has(name); k++) name = `${base} (${k})`;
  return name;
}

/** The loss of a constant prediction on an experiment's data set, where its classes are known (a built-in set); else undefined. */
export function experimentChance(e: Experiment): number | undefined {
  const d = e.specs[0].dataset as { builtin?: string } | undefined;
  const counts = d?.builtin ? builtinDatasets().find((b) => b.name === d.builtin)?.class_counts : undefined;
  return counts && counts.length > 0 ? chanceLevel('classification', [], [], counts)?.loss : undefined;
}

/** The built-in experiments as the UI lists them. */
export function experimentInfos(): ExperimentInfo[] {
  return EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, description: e.description, usually: e.usually, lookAt: e.lookAt, searches: e.specs.map((s) => s.name ?? e.title) }));
}

/**
 * The latest run of an experiment: the newest search named after its first spec ("name" or
 * "name (k)"), the searches of the other specs with the same suffix, their progress, and what
 * they show once every one has finished. Null when it has never been run.
 */
export function experimentOutcomeOf(store: Store, e: Experiment, chance?: number): ExperimentOutcome | null {
  const mine = store.searches.list().filter((s) => s.project === e.specs[0].project);
  const base = (i: number): string => e.specs[i].name ?? e.title;
  const latest = mine.find((s) => s.name === base(0) || (s.name.startsWith(`${base(0)} (`) && /^ \(\d+\)$/.test(s.name.slice(base(0).length))));
  if (!latest) return null;
  const suffix = latest.name.slice(base(0).length);
  const rows = e.specs.map((_, i) => mine.find((s) => s.name === base(i) + suffix)).filter((s): s is SearchRow => s !== undefined);
  const searches: OutcomeSearch[] = [];
  const progress: ExperimentOutcome['searches'] = [];
  for (const row of rows) {
    const trials = store.trials.list(row.id);
    progress.push({ id: row.id, name: row.name, status: row.status, done: trials.filter((t) => (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)).length, total: row.planned_trials });
    let spec: Spec;
    try {
      spec = parseStoredSpec(row.spec);
    } catch {
      continue;
    }
    searches.push({
      name: row.name, strategy: spec.strategy.kind, metric: spec.objective.metric, direction: spec.objective.direction,
      rounds: store.rounds.list(row.id),
      space: Object.fromEntries(Object.entries(spec.space).map(([k, p]) => [k, p.type === 'float' || p.type === 'int' ? { low: p.low, high: p.high, log: p.log } : {}])),
      trials: trials.map((t) => {
        const epochs = trials.length <= 100 ? unpackChunks(store.epochs.ofTrial(t.id, 0)) : [];
        return {
          number: t.number, round: t.round, status: t.status, knobs: JSON.parse(t.knobs) as Record<string, unknown>, objective: t.objective,
          valAccuracy: t.val_accuracy, valBalancedAccuracy: t.val_balanced_accuracy, confusion: t.confusion ? (JSON.parse(t.confusion) as OutcomeTrial['confusion']) : null,
          valLoss: { epoch: epochs.map((x) => x.epoch), value: epochs.map((x) => (Number.isFinite(x.valLoss) ? x.valLoss : null)) },
        };
      }),
    });
  }
  const finished = rows.length === e.specs.length && rows.every((r) => (ENDED_SEARCH_STATUSES as readonly string[]).includes(r.status));
  return { searches: progress, finished, sentences: finished ? experimentOutcome(e.id, { searches, chance }) : [] };
}

/** The playground's surfaces with their values on an n×n grid. */
export function surfaceInfos(n = 90): SurfaceInfo[] {
  return Object.values(SURFACES).map((s) => ({
    id: s.id, label: s.label, xRange: s.xRange, yRange: s.yRange, minimum: s.minimum, start: s.start, logContours: s.logContours, grid: surfaceGrid(s, n),
    usually: s.usually, defaults: s.defaults,
  }));
}

/** One optimizer's path (the knobs are validated as the spec's train keys). */
export function playgroundPath(surface: SurfaceId, knobs: Record<string, unknown>, start: [number, number], steps: number): PathResult {
  return runPath(surface, knobs, start, steps);
}

/** `count` images spread evenly over an image data set's rows, with their labels. */
export function imageSamples(ds: Dataset, count: number): ImageSamples | null {
  if (!ds.imageShape) return null;
  const [h, w] = ds.imageShape;
  const size = h * w;
  const n = Math.min(count, ds.nRows);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ds.x.length; i++) {
    const v = ds.x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const images: number[][] = [];
  const labels: string[] = [];
  for (let k = 0; k < n; k++) {
    const row = Math.floor((k * ds.nRows) / n);
    images.push(Array.from(ds.x.subarray(row * size, (row + 1) * size)));
    const y = ds.y[row];
    labels.push(ds.classNames?.[y] ?? String(y));
  }
  return { shape: [h, w], images, labels, range: [lo, hi] };
}

/**
 * The chance level of each of a search's validation metrics that has one (analysis/chance.ts),
 * read from its first trial that ended with a confusion matrix (classes: its row sums are the
 * validation rows per class) or an R² (a regression: with its RMSE, the validation target's
 * spread); none before one has.
 */
export function searchChances(store: Store, searchId: number, spec: Spec): Partial<Record<ObjectiveMetric, ObjectiveChance>> {
  const t = store.trials.taskEvidence(searchId);
  const confusion = t ? confusionOf(t) : null;
  const weighted = 'classWeights' in spec.space ? null : spec.train.classWeights === 'balanced';
  const input = (metric: string): ChanceInput | null => (confusion
    ? { metric, task: 'classification', classRows: confusion.counts.map((r) => r.reduce((a, b) => a + b, 0)), weighted }
    : t && t.val_r2 !== null ? { metric, task: 'regression', targetPreprocess: spec.targetPreprocess, valRmse: t.val_rmse, valR2: t.val_r2 } : null);
  const out: Partial<Record<ObjectiveMetric, ObjectiveChance>> = {};
  for (const metric of OBJECTIVE_METRICS) {
    const i = input(metric);
    const c = i && objectiveChance(i);
    if (c) out[metric] = c;
  }
  return out;
}
