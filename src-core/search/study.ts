import { compactPredictions } from '../analysis/predictions';
import { EventEmitter } from 'node:events';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import { classNamesOf, loadDataset, makeSplit, syntheticTask, toShared, type Dataset } from '../data';
import type { Split, Task } from '../data/types';
import { BadInputError, CancelledError, issueText, type Issue } from '../errors';
import { WorkerPool } from '../runner/pool';
import type { TrialJob, WorkerResult } from '../runner/protocol';
import { unpackChunks, type EpochChunk } from '../store/chunks';
import { parseStoredSpec, storedSpecOf, trainConfigOf, type DatasetSpec, type Objective, type Spec } from '../spec/spec';
import type { Store, TrialEnd, TrialOutcome, TrialRow } from '../store/store';
import type { EpochMetrics, FinalMetrics, ValPredictions } from '../train/types';
import { hashSeed } from '../util/rng';
import { MONITORS, TASK_METRICS, UNFINISHED_TRIAL_STATUSES, type ObjectiveMetric, type SearchStatus, type StopReason, type TrialStatus } from '../vocabulary';
import type { PruneInfo } from '../api/contract';
import { BoardState } from '../prune';
import type { PruneDecision } from '../prune/trial';
import { preparePruning } from './pruning';
import { createStrategy, plannedTrials } from './registry';
import { fullBox, type Box } from './space';
import { WAIT, type FinishedState, type FinishedTrial, type RunningTrial, type Strategy } from './strategy';
import { checkedSpec, validateSpace } from './validate';
import { list, plural, proseFigure } from '../format';
import { dataHashesOf } from '../store/datahash';

/**
 * Epochs stream to the UI as they arrive and reach SQLite at least this often (ms), in one
 * transaction per batch, and always before the trial's outcome is written. Epochs of a trial
 * that never finished are discarded when it is re-run, so a crash between flushes loses nothing.
 */
export const EPOCH_FLUSH_MS = 250;

/** Trials handed to the pool per worker, so a worker finds its next trial waiting when one ends (unless the strategy asks for fewer). */
const QUEUE_DEPTH = 2;

/** Events a running study emits (the hosts push them to every attached UI). */
export interface StudyEvents {
  /** `narrowed`: the strategy drew the round inside a box of its own (coarse-to-fine); otherwise the box is the whole space. */
  roundStarted: [{ searchId: number; round: number; box: Box; narrowed: boolean }];
  trialStarted: [{ searchId: number; trialId: number; number: number; round: number; knobs: Record<string, unknown> }];
  epoch: [{ searchId: number; trialId: number; number: number; epoch: EpochMetrics }];
  /** `queued`: a worker took the trial just as a pause, a stop or the time budget cancelled it; it never ran and waits again. */
  trialFinished: [{ searchId: number; trialId: number; number: number; status: TrialStatus; objective: number | null; error: string | null }];
  searchFinished: [{ searchId: number; status: SearchStatus; stopReason: string }];
}

/** How a study runs. */
export interface StudyOptions {
  /** Worker threads (default: the spec's `workers`, else the number of cores). */
  workers?: number;
  /** Folder CSV paths in the spec are relative to. */
  baseDir?: string;
  /** Test hook: inject a fault into the trial with this number. */
  faults?: Record<number, TrialJob['fault']>;
  /** The spec's data set, already loaded (creating the search checked it): not read a second time. */
  dataset?: Dataset;
}

/** The status a trial gets from its training run's stop reason. */
export function statusOf(reason: StopReason): TrialStatus {
  switch (reason) {
    case 'max_epochs': return 'complete';
    case 'early_stopping': return 'early_stopped';
    case 'diverged': return 'diverged';
    case 'cancelled': return 'cancelled';
    case 'pruned': return 'pruned';
    default: return 'failed';
  }
}

/** How a finished trial counts for the strategies: a diverged run is `diverged`; otherwise with an objective it is complete (or pruned), without one it failed. */
export function finishedStateOf(status: TrialStatus, objective: number): FinishedState {
  if (status === 'diverged') return 'diverged';
  if (!Number.isFinite(objective)) return 'failed';
  return status === 'pruned' ? 'pruned' : 'complete';
}

/** The model seed of trial `number`: derived from the search's seed and the number, or the search's seed itself (`modelSeed: "shared"`). */
export function trialSeed(spec: Pick<Spec, 'seed' | 'modelSeed'>, number: number): number {
  return spec.modelSeed === 'shared' ? spec.seed : hashSeed(spec.seed, `trial${number}`);
}

/** A trial's seeds: the model's (initial weights, batch order, dropout) and the data split's (null: the search's own seed). */
export interface TrialSeeds {
  model: number;
  split: number | null;
}

/**
 * The seeds trial `number` trains with: those its strategy chose (a seed re-run), else the search's model seed for
 * the trial (trialSeed), with the search's split.
 */
export function trialSeeds(spec: Pick<Spec, 'seed' | 'modelSeed'>, number: number, chosen: { seed?: number; splitSeed?: number } = {}): TrialSeeds {
  return { model: chosen.seed ?? trialSeed(spec, number), split: chosen.splitSeed ?? null };
}

/** The objective's value in a run's metrics at its best epoch (NaN when missing). */
export function objectiveValue(best: FinalMetrics, objective: Objective): number {
  const byMetric: Record<ObjectiveMetric, number | null> = {
    val_loss: best.valLoss, val_accuracy: best.valAccuracy, val_balanced_accuracy: best.valBalancedAccuracy, val_rmse: best.valRmse, val_mae: best.valMae, val_r2: best.valR2, train_loss: best.trainLoss,
  };
  const v = byMetric[objective.metric];
  return v === null || v === undefined || !Number.isFinite(v) ? NaN : v;
}

/**
 * Runs one search: proposes trials with the spec's sampler, trains them in a worker pool over the
 * shared data set, and writes every trial and epoch to the store as it happens. Trials of a
 * coarse-to-fine round start only once the earlier rounds are finished, so the proposals are the
 * same whatever the number of workers. Resuming re-runs interrupted and cancelled (stopped) trials with their knobs and seed.
 *
 * @example
 *   const study = new Study(store, searchId, { workers: 2 });
 *   study.on('trialFinished', (t) => console.log(t.number, t.objective));
 *   await study.run();
 */
export class Study extends EventEmitter<StudyEvents> {
  readonly spec: Spec;
  private readonly strategy: Strategy;
  private readonly planned: number;
  private readonly running = new Map<number, RunningTrial & { cancel(): void }>();
  private stopRequest: 'stop' | 'pause' | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    readonly searchId: number,
    private readonly opts: StudyOptions = {},
  ) {
    super();
    const row = store.searches.need(searchId);
    this.spec = parseStoredSpec(row.spec);
    validateSpace(this.spec, { stored: true });
    this.strategy = createStrategy(this.spec);
    this.planned = row.planned_trials;
  }

  /** Stop: running trials stop at their next mini-batch and are marked cancelled (trials not started yet stay queued); a resume runs them again. */
  stop(): void {
    this.stopRequest = 'stop';
    for (const r of this.running.values()) r.cancel();
    this.wake?.();
  }

  /** Pause: running trials stop and become interrupted (trials not started yet stay queued); resume re-runs them. */
  pause(): void {
    this.stopRequest = 'pause';
    for (const r of this.running.values()) r.cancel();
    this.wake?.();
  }

  /** The first failure of a write (a full disk, a lock): the search stops and reports it. */
  private failure: unknown = null;

  /** Run (or resume) the search to its end; resolves to the search's final status. A full disk or a locked database rejects with a StoreError naming the file, and the search is marked failed where that can still be written. */
  async run(): Promise<SearchStatus> {
    const elsewhere = this.store.runnerElsewhere(this.searchId);
    if (elsewhere !== null) throw new BadInputError(elsewhereMessage(this.searchId, elsewhere));
    // While it runs, another connection's opening (the app next to a CLI run) leaves it running.
    const release = this.store.holdRun(this.searchId);
    try {
      return await this.runStudy();
    } catch (e) {
      const err = this.store.explain(e);
      try {
        this.store.searches.setStatus(this.searchId, 'failed', { stopReason: 'error', error: (err as Error).message });
        this.emit('searchFinished', { searchId: this.searchId, status: 'failed', stopReason: (err as Error).message });
      } catch {
        // the database cannot take even that write; the error says why
      }
      throw err;
    } finally {
      release();
    }
  }

  private async runStudy(): Promise<SearchStatus> {
    const { store, spec, searchId } = this;
    const dataset = this.opts.dataset ?? loadDataset(spec.dataset, spec.seed, this.opts.baseDir);
    const split = makeSplit(dataset, spec.split, spec.seed);
    const workers = Math.max(1, this.opts.workers ?? spec.workers ?? cpus().length);
    // A re-run with split seeds draws training and validation rows again per seed (the test rows stay): each split is made once and sent with its trials.
    const splits = new Map<number, Split>();
    const splitOf = (seed: number | null): Split | undefined => {
      if (seed === null) return undefined;
      let s = splits.get(seed);
      if (!s) splits.set(seed, (s = makeSplit(dataset, spec.split, spec.seed, seed)));
      return s;
    };
    const history: FinishedTrial[] = [];
    const record = (trial: FinishedTrial): void => {
      history.push(trial);
      this.strategy.trialFinished?.(trial);
    };
    const finished = (t: Omit<FinishedTrial, 'state'>, status: TrialStatus): void => record({ ...t, state: t.step !== undefined ? 'pruned' : finishedStateOf(status, t.objective) });
    const rerun: TrialRow[] = [];
    const kept: TrialRow[] = [];
    let next = 0;
    // Stored trials in the order they finished: a resumed strategy sees the history it would have seen.
    const stored = store.trials.list(searchId);
    const order = (t: TrialRow): string => t.finished_at ?? '';
    for (const t of [...stored].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a.number - b.number))) {
      next = Math.max(next, t.number + 1);
      // Trials cut short (paused, stopped, or killed with the process) run again with their knobs and seed.
      if ((UNFINISHED_TRIAL_STATUSES as readonly string[]).includes(t.status)) rerun.push(t);
      else {
        kept.push(t);
        record(finishedTrialOf(t));
      }
    }
    rerun.sort((a, b) => a.number - b.number);
    const pruning = preparePruning(spec, split.folds.length, store, searchId, this.planned, kept);
    const pool = new WorkerPool(workers, { dataset: toShared(dataset), split, preprocess: spec.preprocess, targetPreprocess: spec.targetPreprocess, pruning: pruning?.init });
    store.searches.setStatus(searchId, 'running', { workers });
    const endGrouping = store.groupCommits();
    const started = Date.now();
    const savedRounds = new Set(store.rounds.list(searchId).map((r) => r.round));
    let best = bestOf(history, spec.objective.direction);
    let sinceImprovement = 0;
    let stopReason = '';
    const inFlight = new Set<Promise<void>>();

    const launch = (number: number, round: number, knobs: Record<string, unknown>, seeds: TrialSeeds): void => {
      const seed = seeds.model;
      const row = store.trials.start(searchId, number, round, knobs, seed, true, seeds.split);
      pruning?.board.ensureRows(number + 1);
      let config;
      try {
        config = trainConfigOf(spec, knobs);
      } catch (e) {
        this.emit('trialStarted', { searchId, trialId: row.id, number, round, knobs });
        pruning?.board.setState(number, BoardState.other);
        this.finish(row.id, number, failedOutcome((e as Error).message));
        finished({ number, round, knobs, objective: NaN }, 'failed');
        return;
      }
      let t0 = Date.now();
      // Whether a worker took the trial (and "running" was written and announced): one cancelled before that never ran.
      let announced = false;
      // "running" is written when the worker starts the trial (in the turn's grouped commit, with the
      // event): a trial whose first epoch takes seconds must not read "queued" meanwhile, and a
      // dashboard reloads its trial list on the event, not on epochs. Epochs are written every
      // EPOCH_FLUSH_MS, and the last ones with the trial's end in one transaction.
      let startedAt: string | undefined;
      const pending: EpochChunk[] = [];
      let lastFlush = Date.now();
      const flush = (): void => {
        if (pending.length > 0 || startedAt !== undefined) store.epochs.add(row.id, pending.splice(0), startedAt);
        startedAt = undefined;
        lastFlush = Date.now();
      };
      const handle = pool.run(
        { trialId: row.id, number, config, seed, split: splitOf(seeds.split), fault: this.opts.faults?.[number], diagnosticsEvery: spec.diagnostics?.every },
        (chunks) => {
          pending.push(...chunks);
          if (Date.now() - lastFlush >= EPOCH_FLUSH_MS) flush();
          if (this.listenerCount('epoch') > 0) for (const epoch of unpackChunks(chunks)) this.emit('epoch', { searchId, trialId: row.id, number, epoch });
        },
        () => {
          announced = true;
          t0 = Date.now();
          lastFlush = t0;
          startedAt = new Date(t0).toISOString();
          flush();
          this.emit('trialStarted', { searchId, trialId: row.id, number, round, knobs });
        },
      );
      this.running.set(row.id, { cancel: handle.cancel, number, round, knobs });
      let diagnostics: WorkerResult['diagnostics'] = null;
      let prunedAt: number | undefined;
      const p = handle.result
        .then(
          (r) => {
            diagnostics = r.diagnostics;
            prunedAt = r.pruned?.step;
            // The main thread hears of a trial's start and end a little late when it is busy (a pipelined trial starts as its
            // worker posts the last one's end): its time is at least what the worker measured training it, never less.
            // To the microsecond: a timer's difference carries float noise past it (0.0010085640000000353 s in a CSV).
            const o = this.outcomeOf(r, Number(Math.max((Date.now() - t0) / 1000, r.seconds).toFixed(6)));
            if (r.pruned) o.prune = JSON.stringify(pruneInfoOf(r.pruned, split.folds.length * config.epochs));
            // The classes by name with their counts, so the trial's matrix reads alone (a bundle, a file whose data set is gone).
            if (r.confusion) o.confusion = JSON.stringify({ classes: classNamesOf(dataset, r.confusion.length), counts: r.confusion });
            if (r.valPredictions) o.predictions = predictionsJson(r.valPredictions);
            return o;
          },
          // The pool rejects with a CancelledError only a trial no worker started: it waited in the pool's queue or behind another trial in a worker's.
          (e: Error) => (e instanceof CancelledError ? null : failedOutcome(e.message, (Date.now() - t0) / 1000)),
        )
        .then((o) => {
          this.running.delete(row.id);
          if (o === null) {
            this.neverStarted(row.id, number, round, knobs, seeds, announced);
            return;
          }
          if (o.status === 'cancelled' && this.stopRequest === 'pause') {
            flush();
            store.trials.mark(row.id, 'interrupted');
            this.emit('trialFinished', { searchId, trialId: row.id, number, status: 'interrupted', objective: null, error: null });
            return;
          }
          // A worker that died could not mark its trial's row; a pruned or finished one already did.
          if (pruning && o.status !== 'complete' && o.status !== 'early_stopped' && o.status !== 'pruned' && pruning.board.state(number) === BoardState.open) pruning.board.setState(number, BoardState.other);
          this.finish(row.id, number, o, { epochs: pending.splice(0), diagnostics: diagnostics ?? undefined, startedAt });
          const obj = o.objective ?? NaN;
          finished({ number, round, knobs, objective: obj, ...(prunedAt !== undefined ? { step: prunedAt } : {}) }, o.status);
          if (prunedAt !== undefined) return;
          if (Number.isFinite(obj) && (!Number.isFinite(best) || (spec.objective.direction === 'minimize' ? obj < best : obj > best))) {
            best = obj;
            sinceImprovement = 0;
          } else sinceImprovement++;
        })
        .catch((e: unknown) => {
          this.failure ??= e;
        })
        .finally(() => {
          inFlight.delete(p);
          this.wake?.();
        });
      inFlight.add(p);
    };

    // The time budget ends the search when it runs out, not when the next trial happens to end: a
    // trial of minutes would otherwise run on long past it. The loop then cancels the running trials.
    // (A timer may fire a little before Date.now() says the time is up: it then waits for the rest.)
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const budgetMs = spec.budget.seconds !== undefined ? spec.budget.seconds * 1000 : undefined;
    const armDeadline = (): void => {
      if (budgetMs === undefined) return;
      const left = budgetMs - (Date.now() - started);
      deadline = setTimeout(() => (Date.now() - started >= budgetMs ? this.wake?.() : armDeadline()), Math.max(1, left));
    };
    armDeadline();
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        if (this.stopRequest) {
          stopReason = this.stopRequest === 'stop' ? 'stopped by the user' : 'paused';
          break;
        }
        if (spec.budget.seconds !== undefined && Date.now() - started >= spec.budget.seconds * 1000) {
          stopReason = `time budget of ${spec.budget.seconds} s reached`;
          for (const r of this.running.values()) r.cancel();
          break;
        }
        if (spec.budget.noImprovement !== undefined && sinceImprovement >= spec.budget.noImprovement) {
          stopReason = `no improvement in ${spec.budget.noImprovement} trials`;
          break;
        }
        if (inFlight.size < workers * (this.strategy.queuePerWorker ?? QUEUE_DEPTH)) {
          const redo = rerun.shift();
          if (redo) {
            launch(redo.number, redo.round, JSON.parse(redo.knobs), { model: redo.seed, split: redo.split_seed });
            continue;
          }
          if (next < this.planned) {
            const running = [...this.running.values()].map(({ number, round, knobs }) => ({ number, round, knobs })).sort((a, b) => a.number - b.number);
            const proposal = this.strategy.propose({ number: next, finished: history, running });
            if (proposal === WAIT) {
              if (inFlight.size === 0) throw new Error(`The ${spec.strategy.kind} strategy waits for a running trial, but none is running`);
            } else if (proposal) {
              if (!savedRounds.has(proposal.round)) {
                const box = proposal.box ?? fullBox(spec.space);
                store.rounds.save(searchId, proposal.round, box);
                savedRounds.add(proposal.round);
                this.emit('roundStarted', { searchId, round: proposal.round, box, narrowed: proposal.box !== undefined });
              }
              launch(next, proposal.round, proposal.knobs, trialSeeds(spec, next, proposal));
              next++;
              continue;
            } else stopReason = 'the grid is exhausted';
          }
          if (inFlight.size === 0) {
            stopReason ||= `budget of ${plural(this.planned, 'trial')} reached`;
            break;
          }
        }
        await new Promise<void>((r) => {
          this.wake = r;
        });
        this.wake = null;
      }
      await Promise.all(inFlight);
      if (this.failure) throw this.failure;
    } finally {
      clearTimeout(deadline);
      await pool.close();
      endGrouping();
    }
    const status: SearchStatus = this.stopRequest === 'stop' ? 'cancelled' : this.stopRequest === 'pause' ? 'paused' : 'complete';
    // A complete search cannot be resumed: trials its time budget left queued would never run, and
    // would read as waiting ("2 queued") on a search that has ended. They go with the status change;
    // a number they leave missing below a trial that ran is named in the stop reason.
    store.transaction(() => {
      const gaps = status === 'complete' ? store.trials.dropQueued(searchId) : [];
      if (gaps.length > 0) stopReason += `; ${gaps.length === 1 ? `trial ${gaps[0]} was` : `trials ${list(gaps.map(String))} were`} queued behind a running trial and never ran`;
      store.searches.setStatus(searchId, status, { stopReason });
    });
    this.emit('searchFinished', { searchId, status, stopReason });
    return status;
  }

  private outcomeOf(r: WorkerResult, seconds: number): TrialOutcome {
    return {
      status: statusOf(r.stopReason),
      objective: r.stopReason === 'diverged' ? NaN : objectiveValue(r.best, this.spec.objective),
      bestEpoch: r.bestEpoch,
      stoppedEpoch: r.stoppedEpoch,
      stopReason: r.stopReason,
      trainLoss: r.best.trainLoss,
      valLoss: r.best.valLoss,
      trainAccuracy: r.best.trainAccuracy,
      valAccuracy: r.best.valAccuracy,
      valBalancedAccuracy: r.best.valBalancedAccuracy,
      valRmse: r.best.valRmse,
      valMae: r.best.valMae,
      valR2: r.best.valR2,
      durationS: seconds,
      error: r.error ?? null,
      kernelPath: r.kernelPath || null,
    };
  }

  /**
   * A trial a pause, a stop or the time budget cancelled before any worker started it never ran: it
   * stays `queued` (no result, no error, no epochs), which every view reads as not run (the trials
   * table hides queued trials, the trials CSV leaves them out, counts of finished trials skip them)
   * and a resume runs with its knobs and seed. It is not stored as cancelled or interrupted, which
   * say a trial was cut short. When the trial had been announced as started (a worker took it just as
   * the cancel came), its row goes back to queued and the UIs hear that it is no longer running.
   */
  private neverStarted(trialId: number, number: number, round: number, knobs: Record<string, unknown>, seeds: TrialSeeds, announced: boolean): void {
    if (!announced) return;
    this.store.trials.start(this.searchId, number, round, knobs, seeds.model, true, seeds.split);
    this.emit('trialFinished', { searchId: this.searchId, trialId, number, status: 'queued', objective: null, error: null });
  }

  private finish(trialId: number, number: number, o: TrialOutcome, last?: TrialEnd): void {
    this.store.trials.finish(trialId, o, last);
    this.emit('trialFinished', { searchId: this.searchId, trialId, number, status: o.status, objective: Number.isFinite(o.objective ?? NaN) ? o.objective : null, error: o.error });
  }
}

function failedOutcome(message: string, seconds: number | null = null): TrialOutcome {
  return {
    status: 'failed', objective: NaN, bestEpoch: null, stoppedEpoch: null, stopReason: 'error', trainLoss: null, valLoss: null,
    trainAccuracy: null, valAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: seconds, error: message,
  };
}

/** A worker's prune decision (already in the objective's units) as the store keeps it (api/contract.ts PruneInfo), with the trial's last step. */
export function pruneInfoOf(d: PruneDecision, lastStep: number): PruneInfo {
  return { ...d, lastStep };
}

/** A stored finished trial as strategies see it (a pruned one with the step it stopped at): what a resumed search and the densities of a stored search both read. */
export function finishedTrialOf(t: TrialRow): FinishedTrial {
  const objective = t.objective ?? NaN;
  const trial = { number: t.number, round: t.round, knobs: JSON.parse(t.knobs) as Record<string, unknown>, objective };
  return t.stop_reason === 'pruned' ? { ...trial, state: 'pruned', step: storedPruneStep(t) } : { ...trial, state: finishedStateOf(t.status, objective) };
}

/** The step a stored pruned trial stopped at: its decision's, or (stored before decisions were) its stopped epoch. */
function storedPruneStep(t: TrialRow): number {
  if (t.prune) {
    try {
      return (JSON.parse(t.prune) as PruneInfo).step;
    } catch {
      // an unreadable decision: fall back on the epoch
    }
  }
  return t.stopped_epoch ?? 0;
}

function bestOf(history: FinishedTrial[], direction: 'minimize' | 'maximize'): number {
  const xs = history.filter((h) => h.state !== 'pruned').map((h) => h.objective).filter(Number.isFinite);
  if (xs.length === 0) return NaN;
  return direction === 'minimize' ? Math.min(...xs) : Math.max(...xs);
}

/** Why a search another process is running cannot be started, stopped, paused or deleted here. */
export function elsewhereMessage(searchId: number, pid: number): string {
  return `Search ${searchId} is being run by another process (pid ${pid}, such as a "knobs run" in a terminal); stop it there (Ctrl+C) or wait for it to end`;
}

/** Create a search for a spec in its project (validated first) and return its id (and, when its data was checked, the data set loaded for that). */
export function createSearch(store: Store, input: unknown, opts: { checkData?: boolean; baseDir?: string; dataset?: Dataset } = {}): { id: number; name: string; planned: number; dataset?: Dataset } {
  const spec = checkedSpec(input);
  const dataset = opts.checkData ? checkData(spec, opts.baseDir, opts.dataset) : undefined;
  const project = store.projects.ensure(spec.project);
  const planned = plannedTrials(spec);
  const name = spec.name ?? `${spec.strategy.kind} search`;
  // Stored with its target scaling and CSV numbers written out: read back, a spec without them means the old "none" and "plain".
  const row = store.searches.create(project.id, name, storedSpecOf(input, spec), planned);
  // The bytes it starts on, so a resume or replay can tell a data file that changed since.
  store.searches.setDataHash(row.id, dataHashesOf(input, opts.baseDir));
  return { id: row.id, name: row.name, planned, ...(dataset ? { dataset } : {}) };
}

/**
 * Load a spec's data set and make its split, and check the objective and early stopping watch a
 * metric its task reports: a bad CSV, a split the rows cannot make, or val_rmse on classes is
 * refused (BadInputError) before a search is stored, instead of a failed search with no trials.
 */
export function checkData(spec: Spec, baseDir?: string, loaded?: Dataset): Dataset {
  const dataset = loaded ?? loadDataset(spec.dataset, spec.seed, baseDir);
  makeSplit(dataset, spec.split, spec.seed);
  const issues = [...metricIssues(spec, dataset.task, dataset.name), ...targetIssues(spec, dataset)];
  if (issues.length > 0) throw new BadInputError(issues.map(issueText).join('; '), issues);
  return dataset;
}

/** The task of a spec's data set when the spec alone says (built-in, IDX, synthetic, a CSV with "task"); null when a CSV's target column decides. */
export function taskOfSpec(d: DatasetSpec): Task | null {
  if ('builtin' in d || 'idx' in d) return 'classification';
  if ('synthetic' in d) return syntheticTask(d.synthetic);
  return d.task ?? null;
}

/** A spec's data set by name: the built-in or synthetic one's, else the imported one's (`nameOfFile`, when it knows the file), else its file's. */
export function datasetNameOf(d: DatasetSpec, nameOfFile?: (file: string) => string | undefined): string {
  if ('builtin' in d) return d.builtin;
  if ('synthetic' in d) return d.synthetic;
  const file = 'csv' in d ? d.csv : d.idx;
  return nameOfFile?.(file) ?? basename(file);
}

/** The objective or early-stopping metrics a spec asks of a task that does not report them, as issues at their keys. */
export function metricIssues(spec: Spec, task: Task, dataset: string): Issue[] {
  const reported: readonly string[] = TASK_METRICS[task];
  const list = (ms: readonly string[]): string => ms.map((m) => `"${m}"`).join(', ');
  const issues: Issue[] = [];
  if (!reported.includes(spec.objective.metric)) {
    issues.push({ path: 'objective.metric', message: `"${spec.objective.metric}" is not reported for ${task} data (${dataset}); use one of ${list(reported)}` });
  }
  const monitors = (MONITORS as readonly string[]).filter((m) => reported.includes(m));
  const choices = [{ path: 'train.earlyStopping', value: spec.train.earlyStopping as unknown }, ...earlyStoppingChoices(spec).map((value) => ({ path: 'space.earlyStopping', value }))];
  for (const { path, value } of choices) {
    const monitor = value && typeof value === 'object' && 'monitor' in value ? String(value.monitor) : null;
    if (monitor !== null && !reported.includes(monitor)) {
      issues.push({ path: `${path}.monitor`, message: `"${monitor}" is not reported for ${task} data (${dataset}); use ${monitors.length > 1 ? 'one of ' : ''}${list(monitors)}` });
      break;
    }
  }
  // Class weights weigh classes: a regression target has none.
  if (task === 'regression') {
    const p = spec.space.classWeights;
    const offered = p ? (p.type === 'fixed' ? [p.value] : p.type === 'categorical' ? p.values : []) : [];
    const at = spec.train.classWeights === 'balanced' ? 'train.classWeights' : offered.includes('balanced') ? 'space.classWeights' : null;
    if (at) issues.push({ path: at, message: `"balanced" weighs each class in the loss, but ${dataset} is regression data (a number to predict, no classes); use "none" or leave classWeights out` });
  }
  return issues;
}

/** A regression trial's validation predictions as stored (`compactPredictions`), as JSON. */
export function predictionsJson(p: ValPredictions): string {
  return JSON.stringify(compactPredictions(p));
}

/** A target scaling the data set's values cannot take: `log` (ln(1 + y)) on a regression target with values below 0. */
export function targetIssues(spec: Spec, dataset: Dataset): Issue[] {
  if (spec.targetPreprocess !== 'log' || dataset.task !== 'regression') return [];
  let below = 0;
  let lowest = Infinity;
  for (const y of dataset.y) {
    if (!(y >= 0)) below++;
    lowest = Math.min(lowest, y);
  }
  if (below === 0) return [];
  const name = dataset.targetName ? `"${dataset.targetName}"` : 'the target';
  return [{
    path: 'targetPreprocess',
    message: `"log" trains on ln(1 + target), which needs every value ≥ 0, but ${below} of the ${dataset.nRows} values of ${name} are below 0 (the lowest ${proseFigure(lowest)}); ` +
      `use "zscore"${'csv' in spec.dataset ? ', or import the column shifted to start at 0' : ''}`,
  }];
}

/** The early-stopping settings a search's space may choose. */
function earlyStoppingChoices(spec: Spec): unknown[] {
  const p = spec.space.earlyStopping;
  if (!p) return [];
  if (p.type === 'fixed') return [p.value];
  return p.type === 'categorical' ? p.values : [];
}
