import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef, watch } from 'vue';
import type { Overlay, PushEvent, SearchDetail, TrialSummary } from '../../../src-core/api/contract';
import { api } from '../api';
import { applyEpochs, curveMap, overlayMap, type CurveMap, type TrialCurve } from '../charts/curves';
import { knobAxes } from '../charts/options';
import { filterTrials, mergeTrials, noFilter, type TrialFilter } from '../charts/trials';
import { useApp } from './app';

/** Curves redraw at most this often (ms) while epochs stream in; big overlays less often, so drawing never hogs the page. */
const CURVES_EVERY_MS = 500;
const BIG_CURVES_EVERY_MS = 2000;
const BIG_CURVES_POINTS = 50_000;
/** Pushed epochs kept while the curves are not loaded (ms): longer than the engine's write interval plus the push batching. */
const HOLD_MS = 5000;
/** The trial list and header reload at most this often (ms) while trials start and finish. */
const TRIALS_EVERY_MS = 1000;

/** The open search: its detail, trials and curves, kept live by pushed events; the selected trial, the compare set and the table filter. */
export const useSearch = defineStore('search', () => {
  const app = useApp();
  const id = ref<number | null>(null);
  const detail = shallowRef<SearchDetail | null>(null);
  const trials = shallowRef<TrialSummary[]>([]);
  const curves = shallowRef<CurveMap>(new Map());
  const selected = ref<number | null>(null);
  const drawer = ref(false);
  const compare = ref<number[]>([]);
  const filter = ref<TrialFilter>(noFilter());
  const loading = ref(false);

  const axes = computed(() => (detail.value ? knobAxes(detail.value.knobs, detail.value.rounds) : []));
  const visible = computed(() => (detail.value ? filterTrials(trials.value, filter.value, detail.value.direction) : []));
  const focus = computed(() => trials.value.find((t) => t.number === selected.value) ?? null);

  /** Where the last trial changes were read up to (trials.changes' cursor). */
  let cursor = '';

  /**
   * Every trial changed since `since` ('' for all), read page by page (the engine answers at most
   * 1,000 trials at a time, so no request stalls it), with the first page's cursor.
   */
  async function changesSince(searchId: number, since: string): Promise<{ cursor: string; trials: TrialSummary[] }> {
    let page = await api.call('trials.changes', { searchId, since });
    const { cursor } = page;
    let all = page.trials;
    while (page.more && page.trials.length > 0) {
      page = await api.call('trials.changes', { searchId, since, after: page.trials[page.trials.length - 1].number });
      all = all.concat(page.trials);
    }
    return { cursor, trials: all };
  }

  /** Every trial's validation curve, read page by page as the engine answers them. */
  async function loadOverlay(searchId: number): Promise<Omit<Overlay, 'more'>> {
    let page = await api.call('trials.overlay', { searchId });
    const all: Omit<Overlay, 'more'> = { trial: page.trial, epoch: page.epoch, valLoss: page.valLoss, valAccuracy: page.valAccuracy };
    while (page.more && page.trial.length > 0) {
      page = await api.call('trials.overlay', { searchId, after: page.trial[page.trial.length - 1] });
      all.trial.push(...page.trial);
      all.epoch.push(...page.epoch);
      all.valLoss.push(...page.valLoss);
      all.valAccuracy.push(...page.valAccuracy);
    }
    return all;
  }

  async function load(searchId: number): Promise<void> {
    const [d, t] = await Promise.all([api.call('searches.get', { id: searchId }), changesSince(searchId, '')]);
    if (id.value !== searchId) return;
    detail.value = d;
    trials.value = t.trials;
    cursor = t.cursor;
  }

  /**
   * Curves are loaded when a view needs them (the Curves and Compare tabs, the trial drawer), not
   * when the search opens: the Overview of a big search draws without them. Epochs pushed while
   * they load are kept and applied after.
   */
  const curvesState = ref<'none' | 'loading' | 'loaded'>('none');

  /**
   * Full curves (train and validation, every column) of the trials shown one by one: the selected
   * trial and the compared ones, fetched with the trial and kept live by pushed epochs.
   */
  const fullCurves = shallowRef<CurveMap>(new Map());
  const fetching = new Set<number>();
  async function needFull(numbers: number[]): Promise<void> {
    const searchId = id.value;
    if (searchId === null) return;
    const missing = numbers.filter((n) => !fullCurves.value.has(n) && !fetching.has(n));
    if (missing.length === 0) return;
    missing.forEach((n) => fetching.add(n));
    const details = await app.guard(() => Promise.all(missing.map((number) => api.call('trials.get', { searchId, number }))));
    missing.forEach((n) => fetching.delete(n));
    if (!details || id.value !== searchId) return;
    for (const d of details) fullCurves.value.set(d.number, curveMap(d.curves).get(d.number) ?? { epoch: [], trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [], lr: [] });
    triggerRef(fullCurves);
  }
  watch([() => selected.value, () => [...compare.value]], () => {
    void needFull([...(selected.value === null ? [] : [selected.value]), ...compare.value]);
  });
  /** A trial's full curve when fetched, else what the overlay has (validation only). */
  function curveOf(number: number): TrialCurve | undefined {
    return fullCurves.value.get(number) ?? curves.value.get(number);
  }
  /**
   * Epochs reach the page before they reach the database (written every 250 ms): the last few
   * seconds of pushed epochs, of every search, so curves loaded now miss none, even those pushed
   * before this search was opened.
   */
  let recent: { at: number; e: PushEvent }[] = [];
  let curvePointCount = 0;
  async function needCurves(): Promise<void> {
    const searchId = id.value;
    if (searchId === null || curvesState.value !== 'none') return;
    curvesState.value = 'loading';
    const c = await app.guard(() => loadOverlay(searchId));
    if (id.value !== searchId) return;
    if (!c) {
      curvesState.value = 'none';
      return;
    }
    const map = overlayMap(c);
    applyEpochs(map, searchId, recent.map((r) => r.e));
    curvePointCount = 0;
    for (const t of map.values()) curvePointCount += t.epoch.length;
    curves.value = map;
    curvesState.value = 'loaded';
  }

  /** Open a search (loads it whole; later changes arrive as events). */
  async function open(searchId: number): Promise<void> {
    if (id.value === searchId && detail.value) return;
    id.value = searchId;
    detail.value = null;
    trials.value = [];
    curves.value = new Map();
    selected.value = null;
    drawer.value = false;
    compare.value = [];
    filter.value = noFilter();
    curvesState.value = 'none';
    fullCurves.value = new Map();
    loading.value = true;
    await app.guard(() => load(searchId));
    loading.value = false;
  }

  async function reloadTrials(): Promise<void> {
    const searchId = id.value;
    if (searchId === null) return;
    await app.guard(async () => {
      const [d, t] = await Promise.all([api.call('searches.get', { id: searchId }), changesSince(searchId, cursor)]);
      if (id.value !== searchId) return;
      detail.value = d;
      cursor = t.cursor;
      trials.value = mergeTrials(trials.value, t.trials);
    });
  }

  let curvesTimer: ReturnType<typeof setTimeout> | null = null;
  let trialsTimer: ReturnType<typeof setTimeout> | null = null;
  function onEvents(events: PushEvent[]): void {
    const now = Date.now();
    for (const e of events) if (e.type === 'epoch') recent.push({ at: now, e });
    if (recent.length > 0 && now - recent[0].at > HOLD_MS) recent = recent.filter((r) => now - r.at <= HOLD_MS);
    const searchId = id.value;
    if (searchId === null) return;
    // (Before the curves have loaded, `recent` keeps the epochs for them.)
    if (curvesState.value === 'loaded' && applyEpochs(curves.value, searchId, events)) {
      curvePointCount += events.length;
      curvesTimer ??= setTimeout(() => {
        curvesTimer = null;
        triggerRef(curves);
      }, curvePointCount > BIG_CURVES_POINTS ? BIG_CURVES_EVERY_MS : CURVES_EVERY_MS);
    }
    if (fullCurves.value.size > 0) {
      const restarted = events.filter((e) => e.type === 'trialStarted' && e.searchId === searchId && fullCurves.value.has(e.number));
      if (applyEpochs(fullCurves.value, searchId, events) || restarted.length > 0) triggerRef(fullCurves);
    }
    if (!detail.value) return;
    const mine = events.filter((e) => e.type !== 'epoch' && e.type !== 'changed' && e.searchId === searchId);
    if (mine.length === 0) return;
    if (mine.some((e) => e.type === 'searchFinished')) {
      void reloadTrials().then(() => triggerRef(curves));
      return;
    }
    trialsTimer ??= setTimeout(() => {
      trialsTimer = null;
      void reloadTrials();
    }, TRIALS_EVERY_MS);
  }
  app.onEvents(onEvents);

  /** Select a trial (drives the highlighted curve and the detail drawer). */
  function select(number: number | null, openDrawer = false): void {
    selected.value = number;
    if (openDrawer && number !== null) drawer.value = true;
  }

  /** Add or remove a trial from the compare set (at most 4). */
  function toggleCompare(number: number): void {
    const i = compare.value.indexOf(number);
    if (i >= 0) compare.value.splice(i, 1);
    else if (compare.value.length < 4) compare.value.push(number);
  }

  async function control(action: 'stop' | 'pause' | 'start'): Promise<void> {
    const searchId = id.value;
    if (searchId === null) return;
    await app.guard(() => api.call(`searches.${action}`, { id: searchId }));
    await reloadTrials();
    await app.loadAll();
  }

  /** Save the trials or curves CSV (save dialog in Electron, download in a browser). */
  async function exportCsv(kind: 'trialsCsv' | 'curvesCsv'): Promise<string | null | undefined> {
    const searchId = id.value;
    if (searchId === null) return;
    return app.guard(async () => {
      const { filename, csv } = await api.call(`export.${kind}`, { searchId });
      return api.saveText(filename, csv);
    });
  }

  return {
    id, detail, trials, curves, curvesState, fullCurves, selected, drawer, compare, filter, loading, axes, visible, focus,
    open, needCurves, curveOf, reloadTrials, select, toggleCompare, control, exportCsv,
  };
});
