import type { Tree } from './forest';

/**
 * Functional ANOVA on a tree (Hutter, Hoos & Leyton-Brown 2014), as Optuna's `_FanovaTree`
 * computes it: a tree cuts the search space (each feature's [low, high]) into boxes, its leaves;
 * with every point of the space equally likely, the tree's variance is Σ vol·(value − mean)² over
 * the leaves, and a feature group's first-order marginal — the prediction averaged over every
 * other feature — is constant between the split points the tree has on the group. Its variance
 * over those cells (weighted by their size) over the tree's variance is the group's importance in
 * that tree. A group is one numeric feature, or the one-hot columns of a categorical knob (whose
 * cells are the products of its columns' cells, as Optuna does).
 *
 * Cost: one pass over the leaves per group and tree, plus a sort of the group's split points.
 */

/** Each leaf of a tree with its box: lo/hi per feature (leaf-major: lo[l * F + f]). */
interface Leaves {
  count: number;
  value: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /** Π over features of the leaf's fraction of each feature's range: its share of the space. */
  volume: Float64Array;
}

function leavesOf(tree: Tree, bounds: [number, number][]): Leaves {
  const F = bounds.length;
  let count = 0;
  for (let k = 0; k < tree.nodes; k++) if (tree.feature[k] < 0) count++;
  const leafLo = new Float64Array(count * F);
  const leafHi = new Float64Array(count * F);
  const value = new Float64Array(count);
  const lo = Float64Array.from(bounds, (b) => b[0]);
  const hi = Float64Array.from(bounds, (b) => b[1]);
  let l = 0;
  const walk = (k: number): void => {
    const f = tree.feature[k];
    if (f < 0) {
      leafLo.set(lo, l * F);
      leafHi.set(hi, l * F);
      value[l++] = tree.value[k];
      return;
    }
    const t = Math.min(bounds[f][1], Math.max(bounds[f][0], tree.threshold[k]));
    const savedHi = hi[f];
    hi[f] = Math.min(savedHi, t);
    walk(tree.left[k]);
    hi[f] = savedHi;
    const savedLo = lo[f];
    lo[f] = Math.max(savedLo, t);
    walk(tree.right[k]);
    lo[f] = savedLo;
  };
  walk(0);
  const volume = new Float64Array(count);
  const width = Float64Array.from(bounds, (b) => b[1] - b[0]);
  for (let i = 0; i < count; i++) {
    let v = 1;
    for (let f = 0; f < F; f++) v *= (leafHi[i * F + f] - leafLo[i * F + f]) / width[f];
    volume[i] = v;
  }
  return { count, value, lo: leafLo, hi: leafHi, volume };
}

/** One tree's variance and the first-order marginal variance of each feature group. */
export function treeVariances(tree: Tree, bounds: [number, number][], groups: number[][]): { total: number; marginal: number[] } {
  const F = bounds.length;
  const leaves = leavesOf(tree, bounds);
  let mean = 0;
  for (let l = 0; l < leaves.count; l++) mean += leaves.volume[l] * leaves.value[l];
  let total = 0;
  for (let l = 0; l < leaves.count; l++) total += leaves.volume[l] * (leaves.value[l] - mean) ** 2;
  const marginal = groups.map((group) => {
    // The group's cells: per feature, the sorted distinct split points inside its range.
    const cuts = group.map((f) => splitPoints(tree, f, bounds[f]));
    const sizes = cuts.map((c) => c.length - 1);
    const cells = sizes.reduce((a, b) => a * b, 1);
    const width = group.map((f) => bounds[f][1] - bounds[f][0]);
    // A leaf's value times its share of the other features' space, spread over the cells its box covers:
    // one feature by a difference array (add at the first cell, remove after the last), several cell by cell.
    const acc = new Float64Array(cells + 1);
    const ranges = new Int32Array(group.length * 2);
    for (let l = 0; l < leaves.count; l++) {
      let share = leaves.volume[l];
      for (let g = 0; g < group.length; g++) {
        const f = group[g];
        const a = leaves.lo[l * F + f];
        const b = leaves.hi[l * F + f];
        share /= (b - a) / width[g];
        ranges[2 * g] = indexOf(cuts[g], a);
        ranges[2 * g + 1] = indexOf(cuts[g], b);
      }
      const amount = leaves.value[l] * share;
      if (group.length === 1) {
        acc[ranges[0]] += amount;
        acc[ranges[1]] -= amount;
      } else addBox(acc, sizes, ranges, amount);
    }
    if (group.length === 1) for (let c = 1; c < cells; c++) acc[c] += acc[c - 1];
    // Each cell's size as a fraction of the group's space; the marginal's mean is the tree's mean.
    let m = 0;
    let v = 0;
    forEachCell(sizes, (cell, coords) => {
      let frac = 1;
      for (let g = 0; g < coords.length; g++) frac *= (cuts[g][coords[g] + 1] - cuts[g][coords[g]]) / width[g];
      m += frac * acc[cell];
      v += frac * acc[cell] * acc[cell];
    });
    return Math.max(0, v - m * m);
  });
  return { total, marginal };
}

/** The feature's range cut at every threshold the tree splits it at: [low, t1, t2, …, high]. */
function splitPoints(tree: Tree, f: number, [low, high]: [number, number]): number[] {
  const ts = new Set<number>();
  for (let k = 0; k < tree.nodes; k++) if (tree.feature[k] === f) ts.add(Math.min(high, Math.max(low, tree.threshold[k])));
  return [low, ...[...ts].filter((t) => t > low && t < high).sort((a, b) => a - b), high];
}

/** Index of a value among the cuts (it is one of them). */
function indexOf(cuts: number[], v: number): number {
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Add `amount` to every cell of the box [ranges[2g], ranges[2g + 1]) of a row-major grid. */
function addBox(acc: Float64Array, sizes: number[], ranges: Int32Array, amount: number): void {
  const rec = (g: number, offset: number): void => {
    if (g === sizes.length) {
      acc[offset] += amount;
      return;
    }
    for (let c = ranges[2 * g]; c < ranges[2 * g + 1]; c++) rec(g + 1, offset * sizes[g] + c);
  };
  rec(0, 0);
}

function forEachCell(sizes: number[], fn: (cell: number, coords: number[]) => void): void {
  const coords = new Array<number>(sizes.length).fill(0);
  const cells = sizes.reduce((a, b) => a * b, 1);
  for (let cell = 0; cell < cells; cell++) {
    let rest = cell;
    for (let g = sizes.length - 1; g >= 0; g--) {
      coords[g] = rest % sizes[g];
      rest = Math.floor(rest / sizes[g]);
    }
    fn(cell, coords);
  }
}
