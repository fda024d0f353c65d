import type { Confusion } from '../../../src-core/api/contract';
import { figure, plural } from '../../../src-core/format';
import { shortNames } from './classNames';

/** One class's row of the table: its counts with each one's share of the row (the tint), and its recall. */
export interface ConfusionRow {
  name: string;
  /** The name as the table's headers write it: without the words every class's name shares (`ConfusionTable.shared`). */
  short: string;
  cells: { count: number; share: number }[];
  /** Right answers over the class's rows (null: the class had no validation rows). */
  recall: number | null;
}

/** The confusion matrix as the trial drawer lays it out. */
export interface ConfusionTable {
  rows: ConfusionRow[];
  /** Right answers over the rows predicted as each class (null: never predicted). */
  precision: (number | null)[];
  total: number;
  correct: number;
  /** The largest count off the diagonal, in words ("“8” taken for “3” in 3 rows"), or null when every row is right. */
  confused: string | null;
  /** The words every class's name starts and ends with, left out of the headers ("species number … of the catalogue"), or null. */
  shared: string | null;
}

/** Counts by true class (rows) and predicted class (columns) into rows of shares, recall, precision and the pair most often confused. */
export function confusionTable(c: Confusion): ConfusionTable {
  const k = c.counts.length;
  const rowTotals = c.counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: k }, (_, j) => c.counts.reduce((a, r) => a + r[j], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  let correct = 0;
  let worst: { i: number; j: number; n: number } | null = null;
  c.counts.forEach((r, i) => r.forEach((n, j) => {
    if (i === j) correct += n;
    else if (n > 0 && (!worst || n > worst.n)) worst = { i, j, n };
  }));
  const w = worst as { i: number; j: number; n: number } | null;
  const { short, shared } = shortNames(c.classes);
  return {
    rows: c.counts.map((r, i) => ({
      name: c.classes[i],
      short: short[i],
      cells: r.map((count) => ({ count, share: rowTotals[i] > 0 ? count / rowTotals[i] : 0 })),
      recall: rowTotals[i] > 0 ? r[i] / rowTotals[i] : null,
    })),
    precision: colTotals.map((n, j) => (n > 0 ? c.counts[j][j] / n : null)),
    total,
    correct,
    confused: w ? `“${c.classes[w.i]}” taken for “${c.classes[w.j]}” in ${plural(w.n, 'row')} of ${rowTotals[w.i]}` : null,
    shared,
  };
}

/** A share as a sentence writes it: "96.39%", "100%", "–" for none. */
export const shareText = (x: number | null): string => (x === null ? '–' : `${figure(x * 100)}%`);

/**
 * A share as the table's margins write it, in whole percents so ten classes and their recall fit
 * the drawer: "97%"; only all is 100% and only none 0% (99.6% reads 99%, 0.3% reads 1%).
 */
export const shareCell = (x: number | null): string => {
  if (x === null) return '–';
  if (x === 1 || x === 0) return `${x * 100}%`;
  return `${Math.min(99, Math.max(1, Math.round(x * 100)))}%`;
};

/**
 * Each class's recall in each compared trial (rows: classes; values: the trials in order), with the
 * best of each row marked (none where all are equal); null unless every trial has a matrix over the same classes.
 */
export function recallsByClass(confusions: (Confusion | null | undefined)[]): { name: string; values: (number | null)[]; best: number | null }[] | null {
  if (confusions.length < 2 || confusions.some((c) => !c)) return null;
  const cs = confusions as Confusion[];
  const classes = cs[0].classes;
  if (cs.some((c) => c.classes.length !== classes.length || c.classes.some((x, i) => x !== classes[i]))) return null;
  const tables = cs.map(confusionTable);
  return classes.map((name, i) => {
    const values = tables.map((t) => t.rows[i].recall);
    const known = values.filter((v): v is number => v !== null);
    // No best where every trial did as well (a tie throughout would put the whole row in bold).
    const best = known.length > 0 && known.some((v) => v !== known[0]) ? Math.max(...known) : null;
    return { name, values, best };
  });
}
