import type Database from 'better-sqlite3';
import type { ExperimentInfo, ImageSamples, PathResult, SurfaceInfo, TrialDiagnostics } from '../api/contract';
import type { Dataset } from '../data/types';
import type { ConfigHints } from '../diagnostics/evidence';
import { findingsOf } from '../diagnostics/findings';
import { EXPERIMENTS } from '../experiments/builtin';
import { SURFACES, surfaceGrid, type SurfaceId } from '../playground/functions';
import { runPath } from '../playground/path';
import { unpackChunks } from '../store/chunks';
import { trialChunks, trialSnapshots, type TrialRow } from '../store/store';

/**
 * What the "why did this trial do that" views read: a trial's diagnostics and findings, the
 * built-in experiments, the optimizer playground and sample images. Pure reads over the store's
 * connection and the engine's own modules; the Workbench exposes them through the contract.
 */

/** What the findings may know beyond the trial's own records. */
export interface FindingsContext {
  targetError?: number;
  /** The trial's resolved settings (advice names its lr, optimizer, initializer). */
  config?: ConfigHints;
  /** Rows per class of the data set (the chance level is their entropy). */
  classCounts?: number[];
}

/** A trial's first-fold snapshots, per-epoch gradient norms, and findings in plain words (read over every fold). */
export function trialDiagnostics(
  db: Database.Database, trial: TrialRow, task: 'classification' | 'regression', every: number | null, context: FindingsContext = {},
): TrialDiagnostics {
  const all = unpackChunks(trialChunks(db, trial.id));
  const folds = [...new Set(all.map((e) => e.fold))].sort((a, b) => a - b).map((f) => all.filter((e) => e.fold === f));
  const epochs = folds[0] ?? [];
  const snapshots = trialSnapshots(db, trial.id, 0);
  const layers = epochs.reduce((m, e) => Math.max(m, e.gradNorms.length), 0);
  const byLayer = Array.from({ length: layers }, (_, l) => epochs.map((e) => e.gradNorms[l] ?? NaN));
  const findings = epochs.length === 0
    ? []
    : findingsOf({
      task, epochs, folds, snapshots, ...context,
      bestEpoch: trial.best_epoch ?? epochs[epochs.length - 1].epoch,
      stopReason: trial.stop_reason ?? 'max_epochs',
    });
  return { number: trial.number, snapshots, gradNorms: { epoch: epochs.map((e) => e.epoch), byLayer }, findings, every };
}

/** The built-in experiments as the UI lists them. */
export function experimentInfos(): ExperimentInfo[] {
  return EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, description: e.description, lookAt: e.lookAt, searches: e.specs.map((s) => s.name ?? e.title) }));
}

/** The playground's surfaces with their values on an n×n grid. */
export function surfaceInfos(n = 90): SurfaceInfo[] {
  return Object.values(SURFACES).map((s) => ({
    id: s.id, label: s.label, xRange: s.xRange, yRange: s.yRange, minimum: s.minimum, start: s.start, logContours: s.logContours, grid: surfaceGrid(s, n),
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
