import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { BadInputError, StoreError } from '../errors';

/** The desktop app's database file: KNOBS_DB, else the platform's user-data folder (as Electron's app.getPath('userData') for "Knobs"). */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KNOBS_DB) return env.KNOBS_DB;
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Knobs', 'knobs.db');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Knobs', 'knobs.db');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Knobs', 'knobs.db');
}

/**
 * The database the desktop app opens: the same file as the CLI and `knobs serve`
 * (defaultDatabasePath), so a search run in a terminal shows in the app; a test that gives the app
 * a temporary profile (KNOBS_USER_DATA) gets a database inside it. Electron's own userData folder
 * follows the package name ("knobs", lower case on Linux), which is not the CLI's folder.
 */
export function appDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.KNOBS_USER_DATA ? join(env.KNOBS_USER_DATA, 'knobs.db') : defaultDatabasePath(env, platform);
}

/** Where imported data sets are kept for a database: `datasets/` beside it (a temporary folder for an in-memory one). */
export function datasetsDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? join(tmpdir(), 'knobs-datasets') : join(dirname(dbPath), 'datasets');
}

/** Errno codes of a folder that cannot be made for a reason outside the user's input (a full disk, an I/O error). */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO']);
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'an I/O error',
};

/**
 * Make the folder `dir` (and its parents) that Knobs keeps `what` in ("its imported data sets",
 * "its backups"), beside the database. A file where the folder should be, or a folder that cannot
 * be made, is a BadInputError naming the path and what to do (move the file, name another
 * database); a full disk or an I/O error is a StoreError. Never a stack trace.
 */
export function makeFolder(dir: string, what: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(dir);
  } catch {
    st = undefined;
  }
  if (st && !st.isDirectory()) {
    throw new BadInputError(`${dir} is a file, not a folder: Knobs keeps ${what} in the folder "${basename(dir)}" beside the database. Move or rename that file, then try again`, [{ path: 'db', message: `${basename(dir)} is a file` }]);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? '');
    const message = `Cannot make the folder ${dir}, where Knobs keeps ${what}: ${WHY[code] ?? (e as Error).message}`;
    throw DISK_CODES.has(code) ? new StoreError(message) : new BadInputError(message, [{ path: 'db', message: WHY[code] ?? code }]);
  }
}

/** Whether this process may write `path` (a file or a folder). */
export function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
