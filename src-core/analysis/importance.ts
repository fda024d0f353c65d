import type { ParamSpec } from '../spec/spec';
import { sameValue, toScale } from '../search/space';
import { treeVariances } from './fanova';
import { growTreeOf, prepareForest } from './forest';

/**
 * Parameter importance by fANOVA on a random forest, as Optuna's default FanovaImportanceEvaluator
 * computes it (64 trees of depth up to 64, first-order marginal variance over each tree's variance,
 * averaged over the trees, normalised to sum 1), with three choices of Knobs':
 *
 * - Knobs are measured on their own scale: a log knob by log10 of its value (Optuna's evaluator
 *   uses the raw value, so there the top decade of a log knob fills 90% of its range).
 * - The objective enters by its rank among the trials (ties averaged), scaled to [0, 1]: a few
 *   trials whose loss is 1,000 times the rest's (nearly diverged) would otherwise make most of the
 *   variance, and the answer would only say which knob makes a run blow up. `transform: "none"`
 *   uses the raw objective.
 * - Trials without an objective (failed, diverged) are left out, as Optuna leaves out failed
 *   trials; the answer counts them.
 *
 * Categorical knobs are one-hot columns, each on [0, 1], and their marginal is taken over the
 * product of their columns' cells, as Optuna does.
 *
 * @example
 *   const r = importance({ space: spec.space, trials, seed: 0 });
 *   r.knobs[0];  // { name: 'lr', importance: 0.71, std: 0.08 }
 */

/** How importance treats the objective. */
export type ImportanceTransform = 'rank' | 'none';

/** Settings of the forest and the objective's treatment. */
export interface ImportanceOptions {
  trees?: number;
  maxDepth?: number;
  seed: number;
  transform?: ImportanceTransform;
  /** Rows in each tree's bootstrap sample (default: every trial, as Optuna). */
  maxSamples?: number;
}

/** One knob's importance: its share of the explained variance (all knobs sum to 1) and the spread over the trees (same scale). */
export interface KnobImportance {
  name: string;
  importance: number;
  std: number;
}

/** Importance of the knobs of a space that vary, most important first; those that cannot (fixed, one value) are named apart. */
export interface ImportanceResult {
  knobs: KnobImportance[];
  /** Knobs that cannot vary (fixed, or one value): not searched, so no share. */
  fixed: string[];
  /** Trials the forest was fitted on. */
  trials: number;
  transform: ImportanceTransform;
  /** Why there are no importances (too few trials, an objective that never varies), else null. */
  reason: string | null;
}

/** Trials with fewer than this many results get no importance. */
export const MIN_TRIALS = 4;

/** fANOVA importance of the knobs of a space over trials with a finite objective (others are skipped). */
export function importance(space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], opts: ImportanceOptions): ImportanceResult {
  const steps = importanceSteps(space, trials, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The same, giving the event loop a turn after every tree (a tree of 10,000 trials takes about 10 ms), so a host stays responsive. */
export async function importanceAsync(space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], opts: ImportanceOptions): Promise<ImportanceResult> {
  const steps = importanceSteps(space, trials, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The computation, one tree per step. */
function* importanceSteps(space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], opts: ImportanceOptions): Generator<void, ImportanceResult> {
  const transform = opts.transform ?? 'rank';
  const used = trials.filter((t) => Number.isFinite(t.objective));
  const varying = Object.entries(space).filter(([, p]) => (p.type === 'float' || p.type === 'int' ? p.low < p.high : p.type === 'categorical' && p.values.length > 1));
  const fixed = Object.keys(space).filter((k) => !varying.some(([v]) => v === k));
  const empty = (reason: string): ImportanceResult => ({ knobs: varying.map(([name]) => ({ name, importance: 0, std: 0 })), fixed, trials: used.length, transform, reason });
  if (used.length < MIN_TRIALS) return empty(`importance needs at least ${MIN_TRIALS} trials with a result (${used.length} so far)`);
  if (varying.length === 0) return empty('no knob of this search can vary');

  // Columns: one per numeric knob (on its scale), one per category of a categorical knob (one-hot).
  const bounds: [number, number][] = [];
  const groups: number[][] = [];
  const columns: ((k: Record<string, unknown>) => number)[] = [];
  for (const [name, p] of varying) {
    if (p.type === 'categorical') {
      const group: number[] = [];
      p.values.forEach((value) => {
        group.push(columns.length);
        bounds.push([0, 1]);
        columns.push((k) => (sameValue(k[name], value) ? 1 : 0));
      });
      groups.push(group);
    } else if (p.type === 'float' || p.type === 'int') {
      groups.push([columns.length]);
      const lo = toScale(p, p.low);
      const hi = toScale(p, p.high);
      bounds.push([lo, hi]);
      columns.push((k) => Math.min(hi, Math.max(lo, toScale(p, k[name] as number))));
    }
  }
  const n = used.length;
  const F = columns.length;
  const x = new Float64Array(F * n);
  used.forEach((t, i) => columns.forEach((col, f) => (x[f * n + i] = col(t.knobs))));
  const y = transform === 'rank' ? ranks(used.map((t) => t.objective)) : Float64Array.from(used, (t) => t.objective);

  const trees = opts.trees ?? 64;
  const forest = prepareForest(x, y, F, { trees, maxDepth: opts.maxDepth ?? 64, seed: opts.seed, maxSamples: opts.maxSamples });
  const fractions: number[][] = groups.map(() => []);
  for (let t = 0; t < trees; t++) {
    const { total, marginal } = treeVariances(growTreeOf(forest, t), bounds, groups);
    if (total > 0) marginal.forEach((v, g) => fractions[g].push(v / total));
    yield;
  }
  if (fractions[0].length === 0) return empty('the objective is the same for every trial');
  const means = fractions.map((f) => f.reduce((a, b) => a + b, 0) / f.length);
  const sum = means.reduce((a, b) => a + b, 0);
  const knobs = varying.map(([name], g) => {
    const f = fractions[g];
    const std = Math.sqrt(f.reduce((a, b) => a + (b - means[g]) ** 2, 0) / f.length);
    return { name, importance: sum > 0 ? means[g] / sum : 0, std: sum > 0 ? std / sum : 0 };
  });
  knobs.sort((a, b) => b.importance - a.importance);
  return { knobs, fixed, trials: n, transform, reason: sum > 0 ? null : 'no knob explains any of the objective\'s variance' };
}

/** Ranks of values (ties get their average rank), scaled to [0, 1]. */
export function ranks(values: number[]): Float64Array {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && values[order[e + 1]] === values[order[s]]) e++;
    const r = (s + e) / 2;
    for (let k = s; k <= e; k++) out[order[k]] = n > 1 ? r / (n - 1) : 0;
    s = e + 1;
  }
  return out;
}
