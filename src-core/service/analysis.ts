import type { DensityView, PairSurface, SearchImportance } from '../api/contract';
import { BadInputError } from '../errors';
import { importanceInWorkers } from '../analysis/parallel';
import { importanceRefused } from '../analysis/importance';
import { pairSurfaceInWorkers } from '../analysis/surface';
import { createStrategy } from '../search/registry';
import type { FinishedTrial, RunningTrial, Strategy } from '../search/strategy';
import { watchedValues, type WatchedValues } from '../search/pruning';
import { finishedTrialOf } from '../search/study';
import type { Spec } from '../spec/spec';
import type { Store, TrialRow } from '../store/store';
import { FAILED_TRIAL_STATUSES, FINISHED_TRIAL_STATUSES, finishedCount } from '../vocabulary';

/** Options of a search's analysis. */
export interface AnalysisOptions {
  /**
   * The share of the time importance may be computed while a search runs (default 0.2): after a
   * computation of s seconds, the next starts no sooner than s·(1/duty − 1) seconds later. At
   * 10,000 trials a computation takes most of a second of the cores' time (on worker threads), and a
   * dashboard asks every 2 s, which would take a third of the cores from the trials being trained.
   */
  importanceDuty?: number;
}

/** One pair surface of a search: for how many finished trials, when it was asked and how long it took (null while it is computed), and the answer. */
interface SurfaceEntry {
  key: number;
  at: number;
  seconds: number | null;
  answer: Promise<PairSurface>;
}

/** One search's importance: the last answer, for how many finished trials, and the computation that replaces it. */
interface ImportanceEntry {
  key: number;
  answer: Promise<SearchImportance>;
  /** When (Date.now()) the next computation may start. */
  freeAt: number;
  /** The computation waiting for its turn or running, which every ask joins meanwhile. */
  next: Promise<SearchImportance> | null;
}

/**
 * What a search's trials say beyond their rows: each knob's importance (fANOVA) and what TPE sees
 * (its densities). Both are cached in memory per search, importance until the number of finished
 * trials changes, densities until a trial starts or finishes; nothing is stored.
 */
export class SearchAnalysis {
  /** By search and step (`importanceKey`). */
  private readonly importanceCache = new Map<string, ImportanceEntry>();
  private readonly densityCache = new Map<number, { key: string; spec: Spec; strategy: Strategy; answer: DensityView | null }>();
  /** Each search's last pair surfaces, by pair: for how many finished trials, when computed (Date.now()) and how long it took. */
  private readonly surfaceCache = new Map<number, Map<string, SurfaceEntry>>();
  private readonly duty: number;

  constructor(
    private readonly store: Store,
    opts: AnalysisOptions = {},
  ) {
    this.duty = opts.importanceDuty ?? 0.2;
    if (!(this.duty > 0 && this.duty <= 1)) throw new RangeError(`importanceDuty must be a share of the time in (0, 1], not ${opts.importanceDuty}`);
  }

  /**
   * Importance of a search's knobs. The answer is cached until more trials have finished; then one
   * computation at a time, over the trials finished when it starts, and no sooner than the duty
   * allows. An answer always covers every trial finished when it was asked for: an ask that comes
   * while a computation waits or runs waits for it and then asks again (so the last ask of a search
   * gets every trial, if a few seconds later). The forest grows on worker threads (`importanceInWorkers`).
   */
  importance(searchId: number, spec: Spec, step: number | null = null): Promise<SearchImportance> {
    const count = this.tally(searchId).finished;
    const cacheKey = importanceKey(searchId, step);
    const known = this.importanceCache.get(cacheKey);
    if (known && known.key === count) return known.answer.then((a) => ({ ...a, seconds: 0 }));
    // A computation under way may have started before some of these trials finished: after it, ask again.
    if (known?.next) {
      const after = (): Promise<SearchImportance> => {
        const e = this.importanceCache.get(cacheKey);
        return e && !e.next && e.key >= count ? e.answer : this.importance(searchId, spec, step);
      };
      return known.next.then(after, after);
    }
    const wait = known ? Math.max(0, known.freeAt - Date.now()) : 0;
    // Whether this computation is still the search's (it was not forgotten meanwhile).
    const mine = (): boolean => this.importanceCache.get(cacheKey)?.next === next;
    const next: Promise<SearchImportance> = (async () => {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const finished = this.store.trials.list(searchId).filter(isFinished);
      // Every stored epoch is read back for the pruner's steps (0.15 s at 10,000 trials × 20 epochs): only once it has pruned a trial, when one may be worth reading at.
      const watched = step !== null || finished.some((t) => t.status === 'pruned' || t.stop_reason === 'pruned') ? watchedValues(spec, this.store, searchId, finished) : null;
      const answer = await searchImportance(spec, finished, watched, step);
      const freeAt = Date.now() + answer.seconds * 1000 * (1 / this.duty - 1);
      if (mine()) this.importanceCache.set(cacheKey, { key: finished.length, answer: Promise.resolve(answer), freeAt, next: null });
      return answer;
    })();
    this.importanceCache.set(cacheKey, known ? { ...known, next } : { key: -1, answer: next, freeAt: 0, next });
    next.catch(() => {
      if (mine()) this.importanceCache.delete(cacheKey);
    });
    return next;
  }

  /**
   * Where the good trials lie over two knobs (`pairSurface`), over the trials that trained to their
   * end, as importance takes them. Cached per pair until more trials have finished; while they keep
   * finishing, a pair is computed again no more often than its last computation allows at the
   * importance duty (0.1–0.3 s of work at 10,000 trials, on importance's worker threads), and the
   * last answer stands meanwhile, as does one still being computed. The last 8 pairs of a search are kept.
   */
  surface(searchId: number, spec: Spec, x: string, y: string): Promise<PairSurface> {
    const count = this.tally(searchId).finished;
    let pairs = this.surfaceCache.get(searchId);
    if (!pairs) this.surfaceCache.set(searchId, (pairs = new Map()));
    const pair = `${x}\n${y}`;
    const known = pairs.get(pair);
    if (known && (known.key === count || known.seconds === null || Date.now() < known.at + known.seconds * 1000 * (1 / this.duty - 1))) return known.answer;
    const t0 = performance.now();
    const finished = this.store.trials.list(searchId).filter(isFinished);
    const entry: SurfaceEntry = { key: finished.length, at: Date.now(), seconds: null, answer: searchSurface(spec, finished, x, y) };
    entry.answer.then(() => {
      entry.seconds = (performance.now() - t0) / 1000;
      entry.at = Date.now();
    }, () => {
      if (pairs.get(pair) === entry) pairs.delete(pair);
    });
    pairs.delete(pair);
    pairs.set(pair, entry);
    if (pairs.size > 8) pairs.delete(pairs.keys().next().value!);
    return entry.answer;
  }

  /** TPE's densities of a search now (null for strategies without a model). */
  densities(searchId: number, spec: Spec): DensityView | null {
    const t = this.tally(searchId);
    // Queued trials are under way only while the search runs: once it has ended or paused, they are trials it never ran.
    const live = this.store.searches.need(searchId).status === 'running';
    const key = `${t.finished}:${live ? t.underway : 0}`;
    let entry = this.densityCache.get(searchId);
    if (entry && entry.key === key && entry.spec === spec) return entry.answer;
    if (!entry || entry.spec !== spec) entry = { key: '', spec, strategy: createStrategy(spec), answer: null };
    const { finished, running } = historyOf(this.store.trials.list(searchId), live);
    entry.key = key;
    entry.answer = entry.strategy.densities?.({ finished, running }) ?? null;
    this.densityCache.set(searchId, entry);
    return entry.answer;
  }

  /** How many of a search's trials have finished and how many are under way, counted by the database (an ask that finds its answer cached reads no rows). */
  private tally(searchId: number): { finished: number; underway: number } {
    const counts = this.store.trials.countByStatus(searchId);
    return { finished: finishedCount(counts), underway: (counts.queued ?? 0) + (counts.running ?? 0) };
  }

  /** Forget a search (deleted). */
  forget(searchId: number): void {
    for (const k of [...this.importanceCache.keys()]) if (k.startsWith(importanceKey(searchId, null))) this.importanceCache.delete(k);
    this.densityCache.delete(searchId);
    this.surfaceCache.delete(searchId);
  }
}

/** The importance cache's key of a search at a step (null: the trials that ran to their end); every key of a search starts with its key at null. */
const importanceKey = (searchId: number, step: number | null): string => `${searchId}:${step ?? ''}`;

/** A trial that trained to its end with a result (Optuna's evaluator takes complete trials only: no pruned ones either). */
function hasResult(t: TrialRow): boolean {
  return (t.status === 'complete' || t.status === 'early_stopped') && t.objective !== null && Number.isFinite(t.objective);
}

const knobsAndObjective = (t: TrialRow): { knobs: Record<string, unknown>; objective: number } => ({ knobs: JSON.parse(t.knobs) as Record<string, unknown>, objective: t.objective as number });

/** The knobs of the trials that failed or diverged: the forest does not fit them, its answer says where they lie. */
function failuresOf(finished: TrialRow[]): Record<string, unknown>[] {
  return finished.filter((t) => (FAILED_TRIAL_STATUSES as readonly string[]).includes(t.status)).map((t) => JSON.parse(t.knobs) as Record<string, unknown>);
}

function isFinished(t: TrialRow): boolean {
  return (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status);
}

/**
 * A search's trials as strategies see them: finished ones in the order they finished, running ones
 * (queued or training) by number. `live`: the search is running; otherwise none runs (a queued trial
 * of a paused, stopped or finished search was never started).
 */
export function historyOf(trials: TrialRow[], live = true): { finished: FinishedTrial[]; running: RunningTrial[] } {
  const when = (t: TrialRow): string => t.finished_at ?? '';
  const finished = trials
    .filter(isFinished)
    .sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.number - b.number))
    .map(finishedTrialOf);
  const running = trials.filter((t) => live && (t.status === 'queued' || t.status === 'running')).map((t) => ({ number: t.number, round: t.round, knobs: JSON.parse(t.knobs) as Record<string, unknown> }));
  return { finished, running };
}

/**
 * Where the good trials lie over knobs x and y (`pairSurface`), over a search's finished trials that
 * have a result, as importance takes them; the forest grown on importance's worker threads (the app
 * and `knobs importance --pair` alike).
 */
export function searchSurface(spec: Spec, finished: TrialRow[], x: string, y: string): Promise<PairSurface> {
  return pairSurfaceInWorkers(spec.space, finished.filter(hasResult).map(knobsAndObjective), x, y, { seed: spec.seed, failures: failuresOf(finished) });
}

/**
 * Importance of the knobs over a search's finished trials: those that ran to their end with a
 * result (the others counted as left out), or, at one of its pruner's steps (`step`, with the
 * search's `watched` values), every trial that reached that step, by its value there. `watched`
 * (null without a pruner) also gives the steps one can ask for.
 */
export async function searchImportance(spec: Spec, finished: TrialRow[], watched: WatchedValues | null = null, step: number | null = null): Promise<SearchImportance> {
  const t0 = performance.now();
  const steps = watched?.steps ?? [];
  const at = step === null ? null : steps.find((s) => s.step === step);
  if (step !== null && !at) {
    const why = steps.length
      ? `its pruner does not judge there; use one of the steps it judges at: ${steps.map((s) => s.step).join(', ')}`
      : spec.pruner.kind === 'none' ? 'the search has no pruner, so every trial ran to its end: leave the step out' : 'its pruner judges at no step before a trial\'s last: leave the step out';
    throw new BadInputError(`importance at step ${step}: ${why}`, [{ path: 'step', message: steps.length ? 'not a step the pruner judges at' : 'no pruner steps' }]);
  }
  const withResult = at ? watched!.at(at.step).map(({ trial, value }) => ({ knobs: JSON.parse(trial.knobs) as Record<string, unknown>, objective: value })) : finished.filter(hasResult).map(knobsAndObjective);
  // A seed re-run trains the best few configurations of another search again: its trials say how
  // far the seed moves each, not which knob matters (its knobs moved together from one configuration to the next).
  const r = spec.strategy.kind === 'rerun'
    ? importanceRefused(spec.space, withResult.length, 'a seed re-run trains a few configurations again with other seeds: which knobs matter is read in the search it re-runs, and its seed spread (the Seed spread tab, knobs spread) compares the configurations')
    : await importanceInWorkers(spec.space, withResult, { seed: spec.seed, failures: failuresOf(finished) });
  return { knobs: r.knobs, fixed: r.fixed, trials: r.trials, leftOut: finished.length - withResult.length, transform: r.transform, reason: r.reason, seconds: (performance.now() - t0) / 1000, step: at ?? null, steps };
}
