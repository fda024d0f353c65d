// The playground's contour plot: its axes span each function's domain with the ends labelled, and no
// round tick's label crowds an end's. ECharts added the ends to its own ticks, so on x²/20 + y² the
// top "5" stood just over "4" (a tenth of the axis) and on Beale "4.5" over "4" (a twentieth). The
// labels are read as ECharts lays them out (test/renderer/drawn.ts), at the window widths the app
// allows (820 px: the plot is about 570 px wide) and wide.
import { describe, expect, it } from 'vitest';
import { surfaceInfos } from '../../src-core/service/insight';
import { playgroundOption } from '../../src-renderer/src/charts/insight';
import { WIDE_LABEL_ROOM } from '../../src-renderer/src/charts/options';
import { drawnLabels, type DrawnLabel } from './drawn';

const surfaces = surfaceInfos(12);

/** The labels run from one end of the domain to the other, each at least WIDE_LABEL_ROOM of the axis from the next. */
function expectClear(labels: DrawnLabel[], [lo, hi]: [number, number], what: string): void {
  const text = labels.map((l) => l.text).join(' ');
  expect(labels[0].value, `${what}: ${text}`).toBe(lo);
  expect(labels.at(-1)!.value, `${what}: ${text}`).toBe(hi);
  const length = Math.abs(labels.at(-1)!.px - labels[0].px);
  for (let i = 1; i < labels.length; i++) {
    const gap = Math.abs(labels[i].px - labels[i - 1].px);
    expect(gap, `${what}: "${labels[i - 1].text}" and "${labels[i].text}" are ${gap.toFixed(0)} px apart on a ${length.toFixed(0)} px axis (${text})`).toBeGreaterThanOrEqual(WIDE_LABEL_ROOM * length - 0.5);
  }
}

describe('the playground\'s axes', () => {
  for (const s of surfaces) {
    it(`${s.label}: x over ${s.xRange.join(' to ')}, y over ${s.yRange.join(' to ')}, no label crowding an end's`, () => {
      const option = playgroundOption(s, [], s.start);
      for (const width of [570, 980]) {
        expectClear(drawnLabels(option, 'xAxis', 0, { width, height: 420 }), s.xRange, `x at ${width} px`);
        expectClear(drawnLabels(option, 'yAxis', 0, { width, height: 420 }), s.yRange, `y at ${width} px`);
      }
    });
  }

  it('x²/20 + y²: the y axis reads -5, -2, 0, 2, 5 (no "4" under the top "5")', () => {
    const elongated = surfaces.find((s) => s.id === 'elongated')!;
    expect(drawnLabels(playgroundOption(elongated, [], elongated.start), 'yAxis', 0, { width: 570, height: 420 }).map((l) => l.text)).toEqual(['-5', '-2', '0', '2', '5']);
  });
});
