import { valueLabel } from '../../../src-core/api/labels';
import { figure } from '../../../src-core/format';
import type { SearchSummary, TrialSummary } from '../../../src-core/api/contract';

/** What the trials table shows. */
export interface TrialFilter {
  /** Statuses to show (empty: all). */
  statuses: string[];
  hideFailed: boolean;
  /** Keep the best this % of finished trials; 100, or null (an emptied box), keeps all. */
  topPercent: number | null;
  /** Numeric knob ranges [low, high] to keep (inclusive). */
  ranges: Record<string, [number, number]>;
}

/** A filter that keeps everything. */
export function noFilter(): TrialFilter {
  return { statuses: [], hideFailed: false, topPercent: 100, ranges: {} };
}

/**
 * Trials that pass a filter, in their original order. Top-k% ranks finished trials by objective in
 * the search's direction; `hideFailed` hides the `failed` statuses (the vocabulary's failedTrialStatuses).
 */
export function filterTrials(trials: TrialSummary[], f: TrialFilter, direction: 'minimize' | 'maximize', failed: readonly string[]): TrialSummary[] {
  let keepTop: Set<number> | null = null;
  // An emptied "top %" box (null) means no filter, as 100 does (null < 100 kept only the best trial).
  if (typeof f.topPercent === 'number' && f.topPercent < 100) {
    const finished = trials.filter((t) => t.objective !== null).sort((a, b) => (direction === 'minimize' ? a.objective! - b.objective! : b.objective! - a.objective!));
    const n = Math.max(1, Math.ceil((finished.length * f.topPercent) / 100));
    keepTop = new Set(finished.slice(0, n).map((t) => t.number));
  }
  const ranges = Object.entries(f.ranges);
  return trials.filter((t) => {
    if (f.statuses.length > 0 && !f.statuses.includes(t.status)) return false;
    if (f.hideFailed && failed.includes(t.status)) return false;
    if (keepTop && !keepTop.has(t.number)) return false;
    for (const [k, [lo, hi]] of ranges) {
      const v = t.knobs[k];
      if (typeof v !== 'number' || v < lo || v > hi) return false;
    }
    return true;
  });
}

/**
 * Trials done (ended, whatever their status, pruned ones apart), pruned (stopped by the search's
 * pruner), running and queued, and the seconds left at the current pace (null when unknown or finished).
 */
export function progress(s: SearchSummary): { done: number; pruned: number; running: number; queued: number; etaS: number | null } {
  const running = s.counts.running ?? 0;
  const pruned = s.counts.pruned ?? 0;
  const done = s.finished - pruned;
  const queued = Math.max(0, s.plannedTrials - s.finished - running);
  const etaS = s.status === 'running' && s.meanTrialSeconds !== null ? (s.meanTrialSeconds * (queued + running)) / Math.max(1, s.workers) : null;
  return { done, pruned, running, queued, etaS };
}

// The ranking and its note are the engine's own, shared with `knobs trials` and the seed re-runs.
export { bestTrials, bestValueNote } from '../../../src-core/analysis/best';
export { chanceNote } from '../../../src-core/analysis/chance';

/** A value as a table shows it: numbers as `figure` prints them everywhere (src-core/format.ts); choices as readable labels ("N(0, 1)", "He normal"). */
export function fmt(x: unknown): string {
  if (x === null || x === undefined) return '–';
  if (typeof x !== 'number') return valueLabel(x);
  return figure(x);
}

/** Decimals a number's four significant digits need when written plainly (0.1060 → 3, 12.5 → 1, 20549 → 0). */
const plainDecimals = (x: number): number => (String(Number(x.toPrecision(4))).split('.')[1] ?? '').length;
/** Decimals the mantissa of a number's four significant digits needs (2.255e-4 → 3, 3e+1 → 0). */
const mantissaDecimals = (x: number): number => (Number(x.toPrecision(4)).toExponential().split('e')[0].split('.')[1] ?? '').length;

/**
 * A formatter for a column of numbers read against each other (a column of the trials table, the
 * best trials' objectives): one notation and one number of decimals for every value, so the column
 * scans and its decimals line up. Four significant digits each, as `fmt` gives, and as many
 * decimals for all as the most precise of them needs:
 * - whole numbers under a million (epochs, int knobs) stay whole: "12", "256";
 * - values from 0.001 up to a million that span at most three decades are plain: "0.1012",
 *   "0.1060", "0.2000"; "0.1", "0.3" for a knob stepped by 0.1;
 * - values from 0.001 up to a million that span more than three decades (a loss column with a
 *   diverged trial's 117.3 beside 0.1081) are plain with four significant digits each: "0.1081",
 *   "117.3", "25.5"; common decimals would give "117.2960", and powers of ten "1.081e-1", which no
 *   one reads at a glance;
 * - a column with any value below 0.001 or from a million is all powers of ten: "3.512e-1",
 *   "9.401e+5", "1.039e+6", rather than "0.3512", "940125", "1.039e+6".
 * Zero reads "0" among powers of ten; missing values and text read as `fmt` writes them.
 * Only what is shown is rounded: the CSV export keeps every digit.
 */
export function fmtColumn(values: readonly unknown[]): (x: unknown) => string {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const sizes = finite.filter((v) => v !== 0).map((v) => Math.abs(v));
  if (sizes.length === 0) return fmt;
  const small = Math.min(...sizes);
  const big = Math.max(...sizes);
  if (big < 1e6 && finite.every((v) => Number.isInteger(v))) return fmt;
  const column = (write: (x: number) => string) => (x: unknown): string => (typeof x !== 'number' || !Number.isFinite(x) ? fmt(x) : write(x));
  if (small >= 1e-3 && big < 1e6) {
    if (big / small > 1e3) return column(fmt);
    const decimals = Math.max(...sizes.map(plainDecimals));
    return column((x) => x.toFixed(decimals));
  }
  const decimals = Math.max(...sizes.map(mantissaDecimals));
  return column((x) => (x === 0 ? '0' : Number(x.toPrecision(4)).toExponential(decimals)));
}

/** The keys whose values differ between configurations, each with its values in order (for the compare view). */
export function configDiff(configs: Record<string, unknown>[]): { key: string; values: unknown[]; differs: boolean }[] {
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))].sort();
  return keys.map((key) => {
    const values = configs.map((c) => c[key]);
    const first = JSON.stringify(values[0]);
    return { key, values, differs: values.some((v) => JSON.stringify(v) !== first) };
  });
}

/** The trial list with changed or new trials replacing their old rows (by number), in number order. */
export function mergeTrials(old: TrialSummary[], changed: TrialSummary[]): TrialSummary[] {
  if (changed.length === 0) return old;
  const byNumber = new Map(old.map((t) => [t.number, t]));
  for (const t of changed) byNumber.set(t.number, t);
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}
