import { NotFoundError } from '../../errors';
import type { DiagnosticSnapshot } from '../../diagnostics/stats';
import type { EpochMetrics } from '../../train/types';
import type { TrialStatus } from '../../vocabulary';
import type { EpochChunk } from '../chunks';
import { now, type Connection } from '../connection';
import type { TrialOutcome, TrialRow } from '../rows';
import type { Diagnostics } from './diagnostics';
import type { Epochs } from './epochs';

/** What a finishing trial writes with its outcome, in the same transaction. */
export interface TrialEnd {
  epochs?: EpochMetrics[] | EpochChunk[];
  diagnostics?: DiagnosticSnapshot[] | Uint8Array;
  /** When the trial started, if "running" was not written yet (a short trial's start and end share one commit). */
  startedAt?: string;
}

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** A search's trials: knobs and seed, status, and the metrics at the best epoch once ended. */
export class Trials {
  private readonly q;
  private readonly startTx;
  private readonly finishTx;

  constructor(
    private readonly c: Connection,
    private readonly epochs: Epochs,
    private readonly diagnostics: Diagnostics,
  ) {
    this.q = {
      byId: c.statement(`SELECT * FROM trials WHERE id = ?`),
      byNumber: c.statement(`SELECT * FROM trials WHERE search_id = ? AND number = ?`),
      idByNumber: c.statement(`SELECT id FROM trials WHERE search_id = ? AND number = ?`),
      span: c.statement(`SELECT MIN(number) AS lo, MAX(number) AS hi, COUNT(*) AS n FROM trials WHERE search_id = ?`),
      list: c.statement(`SELECT * FROM trials WHERE search_id = ? ORDER BY number`),
      dropQueued: c.statement(`DELETE FROM trials WHERE search_id = ? AND status = 'queued' RETURNING number`),
      insert: c.statement(`INSERT INTO trials (search_id, number, round, status, knobs, seed, split_seed, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      putPredictions: c.statement(`INSERT OR REPLACE INTO trial_predictions (trial_id, data) VALUES (?, ?)`),
      predictions: c.statement(`SELECT data FROM trial_predictions WHERE trial_id = ?`),
      deletePredictions: c.statement(`DELETE FROM trial_predictions WHERE trial_id = ?`),
      restart: c.statement(`UPDATE trials SET status = ?, started_at = ?, finished_at = NULL, error = NULL, kernel_path = NULL, prune = NULL, confusion = NULL WHERE id = ?`),
      finish: c.statement(`UPDATE trials SET status = @status, objective = @objective, best_epoch = @bestEpoch, stopped_epoch = @stoppedEpoch, stop_reason = @stopReason,
        train_loss = @trainLoss, val_loss = @valLoss, train_accuracy = @trainAccuracy, val_accuracy = @valAccuracy, val_balanced_accuracy = @valBalancedAccuracy, val_rmse = @valRmse, val_mae = @valMae,
        val_r2 = @valR2, duration_s = @durationS, error = @error, kernel_path = COALESCE(@kernelPath, kernel_path), prune = @prune, confusion = @confusion, finished_at = @t WHERE id = @id`),
      mark: c.statement(`UPDATE trials SET status = ?, error = COALESCE(?, error), finished_at = ? WHERE id = ?`),
      prunedSteps: c.statement(`SELECT COALESCE(SUM(MAX(0, json_extract(prune, '$.lastStep') - json_extract(prune, '$.step'))), 0) AS n FROM trials WHERE search_id = ? AND prune IS NOT NULL`),
      counts: c.statement(`SELECT status, COUNT(*) AS n FROM trials WHERE search_id = ? GROUP BY status`),
      taskEvidence: c.statement(`SELECT confusion, val_r2, val_rmse FROM trials WHERE search_id = ? AND (confusion IS NOT NULL OR val_r2 IS NOT NULL) ORDER BY number LIMIT 1`),
      stats: c.statement(`SELECT MIN(CASE WHEN status <> 'pruned' THEN objective END) AS lo, MAX(CASE WHEN status <> 'pruned' THEN objective END) AS hi, AVG(CASE WHEN duration_s >= 0 THEN duration_s END) AS mean FROM trials WHERE search_id = ?`),
      changedSince: c.statement(`SELECT * FROM trials WHERE search_id = ? AND number > ? AND (started_at >= ? OR finished_at >= ?) ORDER BY number LIMIT ?`),
      after: c.statement(`SELECT * FROM trials WHERE search_id = ? AND number > ? ORDER BY number LIMIT ?`),
      cursor: c.statement(`SELECT MAX(MAX(COALESCE(started_at, '')), MAX(COALESCE(finished_at, ''))) AS c FROM trials WHERE search_id = ?`),
    };
    this.startTx = c.transaction((searchId: number, number: number, round: number, knobs: unknown, seed: number, splitSeed: number | null, status: TrialStatus): TrialRow => {
      const existing = this.q.idByNumber().get(searchId, number) as { id: number } | undefined;
      if (existing) {
        this.epochs.deleteOfTrial(existing.id);
        this.diagnostics.deleteOfTrial(existing.id);
        this.q.deletePredictions().run(existing.id);
        this.q.restart().run(status, now(), existing.id);
        return this.q.byId().get(existing.id) as TrialRow;
      }
      const id = Number(this.q.insert().run(searchId, number, round, status, JSON.stringify(knobs), seed, splitSeed, now()).lastInsertRowid);
      return this.q.byId().get(id) as TrialRow;
    });
    this.finishTx = c.transaction((trialId: number, o: TrialOutcome, last: TrialEnd) => {
      if (last.epochs?.length || last.startedAt !== undefined) this.epochs.insert(trialId, last.epochs ?? [], last.startedAt);
      if (last.diagnostics && last.diagnostics.length > 0) this.diagnostics.put(trialId, last.diagnostics);
      if (o.predictions) this.q.putPredictions().run(trialId, o.predictions);
      const { predictions: _kept, ...columns } = o;
      this.q.finish().run({
        id: trialId, t: now(), ...columns, kernelPath: o.kernelPath ?? null, prune: o.prune ?? null, confusion: o.confusion ?? null,
        objective: finite(o.objective), trainLoss: finite(o.trainLoss), valLoss: finite(o.valLoss), trainAccuracy: finite(o.trainAccuracy),
        valAccuracy: finite(o.valAccuracy), valBalancedAccuracy: finite(o.valBalancedAccuracy ?? null), valRmse: finite(o.valRmse), valMae: finite(o.valMae), valR2: finite(o.valR2),
      });
    });
  }

  /** Trial `number` of a search (by the index on search and number), or undefined. */
  /** A regression trial's validation rows at its best epoch as stored (JSON, train/types.ts ValPredictions); null where none were kept. */
  predictionsOf(trialId: number): string | null {
    return (this.q.predictions().get(trialId) as { data: string } | undefined)?.data ?? null;
  }

  get(searchId: number, number: number): TrialRow | undefined {
    return this.q.byNumber().get(searchId, number) as TrialRow | undefined;
  }

  /** Trial `number` of a search; a NotFoundError when there is none. */
  need(searchId: number, number: number): TrialRow {
    const t = this.get(searchId, number);
    if (!t) {
      const { lo, hi, n } = this.q.span().get(searchId) as { lo: number | null; hi: number | null; n: number };
      const has = n === 0 ? 'none yet' : n === hi! - lo! + 1 ? `trials ${lo}–${hi}` : `${n} trials numbered ${lo}–${hi}`;
      throw new NotFoundError(`Search ${searchId} has no trial ${number} (it has ${has})`);
    }
    return t;
  }

  /**
   * Delete a search's trials that never started (queued: no result, no epochs). Only for a search
   * that can no longer run them (complete): a paused or stopped search keeps them for its resume.
   * Returns the numbers that went below the highest number kept: the gaps they leave in the
   * numbering (a trial queued in a worker behind a long one, while another worker ran later numbers).
   */
  dropQueued(searchId: number): number[] {
    const dropped = (this.q.dropQueued().all(searchId) as { number: number }[]).map((r) => r.number);
    const last = (this.q.span().get(searchId) as { hi: number | null }).hi ?? -1;
    return dropped.filter((n) => n < last).sort((a, b) => a - b);
  }

  /** A search's trials by number. */
  list(searchId: number): TrialRow[] {
    return this.q.list().all(searchId) as TrialRow[];
  }

  /**
   * Trials of a search that started or finished at or after `since` (an ISO time; '' for all), and
   * the cursor to ask with next time: the latest such time in the search. Rows written in the same
   * millisecond as the cursor come again next time (the caller merges by trial number). At most
   * `limit` rows numbered above `after`; `more` when others follow.
   */
  changes(searchId: number, since: string, after = -1, limit = 1000): { cursor: string; rows: TrialRow[]; more: boolean } {
    const rows = (since ? this.q.changedSince().all(searchId, after, since, since, limit + 1) : this.q.after().all(searchId, after, limit + 1)) as TrialRow[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const c = this.q.cursor().get(searchId) as { c: string | null };
    return { cursor: c.c ?? '', rows, more };
  }

  /** The epochs a search's pruned trials did not train (each one's last step had it run its course, less the step it stopped at), by aggregate. */
  prunedSteps(searchId: number): number {
    return (this.q.prunedSteps().get(searchId) as { n: number }).n;
  }

  /** The first trial that says which task its search is: its validation confusion (classes) or its R² (a regression, with its RMSE); undefined before one has ended with either. */
  taskEvidence(searchId: number): Pick<TrialRow, 'confusion' | 'val_r2' | 'val_rmse'> | undefined {
    return this.q.taskEvidence().get(searchId) as Pick<TrialRow, 'confusion' | 'val_r2' | 'val_rmse'> | undefined;
  }

  /** Trial counts by status. */
  countByStatus(searchId: number): Partial<Record<TrialStatus, number>> {
    const rows = this.q.counts().all(searchId) as { status: TrialStatus; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** A search's objective at both ends (pruned trials left out: theirs is a partial run's) and its mean trial seconds, by aggregate (no rows read into JS). */
  stats(searchId: number): { lo: number | null; hi: number | null; meanSeconds: number | null } {
    const r = this.q.stats().get(searchId) as { lo: number | null; hi: number | null; mean: number | null };
    return { lo: r.lo, hi: r.hi, meanSeconds: r.mean };
  }

  /**
   * Insert trial `number` as running, or as queued when `queued` (or restart an existing one with
   * its stored knobs and seeds, its epochs and diagnostics dropped). `splitSeed`: the data split's
   * seed when it is not the search's (a re-run with split seeds).
   */
  start(searchId: number, number: number, round: number, knobs: unknown, seed: number, queued = false, splitSeed: number | null = null): TrialRow {
    this.c.joinGroup();
    return this.startTx(searchId, number, round, knobs, seed, splitSeed, queued ? 'queued' : 'running');
  }

  /** Record how a trial ended; its last epochs and its diagnostics (and, with `startedAt`, its start) go in the same transaction: one commit per finished trial. */
  finish(trialId: number, o: TrialOutcome, last: TrialEnd = {}): void {
    this.c.joinGroup();
    this.finishTx(trialId, o, last);
  }

  /** Mark a trial with a status and no metrics (interrupted on pause, cancelled on stop). */
  mark(trialId: number, status: TrialStatus, error: string | null = null): void {
    this.c.joinGroup();
    this.q.mark().run(status, error, now(), trialId);
  }
}
