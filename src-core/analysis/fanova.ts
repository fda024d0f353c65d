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

/** Each leaf of a tree with its box: per feature the indices of its ends among the feature's cuts (leaf-major: lo[l * F + f]), its value and its share of the space. */
interface Leaves {
  count: number;
  value: Float64Array;
  lo: Int32Array;
  hi: Int32Array;
  /** Π over features of the leaf's fraction of each feature's range. */
  volume: Float64Array;
}

/** Every feature's range cut at each threshold the tree splits it at: [low, t1, t2, …, high], and each split node's index among its feature's cuts. */
function cutsOf(tree: Tree, bounds: [number, number][]): { cuts: Float64Array[]; at: Int32Array } {
  const lists: number[][] = bounds.map(() => []);
  for (let k = 0; k < tree.nodes; k++) {
    const f = tree.feature[k];
    if (f >= 0) lists[f].push(tree.threshold[k]);
  }
  const cuts = lists.map((ts, f) => {
    const [low, high] = bounds[f];
    const sorted = Float64Array.from(ts.filter((t) => t > low && t < high)).sort();
    const out = [low];
    for (const t of sorted) if (t > out[out.length - 1]) out.push(t);
    out.push(high);
    return Float64Array.from(out);
  });
  const at = new Int32Array(tree.nodes);
  for (let k = 0; k < tree.nodes; k++) {
    const f = tree.feature[k];
    if (f < 0) continue;
    const c = cuts[f];
    const t = Math.min(bounds[f][1], Math.max(bounds[f][0], tree.threshold[k]));
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    at[k] = lo;
  }
  return { cuts, at };
}

function leavesOf(tree: Tree, cuts: Float64Array[], at: Int32Array): Leaves {
  const F = cuts.length;
  let count = 0;
  for (let k = 0; k < tree.nodes; k++) if (tree.feature[k] < 0) count++;
  const leafLo = new Int32Array(count * F);
  const leafHi = new Int32Array(count * F);
  const value = new Float64Array(count);
  const volume = new Float64Array(count);
  const lo = new Int32Array(F);
  const hi = Int32Array.from(cuts, (c) => c.length - 1);
  const width = Float64Array.from(cuts, (c) => c[c.length - 1] - c[0]);
  let l = 0;
  const walk = (k: number): void => {
    const f = tree.feature[k];
    if (f < 0) {
      leafLo.set(lo, l * F);
      leafHi.set(hi, l * F);
      let v = 1;
      for (let g = 0; g < F; g++) v *= (cuts[g][hi[g]] - cuts[g][lo[g]]) / width[g];
      volume[l] = v;
      value[l++] = tree.value[k];
      return;
    }
    const t = at[k];
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
  return { count, value, lo: leafLo, hi: leafHi, volume };
}

/** One tree's variance and the first-order marginal variance of each feature group. */
export function treeVariances(tree: Tree, bounds: [number, number][], groups: number[][]): { total: number; marginal: number[] } {
  const F = bounds.length;
  const { cuts, at } = cutsOf(tree, bounds);
  const leaves = leavesOf(tree, cuts, at);
  let mean = 0;
  for (let l = 0; l < leaves.count; l++) mean += leaves.volume[l] * leaves.value[l];
  let total = 0;
  for (let l = 0; l < leaves.count; l++) total += leaves.volume[l] * (leaves.value[l] - mean) ** 2;
  const marginal = groups.map((group) => {
    // The group's cells: the products of its features' cuts.
    const gc = group.map((f) => cuts[f]);
    const sizes = gc.map((c) => c.length - 1);
    const cells = sizes.reduce((a, b) => a * b, 1);
    const width = gc.map((c) => c[c.length - 1] - c[0]);
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
        share /= (gc[g][b] - gc[g][a]) / width[g];
        ranges[2 * g] = a;
        ranges[2 * g + 1] = b;
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
      for (let g = 0; g < coords.length; g++) frac *= (gc[g][coords[g] + 1] - gc[g][coords[g]]) / width[g];
      m += frac * acc[cell];
      v += frac * acc[cell] * acc[cell];
    });
    return Math.max(0, v - m * m);
  });
  return { total, marginal };
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
