import type { ProjectSummary, SearchSummary } from '../../../src-core/api/contract';

/** Names as people read them: "moons 4" before "moons 10", "Alpha" beside "alpha" (the sidebar, the pickers, the start page). */
export const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A project as the start page lists it: how many searches, how many running now, and its latest. */
export interface ProjectRow {
  id: number;
  name: string;
  searches: number;
  running: number;
  /** Its newest search (by when it was created), or null. */
  latest: { id: number; name: string; createdAt: string } | null;
  /** When it was last worked on: its newest search's creation, else its own. */
  active: string;
  /** Its best result so far (projectBest), or null. */
  best: ProjectBest | null;
}

/** A project's best result: the best value of its searches that measure what its newest search measures, on its data set. */
export interface ProjectBest {
  value: number;
  metric: SearchSummary['metric'];
  direction: SearchSummary['direction'];
  dataset: string;
  /** The search that reached it (the earliest made, on a tie). */
  search: { id: number; name: string };
  /** Searches it was chosen among (those with the newest search's metric, direction and data set), and those left out as measuring another metric or another data set. */
  among: number;
  otherMetric: number;
  otherData: number;
}

/**
 * The best value a project's searches reached, on the metric, direction and data set of its newest
 * search that has a value (a project whose searches moved from val_loss to val_accuracy is judged on
 * val_accuracy; values of another metric, or of another data set — a loss on sine beside a loss on
 * digits — cannot be ranked with it). Null before any search has a value.
 */
export function projectBest(searches: readonly SearchSummary[]): ProjectBest | null {
  const valued = searches.filter((s) => s.best !== null && Number.isFinite(s.best));
  if (valued.length === 0) return null;
  const newest = valued.reduce((a, s) => (s.createdAt > a.createdAt || (s.createdAt === a.createdAt && s.id > a.id) ? s : a));
  const measured = valued.filter((s) => s.metric === newest.metric && s.direction === newest.direction);
  const same = measured.filter((s) => s.dataset === newest.dataset);
  const sign = newest.direction === 'maximize' ? -1 : 1;
  const best = same.reduce((a, s) => {
    const d = sign * ((s.best as number) - (a.best as number));
    return d < 0 || (d === 0 && (s.createdAt < a.createdAt || (s.createdAt === a.createdAt && s.id < a.id))) ? s : a;
  });
  return {
    value: best.best as number, metric: best.metric, direction: best.direction, dataset: best.dataset, search: { id: best.id, name: best.name },
    among: same.length, otherMetric: valued.length - measured.length, otherData: measured.length - same.length,
  };
}

/** What a project's best was chosen among, in words (its hover text). */
export const bestAmong = (b: ProjectBest): string =>
  `The ${b.direction === 'maximize' ? 'highest' : 'lowest'} ${b.metric} of its ${b.among} search${b.among === 1 ? '' : 'es'} on ${b.dataset} with a value`
  + (b.otherData > 0 ? `; ${b.otherData} on another data set ${b.otherData === 1 ? 'is' : 'are'} left out` : '')
  + (b.otherMetric > 0 ? `; ${b.otherMetric} measuring another metric ${b.otherMetric === 1 ? 'is' : 'are'} left out` : '');

/**
 * The start page's projects, the most recently worked on first (its newest search, else when it
 * was made), ties by name. A workbench of two dozen projects read only as the sidebar's cut names.
 */
export function projectRows(projects: readonly ProjectSummary[], searches: readonly SearchSummary[]): ProjectRow[] {
  const rows = projects.map((p): ProjectRow => {
    const own = searches.filter((s) => s.projectId === p.id);
    const newest = own.reduce<SearchSummary | null>((a, s) => (a === null || s.createdAt > a.createdAt || (s.createdAt === a.createdAt && s.id > a.id) ? s : a), null);
    return {
      id: p.id, name: p.name, searches: own.length,
      running: own.filter((s) => s.status === 'running').length,
      latest: newest && { id: newest.id, name: newest.name, createdAt: newest.createdAt },
      active: newest?.createdAt ?? p.createdAt,
      best: projectBest(own),
    };
  });
  return rows.sort((a, b) => (a.active < b.active ? 1 : a.active > b.active ? -1 : byName.compare(a.name, b.name)));
}

/**
 * The order of a project's searches by their best value, best first: searches of one metric and
 * direction together (the metric's name in order), each group by its direction (the lowest loss
 * first, the highest accuracy first; values of two metrics cannot be ranked together), searches
 * with no value yet last.
 */
export function byBest(a: Pick<SearchSummary, 'best' | 'metric' | 'direction'>, b: Pick<SearchSummary, 'best' | 'metric' | 'direction'>): number {
  const va = a.best !== null && Number.isFinite(a.best);
  const vb = b.best !== null && Number.isFinite(b.best);
  if (va !== vb) return va ? -1 : 1;
  if (!va) return 0;
  const group = a.metric.localeCompare(b.metric) || a.direction.localeCompare(b.direction);
  return group || (a.direction === 'maximize' ? -1 : 1) * ((a.best as number) - (b.best as number));
}

/** When a search was made, short enough for a table column: "Dec 5, 20:28", with the year when it is not this one ("Nov 30, 2025, 09:14"). */
export function madeText(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** The day something was made, as `madeText` writes it without the time: "Dec 5", with the year when it is not this one ("Nov 30, 2025"); never "12/5/2026", which reads as May 12 in most of the world. */
export function dayText(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) });
}
