import type { DensityView, SearchImportance } from '../api/contract';
import { importanceAsync } from '../analysis/importance';
import { createStrategy } from '../search/registry';
import type { FinishedTrial, RunningTrial, Strategy } from '../search/strategy';
import { finishedStateOf } from '../search/study';
import type { Spec } from '../spec/spec';
import type { Store, TrialRow } from '../store/store';
import { FINISHED_TRIAL_STATUSES } from '../vocabulary';

/**
 * What a search's trials say beyond their rows: each knob's importance (fANOVA) and what TPE sees
 * (its densities). Both are cached in memory per search, importance until the number of finished
 * trials changes, densities until a trial starts or finishes; nothing is stored.
 */
export class SearchAnalysis {
  private readonly importanceCache = new Map<number, { key: number; answer: Promise<SearchImportance> }>();
  private readonly densityCache = new Map<number, { key: string; spec: Spec; strategy: Strategy; answer: DensityView | null }>();

  constructor(private readonly store: Store) {}

  /** Importance of a search's knobs; computed again only when more trials have finished (the computation yields to the event loop between trees). */
  importance(searchId: number, spec: Spec): Promise<SearchImportance> {
    const trials = this.store.trials.list(searchId);
    const finished = trials.filter(isFinished);
    const known = this.importanceCache.get(searchId);
    if (known && known.key === finished.length) return known.answer.then((a) => ({ ...a, seconds: 0 }));
    const answer = searchImportance(spec, finished);
    this.importanceCache.set(searchId, { key: finished.length, answer });
    answer.catch(() => this.importanceCache.delete(searchId));
    return answer;
  }

  /** TPE's densities of a search now (null for strategies without a model). */
  densities(searchId: number, spec: Spec): DensityView | null {
    const trials = this.store.trials.list(searchId);
    const { finished, running } = historyOf(trials);
    const key = `${finished.length}:${running.length}`;
    let entry = this.densityCache.get(searchId);
    if (entry && entry.key === key && entry.spec === spec) return entry.answer;
    if (!entry || entry.spec !== spec) entry = { key: '', spec, strategy: createStrategy(spec), answer: null };
    entry.key = key;
    entry.answer = entry.strategy.densities?.({ finished, running }) ?? null;
    this.densityCache.set(searchId, entry);
    return entry.answer;
  }

  /** Forget a search (deleted). */
  forget(searchId: number): void {
    this.importanceCache.delete(searchId);
    this.densityCache.delete(searchId);
  }
}

function isFinished(t: TrialRow): boolean {
  return (FINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status);
}

/** A search's trials as strategies see them: finished ones in the order they finished, running ones by number. */
export function historyOf(trials: TrialRow[]): { finished: FinishedTrial[]; running: RunningTrial[] } {
  const when = (t: TrialRow): string => t.finished_at ?? '';
  const finished = trials
    .filter(isFinished)
    .sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.number - b.number))
    .map((t) => {
      const objective = t.objective ?? NaN;
      return { number: t.number, round: t.round, knobs: JSON.parse(t.knobs) as Record<string, unknown>, objective, state: finishedStateOf(t.status, objective) };
    });
  const running = trials.filter((t) => t.status === 'queued' || t.status === 'running').map((t) => ({ number: t.number, round: t.round, knobs: JSON.parse(t.knobs) as Record<string, unknown> }));
  return { finished, running };
}

/** Importance of the knobs over a search's finished trials (those with a result; the others are counted as left out). */
export async function searchImportance(spec: Spec, finished: TrialRow[]): Promise<SearchImportance> {
  const t0 = performance.now();
  // Trials that trained to their end (Optuna's evaluator takes complete trials only: no pruned ones either).
  const withResult = finished.filter((t) => (t.status === 'complete' || t.status === 'early_stopped') && t.objective !== null && Number.isFinite(t.objective));
  const r = await importanceAsync(spec.space, withResult.map((t) => ({ knobs: JSON.parse(t.knobs) as Record<string, unknown>, objective: t.objective as number })), { seed: spec.seed });
  return { knobs: r.knobs, trials: r.trials, leftOut: finished.length - withResult.length, transform: r.transform, reason: r.reason, seconds: (performance.now() - t0) / 1000 };
}
