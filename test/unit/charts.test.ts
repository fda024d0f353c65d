import { describe, expect, it } from 'vitest';
import type { PushEvent, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { applyEpochs, curveMap, overlayMap } from '../../src-renderer/src/charts/curves';
import {
  bestSoFarOption, classBalanceOption, compareCurvesOption, curvesOption, knobAxes, knobScatterOption, pairScatterOption, parallelOption, trialCurveOption,
} from '../../src-renderer/src/charts/options';
import { configDiff, filterTrials, fmt, formatDuration, mergeTrials, noFilter, progress } from '../../src-renderer/src/charts/trials';

const trial = (number: number, objective: number | null, round = 1, knobs: Record<string, unknown> = { lr: 0.01 }, extra: Partial<TrialSummary> = {}): TrialSummary => ({
  id: number + 1, number, round, status: objective === null ? 'failed' : 'complete', knobs, seed: 1, objective, bestEpoch: 1, stoppedEpoch: 1,
  stopReason: 'max_epochs', trainLoss: null, valLoss: objective, trainAccuracy: null, valAccuracy: null, durationS: 0.1, error: null, notes: '', ...extra,
});
const columns = (trial: number[], epoch: number[], valLoss: number[], fold = trial.map(() => 0)) => ({
  trial, fold, epoch, trainLoss: valLoss.map((v) => v + 0.1), valLoss, trainAccuracy: valLoss.map(() => null), valAccuracy: valLoss.map(() => null), lr: valLoss.map(() => 0.1),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- option data of many shapes
type Series = { type: string; data: any[]; name: string; markArea?: { data: unknown[] }; lineStyle?: { width: number } };

describe('curves kept by trial', () => {
  it('groups the overlay by trial with unknown train values, which pushed epochs then fill', () => {
    const m = overlayMap({ trial: [0, 1], epoch: ['1,2', '1'], valLoss: ['0.9,0.8', '0.7'], valAccuracy: ['0.5,0.6', ''] });
    expect(m.get(0)).toEqual({ epoch: [1, 2], valLoss: [0.9, 0.8], valAccuracy: [0.5, 0.6], trainLoss: [null, null], trainAccuracy: [null, null], lr: [null, null] });
    applyEpochs(m, 3, [{ type: 'epoch', searchId: 3, trialId: 9, number: 0, epoch: 3, fold: 0, trainLoss: 0.6, valLoss: 0.7, trainAccuracy: 0.7, valAccuracy: 0.65, lr: 0.01 }]);
    expect(m.get(0)!.trainLoss).toEqual([null, null, 0.6]);
    expect(m.get(1)).toMatchObject({ epoch: [1], valLoss: [0.7], valAccuracy: [null] });
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
      type: 'epoch', searchId, trialId: 1, number, epoch, fold: 0, trainLoss: 1, valLoss, trainAccuracy: null, valAccuracy: null, lr: 0.1,
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
  it('best so far steps down for minimize, skipping failed trials', () => {
    const o = bestSoFarOption([trial(0, 0.5), trial(1, null), trial(2, 0.7), trial(3, 0.2)], 'minimize', 'val_loss');
    const [dots, line] = o.series as Series[];
    expect(dots.data).toHaveLength(3);
    expect(line.data).toEqual([[0, 0.5], [2, 0.5], [3, 0.2]]);
    const up = bestSoFarOption([trial(0, 0.5), trial(1, 0.9)], 'maximize', 'val_accuracy');
    expect((up.series as Series[])[1].data).toEqual([[0, 0.5], [1, 0.9]]);
  });

  it('curves: one polyline per trial, the selected one on top, best-epoch and early-stop markers, log extent to whole decades around the data', () => {
    const m = curveMap(columns([0, 0, 0, 1, 1], [1, 2, 3, 1, 2], [0.9, 0.5, 0.6, 0.7, 0.4]));
    const trials = [trial(0, 0.5, 1, {}, { bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' }), trial(1, 0.4, 1, {}, { bestEpoch: 2, stoppedEpoch: 2 })];
    const o = curvesOption(m, trials, 1);
    const [lines, best, stops, selected] = o.series as Series[];
    expect(lines.type).toBe('lines');
    expect(lines.data.map((d) => d.coords)).toEqual([[[1, 0.9], [2, 0.5], [3, 0.6]], [[1, 0.7], [2, 0.4]]]);
    expect(best.data.map((d) => d.value)).toEqual([[2, 0.5], [2, 0.4]]);
    expect(stops.data.map((d) => d.value)).toEqual([[3, 0.6]]);
    expect(selected.data).toEqual([[1, 0.7], [2, 0.4]]);
    const y = o.yAxis as { type: string; min: number; max: number };
    expect(y.type).toBe('log');
    expect(y.min).toBeCloseTo(0.1, 12);
    expect(y.max).toBe(1);
    expect((o.xAxis as { max: number }).max).toBe(3);
  });

  it('curves: more than 300 trials go as one flat typed array of polylines (points, x, y, …)', () => {
    const trials = Array.from({ length: 301 }, (_, i) => trial(i, 0.5));
    const m = curveMap(columns(trials.flatMap((t) => [t.number, t.number]), trials.flatMap(() => [1, 2]), trials.flatMap(() => [0.9, 0.5])));
    const data = (curvesOption(m, trials, null).series as Series[])[0].data as unknown as Float64Array;
    expect(data).toBeInstanceOf(Float64Array);
    expect(data.length).toBe(301 * 5);
    expect(Array.from(data.slice(0, 10))).toEqual([2, 1, 0.9, 2, 0.5, 2, 1, 0.9, 2, 0.5]);
  });

  it('curves: non-positive or missing losses are left out of a log axis', () => {
    const m = curveMap(columns([0, 0, 0], [1, 2, 3], [0.5, 0, Number.NaN]));
    const lines = (curvesOption(m, [], null).series as { data: { coords: number[][] }[] }[])[0];
    expect(lines.data[0].coords).toEqual([[1, 0.5], [1, 0.5]]);
  });

  it('knob scatter: log axis for log knobs, a series per round, later rounds\' boxes shaded', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], [
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

  it('pair scatter: coloured by objective with the ramp reversed for maximize, or by round with boxes as rectangles', () => {
    const [lr, units] = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'units', type: 'int', log: false }], [
      { round: 2, box: { lr: { low: 0.01, high: 0.1 }, units: { low: 8, high: 16 } } },
    ]);
    const trials = [trial(0, 0.5, 1, { lr: 0.3, units: 4 }), trial(1, 0.2, 2, { lr: 0.05, units: 10 }), trial(2, null, 2, { lr: 0.02, units: 9 })];
    const byObjective = pairScatterOption(trials, lr, units, 'val_loss', 'minimize');
    const vm = byObjective.visualMap as { min: number; max: number; dimension: number; inRange: { color: string[] } };
    expect([vm.min, vm.max, vm.dimension]).toEqual([0.2, 0.5, 2]);
    expect((byObjective.xAxis as { type: string }).type).toBe('log');
    const maxi = pairScatterOption(trials, lr, units, 'val_accuracy', 'maximize').visualMap as { inRange: { color: string[] } };
    expect(maxi.inRange.color).toEqual([...vm.inRange.color].reverse());
    const byRound = pairScatterOption(trials, lr, units, 'val_loss', 'minimize', 'round').series as Series[];
    expect(byRound.map((s) => s.data.length)).toEqual([1, 1]);
    expect(byRound[1].markArea?.data).toEqual([[{ xAxis: 0.01, yAxis: 8 }, { xAxis: 0.1, yAxis: 16 }]]);
  });

  it('parallel coordinates: an axis per knob (log where log-scaled) plus the objective, a line per finished trial', () => {
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'opt', type: 'categorical', log: false }], []);
    const o = parallelOption([trial(0, 0.5, 1, { lr: 0.1, opt: 'adam' }), trial(1, null, 1, { lr: 0.2, opt: 'sgd' })], axes, 'val_loss', 'minimize');
    expect((o.parallelAxis as { type: string; name: string }[]).map((a) => [a.name, a.type])).toEqual([['lr', 'log'], ['opt', 'category'], ['val_loss', 'value']]);
    expect((o.series as { data: { value: unknown[] }[] }[])[0].data.map((d) => d.value)).toEqual([[0.1, 'adam', 0.5]]);
  });

  it('one trial\'s train vs validation, best and stop epochs marked with the stop reason', () => {
    const m = curveMap(columns([0, 0, 0, 1], [1, 2, 3, 1], [1.1, 0.9, 0.95, 1]));
    const t = trial(0, 0.9, 1, {}, { bestEpoch: 2, stoppedEpoch: 3, stopReason: 'early_stopping' });
    const series = trialCurveOption(m.get(0), t).series as (Series & { markLine: { data: { name: string; xAxis: number }[] } })[];
    expect(series[0].data).toEqual([[1, 1.2000000000000002], [2, 1], [3, 1.05]]);
    expect(series[1].data).toEqual([[1, 1.1], [2, 0.9], [3, 0.95]]);
    expect(series[1].markLine.data.map((m) => [m.xAxis, m.name])).toEqual([[2, 'best epoch 2'], [3, 'stopped at 3: early_stopping']]);
  });

  it('compare: a validation and a training line per trial', () => {
    const m = curveMap(columns([0, 1], [1, 1], [0.5, 0.4]));
    expect((compareCurvesOption(m, [0, 1]).series as Series[]).map((s) => s.name)).toEqual(['trial 0 val', 'trial 0 train', 'trial 1 val', 'trial 1 train']);
  });

  it('class balance: one bar per class, named', () => {
    const o = classBalanceOption(['a', 'b'], [3, 5]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['a', 'b']);
    expect((o.series as Series[])[0].data).toEqual([3, 5]);
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
    expect(numbers(filterTrials(trials, { ...noFilter(), statuses: ['complete'] }, 'minimize'))).toEqual([0, 2, 3]);
    expect(numbers(filterTrials(trials, { ...noFilter(), hideFailed: true }, 'minimize'))).toEqual([0, 2, 3, 5]);
    expect(numbers(filterTrials(trials, { ...noFilter(), ranges: { lr: [0.2, 0.4] } }, 'minimize'))).toEqual([1, 2, 3]);
  });

  it('top-k% ranks the finished trials in the search\'s direction (4 finished: 50% = the best 2)', () => {
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 50 }, 'minimize'))).toEqual([2, 3]);
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 50 }, 'maximize'))).toEqual([0, 4]);
    expect(numbers(filterTrials(trials, { ...noFilter(), topPercent: 1 }, 'minimize'))).toEqual([2]);
  });

  it('progress: done, running, queued and an ETA of mean trial time × trials left ÷ workers', () => {
    const s = { status: 'running', plannedTrials: 10, counts: { complete: 3, failed: 1, running: 2 }, meanTrialSeconds: 4, workers: 2 } as unknown as SearchSummary;
    expect(progress(s)).toEqual({ done: 4, running: 2, queued: 4, etaS: 12 });
    expect(progress({ ...s, status: 'complete' }).etaS).toBeNull();
  });

  it('formats numbers and durations for people', () => {
    expect([fmt(null), fmt(3), fmt(0.000123456), fmt(0.123456), fmt(0.01), fmt(1e-8), fmt('adam'), fmt([64, 64])]).toEqual(['–', '3', '1.235e-4', '0.1235', '0.01', '1e-8', 'adam', '[64,64]']);
    expect([formatDuration(42), formatDuration(200), formatDuration(3840)]).toEqual(['42 s', '3 min 20 s', '1 h 4 min']);
  });

  it('config diff: sorted keys, marking those that differ', () => {
    expect(configDiff([{ lr: 0.1, hiddenLayers: [8] }, { lr: 0.2, hiddenLayers: [8] }])).toEqual([
      { key: 'hiddenLayers', values: [[8], [8]], differs: false },
      { key: 'lr', values: [0.1, 0.2], differs: true },
    ]);
  });
});
