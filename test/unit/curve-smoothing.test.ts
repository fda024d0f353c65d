import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { MAX_SMOOTHING, smoothCurves, smoothSeries, type TrialCurve } from '../../src-renderer/src/charts/curves';
import { compareCurvesOption, curvesOption, curvesScale, smoothingLabel, trialCurveOption } from '../../src-renderer/src/charts/curveOptions';
import { ROUND_COLORS } from '../../src-renderer/src/charts/options';
import { trialSummary } from '../helpers/trials';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- option data of many shapes
type Series = { name: string; data: any[]; silent?: boolean; z?: number; lineStyle?: { color?: string; opacity?: number; type?: string } };

const trial = (number: number, extra: Partial<TrialSummary> = {}): TrialSummary => trialSummary(number, { knobs: { lr: 0.1 }, bestEpoch: 2, stoppedEpoch: 4, valLoss: 0.5, ...extra });
const curve = (val: (number | null)[], train: (number | null)[] = val): TrialCurve => ({
  epoch: val.map((_, i) => i + 1), valLoss: val, trainLoss: train, trainAccuracy: val.map(() => null), valAccuracy: val.map(() => null), lr: val.map(() => 0.1),
});

describe('curve smoothing (TensorBoard\'s debiased exponential moving average)', () => {
  it('matches values worked by hand: m_k = w·m_(k−1) + (1 − w)·y_k from m_0 = 0, shown as m_k / (1 − w^k)', () => {
    // w = 0.5: m = 0.5, 0.25, 0.625 over 1 − w^k = 0.5, 0.75, 0.875.
    const s = smoothSeries([1, 0, 1], 0.5);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(1 / 3, 12);
    expect(s[2]).toBeCloseTo(5 / 7, 12);
    // w = 0.6 (TensorBoard's default): m = 0.8, 0.8·0.6 + 0.4·2 = 1.28, 1.28·0.6 + 0.4·4 = 2.368.
    const t = smoothSeries([2, 2, 4], 0.6);
    expect(t[0]).toBeCloseTo(0.8 / 0.4, 12);
    expect(t[1]).toBeCloseTo(1.28 / 0.64, 12);
    expect(t[2]).toBeCloseTo(2.368 / 0.784, 12);
  });

  it('starts at the first value (no pull toward 0), keeps a constant curve constant, and 0 returns the values as they are', () => {
    expect(smoothSeries([3, 5], 0.9)[0]).toBeCloseTo(3, 12);
    for (const v of smoothSeries([0.25, 0.25, 0.25, 0.25], 0.95)) expect(v).toBeCloseTo(0.25, 12);
    expect(smoothSeries([1, 0, 1], 0)).toEqual([1, 0, 1]);
  });

  it('leaves missing and non-finite values (a diverged epoch) where they are, out of the average', () => {
    const s = smoothSeries([1, null, Number.NaN, Number.POSITIVE_INFINITY, 0], 0.5);
    expect(s[1]).toBeNull();
    expect(s[2]).toBeNaN();
    expect(s[3]).toBe(Number.POSITIVE_INFINITY);
    // The 0 is the second finite value: (0.25 · 1 + 0.5 · 0 ... ) = 0.25 over 0.75.
    expect(s[4]).toBeCloseTo(1 / 3, 12);
  });

  it('never goes beyond the values it averages, and a weight out of range is held to [0, MAX_SMOOTHING]', () => {
    const ys = [0.9, 0.2, 1.4, 0.1, 0.7, 0.3, 2.2, 0.05];
    for (const w of [0.3, 0.6, 0.9, 0.99]) for (const v of smoothSeries(ys, w)) expect(v! >= 0.05 - 1e-12 && v! <= 2.2 + 1e-12).toBe(true);
    expect(smoothSeries(ys, 5)).toEqual(smoothSeries(ys, MAX_SMOOTHING));
    expect(smoothSeries(ys, -1)).toEqual(ys);
  });

  it('smooths every loss and accuracy of a curve map, not the epochs or the learning rate; 0 gives the same map', () => {
    const m = new Map([[3, curve([1, 0, 1], [2, 2, 4])]]);
    expect(smoothCurves(m, 0)).toBe(m);
    const s = smoothCurves(m, 0.5).get(3)!;
    expect(s.valLoss[1]).toBeCloseTo(1 / 3, 12);
    expect(s.trainLoss[0]).toBeCloseTo(2, 12);
    expect(s.epoch).toEqual([1, 2, 3]);
    expect(s.lr).toEqual([0.1, 0.1, 0.1]);
    expect(m.get(3)!.valLoss).toEqual([1, 0, 1]);
  });

  it('names a weight as the charts do', () => {
    expect(smoothingLabel(0.6)).toBe('0.6');
    expect(smoothingLabel(0.95)).toBe('0.95');
    expect(smoothingLabel(0.6000000001)).toBe('0.6');
  });
});

/** The y axis's kind and ends (its label formatter is a new function each time). */
const axisRange = (o: { yAxis?: unknown }): unknown => {
  const a = o.yAxis as { type: string; min: number; max: number };
  return [a.type, a.min, a.max];
};

describe('smoothed curve charts', () => {
  const noisy = curve([1.0, 0.4, 0.9, 0.3, 0.8, 0.25], [0.9, 0.5, 0.7, 0.35, 0.6, 0.3]);

  it('one trial: smoothed lines over the raw ones drawn faint in the same colours, the axis the raw values\', the title says it', () => {
    const raw = trialCurveOption(noisy, trial(0), 'loss', 'linear');
    const o = trialCurveOption(noisy, trial(0), 'loss', 'linear', null, 0.6);
    expect(axisRange(o)).toEqual(axisRange(raw));
    const series = o.series as Series[];
    expect(series.map((x) => x.name)).toEqual(['train_loss (raw)', 'val_loss (raw)', 'train_loss', 'val_loss']);
    const byName = new Map(series.map((x) => [x.name, x]));
    expect(byName.get('val_loss (raw)')!.data.map((d: [number, number]) => d[1])).toEqual(noisy.valLoss);
    expect(byName.get('val_loss')!.data.map((d: [number, number]) => d[1])).toEqual(smoothSeries(noisy.valLoss, 0.6));
    expect(byName.get('val_loss (raw)')!.lineStyle).toMatchObject({ color: ROUND_COLORS[1], opacity: 0.3 });
    expect(byName.get('val_loss')!.lineStyle!.color).toBe(ROUND_COLORS[1]);
    expect(byName.get('train_loss (raw)')!.lineStyle!.color).toBe(ROUND_COLORS[0]);
    expect(byName.get('val_loss (raw)')!.silent).toBe(true);
    expect((o.legend as { data: string[] }).data).toEqual(['train_loss', 'val_loss']);
    expect((o.title as { text: string }).text).toBe('trial 0: train vs validation, smoothed 0.6');
    expect((raw.title as { text: string }).text).toBe('trial 0: train vs validation');
    // A search of several folds draws the first: its title says which.
    const folded = trialCurveOption(noisy, trial(0), 'loss', 'linear', null, 0.6, 'epoch', null, 'fold 1 of 5');
    expect((folded.title as { text: string }).text).toBe('trial 0: train vs validation, fold 1 of 5, smoothed 0.6');
    expect((raw.series as Series[]).map((x) => x.name)).toEqual(['train_loss', 'val_loss']);
  });

  it('compare: each trial\'s validation and training lines smoothed over their raw values in the trial\'s colour (training dashed)', () => {
    const m = new Map([[0, noisy], [1, curve([0.5, 0.6, 0.4, 0.5, 0.3, 0.4])]]);
    const o = compareCurvesOption(m, [0, 1], 'linear', null, 0.8);
    const series = o.series as Series[];
    expect(series.map((x) => x.name)).toEqual(['trial 0 val (raw)', 'trial 0 train (raw)', 'trial 0 val', 'trial 0 train', 'trial 1 val (raw)', 'trial 1 train (raw)', 'trial 1 val', 'trial 1 train']);
    const byName = new Map(series.map((x) => [x.name, x]));
    expect(byName.get('trial 1 val')!.data.map((d: [number, number]) => d[1])).toEqual(smoothSeries(m.get(1)!.valLoss, 0.8));
    expect(byName.get('trial 1 train (raw)')!.lineStyle).toMatchObject({ color: ROUND_COLORS[1], type: 'dashed', opacity: 0.3 });
    expect((o.legend as { data: string[] }).data).toEqual(['trial 0 val', 'trial 0 train', 'trial 1 val', 'trial 1 train']);
    expect(axisRange(o)).toEqual(axisRange(compareCurvesOption(m, [0, 1], 'linear', null, 0)));
  });

  it('overlay: the smoothed map draws each trial\'s best-epoch dot on its smoothed line', () => {
    const m = new Map([[0, noisy]]);
    const s = smoothCurves(m, 0.6);
    const o = curvesOption(s, [trial(0, { bestEpoch: 6 })], null, 'loss', curvesScale(m, 'loss', 'linear'));
    const best = (o.series as Series[]).find((x) => x.name === 'best epoch')!;
    expect(best.data[0].value).toEqual([6, smoothSeries(noisy.valLoss, 0.6)[5]]);
  });
});

describe('the overlay\'s colours', () => {
  it('follow the trial numbers, not the order the curves arrived in', () => {
    const c = curve([0.5, 0.4]);
    const names = (order: number[]): string[] => {
      const m = new Map(order.map((t) => [t, c]));
      const o = curvesOption(m, order.map((t) => trial(t)), null, 'loss', curvesScale(m, 'loss'));
      return (o.series as Series[]).filter((x) => /^trial/.test(x.name)).map((x) => `${x.name} ${x.lineStyle!.color}`);
    };
    expect(names([2, 0, 1])).toEqual(names([0, 1, 2]));
  });
});
