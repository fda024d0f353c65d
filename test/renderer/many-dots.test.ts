// A chart of thousands of trials draws each series of like marks as one shape (ECharts' large mode),
// not an element per mark: the Search-space tab of a 10,000-trial search drew 80,000 rug ticks under
// TPE's densities and 716 pruned rings per knob chart, and took 5.8 s to draw every chart.
// Counted as ECharts draws them (test/renderer/drawn.ts), and the marks are still where they belong.
import { describe, expect, it } from 'vitest';
import type { KnobDensity, TrialSummary } from '../../src-core/api/contract';
import { densityOption } from '../../src-renderer/src/charts/analysis';
import { curvesOption } from '../../src-renderer/src/charts/curveOptions';
import type { CurveMap } from '../../src-renderer/src/charts/curves';
import { bestSoFarOption, CROSS, knobAxes, knobScatterOption, MANY_DOTS, pairScatterOption, symbolStrokes, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { optionTables } from '../../src-renderer/src/charts/table';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { drawnElements, drawnPoints, drawnSvg } from './drawn';
import { trialSummary } from '../helpers/trials';

const [lr, units] = knobAxes([
  { name: 'lr', type: 'float', log: true, low: 1e-4, high: 1 },
  { name: 'hiddenUnits', type: 'int', log: true, low: 4, high: 512 },
], []);

/** `n` trials: one in ten pruned, one in twenty diverged, the rest complete with objectives within a decade (nothing clipped). */
function trials(n: number): TrialSummary[] {
  return Array.from({ length: n }, (_, i) => {
    const status = i % 20 === 7 ? 'diverged' : i % 10 === 3 ? 'pruned' : 'complete';
    return trialSummary(i, {
      status, objective: status === 'diverged' ? null : 0.1 + ((i * 37) % 100) / 200, valLoss: null,
      knobs: { lr: 10 ** (-4 + ((i * 13) % 97) / 24.25), hiddenUnits: 4 + ((i * 7) % 509) },
      stopReason: status === 'pruned' ? 'pruned' : 'max_epochs',
      prune: status === 'pruned' ? ({ epoch: 3, fold: 0, value: 0.5, threshold: 0.4 } as TrialSummary['prune']) : null,
    });
  });
}
const viewOf = (ts: TrialSummary[]): ObjectiveView => ({ metric: 'val_loss', direction: 'minimize', scale: objectiveScale(ts.map((t) => t.objective)) });

/** A log knob's densities with `bad` and `good` trials' values as ticks along the bottom. */
function density(bad: number, good: number): KnobDensity {
  const x = Array.from({ length: 50 }, (_, i) => -4 + (4 * i) / 49);
  const at = (i: number): number => -4 + (4 * ((i * 0.618) % 1));
  return { name: 'lr', scale: 'log', discrete: false, x, span: [-4, 0], l: x.map((v) => Math.exp(-((v + 2) ** 2))), g: x.map(() => 0.25), good: Array.from({ length: good }, (_, i) => at(i) / 2 - 1), bad: Array.from({ length: bad }, (_, i) => at(i)) };
}

describe('charts of thousands of trials', () => {
  it('draw the rug of TPE densities as one shape a series, each tick where its value is', () => {
    const few = drawnElements(densityOption(density(20, 3)));
    const many = drawnElements(densityOption(density(10_000, 1_000)));
    // The same chart whatever the number of ticks (it was one element a tick: 11,000 more).
    expect(many).toBe(few);
    const option = densityOption(density(10_000, 1_000));
    const { points, xOf } = drawnPoints(option, 2);
    expect(points).toHaveLength(10_000);
    const bad = density(10_000, 1_000).bad;
    for (const i of [0, 1, 4999, 9999]) expect(points[i][0]).toBeCloseTo(xOf(bad[i]), 3);
    // No good trials yet (every trial diverged): an empty rug draws nothing, where a large series of none threw in ECharts.
    expect(drawnElements(densityOption(density(30, 0)))).toBe(few - 1);
  });

  it('draw a knob chart’s pruned rings as one shape past MANY_DOTS dots (its failed crosses stay elements)', () => {
    const ts = trials(3_000);
    const failed = ts.filter((t) => t.status === 'diverged').length;
    const option = knobScatterOption(ts, lr, viewOf(ts));
    const count = drawnElements(option);
    // Axes, labels, legend, a shape per series and a cross per failed trial; the 300 rings were 300 elements of their own.
    expect(count).toBeLessThan(failed + 100);
    // Below MANY_DOTS the marks stay elements of their own (hover highlights each).
    const small = trials(MANY_DOTS - 200);
    expect(drawnElements(knobScatterOption(small, lr, viewOf(small)))).toBeGreaterThan(small.filter((t) => t.status !== 'complete').length);
    // The rings are still at their trials’ places (a large series lays them out in 32-bit floats).
    const series = (option.series as { name?: string }[]).findIndex((s) => /pruned/.test(String(s.name)));
    const { points, xOf } = drawnPoints(option, series);
    const pruned = ts.filter((t) => t.status === 'pruned');
    expect(points).toHaveLength(pruned.length);
    expect(points[5][0]).toBeCloseTo(xOf(pruned[5].knobs.lr as number), 3);
  });

  it('do the same in the best-so-far and pair charts', () => {
    const ts = trials(3_000);
    const failed = ts.filter((t) => t.status === 'diverged').length;
    expect(drawnElements(bestSoFarOption(ts, viewOf(ts)))).toBeLessThan(failed + 100);
    // The pair scatter's coloured dots stay elements (each its own colour); its rings do not add 300 more.
    const pair = drawnElements(pairScatterOption(ts, lr, units, viewOf(ts)));
    const ok = ts.filter((t) => t.status === 'complete').length;
    expect(pair).toBeLessThan(ok + failed + 100);
  });

  it('draw thousands of failed trials\' crosses in the knob, best-so-far and pair charts as one path each, where each trial\'s mark is', () => {
    // A search whose learning rate reaches far enough that most trials diverge: 3,000 of 5,000.
    // And a few that blew up without diverging, drawn as triangles at the same edge ("beyond").
    const ts = trials(5_000).map((t, i) => ({
      ...t, ...(i % 5 < 3 ? { status: 'diverged' as const, objective: null, prune: null, stopReason: 'diverged' as const } : i % 50 === 4 ? { objective: 1e6 } : {}),
      knobs: { ...t.knobs, activation: ['relu', 'tanh', 'elu'][i % 3], depth: 1 + (i % 4) },
    }));
    const failed = ts.filter((t) => t.status === 'diverged');
    expect(failed).toHaveLength(3_000);
    const [act, depth] = knobAxes([{ name: 'activation', type: 'categorical', log: false, values: ['relu', 'tanh', 'elu'] }, { name: 'depth', type: 'int', log: false, low: 1, high: 4 }], []);
    const size = { width: 600, height: 320 };
    const view = viewOf(ts);
    const ok = ts.filter((t) => t.status !== 'diverged');
    for (const [what, chart] of [
      ['lr', (x: TrialSummary[]) => knobScatterOption(x, lr, view)], ['activation (strips over categories)', (x: TrialSummary[]) => knobScatterOption(x, act, view)],
      ['depth (strips of an int knob)', (x: TrialSummary[]) => knobScatterOption(x, depth, view)], ['best so far', (x: TrialSummary[]) => bestSoFarOption(x, view)],
      ['pair', (x: TrialSummary[]) => pairScatterOption(x, lr, units, view)], ['pair by round', (x: TrialSummary[]) => pairScatterOption(x, lr, units, view, 'round')],
    ] as const) {
      const option = chart(ts);
      const svg = drawnSvg(option, size);
      const inked = [...svg.matchAll(/<path d="([^"]*)"[^>]*stroke="#d03050"/g)].filter((m) => m[1].length > 1000);
      expect(inked, what).toHaveLength(1);
      // Drawn over the triangles along the same edge (the marks' elements were drawn after them; the one path went under them once).
      // (The pair chart counts values beyond its colour scale in its key instead.)
      const triangles = [...svg.matchAll(/<path [^>]*fill="#8a8f98"/g)];
      if (!what.startsWith('pair')) {
        expect(triangles.length, what).toBeGreaterThan(10);
        expect(inked[0].index, what).toBeGreaterThan(triangles.at(-1)!.index);
      }
      const path = inked[0][1];
      const numbers = path.split(/[ML ]/).filter(Boolean).map(Number);
      expect(numbers, what).toHaveLength(8 * failed.length);
      // Each cross centred where the large series of the marks (their tooltips and clicks) lays its trial out.
      const series = option.series as { name?: string; type: string; symbol?: string }[];
      const index = series.findIndex((x) => /failed/.test(String(x.name)) && x.type === 'scatter');
      expect(series[index].symbol, what).toBe('none');
      const { points } = drawnPoints(option, index, size);
      expect(points, what).toHaveLength(failed.length);
      for (const i of [0, 1, 1234, failed.length - 1]) {
        const c = numbers.slice(8 * i, 8 * i + 8);
        expect((c[0] + c[2]) / 2, `${what}: cross ${i}`).toBeCloseTo(points[i][0], 0);
        expect((c[1] + c[3]) / 2, `${what}: cross ${i}`).toBeCloseTo(points[i][1], 0);
      }
      // The legend names the crosses with their icon (the marks' own series draws none).
      const legend = (option.legend as { data: unknown[] }).data;
      expect(legend, what).toContainEqual({ name: 'failed / diverged (3000)', icon: CROSS });
      expect(optionTables(option).filter((t) => /failed/.test(t.caption)).map((t) => t.rows.length), what).toEqual([3_000]);
      // No element a cross: 3,000 crosses add a few elements (their path, the legend's entry) to the chart without them.
      expect(drawnElements(option) - drawnElements(chart(ok)), what).toBeLessThan(10);
    }
  });

  it('fit a path symbol\'s strokes to its size and offset as ECharts does (its box stretched over the size, centred)', () => {
    expect(symbolStrokes(CROSS, 4)).toEqual([[[-2, -2], [2, 2]], [[2, -2], [-2, 2]]]);
    // The pruner's bar: a stroke down and one across from its middle, 6 × 12 px, 2 px right.
    expect(symbolStrokes('path://M0,0L0,12M0,6L4,6', [6, 12], [2, 0])).toEqual([[[-1, -6], [-1, 6]], [[-1, 0], [5, 0]]]);
    expect(() => symbolStrokes('path://M0,0C1,1,2,2,3,3', 4)).toThrow(/only M and L commands, not "C"/);
  });

  it('draw every early-stop cross of a Curves tab of thousands of trials where it belongs, as one path', () => {
    // ECharts' large mode draws a path:// symbol (a cross) at zero size: 2,500 early stops drew nothing; as elements they took a third of the tab's time.
    const n = MANY_DOTS + 500;
    const ts = trials(n).map((t) => ({ ...t, status: 'complete' as const, objective: 0.2, stopReason: 'early_stopping' as const, bestEpoch: 2, stoppedEpoch: 3, prune: null }));
    const curves: CurveMap = new Map(ts.map((t) => [t.number, { epoch: [1, 2, 3], trainLoss: [1, 0.5, 0.4], valLoss: [1, 0.2 + (t.number % 50) / 100, 0.3 + (t.number % 50) / 100], trainAccuracy: [null, null, null], valAccuracy: [null, null, null], lr: [null, null, null] }]));
    const size = { width: 800, height: 400 };
    const option = curvesOption(curves, ts, null, 'loss', objectiveScale([0.1, 1]));
    const svg = drawnSvg(option, size);
    // Paths with ink (the large series of the marks draws each at zero size, at 0, 0).
    const inked = [...svg.matchAll(/<path d="([^"]*)"[^>]*stroke="#c0841a"/g)].map((m) => m[1]).filter((d) => /[1-9]/.test(d));
    // The legend's cross and one path of every trial's.
    expect(inked).toHaveLength(2);
    const all = inked.find((d) => d.length > 1000)!;
    const numbers = all.split(/[ML ]/).filter(Boolean).map(Number);
    // Two strokes a cross, each from a point to a point: 8 numbers a cross.
    expect(numbers).toHaveLength(8 * n);
    // Each cross centred where the large series (the marks' tooltips and clicks) lays its trial's point out, 4 px wide.
    const index = (option.series as { name?: string; type: string }[]).findIndex((x) => x.name === 'early stop' && x.type === 'scatter');
    const { points } = drawnPoints(option, index, size);
    expect(points).toHaveLength(n);
    for (const i of [0, 1, 1234, n - 1]) {
      const c = numbers.slice(8 * i, 8 * i + 8);
      expect((c[0] + c[2]) / 2).toBeCloseTo(points[i][0], 0);
      expect((c[1] + c[3]) / 2).toBeCloseTo(points[i][1], 0);
      expect(Math.abs(c[2] - c[0])).toBeCloseTo(4, 0);
    }
    // The data table: one table of the crosses (the ink is no data of its own).
    expect(optionTables(option).filter((t) => t.caption === 'early stop').map((t) => t.rows.length)).toEqual([n]);
    // Below MANY_DOTS each cross stays an element of its own.
    const few = trials(50).map((t) => ({ ...t, status: 'complete' as const, objective: 0.2, stopReason: 'early_stopping' as const, bestEpoch: 2, stoppedEpoch: 3, prune: null }));
    const fewCurves: CurveMap = new Map(few.map((t) => [t.number, curves.get(t.number)!]));
    expect([...drawnSvg(curvesOption(fewCurves, few, null, 'loss', objectiveScale([0.1, 1])), size).matchAll(/stroke="#c0841a"/g)]).toHaveLength(51);
  });
});
