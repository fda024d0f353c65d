import type { DecisionBoundary } from '../api/contract';
import { classNamesOf, type Dataset, type Split } from '../data';
import { BadInputError } from '../errors';

/** Cells along each axis of a decision boundary's grid. */
export const BOUNDARY_STEPS = 64;
/** Points along the one axis of a data set of one feature (a curve is cheap where a plane is not). */
export const CURVE_STEPS = 256;
/** Most rows a boundary draws on top of its grid. */
export const BOUNDARY_POINTS = 2000;

/** A trial's data set can be drawn over (one or two features), else a refusal naming why and which data sets can. */
export function checkDrawable(loaded: Pick<Dataset, 'name' | 'nFeatures'>): void {
  if (loaded.nFeatures > 2) {
    throw new BadInputError(
      `A decision boundary is drawn over one or two features; the data set ${loaded.name} has ${loaded.nFeatures} (data sets of one or two: sine, moons, circles, spirals, xor, blobs, or a CSV of one or two feature columns)`,
      [{ path: 'number', message: `${loaded.nFeatures} features` }],
    );
  }
}

/** The points a data set of one or two features is drawn at: along its feature (CURVE_STEPS, or `steps`) or over its plane (BOUNDARY_STEPS × BOUNDARY_STEPS, or `steps`²). */
export function boundaryGrid(ds: Pick<Dataset, 'nFeatures' | 'x'>, steps?: number): Grid {
  return ds.nFeatures === 1 ? line(ds.x, steps ?? CURVE_STEPS) : grid(ds.x, steps ?? BOUNDARY_STEPS);
}

/**
 * A trial's model over the plane of its data set's two features, from a replay (its stored knobs,
 * seeds, split and kernel path: `drawerPictures`): its first fold's final model, the one its stored
 * result comes from, answered at the centre of every cell of the grid (`boundaryGrid`: the rows'
 * range, 5% wider each way). For a data set of one feature (sine) the model answered along that
 * feature instead, each class's probability kept: a fitted curve. The replay's verdict comes with
 * it, so the picture is known to be the stored run's.
 */
export function boundaryFrom(
  at: { searchId: number; number: number; modelEpoch: number | null; bestEpoch: number | null; replay: { identical: boolean; message: string } },
  ds: Dataset, split: Split, asked: Grid, predictions: Float32Array,
): DecisionBoundary {
  const { steps, x, y } = asked;
  const plane = y !== null;
  const cells = plane ? steps * steps : steps;
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
    searchId: at.searchId, number: at.number, task: ds.task,
    x: { name: ds.featureNames[0], min: x[0], max: x[1] },
    y: y ? { name: ds.featureNames[1], min: y[0], max: y[1] } : null,
    target: ds.targetName,
    steps, values, confidence,
    probabilities: !plane && classification ? Array.from(predictions) : [],
    classes: classification ? classNamesOf(ds, nOut) : [], points,
    modelEpoch: at.modelEpoch, bestEpoch: at.bestEpoch,
    replay: at.replay,
  };
}

/** The points a model is asked at: the rows of raw features, the extent of each axis (`y` null for one feature), and the points along each. */
export interface Grid {
  rows: Float32Array;
  steps: number;
  x: [number, number];
  y: [number, number] | null;
}

/** Feature j's range over rows of `width` features, 5% wider each way (a constant feature gets a span of its own). */
function extent(x: Float32Array, width: number, j: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = j; i < x.length; i += width) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  return [lo - pad, hi + pad];
}

/** `steps` points along one feature's extent, its ends included. */
function line(x: Float32Array, steps: number): Grid {
  const ax = extent(x, 1, 0);
  const rows = new Float32Array(steps);
  for (let i = 0; i < steps; i++) rows[i] = ax[0] + (i / (steps - 1)) * (ax[1] - ax[0]);
  return { rows, steps, x: ax, y: null };
}

/** A steps × steps grid over two features' extent: the centre of every cell, row by row from the bottom. */
function grid(x: Float32Array, steps: number): Grid {
  const ax = extent(x, 2, 0);
  const ay = extent(x, 2, 1);
  const rows = new Float32Array(steps * steps * 2);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      rows[(r * steps + c) * 2] = ax[0] + ((c + 0.5) / steps) * (ax[1] - ax[0]);
      rows[(r * steps + c) * 2 + 1] = ay[0] + ((r + 0.5) / steps) * (ay[1] - ay[0]);
    }
  }
  return { rows, steps, x: ax, y: ay };
}
