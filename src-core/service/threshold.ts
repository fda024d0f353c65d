import type { ThresholdCurve } from '../api/contract';
import { bestF1, precisionRecall, thinCurve } from '../analysis/threshold';
import { classNamesOf } from '../data';
import { BadInputError } from '../errors';
import type { Store } from '../store/store';
import { answeringEpoch, replayRun } from './replay';

/** Most points of a curve sent to be drawn. */
export const THRESHOLD_POINTS = 400;

/**
 * A classification trial's precision and recall of its rarest class at every threshold (the
 * contract's trials.threshold): the trial is trained again as a replay trains it, and its final
 * model (the best epoch's where early stopping restored it, else the last epoch's: `modelEpoch`) gives each of the first fold's validation rows a
 * probability of every class. The class is the one with the fewest of those rows; a row is called
 * it when its probability is at least the threshold. Refused for a regression, a trial that has not
 * finished and one that diverged.
 */
export async function trialThreshold(store: Store, searchId: number, number: number, opts: { baseDir?: string } = {}): Promise<ThresholdCurve> {
  const t = store.trials.need(searchId, number);
  if (t.status === 'queued' || t.status === 'running') throw new BadInputError(`Trial ${number} has not finished (${t.status}); its precision and recall are worked out once it has`, [{ path: 'number', message: t.status }]);
  if (t.status === 'diverged') throw new BadInputError(`Trial ${number} diverged: its model's outputs are not numbers, so it has no probabilities to set a threshold on`, [{ path: 'number', message: 'diverged' }]);
  let rows: Int32Array | null = null;
  const { result, predictions, dataset: ds } = await replayRun(store, searchId, number, {
    baseDir: opts.baseDir,
    predictOn: (loaded, split) => {
      if (loaded.task !== 'classification') {
        throw new BadInputError(`Trial ${number} predicts a number (${loaded.targetName}), not a class: precision and recall at a threshold are for classes`, [{ path: 'number', message: 'regression' }]);
      }
      rows = split.folds[0].val;
      const x = new Float32Array(rows.length * loaded.nFeatures);
      rows.forEach((r, i) => x.set(loaded.x.subarray(r * loaded.nFeatures, (r + 1) * loaded.nFeatures), i * loaded.nFeatures));
      return x;
    },
  });
  const val = rows as Int32Array | null;
  if (!predictions || !val) throw new BadInputError(`Trial ${number} could not be trained again to work out its thresholds (${result.message})`, [{ path: 'number', message: 'no model' }]);
  const n = val.length;
  const k = predictions.length / n;
  const counts = new Array<number>(k).fill(0);
  for (const r of val) counts[ds.y[r]]++;
  const present = counts.map((c, i) => [c, i] as const).filter(([c]) => c > 0);
  const positive = present.reduce((m, x) => (x[0] < m[0] ? x : m))[1];
  const scores = new Float64Array(n);
  const isPositive = new Array<boolean>(n);
  let called = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    scores[i] = predictions[i * k + positive];
    isPositive[i] = ds.y[val[i]] === positive;
    let arg = 0;
    for (let c = 1; c < k; c++) if (predictions[i * k + c] > predictions[i * k + arg]) arg = c;
    if (arg === positive) {
      called++;
      if (isPositive[i]) found++;
    }
  }
  const curve = precisionRecall(scores, isPositive);
  const best = bestF1(curve);
  const positives = counts[positive];
  // The thresholds either side of the answer's operating point and the best F1 stay on a thinned curve.
  const near = curve.points.filter((p) => p.called === called || (best !== null && p.threshold === best.threshold));
  const modelEpoch = answeringEpoch(store, searchId, t);
  return {
    searchId, number, classes: classNamesOf(ds, k), positive, rows: n, positives,
    points: thinCurve(curve.points, THRESHOLD_POINTS, near),
    answer: { called, found, precision: called > 0 ? found / called : NaN, recall: positives > 0 ? found / positives : NaN },
    modelEpoch, bestEpoch: t.best_epoch,
    bestF1: best, averagePrecision: curve.averagePrecision,
    replay: { identical: result.identical, message: result.message },
  };
}
