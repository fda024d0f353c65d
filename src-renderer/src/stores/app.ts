import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { BundleImportResult, DatasetSummary, MenuCommand, NoteHit, OutputOf, ProjectSummary, PushEvent, SearchDetail, SearchSummary, Vocabulary } from '../../../src-core/api/contract';
import { api } from '../api';
import { serialReads } from '../model/serial';
import { byName } from '../model/projectRows';

type Listener = (events: PushEvent[]) => void;

/**
 * The app as the sidebar sees it: projects, searches and data sets (kept fresh by pushed events),
 * the spec's vocabulary, the theme, the error banner and the one subscription to pushed events.
 * Every request the views make about projects and searches goes through here.
 */
export const useApp = defineStore('app', () => {
  const projects = ref<ProjectSummary[]>([]);
  const searches = shallowRef<SearchSummary[]>([]);
  const datasets = ref<DatasetSummary[]>([]);
  const vocabulary = shallowRef<Vocabulary | null>(null);
  const dark = ref(localStorage.getItem('knobs-theme') ? localStorage.getItem('knobs-theme') === 'dark' : (window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false));
  const filter = ref('');
  const error = ref('');
  const loaded = ref(false);
  const host = api.host;
  const listeners = new Set<Listener>();
  watch(dark, (d) => localStorage.setItem('knobs-theme', d ? 'dark' : 'light'));

  /** Notes and tags holding the find box's text (projects, searches, trials), asked for a moment after typing stops. */
  const hits = shallowRef<NoteHit[]>([]);
  let findTimer: ReturnType<typeof setTimeout> | null = null;
  watch(filter, (text) => {
    if (findTimer) clearTimeout(findTimer);
    if (!text.trim()) {
      hits.value = [];
      return;
    }
    findTimer = setTimeout(async () => {
      findTimer = null;
      const found = await guard(() => api.call('notes.find', { text: text.slice(0, 200), limit: 20 }));
      if (found && filter.value === text) hits.value = found;
    }, 200);
  });

  /** Projects by name as people read them (the sidebar, pickers). */
  const projectsByName = computed(() => [...projects.value].sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id));
  const tree = computed(() => {
    const q = filter.value.trim().toLowerCase();
    return projectsByName.value
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

  /** Load everything the sidebar shows (one load at a time: see serialReads). */
  const loadAll = serialReads(async () => {
    await guard(async () => {
      const [p, s, d] = await Promise.all([api.call('projects.list', undefined), api.call('searches.list', {}), api.call('datasets.list', undefined)]);
      projects.value = p;
      searches.value = s;
      datasets.value = d;
      vocabulary.value ??= await api.call('app.vocabulary', undefined);
    });
    loaded.value = true;
  });

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reload the sidebar at most once a second while events stream in. */
  function scheduleRefresh(): void {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      void loadAll();
    }, 1000);
  }

  /** Listen to pushed events (the open search and the trial cache do); returns the unsubscribe function. */
  function onEvents(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  api.subscribe((events) => {
    if (events.some((e) => e.type !== 'epoch' && e.type !== 'trialStarted')) scheduleRefresh();
    for (const l of listeners) l(events);
  });

  /** Electron's menu commands (a browser gets the same from keyboard shortcuts); returns the unsubscribe function. */
  const onMenu = (listener: (command: MenuCommand) => void): (() => void) => api.onMenu(listener);

  /** Create a project; the name must not be empty (the message says so). Resolves to the project, or undefined when refused. */
  async function createProject(name: string): Promise<ProjectSummary | undefined> {
    const p = await guard(() => api.call('projects.create', { name }));
    if (p) await loadAll();
    return p;
  }

  async function renameProject(id: number, name: string): Promise<ProjectSummary | undefined> {
    const p = await guard(() => api.call('projects.rename', { id, name }));
    if (p) await loadAll();
    return p;
  }

  async function setProjectNotes(id: number, notes: string): Promise<ProjectSummary | undefined> {
    const p = await guard(() => api.call('projects.setNotes', { id, notes }));
    if (p) await loadAll();
    return p;
  }

  async function setProjectTags(id: number, tags: string[]): Promise<ProjectSummary | undefined> {
    const p = await guard(() => api.call('projects.setTags', { id, tags }));
    if (p) await loadAll();
    return p;
  }

  async function deleteProject(id: number): Promise<boolean> {
    const done = Boolean(await guard(() => api.call('projects.delete', { id })));
    if (done) await loadAll();
    return done;
  }

  async function renameSearch(id: number, name: string): Promise<SearchSummary | undefined> {
    const s = await guard(() => api.call('searches.rename', { id, name }));
    if (s) await loadAll();
    return s;
  }

  async function deleteSearch(id: number): Promise<boolean> {
    const done = Boolean(await guard(() => api.call('searches.delete', { id })));
    if (done) await loadAll();
    return done;
  }

  /** A search's detail (its spec, to duplicate it). */
  const searchDetail = (id: number): Promise<SearchDetail | undefined> => guard(() => api.call('searches.get', { id }));

  const backups = shallowRef<OutputOf<'app.backups'> | null>(null);
  async function loadBackups(): Promise<void> {
    backups.value = (await guard(() => api.call('app.backups', undefined))) ?? null;
  }
  async function backupNow(): Promise<void> {
    if (await guard(() => api.call('app.backupNow', undefined))) await loadBackups();
  }
  /** Which Knobs answers: version, database file, kernels (the start page shows it), and whether its database is read-only (read at start). */
  const info = shallowRef<OutputOf<'app.info'> | null>(null);
  async function loadInfo(): Promise<void> {
    info.value ??= (await guard(() => api.call('app.info', undefined))) ?? null;
  }

  /**
   * The database is open for reading only (`knobs serve --read-only`, or a file that cannot be
   * written): the engine refuses every request that writes, and every action that would send one
   * is turned off with `lockNote` as its tooltip and aria-description (never hidden).
   */
  const readOnly = computed(() => info.value?.readOnly ?? null);
  /** Whether write actions are turned off. */
  const locked = computed(() => readOnly.value !== null);
  /** Why an action is turned off, for its tooltip and aria-description. */
  const lockNote = computed(() => (readOnly.value ? `Turned off: the database is open read-only (${readOnly.value.reason}), so nothing in it can be changed.` : ''));
  /** The attributes a write action carries while locked (spread with v-bind): its reason as tooltip and aria-description. */
  const lockAttrs = computed((): Record<string, string> => (locked.value ? { title: lockNote.value, 'aria-description': lockNote.value } : {}));

  /** Export a project as a bundle file (a save dialog in Electron, a download in a browser); resolves to where, null when cancelled, undefined on error. */
  async function exportProject(id: number): Promise<string | null | undefined> {
    return guard(async () => {
      const b = await api.call('projects.exportBundle', { id });
      return api.saveBytes(b.filename, b.data);
    });
  }

  /** Let the user pick a bundle and import it as a new project; resolves to what the import did, null when cancelled, undefined when refused (the banner says why). */
  async function importProject(): Promise<BundleImportResult | null | undefined> {
    const r = await guard(async () => {
      const file = await api.openBundle();
      return file ? api.call('projects.importBundle', { filename: file.name, data: file.data }) : null;
    });
    if (r) await loadAll();
    return r;
  }

  /** Save text as a file (a save dialog in Electron, a download in a browser); resolves to where, or null when cancelled. */
  const saveText = (filename: string, text: string): Promise<string | null | undefined> => guard(() => api.saveText(filename, text));
  /** Save bytes (base64) as a file, as `saveText` saves text: a chart's picture. */
  const saveBytes = (filename: string, base64: string): Promise<string | null | undefined> => guard(() => api.saveBytes(filename, base64));

  return {
    projects, projectsByName, searches, datasets, vocabulary, dark, filter, hits, error, loaded, host, tree, backups, info, readOnly, locked, lockNote, lockAttrs, setProjectTags,
    guard, loadAll, onEvents, onMenu, createProject, renameProject, setProjectNotes, deleteProject, renameSearch, deleteSearch, searchDetail, loadBackups, backupNow, loadInfo, saveText, saveBytes, exportProject, importProject,
  };
});
