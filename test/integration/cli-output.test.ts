// Where `knobs export` and `knobs bundle export` write, as a user types it: real processes on
// real files in a temporary folder. An output path that is the database (or its -wal/-shm, or a
// link to it) is refused before anything is written; two options naming one file are refused;
// a folder, a missing folder or an unwritable path is exit 2 with "Cannot write FILE: reason",
// never a stack trace, never a temporary file left behind, never half of the files written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { writeAllOrNone } from '../../src-main/cli/output';
import { dbFilesHash } from '../fuzz/fuzz-helpers';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-output-'));
const db = join(dir, 'k.db');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.KNOBS_DB;
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, one line "knobs: …" matching `message`, no stack trace. */
function refused(r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^knobs: [^\n]*\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(2);
}

/** Every file under `d` (names only, recursively), so a temporary file left behind shows. */
const files = (d: string): string[] => readdirSync(d, { recursive: true }).map(String).sort();

beforeAll(() => {
  const store = Store.open(db);
  const p = store.projects.create('digits work');
  const s = store.searches.create(p.id, 'lr sweep', { project: 'digits work', dataset: { builtin: 'digits' }, budget: { trials: 2 } }, 2);
  for (let n = 0; n < 2; n++) {
    const t = store.trials.start(s.id, n, 1, { lr: 0.01 * (n + 1) }, n);
    store.trials.finish(t.id, {
      status: 'complete', objective: 0.3 - n / 10, bestEpoch: 1, stoppedEpoch: 1, stopReason: 'max_epochs', trainLoss: 0.2, valLoss: 0.3 - n / 10,
      trainAccuracy: 0.9, valAccuracy: 0.88, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, durationS: 0.5, error: null,
    });
  }
  store.close();
  mkdirSync(join(dir, 'out'));
  symlinkSync(db, join(dir, 'link.db'));
});

describe('an output is never the database', () => {
  it('bundle export refuses --out naming the database, its -wal or -shm, another spelling of it, or a link to it; the database is untouched', () => {
    const before = dbFilesHash(db);
    const listed = files(dir);
    for (const out of [db, `${db}-wal`, `${db}-shm`, './out/../k.db', join(dir, 'link.db')]) {
      refused(knobs('bundle', 'export', 'digits work', '--out', out, '--db', db), /^knobs: --out .* is the database('s companion file)? .*writing there would destroy what is stored\. Choose another file \(such as digits-work\.knobs\)/);
    }
    // The database given through a link: its real file is refused too.
    refused(knobs('bundle', 'export', 'digits work', '--out', db, '--db', join(dir, 'link.db')), /is the database/);
    expect(dbFilesHash(db)).toBe(before);
    expect(files(dir)).toEqual(listed);
    expect(knobs('list', '--db', db).stdout).toContain('digits work / lr sweep');
  });

  it('export refuses --out, --curves or --diagnostics naming the database or its companions', () => {
    const before = dbFilesHash(db);
    const listed = files(dir);
    refused(knobs('export', '1', '--out', db, '--db', db), /^knobs: --out .*k\.db is the database .* itself; writing there would destroy what is stored\. Choose another file \(such as trials\.csv\)/);
    refused(knobs('export', '1', '--out', 'out/t.csv', '--curves', 'k.db-wal', '--db', db), /^knobs: --curves k\.db-wal is the database's companion file .*k\.db-wal/);
    refused(knobs('export', '1', '--out', 'out/t.csv', '--diagnostics', 'link.db', '--db', db), /^knobs: --diagnostics link\.db is the database/);
    expect(dbFilesHash(db)).toBe(before);
    expect(files(dir)).toEqual(listed);
  });

  it('export refuses two options naming the same file (the curves used to overwrite the trials)', () => {
    refused(knobs('export', '1', '--out', 'out/e.csv', '--curves', './out/../out/e.csv', '--db', db), /^knobs: --out and --curves name the same file \(\.\/out\/\.\.\/out\/e\.csv\); the second would overwrite the first\. Give each its own file/);
    refused(knobs('export', '1', '--out', 'out/e.csv', '--curves', 'out/c.csv', '--diagnostics', join(dir, 'out', 'c.csv'), '--db', db), /^knobs: --curves and --diagnostics name the same file/);
    expect(files(join(dir, 'out'))).toEqual([]);
  });
});

describe('a path that cannot be written is exit 2 with "Cannot write FILE: reason"', () => {
  it('export --out a folder: refused, and no temporary file is left beside it', () => {
    const listed = files(dir);
    refused(knobs('export', '1', '--out', 'out', '--db', db), /^knobs: Cannot write out: it is a folder; --out names a file, such as out\/trials\.csv\n$/);
    expect(files(dir)).toEqual(listed);
  });

  it.runIf(existsSync('/proc/self'))('export --out a file the system will not create (/proc/x.csv)', () => {
    refused(knobs('export', '1', '--out', '/proc/knobs-x.csv', '--db', db), /^knobs: Cannot write \/proc\/knobs-x\.csv: /);
  });

  it('bundle export --out in a missing folder, or a folder', () => {
    const listed = files(dir);
    refused(knobs('bundle', 'export', '1', '--out', join(dir, 'nope', 'b.knobs'), '--db', db), /^knobs: Cannot write .*nope\/b\.knobs: the folder .*nope does not exist/);
    refused(knobs('bundle', 'export', '1', '--out', 'out', '--db', db), /^knobs: Cannot write out: it is a folder; --out names a file, such as out\/digits-work\.knobs/);
    expect(files(dir)).toEqual(listed);
  });

  it.runIf(existsSync('/proc/self'))('bundle export --out a file SQLite cannot create (/proc/b.knobs)', () => {
    refused(knobs('bundle', 'export', '1', '--out', '/proc/knobs-b.knobs', '--db', db), /^knobs: Cannot write \/proc\/knobs-b\.knobs: /);
  });

  it('bundle import of a folder', () => {
    const before = dbFilesHash(db);
    refused(knobs('bundle', 'import', 'out', '--db', db), /^knobs: "out" cannot be imported: it is a folder, not a bundle file/);
    expect(dbFilesHash(db)).toBe(before);
  });
});

describe('export writes all of its files or none', () => {
  it('a --curves in a missing folder leaves --out unwritten (and an existing --out unchanged)', () => {
    refused(knobs('export', '1', '--out', 'out/ex1.csv', '--curves', join(dir, 'nope', 'c.csv'), '--db', db), /^knobs: Cannot write .*nope\/c\.csv: the folder .*nope does not exist \(--curves/);
    expect(existsSync(join(dir, 'out', 'ex1.csv'))).toBe(false);
    writeFileSync(join(dir, 'out', 'ex1.csv'), 'mine\n');
    refused(knobs('export', '1', '--out', 'out/ex1.csv', '--diagnostics', join(dir, 'nope', 'd.csv'), '--db', db), /Cannot write .*nope\/d\.csv/);
    expect(readFileSync(join(dir, 'out', 'ex1.csv'), 'utf8')).toBe('mine\n');
    expect(files(join(dir, 'out'))).toEqual(['ex1.csv']);
  });

  it('writes every file it was asked for when all can be written', () => {
    const r = knobs('export', 'lr sweep', '--out', 'out/t.csv', '--curves', 'out/c.csv', '--diagnostics', 'out/d.csv', '--db', db);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', 'wrote out/t.csv, out/c.csv, out/d.csv\n']);
    expect(readFileSync(join(dir, 'out', 't.csv'), 'utf8').split('\n')).toHaveLength(4);
    expect(files(join(dir, 'out'))).toEqual(['c.csv', 'd.csv', 'ex1.csv', 't.csv']);
  });

  it('a write that fails after another was written removes every temporary file and writes none', () => {
    const d = mkdtempSync(join(tmpdir(), 'knobs-all-or-none-'));
    writeFileSync(join(d, 'a.csv'), 'old\n');
    expect(() => writeAllOrNone([{ path: join(d, 'a.csv'), text: 'new\n' }, { path: join(d, 'gone', 'b.csv'), text: 'b\n' }])).toThrow(/^Cannot write .*gone\/b\.csv: no such file or folder$/);
    expect(files(d)).toEqual(['a.csv']);
    expect(readFileSync(join(d, 'a.csv'), 'utf8')).toBe('old\n');
    // A rename that fails (the path became a folder) removes its temporary file too.
    mkdirSync(join(d, 'dir'));
    expect(() => writeAllOrNone([{ path: join(d, 'dir'), text: 'x' }])).toThrow(/^Cannot write .*dir: it is a folder$/);
    expect(files(d)).toEqual(['a.csv', 'dir']);
  });
});
