import { describe, expect, it } from 'vitest';
import type { DiagnosticsSnapshot } from '../../src-core/api/contract';
import { compareHistogramsOption, contourLevels, contourSegments, densityLine, gradNormsOption, hasGradNorms, histogramGridOption, pickSnapshots, playgroundOption } from '../../src-renderer/src/charts/insight';

const grid = (n: number, f: (x: number, y: number) => number, lo = -2, hi = 2) => {
  const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { xs, ys: xs, z: xs.map((y) => xs.map((x) => f(x, y))) };
};

const snap = (epoch: number, layers = 3): DiagnosticsSnapshot => ({
  fold: 0, epoch,
  layers: Array.from({ length: layers }, (_, l) => ({
    layer: l + 1, units: 4, activation: l === layers - 1 ? 'output' : 'relu', pre: { min: -1, max: 1, counts: [1, 2, 3, 4] }, post: { min: 0, max: 2, counts: [4, 3, 2, 1] },
    meanPost: 0.5, stdPost: 0.3, weightNorm: 1, gradNorm: 0.1, deadFraction: 0, saturationFraction: null,
  })),
});

describe('contour plot (marching squares)', () => {
  it('puts every point of the x² + y² = 1 contour on the unit circle', () => {
    const segs = contourSegments(grid(81, (x, y) => x * x + y * y), 1);
    const pts = segs.filter((p): p is [number, number] => p !== null);
    expect(pts.length).toBeGreaterThan(100);
    for (const [x, y] of pts) expect(Math.hypot(x, y)).toBeCloseTo(1, 2);
    // Segments come in pairs separated by a gap.
    expect(segs.length % 3).toBe(0);
    expect(segs.filter((_, i) => i % 3 === 2).every((p) => p === null)).toBe(true);
  });

  it('spaces levels geometrically over decades for log surfaces, denser near the minimum otherwise', () => {
    const g = grid(21, (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2);
    const log = contourLevels({ grid: g, logContours: true }, 6);
    const ratios = log.slice(1).map((v, i) => v / log[i]);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 6);
    const lin = contourLevels({ grid: grid(21, (x, y) => x * x + y * y), logContours: false }, 4);
    expect(lin[1] - lin[0]).toBeLessThan(lin[3] - lin[2]);
  });
});

describe('diagnostics charts', () => {
  it('keeps the first and last snapshots when thinning', () => {
    const s = Array.from({ length: 11 }, (_, i) => snap(i * 5));
    const picked = pickSnapshots(s, 4).map((x) => x.epoch);
    expect(picked[0]).toBe(0);
    expect(picked[picked.length - 1]).toBe(50);
    expect(picked).toHaveLength(4);
  });

  it('draws one small histogram per layer and moment, labelled with its range', () => {
    const { option, height } = histogramGridOption([snap(0), snap(10)], 'pre');
    const series = option.series as { data: number[] }[];
    expect(series).toHaveLength(6);
    expect(series[0].data).toEqual([1, 2, 3, 4]);
    const x = (option.xAxis as { axisLabel: { formatter: (k: string) => string } }[])[0];
    expect(x.axisLabel.formatter('0')).toBe('-1');
    expect(x.axisLabel.formatter('3')).toBe('1');
    expect(height).toBeGreaterThan(3 * 80);
    // The output row names what it holds: a classifier's logits, a regression's predictions.
    const rowNames = (o: typeof option): string[] => (o.title as { text: string }[]).map((t) => t.text).filter((t) => t.startsWith('output'));
    expect(rowNames(option)).toEqual(['output\n(logits)']);
    expect(rowNames(histogramGridOption([snap(0), snap(10)], 'pre', true).option)).toEqual(['output\n(prediction)']);
  });

  it('turns a histogram into a density that integrates to 1', () => {
    const d = densityLine({ min: 0, max: 2, counts: [4, 3, 2, 1] });
    expect(d.map((p) => p[0])).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect(d.reduce((a, p) => a + p[1] * 0.5, 0)).toBeCloseTo(1, 10);
    const cmp = compareHistogramsOption([{ number: 1, snapshot: snap(0) }, { number: 2, snapshot: snap(0) }]);
    expect((cmp.option.series as unknown[]).length).toBe(6);
  });

  it('gradient norms with nothing to draw (a trial that diverged at once: NaN, or null over JSON) are told apart; one epoch sits mid-axis', () => {
    expect(hasGradNorms({ gradNorms: { epoch: [1], byLayer: [[Number.NaN], [null as unknown as number], [0]] } })).toBe(false);
    expect(hasGradNorms({ gradNorms: { epoch: [], byLayer: [] } })).toBe(false);
    expect(hasGradNorms({ gradNorms: { epoch: [1, 2], byLayer: [[Number.NaN, 0.1]] } })).toBe(true);
    const one = gradNormsOption({ gradNorms: { epoch: [1], byLayer: [[0.5]] } }).xAxis as { min: number; max: number };
    expect([one.min, one.max]).toEqual([0, 2]);
  });

  it('plots gradient norms per layer on a log axis, leaving gaps where a norm is not positive', () => {
    const o = gradNormsOption({ gradNorms: { epoch: [1, 2], byLayer: [[0.1, 0], [1, 2]] } });
    const series = o.series as { name: string; data: [number, number | null][] }[];
    expect(series.map((s) => s.name)).toEqual(['layer 1', 'output']);
    expect(series[0].data).toEqual([[1, 0.1], [2, null]]);
    expect((o.yAxis as { type: string }).type).toBe('log');
    // The y axis's name (15 px above the plot) clears the legend's first row (0–20 px).
    expect((o.grid as { top: number }).top - 15 - 12).toBeGreaterThanOrEqual(16);
  });
});

describe('playground chart', () => {
  it('names optimizers as people write them and drops the point markers on long paths', () => {
    const s = { id: 'rosenbrock', label: 'R', xRange: [-2, 2], yRange: [-1, 3], minimum: [1, 1], start: [-1.5, 2], logContours: true, grid: grid(11, (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2), usually: '', defaults: { steps: 500, lr: {}, momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999 } } as const;
    const long = Array.from({ length: 501 }, (_, i) => [i / 500, i / 500, 0] as [number, number, number]);
    const o = playgroundOption({ ...s, xRange: [-2, 2], yRange: [-1, 3], minimum: [1, 1], start: [-1.5, 2] }, [{ name: 'sgd', points: long, diverged: false }, { name: 'rmsprop', points: long.slice(0, 41), diverged: false }], [-1.5, 2]);
    expect((o.legend as { data: string[] }).data).toEqual(['SGD', 'RMSProp']);
    const lines = (o.series as { name: string; showSymbol?: boolean }[]).filter((x) => x.name === 'SGD' || x.name === 'RMSProp');
    expect(lines.map((l) => l.showSymbol)).toEqual([false, true]);
  });
});
