// Numbers read one way everywhere (src-core/format.ts): whole numbers with every digit and no
// thousands separator. ECharts' own axis labels and tooltips wrote "1,000" on the axes the app left
// to them (trials, epochs, rows, trials ended) beside "3000" on the axes and in the tables the app
// formats; the pruning panel wrote its epoch counts "2,900". Every chart is drawn through
// withNumberLabels (Chart.vue); here each builder's option goes through it and ECharts lays it out
// (test/renderer/drawn.ts), and every text drawn is read.
import { describe, expect, it } from 'vitest';
import type { ComparedSearch, SearchSummary, TrialSummary } from '../../src-core/api/contract';
import { figure } from '../../src-core/format';
import { compareBestOption, compareDistributionOption, comparisonScale } from '../../src-renderer/src/charts/compare';
import { compareCurvesOption, curvesOption } from '../../src-renderer/src/charts/curveOptions';
import type { CurveMap } from '../../src-renderer/src/charts/curves';
import type { ChartOption } from '../../src-renderer/src/charts/echarts';
import { gradNormsOption } from '../../src-renderer/src/charts/insight';
import { tooltipValue, withNumberLabels } from '../../src-renderer/src/charts/numbers';
import { axisNumber, bestSoFarOption, classBalanceOption, histogramOption, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { epochsText } from '../../src-renderer/src/model/pruning';
import { drawnLabels, drawnTexts } from './drawn';
import { trialSummary } from '../helpers/trials';

const GROUPED = /\d,\d{3}/;
const trials: TrialSummary[] = Array.from({ length: 3000 }, (_, i) => trialSummary(i, { objective: 0.3 + ((i * 7919) % 1000) / 2000, valLoss: null }));
const view: ObjectiveView = { metric: 'val_loss', direction: 'minimize', scale: objectiveScale(trials.map((t) => t.objective)) };
const epochs = Array.from({ length: 2000 }, (_, i) => i + 1);
const curves: CurveMap = new Map([[0, { epoch: epochs, valLoss: epochs.map((e) => 1 / e), trainLoss: epochs.map((e) => 0.9 / e), valAccuracy: epochs.map(() => null), trainAccuracy: epochs.map(() => null), lr: epochs.map(() => null) }]]);
const summary = { id: 1, projectId: 1, project: 'p', name: 'many trials', status: 'complete', strategy: 'random', metric: 'val_loss', direction: 'minimize', dataset: 'digits', plannedTrials: 3000, counts: {}, finished: 3000, best: 0.3, stopReason: null, createdAt: '', startedAt: null, finishedAt: null, meanTrialSeconds: null, workers: 1, runElsewhere: null, parentId: null, reruns: [], notes: '', tags: [] } as SearchSummary;
const compared: ComparedSearch = {
  summary, budget: { trials: 3000, seconds: null, noImprovement: null }, wallSeconds: 3000, runningSeconds: 3000, best: null, settings: {},
  trials: trials.map((t, i) => ({ number: t.number, status: 'complete', objective: t.objective, seconds: i + 1 })),
};
const comparison = { searches: [compared, { ...compared, summary: { ...summary, id: 2, name: 'other' } }], metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null };

/** Every chart a builder draws with numbers in the thousands on one of its axes. */
const charts: [string, ChartOption][] = [
  ['best so far by trial (3000 trials)', bestSoFarOption(trials, view)],
  ['class balance (rows in the thousands)', classBalanceOption(['0', '1', '2'], [1200, 3400, 2500])],
  ['learning curves over 2000 epochs', curvesOption(curves, trials.slice(0, 1), 0, 'loss', objectiveScale([0.0005, 1]))],
  ['trials compared over 2000 epochs', compareCurvesOption(curves, [0])],
  ['gradient norms over 2000 epochs', gradNormsOption({ gradNorms: { epoch: epochs, byLayer: [epochs.map((e) => 1000 / e)] } })],
  ['searches compared by trials ended', compareBestOption(comparison, comparisonScale(comparison, 'auto'), 'trials')],
  ['searches compared, distributions', compareDistributionOption(comparison, comparisonScale(comparison, 'auto'))],
  ['a target\'s histogram (rows and values in the thousands)', histogramOption({ name: 'rooms', min: 1000, max: 9000, histogram: [1200, 3400, 2500, 2000] })],
];

describe('numbers on charts read as everywhere in Knobs: no thousands separator', () => {
  for (const [name, option] of charts) {
    it(`${name}: no drawn text groups thousands with a comma`, () => {
      const grouped = drawnTexts(withNumberLabels(option), { width: 760, height: 320 }).filter((t) => GROUPED.test(t));
      expect(grouped).toEqual([]);
    });
  }

  it('an axis in the thousands is labelled as figure() writes the same numbers: 4 digits as 5 ("3000", "20549")', () => {
    const x = drawnLabels(withNumberLabels(bestSoFarOption(trials, view)), 'xAxis', 0, { width: 760, height: 320 });
    expect(x.map((l) => l.text)).toContain('1000');
    for (const l of x) expect(l.text).toBe(figure(l.value));
    const rows = drawnLabels(withNumberLabels(classBalanceOption(['0', '1'], [12000, 20549])), 'yAxis', 0, { width: 760, height: 320 });
    for (const l of rows) expect(l.text).toBe(figure(l.value));
    expect(rows.map((l) => l.text)).toContain('10000');
  });

  it('50 classes named alike: ECharts draws each class under its bar as its own part of the name ("00" … "49"), all where they fit, every second or third where they would overlap', () => {
    const species = Array.from({ length: 50 }, (_, i) => `species number ${String(i).padStart(2, '0')} of the catalogue`);
    const drawn = (width: number): string[] => drawnLabels(withNumberLabels(classBalanceOption(species, species.map(() => 100))), 'xAxis', 0, { width, height: 220 }).map((l) => l.text);
    const short = species.map((_, i) => String(i).padStart(2, '0'));
    expect(drawn(1100)).toEqual(short);
    // A window of 900 px leaves the chart about 560: 50 labels had run together there.
    const narrow = drawn(560);
    expect(narrow.length).toBeGreaterThanOrEqual(15);
    expect(narrow.length).toBeLessThan(50);
    expect(narrow.every((t) => short.includes(t))).toBe(true);
  });

  it('a builder\'s own formatter stays (the wall-time axis, the objective\'s end labels)', () => {
    const time = compareBestOption(comparison, comparisonScale(comparison, 'auto'), 'seconds') as { xAxis: { axisLabel: { formatter: unknown } } };
    expect((withNumberLabels(time as ChartOption) as typeof time).xAxis.axisLabel.formatter).toBe(time.xAxis.axisLabel.formatter);
  });

  it('tooltips: whole numbers as figure() writes them, other numbers as they are', () => {
    expect(tooltipValue(1234)).toBe('1234');
    expect(tooltipValue(20549)).toBe('20549');
    expect(tooltipValue(0.1285)).toBe('0.1285');
    expect(tooltipValue([1000, 0.5])).toBe('1000, 0.5');
    const t = withNumberLabels({ tooltip: { trigger: 'axis' }, series: [{ type: 'bar', data: [1200, 3400] }] }).tooltip as { valueFormatter: (v: unknown) => string };
    expect(t.valueFormatter(3400)).toBe('3400');
  });

  it('a histogram\'s bins are labelled in the notation of the app\'s axes (never "51.2K" or "1.04M"), its rows on hover as figure() writes them', () => {
    // House prices from 51200 to 1.85 million in 4 bins of 450000.
    const prices = histogramOption({ name: 'price', min: 51_200, max: 1_851_200, histogram: [300, 250, 50, 9] });
    expect((prices.xAxis as { data: string[] }).data).toEqual(['5.12e+4', '5.01e+5', '9.51e+5', '1.4e+6']);
    const tip = (prices.tooltip as { formatter: (ps: unknown) => string }).formatter([{ dataIndex: 0, value: 1234 }]);
    expect(tip).toBe('price 51200 to 501200: 1234 rows');
    // A column in the plain range stays plain.
    expect((histogramOption({ name: 'rooms', min: 1, max: 9, histogram: [1, 2, 3, 4] }).xAxis as { data: string[] }).data).toEqual(['1', '3', '5', '7']);
  });

  it('a long tail with bins over log10 is drawn by them: each bin labelled by the value it starts at, a decade apart here, its range on hover', () => {
    // Values from 1 to 10000 in 4 bins of one decade each (the column-summaries test's tail).
    const tail = histogramOption({ name: 'price', min: 1, max: 10_000, histogram: [9, 0, 0, 1], logHistogram: [5, 2, 1, 2] });
    expect((tail.xAxis as { data: string[]; name: string }).data).toEqual(['1', '10', '100', '1000']);
    expect((tail.xAxis as { name: string }).name).toBe('price (bins of equal steps of log10)');
    expect((tail.series as { data: number[] }[])[0].data).toEqual([5, 2, 1, 2]);
    const tip = (tail.tooltip as { formatter: (ps: unknown) => string }).formatter([{ dataIndex: 1, value: 2 }]);
    expect(tip).toBe('price 10 to 100: 2 rows');
  });

  it('the pruning panel\'s counts: "2900 epochs trained of the 10000", not "2,900" and "10,000"', () => {
    expect(epochsText({ epochsTrained: 2900, epochsUnpruned: 10000 }, 51)).toBe('2900 epochs trained of the 10000 these trials would have trained without pruning; 51 trials pruned.');
    expect(epochsText({ epochsTrained: 12, epochsUnpruned: 30 }, 1)).toBe('12 epochs trained of the 30 these trials would have trained without pruning; 1 trial pruned.');
  });
});

describe('far-out values: a power of ten with the digits that tell ticks apart', () => {
  // An audit drew a regression search in dollars: "Best so far" read 1.0e+6, 1.0e+6, 1e+6, 9.8e+5 and
  // its learning curves 1.1e+12 five times (one decimal of mantissa for every tick).
  const dollars = Array.from({ length: 20 }, (_, i) => 1.0395e6 - (i === 7 ? 99_825 : i * 300));
  const priced = dollars.map((objective, i) => ({ ...trials[i], objective }));
  const dollarView: ObjectiveView = { metric: 'val_rmse', direction: 'minimize', scale: objectiveScale(dollars) };
  const squared = new Map([[0, { ...curves.get(0)!, valLoss: epochs.map((e) => 1.15e12 - e * 5e7), trainLoss: epochs.map((e) => 1.14e12 - e * 5e7) }]]) as CurveMap;

  const cases: [string, ChartOption, 'xAxis' | 'yAxis'][] = [
    ['best so far of a search in dollars', bestSoFarOption(priced, dollarView), 'yAxis'],
    ['a loss curve near 1e12', curvesOption(squared, priced.slice(0, 1), 0, 'loss', objectiveScale([1.04e12, 1.15e12])), 'yAxis'],
  ];
  for (const [name, option, axis] of cases) {
    it(`${name}: every label drawn is different and names its value to 4 digits`, () => {
      const labels = drawnLabels(withNumberLabels(option), axis, 0, { width: 760, height: 320 }).filter((l) => l.text !== '');
      expect(labels.length).toBeGreaterThanOrEqual(3);
      expect(new Set(labels.map((l) => l.text)).size).toBe(labels.length);
      for (const l of labels) expect(Math.abs(Number(l.text) - l.value) / Math.abs(l.value)).toBeLessThan(5e-4);
    });
  }

  it('powers of ten stay short: 1e+6, 2e+8, 1e-5; a mantissa keeps up to 4 digits', () => {
    expect([1e6, 2e8, 1e-5, 1.02e6, 1.0395e6, 9.8e5, -3.2e7, 1.05e12].map(axisNumber)).toEqual(['1e+6', '2e+8', '1e-5', '1.02e+6', '1.04e+6', '9.8e+5', '-3.2e+7', '1.05e+12']);
  });
});
