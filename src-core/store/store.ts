import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError, StoreError } from '../errors';
import { Backups } from './backup';
import { Bundles } from './bundle';
import { Connection, explainStoreError, unwritable } from './connection';
import { notKnobsReason } from './identity';
import { migrate, SCHEMA_VERSION } from './migrations';
import { openReadOnly } from './readonly';
import { Datasets } from './repos/datasets';
import { Diagnostics } from './repos/diagnostics';
import { Epochs } from './repos/epochs';
import { Notes } from './repos/notes';
import { Projects } from './repos/projects';
import { Rounds } from './repos/rounds';
import { Searches } from './repos/searches';
import { TestEvaluations } from './repos/test-evaluations';
import { Trials } from './repos/trials';

export { StoreError };
export { explainStoreError } from './connection';
export { migrate, SCHEMA_VERSION } from './migrations';
export type { EpochRow, ImportedDataset, ProjectRow, SearchRow, TrialOutcome, TrialRow } from './rows';
export type { TrialChunk } from './repos/epochs';
export type { TrialEnd } from './repos/trials';
export type { BundleExport, BundleImport } from './bundle';

/** How often a running search's row says its process still runs it. */
export const RUNNER_HEARTBEAT_MS = 10_000;
/** A running search whose process has not said so for this long is taken for dead (its process id may have been reused). */
const RUNNER_STALE_MS = 6 * RUNNER_HEARTBEAT_MS;
/** The CLI commands that only read a database (Store.open with `readonly`), as a refusal to write names them. */
const READ_COMMANDS = 'list, export, importance, spread, replay, bundle export';
/** Searches whose study runs in this process, per database file. */
const runningHere = new Map<string, Set<number>>();

/**
 * Whether a search marked running is still being run: by this process (a study of it is held
 * here), or by another live process that said so recently. A search from before runners were
 * recorded (no process id), or whose process is gone, is not: opening the file marks it interrupted.
 */
function runnerAlive(path: string, r: { id: number; pid: number | null; seen: string | null }): boolean {
  if (r.pid === null) return false;
  if (r.pid === process.pid) return runningHere.get(resolve(path))?.has(r.id) ?? false;
  if (r.seen === null || !(Date.now() - Date.parse(r.seen) < RUNNER_STALE_MS)) return false;
  try {
    process.kill(r.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Knobs' SQLite storage: one connection (WAL mode), its migrations, its transactions (and the
 * commit grouping a running study turns on) and its prepared statements, with one repository per
 * concern. The main thread owns it; worker threads never write. Nothing else holds the connection:
 * every read and write goes through a repository.
 *
 * Not found: `get…` answers undefined, `need…` throws a NotFoundError whose message names what was
 * asked for. A name already used is a BadInputError with an issue on `name`.
 *
 * @example
 *   const store = Store.open('/tmp/knobs.db');
 *   const p = store.projects.ensure('digits');
 *   const s = store.searches.create(p.id, 'lr sweep', spec, 20);
 *   const t = store.trials.need(s.id, 0);   // NotFoundError "Search 1 has no trial 0"
 */
export class Store {
  readonly projects: Projects;
  readonly searches: Searches;
  readonly rounds: Rounds;
  readonly trials: Trials;
  readonly epochs: Epochs;
  readonly diagnostics: Diagnostics;
  readonly datasets: Datasets;
  readonly testEvaluations: TestEvaluations;
  readonly notes: Notes;
  readonly backups: Backups;
  readonly bundles: Bundles;
  /** Opened for reading only (Store.open with `readonly`): nothing is migrated, recovered or written. */
  readonly readOnly: boolean;
  /** The schema version the file had when it was opened (before migrating it). */
  readonly openedAtSchema: number;
  private readonly c: Connection;
  private readonly recoverTx: () => number;
  private readonly totalChanges;
  private readonly afterClose: () => void;

  private constructor(db: Database.Database, readonly path: string, mode: { readOnly?: boolean; afterClose?: () => void; openedAtSchema?: number } = {}) {
    this.readOnly = mode.readOnly ?? false;
    this.openedAtSchema = mode.openedAtSchema ?? SCHEMA_VERSION;
    this.afterClose = mode.afterClose ?? (() => {});
    const c = (this.c = new Connection(db, path));
    this.projects = new Projects(c);
    this.searches = new Searches(c);
    this.rounds = new Rounds(c);
    this.epochs = new Epochs(c);
    this.diagnostics = new Diagnostics(c);
    this.trials = new Trials(c, this.epochs, this.diagnostics);
    this.datasets = new Datasets(c);
    this.testEvaluations = new TestEvaluations(c);
    this.notes = new Notes(c);
    this.backups = new Backups(c);
    this.bundles = new Bundles(c);
    const runningSearches = c.statement(`SELECT id, runner_pid AS pid, runner_seen AS seen FROM searches WHERE status = 'running'`);
    const interruptTrials = c.statement(`UPDATE trials SET status = 'interrupted' WHERE status = 'running' AND search_id NOT IN (SELECT value FROM json_each(?))`);
    const interruptSearches = c.statement(`UPDATE searches SET status = 'interrupted' WHERE status = 'running' AND id NOT IN (SELECT value FROM json_each(?))`);
    this.totalChanges = c.statement(`SELECT total_changes() AS n`);
    this.recoverTx = c.transaction(() => {
      const live = (runningSearches().all() as { id: number; pid: number | null; seen: string | null }[]).filter((r) => runnerAlive(path, r)).map((r) => r.id);
      const n = interruptTrials().run(JSON.stringify(live)).changes;
      interruptSearches().run(JSON.stringify(live));
      return n;
    });
  }

  /**
   * The file says this search is running, but no process runs it (not this one, nor a live one
   * elsewhere): what opening the file for writing marks interrupted. Only a read-only store, which
   * cannot mark it, sees such a search; its readers show it (and its running trials) as interrupted.
   */
  orphaned(searchId: number): boolean {
    const r = this.searches.runner(searchId);
    return r?.status === 'running' && !runnerAlive(this.path, r);
  }

  /** The id of another live process that is running this search now, or null (not running, run here, or its process is gone). */
  runnerElsewhere(searchId: number): number | null {
    const r = this.searches.runner(searchId);
    if (!r || r.status !== 'running' || r.pid === null || r.pid === process.pid) return null;
    return runnerAlive(this.path, r) ? r.pid : null;
  }

  /**
   * Hold a search as run by this process while its study runs: its row says so every
   * RUNNER_HEARTBEAT_MS, and a connection opened meanwhile (here or in another process) leaves it
   * running instead of marking it interrupted. Returns the function that lets go.
   */
  holdRun(searchId: number): () => void {
    const key = resolve(this.path);
    const here = runningHere.get(key) ?? new Set<number>();
    runningHere.set(key, here.add(searchId));
    const beat = setInterval(() => {
      try {
        this.searches.heartbeat(searchId);
      } catch {
        // a closed or failing store: the study reports its own write failures
      }
    }, RUNNER_HEARTBEAT_MS);
    beat.unref?.();
    return () => {
      clearInterval(beat);
      here.delete(searchId);
    };
  }

  /**
   * Open (creating if needed) and migrate a database; a newer schema is refused without touching the
   * file. Trials left running by a crash become interrupted. A file or folder this process cannot
   * write is refused up front (BadInputError naming it and `writer`, who would write: `"knobs
   * resume"`), before SQLite is asked to write anything.
   *
   * With `readonly`, for those that only read: the file must exist and be a Knobs database at this
   * version's schema; nothing is migrated, recovered, written or created (see openReadOnly for how a
   * WAL database in a read-only folder is read). An older schema is refused saying how to upgrade
   * it, unless `olderSchema: 'allow'` (a backup copies the file whatever its schema).
   */
  static open(path: string, opts: { nativeBinding?: string; readonly?: boolean; olderSchema?: 'allow'; writer?: string } = {}): Store {
    const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    if (opts.readonly) return Store.openForReading(path, binding, opts.olderSchema === 'allow');
    if (path !== ':memory:') {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        const code = String((e as NodeJS.ErrnoException).code ?? '');
        const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a part of its folder\'s path is a file, not a folder'
          : code === 'EACCES' || code === 'EPERM' ? 'its folder cannot be made (permission denied)'
            : code === 'EROFS' ? 'its folder cannot be made (the file system is read-only)' : (e as Error).message;
        const message = `Cannot make the database ${path}: ${why}; give --db a file in a folder you can write`;
        throw code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' ? new StoreError(message) : new BadInputError(message, [{ path: 'db', message: why }]);
      }
      // A read-only file or folder is the --db given, not a disk failing: said before SQLite fails on it halfway.
      if (existsSync(path)) {
        const denied = unwritable(path);
        if (denied) {
          throw new BadInputError(`Cannot write the database ${path}: ${denied}. ${opts.writer ?? 'Knobs'} writes to it; make it writable, or copy it to a folder you can write. The commands that only read it (${READ_COMMANDS}) work on it as it is`, [{ path: 'db', message: 'read-only' }]);
        }
      }
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
        let foreign: string | null;
        try {
          version = probe.pragma('user_version', { simple: true }) as number;
          foreign = notKnobsReason(probe, version);
        } catch (e) {
          const explained = explainStoreError(e, path);
          throw explained instanceof StoreError ? explained : new StoreError(`"${path}" is not a Knobs database (${(e as Error).message}).`);
        } finally {
          probe.close();
        }
        if (version > SCHEMA_VERSION) {
          throw new StoreError(`The database "${path}" was written by a newer Knobs (schema ${version}; this version knows up to ${SCHEMA_VERSION}). Update Knobs; the file was left untouched.`);
        }
        // The wrong file named (as a CSV given as the database is): bad input, the file untouched.
        if (foreign) throw new BadInputError(`${path} is not a Knobs database (${foreign}); name a Knobs database, or a new or empty file to make one. The file was left untouched.`, [{ path: 'db', message: 'not a Knobs database' }]);
      }
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: 5000, ...binding });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (e) {
      db?.close();
      // A folder or file this process may not write is the --db given (bad input), not a disk failing.
      const denied = unwritable(path);
      if (denied) throw new BadInputError(`Cannot open the database ${path}: ${denied}. Give --db a file in a folder you can write`, [{ path: 'db', message: 'cannot be written' }]);
      const explained = explainStoreError(e, path);
      throw explained instanceof StoreError ? explained : new StoreError(`Cannot open the database "${path}": ${(e as Error).message}`);
    }
    try {
      const openedAtSchema = db.pragma('user_version', { simple: true }) as number;
      migrate(db, SCHEMA_VERSION);
      const store = new Store(db, path, { openedAtSchema });
      store.recoverInterrupted();
      return store;
    } catch (e) {
      db.close();
      throw explainStoreError(e, path);
    }
  }

  /** Store.open with `readonly`: see there. */
  private static openForReading(path: string, binding: { nativeBinding?: string }, olderSchema: boolean): Store {
    if (path === ':memory:') throw new StoreError('An in-memory database cannot be opened read-only: it would be empty');
    let opened: ReturnType<typeof openReadOnly> | undefined;
    try {
      opened = openReadOnly(path, binding);
      const version = opened.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new StoreError(`The database "${path}" was written by a newer Knobs (schema ${version}; this version knows up to ${SCHEMA_VERSION}). Update Knobs; the file was left untouched.`);
      }
      // An SQLite file with no tables at all is a database Knobs would make in a writing command; read, it holds nothing of Knobs's.
      const foreign = notKnobsReason(opened.db, version) ?? (version === 0 ? "an SQLite database without Knobs's tables" : null);
      if (foreign) throw new BadInputError(`${path} is not a Knobs database (${foreign}); name a Knobs database, or a new or empty file to make one. The file was left untouched.`, [{ path: 'db', message: 'not a Knobs database' }]);
      if (version < SCHEMA_VERSION && !olderSchema) {
        throw new StoreError(`The database "${path}" was written by an older Knobs (schema ${version}; this version reads schema ${SCHEMA_VERSION}), and a command that only reads does not upgrade it. ` +
          `Open it once with write access to upgrade it ("knobs upgrade --db ${path}"; "knobs backup --db ${path}" first keeps a copy as it is). The file was left untouched.`);
      }
      return new Store(opened.db, path, { readOnly: true, afterClose: opened.tidy, openedAtSchema: version });
    } catch (e) {
      if (opened) {
        opened.db.close();
        opened.tidy();
      }
      if (e instanceof BadInputError || e instanceof StoreError) throw e;
      const code = String((e as { code?: unknown }).code ?? '');
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        const explained = explainStoreError(e, path);
        if (explained instanceof StoreError) throw explained;
      }
      throw new StoreError(`Cannot read the database "${path}": ${(e as Error).message}${code ? ` (${code})` : ''}`);
    }
  }

  /** Close the connection (committing a group still open). */
  close(): void {
    this.c.commitGroup();
    this.c.db.close();
    this.afterClose();
  }

  /**
   * Group commits while a study runs: its writes made in one turn of the event loop share one
   * transaction, committed as soon as the turn ends (see Connection.groupCommits). Returns the
   * function that ends grouping.
   */
  groupCommits(): () => void {
    return this.c.groupCommits();
  }

  /** Run `fn` in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.c.transaction(fn)();
  }

  /** Trials left `running` by a crash become `interrupted`, and so do their searches. Returns how many trials. */
  recoverInterrupted(): number {
    return this.recoverTx();
  }

  /** An error in words the user can act on when SQLite raised it (full disk, lock, damage), naming this file; others unchanged. */
  explain(e: unknown): unknown {
    return explainStoreError(e, this.path);
  }

  /**
   * A number that changes whenever another connection (another process: the CLI, another window)
   * has committed to the file since this one last looked (PRAGMA data_version); this connection's
   * own commits leave it alone.
   */
  dataVersion(): number {
    return this.c.db.pragma('data_version', { simple: true }) as number;
  }

  /** The schema version of the open file (PRAGMA user_version). */
  schemaVersion(): number {
    return this.c.db.pragma('user_version', { simple: true }) as number;
  }

  /** Move the write-ahead log into the main file and truncate it; true when nothing kept it from finishing (the file alone then holds everything). */
  checkpoint(): boolean {
    const [r] = this.c.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return r.busy === 0;
  }

  /** Rows changed through this connection since it opened (SQLite's total_changes()): a refused request must leave it alone. */
  changes(): number {
    return (this.totalChanges().get() as { n: number }).n;
  }

  /** SQLite's query plan for a read (the benchmarks show that the dashboard's queries use their indexes). */
  plan(sql: string): string {
    const st = this.c.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    return (st.all() as { detail: string }[]).map((r) => r.detail).join('; ');
  }

  /** Let the file grow by at most `pages` more pages: writes beyond fail as on a full disk (SQLITE_FULL). Tests of the full-disk path use it. */
  limitGrowth(pages: number): void {
    const used = this.c.db.pragma('page_count', { simple: true }) as number;
    this.c.db.pragma(`max_page_count = ${used + Math.max(0, Math.floor(pages))}`);
  }
}
