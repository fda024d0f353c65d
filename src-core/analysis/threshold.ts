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

/** One threshold of the curve: precision and recall of the class when rows scoring at least `threshold` are called it. */
export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
  /** Rows called the class, and those of them that are. */
  called: number;
  found: number;
}

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
