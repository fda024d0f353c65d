import type { ComparedSearch, SearchComparison, SearchSummary } from '../api/contract';
import { trainConfigOf, type Spec } from '../spec/spec';
import type { SearchRow, Store } from '../store/store';
import { runningClock } from '../stretches';
import { FAILED_TRIAL_STATUSES, FINISHED_TRIAL_STATUSES } from '../vocabulary';
import { bestTrials } from '../analysis/best';
import { figure } from '../format';

/** How a search is read: its summary and its parsed spec (the Workbench's own). */
export interface SearchReader {
  summary(s: SearchRow): SearchSummary;
  spec(s: SearchRow): Spec;
}

const ms = (t: string | null): number | null => (t ? Date.parse(t) : null);

/** A knob of a spec's space in words: "0.0001 to 0.3, log", "8 to 128, step 8", "one of relu, tanh", "values 16, 32, 64", "fixed 0.5". */
function knobText(p: Spec['space'][string]): string {
  const v = (x: unknown): string => (typeof x === 'number' ? figure(x) : typeof x === 'string' ? x : JSON.stringify(x));
  if (p.type === 'fixed') return `fixed ${v(p.value)}`;
  if (p.type === 'categorical') return `one of ${p.values.map(v).join(', ')}`;
  if (p.values) return `values ${p.values.map(v).join(', ')}`;
  return `${v(p.low)} to ${v(p.high)}${p.log ? ', log' : ''}${p.step !== undefined ? `, step ${v(p.step)}` : ''}`;
}

/** Keys the comparison shows in rows of its own (project, name, budget, objective). */
const SHOWN_ELSEWHERE = ['project', 'name', 'budget', 'objective'];

/** A spec's settings by key path (ComparedSearch.settings): objects one level down, a knob as its range in words, other values as the spec holds them. */
export function settingsOf(spec: Spec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (SHOWN_ELSEWHERE.includes(key) || value === undefined) continue;
    if (key === 'space') for (const [name, p] of Object.entries(spec.space)) out[`space.${name}`] = knobText(p);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) out[`${key}.${k}`] = v;
    else out[key] = value;
  }
  return out;
}

/** One search as the comparison shows it. */
function compared(store: Store, s: SearchRow, read: SearchReader): ComparedSearch {
  const spec = read.spec(s);
  const summary = read.summary(s);
  const rows = store.trials.list(s.id);
  const now = Date.now();
  // Trials a worker took (a queued trial's start is when it was queued).
  const ran = rows.filter((t) => t.status !== 'queued' && ms(t.started_at) !== null);
  const t0 = ran.length > 0 ? Math.min(...ran.map((t) => ms(t.started_at)!)) : null;
  const running = runningClock(ran.map((t) => [ms(t.started_at)!, ms(t.finished_at) ?? (t.status === 'running' ? now : ms(t.started_at)!)]));
  const ended = rows
    .filter((t) => FINISHED_TRIAL_STATUSES.includes(t.status))
    .sort((a, b) => (a.finished_at ?? '').localeCompare(b.finished_at ?? '') || a.number - b.number);
  const failed = (st: string): boolean => (FAILED_TRIAL_STATUSES as readonly string[]).includes(st);
  const trials = ended.map((t) => {
    const end = ms(t.finished_at);
    return { number: t.number, status: t.status, objective: failed(t.status) ? null : t.objective, seconds: end !== null && t0 !== null ? running(end) : null };
  });
  const lastEnd = Math.max(-Infinity, ...ended.map((t) => ms(t.finished_at) ?? -Infinity));
  // The best as the dashboard ranks it: a pruned trial's value is a partial run's, and trials that tie go in the order they ran (by number), not the order they ended.
  const best = bestTrials(ended.filter((t) => !failed(t.status)), spec.objective.direction, 1)[0] ?? null;
  let bestOut: ComparedSearch['best'] = null;
  if (best) {
    const knobs = JSON.parse(best.knobs) as Record<string, unknown>;
    let config: Record<string, unknown>;
    try {
      config = { ...trainConfigOf(spec, knobs) };
    } catch (e) {
      config = { error: (e as Error).message };
    }
    bestOut = { number: best.number, objective: best.objective!, knobs, config };
  }
  const wall = trials.length > 0 && t0 !== null && Number.isFinite(lastEnd) ? (lastEnd - t0) / 1000 : null;
  const runningSeconds = wall === null ? null : running(lastEnd);
  return {
    summary,
    budget: { trials: spec.budget.trials ?? null, seconds: spec.budget.seconds ?? null, noImprovement: spec.budget.noImprovement ?? null },
    trials,
    wallSeconds: wall,
    runningSeconds,
    best: bestOut,
    settings: settingsOf(spec),
  };
}

/** 2–6 searches side by side (the contract's searches.compare); NotFoundError for an id that does not exist. */
export function compareSearches(store: Store, ids: number[], read: SearchReader): SearchComparison {
  const searches = ids.map((id) => compared(store, store.searches.need(id), read));
  const objectives = new Set(searches.map((c) => `${c.summary.metric} (${c.summary.direction}d)`));
  const mismatch = objectives.size > 1
    ? `These searches optimize different objectives (${searches.map((c) => `${c.summary.name}: ${c.summary.metric}, ${c.summary.direction}d`).join('; ')}), so their values cannot share an axis; the budgets and configurations are still compared.`
    : null;
  const datasets = new Set(searches.map((c) => c.summary.dataset));
  const otherData = !mismatch && datasets.size > 1
    ? `These searches train on different data sets (${searches.map((c) => `${c.summary.name}: ${c.summary.dataset}`).join('; ')}): their values share the axes below, but each measures its own problem.`
    : null;
  return { searches, mismatch, otherData };
}
