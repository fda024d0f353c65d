// `knobs restore` and `knobs backup` with a database whose last writes are still in its -wal (its
// program was killed before a checkpoint), and restore into a folder that cannot be written: real
// processes, real SQLite files in a temporary folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { dbFilesHash } from '../fuzz/fuzz-helpers';
import { refused } from '../helpers/cli';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-restore-wal-'));
chmodSync(dir, 0o755);

/** Run knobs; `asNobody` runs it as an unprivileged user when the tests run as root (so a read-only folder is read-only). */
function knobs(args: string[], asNobody = false): { code: number | null; stdout: string; stderr: string } {
  const ids = asNobody && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir, ...ids });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of a database as a killed program leaves it: its main file and a -wal holding the writes not yet checkpointed. */
function killedCopy(name: string, projects: string[]): string {
  const live = join(dir, `${name}-live.sqlite`);
  const s = Store.open(live);
  for (const p of projects) s.projects.create(p);
  const copy = join(dir, `${name}.sqlite`);
  // Copied while the store is still open: the writes are in the -wal, the main file does not hold them.
  copyFileSync(live, copy);
  copyFileSync(`${live}-wal`, `${copy}-wal`);
  s.close();
  expect(statSync(`${copy}-wal`).size).toBeGreaterThan(0);
  return copy;
}

const projectNames = (db: string): string[] => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT name FROM projects ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    d.close();
  }
};

describe('a database whose last writes are in its -wal', () => {
  it('restore copies them too (it copied the main file alone and lost them)', () => {
    const other = killedCopy('other', ['from-wal-1', 'from-wal-2']);
    const target = join(dir, 'tgt.sqlite');
    const t = Store.open(target);
    t.projects.create('old');
    t.close();
    const r = knobs(['restore', other, '--db', target]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Restored .*tgt\.sqlite from .*other\.sqlite; the previous database is kept as .*tgt\.sqlite\.before-restore-\d{8}T\d{9}Z\n$/);
    expect(projectNames(target)).toEqual(['from-wal-1', 'from-wal-2']);
    const kept = readdirSync(dir).find((f) => f.startsWith('tgt.sqlite.before-restore-'))!;
    expect(projectNames(join(dir, kept))).toEqual(['old']);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
  });

  it('backup includes them', () => {
    const db = killedCopy('backed', ['in-wal']);
    const r = knobs(['backup', '--db', db]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const file = /to (.*\.db) \(/.exec(r.stdout)![1];
    expect(projectNames(file)).toEqual(['in-wal']);
  });
});

describe('restore into a folder that cannot be written', () => {
  it('says the folder cannot be written (exit 2), not that the database is in use; nothing changes', () => {
    const ro = join(dir, 'rodir');
    mkdirSync(ro);
    const target = join(ro, 'db.sqlite');
    const t = Store.open(target);
    t.projects.create('stays');
    t.close();
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const src = join(open, 'src.sqlite');
    const s = Store.open(src);
    s.projects.create('new');
    s.close();
    chmodSync(src, 0o666);
    expect(knobs(['list', '--db', src]).code).toBe(0); // builds the engine as this user first
    chmodSync(ro, 0o555);
    try {
      const before = dbFilesHash(target);
      refused(knobs(['restore', src, '--db', target], true), /^knobs: Cannot restore ".*rodir\/db\.sqlite": it or its folder .*rodir cannot be written \(read-only or no permission\); .*The database is unchanged\.\n$/);
      expect(dbFilesHash(target)).toBe(before);
      expect(existsSync(target)).toBe(true);
      expect(readdirSync(ro)).toEqual(['db.sqlite']);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});

describe('a backup in a folder that cannot be written', () => {
  it('says SQLite must write beside it and to copy it (exit 2), not that it is damaged; nothing changes', () => {
    const ro = join(dir, 'ro-backups');
    mkdirSync(ro);
    const backup = join(ro, 'b.sqlite');
    const s = Store.open(backup);
    s.projects.create('in backup');
    s.close();
    const open = join(dir, 'open2');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const target = join(open, 't.sqlite');
    expect(knobs(['list', '--db', backup]).code).toBe(0);
    chmodSync(ro, 0o555);
    try {
      refused(knobs(['restore', backup, '--db', target], true), /^knobs: Cannot read the backup ".*ro-backups\/b\.sqlite": SQLite writes a -shm file beside a database in WAL mode to read it, and .*ro-backups cannot be written; copy the backup into a folder you can write and restore it from there\. The database is unchanged\.\n$/);
      expect(existsSync(target)).toBe(false);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});

describe('exit codes for database files that cannot be used (README: 2 for the input named, 1 for the database failing)', () => {
  const filled = (name: string): string => {
    const f = join(dir, name);
    const s = Store.open(f);
    for (let i = 0; i < 40; i++) s.projects.create(`p${i} ${'x'.repeat(200)}`);
    s.close();
    return f;
  };

  it('restore of a truncated backup, or one from a newer Knobs, is bad input (exit 2) like a bundle; the database is unchanged', () => {
    const target = filled('keep.sqlite');
    const before = dbFilesHash(target);
    const whole = filled('whole.sqlite');
    const cut = join(dir, 'cut.sqlite');
    copyFileSync(whole, cut);
    truncateSync(cut, Math.floor(statSync(whole).size / 2));
    refused(knobs(['restore', cut, '--db', target]), /^knobs: The backup ".*cut\.sqlite" (is damaged or truncated|cannot be read as a Knobs database).*choose another \("knobs backup list" shows the backups\)\. The database is unchanged\.\n$/);
    const newer = filled('newer.sqlite');
    const d = new Database(newer);
    d.pragma('user_version = 999');
    d.close();
    refused(knobs(['restore', newer, '--db', target]), /^knobs: The backup ".*newer\.sqlite" was written by a newer Knobs \(schema 999; this version knows up to \d+\); update Knobs to restore it\. The database is unchanged\.\n$/);
    expect(dbFilesHash(target)).toBe(before);
  });

  it('a --db that is a text file is bad input (2); a damaged one or one from a newer Knobs is a database that cannot be used (1)', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    refused(knobs(['list', '--db', text]), /is not a Knobs database \(it is not an SQLite database file\)/);
    const cut = join(dir, 'cut-db.sqlite');
    const whole = filled('whole-db.sqlite');
    copyFileSync(whole, cut);
    truncateSync(cut, Math.floor(statSync(whole).size / 2));
    const r = knobs(['list', '--db', cut]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^knobs: ".*cut-db\.sqlite" is damaged or not a Knobs database \(database disk image is malformed\)\. Restore a backup/);
    const newer = filled('newer-db.sqlite');
    const d = new Database(newer);
    d.pragma('user_version = 999');
    d.close();
    const n = knobs(['list', '--db', newer]);
    expect([n.code, n.stdout]).toEqual([1, '']);
    expect(n.stderr).toMatch(/was written by a newer Knobs \(schema 999/);
  });
});
