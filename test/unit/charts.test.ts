import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { bestSoFarOption, curvesOption, knobAxes, knobScatterOption, trialCurveOption } from '../../src-renderer/src/charts/options';

const trial = (number: number, objective: number | null, round = 1, knobs: Record<string, unknown> = { lr: 0.01 }): TrialSummary => ({
  id: number + 1, number, round, status: objective === null ? 'failed' : 'complete', knobs, seed: 1, objective, bestEpoch: 1, stoppedEpoch: 1,
  stopReason: 'max_epochs', trainLoss: null, valLoss: objective, trainAccuracy: null, valAccuracy: null, durationS: 0.1, error: null, notes: '',
});

type Series = { data: unknown[]; name: string; markArea?: { data: unknown[] }; lineStyle?: { width: number } };

describe('chart option builders (pure functions)', () => {
  it('best so far steps down for minimize, skipping failed trials', () => {
    const o = bestSoFarOption([trial(0, 0.5), trial(1, null), trial(2, 0.7), trial(3, 0.2)], 'minimize', 'val_loss');
    const [dots, line] = o.series as Series[];
    expect(dots.data).toHaveLength(3);
    expect(line.data).toEqual([[0, 0.5], [2, 0.5], [3, 0.2]]);
    const up = bestSoFarOption([trial(0, 0.5), trial(1, 0.9)], 'maximize', 'val_accuracy');
    expect((up.series as Series[])[1].data).toEqual([[0, 0.5], [1, 0.9]]);
  });

  it('curves: one line per trial (fold 0), the selected one thicker', () => {
    const curves = { trial: [0, 0, 1, 1], fold: [0, 0, 0, 0], epoch: [1, 2, 1, 2], trainLoss: [1, 1, 1, 1], valLoss: [0.9, 0.8, 0.7, 0.6], trainAccuracy: [], valAccuracy: [], lr: [] };
    const series = curvesOption(curves, 1).series as Series[];
    expect(series.map((s) => s.name)).toEqual(['trial 0', 'trial 1']);
    expect(series[1].data).toEqual([[1, 0.7], [2, 0.6]]);
    expect(series[1].lineStyle?.width).toBeGreaterThan(series[0].lineStyle!.width);
  });

  it('knob scatter: log axis for log knobs, a series per round, later rounds\' boxes shaded', () => {
    const axes = knobAxes({ lr: { type: 'float', log: true }, opt: { type: 'categorical' } }, [
      { round: 1, box: { lr: { low: 1e-4, high: 1 }, opt: { values: ['a', 'b'] } } },
      { round: 2, box: { lr: { low: 1e-3, high: 1e-2 }, opt: { values: ['a'] } } },
    ]);
    expect(axes[0]).toMatchObject({ name: 'lr', log: true, categorical: false });
    expect(axes[1].categorical).toBe(true);
    const trials = [trial(0, 0.5, 1, { lr: 0.1, opt: 'a' }), trial(1, 0.3, 2, { lr: 0.005, opt: 'a' })];
    const o = knobScatterOption(trials, axes[0], 'val_loss');
    expect((o.xAxis as { type: string }).type).toBe('log');
    const series = o.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['round 1', 'round 2']);
    expect(series[1].markArea?.data).toEqual([[{ xAxis: 1e-3 }, { xAxis: 1e-2 }]]);
    expect(series[0].markArea?.data).toEqual([]);
    expect((knobScatterOption(trials, axes[1], 'val_loss').xAxis as { type: string }).type).toBe('category');
  });

  it('one trial\'s train vs validation, best and stop epochs marked with the stop reason', () => {
    const curves = { trial: [0, 0, 0, 1], fold: [0, 0, 0, 0], epoch: [1, 2, 3, 1], trainLoss: [1, 0.8, 0.7, 1], valLoss: [1.1, 0.9, 0.95, 1], trainAccuracy: [], valAccuracy: [], lr: [] };
    const t = { ...trial(0, 0.9), bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' };
    const series = trialCurveOption(curves, t).series as (Series & { markLine: { data: { name: string; xAxis: number }[] } })[];
    expect(series[0].data).toEqual([[1, 1], [2, 0.8], [3, 0.7]]);
    expect(series[1].markLine.data.map((m) => [m.xAxis, m.name])).toEqual([[2, 'best epoch 2'], [3, 'stopped at 3: early_stopping']]);
  });
});
