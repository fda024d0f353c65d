import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type {
  Channel, Curves, DecisionBoundary, Handlers, KnobInfo, Overlay, ProjectSummary, PruneInfo, PushEvent, ReadOnlyInfo, SearchSummary, SpecCheck, TestEvaluation, ThresholdCurve, TrialSummary, Vocabulary,
} from '../api/contract';
import { WRITES } from '../api/channels';
import { INPUTS } from '../api/schemas';
import { encodeFloats, OVERLAY_COLUMNS } from '../api/floats';
import { syntheticLabel } from '../api/labels';
import { builtinDatasets, classNamesOf, loadDataset, makeSplit, syntheticLabels, toShared, type Dataset } from '../data';
import { availableKernelPaths } from '../nn/kernels/index';
import { WorkerPool } from '../runner/pool';
import { budgetPlan, definitionOf, EDITOR_STRATEGY_KINDS, plannedTrials, strategyForms, strategySchema } from '../search/registry';
import { checkedSpec } from '../search/validate';
import { pruningSummary, prunerSentence } from '../search/pruning';
import { prunerForms } from '../prune/forms';
import { dataCautions, rowCautions, specCautions } from '../search/cautions';
import { specRows } from '../spec/checks';
import { checkDataUnchanged } from '../store/datahash';
import { createSearch, datasetNameOf, elsewhereMessage, metricIssues, Study, taskOfSpec } from '../search/study';
import { BadInputError, issueText, StoreError, type Issue } from '../errors';
import { SpecError, formatZodIssues, PARSE_OPTIONS } from '../spec/errors';
import { budgetSchema, parseSpec, parseStoredSpec, storedSpecInput, trainConfigOf, type Spec } from '../spec/spec';
import { TRAIN_KEYS } from '../spec/train';
import {
  ACTIVATIONS, BOOLEAN_TRAIN_KEYS, CLASS_WEIGHTS, BUILTIN_DATASETS, CLOSED_SEARCH_STATUSES, FAILED_TRIAL_STATUSES, FINISHED_TRIAL_STATUSES, INITS, INT_TRAIN_KEYS, LR_SCHEDULES,
  finishedCount, MAXIMIZED_METRICS, METRIC_RANGES, MONITORS, OBJECTIVE_METRICS, OPTIMIZERS, PREPROCESS, SEARCH_STATUSES, TARGET_PREPROCESS, STOP_REASONS, RESULT_TRIAL_STATUSES, SYNTHETIC_DATASETS, TEXT_LIMITS, TRIAL_STATUSES,
} from '../vocabulary';
import { AT, recordWidth, type EpochChunk } from '../store/chunks';
import type { ImportedDataset, SearchRow, Store, TrialRow } from '../store/store';
import { targetFacts } from '../diagnostics/findings';
import { experimentById, experimentChance, experimentInfos, experimentOutcomeOf, experimentRunName, playgroundPath, searchChances, surfaceInfos, trialDiagnostics, type FindingsContext } from './insight';
import { confusionCsv, confusionOf, curvesCsv, predictionsOf, trialConfusionCsv, trialsCsv } from './export';
import { SearchAnalysis } from './analysis';
import { replayTrial, trainedPathHere } from './replay';
import { ANSWERS, BOUNDARY, DrawerReplays } from './pictures';
import { thresholdCurve } from './threshold';
import { createRerun, seedSpread } from '../search/seeds';
import { tagsOf } from '../store/repos/notes';
import { compareSearches } from './compare';
import { DataSets, safeName } from './data-sets';

/** What a host needs to give the Workbench. */
export interface WorkbenchOptions {
  store: Store;
  version: string;
  /** Which host serves it (app.info tells the UI); none when called directly. */
  host?: 'electron' | 'browser';
  /** Worker threads per search (default: the spec's, else cores). */
  workers?: number;
  /** Where imported CSVs are kept (default: `datasets/` beside the database). */
  datasetsDir?: string;
  /** Keep rolling backups of the database (default: yes, for a database file). */
  backups?: boolean;
  /** Where problems nobody asked about are reported (a failed automatic backup); default: console.error. */
  log?: (message: string) => void;
  /** How often (ms) to look for writes by another process (default 1000; 0: never). */
  watchMs?: number;
  /**
   * How long (ms) a file-based data set loaded (for the editor's check, a search, its replays) is kept
   * after its last use (default 600,000: its features as 32-bit floats, 20 MB for a CSV of 5 million
   * cells), and the import dialog's CSV read as a table (default 60,000: its cells as text, many times that).
   */
  dataKeepMs?: number;
  /**
   * Why the store is open read-only (Store.open with `readonly`), as a clause for the banner and the
   * refusals: "started with --read-only", "the file cannot be written (…)". Default: "opened for reading only".
   */
  readOnlyReason?: string;
}


/**
 * Implements the contract over the store and the study runner; every host (IPC, HTTP) calls it
 * the same way and forwards its pushed events (`on('push', …)`) to the attached UIs.
 *
 * @example
 *   const wb = new Workbench({ store: Store.open(path), version: '0.1.0' });
 *   wb.on('push', (e) => send(e));
 *   await wb.call('searches.create', { spec, start: true });
 */
export class Workbench extends EventEmitter<{ push: [PushEvent] }> {
  private readonly studies = new Map<number, Study>();
  /** Each running study's run, settled once the study has ended whichever way (shutdown waits for these). */
  private readonly studyRuns = new Map<number, Promise<unknown>>();
  private readonly store: Store;
  private readonly evaluating = new Set<number>();
  /** The pictures of the latest trials' drawers (a decision boundary, the answers a threshold curve is worked from), one replay each: a finished trial's never change. */
  private readonly drawer: DrawerReplays;
  /** The pools of test evaluations under way (shutdown closes them: their trials stop within a mini-batch). */
  private readonly evaluationPools = new Set<WorkerPool>();
  /** The last automatic backup that failed (app.backups shows it until one succeeds). */
  private backupFailure: { message: string; at: string } | null = null;
  /** Automatic backups under way (shutdown waits for them), and whether the host is shutting down (no new ones then). */
  private readonly backingUp = new Set<Promise<void>>();
  private closing = false;
  private readonly analysis: SearchAnalysis;
  /** The data sets: the list, their pages, imports, and the file-based ones searches train on, kept loaded a while. */
  private readonly data: DataSets;
  private watchTimer: ReturnType<typeof setInterval> | null = null;
  /** Set when the store is open for reading only: every request of WRITES is refused, and nothing else writes either. */
  private readonly readOnly: ReadOnlyInfo | null;

  constructor(private readonly opts: WorkbenchOptions) {
    super();
    this.store = opts.store;
    this.drawer = new DrawerReplays(opts.store, (searchId) => this.data.searchData(searchId));
    this.analysis = new SearchAnalysis(opts.store);
    this.readOnly = opts.store.readOnly ? { reason: opts.readOnlyReason ?? 'opened for reading only', remedy: remedyFor(opts.host) } : null;
    this.data = new DataSets({
      store: opts.store, datasetsDir: opts.datasetsDir, dataKeepMs: opts.dataKeepMs, readOnly: this.readOnly !== null,
      changed: () => this.changed('datasets'), specOf: (s) => this.specOf(s),
    });
    // A rolling copy of the database once a day (backups/ beside it, the newest 5 kept).
    this.autoBackup(24);
    this.watchElsewhere(opts.watchMs ?? 1000);
  }

  /**
   * Follow what another process writes to the same file (`knobs run` in a terminal, another
   * window): its events never reach this process, so when the file changed under us (SQLite's
   * data_version) the UIs hear that the sidebar changed, and, for each search running there (and
   * once more when it has stopped), `changedElsewhere`, on which a UI showing it reads it again.
   * A process that dies (killed, or its machine asleep for a minute) writes nothing more: its
   * searches are marked interrupted here, as opening the file would, so they can be resumed.
   */
  private watchElsewhere(ms: number): void {
    if (ms <= 0) return;
    let version = this.store.dataVersion();
    let elsewhere = new Set(this.store.searches.runningIds());
    this.watchTimer = setInterval(() => {
      let now: number;
      let running: number[];
      try {
        // (This connection's own writes leave data_version as it was: a recovery here pushes too.)
        const ended = [...elsewhere].some((id) => !this.studies.has(id) && this.store.runnerElsewhere(id) === null);
        if (ended) this.recoverQuietly();
        now = this.store.dataVersion();
        if (now === version && !ended) return;
        running = this.store.searches.runningIds().filter((id) => !this.studies.has(id));
      } catch {
        // The store was closed under a Workbench nobody shut down (a host's exit): nothing to follow.
        this.stopWatching();
        return;
      }
      version = now;
      this.changed('searches');
      for (const searchId of new Set([...elsewhere, ...running])) this.emit('push', { type: 'changedElsewhere', searchId });
      elsewhere = new Set(running);
    }, ms);
    this.watchTimer.unref?.();
  }

  /** Mark searches whose process is gone interrupted; a write that fails now (the file busy) is tried again at the next look. */
  private recoverQuietly(): void {
    // A read-only store cannot mark them: its readers show such a search interrupted (Store.orphaned).
    if (this.readOnly) return;
    try {
      this.store.recoverInterrupted();
    } catch {
      // tried again in a second
    }
  }

  /** Refuse to start, stop, pause or delete a search another process is running (it alone can). */
  private notElsewhere(id: number): void {
    if (this.studies.has(id)) return;
    const pid = this.store.runnerElsewhere(id);
    if (pid !== null) throw new BadInputError(elsewhereMessage(id, pid));
  }

  private stopWatching(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  /** Back up unless the newest copy is younger than `hours`; a failure is logged and shown by app.backups, never thrown. */
  private autoBackup(hours: number): void {
    if (this.opts.backups === false || this.closing || this.readOnly) return;
    const done = this.store.backups.ifOlderThan(hours).then(
      (b) => {
        if (b) this.backupFailure = null;
      },
      (e: unknown) => {
        const message = `The automatic backup of "${this.store.path}" failed: ${(e as Error)?.message ?? String(e)}`;
        this.backupFailure = { message, at: new Date().toISOString() };
        (this.opts.log ?? console.error)(message);
      },
    );
    this.backingUp.add(done);
    void done.finally(() => this.backingUp.delete(done));
  }

  /** The handlers of every channel, grouped by domain as in the contract. */
  readonly api: Handlers = {
    app: {
      info: () => ({ version: this.opts.version, kernels: availableKernelPaths(), database: this.store.path, host: this.opts.host ?? null, readOnly: this.readOnly }),
      backups: () => ({ dir: this.store.backups.dir(), backups: this.store.backups.list(), lastFailure: this.backupFailure }),
      backupNow: async () => {
        const b = await this.store.backups.now();
        this.backupFailure = null;
        return b;
      },
      vocabulary: () => ({
        trainKeys: [...TRAIN_KEYS], intKeys: [...INT_TRAIN_KEYS], booleanKeys: [...BOOLEAN_TRAIN_KEYS],
        choices: { activation: [...ACTIVATIONS], init: [...INITS], optimizer: [...OPTIMIZERS], lrSchedule: [...LR_SCHEDULES], classWeights: [...CLASS_WEIGHTS] },
        metrics: [...OBJECTIVE_METRICS], maximizedMetrics: [...MAXIMIZED_METRICS], monitors: [...MONITORS], metricRanges: metricRanges(),
        preprocess: [...PREPROCESS], targetPreprocess: [...TARGET_PREPROCESS], builtins: [...BUILTIN_DATASETS], synthetic: [...SYNTHETIC_DATASETS], strategies: [...EDITOR_STRATEGY_KINDS], strategyForms: strategyForms(), prunerForms: prunerForms(),
        trialStatuses: [...TRIAL_STATUSES], finishedTrialStatuses: [...FINISHED_TRIAL_STATUSES], failedTrialStatuses: [...FAILED_TRIAL_STATUSES], resultTrialStatuses: [...RESULT_TRIAL_STATUSES],
        searchStatuses: [...SEARCH_STATUSES], stopReasons: [...STOP_REASONS], limits: { ...TEXT_LIMITS },
      }),
    },
    datasets: {
      list: () => this.data.list(),
      preview: ({ name }) => this.data.preview(name),
      previewCsv: (input) => this.data.previewCsv(input),
      importCsv: (input) => this.data.importCsv(input),
      importIdx: (input) => this.data.importIdx(input),
      images: ({ name, count }) => this.data.images(name, count),
      delete: ({ id }) => this.data.delete(id),
    },
    projects: {
      list: () => this.store.projects.list().map((p) => this.project(p.id)),
      create: ({ name }) => {
        const p = this.project(this.store.projects.create(name).id);
        this.changed('projects');
        return p;
      },
      rename: ({ id, name }) => {
        this.store.projects.rename(id, name);
        this.changed('projects');
        return this.project(id);
      },
      setNotes: ({ id, notes }) => {
        this.store.projects.need(id);
        this.store.notes.setProject(id, notes);
        return this.project(id);
      },
      setTags: ({ id, tags }) => {
        this.store.projects.need(id);
        this.store.notes.setProjectTags(id, tags);
        this.changed('projects');
        return this.project(id);
      },
      delete: ({ id }) => {
        this.store.projects.need(id);
        for (const s of this.store.searches.list(id)) this.studies.get(s.id)?.stop();
        this.store.projects.delete(id);
        this.changed('projects');
        return { deleted: id };
      },
      exportBundle: ({ id }) => {
        const p = this.store.projects.need(id);
        const dir = mkdtempSync(join(tmpdir(), 'knobs-export-'));
        try {
          const r = this.store.bundles.exportProject(id, join(dir, 'project.knobs'), { knobsVersion: this.opts.version });
          const bytes = readFileSync(r.file);
          return { filename: `${safeName(p.name)}.knobs`, data: bytes.toString('base64'), bytes: bytes.length };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      importBundle: ({ filename, data }) => {
        const dir = mkdtempSync(join(tmpdir(), 'knobs-import-'));
        try {
          const file = join(dir, 'bundle.knobs');
          writeFileSync(file, Buffer.from(data, 'base64'));
          const r = this.store.bundles.importFile(file, { datasetsDir: this.data.dir(), reservedDatasetNames: builtinDatasets().map((d) => d.name), shownAs: filename });
          this.changed('projects');
          if (r.datasets.some((d) => !d.reused)) this.changed('datasets');
          return {
            project: this.project(r.projectId), renamedFrom: r.renamedFrom, searches: r.rows.searches ?? 0, trials: r.rows.trials ?? 0,
            datasets: r.datasets, messages: r.messages,
          };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
    searches: {
      list: ({ projectId }) => {
        // The imported data sets, read once for the whole list (a CSV search's summary names its data set by them).
        let imported: ImportedDataset[] | undefined;
        const once = (): ImportedDataset[] => (imported ??= this.store.datasets.list());
        return this.store.searches.list(projectId).map((s) => this.summary(s, once));
      },
      get: ({ id }) => {
        const s = this.store.searches.need(id);
        const spec = this.specOf(s);
        return {
          ...this.summary(s), spec: storedSpecInput(JSON.parse(s.spec)), rounds: this.store.rounds.list(id), traits: definitionOf(spec).traits(spec), pruning: pruningSummary(spec, this.store, id), knobs: knobInfo(spec),
          testEvaluations: this.store.testEvaluations.ofSearch(id), chances: searchChances(this.store, id, spec),
        };
      },
      validate: async ({ spec }) => {
        const check = checkSpec(spec, { datasetName: this.data.importedName });
        if (!check.ok) return check;
        const parsed = parseSpec(spec);
        await this.data.loadFileData(parsed);
        const issues = this.data.dataIssues(parsed);
        if (issues.length > 0) return { ...check, ok: false, issues };
        // The data as loaded has cautions of its own (an id read as a feature), which the spec alone cannot
        // show; a generator with class shares, its classes (a rare one), counted without drawing a point.
        const d = parsed.dataset;
        const loaded = this.data.fileData(parsed)?.dataset ?? ('synthetic' in d ? syntheticLabels(d.synthetic, d) : null);
        if (loaded) return { ...check, task: loaded.task, cautions: [...check.cautions, ...dataCautions(loaded, parsed)] };
        // A built-in or generated set's rows are known without loading it: what its split makes of them is said all the same.
        const rows = specRows(d);
        return rows === null ? check : { ...check, cautions: [...check.cautions, ...rowCautions(rows, parsed)] };
      },
      create: async ({ spec, start }) => {
        // A CSV the editor's check has just read is not read again (its files unchanged since); one not read yet is read on the CSV worker.
        const parsed = parseSpec(spec);
        await this.data.loadFileData(parsed);
        const read = this.data.fileData(parsed);
        const { id, dataset } = createSearch(this.store, spec, { checkData: true, ...(read?.dataset ? { dataset: read.dataset } : {}) });
        if (start) this.startStudy(id, dataset);
        this.changed('searches');
        return this.summary(this.store.searches.need(id));
      },
      start: async ({ id }) => {
        const s = this.store.searches.need(id);
        if ((CLOSED_SEARCH_STATUSES as readonly string[]).includes(s.status)) throw new BadInputError(`Search ${id} is ${s.status}; duplicate it to run it again`);
        this.notElsewhere(id);
        // A data file that changed since the search started would train its remaining trials on other rows: refused, as `knobs resume` refuses it.
        checkDataUnchanged(s);
        await this.data.loadSearchData(id);
        this.startStudy(id);
        return this.summary(this.store.searches.need(id));
      },
      stop: ({ id }) => {
        this.store.searches.need(id);
        this.notElsewhere(id);
        this.studies.get(id)?.stop();
        return this.summary(this.store.searches.need(id));
      },
      pause: ({ id }) => {
        this.store.searches.need(id);
        this.notElsewhere(id);
        this.studies.get(id)?.pause();
        return this.summary(this.store.searches.need(id));
      },
      rename: ({ id, name }) => {
        const s = this.store.searches.rename(id, name);
        this.changed('searches');
        return this.summary(s);
      },
      setNotes: ({ id, notes }) => {
        this.store.searches.need(id);
        this.store.notes.setSearch(id, notes);
        return this.summary(this.store.searches.need(id));
      },
      setTags: ({ id, tags }) => {
        this.store.searches.need(id);
        this.store.notes.setSearchTags(id, tags);
        this.changed('searches');
        return this.summary(this.store.searches.need(id));
      },
      rerun: async ({ id, top, seeds, splitSeeds, start }) => {
        await this.data.loadSearchData(id);
        const { id: child } = createRerun(this.store, id, { top, seeds, splitSeeds });
        if (start !== false) this.startStudy(child);
        this.changed('searches');
        return this.summary(this.store.searches.need(child));
      },
      seedSpread: ({ id }) => seedSpread(this.store, id),
      delete: ({ id }) => {
        this.store.searches.need(id);
        if (this.studies.has(id)) throw new BadInputError(`Search ${id} is running; stop it before deleting it`);
        this.notElsewhere(id);
        this.store.searches.delete(id);
        this.analysis.forget(id);
        this.changed('searches');
        return { deleted: id };
      },
      importance: ({ id, step }) => this.analysis.importance(id, this.specOf(this.store.searches.need(id)), step ?? null),
      densities: ({ id }) => this.analysis.densities(id, this.specOf(this.store.searches.need(id))),
      surface: ({ id, x, y }) => this.analysis.surface(id, this.specOf(this.store.searches.need(id)), x, y),
      compare: ({ ids, metric }) => compareSearches(this.store, ids, { summary: (s) => this.summary(s), spec: (s) => this.specOf(s) }, metric),
    },
    trials: {
      changes: ({ searchId, since, after }) => {
        this.store.searches.need(searchId);
        const { cursor, rows, more } = this.store.trials.changes(searchId, since, after);
        const orphaned = this.orphaned(searchId);
        return { cursor, trials: rows.map((t) => trialSummary(t, orphaned)), more };
      },
      overlay: ({ searchId, after }) => {
        this.store.searches.need(searchId);
        const page = this.store.epochs.page(searchId, 0, after ?? -1, OVERLAY_PAGE_EPOCHS);
        return { ...overlayOf(page.chunks), more: page.more };
      },
      get: ({ searchId, number }) => {
        const s = this.store.searches.need(searchId);
        const t = this.store.trials.need(searchId, number);
        let config: Record<string, unknown>;
        try {
          config = { ...trainConfigOf(this.specOf(s), JSON.parse(t.knobs)) };
        } catch (e) {
          config = { error: (e as Error).message };
        }
        return {
          ...trialSummary(t, this.orphaned(searchId)), config, curves: this.curves(t),
          testEvaluations: this.store.testEvaluations.ofSearch(searchId).filter((e) => e.trialNumber === number),
          confusion: confusionOf(t),
          predictions: predictionsOf(this.store.trials.predictionsOf(t.id)),
        };
      },
      setNotes: ({ searchId, number, notes }) => {
        const t = this.store.trials.need(searchId, number);
        this.store.notes.setTrial(t.id, notes);
        return trialSummary(this.store.trials.need(searchId, number));
      },
      setTags: ({ searchId, number, tags }) => {
        const t = this.store.trials.need(searchId, number);
        this.store.notes.setTrialTags(t.id, tags);
        return trialSummary(this.store.trials.need(searchId, number));
      },
      replay: async ({ searchId, number }) => {
        await this.data.loadSearchData(searchId);
        return replayTrial(this.store, searchId, number, { load: () => this.data.searchData(searchId) });
      },
      boundary: async ({ searchId, number }) => {
        await this.data.loadSearchData(searchId);
        return this.boundaryOf(searchId, number);
      },
      threshold: async ({ searchId, number, positive }) => {
        await this.data.loadSearchData(searchId);
        return this.thresholdOf(searchId, number, positive);
      },
      evaluateTest: async ({ searchId, number, again }) => {
        await this.data.loadSearchData(searchId);
        return this.evaluateTest(searchId, number, again ?? false);
      },
      diagnostics: async ({ searchId, number, targetError }) => {
        const s = this.store.searches.need(searchId);
        const t = this.store.trials.need(searchId, number);
        const task = t.val_accuracy !== null || t.train_accuracy !== null ? 'classification' : 'regression';
        // The findings read the first fold's training rows and features, and a regression's its target's values (`firstFoldOf`): a CSV not loaded yet is read on the CSV worker.
        await this.data.loadSearchData(searchId);
        let every: number | null = null;
        const context: FindingsContext = { targetError };
        let spec: Spec | null = null;
        try {
          spec = this.specOf(s);
          every = spec.diagnostics.every || null;
          context.config = trainConfigOf(spec, JSON.parse(t.knobs));
          context.classCounts = this.data.classCountsOf(spec.dataset);
          context.crossValidated = spec.split.kind !== 'holdout';
          context.metric = spec.objective.metric;
        } catch {
          // a spec this version cannot read: show what is stored
        }
        if (spec) {
          const fold = this.firstFoldOf(spec, t);
          if (fold) {
            context.trainRows = fold.train.length;
            context.features = fold.dataset.nFeatures;
          }
          // A regression: how it scaled its target, and the figures of its training rows where its data still reads.
          if (task === 'regression') context.target = fold?.dataset.task === 'regression' ? targetFacts(fold.dataset.y, fold.train, spec.targetPreprocess) : targetFacts([], [], spec.targetPreprocess);
        }
        const confusion = confusionOf(t);
        if (confusion) context.confusion = confusion;
        return trialDiagnostics(this.store, t, task, every, context);
      },
    },
    experiments: {
      list: () => experimentInfos(),
      run: ({ id }) => {
        const e = experimentById(id);
        const out: SearchSummary[] = [];
        for (const [i, spec] of e.specs.entries()) {
          const { id: searchId } = createSearch(this.store, { ...spec, name: experimentRunName(this.store, e, i) });
          this.startStudy(searchId);
          out.push(this.summary(this.store.searches.need(searchId)));
        }
        this.changed('projects');
        this.changed('searches');
        return out;
      },
      outcome: ({ id }) => {
        const e = experimentById(id);
        return experimentOutcomeOf(this.store, e, experimentChance(e));
      },
    },
    notes: {
      find: ({ text, limit }) => this.store.notes.find(text, limit),
    },
    playground: {
      surfaces: () => surfaceInfos(),
      path: ({ surface, knobs, start, steps }) => playgroundPath(surface, knobs, start, steps),
    },
    export: {
      trialsCsv: ({ searchId, numbers }) => ({ filename: `${safeName(this.store.searches.need(searchId).name)}-trials${numbers ? '-shown' : ''}.csv`, csv: trialsCsv(this.store, searchId, numbers) }),
      curvesCsv: ({ searchId }) => ({ filename: `${safeName(this.store.searches.need(searchId).name)}-curves.csv`, csv: curvesCsv(this.store, searchId) }),
      confusionCsv: ({ searchId, number }) => number === undefined
        ? { filename: `${safeName(this.store.searches.need(searchId).name)}-confusion.csv`, csv: confusionCsv(this.store, searchId) }
        : { filename: `${safeName(this.store.searches.need(searchId).name)}-trial-${number}-confusion.csv`, csv: trialConfusionCsv(this.store, searchId, number) },
    },
  };

  /** Dispatch "domain.method" with an input validated against its schema; errors name what was wrong. */
  async call(channel: string, input: unknown): Promise<unknown> {
    const [domain, method] = channel.split('.');
    const group = Object.hasOwn(this.api, domain) ? (this.api as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[domain] : undefined;
    const fn = group && Object.hasOwn(group, method) ? group[method] : undefined;
    const schema = (INPUTS as Record<string, (typeof INPUTS)[keyof typeof INPUTS]>)[channel];
    if (!fn || !schema) throw new BadInputError(`Unknown request "${channel}" (valid: ${this.channels().join(', ')})`);
    this.refuseWriteIfReadOnly(channel as Channel);
    const r = schema.safeParse(input, PARSE_OPTIONS);
    if (!r.success) {
      const issues = formatZodIssues(r.error);
      throw new BadInputError(`Invalid input for ${channel}: ${issues.map(issueText).join('; ')}`, issues);
    }
    try {
      return await fn(r.data);
    } catch (e) {
      throw this.store.explain(e);
    }
  }

  /**
   * Refuse a request that would change the database (WRITES) when it is open read-only, before it
   * runs, so nothing is half-done and no SQLite error reaches the user: the message names the file,
   * why it is read-only and what to do.
   */
  private refuseWriteIfReadOnly(channel: Channel): void {
    const action = WRITES[channel];
    if (!this.readOnly || action === null) return;
    throw new StoreError(`Cannot ${action}: the database ${this.store.path} is open read-only (${this.readOnly.reason}), so Knobs changes nothing in it. ${this.readOnly.remedy}`);
  }

  /** Every channel name. */
  channels(): string[] {
    return Object.entries(this.api).flatMap(([d, g]) => Object.keys(g).map((m) => `${d}.${m}`));
  }

  /** Pause every running search (its running trials become interrupted, so resume re-runs them) and wait for them to end. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.stopWatching();
    // Wait for each study's run to settle, not for its searchFinished event: a study that has just
    // finished (its event already sent, its entry not yet removed) would otherwise be waited on forever.
    for (const s of this.studies.values()) s.pause();
    await Promise.all([...this.evaluationPools].map((p) => p.close()));
    await Promise.all(this.studyRuns.values());
    await Promise.all(this.backingUp);
    await this.data.close();
  }


  private changed(what: 'projects' | 'searches' | 'datasets'): void {
    this.emit('push', { type: 'changed', what });
  }

  /**
   * A trial's data set and its first fold's training rows, where its data still reads (a CSV or IDX
   * file as it is now, a built-in or synthetic set); null otherwise (a file gone).
   */
  private firstFoldOf(spec: Spec, t: TrialRow): { dataset: Dataset; train: Int32Array } | null {
    try {
      const d = spec.dataset;
      const dataset = 'csv' in d || 'idx' in d ? this.data.fileData(spec)?.dataset : loadDataset(d, spec.seed);
      return dataset ? { dataset, train: makeSplit(dataset, spec.split, spec.seed, t.split_seed ?? undefined).folds[0].train } : null;
    } catch {
      return null;
    }
  }

  /** A trial's own curves, every fold. */
  private curves(t: TrialRow): Curves {
    const c: Curves = { trial: [], fold: [], epoch: [], trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [], valBalancedAccuracy: [], valRmse: [], valMae: [], valR2: [], lr: [], seconds: [] };
    const n = t.number;
    const v = (x: number): number | null => (Number.isFinite(x) ? x : null);
    for (const chunk of this.store.epochs.ofTrial(t.id)) {
      const w = recordWidth(chunk.layers);
      const d = chunk.data;
      for (let i = 0, o = 0; i < chunk.n; i++, o += w) {
        c.trial.push(n);
        c.fold.push(chunk.fold);
        c.epoch.push(d[o + AT.epoch]);
        c.trainLoss.push(v(d[o + AT.trainLoss]));
        c.valLoss.push(v(d[o + AT.valLoss]));
        c.trainAccuracy.push(v(d[o + AT.trainAccuracy]));
        c.valAccuracy.push(v(d[o + AT.valAccuracy]));
        c.valBalancedAccuracy.push(v(d[o + AT.valBalancedAccuracy]));
        c.valRmse.push(v(d[o + AT.valRmse]));
        c.valMae.push(v(d[o + AT.valMae]));
        c.valR2.push(v(d[o + AT.valR2]));
        c.lr.push(v(d[o + AT.lr]));
        c.seconds.push(v(d[o + AT.seconds]));
      }
    }
    return c;
  }

  /** A trial's precision and recall of a class at every threshold, from its answers on the validation rows (trained again once for its drawer, kept for every class). */
  private async thresholdOf(searchId: number, number: number, positive?: number): Promise<ThresholdCurve> {
    return thresholdCurve(await this.drawer.get(searchId, number, ANSWERS), positive);
  }

  /** A trial's decision boundary, from the same replay as its thresholds (a request while it is under way waits for it). */
  private boundaryOf(searchId: number, number: number): Promise<DecisionBoundary> {
    return this.drawer.get(searchId, number, BOUNDARY);
  }

  private async evaluateTest(searchId: number, number: number, again: boolean): Promise<TestEvaluation> {
    const s = this.store.searches.need(searchId);
    const t = this.store.trials.need(searchId, number);
    const previous = this.store.testEvaluations.ofSearch(searchId);
    if (previous.length > 0 && !again) {
      const p = previous[previous.length - 1];
      throw new BadInputError(
        `The test split of this search was already evaluated (trial ${p.trialNumber}, ${p.createdAt}). Evaluating it again lets the test set steer your choice, ` +
          'and its figure stops being an honest estimate; confirm to evaluate again anyway',
      );
    }
    if (t.objective === null) throw new BadInputError(`Trial ${number} has no result (${t.status}); evaluate a finished trial`);
    if (this.evaluating.has(searchId)) throw new BadInputError('A test evaluation of this search is already running');
    const spec = this.specOf(s);
    if (spec.split.test === 0) throw new BadInputError('This search\'s split keeps no test rows (split.test is 0); there is nothing to evaluate');
    // A data file that changed since the search ran has other test rows: its figure would be of another split.
    checkDataUnchanged(s);
    const dataset = this.data.loadedData(spec);
    this.evaluating.add(searchId);
    // The trial's own split (a seed re-run may draw its training and validation rows again; the test rows stay the search's) and,
    // where this runtime has it, its kernel path: the model evaluated is the one the trial trained, as a replay trains it.
    const split = makeSplit(dataset, spec.split, spec.seed, t.split_seed ?? undefined);
    const kernels = trainedPathHere(t);
    const pool = new WorkerPool(1, { dataset: toShared(dataset), split, preprocess: spec.preprocess, targetPreprocess: spec.targetPreprocess });
    this.evaluationPools.add(pool);
    try {
      const r = await pool.run({ trialId: t.id, config: trainConfigOf(spec, JSON.parse(t.knobs)), seed: t.seed, evaluateTest: true, ...(kernels ? { kernels } : {}) }, () => {}).result;
      if (!r.test) throw new BadInputError(`Trial ${number} could not be evaluated on the test split (${r.error ?? r.stopReason})`);
      const { confusion, ...metrics } = r.test;
      this.store.testEvaluations.add(searchId, t.id, {
        ...metrics, folds: split.folds.length,
        confusion: confusion ? { classes: classNamesOf(dataset, confusion.length), counts: confusion } : null,
      });
      const all = this.store.testEvaluations.ofSearch(searchId);
      return all[all.length - 1];
    } finally {
      this.evaluating.delete(searchId);
      this.evaluationPools.delete(pool);
      await pool.close();
    }
  }

  /**
   * Run a search in this process (`dataset`: its data, when just loaded to check it; else a file's as
   * the Workbench keeps it loaded, so a resumed search or a seed re-run of one on a big CSV does not
   * read the file again; one that cannot be loaded is left to the study, which says why as it ends).
   */
  private startStudy(id: number, dataset?: Dataset): void {
    if (this.studies.has(id)) return;
    if (!dataset) {
      const spec = this.specOf(this.store.searches.need(id));
      try {
        if ('csv' in spec.dataset || 'idx' in spec.dataset) dataset = this.data.loadedData(spec);
      } catch {
        // the study loads it itself and fails as it always has
      }
    }
    const study = new Study(this.store, id, { workers: this.opts.workers, ...(dataset ? { dataset } : {}) });
    this.studies.set(id, study);
    const push = (e: PushEvent): boolean => this.emit('push', e);
    study.on('roundStarted', ({ searchId, round, box }) => push({ type: 'roundStarted', searchId, round, box }));
    study.on('trialStarted', (e) => push({ type: 'trialStarted', ...e }));
    study.on('epoch', ({ searchId, trialId, number, epoch: m }) =>
      push({
        type: 'epoch', searchId, trialId, number, epoch: m.epoch, fold: m.fold, trainLoss: finite(m.trainLoss), valLoss: finite(m.valLoss),
        trainAccuracy: finite(m.trainAccuracy), valAccuracy: finite(m.valAccuracy), valBalancedAccuracy: finite(m.valBalancedAccuracy), valRmse: finite(m.valRmse), valMae: finite(m.valMae), valR2: finite(m.valR2),
        lr: finite(m.lr), seconds: finite(m.seconds),
      }),
    );
    study.on('trialFinished', (e) => push({ type: 'trialFinished', ...e }));
    study.on('searchFinished', (e) => push({ type: 'searchFinished', ...e }));
    let failed = false;
    const run = study
      .run()
      .catch((e: Error) => {
        // The study marked the search failed where it could and said why; make sure every UI hears it.
        failed = true;
        push({ type: 'searchFinished', searchId: id, status: 'failed', stopReason: e.message });
      })
      .finally(() => {
        this.studies.delete(id);
        this.studyRuns.delete(id);
        // A rolling copy of the database after searches end, at most once an hour.
        if (!failed) this.autoBackup(1);
      });
    this.studyRuns.set(id, run);
  }

  private project(id: number): ProjectSummary {
    const p = this.store.projects.need(id);
    return { id: p.id, name: p.name, notes: p.notes, createdAt: p.created_at, searches: this.store.searches.list(id).length, tags: tagsOf(p.tags) };
  }

  /** Parsed specs by their stored text (a search's spec never changes; parsing is not free). */
  private readonly specs = new Map<string, Spec>();

  private specOf(s: SearchRow): Spec {
    const known = this.specs.get(s.spec);
    if (known) return known;
    try {
      const spec = parseStoredSpec(s.spec);
      if (this.specs.size > 500) this.specs.clear();
      this.specs.set(s.spec, spec);
      return spec;
    } catch (e) {
      throw new SpecError(e instanceof SpecError ? e.issues : [{ path: '', message: (e as Error).message }], `Search ${s.id} has an unreadable spec`);
    }
  }

  /**
   * Whether a search the file says is running has no process left to run it, seen through a
   * read-only store (which cannot mark it): it and its running trials read interrupted, as the next
   * writer marks them (Store.recoverInterrupted).
   */
  private orphaned(searchId: number): boolean {
    return this.readOnly !== null && this.store.orphaned(searchId);
  }

  /** A search as the lists show it; `imported` reads the imported data sets (a CSV search's data set is named by them). */
  private summary(s: SearchRow, imported: () => readonly ImportedDataset[] = () => this.store.datasets.list()): SearchSummary {
    const spec = this.specOf(s);
    const stats = this.store.trials.stats(s.id);
    const orphaned = this.orphaned(s.id);
    const stored = this.store.trials.countByStatus(s.id);
    const counts = orphaned && stored.running ? { ...stored, running: 0, interrupted: (stored.interrupted ?? 0) + stored.running } : stored;
    const maximize = spec.objective.direction === 'maximize';
    return {
      id: s.id, projectId: s.project_id, project: s.project, name: s.name, status: orphaned ? 'interrupted' : s.status, strategy: spec.strategy.kind,
      metric: spec.objective.metric, direction: spec.objective.direction, dataset: datasetLabel(spec.dataset, imported), plannedTrials: s.planned_trials, counts, finished: finishedCount(counts),
      best: maximize ? stats.hi : stats.lo,
      stopReason: s.stop_reason, createdAt: s.created_at, startedAt: s.started_at, finishedAt: s.finished_at,
      meanTrialSeconds: stats.meanSeconds,
      // The workers of the process that ran it last (a terminal's `knobs run --workers 1`), else those this one would use.
      workers: s.runner_workers ?? Math.max(1, this.opts.workers ?? spec.workers ?? cpus().length),
      runElsewhere: s.status === 'running' && !this.studies.has(s.id) ? this.store.runnerElsewhere(s.id) : null,
      parentId: s.parent_id, reruns: this.store.searches.children(s.id).map((c) => c.id), notes: s.notes, tags: tagsOf(s.tags),
    };
  }
}

/** The data set a spec reads, in words: "digits", "rings (CSV)", "moons (synthetic, 1000 rows)" (SearchSummary.dataset); `imported` is asked only for a file's. */
function datasetLabel(ds: Spec['dataset'], imported: () => readonly ImportedDataset[]): string {
  if ('builtin' in ds) return ds.builtin;
  if ('synthetic' in ds) return syntheticLabel(ds);
  const file = 'csv' in ds ? ds.csv : ds.idx;
  return `${imported().find((d) => d.source === file)?.name ?? basename(file)} (${'csv' in ds ? 'CSV' : 'IDX'})`;
}

/** What to do to change a database open read-only, for the host that serves it. */
function remedyFor(host: WorkbenchOptions['host']): string {
  const copy = 'copy it to a folder you can write and open the copy with "knobs serve --db COPY"';
  return host === 'electron'
    ? `To change it, make the file and its folder writable and start Knobs again, or ${copy}.`
    : `To change it, ${copy} (or make the file and its folder writable and start "knobs serve" again without --read-only).`;
}

function finite(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/**
 * Validate a spec as the editor needs it: every issue (naming its key) and the number of trials it
 * will run. `datasetName` names an imported data set by its file (messages say "good", not the stored
 * copy's "good-1796211886452.csv").
 */
export function checkSpec(input: unknown, opts: { datasetName?: (file: string) => string | undefined } = {}): SpecCheck {
  let spec: Spec;
  try {
    spec = checkedSpec(input);
  } catch (e) {
    const issues: Issue[] = e instanceof SpecError ? e.issues : [{ path: '', message: (e as Error).message }];
    return { ok: false, issues, plannedTrials: null, budget: partialBudget(input), pruner: null, cautions: [] };
  }
  const budget = budgetPlan(spec.strategy, spec.budget, spec.space);
  // A metric the data set's task does not report (val_rmse on classes), where the spec alone tells the task; creating the search loads the data and checks again.
  const task = taskOfSpec(spec.dataset);
  const mismatch = task ? metricIssues(spec, task, datasetNameOf(spec.dataset, opts.datasetName)) : [];
  if (mismatch.length > 0) return { ok: false, issues: mismatch, plannedTrials: null, budget, pruner: null, cautions: [] };
  return { ok: true, issues: [], plannedTrials: plannedTrials(spec), budget, pruner: prunerSentence(spec), cautions: specCautions(spec) };
}

/**
 * What a spec that is not valid would run, from its `strategy` and `budget` alone (the strategy's
 * size where it needs no space: coarse-to-fine's rounds, not a grid's points); null when either of
 * those (or the spec itself, not an object) is not valid.
 */
function partialBudget(input: unknown): SpecCheck['budget'] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const o = input as Record<string, unknown>;
  const strategy = strategySchema.safeParse(o.strategy ?? { kind: 'random' });
  const budget = budgetSchema.safeParse(o.budget ?? {});
  return strategy.success && budget.success ? budgetPlan(strategy.data, budget.data, null) : null;
}







/** METRIC_RANGES as the api sends them: null for an unbounded end (JSON turns Infinity into null anyway; this says so in the type). */
function metricRanges(): Vocabulary['metricRanges'] {
  const end = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return Object.fromEntries(OBJECTIVE_METRICS.map((m) => [m, [end(METRIC_RANGES[m][0]), end(METRIC_RANGES[m][1])]])) as Vocabulary['metricRanges'];
}

/** The knobs of a spec's space as axes and filters need them. */
export function knobInfo(spec: Spec): KnobInfo[] {
  return Object.entries(spec.space).map(([name, p]) => {
    if (p.type === 'float' || p.type === 'int') return { name, type: p.type, log: p.log, low: p.low, high: p.high, step: p.step, values: p.values };
    if (p.type === 'categorical') return { name, type: p.type, log: false, values: p.values };
    return { name, type: p.type, log: false, values: [p.value] };
  });
}

/** A trial as the contract gives it; `orphaned`: its search's process is gone (Workbench.orphaned), so a running trial reads interrupted. */
function trialSummary(t: TrialRow, orphaned = false): TrialSummary {
  return {
    id: t.id, number: t.number, round: t.round, status: orphaned && t.status === 'running' ? 'interrupted' : t.status, knobs: JSON.parse(t.knobs), seed: t.seed, objective: t.objective,
    bestEpoch: t.best_epoch, stoppedEpoch: t.stopped_epoch, stopReason: t.stop_reason, trainLoss: t.train_loss, valLoss: t.val_loss,
    trainAccuracy: t.train_accuracy, valAccuracy: t.val_accuracy, valBalancedAccuracy: t.val_balanced_accuracy, durationS: t.duration_s, error: t.error, notes: t.notes,
    tags: tagsOf(t.tags), splitSeed: t.split_seed, kernelPath: t.kernel_path, prune: pruneOf(t),
    startedAt: t.status === 'queued' ? null : t.started_at, finishedAt: t.finished_at,
  };
}

/** A pruned trial's stored decision (null when it was not pruned, or stored before decisions were). */
function pruneOf(t: TrialRow): PruneInfo | null {
  if (!t.prune) return null;
  try {
    return JSON.parse(t.prune) as PruneInfo;
  } catch {
    return null;
  }
}


/** An overlay answer holds whole trials up to about this many epochs (about 10 ms of the engine, most of it reading the chunks). */
const OVERLAY_PAGE_EPOCHS = 20_000;

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** The Curves overlay of a page of chunks (fold 0, in trial order): each trial's epoch count and every column packed (`encodeFloats`). */
export function overlayOf(chunks: { number: number; chunk: EpochChunk }[]): Omit<Overlay, 'more'> {
  const trial: number[] = [];
  const count: number[] = [];
  let n = 0;
  for (const { number, chunk } of chunks) {
    if (trial[trial.length - 1] !== number) {
      trial.push(number);
      count.push(0);
    }
    count[count.length - 1] += chunk.n;
    n += chunk.n;
  }
  const columns = OVERLAY_COLUMNS.map(() => new Float32Array(n));
  const at = OVERLAY_COLUMNS.map((c) => AT[c]);
  let row = 0;
  for (const { chunk } of chunks) {
    const w = recordWidth(chunk.layers);
    const d = chunk.data;
    for (let k = 0, o = 0; k < chunk.n; k++, o += w, row++) for (let c = 0; c < at.length; c++) columns[c][row] = d[o + at[c]];
  }
  const out = { trial, count } as Omit<Overlay, 'more'>;
  OVERLAY_COLUMNS.forEach((c, i) => (out[c] = encodeFloats(columns[i], base64)));
  return out;
}

