import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spaceAround } from '../../src-core/search/around';
import { refused } from '../helpers/cli';

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
    expect(lines[4]).toBe('not searched (one value): epochs');
    const json = JSON.parse(knobs('importance', '1', '--json').stdout);
    expect(json.knobs.map((k: { name: string }) => k.name)).toEqual(lines.slice(1, 3).map((l) => l.split(/\s+/)[0]));
    // Each knob's marginal in the JSON (24 points of its range); the text names its best point, the lowest val_loss.
    for (const [i, k] of (json.knobs as { name: string; marginal: { at: number[]; value: number[] } }[]).entries()) {
      expect(k.marginal.at).toHaveLength(24);
      const at = k.marginal.at[k.marginal.value.indexOf(Math.min(...k.marginal.value))];
      const near = at < 1e-3 ? at.toExponential(1) : String(Number(at.toPrecision(2)));
      expect(lines[1 + i].endsWith(`best ≈ ${near}`), lines[1 + i]).toBe(true);
    }
    expect(lines[3]).toMatch(/^best: where the forest's marginal of the knob is best for val_loss, the other knobs averaged/);
    expect(json.fixed).toEqual(['epochs']);
    expect(json.trials + json.leftOut).toBe(16);
  });

  it('--pair: where the good trials lie over two knobs, the best and worst cells and a map; or one JSON object; or why none', () => {
    writeFileSync(join(dir, 'p.json'), JSON.stringify({
      project: 'cli', name: 'pair', dataset: { synthetic: 'moons', n: 240, noise: 0.2 }, diagnostics: { every: 0 },
      train: { epochs: 5, hiddenLayers: [8], earlyStopping: false },
      space: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true }, dropout: { type: 'float', low: 0, high: 0.5 }, optimizer: { type: 'categorical', values: ['adam', 'sgd'] } },
      strategy: { kind: 'random' }, budget: { trials: 14 }, seed: 3,
    }));
    expect(knobs('run', join(dir, 'p.json'), '--quiet').code).toBe(0);
    const json = JSON.parse(knobs('importance', 'pair', '--pair', 'lr', 'dropout', '--json').stdout);
    expect(json.reason).toBeNull();
    expect([json.metric, json.steps, json.values.length, json.trials]).toEqual(['val_loss', 40, 1600, 14]);
    const lines = knobs('importance', 'pair', '--pair', 'lr', 'dropout').stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('search 2 "pair": the val_loss the forest predicts over lr and dropout, the other knobs averaged, from 14 trials that ran to their end');
    // The best and worst cells: the least and the largest of the JSON's values, with their ranges of lr and dropout.
    const fig = (v: number): string => String(Number(v.toPrecision(4)));
    expect(lines[1]).toMatch(new RegExp(`^best  ${fig(Math.min(...json.values)).replace('.', '\\.')} at lr [\\d.e-]+–[\\d.e-]+, dropout [\\d.]+–[\\d.]+$`));
    expect(lines[2]).toMatch(new RegExp(`^worst ${fig(Math.max(...json.values)).replace('.', '\\.')} at lr `));
    // 20 rows of 40 shaded cells, from 0.5 at the top to 0 at the bottom, the best fifth █.
    const map = lines.filter((l) => l.includes('│'));
    expect(map).toHaveLength(20);
    for (const row of map) expect(row.split('│')[1]).toMatch(/^[█▓▒░·]{40}$/);
    expect(map[0].startsWith('0.5 │')).toBe(true);
    expect(map[19].startsWith('  0 │')).toBe(true);
    expect(map.join('').split('█').length - 1).toBeGreaterThanOrEqual(150);
    expect(lines.at(-1)).toMatch(/^ +1e-4 +0\.1  lr \(log\) →$/);
    const one = knobs('importance', 'pair', '--pair', 'lr');
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/--pair takes two knobs, such as --pair lr hiddenUnits \(got 1: lr\)/);
    // Knobs typed wrong are bad input, refused as any is (exit 2, one line on stderr), not an answer.
    refused(knobs('importance', 'pair', '--pair', 'lr', 'optimizer'), /^knobs: --pair: "optimizer" is categorical: the surface is drawn over two numeric knobs \(its strip chart shows each of its values\)$/m);
    refused(knobs('importance', 'pair', '--pair', 'lr', 'lrr'), /^knobs: --pair: "lrr" is not a knob of this search \(its knobs: lr, dropout, optimizer\)$/m);
    refused(knobs('importance', 'pair', '--pair', 'lr', 'lr'), /^knobs: --pair: the surface is drawn over two different knobs$/m);
  });

  it('knobs spec prints a search\'s spec, or with --around its space narrowed around a trial, which knobs run takes', () => {
    const stored = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as { space: Record<string, unknown> };
    // The spec as stored: the file's, with the defaults the engine filled in.
    const printed = JSON.parse(knobs('spec', 'pair').stdout);
    expect(printed.space).toMatchObject(stored.space);
    expect(printed.space.dropout.log).toBe(false);
    expect(printed.name).toBe('pair');
    // Trial 3's knobs, as the trials CSV has them.
    expect(knobs('export', 'pair', '--out', join(dir, 'pair.csv')).code).toBe(0);
    const [head, ...rows] = readFileSync(join(dir, 'pair.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const row = rows.find((r) => r[head.indexOf('trial')] === '3')!;
    const knobsOf = { lr: Number(row[head.indexOf('param_lr')]), dropout: Number(row[head.indexOf('param_dropout')]), optimizer: row[head.indexOf('param_optimizer')] };
    const out = join(dir, 'around.json');
    const r = knobs('spec', 'pair', '--around', '3', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`wrote ${out}`);
    const around = JSON.parse(readFileSync(out, 'utf8'));
    expect(around.name).toBe('pair around trial 3');
    expect(around.space).toEqual(spaceAround(printed.space, knobsOf));
    expect(around.space.lr.high - around.space.lr.low).toBeLessThan(0.1);
    const bad = knobs('spec', 'pair', '--around', '40');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--around takes a trial number of search 2 "pair", or "best" \(got "40"; its trials are numbered 0 to 13\)/);
    // The narrowed spec runs.
    writeFileSync(out, JSON.stringify({ ...around, budget: { trials: 2 } }));
    expect(knobs('run', out, '--quiet').code).toBe(0);
    expect(knobs('list').stdout).toContain('pair around trial 3');
  });

  it('exits 2 naming a search that does not exist', () => {
    const r = knobs('importance', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No search "nope"/);
  });
});
