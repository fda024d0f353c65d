// A CSV data set that changed after its search started, as a user meets it: real processes on real
// files. `knobs run` keeps the SHA-256 of the CSV with the search; `resume`, `replay`, `rerun` and
// `bundle export` then refuse (exit 2) a CSV that was cut or edited since, naming the file and the
// search, instead of training on other rows without a word. A search stored before the hashes were
// kept (no hash) is not checked.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { refused, runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-data-changed-'));
const db = join(dir, 'k.db');
const csv = join(dir, 'data.csv');

const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir, timeout: 120_000 });

const rows = ['x1,x2,y', ...Array.from({ length: 80 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5 + i / 1000},${i % 2}`)];

beforeAll(() => {
  writeFileSync(csv, `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({
    project: 'csv work', name: 'sweep', dataset: { csv: 'data.csv', target: 'y' }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 3 }, workers: 1, seed: 1,
  }));
  const r = knobs('run', join(dir, 'spec.json'));
  // 80 rows validate on 16: said, and nothing else.
  expect([r.code, r.stderr.split('\n').filter((l) => l && !l.startsWith('caution: split.val: the hold-out validates on 16 rows of 80'))]).toEqual([0, []]);
});

describe('a CSV that changed since its search started', () => {
  it('the search keeps the CSV\'s SHA-256; unchanged, replay and bundle export go on', () => {
    const d = new Database(db, { readonly: true });
    const kept = (d.prepare('SELECT data_sha256 FROM searches WHERE id = 1').get() as { data_sha256: string }).data_sha256;
    d.close();
    expect(JSON.parse(kept)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(knobs('replay', '1', '0').code).toBe(0);
    expect(knobs('list').stdout).toMatch(/csv work \/ sweep {2}complete {2}3\/3 trials .* {2}random on data\.csv {2}\d{4}-/);
    expect(knobs('bundle', 'export', 'csv work', '--out', join(dir, 'a.knobs')).code).toBe(0);
  });

  it('cut: resume, replay, rerun and bundle export are refused naming the file and the search; nothing is written', () => {
    const whole = readFileSync(csv);
    // Marked unfinished so resume has something to do.
    const d = new Database(db);
    d.prepare(`UPDATE searches SET status = 'interrupted' WHERE id = 1`).run();
    d.close();
    writeFileSync(csv, `${rows.slice(0, 41).join('\n')}\n`);
    try {
      const changed = /^knobs: The data set .*data\.csv changed since search 1 ran \(sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\); its stored trials trained on the old file\. Restore it, or start a new search on the new file\n$/;
      refused(knobs('resume', '1'), changed);
      refused(knobs('replay', '1', '0'), changed);
      refused(knobs('rerun', '1', '--top', '1', '--seeds', '2'), changed);
      refused(knobs('bundle', 'export', 'csv work', '--out', join(dir, 'b.knobs')), changed);
      expect(existsSync(join(dir, 'b.knobs'))).toBe(false);
      expect(knobs('list').stdout).not.toContain('seeds');
    } finally {
      writeFileSync(csv, whole);
    }
    // Put back as it was: the search goes on.
    expect(knobs('replay', '1', '0').code).toBe(0);
  });

  it('a search stored before the hashes were kept is not checked', () => {
    const d = new Database(db);
    d.prepare(`UPDATE searches SET data_sha256 = NULL WHERE id = 1`).run();
    d.close();
    const whole = readFileSync(csv);
    writeFileSync(csv, `${whole.toString().trimEnd()}\n0.5,0.5,1\n`);
    try {
      expect(knobs('bundle', 'export', 'csv work', '--out', join(dir, 'c.knobs')).code).toBe(0);
    } finally {
      writeFileSync(csv, whole);
    }
  });
});
