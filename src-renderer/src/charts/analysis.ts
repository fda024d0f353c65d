import type { KnobDensity, SearchImportance } from '../../../src-core/api/contract';
import { valueLabel } from '../../../src-core/api/labels';
import { bestNearText } from '../../../src-core/analysis/marginal';
import type { Direction } from '../../../src-core/vocabulary';
import type { CustomSeriesOption } from 'echarts/charts';
import type { ChartOption, SeriesOption } from './echarts';
import { encodeHTML } from './html';
import { axisNumbers, categoryAxisLabel, oneShape, roundTicks, WIDE_LABEL_ROOM } from './options';
import { fmt } from './trials';

/** Colours of TPE's good density l(x) and bad density g(x) (light enough for the dark theme, dark enough on white). */
export const GOOD_COLOR = '#18a058';
export const BAD_COLOR = '#d03050';
/** The importance bars. */
export const BAR_COLOR = '#5b8ff9';

const pct = (x: number): string => `${(100 * x).toFixed(x >= 0.1 ? 0 : 1)}%`;

/**
 * Each knob's importance as a horizontal bar (most important on top), with a whisker of ± one
 * standard deviation over the forest's trees (clipped to 0–100%) and its share in percent past the
 * whisker's end. Over a few trials the trees disagree and the whiskers say so: 53% ± 30% is not
 * 47% ± 30% apart. `dark`: the whiskers and figures are drawn by hand, in the theme's ink.
 */
export function importanceOption(imp: SearchImportance, dark = false, direction: Direction = 'minimize', types: Record<string, string> = {}): ChartOption {
  const knobs = [...imp.knobs].reverse();
  const best = knobs.map((k) => bestNearText(k.marginal, direction, types[k.name]));
  const ink = dark ? '#d6d6d6' : '#333333';
  const whisker: CustomSeriesOption['renderItem'] = (params, api) => {
    const at = Number(api.value(2));
    const lo = api.coord([api.value(0), at]);
    const hi = api.coord([api.value(1), at]);
    const cap = Math.min(6, (api.size!([0, 1]) as number[])[1] * 0.25);
    const style = { stroke: ink, lineWidth: 1.2 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
        { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style },
        { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style },
        { type: 'text', x: hi[0] + 5, y: hi[1], style: { text: [pct(knobs[params.dataIndex].importance), best[params.dataIndex]].filter(Boolean).join(' · best '), fill: ink, fontSize: 12, verticalAlign: 'middle' } },
      ],
    };
  };
  return {
    animation: false,
    // Room right of a bar near 100% for its share and where it is best.
    grid: { left: 96, right: best.some(Boolean) ? 150 : 48, top: 8, bottom: 24 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    xAxis: { type: 'value', name: 'share of explained variance', nameLocation: 'middle', nameGap: 22, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: knobs.map((k) => k.name), axisLabel: { width: 88, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: 'importance',
        barMaxWidth: 22,
        itemStyle: { color: BAR_COLOR },
        data: knobs.map((k, i) => ({
          value: k.importance,
          name: `${k.name}: ${pct(k.importance)} of the explained variance (± ${pct(k.std)} over the trees)${best[i] ? `; best ${best[i]}, the other knobs averaged` : ''}`,
        })),
      },
      {
        type: 'custom',
        name: 'spread over the trees',
        silent: true,
        z: 3,
        dimensions: ['share − sd', 'share + sd', 'knob #'],
        data: knobs.map((k, i) => [Math.max(0, k.importance - k.std), Math.min(1, k.importance + k.std), i]),
        renderItem: whisker,
      },
    ],
  };
}

/**
 * Which trials make TPE's good density, in words: "val_accuracy ≥ 0.9778" (maximized), "val_loss ≤
 * 0.31" (minimized); the threshold as the trials table and the pruning notes write an objective
 * (`fmt`: "9.239e-5", where the panel once wrote 0.00009239, and 20549, not 20550).
 */
export function goodSplitRule(metric: string, direction: 'minimize' | 'maximize' | undefined, threshold: number | null): string {
  return `${metric} ${direction === 'maximize' ? '≥' : '≤'} ${fmt(threshold)}`;
}

/**
 * How opaque each of n rug ticks is drawn: 0.7 up to 300, then ∝ 1/n (down to 0.02), so 10,000 ticks
 * put as much ink on the axis as 300 do and their shade shows where the trials gather (at 0.7 the
 * bad trials of a long search were one solid band). Overlapping ticks add up: each is its own fill.
 */
export function rugOpacity(n: number): number {
  return Math.max(0.02, Math.min(0.7, (0.7 * 300) / Math.max(1, n)));
}

/** One entry of an axis tooltip's parameters, as ECharts gives them (the fields read here). */
interface AxisTipParam { seriesName?: string; value?: unknown; axisValueLabel?: string; dataIndex?: number }

/**
 * The densities' tooltip at a point of the knob: l(x), g(x) and l/g there (what TPE's proposal
 * maximizes: above 1, TPE favours the point), and for a value of a discrete knob how many of the good
 * and of the bad trials had it. `place`: the knob's value as the axis writes it (a user's names: escaped,
 * as the tooltip is HTML).
 */
function densityTip(params: unknown, place: (p: AxisTipParam) => string, counts?: (p: AxisTipParam) => { good: number; bad: number; goodAll: number; badAll: number }): string {
  const ps = (Array.isArray(params) ? params : [params]) as AxisTipParam[];
  const density = (name: string): number | null => {
    const p = ps.find((q) => q.seriesName === name);
    const v = Array.isArray(p?.value) ? p.value[1] : p?.value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const l = density('good: l(x)');
  const g = density('bad: g(x)');
  if (l === null || g === null) return '';
  const figure = (v: number): string => Number(v.toPrecision(3)).toString();
  const ratio = g > 0 ? figure(l / g) : '∞';
  const above = g === 0 || l / g > 1;
  const lines = [encodeHTML(place(ps[0])), `good l(x) ${figure(l)} · bad g(x) ${figure(g)}`, `l/g ${ratio} (${above ? 'above 1: TPE favours this value' : 'below 1: the bad trials lie denser here'})`];
  const c = counts?.(ps[0]);
  if (c) lines.push(`${c.good} of the ${c.goodAll} good trials, ${c.bad} of the ${c.badAll} bad ones`);
  return lines.join('<br>');
}

/**
 * One knob's good density l(x) and bad density g(x) as TPE sees them: lines over the knob's scale
 * (log10 for log knobs, tick labels as values), bars for stepped and categorical knobs; the good and
 * bad trials' values as ticks along the bottom. Where l stands above g is where TPE proposes.
 */
export function densityOption(k: KnobDensity, int = false): ChartOption {
  const categorical = k.scale === 'categorical';
  const top = Math.max(...k.l, ...k.g, 1e-12);
  // The ticks drawn as one shape (oneShape), not an element each: the 10,000 of a long search took 3 s to draw.
  const rug = (at: (string | number)[], y: number, color: string, name: string): SeriesOption => ({
    // Out of the axis tooltip: ECharts' axis tooltip shows only the series nearest the pointer, so with a trial's tick
    // nearer than the densities' next grid point it showed the tick alone, and the formatter (no l, no g) nothing.
    type: 'scatter', name, symbol: 'rect', symbolSize: [2, 8], silent: true, tooltip: { show: false }, itemStyle: { color, opacity: rugOpacity(at.length) }, ...oneShape(true, at), data: at.map((x) => [x, y]),
  });
  const finite = (xs: number[]): number[] => xs.filter((x) => Number.isFinite(x));
  const title = { text: k.name + (k.scale === 'log' ? ' (log)' : ''), left: 52, top: 4, textStyle: { fontSize: 12 } };
  const common = {
    animation: false,
    title,
    grid: { left: 56, right: 14, top: 30, bottom: 28 },
    // Confined to the chart: beside a small chart at the left of the tab, the tooltip ran under the sidebar.
    tooltip: { trigger: 'axis' as const, confine: true },
    legend: { top: 2, right: 8, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 10 }, data: ['good: l(x)', 'bad: g(x)'] },
    // Densities have no unit worth reading: no y labels, and no y axis line (it would stand at x = 0, i.e. at 1 on a log axis).
    yAxis: { type: 'value' as const, min: -0.08 * top, max: top * 1.1, axisLabel: { show: false }, axisLine: { show: false }, axisTick: { show: false }, splitLine: { show: false } },
  };
  if (k.discrete) {
    const labels = categorical ? (k.values ?? []).map(valueLabel) : k.x.map((x) => String(Number(x.toPrecision(6))));
    const at = (xs: number[]): number[] => xs.map((x) => (categorical ? x : k.x.findIndex((v) => Math.abs(v - x) < 1e-9 * Math.max(1, Math.abs(v)))));
    // Every category labelled, in the spec's order (the engine's `values` are the spec's list): ECharts would drop crowded ones.
    // An int knob's many steps keep ECharts' own thinning.
    const { axisLabel, extraBottom } = categorical ? categoryAxisLabel(labels) : { axisLabel: undefined, extraBottom: 0 };
    /** How many of the trials `xs` had each value. */
    const tally = (xs: number[]): number[] => {
      const n = labels.map(() => 0);
      for (const i of at(xs)) if (i >= 0) n[i] += 1;
      return n;
    };
    const goodAt = tally(k.good);
    const badAt = tally(k.bad);
    const countsAt = (p: AxisTipParam) => ({ good: goodAt[p.dataIndex ?? -1] ?? 0, bad: badAt[p.dataIndex ?? -1] ?? 0, goodAll: k.good.length, badAll: k.bad.length });
    const valueAt = (p: AxisTipParam): string => `${k.name} ${p.axisValueLabel}`;
    return {
      ...common,
      tooltip: { ...common.tooltip, formatter: (ps: unknown) => densityTip(ps, valueAt, countsAt) },
      grid: { ...common.grid, bottom: common.grid.bottom + extraBottom },
      xAxis: { type: 'category', data: labels, ...(axisLabel ? { axisLabel } : {}) },
      series: [
        { type: 'bar', name: 'good: l(x)', barGap: '0%', itemStyle: { color: GOOD_COLOR }, data: k.l },
        { type: 'bar', name: 'bad: g(x)', itemStyle: { color: BAD_COLOR, opacity: 0.75 }, data: k.g },
        rug(at(k.bad).filter((i) => i >= 0).map((i) => labels[i]), -0.04 * top, BAD_COLOR, 'bad trials'),
        rug(at(k.good).filter((i) => i >= 0).map((i) => labels[i]), -0.04 * top, GOOD_COLOR, 'good trials'),
      ],
    };
  }
  // Ticks at round values of the knob (powers of ten or 1-2-5 on a log knob, whole numbers on an int knob), never at
  // ECharts' round steps of log10 ("7.9", "0.0063"); room for a label's width between a tick and an end (the labels stand side by side).
  const log = k.scale === 'log';
  const logLabel = axisNumbers(10 ** k.span[0], 10 ** k.span[1], 'log');
  const ticks = log
    ? roundTicks(10 ** k.span[0], 10 ** k.span[1], true, int, WIDE_LABEL_ROOM).map((v, i, all) => (i === 0 ? k.span[0] : i === all.length - 1 ? k.span[1] : Math.log10(v)))
    : roundTicks(k.span[0], k.span[1], false, int, WIDE_LABEL_ROOM);
  const valueAt = (p: AxisTipParam): string => {
    const x = Array.isArray(p.value) ? Number(p.value[0]) : Number.NaN;
    return `${k.name} ${log ? fmt(10 ** x) : fmt(x)}`;
  };
  return {
    ...common,
    tooltip: { ...common.tooltip, formatter: (ps: unknown) => densityTip(ps, valueAt) },
    xAxis: {
      type: 'value', min: k.span[0], max: k.span[1], scale: true,
      axisTick: { customValues: ticks },
      // The axis's two ends are the knob's own bounds, written as they are (256, not "260"); ticks between at round values.
      axisLabel: {
        customValues: ticks,
        hideOverlap: true,
        // In one notation over the axis (axisNumbers): "1e-7, 1e-6, 1e-4, 1e-2, 1e-1", never "1e-4, 0.01, 0.1".
        formatter: log ? (v: number) => logLabel(Number((10 ** v).toPrecision(12))) : axisNumbers(k.span[0], k.span[1]),
      },
    },
    series: [
      { type: 'line', name: 'good: l(x)', showSymbol: false, smooth: false, lineStyle: { width: 2, color: GOOD_COLOR }, itemStyle: { color: GOOD_COLOR }, areaStyle: { color: GOOD_COLOR, opacity: 0.12 }, data: k.x.map((x, i) => [x, k.l[i]]) },
      { type: 'line', name: 'bad: g(x)', showSymbol: false, smooth: false, lineStyle: { width: 2, color: BAD_COLOR }, itemStyle: { color: BAD_COLOR }, data: k.x.map((x, i) => [x, k.g[i]]) },
      rug(finite(k.bad), -0.04 * top, BAD_COLOR, 'bad trials'),
      rug(finite(k.good), -0.04 * top, GOOD_COLOR, 'good trials'),
    ],
  };
}
