import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { DensityView, PairSurface, SearchImportance } from '../../../src-core/api/contract';
import { api } from '../api';
import { underway } from '../model/status';
import { useApp } from './app';
import { useSearch } from './search';

/** Importance and densities are asked again at most this often (ms) while trials finish. */
const EVERY_MS = 2000;

/**
 * What the open search's trials say beyond their rows: each knob's importance (fANOVA), for a TPE
 * search the good and bad densities TPE proposes from, and the forest's surface over the pair of
 * knobs the pair chart shows. Fetched only while a panel shows them (`want`, `wantSurface`), again
 * when trials have finished or started since, at most every two seconds.
 */
export const useAnalysis = defineStore('analysis', () => {
  const app = useApp();
  const search = useSearch();
  const importance = shallowRef<SearchImportance | null>(null);
  /**
   * The pruner's step the importance panel reads at (null: the trials that ran to their end, which
   * the Search space tab's lines always use), and the answer there (null while it is computed).
   */
  const importanceStep = ref<number | null>(null);
  const importanceAt = shallowRef<SearchImportance | null>(null);
  const densities = shallowRef<DensityView | null>(null);
  const surface = shallowRef<PairSurface | null>(null);
  /** The pair of knobs whose surface a panel shows (null: none is shown). */
  const surfacePair = ref<{ x: string; y: string } | null>(null);
  const wanted = ref({ importance: 0, densities: 0 });
  /** Finished and running trials of the open search: the engine's answers change only with them. */
  const finished = computed(() => {
    const done = new Set<string>(app.vocabulary?.finishedTrialStatuses ?? []);
    return search.trials.filter((t) => done.has(t.status)).length;
  });
  const running = computed(() => search.trials.filter(underway).length);
  const key = computed(() => `${search.id}:${finished.value}:${running.value}`);

  let shownFor: number | null = null;
  const asked = { importance: '', importanceAt: '', densities: '', surface: '' };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;

  async function refresh(): Promise<void> {
    timer = null;
    last = Date.now();
    const id = search.id;
    if (id === null) return;
    const k = key.value;
    const importanceKey = `${id}:${finished.value}`;
    const jobs: Promise<unknown>[] = [];
    if (wanted.value.importance > 0 && asked.importance !== importanceKey) {
      asked.importance = importanceKey;
      jobs.push(app.guard(() => api.call('searches.importance', { id })).then((r) => {
        if (r !== undefined && search.id === id) importance.value = r;
      }));
    }
    const step = importanceStep.value;
    const atKey = `${importanceKey}:${step}`;
    if (wanted.value.importance > 0 && step !== null && asked.importanceAt !== atKey) {
      asked.importanceAt = atKey;
      jobs.push(app.guard(() => api.call('searches.importance', { id, step })).then((r) => {
        if (r !== undefined && search.id === id && importanceStep.value === step) importanceAt.value = r;
      }));
    }
    if (wanted.value.densities > 0 && asked.densities !== k) {
      asked.densities = k;
      jobs.push(app.guard(() => api.call('searches.densities', { id })).then((r) => {
        if (r !== undefined && search.id === id) densities.value = r;
      }));
    }
    const pair = surfacePair.value;
    const surfaceKey = pair ? `${id}:${finished.value}:${pair.x}\n${pair.y}` : '';
    if (pair && asked.surface !== surfaceKey) {
      asked.surface = surfaceKey;
      jobs.push(app.guard(() => api.call('searches.surface', { id, ...pair })).then((r) => {
        if (r !== undefined && search.id === id && surfacePair.value?.x === r.x.name && surfacePair.value.y === r.y.name) surface.value = r;
      }));
    }
    await Promise.all(jobs);
  }

  watch([key, () => wanted.value.importance, () => wanted.value.densities], () => {
    if (search.id !== shownFor) {
      shownFor = search.id;
      importance.value = null;
      importanceStep.value = null;
      importanceAt.value = null;
      densities.value = null;
      surface.value = null;
      asked.importance = '';
      asked.importanceAt = '';
      asked.densities = '';
      asked.surface = '';
    }
    if (timer) return;
    timer = setTimeout(() => void refresh(), Math.max(0, last + EVERY_MS - Date.now()));
  }, { immediate: true });

  /**
   * A panel that draws importance or densities calls this while it is shown; the returned function
   * stops. A panel that appears asks at once (the two-second spacing is for live updates while it
   * is shown): opened after the search moved on, it would otherwise show the answer from when it
   * was last shown for up to two seconds.
   */
  function want(what: 'importance' | 'densities'): () => void {
    wanted.value = { ...wanted.value, [what]: wanted.value[what] + 1 };
    if (timer) clearTimeout(timer);
    void refresh();
    return () => {
      wanted.value = { ...wanted.value, [what]: wanted.value[what] - 1 };
    };
  }

  /**
   * The pair chart shows knobs x and y: their surface is asked for at once and kept up to date while
   * trials finish; the returned function stops. Another pair replaces the last one's surface.
   */
  function wantSurface(x: string, y: string): () => void {
    surfacePair.value = { x, y };
    if (surface.value && (surface.value.x.name !== x || surface.value.y.name !== y)) surface.value = null;
    if (timer) clearTimeout(timer);
    void refresh();
    return () => {
      if (surfacePair.value?.x === x && surfacePair.value.y === y) surfacePair.value = null;
    };
  }

  /** The importance panel reads at a pruner's step (null: the trials that ran to their end): asked for at once. */
  function readImportanceAt(step: number | null): void {
    if (step === importanceStep.value) return;
    importanceStep.value = step;
    importanceAt.value = null;
    if (timer) clearTimeout(timer);
    void refresh();
  }

  return { importance, importanceStep, importanceAt, densities, surface, want, wantSurface, readImportanceAt };
});
