import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../util/paths';

/**
 * The random forest and the fANOVA reading of its trees behind parameter importance. Both run in
 * wasm (kernels/forest.c, built to resources/kernels/forest.wasm by `npm run build:kernels`): a
 * forest of 64 trees on 10,000 trials must take well under a second even as the first call of a
 * fresh process, where JavaScript spent most of that second compiling itself.
 *
 * **The forest** is grown as scikit-learn's RandomForestRegressor grows it with Optuna's fANOVA
 * settings: each tree on a bootstrap sample (rows drawn with replacement, counted as weights), every
 * feature considered at every node in a random order, the split that most reduces the weighted
 * squared error, its threshold halfway between the neighbouring values on either side, grown until
 * a node is pure, has one row, or reaches `maxDepth`. For speed each feature's values are binned
 * once, one bin per distinct value when there are at most 256 (then the splits are exactly
 * scikit-learn's), else 256 bins of equal counts (a split then falls between bins, halfway between
 * the largest value on its left and the smallest on its right). A node of more than 256 rows finds
 * its split from per-feature histograms of weight and weighted target (of two children the
 * smaller's histogram is counted and the bigger's is the parent's minus it); a subtree of at most
 * 256 rows sorts its rows by bin once per feature and keeps them sorted through its splits. A
 * split's score is scikit-learn's proxy sl²/wl + sr²/wr; a candidate is first checked without its
 * two divisions (sl²·wr + sr²·wl against the best times wl·wr, with a slack of 10⁻⁹ far above
 * rounding), which skips no split that could win. Tree t's bootstrap sample and feature orders come
 * from the random stream `new Rng(seed).fork(t)` of util/rng.ts, so tree t is the same on any thread.
 *
 * **fANOVA on a tree** (Hutter, Hoos & Leyton-Brown 2014), as Optuna's `_FanovaTree` computes it: a
 * tree cuts the search space (each feature's [low, high]) into boxes, its leaves; with every point
 * of the space equally likely, the tree's variance is Σ vol·(value − mean)² over the leaves, and a
 * feature group's first-order marginal (the prediction averaged over every other feature) is
 * constant between the split points the tree has on the group. Its variance over those cells
 * (weighted by their size) over the tree's variance is the group's importance in that tree. A group
 * is one numeric feature, or the one-hot columns of a categorical knob (whose cells are the products
 * of its columns' cells, as Optuna does). One walk down the tree adds each leaf to every group's
 * marginal as it is reached (one feature by a difference array, several cell by cell).
 *
 * One wasm instance per thread, made on first use; every call runs to its end before it returns,
 * so calls never interleave.
 *
 * @example
 *   forestReadings({ x, y, columns: 2, bounds: [[0, 1], [0, 1]], groups: [[0], [1]], forest: { trees: 64, maxDepth: 64, seed: 0 } },
 *     [0, 1, 2], (t, r) => console.log(t, r.total, r.marginal));
 */

/** A grown tree in flat arrays (node 0 is the root; a leaf has feature −1). */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** The weighted mean of the node's rows (leaves: the prediction). */
  value: Float64Array;
  nodes: number;
}

/** How a forest is grown. */
export interface ForestOptions {
  trees: number;
  maxDepth: number;
  seed: number;
  /** Rows drawn for each tree's bootstrap sample (scikit-learn's max_samples; default: all n). */
  maxSamples?: number;
}

/**
 * One tree's reading: its total variance and each group's first-order marginal variance, and each
 * group's marginal itself (`curves`, marginalCurves): the tree's prediction along the group, every
 * other column averaged over its range.
 */
export interface TreeReading {
  total: number;
  marginal: number[];
  curves: number[][];
}

/** Points of a numeric knob's marginal curve: the centres of this many equal cells over its range. */
export const MARGINAL_STEPS = 24;

/**
 * A tree's first-order marginal of each group (fANOVA's marginal plots, Hutter et al. 2014: the
 * prediction averaged over every other column, each uniform over its bounds). A group of one column
 * is read at the centres of MARGINAL_STEPS equal cells over its bounds; a group of several (a
 * categorical knob's one-hot columns) once per column, as that column 1 and the group's others 0.
 *
 * Exact, in one walk over the tree for every group: a leaf is a box, and at a point of the group's
 * columns it lies over, it adds its value × the share of every other column's range the box keeps
 * (the box's share of the whole space over its share of the group's columns; a fitted tree's
 * thresholds lie strictly inside the bounds, so no share is 0). A numeric group's points inside the
 * box's interval get it through a difference array; a one-hot value's point, if the box holds it.
 */
export function marginalCurves(tree: Pick<Tree, 'feature' | 'threshold' | 'left' | 'right' | 'value'>, bounds: [number, number][], groups: number[][]): number[][] {
  const F = bounds.length;
  const lo = Float64Array.from(bounds, (b) => b[0]);
  const hi = Float64Array.from(bounds, (b) => b[1]);
  /** Whether a column's box still has its lowest edge (no split has raised it): that edge's point then belongs to it. */
  const bottom = new Uint8Array(F).fill(1);
  const span = Float64Array.from(bounds, (b) => b[1] - b[0]);
  const base = Float64Array.from(bounds, (b) => b[0]);
  const share = (f: number): number => (span[f] > 0 ? (hi[f] - lo[f]) / span[f] : 1);
  const diffs = groups.map((g) => (g.length === 1 ? new Float64Array(MARGINAL_STEPS + 1) : null));
  const sums = groups.map((g) => (g.length === 1 ? null : new Float64Array(g.length)));
  /** Whether [lo, hi] of column f holds x (the lowest edge only while it is the column's own). */
  const holds = (f: number, x: number): boolean => x <= hi[f] && (x > lo[f] || (bottom[f] === 1 && x >= lo[f]));
  const numeric = groups.map((g) => g.length === 1);
  const cellOf = Float64Array.from(bounds, (b) => (b[1] - b[0]) / MARGINAL_STEPS);
  // A tree of 10,000 trials has thousands of leaves: plain loops, no closures per group.
  const leaf = (node: number, whole: number): void => {
    const v = tree.value[node] * whole;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      if (numeric[gi]) {
        const f = g[0];
        const w = v / share(f);
        const d = cellOf[f];
        const first = !(d > 0) || bottom[f] ? 0 : Math.max(0, Math.floor((lo[f] - base[f]) / d - 0.5) + 1);
        const last = !(d > 0) ? MARGINAL_STEPS - 1 : Math.min(MARGINAL_STEPS - 1, Math.floor((hi[f] - base[f]) / d - 0.5));
        if (first <= last) {
          diffs[gi]![first] += w;
          diffs[gi]![last + 1] -= w;
        }
        continue;
      }
      // One-hot: value j's point has column j at 1 and the others at 0; the box holds it when each column's interval does.
      let own = 1;
      let zeros = 0;
      for (const f of g) {
        own *= share(f);
        if (holds(f, 0)) zeros++;
      }
      const w = v / own;
      for (let j = 0; j < g.length; j++) {
        const f = g[j];
        const zero = holds(f, 0);
        if (holds(f, 1) && zeros - (zero ? 1 : 0) === g.length - 1) sums[gi]![j] += w;
      }
    }
  };
  /** Walk down from `node`; `whole` is the box's share of the whole space. */
  const walk = (node: number, whole: number): void => {
    const f = tree.feature[node];
    if (f < 0) return leaf(node, whole);
    const [a, b, low] = [lo[f], hi[f], bottom[f]];
    const before = share(f);
    const cut = Math.min(b, Math.max(a, tree.threshold[node]));
    hi[f] = cut;
    if (share(f) > 0 || span[f] === 0) walk(tree.left[node], (whole / before) * share(f));
    [lo[f], hi[f], bottom[f]] = [cut, b, 0];
    if (share(f) > 0 || span[f] === 0) walk(tree.right[node], (whole / before) * share(f));
    [lo[f], bottom[f]] = [a, low];
  };
  if (F > 0) walk(0, 1);
  return groups.map((_, gi) => {
    const diff = diffs[gi];
    if (!diff) return Array.from(sums[gi]!);
    const out: number[] = [];
    let run = 0;
    for (let i = 0; i < MARGINAL_STEPS; i++) out.push((run += diff[i]));
    return out;
  });
}

/** Rows (x column-major: x[f * n + i]), targets, each column's bounds and the groups of columns read together. */
export interface ForestProblem {
  x: Float64Array;
  y: Float64Array;
  columns: number;
  bounds: [number, number][];
  groups: number[][];
  forest: ForestOptions;
}

/** The exports of resources/kernels/forest.wasm (pointers are byte addresses in its memory). */
interface ForestExports {
  memory: WebAssembly.Memory;
  forest_input(n: number, features: number): number;
  forest_targets(): number;
  forest_prepare(maxDepth: number, draws: number, seed: number): number;
  forest_grow(t: number): number;
  tree_room(nodes: number): number;
  tree_feature(): number;
  tree_threshold(): number;
  tree_left(): number;
  tree_right(): number;
  tree_value(): number;
  fanova_space(columns: number, groups: number, members: number): number;
  fanova_groups(): number;
  fanova_columns(): number;
  fanova_reading(): number;
  fanova_read(): number;
}

let kernel: ForestExports | undefined;

function forestKernel(): ForestExports {
  if (kernel) return kernel;
  const path = join(resourcesDir(), 'kernels', 'forest.wasm');
  // (A file read is never shared memory: typed so, the DOM's WebAssembly types take it too.)
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = readFileSync(path) as Uint8Array<ArrayBuffer>;
  } catch (e) {
    throw new Error(`parameter importance needs ${path}, which cannot be read (${(e as Error).message}); run "npm run build:kernels" to build it`);
  }
  kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as ForestExports;
  return kernel;
}

/** `what`: the problem's size ("10000 trials × 11 columns"). */
function outOfMemory(what: string): Error {
  return new Error(`parameter importance ran out of memory for ${what} (a wasm module addresses at most 4 GB)`);
}

/** Write the space's bounds and groups into the kernel (after the rows or the tree it reads). */
function setSpace(k: ForestExports, bounds: [number, number][], groups: number[][], what: string): void {
  const members = groups.reduce((a, g) => a + g.length, 0);
  const at = k.fanova_space(bounds.length, groups.length, members);
  if (at === 0) throw outOfMemory(what);
  const buf = k.memory.buffer;
  new Float64Array(buf, at, 2 * bounds.length).set(bounds.flat());
  const starts = new Int32Array(buf, k.fanova_groups(), groups.length + 1);
  const cols = new Int32Array(buf, k.fanova_columns(), Math.max(1, members));
  let p = 0;
  groups.forEach((g, gi) => {
    starts[gi] = p;
    for (const c of g) cols[p++] = c;
  });
  starts[groups.length] = p;
}

/** The reading of the tree in the kernel's buffer (`nodes` long): its variances from the kernel, its marginal curves walked here. */
function reading(k: ForestExports, nodes: number, bounds: [number, number][], groups: number[][], what: string): TreeReading {
  if (k.fanova_read() !== 0) throw outOfMemory(what);
  const r = new Float64Array(k.memory.buffer, k.fanova_reading(), groups.length + 1);
  return { total: r[0], marginal: Array.from(r.subarray(1)), curves: marginalCurves(treeView(k, nodes), bounds, groups) };
}

/** The tree in the kernel's buffers (`nodes` long) as views: valid until the kernel next grows a tree or its memory. */
function treeView(k: ForestExports, nodes: number): Tree {
  const buf = k.memory.buffer;
  return {
    feature: new Int32Array(buf, k.tree_feature(), nodes), threshold: new Float64Array(buf, k.tree_threshold(), nodes),
    left: new Int32Array(buf, k.tree_left(), nodes), right: new Int32Array(buf, k.tree_right(), nodes), value: new Float64Array(buf, k.tree_value(), nodes), nodes,
  };
}

/** Bin the problem's rows and make the buffers its trees need; returns the problem's size for messages. */
function prepare(k: ForestExports, p: Pick<ForestProblem, 'x' | 'y' | 'columns' | 'forest'>): string {
  const n = p.y.length;
  const what = `${n} trials × ${p.columns} columns`;
  const at = k.forest_input(n, p.columns);
  if (at === 0) throw outOfMemory(what);
  new Float64Array(k.memory.buffer, at, n * p.columns).set(p.x);
  new Float64Array(k.memory.buffer, k.forest_targets(), n).set(p.y);
  const draws = Math.min(n, p.forest.maxSamples ?? n);
  if (k.forest_prepare(p.forest.maxDepth, draws, p.forest.seed >>> 0) !== 0) throw outOfMemory(what);
  return what;
}

/** Grow tree t into the kernel's tree buffer; returns its node count. */
function grow(k: ForestExports, t: number, what: string): number {
  const nodes = k.forest_grow(t);
  if (nodes < 0) throw outOfMemory(what);
  return nodes;
}

/** Grow the problem's trees numbered `trees` (each the same whichever thread grows it) and hand each tree's reading to `each`, in that order. */
export function forestReadings(problem: ForestProblem, trees: Iterable<number>, each: (tree: number, reading: TreeReading) => void): void {
  const k = forestKernel();
  const what = prepare(k, problem);
  setSpace(k, problem.bounds, problem.groups, what);
  for (const t of trees) {
    const nodes = grow(k, t, what);
    each(t, reading(k, nodes, problem.bounds, problem.groups, what));
  }
}

/**
 * Grow the problem's trees numbered `trees` (each the same whichever thread grows it) and hand each
 * to `each` as views of the kernel's buffers, valid only during the call (the pair surface reads
 * them in place, on a worker thread).
 */
export function eachTree(problem: Pick<ForestProblem, 'x' | 'y' | 'columns' | 'forest'>, trees: Iterable<number>, each: (tree: number, view: Tree) => void): void {
  const k = forestKernel();
  const what = prepare(k, problem);
  for (const t of trees) each(t, treeView(k, grow(k, t, what)));
}

/** Grow a whole forest on rows x (column-major: x[f * n + i]) and targets y, each tree copied out. */
export function growForest(x: Float64Array, y: Float64Array, features: number, opts: ForestOptions): Tree[] {
  const out: Tree[] = [];
  eachTree({ x, y, columns: features, forest: opts }, Array.from({ length: opts.trees }, (_, t) => t), (_, v) => out.push({
    feature: v.feature.slice(), threshold: v.threshold.slice(), left: v.left.slice(), right: v.right.slice(), value: v.value.slice(), nodes: v.nodes,
  }));
  return out;
}

/** One tree's variance over the space (each column's [low, high]) and each group's first-order marginal variance. */
export function treeVariances(tree: Tree, bounds: [number, number][], groups: number[][]): TreeReading {
  const k = forestKernel();
  const n = tree.nodes;
  const what = `a tree of ${n} nodes × ${bounds.length} columns`;
  if (k.tree_room(n) !== 0) throw outOfMemory(what);
  const buf = k.memory.buffer;
  new Int32Array(buf, k.tree_feature(), n).set(tree.feature.subarray(0, n));
  new Float64Array(buf, k.tree_threshold(), n).set(tree.threshold.subarray(0, n));
  new Int32Array(buf, k.tree_left(), n).set(tree.left.subarray(0, n));
  new Int32Array(buf, k.tree_right(), n).set(tree.right.subarray(0, n));
  new Float64Array(buf, k.tree_value(), n).set(tree.value.subarray(0, n));
  setSpace(k, bounds, groups, what);
  return reading(k, n, bounds, groups, what);
}

/** The forest's prediction at one point (features in order): the mean of its trees' leaves. */
export function predict(trees: Tree[], point: ArrayLike<number>): number {
  let s = 0;
  for (const t of trees) {
    let k = 0;
    while (t.feature[k] >= 0) k = point[t.feature[k]] <= t.threshold[k] ? t.left[k] : t.right[k];
    s += t.value[k];
  }
  return s / trees.length;
}
