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
 * Cost: one walk down the tree, adding each leaf to every group's marginal as it is reached (no
 * per-leaf boxes are stored), plus a sort of each feature's split points.
 */

/** Every feature's range cut at each threshold the tree splits it at: [low, t1, t2, …, high], and each split node's index among its feature's cuts. */
function cutsOf(tree: Tree, bounds: [number, number][]): { cuts: Float64Array[]; at: Int32Array } {
  const F = bounds.length;
  const { feature, threshold, nodes } = tree;
  // Each feature's thresholds inside its range, between room for low and high, sorted and made distinct in place.
  const count = new Int32Array(F);
  for (let k = 0; k < nodes; k++) if (feature[k] >= 0) count[feature[k]]++;
  const buf = Array.from(count, (c) => new Float64Array(c + 2));
  const filled = new Int32Array(F).fill(1);
  for (let k = 0; k < nodes; k++) {
    const f = feature[k];
    if (f < 0) continue;
    const t = threshold[k];
    if (t > bounds[f][0] && t < bounds[f][1]) buf[f][filled[f]++] = t;
  }
  const cuts = buf.map((c, f) => {
    c.subarray(1, filled[f]).sort();
    c[0] = bounds[f][0];
    let w = 1;
    for (let i = 1; i < filled[f]; i++) if (c[i] > c[w - 1]) c[w++] = c[i];
    c[w++] = bounds[f][1];
    return c.subarray(0, w);
  });
  const at = new Int32Array(nodes);
  for (let k = 0; k < nodes; k++) {
    const f = feature[k];
    if (f < 0) continue;
    const c = cuts[f];
    const t = Math.min(bounds[f][1], Math.max(bounds[f][0], threshold[k]));
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

/**
 * What the walk down one tree carries: the current box (per feature the indices of its ends among the
 * cuts and its fraction of the range), each group's accumulator, and every leaf's value and volume.
 * Plain functions over this one object, not closures made anew for every tree: V8 then compiles the
 * walk once, where fresh closures per tree cost it a deoptimization each while it warmed up.
 */
interface Walk {
  tree: Tree;
  F: number;
  groups: number[][];
  cuts: Float64Array[];
  at: Int32Array;
  width: Float64Array;
  sizes: number[][];
  acc: Float64Array[];
  single: Int32Array;
  ranges: Int32Array[];
  coords: Int32Array[];
  lo: Int32Array;
  hi: Int32Array;
  frac: Float64Array;
  value: Float64Array;
  volume: Float64Array;
  leaves: number;
}

/** One tree's variance and the first-order marginal variance of each feature group. */
export function treeVariances(tree: Tree, bounds: [number, number][], groups: number[][]): { total: number; marginal: number[] } {
  const F = bounds.length;
  const { cuts, at } = cutsOf(tree, bounds);
  // Each group's cells (the products of its features' cuts) and its marginal's accumulator over them:
  // a leaf's value times its share of the other features' space, spread over the cells its box covers.
  // One feature by a difference array (add at the first cell, remove after the last), several cell by cell.
  const sizes = groups.map((group) => group.map((f) => cuts[f].length - 1));
  let leafCount = 0;
  for (let k = 0; k < tree.nodes; k++) if (tree.feature[k] < 0) leafCount++;
  const w: Walk = {
    tree, F, groups, cuts, at, sizes,
    width: Float64Array.from(cuts, (c) => c[c.length - 1] - c[0]),
    acc: sizes.map((sz) => new Float64Array(sz.reduce((a, b) => a * b, 1) + 1)),
    single: Int32Array.from(groups, (group) => (group.length === 1 ? group[0] : -1)),
    ranges: groups.map((group) => new Int32Array(group.length * 2)),
    coords: groups.map((group) => new Int32Array(group.length)),
    lo: new Int32Array(F),
    hi: Int32Array.from(cuts, (c) => c.length - 1),
    frac: new Float64Array(F).fill(1),
    value: new Float64Array(leafCount),
    volume: new Float64Array(leafCount),
    leaves: 0,
  };
  walk(w, 0);
  const { value, volume, acc, width } = w;
  let mean = 0;
  for (let i = 0; i < leafCount; i++) mean += volume[i] * value[i];
  let total = 0;
  for (let i = 0; i < leafCount; i++) total += volume[i] * (value[i] - mean) ** 2;
  const marginal = groups.map((group, gi) => {
    const a = acc[gi];
    const cells = a.length - 1;
    if (group.length === 1) {
      for (let c = 1; c < cells; c++) a[c] += a[c - 1];
      // Each cell's size as a fraction of the feature's range; the marginal's mean is the tree's mean.
      const c0 = cuts[group[0]];
      const wd = width[group[0]];
      let m = 0;
      let v = 0;
      for (let c = 0; c < cells; c++) {
        const cf = (c0[c + 1] - c0[c]) / wd;
        m += cf * a[c];
        v += cf * a[c] * a[c];
      }
      return Math.max(0, v - m * m);
    }
    const gc = group.map((f) => cuts[f]);
    let m = 0;
    let v = 0;
    forEachCell(sizes[gi], (cell, cs) => {
      let cf = 1;
      for (let g = 0; g < cs.length; g++) cf *= (gc[g][cs[g] + 1] - gc[g][cs[g]]) / width[group[g]];
      m += cf * a[cell];
      v += cf * a[cell] * a[cell];
    });
    return Math.max(0, v - m * m);
  });
  return { total, marginal };
}

/** The fraction of feature f's range the current box spans. */
function fracOf(w: Walk, f: number): number {
  const c = w.cuts[f];
  return (c[w.hi[f]] - c[w.lo[f]]) / w.width[f];
}

/** Down node k: a split narrows the box on its feature for each child in turn; a leaf is added. */
function walk(w: Walk, k: number): void {
  const { tree, lo, hi, frac } = w;
  const f = tree.feature[k];
  if (f < 0) return leaf(w, k);
  const t = w.at[k];
  const savedHi = hi[f];
  const savedFrac = frac[f];
  hi[f] = Math.min(savedHi, t);
  frac[f] = fracOf(w, f);
  walk(w, tree.left[k]);
  hi[f] = savedHi;
  const savedLo = lo[f];
  lo[f] = Math.max(savedLo, t);
  frac[f] = fracOf(w, f);
  walk(w, tree.right[k]);
  lo[f] = savedLo;
  frac[f] = savedFrac;
}

/** A leaf of the current box: its volume and value, and its value spread over each group's cells. */
function leaf(w: Walk, k: number): void {
  const { F, frac, lo, hi, groups, single, acc } = w;
  let v = 1;
  for (let f = 0; f < F; f++) v *= frac[f];
  const y = w.tree.value[k];
  w.volume[w.leaves] = v;
  w.value[w.leaves++] = y;
  for (let gi = 0; gi < groups.length; gi++) {
    const f = single[gi];
    if (f >= 0) {
      const amount = y * (v / frac[f]);
      acc[gi][lo[f]] += amount;
      acc[gi][hi[f]] -= amount;
      continue;
    }
    const group = groups[gi];
    const r = w.ranges[gi];
    let share = v;
    for (let g = 0; g < group.length; g++) {
      share /= frac[group[g]];
      r[2 * g] = lo[group[g]];
      r[2 * g + 1] = hi[group[g]];
    }
    addBox(acc[gi], w.sizes[gi], r, w.coords[gi], y * share);
  }
}

/** Add `amount` to every cell of the box [ranges[2g], ranges[2g + 1]) of a row-major grid (`coords`: scratch, one per dimension). */
function addBox(acc: Float64Array, sizes: number[], ranges: Int32Array, coords: Int32Array, amount: number): void {
  const G = sizes.length;
  for (let g = 0; g < G; g++) {
    if (ranges[2 * g] >= ranges[2 * g + 1]) return;
    coords[g] = ranges[2 * g];
  }
  for (;;) {
    let cell = 0;
    for (let g = 0; g < G; g++) cell = cell * sizes[g] + coords[g];
    acc[cell] += amount;
    // Next cell, the last dimension fastest.
    let g = G - 1;
    while (g >= 0 && ++coords[g] === ranges[2 * g + 1]) {
      coords[g] = ranges[2 * g];
      g--;
    }
    if (g < 0) return;
  }
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
