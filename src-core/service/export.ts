import { stringify } from 'csv-stringify/sync';
import type { Store } from '../store/store';

/** The trial CSV's fixed columns after the `param_<name>` ones (the README's "Exports"). */
const TRIAL_TAIL = ['objective', 'best_epoch', 'stopped_epoch', 'stop_reason', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'duration_s', 'seed', 'notes', 'error'] as const;
/** The curves CSV's columns (long format). */
export const CURVE_COLUMNS = ['trial', 'fold', 'epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'lr'] as const;

const cell = (v: unknown): string | number => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

/**
 * One row per trial: trial, round, status, param_<knob>…, then metrics at the best epoch, the seed, the notes, and last the trial's error (empty when none; RFC 4180 via csv-stringify).
 * Trials no worker has started (queued: waiting, or left waiting by a pause, a stop or the time budget) are left out, as the trials table leaves them out.
 * A search whose process is gone (Store.orphaned: read-only, the file keeps "running") has its running trials read `interrupted`, as the next writer marks them.
 */
export function trialsCsv(store: Store, searchId: number): string {
  const search = store.searches.need(searchId);
  const orphaned = store.orphaned(searchId);
  const knobNames = Object.keys((JSON.parse(search.spec) as { space?: Record<string, unknown> }).space ?? {});
  const header = ['trial', 'round', 'status', ...knobNames.map((k) => `param_${k}`), ...TRIAL_TAIL];
  const rows = store.trials.list(searchId).filter((t) => t.status !== 'queued').map((t) => {
    const knobs = JSON.parse(t.knobs) as Record<string, unknown>;
    return [t.number, t.round, orphaned && t.status === 'running' ? 'interrupted' : t.status, ...knobNames.map((k) => cell(knobs[k])), cell(t.objective), cell(t.best_epoch), cell(t.stopped_epoch), cell(t.stop_reason),
      cell(t.train_loss), cell(t.val_loss), cell(t.train_accuracy), cell(t.val_accuracy), cell(t.val_rmse), cell(t.val_mae), cell(t.val_r2), cell(t.duration_s), t.seed, t.notes, cell(t.error)];
  });
  return stringify([header, ...rows]);
}

/** Every epoch of every trial, long format: trial, fold, epoch, train_loss, val_loss, train_accuracy, val_accuracy, val_rmse, val_mae, val_r2, lr. */
export function curvesCsv(store: Store, searchId: number): string {
  const rows = store.epochs.rows(searchId).map((e) => [e.number, e.fold, e.epoch, cell(e.train_loss), cell(e.val_loss), cell(e.train_accuracy), cell(e.val_accuracy), cell(e.val_rmse), cell(e.val_mae), cell(e.val_r2), cell(e.lr)]);
  return stringify([[...CURVE_COLUMNS], ...rows]);
}

/** The diagnostics CSV's columns: one row per trial, fold, epoch and layer; histograms as JSON. */
export const DIAGNOSTIC_COLUMNS = ['trial', 'fold', 'epoch', 'layer', 'units', 'activation', 'mean', 'std', 'weight_norm', 'grad_norm',
  'dead_fraction', 'saturation_fraction', 'pre_histogram', 'post_histogram'] as const;

/** Every stored diagnostics snapshot, one row per layer. */
export function diagnosticsCsv(store: Store, searchId: number): string {
  const rows = store.diagnostics.ofSearch(searchId).flatMap((d) =>
    d.layers.map((l) => [d.number, d.fold, d.epoch, l.layer, l.units, l.activation, cell(l.meanPost), cell(l.stdPost), cell(l.weightNorm), cell(l.gradNorm),
      cell(l.deadFraction), cell(l.saturationFraction), JSON.stringify(l.pre), JSON.stringify(l.post)]),
  );
  return stringify([[...DIAGNOSTIC_COLUMNS], ...rows]);
}
