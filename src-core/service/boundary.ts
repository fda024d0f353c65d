import type { DecisionBoundary } from '../api/contract';
import { BadInputError } from '../errors';
import type { Store } from '../store/store';
import { replayRun } from './replay';

/** Cells along each axis of a decision boundary's grid. */
export const BOUNDARY_STEPS = 64;
/** Points along the one axis of a data set of one feature (a curve is cheap where a plane is not). */
export const CURVE_STEPS = 256;
/** Most rows a boundary draws on top of its grid. */
export const BOUNDARY_POINTS = 2000;

/**
 * A trial's model over the plane of its data set's two features: the trial is trained again as a
 * replay trains it (its stored knobs, seeds, split and kernel path), and its final model, the one
 * its stored result comes from, answers at the centre of every cell of a `steps` × `steps` grid
 * over the rows' range (5% wider each way). For a data set of one feature (sine) the model answers
 * along that feature instead, at `CURVE_STEPS` points (or `steps`), each class's probability kept:
 * a fitted curve. The replay's verdict comes with it, so the picture is known to be the stored
 * run's. Refused for a data set of more than two features, a trial that never trained, and one that
 * diverged (its model answers nothing).
 */
export async function trialBoundary(store: Store, searchId: number, number: number, opts: { baseDir?: string; steps?: number } = {}): Promise<DecisionBoundary> {
  let steps = opts.steps ?? BOUNDARY_STEPS;
  const t = store.trials.need(searchId, number);
  if (t.status === 'queued' || t.status === 'running') throw new BadInputError(`Trial ${number} has not finished (${t.status}); its boundary is drawn once it has`, [{ path: 'number', message: t.status }]);
  if (t.status === 'diverged') throw new BadInputError(`Trial ${number} diverged: its model's outputs are not numbers, so there is nothing of it to draw`, [{ path: 'number', message: 'diverged' }]);
  // The data set is known once the replay has loaded it: one of other than two features is refused there, before a grid is made for it.
  const { result, predictions, dataset: ds, split } = await replayRun(store, searchId, number, {
    baseDir: opts.baseDir,
    predictOn: (loaded) => {
      if (loaded.nFeatures > 2) {
        throw new BadInputError(
          `A decision boundary is drawn over one or two features; the data set ${loaded.name} has ${loaded.nFeatures} (data sets of one or two: sine, moons, circles, spirals, xor, blobs, or a CSV of one or two feature columns)`,
          [{ path: 'number', message: `${loaded.nFeatures} features` }],
        );
      }
      if (loaded.nFeatures === 1) {
        steps = opts.steps ?? CURVE_STEPS;
        return line(loaded.x, steps).rows;
      }
      return grid(loaded.x, steps).rows;
    },
  });
  if (!predictions) throw new BadInputError(`Trial ${number} could not be trained again to draw its boundary (${result.message})`, [{ path: 'number', message: 'no model' }]);
  const plane = ds.nFeatures === 2;
  const cells = plane ? steps * steps : steps;
  const predicted = plane ? grid(ds.x, steps) : { ...line(ds.x, steps), y: null };
  const classification = ds.task === 'classification';
  const nOut = classification ? predictions.length / cells : 1;
  const values: number[] = [];
  const confidence: number[] = [];
  for (let c = 0; c < cells; c++) {
    if (!classification) {
      values.push(predictions[c]);
      continue;
    }
    let arg = 0;
    for (let k = 1; k < nOut; k++) if (predictions[c * nOut + k] > predictions[c * nOut + arg]) arg = k;
    values.push(arg);
    confidence.push(predictions[c * nOut + arg]);
  }
  const fold = split.folds[0];
  const rows: [number, number][] = [...Array.from(fold.train, (r) => [r, 0] as [number, number]), ...Array.from(fold.val, (r) => [r, 1] as [number, number])];
  const every = Math.max(1, Math.ceil(rows.length / BOUNDARY_POINTS));
  const points = rows.filter((_, i) => i % every === 0).map(([r, part]): [number, number, number, number] => [ds.x[r * ds.nFeatures], plane ? ds.x[r * 2 + 1] : 0, ds.y[r], part]);
  return {
    searchId, number, task: ds.task,
    x: { name: ds.featureNames[0], min: predicted.x[0], max: predicted.x[1] },
    y: predicted.y ? { name: ds.featureNames[1], min: predicted.y[0], max: predicted.y[1] } : null,
    target: ds.targetName,
    steps, values, confidence,
    probabilities: !plane && classification ? Array.from(predictions) : [],
    classes: classification ? ds.classNames ?? Array.from({ length: nOut }, (_, i) => String(i)) : [], points,
    replay: { identical: result.identical, message: result.message },
  };
}

/** `steps` points along one feature's range, 5% wider each way, from its lowest. */
function line(x: Float32Array, steps: number): { rows: Float32Array; x: [number, number] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  const ax: [number, number] = [lo - pad, hi + pad];
  const rows = new Float32Array(steps);
  for (let i = 0; i < steps; i++) rows[i] = ax[0] + (i / (steps - 1)) * (ax[1] - ax[0]);
  return { rows, x: ax };
}

/** A steps × steps grid over two features' range, 5% wider each way: the centre of every cell, row by row from the bottom. */
function grid(x: Float32Array, steps: number): { rows: Float32Array; x: [number, number]; y: [number, number] } {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i < x.length; i += 2) {
    for (let j = 0; j < 2; j++) {
      lo[j] = Math.min(lo[j], x[i + j]);
      hi[j] = Math.max(hi[j], x[i + j]);
    }
  }
  const pad = [0, 1].map((j) => (hi[j] - lo[j] || Math.abs(hi[j]) || 1) * 0.05);
  const ax = [lo[0] - pad[0], hi[0] + pad[0]] as [number, number];
  const ay = [lo[1] - pad[1], hi[1] + pad[1]] as [number, number];
  const rows = new Float32Array(steps * steps * 2);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      rows[(r * steps + c) * 2] = ax[0] + ((c + 0.5) / steps) * (ax[1] - ax[0]);
      rows[(r * steps + c) * 2 + 1] = ay[0] + ((r + 0.5) / steps) * (ay[1] - ay[0]);
    }
  }
  return { rows, x: ax, y: ay };
}
