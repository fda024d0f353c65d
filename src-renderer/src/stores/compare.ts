import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ObjectiveMetric, SearchComparison } from '../../../src-core/api/contract';
import { api } from '../api';
import { comparisonScale } from '../charts/compare';
import type { ScaleMode } from '../charts/scale';
import { useApp } from './app';

/** The comparison reloads at most this often (ms) while compared searches run. */
const RELOAD_EVERY_MS = 1500;
/** Searches compared at once. */
export const MAX_COMPARED = 6;

/**
 * Searches side by side: which (2–6, any projects; the route's `?searches=`), their comparison
 * (searches.compare), kept live while any of them runs, and the objective scale its charts share.
 */
export const useCompare = defineStore('compare', () => {
  const app = useApp();
  const ids = ref<number[]>([]);
  /** The metric asked for (the route's `?by=`), or null for the searches' shared objective. */
  const by = ref<string | null>(null);
  const data = shallowRef<SearchComparison | null>(null);
  const scaleMode = ref<ScaleMode>('auto');
  const scale = computed(() => (data.value ? comparisonScale(data.value, scaleMode.value, app.vocabulary?.metricRanges) : null));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;

  /**
   * Compare these searches (fewer than 2 clears the comparison), by `metric` where given. A metric
   * they cannot be compared by (a link kept from other searches) falls back to their objectives; the
   * answer's `metric` then says what was drawn.
   */
  async function load(next: number[], metric: string | null = by.value): Promise<void> {
    // Each search once (a hand-edited link may name one twice; the engine refuses that).
    ids.value = [...new Set(next)].slice(0, MAX_COMPARED);
    by.value = metric;
    const mine = ++asked;
    if (ids.value.length < 2) {
      data.value = null;
      return;
    }
    const asMetric = metric ? await api.call('searches.compare', { ids: ids.value, metric: metric as ObjectiveMetric }).catch(() => undefined) : undefined;
    const c = asMetric ?? (await app.guard(() => api.call('searches.compare', { ids: ids.value })));
    if (mine === asked) data.value = c ?? null;
  }

  app.onEvents((events) => {
    if (ids.value.length < 2 || timer) return;
    if (!events.some((e) => (e.type === 'trialFinished' || e.type === 'searchFinished' || e.type === 'changedElsewhere') && ids.value.includes(e.searchId))) return;
    timer = setTimeout(() => {
      timer = null;
      void load(ids.value);
    }, RELOAD_EVERY_MS);
  });

  return { ids, by, data, scaleMode, scale, load };
});
