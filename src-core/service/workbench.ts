import { EventEmitter } from 'node:events';
import type { Api, Curves, ProjectSummary, PushEvent, SearchSummary, TrialSummary } from '../api/contract';
import { INPUTS } from '../api/schemas';
import { builtinDatasets } from '../data/builtin';
import { availableKernelPaths } from '../nn/kernels/index';
import { createSearch, Study } from '../search/study';
import { SpecError, formatZodIssues } from '../spec/errors';
import { parseSpec } from '../spec/spec';
import { curvesCsv, trialsCsv } from '../store/export';
import type { SearchRow, Store, TrialRow } from '../store/store';

/** What a host needs to give the Workbench. */
export interface WorkbenchOptions {
  store: Store;
  version: string;
  /** Worker threads per search (default: the spec's, else cores). */
  workers?: number;
}

/** A request the contract cannot serve: unknown channel, bad input, missing thing. Hosts show the message. */
export class BadInputError extends Error {
  constructor(
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'BadInputError';
  }
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
  private readonly store: Store;

  constructor(private readonly opts: WorkbenchOptions) {
    super();
    this.store = opts.store;
  }

  /** The handlers of every channel, grouped by domain as in the contract. */
  readonly api: Api = {
    app: {
      info: () => ({ version: this.opts.version, kernels: availableKernelPaths(), database: this.store.path }),
    },
    datasets: {
      list: () =>
        builtinDatasets().map((d) => ({
          name: d.name, rows: d.rows, features: d.features, classes: d.target_names, classCounts: d.class_counts,
          description: d.description, citation: d.citation,
        })),
    },
    projects: {
      list: () => this.store.listProjects().map((p) => this.project(p.id)),
      create: ({ name }) => {
        if (this.store.listProjects().some((p) => p.name === name)) throw new BadInputError(`A project named "${name}" already exists; choose another name`);
        return this.project(this.store.ensureProject(name).id);
      },
      rename: ({ id, name }) => {
        this.needProject(id);
        this.store.renameProject(id, name);
        return this.project(id);
      },
      setNotes: ({ id, notes }) => {
        this.needProject(id);
        this.store.setProjectNotes(id, notes);
        return this.project(id);
      },
      delete: ({ id }) => {
        this.needProject(id);
        for (const s of this.store.listSearches(id)) this.studies.get(s.id)?.stop();
        this.store.deleteProject(id);
        return { deleted: id };
      },
    },
    searches: {
      list: ({ projectId }) => this.store.listSearches(projectId).map((s) => this.summary(s)),
      get: ({ id }) => {
        const s = this.needSearch(id);
        return { ...this.summary(s), spec: JSON.parse(s.spec), rounds: this.store.listRounds(id) };
      },
      create: ({ spec, start }) => {
        const { id } = createSearch(this.store, spec);
        if (start) this.startStudy(id);
        return this.summary(this.needSearch(id));
      },
      start: ({ id }) => {
        const s = this.needSearch(id);
        if (s.status === 'complete' || s.status === 'cancelled') throw new BadInputError(`Search ${id} is ${s.status}; duplicate it to run it again`);
        this.startStudy(id);
        return this.summary(this.needSearch(id));
      },
      stop: ({ id }) => {
        this.needSearch(id);
        this.studies.get(id)?.stop();
        return this.summary(this.needSearch(id));
      },
      pause: ({ id }) => {
        this.needSearch(id);
        this.studies.get(id)?.pause();
        return this.summary(this.needSearch(id));
      },
    },
    trials: {
      list: ({ searchId }) => {
        this.needSearch(searchId);
        return this.store.listTrials(searchId).map(trialSummary);
      },
      curves: ({ searchId }) => {
        this.needSearch(searchId);
        const c: Curves = { trial: [], fold: [], epoch: [], trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [], lr: [] };
        for (const e of this.store.listEpochs(searchId)) {
          c.trial.push(e.number);
          c.fold.push(e.fold);
          c.epoch.push(e.epoch);
          c.trainLoss.push(e.train_loss);
          c.valLoss.push(e.val_loss);
          c.trainAccuracy.push(e.train_accuracy);
          c.valAccuracy.push(e.val_accuracy);
          c.lr.push(e.lr);
        }
        return c;
      },
    },
    export: {
      trialsCsv: ({ searchId }) => ({ filename: `${safeName(this.needSearch(searchId).name)}-trials.csv`, csv: trialsCsv(this.store, searchId) }),
      curvesCsv: ({ searchId }) => ({ filename: `${safeName(this.needSearch(searchId).name)}-curves.csv`, csv: curvesCsv(this.store, searchId) }),
    },
  };

  /** Dispatch "domain.method" with an input validated against its schema; errors name what was wrong. */
  async call(channel: string, input: unknown): Promise<unknown> {
    const [domain, method] = channel.split('.');
    const group = (this.api as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[domain];
    const fn = group && Object.hasOwn(group, method) ? group[method] : undefined;
    if (!fn) throw new BadInputError(`Unknown request "${channel}" (valid: ${this.channels().join(', ')})`);
    const schema = INPUTS[channel];
    let value = input;
    if (schema) {
      const r = schema.safeParse(input ?? {});
      if (!r.success) {
        const issues = formatZodIssues(r.error);
        throw new BadInputError(`Invalid input for ${channel}: ${issues.join('; ')}`, issues);
      }
      value = r.data;
    }
    return fn(value);
  }

  /** Every channel name. */
  channels(): string[] {
    return Object.entries(this.api).flatMap(([d, g]) => Object.keys(g).map((m) => `${d}.${m}`));
  }

  /** Stop every running search (their running trials become cancelled) and wait for them to end. */
  async shutdown(): Promise<void> {
    const running = [...this.studies.values()];
    for (const s of running) s.pause();
    await Promise.all(running.map((s) => new Promise<void>((r) => s.once('searchFinished', () => r()))));
  }

  private startStudy(id: number): void {
    if (this.studies.has(id)) return;
    const study = new Study(this.store, id, { workers: this.opts.workers });
    this.studies.set(id, study);
    const push = (e: PushEvent): boolean => this.emit('push', e);
    study.on('roundStarted', (e) => push({ type: 'roundStarted', ...e }));
    study.on('trialStarted', (e) => push({ type: 'trialStarted', ...e }));
    study.on('epoch', (e) =>
      push({ type: 'epoch', searchId: e.searchId, trialId: e.trialId, number: e.number, epoch: e.epoch.epoch, fold: e.epoch.fold, trainLoss: e.epoch.trainLoss, valLoss: e.epoch.valLoss, valAccuracy: e.epoch.valAccuracy }),
    );
    study.on('trialFinished', (e) => push({ type: 'trialFinished', ...e }));
    study.on('searchFinished', (e) => push({ type: 'searchFinished', ...e }));
    study
      .run()
      .catch((e: Error) => {
        this.store.setSearchStatus(id, 'failed', { error: e.message });
        push({ type: 'searchFinished', searchId: id, status: 'failed', stopReason: e.message });
      })
      .finally(() => this.studies.delete(id));
  }

  private project(id: number): ProjectSummary {
    const p = this.needProject(id);
    return { id: p.id, name: p.name, notes: p.notes, createdAt: p.created_at, searches: this.store.listSearches(id).length };
  }

  private needProject(id: number) {
    const p = this.store.getProject(id);
    if (!p) throw new BadInputError(`No project ${id}`);
    return p;
  }

  private needSearch(id: number): SearchRow {
    const s = this.store.getSearch(id);
    if (!s) throw new BadInputError(`No search ${id}`);
    return s;
  }

  private summary(s: SearchRow): SearchSummary {
    let spec;
    try {
      spec = parseSpec(JSON.parse(s.spec));
    } catch (e) {
      throw new SpecError([(e as Error).message], `Search ${s.id} has an unreadable spec`);
    }
    const trials = this.store.listTrials(s.id);
    const values = trials.map((t) => t.objective).filter((v): v is number => v !== null);
    const maximize = spec.objective.direction === 'maximize';
    return {
      id: s.id, projectId: s.project_id, project: s.project, name: s.name, status: s.status, strategy: spec.strategy.kind,
      metric: spec.objective.metric, direction: spec.objective.direction, plannedTrials: s.planned_trials, counts: this.store.countByStatus(s.id),
      best: values.length ? (maximize ? Math.max(...values) : Math.min(...values)) : null,
      stopReason: s.stop_reason, createdAt: s.created_at, startedAt: s.started_at, finishedAt: s.finished_at,
    };
  }
}

function trialSummary(t: TrialRow): TrialSummary {
  return {
    id: t.id, number: t.number, round: t.round, status: t.status, knobs: JSON.parse(t.knobs), seed: t.seed, objective: t.objective,
    bestEpoch: t.best_epoch, stoppedEpoch: t.stopped_epoch, stopReason: t.stop_reason, trainLoss: t.train_loss, valLoss: t.val_loss,
    trainAccuracy: t.train_accuracy, valAccuracy: t.val_accuracy, durationS: t.duration_s, error: t.error,
  };
}

/** A file name from a search name: letters, digits, dot, dash and underscore only. */
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'search';
}
