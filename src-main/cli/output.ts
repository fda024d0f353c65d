import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, realpathSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { BadInputError, KnobsError } from '../../src-core/errors';
import { backupsDir } from '../../src-core/store/backup';
import { datasetsDirOf, defaultDatabasePath, writable } from '../../src-core/store/location';
import { readHead, SQLITE_HEADER } from '../../src-core/store/readonly';
import { Store } from '../../src-core/store/store';
import { outputTarget, replaceWith, writeThrough, type OutputTarget } from '../../src-core/util/outfile';

/**
 * What the commands that only read the database, or write files from it, share: opening a
 * database that must already exist, and writing output files without ever touching what is
 * stored (the database, its -wal/-shm companions, its backups and data sets) or leaving half a
 * file behind.
 */

/**
 * The database a command names: --db, else KNOBS_DB, else the desktop app's; `chosen` when the user
 * named it (--db or KNOBS_DB), and `source` says which.
 */
export function databasePath(db?: string): { path: string; chosen: boolean; source: '--db' | 'KNOBS_DB' | 'default' } {
  // An empty --db (a shell variable that was not set) would resolve to the current folder.
  if (db !== undefined && db.trim() === '') throw new BadInputError('--db is empty; give --db FILE (a Knobs database, or a new file to make one), or leave it out to use KNOBS_DB or the desktop app\'s database', [{ path: 'db', message: 'empty' }]);
  const source = db !== undefined ? '--db' : process.env.KNOBS_DB ? 'KNOBS_DB' : 'default';
  return { path: resolve(db ?? defaultDatabasePath()), chosen: source !== 'default', source };
}

/** The refusal for a database file that is not there (`also`: more to say about it, such as that it has no backups either). */
export function noDatabase(path: string, also?: string): BadInputError {
  return new BadInputError(
    `No Knobs database at ${path}${also ? `, and ${also}` : ''} ("knobs run SPEC --db ${path}" makes one there; to read another, give --db FILE or set KNOBS_DB)`,
    [{ path: 'db', message: 'no such file' }],
  );
}

/**
 * Refuse, as bad input naming the file, a database path that is a folder or a file that is not a
 * Knobs database: not an SQLite file at all (a CSV given as --db, a stray file). A file that is not
 * there is refused when `mustExist`; an empty file is a new database unless `filled` (a backup to
 * restore must hold one, and so must a database a command only reads: "not a Knobs database (empty
 * file)", then `emptyHint` when given, else `hint`). An SQLite file is left to Store.open (or
 * restoreBackup), which reads it: one damaged past its header is a store error (exit 1).
 */
export function checkDatabaseAt(path: string, opts: { mustExist: boolean; filled?: boolean; what?: string; hint?: string; emptyHint?: string }): void {
  const what = opts.what ?? 'a Knobs database';
  const hint = opts.hint ?? 'give --db FILE or set KNOBS_DB to name a Knobs database, or a new file to make one';
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    if (opts.mustExist) throw noDatabase(path);
    return;
  }
  if (!st.isFile()) throw new BadInputError(`${path} is ${st.isDirectory() ? 'a folder' : 'not a plain file'}; a Knobs database is one file (give --db FILE, such as ${join(path, 'knobs.db')})`, [{ path: 'db', message: 'not a file' }]);
  const notKnobs = (why: string): BadInputError => new BadInputError(`${path} is not ${what} (${why}); ${hint}`, [{ path: 'db', message: 'not a Knobs database' }]);
  if (st.size === 0) {
    if (opts.filled) throw opts.emptyHint ? new BadInputError(`${path} is not ${what} (empty file); ${opts.emptyHint}`, [{ path: 'db', message: 'empty file' }]) : notKnobs('empty file');
    return;
  }
  let head: Buffer;
  try {
    head = readHead(path, SQLITE_HEADER.length);
  } catch {
    return; // unreadable: opening it says why
  }
  if (!head.equals(SQLITE_HEADER)) throw notKnobs('it is not an SQLite database file');
}

/**
 * Open a database that must already exist, read-only (for commands that only read it): a missing
 * file, a folder, an empty file or a file that is not a Knobs database is a BadInputError naming the
 * path; nothing is created, migrated or written (Store.open with `readonly`), so a read-only file,
 * folder or medium is read as it is. `olderSchema: 'allow'` reads a file an older Knobs wrote (a
 * backup copies it as it is); otherwise it is refused saying how to upgrade it.
 */
export function openExistingStore(db?: string, opts: { olderSchema?: 'allow' } = {}): Store {
  const { path } = databasePath(db);
  checkDatabaseAt(path, { mustExist: true, filled: true, emptyHint: readHint(path) });
  return Store.open(path, { readonly: true, olderSchema: opts.olderSchema });
}

/** What to do about an empty --db given to a command that reads (a command that writes makes a database in it). */
export const readHint = (path: string): string => `"knobs run SPEC --db ${path}" makes a database in it; to read another, give --db FILE or set KNOBS_DB`;

/**
 * Refuse a database named by --db or KNOBS_DB in a folder that does not exist, as bad input naming
 * the folder and how to make it (as sqlite3 does; a mistyped folder would otherwise be made without a
 * word). The desktop app's own folder (no --db, no KNOBS_DB) is made, as the app makes it. A file in
 * the folder's path is left to Store.open, which says so.
 */
export function checkFolderExists(path: string, source: '--db' | 'KNOBS_DB' | 'default'): void {
  if (source === 'default' || existsSync(path)) return;
  const folder = dirname(path);
  let up = folder;
  while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
  if (up === folder || !statSync(up).isDirectory()) return;
  throw new BadInputError(`The folder ${folder} does not exist, so the database ${path} cannot be made there (${source}); make the folder first (mkdir -p "${folder}"), or give ${source} a file in a folder that exists`, [{ path: 'db', message: 'no such folder' }]);
}

/** Open a database that must already exist for `knobs COMMAND`, which writes to it (resume, rerun): as openExistingStore, and refused naming the command if it cannot be written. */
export function openExistingForWriting(db: string | undefined, command: string): Store {
  const { path } = databasePath(db);
  checkDatabaseAt(path, { mustExist: true });
  return Store.open(path, { writer: `"knobs ${command}"` });
}

/** A file that could not be written for a reason outside the user's input (a full disk, an I/O error): exit code 1, its message without a stack. */
class WriteFailedError extends KnobsError {
  constructor(message: string) {
    super('store', message);
  }
}

/** Errno codes that mean the path given was not one that can be written (bad input, exit 2); others (ENOSPC, EIO…) exit 1. */
const INPUT_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENAMETOOLONG', 'ELOOP', 'EEXIST', 'EINVAL', 'EXDEV', 'EBUSY', 'ETXTBSY']);
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'an I/O error',
};

/**
 * "Cannot write FILE: reason" for a failed write: a BadInputError (exit 2) when the path was not
 * writable, a WriteFailedError (exit 1) otherwise. SQLite's failures to create a file count too.
 * Errors that are not about writing (a KnobsError, a bug) come back unchanged.
 */
export function writeError(file: string, e: unknown): unknown {
  if (e instanceof KnobsError || !(e instanceof Error)) return e;
  const code = String((e as { code?: unknown }).code ?? '');
  if (/directory does not exist/i.test(e.message)) return new BadInputError(`Cannot write ${file}: its folder does not exist`, [{ path: 'out', message: 'no such folder' }]);
  if (/^E[A-Z]+$/.test(code)) {
    const why = REASONS[code] ?? e.message;
    return INPUT_CODES.has(code) ? new BadInputError(`Cannot write ${file}: ${why}`, [{ path: 'out', message: why }]) : new WriteFailedError(`Cannot write ${file}: ${why}`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_READONLY')) {
    // SQLite's words ("unable to open database file") are about a database; the user asked for a file.
    const folder = dirname(resolve(file));
    const why = !writable(folder) ? `its folder ${folder} cannot be written (read-only or no permission)` : existsSync(file) && !writable(file) ? 'the file cannot be written (read-only or no permission)' : 'the file cannot be created there';
    return new BadInputError(`Cannot write ${file}: ${why}`, [{ path: 'out', message: why }]);
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return new WriteFailedError(`Cannot write ${file}: ${code === 'SQLITE_FULL' ? 'the disk is full' : e.message}`);
  return e;
}

/** A path with every symbolic link resolved as far as the file system has it (the part that does not exist yet kept as given). */
function canonicalPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(canonicalPath(parent), basename(abs));
  }
}

const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/** Whether two paths name one file: the same path once links are resolved, or (both existing) the same device and inode (a hard link, another spelling on a case-insensitive disk). */
export function sameFile(a: string, b: string): boolean {
  if (canonicalPath(a) === canonicalPath(b)) return true;
  const sa = statOf(a);
  const sb = statOf(b);
  return !!sa && !!sb && sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** One output file a command was asked to write: the option that named it, the path, and a file name to suggest when the path is a folder. */
export interface Output {
  option: string;
  path: string;
  example: string;
}

/**
 * Check every output path before anything is written: none may be the database file or its
 * -wal/-shm/-journal companions (links and hard links included), nor a file in its backups/ or
 * datasets/ folders; no two may name the same file; each must be a file (not a folder) in a
 * folder that exists. Refusals are BadInputErrors naming the option and the path.
 */
export function checkOutputs(outputs: Output[], dbPath: string): void {
  const db = resolve(dbPath);
  const real = canonicalPath(db);
  const guarded = [...new Set([db, real].flatMap((p) => ['', '-wal', '-shm', '-journal'].map((side) => p + side)))];
  const keptDirs = [...new Set([db, real].flatMap((p) => [backupsDir(p), datasetsDirOf(p)]))].map(canonicalPath);
  for (const o of outputs) {
    const abs = resolve(o.path);
    const hit = guarded.find((g) => sameFile(abs, g));
    if (hit !== undefined) {
      const what = hit.endsWith('-wal') || hit.endsWith('-shm') || hit.endsWith('-journal') ? `the database's companion file ${hit}` : `the database ${db} itself`;
      throw new BadInputError(`${o.option} ${o.path} is ${what}; writing there would destroy what is stored. Choose another file (such as ${o.example})`, [{ path: o.option, message: 'the database' }]);
    }
    const canon = canonicalPath(abs);
    const inKept = keptDirs.find((d) => canon.startsWith(d + sep));
    if (inKept !== undefined && existsSync(abs)) {
      throw new BadInputError(`${o.option} ${o.path} is a file Knobs keeps in ${inKept}; writing there would destroy it. Choose another file (such as ${o.example})`, [{ path: o.option, message: 'a stored file' }]);
    }
  }
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      if (sameFile(outputs[i].path, outputs[j].path)) {
        throw new BadInputError(`${outputs[i].option} and ${outputs[j].option} name the same file (${outputs[j].path}); the second would overwrite the first. Give each its own file`, [{ path: outputs[j].option, message: 'the same file' }]);
      }
    }
  }
  for (const o of outputs) {
    const abs = resolve(o.path);
    const st = statOf(abs);
    if (st?.isDirectory()) throw new BadInputError(`Cannot write ${o.path}: it is a folder; ${o.option} names a file, such as ${join(o.path, o.example)}`, [{ path: o.option, message: 'a folder' }]);
    const folder = dirname(abs);
    const fst = statOf(folder);
    if (!fst) throw new BadInputError(`Cannot write ${o.path}: the folder ${folder} does not exist (${o.option}: create the folder first, or name a file in one that exists)`, [{ path: o.option, message: 'no such folder' }]);
    if (!fst.isDirectory()) throw new BadInputError(`Cannot write ${o.path}: ${folder} is not a folder (${o.option} must name a file in a folder)`, [{ path: o.option, message: 'not a folder' }]);
  }
}

/**
 * Write every file or none: each regular file to a temporary file beside it first, then, only when
 * all were written, rename each into place (keeping a replaced file's mode; a symbolic link is
 * followed and stays a link). An output that is not a regular file (a device, a FIFO, /dev/stdout)
 * is written through once the temporary files are written. A failure removes every temporary file
 * and throws "Cannot write FILE: reason" (see writeError); regular files already there are left as they were.
 */
export function writeAllOrNone(files: { path: string; text: string }[]): void {
  const temps: { tmp: string; path: string; target: OutputTarget }[] = [];
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  let current = '';
  try {
    const targets = files.map((f) => {
      current = f.path;
      return { ...f, target: outputTarget(f.path) };
    });
    for (const f of targets.filter((t) => !t.target.direct)) {
      current = f.path;
      const tmp = `${f.target.path}.tmp-${tag}`;
      const fd = openSync(tmp, 'wx');
      temps.push({ tmp, path: f.path, target: f.target });
      try {
        writeFileSync(fd, f.text);
      } finally {
        closeSync(fd);
      }
    }
    const written: string[] = [];
    const partly = (path: string, e: unknown): unknown => {
      const err = writeError(path, e);
      if (written.length > 0 && err instanceof KnobsError) {
        return new (err.kind === 'bad-input' ? BadInputError : WriteFailedError)(`${err.message} (${written.join(', ')} ${written.length === 1 ? 'was' : 'were'} written)`);
      }
      return err;
    };
    for (const f of targets.filter((t) => t.target.direct)) {
      current = f.path;
      try {
        writeThrough(f.target.path, f.text);
      } catch (e) {
        throw partly(f.path, e);
      }
      written.push(f.path);
    }
    for (const t of temps) {
      current = t.path;
      try {
        replaceWith(t.tmp, t.target);
      } catch (e) {
        throw partly(t.path, e);
      }
      written.push(t.path);
    }
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw writeError(current, e);
  }
}
