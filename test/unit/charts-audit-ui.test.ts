// The chart findings of a UI audit: an objective's axis never hides its best trials, the TPE split
// says ≥ for a maximized metric, axis end labels never sit on a round tick's, parallel axes span
// the knob's range with readable labels, density axes tick at round values, and the best-epoch
// dots stand out from the curve mass.
import { describe, expect, it } from 'vitest';
import type { KnobDensity, SearchComparison, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { metricRanges } from '../helpers/ranges';
import { densityOption, goodSplitRule } from '../../src-renderer/src/charts/analysis';
import { compareDistributionOption, comparisonScale } from '../../src-renderer/src/charts/compare';
import { curvesOption } from '../../src-renderer/src/charts/curveOptions';
import type { TrialCurve } from '../../src-renderer/src/charts/curves';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { bestSoFarOption, BODY_COLOR, endLabels, knobAxes, parallelOption, rangeAxis, roundTicks, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { metricBound, objectiveScale, SCALE_MODES } from '../../src-renderer/src/charts/scale';
import { trialSummary } from '../helpers/trials';

const ranges = metricRanges;
const trial = (number: number, objective: number | null, extra: Partial<TrialSummary> = {}): TrialSummary =>
  trialSummary(number, { knobs: { hiddenUnits: 4 }, objective, valLoss: null, ...extra });
type Label = { formatter: (v: number) => string; customValues?: number[]; textBorderColor?: string };
type Axis = { type: string; min: number; max: number; axisLabel: Label; axisTick?: { customValues?: number[] } };

/** The initialization experiment: most trials at chance (val_loss 2.30), three that learned, a few that diverged. */
const chance = Array.from({ length: 40 }, (_, i) => 2.3 + ((i % 5) - 2) * 0.005);
const good = [0.456, 0.516, 0.573];
const diverged = [1e3, 1.2e3, 2e3];
const initValues = [...chance, ...good, ...diverged];

describe('an objective\'s axis always shows its best trials', () => {
  it('minimize: 40 trials at chance, 3 good ones and 3 diverged — the good ones are on the axis in every mode, only the diverged clipped', () => {
    for (const bound of [metricBound(ranges, 'val_loss', 'minimize'), { direction: 'minimize' as const }]) {
      for (const mode of SCALE_MODES) {
        const s = objectiveScale(initValues, mode, bound);
        expect(s.min, mode).toBeLessThanOrEqual(0.456);
        expect(s.below, mode).toBe(0);
        expect(s.max, mode).toBeGreaterThanOrEqual(2.31);
      }
      const auto = objectiveScale(initValues, 'auto', bound);
      expect(auto.above).toBe(3);
      expect(auto.max).toBeLessThan(10);
    }
  });

  it('without a direction (a learning curve) robust clipping still cuts either side', () => {
    const s = objectiveScale(initValues, 'robust');
    expect(s.below).toBe(3);
  });

  it('best so far reaches the best trial, drawn as a dot, not a grey triangle on the floor', () => {
    const trials = initValues.map((v, i) => trial(i, v));
    const view: ObjectiveView = { metric: 'val_loss', direction: 'minimize', scale: objectiveScale(initValues, 'auto', metricBound(ranges, 'val_loss', 'minimize')) };
    const o = bestSoFarOption(trials, view);
    const series = o.series as { name: string; data: ({ value: number[] } | number[])[] }[];
    const line = series.find((s) => s.name === 'best so far')!.data as number[][];
    expect(line.at(-1)![1]).toBe(0.456);
    const clipped = series.find((s) => String(s.name).startsWith('beyond the axis'))!;
    expect(clipped.data).toHaveLength(3);
    expect((clipped.data as { value: number[] }[]).every((d) => d.value[1] === view.scale.max)).toBe(true);
  });

  it('best so far\'s legend starts right of the objective\'s name above the y axis, however long the name', () => {
    const trials = initValues.map((v, i) => trial(i, v));
    const left = (metric: string): number => (bestSoFarOption(trials, { metric, direction: 'maximize', scale: objectiveScale(initValues, 'linear') }).legend as { left: number }).left;
    expect(left('val_loss')).toBe(96);
    // 21 characters at about 6.6 px: the legend's first key began inside "val_balanced_accuracy" at 96 px.
    expect(left('val_balanced_accuracy')).toBe(151);
  });

  it('maximize: accuracy mostly at chance with a few good trials keeps the good ones; the good-range focus still cuts only the worse side', () => {
    const acc = [...Array.from({ length: 40 }, (_, i) => 0.1 + ((i % 5) - 2) * 0.002), 0.91, 0.88, 0.85];
    for (const mode of SCALE_MODES) {
      const s = objectiveScale(acc, mode, metricBound(ranges, 'val_accuracy', 'maximize'));
      expect(s.max, mode).toBeGreaterThanOrEqual(0.91);
      expect(s.above, mode).toBe(0);
    }
    // R² of many good trials and a few diverged ones: the focus on the good range stays, the worst at the bottom edge.
    const r2 = [...Array.from({ length: 30 }, (_, i) => 0.9 + i * 0.003), -7, -40];
    const s = objectiveScale(r2, 'auto', metricBound(ranges, 'val_r2', 'maximize'));
    expect(s.max).toBe(1);
    expect(s.min).toBeGreaterThan(0);
    expect([s.below, s.above]).toEqual([2, 0]);
  });
});

describe('the TPE split in words', () => {
  it('≥ for a maximized metric, ≤ for a minimized one', () => {
    expect(goodSplitRule('val_accuracy', 'maximize', 0.9778)).toBe('val_accuracy ≥ 0.9778');
    expect(goodSplitRule('val_loss', 'minimize', 0.31)).toBe('val_loss ≤ 0.31');
  });

  it('writes the threshold as the trials table and the pruning notes write an objective (figure), not 0.00009239', () => {
    expect(goodSplitRule('val_loss', 'minimize', 9.239e-5)).toBe('val_loss ≤ 9.239e-5');
    expect(goodSplitRule('val_mse', 'minimize', 20549.34)).toBe('val_mse ≤ 20549');
    expect(goodSplitRule('val_accuracy', 'maximize', 0.97777777)).toBe('val_accuracy ≥ 0.9778');
  });
});

describe('an axis end\'s label never sits on a round tick\'s', () => {
  it('a round tick within a few percent of an end that is not a tick is left blank; the ends and the other ticks keep theirs', () => {
    // R² from −40 to 1 (a compare chart): "0" would sit under "1".
    const r2 = endLabels(-40, 1);
    expect(r2.formatter(0)).toBe('');
    expect(r2.formatter(1)).toBe('1');
    expect(r2.formatter(-40)).toBe('-40');
    expect(r2.formatter(-10)).toBe('-10');
    // The trial drawer's loss from 0.1 to 0.5 with ticks at 0.12, 0.14…: "0.12" would sit on "0.1"? Only when that close.
    const loss = endLabels(0.1, 0.9);
    expect(loss.formatter(0.12)).toBe('');
    expect(loss.formatter(0.2)).toBe('0.2');
    // A log axis measures in decades.
    const log = endLabels(0.01, 1000, 'log');
    expect(log.formatter(0.1)).toBe('0.1');
    expect(log.formatter(1000)).toBe('1000');
  });

  it('an axis reads in one notation: all plain inside the plain range, all powers of ten once any tick lies beyond it', () => {
    // A diverged loss on a log axis from 0.01 to 10⁷: never "10000" beside "1e+5".
    const loss = endLabels(0.01, 1e7, 'log');
    expect([0.01, 1, 1000, 1e4, 1e5, 1e7].map(loss.formatter)).toEqual(['1e-2', '1e+0', '1e+3', '1e+4', '1e+5', '1e+7']);
    // A linear axis to 120,000: "2e+4", not "20000" below "1.2e+5"; to 0.004: ticks of 0.0005 are powers, and so are the others.
    expect([0, 2e4, 1.2e5].map(endLabels(0, 1.2e5).formatter)).toEqual(['0', '2e+4', '1.2e+5']);
    expect([0, 5e-4, 0.002, 0.004].map(endLabels(0, 0.004).formatter)).toEqual(['0', '5e-4', '2e-3', '4e-3']);
    // Inside the plain range nothing changes: 0.002 to 10000 on a log axis, 0 to 0.5 linear.
    expect([0.002, 0.01, 1, 1e4].map(endLabels(0.002, 1e4, 'log').formatter)).toEqual(['0.002', '0.01', '1', '10000']);
    expect([0, 0.1, 0.5].map(endLabels(0, 0.5).formatter)).toEqual(['0', '0.1', '0.5']);
    // A knob's range axis follows the same rule: L2 from 10⁻⁷ to 0.1 reads in powers to its top, dropout plainly.
    const l2 = rangeAxis(1e-7, 0.1, { log: true }).axisLabel;
    expect(l2.customValues.map(l2.formatter)).toEqual(['1e-7', '1e-6', '1e-4', '1e-2', '1e-1']);
    const dropout = rangeAxis(0, 0.6).axisLabel;
    expect(dropout.customValues.map(dropout.formatter)).toEqual(['0', '0.2', '0.4', '0.6']);
  });

  it('every axis showing an ObjectiveScale uses it: the objective charts, the compare charts, the curves', () => {
    const values = [...Array.from({ length: 20 }, (_, i) => 0.9 + i * 0.004), -40];
    const view: ObjectiveView = { metric: 'val_r2', direction: 'maximize', scale: objectiveScale(values, 'linear', metricBound(ranges, 'val_r2', 'maximize')) };
    expect([view.scale.min, view.scale.max]).toEqual([-40, 1]);
    const y = bestSoFarOption(values.map((v, i) => trial(i, v)), view).yAxis as Axis;
    expect(y.axisLabel.formatter(0)).toBe('');
    expect(y.axisLabel.formatter(1)).toBe('1');
    const summary = { id: 1, name: 'r2', metric: 'val_r2', direction: 'maximize', projectId: 1, project: 'p' } as unknown as SearchSummary;
    const c = { metric: { metric: 'val_r2', direction: 'maximize' }, comparable: ['val_r2'], basisNote: null, mismatch: null, otherData: null, otherRows: null, searches: [{ summary, trials: values.map((v, i) => ({ number: i, objective: v, status: 'complete', seconds: i })) }] } as unknown as SearchComparison;
    const cy = compareDistributionOption(c, comparisonScale(c, 'linear', ranges)).yAxis as Axis;
    expect(cy.axisLabel.formatter(0)).toBe('');
    const curves = new Map<number, TrialCurve>([[0, { epoch: [1, 2], valLoss: [0.1, 0.9], trainLoss: [null, null], valAccuracy: [null, null], trainAccuracy: [null, null], lr: [null, null] }]]);
    const scale = objectiveScale([0.1, 0.9], 'linear');
    expect((curvesOption(curves, [trial(0, 0.1)], null, 'loss', scale).yAxis as Axis).axisLabel.formatter(scale.min)).toBe(String(scale.min));
  });
});

describe('parallel coordinates', () => {
  const knobs = knobAxes([{ name: 'hiddenUnits', type: 'int', log: true, low: 1, high: 16 }, { name: 'lr', type: 'float', log: true, low: 1e-4, high: 0.1 }], []);
  const trials = Array.from({ length: 30 }, (_, i) => trial(i, 0.3 + i / 100, { knobs: { hiddenUnits: 1 + (i % 16), lr: [1e-4, 1e-3, 0.01, 0.1][i % 4] } }));
  const view: ObjectiveView = { metric: 'val_loss', direction: 'minimize', scale: objectiveScale(trials.map((t) => t.objective)) };

  it('a knob\'s axis spans its range on its scale (an int log knob 1–16: 1 to 16, labelled at round whole numbers)', () => {
    const axes = parallelOption(trials, knobs, view).parallelAxis as unknown as Axis[];
    expect(axes[0]).toMatchObject({ type: 'log', min: 1, max: 16 });
    expect(axes[0].axisLabel.customValues).toEqual([1, 2, 5, 10, 16]);
    expect(axes[1]).toMatchObject({ type: 'log', min: 1e-4, max: 0.1 });
    expect(axes[1].axisLabel.customValues).toEqual([1e-4, 1e-3, 0.01, 0.1]);
  });

  it('every axis label has a backdrop of the page\'s colour, in both themes', () => {
    for (const dark of [false, true]) {
      const axes = parallelOption(trials, knobs, view, dark).parallelAxis as unknown as Axis[];
      for (const a of axes) expect(a.axisLabel.textBorderColor).toBe(dark ? BODY_COLOR.dark : BODY_COLOR.light);
    }
  });
});

describe('density axes tick at round values', () => {
  const density = (name: string, span: [number, number]): KnobDensity => {
    const x = Array.from({ length: 50 }, (_, i) => span[0] + ((span[1] - span[0]) * i) / 49);
    return { name, scale: 'log', discrete: false, x, span, l: x.map(() => 1), g: x.map(() => 1), good: [], bad: [] };
  };
  const labels = (o: ChartOption): string[] => {
    const a = o.xAxis as Axis;
    return a.axisLabel.customValues!.map((v) => a.axisLabel.formatter(v));
  };

  it('an int log knob 2–64 at 1-2-5 whole numbers, never 7.9 or 63; a float log knob at powers of ten, never 0.0063', () => {
    const units = labels(densityOption(density('hiddenUnits', [Math.log10(2), Math.log10(64)]), true));
    expect(units[0]).toBe('2');
    expect(units.at(-1)).toBe('64');
    for (const l of units) expect(Number.isInteger(Number(l)), l).toBe(true);
    expect(units).toEqual(['2', '5', '10', '20', '64']);
    const lr = labels(densityOption(density('lr', [-5, -1])));
    expect(lr).toEqual(['1e-5', '1e-4', '1e-3', '1e-2', '1e-1']);
  });

  it('round ticks: ends kept, whole numbers for an int knob, none crowding an end', () => {
    expect(roundTicks(1, 16, true, true)).toEqual([1, 2, 5, 10, 16]);
    expect(roundTicks(0, 0.5, false)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(roundTicks(1, 7, false, true)).toEqual([1, 2, 4, 6, 7]);
    expect(roundTicks(1, 4, false, true)).toEqual([1, 2, 3, 4]);
    expect(roundTicks(1e-7, 1, true)).toEqual([1e-7, 1e-6, 1e-4, 0.01, 1]);
    // A coarse-to-fine round's narrow box on a log knob: round values a linear step apart.
    expect(roundTicks(63, 101, true, true)).toEqual([63, 70, 80, 90, 101]);
  });
});

describe('the curves tab\'s best-epoch dots', () => {
  it('have a dark rim and are a little larger, to stand out from the curves', () => {
    const curves = new Map<number, TrialCurve>([[0, { epoch: [1, 2], valLoss: [0.5, 0.4], trainLoss: [null, null], valAccuracy: [null, null], trainAccuracy: [null, null], lr: [null, null] }]]);
    const best = (curvesOption(curves, [trial(0, 0.4, { bestEpoch: 2 })], null, 'loss', objectiveScale([0.5, 0.4])).series as { name: string; symbolSize: number; itemStyle: { borderColor?: string; borderWidth?: number } }[]).find((s) => s.name === 'best epoch')!;
    expect(best.itemStyle.borderColor).toMatch(/^#[0-3]/);
    expect(best.itemStyle.borderWidth).toBeGreaterThan(0);
    expect(best.symbolSize).toBeGreaterThanOrEqual(7);
  });
});
