import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
