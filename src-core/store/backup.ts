import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError, StoreError } from '../errors';
import type { Connection } from './connection';
import { notKnobsReason } from './identity';
import { makeFolder, writable } from './location';
import { SCHEMA_VERSION } from './migrations';

/** A rolling copy of the database. */
export interface BackupInfo {
  file: string;
  createdAt: string;
  bytes: number;
}

/** Copies kept in `backups/` beside the database; older ones are removed. */
export const KEEP_BACKUPS = 5;

/**
 * What a database's backups are named after: its file name less a `.db` ending (`knobs.db` →
 * `knobs-<time>.db`). Several databases may share a folder, and so `backups/`: each lists, keeps and
 * prunes only its own copies.
 */
function backupStem(dbPath: string): string {
  const name = basename(resolve(dbPath));
  return name.endsWith('.db') ? name.slice(0, -3) : name;
}

/** The pattern of a database's backup file names (the time is UTC to the millisecond). */
function backupName(dbPath: string): RegExp {
  const stem = backupStem(dbPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stem}-(\\d{8}T\\d{9}Z)\\.db$`);
}

/** The folder of a database's backups. */
export function backupsDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'backups');
}

/** A database's backups, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const name = backupName(dbPath);
  return readdirSync(dir)
    .filter((f) => name.test(f))
    .map((f) => {
      const file = join(dir, f);
      const st = statSync(file);
      return { file, createdAt: st.mtime.toISOString(), bytes: st.size };
    })
    .sort((a, b) => basename(b.file).localeCompare(basename(a.file)));
}

/** Tries of an online copy that SQLite found busy before it began, and the pause between them (ms). */
const COPY_TRIES = 4;
const COPY_PAUSE_MS = 150;

/**
 * SQLite's online backup of `db` to `file`. better-sqlite3 reads a first step answered SQLITE_BUSY
 * (0 pages left, as nothing was counted yet) as the end, then removes the copy it had not written
 * and resolves: the file is then missing. That is retried after a pause, and reported if it lasts.
 */
export async function copyOnline(db: Database.Database, file: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await db.backup(file);
    if (existsSync(file)) return;
    if (attempt === COPY_TRIES) {
      throw new StoreError(`The backup copy of "${db.name}" could not be made: SQLite found the database busy ${COPY_TRIES} times in a row (another program writing it?); try again`);
    }
    await new Promise((r) => setTimeout(r, COPY_PAUSE_MS * attempt));
  }
}

/** Partial copies this process has begun (their names differ, so two backups at once never share one). */
let partials = 0;

/** The open database's rolling copies in `backups/` beside it. */
export class Backups {
  constructor(private readonly c: Connection) {}

  /** The folder of the copies. */
  dir(): string {
    return backupsDir(this.c.path);
  }

  /** The copies, newest first (none for an in-memory database). */
  list(): BackupInfo[] {
    return this.c.path === ':memory:' ? [] : listBackups(this.c.path);
  }

  /**
   * Copy the open database to `backups/<name>-<time>.db` (`knobs-<time>.db` for `knobs.db`) with
   * SQLite's online backup (consistent while searches keep writing), then keep only the newest
   * `keep` copies of this database.
   */
  async now(keep = KEEP_BACKUPS): Promise<BackupInfo> {
    const path = this.c.path;
    if (path === ':memory:') throw new StoreError('An in-memory database has no file to back up');
    const dir = backupsDir(path);
    makeFolder(dir, 'the backups of the database');
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const file = join(dir, `${backupStem(path)}-${stamp}.db`);
    // Two processes backing up the same file in the same millisecond each write their own partial copy.
    const partial = `${file}.partial-${process.pid}-${++partials}`;
    await copyOnline(this.c.db, partial);
    renameSync(partial, file);
    for (const old of listBackups(path).slice(Math.max(1, keep))) rmSync(old.file, { force: true });
    const st = statSync(file);
    return { file, createdAt: st.mtime.toISOString(), bytes: st.size };
  }

  /** Back up unless the newest copy is younger than `minAgeHours`; resolves to the new copy, or null. */
  async ifOlderThan(minAgeHours: number, keep = KEEP_BACKUPS): Promise<BackupInfo | null> {
    if (this.c.path === ':memory:') return null;
    const newest = listBackups(this.c.path)[0];
    if (newest && Date.now() - Date.parse(newest.createdAt) < minAgeHours * 3600_000) return null;
    return this.now(keep);
  }
}

/**
 * Why the database to be replaced could not be locked and kept: another program holding it (a
 * StoreError, as README's "locked database"), a file or folder that cannot be written (the --db
 * given: bad input), or what SQLite said.
 */
function targetError(db: string, e: unknown): Error {
  const code = String((e as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(`"${db}" is in use; quit Knobs (the app, knobs serve and any knobs run) before restoring. The database is unchanged.`);
  }
  // SQLite's word for a file or folder it may not write varies (READONLY, CANTOPEN, IOERR_LOCK): ask the file system.
  if (!writable(db) || !writable(dirname(db)) || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new BadInputError(`Cannot restore "${db}": it or its folder ${dirname(db)} cannot be written (read-only or no permission); restoring writes the new database and a copy of the current one there. Give --db a database in a folder you can write. The database is unchanged.`, [{ path: 'db', message: 'cannot be written' }]);
  }
  if (code === 'SQLITE_FULL') return new StoreError(`Cannot restore "${db}": the disk is full, so the current database could not be kept beside it. Free some space and try again. The database is unchanged.`);
  return new StoreError(`Cannot restore "${db}": ${(e as Error).message}. The database is unchanged.`);
}

/**
 * Replace the database with a backup. Refuses while any program has the database open (StoreError), and
 * refuses a backup that fails SQLite's integrity check or comes from a newer Knobs (BadInputError, as a bundle). The current
 * file is kept beside it as `<name>.before-restore-<time>` first.
 */
export function restoreBackup(dbPath: string, backupFile: string): { restored: string; kept: string | null } {
  const db = resolve(dbPath);
  const src = resolve(backupFile);
  // The backup is the caller's input, as a bundle to import is: one that is not there, a folder, damaged,
  // truncated, not Knobs' or from a newer Knobs is a BadInputError (exit 2); a disk failing while reading it is a StoreError.
  let srcStat: Stats;
  try {
    srcStat = statSync(src);
  } catch {
    throw new BadInputError(`No backup "${src}" (no such file; "knobs backup list" shows the backups)`, [{ path: 'backup', message: 'no such file' }]);
  }
  if (!srcStat.isFile()) throw new BadInputError(`"${src}" is ${srcStat.isDirectory() ? 'a folder' : 'not a plain file'}, not a backup file ("knobs backup list" shows the backups)`, [{ path: 'backup', message: 'not a file' }]);
  try {
    closeSync(openSync(src, 'r'));
  } catch (e) {
    throw new BadInputError(`Cannot read the backup "${src}": ${(e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM' ? 'permission denied' : (e as Error).message}`, [{ path: 'backup', message: 'unreadable' }]);
  }
  const dbStat = existsSync(db) ? statSync(db) : undefined;
  if (dbStat && !dbStat.isFile()) throw new BadInputError(`"${db}" is ${dbStat.isDirectory() ? 'a folder' : 'not a plain file'}, not a database file; give --db FILE`, [{ path: 'db', message: 'not a file' }]);
  let check: Database.Database | undefined;
  try {
    check = new Database(src, { readonly: true, fileMustExist: true });
    const ok = check.pragma('integrity_check', { simple: true });
    const version = check.pragma('user_version', { simple: true }) as number;
    if (ok !== 'ok') throw new BadInputError(`The backup "${src}" is damaged or truncated (SQLite's integrity check: ${String(ok).slice(0, 200)}); choose another ("knobs backup list" shows the backups). The database is unchanged.`, [{ path: 'backup', message: 'damaged' }]);
    const foreign = notKnobsReason(check, version) ?? (version === 0 ? 'an empty SQLite database' : null);
    // The wrong file named, as a CSV given is: bad input (a damaged backup stays a store error).
    if (foreign) throw new BadInputError(`${src} is not a Knobs database or a backup of one (${foreign}); "knobs backup list" shows the backups`, [{ path: 'backup', message: 'not a Knobs database' }]);
    if (version > SCHEMA_VERSION) throw new BadInputError(`The backup "${src}" was written by a newer Knobs (schema ${version}; this version knows up to ${SCHEMA_VERSION}); update Knobs to restore it. The database is unchanged.`, [{ path: 'backup', message: 'from a newer Knobs' }]);
  } catch (e) {
    if (e instanceof StoreError || e instanceof BadInputError) throw e;
    const code = String((e as { code?: unknown }).code ?? '');
    // A disk failing or the file locked while it is read is not the backup's fault.
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
      throw new BadInputError(`Cannot read the backup "${src}": SQLite writes a -shm file beside a database in WAL mode to read it, and ${dirname(src)} cannot be written; copy the backup into a folder you can write and restore it from there. The database is unchanged.`, [{ path: 'backup', message: 'its folder cannot be written' }]);
    }
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_NOMEM') throw new StoreError(`Reading the backup "${src}" failed (${(e as Error).message}); try again. The database is unchanged.`);
    throw new BadInputError(`The backup "${src}" cannot be read as a Knobs database (${(e as Error).message}): it is damaged or truncated; choose another ("knobs backup list" shows the backups). The database is unchanged.`, [{ path: 'backup', message: 'damaged' }]);
  } finally {
    check?.close();
  }
  let kept: string | null = null;
  if (existsSync(db)) {
    // In use? Ask for an exclusive lock without waiting: any other connection (the app, knobs serve, a run) holds a shared lock.
    let probe: Database.Database | undefined;
    try {
      probe = new Database(db, { timeout: 0, fileMustExist: true });
      probe.pragma('locking_mode = EXCLUSIVE');
      probe.exec('BEGIN EXCLUSIVE; COMMIT;');
      kept = `${db}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
      probe.exec(`VACUUM INTO '${kept.replace(/'/g, "''")}'`);
    } catch (e) {
      if (kept) rmSync(kept, { force: true });
      kept = null;
      throw targetError(db, e);
    } finally {
      probe?.close();
    }
  }
  const tmp = `${db}.restoring`;
  let copy: Database.Database | undefined;
  try {
    // Restoring to a database that is not there yet (a new machine, a new folder) makes its folder.
    mkdirSync(dirname(db), { recursive: true });
    rmSync(tmp, { force: true });
    // Copied through SQLite, not byte for byte: a backup whose last writes are still in its -wal
    // (a database whose program was killed) is copied with them, as the check above read it.
    copy = new Database(src, { readonly: true, fileMustExist: true });
    copy.exec(`VACUUM INTO '${tmp.replace(/'/g, "''")}'`);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = String((e as NodeJS.ErrnoException).code ?? '');
    const why = code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') ? 'the folder cannot be written' : code === 'SQLITE_FULL' ? 'the disk is full' : (e as Error).message;
    const message = `Cannot write "${tmp}" to restore "${db}": ${why}. The database is unchanged.`;
    // A full disk or an I/O error is not the caller's doing; a folder that cannot be made or written is the --db given.
    throw code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? new StoreError(message) : new BadInputError(message, [{ path: 'db', message: code || 'cannot write' }]);
  } finally {
    copy?.close();
  }
  for (const side of ['-wal', '-shm']) rmSync(`${db}${side}`, { force: true });
  renameSync(tmp, db);
  return { restored: db, kept };
}
