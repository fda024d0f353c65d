// `knobs restore` as a user types it: real processes, real files in a temporary folder. A backup
// that is not there, or is a folder, is bad input (exit 2) naming it, and the database is left as
// it was; a database folder that does not exist yet is made (restoring onto a new machine).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { refused } from '../helpers/cli';
import { dbFilesHash } from '../fuzz/fuzz-helpers';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-restore-'));

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


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

  it('restores into a database folder that does not exist yet (a new machine) instead of failing with a stack trace', () => {
    const db = join(dir, 'src.db');
    const s = Store.open(db);
    s.projects.create('carried');
    s.close();
    const target = join(dir, 'fresh', 'sub', 'k.db');
    const r = knobs('restore', db, '--db', target);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`Restored ${target} from ${db}\n`);
    const t = Store.open(target);
    expect(t.projects.list().map((p) => p.name)).toEqual(['carried']);
    t.close();
  });
});
