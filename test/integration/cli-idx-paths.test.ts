// IDX files named by relative paths in a spec, as a user runs it: real processes, real files. `knobs
// run` stores their paths made absolute (against the spec's folder), as it does a CSV's, so a search
// started in one folder resumes, replays, re-runs and exports its bundle from any other.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { idx } from '../fixtures/idx';
import { runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-idx-paths-'));
const data = join(dir, 'data');
const elsewhere = join(dir, 'elsewhere');
const db = join(dir, 'k.db');

const knobs = (cwd: string, ...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd, timeout: 120_000 });

beforeAll(() => {
  mkdirSync(data);
  mkdirSync(elsewhere);
  const n = 60;
  const pixels = Array.from({ length: n * 4 * 4 }, (_, i) => (Math.floor(i / 16) % 2 === 0 ? (i % 4) * 60 : 255 - (i % 4) * 60));
  writeFileSync(join(data, 'images.idx.gz'), gzipSync(idx(0x08, [n, 4, 4], pixels)));
  writeFileSync(join(data, 'labels.idx'), idx(0x08, [n], Array.from({ length: n }, (_, i) => i % 2)));
  writeFileSync(join(data, 'spec.json'), JSON.stringify({
    project: 'images', name: 'sweep', dataset: { idx: 'images.idx.gz', labels: 'labels.idx' }, train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
    space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, budget: { trials: 3 }, workers: 1, seed: 1,
  }));
  // Started in the data's folder, with the spec named as a user there would.
  const r = knobs(data, 'run', 'spec.json', '--quiet');
  expect([r.code, r.stderr]).toEqual([0, '']);
});

describe('IDX paths in a spec', () => {
  it('are stored absolute, as a CSV path is', () => {
    const d = new Database(db, { readonly: true });
    const spec = JSON.parse((d.prepare('SELECT spec FROM searches WHERE id = 1').get() as { spec: string }).spec) as { dataset: Record<string, string> };
    d.close();
    expect(spec.dataset).toMatchObject({ idx: join(data, 'images.idx.gz'), labels: join(data, 'labels.idx') });
  });

  it('a search started in one folder resumes, replays, re-runs and exports from another', () => {
    // As a Ctrl+C leaves it: the last trial interrupted.
    const d = new Database(db);
    d.prepare(`UPDATE trials SET status = 'interrupted' WHERE search_id = 1 AND number = 2`).run();
    d.prepare(`UPDATE searches SET status = 'interrupted' WHERE id = 1`).run();
    d.close();
    const resumed = knobs(elsewhere, 'resume', 'sweep', '--quiet');
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    const listed = knobs(elsewhere, 'list');
    expect(listed.stdout).toMatch(/images \/ sweep {2}complete {2}3\/3 trials/);
    const replayed = knobs(elsewhere, 'replay', 'sweep', '2');
    expect([replayed.code, replayed.stderr]).toEqual([0, '']);
    expect(replayed.stdout).toMatch(/^Trial 2 replays bit for bit/);
    const rerun = knobs(elsewhere, 'rerun', 'sweep', '--top', '1', '--seeds', '2', '--quiet');
    expect([rerun.code, rerun.stderr]).toEqual([0, '']);
    const exported = knobs(elsewhere, 'bundle', 'export', 'images', '--out', join(elsewhere, 'images.knobs'));
    expect([exported.code, exported.stderr]).toEqual([0, '']);
    expect(exported.stdout).toMatch(/2 searches, 5 trials, 2 data files/);
  });
});
