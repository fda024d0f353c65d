import type { ThresholdCurve } from '../api/contract';
import { bestF1, precisionRecall, thinCurve } from '../analysis/threshold';
import { classNamesOf, type Dataset, type Split } from '../data';
import { BadInputError } from '../errors';

/** Most points of a curve sent to be drawn. */
export const THRESHOLD_POINTS = 400;

/** A trained-again trial's answers on its validation rows (each fold's model on the rows it held out): what every class's curve is worked from. */
export interface TrialAnswers {
  searchId: number;
  number: number;
  /** Each row's probability of every class, row by row. */
  probabilities: Float32Array;
  /** Each row's class. */
  labels: Int32Array;
  classes: string[];
  /** How the rows were held out, the folds whose rows are counted (those that trained) and the split's folds. */
  split: ThresholdCurve['split'];
  modelEpoch: number | null;
  bestEpoch: number | null;
  replay: { identical: boolean; message: string };
}

/** A trial's data set has classes to set a threshold on, else a refusal naming why. */
export function checkClasses(number: number, loaded: Pick<Dataset, 'task' | 'targetName'>): void {
  if (loaded.task !== 'classification') {
    throw new BadInputError(`Trial ${number} predicts a number (${loaded.targetName}), not a class: precision and recall at a threshold are for classes`, [{ path: 'number', message: 'regression' }]);
  }
}

/**
 * A classification trial's answers from a replay (`drawerPictures`): each fold's final model (the
 * best epoch's where early stopping restored it, else the last epoch's: `modelEpoch` is the first
 * fold's) asked for the probability of every class on the fold's own validation rows: with k-fold
 * or leave-one-out every row once, answered by the model that did not train on it (scikit-learn's
 * cross_val_predict), as the stored confusion counts them. A pruned trial's folds are those it
 * trained before it stopped.
 */
export function answersFrom(
  at: { searchId: number; number: number; modelEpoch: number | null; bestEpoch: number | null; replay: { identical: boolean; message: string } },
  ds: Dataset, split: Split, folds: number, valAnswers: Float32Array,
): TrialAnswers {
  const labels = new Int32Array(split.folds.slice(0, folds).reduce((n, f) => n + f.val.length, 0));
  let i = 0;
  for (const f of split.folds.slice(0, folds)) for (const r of f.val) labels[i++] = ds.y[r];
  const k = valAnswers.length / labels.length;
  return {
    searchId: at.searchId, number: at.number, probabilities: valAnswers, labels, classes: classNamesOf(ds, k),
    split: { kind: split.kind, folds, of: split.folds.length },
    modelEpoch: at.modelEpoch, bestEpoch: at.bestEpoch, replay: at.replay,
  };
}

/**
 * Precision and recall of one class at every threshold of the answers' probability of it (the
 * contract's trials.threshold): the class asked for, else the one with the fewest validation rows
 * (the first of equals); a row is called it when its probability is at least the threshold. Its own
 * answer, the most probable class, beside it. A class with no validation row is refused, naming those with rows.
 */
export function thresholdCurve(a: TrialAnswers, asked?: number): ThresholdCurve {
  const n = a.labels.length;
  const k = a.classes.length;
  const counts = new Array<number>(k).fill(0);
  for (const y of a.labels) counts[y]++;
  const present = counts.map((c, i) => [c, i] as const).filter(([c]) => c > 0);
  if (asked !== undefined && !present.some(([, i]) => i === asked)) {
    throw new BadInputError(
      `Class ${asked} has no validation row in trial ${a.number}, so it has no precision or recall to show; classes with rows: ${present.map(([, i]) => `${i} (“${a.classes[i]}”)`).join(', ')}`,
      [{ path: 'positive', message: `one of ${present.map(([, i]) => i).join(', ')}` }],
    );
  }
  const positive = asked ?? present.reduce((m, x) => (x[0] < m[0] ? x : m))[1];
  const positives = counts[positive];
  const p = a.probabilities;
  const scores = new Float64Array(n);
  const isPositive = new Array<boolean>(n);
  let called = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    scores[i] = p[i * k + positive];
    isPositive[i] = a.labels[i] === positive;
    let arg = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + arg]) arg = c;
    if (arg === positive) {
      called++;
      if (isPositive[i]) found++;
    }
  }
  const curve = precisionRecall(scores, isPositive);
  const best = bestF1(curve);
  // The thresholds at the answer's operating point and the best F1 stay on a thinned curve.
  const near = curve.points.filter((x) => x.called === called || (best !== null && x.threshold === best.threshold));
  return {
    searchId: a.searchId, number: a.number, classes: a.classes, positive, rows: n, positives, split: a.split,
    points: thinCurve(curve.points, THRESHOLD_POINTS, near),
    answer: { called, found, precision: called > 0 ? found / called : NaN, recall: positives > 0 ? found / positives : NaN },
    modelEpoch: a.modelEpoch, bestEpoch: a.bestEpoch,
    bestF1: best, averagePrecision: curve.averagePrecision,
    replay: a.replay,
  };
}
