import { describe, expect, it } from 'vitest';
import type { SeedSpread } from '../../src-core/api/contract';
import { alignedStep } from '../../src-renderer/src/charts/options';
import { configLabel, meanByTrial, roundExtent, seedSpreadOption } from '../../src-renderer/src/charts/seeds';

const spread: SeedSpread = {
  searchId: 9, parentId: 3, status: 'complete', unfinished: [], metric: 'val_loss', direction: 'minimize', seeds: 3, splitSeeds: false, originalBest: 12, beatenBy: 31, pooledSd: 0.01, done: 6, total: 6,
  sentences: [],
  configs: [
    { config: 1, trial: 31, knobs: {}, originalObjective: 0.25, objectives: [0.2, 0.21, 0.22], trials: [1, 3, 5], failed: 0, n: 3, mean: 0.21, sd: 0.01, ci: [0.185, 0.235], rank: 1 },
    { config: 0, trial: 12, knobs: {}, originalObjective: 0.19, objectives: [0.3, null, 0.32], trials: [0, 2, 4], failed: 1, n: 2, mean: 0.31, sd: 0.0141, ci: [0.183, 0.437], rank: 2 },
  ],
};

describe('the seed spread chart', () => {
  it('rounds the value axis to a 1-2-5 step around every value', () => {
    expect(roundExtent(0.2631, 0.3496)).toEqual({ min: 0.24, max: 0.36 });
    expect(roundExtent(5, 5)).toEqual({ min: 4.7, max: 5.3 });
    expect(roundExtent(-3, 97)).toEqual({ min: -50, max: 150 });
    // Its ticks run a round step apart from end to end (alignedStep finds one for every such extent), whatever the values.
    let seed = 3;
    const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 500; k++) {
      const lo = (next() - 0.5) * 10 ** (next() * 8 - 4);
      const { min, max } = roundExtent(lo, lo + next() * 10 ** (next() * 8 - 4));
      expect(alignedStep(min, max), `${min} to ${max}`).toBeDefined();
    }
  });

  it('draws a row per configuration, best mean first, a dot per finished seed opening its trial, and the original best said to be beaten', () => {
    const o = seedSpreadOption(spread);
    const series = o.series as { name: string; data: { value?: number[]; trial?: number; coords?: number[][] }[] }[];
    const byName = Object.fromEntries(series.map((x) => [x.name, x.data]));
    expect(byName.seed.map((d) => d.trial)).toEqual([1, 3, 5, 0, 4]);
    expect(byName.seed.map((d) => Math.round(d.value![1]) + 0)).toEqual([0, 0, 0, 1, 1]);
    expect(byName.mean.map((d) => d.value)).toEqual([[0.21, 0], [0.31, 1]]);
    const [[a, ya], [b, yb]] = byName['mean ± sd'][0].coords!;
    expect([a, ya, b, yb].map((v) => Number(v.toFixed(12)) + 0)).toEqual([0.2, 0, 0.22, 0]);
    expect(byName['95% interval of the mean'][1].coords).toEqual([[0.183, 1], [0.437, 1]]);
    expect(byName['original run'].map((d) => d.value)).toEqual([[0.25, 0], [0.19, 1]]);
    const x = o.xAxis as { min: number; max: number; interval?: number };
    expect(x.min).toBeLessThanOrEqual(0.183);
    expect(x.max).toBeGreaterThanOrEqual(0.437);
    expect(x.interval).toBe(alignedStep(x.min, x.max));
    expect(x.interval).toBeDefined();
    expect(spread.configs.map((c) => configLabel(c, spread))).toEqual(['trial 31', 'trial 12 · original best, beaten']);
  });

  it('gives the trials table each trial\'s mean over seeds: by original trial for the parent, by seed trial for the re-run', () => {
    expect([...meanByTrial(spread, false).entries()].map(([k, v]) => [k, v.mean])).toEqual([[31, 0.21], [12, 0.31]]);
    expect([...meanByTrial(spread, true).keys()]).toEqual([1, 3, 5, 0, 2, 4]);
    expect(meanByTrial(null, false).size).toBe(0);
  });
});
