// The side-by-side charts of searches (issue #15, item 4) against hand-worked values: best so far by
// finishing rank and by seconds, the five-number summary, labels across projects, one shared scale,
// failed trials at the worst edge and values beyond the axis at its edge, both counted.
import { describe, expect, it } from 'vitest';
import type { ComparedSearch, SearchComparison, SearchSummary } from '../../src-core/api/contract';
import {
  bestReachedAt, bestSoFar, budgetText, compareBestOption, compareDistributionOption, comparisonScale, fiveNumbers, searchColor, searchLabels, trialsPerMinute,
} from '../../src-renderer/src/charts/compare';
import { runningClock } from '../../src-core/stretches';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { legendRows, wrapLegend } from '../../src-renderer/src/charts/legend';
import { searchSummary } from '../helpers/trials';
import { optionTables } from '../../src-renderer/src/charts/table';

const summary = (id: number, name: string, project: string, extra: Partial<SearchSummary> = {}): SearchSummary =>
  searchSummary(id, { projectId: project === 'alpha' ? 1 : 2, project, name, ...extra });
const searchOf = (s: SearchSummary, trials: [number, number | null, number][], budget: Partial<ComparedSearch['budget']> = {}): ComparedSearch => ({
  summary: s, budget: { trials: null, seconds: null, noImprovement: null, ...budget },
  trials: trials.map(([number, objective, seconds]) => ({ number, status: objective === null ? 'diverged' : 'complete', objective, seconds })),
  wallSeconds: trials.length ? Math.max(...trials.map((t) => t[2])) : null,
  runningSeconds: trials.length ? Math.max(...trials.map((t) => t[2])) : null,
  best: null, settings: {},
});

// Search A: 0.5 at 2 s, diverged at 3 s, 0.3 at 5 s, 0.4 at 9 s. Search B (other project): 0.2 at 1 s, 1000 at 4 s (far out).
const a = searchOf(summary(1, 'random', 'alpha'), [[3, 0.5, 2], [1, null, 3], [0, 0.3, 5], [2, 0.4, 9]], { trials: 5 });
a.best = { number: 0, objective: 0.3, knobs: {}, config: {} };
const b = searchOf(summary(2, 'random', 'beta'), [[0, 0.2, 1], [1, 1000, 4]], { seconds: 90, noImprovement: 3 });
const both: SearchComparison = { searches: [a, b], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null };

type Series = { type: string; name: string; data: { value: number[]; name?: string }[] | number[][] };

describe('searches side by side', () => {
  it('best so far steps by finishing rank and by seconds, skipping failed trials', () => {
    expect(bestSoFar(a, 'minimize', 'trials')).toEqual([[1, 0.5], [3, 0.3], [4, 0.3]]);
    expect(bestSoFar(a, 'minimize', 'seconds')).toEqual([[2, 0.5], [5, 0.3], [9, 0.3]]);
    expect(bestSoFar(a, 'maximize', 'trials')).toEqual([[1, 0.5], [3, 0.5], [4, 0.5]]);
    expect(bestReachedAt(a)).toEqual({ rank: 3, seconds: 5 });
    expect(bestReachedAt(b)).toBeNull();
  });

  it('best so far never steps down to a pruned trial\'s partial value', () => {
    const p: ComparedSearch = { ...a, trials: [...a.trials.slice(0, 2), { number: 9, status: 'pruned', objective: 0.01, seconds: 4 }, ...a.trials.slice(2)] };
    expect(bestSoFar(p, 'minimize', 'trials')).toEqual([[1, 0.5], [4, 0.3], [5, 0.3]]);
  });

  it('trials per minute: each search over its wall time, the row in one notation, a dash without a wall time', () => {
    // a: 4 trials in 9 s = 26.67 a minute; b: 2 in 4 s = 30.
    expect(trialsPerMinute(both)).toEqual(['26.7', '30']);
    // Fixtures write thousands of trials in a second: 10,000 in 0.887 s and 4,000 in 0.223 s are 676,437 and 1,076,233 a minute, both as powers.
    const fast = (n: number, running: number): ComparedSearch => ({ ...a, trials: Array.from({ length: n }, () => a.trials[0]), runningSeconds: running });
    expect(trialsPerMinute({ searches: [fast(10000, 0.887), fast(4000, 0.223)], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null })).toEqual(['6.76e+5', '1.08e+6']);
    expect(trialsPerMinute({ searches: [a, { ...b, runningSeconds: null }], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null })).toEqual(['26.7', '–']);
    // Over the running time, not the wall time: a search paused overnight ran at its own pace.
    expect(trialsPerMinute({ searches: [{ ...a, wallSeconds: 9 * 3600 }, b], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null })).toEqual(['26.7', '30']);
  });

  it('five numbers by linear interpolation: 1..5 gives 1, 2, 3, 4, 5; four values interpolate', () => {
    expect(fiveNumbers([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(fiveNumbers([0.3, 0.4, 0.5, 0.9])).toEqual([0.3, 0.375, 0.45, 0.6, 0.9]);
  });

  it('names searches with their project when they span projects or share a name', () => {
    expect(searchLabels(both)).toEqual(['alpha / random', 'beta / random']);
    const one: SearchComparison = { searches: [a, searchOf(summary(3, 'grid', 'alpha'), [])], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null };
    expect(searchLabels(one)).toEqual(['random', 'grid']);
    expect(budgetText(a)).toBe('5 trials');
    expect(budgetText(b)).toBe('1 min 30 s · stop after 3 without improvement');
    expect(budgetText(searchOf(summary(4, 'x', 'alpha'), []))).toBe('no limit (plans 5)');
  });

  it('draws the shared chance level across the best-so-far chart where its axis reaches it; none without one', () => {
    const scale = comparisonScale(both, 'linear');
    const level = (scale.min + scale.max) / 2;
    const marked = (c: SearchComparison) => optionTables(compareBestOption(c, scale, 'trials')).find((t) => t.caption === 'lines marked on the chart');
    expect(marked({ ...both, chance: { value: level, what: 'always predicting the class frequencies' } })?.rows).toEqual([['chance (always predicting the class frequencies)', 'best val_loss so far', level]]);
    expect(marked(both)).toBeUndefined();
  });

  it('one scale over every search: 1000 is far out (robust linear), drawn at the top edge and counted; the diverged trial at the worst edge', () => {
    const scale = comparisonScale(both, 'auto');
    expect(scale.type).toBe('value');
    expect(scale.above).toBe(1);
    const option = compareBestOption(both, scale, 'trials');
    const series = option.series as unknown as Series[];
    const failed = series.find((s) => s.name === 'failed / diverged (1)')!;
    expect(failed.data).toEqual([{ value: [2, scale.max], name: 'alpha / random, trial 1: diverged' }]);
    const clipped = series.find((s) => s.name === 'beyond the axis (1)')!;
    expect((clipped.data[0] as { value: number[] }).value).toEqual([2, scale.max]);
    const lineB = series.filter((s) => s.type === 'line')[1];
    expect(lineB.data).toEqual([[1, 0.2], [2, 0.2]]);
    // The legend keys each search at full colour, not at its dots' half opacity (hard to see on the dark theme).
    expect((option.legend as { itemStyle?: { opacity?: number } }).itemStyle?.opacity).toBe(1);
    expect((compareDistributionOption(both, scale).legend as { itemStyle?: { opacity?: number } }).itemStyle?.opacity).toBe(1);
    // Two searches' names fit their bands of a 450 px plot (820 px window): at most 225 px each (they took 320 and overlapped).
    const names = (compareDistributionOption(both, scale).xAxis as { axisLabel?: { width?: number } }[])[0].axisLabel!;
    expect(names.width).toBeLessThanOrEqual(225);
    const byTime = compareBestOption(both, scale, 'seconds').series as unknown as Series[];
    expect(byTime.filter((s) => s.type === 'line')[0].data).toEqual([[2, 0.5], [5, 0.3], [9, 0.3]]);
  });

  it('the distribution chart: a box per search over its values (clipped to the axis), dots, and the same counts', () => {
    const scale = comparisonScale(both, 'auto');
    const series = compareDistributionOption(both, scale).series as unknown as Series[];
    const boxes = series.find((s) => s.type === 'boxplot')!.data as { value: number[]; name: string }[];
    expect(boxes[0].value).toEqual([0.3, 0.35, 0.4, 0.45, 0.5]);
    expect(boxes[0].name).toBe('alpha / random: median 0.4 of 3');
    expect(boxes[1].value).toEqual([0.2, 250.15, 500.1, 750.05, 1000].map((v) => Math.min(v, scale.max)));
    expect(series.some((s) => s.name === 'failed / diverged (1)')).toBe(true);
    expect(series.some((s) => s.name === 'beyond the axis (1)')).toBe(true);
  });

  it('pruned trials: hollow rings in their search\'s colour, counted in the legend, never in the box or the best so far', () => {
    const p: ComparedSearch = { ...a, trials: [...a.trials, { number: 9, status: 'pruned', objective: 0.45, seconds: 10 }, { number: 8, status: 'pruned', objective: 0.49, seconds: 11 }] };
    const pb: SearchComparison = { searches: [p, b], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null };
    const scale = comparisonScale(pb, 'auto');
    for (const option of [compareBestOption(pb, scale, 'trials'), compareDistributionOption(pb, scale)]) {
      const series = option.series as unknown as (Series & { itemStyle: { color: string } })[];
      const rings = series.find((s) => s.name === 'pruned (2)')!;
      expect(rings.itemStyle.color).toBe('transparent');
      expect((rings.data as unknown as { name: string; itemStyle: { borderColor: string } }[]).map((d) => [d.name, d.itemStyle.borderColor])).toEqual([
        ['alpha / random, trial 9: val_loss 0.45 (pruned)', searchColor(0)], ['alpha / random, trial 8: val_loss 0.49 (pruned)', searchColor(0)],
      ]);
      // Not among the search's own dots.
      const own = series.find((s) => s.type === 'scatter' && s.name === 'alpha / random')!;
      expect((own.data as { name: string }[]).some((d) => d.name.includes('(pruned)'))).toBe(false);
    }
    const boxes = (compareDistributionOption(pb, scale).series as unknown as Series[]).find((s) => s.type === 'boxplot')!.data as { value: number[]; name: string }[];
    expect(boxes[0].name).toBe('alpha / random: median 0.4 of 3');
    expect(bestSoFar(p, 'minimize', 'trials').at(-1)).toEqual([4, 0.3]);
  });

  it('draws nothing on one axis when the objectives differ', () => {
    const mixed: SearchComparison = { searches: [a, b], metric: null, chance: null, comparable: [], basisNote: null, mismatch: 'different objectives', otherData: null, otherRows: null };
    expect(compareBestOption(mixed, comparisonScale(mixed, 'auto'), 'trials').series).toEqual([]);
    expect(compareDistributionOption(mixed, comparisonScale(mixed, 'auto')).series).toEqual([]);
  });
});

describe('legends that wrap instead of paging', () => {
  // Each character 6 px: a 4-letter name is an item of 25 + 5 + 24 = 54 px, items 10 px apart.
  const measure = (t: string): number => t.length * 6;
  it('counts the rows ECharts wraps a plain legend into', () => {
    expect(legendRows(['aaaa', 'bbbb', 'cccc'], 130, measure)).toBe(2); // 54 + 10 + 54 = 118 fits, a third would need 182
    expect(legendRows(['aaaa', 'bbbb', 'cccc'], 182, measure)).toBe(1);
    expect(legendRows(['a'.repeat(40), 'bbbb'], 130, measure)).toBe(2); // an item wider than the row has a row of its own
    expect(legendRows([], 130, measure)).toBe(0);
  });
  it('moves the grid down by the extra rows at this width, and leaves other charts alone', () => {
    const option: ChartOption = {
      legend: { top: 0, left: 10, right: 10, type: 'plain' }, grid: { left: 60, right: 20, top: 56, bottom: 40 },
      series: [{ type: 'line', name: 'aaaa', data: [] }, { type: 'scatter', name: 'aaaa', data: [] }, { type: 'line', name: 'bbbb', data: [] }, { type: 'line', name: 'cccc', data: [] }],
    };
    // 160 px wide: 130 for the items after the legend's sides and padding, so two rows (names listed once each).
    expect(wrapLegend(option, 160, measure).grid).toEqual({ left: 60, right: 20, top: 56 + 24, bottom: 40 });
    expect(wrapLegend(option, 400, measure)).toBe(option);
    const scroll = { ...option, legend: { ...option.legend, type: 'scroll' } } as ChartOption;
    expect(wrapLegend(scroll, 160, measure)).toBe(scroll);
    const listed = { ...option, legend: { ...option.legend, data: ['aaaa'] } } as ChartOption;
    expect(wrapLegend(listed, 160, measure)).toBe(listed);
  });
  it('wraps the curves overlay: its marks legend within its own width, with the list of trials below it moved down as far as the grid', () => {
    const trials = { type: 'scroll', orient: 'vertical', right: 0, top: 28, bottom: 8, width: 205, data: ['trial 0', 'trial 1'] };
    const option: ChartOption = {
      legend: [{ top: 0, right: 10, type: 'plain', width: 140, data: ['aaaa', 'bbbb', 'cccc'] }, trials], grid: { left: 60, right: 215, top: 32, bottom: 40 },
      series: [],
    } as ChartOption;
    // 140 px less the padding: 130 for the items, so two rows whatever the chart's width.
    const wrapped = wrapLegend(option, 1200, measure);
    expect(wrapped.grid).toEqual({ left: 60, right: 215, top: 32 + 24, bottom: 40 });
    expect((wrapped.legend as { top: number }[]).map((l) => l.top)).toEqual([0, 28 + 24]);
    // A share of the chart: 70% of 200 px is 140, two rows; of 400 px, one.
    const share = { ...option, legend: [{ ...(option.legend as object[])[0], width: '70%' }, trials] } as ChartOption;
    expect((wrapLegend(share, 200, measure).grid as { top: number }).top).toBe(32 + 24);
    expect(wrapLegend(share, 400, measure)).toBe(share);
  });

  it('names a value of exactly 0 as 0 (a saturated log-loss), and tiny values in exponent form', () => {
    const z = searchOf(summary(3, 'tpe', 'alpha'), [[0, 0, 1], [1, 0, 2], [2, 2.5e-5, 3]]);
    const pair: SearchComparison = { searches: [z, a], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null };
    const series = compareDistributionOption(pair, comparisonScale(pair, 'auto')).series as unknown as Series[];
    const boxes = series.find((s) => s.type === 'boxplot')!.data as { value: number[]; name: string }[];
    expect(boxes[0].name).toBe('tpe: median 0 of 3');
    const names = series.flatMap((s) => (s.data as { name?: string }[]).map((d) => d.name ?? ''));
    expect(names).toContain('tpe, trial 0: val_loss 0');
    expect(names).toContain('tpe, trial 2: val_loss 2.5e-5');
  });
});

describe('a search\'s running time', () => {
  it('adds up the stretches in which some trial ran before a moment, pauses and gaps left out', () => {
    // Stretches (ms): 0–10,000 (two overlapping trials), 3,600,000–3,620,000 (two), 4,000,000–4,000,500; a trial with no length.
    const clock = runningClock([[0, 10_000], [2_000, 6_000], [3_600_000, 3_610_000], [3_605_000, 3_620_000], [4_000_000, 4_000_500], [5_000_000, 5_000_000]]);
    expect([clock(-5), clock(0), clock(4_000), clock(10_000), clock(1_000_000), clock(3_610_000), clock(3_620_000), clock(4_000_250), clock(9e9)])
      .toEqual([0, 0, 4, 10, 10, 20, 30, 30.25, 30.5]);
    // A search on one worker: a stretch per trial, 1 s each with 10 ms between; 10,000 of them answered by bisection.
    const one = runningClock(Array.from({ length: 10_000 }, (_, i): [number, number] => [i * 1010, i * 1010 + 1000]));
    expect(one(5000 * 1010 + 1000)).toBe(5001);
    expect(one(5000 * 1010 + 1005)).toBe(5001);
    expect(one(10_000 * 1010)).toBe(10_000);
  });
});
