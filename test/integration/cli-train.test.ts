import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-train-'));

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function specFile(name: string, spec: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return p;
}

describe('knobs train', () => {
  it('prints one JSON object per epoch, then a summary', () => {
    const p = specFile('moons.json', {
      dataset: { synthetic: 'moons', n: 300, noise: 0.1 },
      train: { epochs: 4, hiddenLayers: [16], optimizer: 'adam', lr: 0.01, earlyStopping: false },
      seed: 3,
    });
    const r = knobs('train', p, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4).map((l) => l.epoch)).toEqual([1, 2, 3, 4]);
    for (const l of lines.slice(0, 4)) expect(Object.keys(l)).toEqual(expect.arrayContaining(['train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'lr']));
    expect(lines[4]).toMatchObject({ summary: true, stopped_epoch: 4, stop_reason: 'max_epochs' });
    expect(lines[4].best_epoch).toBeGreaterThanOrEqual(1);
    expect(lines[4].val_accuracy).toBeGreaterThan(0.7);
    // The validation rows' confusion at the best epoch: its classes, counts[true][predicted], its diagonal the accuracy.
    const { classes, counts } = lines[4].confusion as { classes: string[]; counts: number[][] };
    expect(classes).toHaveLength(2);
    const rows = counts.flat().reduce((a, b) => a + b, 0);
    expect(rows).toBe(60);
    expect((counts[0][0] + counts[1][1]) / rows).toBe(lines[4].val_accuracy);
  });

  it('prints readable lines without --json', () => {
    const p = specFile('plain.json', { dataset: { synthetic: 'blobs', n: 200 }, train: { epochs: 2, hiddenLayers: [8] } });
    const r = knobs('train', p);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/epoch +1 +train_loss/);
    expect(r.stdout).toMatch(/best epoch \d, stopped at 2 \(max_epochs\)/);
    expect(r.stdout).toMatch(/^confusion on the 40 validation rows at the best epoch \(\d\): true class down, predicted across$/m);
    expect(r.stdout).toMatch(/^ +0 +1 +2 +recall$/m);
    expect(r.stdout).toMatch(/^precision +\S+%/m);
    // Node 20 has relaxed SIMD behind a flag: the CLI turns it on and runs the desktop app's kernels (KNOBS_KERNELS still chooses).
    expect(r.stdout).toMatch(/relaxed-simd kernels\]/);
    const plain = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), 'train', p], { encoding: 'utf8', cwd: dir, env: { ...process.env, KNOBS_KERNELS: 'simd' } });
    expect(plain.stdout).toMatch(/ simd kernels\]/);
  });

  it('exits 2 naming the bad key', () => {
    const p = specFile('bad.json', { dataset: { builtin: 'iris' }, train: { optimizer: 'adamx' } });
    const r = knobs('train', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/train\.optimizer/);
    expect(r.stderr).toMatch(/adamw/);
  });

  it('exits 2 for a missing file and for broken JSON', () => {
    expect(knobs('train', join(dir, 'nope.json')).stderr).toMatch(/no such file/);
    const r = knobs('train', specFile('broken.json', '{ "dataset": '));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    // Where: the line and column, the line itself and a caret under the spot.
    const doubled = knobs('train', specFile('comma.json', '{\n  "dataset": { "builtin": "iris" },\n  "train": { "lr": 0.1,, "epochs": 3 }\n}\n'));
    expect(doubled.code).toBe(2);
    expect(doubled.stderr).toContain(`(line 3, column 24)\n    3 |   "train": { "lr": 0.1,, "epochs": 3 }\n${' '.repeat(4 + 4 + 23)}^`);
  });

  it('exits 2 when a CSV data set is bad, naming the row', () => {
    writeFileSync(join(dir, 'ragged.csv'), 'a,b,target\n1,2,0\n3,1\n');
    const r = knobs('train', specFile('csv.json', { dataset: { csv: 'ragged.csv', target: 'target' } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/row 3/i);
  });

  it('exits 1 when the run diverges', () => {
    const p = specFile('diverge.json', {
      dataset: { synthetic: 'sine', n: 200 },
      preprocess: 'none',
      train: { epochs: 20, hiddenLayers: [32], optimizer: 'sgd', lr: 50, earlyStopping: false },
    });
    const r = knobs('train', p, '--json');
    expect(r.code).toBe(1);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    expect(last.stop_reason).toBe('diverged');
    expect(last.best_epoch).toBeNull();
    const words = knobs('train', p);
    expect(words.stdout).toMatch(/no epoch with a finite val_loss, stopped at \d+ \(diverged\)/);
  });
});

describe('knobs train --model-seed', () => {
  it('trains a search\'s trial exactly: the split from --seed, the model from --model-seed', async () => {
    const { createSearch, Study } = await import('../../src-core/search/study');
    const { Store } = await import('../../src-core/store/store');
    const spec = {
      project: 'seeds', name: 'equal', dataset: { synthetic: 'moons', n: 300, noise: 0.25 }, diagnostics: { every: 0 },
      train: { epochs: 6, hiddenLayers: [8], optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 2 } },
      space: { lr: { type: 'float', low: 1e-3, high: 0.3, log: true }, dropout: { type: 'float', low: 0, high: 0.4 } },
      strategy: { kind: 'random' }, budget: { trials: 3 }, seed: 77,
    };
    const store = Store.open(join(dir, 'seeds.db'));
    const { id } = createSearch(store, spec);
    await new Study(store, id, { workers: 1 }).run();
    const trials = store.trials.list(id);
    store.close();
    expect(new Set(trials.map((t) => t.seed)).size).toBe(3);
    for (const t of trials) {
      const p = specFile(`trial${t.number}.json`, { ...spec, space: {}, train: { ...spec.train, ...JSON.parse(t.knobs) } });
      const r = knobs('train', p, '--json', '--seed', '77', '--model-seed', String(t.seed));
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(summary.seed).toBe(t.seed);
      expect(summary.val_loss).toBe(t.objective);
    }
    // Without --model-seed the model follows --seed: another result.
    const p = specFile('trial0-seed.json', { ...spec, space: {}, train: { ...spec.train, ...JSON.parse(trials[0].knobs) } });
    expect(JSON.parse(knobs('train', p, '--json', '--seed', '77').stdout.trim().split('\n').pop()!).val_loss).not.toBe(trials[0].objective);
  });

  it('a search with modelSeed "shared" trains every trial with its seed, as knobs train does', async () => {
    const { createSearch, Study } = await import('../../src-core/search/study');
    const { Store } = await import('../../src-core/store/store');
    const store = Store.open(join(dir, 'shared.db'));
    const { id } = createSearch(store, { dataset: { synthetic: 'moons', n: 200 }, train: { epochs: 2 }, space: { lr: { type: 'float', low: 0.01, high: 0.1 } }, budget: { trials: 3 }, seed: 5, modelSeed: 'shared', diagnostics: { every: 0 } });
    await new Study(store, id, { workers: 1 }).run();
    expect(store.trials.list(id).map((t) => t.seed)).toEqual([5, 5, 5]);
    store.close();
  });

  it('exits 2 for a bad --model-seed', () => {
    const r = knobs('train', specFile('m.json', { dataset: { synthetic: 'moons', n: 100 } }), '--model-seed', '-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model-seed must be an integer from 0 to 4294967295/);
  });
});

describe('knobs train --test with no test rows', () => {
  it('is refused (exit 2) naming split.test, before any epoch, instead of ignoring --test', () => {
    const p = specFile('no-test.json', {
      dataset: { synthetic: 'moons', n: 200, noise: 0.1 },
      split: { kind: 'holdout', val: 0.2, test: 0 },
      train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
      seed: 3,
    });
    const r = knobs('train', p, '--test', '--json');
    expect(r.stderr).toBe('knobs: --test evaluates the held-out test rows, but the spec\'s split.test is 0, so none are held out; set "split": { …, "test": 0.2 } (a share from 0 to 1), or leave out --test\n');
    expect([r.code, r.stdout]).toEqual([2, '']);
    // Without --test the same spec trains.
    expect(knobs('train', p, '--json').code).toBe(0);
  });

  it('a share too small for the rows is refused the same way', () => {
    const p = specFile('tiny-test.json', {
      dataset: { synthetic: 'moons', n: 40, noise: 0.1 },
      split: { kind: 'holdout', val: 0.2, test: 0.001 },
      train: { epochs: 2, hiddenLayers: [4], earlyStopping: false },
      seed: 3,
    });
    const r = knobs('train', p, '--test');
    expect(r.stderr).toMatch(/^knobs: --test evaluates the held-out test rows, but split\.test 0\.001 of 40 rows leaves none; raise split\.test or use more rows, or leave out --test\n$/);
    expect([r.code, r.stdout]).toEqual([2, '']);
  });
});
