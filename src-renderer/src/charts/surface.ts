import { failedFade, SOME_FAILED } from '../../../src-core/analysis/marginal';
import type { PairSurface } from '../../../src-core/api/contract';
import type { SeriesOption } from './echarts';
import { overPage } from './colour';
import { encodeHTML } from './html';
import { fmt } from './trials';

/** How strongly the surface's cells take their colour over the page: its colours read, the dots stand out on them. */
export const SURFACE_OPACITY = 0.5;

/**
 * The pair surface as cells under the pair scatter (a custom series): each cell spans its part of
 * the two knobs' ranges (a log knob's cells are equal in decades, as its axis is), in the colour the
 * chart's visual map gives its value (`toColour`: the value as the map reads it, on the objective's
 * scale), laid a little wider than the cell so neighbours show no seams. A cell fades as far as more
 * of the trials near it failed or diverged than across the search (`failedFade` of `PairSurface.failed`):
 * the forest never saw them, and where every trial blew up it would shade its neighbours' values under
 * the crosses. The tooltip says what the forest predicts there, and how many trials near it failed.
 */
export function surfaceSeries(s: PairSurface, metric: string, toColour: (v: number) => number, dark = false): SeriesOption {
  const n = s.steps;
  const dx = (s.x.high - s.x.low) / n;
  const dy = (s.y.high - s.y.low) / n;
  // 10 ** −4 is 0.00009999999999999999 here: 15 digits keep a decade's edge the round number it is.
  const value = (log: boolean, v: number): number => (log ? Number((10 ** v).toPrecision(15)) : v);
  const data = s.values.map((v, i) => {
    const [c, r] = [i % n, Math.floor(i / n)];
    const failed = s.failed[i] ?? 0;
    return [value(s.x.log, s.x.low + c * dx), value(s.y.log, s.y.low + r * dy), toColour(v), value(s.x.log, s.x.low + (c + 1) * dx), value(s.y.log, s.y.low + (r + 1) * dy), v, failedFade(failed, s.failedOverall), failed];
  });
  return {
    type: 'custom',
    name: 'forest surface',
    data,
    z: 0,
    silent: false,
    encode: { x: [0, 3], y: [1, 4] },
    // The data table's columns: each cell's corners, the forest's value, how far it fades and the share of failed trials near it.
    dimensions: [`${s.x.name} from`, `${s.y.name} from`, 'colour', `${s.x.name} to`, `${s.y.name} to`, metric, 'fade', 'failed near'],
    tooltip: {
      formatter: (p: unknown) => {
        const d = (p as { value: number[] }).value;
        return `The forest predicts ${encodeHTML(metric)} ${fmt(d[5])} here, the other knobs averaged (${encodeHTML(s.x.name)} ${fmt(d[0])}–${fmt(d[3])}, ${encodeHTML(s.y.name)} ${fmt(d[1])}–${fmt(d[4])})${encodeHTML(failedWords(d[7], s.failedOverall))}`;
      },
    },
    renderItem: (_params: unknown, api: { value: (d: number) => number; coord: (p: number[]) => number[]; visual: (k: string) => string }) => {
      const a = api.coord([api.value(0), api.value(4)]);
      const b = api.coord([api.value(3), api.value(1)]);
      const fill = overPage(api.visual('color'), SURFACE_OPACITY * (1 - api.value(6)), dark);
      return { type: 'rect', shape: { x: a[0], y: a[1], width: b[0] - a[0] + 0.6, height: b[1] - a[1] + 0.6 }, style: { fill } };
    },
  } as unknown as SeriesOption;
}

/**
 * What the failed trials near a point add to what the forest predicts there: nothing where no more
 * failed there than across the search (a fade below `SOME_FAILED`), else how many and why it matters
 * ("; but about 97% of the trials near here failed or diverged (49% across the search), which the
 * forest never saw"). Knob marginals and the pair surface say it alike.
 */
export function failedWords(local: number, overall: number): string {
  if (!(failedFade(local, overall) >= SOME_FAILED)) return '';
  const pct = (v: number): string => (v > 0 && v < 0.01 ? 'under 1%' : `${Math.round(v * 100)}%`);
  return `; but about ${pct(local)} of the trials near here failed or diverged (${pct(overall)} across the search), which the forest never saw`;
}
