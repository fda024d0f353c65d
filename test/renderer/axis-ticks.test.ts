// Value axes as ECharts lays them out (test/renderer/drawn.ts): a linear objective or metric axis
// ticks a round step apart from end to end (alignedStep), never ECharts' own steps counted from 0
// beside the ends' labels (0.1, 0.12, 0.15 … 0.24, 0.25); the Curves tab's epoch axis blanks a
// round tick crowding its last epoch's label.
import { describe, expect, it } from 'vitest';
import { metricRanges } from '../helpers/ranges';
import { curvesOption } from '../../src-renderer/src/charts/curveOptions';
import type { TrialCurve } from '../../src-renderer/src/charts/curves';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { alignedStep, scaleAxis } from '../../src-renderer/src/charts/options';
import { metricBound, objectiveScale, SCALE_MODES, type ObjectiveScale } from '../../src-renderer/src/charts/scale';
import { trialSummary } from '../helpers/trials';
import { drawnLabels } from './drawn';

const ranges = metricRanges;

/** The tick values ECharts lays out on a y axis. */
const ticksOf = (yAxis: object): number[] =>
  drawnLabels({ xAxis: { type: 'value' }, yAxis, series: [{ type: 'line', data: [[0, 0], [1, 1]] }] } as ChartOption, 'yAxis').map((l) => l.value);

describe('a linear axis ticks a round step apart from end to end', () => {
  it('over 0.1 to 0.25 (the Curves tab of a search a terminal ran) by 0.05, where ECharts alone steps 0.03 from 0', () => {
    const s = objectiveScale([0.1, 0.13, 0.2, 0.25, 0.102], 'linear');
    expect([s.min, s.max]).toEqual([0.1, 0.25]);
    expect(ticksOf({ type: 'value', min: s.min, max: s.max })).toEqual([0.1, 0.12, 0.15, 0.18, 0.21, 0.24, 0.25]);
    expect(ticksOf(scaleAxis(s))).toEqual([0.1, 0.15, 0.2, 0.25]);
    // Where ECharts' own step fits both ends it stays: 0 to 1.5 by 0.3.
    const wide = objectiveScale([0, 1.5], 'linear');
    expect(ticksOf(scaleAxis(wide))).toEqual(ticksOf({ type: 'value', min: 0, max: 1.5 }));
  });

  it('steps worked by hand: ECharts\' own where both ends are multiples of it, else a 1-2-5 step about a fifth of the span or a smaller one, none past ten gaps', () => {
    expect(alignedStep(0.1, 0.25)).toBe(0.05);
    expect(alignedStep(0, 1.5)).toBe(0.3);
    expect(alignedStep(0, 1)).toBe(0.2);
    expect(alignedStep(0.02, 0.14)).toBe(0.02);
    expect(alignedStep(0.9, 1)).toBe(0.02);
    expect(alignedStep(1e-5, 3e-5)).toBe(5e-6);
    expect(alignedStep(0.13, 0.27)).toBeUndefined();
    expect(alignedStep(-40, 1)).toBeUndefined();
    expect(alignedStep(1, 1)).toBeUndefined();
  });

  it('every linear scale the rule decides (messy values, every mode, bounded or not) gets such a step, and ECharts ticks it evenly from end to end', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const scales: ObjectiveScale[] = [];
    for (let k = 0; k < 60; k++) {
      const centre = 10 ** (next() * 8 - 5);
      const values = Array.from({ length: 3 + Math.floor(next() * 40) }, () => centre * (1 + (next() - 0.3) * (k % 3 === 0 ? 0.2 : 2)));
      if (k % 5 === 0) values.push(centre * 1e4);
      const accuracy = k % 2 === 1;
      const bound = accuracy ? metricBound(ranges, 'val_accuracy', 'maximize') : metricBound(ranges, 'val_loss', 'minimize');
      for (const mode of SCALE_MODES) scales.push(objectiveScale(accuracy ? values.map((v) => Math.min(1, v / (centre * 3))) : values, mode, bound));
    }
    const linear = scales.filter((s) => s.type === 'value');
    expect(linear.length).toBeGreaterThan(100);
    for (const scale of linear) {
      const step = alignedStep(scale.min, scale.max);
      expect(step, `${scale.mode} over ${scale.min} to ${scale.max}`).toBeDefined();
      const ticks = ticksOf(scaleAxis(scale));
      expect([ticks[0], ticks[ticks.length - 1]]).toEqual([scale.min, scale.max]);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step!, 12);
    }
  });
});

describe('the Curves tab\'s epoch axis', () => {
  it('labels its ends and blanks a round tick crowding one: a running trial at epoch 189 never reads "180" beside "189"', () => {
    const epochs = Array.from({ length: 189 }, (_, i) => i + 1);
    const none = epochs.map(() => null);
    const curves = new Map<number, TrialCurve>([[0, { epoch: epochs, valLoss: epochs.map((e) => 1 / e), trainLoss: none, valAccuracy: none, trainAccuracy: none, lr: none }]]);
    const option = curvesOption(curves, [trialSummary(0, { knobs: { hiddenUnits: 4 }, objective: 0.1, valLoss: null })], null, 'loss', objectiveScale(epochs.map((e) => 1 / e), 'linear'));
    const labels = drawnLabels(option, 'xAxis', 0, { width: 900, height: 320 });
    expect(labels[0]).toMatchObject({ value: 1, text: '1' });
    expect(labels.at(-1)).toMatchObject({ value: 189, text: '189' });
    expect(labels.find((l) => l.value === 180)?.text).toBe('');
    expect(labels.filter((l) => l.text !== '').map((l) => l.text)).toEqual(['1', '30', '60', '90', '120', '150', '189']);
  });
});
