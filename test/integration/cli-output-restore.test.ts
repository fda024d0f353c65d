// `knobs restore` as a user types it: real processes, real files in a temporary folder. A backup
// that is not there, or is a folder, is bad input (exit 2) naming it, and the database is left as
// it was; a database folder that does not exist yet is made (restoring onto a new machine).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { refused } from '../helpers/cli';
import { dbFilesHash } from '../fuzz/fuzz-helpers';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-restore-'));

function knobsIn(env: Record<string, string | undefined>, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const e: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir, env: e as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const knobs = (...args: string[]) => knobsIn({}, ...args);


describe('knobs restore', () => {
  it('a backup that is not there, or a folder, is bad input (exit 2) naming it; the database is unchanged', () => {
    const db = join(dir, 'live.db');
    const s = Store.open(db);
    s.projects.create('kept');
    s.close();
    const before = dbFilesHash(db);
    refused(knobs('restore', join(dir, 'gone.db'), '--db', db), /^knobs: No backup ".*gone\.db" \(no such file; "knobs backup list" shows the backups\)\n$/);
    mkdirSync(join(dir, 'backups-folder'));
    refused(knobs('restore', 'backups-folder', '--db', db), /^knobs: ".*backups-folder" is a folder, not a backup file/);
    expect(dbFilesHash(db)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('live.db'))).toEqual(['live.db']);
  });

  it('restores onto a new machine: the app\'s own database folder (no --db) is made; a --db in a folder that does not exist is refused, naming it, nothing made', () => {
    const db = join(dir, 'src.db');
    const s = Store.open(db);
    s.projects.create('carried');
    s.close();
    const target = join(dir, 'fresh', 'sub', 'k.db');
    refused(knobs('restore', db, '--db', target), /^knobs: The folder .*fresh\/sub does not exist, so the database .*fresh\/sub\/k\.db cannot be made there \(--db\); make the folder first \(mkdir -p ".*fresh\/sub"\), or give --db a file in a folder that exists\n$/);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    const home = mkdtempSync(join(tmpdir(), 'knobs-home-'));
    const r = knobsIn({ HOME: home, XDG_CONFIG_HOME: undefined, KNOBS_DB: undefined }, 'restore', db);
    const made = join(home, '.config', 'Knobs', 'knobs.db');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`Restored ${made} from ${db}\n`);
    const t = Store.open(made);
    expect(t.projects.list().map((p) => p.name)).toEqual(['carried']);
    t.close();
  });
});
