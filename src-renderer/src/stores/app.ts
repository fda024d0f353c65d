import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { DatasetSummary, ProjectSummary, PushEvent, SearchSummary, Vocabulary } from '../../../src-core/api/contract';
import { api } from '../api';

/** Where the main area is. */
export type Route =
  | { name: 'home' }
  | { name: 'project'; id: number }
  | { name: 'dataset'; dataset: string }
  | { name: 'import' }
  | { name: 'editor'; spec?: unknown; projectName?: string }
  | { name: 'search'; id: number }
  | { name: 'experiments' }
  | { name: 'playground' };

type Listener = (events: PushEvent[]) => void;

/** Projects, searches and data sets for the sidebar, the route, the theme, and the one subscription to pushed events. */
export const useApp = defineStore('app', () => {
  const projects = ref<ProjectSummary[]>([]);
  const searches = shallowRef<SearchSummary[]>([]);
  const datasets = ref<DatasetSummary[]>([]);
  const vocabulary = shallowRef<Vocabulary | null>(null);
  const route = ref<Route>({ name: 'home' });
  const dark = ref(localStorage.getItem('knobs-theme') ? localStorage.getItem('knobs-theme') === 'dark' : (window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false));
  const filter = ref('');
  const error = ref('');
  const loaded = ref(false);
  const listeners = new Set<Listener>();
  watch(dark, (d) => localStorage.setItem('knobs-theme', d ? 'dark' : 'light'));

  const tree = computed(() => {
    const q = filter.value.trim().toLowerCase();
    return projects.value
      .map((p) => {
        const own = searches.value.filter((s) => s.projectId === p.id);
        const hit = !q || p.name.toLowerCase().includes(q);
        return { ...p, items: hit ? own : own.filter((s) => s.name.toLowerCase().includes(q)), hit };
      })
      .filter((p) => p.hit || p.items.length > 0);
  });

  /** Run a request, showing its error in the banner; undefined when it failed. */
  async function guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      error.value = '';
      return await fn();
    } catch (e) {
      error.value = (e as Error).message;
      return undefined;
    }
  }

  /** Load everything the sidebar shows. */
  async function loadAll(): Promise<void> {
    await guard(async () => {
      const [p, s, d] = await Promise.all([api.call('projects.list', undefined), api.call('searches.list', {}), api.call('datasets.list', undefined)]);
      projects.value = p;
      searches.value = s;
      datasets.value = d;
      vocabulary.value ??= await api.call('app.vocabulary', undefined);
    });
    loaded.value = true;
  }

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reload the sidebar at most once a second while events stream in. */
  function scheduleRefresh(): void {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      void loadAll();
    }, 1000);
  }

  /** Go to a view. */
  function go(to: Route): void {
    route.value = to;
  }

  /** Listen to pushed events (the search dashboard does); returns the unsubscribe function. */
  function onEvents(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  api.subscribe((events) => {
    if (events.some((e) => e.type !== 'epoch' && e.type !== 'trialStarted')) scheduleRefresh();
    for (const l of listeners) l(events);
  });

  async function createProject(name: string): Promise<ProjectSummary | undefined> {
    const p = await guard(() => api.call('projects.create', { name }));
    if (p) {
      await loadAll();
      go({ name: 'project', id: p.id });
    }
    return p;
  }

  async function deleteProject(id: number): Promise<void> {
    if (await guard(() => api.call('projects.delete', { id }))) {
      await loadAll();
      go({ name: 'home' });
    }
  }

  async function deleteSearch(id: number, projectId: number): Promise<void> {
    if (await guard(() => api.call('searches.delete', { id }))) {
      await loadAll();
      go({ name: 'project', id: projectId });
    }
  }

  /** Create a search from a spec and start it; goes to its dashboard. Throws with the engine's message when refused. */
  async function runSpec(spec: unknown): Promise<SearchSummary> {
    const s = await api.call('searches.create', { spec, start: true });
    await loadAll();
    go({ name: 'search', id: s.id });
    return s;
  }

  return { projects, searches, datasets, vocabulary, route, dark, filter, error, loaded, tree, guard, loadAll, go, onEvents, createProject, deleteProject, deleteSearch, runSpec };
});
