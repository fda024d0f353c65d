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
}

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
    };
  });
  return rows.sort((a, b) => (a.active < b.active ? 1 : a.active > b.active ? -1 : byName.compare(a.name, b.name)));
}
