import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError, StoreError } from '../errors';
import type { DiagnosticSnapshot } from '../diagnostics/stats';
import type { EpochMetrics, StopReason, TrialStatus } from '../train/types';
import { AT, CHUNK_FIELDS, chunkFromBlob, packEpochs, recordWidth, type EpochChunk } from './chunks';
import { MIGRATIONS } from './migrations';
import { packSnapshots, unpackSnapshots } from './snapshots';

/** Search statuses. */
export type SearchStatus = 'queued' | 'running' | 'paused' | 'complete' | 'cancelled' | 'failed' | 'interrupted';

export { StoreError };

/**
 * SQLite's failures in words a user can act on, naming the file: a full disk, a database locked
 * by another program, a read-only or damaged file. Other errors pass through unchanged.
 */
export function explainStoreError(e: unknown, path: string): unknown {
  if (!(e instanceof Error) || e instanceof StoreError) return e;
  const code = String((e as { code?: unknown }).code ?? '');
  if (!code.startsWith('SQLITE_')) return e;
  const kept = 'Everything written before this moment is kept.';
  if (code === 'SQLITE_FULL') return new StoreError(`The disk holding "${path}" is full (or the database reached its size limit), so Knobs stopped writing. ${kept} Free some space, then resume the search.`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(`The database "${path}" is locked by another program (another Knobs, or a tool holding a write lock) and stayed locked for 5 s. Close that program and try again. ${kept}`);
  }
  if (code.startsWith('SQLITE_READONLY')) return new StoreError(`The database "${path}" cannot be written (read-only file or folder). Check its permissions.`);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StoreError(`"${path}" is damaged or not a Knobs database (${e.message}). Restore a backup ("knobs backup list").`);
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return new StoreError(`Reading or writing "${path}" failed (${code}: ${e.message}). Check the disk. ${kept}`);
  return e;
}

export interface ProjectRow { id: number; name: string; notes: string; created_at: string }
export interface SearchRow {
  id: number; project_id: number; project: string; name: string; spec: string; status: SearchStatus; planned_trials: number;
  stop_reason: string | null; error: string | null; created_at: string; started_at: string | null; finished_at: string | null; archived: number;
}
export interface TrialRow {
  id: number; search_id: number; number: number; round: number; status: TrialStatus; knobs: string; seed: number;
  objective: number | null; best_epoch: number | null; stopped_epoch: number | null; stop_reason: StopReason | null;
  train_loss: number | null; val_loss: number | null; train_accuracy: number | null; val_accuracy: number | null;
  val_rmse: number | null; val_mae: number | null; val_r2: number | null; duration_s: number | null; error: string | null;
  notes: string; started_at: string | null; finished_at: string | null;
}
export interface EpochRow {
  trial_id: number; fold: number; epoch: number; train_loss: number | null; val_loss: number | null; penalty: number | null;
  train_accuracy: number | null; val_accuracy: number | null; val_rmse: number | null; val_mae: number | null; val_r2: number | null;
  lr: number | null; grad_norms: string | null; seconds: number | null;
}

/** What a finished trial stores. */
export interface TrialOutcome {
  status: TrialStatus;
  objective: number | null;
  bestEpoch: number | null;
  stoppedEpoch: number | null;
  stopReason: StopReason | null;
  trainLoss: number | null;
  valLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  valRmse: number | null;
  valMae: number | null;
  valR2: number | null;
  durationS: number | null;
  error: string | null;
}

const now = (): string => new Date().toISOString();
const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

type ChunkRow = [fold: number, first: number, layers: number, data: Buffer];

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A chunk's epochs as rows, non-finite values as null (the shape CSV export and the charts read). */
export function chunkRows(trialId: number, c: EpochChunk): EpochRow[] {
  const rows: EpochRow[] = [];
  const w = recordWidth(c.layers);
  const d = c.data;
  for (let i = 0; i < c.n; i++) {
    const o = i * w;
    rows.push({
      trial_id: trialId, fold: c.fold, epoch: d[o + AT.epoch], train_loss: finiteOrNull(d[o + AT.trainLoss]), val_loss: finiteOrNull(d[o + AT.valLoss]),
      penalty: finiteOrNull(d[o + AT.penalty]), train_accuracy: finiteOrNull(d[o + AT.trainAccuracy]), val_accuracy: finiteOrNull(d[o + AT.valAccuracy]),
      val_rmse: finiteOrNull(d[o + AT.valRmse]), val_mae: finiteOrNull(d[o + AT.valMae]), val_r2: finiteOrNull(d[o + AT.valR2]), lr: finiteOrNull(d[o + AT.lr]),
      seconds: finiteOrNull(d[o + AT.seconds]),
      grad_norms: JSON.stringify(Array.from(d.subarray(o + CHUNK_FIELDS.length, o + w), finiteOrNull)),
    });
  }
  return rows;
}

/** A trial's stored epoch chunks (one fold, or all), in fold and epoch order. */
export function trialChunks(db: Database.Database, trialId: number, fold?: number): EpochChunk[] {
  const rows = (fold === undefined
    ? db.prepare(`SELECT fold, first_epoch, layers, data FROM epoch_chunks WHERE trial_id = ? ORDER BY fold, first_epoch`).raw().all(trialId)
    : db.prepare(`SELECT fold, first_epoch, layers, data FROM epoch_chunks WHERE trial_id = ? AND fold = ? ORDER BY first_epoch`).raw().all(trialId, fold)) as ChunkRow[];
  return rows.map((r) => chunkFromBlob(r[0], r[1], r[2], r[3]));
}

/** A trial's diagnostics snapshots (one fold, or all), in fold and epoch order. */
export function trialSnapshots(db: Database.Database, trialId: number, fold?: number): DiagnosticSnapshot[] {
  const row = db.prepare(`SELECT snapshots FROM trial_diagnostics WHERE trial_id = ?`).raw().get(trialId) as [Buffer] | undefined;
  const all = row ? unpackSnapshots(row[0]) : [];
  return fold === undefined ? all : all.filter((d) => d.fold === fold);
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Knobs' SQLite store: one connection, WAL mode, every state change in a transaction.
 * The main thread owns it; worker threads never write.
 *
 * @example
 *   const store = Store.open('/tmp/knobs.db');
 *   const p = store.ensureProject('digits');
 */
export class Store {
  private readonly stmts: ReturnType<Store['prepare']>;

  private constructor(readonly db: Database.Database, readonly path: string) {
    this.stmts = this.prepare();
  }

  /** Open (creating if needed) and migrate a database; a newer schema is refused without touching the file. */
  static open(path: string, opts: { recover?: boolean; migrateTo?: number; nativeBinding?: string } = {}): Store {
    const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      let probe: Database.Database | undefined;
      try {
        probe = new Database(path, { readonly: true, fileMustExist: true, ...binding });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== 'SQLITE_CANTOPEN' && !/does not exist|unable to open/i.test((e as Error).message)) {
          throw new StoreError(`Cannot open the database "${path}": ${(e as Error).message}`);
        }
      }
      if (probe) {
        let version: number;
        try {
          version = probe.pragma('user_version', { simple: true }) as number;
        } catch (e) {
          probe.close();
          throw new StoreError(`"${path}" is not a Knobs database (${(e as Error).message}).`);
        }
        probe.close();
        if (version > SCHEMA_VERSION) {
          throw new StoreError(`The database "${path}" was written by a newer Knobs (schema ${version}; this version knows up to ${SCHEMA_VERSION}). Update Knobs; the file was left untouched.`);
        }
      }
    }
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: 5000, ...binding });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (e) {
      const explained = explainStoreError(e, path);
      throw explained instanceof StoreError ? explained : new StoreError(`Cannot open the database "${path}": ${(e as Error).message}`);
    }
    try {
      migrate(db, opts.migrateTo ?? SCHEMA_VERSION);
      const store = new Store(db, path);
      if (opts.recover !== false) store.recoverInterrupted();
      return store;
    } catch (e) {
      db.close();
      throw explainStoreError(e, path);
    }
  }

  private grouping = 0;
  private groupTimer: ReturnType<typeof setImmediate> | null = null;
  private groupError: Error | null = null;

  /**
   * Group commits while a study runs: the study's writes made in one turn of the event loop (a
   * trial's result, the next trial's row, a batch of epochs from each worker) share one
   * transaction, committed as soon as the turn ends. One commit costs about as much as a hundred
   * row inserts, and tiny trials finish hundreds of times a second. Returns the function that ends
   * grouping (and commits what is open).
   */
  groupCommits(): () => void {
    this.grouping++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.grouping !== 0) return;
      this.commitGroup();
      if (this.groupError) this.joinGroup();
    };
  }

  /** Open the turn's shared transaction if grouping and none is open; refuse after a failed group commit. */
  private joinGroup(): void {
    if (this.groupError) {
      const e = this.groupError;
      this.groupError = null;
      const explained = explainStoreError(e, this.path);
      throw explained instanceof StoreError ? explained : new StoreError(`Writing to "${this.path}" failed and the last moment's writes were rolled back: ${e.message}`);
    }
    if (this.grouping === 0 || this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.groupTimer = setImmediate(() => this.commitGroup());
  }

  /** Commit the shared transaction now (a failure rolls it back and is reported by the next write). */
  commitGroup(): void {
    if (this.groupTimer) clearImmediate(this.groupTimer);
    this.groupTimer = null;
    if (!this.db.open || !this.db.inTransaction) return;
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      this.groupError = e as Error;
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }

  /** Close the connection. */
  close(): void {
    this.commitGroup();
    this.db.close();
  }

  /** Trials left `running` by a crash become `interrupted`, and so do their searches. Returns how many trials. */
  recoverInterrupted(): number {
    return this.db.transaction(() => {
      const n = this.sql(`UPDATE trials SET status = 'interrupted' WHERE status = 'running'`).run().changes;
      this.sql(`UPDATE searches SET status = 'interrupted' WHERE status = 'running'`).run();
      return n;
    }).immediate();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement for this SQL, prepared once per connection. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  private prepare() {
    const db = this.db;
    return {
      insertChunk: db.prepare(`INSERT OR REPLACE INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (?, ?, ?, ?, ?, ?)`),
      trial: db.prepare(`SELECT * FROM trials WHERE id = ?`),
    };
  }

  /** The project with this name, created when missing. */
  ensureProject(name: string): ProjectRow {
    const found = this.sql(`SELECT * FROM projects WHERE name = ?`).get(name) as ProjectRow | undefined;
    if (found) return found;
    const id = Number(this.sql(`INSERT INTO projects (name, created_at) VALUES (?, ?)`).run(name, now()).lastInsertRowid);
    return this.sql(`SELECT * FROM projects WHERE id = ?`).get(id) as ProjectRow;
  }

  /** A project by id. */
  getProject(id: number): ProjectRow | undefined {
    return this.sql(`SELECT * FROM projects WHERE id = ?`).get(id) as ProjectRow | undefined;
  }

  /** Rename a project; the name must be unused. */
  renameProject(id: number, name: string): void {
    const clash = this.sql(`SELECT id FROM projects WHERE name = ? AND id != ?`).get(name, id);
    if (clash) throw new BadInputError(`A project named "${name}" already exists; choose another name`, [{ path: 'name', message: 'already used; choose another name' }]);
    this.sql(`UPDATE projects SET name = ? WHERE id = ?`).run(name, id);
  }

  /** Replace a project's notes. */
  setProjectNotes(id: number, notes: string): void {
    this.sql(`UPDATE projects SET notes = ? WHERE id = ?`).run(notes, id);
  }

  /** Delete a project with its searches, trials and epochs. */
  deleteProject(id: number): void {
    this.sql(`DELETE FROM projects WHERE id = ?`).run(id);
  }

  /** Every project, by name. */
  listProjects(): ProjectRow[] {
    return this.sql(`SELECT * FROM projects ORDER BY name`).all() as ProjectRow[];
  }

  /** Create a search; a name already used in the project gets " (2)", " (3)", … */
  createSearch(projectId: number, name: string, spec: unknown, plannedTrials: number): SearchRow {
    return this.db.transaction(() => {
      let unique = name;
      for (let i = 2; this.sql(`SELECT 1 FROM searches WHERE project_id = ? AND name = ?`).get(projectId, unique); i++) unique = `${name} (${i})`;
      const id = Number(
        this.sql(`INSERT INTO searches (project_id, name, spec, status, planned_trials, created_at) VALUES (?, ?, ?, 'queued', ?, ?)`)
          .run(projectId, unique, JSON.stringify(spec), plannedTrials, now()).lastInsertRowid,
      );
      return this.getSearch(id)!;
    }).immediate();
  }

  /** A search by id or by name (the most recent of that name). */
  getSearch(idOrName: number | string): SearchRow | undefined {
    const base = `SELECT s.*, p.name AS project FROM searches s JOIN projects p ON p.id = s.project_id`;
    if (typeof idOrName === 'number' || /^\d+$/.test(idOrName)) {
      const byId = this.sql(`${base} WHERE s.id = ?`).get(Number(idOrName)) as SearchRow | undefined;
      if (byId || typeof idOrName === 'number') return byId;
    }
    return this.sql(`${base} WHERE s.name = ? ORDER BY s.id DESC LIMIT 1`).get(idOrName) as SearchRow | undefined;
  }

  /** Every search (of one project), newest first. */
  listSearches(projectId?: number): SearchRow[] {
    const base = `SELECT s.*, p.name AS project FROM searches s JOIN projects p ON p.id = s.project_id`;
    return (projectId === undefined ? this.sql(`${base} ORDER BY s.id DESC`).all() : this.sql(`${base} WHERE s.project_id = ? ORDER BY s.id DESC`).all(projectId)) as SearchRow[];
  }

  /** Set a search's status (and when it started or finished, and why it stopped). */
  setSearchStatus(id: number, status: SearchStatus, extra: { stopReason?: string | null; error?: string | null } = {}): void {
    const started = status === 'running' ? `, started_at = COALESCE(started_at, @t)` : '';
    const finished = ['complete', 'cancelled', 'failed'].includes(status) ? `, finished_at = @t` : '';
    this.sql(`UPDATE searches SET status = @status, stop_reason = COALESCE(@stopReason, stop_reason), error = COALESCE(@error, error)${started}${finished} WHERE id = @id`)
      .run({ id, status, stopReason: extra.stopReason ?? null, error: extra.error ?? null, t: now() });
  }

  /** Store a round's box (the coarse-to-fine UI draws it). */
  saveRound(searchId: number, round: number, box: unknown): void {
    this.joinGroup();
    this.sql(`INSERT OR IGNORE INTO rounds (search_id, round, box, created_at) VALUES (?, ?, ?, ?)`).run(searchId, round, JSON.stringify(box), now());
  }

  /** The rounds of a search with their boxes. */
  listRounds(searchId: number): { round: number; box: Record<string, unknown> }[] {
    return (this.sql(`SELECT round, box FROM rounds WHERE search_id = ? ORDER BY round`).all(searchId) as { round: number; box: string }[])
      .map((r) => ({ round: r.round, box: JSON.parse(r.box) }));
  }

  /** Insert trial `number` as running, or as queued when `queued` (or restart an interrupted one with the same knobs and seed). */
  startTrial(searchId: number, number: number, round: number, knobs: unknown, seed: number, queued = false): TrialRow {
    this.joinGroup();
    const status = queued ? 'queued' : 'running';
    return this.db.transaction(() => {
      const existing = this.sql(`SELECT id FROM trials WHERE search_id = ? AND number = ?`).get(searchId, number) as { id: number } | undefined;
      if (existing) {
        this.sql(`DELETE FROM epoch_chunks WHERE trial_id = ?`).run(existing.id);
        this.sql(`DELETE FROM trial_diagnostics WHERE trial_id = ?`).run(existing.id);
        this.sql(`UPDATE trials SET status = ?, started_at = ?, finished_at = NULL, error = NULL WHERE id = ?`).run(status, now(), existing.id);
        return this.stmts.trial.get(existing.id) as TrialRow;
      }
      const id = Number(
        this.sql(`INSERT INTO trials (search_id, number, round, status, knobs, seed, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(searchId, number, round, status, JSON.stringify(knobs), seed, now()).lastInsertRowid,
      );
      return this.stmts.trial.get(id) as TrialRow;
    }).immediate();
  }

  /**
   * Append epochs of a running trial (as they came, or packed by a worker), in one transaction. With
   * `startedAt`, a trial still marked queued becomes running in the same transaction (the study
   * writes "running" lazily, with the first epochs, to spare a commit per trial).
   */
  addEpochs(trialId: number, epochs: EpochMetrics[] | EpochChunk[], startedAt?: string): void {
    this.joinGroup();
    this.db.transaction(() => this.insertEpochs(trialId, epochs, startedAt)).immediate();
  }

  private insertEpochs(trialId: number, epochs: EpochMetrics[] | EpochChunk[], startedAt?: string): void {
    if (startedAt !== undefined) this.sql(`UPDATE trials SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'`).run(startedAt, trialId);
    if (epochs.length === 0) return;
    const chunks = 'data' in epochs[0] ? (epochs as EpochChunk[]) : packEpochs(epochs as EpochMetrics[]);
    const insert = this.stmts.insertChunk;
    for (const c of chunks) insert.run(trialId, c.fold, c.first, c.n, c.layers, Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength));
  }

  /** A trial's stored epoch chunks (one fold, or all), in fold and epoch order. */
  trialChunks(trialId: number, fold?: number): EpochChunk[] {
    return trialChunks(this.db, trialId, fold);
  }

  /** Every chunk of a search's trials, by trial number, fold and epoch. */
  searchChunks(searchId: number): { trialId: number; number: number; chunk: EpochChunk }[] {
    const rows = this.sql(`SELECT c.fold, c.first_epoch, c.layers, c.data, t.id, t.number FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id
      WHERE t.search_id = ? ORDER BY t.number, c.fold, c.first_epoch`).raw().all(searchId) as [...ChunkRow, number, number][];
    return rows.map((r) => ({ trialId: r[4], number: r[5], chunk: chunkFromBlob(r[0], r[1], r[2], r[3]) }));
  }

  /** A search's diagnostics snapshots with their trial numbers (trial, fold, epoch order). */
  listDiagnostics(searchId: number): (DiagnosticSnapshot & { number: number })[] {
    const rows = this.sql(`SELECT t.number, d.snapshots FROM trial_diagnostics d JOIN trials t ON t.id = d.trial_id WHERE t.search_id = ? ORDER BY t.number`)
      .raw().all(searchId) as [number, Buffer][];
    return rows.flatMap(([number, bytes]) => unpackSnapshots(bytes).map((d) => ({ number, ...d })));
  }

  /**
   * Record how a trial ended; its last epochs and its diagnostics (and, with `startedAt`, its start)
   * go in the same transaction: one commit per finished trial.
   */
  finishTrial(trialId: number, o: TrialOutcome, last: { epochs?: EpochMetrics[] | EpochChunk[]; diagnostics?: DiagnosticSnapshot[] | Uint8Array; startedAt?: string } = {}): void {
    this.joinGroup();
    this.db.transaction(() => {
      if (last.epochs?.length || last.startedAt !== undefined) this.insertEpochs(trialId, last.epochs ?? [], last.startedAt);
      if (last.diagnostics && last.diagnostics.length > 0) {
        const bytes = last.diagnostics instanceof Uint8Array ? last.diagnostics : packSnapshots(last.diagnostics);
        this.sql(`INSERT OR REPLACE INTO trial_diagnostics (trial_id, snapshots) VALUES (?, ?)`).run(trialId, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }
      this.updateFinished(trialId, o);
    }).immediate();
  }

  private updateFinished(trialId: number, o: TrialOutcome): void {
    this.sql(`UPDATE trials SET status = @status, objective = @objective, best_epoch = @bestEpoch, stopped_epoch = @stoppedEpoch, stop_reason = @stopReason,
        train_loss = @trainLoss, val_loss = @valLoss, train_accuracy = @trainAccuracy, val_accuracy = @valAccuracy, val_rmse = @valRmse, val_mae = @valMae,
        val_r2 = @valR2, duration_s = @durationS, error = @error, finished_at = @t WHERE id = @id`)
      .run({
        id: trialId, t: now(), ...o,
        objective: finite(o.objective), trainLoss: finite(o.trainLoss), valLoss: finite(o.valLoss), trainAccuracy: finite(o.trainAccuracy),
        valAccuracy: finite(o.valAccuracy), valRmse: finite(o.valRmse), valMae: finite(o.valMae), valR2: finite(o.valR2),
      });
  }

  /** A queued trial was taken by a worker. */
  markRunning(trialId: number): void {
    this.sql(`UPDATE trials SET status = 'running', started_at = ? WHERE id = ?`).run(now(), trialId);
  }

  /** Mark a running trial with a status (interrupted on pause, cancelled on stop) and no metrics. */
  markTrial(trialId: number, status: TrialStatus, error: string | null = null): void {
    this.joinGroup();
    this.sql(`UPDATE trials SET status = ?, error = COALESCE(?, error), finished_at = ? WHERE id = ?`).run(status, error, now(), trialId);
  }

  /** A search's trials by number. */
  listTrials(searchId: number): TrialRow[] {
    return this.sql(`SELECT * FROM trials WHERE search_id = ? ORDER BY number`).all(searchId) as TrialRow[];
  }

  /**
   * One page of a search's chunks of one fold: the trials numbered above `after`, whole trials in
   * number order until about `maxEpochs` epochs; `more` when trials remain.
   */
  searchChunksPage(searchId: number, fold: number, after: number, maxEpochs: number): { chunks: { trialId: number; number: number; chunk: EpochChunk }[]; more: boolean } {
    const chunks: { trialId: number; number: number; chunk: EpochChunk }[] = [];
    let epochs = 0;
    let more = false;
    const rows = this.sql(`SELECT c.fold, c.first_epoch, c.layers, c.data, t.id, t.number FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id
      WHERE t.search_id = ? AND c.fold = ? AND t.number > ? ORDER BY t.number, c.first_epoch`).raw().iterate(searchId, fold, after) as IterableIterator<[...ChunkRow, number, number]>;
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
  listEpochs(searchId: number): (EpochRow & { number: number })[] {
    return this.searchChunks(searchId).flatMap(({ trialId, number, chunk }) => chunkRows(trialId, chunk).map((r) => ({ ...r, number })));
  }

  /** Trial counts by status. */
  countByStatus(searchId: number): Record<string, number> {
    const rows = this.sql(`SELECT status, COUNT(*) AS n FROM trials WHERE search_id = ? GROUP BY status`).all(searchId) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}

/** Apply migrations up to `target` in one transaction each, setting user_version. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      const m = MIGRATIONS[v];
      if (typeof m === 'string') db.exec(m);
      else m(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
