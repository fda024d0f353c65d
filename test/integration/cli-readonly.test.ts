// A folder that cannot be written, as a user meets it: real processes (run as an unprivileged user
// when the tests run as root, so the folder really is read-only), real files in a temporary folder.
// `run --db` and `bundle export --out` there say the folder cannot be written, exit 2; not "Check
// the disk" (SQLITE_CANTOPEN), not SQLite's "unable to open database file" for a bundle.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from '../helpers/cli';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-readonly-'));
const ro = join(dir, 'rodir');
const open = join(dir, 'open');
const db = join(open, 'k.db');
const spec = join(open, 'spec.json');

function knobs(args: string[], asNobody = true): { code: number | null; stdout: string; stderr: string } {
  const ids = asNobody && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const env = { ...process.env };
  delete env.KNOBS_DB;
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: open, env, timeout: 120_000, ...ids });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  chmodSync(dir, 0o755);
  mkdirSync(ro);
  mkdirSync(open);
  chmodSync(open, 0o777);
  writeFileSync(spec, JSON.stringify({
    project: 'p1', dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 1 }, workers: 1, seed: 1,
  }));
  // Made by this user (root in CI) first: it also builds the engine, which the other user could not write.
  const r = knobs(['run', spec, '--db', db], false);
  expect([r.code, r.stderr]).toEqual([0, '']);
  chmodSync(db, 0o666);
  chmodSync(ro, 0o555);
});

afterAll(() => chmodSync(ro, 0o755));

describe('a folder that cannot be written', () => {
  it('run --db there: the folder cannot be written, exit 2, nothing made', () => {
    refused(knobs(['run', spec, '--db', join(ro, 'x.sqlite')]), /^knobs: Cannot open the database .*rodir\/x\.sqlite: its folder .*rodir cannot be written \(read-only or no permission; Knobs writes the database and its -wal and -shm files there\)\. Give --db a file in a folder you can write\n$/);
    expect(readdirSync(ro)).toEqual([]);
  });

  it('bundle export --out there: the folder cannot be written, in words about the file, exit 2', () => {
    refused(knobs(['bundle', 'export', 'p1', '--out', join(ro, 'x.knobs'), '--db', db]), /^knobs: Cannot write .*rodir\/x\.knobs: its folder .*rodir cannot be written \(read-only or no permission\)\n$/);
    expect(existsSync(join(ro, 'x.knobs'))).toBe(false);
  });
});
