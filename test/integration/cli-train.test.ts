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
  });

  it('prints readable lines without --json', () => {
    const p = specFile('plain.json', { dataset: { synthetic: 'blobs', n: 200 }, train: { epochs: 2, hiddenLayers: [8] } });
    const r = knobs('train', p);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/epoch +1 +train_loss/);
    expect(r.stdout).toMatch(/best epoch \d, stopped at 2 \(max_epochs\)/);
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
  });
});
