// The curve charts' tooltip (one trial, trials compared) at the pointer: every curve's values at its
// latest epoch by then, by epoch or by training time, four digits, the true value where a line is
// drawn at the axis's edge. ECharts' own axis tooltip named only the series nearest the pointer (by
// time: one trial of four) and printed the drawn, clipped values in 17 digits.
import { describe, expect, it } from 'vitest';
import { compareCurvesOption, curveTip, trialCurveOption } from '../../src-renderer/src/charts/curveOptions';
import type { TrialCurve } from '../../src-renderer/src/charts/curves';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { trialSummary } from '../helpers/trials';

const curve = (c: Partial<TrialCurve> & { epoch: number[] }): TrialCurve => {
  const none = c.epoch.map(() => null);
  return { trainLoss: none, valLoss: none, trainAccuracy: none, valAccuracy: none, lr: none, ...c };
};
/** The tooltip's text at x, its dots' markup left out, a line each. */
const tipAt = (o: ChartOption, x: number): string[] => {
  const formatter = (o.tooltip as { formatter: (ps: unknown) => string }).formatter;
  return formatter([{ axisValue: x }]).replace(/<span[^>]*><\/span>/g, '').split('<br>');
};

// Trial 1: three epochs of 0.1 s; trial 2: two of 0.12 s, diverged in its second.
const curves = new Map([
  [1, curve({ epoch: [1, 2, 3], valLoss: [0.912345678, 0.51234, 0.41], trainLoss: [1.1, 0.6, 0.45], seconds: [0.1, 0.1, 0.1] })],
  [2, curve({ epoch: [1, 2], valLoss: [2.5, Number.POSITIVE_INFINITY], trainLoss: [2.4, 3e6], seconds: [0.12, 0.12] })],
]);

describe('the compared curves\' tooltip', () => {
  it('by training time names every trial, each at its latest epoch by then, or still in its first', () => {
    const o = compareCurvesOption(curves, [1, 2], 'auto', null, 0, 'time');
    expect(tipAt(o, 0.2)).toEqual(['200 ms of training', 'trial 1: val 0.5123 · train 0.6 (epoch 2)', 'trial 2: val 2.5 · train 2.4 (epoch 1)']);
    expect(tipAt(o, 0.1)).toEqual(['100 ms of training', 'trial 1: val 0.9123 · train 1.1 (epoch 1)', 'trial 2: still in its first epoch']);
    // Past a trial's end: its last epoch, said so; a diverged value is ∞ and a value drawn at the axis's top is its own.
    expect(tipAt(o, 0.3)).toEqual(['300 ms of training', 'trial 1: val 0.41 · train 0.45 (epoch 3)', `trial 2: val ∞ · train 3e+6 (its last epoch, 2)`]);
  });

  it('by epoch names a trial that stopped earlier at its last epoch', () => {
    const o = compareCurvesOption(curves, [1, 2], 'auto', null, 0, 'epoch');
    expect(tipAt(o, 2)).toEqual(['epoch 2', 'trial 1: val 0.5123 · train 0.6', 'trial 2: val ∞ · train 3e+6']);
    expect(tipAt(o, 3)).toEqual(['epoch 3', 'trial 1: val 0.41 · train 0.45', 'trial 2: val ∞ · train 3e+6 (its last epoch, 2)']);
  });

  it('smoothed, gives the raw value beside the drawn one', () => {
    const o = compareCurvesOption(new Map([[1, curves.get(1)!]]), [1], 'auto', null, 0.5, 'epoch');
    // Debiased EMA at weight 0.5 (TensorBoard's): (0.5·0.912345678 + 0.51234) / 1.5 at epoch 2.
    const second = (0.5 * 0.912345678 + 0.51234) / 1.5;
    expect(tipAt(o, 2)).toEqual(['epoch 2', `trial 1: val ${Number(second.toPrecision(4))} (raw 0.5123) · train ${Number(((0.5 * 1.1 + 0.6) / 1.5).toPrecision(4))} (raw 0.6)`]);
  });
});

describe('one trial\'s curve tooltip', () => {
  it('a line per split, in the drawn order, true values', () => {
    const t = trialSummary(2, { knobs: { lr: 0.5 }, valLoss: null });
    const o = trialCurveOption(curves.get(2), t, 'loss', 'auto');
    expect(tipAt(o, 2)).toEqual(['epoch 2', 'train_loss: 3e+6', 'val_loss: ∞']);
    expect(tipAt(trialCurveOption(curves.get(2), t, 'loss', 'auto', null, 0, 'time'), 0.3)).toEqual(['300 ms of training', 'train_loss: 3e+6 (its last epoch, 2)', 'val_loss: ∞ (its last epoch, 2)']);
  });

  it('curveTip escapes labels and names (the tooltip is HTML)', () => {
    const tip = curveTip(1, false, [{ label: '<img src=x>', color: '#000', xs: [1], epochs: [1], values: [{ name: 'a&b', ys: [0.5] }] }]);
    expect(tip).toContain('&#60;img src=x&#62;: a&#38;b 0.5');
    expect(tip).not.toContain('<img');
  });

  it('curveTip: nothing yet before the first epoch by epoch', () => {
    expect(curveTip(0, false, [{ label: 'trial 3', color: '#000', xs: [1], epochs: [1], values: [{ name: 'val', ys: [0.5] }] }]).replace(/<span[^>]*><\/span>/g, '')).toBe('epoch 0<br>trial 3: no epoch yet');
  });
});
