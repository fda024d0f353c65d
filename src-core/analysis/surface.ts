import type { PairSurface } from '../api/contract';
import type { ParamSpec } from '../spec/spec';
import { toScale } from '../search/space';
import { failedOver, failedOverall } from './failed-near';
import { eachTree, type Tree } from './forest';
import { importanceProblem, quantileOf, treeNumbers, type ImportanceProblem } from './importance';
import { surfaceInWorkers } from './parallel';

/**
 * Where the good trials lie over two knobs, as fANOVA's pairwise marginal plots draw it (Hutter,
 * Hoos & Leyton-Brown 2014): the random forest that parameter importance grows, its prediction
 * averaged over every other knob, at each cell of a grid over the two knobs' ranges (on their own
 * scale: a log knob by decades). A contour plot such as Optuna's interpolates between the trials
 * only; the forest's marginal also says what the other knobs did around them.
 *
 * The forest is fitted on the objective's rank among the trials, as importance fits it (a few
 * nearly diverged trials would otherwise make the whole picture), and its answer is mapped back to
 * the objective by the trials' own quantiles: a cell predicted at rank 0.25 shows the value a
 * quarter of the way up the sorted objectives. So the surface is in the objective's units, on the
 * scale the trials' dots are coloured by.
 *
 * The marginal of a tree over the two knobs is exact: walking down the tree, a split on one of the
 * two narrows the cell's box, a split on another knob sends the walk down both sides, each weighted
 * by the share of that knob's range it keeps; a leaf adds its value × weight to every grid cell
 * whose centre lies in its box (a 2-D difference array: one write per corner, then prefix sums).
 * That is O(nodes) per tree plus O(cells), so 10,000 trials cost the forest's growth, not the walk.
 */

/** Cells along each axis of a pair surface. */
export const SURFACE_STEPS = 40;
/** Trees of the surface's forest (importance grows 64; the mean of 32 is as smooth to the eye, in half the time). */
export const SURFACE_TREES = 32;
/** Trials with a result a surface needs: over fewer, the forest's average over the other knobs is a guess. */
export const SURFACE_MIN_TRIALS = 10;

/** A surface's grid and forest, and the knobs of the trials that failed or diverged (not fitted; `failed` says where they lie). */
export interface SurfaceOptions {
  seed: number;
  steps?: number;
  trees?: number;
  failures?: readonly Record<string, unknown>[];
}

/** The marginal over two knobs, in the objective's units, or why there is none (the contract's PairSurface). */
export type PairSurfaceResult = PairSurface;

/** A tree's marginal over columns cx and cy at the centres of a steps × steps grid over their bounds, added into `out` (row-major, y rows). */
export function addTreeMarginal(tree: Tree, bounds: [number, number][], cx: number, cy: number, steps: number, out: Float64Array): void {
  const lo = bounds.map((b) => b[0]);
  const hi = bounds.map((b) => b[1]);
  const width = bounds.map((b) => b[1] - b[0]);
  // The difference array has one more row and column than the grid.
  const diff = new Float64Array((steps + 1) * (steps + 1));
  const [x0, dx] = [bounds[cx][0], width[cx] / steps];
  const [y0, dy] = [bounds[cy][0], width[cy] / steps];
  /** First and last cell whose centre lies in (a, b] (the root's lowest edge included): an empty range when first > last. */
  const cells = (a: number, b: number, o: number, d: number, root: boolean): [number, number] => {
    const first = root ? 0 : Math.max(0, Math.floor((a - o) / d - 0.5) + 1);
    const last = Math.min(steps - 1, Math.floor((b - o) / d - 0.5));
    return [first, last];
  };
  const walk = (node: number, weight: number, xLow: number, xHigh: number, yLow: number, yHigh: number, xRoot: boolean, yRoot: boolean): void => {
    if (weight === 0) return;
    const f = tree.feature[node];
    if (f < 0) {
      const [i0, i1] = cells(xLow, xHigh, x0, dx, xRoot);
      const [j0, j1] = cells(yLow, yHigh, y0, dy, yRoot);
      if (i0 > i1 || j0 > j1) return;
      const v = tree.value[node] * weight;
      const w = steps + 1;
      diff[j0 * w + i0] += v;
      diff[j0 * w + i1 + 1] -= v;
      diff[(j1 + 1) * w + i0] -= v;
      diff[(j1 + 1) * w + i1 + 1] += v;
      return;
    }
    const t = tree.threshold[node];
    if (f === cx) {
      walk(tree.left[node], weight, xLow, Math.min(xHigh, t), yLow, yHigh, xRoot, yRoot);
      walk(tree.right[node], weight, Math.max(xLow, t), xHigh, yLow, yHigh, false, yRoot);
    } else if (f === cy) {
      walk(tree.left[node], weight, xLow, xHigh, yLow, Math.min(yHigh, t), xRoot, yRoot);
      walk(tree.right[node], weight, xLow, xHigh, Math.max(yLow, t), yHigh, xRoot, false);
    } else {
      // Another knob: both sides, each weighted by its share of that knob's range still in the box.
      const [a, b] = [lo[f], hi[f]];
      const span = b - a;
      const cut = Math.min(b, Math.max(a, t));
      const left = span > 0 ? (cut - a) / span : 0.5;
      lo[f] = a;
      hi[f] = cut;
      walk(tree.left[node], weight * left, xLow, xHigh, yLow, yHigh, xRoot, yRoot);
      lo[f] = cut;
      hi[f] = b;
      walk(tree.right[node], weight * (1 - left), xLow, xHigh, yLow, yHigh, xRoot, yRoot);
      lo[f] = a;
      hi[f] = b;
    }
  };
  walk(0, 1, bounds[cx][0], bounds[cx][1], bounds[cy][0], bounds[cy][1], true, true);
  // Prefix sums over the difference array give each cell's value.
  const w = steps + 1;
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < steps; i++) {
      const k = j * w + i;
      if (i > 0) diff[k] += diff[k - 1];
      if (j > 0) diff[k] += diff[k - w];
      if (i > 0 && j > 0) diff[k] -= diff[k - w - 1];
      out[j * steps + i] += diff[k];
    }
  }
}

/** What a pair surface needs once the trials are read: the forest's problem and the pair's columns, or the answer at once (a refusal). */
type SurfacePlan =
  | { answer: PairSurfaceResult }
  | { problem: ImportanceProblem; pair: { x: number; y: number; steps: number }; finish: (sum: Float64Array) => PairSurfaceResult };

function surfacePlan(
  space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], xName: string, yName: string,
  opts: SurfaceOptions,
): SurfacePlan {
  const steps = opts.steps ?? SURFACE_STEPS;
  // A knob's range on its own scale, as importance's forest sees it (its columns' bounds).
  const axis = (name: string): PairSurfaceResult['x'] => {
    const p = space[name];
    return p && (p.type === 'float' || p.type === 'int') ? { name, log: p.log === true, low: toScale(p, p.low), high: toScale(p, p.high) } : { name, log: false, low: 0, high: 0 };
  };
  const none = (reason: string, n = 0): SurfacePlan => ({ answer: { x: axis(xName), y: axis(yName), steps, values: [], trials: n, failed: [], failedOverall: 0, reason } });
  const problem = surfaceKnobsProblem(space, xName, yName);
  if (problem) return none(problem);
  const usable = trials.filter((t) => Number.isFinite(t.objective)).length;
  if (usable < SURFACE_MIN_TRIALS) return none(`the surface needs at least ${SURFACE_MIN_TRIALS} trials that ran to their end with a result (${usable} so far)`, usable);
  const made = importanceProblem(space, trials, { seed: opts.seed, trees: opts.trees ?? SURFACE_TREES, transform: 'rank' });
  if ('answer' in made) return none(made.answer.reason ?? 'no knob of this search can vary', made.answer.trials);
  const p = made.problem;
  const group = (name: string): number | undefined => p.groups[p.names.indexOf(name)]?.[0];
  const [cx, cy] = [group(xName), group(yName)];
  if (cx === undefined || cy === undefined) return none(`"${cx === undefined ? xName : yName}" cannot vary in this search: its range is one value`, p.y.length);
  const sides = { results: trials.filter((t) => Number.isFinite(t.objective)).map((t) => t.knobs), failures: opts.failures ?? [] };
  return {
    problem: p, pair: { x: cx, y: cy, steps },
    // The trees' mean rank at each cell, mapped back to the objective by the trials' quantiles.
    finish: (sum) => ({
      x: axis(xName), y: axis(yName), steps, values: Array.from(sum, (v) => quantileOf(p.sorted, v / p.forest.trees)), trials: p.y.length,
      failed: failedOver(space[xName], xName, space[yName], yName, steps, sides), failedOverall: failedOverall(sides),
      reason: null,
    }),
  };
}

/** Why two knobs cannot carry a pair surface (one is no knob of the space, or not numeric, or they are one knob), or null when they can. */
export function surfaceKnobsProblem(space: Record<string, ParamSpec>, xName: string, yName: string): string | null {
  for (const name of [xName, yName]) {
    const p = space[name];
    if (!p) return `"${name}" is not a knob of this search (its knobs: ${Object.keys(space).join(', ')})`;
    if (p.type !== 'float' && p.type !== 'int') return `"${name}" is ${p.type === 'categorical' ? 'categorical' : 'fixed'}: the surface is drawn over two numeric knobs (its strip chart shows each of its values)`;
  }
  return xName === yName ? 'the surface is drawn over two different knobs' : null;
}

/** The forest's marginal over knobs `xName` and `yName`, from trials with a finite objective (others are skipped), in the objective's units, on this thread. */
export function pairSurface(
  space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], xName: string, yName: string,
  opts: SurfaceOptions,
): PairSurfaceResult {
  const plan = surfacePlan(space, trials, xName, yName, opts);
  return 'answer' in plan ? plan.answer : onThisThread(plan);
}

function onThisThread(plan: Exclude<SurfacePlan, { answer: PairSurfaceResult }>): PairSurfaceResult {
  const { problem: p, pair } = plan;
  const sum = new Float64Array(pair.steps * pair.steps);
  eachTree(p, treeNumbers(p), (_, tree) => addTreeMarginal(tree, p.bounds, pair.x, pair.y, pair.steps, sum));
  return plan.finish(sum);
}

/** Trials below which a surface is computed on the calling thread (32 trees of 500 trials: a few tens of ms). */
const ON_THREAD_BELOW = 500;

/** `pairSurface` with the trees grown on worker threads (importance's), which keeps the calling thread free: 0.1–0.3 s of work at 10,000 trials. */
export async function pairSurfaceInWorkers(
  space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], xName: string, yName: string,
  opts: SurfaceOptions,
): Promise<PairSurfaceResult> {
  const plan = surfacePlan(space, trials, xName, yName, opts);
  if ('answer' in plan) return plan.answer;
  if (plan.problem.y.length < ON_THREAD_BELOW) return onThisThread(plan);
  return plan.finish(await surfaceInWorkers(plan.problem, plan.pair));
}
