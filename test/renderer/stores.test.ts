// The renderer's Pinia stores against a real engine: a Workbench on a real SQLite file training in
// real worker threads, reached the way Electron's host reaches it (the renderer's own IPC client,
// structured clones both ways, pushed events batched as the hosts batch them). Only the window's
// file dialogs are replaced (a test cannot click one). These are the stores' live-update paths
// that end-to-end screenshots only glimpse: a search followed while it runs must end with exactly
// the engine's trials and curves, and a panel that appears must ask at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { Channel, IpcAnswer, PushEvent, SearchSummary, TrialDetail, TrialSummary } from '../../src-core/api/contract';
import { batchPushes } from '../../src-core/service/push';
import { Workbench } from '../../src-core/service/workbench';
import { createSearch, Study } from '../../src-core/search/study';
import { Store } from '../../src-core/store/store';
import { answer } from '../../src-main/answer';
import type { Transport } from '../../src-renderer/src/api';
import { overlayMap, type CurveMap } from '../../src-renderer/src/charts/curves';
import { ipcCall } from '../../src-renderer/src/model/client';
import { useAnalysis } from '../../src-renderer/src/stores/analysis';
import { useCompare } from '../../src-renderer/src/stores/compare';
import { useEditor } from '../../src-renderer/src/stores/editor';
import { useLearn } from '../../src-renderer/src/stores/learn';
import { useApp } from '../../src-renderer/src/stores/app';
import { useSearch } from '../../src-renderer/src/stores/search';
import { useTrials } from '../../src-renderer/src/stores/trials';
import { caller } from '../helpers/call';

/** What a window gives the stores (`window`, localStorage and sessionStorage), and the requests they made, in order. */
const host = vi.hoisted(() => {
  const storage = (): Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'clear'> => {
    const saved = new Map<string, string>();
    return {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, String(v)),
      removeItem: (k: string) => void saved.delete(k),
      clear: () => saved.clear(),
    };
  };
  const g = globalThis as Record<string, unknown>;
  g.window ??= globalThis;
  g.localStorage ??= storage();
  g.sessionStorage ??= storage();
  return {
    transport: null as Transport | null, asked: [] as string[], inputs: [] as unknown[], onCall: null as ((channel: string, input: unknown) => void) | null,
    /** Hold an answer (answered as the engine is when asked) until the promise given resolves, as a slow connection would. */
    late: null as ((channel: string, input: unknown) => Promise<void> | null) | null,
  };
});

// The window's transport, built at import from `window.knobs` or the page's URL, is the one part
// swapped: for the Electron host's path, with the renderer's own client (ipcCall) inside.
vi.mock('../../src-renderer/src/api', async () => {
  const { ApiCallError, TOKEN_REFUSED } = await import('../../src-renderer/src/model/client');
  const t = (): Transport => {
    if (!host.transport) throw new Error('the test host is not up yet');
    return host.transport;
  };
  const api: Transport = {
    host: 'electron',
    call: (channel, input) => t().call(channel, input),
    subscribe: (listener) => t().subscribe(listener),
    openCsv: () => t().openCsv(),
    saveText: (f, text) => t().saveText(f, text),
    saveBytes: (f, data) => t().saveBytes(f, data),
    openBundle: () => t().openBundle(),
    onMenu: (listener) => t().onMenu(listener),
  };
  const pickBinary = async (): Promise<null> => null;
  return { api, ApiCallError, TOKEN_REFUSED, pickBinary };
});

let dir: string;
let store: Store;
let wb: Workbench;
const call = caller(() => wb);
const listeners = new Set<(events: PushEvent[]) => void>();
let stopPushes: () => void = () => {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'knobs-stores-'));
  store = Store.open(join(dir, 'k.db'));
  wb = new Workbench({ store, version: 'test', workers: 1, backups: false, watchMs: 200 });
  const ipc = ipcCall({
    call: async (channel, input) => structuredClone(await answer(wb, channel as Channel, structuredClone(input), () => {})) as IpcAnswer<never>,
  });
  stopPushes = batchPushes(wb, (events) => {
    const copy = structuredClone(events);
    for (const l of listeners) l(copy);
  });
  host.transport = {
    host: 'electron',
    call: (channel, input) => {
      host.asked.push(channel);
      host.inputs.push(input);
      host.onCall?.(channel, input);
      const answered = ipc(channel, input);
      const held = host.late?.(channel, input);
      return held ? answered.then(async (a) => (await held, a)) : answered;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openCsv: async () => null,
    saveText: async (filename) => filename,
    saveBytes: async (filename) => filename,
    openBundle: async () => null,
    onMenu: () => () => {},
  };
});
afterAll(async () => {
  stopPushes();
  await wb.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  listeners.clear();
  host.asked.length = 0;
  host.inputs.length = 0;
  host.onCall = null;
  host.late = null;
  setActivePinia(createPinia());
});

/** Wait until `ok()` holds (polling), or fail saying what was awaited. */
async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const spec = (name: string, trials: number, epochs: number) => ({
  project: 'stores', name, dataset: { synthetic: 'moons', n: 600 }, seed: 3,
  train: { epochs, hiddenLayers: [16], earlyStopping: false },
  space: { lr: { type: 'float', low: 0.01, high: 0.3, log: true }, hiddenUnits: { type: 'int', low: 4, high: 32 } },
  strategy: { kind: 'random' }, budget: { trials },
});

/** Every trial of a search as the engine has it now. */
async function engineTrials(searchId: number): Promise<TrialSummary[]> {
  const page = await call('trials.changes', { searchId, since: '' });
  expect(page.more).toBe(false);
  return page.trials;
}

/**
 * Validation curves as the Curves tab draws them: epochs and values to the overlay's 32-bit floats
 * (epochs that reached the store as pushed events carry every digit, those read from the database
 * the nearest float32; both are right).
 */
function drawn(curves: CurveMap): [number, { epoch: number[]; valLoss: (number | null)[] }][] {
  const f32 = (v: number | null): number | null => (v === null ? null : Math.fround(v));
  return [...curves].sort(([a], [b]) => a - b).map(([n, c]) => [n, { epoch: c.epoch, valLoss: c.valLoss.map(f32) }]);
}

/** Resolves when the engine has pushed (and the store's host delivered) that search's end. */
function pushedEnd(app: ReturnType<typeof useApp>, searchId: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = app.onEvents((events) => {
      if (events.some((e) => e.type === 'searchFinished' && e.searchId === searchId)) {
        stop();
        resolve();
      }
    });
  });
}

/** Create a search and run it to its end (as the store heard it). */
async function ranToEnd(app: ReturnType<typeof useApp>, name: string, trials: number, epochs: number): Promise<SearchSummary> {
  const s = await call('searches.create', { spec: spec(name, trials, epochs) });
  const ended = pushedEnd(app, s.id);
  await call('searches.start', { id: s.id });
  await ended;
  return s;
}

describe('the sidebar (app store)', () => {
  it('loads what the engine has, shows a refusal in the banner and stores nothing, and follows changes made elsewhere', async () => {
    const app = useApp();
    await app.loadAll();
    expect(app.loaded).toBe(true);
    expect(app.vocabulary?.finishedTrialStatuses).toContain('complete');
    expect(app.datasets.map((d) => d.name)).toContain('digits');
    const before = app.projects.length;

    expect(await app.createProject('   ')).toBeUndefined();
    expect(app.error).toMatch(/name/i);
    expect((await call('projects.list')).length).toBe(before);

    const p = await app.createProject('mine');
    expect(p?.name).toBe('mine');
    expect(app.error).toBe('');
    expect(app.projects.map((x) => x.name)).toContain('mine');

    // Another window (or the CLI through `knobs serve`) creates a search: the pushed event reloads the sidebar.
    const s = await call('searches.create', { spec: { ...spec('made elsewhere', 1, 1), project: 'mine' } });
    await until('the sidebar to list the new search', () => app.searches.some((x) => x.id === s.id));
    expect(app.tree.find((x) => x.name === 'mine')?.items.map((x) => x.name)).toEqual(['made elsewhere']);
  });
});

describe('the open search (search store)', () => {
  it('followed live, with its curves loaded mid-run, ends with exactly the engine\'s trials and curves', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    const s: SearchSummary = await call('searches.create', { spec: { ...spec('live', 8, 40), dataset: { synthetic: 'moons', n: 4000 }, train: { epochs: 40, hiddenLayers: [64], earlyStopping: false } } });
    await search.open(s.id);
    expect(search.detail?.status).toBe('queued');
    expect(search.trials).toEqual([]);

    // Load the curves once epochs are streaming, so some reach the store only from the database,
    // some only as pushed events (those pushed while the overlay loads, and after).
    let loading: Promise<void> | null = null;
    let pushedAfterLoad = 0;
    const stop = app.onEvents((events) => {
      const mine = events.filter((e) => e.type === 'epoch' && e.searchId === s.id).length;
      if (search.curvesState === 'loaded') pushedAfterLoad += mine;
      else if (!loading && mine > 0) loading = search.needCurves();
    });
    expect(await search.control('start')).toBe(true);
    await until('the search to complete in the store', () => search.detail?.status === 'complete', 120_000);
    stop();
    expect(loading).not.toBeNull();
    expect(pushedAfterLoad).toBeGreaterThan(0);

    const trials = await engineTrials(s.id);
    expect(trials.map((t) => t.status)).toEqual(Array(8).fill('complete'));
    await until('the store\'s trials to equal the engine\'s', () => JSON.stringify(search.trials) === JSON.stringify(trials));

    const overlay = await call('trials.overlay', { searchId: s.id });
    expect(overlay.more).toBe(false);
    const expected = overlayMap(overlay);
    expect([...expected.values()].every((c) => c.epoch.length === 40)).toBe(true);
    await until('the store\'s curves to equal the engine\'s', () => JSON.stringify(drawn(search.curves)) === JSON.stringify(drawn(expected)));
    expect(app.error).toBe('');
  });

  it('draws a regression\'s curves by its objective (RMSE, in the target\'s units) until another is chosen, offers what its epochs record, and starts again for another search', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    const moons = await ranToEnd(app, 'classes for metrics', 2, 3);
    const sine = await call('searches.create', {
      spec: { ...spec('regression metrics', 2, 3), dataset: { synthetic: 'sine', n: 120 }, objective: { metric: 'val_rmse' }, space: { lr: { type: 'float', low: 0.01, high: 0.1, log: true } } },
    });
    const ended = pushedEnd(app, sine.id);
    await call('searches.start', { id: sine.id });
    await ended;
    await search.open(sine.id);
    expect(search.curveMetric).toBe('rmse');
    // Before any curve is loaded: the loss and the objective's; a trial fetched whole (the drawer, the Compare tab) tells the rest.
    expect(search.curveMetricsOffered).toEqual(['loss', 'rmse']);
    search.select(0);
    await until('the selected trial\'s curves to say what the epochs record', () => search.curveMetricsOffered.length === 4);
    await search.needCurves();
    expect(search.curveMetricsOffered).toEqual(['loss', 'rmse', 'mae', 'r2']);
    const c = search.curves.get(0)!;
    const stored = (await call('trials.get', { searchId: sine.id, number: 0 })).curves.valRmse;
    expect(c.valRmse!.map((v) => Number(v!.toPrecision(4)))).toEqual(stored.map((v) => Number(v!.toPrecision(4))));
    // A metric its epochs do not record is not kept: the objective's is drawn.
    search.curveMetric = 'accuracy';
    expect(search.curveMetric).toBe('rmse');
    search.curveMetric = 'mae';
    expect(search.curveMetric).toBe('mae');
    // Another search: its own objective again (the loss), with accuracy and balanced accuracy offered once its curves load.
    await search.open(moons.id);
    expect(search.curveMetric).toBe('loss');
    await search.needCurves();
    expect(search.curveMetricsOffered).toEqual(['loss', 'accuracy', 'balanced_accuracy']);
  });

  it('never lets a read answered late put back a state the search has left', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    const s = await call('searches.create', { spec: { ...spec('answered late', 3, 1500), dataset: { synthetic: 'moons', n: 4000 }, train: { epochs: 1500, hiddenLayers: [64], earlyStopping: false } } });
    await search.open(s.id);
    // The first read of the search while it runs (and the sidebar's) is answered only after the
    // search has ended and the reads that followed its end have been asked.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const late = { search: false, sidebar: false };
    host.late = (channel) => {
      if (store.searches.get(s.id)?.status !== 'running') return null;
      if (channel === 'searches.get' && !late.search) return (late.search = true), held;
      if (channel === 'searches.list' && !late.sidebar) return (late.sidebar = true), held;
      return null;
    };
    const ended = pushedEnd(app, s.id);
    const started = search.control('start');
    await ended;
    expect(late).toEqual({ search: true, sidebar: true });
    await new Promise((r) => setTimeout(r, 1500));
    release();
    await started;
    await until('the header to say complete', () => search.detail?.status === 'complete', 10_000);
    await until('the sidebar to say complete', () => app.searches.find((x) => x.id === s.id)?.status === 'complete', 10_000);
    // Nothing older lands after it.
    await new Promise((r) => setTimeout(r, 500));
    expect(search.detail?.status).toBe('complete');
    expect(app.searches.find((x) => x.id === s.id)?.status).toBe('complete');
    expect(search.trials).toEqual(await engineTrials(s.id));
  });

  it('shows a trial as running from its start, not from its first epoch', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    // One epoch of a wide net, one example a step: seconds before the first epoch ends.
    const s = await call('searches.create', { spec: { ...spec('slow first epoch', 1, 1), space: {}, dataset: { builtin: 'digits' }, train: { epochs: 1, hiddenLayers: [1024, 1024], batchSize: 1, earlyStopping: false } } });
    await search.open(s.id);
    let epochs = 0;
    const stop = app.onEvents((events) => void (epochs += events.filter((e) => e.type === 'epoch' && e.searchId === s.id).length));
    await search.control('start');
    await until('the trial list to say running', () => search.trials[0]?.status === 'running');
    expect(epochs).toBe(0);
    expect(search.detail?.counts.running).toBe(1);
    stop();
    await search.control('stop');
  });

  it('follows a search another process runs (no events of its own reach this one) to the engine\'s trials and curves', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    // Another process: its own connection to the same file, its own study (as `knobs run` in a terminal).
    const other = Store.open(store.path);
    const { id } = createSearch(other, { ...spec('run elsewhere', 3, 5000), dataset: { synthetic: 'moons', n: 4000 }, train: { epochs: 5000, hiddenLayers: [64], earlyStopping: false } });
    await until('the sidebar to list it', () => app.searches.some((x) => x.id === id));
    await search.open(id);
    const study = new Study(other, id, { workers: 1 });
    const ran = study.run();
    await until('a trial to show as running', () => search.trials.some((t) => t.status === 'running'));
    expect(store.searches.get(id)?.status).toBe('running');
    // Each overlay read, with the trials the engine has running as it is asked: a trial that trains
    // is read again every time (never settled on before it ends), whatever the pace of either side.
    const overlays: { after: number; running: number[] }[] = [];
    host.onCall = (channel, input) => {
      if (channel !== 'trials.overlay') return;
      overlays.push({ after: (input as { after?: number }).after ?? -1, running: store.trials.list(id).filter((t) => t.status === 'running').map((t) => t.number) });
    };
    await search.needCurves();
    // The last trial, opened before it started: its full curve must follow it to its end.
    search.select(2);
    search.drawerOpen = true;
    await ran;
    other.close();
    await until('the store to say complete', () => search.detail?.status === 'complete');
    const trials = await engineTrials(id);
    expect(trials.map((t) => t.status)).toEqual(Array(3).fill('complete'));
    await until('the store\'s trials to equal the engine\'s', () => JSON.stringify(search.trials) === JSON.stringify(trials));
    const expected = overlayMap(await call('trials.overlay', { searchId: id }));
    await until('the store\'s curves to equal the engine\'s', () => JSON.stringify(drawn(search.curves)) === JSON.stringify(drawn(expected)));
    await until('the selected trial\'s full curve', () => search.fullCurves.get(2)?.epoch.length === 5000);
    // Once a trial has ended, the overlay is read again from the trials after it, not whole; never past one that trains.
    expect(overlays.length).toBeGreaterThan(2);
    expect(overlays.some((o) => o.after >= 0)).toBe(true);
    expect(overlays.filter((o) => o.running.some((n) => n <= o.after))).toEqual([]);
    expect(useTrials().cachedDetail(id, 2)?.status).toBe('complete');
    await until('the sidebar to say complete', () => app.searches.find((x) => x.id === id)?.status === 'complete');
  });

  it('keeps a search it left from writing into the one it opened', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    const b = await ranToEnd(app, 'opened', 1, 2);
    const a = await call('searches.create', { spec: { ...spec('left', 3, 30), dataset: { synthetic: 'moons', n: 4000 }, train: { epochs: 30, hiddenLayers: [64], earlyStopping: false } } });
    await search.open(a.id);
    await search.needCurves();
    const aEnded = pushedEnd(app, a.id);
    await search.control('start');
    await search.open(b.id);
    await search.needCurves();
    expect(store.searches.get(a.id)?.status).toBe('running');
    await aEnded;
    await new Promise((r) => setTimeout(r, 1500));
    expect(search.id).toBe(b.id);
    expect(search.trials).toEqual(await engineTrials(b.id));
    expect(drawn(search.curves)).toEqual(drawn(overlayMap(await call('trials.overlay', { searchId: b.id }))));
    expect(search.curves.get(0)?.epoch).toEqual([1, 2]);
  });

  it('a search that is not there is a failure of its own page (no such search), not also the error banner', async () => {
    const app = useApp();
    const search = useSearch();
    await app.loadAll();
    await search.open(999);
    expect(search.detail).toBeNull();
    expect(search.failure).toEqual({ missing: true, message: 'No search 999' });
    expect(app.error).toBe('');
    // Another search opened afterwards clears it.
    const s = await ranToEnd(app, 'found', 1, 1);
    await search.open(s.id);
    expect(search.failure).toBeNull();
    expect(search.detail?.id).toBe(s.id);
  });
});

describe('importance and densities (analysis store)', () => {
  it('asks the moment a panel appears, follows trials while it shows, and drops a search left', async () => {
    const app = useApp();
    const search = useSearch();
    const analysis = useAnalysis();
    await app.loadAll();
    const s = await call('searches.create', { spec: spec('importance', 6, 3) });
    await search.open(s.id);

    // Shown before the search runs: too few trials, and it says so.
    let hide = analysis.want('importance');
    await until('the first answer', () => analysis.importance !== null);
    expect(analysis.importance?.trials).toBe(0);
    expect(analysis.importance?.reason).toMatch(/trials/);
    hide();

    // Hidden while the search runs (another tab), shown again after: asked synchronously, not after
    // the two-second spacing for live updates, so the old answer does not stand meanwhile.
    await search.control('start');
    await until('the search to complete', () => search.detail?.status === 'complete', 60_000);
    await until('the store to hold its trials', () => search.trials.filter((t) => t.status === 'complete').length === 6);
    host.asked.length = 0;
    hide = analysis.want('importance');
    expect(host.asked).toEqual(['searches.importance']);
    await until('the answer over 6 trials', () => analysis.importance?.trials === 6);
    expect(analysis.importance?.knobs.map((k) => k.name).sort()).toEqual(['hiddenUnits', 'lr']);
    hide();

    // Shown again with nothing new: the answer stands, nothing is asked.
    host.asked.length = 0;
    hide = analysis.want('importance');
    expect(host.asked).toEqual([]);
    hide();

    // Shown while a search runs: the answer follows the trials as they finish, to the last one.
    const live = await call('searches.create', { spec: { ...spec('live importance', 12, 30), dataset: { synthetic: 'moons', n: 3000 } } });
    await search.open(live.id);
    expect(analysis.importance).toBeNull();
    hide = analysis.want('importance');
    await search.control('start');
    await until('the answer over all 12 trials', () => analysis.importance?.trials === 12, 60_000);
    hide();

    // Another search opened: the old answer is dropped at once.
    await search.open(s.id);
    await until('the answer to be dropped', () => analysis.importance === null);
  });
});

describe('one trial (trials store)', () => {
  it('shares one request among askers, and fetches a trial shown while it trains again when it ends', async () => {
    const app = useApp();
    const trials = useTrials();
    await app.loadAll();
    const s = await call('searches.create', { spec: { ...spec('one trial', 1, 200), dataset: { synthetic: 'moons', n: 4000 }, train: { epochs: 200, hiddenLayers: [64], earlyStopping: false } } });
    const ask: { both: Promise<(TrialDetail | undefined)[]> | null; requests: string[] } = { both: null, requests: [] };
    const ended = pushedEnd(app, s.id);
    const stop = app.onEvents((events) => {
      if (!ask.both && events.some((e) => e.type === 'epoch' && e.searchId === s.id)) {
        host.asked.length = 0;
        // The drawer and the compare view ask at the same moment: one request.
        ask.both = Promise.all([trials.detail(s.id, 0), trials.detail(s.id, 0)]);
        ask.requests = [...host.asked];
      }
    });
    await call('searches.start', { id: s.id });
    await ended;
    stop();
    expect(ask.requests).toEqual(['trials.get']);
    const [first, second] = await ask.both!;
    expect(second).toBe(first);
    expect(first?.status).toBe('running');
    await until('the trial fetched again once it ended', () => trials.cachedDetail(s.id, 0)?.status === 'complete');
    const d = trials.cachedDetail(s.id, 0)!;
    expect(d).toEqual(await call('trials.get', { searchId: s.id, number: 0 }));
    expect(new Set(d.curves.epoch).size).toBe(200);
  });
});

describe('searches side by side (compare store)', () => {
  it('follows a compared search while it runs, and a comparison left for another is not written over', async () => {
    const app = useApp();
    const compare = useCompare();
    await app.loadAll();
    const done = await ranToEnd(app, 'compared, done', 2, 2);
    const running = await call('searches.create', { spec: { ...spec('compared, running', 6, 30), dataset: { synthetic: 'moons', n: 3000 } } });

    await compare.load([done.id, running.id]);
    expect(app.error).toBe('');
    expect(compare.data?.searches.map((x) => x.trials.length)).toEqual([2, 0]);
    const ended = pushedEnd(app, running.id);
    await call('searches.start', { id: running.id });
    await ended;
    await until('the comparison to hold every trial of the running search', () => compare.data?.searches[1].trials.length === 6);
    expect(compare.data).toEqual(await call('searches.compare', { ids: [done.id, running.id] }));

    // Asked for two searches, then (before the answer) for one: the late answer must not land.
    const late = compare.load([running.id, done.id]);
    await compare.load([done.id]);
    await late;
    expect(compare.ids).toEqual([done.id]);
    expect(compare.data).toBeNull();
    // A link naming one search twice compares it once: nothing is asked, nothing refused.
    host.asked.length = 0;
    await compare.load([done.id, done.id]);
    expect(compare.ids).toEqual([done.id]);
    expect(host.asked).not.toContain('searches.compare');
    expect(app.error).toBe('');
  });
});


describe('the search editor (editor store)', () => {
  it('checks the form as it is typed, keeps a draft across a reload, shows a refusal at its field, and runs', async () => {
    const app = useApp();
    await app.loadAll();
    let editor = useEditor();
    await editor.start({ dataset: 'iris' });
    expect(editor.form.dataset.name).toBe('iris');
    await until('the engine\'s check', () => editor.check?.ok === true);
    expect(editor.check?.plannedTrials).toBeGreaterThan(0);

    // A bound the engine refuses: its issue lands at the knob's field.
    editor.form.knobs[0].low = 0;
    await until('the engine to refuse the log bound', () => editor.check?.ok === false);
    expect(editor.issues).toEqual([{ path: 'space.lr.low', message: 'a log-scaled knob needs low > 0 (got 0)' }]);

    // A reload (a new page, the same tab): the draft of the same origin comes back as typed.
    setActivePinia(createPinia());
    await useApp().loadAll();
    editor = useEditor();
    await editor.start({ dataset: 'iris' });
    expect(editor.form.knobs[0].low).toBe(0);

    // Run refused: nothing stored, the engine's words at their fields.
    const before = (await call('searches.list', {})).length;
    expect(await editor.run()).toBeNull();
    expect(editor.runError).not.toBe('');
    expect(editor.runIssues.map((i) => i.path)).toEqual(['space.lr.low']);
    expect((await call('searches.list', {})).length).toBe(before);

    // Mended and run: the search exists and runs, the draft is gone.
    editor.form.knobs[0].low = 0.001;
    editor.form.budget.trials = 2;
    editor.form.train.epochs = 2;
    await until('the check to pass', () => editor.check?.ok === true);
    const s = await editor.run();
    expect(s).not.toBeNull();
    expect(sessionStorage.getItem('knobs-draft')).toBeNull();
    expect((await call('searches.get', { id: s!.id })).knobs.map((k) => k.name)).toEqual(['lr', 'hiddenUnits']);
    await until('the search to end', () => ['complete', 'failed'].includes(store.searches.get(s!.id)?.status ?? ''), 60_000);
    expect(store.searches.get(s!.id)?.status).toBe('complete');
  });
});

describe('the playground (learn store)', () => {
  it('draws a path from the view\'s own reactive start point, and says why a bad knob is refused', async () => {
    const app = useApp();
    const learn = useLearn();
    await app.loadAll();
    const surfaces = await learn.loadSurfaces();
    expect(surfaces.length).toBeGreaterThan(0);
    // The view keeps its start point in a ref: what crosses to the engine is Vue's proxy of it.
    const start = ref<[number, number]>([-1, 1]);
    const p = await learn.path(surfaces[0].id, { optimizer: 'sgd', lr: 0.01 }, start.value, 20);
    expect(p.points.length).toBe(21);
    expect(p.points[0].slice(0, 2)).toEqual([-1, 1]);
    await expect(learn.path(surfaces[0].id, { optimizer: 'sgd', lr: -1 }, start.value, 20)).rejects.toThrow(/lr/);
  });
});
