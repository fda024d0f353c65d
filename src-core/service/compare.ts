import type { ComparedSearch, SearchComparison, SearchSummary } from '../api/contract';
import { BadInputError } from '../errors';
import { trainConfigOf, type Spec } from '../spec/spec';
import type { SearchRow, Store, TrialRow } from '../store/store';
import { runningClock } from '../stretches';
import { defaultDirection, FAILED_TRIAL_STATUSES, FINISHED_TRIAL_STATUSES, OBJECTIVE_METRICS, type Direction, type ObjectiveMetric } from '../vocabulary';
import { bestTrials } from '../analysis/best';
import { figure } from '../format';
import { searchChances } from './insight';

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

/** A metric the comparison can be drawn by: a trial's value of it is a column of its row, at the epoch its search kept. */
type Comparable = ObjectiveMetric;

/** The value a trial's row holds for a metric (its objective where that is the metric: k-fold's mean, as the search ranked it). */
function valueOf(t: TrialRow, metric: Comparable, objectiveMetric: string): number | null {
  const v = metric === objectiveMetric ? t.objective : t[metric];
  return v === null || v === undefined ? null : v;
}

/** One search as the comparison shows it (its spec, summary and trials read), its trials valued by the basis's metric in its direction. */
function compared(spec: Spec, summary: SearchSummary, rows: TrialRow[], basis: { metric: Comparable; direction: Direction } | null): ComparedSearch {
  // Without a basis (objectives that differ, none asked for): each search's own objective, for its tables.
  const metric = basis?.metric ?? (spec.objective.metric as Comparable);
  const direction = basis?.direction ?? spec.objective.direction;
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
    return { number: t.number, status: t.status, objective: failed(t.status) ? null : valueOf(t, metric, spec.objective.metric), seconds: end !== null && t0 !== null ? running(end) : null };
  });
  const lastEnd = Math.max(-Infinity, ...ended.map((t) => ms(t.finished_at) ?? -Infinity));
  // The best as the dashboard ranks it: a pruned trial's value is a partial run's, and trials that tie go in the order they ran (by number), not the order they ended.
  const valued = ended.filter((t) => !failed(t.status)).map((t) => ({ ...t, objective: valueOf(t, metric, spec.objective.metric) }));
  const best = bestTrials(valued, direction, 1)[0] ?? null;
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

/**
 * The metrics every search reports on equal terms, so the comparison can be drawn by any of them:
 * those each search has a value of on some trial that ended (or its objective, before any did). A
 * loss counts only where every search computes it alike: the same class weighting (none moved by a
 * knob) and the same scaling of a regression target; a weighted loss and a plain one differ in kind.
 */
export function comparableMetrics(searches: { spec: Spec; rows: TrialRow[] }[]): Comparable[] {
  const lossKey = (spec: Spec): string | null =>
    'classWeights' in spec.space ? null : JSON.stringify([trainConfigOf(spec).classWeights ?? 'none', spec.targetPreprocess]);
  const keys = new Set(searches.map((x) => lossKey(x.spec)));
  const lossAlike = keys.size === 1 && !keys.has(null);
  return OBJECTIVE_METRICS.filter((m) => {
    if ((m === 'val_loss' || m === 'train_loss') && !lossAlike) return false;
    return searches.every(({ spec, rows }) => {
      const ended = rows.filter((t) => FINISHED_TRIAL_STATUSES.includes(t.status));
      return ended.length === 0 ? spec.objective.metric === m : ended.some((t) => valueOf(t, m, spec.objective.metric) !== null);
    });
  });
}

/**
 * Why searches' losses are not computed alike (`comparableMetrics`' loss rule), in words: "each
 * computes it on its own scaling of the target (targetPreprocess zscore, log)", "with its own class
 * weights (none, balanced)", "with class weights a knob moves from trial to trial", or two of them.
 */
function lossTermsText(specs: readonly Spec[]): string {
  const scalings = [...new Set(specs.map((s) => s.targetPreprocess))];
  const weights = [...new Set(specs.map((s) => ('classWeights' in s.space ? 'a knob' : trainConfigOf(s).classWeights ?? 'none')))];
  const parts = [
    ...(scalings.length > 1 ? [`on its own scaling of the target (targetPreprocess ${scalings.join(', ')})`] : []),
    ...(weights.includes('a knob') ? ['with class weights a knob moves from trial to trial'] : weights.length > 1 ? [`with its own class weights (${weights.join(', ')})`] : []),
  ];
  return `each computes it ${parts.join(' and ')}`;
}

/**
 * 2–6 searches side by side (the contract's searches.compare); NotFoundError for an id that does
 * not exist. They are drawn by their shared objective, or by `metric` when asked (any of the metrics
 * they all report: `comparable`), each search's best then re-ranked by it.
 */
export function compareSearches(store: Store, ids: number[], read: SearchReader, asked?: string): SearchComparison {
  const rows = ids.map((id) => store.searches.need(id));
  const specs = rows.map((r) => ({ row: r, spec: read.spec(r), rows: store.trials.list(r.id) }));
  const comparable = comparableMetrics(specs);
  const objectives = new Set(specs.map(({ spec }) => `${spec.objective.metric} (${spec.objective.direction}d)`));
  if (asked !== undefined && !(comparable as string[]).includes(asked)) {
    const why = (OBJECTIVE_METRICS as readonly string[]).includes(asked) ? `not every one of these searches reports "${asked}" on equal terms` : `"${asked}" is not a metric`;
    throw new BadInputError(`Cannot compare by ${asked}: ${why}; they can be compared by ${comparable.length > 0 ? comparable.map((m) => `"${m}"`).join(', ') : 'no metric they all report'}`, [{ path: 'metric', message: `one of ${comparable.join(', ') || '(none)'}` }]);
  }
  const shared = objectives.size === 1 ? specs[0].spec.objective : null;
  // A shared loss computed on other terms (another scaling of the target, other class weights) is no shared axis.
  const sharedAxis = shared && (comparable as string[]).includes(shared.metric) ? shared : null;
  const basis = asked !== undefined
    ? { metric: asked as Comparable, direction: shared?.metric === asked ? shared.direction : defaultDirection(asked) }
    : sharedAxis ? { metric: sharedAxis.metric as Comparable, direction: sharedAxis.direction } : null;
  const searches = specs.map(({ row, spec, rows: trials }) => compared(spec, read.summary(row), trials, basis));
  const named = (c: ComparedSearch): string => c.summary.name;
  const instead = comparable.length > 0 ? `; compare them by a metric they all report (${comparable.join(', ')}), or read the budgets and configurations below.` : '; the budgets and configurations are still compared.';
  const mismatch = basis !== null ? null
    : shared ? `These searches all optimize ${shared.metric}, but ${lossTermsText(specs.map(({ spec }) => spec))}, so their values cannot share an axis${instead}`
    : `These searches optimize different objectives (${searches.map((c) => `${named(c)}: ${c.summary.metric}, ${c.summary.direction}d`).join('; ')}), so their values cannot share an axis${instead}`;
  // Drawn by a metric some search does not optimize: what its values are.
  const others = basis ? searches.filter((c) => c.summary.metric !== basis.metric) : [];
  const basisNote = basis && others.length > 0
    ? `Compared by ${basis.metric}, which ${others.length === searches.length ? 'none of them optimizes' : `${others.map((c) => `“${named(c)}”`).join(', ')} ${others.length === 1 ? 'does' : 'do'} not optimize`}: ` +
      `each trial's ${basis.metric} at the epoch its own search kept, and each search's best is its best by ${basis.metric}, which need not be the trial it ranks first.`
    : null;
  // One chance level for all, or none: searches on different data measure different problems.
  const levels = basis ? specs.map(({ row, spec }) => searchChances(store, row.id, spec)[basis.metric] ?? null) : [];
  const chance = levels.length > 0 && levels.every((l) => l !== null && Math.abs(l.value - levels[0]!.value) <= 1e-9 * Math.max(1, Math.abs(levels[0]!.value))) ? levels[0] : null;
  const datasets = new Set(searches.map((c) => c.summary.dataset));
  const otherData = basis !== null && datasets.size > 1
    ? `These searches train on different data sets (${searches.map((c) => `${named(c)}: ${c.summary.dataset}`).join('; ')}): their values share the axes below, but each measures its own problem.`
    : null;
  return { searches, metric: basis, chance, comparable, mismatch, basisNote, otherData, otherRows: otherRowsNote(basis !== null && datasets.size === 1, specs.map(({ spec }) => spec), searches.map(named)) };
}

/**
 * Where searches on one data set hold out different validation rows (another split, or another seed,
 * which draws it), what that does to their bests: each is measured on its own rows, and one whose
 * split drew easier rows looks better for it. Null where they share their rows, or are not drawn on
 * one axis of one data set.
 */
export function otherRowsNote(sameData: boolean, specs: readonly Pick<Spec, 'split' | 'seed'>[], names: readonly string[]): string | null {
  if (!sameData) return null;
  const splits = new Set(specs.map((s) => JSON.stringify(s.split)));
  const seeds = new Set(specs.map((s) => s.seed));
  if (splits.size === 1 && seeds.size === 1) return null;
  const what = splits.size > 1 && seeds.size > 1 ? 'splits and seeds' : splits.size > 1 ? 'splits' : 'seeds, which draw the split,';
  const each = specs.map((s, i) => `${names[i]}: ${splitWords(s.split)}, seed ${s.seed}`).join('; ');
  return `These searches hold out different validation rows (their ${what} differ: ${each}): each best is measured on its own rows, and a split that drew easier rows flatters its search. To rank them, run them on one split (the same "split" and "seed").`;
}

/** A split in words: "hold-out 0.2, test 0.2", "5-fold", "leave-one-out". */
function splitWords(split: Spec['split']): string {
  const test = split.test > 0 ? `, test ${split.test}` : '';
  if (split.kind === 'holdout') return `hold-out ${split.val}${test}`;
  if (split.kind === 'kfold') return `${split.k}-fold${test}`;
  return `leave-one-out${test}`;
}
