// Which database the reading commands open, as a user types them: real processes, real files in a
// temporary folder. A database path that is not there is refused (exit 2, "No Knobs database at
// PATH") by list, export, importance, bundle export and backup (backup list too), and nothing is
// created; an empty file is "not a Knobs database (empty file)" and stays empty; the default
// database before the first run lists as "No searches yet" without being created. The commands
// that make a database refuse one named in a folder that does not exist instead of making the folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { refused } from '../helpers/cli';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-output-db-'));

function knobs(args: string[], env: Record<string, string | undefined> = {}): { code: number | null; stdout: string; stderr: string } {
  const e: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir, env: e as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


describe('a database that is not there is not created by the commands that read it', () => {
  const missing = join(dir, 'nope', 'dir', 'k.db');
  const no = /^knobs: No Knobs database at .*nope\/dir\/k\.db \("knobs run SPEC --db .*" makes one there; to read another, give --db FILE or set KNOBS_DB\)\n$/;

  it.each([
    ['list'],
    ['export', '1', '--out', 'x.csv'],
    ['importance', '1'],
    ['bundle', 'export', '1', '--out', 'x.knobs'],
    ['backup'],
    ['resume', '1'],
    ['rerun', '1'],
    ['spread', '1'],
    ['replay', '1', '0'],
    ['trial', '1', '0'],
    ['trials', '1'],
  ].map((args) => [args.join(' '), args] as const))('knobs %s --db MISSING: exit 2, nothing created', (_, args) => {
    refused(knobs([...args, '--db', missing], { KNOBS_DB: undefined }), no);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('KNOBS_DB naming a file that is not there is refused the same way', () => {
    refused(knobs(['list'], { KNOBS_DB: missing }), no);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('a folder given as the database is refused', () => {
    mkdirSync(join(dir, 'folder'));
    refused(knobs(['list', '--db', join(dir, 'folder')], { KNOBS_DB: undefined }), /^knobs: .*folder is a folder; a Knobs database is one file \(give --db FILE, such as .*folder\/knobs\.db\)/);
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });

  it('the default database before the first run: list says there are no searches yet and creates nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'knobs-home-'));
    const r = knobs(['list'], { KNOBS_DB: undefined, HOME: home, XDG_CONFIG_HOME: undefined });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`No searches yet (no database at ${join(home, '.config', 'Knobs', 'knobs.db')} yet; "knobs run SPEC" makes one).\n`);
    // For a script: an empty array.
    expect(knobs(['list', '--json'], { KNOBS_DB: undefined, HOME: home, XDG_CONFIG_HOME: undefined }).stdout).toBe('[]\n');
    expect(readdirSync(home)).toEqual([]);
  });

  it('an existing empty database still lists as "No searches yet in PATH"', () => {
    const db = join(dir, 'empty.db');
    Store.open(db).close();
    const r = knobs(['list', '--db', db], { KNOBS_DB: undefined });
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', `No searches yet in ${db}.\n`]);
  });
});

describe('a database file that is there but empty (0 bytes) is not a database to the commands that read it', () => {
  const folder = join(dir, 'empty-file');
  const empty = join(folder, 'k.db');

  it.each([
    ['list'],
    ['export', '1', '--out', join(dir, 'x.csv')],
    ['importance', '1'],
    ['bundle', 'export', '1', '--out', join(dir, 'x.knobs')],
    ['backup'],
    ['backup', 'list'],
    ['spread', '1'],
    ['replay', '1', '0'],
    ['trial', '1', '0'],
    ['trials', '1'],
  ].map((args) => [args.join(' '), args] as const))('knobs %s --db EMPTY: "not a Knobs database (empty file)", exit 2; it stays empty and nothing is made beside it', (_, args) => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(empty, '');
    refused(knobs([...args, '--db', empty], { KNOBS_DB: undefined }), /^knobs: .*empty-file\/k\.db is not a Knobs database \(empty file\); "knobs run SPEC --db .*empty-file\/k\.db" makes a database in it; to read another, give --db FILE or set KNOBS_DB\n$/);
    expect(statSync(empty).size).toBe(0);
    expect(readdirSync(folder)).toEqual(['k.db']);
  });
});

describe('backup list names a database that is not there', () => {
  it('--db MISSING without backups: "No Knobs database at PATH", exit 2 (not "No backups yet"), nothing made', () => {
    const folder = join(dir, 'gone');
    mkdirSync(folder);
    const missing = join(folder, 'k.db');
    refused(knobs(['backup', 'list', '--db', missing], { KNOBS_DB: undefined }), /^knobs: No Knobs database at .*gone\/k\.db, and no backups of it in .*gone\/backups either \("knobs run SPEC --db .*gone\/k\.db" makes one there; to read another, give --db FILE or set KNOBS_DB\)\n$/);
    refused(knobs(['backup', 'list'], { KNOBS_DB: missing }), /^knobs: No Knobs database at .*gone\/k\.db, and no backups/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('--db MISSING with backups left (the file lost): says the database is not there, and lists its backups to restore one', () => {
    const folder = join(dir, 'lost');
    mkdirSync(folder);
    const db = join(folder, 'k.db');
    Store.open(db).close();
    expect(knobs(['backup', '--db', db], { KNOBS_DB: undefined }).code).toBe(0);
    rmSync(db);
    const r = knobs(['backup', 'list', '--db', db], { KNOBS_DB: undefined });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^knobs: no database at .*lost\/k\.db \(no such file\); its backups are listed below \("knobs restore FILE --db .*lost\/k\.db" puts one back\)\n$/);
    expect(r.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ kB {2}.*lost\/backups\/k-\d{8}T\d{9}Z\.db\n$/);
    expect(existsSync(db)).toBe(false);
  });

  it('the default database before the first run: no backups, nothing made', () => {
    const home = mkdtempSync(join(tmpdir(), 'knobs-home-'));
    const r = knobs(['backup', 'list'], { KNOBS_DB: undefined, HOME: home, XDG_CONFIG_HOME: undefined });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`No backups (no database at ${join(home, '.config', 'Knobs', 'knobs.db')} yet; "knobs run SPEC" makes one).\n`);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('a database named in a folder that does not exist is refused by the commands that make one, not made', () => {
  const spec = join(dir, 'tiny.json');
  const tiny = (): void => writeFileSync(spec, JSON.stringify({
    project: 'p', name: 'tiny', dataset: { synthetic: 'moons', n: 100 }, train: { epochs: 1, hiddenLayers: [2], earlyStopping: false }, budget: { trials: 1 }, workers: 1, seed: 1,
  }));

  it('run --db NODIR/SUB/x.sqlite: names the missing folder and how to make it, exit 2, no folder made', () => {
    tiny();
    const want = join(dir, 'nodir', 'sub', 'x.sqlite');
    refused(knobs(['run', spec, '--db', want], { KNOBS_DB: undefined }), /^knobs: The folder .*nodir\/sub does not exist, so the database .*nodir\/sub\/x\.sqlite cannot be made there \(--db\); make the folder first \(mkdir -p ".*nodir\/sub"\), or give --db a file in a folder that exists\n$/);
    refused(knobs(['run', spec], { KNOBS_DB: want }), /^knobs: The folder .*nodir\/sub does not exist, so the database .*nodir\/sub\/x\.sqlite cannot be made there \(KNOBS_DB\); make the folder first \(mkdir -p ".*nodir\/sub"\), or give KNOBS_DB a file in a folder that exists\n$/);
    refused(knobs(['bundle', 'import', spec, '--db', want], { KNOBS_DB: undefined }), /^knobs: The folder .*nodir\/sub does not exist/);
    expect(existsSync(join(dir, 'nodir'))).toBe(false);
    // Once made, the same command runs.
    mkdirSync(join(dir, 'nodir', 'sub'), { recursive: true });
    const r = knobs(['run', spec, '--db', want, '--quiet'], { KNOBS_DB: undefined });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(existsSync(want)).toBe(true);
  });

  it('the desktop app\'s own database (no --db, no KNOBS_DB) is made in its folder on the first run, as the app makes it (README "Where data lives")', () => {
    tiny();
    const home = mkdtempSync(join(tmpdir(), 'knobs-home-'));
    const r = knobs(['run', spec, '--quiet'], { KNOBS_DB: undefined, HOME: home, XDG_CONFIG_HOME: undefined });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(existsSync(join(home, '.config', 'Knobs', 'knobs.db'))).toBe(true);
  });
});
