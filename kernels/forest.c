// The random forest and the fANOVA reading behind parameter importance, compiled to wasm
// (resources/kernels/forest.wasm, by scripts/build-kernels.mjs) so that even the first answer of a
// fresh process runs compiled code: in JavaScript each worker thread spent its first few trees
// warming up, most of a second in all. src-core/analysis/forest.ts holds the description of the
// method and the JavaScript side (it owns the module, its memory and the calls).
//
// Every sum and every random draw is made in the order the method's description gives, so a
// forest is the same bit for bit on every thread and in every run: the random stream is
// xoshiro128** seeded through splitmix32, as src-core/util/rng.ts draws it. No libc: memory comes
// from a bump allocator on the module's own memory.

#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef int32_t i32;
typedef uint32_t u32;

#define MAX_BINS 256
/** Nodes with at most this many rows are split by sorting their rows, not by histograms. */
#define SMALL 256
/** Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD). */
#define FEATURE_THRESHOLD 1e-7
#define EPSILON 2.220446049250313e-16
#define SLACK (1 - 1e-9)

// ---------------------------------------------------------------- memory

extern unsigned char __heap_base;
static uintptr_t heap_top;
static uintptr_t heap_end;

static void *alloc(uintptr_t bytes) {
  if (heap_top == 0) {
    heap_top = (uintptr_t)&__heap_base;
    heap_end = __builtin_wasm_memory_size(0) * 65536;
  }
  uintptr_t at = (heap_top + 15) & ~(uintptr_t)15;
  uintptr_t top = at + bytes;
  if (top > heap_end) {
    uintptr_t pages = (top - heap_end + 65535) / 65536;
    if (__builtin_wasm_memory_grow(0, pages) == (uintptr_t)-1) return 0;
    heap_end += pages * 65536;
  }
  heap_top = top;
  return (void *)at;
}

static void zero(void *p, uintptr_t bytes) {
  u8 *b = p;
  for (uintptr_t i = 0; i < bytes; i++) b[i] = 0;
}

// ---------------------------------------------------------------- random stream (src-core/util/rng.ts)

typedef struct {
  u32 s0, s1, s2, s3;
} Rng;

static void rng_seed(Rng *r, u32 seed) {
  u32 x = seed;
  u32 s[4];
  for (int k = 0; k < 4; k++) {
    x += 0x9e3779b9u;
    u32 z = x;
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    s[k] = z ^ (z >> 16);
  }
  r->s0 = s[0];
  r->s1 = s[1];
  r->s2 = s[2];
  r->s3 = s[3];
  if ((r->s0 | r->s1 | r->s2 | r->s3) == 0) r->s0 = 1;
}

static inline u32 rotl(u32 x, int k) { return (x << k) | (x >> (32 - k)); }

static inline u32 rng_next(Rng *r) {
  u32 result = rotl(r->s1 * 5, 7) * 9;
  u32 t = r->s1 << 9;
  r->s2 ^= r->s0;
  r->s3 ^= r->s1;
  r->s1 ^= r->s2;
  r->s0 ^= r->s3;
  r->s2 ^= t;
  r->s3 = rotl(r->s3, 11);
  return result;
}

/** Uniform integer in [0, n): floor(uniform · n), as Rng.int. */
static inline i32 rng_int(Rng *r, i32 n) { return (i32)__builtin_floor((double)rng_next(r) / 4294967296.0 * (double)n); }

static void rng_shuffle(Rng *r, i32 *a, i32 len) {
  for (i32 i = len - 1; i > 0; i--) {
    i32 j = rng_int(r, i + 1);
    i32 t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** hashSeed(seed, String(tag)) for a tag that is a whole number ≥ 0 (FNV-1a over its decimal digits, then fmix32). */
static u32 hash_seed(u32 seed, u32 tag) {
  char digits[12];
  int len = 0;
  do {
    digits[len++] = (char)('0' + tag % 10);
    tag /= 10;
  } while (tag > 0);
  u32 h = 0x811c9dc5u ^ seed;
  for (int i = len - 1; i >= 0; i--) {
    h ^= (u32)digits[i];
    h *= 0x01000193u;
  }
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

// ---------------------------------------------------------------- sorting doubles (merge sort; ascending)

static void sort_doubles(double *a, double *tmp, i32 n) {
  for (i32 width = 1; width < n; width *= 2) {
    for (i32 lo = 0; lo < n; lo += 2 * width) {
      i32 mid = lo + width < n ? lo + width : n;
      i32 hi = lo + 2 * width < n ? lo + 2 * width : n;
      i32 i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    for (i32 k = 0; k < n; k++) a[k] = tmp[k];
  }
}

// ---------------------------------------------------------------- the forest

/** The grown tree (node 0 is the root; a leaf has feature −1). */
static i32 *t_feature;
static double *t_threshold;
static i32 *t_left;
static i32 *t_right;
static double *t_value;
static i32 t_nodes;
static i32 t_cap;

/** The rows (x column-major: x[f * n + i]) and targets, written by the caller at the addresses forest_input returns. */
static double *in_x;
static double *in_y;
static i32 N;
static i32 F;
static i32 max_depth;
static i32 draws;
static u32 forest_seed;

/** Each feature's bins: every row's bin (bin[i * F + f]); each bin's smallest and largest value. */
static u8 *bin;
static i32 *bin_count;
static double *bin_lo; /* F × MAX_BINS */
static double *bin_hi;
static i32 *hist_offset;
static i32 hist_size;

/** Scratch every tree reuses. */
static double *w;
static i32 *idx;
static i32 *order;
/** Histograms no node holds now (a free list), for the next node that needs one. */
static double **spare;
static i32 spare_count;
static i32 spare_cap;
/** The stack of nodes still to grow. */
typedef struct {
  i32 node, start, end, depth;
  double *hist;
} Pending;
static Pending *pending;

/** Small subtrees: rows by local number, each feature's rows sorted by bin as (local << 8 | bin). */
static u16 *sub_packed;
static u16 *sub_scratch;
static i32 *sub_counts;
static double *sub_lw;
static double *sub_lwy;
static double *sub_lwyy;
static u8 *sub_marks;
static i32 *sub_stack;
static i32 sub_size;

static i32 memory_failed;

/** `bytes` of zeroed memory, or 0 (and memory_failed set) when the module's memory cannot grow. */
static void *need(uintptr_t bytes) {
  void *p = alloc(bytes);
  if (p) zero(p, bytes);
  else memory_failed = 1;
  return p;
}

/** Room for n rows of f features; returns the address of x (n·f doubles), y follows it (n doubles). 0 when memory ran out. */
__attribute__((export_name("forest_input"))) double *forest_input(i32 n, i32 features) {
  heap_top = 0;
  memory_failed = 0;
  N = n;
  F = features;
  in_x = need(sizeof(double) * (uintptr_t)n * features);
  in_y = need(sizeof(double) * (uintptr_t)n);
  return memory_failed ? 0 : in_x;
}

__attribute__((export_name("forest_targets"))) double *forest_targets(void) { return in_y; }

static void bin_features(void) {
  double *values = need(sizeof(double) * N);
  double *tmp = need(sizeof(double) * N);
  double *distinct = need(sizeof(double) * N);
  double *edges = need(sizeof(double) * (N > MAX_BINS ? N : MAX_BINS));
  if (memory_failed) return;
  for (i32 f = 0; f < F; f++) {
    const double *col = in_x + (uintptr_t)f * N;
    for (i32 i = 0; i < N; i++) values[i] = col[i];
    sort_doubles(values, tmp, N);
    i32 nd = 0;
    for (i32 i = 0; i < N; i++)
      if (nd == 0 || values[i] > distinct[nd - 1] + FEATURE_THRESHOLD) distinct[nd++] = values[i];
    // Upper edges: a value v goes to the first bin whose edge is ≥ v.
    i32 ne = 0;
    if (nd <= MAX_BINS) {
      for (i32 k = 0; k + 1 < nd; k++) edges[ne++] = (distinct[k] + distinct[k + 1]) / 2;
    } else {
      for (i32 k = 1; k < MAX_BINS; k++) {
        double q = ((double)(N - 1) * k) / MAX_BINS;
        double e = (values[(i32)__builtin_floor(q)] + values[(i32)__builtin_ceil(q)]) / 2;
        if (ne == 0 || e > edges[ne - 1]) edges[ne++] = e;
      }
    }
    bin_count[f] = ne + 1;
    double *lo = bin_lo + f * MAX_BINS;
    double *hi = bin_hi + f * MAX_BINS;
    for (i32 b = 0; b <= ne; b++) {
      lo[b] = __builtin_inf();
      hi[b] = -__builtin_inf();
    }
    for (i32 i = 0; i < N; i++) {
      double v = col[i];
      i32 a = 0, b = ne;
      while (a < b) {
        i32 mid = (a + b) >> 1;
        if (edges[mid] < v) a = mid + 1;
        else b = mid;
      }
      bin[(uintptr_t)i * F + f] = (u8)a;
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
}

/**
 * Bin the rows written at forest_input and make every buffer the trees need. Returns 0, or 1 when
 * memory ran out.
 */
__attribute__((export_name("forest_prepare"))) i32 forest_prepare(i32 depth_limit, i32 sample, u32 seed) {
  max_depth = depth_limit;
  draws = sample;
  forest_seed = seed;
  bin = need((uintptr_t)N * F);
  bin_count = need(sizeof(i32) * F);
  bin_lo = need(sizeof(double) * F * MAX_BINS);
  bin_hi = need(sizeof(double) * F * MAX_BINS);
  hist_offset = need(sizeof(i32) * F);
  if (memory_failed) return 1;
  bin_features();
  if (memory_failed) return 1;
  for (i32 f = 1; f < F; f++) hist_offset[f] = hist_offset[f - 1] + bin_count[f - 1];
  hist_size = 2 * (hist_offset[F - 1] + bin_count[F - 1]);
  t_cap = 2 * N + 1;
  t_feature = need(sizeof(i32) * t_cap);
  t_threshold = need(sizeof(double) * t_cap);
  t_left = need(sizeof(i32) * t_cap);
  t_right = need(sizeof(i32) * t_cap);
  t_value = need(sizeof(double) * t_cap);
  for (i32 k = 0; k < t_cap && !memory_failed; k++) t_feature[k] = t_left[k] = t_right[k] = -1;
  t_nodes = 0;
  w = need(sizeof(double) * N);
  idx = need(sizeof(i32) * N);
  order = need(sizeof(i32) * F);
  spare_cap = 2 * (max_depth + 2) + 8;
  spare = need(sizeof(double *) * spare_cap);
  spare_count = 0;
  pending = need(sizeof(Pending) * (N + 1));
  sub_size = N < SMALL ? N : SMALL;
  sub_packed = need(sizeof(u16) * F * sub_size);
  sub_scratch = need(sizeof(u16) * sub_size);
  sub_counts = need(sizeof(i32) * (MAX_BINS + 1));
  sub_lw = need(sizeof(double) * sub_size);
  sub_lwy = need(sizeof(double) * sub_size);
  sub_lwyy = need(sizeof(double) * sub_size);
  sub_marks = need(sub_size);
  sub_stack = need(sizeof(i32) * 4 * (sub_size + 1));
  return memory_failed;
}

static double *take_hist(void) {
  if (spare_count > 0) {
    double *h = spare[--spare_count];
    zero(h, sizeof(double) * hist_size);
    return h;
  }
  return need(sizeof(double) * hist_size);
}

static void give_hist(double *h) {
  if (spare_count < spare_cap) spare[spare_count++] = h;
}

static double *counted(i32 start, i32 end) {
  double *h = take_hist();
  if (!h) return 0;
  for (i32 p = start; p < end; p++) {
    i32 i = idx[p];
    double wi = w[i];
    double wyi = wi * in_y[i];
    const u8 *row = bin + (uintptr_t)i * F;
    for (i32 f = 0; f < F; f++) {
      i32 k = 2 * (hist_offset[f] + row[f]);
      h[k] += wi;
      h[k + 1] += wyi;
    }
  }
  return h;
}

/** Make node a split on feature f between bins leftBin and rightBin; its children are the next two nodes. */
static i32 split(i32 node, i32 f, i32 left_bin, i32 right_bin) {
  i32 left = t_nodes++;
  i32 right = t_nodes++;
  t_feature[node] = f;
  t_threshold[node] = bin_hi[f * MAX_BINS + left_bin] / 2 + bin_lo[f * MAX_BINS + right_bin] / 2;
  t_left[node] = left;
  t_right[node] = right;
  return left;
}

/**
 * A split's score, scikit-learn's proxy sl²/wl + sr²/wr (sums of weighted targets and weights left
 * and right), or −∞ where it cannot beat best: the two divisions dominate a node's scan, and a
 * candidate can only win if sl²·wr + sr²·wl ≥ best·wl·wr, which SLACK (far above the few ulps either
 * side may be off) makes sure skips no winner.
 */
static inline double candidate(double sl, double wl, double sr, double wr, double best) {
  if (sl * sl * wr + sr * sr * wl < best * (wl * wr) * SLACK) return -__builtin_inf();
  return (sl * sl) / wl + (sr * sr) / wr;
}

static inline int is_leaf(double sw, double syy, double mean, i32 depth, i32 rows) {
  double mm = mean * mean;
  return depth >= max_depth || rows < 2 || syy / sw - mm <= EPSILON * (mm > 1 ? mm : 1);
}

/** Grow a subtree of at most SMALL rows (rows[0..m)) from node root at rootDepth, the exact way. */
static void grow_small(Rng *rng, const i32 *rows, i32 m, i32 root, i32 root_depth) {
  const i32 size = sub_size;
  u16 *packed = sub_packed;
  for (i32 q = 0; q < m; q++) {
    i32 i = rows[q];
    sub_lw[q] = w[i];
    sub_lwy[q] = w[i] * in_y[i];
    sub_lwyy[q] = w[i] * in_y[i] * in_y[i];
  }
  for (i32 f = 0; f < F; f++) {
    for (i32 b = 0; b <= MAX_BINS; b++) sub_counts[b] = 0;
    for (i32 q = 0; q < m; q++) sub_counts[bin[(uintptr_t)rows[q] * F + f] + 1]++;
    for (i32 b = 1; b <= MAX_BINS; b++) sub_counts[b] += sub_counts[b - 1];
    u16 *col = packed + f * size;
    for (i32 q = 0; q < m; q++) {
      i32 b = bin[(uintptr_t)rows[q] * F + f];
      col[sub_counts[b]++] = (u16)((q << 8) | b);
    }
  }
  i32 *stack = sub_stack;
  i32 top = 0;
  stack[top++] = root;
  stack[top++] = 0;
  stack[top++] = m;
  stack[top++] = root_depth;
  while (top > 0) {
    i32 depth = stack[--top];
    i32 end = stack[--top];
    i32 start = stack[--top];
    i32 node = stack[--top];
    double sw = 0, sy = 0, syy = 0;
    for (i32 p = start; p < end; p++) {
      i32 q = packed[p] >> 8;
      sw += sub_lw[q];
      sy += sub_lwy[q];
      syy += sub_lwyy[q];
    }
    double mean = sy / sw;
    t_value[node] = mean;
    if (is_leaf(sw, syy, mean, depth, end - start)) continue;
    rng_shuffle(rng, order, F);
    double best_proxy = -__builtin_inf();
    i32 best_feature = -1;
    i32 best_pos = -1;
    for (i32 o = 0; o < F; o++) {
      i32 f = order[o];
      const u16 *col = packed + f * size;
      // A feature with one bin across the node's rows offers no split, here or in any subtree below.
      if ((col[start] & 255) == (col[end - 1] & 255)) continue;
      double wl = 0, sl = 0;
      for (i32 p = start, last = end - 1; p < last; p++) {
        u16 v = col[p];
        i32 q = v >> 8;
        wl += sub_lw[q];
        sl += sub_lwy[q];
        if ((col[p + 1] & 255) == (v & 255)) continue;
        double proxy = candidate(sl, wl, sy - sl, sw - wl, best_proxy);
        if (proxy > best_proxy) {
          best_proxy = proxy;
          best_feature = f;
          best_pos = p;
        }
      }
    }
    if (best_feature < 0 || best_proxy <= (sy * sy) / sw) continue;
    const u16 *bcol = packed + best_feature * size;
    i32 left = split(node, best_feature, bcol[best_pos] & 255, bcol[best_pos + 1] & 255);
    i32 right = left + 1;
    for (i32 p = start; p < end; p++) sub_marks[bcol[p] >> 8] = p <= best_pos ? 1 : 0;
    for (i32 f = 0; f < F; f++) {
      u16 *col = packed + f * size;
      // The split feature is already in place; a feature constant over the node is never scanned again
      // (feature 0's rows are kept in order all the same: they list each node's rows).
      if (f == best_feature || (f > 0 && (col[start] & 255) == (col[end - 1] & 255))) continue;
      i32 l = start;
      i32 r = 0;
      for (i32 p = start; p < end; p++) {
        u16 v = col[p];
        i32 goes_left = sub_marks[v >> 8];
        col[l] = v;
        sub_scratch[r] = v;
        l += goes_left;
        r += 1 - goes_left;
      }
      for (i32 q = 0; q < r; q++) col[l + q] = sub_scratch[q];
    }
    i32 mid = best_pos + 1;
    stack[top++] = right;
    stack[top++] = mid;
    stack[top++] = end;
    stack[top++] = depth + 1;
    stack[top++] = left;
    stack[top++] = start;
    stack[top++] = mid;
    stack[top++] = depth + 1;
  }
}

/** Grow tree number t of the forest into the tree buffer; returns its node count, or −1 when memory ran out. */
__attribute__((export_name("forest_grow"))) i32 forest_grow(u32 t) {
  Rng rng;
  rng_seed(&rng, hash_seed(forest_seed, t));
  for (i32 i = 0; i < N; i++) w[i] = 0;
  for (i32 k = 0; k < draws; k++) w[rng_int(&rng, N)] += 1;
  i32 m = 0;
  for (i32 i = 0; i < N; i++)
    if (w[i] > 0) idx[m++] = i;
  // The previous tree's nodes back to leaves.
  for (i32 k = 0; k < t_nodes; k++) t_feature[k] = t_left[k] = t_right[k] = -1;
  t_nodes = 1;
  for (i32 f = 0; f < F; f++) order[f] = f;
  i32 top = 0;
  pending[top++] = (Pending){0, 0, m, 0, 0};
  while (top > 0) {
    Pending it = pending[--top];
    i32 node = it.node, start = it.start, end = it.end, depth = it.depth;
    if (end - start <= SMALL) {
      // (A histogram it was given was counted to give its sibling's by subtraction.)
      if (it.hist) give_hist(it.hist);
      grow_small(&rng, idx + start, end - start, node, depth);
      continue;
    }
    double *h = it.hist ? it.hist : counted(start, end);
    if (!h) return -1;
    double sw = 0, sy = 0, syy = 0;
    for (i32 p = start; p < end; p++) {
      i32 i = idx[p];
      double wi = w[i];
      double yi = in_y[i];
      sw += wi;
      sy += wi * yi;
      syy += wi * yi * yi;
    }
    double mean = sy / sw;
    t_value[node] = mean;
    if (is_leaf(sw, syy, mean, depth, end - start)) {
      give_hist(h);
      continue;
    }
    rng_shuffle(&rng, order, F);
    double best_proxy = -__builtin_inf();
    i32 best_feature = -1;
    i32 best_bin = -1;
    for (i32 o = 0; o < F; o++) {
      i32 f = order[o];
      const double *hf = h + 2 * hist_offset[f];
      double wl = 0, sl = 0;
      for (i32 b = 0, last = bin_count[f] - 1; b < last; b++) {
        double wb = hf[2 * b];
        if (wb == 0) continue;
        wl += wb;
        sl += hf[2 * b + 1];
        double wr = sw - wl;
        if (wr <= 0) break;
        double proxy = candidate(sl, wl, sy - sl, wr, best_proxy);
        if (proxy > best_proxy) {
          best_proxy = proxy;
          best_feature = f;
          best_bin = b;
        }
      }
    }
    if (best_feature < 0 || best_proxy <= (sy * sy) / sw) {
      give_hist(h);
      continue;
    }
    // Bins up to best_bin go left; the threshold lies halfway between the left's largest value and the right's smallest.
    i32 right_bin = MAX_BINS;
    i32 l = start;
    i32 r = end - 1;
    while (l <= r) {
      i32 bl = bin[(uintptr_t)idx[l] * F + best_feature];
      if (bl <= best_bin) {
        l++;
        continue;
      }
      if (bl < right_bin) right_bin = bl;
      i32 tmp = idx[l];
      idx[l] = idx[r];
      idx[r--] = tmp;
    }
    i32 left = split(node, best_feature, best_bin, right_bin);
    i32 right = left + 1;
    // A child too big for a subtree needs its histogram: the smaller child's is counted, the bigger one's is the parent's minus it.
    double *left_hist = 0;
    double *right_hist = 0;
    if ((l - start > end - l ? l - start : end - l) > SMALL) {
      int left_smaller = l - start <= end - l;
      double *small = left_smaller ? counted(start, l) : counted(l, end);
      if (!small) return -1;
      for (i32 k = 0; k < hist_size; k++) h[k] -= small[k];
      left_hist = left_smaller ? small : h;
      right_hist = left_smaller ? h : small;
    } else give_hist(h);
    pending[top++] = (Pending){right, l, end, depth + 1, right_hist};
    pending[top++] = (Pending){left, start, l, depth + 1, left_hist};
  }
  return t_nodes;
}

/** Room for a tree of `nodes` nodes written by the caller (fANOVA of a tree grown elsewhere); returns 0, or 1 when memory ran out. */
__attribute__((export_name("tree_room"))) i32 tree_room(i32 nodes) {
  heap_top = 0;
  memory_failed = 0;
  N = 0;
  t_cap = nodes;
  t_feature = need(sizeof(i32) * nodes);
  t_threshold = need(sizeof(double) * nodes);
  t_left = need(sizeof(i32) * nodes);
  t_right = need(sizeof(i32) * nodes);
  t_value = need(sizeof(double) * nodes);
  t_nodes = nodes;
  return memory_failed;
}

__attribute__((export_name("tree_feature"))) i32 *tree_feature(void) { return t_feature; }
__attribute__((export_name("tree_threshold"))) double *tree_threshold(void) { return t_threshold; }
__attribute__((export_name("tree_left"))) i32 *tree_left(void) { return t_left; }
__attribute__((export_name("tree_right"))) i32 *tree_right(void) { return t_right; }
__attribute__((export_name("tree_value"))) double *tree_value(void) { return t_value; }

// ---------------------------------------------------------------- fANOVA on the current tree

/** The space's bounds (2 per column) and the knob groups (group g's columns are g_cols[g_start[g] .. g_start[g + 1])). */
static double *sp_bounds;
static i32 sp_columns;
static i32 *g_start;
static i32 *g_cols;
static i32 G;
/** The reading: total variance, then each group's marginal variance. */
static double *reading;

/**
 * Room for the space: `columns` bounds (low, high) and `groups` groups holding `members` columns in
 * all. Returns the address of the bounds; the groups' starts (groups + 1 int32) and columns follow
 * at fanova_groups() and fanova_columns(). 0 when memory ran out.
 */
__attribute__((export_name("fanova_space"))) double *fanova_space(i32 columns, i32 groups, i32 members) {
  sp_columns = columns;
  G = groups;
  sp_bounds = need(sizeof(double) * 2 * columns);
  g_start = need(sizeof(i32) * (groups + 1));
  g_cols = need(sizeof(i32) * (members > 0 ? members : 1));
  reading = need(sizeof(double) * (groups + 1));
  return memory_failed ? 0 : sp_bounds;
}

__attribute__((export_name("fanova_groups"))) i32 *fanova_groups(void) { return g_start; }
__attribute__((export_name("fanova_columns"))) i32 *fanova_columns(void) { return g_cols; }
__attribute__((export_name("fanova_reading"))) double *fanova_reading(void) { return reading; }

/** The walk's state: the current box (per column its ends among the cuts and its fraction of the range). */
static double **cuts;
static i32 *cut_len;
static i32 *at;
static double *width;
static i32 *box_lo;
static i32 *box_hi;
static double *frac;
static double **acc;
static i32 *group_cells;
static i32 *ranges;
static i32 *coords;
static double *leaf_value;
static double *leaf_volume;
static i32 leaves;

static inline double frac_of(i32 f) { return (cuts[f][box_hi[f]] - cuts[f][box_lo[f]]) / width[f]; }

/** Add `amount` to every cell of the box [ranges[2g], ranges[2g + 1]) of group gi's row-major grid. */
static void add_box(i32 gi, double amount) {
  i32 s = g_start[gi], len = g_start[gi + 1] - s;
  double *a = acc[gi];
  for (i32 g = 0; g < len; g++) {
    if (ranges[2 * g] >= ranges[2 * g + 1]) return;
    coords[g] = ranges[2 * g];
  }
  for (;;) {
    i32 cell = 0;
    for (i32 g = 0; g < len; g++) cell = cell * (cut_len[g_cols[s + g]] - 1) + coords[g];
    a[cell] += amount;
    // Next cell, the last dimension fastest.
    i32 g = len - 1;
    while (g >= 0 && ++coords[g] == ranges[2 * g + 1]) {
      coords[g] = ranges[2 * g];
      g--;
    }
    if (g < 0) return;
  }
}

/** A leaf of the current box: its volume and value, and its value spread over each group's cells. */
static void leaf(i32 k) {
  double v = 1;
  for (i32 f = 0; f < sp_columns; f++) v *= frac[f];
  double y = t_value[k];
  leaf_volume[leaves] = v;
  leaf_value[leaves++] = y;
  for (i32 gi = 0; gi < G; gi++) {
    i32 s = g_start[gi], len = g_start[gi + 1] - s;
    if (len == 1) {
      i32 f = g_cols[s];
      double amount = y * (v / frac[f]);
      acc[gi][box_lo[f]] += amount;
      acc[gi][box_hi[f]] -= amount;
      continue;
    }
    double share = v;
    for (i32 g = 0; g < len; g++) {
      i32 f = g_cols[s + g];
      share /= frac[f];
      ranges[2 * g] = box_lo[f];
      ranges[2 * g + 1] = box_hi[f];
    }
    add_box(gi, y * share);
  }
}

/** Down node k: a split narrows the box on its feature for each child in turn; a leaf is added. */
static void walk(i32 k) {
  i32 f = t_feature[k];
  if (f < 0) {
    leaf(k);
    return;
  }
  i32 t = at[k];
  i32 saved_hi = box_hi[f];
  double saved_frac = frac[f];
  box_hi[f] = saved_hi < t ? saved_hi : t;
  frac[f] = frac_of(f);
  walk(t_left[k]);
  box_hi[f] = saved_hi;
  i32 saved_lo = box_lo[f];
  box_lo[f] = saved_lo > t ? saved_lo : t;
  frac[f] = frac_of(f);
  walk(t_right[k]);
  box_lo[f] = saved_lo;
  frac[f] = saved_frac;
}

static i32 read_tree(void);

/**
 * Read the current tree (grown by forest_grow, or written after tree_room): its variance over the
 * space and each group's first-order marginal variance, into fanova_reading(). Returns 0, or 1
 * when memory ran out. What it allocates is let go before it returns (the forest's histograms,
 * allocated as trees grow, lie below).
 */
__attribute__((export_name("fanova_read"))) i32 fanova_read(void) {
  uintptr_t mark = heap_top;
  i32 failed = read_tree();
  heap_top = mark;
  return failed;
}

static i32 read_tree(void) {
  const i32 C = sp_columns;
  const i32 nodes = t_nodes;
  // Each column's thresholds inside its range, between room for low and high, sorted and made distinct.
  i32 *count = need(sizeof(i32) * C);
  cuts = need(sizeof(double *) * C);
  cut_len = need(sizeof(i32) * C);
  at = need(sizeof(i32) * (nodes > 0 ? nodes : 1));
  if (memory_failed) return 1;
  i32 leaf_count = 0;
  for (i32 k = 0; k < nodes; k++) {
    if (t_feature[k] >= 0) count[t_feature[k]]++;
    else leaf_count++;
  }
  i32 longest = 0;
  for (i32 f = 0; f < C; f++) {
    cuts[f] = need(sizeof(double) * (count[f] + 2));
    cut_len[f] = 1;
    if (count[f] > longest) longest = count[f];
  }
  double *tmp = need(sizeof(double) * (longest > 0 ? longest : 1));
  if (memory_failed) return 1;
  for (i32 k = 0; k < nodes; k++) {
    i32 f = t_feature[k];
    if (f < 0) continue;
    double t = t_threshold[k];
    if (t > sp_bounds[2 * f] && t < sp_bounds[2 * f + 1]) cuts[f][cut_len[f]++] = t;
  }
  for (i32 f = 0; f < C; f++) {
    double *c = cuts[f];
    sort_doubles(c + 1, tmp, cut_len[f] - 1);
    c[0] = sp_bounds[2 * f];
    i32 wr = 1;
    for (i32 i = 1; i < cut_len[f]; i++)
      if (c[i] > c[wr - 1]) c[wr++] = c[i];
    c[wr++] = sp_bounds[2 * f + 1];
    cut_len[f] = wr;
  }
  for (i32 k = 0; k < nodes; k++) {
    i32 f = t_feature[k];
    if (f < 0) continue;
    const double *c = cuts[f];
    double lo_b = sp_bounds[2 * f], hi_b = sp_bounds[2 * f + 1];
    double t = t_threshold[k];
    t = t > lo_b ? t : lo_b;
    t = hi_b < t ? hi_b : t;
    i32 lo = 0, hi = cut_len[f] - 1;
    while (lo < hi) {
      i32 mid = (lo + hi) >> 1;
      if (c[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    at[k] = lo;
  }
  width = need(sizeof(double) * C);
  box_lo = need(sizeof(i32) * C);
  box_hi = need(sizeof(i32) * C);
  frac = need(sizeof(double) * C);
  acc = need(sizeof(double *) * (G > 0 ? G : 1));
  group_cells = need(sizeof(i32) * (G > 0 ? G : 1));
  i32 widest = 1;
  for (i32 gi = 0; gi < G; gi++) {
    i32 cells = 1;
    for (i32 p = g_start[gi]; p < g_start[gi + 1]; p++) cells *= cut_len[g_cols[p]] - 1;
    group_cells[gi] = cells;
    if (g_start[gi + 1] - g_start[gi] > widest) widest = g_start[gi + 1] - g_start[gi];
  }
  for (i32 gi = 0; gi < G && !memory_failed; gi++) acc[gi] = need(sizeof(double) * (group_cells[gi] + 1));
  ranges = need(sizeof(i32) * 2 * widest);
  coords = need(sizeof(i32) * widest);
  leaf_value = need(sizeof(double) * (leaf_count > 0 ? leaf_count : 1));
  leaf_volume = need(sizeof(double) * (leaf_count > 0 ? leaf_count : 1));
  if (memory_failed) return 1;
  for (i32 f = 0; f < C; f++) {
    width[f] = cuts[f][cut_len[f] - 1] - cuts[f][0];
    box_lo[f] = 0;
    box_hi[f] = cut_len[f] - 1;
    frac[f] = 1;
  }
  leaves = 0;
  if (nodes > 0) walk(0);
  double mean = 0;
  for (i32 i = 0; i < leaf_count; i++) mean += leaf_volume[i] * leaf_value[i];
  double total = 0;
  for (i32 i = 0; i < leaf_count; i++) {
    double d = leaf_value[i] - mean;
    total += leaf_volume[i] * (d * d);
  }
  reading[0] = total;
  for (i32 gi = 0; gi < G; gi++) {
    double *a = acc[gi];
    i32 cells = group_cells[gi];
    i32 s = g_start[gi], len = g_start[gi + 1] - s;
    double m = 0, v = 0;
    if (len == 1) {
      i32 f = g_cols[s];
      for (i32 c = 1; c < cells; c++) a[c] += a[c - 1];
      // Each cell's size as a fraction of the column's range; the marginal's mean is the tree's mean.
      const double *c0 = cuts[f];
      for (i32 c = 0; c < cells; c++) {
        double cf = (c0[c + 1] - c0[c]) / width[f];
        m += cf * a[c];
        v += cf * a[c] * a[c];
      }
    } else {
      for (i32 g = 0; g < len; g++) coords[g] = 0;
      for (i32 cell = 0; cell < cells; cell++) {
        // The cell's coordinates, the last dimension fastest.
        i32 rest = cell;
        for (i32 g = len - 1; g >= 0; g--) {
          i32 size = cut_len[g_cols[s + g]] - 1;
          coords[g] = rest % size;
          rest /= size;
        }
        double cf = 1;
        for (i32 g = 0; g < len; g++) {
          const double *c = cuts[g_cols[s + g]];
          cf *= (c[coords[g] + 1] - c[coords[g]]) / width[g_cols[s + g]];
        }
        m += cf * a[cell];
        v += cf * a[cell] * a[cell];
      }
    }
    double var = v - m * m;
    reading[1 + gi] = var > 0 ? var : 0;
  }
  return 0;
}
