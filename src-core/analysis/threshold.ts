import type { ThresholdCurve, ThresholdPoint } from '../api/contract';
import { figure } from '../format';
import { shareText } from './classes';

/**
 * Precision and recall of one class at every threshold of a model's scores for it, as scikit-learn's
 * `precision_recall_curve` and `average_precision_score` compute them: a row is called the class
 * when its score is at least the threshold; each distinct score is a threshold. Pure functions.
 *
 * @example
 *   const c = precisionRecall([0.9, 0.8, 0.4, 0.35], [true, true, false, true]);
 *   c.points[0]           // { threshold: 0.9, precision: 1, recall: 1/3, called: 1, found: 1 }
 *   c.averagePrecision    // Σ (Rₖ − Rₖ₋₁)·Pₖ over the thresholds from the highest down
 */

/** One threshold of the curve: precision and recall of the class when rows scoring at least `threshold` are called it (the contract's ThresholdPoint). */
export type PrPoint = ThresholdPoint;

/** The curve from the highest threshold down (recall rising), its rows of the class, and its average precision. */
export interface PrCurve {
  points: PrPoint[];
  positives: number;
  rows: number;
  /** scikit-learn's average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ, R₀ = 0 (NaN with no row of the class). */
  averagePrecision: number;
}

/** The precision–recall curve of scores against whether each row is of the class. */
export function precisionRecall(scores: ArrayLike<number>, positive: ArrayLike<boolean>): PrCurve {
  const n = scores.length;
  if (positive.length !== n) throw new Error(`precisionRecall: ${n} scores but ${positive.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  const points: PrPoint[] = [];
  let called = 0;
  let found = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let k = 0; k < n;) {
    const t = scores[order[k]];
    // Every row of this score is called together (a tie is one threshold).
    while (k < n && scores[order[k]] === t) {
      called++;
      if (positive[order[k]]) found++;
      k++;
    }
    const precision = found / called;
    const recall = positives > 0 ? found / positives : NaN;
    ap += (recall - lastRecall) * precision;
    lastRecall = recall;
    points.push({ threshold: t, precision, recall, called, found });
  }
  return { points, positives, rows: n, averagePrecision: positives > 0 ? ap : NaN };
}

/** The threshold of the best F1 (2PR / (P + R)), the highest threshold among equals; null where no threshold finds a row of the class. */
export function bestF1(curve: PrCurve): (PrPoint & { f1: number }) | null {
  let best: (PrPoint & { f1: number }) | null = null;
  for (const p of curve.points) {
    const f1 = p.precision + p.recall > 0 ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0;
    if (f1 > 0 && (best === null || f1 > best.f1)) best = { ...p, f1 };
  }
  return best;
}

/** At most `max` points of a curve for a chart: evenly spaced by rank, the first and last kept, and every point named in `keep`. */
export function thinCurve(points: readonly PrPoint[], max: number, keep: readonly PrPoint[] = []): PrPoint[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  const picked = new Set<PrPoint>(keep);
  for (let i = 0; i < max; i++) picked.add(points[Math.round(i * step)]);
  return points.filter((p) => picked.has(p));
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/**
 * Which rows a curve was worked out on, as a phrase: "its 200 validation rows", "its 569 validation
 * rows over 5 folds, each answered by the fold's model that did not train on it", …
 */
export function thresholdRows(c: Pick<ThresholdCurve, 'rows' | 'split'>): string {
  const { kind, folds, of } = c.split;
  const rows = `${c.rows} row${c.rows === 1 ? '' : 's'}`;
  if (kind === 'holdout') return `its ${c.rows} validation row${c.rows === 1 ? '' : 's'}`;
  if (kind === 'loo') {
    return folds === of
      ? `all ${rows}, each answered by the model trained without it (leave-one-out)`
      : `the first ${rows} left out in turn (of ${of}; it was pruned), each answered by the model trained without it`;
  }
  const val = `its ${c.rows} validation row${c.rows === 1 ? '' : 's'}`;
  return folds === of
    ? `${val} over ${of} folds, each answered by the fold's model that did not train on it`
    : `${val} of the first ${folds} of ${of} folds (it was pruned in fold ${folds}), each answered by the fold's model that did not train on it`;
}

/**
 * What a trial's precision–recall curve says, in sentences: what its own answer (the most probable
 * class) does for the class, the threshold of the best F1 and what it would trade, and the average
 * precision against a model that ranks the rows at random.
 */
export function thresholdSentences(c: ThresholdCurve): string[] {
  const name = `“${c.classes[c.positive] ?? c.positive}”`;
  const a = c.answer;
  // Early stopping off (or not restoring): the model at the end, not the one of the stored figures.
  const other = c.modelEpoch !== null && c.bestEpoch !== null && c.modelEpoch !== c.bestEpoch
    ? [c.split.folds > 1
      ? 'These are its folds\' models at the end of training (each fold\'s last epoch), which it kept: its confusion above is read at each fold\'s best epoch, so the two can differ.'
      : `This is its model at the end of training (epoch ${c.modelEpoch}), which it kept: its confusion above is read at its best epoch (${c.bestEpoch}), so the two can differ.`]
    : [];
  const out = [
    ...other,
    `On ${thresholdRows(c)} (${c.positives} of ${name}), its answer, the most probable class, calls ${a.called} row${a.called === 1 ? '' : 's'} ${name}` +
      (a.called > 0 ? ` and ${a.found} of them are: precision ${pct(a.precision)}, recall ${pct(a.recall)} (${a.found} of ${c.positives} found).` : `: it finds none of the ${c.positives}.`),
  ];
  const b = c.bestF1;
  if (b) {
    const answerF1 = a.called > 0 ? f1(a.precision, a.recall) : 0;
    out.push(b.called === a.called || b.f1 <= answerF1 + 1e-12
      ? `Its answer is already at the best F1 (${figure(b.f1)}): no threshold trades precision for recall better on these rows.`
      : `Calling ${name} whenever its probability is at least ${figure(b.threshold)} would ${b.called > a.called ? 'call more rows' : 'call fewer rows'} (${b.called}) and find ${b.found} of ${c.positives} at precision ${pct(b.precision)}: ` +
        `the best F1, ${figure(b.f1)} against ${figure(answerF1)} for its answer. The threshold is chosen on the same rows it is read on, so that figure flatters it a little: rows it was not chosen on would say how it holds.`);
  }
  out.push(`Average precision ${figure(c.averagePrecision)}: the area under the curve, 1 for a model that ranks every row of ${name} above the others; one that ranks them at random scores about ${shareText(c.positives / c.rows)}, the class's share.`);
  return out;
}
