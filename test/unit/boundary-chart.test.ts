// The decision boundary's chart (src-renderer/src/charts/boundary.ts), worked by hand.
import { describe, expect, it } from 'vitest';
import type { DecisionBoundary } from '../../src-core/api/contract';
import { boundaryOption, cellFills, CLASS_COLORS, curveXs, laneHeight } from '../../src-renderer/src/charts/boundary';

const base: DecisionBoundary = {
  searchId: 1, number: 0, task: 'classification', x: { name: 'x1', min: 0, max: 2 }, y: { name: 'x2', min: 0, max: 1 }, target: 'label', steps: 2,
  values: [0, 1, 1, 0], confidence: [0.5, 1, 0.75, 1], probabilities: [], classes: ['no', 'yes'],
  points: [[0.2, 0.2, 0, 0], [1.5, 0.2, 1, 0], [1.5, 0.8, 1, 1]], modelEpoch: 10, bestEpoch: 10, replay: { identical: true, message: '' },
};

describe("a decision boundary's cells and rows", () => {
  it('a cell is its class\'s colour laid over the page at 0.06 (a 50/50 guess) to 0.55 (sure) opacity, as one opaque colour', () => {
    // Orange #f59322 = (245, 147, 34) over white at 0.06: 255 + (245 − 255)·0.06 = 254.4 → 254, 255 − 108·0.06 → 249, 255 − 221·0.06 → 242.
    const [guess, sure, three4, sure0] = cellFills(base, false);
    expect(guess).toBe('rgb(254, 249, 242)');
    // Blue #0877bd = (8, 119, 189) at 0.55: 255 − 247·0.55 = 119.15 → 119, 255 − 136·0.55 = 180.2 → 180, 255 − 66·0.55 = 218.7 → 219.
    expect(sure).toBe('rgb(119, 180, 219)');
    // 75% of two classes is halfway from chance to sure: 0.06 + 0.49·0.5 = 0.305; 255 − 247·0.305 = 179.7, 255 − 136·0.305 = 213.5, 255 − 66·0.305 = 234.9.
    expect(three4).toBe('rgb(180, 214, 235)');
    // Orange at 0.55: 255 − 10·0.55 = 249.5, 255 − 108·0.55 = 195.6, 255 − 221·0.55 = 133.45.
    expect(sure0).toBe('rgb(250, 196, 133)');
    // Over the dark theme's background (24, 24, 28) instead.
    expect(cellFills(base, true)[0]).toBe(`rgb(${Math.round(24 + 221 * 0.06)}, ${Math.round(24 + 123 * 0.06)}, ${Math.round(28 + 6 * 0.06)})`);
  });

  it('a series for the cells, then one per class and part, named for the legend and coloured as the class', () => {
    const o = boundaryOption(base, false) as { series: { name: string; data: unknown[]; itemStyle?: { color?: string; borderColor?: string } }[]; legend: { data: string[] } };
    expect(o.series.map((s) => s.name)).toEqual(['the model', 'no · training', 'yes · training', 'yes · validation']);
    expect(o.series[0].data).toHaveLength(4);
    // A cell's lower-left corner: column i % steps, row ⌊i / steps⌋ of 1 × 0.5 cells.
    expect(o.series[0].data[3]).toEqual([1, 0.5, 0, 1]);
    expect(o.legend.data).toEqual(['no · training', 'yes · training', 'yes · validation']);
    expect(o.series[1].itemStyle?.color).toBe(CLASS_COLORS[0]);
    // Validation rows are rings: no fill, their class's colour as the rim.
    expect(o.series[3].itemStyle).toMatchObject({ color: 'rgba(0,0,0,0)', borderColor: CLASS_COLORS[1] });
  });

  it('a regression: cells on a ramp from light (lowest) to deep blue (highest); the rows in two series', () => {
    const r = { ...base, task: 'regression' as const, values: [0, 10, 5, 10], confidence: [], classes: [], points: [[0.2, 0.2, 3, 0], [1.5, 0.8, 7, 1]] as DecisionBoundary['points'] };
    expect(cellFills(r, false)).toEqual(['rgb(247, 251, 255)', 'rgb(8, 81, 156)', `rgb(${Math.round(247 - 239 * 0.5)}, ${Math.round(251 - 170 * 0.5)}, ${Math.round(255 - 99 * 0.5)})`, 'rgb(8, 81, 156)']);
    const o = boundaryOption(r, false) as { series: { name: string }[] };
    expect(o.series.map((s) => s.name)).toEqual(['the model', 'training rows', 'validation rows']);
  });
});

type Line = { name: string; type: string; data: number[][]; lineStyle?: { color?: string } };
describe("a one-feature model's curve", () => {
  const sine: DecisionBoundary = {
    ...base, task: 'regression', x: { name: 'x', min: -1, max: 3 }, y: null, target: 'y', steps: 5,
    values: [0.5, 0.2, -0.1, 0.4, 0.9], confidence: [], probabilities: [], classes: [],
    points: [[0, 0, 0.3, 0], [2, 0, -0.4, 0], [1, 0, 1.2, 1]],
  };

  it('its points run from x.min to x.max, both ends included', () => {
    expect(curveXs(sine)).toEqual([-1, 0, 1, 2, 3]);
  });

  it('a regression: the model as a line through its predictions, the rows at their target; the axis spans both, 5% wider', () => {
    const o = boundaryOption(sine, false) as { series: Line[]; yAxis: { name: string; min: number; max: number }; xAxis: { name: string } };
    expect(o.series.map((s) => s.name)).toEqual(['the model', 'training rows', 'validation rows']);
    expect(o.series[0].type).toBe('line');
    expect(o.series[0].data).toEqual([[-1, 0.5], [0, 0.2], [1, -0.1], [2, 0.4], [3, 0.9]]);
    expect(o.series[1].data).toEqual([[0, 0.3, 0.3], [2, -0.4, -0.4]]);
    expect(o.series[2].data).toEqual([[1, 1.2, 1.2]]);
    // Values and targets span −0.4 to 1.2: 1.6 wide, 0.08 more each way.
    expect(o.yAxis.min).toBeCloseTo(-0.48, 12);
    expect(o.yAxis.max).toBeCloseTo(1.28, 12);
    expect([o.xAxis.name, o.yAxis.name]).toEqual(['x', 'y']);
  });

  it("a classification: each class's probability as a line in its colour, the rows in a lane of their class beneath 0", () => {
    const c: DecisionBoundary = {
      ...sine, task: 'classification', steps: 3, x: { name: 'dose', min: 0, max: 2 }, values: [0, 0, 1], confidence: [0.9, 0.6, 0.7],
      probabilities: [0.9, 0.1, 0.6, 0.4, 0.3, 0.7], classes: ['low', 'high'],
      points: [[0.1, 0, 0, 0], [1.9, 0, 1, 0], [1.5, 0, 1, 1]],
    };
    const o = boundaryOption(c, false) as { series: Line[]; legend: { data: string[] }; yAxis: { min: number; max: number; interval: number; axisLabel: { formatter: (v: number) => string } } };
    expect(o.series.map((s) => s.name)).toEqual(['low', 'high', 'low · training', 'high · training', 'high · validation']);
    expect(o.legend.data).toEqual(['low', 'high']);
    expect(o.series[0].data).toEqual([[0, 0.9], [1, 0.6], [2, 0.3]]);
    expect(o.series[1].data).toEqual([[0, 0.1], [1, 0.4], [2, 0.7]]);
    expect(o.series[1].lineStyle?.color).toBe(CLASS_COLORS[1]);
    // Two lanes and 0.6 of one beneath fill one quarter step: 0.25 / 2.6 each.
    const lane = laneHeight(2);
    expect(lane).toBeCloseTo(0.25 / 2.6, 12);
    // Class k's lane is centred on −(k + 1)·lane, each row within a quarter of a lane of it.
    const [[x0, y0, k0]] = o.series[2].data;
    expect([x0, k0]).toEqual([0.1, 0]);
    expect(Math.abs(y0 + lane)).toBeLessThanOrEqual(lane / 4);
    const [[, y1]] = o.series[3].data;
    expect(Math.abs(y1 + 2 * lane)).toBeLessThanOrEqual(lane / 4);
    // The axis reaches one quarter step below 0, so its ticks fall on 0, 0.25, …, 1; below 0 it has no labels.
    expect([o.yAxis.min, o.yAxis.max, o.yAxis.interval]).toEqual([-0.25, 1, 0.25]);
    // Ten classes take two quarter steps: 10.6 lanes at 0.06 is 0.636, so 0.75.
    expect(laneHeight(10)).toBeCloseTo(0.75 / 10.6, 12);
    expect(o.yAxis.axisLabel.formatter(-0.1)).toBe('');
    expect(o.yAxis.axisLabel.formatter(0.5)).toBe('0.5');
  });
});

describe("a boundary's tooltips", () => {
  it('write names from the file (features, classes, target) as text, never as HTML', () => {
    const evil = '<img src=x onerror=alert(1)>';
    type Tip = { tooltip?: { formatter?: (p: unknown) => string } };
    const tips = (o: unknown, p: unknown): string[] => (o as { series: Tip[] }).series.flatMap((x) => (x.tooltip?.formatter ? [x.tooltip.formatter(p)] : []));
    const plane = boundaryOption({ ...base, x: { ...base.x, name: evil }, y: { name: evil, min: 0, max: 1 }, classes: [evil, 'yes'] }, false);
    const line = boundaryOption({ ...base, task: 'regression', y: null, target: evil, x: { ...base.x, name: evil }, steps: 2, values: [0, 1], confidence: [], classes: [] }, false);
    const curves = boundaryOption({ ...base, y: null, x: { ...base.x, name: evil }, steps: 2, values: [0, 0], probabilities: [0.9, 0.1, 0.8, 0.2], classes: [evil, 'yes'] }, false);
    const all = [...tips(plane, { dataIndex: 0, value: [0.2, 0.2, 0, 0] }), ...tips(line, { value: [0.2, 0.3, 0.3] }), ...tips(curves, { value: [0.2, 0.5, 0] })];
    expect(all.length).toBeGreaterThan(5);
    for (const t of all) {
      expect(t).not.toContain('<img');
      expect(t).toContain('&#60;img');
    }
  });
});
