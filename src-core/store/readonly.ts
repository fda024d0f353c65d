import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BadInputError, StoreError } from '../errors';
import { writable } from './location';

/** The first bytes of every SQLite database file. */
export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The first `bytes` bytes of the file at `path` (fewer if it is shorter); throws what opening or reading it throws. */
export function readHead(path: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** A database opened for reading only, and what to do once it is closed. */
export interface ReadOnlyDb {
  db: Database.Database;
  /**
   * How it was opened: `direct`, a read-only SQLite connection to the file; `snapshot`, a copy of
   * the file in memory (its folder or the file cannot be written and SQLite would need to make a
   * -shm file beside it; see openReadOnly).
   */
  how: 'direct' | 'snapshot';
  /** Called after the connection closes: removes the -wal and -shm files SQLite made beside the file for this reading, if nothing else uses them. */
  tidy: () => void;
}

const sizeOf = (path: string): number | null => {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
};

/** SQLite's result codes that mean it could not make or open a file it needs beside the database (the -wal or -shm). */
const cannotMake = (e: unknown): boolean => {
  const code = String((e as { code?: unknown }).code ?? '');
  return code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_IOERR_LOCK' || code === 'SQLITE_PERM';
};

/**
 * Open the database `path` for reading only, making and changing no file (the commands that only
 * read: `knobs list`, `export`, `importance`…). A missing, empty or non-SQLite file is a
 * BadInputError naming it; nothing is created in its place.
 *
 * A database in WAL mode (every Knobs database) is read through its `-wal` and `-shm` files, which
 * SQLite makes beside it when they are not there, even for a read-only connection. So:
 * - a database in rollback mode, or one another connection has open (its -shm is there): a read-only
 *   SQLite connection (`readonly: true`);
 * - file and folder writable: a read-only connection; the -wal and -shm it made are removed again
 *   once it closes (`tidy`: SQLite does that itself when the last connection closes, but only a
 *   connection that may write can; nothing is written to the file);
 * - file or folder not writable (chmod 444, a read-only folder or medium) and nothing in a -wal: the
 *   file alone holds every committed write, and it is read into memory as it is (a snapshot, its
 *   WAL flag cleared in the copy only). SQLite's own way, an `immutable=1` URI, is not available:
 *   better-sqlite3 is built without URI file names. A read-only connection would fail there
 *   (SQLITE_READONLY_DIRECTORY) or, for a read-only file in a writable folder, leave a read-only
 *   -shm behind that keeps every later writer out once the file is writable again;
 * - a -wal holding writes not yet in the file (a Knobs killed while writing) and no -shm in a folder
 *   that cannot be written: it cannot be read correctly, and is refused saying how to read it.
 */
export function openReadOnly(path: string, binding: { nativeBinding?: string } = {}): ReadOnlyDb {
  const st = statOrRefuse(path);
  let header: Buffer;
  try {
    header = readHead(path, 100);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new BadInputError(`Cannot read the database ${path}: ${why}`, [{ path: 'db', message: why }]);
  }
  if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    throw new BadInputError(`${path} is not a Knobs database (it is not an SQLite database file); give --db FILE or set KNOBS_DB to name a Knobs database`, [{ path: 'db', message: 'not a Knobs database' }]);
  }
  const direct = (): Database.Database => {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000, ...binding });
    try {
      db.pragma('user_version'); // SQLite opens the file (and its -wal and -shm) on the first read
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  };
  const none = (): void => {};
  // Bytes 18 and 19 are 2 in WAL mode, 1 in rollback mode (which reads without other files).
  if (header[18] !== 2 && header[19] !== 2) return { db: direct(), how: 'direct', tidy: none };
  // SQLite keeps the -wal and -shm beside the file a symbolic link points at.
  const real = realpathSync(path);
  const wal = `${real}-wal`;
  const shm = `${real}-shm`;
  const walBytes = sizeOf(wal) ?? 0;
  const folder = dirname(real);
  const canWrite = writable(real) && writable(folder);
  // A log with writes in it (a Knobs killed while writing) is left as it was found.
  const tidy = canWrite && walBytes === 0 ? () => tidyAfter(real, binding) : none;
  if (existsSync(shm) || (walBytes > 0 && writable(folder))) {
    try {
      return { db: direct(), how: 'direct', tidy };
    } catch (e) {
      // A -shm left by a connection that is gone, in a folder where the -wal cannot be made: nothing is in a log.
      if (!cannotMake(e) || walBytes > 0) throw e;
      return { db: snapshot(real, st, binding), how: 'snapshot', tidy: none };
    }
  }
  if (canWrite) return { db: direct(), how: 'direct', tidy };
  if (walBytes === 0) return { db: snapshot(real, st, binding), how: 'snapshot', tidy: none };
  throw new BadInputError(
    `Cannot read the database ${path}: its write-ahead log ${basename(wal)} holds writes not yet in the file (a Knobs stopped while writing), SQLite needs a -shm file beside it to read them, and ${folder} cannot be written. ` +
      `Open it once with write access ("knobs upgrade --db ${path}" moves them into the file), or copy ${basename(real)} with ${basename(wal)} to a folder you can write and read the copy`,
    [{ path: 'db', message: 'its -wal needs a -shm beside it' }],
  );
}

function statOrRefuse(path: string): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    throw new BadInputError(`No Knobs database at ${path} (no such file)`, [{ path: 'db', message: 'no such file' }]);
  }
  if (!st.isFile()) throw new BadInputError(`${path} is ${st.isDirectory() ? 'a folder' : 'not a plain file'}; a Knobs database is one file (such as ${join(path, 'knobs.db')})`, [{ path: 'db', message: 'not a file' }]);
  if (st.size === 0) throw new BadInputError(`${path} is not a Knobs database (empty file)`, [{ path: 'db', message: 'empty file' }]);
  return st;
}

/**
 * The file read into memory as it is, with its WAL flag cleared in the copy (SQLite's in-memory
 * databases have no write-ahead log). Read again if it changed while being read (another program
 * writing it); refused if it keeps changing.
 */
function snapshot(path: string, before: Stats, binding: { nativeBinding?: string }): Database.Database {
  for (let attempt = 0; attempt < 3; attempt++) {
    const st = attempt === 0 ? before : statSync(path);
    const bytes = readFileSync(path);
    const after = statSync(path);
    if (after.mtimeMs !== st.mtimeMs || after.size !== st.size || bytes.length !== after.size || (sizeOf(`${path}-wal`) ?? 0) > 0) continue;
    bytes[18] = 1;
    bytes[19] = 1;
    return new Database(bytes, { readonly: true, ...binding });
  }
  throw new StoreError(`The database "${path}" kept changing while Knobs read it (another program writing it?); try again`);
}

/**
 * Remove the -wal and -shm files a read-only connection made beside a writable database: SQLite
 * removes them when the last connection that may write closes, so one is opened (it writes nothing:
 * query_only, one read) and closed. Another connection still open keeps them, as it should.
 */
function tidyAfter(path: string, binding: { nativeBinding?: string }): void {
  if (!existsSync(`${path}-wal`) && !existsSync(`${path}-shm`)) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 0, ...binding });
    db.pragma('query_only = ON');
    db.pragma('user_version');
  } catch {
    // Left for the next connection that writes (they are what SQLite would make anyway).
  } finally {
    db?.close();
  }
}
