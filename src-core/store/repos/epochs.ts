import type { EpochMetrics } from '../../train/types';
import { AT, CHUNK_FIELDS, chunkFromBlob, packEpochs, recordWidth, type EpochChunk } from '../chunks';
import type { Connection } from '../connection';
import type { EpochRow } from '../rows';

type ChunkRow = [fold: number, first: number, layers: number, data: Buffer];
/** A chunk with the trial it belongs to. */
export interface TrialChunk { trialId: number; number: number; chunk: EpochChunk }

const SEARCH_CHUNKS = `SELECT c.fold, c.first_epoch, c.layers, c.data, t.id, t.number FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id`;

/**
 * Trials' epochs, stored packed: each batch a worker sends is one row of `epoch_chunks`, a BLOB of
 * float64 records (chunks.ts documents the layout), so a 100-epoch trial costs one insert.
 */
export class Epochs {
  private readonly q;
  private readonly addTx;

  constructor(private readonly c: Connection) {
    this.q = {
      insert: c.statement(`INSERT OR REPLACE INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (?, ?, ?, ?, ?, ?)`),
      started: c.statement(`UPDATE trials SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'`),
      ofTrial: c.statement(`SELECT fold, first_epoch, layers, data FROM epoch_chunks WHERE trial_id = ? ORDER BY fold, first_epoch`),
      ofTrialFold: c.statement(`SELECT fold, first_epoch, layers, data FROM epoch_chunks WHERE trial_id = ? AND fold = ? ORDER BY first_epoch`),
      ofSearch: c.statement(`${SEARCH_CHUNKS} WHERE t.search_id = ? ORDER BY t.number, c.fold, c.first_epoch`),
      page: c.statement(`${SEARCH_CHUNKS} WHERE t.search_id = ? AND c.fold = ? AND t.number > ? ORDER BY t.number, c.first_epoch`),
      count: c.statement(`SELECT COALESCE(SUM(c.n), 0) AS n FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id WHERE t.search_id = ?`),
      deleteOfTrial: c.statement(`DELETE FROM epoch_chunks WHERE trial_id = ?`),
    };
    this.addTx = c.transaction((trialId: number, epochs: EpochMetrics[] | EpochChunk[], startedAt?: string) => this.insert(trialId, epochs, startedAt));
  }

  /**
   * Append epochs of a running trial (as they came, or packed by a worker), in one transaction. With
   * `startedAt`, a trial still marked queued becomes running in the same transaction (the study
   * passes it, with no epochs yet, when the worker starts the trial).
   */
  add(trialId: number, epochs: EpochMetrics[] | EpochChunk[], startedAt?: string): void {
    this.c.joinGroup();
    this.addTx(trialId, epochs, startedAt);
  }

  /** The inserts of `add`, inside the caller's transaction (a trial's end writes its last epochs with its outcome). */
  insert(trialId: number, epochs: EpochMetrics[] | EpochChunk[], startedAt?: string): void {
    if (startedAt !== undefined) this.q.started().run(startedAt, trialId);
    if (epochs.length === 0) return;
    const chunks = 'data' in epochs[0] ? (epochs as EpochChunk[]) : packEpochs(epochs as EpochMetrics[]);
    const insert = this.q.insert();
    for (const c of chunks) insert.run(trialId, c.fold, c.first, c.n, c.layers, Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength));
  }

  /** Forget a trial's epochs (it is about to run again). */
  deleteOfTrial(trialId: number): void {
    this.q.deleteOfTrial().run(trialId);
  }

  /** A trial's chunks (one fold, or all), in fold and epoch order. */
  ofTrial(trialId: number, fold?: number): EpochChunk[] {
    const rows = (fold === undefined ? this.q.ofTrial().raw().all(trialId) : this.q.ofTrialFold().raw().all(trialId, fold)) as ChunkRow[];
    return rows.map((r) => chunkFromBlob(r[0], r[1], r[2], r[3]));
  }

  /** Every chunk of a search's trials, by trial number, fold and epoch. */
  ofSearch(searchId: number): TrialChunk[] {
    const rows = this.q.ofSearch().raw().all(searchId) as [...ChunkRow, number, number][];
    return rows.map((r) => ({ trialId: r[4], number: r[5], chunk: chunkFromBlob(r[0], r[1], r[2], r[3]) }));
  }

  /**
   * One page of a search's chunks of one fold: the trials numbered above `after`, whole trials in
   * number order until about `maxEpochs` epochs; `more` when trials remain.
   */
  page(searchId: number, fold: number, after: number, maxEpochs: number): { chunks: TrialChunk[]; more: boolean } {
    const chunks: TrialChunk[] = [];
    let epochs = 0;
    let more = false;
    const rows = this.q.page().raw().iterate(searchId, fold, after) as IterableIterator<[...ChunkRow, number, number]>;
    for (const r of rows) {
      if (epochs >= maxEpochs && r[5] !== chunks[chunks.length - 1].number) {
        more = true;
        break;
      }
      const chunk = chunkFromBlob(r[0], r[1], r[2], r[3]);
      epochs += chunk.n;
      chunks.push({ trialId: r[4], number: r[5], chunk });
    }
    return { chunks, more };
  }

  /** A search's epochs in long form (trial number, fold, epoch order). */
  rows(searchId: number): (EpochRow & { number: number })[] {
    return this.ofSearch(searchId).flatMap(({ trialId, number, chunk }) => chunkRows(trialId, chunk).map((r) => ({ ...r, number })));
  }

  /** How many epochs a search has stored. */
  count(searchId: number): number {
    return (this.q.count().get(searchId) as { n: number }).n;
  }
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A chunk's epochs as rows, non-finite values as null (the shape the curves CSV writes). */
export function chunkRows(trialId: number, c: EpochChunk): EpochRow[] {
  const rows: EpochRow[] = [];
  const w = recordWidth(c.layers);
  const d = c.data;
  for (let i = 0; i < c.n; i++) {
    const o = i * w;
    rows.push({
      trial_id: trialId, fold: c.fold, epoch: d[o + AT.epoch], train_loss: finiteOrNull(d[o + AT.trainLoss]), val_loss: finiteOrNull(d[o + AT.valLoss]),
      penalty: finiteOrNull(d[o + AT.penalty]), train_accuracy: finiteOrNull(d[o + AT.trainAccuracy]), val_accuracy: finiteOrNull(d[o + AT.valAccuracy]),
      val_balanced_accuracy: finiteOrNull(d[o + AT.valBalancedAccuracy]),
      val_rmse: finiteOrNull(d[o + AT.valRmse]), val_mae: finiteOrNull(d[o + AT.valMae]), val_r2: finiteOrNull(d[o + AT.valR2]), lr: finiteOrNull(d[o + AT.lr]),
      seconds: finiteOrNull(d[o + AT.seconds]),
      grad_norms: JSON.stringify(Array.from(d.subarray(o + CHUNK_FIELDS.length, o + w), finiteOrNull)),
    });
  }
  return rows;
}
