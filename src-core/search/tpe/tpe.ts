import type { ParamSpec } from '../../spec/spec';
import { hashSeed, Rng } from '../../util/rng';
import { toScale, type Box } from '../space';
import type { DensityView, KnobDensity } from '../../api/contract';
import type { FinishedTrial, RunningTrial } from '../strategy';
import { buildParzen, defaultWeights, dimsOf, fromInternal, logPdfParzen, marginalParzen, sampleParzen, toInternal, type Dim, type Parzen, PARZEN_DEFAULTS } from './parzen';

/** TPE's settings (the spec's `strategy` keys). */
export interface TpeOptions {
  startupTrials: number;
  candidates: number;
  multivariate: boolean;
  constantLiar: boolean;
}

/** What TPE is fitted on: the space and box, the trials, and the search's direction and seed. */
export interface TpeInput {
  space: Record<string, ParamSpec>;
  box: Box;
  direction: 'minimize' | 'maximize';
  seed: number;
  number: number;
  finished: readonly FinishedTrial[];
  running: readonly RunningTrial[];
  options: TpeOptions;
}

/** γ(n) = min(⌈0.1·n⌉, 25): how many of n finished trials form the good group (Optuna's default_gamma). */
export function gamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * The model's trials: complete ones with an objective, pruned and diverged ones, whose knobs lie in
 * the box. Failed trials (an error, a cancelled run) are left out, as Optuna leaves out failed
 * trials: they say nothing about their knobs. A diverged trial does: its loss blew up there.
 */
function usable(input: Pick<TpeInput, 'finished' | 'box'>, dims: Dim[]): FinishedTrial[] {
  return inBox(input, dims).filter((t) => (t.state === 'complete' && Number.isFinite(t.objective)) || t.state === 'pruned' || t.state === 'diverged');
}

/** Finished trials whose knobs lie in the box. */
function inBox(input: Pick<TpeInput, 'finished' | 'box'>, dims: Dim[]): FinishedTrial[] {
  return input.finished.filter((t) => dims.every((d) => !Number.isNaN(toInternal(d, t.knobs[d.name]))));
}

/**
 * Split trials into the good group (the best γ(n)) and the bad group, as Optuna's TPESampler does:
 * complete trials by objective first; then, if γ(n) is not filled, pruned trials by the epoch they
 * reached (later first) and their objective there (a pruned trial without one ranks last); running
 * trials (constant liar) always in the bad group. Both groups in trial order.
 *
 * Diverged trials count in n and always go to the bad group, so TPE learns where training blows
 * up instead of proposing there again and again. Optuna leaves out a trial whose objective came
 * back NaN (its FAIL) and ranks one that came back ∞ as the worst complete trial, ahead of pruned
 * ones; Knobs ranks a diverged trial behind pruned ones too, so it never enters the good group
 * (with no trial that ran, the good group is empty and l is the prior alone).
 */
export function splitTrials(trials: readonly FinishedTrial[], running: readonly RunningTrial[], direction: 'minimize' | 'maximize', constantLiar: boolean): { below: (FinishedTrial | RunningTrial)[]; above: (FinishedTrial | RunningTrial)[]; n: number } {
  const sign = direction === 'minimize' ? 1 : -1;
  const complete = trials.filter((t) => t.state === 'complete').sort((a, b) => sign * (a.objective - b.objective) || a.number - b.number);
  const score = (t: FinishedTrial): number => (Number.isFinite(t.objective) ? sign * t.objective : Infinity);
  const pruned = trials.filter((t) => t.state === 'pruned').sort((a, b) => (b.step ?? 0) - (a.step ?? 0) || score(a) - score(b) || a.number - b.number);
  const n = complete.length + pruned.length + trials.filter((t) => t.state === 'diverged').length;
  let nBelow = gamma(n);
  const below: (FinishedTrial | RunningTrial)[] = complete.slice(0, nBelow);
  const above: (FinishedTrial | RunningTrial)[] = complete.slice(nBelow);
  nBelow = Math.max(0, nBelow - below.length);
  below.push(...pruned.slice(0, nBelow));
  above.push(...pruned.slice(nBelow));
  above.push(...trials.filter((t) => t.state === 'diverged'));
  if (constantLiar) above.push(...running);
  const byNumber = (a: { number: number }, b: { number: number }): number => a.number - b.number;
  return { below: below.sort(byNumber), above: above.sort(byNumber), n };
}

/** Observations of trials on the dims' scales (a running trial outside the box is left out). */
function observe(dims: Dim[], trials: readonly { knobs: Record<string, unknown> }[]): number[][] {
  return trials.map((t) => dims.map((d) => toInternal(d, t.knobs[d.name]))).filter((row) => row.every((x) => !Number.isNaN(x)));
}

/**
 * g is built from at most this many kernels. Beyond it the bad group is thinned evenly in trial
 * order: each group of k consecutive trials is represented by its newest, carrying the group's
 * summed weight. Optuna keeps every trial; here a proposal stays near a millisecond at 10,000
 * trials instead of growing with the search (the cost is candidates × kernels × knobs).
 */
export const MAX_BAD_KERNELS = 1000;

/** Observations and weights of a group, thinned to `max` kernels as described at MAX_BAD_KERNELS. */
export function thin(rows: number[][], max: number): { rows: number[][]; weights: number[] } {
  const w = defaultWeights(rows.length);
  if (rows.length <= max) return { rows, weights: w };
  const k = Math.ceil(rows.length / max);
  const kept: number[][] = [];
  const weights: number[] = [];
  for (let end = rows.length; end > 0; end -= k) {
    const start = Math.max(0, end - k);
    kept.push(rows[end - 1]);
    weights.push(w.slice(start, end).reduce((a, b) => a + b, 0));
  }
  return { rows: kept.reverse(), weights: weights.reverse() };
}

/** The l and g estimators of a set of dims (all of them jointly, or one). */
function fit(dims: Dim[], below: readonly { knobs: Record<string, unknown> }[], above: readonly { knobs: Record<string, unknown> }[]): { l: Parzen; g: Parzen } {
  const bad = thin(observe(dims, above), MAX_BAD_KERNELS);
  return { l: buildParzen(dims, observe(dims, below), PARZEN_DEFAULTS), g: buildParzen(dims, bad.rows, PARZEN_DEFAULTS, bad.weights) };
}

/** Draw `count` candidates from l and keep the one with the largest log l − log g (the first of equals). */
function best(l: Parzen, g: Parzen, rng: Rng, count: number): number[] {
  const xs = sampleParzen(l, rng, count);
  const ll = logPdfParzen(l, xs);
  const lg = logPdfParzen(g, xs);
  let k = 0;
  for (let c = 1; c < xs.length; c++) if (ll[c] - lg[c] > ll[k] - lg[k]) k = c;
  return xs[k];
}

/**
 * TPE's knobs for trial `number` inside a box, or null while fewer than `startupTrials` trials have
 * finished (the caller draws at random then). Multivariate: one joint mixture over every modelled
 * knob; otherwise each knob alone. Deterministic: the random stream is derived from the seed and the
 * trial number, so the same trials finished and running give the same proposal.
 */
export function proposeTpe(input: TpeInput): Record<string, unknown> | null {
  const dims = dimsOf(input.space, input.box);
  const trials = usable(input, dims);
  if (trials.length < input.options.startupTrials) return null;
  const { below, above } = splitTrials(trials, input.running, input.direction, input.options.constantLiar);
  const rng = new Rng(hashSeed(input.seed, `tpe${input.number}`));
  const chosen = new Map<string, unknown>();
  if (input.options.multivariate && dims.length > 0) {
    const { l, g } = fit(dims, below, above);
    const x = best(l, g, rng, input.options.candidates);
    dims.forEach((d, j) => chosen.set(d.name, fromInternal(d, x[j])));
  } else {
    for (const d of dims) {
      const { l, g } = fit([d], below, above);
      chosen.set(d.name, fromInternal(d, best(l, g, rng.fork(d.name), input.options.candidates)[0]));
    }
  }
  const knobs: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(input.space)) {
    const entry = input.box[name];
    if (chosen.has(name)) knobs[name] = chosen.get(name);
    else if (p.type === 'fixed') knobs[name] = p.value;
    else if ('values' in entry) knobs[name] = entry.values[0];
    else knobs[name] = entry.low;
  }
  return knobs;
}

/** Points of the density grid of a continuous knob. */
const GRID_POINTS = 121;
/** A discrete knob with more grid points than this is drawn as continuous. */
const MAX_DISCRETE_POINTS = 200;

/** What TPE's l and g look like now, knob by knob, over a grid of each knob's scale (log10 for log knobs). */
export function densitiesTpe(input: Omit<TpeInput, 'number'>, round: number): DensityView {
  const dims = dimsOf(input.space, input.box);
  const trials = usable(input, dims);
  const { below, above } = splitTrials(trials, input.running, input.direction, input.options.constantLiar);
  const sign = input.direction === 'minimize' ? 1 : -1;
  const goodObjectives = below.filter((t): t is FinishedTrial => 'objective' in t && t.state === 'complete').map((t) => t.objective);
  const threshold = goodObjectives.length ? (sign > 0 ? Math.max(...goodObjectives) : Math.min(...goodObjectives)) : null;
  const ties = threshold === null ? 0 : above.filter((t) => 'objective' in t && t.state === 'complete' && t.objective === threshold).length;
  const joint = input.options.multivariate && dims.length > 0 ? fit(dims, below, above) : null;
  const knobs: KnobDensity[] = dims.map((d, j) => {
    const { l, g } = joint ?? fit([d], below, above);
    const at = joint ? j : 0;
    const p = input.space[d.name];
    const scaled = (v: unknown): number => (d.kind === 'categorical' ? d.values.findIndex((x) => JSON.stringify(x) === JSON.stringify(v)) : toScale(p, v as number));
    const good = below.map((t) => scaled(t.knobs[d.name]));
    const bad = above.map((t) => scaled(t.knobs[d.name]));
    if (d.kind === 'categorical') {
      const x = d.values.map((_, i) => i);
      return { name: d.name, scale: 'categorical', discrete: true, x, span: [0, x.length - 1], values: d.values, l: x.map((i) => marginalParzen(l, at, i)), g: x.map((i) => marginalParzen(g, at, i)), good, bad };
    }
    if (d.kind === 'discrete' && (d.high - d.low) / d.step + 1 <= MAX_DISCRETE_POINTS) {
      const values: number[] = [];
      for (let k = 0; d.low + k * d.step <= d.high + 1e-9 * d.step; k++) values.push(fromInternal(d, d.low + k * d.step) as number);
      return { name: d.name, scale: 'linear', discrete: true, x: values, span: [values[0], values[values.length - 1]], l: values.map((v) => marginalParzen(l, at, v)), g: values.map((v) => marginalParzen(g, at, v)), good, bad };
    }
    const log = d.kind === 'continuous' && d.log;
    // An int log knob's kernels live on [ln(low − ½), ln(high + ½)]: the grid covers that whole span (so each
    // density's mass on it is 1), and the axis shows the knob's own range, low to high.
    const span: [number, number] = d.kind === 'continuous' ? (log ? [Math.log10(d.valueLow), Math.log10(d.valueHigh)] : [d.valueLow, d.valueHigh]) : [d.low, d.high];
    const lo = d.kind === 'continuous' ? (log ? d.low / Math.LN10 : d.low) : d.low;
    const hi = d.kind === 'continuous' ? (log ? d.high / Math.LN10 : d.high) : d.high;
    const x = Array.from({ length: GRID_POINTS }, (_, i) => lo + ((hi - lo) * i) / (GRID_POINTS - 1));
    // Densities per unit of the axis as drawn: per log10 unit for log knobs (the model works in ln), per value otherwise (a wide discrete knob: mass / step).
    const internal = (s: number): number => (log ? s * Math.LN10 : s);
    const perUnit = log ? Math.LN10 : d.kind === 'discrete' ? 1 / d.step : 1;
    const at2 = (pe: Parzen, s: number): number => {
      if (d.kind === 'discrete') return marginalParzen(pe, at, fromInternal(d, s) as number) * perUnit;
      const v = Math.min(d.high, Math.max(d.low, internal(s)));
      return marginalParzen(pe, at, v) * perUnit;
    };
    return { name: d.name, scale: log ? 'log' : 'linear', discrete: false, x, span, l: x.map((s) => at2(l, s)), g: x.map((s) => at2(g, s)), good, bad };
  });
  return {
    round, trials: trials.length, good: below.length, bad: above.length, running: input.options.constantLiar ? input.running.length : 0,
    diverged: trials.filter((t) => t.state === 'diverged').length, leftOut: inBox(input, dims).length - trials.length,
    threshold, ties, startup: trials.length < input.options.startupTrials, multivariate: input.options.multivariate, knobs,
  };
}
