// A Knobs database that cannot be written, as a user meets it: a file made read-only (chmod 444), a
// folder that cannot be written (chmod 555, as on read-only media), a database another Knobs is
// writing, one a killed Knobs left with writes in its -wal, and one an older Knobs wrote. Real
// processes on real SQLite files in a temporary folder; when the tests run as root (whom permissions
// do not stop) knobs runs as the unprivileged user `nobody`, so the files really are read-only to it.
//
// The commands that only read open the database read-only and read it as it is, making and changing
// no file; those that write refuse, naming the file and why, exit 2 (README), and change nothing.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, Store } from '../../src-core/store/store';
import { dbFilesHash } from '../fuzz/fuzz-helpers';
import { copyDatabase, fileTree, refused, runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-readonly-db-'));
chmodSync(dir, 0o755);
/** Where the outputs go: writable by anyone. */
const out = join(dir, 'out');
const master = join(dir, 'master.db');
const spec = join(dir, 'spec.json');
const bundle = join(dir, 'p1.knobs');

/** knobs as the user a read-only file stops (nobody, when the tests run as root). */
const knobs = (args: string[]): Ran => runKnobs(args, { cwd: out, asNobody: true });



/** The commands that only read, each with what it prints when it worked. */
const reads = (db: string, tag: string): [string, string[], RegExp][] => [
  ['list', ['list', '--db', db], /^ {3}1 {2}p1 \/ sweep {2}complete {2}4\/4 trials {2}best val_loss [\d.e-]+ {2}random on moons {2}\d{4}-\d\d-\d\d \d\d:\d\d\n$/],
  ['export', ['export', 'sweep', '--out', join(out, `${tag}.csv`), '--curves', join(out, `${tag}-curves.csv`), '--db', db], /^wrote .*\.csv, .*-curves\.csv\n$/],
  ['importance', ['importance', 'sweep', '--db', db], /importance of each knob for val_loss, fANOVA over 4 trials/],
  ['replay', ['replay', 'sweep', '0', '--db', db], /^Trial 0 replays bit for bit/],
  ['trial', ['trial', 'sweep', '0', '--db', db], /^search 1 "sweep", trial 0 \[complete\]: stopped at epoch 2 \(max epochs\)/],
  ['trials', ['trials', 'sweep', '--db', db], /^search 1 "sweep": 4 trials \(4 complete\); the best 4 by val_loss \(minimize\)/],
  ['bundle export', ['bundle', 'export', 'p1', '--out', join(out, `${tag}.knobs`), '--db', db], /^wrote .*\.knobs \(\d+ kB\): project "p1", 1 search, 4 trials/],
  ['backup list', ['backup', 'list', '--db', db], /^No backups of .*k\.db yet/],
];

/** The commands that write (the search is complete, so resume and rerun would write a search's status and a re-run). */
const writes = (db: string): [string, string[]][] => [
  ['run', ['run', spec, '--db', db]],
  ['resume', ['resume', 'sweep', '--db', db]],
  ['rerun', ['rerun', 'sweep', '--top', '1', '--seeds', '2', '--db', db]],
  ['bundle import', ['bundle', 'import', bundle, '--db', db]],
  ['upgrade', ['upgrade', '--db', db]],
];

beforeAll(() => {
  mkdirSync(out);
  chmodSync(out, 0o777);
  writeFileSync(spec, JSON.stringify({
    project: 'p1', name: 'sweep', dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 4 }, workers: 1, seed: 1,
  }));
  // Made by this user first (root in CI): it also builds the engine, which nobody could not write.
  const r = runKnobs(['run', spec, '--db', master, '--quiet'], { cwd: dir });
  expect([r.code, r.stderr]).toEqual([0, '']);
  const b = runKnobs(['bundle', 'export', 'p1', '--out', bundle, '--db', master], { cwd: dir });
  expect([b.code, b.stderr]).toEqual([0, '']);
  expect(readdirSync(dir).filter((f) => f.startsWith('master'))).toEqual(['master.db']);
});

const unlocked: string[] = [];
afterAll(() => {
  for (const f of unlocked) chmodSync(f, 0o755);
});

describe('a database file that is read-only (chmod 444) in a folder that can be written', () => {
  const folder = join(dir, 'ro-file');
  let db: string;
  beforeAll(() => {
    db = copyDatabase(master, folder);
    chmodSync(folder, 0o777);
    chmodSync(db, 0o444);
  });

  it('the commands that read work as on any database, and leave the file as it was and nothing beside it', () => {
    const before = [dbFilesHash(db), fileTree(folder)];
    for (const [name, args, says] of reads(db, 'ro-file')) {
      const r = knobs(args);
      expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
      expect(r.stdout).toMatch(says);
      // No -wal or -shm: a read-only -shm left there would keep every writer out once the file is writable again.
      expect([name, dbFilesHash(db), fileTree(folder)]).toEqual([name, ...before]);
    }
    expect(readFileSync(join(out, 'ro-file.csv'), 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('backup copies it into backups/ beside it (a folder that can be written); the file stays as it was', () => {
    const before = dbFilesHash(db);
    const r = knobs(['backup', '--db', db]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Backed up .*ro-file\/k\.db to .*ro-file\/backups\/k-\d{8}T\d{9}Z\.db/);
    expect(dbFilesHash(db)).toBe(before);
    expect(readdirSync(folder).sort()).toEqual(['backups', 'k.db']);
    // The copy is a whole database: it lists as the original does.
    const copy = join(folder, 'backups', readdirSync(join(folder, 'backups'))[0]);
    expect(runKnobs(['list', '--db', copy], { cwd: out }).stdout).toMatch(/p1 \/ sweep {2}complete {2}4\/4 trials/);
  });

  it.each(writes(join(folder, 'k.db')))('knobs %s refuses it naming the file and that it cannot be written, exit 2; nothing changes', (name, args) => {
    const before = [dbFilesHash(db), fileTree(folder)];
    refused(knobs(args), new RegExp(`^knobs: Cannot write the database .*ro-file/k\\.db: the file cannot be written \\(read-only or no permission\\)\\. "knobs ${name}" writes to it; make it writable, or copy it to a folder you can write\\. The commands that only read it \\(list, export, importance, spread, replay, bundle export\\) work on it as it is\\n$`));
    expect(fileTree(folder)).toEqual(before[1]);
    expect(dbFilesHash(db)).toBe(before[0]);
  });
});

describe('a database in a folder that cannot be written (chmod 555, as on read-only media)', () => {
  const folder = join(dir, 'ro-folder');
  let db: string;
  beforeAll(() => {
    db = copyDatabase(master, folder);
    chmodSync(db, 0o644);
    chmodSync(folder, 0o555);
    unlocked.push(folder);
  });

  it('the commands that read work (SQLite cannot make the -shm there: the file is read as it is), and nothing is made or changed', () => {
    const before = [dbFilesHash(db), fileTree(folder)];
    for (const [name, args, says] of reads(db, 'ro-folder')) {
      const r = knobs(args);
      expect([name, r.code, r.stderr]).toEqual([name, 0, '']);
      expect(r.stdout).toMatch(says);
      expect([name, dbFilesHash(db), fileTree(folder)]).toEqual([name, ...before]);
    }
    // The same rows as read from the writable original.
    const fromMaster = runKnobs(['export', 'sweep', '--out', join(out, 'master.csv'), '--db', master], { cwd: out });
    expect(fromMaster.code).toBe(0);
    expect(readFileSync(join(out, 'ro-folder.csv'), 'utf8')).toBe(readFileSync(join(out, 'master.csv'), 'utf8'));
  });

  it.each(writes(join(folder, 'k.db')))('knobs %s refuses it naming the folder that cannot be written, exit 2; nothing changes', (name, args) => {
    const before = [dbFilesHash(db), fileTree(folder)];
    refused(knobs(args), new RegExp(`^knobs: Cannot write the database .*ro-folder/k\\.db: its folder .*ro-folder cannot be written \\(read-only or no permission; Knobs writes the database and its -wal and -shm files there\\)\\. "knobs ${name}" writes to it;`));
    expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
  });

  it('a database another Knobs is writing (its -wal and -shm there) is read through them: its newest writes show', () => {
    const live = join(dir, 'live');
    const db2 = copyDatabase(master, live);
    chmodSync(live, 0o755);
    const writer = Store.open(db2);
    try {
      // Written after the copy, held in the -wal while the writer keeps the file open.
      const p = writer.projects.ensure('written live');
      writer.searches.create(p.id, 'newest', JSON.parse(readFileSync(spec, 'utf8')), 4);
      expect(statSync(`${db2}-wal`).size).toBeGreaterThan(0);
      chmodSync(live, 0o555);
      unlocked.push(live);
      const before = fileTree(live);
      const r = knobs(['list', '--db', db2]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/ {3}2 {2}written live \/ newest +queued +0\/4 trials/);
      expect(fileTree(live)).toEqual(before);
    } finally {
      chmodSync(live, 0o755);
      writer.close();
    }
  });

  it('a -wal a killed Knobs left with writes in it and no -shm: refused saying why and how to read it (exit 2), the files as they were; where the folder can be written it is read with them', () => {
    const crashed = join(dir, 'crashed');
    mkdirSync(crashed);
    const live = join(dir, 'crashed-live.db');
    const s = Store.open(live);
    s.projects.create('only in the log');
    // Copied while the store is open: the new project is in the -wal only, and there is no -shm.
    const db3 = join(crashed, 'k.db');
    copyFileSync(live, db3);
    copyFileSync(`${live}-wal`, `${db3}-wal`);
    s.close();
    for (const f of [db3, `${db3}-wal`]) chmodSync(f, 0o666);
    expect(statSync(`${db3}-wal`).size).toBeGreaterThan(0);
    const before = dbFilesHash(db3);
    chmodSync(crashed, 0o555);
    unlocked.push(crashed);
    try {
      refused(knobs(['list', '--db', db3]), /^knobs: Cannot read the database .*crashed\/k\.db: its write-ahead log k\.db-wal holds writes not yet in the file \(a Knobs stopped while writing\), SQLite needs a -shm file beside it to read them, and .*crashed cannot be written\. Open it once with write access \("knobs upgrade --db .*crashed\/k\.db" moves them into the file\), or copy k\.db with k\.db-wal to a folder you can write and read the copy\n$/);
      expect(readdirSync(crashed).sort()).toEqual(['k.db', 'k.db-wal']);
      expect(dbFilesHash(db3)).toBe(before);
    } finally {
      chmodSync(crashed, 0o777);
    }
    // Writable: the project written only to the log is read, and the log is left as it was found.
    const r = knobs(['bundle', 'export', 'only in the log', '--out', join(out, 'log.knobs'), '--db', db3]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/project "only in the log", 0 searches/);
    expect(dbFilesHash(db3)).toBe(before);
    // What a writer then does with it: moves it into the file.
    const u = knobs(['upgrade', '--db', db3]);
    expect([u.code, u.stderr, u.stdout]).toEqual([0, '', `${db3} is up to date (schema ${SCHEMA_VERSION}); nothing to upgrade.\n`]);
    expect(readdirSync(crashed).sort()).toEqual(['k.db']);
  });
});

describe('a database an older Knobs wrote', () => {
  /** A database at the schema before this version's, with one project in it. */
  function older(folder: string): string {
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const file = join(folder, 'old.db');
    const d = new Database(file);
    d.pragma('journal_mode = WAL');
    migrate(d, SCHEMA_VERSION - 1);
    d.prepare(`INSERT INTO projects (name, created_at) VALUES ('kept', '2025-01-01T00:00:00.000Z')`).run();
    d.close();
    chmodSync(file, 0o666);
    return file;
  }

  it('the commands that read refuse to upgrade it, saying so and how (exit 1), and leave it byte-identical; backup copies it as it is; upgrade upgrades it', () => {
    const folder = join(dir, 'older');
    const db = older(folder);
    const before = [dbFilesHash(db), fileTree(folder)];
    const upgradeIt = new RegExp(`^knobs: The database ".*older/old\\.db" was written by an older Knobs \\(schema ${SCHEMA_VERSION - 1}; this version reads schema ${SCHEMA_VERSION}\\), and a command that only reads does not upgrade it\\. Open it once with write access to upgrade it \\("knobs upgrade --db .*older/old\\.db"; "knobs backup --db .*older/old\\.db" first keeps a copy as it is\\)\\. The file was left untouched\\.\\n$`);
    for (const args of [['list'], ['export', '1', '--out', join(out, 'old.csv')], ['importance', '1'], ['spread', '1'], ['replay', '1', '0'], ['trial', '1', '0'], ['trials', '1'], ['bundle', 'export', 'kept', '--out', join(out, 'old.knobs')]]) {
      const r = knobs([...args, '--db', db]);
      expect([args[0], r.code, r.stdout]).toEqual([args[0], 1, '']);
      expect(r.stderr).toMatch(upgradeIt);
      expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
    }
    const b = knobs(['backup', '--db', db]);
    expect([b.code, b.stderr]).toEqual([0, '']);
    expect(dbFilesHash(db)).toBe(before[0]);
    // datasets lists the built-in data sets and those imported into it (none), reading it as it is.
    const ds = knobs(['datasets', '--db', db]);
    expect([ds.code, ds.stderr]).toEqual([0, '']);
    expect(ds.stdout).toMatch(/^digits +1797 rows/);
    expect(dbFilesHash(db)).toBe(before[0]);
    const copy = join(folder, 'backups', readdirSync(join(folder, 'backups'))[0]);
    const c = new Database(copy, { readonly: true });
    expect(c.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    c.close();

    const u = knobs(['upgrade', '--db', db]);
    expect([u.code, u.stderr, u.stdout]).toEqual([0, '', `Upgraded ${db} from schema ${SCHEMA_VERSION - 1} to ${SCHEMA_VERSION}.\n`]);
    const l = knobs(['list', '--db', db]);
    expect([l.code, l.stderr, l.stdout]).toEqual([0, '', `No searches yet in ${db}.\n`]);
  });

  it('read-only, it cannot be upgraded: upgrade refuses naming the file, exit 2', () => {
    const folder = join(dir, 'older-ro');
    const db = older(folder);
    chmodSync(db, 0o444);
    refused(knobs(['upgrade', '--db', db]), /^knobs: Cannot write the database .*older-ro\/old\.db: the file cannot be written \(read-only or no permission\)\. "knobs upgrade" writes to it;/);
    expect(existsSync(`${db}-shm`)).toBe(false);
  });
});

describe('Store.open with readonly (what the commands that read use)', () => {
  it('reads without migrating, recovering or writing: the file keeps its bytes, nothing is made beside it, a write is refused', () => {
    const folder = join(dir, 'store-ro');
    const db = copyDatabase(master, folder);
    const before = [dbFilesHash(db), fileTree(folder)];
    const store = Store.open(db, { readonly: true });
    try {
      expect(store.readOnly).toBe(true);
      expect(store.searches.list().map((s) => s.name)).toEqual(['sweep']);
      expect(() => store.projects.create('no')).toThrow(/readonly|read-only|cannot be written/i);
    } finally {
      store.close();
    }
    expect([dbFilesHash(db), fileTree(folder)]).toEqual(before);
  });

  it('refuses a file that is not there, an empty file and an SQLite file without Knobs\'s tables, creating nothing', () => {
    const folder = join(dir, 'store-refusals');
    mkdirSync(folder);
    expect(() => Store.open(join(folder, 'none.db'), { readonly: true })).toThrow(/^No Knobs database at .*none\.db \(no such file\)$/);
      writeFileSync(join(folder, 'empty.db'), '');
    expect(() => Store.open(join(folder, 'empty.db'), { readonly: true })).toThrow(/empty\.db is not a Knobs database \(empty file\)$/);
    const bare = new Database(join(folder, 'bare.db'));
    bare.exec('CREATE TABLE gone (x); DROP TABLE gone;');
    bare.close();
    expect(() => Store.open(join(folder, 'bare.db'), { readonly: true })).toThrow(/bare\.db is not a Knobs database \(an SQLite database without Knobs's tables\)/);
    expect(readdirSync(folder).sort()).toEqual(['bare.db', 'empty.db']);
    expect(statSync(join(folder, 'empty.db')).size).toBe(0);
  });
});
