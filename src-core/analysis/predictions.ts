import type { Predictions } from '../api/contract';
import { proseFigure } from '../format';

/** How far a regression trial's predictions are from the actual values: the typical miss and the largest one. */
export interface PredictionMisses {
  /** Median absolute error. */
  medianError: number;
  /** Median of |error| / |actual| over the rows whose actual value is not 0 (null when every one is 0). */
  medianRelative: number | null;
  /** The row of the largest absolute error. */
  worst: { actual: number; predicted: number };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The misses of a trial's listed predictions (null with none listed). */
export function predictionMisses(p: Predictions): PredictionMisses | null {
  if (p.actual.length === 0) return null;
  const errors = p.actual.map((a, i) => Math.abs(p.predicted[i] - a));
  const relative = p.actual.flatMap((a, i) => (a !== 0 ? [errors[i] / Math.abs(a)] : []));
  const w = errors.indexOf(Math.max(...errors));
  return { medianError: median(errors), medianRelative: relative.length > 0 ? median(relative) : null, worst: { actual: p.actual[w], predicted: p.predicted[w] } };
}

/**
 * A trial's predictions in words, as the drawer and `knobs trial` say them: "300 validation rows at
 * the best epoch (5). Half the predictions are within 3432 of the actual value (half within 21% of
 * it); the largest miss predicts 6205255 for 5207808." Empty with none listed.
 */
export function predictionSentence(p: Predictions, bestEpoch: number | null, folds: number, part: 'validation' | 'test' = 'validation'): string {
  const m = predictionMisses(p);
  if (!m) return '';
  const at = bestEpoch === null ? 'at its last epoch' : folds > 1 ? 'each at its fold\'s best epoch' : `at the best epoch (${bestEpoch})`;
  const rows = part === 'test'
    ? `${p.rows.toLocaleString('en-US')} test row predictions${folds > 1 ? ` (every test row by each of the ${folds} folds' models)` : ''}`
    : `${p.rows.toLocaleString('en-US')} validation rows${folds > 1 ? ' (every row once, predicted by the fold that held it out)' : ''} ${at}`;
  const listed = p.actual.length + p.overflowed;
  const shown = p.rows > listed ? `; ${listed.toLocaleString('en-US')} of them, evenly spaced, are kept` : '';
  const rel = m.medianRelative !== null ? ` (half within ${Number((100 * m.medianRelative).toPrecision(2))}% of it)` : '';
  const over = p.overflowed > 0 ? ` ${p.overflowed} prediction${p.overflowed === 1 ? '' : 's'} overflowed (not a finite number) and ${p.overflowed === 1 ? 'is' : 'are'} left out.` : '';
  return `${rows}${shown}. Half the predictions are within ${proseFigure(m.medianError)} of the actual value${rel}; the largest miss predicts ${proseFigure(m.worst.predicted)} for ${proseFigure(m.worst.actual)}.${over}`;
}

/** Predictions as stored (`trial_predictions`, a test evaluation's): how many rows, and the listed rows' actual and predicted values. */
export interface StoredPredictions {
  rows: number;
  actual: (number | null)[];
  predicted: (number | null)[];
}

/**
 * Listed predictions as stored, small enough for every trial of a long search (about 6 KB for 500
 * rows): the actual values in 6 significant digits (a CSV's as written, mostly), the predictions in
 * 4 (a chart's resolution, not 17 digits of a float32), a prediction that overflowed as null.
 */
export function compactPredictions(p: { rows: number; actual: ArrayLike<number>; predicted: ArrayLike<number> }): StoredPredictions {
  const short = (digits: number) => (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : null);
  return { rows: p.rows, actual: Array.from(p.actual, short(6)), predicted: Array.from(p.predicted, short(4)) };
}

/** Stored predictions read back, the pairs whose prediction overflowed left out and counted; null when the value is not such a list. */
export function predictionsFrom(value: unknown): Predictions | null {
  if (typeof value !== 'object' || value === null) return null;
  const { actual, predicted, rows } = value as { rows?: unknown; actual?: unknown; predicted?: unknown };
  if (!Array.isArray(actual) || !Array.isArray(predicted) || actual.length !== predicted.length || !Number.isInteger(rows)) return null;
  const out: Predictions = { rows: rows as number, actual: [], predicted: [], overflowed: 0 };
  actual.forEach((a, i) => {
    const y = predicted[i];
    if (typeof a !== 'number') return;
    if (typeof y === 'number' && Number.isFinite(y)) {
      out.actual.push(a);
      out.predicted.push(y);
    } else out.overflowed++;
  });
  return out;
}
