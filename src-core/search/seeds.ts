import type { SeedConfig, SeedSpread, UnfinishedRerun } from '../api/contract';
import { BadInputError } from '../errors';
import { finishedCount, METRIC_RANGES, RESULT_TRIAL_STATUSES, type SearchStatus } from '../vocabulary';
import { figure } from '../format';
import { parseStoredSpec, storedSpecInput } from '../spec/spec';
import type { SearchRow, Store, TrialRow } from '../store/store';
import { checkDataUnchanged } from '../store/datahash';
import { validateSpace } from './validate';
import { bestTrials } from '../analysis/best';
import { rerunCell, type RerunSpec } from './strategies/rerun';

/**
 * The 97.5% quantile of Student's t with `df` degrees of freedom, df ≥ 1 and not necessarily whole
 * (Welch's): the factor of a two-sided 95% interval. G. W. Hill, "Algorithm 396: Student's
 * t-quantiles", CACM 13(10), 1970, at p = 0.05 two-sided: within 2e-5 (relative) of scipy.stats.t.ppf
 * for df ≥ 2 and within 1.1% between 1 and 2 (exact at 1 and 2).
 */
export function t975(df: number): number {
  const p = 0.05;
  const n = df;
  if (!(n >= 1)) return NaN;
  if (n === 1) return Math.cos((p * Math.PI) / 2) / Math.sin((p * Math.PI) / 2);
  if (n === 2) return Math.sqrt(2 / (p * (2 - p)) - 2);
  const a = 1 / (n - 0.5);
  const b = 48 / (a * a);
  let c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n;
  let x = d * p;
  let y = x ** (2 / n);
  if (y > 0.05 + a) {
    x = -1.959963984540054;
    y = x * x;
    if (n < 5) c += 0.3 * (n - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = a * y * y;
    y = y > 0.002 ? Math.exp(y) - 1 : 0.5 * y * y + y;
  } else {
    y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * ((n + 1) / (n + 2)) + 1 / y;
  }
  return Math.sqrt(n * y);
}

/** Mean, sample standard deviation (n − 1) and the half-width of the 95% t interval of the mean; NaN where too few values. */
export function meanSd(xs: readonly number[]): { n: number; mean: number; sd: number; half: number } {
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  return { n, mean, sd, half: n > 1 ? (t975(n - 1) * sd) / Math.sqrt(n) : NaN };
}

/**
 * The half-width of the 95% interval of the difference of two means (Welch: unequal variances,
 * Welch–Satterthwaite degrees of freedom). Two configurations whose means differ by less are
 * within seed noise of each other.
 */
export function welchHalf(a: { n: number; sd: number }, b: { n: number; sd: number }): number {
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const se = Math.sqrt(va + vb);
  if (!(a.n > 1 && b.n > 1)) return NaN;
  if (se === 0) return 0;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return t975(df) * se;
}

/** What a re-run asks for: the top `top` configurations of a search, each with `seeds` model seeds (and split seeds when asked). */
export interface RerunRequest {
  top: number;
  seeds: number;
  splitSeeds?: boolean;
}

/** A trial that ran its course with a result: complete, or stopped early by early stopping (its best epoch counts). */
const ranWithResult = (t: TrialRow): boolean =>
  (RESULT_TRIAL_STATUSES as readonly string[]).includes(t.status) && t.objective !== null && Number.isFinite(t.objective);

/**
 * The spec of a seed re-run of `parent`: its own spec (data, split, space, objective, seed) with the
 * strategy replaced by the top `top` configurations, best first, each run with `seeds` seeds, a
 * budget of exactly that many trials, and no pruner (pruned trials are never among the top).
 */
export function rerunSpecOf(parent: SearchRow, trials: TrialRow[], req: RerunRequest): Record<string, unknown> {
  // The parent's stored meaning made explicit: a re-run trains as its parent did.
  const raw = storedSpecInput(JSON.parse(parent.spec)) as Record<string, unknown>;
  const spec = parseStoredSpec(raw);
  if (spec.strategy.kind === 'rerun') throw new BadInputError(`Search ${parent.id} "${parent.name}" is itself a seed re-run; re-run the search it came from`, [{ path: 'id', message: 'a re-run cannot be re-run' }]);
  const issues = [];
  if (!Number.isInteger(req.top) || req.top < 1 || req.top > 50) issues.push({ path: 'top', message: `how many configurations: a whole number from 1 to 50 (got ${req.top})` });
  if (!Number.isInteger(req.seeds) || req.seeds < 2 || req.seeds > 100) issues.push({ path: 'seeds', message: `seeds per configuration: a whole number from 2 to 100 (got ${req.seeds})${req.seeds < 2 ? '; one seed shows no spread' : ''}` });
  if (issues.length) throw new BadInputError(`Cannot re-run search ${parent.id}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  const best = bestTrials(trials.filter(ranWithResult), spec.objective.direction, req.top);
  if (best.length === 0) throw new BadInputError(`Search ${parent.id} "${parent.name}" has no complete (or early-stopped) trial yet; a re-run needs configurations with a result`, [{ path: 'id', message: 'no complete trial' }]);
  const seeds = req.seeds;
  return {
    ...raw,
    name: `${parent.name} · top ${best.length} × ${seeds} seeds`,
    strategy: { kind: 'rerun', configs: best.map((t) => ({ trial: t.number, knobs: JSON.parse(t.knobs) })), seeds, splitSeeds: req.splitSeeds ?? false },
    // Every seed runs its course: a pruner would cut some seeds of a configuration short and the spread would mean nothing.
    pruner: { kind: 'none' },
    budget: { trials: best.length * seeds },
  };
}

/** Create a seed re-run of search `parentId` as a child search of the same project (queued; start it as any search). */
export function createRerun(store: Store, parentId: number, req: RerunRequest): { id: number; name: string; planned: number; configs: number } {
  const parent = store.searches.need(parentId);
  // Its best trials may still change (and the top k be only the few finished so far), as the app says.
  if (parent.status === 'running') {
    throw new BadInputError(`Search ${parent.id} "${parent.name}" is running: re-run it once it has finished or is paused, when its best trials are known`, [{ path: 'id', message: 'the search is running' }]);
  }
  // Its configurations train again on its parent's data: the file must be the one they trained on.
  checkDataUnchanged(parent);
  const raw = rerunSpecOf(parent, store.trials.list(parentId), req);
  const spec = parseStoredSpec(raw);
  validateSpace(spec);
  const planned = spec.budget.trials!;
  const row = store.searches.create(parent.project_id, spec.name!, raw, planned, parent.id);
  // It trains on its parent's data: the bytes its parent started on.
  store.searches.setDataHash(row.id, parent.data_sha256 ?? null);
  return { id: row.id, name: row.name, planned, configs: spec.strategy.kind === 'rerun' ? spec.strategy.configs.length : 0 };
}

const fmt = figure;

/** Two figures as the tables print them, or with as many more digits (up to 8) as it takes to tell them apart. */
function fmtPair(a: number, b: number): [string, string] {
  if (figure(a) !== figure(b)) return [figure(a), figure(b)];
  for (let p = 5; p < 8; p++) {
    const x = Number(a.toPrecision(p)).toString();
    const y = Number(b.toPrecision(p)).toString();
    if (x !== y) return [x, y];
  }
  return [Number(a.toPrecision(8)).toString(), Number(b.toPrecision(8)).toString()];
}

/** "12", "12 and 31", "12, 31 and 7". */
const listOf = (xs: number[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** How far a re-run that has not finished got, in words: "is paused after 4 of 20 trials" (the app's sentences and the CLI's refusals say it alike). */
export function unfinishedState(status: SearchStatus, done: number, total: number): string {
  const after = `after ${done} of ${total} trials`;
  switch (status) {
    case 'running': return `is still running (${done} of ${total} trials ended)`;
    case 'queued': return `has not started (${done} of ${total} trials ended)`;
    case 'paused': return `is paused ${after}`;
    case 'cancelled': return `was stopped ${after}`;
    case 'interrupted': return `was interrupted (Knobs was closed while it ran) ${after}`;
    case 'failed': return `failed ${after}`;
    default: return `is ${status} ${after}`;
  }
}

/** How to finish a re-run that has not finished (" (Resume on its page, or "knobs resume 7")"), or '' while it runs: it finishes by itself. */
function finishHint(searchId: number, status: SearchStatus): string {
  if (status === 'running') return '';
  return ` (${status === 'queued' ? 'Start' : 'Resume'} on its page, or "knobs resume ${searchId}")`;
}

/**
 * The sentences that say a spread's figures are partial: the re-run shown has not finished, or
 * newer re-runs of the same search have not and are left out (`shown`: the re-run whose spread it is).
 */
export function unfinishedSentences(shown: UnfinishedRerun, newer: UnfinishedRerun[]): string[] {
  const out: string[] = [];
  if (shown.status !== 'complete') {
    out.push(`Re-run ${shown.searchId} ${unfinishedState(shown.status, shown.done, shown.total)}: these figures are partial until it finishes${finishHint(shown.searchId, shown.status)}.`);
  }
  for (const u of newer) {
    out.push(`Re-run ${u.searchId} ${unfinishedState(u.status, u.done, u.total)} and is left out until it finishes${finishHint(u.searchId, u.status)}; the spread shown is re-run ${shown.searchId}'s, the latest finished.`);
  }
  return out;
}

/**
 * What a seed re-run shows: each configuration's objective per seed, its mean ± standard deviation
 * and 95% interval, ranked by mean; whether the original best (the first configuration listed)
 * still has the best mean; and sentences computed from those figures, after those saying that the
 * figures are partial (the re-run has not finished) or that `newer` re-runs that have not finished
 * are left out.
 */
export function seedSpreadOf(row: SearchRow, trials: TrialRow[], parentTrials: TrialRow[] | null, newer: UnfinishedRerun[] = []): SeedSpread {
  const spec = parseStoredSpec(row.spec);
  if (spec.strategy.kind !== 'rerun') throw new BadInputError(`Search ${row.id} "${row.name}" is not a seed re-run`, [{ path: 'id', message: 'not a re-run' }]);
  const strategy = spec.strategy as RerunSpec;
  const minimize = spec.objective.direction === 'minimize';
  const original = new Map((parentTrials ?? []).map((t) => [t.number, t]));
  const configs: SeedConfig[] = strategy.configs.map((c, i) => ({
    config: i, trial: c.trial, knobs: c.knobs, originalObjective: original.get(c.trial)?.objective ?? null,
    objectives: new Array<number | null>(strategy.seeds).fill(null), trials: new Array<number | null>(strategy.seeds).fill(null),
    failed: 0, n: 0, mean: null, sd: null, ci: null, rank: null,
  }));
  let done = 0;
  for (const t of trials) {
    const cell = rerunCell(strategy, t.number);
    const c = configs[cell.config];
    if (!c || cell.seed >= strategy.seeds) continue;
    c.trials[cell.seed] = t.number;
    if (ranWithResult(t)) {
      c.objectives[cell.seed] = t.objective;
      done++;
    } else if (t.status === 'failed' || t.status === 'diverged') {
      c.failed++;
      done++;
    }
  }
  const stats = new Map<number, ReturnType<typeof meanSd>>();
  const [lowest, highest] = METRIC_RANGES[spec.objective.metric];
  for (const c of configs) {
    const s = meanSd(c.objectives.filter((x): x is number => x !== null));
    stats.set(c.config, s);
    c.n = s.n;
    c.mean = s.n > 0 ? s.mean : null;
    c.sd = s.n > 1 ? s.sd : null;
    // A t interval is symmetric, so with few seeds it can reach values the metric never takes (a loss below 0): cut it there.
    c.ci = s.n > 1 ? [Math.max(lowest, s.mean - s.half), Math.min(highest, s.mean + s.half)] : null;
  }
  const order = configs.filter((c) => c.mean !== null).sort((a, b) => (minimize ? a.mean! - b.mean! : b.mean! - a.mean!) || a.config - b.config);
  order.forEach((c, i) => (c.rank = i + 1));
  const rankedConfigs = [...order, ...configs.filter((c) => c.mean === null)];
  const withSd = configs.filter((c) => c.sd !== null);
  const pooledSd = withSd.length ? Math.sqrt(withSd.reduce((a, c) => a + c.sd! ** 2 * (c.n - 1), 0) / withSd.reduce((a, c) => a + c.n - 1, 0)) : null;
  const originalBest = configs[0];
  const top = order[0];
  const beatenBy = top && top !== originalBest && originalBest.mean !== null ? top.trial : null;
  const total = strategy.configs.length * strategy.seeds;
  return {
    searchId: row.id, parentId: row.parent_id, status: row.status, unfinished: newer, metric: spec.objective.metric, direction: spec.objective.direction, seeds: strategy.seeds,
    splitSeeds: strategy.splitSeeds, configs: rankedConfigs, originalBest: originalBest.trial, beatenBy, pooledSd, done, total,
    sentences: [...unfinishedSentences({ searchId: row.id, status: row.status, done, total }, newer), ...sentencesOf(rankedConfigs, originalBest, stats, pooledSd, minimize)],
  };
}

function sentencesOf(order: SeedConfig[], originalBest: SeedConfig, stats: Map<number, ReturnType<typeof meanSd>>, pooledSd: number | null, minimize: boolean): string[] {
  const top = order[0];
  if (!top || top.mean === null || top.n < 2) return [];
  const out: string[] = [];
  const better = minimize ? 'lower' : 'higher';
  const s = (c: SeedConfig): ReturnType<typeof meanSd> => stats.get(c.config)!;
  const n = Math.max(...order.map((c) => c.n));
  if (top !== originalBest && originalBest.mean !== null) {
    const half = welchHalf(s(top), s(originalBest));
    const gap = Math.abs(top.mean - originalBest.mean);
    const [mine, theirs] = fmtPair(top.mean, originalBest.mean);
    out.push(`The original best, trial ${originalBest.trial}, is beaten on average: trial ${top.trial}'s mean over ${n} seeds is ${mine}, ${better} than its ${theirs}` +
      (gap <= half ? `, but by less than the seed noise (±${fmt(half)}).` : `, by more than the seed noise (±${fmt(half)}).`));
  } else if (top === originalBest) {
    out.push(`The original best, trial ${top.trial}, keeps the best mean over ${n} seeds: ${fmt(top.mean)} ± ${fmt(top.sd ?? 0)}.`);
  }
  const others = order.slice(1).filter((c) => c.mean !== null && c.n > 1);
  const close = others.filter((c) => Math.abs(c.mean! - top.mean!) <= welchHalf(s(top), s(c)));
  if (close.length === 1) {
    out.push(`Trials ${top.trial} and ${close[0].trial} are within seed noise of each other (±${fmt(welchHalf(s(top), s(close[0])))}).`);
  } else if (close.length > 1) {
    const widest = Math.max(...close.map((c) => welchHalf(s(top), s(c))));
    out.push(`Trials ${listOf(close.map((c) => c.trial))} are within seed noise of trial ${top.trial} (±${fmt(widest)} at most): the seeds cannot tell them apart.`);
  } else if (others.length > 0) {
    const next = others[0];
    out.push(`Trial ${top.trial}'s mean is ${better} than every other configuration's beyond seed noise (the next, trial ${next.trial}, by ${fmt(Math.abs(next.mean! - top.mean))}; ±${fmt(welchHalf(s(top), s(next)))}).`);
  }
  const means = order.filter((c) => c.mean !== null).map((c) => c.mean!);
  if (pooledSd !== null && means.length > 1) {
    const gap = Math.max(...means) - Math.min(...means);
    const ratio = gap > 0 ? pooledSd / gap : Infinity;
    out.push(`One seed to the next moves the objective by ${fmt(pooledSd)} (standard deviation, pooled over the configurations); their means span ${fmt(gap)}` +
      (ratio >= 1 ? ', less than the noise of a single run.'
        // "1 times that" said nothing: under 1.5 times, a run's seed moves it about as far as the configurations lie apart.
        : gap / pooledSd < 1.5 ? ', about as much: the seeds move a single run about as far as the configurations lie apart.'
          : `, ${Number((gap / pooledSd).toPrecision(2))} times that.`));
  }
  return out;
}

/**
 * A search's seed re-runs: the latest finished one with a result (complete, with a trial that ran its
 * course), and, oldest first, those newer than it that have not finished (all of them when none has).
 */
export function rerunsOf(store: Store, searchId: number): { finished: SearchRow | null; unfinished: UnfinishedRerun[] } {
  const children = store.searches.children(searchId);
  const counts = new Map(children.map((c) => [c.id, store.trials.countByStatus(c.id)]));
  const hasResult = (c: SearchRow): boolean => RESULT_TRIAL_STATUSES.some((s) => (counts.get(c.id)![s] ?? 0) > 0);
  const finished = children.filter((c) => c.status === 'complete' && hasResult(c)).pop() ?? null;
  const unfinished = children
    .filter((c) => c.status !== 'complete' && (finished === null || c.id > finished.id))
    .map((c) => ({ searchId: c.id, status: c.status, done: finishedCount(counts.get(c.id)!), total: c.planned_trials }));
  return { finished, unfinished };
}

/**
 * The spread of a re-run search (finished or not: its sentences say when its figures are partial),
 * or of a search's latest finished re-run, naming the newer re-runs that have not finished (null when
 * no re-run of it has finished: `rerunsOf` says which have not).
 */
export function seedSpread(store: Store, searchId: number): SeedSpread | null {
  const row = store.searches.need(searchId);
  const spec = parseStoredSpec(row.spec);
  let rerun = row;
  let newer: UnfinishedRerun[] = [];
  if (spec.strategy.kind !== 'rerun') {
    const { finished, unfinished } = rerunsOf(store, searchId);
    if (!finished) return null;
    rerun = finished;
    newer = unfinished;
  }
  const parent = rerun.parent_id !== null ? store.trials.list(rerun.parent_id) : null;
  return seedSpreadOf(rerun, store.trials.list(rerun.id), parent, newer);
}
