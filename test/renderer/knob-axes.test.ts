// Every chart that draws a knob's axis (the knob against the objective, the pair scatter, parallel
// coordinates) spans the knob's own range: an int knob of 1–16 from 1 to 16 at whole numbers (it
// ran 0–18, labelled 0, 3, … 18, and an int knob of 1–4 had labels 1.5, 2.5), like a float knob.
// The labels are read as ECharts draws them (test/renderer/drawn.ts).
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { knobAxes, knobScatterOption, pairScatterOption, parallelOption, stripOffset, stripStep, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { optionTables } from '../../src-renderer/src/charts/table';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { drawnLabels, drawnPoints } from './drawn';
import { trialSummary } from '../helpers/trials';

const [lr, depth, units, width, dropout] = knobAxes([
  { name: 'lr', type: 'float', log: true, low: 1e-4, high: 1 },
  { name: 'depth', type: 'int', log: false, low: 1, high: 4 },
  { name: 'hiddenUnits', type: 'int', log: false, low: 1, high: 16 },
  { name: 'width', type: 'int', log: true, low: 8, high: 256 },
  { name: 'dropout', type: 'float', log: false, low: 0, high: 0.5 },
], []);
/** 24 trials inside the ranges, none at the ends of hiddenUnits or width. */
const trials: TrialSummary[] = Array.from({ length: 24 }, (_, i) => trialSummary(i, {
  objective: 0.3 + (i % 7) * 0.05, valLoss: null,
  knobs: { lr: 10 ** (-3.5 + (i % 6) * 0.5), depth: 1 + (i % 4), hiddenUnits: 3 + (i % 12), width: 12 + i * 9, dropout: (i % 10) * 0.05 },
}));
const view: ObjectiveView = { metric: 'val_loss', direction: 'minimize', scale: objectiveScale(trials.map((t) => t.objective)) };
const texts = (labels: { text: string }[]): string[] => labels.map((l) => l.text);

/** The drawn labels run from the knob's low to its high, whole numbers only for an int knob, evenly ordered and never on top of each other. */
function expectKnobRange(labels: { text: string; value: number; px: number }[], low: number, high: number, int: boolean, minGapPx: number): void {
  expect(labels[0].value, texts(labels).join(' ')).toBeCloseTo(low, 12);
  expect(labels.at(-1)!.value, texts(labels).join(' ')).toBeCloseTo(high, 12);
  if (int) for (const l of labels) expect(Number.isInteger(l.value), `${l.text} on an int knob's axis`).toBe(true);
  for (let i = 1; i < labels.length; i++) expect(Math.abs(labels[i].px - labels[i - 1].px), `${labels[i - 1].text} and ${labels[i].text} apart`).toBeGreaterThanOrEqual(minGapPx);
}

describe('a knob\'s axis spans the knob\'s range', () => {
  it('the knob against the objective: an int knob of 1–16 from 1 to 16 (not 0–18), at whole numbers, on a small panel', () => {
    const size = { width: 300, height: 220 };
    const x = drawnLabels(knobScatterOption(trials, units, view), 'xAxis', 0, size);
    expect(texts(x)).toEqual(['1', '5', '10', '16']);
    expectKnobRange(x, 1, 16, true, 30);
    const d = drawnLabels(knobScatterOption(trials, depth, view), 'xAxis', 0, size);
    expect(texts(d)).toEqual(['1', '2', '3', '4']);
    const w = drawnLabels(knobScatterOption(trials, width, view), 'xAxis', 0, size);
    expectKnobRange(w, 8, 256, true, 30);
    // A float knob the same way: its range, its ends written as they are.
    expectKnobRange(drawnLabels(knobScatterOption(trials, lr, view), 'xAxis', 0, size), 1e-4, 1, false, 30);
    expect(texts(drawnLabels(knobScatterOption(trials, dropout, view), 'xAxis', 0, size))).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5']);
  });

  it('the pair scatter: both knobs over their ranges, coloured by the objective or by round', () => {
    for (const colour of ['objective', 'round'] as const) {
      const o = pairScatterOption(trials, lr, units, view, colour);
      expectKnobRange(drawnLabels(o, 'xAxis', 0, { width: 760, height: 400 }), 1e-4, 1, false, 40);
      const y = drawnLabels(o, 'yAxis', 0, { width: 760, height: 400 });
      expectKnobRange(y, 1, 16, true, 20);
      expect(texts(y)[0]).toBe('1');
      expect(texts(y).at(-1)).toBe('16');
    }
  });

  it('parallel coordinates: every numeric knob\'s axis over its range', () => {
    const o = parallelOption(trials, [lr, depth, units, width, dropout], view);
    const ranges: [number, number, boolean][] = [[1e-4, 1, false], [1, 4, true], [1, 16, true], [8, 256, true], [0, 0.5, false]];
    ranges.forEach(([low, high, int], i) => expectKnobRange(drawnLabels(o, 'parallelAxis', i, { width: 1000, height: 400 }), low, high, int, 20));
  });

  it('a value outside the range (an older spec\'s) widens the axis to it; without a range, the values\' own extent', () => {
    const older = [...trials, { ...trials[0], number: 99, knobs: { ...trials[0].knobs, hiddenUnits: 20 } }];
    expect(texts(drawnLabels(knobScatterOption(older, units, view), 'xAxis', 0, { width: 300, height: 220 })).at(-1)).toBe('20');
    const [unknown] = knobAxes([{ name: 'hiddenUnits', type: 'int', log: false }], []);
    const x = drawnLabels(knobScatterOption(trials, unknown, view), 'xAxis', 0, { width: 300, height: 220 });
    expectKnobRange(x, 3, 14, true, 30);
  });
});

describe('a knob of a few values is drawn as strips (thousands of dots on four lines showed nothing)', () => {
  const [act, steps] = knobAxes([
    { name: 'activation', type: 'categorical', log: false, values: ['relu', 'tanh', 'elu', 'sigmoid'] },
    { name: 'batchSize', type: 'int', log: false, low: 16, high: 256, step: 16 },
  ], []);
  const many: TrialSummary[] = Array.from({ length: 400 }, (_, i) => ({
    ...trials[0], id: i + 1, number: i, objective: 0.2 + (i % 13) * 0.03,
    knobs: { activation: ['relu', 'tanh', 'elu', 'sigmoid'][i % 4], batchSize: 16 * (1 + (i % 16)), depth: 1 + (i % 4), width: 8 + i },
  }));
  const size = { width: 300, height: 220 };

  it('which knobs: categorical ones, and numeric ones of at most STRIP_POINTS grid values not on a log scale', () => {
    expect(stripStep(act)).toBe(1);
    expect(stripStep(steps)).toBe(16);
    expect(stripStep(depth)).toBe(1);
    expect(stripStep(units)).toBe(1);
    expect(stripStep(width)).toBeNull();
    expect(stripStep(lr)).toBeNull();
    expect(stripStep(dropout)).toBeNull();
    const [seventeen] = knobAxes([{ name: 'k', type: 'int', log: false, low: 0, high: 16 }], []);
    expect(stripStep(seventeen), '17 values are too many for strips').toBeNull();
  });

  it('the offsets: evenly spread in [-0.5, 0.5), the same for a trial on every call', () => {
    const offs = Array.from({ length: 1000 }, (_, i) => stripOffset(i));
    for (const o of offs) expect(o >= -0.5 && o < 0.5).toBe(true);
    // Every tenth of the strip holds about a tenth of the dots (the golden-ratio sequence is even to within a few).
    for (let k = 0; k < 10; k++) expect(Math.abs(offs.filter((o) => o >= -0.5 + k / 10 && o < -0.4 + k / 10).length - 100)).toBeLessThanOrEqual(3);
    expect(stripOffset(417)).toBe(stripOffset(417));
  });

  it('a categorical knob: each dot inside its category\'s band, spread across it, and the data table shows the category', () => {
    const o = knobScatterOption(many, act, view);
    const { points, xOf } = drawnPoints(o, 0, size);
    const band = xOf(1) - xOf(0);
    const xs = new Map<number, number[]>();
    points.forEach(([x], i) => {
      const c = i % 4;
      expect(Math.abs(x - xOf(c)), `dot ${i} of ${['relu', 'tanh', 'elu', 'sigmoid'][c]}`).toBeLessThanOrEqual(0.3 * band + 1e-6);
      xs.set(c, [...(xs.get(c) ?? []), x]);
    });
    for (const [, v] of xs) expect(Math.max(...v) - Math.min(...v), 'the dots spread across the band').toBeGreaterThan(0.5 * band);
    const table = optionTables(o)[0];
    expect(table.columns).toEqual(['name', 'activation', 'val_loss']);
    expect(table.rows[1]).toEqual([expect.any(String), 'tanh', many[1].objective]);
  });

  it('a stepped knob: dots within 0.3 step of their value, centred on it at the ends too, inside the axis', () => {
    const o = knobScatterOption(many, steps, view);
    const { points, xOf } = drawnPoints(o, 0, size);
    const px = xOf(32) - xOf(16);
    const byValue = new Map<number, number[]>();
    points.forEach(([x], i) => {
      const v = many[i].knobs.batchSize as number;
      expect(Math.abs(x - xOf(v)), `batchSize ${v}`).toBeLessThanOrEqual(0.3 * px + 1e-6);
      byValue.set(v, [...(byValue.get(v) ?? []), x - xOf(v)]);
    });
    // The end strips spread to both sides of their value as the others do (they spread inwards only, so 16's dots sat right of its tick).
    for (const v of [16, 256, 128]) {
      const off = byValue.get(v)!;
      expect(Math.min(...off), `batchSize ${v} left of its tick`).toBeLessThan(-0.2 * px);
      expect(Math.max(...off), `batchSize ${v} right of its tick`).toBeGreaterThan(0.2 * px);
    }
    // The axis reaches half a step past each end (8 to 264), so every dot is on it; its labels are the range's, 16 to 256.
    const x = (o.xAxis as { min: number; max: number });
    expect([x.min, x.max]).toEqual([8, 264]);
    expect(optionTables(o)[0].rows.map((r) => r[1])).toEqual(many.map((t) => t.knobs.batchSize));
    const labels = drawnLabels(o, 'xAxis', 0, size);
    expect([labels[0].value, labels.at(-1)!.value]).toEqual([16, 256]);
  });

  it('a large search (over 2,000 dots, drawn in large mode) spreads them too', () => {
    const big = Array.from({ length: 2400 }, (_, i) => ({ ...many[i % 400], id: i + 1, number: i }));
    const { points, xOf } = drawnPoints(knobScatterOption(big, act, view), 0, size);
    expect(points).toHaveLength(2400);
    const band = xOf(1) - xOf(0);
    const spread = points.filter((_, i) => i % 4 === 0).map(([x]) => x - xOf(0));
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(0.5 * band);
    expect(Math.max(...spread.map(Math.abs))).toBeLessThanOrEqual(0.3 * band + 1e-6);
  });

  it('a knob of many values stays as it was: no spread, two values a dot', () => {
    const o = knobScatterOption(many, width, view);
    const series = (o.series as { data: { value: unknown[] }[]; encode?: unknown }[])[0];
    expect(series.encode).toBeUndefined();
    expect(series.data[0].value).toHaveLength(2);
  });
});
