import { describe, expect, it } from 'vitest';
import { predictionSentence } from '../../src-core/analysis/predictions';
import { belowAxisText, predictionFacts, predictionsOption } from '../../src-renderer/src/charts/predictions';

type Axis = { type: string; min: number; max: number };
type Series = { type: string; data: number[][]; tooltip: { formatter?: (p: unknown) => string } };

describe('the predicted-against-actual chart', () => {
  it('hand-worked: values over two decades, all above 0, get log axes from one power of ten below to one above; the median misses and the largest', () => {
    const p = { rows: 3, actual: [10, 100, 1000], predicted: [20, 100, 500], overflowed: 0 };
    const f = predictionFacts(p)!;
    // Errors 10, 0, 500 (median 10); relative to the actual value 1, 0, 0.5 (median 0.5); the largest miss 500 for 1000.
    expect(f).toEqual({ log: true, lo: 10, hi: 1000, belowAxis: 0, medianError: 10, medianRelative: 0.5, worst: { actual: 1000, predicted: 500 } });
    const o = predictionsOption(p, f, false) as unknown as { xAxis: Axis; yAxis: Axis; series: Series[] };
    expect([o.xAxis.type, o.xAxis.min, o.xAxis.max]).toEqual(['log', 10, 1000]);
    expect([o.yAxis.type, o.yAxis.min, o.yAxis.max]).toEqual(['log', 10, 1000]);
    // The diagonal spans the shared range; the points are (actual, predicted).
    expect(o.series[0].data).toEqual([[10, 10], [1000, 1000]]);
    expect(o.series[1].data).toEqual([[10, 20], [100, 100], [1000, 500]]);
    expect(o.series[1].tooltip.formatter!({ value: [1000, 500] })).toBe('actual 1000 · predicted 500 (−50%)');
    expect(o.series[1].tooltip.formatter!({ value: [10, 20] })).toBe('actual 10 · predicted 20 (+100%)');
  });

  it('prices all above 0 with a few predictions at or below 0 (at most 25%) keep log axes: those sit on the bottom edge, marked, their tooltip the real prediction', () => {
    // Twenty rows over three decades; the cheapest two predicted at −40 and 0.
    const actual = Array.from({ length: 20 }, (_, i) => 10 * 1.45 ** i);
    const predicted = actual.map((a, i) => (i === 0 ? -40 : i === 1 ? 0 : a * 1.1));
    const f = predictionFacts({ rows: 20, actual, predicted, overflowed: 0 })!;
    expect([f.log, f.belowAxis, f.lo, f.hi]).toEqual([true, 2, 10, 100000]);
    const o = predictionsOption({ rows: 20, actual, predicted, overflowed: 0 }, f, false) as unknown as { series: Series[] };
    expect(belowAxisText(f)).toBe(' 2 predictions at or below 0 cannot sit on the log axes: they are the ▼ on the bottom edge, at their actual values.');
    expect(belowAxisText({ ...f, belowAxis: 1 })).toBe(' 1 prediction at or below 0 cannot sit on the log axes: it is the ▼ on the bottom edge, at its actual value.');
    expect(o.series[1].data).toHaveLength(18);
    const edge = o.series[2] as unknown as { data: { value: number[]; predicted: number }[]; tooltip: { formatter: (q: unknown) => string } };
    expect(edge.data.map((d) => d.value)).toEqual([[10, 10], [14.5, 10]]);
    expect(edge.tooltip.formatter({ data: edge.data[0] })).toBe('actual 10 · predicted −40 (−500%)');
    // Six of twenty (30%) at or below 0: linear axes, every point where it is.
    const more = predictionFacts({ rows: 20, actual, predicted: predicted.map((y, i) => (i < 6 ? -1 : y)), overflowed: 0 })!;
    expect([more.log, more.belowAxis]).toEqual([false, 0]);
  });

  it('values of both signs (or under two decades) get linear axes with round ends; a 0 actual has no relative miss; one value gets room', () => {
    const f = predictionFacts({ rows: 3, actual: [-1, 0, 1], predicted: [-0.5, 0.2, 2], overflowed: 0 })!;
    // Span 3: a step of 1, so −1 to 2. Errors 0.5, 0.2, 1 (median 0.5); relative, the 0 left out: 0.5 and 1 (median 0.75).
    expect(f).toEqual({ log: false, lo: -1, hi: 2, belowAxis: 0, medianError: 0.5, medianRelative: 0.75, worst: { actual: 1, predicted: 2 } });
    expect(predictionFacts({ rows: 2, actual: [20, 30], predicted: [25, 35], overflowed: 0 })!.log).toBe(false);
    expect(predictionFacts({ rows: 2, actual: [5, 5], predicted: [5, 5], overflowed: 0 })).toMatchObject({ lo: 4, hi: 6, medianRelative: 0 });
    expect(predictionFacts({ rows: 0, actual: [0], predicted: [0], overflowed: 0 })!.medianRelative).toBeNull();
    expect(predictionFacts({ rows: 5, actual: [], predicted: [], overflowed: 5 })).toBeNull();
  });

  it('says the typical and the largest miss in words, as the drawer and knobs trial write them: hold-out, k-fold, thinned, overflowed', () => {
    const p = { rows: 3, actual: [10, 100, 1000], predicted: [20, 100, 500], overflowed: 0 };
    expect(predictionSentence(p, 4, 1)).toBe('3 validation rows at the best epoch (4). Half the predictions are within 10 of the actual value (half within 50% of it); the largest miss predicts 500 for 1000.');
    expect(predictionSentence({ ...p, rows: 1200, overflowed: 1 }, 4, 5)).toBe(
      '1,200 validation rows (every row once, predicted by the fold that held it out) each at its fold\'s best epoch; 4 of them, evenly spaced, are kept. ' +
      'Half the predictions are within 10 of the actual value (half within 50% of it); the largest miss predicts 500 for 1000. 1 prediction overflowed (not a finite number) and is left out.',
    );
    expect(predictionSentence({ rows: 1, actual: [], predicted: [], overflowed: 1 }, null, 1)).toBe('');
    // A model's test rows: no epoch to name; over k folds each fold's model predicts every test row.
    expect(predictionSentence(p, null, 1, 'test')).toBe('3 test row predictions. Half the predictions are within 10 of the actual value (half within 50% of it); the largest miss predicts 500 for 1000.');
    expect(predictionSentence(p, null, 3, 'test')).toMatch(/^3 test row predictions \(every test row by each of the 3 folds' models\)\. Half/);
  });
});
