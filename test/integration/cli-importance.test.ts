import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-importance-'));
const db = join(dir, 'k.db');

function knobs(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'knobs.mjs'), ...args, '--db', db], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('knobs importance', () => {
  it('prints each knob\'s share of the explained variance, most important first, or one JSON object', () => {
    writeFileSync(join(dir, 's.json'), JSON.stringify({
      project: 'cli', name: 'imp', dataset: { synthetic: 'moons', n: 240, noise: 0.2 }, diagnostics: { every: 0 },
      train: { epochs: 5, hiddenLayers: [8], earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-5, high: 10, log: true }, dropout: { type: 'float', low: 0, high: 0.5 }, epochs: { type: 'fixed', value: 5 } },
      strategy: { kind: 'random' }, budget: { trials: 16 }, seed: 2,
    }));
    expect(knobs('run', join(dir, 's.json'), '--quiet').code).toBe(0);
    const text = knobs('importance', 'imp');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/search 1 "imp": importance of each knob for val_loss, fANOVA over \d+ trials.*objective by rank/);
    expect(lines.slice(1, 3).map((l) => l.split(/\s+/)[0]).sort()).toEqual(['dropout', 'lr']);
    expect(lines[3]).toBe('not searched (one value): epochs');
    const json = JSON.parse(knobs('importance', '1', '--json').stdout);
    expect(json.knobs.map((k: { name: string }) => k.name)).toEqual(lines.slice(1, 3).map((l) => l.split(/\s+/)[0]));
    expect(json.fixed).toEqual(['epochs']);
    expect(json.trials + json.leftOut).toBe(16);
  });

  it('exits 2 naming a search that does not exist', () => {
    const r = knobs('importance', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No search "nope"/);
  });
});
