/**
 * Which projects of the sidebar show their searches. A workbench used for months holds hundreds of
 * searches: listed in full, the project a person wants lies hundreds of rows down. Past
 * FOLD_ABOVE searches in all, a project shows its searches only when it is the one open (its page,
 * or one of its searches) or the person unfolded it; a person's own fold or unfold of a project is
 * kept (and remembered across sessions). While the find box holds text every project that matches
 * shows what matches, whatever its fold.
 */

/** Up to this many searches in all, every project shows its searches unless folded by hand. */
export const FOLD_ABOVE = 60;

/** A project's fold by hand: true shown, false folded; none: decided by the rule above. */
export type FoldOverrides = Record<number, boolean>;

export function openProjects(
  tree: readonly { id: number; items: readonly unknown[] }[],
  opts: { filtering: boolean; activeProject: number | null; overrides: FoldOverrides; totalSearches: number },
): Set<number> {
  const open = new Set<number>();
  for (const p of tree) {
    const byHand = opts.overrides[p.id];
    const shown = opts.filtering || (byHand ?? (p.id === opts.activeProject || opts.totalSearches <= FOLD_ABOVE));
    if (shown) open.add(p.id);
  }
  return open;
}

const KEY = 'knobs-sidebar-folds';
/** Where folds are kept: the browser's localStorage (the two methods used here, so unit tests pass a map). */
interface FoldStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The folds by hand remembered in this browser (nothing, or a damaged entry, gives none). */
export function loadFolds(storage: FoldStorage): FoldOverrides {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([k, b]) => /^\d+$/.test(k) && typeof b === 'boolean')) as FoldOverrides;
  } catch {
    return {};
  }
}

export function saveFolds(storage: FoldStorage, folds: FoldOverrides): void {
  storage.setItem(KEY, JSON.stringify(folds));
}
