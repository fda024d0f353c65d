import { stringify } from 'csv-stringify/sync';
import type { Confusion, Predictions } from '../api/contract';
import { NotFoundError } from '../errors';
import { trialNumbersText } from '../api/trialText';
import { predictionsFrom } from '../analysis/predictions';
import type { Store, TrialRow } from '../store/store';

/** The trial CSV's fixed columns after the `param_<name>` ones (the README's "Exports"). */
const TRIAL_TAIL = ['objective', 'best_epoch', 'stopped_epoch', 'stop_reason', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'duration_s', 'started_at', 'finished_at', 'seed', 'notes', 'error'] as const;
/** The curves CSV's columns (long format). */
export const CURVE_COLUMNS = ['trial', 'fold', 'epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'lr'] as const;

const cell = (v: unknown): string | number => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

/**
 * One row per trial: trial, round, status, param_<knob>…, then metrics at the best epoch, the training time, when it started and ended (ISO 8601, UTC), the seed, the notes, and last the trial's error (empty when none; RFC 4180 via csv-stringify).
 * Trials no worker has started (queued: waiting, or left waiting by a pause, a stop or the time budget) are left out, as the trials table leaves them out.
 * A search whose process is gone (Store.orphaned: read-only, the file keeps "running") has its running trials read `interrupted`, as the next writer marks them.
 */
export function trialsCsv(store: Store, searchId: number, numbers?: readonly number[]): string {
  const search = store.searches.need(searchId);
  const orphaned = store.orphaned(searchId);
  const knobNames = Object.keys((JSON.parse(search.spec) as { space?: Record<string, unknown> }).space ?? {});
  const header = ['trial', 'round', 'status', ...knobNames.map((k) => `param_${k}`), ...TRIAL_TAIL];
  let trials = store.trials.list(searchId);
  if (numbers) {
    // Only those asked for (the rows a person filtered), each once; one the search has not is named.
    const wanted = new Set(numbers);
    const have = new Set(trials.map((t) => t.number));
    const missing = [...wanted].filter((n) => !have.has(n));
    if (missing.length > 0) throw new NotFoundError(`Search ${searchId} "${search.name}" has no trial ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}; ${trialNumbersText([...have])}`);
    trials = trials.filter((t) => wanted.has(t.number));
  }
  const rows = trials.filter((t) => t.status !== 'queued' || numbers !== undefined).map((t) => {
    const knobs = JSON.parse(t.knobs) as Record<string, unknown>;
    return [t.number, t.round, orphaned && t.status === 'running' ? 'interrupted' : t.status, ...knobNames.map((k) => cell(knobs[k])), cell(t.objective), cell(t.best_epoch), cell(t.stopped_epoch), cell(t.stop_reason),
      cell(t.train_loss), cell(t.val_loss), cell(t.train_accuracy), cell(t.val_accuracy), cell(t.val_balanced_accuracy), cell(t.val_rmse), cell(t.val_mae), cell(t.val_r2), cell(t.duration_s), cell(t.started_at), cell(t.finished_at), t.seed, t.notes, cell(t.error)];
  });
  return stringify([header, ...rows]);
}

/** Every epoch of every trial, long format: trial, fold, epoch, train_loss, val_loss, train_accuracy, val_accuracy, val_balanced_accuracy, val_rmse, val_mae, val_r2, lr. */
export function curvesCsv(store: Store, searchId: number): string {
  const rows = store.epochs.rows(searchId).map((e) => [e.number, e.fold, e.epoch, cell(e.train_loss), cell(e.val_loss), cell(e.train_accuracy), cell(e.val_accuracy), cell(e.val_balanced_accuracy), cell(e.val_rmse), cell(e.val_mae), cell(e.val_r2), cell(e.lr)]);
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

/** A trial's stored confusion matrix, when it is one (null when none was counted, or the text is not a square of counts with a name per class). */
export function confusionOf(t: Pick<TrialRow, 'confusion'>): Confusion | null {
  if (!t.confusion) return null;
  try {
    const c = JSON.parse(t.confusion) as Confusion;
    const k = c.classes?.length;
    const square = Array.isArray(c.counts) && c.counts.length === k && c.counts.every((r) => Array.isArray(r) && r.length === k && r.every((n) => Number.isInteger(n) && n >= 0));
    return k > 0 && square && c.classes.every((x) => typeof x === 'string') ? { classes: c.classes, counts: c.counts } : null;
  } catch {
    return null;
  }
}

/** A trial's stored validation predictions (`predictionsJson`), the pairs whose prediction overflowed left out and counted; null when none were kept or the text is not such a list. */
export function predictionsOf(json: string | null): Predictions | null {
  if (!json) return null;
  try {
    return predictionsFrom(JSON.parse(json));
  } catch {
    return null;
  }
}

/** The confusion CSV's columns: one row per trial, true class and predicted class (long format; classes by name). */
export const CONFUSION_COLUMNS = ['trial', 'true_class', 'predicted_class', 'rows'] as const;

/** Every classification trial's validation rows at its best epoch, long format (trials without a matrix are left out). */
export function confusionCsv(store: Store, searchId: number): string {
  store.searches.need(searchId);
  const rows = store.trials.list(searchId).flatMap((t) => {
    const c = confusionOf(t);
    return c ? c.counts.flatMap((r, i) => r.map((n, j) => [t.number, c.classes[i], c.classes[j], n])) : [];
  });
  return stringify([[...CONFUSION_COLUMNS], ...rows]);
}

/** One trial's matrix as the drawer shows it: a row per true class, a column per predicted class (the first cell says which is which). */
export function trialConfusionCsv(store: Store, searchId: number, number: number): string {
  const t = store.trials.need(searchId, number);
  const c = confusionOf(t);
  if (!c) throw new NotFoundError(`Trial ${number} of search ${searchId} has no confusion matrix (only classification trials counted by this version have one)`);
  return stringify([['true \\ predicted', ...c.classes], ...c.counts.map((r, i) => [c.classes[i], ...r])]);
}
