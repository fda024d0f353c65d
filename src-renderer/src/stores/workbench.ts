import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Curves, DatasetSummary, ProjectSummary, PushEvent, SearchSummary, TrialSummary } from '../../../src-core/api/contract';
import { api } from '../api';

/** Projects, searches, the selected search's trials and curves, kept live by pushed events. */
export const useWorkbench = defineStore('workbench', () => {
  const projects = ref<ProjectSummary[]>([]);
  const searches = ref<SearchSummary[]>([]);
  const datasets = ref<DatasetSummary[]>([]);
  const selectedId = ref<number | null>(null);
  const trials = shallowRef<TrialSummary[]>([]);
  const curves = shallowRef<Curves | null>(null);
  const error = ref('');
  const selected = computed(() => searches.value.find((s) => s.id === selectedId.value) ?? null);
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

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
      [projects.value, searches.value, datasets.value] = await Promise.all([api.call('projects.list', undefined), api.call('searches.list', {}), api.call('datasets.list', undefined)]);
    });
  }

  /** Select a search and load its trials and curves. */
  async function select(id: number | null): Promise<void> {
    selectedId.value = id;
    if (id !== null) await loadSelected();
  }

  async function loadSelected(): Promise<void> {
    const id = selectedId.value;
    if (id === null) return;
    await guard(async () => {
      const [t, c] = await Promise.all([api.call('trials.list', { searchId: id }), api.call('trials.curves', { searchId: id })]);
      if (selectedId.value === id) {
        trials.value = t;
        curves.value = c;
      }
    });
  }

  /** Create a search from a spec object and start it; selects it. */
  async function createSearch(spec: unknown): Promise<boolean> {
    const s = await guard(() => api.call('searches.create', { spec, start: true }));
    if (!s) return false;
    await loadAll();
    await select(s.id);
    return true;
  }

  /** Stop, pause or resume the selected search. */
  async function control(action: 'stop' | 'pause' | 'start'): Promise<void> {
    const id = selectedId.value;
    if (id === null) return;
    await guard(() => api.call(`searches.${action}`, { id }));
    await loadAll();
  }

  /** Coalesce refreshes: pushed events arrive in bursts, the views refresh at most every 300 ms. */
  function scheduleRefresh(): void {
    if (refreshTimer) return;
    refreshTimer = setTimeout(async () => {
      refreshTimer = null;
      searches.value = (await guard(() => api.call('searches.list', {}))) ?? searches.value;
      await loadSelected();
    }, 300);
  }

  /** Apply a batch of pushed events. */
  function onEvents(events: PushEvent[]): void {
    if (events.some((e) => e.type !== 'epoch' || e.searchId === selectedId.value)) scheduleRefresh();
  }

  api.subscribe(onEvents);
  return { projects, searches, datasets, selectedId, selected, trials, curves, error, loadAll, select, createSearch, control };
});
