import type { ParamSpec } from '../spec/spec';
import { sameValue, toScale } from '../search/space';

/**
 * Where the trials failed, beside what the importance forest predicts. The forest (importance's
 * marginals, the pair surface) is fitted on the trials that ran to their end with a result, as
 * Optuna's evaluator is: a region where every trial diverged holds none of them, and the forest's
 * answer there is its neighbours' carried over. On a search whose learning rate reaches 1, the lr
 * marginal ran flat to 1 and the pair surface shaded lr ≥ 10⁻² as good, under a field of red crosses.
 *
 * So each point a marginal or surface is read at gets the share of the trials near it that failed
 * or diverged: the trials are counted into the same cells (a knob's own scale, a log knob by
 * decades), spread over their neighbours by a Gaussian kernel (wider when the trials are few, so a
 * cell sees a trial or two), and the share is failures / (results + failures + ½): where no trial
 * lies near, 0 (the forest's guess is all there is, as anywhere it has not seen); a lone failure
 * with nothing else near, ⅔; a field of failures, nearly 1. Pruned and cancelled trials count on
 * neither side: they say nothing about a run's end.
 *
 * A search whose trials fail everywhere alike (half of them diverge, whatever l2 is) leaves the
 * forest's answer along l2 as well founded as anywhere: what matters is how much more failed near a
 * point than across the search (`failedFade`, in marginal.ts, which the renderer shares). The charts
 * fade the forest by that; `bestOfMarginal` does not name a point where it is ½ or more.
 *
 * @example
 *   // lr from 1e-5 to 1 (log), 20 trials ran at 1e-3 and 20 diverged at 0.5:
 *   failedAlong(lrSpec, 'lr', 24, { results: twentyAt(1e-3), failures: twentyAt(0.5) })
 *   // → 0 up to cell 17, then 0.13, 0.64, 0.91, 0.97, 0.98 (the cell of 0.5), 0.97
 */

/** Trials' worth of a result added to every point: where none lies near, the share is 0, and one failure alone makes it ⅔. */
export const FAILED_PRIOR = 0.5;

/** The knobs of the trials on each side: those with a result, and those that failed or diverged. */
export interface TrialSides {
  results: readonly Record<string, unknown>[];
  failures: readonly Record<string, unknown>[];
}

const share = (results: number, failures: number): number => failures / (results + failures + FAILED_PRIOR);

/** The share of all the trials (with a result or failed) that failed or diverged: what a point's share is compared with; 0 without trials. */
export function failedOverall(sides: TrialSides): number {
  const n = sides.results.length + sides.failures.length;
  return n > 0 ? sides.failures.length / n : 0;
}

/** A numeric knob's value as a cell of `cells` equal ones over its range on its own scale (clamped), or −1 when it has none. */
function cellOf(p: ParamSpec & { type: 'float' | 'int' }, cells: number, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (p.log && !(v > 0))) return -1;
  const lo = toScale(p, p.low);
  const hi = toScale(p, p.high);
  if (!(hi > lo)) return 0;
  return Math.min(cells - 1, Math.max(0, Math.floor(((toScale(p, v) - lo) / (hi - lo)) * cells)));
}

/** A Gaussian kernel of standard deviation `sigma` cells, cut at 3σ, as weights from −r to r. */
function kernel(sigma: number): Float64Array {
  const r = Math.ceil(3 * sigma);
  return Float64Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-0.5 * ((i - r) / sigma) ** 2));
}

/** `counts` (rows × cols, row-major) spread along its rows and then its columns by kernel k. */
function blur(counts: Float64Array, rows: number, cols: number, k: Float64Array): Float64Array {
  const r = (k.length - 1) / 2;
  const across = new Float64Array(counts.length);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const c = counts[j * cols + i];
      if (c === 0) continue;
      for (let d = -r; d <= r; d++) if (i + d >= 0 && i + d < cols) across[j * cols + i + d] += c * k[d + r];
    }
  }
  if (rows === 1) return across;
  const out = new Float64Array(counts.length);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const c = across[j * cols + i];
      if (c === 0) continue;
      for (let d = -r; d <= r; d++) if (j + d >= 0 && j + d < rows) out[(j + d) * cols + i] += c * k[d + r];
    }
  }
  return out;
}

/**
 * The share of the trials near each point of a knob's marginal that failed or diverged: a numeric
 * knob at the centres of `cells` equal cells of its range (as `KnobMarginal.at`), a categorical one
 * at each of its values, counted exactly.
 */
export function failedAlong(p: ParamSpec, name: string, cells: number, sides: TrialSides): number[] {
  if (p.type === 'categorical') {
    const count = (list: readonly Record<string, unknown>[], v: unknown): number => list.filter((k) => sameValue(k[name], v)).length;
    return p.values.map((v) => share(count(sides.results, v), count(sides.failures, v)));
  }
  if (p.type !== 'float' && p.type !== 'int') return [];
  const n = sides.results.length + sides.failures.length;
  // About 2 cells between neighbouring trials when they are few: each point sees a trial or two.
  const k = kernel(Math.max(1, (2 * cells) / Math.max(1, n)));
  const counted = (list: readonly Record<string, unknown>[]): Float64Array => {
    const c = new Float64Array(cells);
    for (const knobs of list) {
      const i = cellOf(p, cells, knobs[name]);
      if (i >= 0) c[i]++;
    }
    return blur(c, 1, cells, k);
  };
  const [r, f] = [counted(sides.results), counted(sides.failures)];
  return Array.from(r, (v, i) => share(v, f[i]));
}

/**
 * The share of the trials near each cell of a steps × steps grid over two numeric knobs (a pair
 * surface's, row by row from the bottom) that failed or diverged, the trials projected onto the two
 * knobs (the surface averages the others, and so does this).
 */
export function failedOver(x: ParamSpec, xName: string, y: ParamSpec, yName: string, steps: number, sides: TrialSides): number[] {
  if ((x.type !== 'float' && x.type !== 'int') || (y.type !== 'float' && y.type !== 'int')) return [];
  const n = sides.results.length + sides.failures.length;
  // 0.5 · steps / √n cells: the trials' typical spacing, so a cell sees about one and a half trials' worth; at least 1.5 cells.
  const k = kernel(Math.max(1.5, (0.5 * steps) / Math.sqrt(Math.max(1, n))));
  const counted = (list: readonly Record<string, unknown>[]): Float64Array => {
    const c = new Float64Array(steps * steps);
    for (const knobs of list) {
      const [i, j] = [cellOf(x, steps, knobs[xName]), cellOf(y, steps, knobs[yName])];
      if (i >= 0 && j >= 0) c[j * steps + i]++;
    }
    return blur(c, steps, steps, k);
  };
  const [r, f] = [counted(sides.results), counted(sides.failures)];
  return Array.from(r, (v, i) => share(v, f[i]));
}
