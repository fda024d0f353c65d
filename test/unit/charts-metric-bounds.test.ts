// Every axis that shows a metric's values stays within what the metric can be (the engine's
// METRIC_RANGES, which the renderer reads from the api's vocabulary): the objective charts, the
// learning curves (overlay, one trial, trials compared), the searches compared and the seed spread.
// An axis end past a bound is cut back to it; an end inside the bounds is left where it was.
import { describe, expect, it } from 'vitest';
import type { ComparedSearch, SearchComparison, SearchSummary, SeedSpread, TrialSummary } from '../../src-core/api/contract';
import { metricRanges } from '../helpers/ranges';
import { compareBestOption, compareDistributionOption, comparisonScale } from '../../src-renderer/src/charts/compare';
import { compareCurvesOption, curvesOption, curvesScale, trialCurveOption } from '../../src-renderer/src/charts/curveOptions';
import type { TrialCurve } from '../../src-renderer/src/charts/curves';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { metricBound, objectiveScale, SCALE_MODES, withinBounds } from '../../src-renderer/src/charts/scale';
import { seedSpreadOption } from '../../src-renderer/src/charts/seeds';
import { searchSummary, trialSummary } from '../helpers/trials';

/** The ranges as app.vocabulary sends them: null for an unbounded end. */
const ranges = metricRanges;

type Axis = { type: string; min: number; max: number };
const yAxis = (o: ChartOption): Axis => o.yAxis as Axis;
/** An axis as data (its label formatter, a new closure each time, left out). */
const plain = (a: unknown): unknown => JSON.parse(JSON.stringify(a));

const trial = (number: number, extra: Partial<TrialSummary> = {}): TrialSummary => trialSummary(number, { knobs: { lr: 0.5 }, valLoss: null, ...extra });
const curve = (c: Partial<TrialCurve> & { epoch: number[] }): TrialCurve => {
  const none = c.epoch.map(() => null);
  return { trainLoss: none, valLoss: none, trainAccuracy: none, valAccuracy: none, lr: none, ...c };
};

describe('the bounds from the vocabulary', () => {
  it('a metric\'s bounds, with the direction only for an objective; nothing when the vocabulary is not loaded', () => {
    expect(metricBound(ranges, 'val_accuracy', 'maximize')).toEqual({ low: 0, high: 1, direction: 'maximize' });
    expect(metricBound(ranges, 'val_r2', 'maximize')).toEqual({ low: null, high: 1, direction: 'maximize' });
    expect(metricBound(ranges, 'val_loss')).toEqual({ low: 0, high: null });
    expect(metricBound(undefined, 'val_loss', 'minimize')).toBeUndefined();
    expect(metricBound(ranges, 'no_such_metric')).toBeUndefined();
  });

  it('an end past a bound moves to it; ends inside stay; a log axis ignores a bound at 0', () => {
    const accuracy = metricBound(ranges, 'val_accuracy');
    expect(withinBounds(0.85, 1.05, accuracy)).toEqual([0.85, 1]);
    expect(withinBounds(-1, 1, accuracy)).toEqual([0, 1]);
    expect(withinBounds(0.9, 0.99, accuracy)).toEqual([0.9, 0.99]);
    expect(withinBounds(1, 10, accuracy, 'log')).toEqual([0.1, 1]);
    expect(withinBounds(1e-3, 10, metricBound(ranges, 'val_loss'), 'log')).toEqual([1e-3, 10]);
    expect(withinBounds(-8, 2, metricBound(ranges, 'val_r2'))).toEqual([-8, 1]);
    expect(withinBounds(-8, 2, undefined)).toEqual([-8, 2]);
  });
});

describe('an objective\'s lower bound: 0 for losses and accuracy', () => {
  it('a loss saturated at exactly 0 starts its axis at 0, not −1, in every mode; the axis says why', () => {
    for (const mode of SCALE_MODES) {
      const s = objectiveScale([0, 0, 0], mode, metricBound(ranges, 'val_loss', 'minimize'));
      expect(s.min).toBeGreaterThanOrEqual(0);
      expect(s.max).toBeGreaterThan(s.min);
      expect([s.below, s.above]).toEqual([0, 0]);
    }
    expect(objectiveScale([0, 0, 0], 'auto').min).toBe(-1);
    expect(objectiveScale([0, 0, 0], 'auto', metricBound(ranges, 'val_loss', 'minimize')).why).toMatch(/the axis starts at 0, the least the metric can be$/);
  });

  it('accuracy 0 everywhere (a dead network) draws from 0 to 1; the axis says only the end it cut', () => {
    const s = objectiveScale([0, 0], 'linear', metricBound(ranges, 'val_accuracy', 'maximize'));
    expect([s.min, s.max]).toEqual([0, 1]);
    expect(s.why).toBe('linear over every value (0 to 0); the axis starts at 0, the least the metric can be');
    // A single perfect trial on a log axis went from 1 to 10: now from 0.1 to 1.
    const log = objectiveScale([1], 'log', metricBound(ranges, 'val_accuracy', 'maximize'));
    expect([log.min, log.max]).toEqual([0.1, 1]);
    expect(log.why).toMatch(/; the axis stops at 1, the most the metric can be$/);
  });

  it('values well inside the bounds keep their axis: accuracy at 0.9–0.99 does not start at 0, losses are as without bounds', () => {
    const accuracy = [0.9, 0.93, 0.95, 0.97, 0.99];
    const losses = [[0.12, 0.3, 0.09, 0.45, 126, 0.2, 415, 0.15], [0.07, 0.3, 1.2, 9, 40, 126], [0.5], [0.002, 0.001, 0.0004, 0.03]];
    for (const mode of SCALE_MODES) {
      expect(objectiveScale(accuracy, mode, metricBound(ranges, 'val_accuracy', 'maximize'))).toEqual(objectiveScale(accuracy, mode));
      for (const v of losses) expect(objectiveScale(v, mode, metricBound(ranges, 'val_loss', 'minimize'))).toEqual(objectiveScale(v, mode));
    }
  });
});

describe('learning curves stay within the metric\'s bounds', () => {
  it('the curves tab at a search\'s first epoch (one trial at val_accuracy 0.95): the axis stops at 1, not 1.05', () => {
    const m = new Map([[0, curve({ epoch: [1], valAccuracy: [0.95] })]]);
    const trials = [trial(0)];
    const old = yAxis(curvesOption(m, trials, null, 'accuracy', curvesScale(m, 'accuracy')));
    expect([old.min, old.max]).toEqual([0.85, 1.05]);
    const y = yAxis(curvesOption(m, trials, null, 'accuracy', curvesScale(m, 'accuracy', 'auto', ranges)));
    expect([y.min, y.max]).toEqual([0.85, 1]);
  });

  it('a trial perfect on iris (train and val accuracy 1 every epoch): its axis ends at 1 exactly, on a linear or a log axis', () => {
    const c = curve({ epoch: [1, 2, 3, 4], trainAccuracy: [1, 1, 1, 1], valAccuracy: [1, 1, 1, 1] });
    const t = trial(3, { objective: 1, valAccuracy: 1, trainAccuracy: 1 });
    expect(yAxis(trialCurveOption(c, t, 'accuracy', 'auto')).max).toBeGreaterThan(1);
    for (const mode of SCALE_MODES) {
      const y = yAxis(trialCurveOption(c, t, 'accuracy', mode, ranges));
      expect(y.max).toBe(1);
      expect(y.min).toBeLessThan(1);
      expect(y.min).toBeGreaterThanOrEqual(0);
    }
    expect(yAxis(trialCurveOption(c, t, 'accuracy', 'log'))).toMatchObject({ type: 'log', min: 1, max: 10 });
    expect(yAxis(trialCurveOption(c, t, 'accuracy', 'log', ranges))).toMatchObject({ type: 'log', min: 0.1, max: 1 });
    // The points are drawn where they are, at the top edge, none counted as beyond the axis.
    const val = (trialCurveOption(c, t, 'accuracy', 'auto', ranges).series as { name: string; data: [number, number][] }[]).find((s) => s.name === 'val_accuracy')!;
    expect(val.data.map(([, y]) => y)).toEqual([1, 1, 1, 1]);
  });

  it('a loss saturated at exactly 0 (the trial drawer, trials compared): the axis starts at 0, not −1', () => {
    const zero = curve({ epoch: [1, 2, 3], trainLoss: [0, 0, 0], valLoss: [0, 0, 0] });
    const t = trial(5, { objective: 0, valLoss: 0, trainLoss: 0 });
    expect(yAxis(trialCurveOption(zero, t, 'loss', 'auto')).min).toBe(-1);
    for (const mode of SCALE_MODES) {
      const y = yAxis(trialCurveOption(zero, t, 'loss', mode, ranges));
      expect(y.min).toBe(0);
      expect(y.max).toBeGreaterThan(0);
    }
    const m = new Map([[5, zero], [6, curve({ epoch: [1, 2], trainLoss: [0, 0], valLoss: [0, 0] })]]);
    expect(yAxis(compareCurvesOption(m, [5, 6], 'auto')).min).toBe(-1);
    expect(yAxis(compareCurvesOption(m, [5, 6], 'auto', ranges)).min).toBe(0);
  });

  it('curves well inside the bounds draw as they did: accuracy rising 0.9 to 0.99 keeps its axis from 0.9', () => {
    const c = curve({ epoch: [1, 2, 3, 4], trainAccuracy: [0.9, 0.94, 0.97, 0.99], valAccuracy: [0.91, 0.93, 0.95, 0.96] });
    const m = new Map([[0, c]]);
    for (const mode of SCALE_MODES) {
      expect(plain(yAxis(trialCurveOption(c, trial(0), 'accuracy', mode, ranges)))).toEqual(plain(yAxis(trialCurveOption(c, trial(0), 'accuracy', mode))));
      expect(curvesScale(m, 'accuracy', mode, ranges)).toEqual(curvesScale(m, 'accuracy', mode));
    }
    expect(yAxis(trialCurveOption(c, trial(0), 'accuracy', 'auto', ranges)).min).toBeCloseTo(0.9, 12);
  });
});

describe('searches compared stay within the metric\'s bounds', () => {
  const summary = (id: number, metric: SearchSummary['metric'], direction: SearchSummary['direction']): SearchSummary => searchSummary(id, { metric, direction, plannedTrials: 10, finished: 10 });
  const searchOf = (s: SearchSummary, objectives: number[]): ComparedSearch => ({
    summary: s, budget: { trials: null, seconds: null, noImprovement: null },
    trials: objectives.map((objective, number) => ({ number, status: 'complete', objective, seconds: number + 1 })), wallSeconds: objectives.length, runningSeconds: objectives.length, best: null, settings: {},
  });
  const compared = (metric: SearchSummary['metric'], direction: SearchSummary['direction'], ...objectives: number[][]): SearchComparison => ({
    searches: objectives.map((o, i) => searchOf(summary(i + 1, metric, direction), o)), metric: { metric, direction }, chance: null, comparable: [metric], basisNote: null, mismatch: null, otherData: null, otherRows: null,
  });

  it('R²: one search near 1, one with trials that diverged to −7; the axis never passes 1 (it drew −8 to 2)', () => {
    // The audit's search 7, split in two: the sound trials and the diverged ones.
    const c = compared('val_r2', 'maximize', [0.967, 0.9846, 0.9739, 0.9767, 0.9808, 0.9887, 0.9883, 0.9915, 0.9882, 0.9852, 0.9905], [-7.3787, -7.2454, -2.5336, -6.7943, -7.2585, -7.3321, -7.1949, -7.3192, -6.2827]);
    const old = comparisonScale(c, 'auto');
    expect([old.min, old.max]).toEqual([-8, 2]);
    for (const mode of SCALE_MODES) {
      const scale = comparisonScale(c, mode, ranges);
      expect(scale.max).toBeLessThanOrEqual(1);
      expect(yAxis(compareBestOption(c, scale, 'trials')).max).toBeLessThanOrEqual(1);
      expect(yAxis(compareDistributionOption(c, scale)).max).toBeLessThanOrEqual(1);
    }
    // As on each search's own charts: the good range, the diverged trials at the bottom edge and counted.
    const scale = comparisonScale(c, 'auto', ranges);
    expect(scale.min).toBeGreaterThan(0.9);
    expect(scale.below).toBe(9);
  });

  it('accuracy: searches whose every trial reached 1 end the axis at 1 (it drew to 1.1)', () => {
    const c = compared('val_accuracy', 'maximize', [1, 1, 1], [1, 1]);
    expect(comparisonScale(c, 'auto').max).toBeGreaterThan(1);
    const scale = comparisonScale(c, 'auto', ranges);
    expect(scale.max).toBe(1);
    expect(yAxis(compareDistributionOption(c, scale))).toMatchObject({ max: 1 });
    expect([scale.below, scale.above]).toEqual([0, 0]);
  });

  it('losses well inside their bounds compare as they did', () => {
    const c = compared('val_loss', 'minimize', [0.5, 0.3, 0.4], [0.2, 1000]);
    for (const mode of SCALE_MODES) expect(comparisonScale(c, mode, ranges)).toEqual(comparisonScale(c, mode));
  });
});

describe('the seed spread stays within the metric\'s bounds', () => {
  const spread = (metric: SeedSpread['metric'], direction: SeedSpread['direction'], objectives: number[], ci: [number, number]): SeedSpread => {
    const mean = objectives.reduce((a, b) => a + b, 0) / objectives.length;
    return {
      searchId: 9, parentId: 3, status: 'complete', unfinished: [], metric, direction, seeds: objectives.length, splitSeeds: false, originalBest: 12, beatenBy: null, pooledSd: 0.01, done: objectives.length, total: objectives.length,
      sentences: [],
      configs: [{ config: 0, trial: 12, knobs: {}, originalObjective: objectives[0], objectives, trials: objectives.map((_, i) => i), failed: 0, n: objectives.length, mean, sd: 0.02, ci, rank: 1 }],
    };
  };
  const xAxis = (o: ChartOption): Axis => o.xAxis as Axis;

  it('accuracy seeds at 0.96–1 (the interval cut at 1 by the engine): the axis ends at 1, not 1.02', () => {
    const s = spread('val_accuracy', 'maximize', [0.96, 0.98, 1], [0.93, 1]);
    expect(xAxis(seedSpreadOption(s)).max).toBeGreaterThan(1);
    const x = xAxis(seedSpreadOption(s, ranges));
    expect(x.max).toBe(1);
    expect(x.min).toBeLessThanOrEqual(0.93);
  });

  it('losses near 0: the axis starts at 0, not −0.05; a spread far from 0 is as it was', () => {
    const s = spread('val_loss', 'minimize', [0.001, 0.05, 0.1], [0, 0.2]);
    expect(xAxis(seedSpreadOption(s)).min).toBeLessThan(0);
    expect(xAxis(seedSpreadOption(s, ranges)).min).toBe(0);
    const far = spread('val_loss', 'minimize', [0.2, 0.21, 0.22], [0.185, 0.235]);
    expect(plain(xAxis(seedSpreadOption(far, ranges)))).toEqual(plain(xAxis(seedSpreadOption(far))));
  });
});
