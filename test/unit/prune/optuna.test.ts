import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrunerSpec } from '../../../src-core/prune/schema';
import { curves, replay } from './replay';

const python = '/usr/bin/python3';
const hasOptuna = spawnSync(python, ['-c', 'import optuna'], { encoding: 'utf8' }).status === 0;

function optunaPrunedAt(spec: PrunerSpec, data: number[][], seed: number): (number | null)[] {
  const { kind, ...params } = spec;
  const r = spawnSync(python, [join(import.meta.dirname, 'optuna_replay.py')], { input: JSON.stringify({ kind, params, direction: 'minimize', seed, curves: data }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** Optuna's settings, written out (Knobs' defaults differ: a start-up for ASHA and Hyperband, a tenth of the epochs as grace). */
const cases: PrunerSpec[] = [
  { kind: 'median', startupTrials: 5, warmupEpochs: 0, interval: 1 },
  { kind: 'median', startupTrials: 3, warmupEpochs: 4, interval: 3 },
  { kind: 'asha', minEpochs: 1, reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 0 },
  { kind: 'asha', minEpochs: 2, reductionFactor: 2, minEarlyStoppingRate: 1, startupTrials: 0 },
  { kind: 'hyperband', minEpochs: 1, reductionFactor: 3, startupTrials: 0 },
  { kind: 'hyperband', minEpochs: 2, reductionFactor: 2, startupTrials: 0 },
];

/** Each curve's best value so far: what Knobs' board holds (Optuna's pruners read the values as reported, so they are given these). */
const runningBest = (data: number[][]): number[][] => data.map((c) => c.map((_, i) => Math.min(...c.slice(0, i + 1))));

describe.skipIf(!hasOptuna)('the same decisions as Optuna 3.1 given the same values, trial after trial', () => {
  if (!hasOptuna) console.warn('python3 with optuna is missing: skipped the comparison with Optuna (apt-get install python3-optuna)');
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_, spec) => {
    for (const seed of [1, 2, 3]) {
      const data = curves(seed, 60, 40);
      const ours = replay(spec, data, { seed }).map((d) => d?.step ?? null);
      const theirs = optunaPrunedAt(spec, runningBest(data), seed);
      expect(ours).toEqual(theirs);
      expect(ours.filter((s) => s !== null).length).toBeGreaterThan(10);
    }
  });
});
