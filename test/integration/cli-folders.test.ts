// The folders Knobs keeps beside a database (datasets/, backups/, the database's own folder) when a
// plain file sits where the folder should be, as a user types the commands: real processes, real
// SQLite files in a temporary folder. Each is one line naming the path and what to do, exit 2,
// never "EEXIST: file already exists, mkdir" with a stack trace, and nothing stored changes.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbFilesHash } from '../fuzz/fuzz-helpers';
import { refused, runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-folders-'));
const db = join(dir, 'k.db');

const knobs = (...args: string[]): Ran => runKnobs([...args], { cwd: dir, timeout: 120_000 });

const csvSpec = join(dir, 'csv.json');

beforeAll(() => {
  const rows = ['x1,x2,y', ...Array.from({ length: 60 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`)];
  writeFileSync(join(dir, 'data.csv'), `${rows.join('\n')}\n`);
  writeFileSync(csvSpec, JSON.stringify({
    project: 'csv work', dataset: { csv: 'data.csv', target: 'y' }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 1 }, workers: 1, seed: 1,
  }));
  const r = knobs('run', csvSpec, '--db', db);
  // 60 rows validate on 12: said, and nothing else.
  expect([r.code, r.stderr.split('\n').filter((l) => l && !l.startsWith('caution: split.val: the hold-out validates on 12 rows of 60'))]).toEqual([0, []]);
  const e = knobs('bundle', 'export', 'csv work', '--out', join(dir, 'csv2.knobs'), '--db', db);
  expect([e.code, e.stderr]).toEqual([0, '']);
});

describe('a file where Knobs keeps a folder', () => {
  it('bundle import with a file named datasets beside the database: one line, exit 2, nothing imported', () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    const target = join(other, 'db.sqlite');
    expect(knobs('list', '--db', target).code).toBe(2); // no database yet
    const made = knobs('run', csvSpec, '--db', target);
    expect(made.code).toBe(0);
    writeFileSync(join(other, 'datasets'), 'not a folder');
    const before = dbFilesHash(target);
    refused(knobs('bundle', 'import', join(dir, 'csv2.knobs'), '--db', target),
      /^knobs: .*other\/datasets is a file, not a folder: Knobs keeps the data sets it imports in the folder "datasets" beside the database\. Move or rename that file, then try again\n$/);
    expect(dbFilesHash(target)).toBe(before);
    expect(knobs('list', '--db', target).stdout).not.toContain('csv work (2)');
  });

  it('backup with a file named backups beside the database: one line, exit 2', () => {
    const other = join(dir, 'b');
    mkdirSync(other);
    const target = join(other, 'db.sqlite');
    expect(knobs('run', csvSpec, '--db', target).code).toBe(0);
    writeFileSync(join(other, 'backups'), 'not a folder');
    refused(knobs('backup', '--db', target), /^knobs: .*b\/backups is a file, not a folder: Knobs keeps the backups of the database in the folder "backups" beside the database\. Move or rename that file, then try again\n$/);
  });

  it('run --db FILE/x.sqlite, where FILE is a file: one line, exit 2, nothing made', () => {
    writeFileSync(join(dir, 'afile'), 'x');
    refused(knobs('run', csvSpec, '--db', join(dir, 'afile', 'x.sqlite')), /^knobs: Cannot make the database .*afile\/x\.sqlite: a part of its folder's path is a file, not a folder; give --db a file in a folder you can write\n$/);
    expect(existsSync(join(dir, 'afile', 'x.sqlite'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('afile'))).toEqual(['afile']);
  });
});
