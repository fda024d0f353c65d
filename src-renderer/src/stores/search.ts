import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef, watch } from 'vue';
import type { DecisionBoundary, ObjectiveMetric, PushEvent, ReplayResult, SearchDetail, SearchSummary, SeedSpread, ThresholdCurve, TrialDetail, TrialSummary } from '../../../src-core/api/contract';
import { api, ApiCallError } from '../api';
import { applyEpochs, curveMap, emptyCurve, MAX_SMOOTHING, overlayMap, type CurveMap, type TrialCurve } from '../charts/curves';
import { curveMetricOf, curveMetrics, type CurveAxis, type CurveMetric } from '../charts/curveOptions';
import { knobAxes, scaleWithChance } from '../charts/options';
import { metricBound, objectiveScale, SCALE_MODES, type MetricBound, type ScaleMode } from '../charts/scale';
import { filterTrials, mergeTrials, noFilter, type TrialFilter } from '../charts/trials';
import { firstFoldText } from '../model/searchDataset';
import { serialReads } from '../model/serial';
import { describeSearch, noValueSentence, underway } from '../model/status';
import { useApp } from './app';
import { useTrials } from './trials';

/** Curves redraw at most this often (ms) while epochs stream in; big overlays less often, so drawing never hogs the page. */
const CURVES_EVERY_MS = 500;
const BIG_CURVES_EVERY_MS = 2000;
const BIG_CURVES_POINTS = 50_000;
/** Pushed epochs kept while the curves are not loaded (ms): longer than the engine's write interval plus the push batching. */
const HOLD_MS = 5000;
/** The trial list and header reload at most this often (ms) while trials start and finish. */
const TRIALS_EVERY_MS = 1000;

/** Epochs drawn in a set of curves. */
function pointsOf(map: CurveMap): number {
  let n = 0;
  for (const t of map.values()) n += t.epoch.length;
  return n;
}

const scaleKey = (searchId: number): string => `knobs-scale:${searchId}`;
const hidePrunedKey = 'knobs-hide-pruned';
const smoothingKey = 'knobs-curve-smoothing';
/** The curve smoothing the user chose last (in this browser, for every search), 0 (none) by default. */
function storedSmoothing(): number {
  const v = Number(localStorage.getItem(smoothingKey));
  return Number.isFinite(v) && v > 0 && v <= MAX_SMOOTHING ? v : 0;
}
/** The scale the user chose for a search's charts (remembered per search in this browser), auto by default. */
function storedScale(searchId: number): ScaleMode {
  const v = localStorage.getItem(scaleKey(searchId));
  return SCALE_MODES.includes(v as ScaleMode) ? (v as ScaleMode) : 'auto';
}

/**
 * The open search: its detail, trials and curves, kept live by pushed events; the selected trial
 * (highlighted in the charts; the route says whether its drawer is open), the compare set, the
 * table filter, the objective scale every chart shares, the curves' smoothing, and whether pruned trials are hidden from
 * every chart and the table (`shown`: the trials the views draw).
 */
export const useSearch = defineStore('search', () => {
  const app = useApp();
  const trialStore = useTrials();
  const id = ref<number | null>(null);
  const detail = shallowRef<SearchDetail | null>(null);
  /** The seed spread of this re-run, or of this search's latest re-run (null when there is none with a result). */
  const spread = shallowRef<SeedSpread | null>(null);
  /** Replays asked for in this session, by trial number (null while one trains). */
  const replays = ref<Record<number, ReplayResult | null>>({});
  const trials = shallowRef<TrialSummary[]>([]);
  const curves = shallowRef<CurveMap>(new Map());
  const selected = ref<number | null>(null);
  const compare = ref<number[]>([]);
  const filter = ref<TrialFilter>(noFilter());
  const loading = ref(false);
  /** Why the search could not be loaded (null while it loads or once it has): no such search, or the engine's message. The page says it, once. */
  const failure = ref<{ missing: boolean; message: string } | null>(null);
  const scaleMode = ref<ScaleMode>('auto');
  const hidePruned = ref(localStorage.getItem(hidePrunedKey) === '1');
  watch(hidePruned, (h) => (h ? localStorage.setItem(hidePrunedKey, '1') : localStorage.removeItem(hidePrunedKey)));
  /** Every curve chart's smoothing weight (TensorBoard's: 0 none, up to 0.99), remembered in this browser. */
  const smoothing = ref(storedSmoothing());
  /** What every curve chart is drawn against: the epoch, or the training time (TensorBoard's "relative" axis). */
  const curveAxis = ref<CurveAxis>('epoch');
  /** The metric a person chose for every curve chart of this search (null: its objective's, curveMetricOf). */
  const chosenCurveMetric = ref<CurveMetric | null>(null);
  /** The metric of the search's objective, which its curves are drawn by until a person chooses another (a regression's val_rmse: its RMSE, in the target's units). */
  const ownCurveMetric = computed(() => curveMetricOf(detail.value?.metric ?? 'val_loss'));
  /** The metrics the loaded curves can be drawn by (the loss and the objective's, and what the epochs recorded: the overlay's, or a trial's fetched whole when the Compare tab or the drawer opened first). */
  const curveMetricsOffered = computed(() => curveMetrics([curves.value, fullCurves.value], ownCurveMetric.value));
  /** What every curve chart draws (the Curves and Compare tabs, the trial drawer): the chosen metric where the curves have it, else the objective's. */
  const curveMetric = computed<CurveMetric>({
    get: () => (chosenCurveMetric.value !== null && curveMetricsOffered.value.includes(chosenCurveMetric.value) ? chosenCurveMetric.value : ownCurveMetric.value),
    set: (m) => void (chosenCurveMetric.value = m),
  });
  /** The shown curve metric's chance level on the validation rows: the curves draw it as a dotted line, their axis made to reach it where every curve is worse. */
  const curveChance = computed(() => detail.value?.chances[`val_${curveMetric.value}` as ObjectiveMetric] ?? null);
  /** Which fold the curves draw in a search of several ("fold 1 of 5"), null for a hold-out. */
  const curveFold = computed(() => (detail.value ? firstFoldText(detail.value.spec) : null));
  watch(smoothing, (w) => (w > 0 ? localStorage.setItem(smoothingKey, String(w)) : localStorage.removeItem(smoothingKey)));
  watch(scaleMode, (m) => {
    if (id.value === null) return;
    if (m === 'auto') localStorage.removeItem(scaleKey(id.value));
    else localStorage.setItem(scaleKey(id.value), m);
  });

  const axes = computed(() => (detail.value ? knobAxes(detail.value.knobs, detail.value.rounds) : []));
  /** The trials every view draws: all of them, or those the pruner did not stop when pruned ones are hidden. */
  const shown = computed(() => (hidePruned.value ? trials.value.filter((t) => t.status !== 'pruned') : trials.value));
  const prunedCount = computed(() => trials.value.reduce((n, t) => n + (t.status === 'pruned' ? 1 : 0), 0));
  /**
   * The overlaid curves the views draw (without pruned trials' when they are hidden). A function, not
   * a computed: pushed epochs change the map in place (triggerRef), and a computed returning the same
   * map would not tell the views.
   */
  function shownCurves(): CurveMap {
    const all = curves.value;
    if (!hidePruned.value || prunedCount.value === 0) return all;
    const pruned = new Set(trials.value.filter((t) => t.status === 'pruned').map((t) => t.number));
    return new Map([...all].filter(([n]) => !pruned.has(n)));
  }
  const visible = computed(() => (detail.value ? filterTrials(shown.value, filter.value, detail.value.direction, app.vocabulary?.failedTrialStatuses ?? []) : []));
  const focus = computed(() => trials.value.find((t) => t.number === selected.value) ?? null);
  /** Trials that have started (queued ones are not counted: they are only planned). */
  const started = computed(() => trials.value.filter((t) => t.status !== 'queued'));
  /** The objective's bounds (a loss at least 0, accuracy within 0 and 1, R² at most 1), from the engine's words, with the search's direction: no axis goes past them. */
  const bound = computed((): MetricBound | undefined => {
    const d = detail.value;
    return d ? metricBound(app.vocabulary?.metricRanges, d.metric, d.direction) : undefined;
  });
  /** How many trials shown have ended: until one has, an objective chart has nothing to draw. */
  const endedCount = computed(() => shown.value.filter((t) => !underway(t)).length);
  /**
   * Why no objective chart can draw (trials have ended and none shown has a value: every one
   * diverged or failed; an axis would only be a guess, 0–1, with the crosses on its edge), in
   * noValueSentence's words, else null.
   */
  const noValue = computed(() => (endedCount.value > 0 ? noValueSentence(shown.value, detail.value?.metric ?? 'value') : null));
  /** The objective's chance level on the validation rows (what always giving the same answer scores), once a trial has ended. */
  const chance = computed(() => (detail.value ? detail.value.chances[detail.value.metric] ?? null : null));
  /** The objective's scale, decided once for every objective chart of the search; made to reach the chance level where every trial is worse than it. */
  const scale = computed(() => {
    const own = objectiveScale(shown.value.map((t) => t.objective), scaleMode.value, bound.value);
    return detail.value ? scaleWithChance(own, chance.value, shown.value, detail.value.direction, bound.value) : own;
  });
  const view = computed(() => (detail.value ? { metric: detail.value.metric, direction: detail.value.direction, scale: scale.value } : null));
  /** What the header says and which controls apply, from the search's one state. */
  const status = computed(() => (detail.value ? describeSearch(detail.value, { readOnly: app.locked }) : null));

  /** Where the last trial changes were read up to (trials.changes' cursor). */
  let cursor = '';
  /** Searches opened so far: a read begun for an earlier opening is not applied to this one (its cursor is that opening's). */
  let opened = 0;

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

  /**
   * Every trial's validation curve (those numbered above `after`, if given), read page by page; the
   * next page is asked for before this one is unpacked, so the engine writes it meanwhile.
   */
  async function loadOverlay(searchId: number, after?: number): Promise<CurveMap> {
    const map: CurveMap = new Map();
    let next = api.call('trials.overlay', after === undefined ? { searchId } : { searchId, after });
    for (;;) {
      const page = await next;
      const more = page.more && page.trial.length > 0;
      if (more) {
        next = api.call('trials.overlay', { searchId, after: page.trial[page.trial.length - 1] });
        // Awaited on the next turn, which rethrows its failure; marked handled meanwhile, should unpacking this page throw first.
        next.catch(() => undefined);
      }
      overlayMap(page, map);
      if (!more) return map;
    }
  }

  /** Seed re-runs exist for this search, or it is one. */
  const hasSeeds = (d: SearchDetail | null): boolean => Boolean(d && (d.parentId !== null || d.reruns.length > 0));

  async function loadSpread(searchId: number, d: SearchDetail): Promise<void> {
    const s = hasSeeds(d) ? await api.call('searches.seedSpread', { id: searchId }) : null;
    if (id.value === searchId) spread.value = s;
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
  /** Keep the full curves of fetched trial details (an empty curve for a trial with no epochs yet). */
  function keepFull(details: (TrialDetail | undefined)[]): void {
    for (const d of details) {
      if (d) fullCurves.value.set(d.number, curveMap(d.curves).get(d.number) ?? emptyCurve());
    }
    triggerRef(fullCurves);
  }
  async function needFull(numbers: number[]): Promise<void> {
    const searchId = id.value;
    if (searchId === null) return;
    const missing = numbers.filter((n) => !fullCurves.value.has(n) && !fetching.has(n));
    if (missing.length === 0) return;
    missing.forEach((n) => fetching.add(n));
    const details = await Promise.all(missing.map((number) => trialStore.detail(searchId, number)));
    missing.forEach((n) => fetching.delete(n));
    if (id.value !== searchId) return;
    keepFull(details);
  }
  /** Whether the trial drawer shows (the route decides; the curves it draws are then fetched). */
  const drawerOpen = ref(false);
  watch([() => selected.value, () => [...compare.value], drawerOpen], () => {
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
  /**
   * The trials whose overlay curve was whole when last read: ended then (every status but running
   * and queued), with that status. Their curves cannot change until their status does (a resumed
   * search trains an interrupted trial again), so a search run elsewhere re-reads only the rest.
   */
  let settled = new Map<number, TrialSummary['status']>();
  const ended = (t: Pick<TrialSummary, 'status'>): boolean => !underway(t);
  async function needCurves(): Promise<void> {
    const searchId = id.value;
    if (searchId === null || curvesState.value !== 'none') return;
    curvesState.value = 'loading';
    const listed = trials.value;
    const map = await app.guard(() => loadOverlay(searchId));
    if (id.value !== searchId) return;
    if (!map) {
      curvesState.value = 'none';
      return;
    }
    applyEpochs(map, searchId, recent.map((r) => r.e));
    curvePointCount = pointsOf(map);
    curves.value = map;
    settled = new Map(listed.filter(ended).map((t) => [t.number, t.status]));
    curvesState.value = 'loaded';
  }

  /** Open a search (loads it whole; later changes arrive as events). */
  async function open(searchId: number): Promise<void> {
    if (id.value === searchId && detail.value) return;
    id.value = searchId;
    detail.value = null;
    spread.value = null;
    replays.value = {};
    trials.value = [];
    curves.value = new Map();
    selected.value = null;
    compare.value = [];
    chosenCurveMetric.value = null;
    filter.value = noFilter();
    scaleMode.value = storedScale(searchId);
    curvesState.value = 'none';
    fullCurves.value = new Map();
    settled = new Map();
    cursor = '';
    failure.value = null;
    opened++;
    loading.value = true;
    await reloadTrials();
    loading.value = false;
  }

  /** One read of the search and its trials changed since the cursor, applied unless the search was left (or opened again) meanwhile. */
  async function readOnce(): Promise<void> {
    const searchId = id.value;
    const opening = opened;
    if (searchId === null) return;
    await app.guard(async () => {
      let read: [SearchDetail, { cursor: string; trials: TrialSummary[] }];
      try {
        read = await Promise.all([api.call('searches.get', { id: searchId }), changesSince(searchId, cursor)]);
      } catch (e) {
        if (id.value !== searchId || opened !== opening) return;
        // A search that never loaded: its page says why, in place of the dashboard (the banner would say it a second time).
        if (!detail.value) {
          failure.value = { missing: e instanceof ApiCallError && e.kind === 'not-found', message: (e as Error).message };
          return;
        }
        throw e;
      }
      const [d, t] = read;
      if (id.value !== searchId || opened !== opening) return;
      detail.value = d;
      cursor = t.cursor;
      trials.value = mergeTrials(trials.value, t.trials);
      await loadSpread(searchId, d);
    });
  }

  /** Read the search and its changed trials again (one read at a time: see serialReads). */
  const reloadTrials = serialReads(readOnce);

  /**
   * A search another process runs (`knobs run` in a terminal): no epochs are pushed for it, so the
   * curves shown are read again (the overlay when loaded, from the first trial not settled on; and
   * the full curves of the selected and compared trials until they have ended); its trial list
   * reloads as for any event of the search.
   */
  let elsewhereTimer: ReturnType<typeof setTimeout> | null = null;
  async function rereadOnce(): Promise<void> {
    const searchId = id.value;
    const opening = opened;
    if (searchId === null) return;
    if (curvesState.value === 'loaded') {
      // Trials not in the list yet (started since it was read) are numbered above every listed one, or above `after`.
      const listed = trials.value;
      let after = -1;
      for (const n of settled.keys()) after = Math.max(after, n);
      for (const t of listed) if (settled.get(t.number) !== t.status) after = Math.min(after, t.number - 1);
      const c = await app.guard(() => loadOverlay(searchId, after));
      if (!c || id.value !== searchId || opened !== opening || curvesState.value !== 'loaded') return;
      const map = curves.value;
      for (const n of [...map.keys()]) if (n > after) map.delete(n);
      for (const [n, curve] of c) map.set(n, curve);
      for (const t of listed) {
        if (ended(t)) settled.set(t.number, t.status);
        else settled.delete(t.number);
      }
      curvePointCount = pointsOf(map);
      triggerRef(curves);
    }
    // The selected and compared trials that have started, until fetched once they have ended.
    const started = new Set(trials.value.map((t) => t.number));
    const stale = [...(selected.value === null ? [] : [selected.value]), ...compare.value].filter((n) => {
      const cached = trialStore.cachedDetail(searchId, n);
      return started.has(n) && (!cached || !ended(cached));
    });
    if (stale.length === 0) return;
    const fresh = await Promise.all(stale.map((n) => trialStore.refresh(searchId, n)));
    if (id.value !== searchId || opened !== opening) return;
    keepFull(fresh);
  }
  /** One reread at a time, as for the trial list: an older one landing last would draw curves the trials have grown past. */
  const rereadCurves = serialReads(rereadOnce);

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
    if (events.some((e) => e.type === 'changedElsewhere' && e.searchId === searchId)) {
      // With the trial list, so the header never says "complete" over curves that lag; big overlays less often.
      elsewhereTimer ??= setTimeout(() => {
        elsewhereTimer = null;
        if (id.value === searchId) void rereadCurves();
      }, curvePointCount > BIG_CURVES_POINTS ? BIG_CURVES_EVERY_MS : TRIALS_EVERY_MS);
    }
    const mine = events.filter((e) => e.type !== 'epoch' && e.type !== 'changed' && e.searchId === searchId);
    if (mine.length === 0) return;
    if (mine.some((e) => e.type === 'searchFinished')) {
      // Draw the last epochs now, not at the throttled redraw: the status turns "complete" when
      // the reload lands, and the curves should not lag behind it.
      if (curvesTimer !== null) {
        clearTimeout(curvesTimer);
        curvesTimer = null;
        triggerRef(curves);
      }
      void reloadTrials().then(() => triggerRef(curves));
      return;
    }
    trialsTimer ??= setTimeout(() => {
      trialsTimer = null;
      void reloadTrials();
    }, TRIALS_EVERY_MS);
  }
  app.onEvents(onEvents);

  /** Select a trial (the highlighted curve; the drawer shows it when the route opens it). */
  function select(number: number | null): void {
    selected.value = number;
  }

  /** Add or remove a trial from the compare set (at most 4). */
  function toggleCompare(number: number): void {
    const i = compare.value.indexOf(number);
    if (i >= 0) compare.value.splice(i, 1);
    else if (compare.value.length < 4) compare.value.push(number);
  }

  /** Set the compare set (from a link: at most 4, trials of this search). */
  function setCompare(numbers: number[]): void {
    const next = [...new Set(numbers)].filter((n) => Number.isInteger(n) && n >= 0).slice(0, 4);
    if (next.join() !== compare.value.join()) compare.value = next;
  }

  /** Pause, resume (start) or stop the search; true when the engine accepted. */
  async function control(action: 'stop' | 'pause' | 'start'): Promise<boolean> {
    const searchId = id.value;
    if (searchId === null) return false;
    const ok = Boolean(await app.guard(() => api.call(`searches.${action}`, { id: searchId })));
    await reloadTrials();
    await app.loadAll();
    return ok;
  }

  /** Run the top `top` configurations again with `seeds` seeds each (a child search, started); resolves to it, undefined on error. */
  async function rerun(top: number, seeds: number, splitSeeds: boolean): Promise<SearchSummary | undefined> {
    const searchId = id.value;
    if (searchId === null) return;
    const child = await app.guard(() => api.call('searches.rerun', { id: searchId, top, seeds, splitSeeds }));
    if (child) await app.loadAll();
    return child;
  }

  /** Train a trial again and compare its curve with the stored one; the answer lands in `replays`. */
  async function replay(number: number): Promise<ReplayResult | undefined> {
    const searchId = id.value;
    if (searchId === null) return;
    replays.value = { ...replays.value, [number]: null };
    const r = await app.guard(() => api.call('trials.replay', { searchId, number }));
    if (id.value !== searchId) return;
    const next = { ...replays.value };
    if (r) next[number] = r;
    else delete next[number];
    replays.value = next;
    return r;
  }

  /**
   * Trials ("search:number") the engine has trained again for their drawer: one replay gives both
   * the decision boundary and the thresholds, so once either is drawn the other panel draws at once.
   */
  const pictured = ref<ReadonlySet<string>>(new Set());
  const picturedKey = (searchId: number, number: number): string => `${searchId}:${number}`;
  /** Whether a trial of this search has been trained again for its drawer (its other picture is ready without training). */
  const isPictured = (number: number): boolean => id.value !== null && pictured.value.has(picturedKey(id.value, number));
  async function pictureOf<T>(number: number, ask: (searchId: number) => Promise<T>): Promise<T> {
    const searchId = id.value;
    if (searchId === null) throw new Error('No search is open');
    const r = await ask(searchId);
    pictured.value = new Set(pictured.value).add(picturedKey(searchId, number));
    return r;
  }

  /** A trial of this search's decision boundary (trials.boundary: it trains the trial again, once for its thresholds too); a refusal is thrown, for the panel to say in place. */
  function boundary(number: number): Promise<DecisionBoundary> {
    return pictureOf(number, (searchId) => api.call('trials.boundary', { searchId, number }));
  }

  /** A trial of this search's precision and recall of its rarest class at every threshold (trials.threshold: it trains the trial again, once for its boundary too); a refusal is thrown, for the panel to say. */
  function threshold(number: number, positive?: number): Promise<ThresholdCurve> {
    return pictureOf(number, (searchId) => api.call('trials.threshold', { searchId, number, ...(positive === undefined ? {} : { positive }) }));
  }

  /** Save the search's notes or tags; false when refused. */
  async function setMeta(what: { notes: string } | { tags: string[] }): Promise<boolean> {
    const searchId = id.value;
    if (searchId === null) return false;
    const r = await app.guard(() => ('notes' in what ? api.call('searches.setNotes', { id: searchId, notes: what.notes }) : api.call('searches.setTags', { id: searchId, tags: what.tags })));
    if (r && detail.value && id.value === searchId) detail.value = { ...detail.value, notes: r.notes, tags: r.tags };
    return Boolean(r);
  }

  /** Save a CSV the engine writes (save dialog in Electron, download in a browser); resolves to where it went and its rows past the header, null when cancelled, undefined on error. */
  async function saveCsv(make: (searchId: number) => Promise<{ filename: string; csv: string }>): Promise<{ where: string; rows: number } | null | undefined> {
    const searchId = id.value;
    if (searchId === null) return;
    return app.guard(async () => {
      const { filename, csv } = await make(searchId);
      const where = await api.saveText(filename, csv);
      return where === null ? null : { where, rows: Math.max(0, csv.trimEnd().split('\n').length - 1) };
    });
  }

  /** Save the trials or curves CSV. */
  const exportCsv = (kind: 'trialsCsv' | 'curvesCsv') => saveCsv((searchId) => api.call(`export.${kind}`, { searchId }));
  /** Save the trials CSV of these trials only (the Trials tab's rows as filtered). */
  const exportShown = (numbers: number[]) => saveCsv((searchId) => api.call('export.trialsCsv', { searchId, numbers }));
  /** Save one trial's confusion matrix as CSV (a row per true class; `rows` are its classes). */
  const exportConfusion = (number: number) => saveCsv((searchId) => api.call('export.confusionCsv', { searchId, number }));

  return {
    id, detail, spread, replays, trials, curves, curvesState, fullCurves, selected, drawerOpen, compare, filter, loading, failure, scaleMode, smoothing, curveAxis, curveMetric, curveMetricsOffered, hidePruned, shown, shownCurves, prunedCount, axes, visible, focus, started, endedCount, noValue, chance, scale, view, status, curveChance, curveFold,
    open, needCurves, curveOf, reloadTrials, select, toggleCompare, setCompare, control, exportCsv, exportShown, exportConfusion, rerun, replay, boundary, threshold, isPictured, setMeta,
  };
});
