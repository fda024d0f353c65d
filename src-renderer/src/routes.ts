import type { RouteLocationRaw } from 'vue-router';

/**
 * Where everything lives (the app's URLs). Browser mode uses real paths (`knobs serve` answers
 * each section with the page), Electron the same routes after '#'.
 *
 *   /                                   home
 *   /projects/3                         a project
 *   /searches/12/space?trial=7          a search's tab, with trial 7's drawer open
 *   /searches/12/compare?trials=3,7     compare trials 3 and 7
 *   /searches/12/seeds                  the seed spread of a re-run (or of search 12's latest re-run)
 *   /searches/12/bogus                  no tab: search 12's overview, with a note naming the tabs it has
 *   /compare?searches=3,7,9             searches 3, 7 and 9 side by side (of any projects)
 *   /datasets/digits, /import           a data set, CSV and IDX import
 *   /new?dataset=digits | ?project=p | ?from=12   the editor: the template on a data set, in a project, or a copy of search 12
 *   /new?from=12&around=25                        a copy of search 12, its space narrowed around its trial 25
 *   /experiments, /playground
 */
export const APP_SECTIONS = ['projects', 'searches', 'compare', 'datasets', 'import', 'new', 'experiments', 'playground'] as const;

/** The tabs of a search, in order. */
export const SEARCH_TABS = ['overview', 'space', 'curves', 'trials', 'compare', 'seeds'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

/** Each tab's name as its tab says it. */
export const SEARCH_TAB_NAMES: Record<SearchTab, string> = { overview: 'Overview', space: 'Search space', curves: 'Curves', trials: 'Trials', compare: 'Compare', seeds: 'Seed spread' };

/** A search tab from a route parameter (overview when missing or unknown). */
export const tabOf = (p: unknown): SearchTab => (SEARCH_TABS.includes(p as SearchTab) ? (p as SearchTab) : 'overview');

/** The tab a route parameter names when it is no tab of a search (`/searches/12/bogus` → "bogus"), else null. */
export function unknownTab(p: unknown): string | null {
  const v = Array.isArray(p) ? p[0] : p;
  return typeof v === 'string' && v !== '' && !SEARCH_TABS.includes(v as SearchTab) ? v : null;
}

/** A whole number from a route parameter or query value, else null. */
export function intOf(p: unknown): number | null {
  const v = Array.isArray(p) ? p[0] : p;
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
}

/** A list of whole numbers from a query value ("3,7"). */
export const intsOf = (p: unknown): number[] => (typeof p === 'string' ? p.split(',').map((x) => intOf(x)).filter((x): x is number => x !== null) : []);

export const home = (): RouteLocationRaw => ({ name: 'home' });
export const projectLink = (id: number): RouteLocationRaw => ({ name: 'project', params: { id: String(id) } });
export const datasetLink = (name: string): RouteLocationRaw => ({ name: 'dataset', params: { name } });
/** A search's tab, optionally with a trial's drawer open or a compare set. */
export function searchLink(id: number, tab: SearchTab = 'overview', opts: { trial?: number | null; trials?: number[] } = {}): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (opts.trial !== undefined && opts.trial !== null) query.trial = String(opts.trial);
  if (opts.trials && opts.trials.length > 0) query.trials = opts.trials.join(',');
  return { name: 'search', params: { id: String(id), tab: tab === 'overview' ? '' : tab }, query };
}
/** Searches side by side (2–6, of any projects). */
export function compareLink(ids: number[], by?: string | null): RouteLocationRaw {
  return { name: 'compare', query: { ...(ids.length > 0 ? { searches: ids.join(',') } : {}), ...(by ? { by } : {}) } };
}
/** The editor: the shared template, on a data set or in a project, or a copy of a search (`around`: its space narrowed around that trial of it). */
export function editorLink(from: { dataset?: string; project?: string; from?: number; around?: number } = {}): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (from.dataset) query.dataset = from.dataset;
  if (from.project) query.project = from.project;
  if (from.from !== undefined) query.from = String(from.from);
  if (from.from !== undefined && from.around !== undefined) query.around = String(from.around);
  return { name: 'editor', query };
}
