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

/** Where imported data sets are kept for a database: `datasets/` beside it (a temporary folder for an in-memory one). */
export function datasetsDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? join(tmpdir(), 'knobs-datasets') : join(dirname(dbPath), 'datasets');
}
