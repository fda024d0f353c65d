import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { writable } from './location';

/**
 * Why this process cannot write the database `path` (its file, or the folder that holds it and its
 * -wal and -shm files), in words; null when both can be written (or the path is in memory).
 */
export function unwritable(path: string): string | null {
  if (path === ':memory:') return null;
  if (!writable(dirname(path))) return `its folder ${dirname(path)} cannot be written (read-only or no permission; Knobs writes the database and its -wal and -shm files there)`;
  if (existsSync(path) && !writable(path)) return 'the file cannot be written (read-only or no permission)';
  return null;
}

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
  const denied = code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR') ? unwritable(path) : null;
  if (denied) return new StoreError(`The database "${path}" cannot be written: ${denied}. Check its permissions.`);
  if (code.startsWith('SQLITE_READONLY')) return new StoreError(`The database "${path}" cannot be written (read-only file or folder). Check its permissions.`);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StoreError(`"${path}" is damaged or not a Knobs database (${e.message}). Restore a backup ("knobs backup list").`);
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return new StoreError(`Reading or writing "${path}" failed (${code}: ${e.message}). Check the disk. ${kept}`);
  return e;
}

/**
 * The store's one connection as its repositories see it: statements prepared once (on first use,
 * since a database opened at an older schema lacks later tables), write transactions built once,
 * and the commit grouping a running study turns on. Only the store's own folder holds it.
 */
export class Connection {
  private grouping = 0;
  private groupTimer: ReturnType<typeof setImmediate> | null = null;
  private groupError: Error | null = null;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** A statement prepared on its first use, then reused for the connection's life. */
  statement(sql: string): () => Database.Statement {
    let st: Database.Statement | undefined;
    return () => (st ??= this.db.prepare(sql));
  }

  /** `fn` as a write transaction (BEGIN IMMEDIATE; inside an open transaction, a savepoint), wrapped once. */
  transaction<F extends (...args: never[]) => unknown>(fn: F): F {
    return this.db.transaction(fn).immediate as unknown as F;
  }

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
  joinGroup(): void {
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
}

/** Now as stored: an ISO 8601 time in UTC. */
export const now = (): string => new Date().toISOString();
