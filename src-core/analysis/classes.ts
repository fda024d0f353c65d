import { proseFigure } from '../format';

/**
 * Rare classes: a class holding less than this fraction of an even share (1 / classes) of the rows
 * (below 25% with two classes, 16.7% with three). The data set's page, the caution before a search
 * and the finding "Misses the rare class" all use it.
 */
export const RARE_SHARE = 0.5;

/** Which classes of some rows are rare, and the most frequent one. */
export interface RareClasses {
  /** The rare classes by index, rarest first. */
  rare: number[];
  /** The most frequent class. */
  top: number;
  /** Rows in all. */
  rows: number;
  /** Classes with at least one row. */
  present: number;
}

/**
 * The rare classes among rows counted per class (classes with no row are not counted as classes);
 * null when none is rare or there are fewer than two classes with rows.
 *
 * @example
 *   rareClasses([98, 2902])   // { rare: [0], top: 1, rows: 3000, present: 2 }
 */
export function rareClasses(counts: readonly number[]): RareClasses | null {
  const k = counts.length;
  const rows = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  if (present < 2 || rows === 0) return null;
  const rare = counts.map((c, i) => ({ c, i })).filter(({ c }) => c > 0 && c / rows < RARE_SHARE / k).sort((a, b) => a.c - b.c).map(({ i }) => i);
  if (rare.length === 0) return null;
  return { rare, top: counts.indexOf(Math.max(...counts)), rows, present };
}

/** A share as a person reads it: two significant digits of a percentage ("3.3%", "0.52%", "17%"). */
export const shareText = (x: number): string => `${proseFigure(Number((100 * x).toPrecision(2)))}%`;

/**
 * What a data set's rare classes mean for a search on it, for its page: the rarest class's share,
 * what always answering the most frequent class scores, and the objective and weighting that do not
 * reward that. Empty when no class is rare.
 *
 * @example
 *   rareClassNote(['fraud', 'ok'], [98, 2902])
 *   // "“fraud” is 3.3% of the rows (98 of 3,000): a model that always answers “ok” is right on 96.7% of them …"
 */
export function rareClassNote(classes: readonly string[], counts: readonly number[]): string {
  const r = rareClasses(counts);
  if (!r) return '';
  const name = (i: number): string => `“${classes[i] ?? i}”`;
  const rarest = r.rare[0];
  const more = r.rare.length > 1 ? ` ${r.rare.length - 1} more class${r.rare.length > 2 ? 'es are' : ' is'} below ${shareText(RARE_SHARE / counts.length)} too.` : '';
  return `${name(rarest)} is ${shareText(counts[rarest] / r.rows)} of the rows (${counts[rarest].toLocaleString('en-US')} of ${r.rows.toLocaleString('en-US')}): ` +
    `a model that always answers ${name(r.top)} is right on ${(100 * counts[r.top] / r.rows).toFixed(1)}% of them without finding one.${more} ` +
    'A search on it can rank its trials by val_balanced_accuracy (the mean recall over classes; always answering one class scores ' +
    `${proseFigure(Number((1 / r.present).toFixed(3)))}) and weigh every class alike in the loss with "classWeights": "balanced".`;
}

/**
 * The mean over classes of the share of each class's rows answered right, over the classes that
 * have rows (`perClass`: K counts of rows, then K counts answered right), as sklearn's
 * balanced_accuracy_score leaves out a class absent from the true labels; null without rows.
 * The trainer counts them as it evaluates; the finding reads them off a confusion matrix.
 */
export function balancedAccuracy(perClass: ArrayLike<number>): number | null {
  const k = perClass.length / 2;
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    if (perClass[c] === 0) continue;
    sum += perClass[k + c] / perClass[c];
    classes++;
  }
  return classes === 0 ? null : sum / classes;
}

