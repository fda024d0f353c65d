// The sidebar's folds (src-renderer/src/model/sidebarFold.ts): past FOLD_ABOVE searches only the
// open project shows its searches; a fold by hand wins and is remembered; finding shows every match.
import { describe, expect, it } from 'vitest';
import { FOLD_ABOVE, loadFolds, openProjects, saveFolds } from '../../src-renderer/src/model/sidebarFold';

const tree = [1, 2, 3].map((id) => ({ id, items: [{}, {}] }));
const ids = (s: Set<number>): number[] => [...s].sort();

describe('which projects of the sidebar show their searches', () => {
  it('a few searches in all: every project shows them, but one folded by hand', () => {
    expect(ids(openProjects(tree, { filtering: false, activeProject: null, overrides: {}, totalSearches: 6 }))).toEqual([1, 2, 3]);
    expect(ids(openProjects(tree, { filtering: false, activeProject: null, overrides: { 2: false }, totalSearches: FOLD_ABOVE }))).toEqual([1, 3]);
  });

  it('many searches: only the open project, and those unfolded by hand; the open one folds by hand too', () => {
    const many = { filtering: false, overrides: {}, totalSearches: FOLD_ABOVE + 1 };
    expect(ids(openProjects(tree, { ...many, activeProject: null }))).toEqual([]);
    expect(ids(openProjects(tree, { ...many, activeProject: 2 }))).toEqual([2]);
    expect(ids(openProjects(tree, { ...many, activeProject: 2, overrides: { 3: true, 2: false } }))).toEqual([3]);
  });

  it('while finding, every project listed shows its matches, folded or not', () => {
    expect(ids(openProjects(tree, { filtering: true, activeProject: null, overrides: { 1: false }, totalSearches: 600 }))).toEqual([1, 2, 3]);
  });

  it('folds by hand are remembered; a damaged entry gives none, and only project ids with true or false are kept', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadFolds(storage)).toEqual({});
    saveFolds(storage, { 4: true, 7: false });
    expect(loadFolds(storage)).toEqual({ 4: true, 7: false });
    store.set('knobs-sidebar-folds', '{"4": true, "x": false, "5": "yes"}');
    expect(loadFolds(storage)).toEqual({ 4: true });
    store.set('knobs-sidebar-folds', '[1, 2');
    expect(loadFolds(storage)).toEqual({});
    store.set('knobs-sidebar-folds', '[true]');
    expect(loadFolds(storage)).toEqual({});
  });
});
