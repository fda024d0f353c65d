import type { KnobMarginal } from '../api/contract';
import type { ParamSpec } from '../spec/spec';
import { sameValue, toScale } from '../search/space';
import { failedAlong, failedOverall } from './failed-near';
import { forestReadings, MARGINAL_STEPS, type ForestProblem, type TreeReading } from './forest';

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
  /** The knobs of the trials that failed or diverged: not fitted, but each marginal says where they lie (`failedAlong`). */
  failures?: readonly Record<string, unknown>[];
}

/** One knob's importance: its share of the explained variance (all knobs sum to 1) and the spread over the trees (same scale), and its marginal. */
export interface KnobImportance {
  name: string;
  importance: number;
  std: number;
  /** fANOVA's marginal of the knob (the contract's KnobMarginal says what it holds); empty while there is no answer. */
  marginal: KnobMarginal;
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

/**
 * What growing and reading the forest needs, computed once from the space and the trials: the
 * trials as columns (x, column-major) and targets (y), each column's bounds, and the columns of each
 * knob. It is plain data (typed arrays and numbers), so it can be posted to worker threads that grow
 * some of the trees each (see `parallel.ts`).
 */
export interface ImportanceProblem extends ForestProblem {
  /** The varying knobs, one per group of columns (`groups`), in that order. */
  names: string[];
  fixed: string[];
  transform: ImportanceTransform;
  /** Where each knob's marginal is read (KnobMarginal.at), in `names`' order. */
  at: unknown[][];
  /** At each of those points, the share of the trials near it that failed or diverged (KnobMarginal.failed), and across the search. */
  failed: number[][];
  failedOverall: number;
  /** The trials' objectives, sorted: a rank's value in the objective's units. */
  sorted: Float64Array;
}

/** The problem to solve, or the answer at once when there is none (too few trials, nothing varies). */
export function importanceProblem(space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], opts: ImportanceOptions): { problem: ImportanceProblem } | { answer: ImportanceResult } {
  const transform = opts.transform ?? 'rank';
  const used = trials.filter((t) => Number.isFinite(t.objective));
  const varying = varyingKnobs(space);
  const { names, fixed } = knobNames(space);
  if (used.length < MIN_TRIALS) return { answer: emptyResult(names, fixed, used.length, transform, `importance needs at least ${MIN_TRIALS} trials with a result (${used.length} so far)`) };
  if (varying.length === 0) return { answer: emptyResult(names, fixed, used.length, transform, 'no knob of this search can vary') };
  // Trials of a few configurations run with several seeds move every knob together: no forest can tell which one matters.
  const configs = new Set(used.map((t) => JSON.stringify(names.map((n) => t.knobs[n] ?? null)))).size;
  if (configs < MIN_TRIALS) {
    return { answer: emptyResult(names, fixed, used.length, transform, `importance needs at least ${MIN_TRIALS} different configurations with a result (these ${used.length} trials ran ${configs}, some with several seeds)`) };
  }

  // Columns: one per numeric knob (on its scale), one per category of a categorical knob (one-hot).
  const bounds: [number, number][] = [];
  const groups: number[][] = [];
  const columns: ((k: Record<string, unknown>) => number)[] = [];
  const at: unknown[][] = [];
  for (const [name, p] of varying) {
    if (p.type === 'categorical') {
      // The values themselves: "[32, 16, 8]" is how a list of widths is named wherever a value is (String would make "32,16,8", which names nothing).
      at.push([...p.values]);
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
      // The cells' centres as values, not rounded to an int or step knob's grid: a line through them keeps its steps where the trees have them.
      at.push(Array.from({ length: MARGINAL_STEPS }, (_, i) => unscaled(p, lo + ((i + 0.5) * (hi - lo)) / MARGINAL_STEPS)));
    }
  }
  const n = used.length;
  const F = columns.length;
  const x = new Float64Array(F * n);
  used.forEach((t, i) => columns.forEach((col, f) => (x[f * n + i] = col(t.knobs))));
  const y = transform === 'rank' ? ranks(used.map((t) => t.objective)) : Float64Array.from(used, (t) => t.objective);
  const forest = { trees: opts.trees ?? 64, maxDepth: opts.maxDepth ?? 64, seed: opts.seed, maxSamples: opts.maxSamples };
  const sorted = Float64Array.from(used, (t) => t.objective).sort();
  const sides = { results: used.map((t) => t.knobs), failures: opts.failures ?? [] };
  const failed = varying.map(([name, p]) => failedAlong(p, name, MARGINAL_STEPS, sides));
  return { problem: { x, y, columns: F, bounds, groups, names, fixed, transform, forest, at, failed, failedOverall: failedOverall(sides), sorted } };
}

/** The answer from every tree's reading, in tree order: each knob's mean share over the trees, normalised to sum 1. */
export function importanceOf(problem: ImportanceProblem, shares: readonly TreeReading[]): ImportanceResult {
  const { names, fixed, transform } = problem;
  const n = problem.y.length;
  const fractions: number[][] = names.map(() => []);
  for (const { total, marginal } of shares) if (total > 0) marginal.forEach((v, g) => fractions[g].push(v / total));
  if (fractions[0].length === 0) return emptyResult(names, fixed, n, transform, 'the objective is the same for every trial');
  const means = fractions.map((f) => f.reduce((a, b) => a + b, 0) / f.length);
  const sum = means.reduce((a, b) => a + b, 0);
  const knobs = names.map((name, g) => {
    const f = fractions[g];
    const std = Math.sqrt(f.reduce((a, b) => a + (b - means[g]) ** 2, 0) / f.length);
    return { name, importance: sum > 0 ? means[g] / sum : 0, std: sum > 0 ? std / sum : 0, marginal: marginalOf(problem, shares, g) };
  });
  knobs.sort((a, b) => b.importance - a.importance);
  return { knobs, fixed, trials: n, transform, reason: sum > 0 ? null : 'no knob explains any of the objective\'s variance' };
}

/** fANOVA importance of the knobs of a space over trials with a finite objective (others are skipped), on this thread. */
export function importance(space: Record<string, ParamSpec>, trials: readonly { knobs: Record<string, unknown>; objective: number }[], opts: ImportanceOptions): ImportanceResult {
  const p = importanceProblem(space, trials, opts);
  return 'answer' in p ? p.answer : solveHere(p.problem);
}

/** A problem's answer with every tree grown on this thread. */
export function solveHere(problem: ImportanceProblem): ImportanceResult {
  const shares: TreeReading[] = [];
  forestReadings(problem, treeNumbers(problem), (t, reading) => (shares[t] = reading));
  return importanceOf(problem, shares);
}

/** 0, 1, … trees − 1. */
export const treeNumbers = (problem: ImportanceProblem): number[] => Array.from({ length: problem.forest.trees }, (_, t) => t);

/** The knobs of a space that can vary (a range, or two values or more), with their specs. */
function varyingKnobs(space: Record<string, ParamSpec>): [string, ParamSpec][] {
  return Object.entries(space).filter(([, p]) => (p.type === 'float' || p.type === 'int' ? p.low < p.high : p.type === 'categorical' && p.values.length > 1));
}

/** The names of a space's knobs that vary, and of those that do not. */
function knobNames(space: Record<string, ParamSpec>): { names: string[]; fixed: string[] } {
  const names = varyingKnobs(space).map(([name]) => name);
  return { names, fixed: Object.keys(space).filter((k) => !names.includes(k)) };
}

/** No importance, and why (a search that is not read for it, as a seed re-run), for a space and its trials with a result. */
export function importanceRefused(space: Record<string, ParamSpec>, trials: number, reason: string): ImportanceResult {
  const { names, fixed } = knobNames(space);
  return emptyResult(names, fixed, trials, 'rank', reason);
}

function emptyResult(names: string[], fixed: string[], trials: number, transform: ImportanceTransform, reason: string): ImportanceResult {
  return { knobs: names.map((name) => ({ name, importance: 0, std: 0, marginal: { at: [], value: [], sd: [], failed: [], failedOverall: 0 } })), fixed, trials, transform, reason };
}

/**
 * Knob g's marginal over the forest: at each point the trees' mean and spread, in the objective's
 * units. With the objective by rank, a rank is mapped back by the trials' quantiles, and the spread
 * is that of the mapped trees (the map is not linear: a rank's spread would not say it).
 */
function marginalOf(problem: ImportanceProblem, shares: readonly TreeReading[], g: number): KnobMarginal {
  const toUnits = (v: number): number => (problem.transform === 'rank' ? quantileOf(problem.sorted, v) : v);
  const at = problem.at[g];
  const value: number[] = [];
  const sd: number[] = [];
  for (let i = 0; i < at.length; i++) {
    const ys = shares.map((r) => toUnits(r.curves[g][i]));
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    value.push(mean);
    sd.push(Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length));
  }
  return { at, value, sd, failed: problem.failed[g], failedOverall: problem.failedOverall };
}

/** The value at quantile q ∈ [0, 1] of sorted values, by linear interpolation between neighbours (as `ranks` spaces them). */
export function quantileOf(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  const at = Math.min(n - 1, Math.max(0, q * (n - 1)));
  const i = Math.floor(at);
  return i >= n - 1 ? sorted[n - 1] : sorted[i] + (at - i) * (sorted[i + 1] - sorted[i]);
}

/** A position on a knob's scale as a value (10^s for a log knob), not rounded to its grid. */
const unscaled = (p: ParamSpec, s: number): number => ('log' in p && p.log ? 10 ** s : s);

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
