// `knobs bundle export` / `knobs bundle import` as a user types them (issue #15, item 5): real
// processes on real database files; exit codes 0 and 2, the clash named in the output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { dbFilesHash } from '../fuzz/fuzz-helpers';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-bundle-'));
const from = join(dir, 'from.db');
const to = join(dir, 'to.db');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const store = Store.open(from);
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
});

describe('knobs bundle', () => {
  it('exports a project by name and imports it into another database, twice (the second as "digits work (2)")', () => {
    const out = join(dir, 'digits.knobs');
    const e = knobs('bundle', 'export', 'digits work', '--out', out, '--db', from);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/^wrote .*digits\.knobs \(\d+ kB\): project "digits work", 1 search, 2 trials, 0 data files\n$/);
    const i1 = knobs('bundle', 'import', out, '--db', to);
    expect([i1.code, i1.stderr]).toEqual([0, '']);
    expect(i1.stdout).toBe('imported project "digits work" (id 1): 1 search, 2 trials, 0 data sets\n');
    const i2 = knobs('bundle', 'import', out, '--db', to);
    expect(i2.code).toBe(0);
    expect(i2.stdout).toBe('imported project "digits work (2)" (id 2): 1 search, 2 trials, 0 data sets\nA project named "digits work" already exists here; the imported one is "digits work (2)".\n');
    const list = knobs('list', '--db', to);
    expect(list.stdout).toContain('digits work (2) / lr sweep  queued  2/2 trials  best val_loss 0.2 ');
  });

  it('refuses a damaged bundle with exit code 2 and leaves the database byte-identical', () => {
    const out = join(dir, 'digits.knobs');
    const bad = join(dir, 'cut.knobs');
    const bytes = readFileSync(out);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 4096));
    const before = dbFilesHash(to);
    const r = knobs('bundle', 'import', bad, '--db', to);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^knobs: "cut\.knobs" cannot be imported: it is damaged or truncated .*Nothing was imported; the database is unchanged\.\n$/s);
    expect(dbFilesHash(to)).toBe(before);
    // Into a database that was not there, it leaves none behind (an empty file was made before).
    const fresh = join(dir, 'fresh.db');
    expect(knobs('bundle', 'import', bad, '--db', fresh).code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('names the projects when the one asked for does not exist', () => {
    const r = knobs('bundle', 'export', 'nope', '--out', join(dir, 'x.knobs'), '--db', from);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No project "nope" in .*from\.db \(projects: 1 digits work\)/);
  });
});
