import { describe, expect, it } from 'vitest';
import type { PushEvent, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { applyEpochs, curveMap, overlayMap } from '../../src-renderer/src/charts/curves';
import { canDrawAgainstTime, compareCurvesOption, curveMetricOf, curveMetrics, curvesOption, curvesScale, FEW_CURVES, trialCurveEmpty, trialCurveOption, trialNames } from '../../src-renderer/src/charts/curveOptions';
import { trialOfItem, type TrialItem } from '../../src-renderer/src/charts/echarts';
import { bestSoFarOption, classBalanceOption, knobAxes, knobScatterOption, linesOpacity, COLOUR_BANDS, pairByImportance, pairScatterOption, parallelOption, rampColour, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { optionTables } from '../../src-renderer/src/charts/table';
import { objectiveScale, type ScaleMode } from '../../src-renderer/src/charts/scale';
import { bestTrials, bestValueNote, configDiff, filterTrials, fmt, fmtColumn, mergeTrials, noFilter, progress } from '../../src-renderer/src/charts/trials';
import { FAILED_TRIAL_STATUSES, finishedCount } from '../../src-core/vocabulary';
import { trialSummary } from '../helpers/trials';
import { packOverlay } from '../helpers/overlay';

const trial = (number: number, objective: number | null, round = 1, knobs: Record<string, unknown> = { lr: 0.01 }, extra: Partial<TrialSummary> = {}): TrialSummary =>
  trialSummary(number, { round, status: objective === null ? 'failed' : 'complete', knobs, objective, ...extra });
const columns = (trial: number[], epoch: number[], valLoss: number[], fold = trial.map(() => 0)) => ({
  trial, fold, epoch, trainLoss: valLoss.map((v) => v + 0.1), valLoss, trainAccuracy: valLoss.map(() => null), valAccuracy: valLoss.map(() => null), valBalancedAccuracy: valLoss.map(() => null), valRmse: valLoss.map(() => null), valMae: valLoss.map(() => null), valR2: valLoss.map(() => null),
  lr: valLoss.map(() => 0.1), seconds: valLoss.map(() => 0.5),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- option data of many shapes
type Series = { type: string; data: any[]; name: string; markArea?: { data: unknown[] }; lineStyle?: { width: number } };

describe('curves kept by trial', () => {
  it('groups the overlay by trial with unknown train values, which pushed epochs then fill', () => {
    const m = overlayMap(packOverlay([
      { trial: 0, epoch: [1, 2], valLoss: [0.875, 0.75], valAccuracy: [0.5, 0.625], seconds: [0.25, 0.5] },
      { trial: 1, epoch: [1], valLoss: [0.6875], valAccuracy: [null], seconds: [null] },
    ]));
    expect(m.get(0)).toEqual({
      epoch: [1, 2], valLoss: [0.875, 0.75], valAccuracy: [0.5, 0.625], trainLoss: [null, null], trainAccuracy: [null, null], lr: [null, null], seconds: [0.25, 0.5],
      // A column missing on the whole page comes as '': every value missing, one per epoch.
      valBalancedAccuracy: [null, null], valRmse: [null, null], valMae: [null, null], valR2: [null, null],
    });
    expect(m.get(1)!.seconds).toEqual([null]);
    applyEpochs(m, 3, [{ type: 'epoch', searchId: 3, trialId: 9, number: 0, epoch: 3, fold: 0, trainLoss: 0.6, valLoss: 0.7, trainAccuracy: 0.7, valAccuracy: 0.65, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.01, seconds: 0.1 }]);
    expect(m.get(0)!.trainLoss).toEqual([null, null, 0.6]);
    // Every column its own array: a push to one reaches no other column or trial.
    expect([m.get(0)!.trainAccuracy, m.get(0)!.lr, m.get(0)!.valRmse, m.get(1)!.trainLoss, m.get(1)!.lr]).toEqual([[null, null, 0.7], [null, null, 0.01], [null, null, null], [null], [null]]);
    expect(m.get(1)).toMatchObject({ epoch: [1], valLoss: [0.6875], valAccuracy: [null] });
  });

  it('groups the contract\'s columns by trial, fold 0 only', () => {
    const m = curveMap(columns([0, 0, 0, 1], [1, 2, 1, 1], [0.9, 0.8, 0.85, 0.7], [0, 0, 1, 0]));
    expect([...m.keys()]).toEqual([0, 1]);
    expect(m.get(0)!.epoch).toEqual([1, 2]);
    expect(m.get(0)!.valLoss).toEqual([0.9, 0.8]);
  });

  it('appends pushed epochs of its own search, ignores repeats and other searches, drops a restarted trial', () => {
    const m = curveMap(columns([0], [1], [0.9]));
    const ep = (searchId: number, number: number, epoch: number, valLoss: number): PushEvent => ({
      type: 'epoch', searchId, trialId: 1, number, epoch, fold: 0, trainLoss: 1, valLoss, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.1, seconds: 0.1,
    });
    expect(applyEpochs(m, 7, [ep(7, 0, 2, 0.8), ep(7, 0, 2, 0.8), ep(8, 0, 3, 0.1), ep(7, 1, 1, 0.5)])).toBe(true);
    expect(m.get(0)!.valLoss).toEqual([0.9, 0.8]);
    expect(m.get(1)!.epoch).toEqual([1]);
    expect(applyEpochs(m, 7, [{ type: 'trialStarted', searchId: 7, trialId: 2, number: 1, round: 1, knobs: {} }])).toBe(true);
    expect(m.has(1)).toBe(false);
    expect(applyEpochs(m, 7, [ep(8, 0, 9, 0.1)])).toBe(false);
  });
});

describe('chart option builders (pure functions)', () => {
  /** An objective view with the scale decided from the trials, as the search store builds it. */
  const view = (trials: TrialSummary[], direction: 'minimize' | 'maximize' = 'minimize', metric = 'val_loss', mode: ScaleMode = 'auto'): ObjectiveView =>
    ({ metric, direction, scale: objectiveScale(trials.map((t) => t.objective), mode) });
  const trialsOf = (s: Series): number[] => s.data.map((d) => trialOfItem(d)!);

  it('best so far steps down for minimize; every dot carries its trial number; failed trials sit at the worst edge, counted in the legend', () => {
    const ts = [trial(0, 0.5), trial(1, null, 1, {}, { status: 'diverged' }), trial(2, 0.7), trial(3, 0.2)];
    const o = bestSoFarOption(ts, view(ts));
    const [dots, line, failed] = o.series as Series[];
    expect(trialsOf(dots)).toEqual([0, 2, 3]);
    expect(line.data).toEqual([[0, 0.5], [2, 0.5], [3, 0.2]]);
    expect(failed.name).toBe('failed / diverged (1)');
    const y = o.yAxis as { max: number; min: number };
    expect(failed.data).toEqual([{ value: [1, y.max], trial: 1, name: 'trial 1: diverged' }]);
    const up = bestSoFarOption([trial(0, 0.5), trial(1, 0.9)], view([trial(0, 0.5), trial(1, 0.9)], 'maximize', 'val_accuracy'));
    expect((up.series as Series[])[1].data).toEqual([[0, 0.5], [1, 0.9]]);
    // Maximize: a failed trial goes to the bottom edge.
    const ups = [trial(0, 0.5), trial(1, null, 1, {}, { status: 'failed' })];
    const down = bestSoFarOption(ups, view(ups, 'maximize'));
    expect(((down.series as Series[])[2].data[0] as TrialItem).value[1]).toBe((down.yAxis as { min: number }).min);
  });

  it('best so far with two blown-up trials (126, 415) among ten at 0.09–0.45: the useful ones fill the axis, the two sit at its top edge, counted', () => {
    const ts = [0.12, 0.3, 0.09, 0.45, 126, 0.2, 415, 0.15, 0.25, 0.18, 0.33, 0.11].map((v, i) => trial(i, v));
    const o = bestSoFarOption(ts, view(ts));
    // Quartiles 0.1425 and 0.36 (hand-computed), far-out fence 0.36 + 3 × 0.2175 = 1.01: the robust range is 0.09–0.45, on round ends 0–0.5.
    expect(o.yAxis).toMatchObject({ type: 'value', min: 0, max: 0.5 });
    const [dots, , clipped] = o.series as Series[];
    expect(trialsOf(dots)).toEqual([0, 1, 2, 3, 5, 7, 8, 9, 10, 11]);
    expect(clipped.name).toBe('beyond the axis (2)');
    expect(trialsOf(clipped)).toEqual([4, 6]);
    expect(clipped.data.map((d) => (d as TrialItem).value[1])).toEqual([0.5, 0.5]);
    // The user's choices: log over every value, or linear over every value.
    expect(bestSoFarOption(ts, view(ts, 'minimize', 'val_loss', 'log')).yAxis).toMatchObject({ type: 'log', min: 0.01, max: 1000 });
    expect(bestSoFarOption(ts, view(ts, 'minimize', 'val_loss', 'linear')).yAxis).toMatchObject({ type: 'value', min: 0, max: 500 });
  });

  it('best so far over objectives spread across decades (0.07 to 126, no gap): a log axis', () => {
    const ts = [0.07, 0.09, 0.2, 0.5, 1.1, 2.7, 3.1, 8, 14, 29, 39, 73, 126].map((v, i) => trial(i, v));
    expect(bestSoFarOption(ts, view(ts)).yAxis).toMatchObject({ type: 'log', min: 0.01, max: 1000 });
  });

  it('curves, few trials: a coloured line per trial (items carrying its number) with a legend, the selected one on top, best-epoch and early-stop markers, log extent to whole decades', () => {
    const m = curveMap(columns([0, 0, 0, 1, 1], [1, 2, 3, 1, 2], [0.9, 0.5, 0.6, 0.7, 0.004]));
    const trials = [trial(0, 0.5, 1, {}, { bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' }), trial(1, 0.004, 1, {}, { bestEpoch: 2, stoppedEpoch: 2 })];
    const o = curvesOption(m, trials, 1, 'loss', curvesScale(m, 'loss', 'log'));
    const [a, b, best, stops] = o.series as (Series & { lineStyle: { color: string; width: number } })[];
    expect([a.type, b.type, a.name, b.name]).toEqual(['line', 'line', 'trial 0', 'trial 1']);
    expect(a.data.map((d) => d.value)).toEqual([[1, 0.9], [2, 0.5], [3, 0.6]]);
    expect(b.data.map((d) => d.value)).toEqual([[1, 0.7], [2, 0.004]]);
    expect([trialsOf(a)[0], trialsOf(b)[0]]).toEqual([0, 1]);
    expect(a.lineStyle.color).not.toBe(b.lineStyle.color);
    expect([a.lineStyle.width, b.lineStyle.width]).toEqual([1.5, 3]);
    expect(best.data.map((d) => d.value)).toEqual([[2, 0.5], [2, 0.004]]);
    expect(trialsOf(best)).toEqual([0, 1]);
    expect(stops.data.map((d) => d.value)).toEqual([[3, 0.6]]);
    expect((o.legend as { data: string[] }[])[1].data).toEqual(['trial 0', 'trial 1']);
    // The marks' legend is plain, so at a narrow width it wraps (Chart moves the grid down) and never hides a count behind a pager.
    expect((o.legend as { type: string }[]).map((l) => l.type)).toEqual(['plain', 'scroll']);
    const y = o.yAxis as { type: string; min: number; max: number };
    expect([y.type, y.min, y.max]).toEqual(['log', 0.001, 1]);
    expect((o.xAxis as { max: number }).max).toBe(3);
  });

  it('curves, few trials: the legend names the knob values that differ, as readable labels', () => {
    const m = curveMap(columns([0, 1, 2], [1, 1, 1], [0.9, 0.5, 0.6]));
    const knobs = [{ activation: 'sigmoid', init: { init: 'normal', initScale: 1 } }, { activation: 'sigmoid', init: 'he_normal' }, { activation: 'relu', init: 'he_normal' }];
    const o = curvesOption(m, knobs.map((k, i) => trial(i, 0.5, 1, k)), null, 'loss', curvesScale(m, 'loss'));
    expect((o.legend as { data: string[] }[])[1].data).toEqual(['trial 0 · sigmoid · N(0, 1)', 'trial 1 · sigmoid · He normal', 'trial 2 · ReLU · He normal']);
    expect(trialNames([trial(0, 1, 1, { lr: 0.1, l2: 1e-4 }), trial(1, 1, 1, { lr: 0.1, l2: 1e-6 })]).get(1)).toBe('trial 1 · 1e-6');
  });

  it('curves, many trials: one polyline per trial (carrying its number) in a single series, the selected one drawn on top', () => {
    const trials = Array.from({ length: FEW_CURVES + 1 }, (_, i) => trial(i, 0.5));
    const m = curveMap(columns(trials.flatMap((t) => [t.number, t.number]), trials.flatMap(() => [1, 2]), trials.flatMap((t) => [0.9, 0.5 - t.number / 100])));
    const series = curvesOption(m, trials, 3, 'loss', curvesScale(m, 'loss')).series as Series[];
    expect(series[0].type).toBe('lines');
    expect(trialsOf(series[0])).toEqual(trials.map((t) => t.number));
    expect(series.at(-1)!.data).toEqual([[1, 0.9], [2, 0.47]]);
  });

  it('curves: a diverged trial\'s exploding values are drawn at the top edge and the trial gets a red cross there', () => {
    const m = curveMap(columns([0, 0, 0, 1, 1, 1, 2, 2, 3, 3], [1, 2, 3, 1, 2, 3, 1, 2, 1, 2], [0.9, 0.5, 0.4, 0.8, 0.45, 0.3, 1.2, 0.7, 2, 1e30]));
    const trials = [trial(0, 0.4), trial(1, 0.3), trial(2, 0.7), trial(3, null, 1, {}, { status: 'diverged', stoppedEpoch: 2 })];
    const scale = curvesScale(m, 'loss');
    expect(scale.above).toBe(1);
    const o = curvesOption(m, trials, null, 'loss', scale);
    const line = (o.series as Series[])[3];
    expect(line.data.map((d) => d.value)).toEqual([[1, 2], [2, scale.max]]);
    const failed = (o.series as Series[]).find((s) => s.name === 'failed / diverged (1)')!;
    expect(failed.data).toEqual([{ value: [2, scale.max], trial: 3, name: 'trial 3: diverged at epoch 2' }]);
  });

  it('curves: more than 300 trials go as one flat typed array of polylines (points, x, y, …)', () => {
    const trials = Array.from({ length: 301 }, (_, i) => trial(i, 0.5));
    const m = curveMap(columns(trials.flatMap((t) => [t.number, t.number]), trials.flatMap(() => [1, 2]), trials.flatMap(() => [0.9, 0.5])));
    const data = (curvesOption(m, trials, null, 'loss', curvesScale(m, 'loss')).series as Series[])[0].data as unknown as Float64Array;
    expect(data).toBeInstanceOf(Float64Array);
    expect(data.length).toBe(301 * 5);
    expect(Array.from(data.slice(0, 10))).toEqual([2, 1, 0.9, 2, 0.5, 2, 1, 0.9, 2, 0.5]);
  });

  it('curves: the flat array holds each drawn curve in trial order, whatever order the map has, gaps left out, a lone point twice, clipped values at the edge', () => {
    // 305 curves of two epochs, inserted backwards; trial 7 has one value (a lone point), 8 none (not drawn), 9 a gap and a blow-up.
    const numbers = Array.from({ length: 305 }, (_, i) => 304 - i);
    const rows = numbers.flatMap((t) => (t === 7 ? [[t, 1, 0.6]] : t === 8 ? [[t, 1, Number.NaN], [t, 2, Number.NaN]] : t === 9 ? [[t, 1, 0.7], [t, 2, Number.NaN], [t, 3, 1e30]] : [[t, 1, 0.9], [t, 2, 0.5]]));
    const m = curveMap(columns(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])));
    const scale = curvesScale(m, 'loss');
    expect(scale.above).toBe(1);
    const o = curvesOption(m, [], 9, 'loss', scale);
    const flat = Array.from((o.series as Series[])[0].data as unknown as Float64Array);
    // Split [points, x, y, …, points, …] back into curves.
    const drawn: number[][][] = [];
    for (let i = 0; i < flat.length; i += 1 + 2 * flat[i]) drawn.push(Array.from({ length: flat[i] }, (_, k) => [flat[i + 1 + 2 * k], flat[i + 2 + 2 * k]]));
    expect(drawn).toHaveLength(304);
    expect(drawn.slice(6, 10)).toEqual([[[1, 0.9], [2, 0.5]], [[1, 0.6], [1, 0.6]], [[1, 0.7], [3, scale.max]], [[1, 0.9], [2, 0.5]]]);
    expect(drawn.every((c, i) => i === 7 || c.length === 2)).toBe(true);
    // The selected trial drawn on top from the same points.
    expect((o.series as Series[]).at(-1)!.data).toEqual([[1, 0.7], [3, scale.max]]);
  });

  it('the scale of a typed array (NaN missing) is the scale of the same values with nulls', () => {
    const raw = [0.9, null, 0.5, 1e30, 0.45, null, 0.3, 2, 0.41, 0.38];
    for (const mode of ['auto', 'robust', 'log', 'linear'] as ScaleMode[]) {
      expect(objectiveScale(Float64Array.from(raw, (v) => v ?? NaN), mode)).toEqual(objectiveScale(raw, mode));
      // An iterable of unknown length (grown as it goes: past its first 64 values here).
      const long = Array.from({ length: 200 }, (_, i) => raw[i % raw.length]);
      expect(objectiveScale((function* () { yield* long; })(), mode)).toEqual(objectiveScale(long, mode));
    }
  });

  it('curves: missing values are left out; on a forced log axis a zero sits at the bottom edge', () => {
    const m = curveMap(columns([0, 0, 0], [1, 2, 3], [0.5, 0, Number.NaN]));
    const scale = curvesScale(m, 'loss', 'log');
    const line = (curvesOption(m, [], null, 'loss', scale).series as { data: { value: number[] }[] }[])[0];
    expect(line.data.map((d) => d.value)).toEqual([[1, 0.5], [2, scale.min]]);
    expect(scale.below).toBe(1);
  });

  it('knob scatter: log axis for log knobs, a series per round of items carrying their trials, later rounds\' boxes shaded, failed trials at the worst edge', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], [
      { round: 1, box: { lr: { low: 1e-4, high: 1 }, opt: { values: ['a', 'b'] } } },
      { round: 2, box: { lr: { low: 1e-3, high: 1e-2 }, opt: { values: ['a'] } } },
    ]);
    expect(axes[0]).toMatchObject({ name: 'lr', log: true, categorical: false });
    expect(axes[1].categorical).toBe(true);
    const trials = [trial(0, 0.5, 1, { lr: 0.1, opt: 'a' }), trial(1, 0.3, 2, { lr: 0.005, opt: 'a' }), trial(2, null, 2, { lr: 0.9, opt: 'b' }, { status: 'diverged' })];
    const o = knobScatterOption(trials, axes[0], view(trials));
    expect((o.xAxis as { type: string }).type).toBe('log');
    // Six decades of ticks in a small panel: compact labels, not "0.0000001" running into "0.000001".
    const tick = (o.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([1e-7, 1e-6, 1e-4, 0.001, 0.1, 1, 300].map(tick)).toEqual(['1e-7', '1e-6', '1e-4', '0.001', '0.1', '1', '300']);
    const series = o.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['round 1', 'round 2', 'failed / diverged (1)']);
    expect(series.map(trialsOf)).toEqual([[0], [1], [2]]);
    expect(series[2].data[0]).toMatchObject({ value: [0.9, (o.yAxis as { max: number }).max] });
    expect(series[1].markArea?.data).toEqual([[{ xAxis: 1e-3 }, { xAxis: 1e-2 }]]);
    expect(series[0].markArea?.data).toEqual([]);
    expect((o.legend as { data: string[] }).data).toEqual(['failed / diverged (1)']);
    const cat = knobScatterOption(trials, axes[1], view(trials)).xAxis as { type: string }[];
    expect(cat.map((a) => a.type), 'a categorical knob: its category axis, and the hidden value axis its strips are drawn on').toEqual(['category', 'value']);
  });

  it('knob scatter with the forest\'s marginal: a line over a numeric knob\'s dots, a bar across each strip of a categorical one, on the shared scale, named in words', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], []);
    const trials = [trial(0, 0.5, 1, { lr: 0.1, opt: 'a' }), trial(1, 0.3, 1, { lr: 0.005, opt: 'b' }), trial(2, 0.1, 1, { lr: 0.01, opt: 'a' })];
    const v = view(trials, 'minimize', 'val_loss', 'linear');
    const o = knobScatterOption(trials, axes[0], v, { at: [1e-3, 1e-2, 1e-1], value: [0.4, 0.15, 50], sd: [0, 0.04, 0], failed: [0, 0, 0], failedOverall: 0 }, true);
    const line = (o.series as (Series & { lineStyle: { color: string } })[]).find((x) => x.name === 'forest marginal')!;
    expect(line.type).toBe('line');
    // 50 lies beyond the axis: drawn at its edge, as every value beyond it is.
    expect(line.data.map((d) => d.value)).toEqual([[1e-3, 0.4], [1e-2, 0.15], [1e-1, v.scale.max]]);
    expect(line.data[1].name).toBe('lr 0.01: the forest predicts val_loss 0.15 here (± 0.04 over the trees), the other knobs averaged');
    expect(line.data[0].name).toBe('lr 0.001: the forest predicts val_loss 0.4 here, the other knobs averaged');
    expect(line.lineStyle.color).toBe('#e6e6e6');
    // Said by the note above the charts, not in each legend (a fourth entry wrapped onto the plot).
    expect(o.legend).toEqual({ show: false });
    const cat = knobScatterOption(trials, axes[1], v, { at: ['b', 'a'], value: [0.3, 0.2], sd: [0, 0], failed: [0, 0], failedOverall: 0 });
    const bars = (cat.series as (Series & { symbol: string; xAxisIndex: number })[]).find((x) => x.name === 'forest marginal')!;
    // On the strips' hidden axis, where category i is drawn at i ('a' first: the trials' order).
    expect(bars).toMatchObject({ type: 'scatter', symbol: 'rect', xAxisIndex: 1 });
    expect(bars.data.map((d) => d.value)).toEqual([[1, 0.3], [0, 0.2]]);
    // The objective's axis at the plot's left edge, not through the first strip (where the hidden axis is 0).
    expect((cat.yAxis as { axisLine: { onZero: boolean } }).axisLine.onZero).toBe(false);
    // A knob of lists (hidden layers' widths): the marginal's points are the lists themselves and find their strips (as "32,16,8" they found none).
    const [layers] = knobAxes([{ name: 'hiddenLayers', type: 'categorical', log: false }], []);
    const shaped = trials.map((t, i) => ({ ...t, knobs: { hiddenLayers: [[8], [16, 16], [8]][i] } }));
    const widths = (knobScatterOption(shaped, layers, v, { at: [[8], [16, 16]], value: [0.3, 0.2], sd: [0, 0], failed: [0, 0], failedOverall: 0 }).series as Series[]).find((x) => x.name === 'forest marginal')!;
    expect(widths.data.map((d) => [d.value, d.name.split(':')[0]])).toEqual([[[0, 0.3], 'hiddenLayers [8]'], [[1, 0.2], 'hiddenLayers [16, 16]']]);
    // A knob of a few grid values, drawn as strips: a bar at each value, the marginal at the point nearest it.
    const [batch] = knobAxes([{ name: 'batchSize', type: 'int', log: false, low: 16, high: 64, step: 16 }], []);
    const at = Array.from({ length: 24 }, (_, i) => 16 + (i + 0.5) * 2);
    const stepped = knobScatterOption(trials.map((t, i) => ({ ...t, knobs: { batchSize: 16 * (i + 1) } })), batch, v, { at, value: at.map((x) => 0.1 + x / 1000), sd: at.map(() => 0), failed: at.map(() => 0), failedOverall: 0 });
    const marks = (stepped.series as (Series & { symbol: string })[]).find((x) => x.name === 'forest marginal')!;
    expect(marks.symbol).toBe('rect');
    // Nearest points to 16, 32, 48 and 64: 17, 31 (then 33: the first nearest kept), 47 and 63.
    expect(marks.data.map((d) => [d.value[0], Number(d.value[1].toFixed(6))])).toEqual([[16, 0.117], [32, 0.131], [48, 0.147], [64, 0.163]]);
    // No marginal (importance has no answer yet): no line, no legend entry.
    expect((knobScatterOption(trials, axes[0], v, { at: [], value: [], sd: [], failed: [], failedOverall: 0 }).series as Series[]).some((x) => x.name === 'forest marginal')).toBe(false);
  });

  it('a marginal goes on dashed and faint where far more trials near it failed or diverged than across the search, and says so; a bar there is faint', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], []);
    const trials = [trial(0, 0.5, 1, { lr: 0.1, opt: 'a' }), trial(1, 0.3, 1, { lr: 0.005, opt: 'b' })];
    const v = view(trials, 'minimize', 'val_loss', 'linear');
    // A tenth of the search failed. Fades (local − 0.1) / 0.9: 0, 0.11, 0, 0.56, 0.97, 0.22: points 3 and 4 are dashed, point 1 says so.
    const m = { at: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1], value: [0.5, 0.45, 0.4, 0.35, 0.35, 0.4], sd: [0, 0, 0, 0, 0, 0], failed: [0, 0.2, 0.05, 0.6, 0.97, 0.3], failedOverall: 0.1 };
    const series = knobScatterOption(trials, axes[0], v, m).series as (Series & { lineStyle: { type?: string; opacity?: number } })[];
    const solid = series.find((x) => x.name === 'forest marginal')!;
    const dashed = series.find((x) => x.name === 'forest marginal (where far more trials failed)')!;
    // The solid line stops short of them ('-': a gap); the dashed one runs from their neighbour on each side, so the two meet.
    expect(solid.data.map((d) => d.value[1])).toEqual([0.5, 0.45, 0.4, '-', '-', 0.4]);
    expect(dashed.data.map((d) => d.value[1])).toEqual(['-', '-', 0.4, 0.35, 0.35, 0.4]);
    expect(dashed.data.map((d) => d.value[0])).toEqual(m.at);
    expect(dashed.lineStyle).toMatchObject({ type: 'dashed', opacity: 0.45 });
    expect(solid.lineStyle.type).toBeUndefined();
    expect(dashed.data[4].name).toBe('lr 0.1: the forest predicts val_loss 0.35 here, the other knobs averaged; but about 97% of the trials near here failed or diverged (10% across the search), which the forest never saw');
    expect(solid.data[1].name).toBe('lr 1e-4: the forest predicts val_loss 0.45 here, the other knobs averaged; but about 20% of the trials near here failed or diverged (10% across the search), which the forest never saw');
    expect(solid.data[2].name).toBe('lr 0.001: the forest predicts val_loss 0.4 here, the other knobs averaged');
    // Half the search failed, and about half near every point (a knob that does not decide it): one solid line, nothing said.
    const even = knobScatterOption(trials, axes[0], v, { ...m, failed: m.failed.map(() => 0.5), failedOverall: 0.5 }).series as Series[];
    expect(even.filter((x) => x.name.startsWith('forest marginal'))).toHaveLength(1);
    expect(even.find((x) => x.name === 'forest marginal')!.data[4].name).toBe('lr 0.1: the forest predicts val_loss 0.35 here, the other knobs averaged');
    // A categorical knob: the bar of a value where far more failed is faint.
    const bars = (knobScatterOption(trials, axes[1], v, { at: ['a', 'b'], value: [0.3, 0.2], sd: [0, 0], failed: [0.9, 0], failedOverall: 0.2 }).series as Series[]).find((x) => x.name === 'forest marginal')!;
    expect(bars.data.map((d) => d.itemStyle?.opacity)).toEqual([0.35, undefined]);
  });

  it('the pair chart opens on the two most important knobs the surface can shade, in the space\'s order', () => {
    const axes = knobAxes([
      { name: 'lr', type: 'float', log: true, low: 1e-5, high: 1 }, { name: 'depth', type: 'int', log: false, low: 1, high: 4, step: 1 },
      { name: 'optimizer', type: 'categorical', log: false }, { name: 'dropout', type: 'float', log: false, low: 0, high: 0.6 }, { name: 'l2', type: 'float', log: true, low: 1e-7, high: 0.1 },
    ], []);
    const imp = (names: string[]) => ({ knobs: names.map((name, i) => ({ name, importance: 1 - i / 10, std: 0, marginal: { at: [], value: [], sd: [], failed: [], failedOverall: 0 } })), reason: null });
    // optimizer (categorical) and depth (four values, drawn as strips) cannot be shaded: l2 and dropout, in the space's order.
    expect(pairByImportance(axes, imp(['optimizer', 'depth', 'l2', 'dropout', 'lr']))).toEqual(['dropout', 'l2']);
    expect(pairByImportance(axes, imp(['lr', 'l2', 'dropout']))).toEqual(['lr', 'l2']);
    expect(pairByImportance(axes, { ...imp(['lr', 'l2']), reason: 'importance needs at least 4 trials with a result (2 so far)' })).toBeNull();
    expect(pairByImportance(axes, imp(['optimizer', 'lr']))).toBeNull();
    expect(pairByImportance(axes, null)).toBeNull();
  });

  it('where a marginal is best, as the importance chart writes it', async () => {
    const { bestNearText } = await import('../../src-core/analysis/marginal');
    const bestNear = (m: { at: (number | string)[]; value: number[]; sd: number[]; failed: number[]; failedOverall: number }, direction: 'minimize' | 'maximize', type?: string) => bestNearText(m, direction, type);
    const k = (at: (number | string)[], value: number[], failed = value.map(() => 0)) => ({ at, value, sd: value.map(() => 0), failed, failedOverall: 0 });
    expect(bestNear(k([1e-4, 3.16e-3, 0.1], [0.5, 0.2, 0.9]), 'minimize')).toBe('≈ 0.0032');
    expect(bestNear(k([1e-4, 3.16e-3, 0.1], [0.5, 0.2, 0.9]), 'maximize')).toBe('≈ 0.1');
    expect(bestNear(k([3.16e-5, 1], [0.1, 0.2]), 'minimize')).toBe('≈ 3.2e-5');
    expect(bestNear(k([4.4, 15.6, 64.2], [0.5, 0.2, 0.3]), 'minimize', 'int')).toBe('≈ 16');
    expect(bestNear(k(['sgd', 'adam'], [0.5, 0.2]), 'minimize')).toBe('Adam');
    expect(bestNearText({ at: [[8], [32, 16, 8]], value: [0.5, 0.2], sd: [0, 0], failed: [0, 0], failedOverall: 0 }, 'minimize')).toBe('[32, 16, 8]');
    expect(bestNear(k([], []), 'minimize')).toBe('');
    // The lowest point lies where most trials near it diverged (the forest never saw them, its value there is carried over): the next lowest.
    expect(bestNear(k([1e-4, 1e-2, 0.3, 1], [0.5, 0.3, 0.2, 0.2], [0, 0.1, 0.5, 0.9]), 'minimize')).toBe('≈ 0.01');
    // Where every point lies so, the lowest still.
    expect(bestNear(k([0.3, 1], [0.3, 0.2], [0.6, 0.9]), 'minimize')).toBe('≈ 1');
    // As many failed near it as across the search (60%): not passed over.
    expect(bestNear({ ...k([1e-4, 1e-2, 0.3], [0.5, 0.3, 0.2], [0.6, 0.6, 0.6]), failedOverall: 0.6 }, 'minimize')).toBe('≈ 0.3');
  });

  it('pair scatter: coloured by objective on the shared scale (ramp reversed for maximize) or by round with boxes; failed trials as crosses outside the colour scale', () => {
    const [lr, units] = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'units', type: 'int', log: false }], [
      { round: 2, box: { lr: { low: 0.01, high: 0.1 }, units: { low: 8, high: 16 } } },
    ]);
    const trials = [trial(0, 0.5, 1, { lr: 0.3, units: 4 }), trial(1, 0.2, 2, { lr: 0.05, units: 10 }), trial(2, null, 2, { lr: 0.02, units: 9 })];
    const v = view(trials);
    const byObjective = pairScatterOption(trials, lr, units, v, 'objective');
    const vm = byObjective.visualMap as { min: number; max: number; dimension: number; seriesIndex: number; inRange: { color: string[] } };
    expect([vm.min, vm.max, vm.dimension, vm.seriesIndex]).toEqual([v.scale.min, v.scale.max, 2, 0]);
    expect((byObjective.xAxis as { type: string }).type).toBe('log');
    const [dots, failed] = byObjective.series as Series[];
    expect(trialsOf(dots)).toEqual([0, 1]);
    expect(failed.name).toBe('failed / diverged (1)');
    expect(failed.data).toEqual([{ value: [0.02, 9], trial: 2, name: 'trial 2 (round 2): failed' }]);
    const maxi = pairScatterOption(trials, lr, units, view(trials, 'maximize', 'val_accuracy'), 'objective').visualMap as { inRange: { color: string[] } };
    expect(maxi.inRange.color).toEqual([...vm.inRange.color].reverse());
    const byRound = pairScatterOption(trials, lr, units, v, 'round').series as Series[];
    expect(byRound.map((s) => s.data.length)).toEqual([1, 1, 1]);
    expect(byRound[1].markArea?.data).toEqual([[{ xAxis: 0.01, yAxis: 8 }, { xAxis: 0.1, yAxis: 16 }]]);
    // On a log scale the colour dimension is log10 of the objective.
    const spread = [trial(0, 0.1, 1, { lr: 0.1, units: 4 }), trial(1, 100, 1, { lr: 0.2, units: 8 })];
    const logged = pairScatterOption(spread, lr, units, view(spread), 'objective');
    expect((logged.visualMap as { min: number; max: number })).toMatchObject({ min: -1, max: 2 });
    expect(((logged.series as Series[])[0].data as TrialItem[]).map((d) => d.value[2])).toEqual([-1, 2]);
  });

  it('pair scatter of thousands: the dots in colour bands of the ramp, each one shape, every trial once in the band of its value; the visual map a key only', () => {
    // The ramp's stops, and halfway between the first two: #1a9850 and #91cf60 average to (85.5, 179.5, 88), rounded.
    expect([rampColour(['#1a9850', '#91cf60'], 0), rampColour(['#1a9850', '#91cf60'], 1), rampColour(['#1a9850', '#91cf60'], 0.5)]).toEqual(['rgb(26,152,80)', 'rgb(145,207,96)', 'rgb(86,180,88)']);
    const [lr, units] = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'units', type: 'int', log: false }], []);
    const trials = Array.from({ length: 3000 }, (_, i) => trial(i, 0.1 + (i % 97) / 96, 1, { lr: 10 ** (-4 + (i % 31) / 10), units: 4 + (i % 60) }));
    trials.push(trial(3000, null, 1, { lr: 0.01, units: 8 }, { status: 'diverged' }));
    const v = view(trials);
    const o = pairScatterOption(trials, lr, units, v, 'objective');
    type Band = Series & { large?: boolean; itemStyle: { color: string } };
    const series = o.series as Band[];
    const bands = series.filter((b) => b.name === 'val_loss');
    // The scale's nice ends lie beyond the values: bands with no dot are left out.
    expect(bands.length).toBeGreaterThan(COLOUR_BANDS / 2);
    expect(bands.length).toBeLessThanOrEqual(COLOUR_BANDS);
    expect(bands.every((b) => b.large === true)).toBe(true);
    expect(bands.flatMap((b) => trialsOf(b)).sort((a, b) => a - b)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    const vm = o.visualMap as { min: number; max: number; seriesIndex: number[]; calculable: boolean; inRange: { color: string[] } };
    expect([vm.seriesIndex, vm.calculable]).toEqual([[], false]);
    // Each dot lies in its band's share of the scale, and the band takes the ramp's colour at its middle (minimized: green the low end).
    bands.forEach((b) => {
      const values = (b.data as TrialItem[]).map((d) => (d.value as number[])[2]);
      const k = Math.min(COLOUR_BANDS - 1, Math.floor(((values[0] - vm.min) / (vm.max - vm.min)) * COLOUR_BANDS));
      for (const x of values) expect(Math.min(COLOUR_BANDS - 1, Math.floor(((x - vm.min) / (vm.max - vm.min)) * COLOUR_BANDS))).toBe(k);
      expect(b.itemStyle.color).toBe(rampColour(vm.inRange.color, (k + 0.5) / COLOUR_BANDS));
    });
    expect(series.find((x) => x.name === 'failed / diverged (1)')!.data).toHaveLength(1);
    // Its data table is one table of every dot, as before the bands.
    const tables = optionTables(o);
    expect(tables.filter((t) => t.caption === 'val_loss').map((t) => t.rows.length)).toEqual([3000]);
  });

  it('parallel coordinates: an axis per knob (log where log-scaled) plus the objective on the shared scale; a line per finished trial carrying its number; failed trials dashed at the worst edge', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], []);
    const trials = [trial(0, 0.5, 1, { lr: 0.1, opt: 'adam' }), trial(1, null, 1, { lr: 0.2, opt: 'sgd' }, { status: 'diverged' }), trial(2, 0.3, 1, { lr: 0.01, opt: 'sgd' })];
    const v = view(trials);
    const o = parallelOption(trials, axes, v);
    expect((o.parallelAxis as { type: string; name: string }[]).map((a) => [a.name, a.type])).toEqual([['lr', 'log'], ['opt', 'category'], ['val_loss', 'value']]);
    const [ok, failed] = o.series as { data: { value: unknown[]; trial: number }[]; name: string }[];
    expect(ok.data.map((d) => [d.trial, d.value.slice(0, 3)])).toEqual([[0, [0.1, 'Adam', 0.5]], [2, [0.01, 'SGD', 0.3]]]);
    expect(failed.name).toBe('failed / diverged (1)');
    expect(failed.data).toEqual([{ name: 'trial 1: diverged', trial: 1, value: [0.2, 'SGD', v.scale.max] }]);
  });

  it('the curves overlay at scale: 1,200 curves fainter than 300, and their marks smaller', () => {
    const curvesOf = (n: number) => {
      const trial_: number[] = [];
      const epoch: number[] = [];
      const loss: number[] = [];
      for (let t = 0; t < n; t++) for (let e = 1; e <= 3; e++) {
        trial_.push(t);
        epoch.push(e);
        loss.push(1 / e + t / n);
      }
      return { m: curveMap(columns(trial_, epoch, loss)), trials: Array.from({ length: n }, (_, t) => trial(t, 1 / 3 + t / n, 1, { lr: 0.01 }, { bestEpoch: 3, stoppedEpoch: 3 })) };
    };
    type S = { name: string; symbolSize?: number; lineStyle?: { opacity: number } };
    const seriesOf = (n: number) => {
      const { m, trials } = curvesOf(n);
      return curvesOption(m, trials, null, 'loss', curvesScale(m, 'loss')).series as S[];
    };
    const small = seriesOf(301);
    const big = seriesOf(1200);
    const lines = (ss: S[]) => ss.find((s) => s.name === 'trials')!.lineStyle!.opacity;
    expect(lines(small)).toBeCloseTo(0.25, 2);
    expect(lines(big)).toBeCloseTo(0.125, 6);
    expect([lines(small), lines(big)]).toEqual([linesOpacity(301, 0.25, 0.05), linesOpacity(1200, 0.25, 0.05)]);
    expect(small.find((s) => s.name === 'best epoch')!.symbolSize).toBe(7);
    expect(big.find((s) => s.name === 'best epoch')!.symbolSize).toBe(4);
    expect(linesOpacity(10_000, 0.25, 0.05)).toBe(0.05);
  });

  it('parallel coordinates at scale: the best lines drawn last (on top), failed and pruned ones under the others, thousands of lines fainter', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }], []);
    const trials = [trial(0, 0.5), trial(1, 0.2), trial(2, 0.9), trial(3, null, 1, { lr: 0.1 }, { status: 'diverged' }), trial(4, 0.3), trial(5, 0.2)];
    type P = { data: { trial: number }[]; z: number; lineStyle: { opacity: number } };
    const [ok, failed] = parallelOption(trials, axes, view(trials)).series as P[];
    // Minimized: worst first; equal values in trial order.
    expect(ok.data.map((d) => d.trial)).toEqual([2, 0, 4, 1, 5]);
    expect(failed.z).toBeLessThan(ok.z);
    const up: ObjectiveView = { ...view(trials), metric: 'val_accuracy', direction: 'maximize' };
    expect(((parallelOption(trials, axes, up).series as P[])[0]).data.map((d) => d.trial)).toEqual([1, 5, 4, 0, 2]);
    expect(ok.lineStyle.opacity).toBe(0.55);
    expect([linesOpacity(300), linesOpacity(1200), linesOpacity(10_000)]).toEqual([0.55, 0.275, 0.12]);
  });

  it('one trial\'s train vs validation, best and stop epochs marked with the stop reason', () => {
    const m = curveMap(columns([0, 0, 0, 1], [1, 2, 3, 1], [1.1, 0.9, 0.95, 1]));
    const t = trial(0, 0.9, 1, {}, { bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' });
    const series = trialCurveOption(m.get(0), t).series as (Series & { markLine: { data: { name: string; xAxis: number }[] } })[];
    expect(series[0].data).toEqual([[1, 1.2000000000000002], [2, 1], [3, 1.05]]);
    expect(series[1].data).toEqual([[1, 1.1], [2, 0.9], [3, 0.95]]);
    // The stop reason in words, as the trials table writes it.
    expect(series[1].markLine.data.map((m) => [m.xAxis, m.name])).toEqual([[2, 'best epoch 2'], [3, 'stopped at 3: early stopping']]);
  });

  it('one trial whose every loss is NaN says so instead of drawing an empty 0–1 axis as if fine', () => {
    const m = curveMap(columns([0, 0], [1, 2], [Number.NaN, Number.NaN]));
    const o = trialCurveOption(m.get(0), trial(0, null, 1, {}, { status: 'diverged' }));
    expect((o.title as { text: string }).text).toBe('trial 0: no finite loss to draw (diverged)');
  });

  it('one trial\'s curves with a peak beyond the robust range: the peak sits at the axis edge, marked and counted in the legend as on every objective chart', () => {
    // Search 4 trial 24 of the audit: val_loss 775.4 at epoch 5 among values of 0–360 (zeros too: no log axis).
    const val = [71.1, 192.5, 171.3, 152.5, 775.4, 0, 0, 0, 77.5, 324, 357.6];
    const train = [196.3, 29.6, 31.6, 0, 41.7, 306, 62.8, 8.7, 0, 0, 30.9];
    const epoch = val.map((_, i) => i + 1);
    const curve = { epoch, valLoss: val, trainLoss: train, trainAccuracy: val.map(() => null), valAccuracy: val.map(() => null), lr: val.map(() => 3) };
    const o = trialCurveOption(curve, trial(24, 0, 1, {}, { bestEpoch: 6, stoppedEpoch: 11 }));
    const axis = o.yAxis as { min: number; max: number };
    expect(axis.max).toBeLessThan(775.4);
    const series = o.series as (Series & { symbol?: string })[];
    const line = series.find((x) => x.name === 'val_loss')!;
    expect(line.data[4]).toEqual([5, axis.max]);
    const beyond = series.find((x) => x.name.startsWith('beyond the axis'))!;
    const out = [...val, ...train].filter((v) => v > axis.max).length;
    expect(out).toBeGreaterThan(0);
    expect(beyond.name).toBe(`beyond the axis (${out})`);
    expect(beyond.symbol).toBe('triangle');
    expect((beyond.data as TrialItem[]).find((d) => d.value[0] === 5 && d.name!.startsWith('val_loss'))).toMatchObject({ value: [5, axis.max], name: 'val_loss 775.4 at epoch 5 (above the axis)', symbolRotate: 0 });
    // Nothing clipped: no such series; a forced linear axis holds the peak.
    expect((trialCurveOption(curve, trial(24, 0), 'loss', 'linear').series as Series[]).map((x) => x.name)).toEqual(['train_loss', 'val_loss']);
  });

  it('a trial that diverged at its first epoch has no best epoch: no best marker, and a sentence instead of an empty chart', () => {
    const m = curveMap(columns([10], [1], [Number.NaN]));
    const t = trial(10, null, 1, {}, { status: 'diverged', bestEpoch: null, stoppedEpoch: 1, stopReason: 'diverged', trainLoss: null });
    const series = trialCurveOption(m.get(10), t).series as (Series & { markLine: { data: { name: string }[] } })[];
    expect(series[1].markLine.data.map((x) => x.name)).toEqual(['stopped at 1: diverged']);
    expect(trialCurveEmpty(m.get(10), t)).toBe('No finite loss to draw: the trial diverged at epoch 1.');
    // A trial with a finite value draws its chart; one whose curve is not loaded yet waits for it.
    const ok = curveMap(columns([1], [1], [0.5]));
    expect(trialCurveEmpty(ok.get(1), trial(1, 0.5))).toBeNull();
    expect(trialCurveEmpty(undefined, t)).toBeNull();
    expect(trialCurveEmpty(undefined, trial(2, null, 1, {}, { status: 'failed', stoppedEpoch: null, bestEpoch: null, stopReason: null }))).toBe('No epoch to draw: the trial ended before its first (failed).');
  });

  it('compared curves drawn against training time: each epoch at the sum of the epochs\' times so far; by epoch where a curve has no times', () => {
    // Trial 0: three epochs of 0.5 s (ends at 0.5, 1, 1.5 s); trial 1: two epochs, 2 s then 1 s (ends at 2, 3 s).
    const c = columns([0, 0, 0, 1, 1], [1, 2, 3, 1, 2], [0.9, 0.6, 0.5, 0.8, 0.4]);
    const m = curveMap({ ...c, seconds: [0.5, 0.5, 0.5, 2, 1] });
    expect(canDrawAgainstTime(m, [0, 1])).toBe(true);
    type Line = { name: string; data: [number, number | null][] };
    const o = compareCurvesOption(m, [0, 1], 'linear', null, 0, 'time') as unknown as { series: Line[]; xAxis: { name: string; min: number; max: number; interval: number } };
    expect(o.series.filter((x) => x.name.endsWith(' val')).map((x) => x.data.map((d) => d[0]))).toEqual([[0.5, 1, 1.5], [2, 3]]);
    expect(o.xAxis).toMatchObject({ name: 'training time', min: 0, max: 3, interval: 0.5 });
    // The same curves by epoch.
    const e = compareCurvesOption(m, [0, 1], 'linear', null, 0, 'epoch') as unknown as { series: Line[]; xAxis: { name: string } };
    expect(e.series.filter((x) => x.name.endsWith(' val')).map((x) => x.data.map((d) => d[0]))).toEqual([[1, 2, 3], [1, 2]]);
    expect(e.xAxis.name).toBe('epoch');
    // An epoch without a time (a trial stored before epochs were timed): the chart stays by epoch.
    const untimed = curveMap({ ...c, seconds: [0.5, 0.5, 0.5, null, 1] });
    expect(canDrawAgainstTime(untimed, [0, 1])).toBe(false);
    expect(canDrawAgainstTime(untimed, [0])).toBe(true);
    expect((compareCurvesOption(untimed, [0, 1], 'linear', null, 0, 'time') as unknown as { xAxis: { name: string } }).xAxis.name).toBe('epoch');
    // The overlay's curves carry each epoch's time; one of a trial stored before epochs were timed has none.
    expect(canDrawAgainstTime(overlayMap(packOverlay([{ trial: 0, epoch: [1], valLoss: [0.5], seconds: [0.2] }, { trial: 1, epoch: [1], valLoss: [0.4], seconds: [0.3] }])), [0, 1])).toBe(true);
    expect(canDrawAgainstTime(overlayMap(packOverlay([{ trial: 0, epoch: [1], valLoss: [0.5], seconds: [0.2] }, { trial: 1, epoch: [1], valLoss: [0.4] }])), [0, 1])).toBe(false);
  });

  it('the overlay and one trial\'s chart against training time: curves and their marks at the time each epoch ended; no rung lines', () => {
    // Trial 0: three epochs of 0.5 s, best at 2, stopped early at 3; trial 1: two epochs, 2 s then 1 s, pruned at 2; trial 2 diverged at its first, 4 s.
    const c = columns([0, 0, 0, 1, 1, 2], [1, 2, 3, 1, 2, 1], [0.9, 0.6, 0.7, 0.8, 0.85, 0.5]);
    const m = curveMap({ ...c, seconds: [0.5, 0.5, 0.5, 2, 1, 4] });
    const trials = [
      trial(0, 0.6, 1, {}, { bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' }),
      trial(1, null, 1, {}, { status: 'pruned', bestEpoch: 1, stoppedEpoch: 2, stopReason: 'pruned', prune: { rule: 'asha', epoch: 2, fold: 0 } as TrialSummary['prune'] }),
      trial(2, null, 1, {}, { status: 'diverged', bestEpoch: null, stoppedEpoch: 1, stopReason: 'diverged' }),
    ];
    type Marked = Series & { markLine?: { data: { xAxis: number }[] } };
    const o = curvesOption(m, trials, null, 'loss', curvesScale(m, 'loss', 'linear'), [1, 2], 'time') as unknown as { series: Marked[]; xAxis: { name: string; max: number } };
    const named = (n: string): Marked => o.series.find((x) => x.name.startsWith(n))!;
    expect(named('trial 0').data.map((d: { value: number[] }) => d.value[0])).toEqual([0.5, 1, 1.5]);
    expect(named('trial 1').data.map((d: { value: number[] }) => d.value[0])).toEqual([2, 3]);
    expect(named('best epoch').data.map((d: { value: number[] }) => d.value)).toEqual([[1, 0.6], [2, 0.8]]);
    expect(named('early stop').data.map((d: { value: number[] }) => d.value)).toEqual([[1.5, 0.7]]);
    expect(named('pruned').data.map((d: { value: number[] }) => d.value)).toEqual([[3, 0.85]]);
    expect(named('pruned').markLine).toBeUndefined();
    expect(named('failed').data.map((d: { value: number[]; name: string }) => [d.value[0], d.name])).toEqual([[4, 'trial 2: diverged at epoch 1']]);
    expect(o.xAxis).toMatchObject({ name: 'training time', max: 4 });
    // By epoch the same trials draw the rungs.
    const e = curvesOption(m, trials, null, 'loss', curvesScale(m, 'loss', 'linear'), [1, 2]) as unknown as { series: Marked[]; xAxis: { name: string } };
    expect(e.series.find((x) => x.name.startsWith('pruned'))!.markLine!.data.map((d) => d.xAxis)).toEqual([1, 2]);
    expect(e.xAxis.name).toBe('epoch');
    // One trial: its lines and its best and stop marks at their times; a beyond-the-axis point named by its epoch.
    const one = trialCurveOption(m.get(0), trials[0], 'loss', 'linear', null, 0, 'time') as unknown as { series: Marked[]; xAxis: { name: string } };
    expect(one.series[1].data.map((d: number[]) => d[0])).toEqual([0.5, 1, 1.5]);
    expect(one.series[1].markLine!.data.map((d) => d.xAxis)).toEqual([1, 1.5]);
    expect(one.xAxis.name).toBe('training time');
    // Without times, the trial's chart stays by epoch.
    const untimed = curveMap(columns([0], [1], [0.5]));
    untimed.get(0)!.seconds = [null];
    expect((trialCurveOption(untimed.get(0), trial(0, 0.5), 'loss', 'auto', null, 0, 'time') as unknown as { xAxis: { name: string } }).xAxis.name).toBe('epoch');
  });

  it('a curve of one epoch (a slow trial\'s first) draws its point; longer curves are lines without symbols', () => {
    const m = curveMap(columns([0, 1, 1], [1, 1, 2], [0.8, 0.9, 0.7]));
    const one = trialCurveOption(m.get(0), trial(0, null, 1, {}, { status: 'running' })).series as (Series & { showSymbol: boolean })[];
    expect(one.map((x) => [x.name, x.showSymbol])).toEqual([['train_loss', true], ['val_loss', true]]);
    const two = trialCurveOption(m.get(1), trial(1, 0.7)).series as (Series & { showSymbol: boolean })[];
    expect(two.map((x) => x.showSymbol)).toEqual([false, false]);
    expect((compareCurvesOption(m, [0, 1]).series as (Series & { showSymbol: boolean })[]).map((x) => x.showSymbol)).toEqual([true, true, false, false]);
    const overlay = curvesOption(m, [trial(0, null, 1, {}, { status: 'running' }), trial(1, 0.7)], null, 'loss', curvesScale(m, 'loss')).series as (Series & { showSymbol?: boolean; name: string })[];
    expect(overlay.filter((x) => x.name.startsWith('trial')).map((x) => x.showSymbol)).toEqual([true, false]);
    // A lone epoch sits in the middle of a 0–2 axis, not at an edge; longer curves keep their own range.
    const range = (o: { xAxis?: unknown }): unknown => { const a = o.xAxis as { min?: number; max?: number }; return [a.min, a.max]; };
    expect(range(trialCurveOption(m.get(0), trial(0, null, 1, {}, { status: 'running' })))).toEqual([0, 2]);
    expect(range(trialCurveOption(m.get(1), trial(1, 0.7)))).toEqual([undefined, undefined]);
    expect(range(compareCurvesOption(m, [0]))).toEqual([0, 2]);
    expect(range(compareCurvesOption(m, [0, 1]))).toEqual([undefined, undefined]);
    expect(range(curvesOption(new Map([[0, m.get(0)!]]), [trial(0, null, 1, {}, { status: 'running' })], null, 'loss', curvesScale(m, 'loss')))).toEqual([0, 2]);
    expect(range(curvesOption(m, [trial(0, null, 1, {}, { status: 'running' }), trial(1, 0.7)], null, 'loss', curvesScale(m, 'loss')))).toEqual([1, 2]);
  });

  it('compare: a diverged trial\'s losses beyond the axis sit at its edge, marked and counted, never a silent flat line', () => {
    // The audit's search 2: trial 0's loss climbed from 1e13 to 1e17 beside trials near 0.3 and drew as a flat line at the top of the axis.
    const epochs = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
    const exploding = epochs(8).map((e) => 10 ** (12 + e / 2));
    const calm = (k: number): number[] => epochs(30).map((e) => 0.3 + k / 20 + 0.2 / e);
    const curve = (val: number[], train: number[]) => ({ epoch: epochs(val.length), valLoss: val, trainLoss: train, trainAccuracy: val.map(() => null), valAccuracy: val.map(() => null), lr: val.map(() => 0.1) });
    const m = new Map([[0, curve(exploding, exploding)], [4, curve(calm(0), calm(1))], [5, curve(calm(2), calm(3))]]);
    const o = compareCurvesOption(m, [0, 4, 5]);
    const axis = o.yAxis as { max: number };
    expect(axis.max).toBeLessThan(1e13);
    const series = o.series as (Series & { symbol?: string })[];
    const beyond = series.find((x) => x.name.startsWith('beyond the axis'))!;
    const out = [...m.values()].flatMap((c) => [...c.valLoss, ...c.trainLoss]).filter((v) => v > axis.max).length;
    expect(out).toBe(16);
    expect(beyond.name).toBe(`beyond the axis (${out})`);
    expect(beyond.symbol).toBe('triangle');
    expect((beyond.data as TrialItem[])[0]).toMatchObject({ value: [1, axis.max], trial: 0, name: 'trial 0 val_loss 3.16e+12 at epoch 1 (above the axis)' });
    expect((beyond.data as TrialItem[]).filter((d) => d.trial === 0)).toHaveLength(16);
    // Nothing beyond: no such series.
    expect((compareCurvesOption(m, [4, 5]).series as Series[]).some((x) => x.name.startsWith('beyond'))).toBe(false);
  });

  it('offers the loss, the objective\'s metric and what the first curve with a finite loss recorded: accuracy for classes, RMSE, MAE and R² for a regression', () => {
    const e = [1, 2];
    const classes = (acc: (number | null)[]) => ({ epoch: e, valLoss: [1, 0.5], trainLoss: [1, 0.4], valAccuracy: acc, trainAccuracy: [null, null], lr: [0.1, 0.1] });
    const regression = { ...classes([null, null]), valRmse: [2000, 1500], valMae: [1600, 1200], valR2: [0.1, 0.4] };
    expect(curveMetrics(new Map())).toEqual(['loss']);
    expect(curveMetrics(new Map(), 'rmse')).toEqual(['loss', 'rmse']);
    expect(curveMetrics(new Map([[0, classes([0.5, 0.8])]]))).toEqual(['loss', 'accuracy']);
    expect(curveMetrics(new Map([[0, regression]]), 'rmse')).toEqual(['loss', 'rmse', 'mae', 'r2']);
    // A trial that diverged at once has no finite loss and says nothing of what the others record.
    const diverged = { ...classes([null, null]), valLoss: [NaN, null] };
    expect(curveMetrics(new Map([[0, diverged], [1, regression]]))).toEqual(['loss', 'rmse', 'mae', 'r2']);
    expect(['val_loss', 'train_loss', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2'].map(curveMetricOf)).toEqual(['loss', 'loss', 'accuracy', 'balanced_accuracy', 'rmse', 'mae', 'r2']);
  });

  it('draws a regression\'s curves by its RMSE in the target\'s units, validation only, with a failed trial\'s cross at the worst end of each metric', () => {
    const e = [1, 2, 3];
    const c = (rmse: number[], r2: number[]) => ({
      epoch: e, valLoss: [1, 0.8, 0.7], trainLoss: [1.1, 0.9, 0.6], valAccuracy: [null, null, null], trainAccuracy: [null, null, null], lr: [0.1, 0.1, 0.1],
      valRmse: rmse, valMae: rmse.map((v) => v * 0.8), valR2: r2,
    });
    const m = new Map([[0, c([210000, 180000, 170000], [0.2, 0.4, 0.45])], [1, c([260000, 250000, 240000], [-0.1, 0, 0.05])]]);
    const trials = [trial(0, 170000, 1, { lr: 0.01 }, { bestEpoch: 3 }), trial(1, 240000, 1, { lr: 0.1 }, { bestEpoch: 3 }), trial(2, null, 1, { lr: 1 }, { status: 'diverged', stoppedEpoch: 1 })];
    const o = curvesOption(m, trials, null, 'rmse', curvesScale(m, 'rmse', 'linear'));
    expect((o.yAxis as { name: string }).name).toBe('val RMSE');
    const lines = o.series as Series[];
    expect(lines.find((x) => x.name.startsWith('trial 0'))!.data.map((d) => d.value)).toEqual([[1, 210000], [2, 180000], [3, 170000]]);
    expect(lines.find((x) => x.name === 'best epoch')!.data.map((d) => d.value)).toEqual([[3, 170000], [3, 240000]]);
    const scaleOf = (metric: 'rmse' | 'r2') => curvesScale(m, metric, 'linear');
    const cross = (metric: 'rmse' | 'r2') => (curvesOption(m, trials, null, metric, scaleOf(metric)).series as Series[]).find((x) => x.name.startsWith('failed'))!.data[0].value[1];
    expect(cross('rmse')).toBe(scaleOf('rmse').max);
    expect(cross('r2')).toBe(scaleOf('r2').min);
    // One trial's chart: the training rows record no RMSE, so validation alone, said in its title.
    const one = trialCurveOption(m.get(0), trials[0], 'rmse', 'linear');
    expect((one.series as Series[]).map((x) => x.name)).toEqual(['val_rmse']);
    expect((one.title as { text: string }).text).toBe('trial 0: validation RMSE');
    expect((one.yAxis as { name: string }).name).toBe('RMSE');
    expect((one.series as Series[])[0].data).toEqual([[1, 210000], [2, 180000], [3, 170000]]);
    // Compared: one validation line per trial, on the metric's axis (R² at most 1).
    const cmp = compareCurvesOption(m, [0, 1], 'linear', { val_r2: [-Infinity, 1] }, 0, 'epoch', 'r2');
    expect((cmp.series as Series[]).map((x) => x.name)).toEqual(['trial 0 val', 'trial 1 val']);
    expect((cmp.yAxis as { name: string; max: number }).name).toBe('R²');
    expect((cmp.yAxis as { max: number }).max).toBeLessThanOrEqual(1);
    expect((cmp.series as Series[])[1].data).toEqual([[1, -0.1], [2, 0], [3, 0.05]]);
    expect(trialCurveEmpty({ ...m.get(0)!, valRmse: [null, null, null] }, trials[0], 'rmse')).toBe('No RMSE to draw: the trial recorded none.');
  });

  it('compare: a validation and a training line per trial', () => {
    const m = curveMap(columns([0, 1], [1, 1], [0.5, 0.4]));
    expect((compareCurvesOption(m, [0, 1]).series as Series[]).map((s) => s.name)).toEqual(['trial 0 val', 'trial 0 train', 'trial 1 val', 'trial 1 train']);
  });

  it('a click finds its trial from the data item, never from a name', () => {
    expect(trialOfItem({ value: [1, 2], trial: 7, name: 'trial 3 (a misleading name)' })).toBe(7);
    expect(trialOfItem({ value: [1, 2], name: 'trial 3' })).toBeNull();
    expect(trialOfItem([1, 2])).toBeNull();
    expect(trialOfItem(null)).toBeNull();
  });

  it('class balance: one bar per class, named', () => {
    const o = classBalanceOption(['a', 'b'], [3, 5]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['a', 'b']);
    expect((o.series as Series[])[0].data).toEqual([3, 5]);
  });

  it('class balance: the axis writes classes without the words all their names share, the tooltip and data in full; labels turn only where they would not fit', () => {
    type Axis = { data: string[]; axisLabel: { rotate: number; interval: number | string; formatter: (v: string) => string } };
    const species = Array.from({ length: 50 }, (_, i) => `species number ${String(i).padStart(2, '0')} of the catalogue`);
    const o = classBalanceOption(species, species.map((_, i) => 10 + i));
    const x = o.xAxis as Axis;
    expect(x.data).toEqual(species);
    expect(x.data.slice(0, 3).map(x.axisLabel.formatter)).toEqual(['00', '01', '02']);
    expect((o.tooltip as { formatter: (ps: unknown) => string }).formatter([{ dataIndex: 6 }])).toBe('species number 06 of the catalogue: 16 rows');
    // 50 labels: past 30 classes ECharts thins them where they would overlap, side by side (turned, 76 classes' labels
    // "001" … "189" still ran together at every second one in a window of 1,100 px).
    expect([x.axisLabel.rotate, x.axisLabel.interval]).toEqual([0, 'auto']);
    expect((classBalanceOption(species.slice(0, 30), Array(30).fill(1)).xAxis as Axis).axisLabel.interval).toBe(0);
    // Digits' ten one-letter classes side by side; iris' three names too; twelve names of 5 letters turn.
    const rotated = (names: string[]): number => (classBalanceOption(names, names.map(() => 1)).xAxis as Axis).axisLabel.rotate;
    expect(rotated(Array.from({ length: 10 }, (_, i) => String(i)))).toBe(0);
    expect(rotated(['setosa', 'versicolor', 'virginica'])).toBe(0);
    expect(rotated(Array.from({ length: 12 }, (_, i) => `cls${String(i).padStart(2, '0')}`))).toBe(30);
    expect(rotated(Array.from({ length: 31 }, (_, i) => `cls${String(i).padStart(2, '0')}`))).toBe(0);
  });

  it('class balance: counts from thousands down to one go on a log axis standing on 1, where a class of one row gets a sliver; a balance within 100× stays linear', () => {
    type Y = { type: string; name: string; min?: number };
    type Bar = { data: (number | null)[]; barMinHeight?: number };
    const tail = classBalanceOption(['a', 'b', 'c', 'd'], [2200, 300, 1, 0]);
    expect(tail.yAxis as Y).toMatchObject({ type: 'log', name: 'rows (log scale)', min: 1 });
    expect((tail.series as Bar[])[0]).toMatchObject({ data: [2200, 300, 1, null], barMinHeight: 3 });
    // 2% against 98% (49×): linear, as before.
    const fraud = classBalanceOption(['fraud', 'ok'], [20, 980]);
    expect(fraud.yAxis as Y).toMatchObject({ type: 'value', name: 'rows' });
    expect((fraud.series as Bar[])[0].data).toEqual([20, 980]);
    expect((classBalanceOption(['a', 'b'], [100, 1]).yAxis as Y).type).toBe('log');
    // Thousands written as the page's other counts write them.
    expect((classBalanceOption(['a', 'b'], [2200, 1]).tooltip as { formatter: (ps: unknown) => string }).formatter([{ dataIndex: 0 }])).toBe('a: 2,200 rows');
    // A name with markup is escaped in the tooltip.
    expect((classBalanceOption(['<b>', 'x'], [1, 2]).tooltip as { formatter: (ps: unknown) => string }).formatter([{ dataIndex: 0 }])).toBe('&#60;b&#62;: 1 row');
  });
});

describe('trial table helpers', () => {
  it('merges changed trials into the list by number, in number order', () => {
    const t = (number: number, status: TrialSummary['status']) => ({ number, status }) as TrialSummary;
    const old = [t(0, 'complete'), t(1, 'running'), t(2, 'queued')];
    const merged = mergeTrials(old, [t(1, 'complete'), t(3, 'queued'), t(1, 'complete')]);
    expect(merged.map((x) => [x.number, x.status])).toEqual([[0, 'complete'], [1, 'complete'], [2, 'queued'], [3, 'queued']]);
    expect(mergeTrials(old, [])).toBe(old);
  });

  const trials = [
    trial(0, 0.5, 1, { lr: 0.1 }), trial(1, null, 1, { lr: 0.2 }), trial(2, 0.1, 1, { lr: 0.3 }), trial(3, 0.3, 2, { lr: 0.4 }),
    trial(4, 0.9, 2, { lr: 0.5 }, { status: 'diverged' }), trial(5, null, 2, { lr: 0.6 }, { status: 'running' }),
  ];
  const numbers = (ts: TrialSummary[]): number[] => ts.map((t) => t.number);

  it('filters by status, hides failed and diverged, keeps knob ranges inclusive', () => {
    expect(numbers(filterTrials(trials, { ...noFilter(), statuses: ['complete'] }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([0, 2, 3]);
    expect(numbers(filterTrials(trials, { ...noFilter(), hideFailed: true }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([0, 2, 3, 5]);
    expect(numbers(filterTrials(trials, { ...noFilter(), ranges: { lr: [0.2, 0.4] } }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([1, 2, 3]);
  });

  it('top-k% ranks the finished trials in the search\'s direction (4 finished: 50% = the best 2)', () => {
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 50 }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([2, 3]);
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 50 }, 'maximize', FAILED_TRIAL_STATUSES))).toEqual([0, 4]);
    // An emptied "top %" box leaves null: no filter (it showed the single best trial).
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: null }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 1 }, 'minimize', FAILED_TRIAL_STATUSES))).toEqual([2]);
  });

  it('progress: done, running, queued and an ETA of mean trial time × trials left ÷ workers', () => {
    const counts = { complete: 3, failed: 1, running: 2, interrupted: 1 };
    const s = { status: 'running', plannedTrials: 10, counts, finished: finishedCount(counts), meanTrialSeconds: 4, workers: 2 } as unknown as SearchSummary;
    expect(progress(s)).toEqual({ done: 4, pruned: 0, running: 2, queued: 4, etaS: 12 });
    expect(progress({ ...s, status: 'complete' }).etaS).toBeNull();
  });

  it('formats numbers and durations for people', () => {
    // Whole digits are kept from 1000 (20549.3 is not 20550); huge values and huge floats get a power of ten; seeds stay plain.
    expect([fmt(20549.3), fmt(1234.56), fmt(-20549.7), fmt(3.2e12 + 0.5), fmt(1e20), fmt(2 ** 31 - 1), fmt(1234567.8)]).toEqual(['20549', '1235', '-20550', '3.2e+12', '1e+20', '2147483647', '1.235e+6']);
    expect([fmt(null), fmt(3), fmt(0.000123456), fmt(0.123456), fmt(0.01), fmt(1e-8), fmt('adam'), fmt([64, 64]), fmt({ init: 'normal', initScale: 1 })]).toEqual(['–', '3', '1.235e-4', '0.1235', '0.01', '1e-8', 'Adam', '[64, 64]', 'N(0, 1)']);
  });

  it('a column of numbers has one notation and one number of decimals: as many as the most precise value\'s 4 significant digits need', () => {
    const col = [0.1012, 0.106, 0.1234567, 0.2];
    expect(col.map(fmtColumn(col))).toEqual(['0.1012', '0.1060', '0.1235', '0.2000']);
    const wide = [0.0123, 1.5];
    expect(wide.map(fmtColumn(wide))).toEqual(['0.0123', '1.5000']);
    // A grid of tenths needs one decimal, not four.
    const tenths = [0.1, 0.30000000000000004, 0, 0.5];
    expect(tenths.map(fmtColumn(tenths))).toEqual(['0.1', '0.3', '0.0', '0.5']);
    // Whole numbers stay whole.
    expect([3, 12, 256].map(fmtColumn([3, 12, 256]))).toEqual(['3', '12', '256']);
    // Below 1e-3 or from a million: every value a power of ten, one mantissa width (the audit's "940125" beside "1.039e+6").
    const losses = [0.3512, 940125.3, 1039012];
    expect(losses.map(fmtColumn(losses))).toEqual(['3.512e-1', '9.401e+5', '1.039e+6']);
    // Over three decades inside 1e-3 to 1e6 (a diverged trial's loss among good ones): plain, four significant digits each.
    expect([0.01, 25.5].map(fmtColumn([0.01, 25.5]))).toEqual(['0.01', '25.5']);
    const diverged = [0.1081, 117.296, 0.2186, 2.4151, 1234.56];
    expect(diverged.map(fmtColumn(diverged))).toEqual(['0.1081', '117.3', '0.2186', '2.415', '1235']);
    expect([0.0004, 0.0005].map(fmtColumn([0.0004, 0.0005]))).toEqual(['4e-4', '5e-4']);
    expect([1e-4, 0, 0.3].map(fmtColumn([1e-4, 0, 0.3]))).toEqual(['1e-4', '0', '3e-1']);
    expect([-2.5e6, 3e6].map(fmtColumn([-2.5e6, 3e6]))).toEqual(['-2.5e+6', '3.0e+6']);
    // Missing values and words as fmt writes them; a column of nothing but them too.
    expect(fmtColumn([12.5, 13.25])(null)).toBe('–');
    expect(fmtColumn([12.5, 'adam'])('adam')).toBe('Adam');
    expect(fmtColumn([null, Number.NaN])(Number.NaN)).toBe(fmt(Number.NaN));
  });

  it('config diff: sorted keys, marking those that differ', () => {
    expect(configDiff([{ lr: 0.1, hiddenLayers: [8] }, { lr: 0.2, hiddenLayers: [8] }])).toEqual([
      { key: 'hiddenLayers', values: [[8], [8]], differs: false },
      { key: 'lr', values: [0.1, 0.2], differs: true },
    ]);
  });
});

describe('what the importance and TPE density charts draw', () => {
  const none = { at: [], value: [], sd: [], failed: [], failedOverall: 0 };
  it('importance: most important knob on top, its share in percent, the spread over the trees as a whisker and in the tooltip', async () => {
    const { importanceOption } = await import('../../src-renderer/src/charts/analysis');
    const o = importanceOption({ knobs: [{ name: 'lr', importance: 0.75, std: 0.3, marginal: none }, { name: 'hiddenUnits', importance: 0.19, std: 0.05, marginal: none }, { name: 'activation', importance: 0.063, std: 0.08, marginal: none }], fixed: [], trials: 18, leftOut: 22, transform: 'rank', reason: null, seconds: 0.1, step: null, steps: [] }) as {
      yAxis: { data: string[] }; series: [{ data: { value: number; name: string }[] }, { type: string; data: number[][] }];
    };
    // A category axis draws its first entry at the bottom.
    expect(o.yAxis.data).toEqual(['activation', 'hiddenUnits', 'lr']);
    expect(o.series[0].data.map((d) => d.value)).toEqual([0.063, 0.19, 0.75]);
    expect(o.series[0].data[2].name).toBe('lr: 75% of the explained variance (± 30% over the trees)');
    // ± one sd, clipped to 0–100%, at each knob's row.
    expect(o.series[1].type).toBe('custom');
    const whiskers = o.series[1].data.map((d) => d.map((v) => Number(v.toFixed(6))));
    expect(whiskers).toEqual([[0, 0.143, 0], [0.14, 0.24, 1], [0.45, 1, 2]]);
  });

  it('densities: a log knob as lines over log10 with its trials as ticks; a categorical knob as bars per value', async () => {
    const { densityOption } = await import('../../src-renderer/src/charts/analysis');
    type Opt = { xAxis: { type: string; min?: number; max?: number; data?: string[]; axisLabel?: { formatter: (v: number) => string } }; series: { type: string; data: unknown[] }[] };
    const log = densityOption({ name: 'lr', scale: 'log', discrete: false, x: [-4, -2, 0], span: [-4, 0], l: [0.1, 0.5, 0.2], g: [0.4, 0.2, 0.1], good: [-2.1], bad: [-3.9, Number.NaN] }) as unknown as Opt;
    expect(log.xAxis).toMatchObject({ type: 'value', min: -4, max: 0 });
    // An int log knob of 2–512: its estimator spans 1.5–512.5, drawn on an axis from 2 to 512 (its lines clipped there).
    const units = densityOption({ name: 'units', scale: 'log', discrete: false, x: [Math.log10(1.5), 1, Math.log10(512.5)], span: [Math.log10(2), Math.log10(512)], l: [0.2, 0.5, 0.2], g: [0.3, 0.3, 0.3], good: [], bad: [] }) as unknown as Opt;
    expect(units.xAxis).toMatchObject({ min: Math.log10(2), max: Math.log10(512) });
    // Its ends read as the knob's bounds (512, not "510").
    expect([Math.log10(2), Math.log10(5), 1, Math.log10(512)].map(units.xAxis.axisLabel!.formatter)).toEqual(['2', '5', '10', '512']);
    // An axis reaching past the plain range reads in powers of ten throughout (axisNumbers): never "1e-4" beside "0.01", nor "10000" beside "1e+5".
    expect([-4, -2, 0, 1].map(log.xAxis.axisLabel!.formatter)).toEqual(['1e-4', '1e-2', '1e+0', '1e+1']);
    const wide = densityOption({ name: 'lr', scale: 'log', discrete: false, x: [3, 6], span: [3, 6], l: [0.5, 0.5], g: [0.5, 0.5], good: [], bad: [] }) as unknown as Opt;
    expect([3, 4, 5, 6].map(wide.xAxis.axisLabel!.formatter)).toEqual(['1e+3', '1e+4', '1e+5', '1e+6']);
    const odd = densityOption({ name: 'lr', scale: 'log', discrete: false, x: [Math.log10(3e-5), Math.log10(30)], span: [Math.log10(3e-5), Math.log10(30)], l: [0.5, 0.5], g: [0.5, 0.5], good: [], bad: [] }) as unknown as Opt;
    expect([Math.log10(3e-5), -2, Math.log10(30)].map(odd.xAxis.axisLabel!.formatter)).toEqual(['3e-5', '1e-2', '3e+1']);
    expect(log.series.map((s) => s.type)).toEqual(['line', 'line', 'scatter', 'scatter']);
    expect(log.series[0].data).toEqual([[-4, 0.1], [-2, 0.5], [0, 0.2]]);
    // The rugs sit just below zero; a value that is not finite is left out.
    expect(log.series[2].data).toEqual([[-3.9, -0.04 * 0.5]]);
    const cat = densityOption({ name: 'activation', scale: 'categorical', discrete: true, x: [0, 1], span: [0, 1], values: ['relu', 'tanh'], l: [0.7, 0.3], g: [0.4, 0.6], good: [0], bad: [1, 1] }) as unknown as Opt;
    expect(cat.xAxis).toMatchObject({ type: 'category', data: ['ReLU', 'tanh'] });
    expect(cat.series.map((s) => s.type)).toEqual(['bar', 'bar', 'scatter', 'scatter']);
    expect(cat.series[2].data).toEqual([['tanh', -0.04 * 0.7], ['tanh', -0.04 * 0.7]]);
  });

  it('says l, g and l/g where the pointer is, and for a discrete value how many good and bad trials had it', async () => {
    const { densityOption } = await import('../../src-renderer/src/charts/analysis');
    type Tip = { tooltip: { trigger: string; formatter: (ps: unknown) => string } };
    const log = densityOption({ name: 'lr', scale: 'log', discrete: false, x: [-4, -2, 0], span: [-4, 0], l: [0.1, 0.5, 0.2], g: [0.4, 0.2, 0.1], good: [-2.1], bad: [-3.9] }) as unknown as Tip;
    expect(log.tooltip.trigger).toBe('axis');
    // At lr = 10⁻²: l 0.5 against g 0.2, so l/g 2.5; the rugs' entries are not read.
    expect(log.tooltip.formatter([{ seriesName: 'good: l(x)', value: [-2, 0.5] }, { seriesName: 'bad: g(x)', value: [-2, 0.2] }, { seriesName: 'bad trials', value: [-2, -0.02] }]))
      .toBe('lr 0.01<br>good l(x) 0.5 · bad g(x) 0.2<br>l/g 2.5 (above 1: TPE favours this value)');
    expect(log.tooltip.formatter([{ seriesName: 'good: l(x)', value: [-4, 0.1] }, { seriesName: 'bad: g(x)', value: [-4, 0.4] }]))
      .toBe('lr 1e-4<br>good l(x) 0.1 · bad g(x) 0.4<br>l/g 0.25 (below 1: the bad trials lie denser here)');
    const cat = densityOption({ name: 'activation', scale: 'categorical', discrete: true, x: [0, 1], span: [0, 1], values: ['relu', 'tanh'], l: [0.7, 0.3], g: [0.4, 0.6], good: [0, 0, 1], bad: [1, 1, 0, 1] }) as unknown as Tip;
    expect(cat.tooltip.formatter([{ seriesName: 'good: l(x)', value: 0.3, axisValueLabel: 'tanh', dataIndex: 1 }, { seriesName: 'bad: g(x)', value: 0.6, axisValueLabel: 'tanh', dataIndex: 1 }]))
      .toBe('activation tanh<br>good l(x) 0.3 · bad g(x) 0.6<br>l/g 0.5 (below 1: the bad trials lie denser here)<br>1 of the 3 good trials, 3 of the 4 bad ones');
    // The tooltip is HTML: a knob's or a value's name goes in escaped.
    const named = densityOption({ name: '<b>act</b>', scale: 'categorical', discrete: true, x: [0, 1], span: [0, 1], values: ['relu', '<img src=x>'], l: [0.5, 0.5], g: [0.5, 0.5], good: [], bad: [] }) as unknown as Tip;
    expect(named.tooltip.formatter([{ seriesName: 'good: l(x)', value: 0.5, axisValueLabel: '<img src=x>', dataIndex: 1 }, { seriesName: 'bad: g(x)', value: 0.5, axisValueLabel: '<img src=x>', dataIndex: 1 }]))
      .toMatch(/^&#60;b&#62;act&#60;\/b&#62; &#60;img src=x&#62;<br>/);
  });

  it('fades a rug of many ticks so that its shade shows where they gather', async () => {
    const { densityOption, rugOpacity } = await import('../../src-renderer/src/charts/analysis');
    // 0.7 up to 300 ticks, then as much ink in all as 300 ticks at 0.7 (0.7·300/n), never below 0.02.
    expect([1, 300, 600, 3_000, 10_000, 100_000].map(rugOpacity)).toEqual([0.7, 0.7, 0.35, 0.07, 0.021, 0.02]);
    const bad = Array.from({ length: 10_000 }, (_, i) => -4 + (4 * i) / 10_000);
    const o = densityOption({ name: 'lr', scale: 'log', discrete: false, x: [-4, 0], span: [-4, 0], l: [0.5, 0.5], g: [0.5, 0.5], good: [-2, -1.9], bad }) as unknown as { series: { name: string; itemStyle?: { opacity?: number } }[] };
    expect(o.series.map((s) => [s.name, s.itemStyle?.opacity])).toEqual([['good: l(x)', undefined], ['bad: g(x)', undefined], ['bad trials', 0.021], ['good trials', 0.7]]);
  });
});

describe('the best trials', () => {
  it('by the objective\'s direction, best first; never a pruned trial or one without a value', () => {
    const trials = [trial(0, 0.5), trial(1, 0.2, 1, {}, { status: 'pruned' }), trial(2, null, 1, {}, { status: 'diverged' }), trial(3, 0.3), trial(4, 0.9)];
    expect(bestTrials(trials, 'minimize', 2).map((t) => t.number)).toEqual([3, 0]);
    expect(bestTrials(trials, 'maximize', 5).map((t) => t.number)).toEqual([4, 0, 3]);
    expect(bestTrials([], 'minimize', 1)).toEqual([]);
    // A trial a stop cancelled keeps the value it reached, and ranks, as the search's best (its summary) counts it; equal values in the order they ran.
    const stopped = [trial(3, 0.3), trial(1, 0.25, 1, {}, { status: 'cancelled' }), trial(2, 0.3), trial(4, null, 1, {}, { status: 'interrupted' })];
    expect(bestTrials(stopped, 'minimize', 5).map((t) => t.number)).toEqual([1, 2, 3]);
  });

  it('say when the best value is shared, or is the metric\'s own limit', () => {
    const loss = { low: 0, high: null };
    // A tie (a pruned trial at the same value does not count), listed in the order the trials ran.
    const tied = [trial(0, 0.4), trial(1, 0.25), trial(2, 0.25, 1, {}, { status: 'pruned' }), trial(3, 0.25), trial(4, 0.3)];
    expect(bestValueNote(tied, 'minimize', 'val_loss', loss)).toBe('2 trials tie at val_loss 0.25: the objective cannot rank them, so they are listed in the order they ran (the search\'s best is the first).');
    expect(bestTrials(tied, 'minimize', 2).map((t) => t.number)).toEqual([1, 3]);
    // One best, inside the bounds: nothing to say.
    expect(bestValueNote([trial(0, 0.4), trial(1, 0.25)], 'minimize', 'val_loss', loss)).toBeNull();
    expect(bestValueNote([], 'minimize', 'val_loss', loss)).toBeNull();
    // A validation loss of exactly 0, even alone: saturated outputs.
    expect(bestValueNote([trial(0, 0.4), trial(1, 0)], 'minimize', 'val_loss', loss)).toMatch(/^A validation loss of exactly 0 means every validation row was predicted with probability 1/);
    expect(bestValueNote([trial(0, 0), trial(1, 0)], 'minimize', 'val_loss', loss)).toMatch(/^2 trials tie at val_loss 0: .* A validation loss of exactly 0/);
    // Accuracy 1 and R² 1 (maximized) and RMSE 0: nothing better exists; the words name the metric.
    const acc = [trial(0, 1), trial(1, 1), trial(2, 1), trial(3, 0.97)];
    expect(bestValueNote(acc, 'maximize', 'val_accuracy', { low: 0, high: 1 })).toBe('3 trials tie at val_accuracy 1: the objective cannot rank them, so they are listed in the order they ran (the search\'s best is the first). val_accuracy 1 is the best it can be: every validation row is right, so the objective has no room left to tell these configurations apart. A finer objective (val_loss) or more validation rows (k-fold) can.');
    expect(bestValueNote([trial(0, 1)], 'maximize', 'val_r2', { low: null, high: 1 })).toMatch(/^val_r2 1 is the best it can be/);
    // Minimizing accuracy's bound is 0, not 1; an unknown bound says only the tie.
    expect(bestValueNote([trial(0, 1)], 'minimize', 'val_accuracy', { low: 0, high: 1 })).toBeNull();
    expect(bestValueNote([trial(0, 0), trial(1, 0)], 'minimize', 'val_loss')).toMatch(/^2 trials tie at val_loss 0: .*first\)\.$/);
  });
});
