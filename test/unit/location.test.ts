// Where the database lives: one file per user for the desktop app, the CLI and `knobs serve`.
// The app once opened Electron's userData folder instead, which follows the package name
// ("knobs", lower case), so on Linux it read ~/.config/knobs/knobs.db while the CLI wrote
// ~/.config/Knobs/knobs.db, and a search run in a terminal never showed in the app.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDatabasePath, datasetsDirOf, defaultDatabasePath } from '../../src-core/store/location';

describe('where the database lives', () => {
  it('the platform\'s Knobs folder, or KNOBS_DB', () => {
    expect(defaultDatabasePath({ HOME: '/home/ada' }, 'linux')).toBe('/home/ada/.config/Knobs/knobs.db');
    expect(defaultDatabasePath({ HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Knobs/knobs.db');
    expect(defaultDatabasePath({ HOME: '/Users/ada' }, 'darwin')).toBe('/Users/ada/Library/Application Support/Knobs/knobs.db');
    expect(defaultDatabasePath({ HOME: 'C:\\Users\\ada', APPDATA: 'R' }, 'win32')).toBe(join('R', 'Knobs', 'knobs.db'));
    expect(defaultDatabasePath({ HOME: '/home/ada', KNOBS_DB: '/data/k.db' }, 'linux')).toBe('/data/k.db');
  });

  it('the desktop app opens the CLI\'s file (KNOBS_DB included); a test profile gets its own', () => {
    for (const env of [{ HOME: '/home/ada' }, { HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg' }, { HOME: '/home/ada', KNOBS_DB: '/data/k.db' }]) {
      for (const platform of ['linux', 'darwin', 'win32'] as const) expect(appDatabasePath(env, platform)).toBe(defaultDatabasePath(env, platform));
    }
    expect(appDatabasePath({ HOME: '/home/ada', KNOBS_USER_DATA: '/tmp/profile' }, 'linux')).toBe('/tmp/profile/knobs.db');
  });

  it('imported data sets sit beside the database', () => {
    expect(datasetsDirOf('/cfg/Knobs/knobs.db')).toBe('/cfg/Knobs/datasets');
  });
});
