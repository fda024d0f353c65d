// The seed-spread chart as ECharts lays it out (test/renderer/drawn.ts, which fails on any warning
// ECharts gives about the option): every configuration's row is labelled, and its values' axis
// names the metric. It once asked for grid.containLabel, which ECharts 6 ignores with a warning
// unless a legacy feature is installed.
import { describe, expect, it } from 'vitest';
import type { SeedConfig, SeedSpread } from '../../src-core/api/contract';
import { configLabel, seedSpreadOption } from '../../src-renderer/src/charts/seeds';
import { drawnTexts } from './drawn';

const config = (i: number, objectives: number[]): SeedConfig => {
  const mean = objectives.reduce((a, b) => a + b, 0) / objectives.length;
  return {
    config: i, trial: 10 + i, knobs: { lr: 0.01 * (i + 1), hiddenUnits: 32 }, originalObjective: mean * 0.9, objectives, trials: objectives.map((_, k) => i * 5 + k),
    failed: 0, n: objectives.length, mean, sd: 0.01, ci: [mean - 0.02, mean + 0.02], rank: i + 1,
  };
};
const spread: SeedSpread = {
  searchId: 2, parentId: 1, status: 'complete', unfinished: [], metric: 'val_loss', direction: 'minimize', seeds: 5, splitSeeds: false,
  configs: [config(0, [0.081, 0.092, 0.077, 0.1, 0.085]), config(1, [0.095, 0.11, 0.09, 0.12, 0.102]), config(2, [0.13, 0.15, 0.12, 0.14, 0.16])],
  originalBest: 10, beatenBy: null, pooledSd: 0.01, done: 15, total: 15, sentences: [],
} as unknown as SeedSpread;

describe('seed spread chart', () => {
  it('draws without an ECharts warning, a label on every configuration and the metric named', () => {
    const texts = drawnTexts(seedSpreadOption(spread), { width: 760, height: 320 });
    for (const c of spread.configs) expect(texts).toContain(configLabel(c, spread));
    expect(texts).toContain('val_loss');
  });
});
