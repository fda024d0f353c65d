import { Rng } from '../util/rng';

/**
 * A random forest of regression trees, grown as scikit-learn's RandomForestRegressor grows them
 * with Optuna's fANOVA settings: each tree on a bootstrap sample (rows drawn with replacement,
 * counted as weights), every feature considered at every node in a random order, the split that
 * most reduces the weighted squared error, its threshold halfway between the neighbouring values on
 * either side, grown until a node is pure, has one row, or reaches `maxDepth`.
 *
 * Speed (64 trees on 10,000 rows must take well under a second): each feature's values are binned
 * once, one bin per distinct value when there are at most 256 (then the splits are exactly
 * scikit-learn's), else 256 bins of equal counts (a split then falls between bins, halfway between
 * the largest value on its left and the smallest on its right). A node finds its split from
 * per-feature histograms of weight and weighted target (only nodes of more than 256 rows: the first
 * few levels); of two children the smaller's histogram is counted and the bigger's is the parent's
 * minus it; a subtree of at most 256 rows
 * sorts its rows by bin once per feature and keeps them sorted through its splits.
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

/** Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD). */
const FEATURE_THRESHOLD = 1e-7;
/** Bins per feature at most. */
export const MAX_BINS = 256;
/**
 * A split's score is scikit-learn's proxy sl²/wl + sr²/wr (sums of weighted targets and weights left
 * and right). Two divisions per candidate dominate a node's scan, so a candidate is first checked
 * without them: it can only beat the best if sl²·wr + sr²·wl ≥ best·wl·wr, and with this slack (far
 * above the few ulps either side may be off) none that beats it is skipped; the proxy itself is then
 * computed and compared exactly as before, so the trees are the same bit for bit.
 */
const SLACK = 1 - 1e-9;
/** Nodes with at most this many rows are split by sorting their rows, not by histograms. */
const SMALL = 256;

/** Each feature's bins: every row's bin (row-major: bin[i * F + f]), and each bin's smallest and largest value. */
export interface Binned {
  bin: Uint8Array;
  count: Int32Array;
  lo: Float64Array[];
  hi: Float64Array[];
}

function binFeatures(x: Float64Array, n: number, features: number): Binned {
  const bin = new Uint8Array(n * features);
  const count = new Int32Array(features);
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let f = 0; f < features; f++) {
    const col = x.subarray(f * n, (f + 1) * n);
    const values = Float64Array.from(col).sort();
    const distinct: number[] = [];
    for (const v of values) if (distinct.length === 0 || v > distinct[distinct.length - 1] + FEATURE_THRESHOLD) distinct.push(v);
    // Upper edges: a value v goes to the first bin whose edge is ≥ v.
    let edges: number[];
    if (distinct.length <= MAX_BINS) edges = distinct.slice(0, -1).map((v, k) => (v + distinct[k + 1]) / 2);
    else {
      edges = [];
      for (let k = 1; k < MAX_BINS; k++) {
        const q = ((n - 1) * k) / MAX_BINS;
        const e = (values[Math.floor(q)] + values[Math.ceil(q)]) / 2;
        if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
      }
    }
    const bins = edges.length + 1;
    count[f] = bins;
    const blo = new Float64Array(bins).fill(Infinity);
    const bhi = new Float64Array(bins).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      let a = 0;
      let b = edges.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (edges[mid] < v) a = mid + 1;
        else b = mid;
      }
      bin[i * features + f] = a;
      if (v < blo[a]) blo[a] = v;
      if (v > bhi[a]) bhi[a] = v;
    }
    lo.push(blo);
    hi.push(bhi);
  }
  return { bin, count, lo, hi };
}

/** Rows binned once for a whole forest, the random stream its trees are drawn from, and buffers every tree reuses. */
export interface ForestData {
  binned: Binned;
  y: Float64Array;
  features: number;
  opts: ForestOptions;
  rng: Rng;
  scratch: Scratch;
}

/** What growing a tree allocates, kept for the next tree (a forest of 10,000 rows would otherwise allocate and collect tens of MB). */
interface Scratch {
  w: Float64Array;
  idx: Int32Array;
  tree: Tree;
  sub: Subtrees;
  /** Histograms no node holds now, for the next node that needs one. */
  spare: Float64Array[];
}

/** Bin the rows x (column-major: x[f * n + i]) with targets y for growing trees one by one. */
export function prepareForest(x: Float64Array, y: Float64Array, features: number, opts: ForestOptions): ForestData {
  const n = y.length;
  const cap = 2 * n + 1;
  const tree: Tree = {
    feature: new Int32Array(cap).fill(-1), threshold: new Float64Array(cap), left: new Int32Array(cap).fill(-1),
    right: new Int32Array(cap).fill(-1), value: new Float64Array(cap), nodes: 0,
  };
  const scratch = { w: new Float64Array(n), idx: new Int32Array(n), tree, sub: new Subtrees(features, Math.min(n, SMALL)), spare: [] };
  return { binned: binFeatures(x, n, features), y, features, opts, rng: new Rng(opts.seed), scratch };
}

/**
 * Grow tree number t of a forest (its bootstrap sample and feature orders come from the forest's
 * seed and t). The tree lives in the forest's buffers: it is valid until the next call.
 */
export function growTreeOf(d: ForestData, t: number): Tree {
  const draws = Math.min(d.y.length, d.opts.maxSamples ?? d.y.length);
  return growTree(d.binned, d.y, d.features, d.rng.fork(t), d.opts.maxDepth, draws, d.scratch);
}

/** Grow a whole forest on rows x (column-major: x[f * n + i]) and targets y (each tree copied out of the shared buffers). */
export function growForest(x: Float64Array, y: Float64Array, features: number, opts: ForestOptions): Tree[] {
  const d = prepareForest(x, y, features, opts);
  return Array.from({ length: opts.trees }, (_, t) => {
    const tr = growTreeOf(d, t);
    const k = tr.nodes;
    return { feature: tr.feature.slice(0, k), threshold: tr.threshold.slice(0, k), left: tr.left.slice(0, k), right: tr.right.slice(0, k), value: tr.value.slice(0, k), nodes: k };
  });
}

function growTree(binned: Binned, y: Float64Array, F: number, rng: Rng, maxDepth: number, draws: number, scratch: Scratch): Tree {
  const n = y.length;
  const { bin, count } = binned;
  const { w, tree, sub } = scratch;
  w.fill(0);
  for (let k = 0; k < draws; k++) w[rng.int(n)]++;
  let m = 0;
  for (let i = 0; i < n; i++) if (w[i] > 0) m++;
  const idx = scratch.idx.subarray(0, m);
  for (let i = 0, p = 0; i < n; i++) if (w[i] > 0) idx[p++] = i;
  // The previous tree's nodes back to leaves.
  tree.feature.fill(-1, 0, tree.nodes);
  tree.left.fill(-1, 0, tree.nodes);
  tree.right.fill(-1, 0, tree.nodes);
  tree.nodes = 1;
  const g: Grower = { binned, y, w, F, rng, maxDepth, tree, order: Int32Array.from({ length: F }, (_, f) => f) };
  const offset = new Int32Array(F);
  for (let f = 1; f < F; f++) offset[f] = offset[f - 1] + count[f - 1];
  const histSize = 2 * (offset[F - 1] + count[F - 1]);
  const countRows = (h: Float64Array, start: number, end: number): void => {
    for (let p = start; p < end; p++) {
      const i = idx[p];
      const wi = w[i];
      const wyi = wi * y[i];
      const row = i * F;
      for (let f = 0; f < F; f++) {
        const k = 2 * (offset[f] + bin[row + f]);
        h[k] += wi;
        h[k + 1] += wyi;
      }
    }
  };
  const { spare } = scratch;
  const counted = (start: number, end: number): Float64Array => {
    const h = spare.pop()?.fill(0) ?? new Float64Array(histSize);
    countRows(h, start, end);
    return h;
  };
  const stack: { node: number; start: number; end: number; depth: number; hist: Float64Array | null }[] = [{ node: 0, start: 0, end: m, depth: 0, hist: null }];
  while (stack.length > 0) {
    const { node, start, end, depth, hist } = stack.pop()!;
    if (end - start <= SMALL) {
      // (A histogram it was given was counted to give its sibling's by subtraction.)
      if (hist) spare.push(hist);
      sub.grow(g, idx.subarray(start, end), node, depth);
      continue;
    }
    const h = hist ?? counted(start, end);
    const stats = nodeStats(g, idx, start, end);
    tree.value[node] = stats.mean;
    if (isLeaf(g, stats, depth, end - start)) {
      spare.push(h);
      continue;
    }
    g.rng.shuffle(g.order);
    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestBin = -1;
    for (let o = 0; o < F; o++) {
      const f = g.order[o];
      const base = 2 * offset[f];
      let wl = 0;
      let sl = 0;
      for (let b = 0, last = count[f] - 1; b < last; b++) {
        const wb = h[base + 2 * b];
        if (wb === 0) continue;
        wl += wb;
        sl += h[base + 2 * b + 1];
        const wr = stats.sw - wl;
        if (wr <= 0) break;
        const sr = stats.sy - sl;
        if (sl * sl * wr + sr * sr * wl < bestProxy * (wl * wr) * SLACK) continue;
        const proxy = (sl * sl) / wl + (sr * sr) / wr;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0 || bestProxy <= (stats.sy * stats.sy) / stats.sw) {
      spare.push(h);
      continue;
    }
    // Bins up to bestBin go left; the threshold lies halfway between the left's largest value and the right's smallest.
    let rightBin = MAX_BINS;
    let l = start;
    let r = end - 1;
    while (l <= r) {
      const bl = bin[idx[l] * F + bestFeature];
      if (bl <= bestBin) {
        l++;
        continue;
      }
      if (bl < rightBin) rightBin = bl;
      const t = idx[l];
      idx[l] = idx[r];
      idx[r--] = t;
    }
    const { left, right } = split(g, node, bestFeature, bestBin, rightBin);
    // A child too big for a subtree needs its histogram: the smaller child's is counted, the bigger one's is the parent's minus it.
    let leftHist: Float64Array | null = null;
    let rightHist: Float64Array | null = null;
    if (Math.max(l - start, end - l) > SMALL) {
      const leftSmaller = l - start <= end - l;
      const small = leftSmaller ? counted(start, l) : counted(l, end);
      for (let k = 0; k < histSize; k++) h[k] -= small[k];
      [leftHist, rightHist] = leftSmaller ? [small, h] : [h, small];
    } else spare.push(h);
    stack.push({ node: right, start: l, end, depth: depth + 1, hist: rightHist }, { node: left, start, end: l, depth: depth + 1, hist: leftHist });
  }
  return tree;
}

/** What growing one tree needs at every node. */
interface Grower {
  binned: Binned;
  y: Float64Array;
  w: Float64Array;
  F: number;
  rng: Rng;
  maxDepth: number;
  tree: Tree;
  order: Int32Array;
}

interface NodeStats {
  sw: number;
  sy: number;
  syy: number;
  mean: number;
}

function nodeStats(g: Grower, rows: Int32Array, start: number, end: number): NodeStats {
  let sw = 0;
  let sy = 0;
  let syy = 0;
  for (let p = start; p < end; p++) {
    const i = rows[p];
    const wi = g.w[i];
    const yi = g.y[i];
    sw += wi;
    sy += wi * yi;
    syy += wi * yi * yi;
  }
  return { sw, sy, syy, mean: sy / sw };
}

/** A node stays a leaf at the depth limit, with one row, or when its rows all have the same target. */
function isLeaf(g: Grower, s: NodeStats, depth: number, rows: number): boolean {
  return depth >= g.maxDepth || rows < 2 || s.syy / s.sw - s.mean * s.mean <= Number.EPSILON * Math.max(1, s.mean * s.mean);
}

/** Make node a split on feature f between bins leftBin and rightBin; returns its children. */
function split(g: Grower, node: number, f: number, leftBin: number, rightBin: number): { left: number; right: number } {
  const t = g.tree;
  const left = t.nodes++;
  const right = t.nodes++;
  t.feature[node] = f;
  t.threshold[node] = g.binned.hi[f][leftBin] / 2 + g.binned.lo[f][rightBin] / 2;
  t.left[node] = left;
  t.right[node] = right;
  return { left, right };
}

/**
 * Small subtrees (at most SMALL = 256 rows) are grown the exact way on compact arrays: the rows get
 * local numbers (< 256), each feature keeps its rows sorted by bin as 16-bit pairs (local << 8 | bin),
 * sorted once by counting and kept sorted through every split by stable partitions.
 */
class Subtrees {
  private readonly packed: Uint16Array;
  private readonly scratch: Uint16Array;
  private readonly counts = new Int32Array(MAX_BINS + 1);
  private readonly lw: Float64Array;
  private readonly lwy: Float64Array;
  private readonly lwyy: Float64Array;
  private readonly global: Int32Array;
  private readonly marks: Uint8Array;

  constructor(
    private readonly F: number,
    private readonly size: number,
  ) {
    this.packed = new Uint16Array(F * size);
    this.scratch = new Uint16Array(size);
    this.lw = new Float64Array(size);
    this.lwy = new Float64Array(size);
    this.lwyy = new Float64Array(size);
    this.global = new Int32Array(size);
    this.marks = new Uint8Array(size);
  }

  grow(g: Grower, rowsOfNode: Int32Array, root: number, rootDepth: number): void {
    const { F, size, packed, scratch, counts, lw, lwy, lwyy, marks } = this;
    const m = rowsOfNode.length;
    const { bin } = g.binned;
    for (let q = 0; q < m; q++) {
      const i = rowsOfNode[q];
      this.global[q] = i;
      lw[q] = g.w[i];
      lwy[q] = g.w[i] * g.y[i];
      lwyy[q] = g.w[i] * g.y[i] * g.y[i];
    }
    for (let f = 0; f < F; f++) {
      counts.fill(0);
      for (let q = 0; q < m; q++) counts[bin[rowsOfNode[q] * F + f] + 1]++;
      for (let b = 1; b <= MAX_BINS; b++) counts[b] += counts[b - 1];
      const off = f * size;
      for (let q = 0; q < m; q++) {
        const b = bin[rowsOfNode[q] * F + f];
        packed[off + counts[b]++] = (q << 8) | b;
      }
    }
    const tree = g.tree;
    const order = g.order;
    const stack: number[] = [root, 0, m, rootDepth];
    while (stack.length > 0) {
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      const node = stack.pop()!;
      let sw = 0;
      let sy = 0;
      let syy = 0;
      for (let p = start; p < end; p++) {
        const q = packed[p] >> 8;
        sw += lw[q];
        sy += lwy[q];
        syy += lwyy[q];
      }
      const mean = sy / sw;
      tree.value[node] = mean;
      if (depth >= g.maxDepth || end - start < 2 || syy / sw - mean * mean <= Number.EPSILON * Math.max(1, mean * mean)) continue;
      g.rng.shuffle(order);
      let bestProxy = -Infinity;
      let bestFeature = -1;
      let bestPos = -1;
      for (let o = 0; o < F; o++) {
        const f = order[o];
        const off = f * size;
        // A feature with one bin across the node's rows offers no split, here or in any subtree below.
        if ((packed[off + start] & 255) === (packed[off + end - 1] & 255)) continue;
        let wl = 0;
        let sl = 0;
        for (let p = off + start, last = off + end - 1; p < last; p++) {
          const v = packed[p];
          const q = v >> 8;
          wl += lw[q];
          sl += lwy[q];
          if ((packed[p + 1] & 255) === (v & 255)) continue;
          const sr = sy - sl;
          const wr = sw - wl;
          // Divisions only where the split may beat the best (see SLACK): the same choice, far fewer divisions.
          if (sl * sl * wr + sr * sr * wl < bestProxy * (wl * wr) * SLACK) continue;
          const proxy = (sl * sl) / wl + (sr * sr) / wr;
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestFeature = f;
            bestPos = p - off;
          }
        }
      }
      if (bestFeature < 0 || bestProxy <= (sy * sy) / sw) continue;
      const off = bestFeature * size;
      const { left, right } = split(g, node, bestFeature, packed[off + bestPos] & 255, packed[off + bestPos + 1] & 255);
      for (let p = start; p < end; p++) marks[packed[off + p] >> 8] = p <= bestPos ? 1 : 0;
      for (let f = 0; f < F; f++) {
        const o = f * size;
        // The split feature is already in place. A feature constant over the node is never scanned again, so
        // its rows may stay unsorted between the children, except feature 0's, which list each node's rows.
        if (f === bestFeature || (f > 0 && (packed[o + start] & 255) === (packed[o + end - 1] & 255))) continue;
        let l = o + start;
        let r = 0;
        // Branch-free (which side a row goes is a coin toss to the branch predictor): write both, advance one.
        for (let p = o + start, last = o + end; p < last; p++) {
          const v = packed[p];
          const goesLeft = marks[v >> 8];
          packed[l] = v;
          scratch[r] = v;
          l += goesLeft;
          r += 1 - goesLeft;
        }
        for (let q = 0; q < r; q++) packed[l + q] = scratch[q];
      }
      const mid = bestPos + 1;
      stack.push(right, mid, end, depth + 1, left, start, mid, depth + 1);
    }
  }
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
