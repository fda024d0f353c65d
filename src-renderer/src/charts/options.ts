import type { ColumnSummary, KnobInfo, KnobMarginal, ObjectiveChance, PairSurface, SearchImportance, TrialSummary } from '../../../src-core/api/contract';
import { valueLabel } from '../../../src-core/api/labels';
import { failedFade, MOSTLY_FAILED } from '../../../src-core/analysis/marginal';
import { figure, plural, pluralCount, powerFigure } from '../../../src-core/format';
import type { ChartOption, ParallelAxisOption, SeriesOption, TrialItem } from './echarts';
import { encodeHTML } from './html';
import { shortNames } from '../model/classNames';
import { clipY, niceStep, objectiveScale, place, worstEdge, type MetricBound, type ObjectiveScale } from './scale';
import { CHANCE_MARGIN, gainOverChance } from '../../../src-core/analysis/chance';
import { failedWords, surfaceSeries } from './surface';

export type { ChartOption } from './echarts';

/** How a search's objective is drawn: its metric, direction and the scale every objective chart shares. */
export interface ObjectiveView {
  metric: string;
  direction: 'minimize' | 'maximize';
  scale: ObjectiveScale;
}

export const GRID = { left: 60, right: 20, top: 32, bottom: 40 };
/** Colours of coarse-to-fine rounds (round 1 first): each at least 3:1 (WCAG's contrast for graphics) on white and on the dark theme's #101014. */
export const ROUND_COLORS = ['#5b8ff9', '#3ba272', '#c0841a', '#e8684a', '#1c97c0', '#9270ca', '#d4589a', '#269a99'];
/** Failed and diverged trials. */
export const FAILED_COLOR = '#d03050';
/** Values beyond the axis, drawn at its edge. */
export const CLIPPED_COLOR = '#8a8f98';
/** Trials the search's pruner stopped: hollow, at the value they had reached (readable on both themes). */
export const PRUNED_COLOR = '#9a7fd1';
/** Objective colour ramp: good (green) to bad (red); reversed for maximize. */
const RAMP = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];
/** The cross of early stops and of failed or diverged trials (a path symbol: never in ECharts' large mode, see oneShape). */
export const CROSS = 'path://M0,0L10,10M10,0L0,10';
export const roundColor = (r: number): string => ROUND_COLORS[(((r - 1) % ROUND_COLORS.length) + ROUND_COLORS.length) % ROUND_COLORS.length];

/** Trials that ended without a value: failed (an error) or diverged (NaN or exploding loss). */
export const isFailed = (t: TrialSummary): boolean => t.status === 'failed' || t.status === 'diverged';
/** The legend name of the failed-trials series. */
export const failedName = (n: number): string => `failed / diverged (${n})`;
/** Trials the search's pruner stopped early. */
export const isPruned = (t: TrialSummary): boolean => t.status === 'pruned';
/** The legend name of the pruned-trials series. */
export const prunedName = (n: number): string => `pruned (${n})`;
/** The legend name of the values drawn at the axis edge. */
export const clippedName = (n: number): string => `beyond the axis (${n})`;

/** A value in a tooltip or legend: 4 significant digits, a power of ten to 3 outside [10⁻³, 10⁵) without trailing zeros ("2.5e-5", as tables write it, not "2.50e-5"), zero as 0. */
export const short = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(4))) : powerFigure(x, 3));
/**
 * Axis tick labels: plain numbers in the usual range, a power of ten beyond it (never
 * 100,000,000,000): 1e+6, 1.04e+6, 9.8e+5. The mantissa keeps up to 4 significant digits, so ticks
 * close together far out (1.02e+6 and 1.04e+6, an axis' end at 1.0395e+6) stay apart.
 */
export const axisNumber = (v: number): string => {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5) return String(Number(v.toPrecision(6)));
  return powerNumber(v);
};
/** A tick label as a power of ten, its mantissa to up to 4 significant digits: 1e+5, 1.04e+6, 1e+0. */
const powerNumber = (v: number): string => {
  if (v === 0) return '0';
  const [m, e] = v.toExponential(3).split('e');
  return `${Number(m)}e${e}`;
};

/**
 * The tick labels of an axis whose extent is known, in one notation (as matplotlib writes a log
 * axis): plain as `axisNumber` writes them when every tick lies in its plain range, else every tick
 * as a power of ten, so a loss axis from 0.01 to 10⁷ reads "1e+3, 1e+4, 1e+5", never "1000, 10000,
 * 1e+5". A log axis's ticks are its ends and the decades between; a linear one's lie about a fifth of
 * the span apart, so ticks below 0.001 appear once its largest end is below 0.005.
 */
export function axisNumbers(min: number, max: number, type: 'value' | 'log' = 'value'): (v: number) => string {
  const far = Math.max(Math.abs(min), Math.abs(max));
  const near = type === 'log' ? Math.min(Math.abs(min), Math.abs(max)) : far / 5;
  const plain = !(far >= 1e5) && !(near > 0 && near < 1e-3);
  return plain ? axisNumber : powerNumber;
}

/** A regular tick's label this close to an end of the axis (a share of its span, in log units on a log axis) would overlap the end's label. */
export const END_LABEL_ROOM = 0.08;

/**
 * The tick labels of a value axis with explicit ends (an ObjectiveScale's, a knob's range): ECharts
 * labels both ends as well as its round ticks, and this build does not hide a round tick's label
 * crowding an end's ("1" over "0.9", "0.1" over "0.12"), even with hideOverlap. The ends keep
 * their labels (the bound or edge the reader needs); a tick label within END_LABEL_ROOM of an end is left blank.
 */
export function endLabels(min: number, max: number, type: 'value' | 'log' = 'value', format: (v: number) => string = axisNumbers(min, max, type)): { formatter: (v: number) => string } {
  const pos = (v: number): number => (type === 'log' ? Math.log10(v) : v);
  const [a, b] = [pos(min), pos(max)];
  const span = b - a;
  return {
    formatter: (v: number): string => {
      if (!(span > 0) || (type === 'log' && !(v > 0))) return format(v);
      const at = (pos(v) - a) / span;
      const end = Math.abs(at) < 1e-9 || Math.abs(at - 1) < 1e-9;
      return !end && (at < END_LABEL_ROOM || at > 1 - END_LABEL_ROOM) ? '' : format(v);
    },
  };
}

/**
 * Round tick values over a knob's range [lo, hi], its two ends included (the bounds the reader needs,
 * written as they are): on a log axis powers of ten, or 1-2-5 multiples when the range spans two
 * decades or less (never "7.9" or "0.0063"); on a linear one a 1-2-5 step about five across; whole
 * numbers only for an int knob. A round tick within `room` (a share of the span) of an end is left out.
 */
export function roundTicks(lo: number, hi: number, log: boolean, int = false, room = END_LABEL_ROOM): number[] {
  const clean = (v: number): number => Number(v.toPrecision(12));
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const isLog = log && lo > 0;
  const pos = (v: number): number => (isLog ? Math.log10(v) : v);
  const span = pos(hi) - pos(lo);
  /** Round values a linear step apart (1, 2 or 5 × a power of ten, about five across; whole for an int knob). */
  const linear = (): number[] => {
    let step = niceStep(hi - lo);
    if (int) step = Math.max(1, Math.round(step));
    const out: number[] = [];
    for (let k = Math.ceil(lo / step); k * step < hi; k++) out.push(clean(k * step));
    return out.filter((v) => v > lo);
  };
  /** Away from the ends by `room`, whole for an int knob. */
  const keep = (vs: number[]): number[] => vs.filter((v) => {
    const at = (pos(v) - pos(lo)) / span;
    return (!int || Number.isInteger(v)) && at >= room && at <= 1 - room;
  });
  let inner: number[] = [];
  if (isLog) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.ceil(Math.log10(hi));
    const mults = span <= 2 ? [1, 2, 5] : [1];
    for (let e = a; e <= b; e++) for (const m of mults) inner.push(clean(m * 10 ** e));
    inner = inner.filter((v) => v > lo && v < hi);
    // Many decades: every second (third…) one, about six labels across with the ends.
    if (mults.length === 1 && inner.length > 4) {
      const stride = Math.ceil(inner.length / 4);
      inner = inner.filter((v) => (((Math.round(Math.log10(v)) % stride) + stride) % stride) === 0);
    }
    inner = keep(inner);
    // A narrow box (63 to 101) holds no 1-2-5 value away from its ends: round values a linear step apart instead.
    if (inner.length < 2) {
      const steps = keep(linear());
      if (steps.length > inner.length) inner = steps;
    }
  } else inner = keep(linear());
  return [lo, ...inner, hi];
}

/** Room between a round tick and an end of an axis drawn at few pixels a unit (a density's span, a function's domain): a twelfth of the span, so "4" never stands just under the end's "5". */
export const WIDE_LABEL_ROOM = 0.12;

/**
 * A value (or log) axis over a fixed range [lo, hi] (a knob's, a playground function's domain): the
 * range's ends labelled as they are, round ticks between (roundTicks; whole numbers when `int`), none
 * within `room` (a share of the span) of an end, whose label would crowd it.
 */
export function rangeAxis(lo: number, hi: number, { log = false, int = false, room = END_LABEL_ROOM }: { log?: boolean; int?: boolean; room?: number } = {}) {
  const ticks = roundTicks(lo, hi, log, int, room);
  return { type: log ? ('log' as const) : ('value' as const), min: lo, max: hi, axisTick: { customValues: ticks }, axisLabel: { customValues: ticks, formatter: axisNumbers(lo, hi, log ? 'log' : 'value') } };
}

/** The step ECharts picks by itself for a span: a fifth of it rounded to 1, 2, 3 or 5 × a power of ten (its `nice`). */
function echartsStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return Number(((f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * p).toPrecision(12));
}

/**
 * The tick step of a linear axis over [min, max] whose ends are both multiples of it, or undefined
 * where none is found: ECharts' own step where it fits (0 to 1.5 by 0.3), else a 1-2-5 step about a
 * fifth of the span or the next smaller ones while ten or fewer fit. ECharts counts its ticks from
 * 0, so over 0.1 to 0.25 it ticks 0.12, 0.15 … 0.24 beside the ends' labels: a tick 0.01 below
 * the top whose label must be blanked, and uneven gaps at the bottom.
 */
export function alignedStep(min: number, max: number): number | undefined {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  const fits = (step: number): boolean => [min, max].every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-6);
  const own = echartsStep(max - min);
  if (fits(own)) return own;
  for (let step = Number(niceStep(max - min).toPrecision(12)); (max - min) / step <= 10 + 1e-9; ) {
    if (fits(step)) return step;
    const p = 10 ** Math.floor(Math.log10(step) + 1e-9);
    const m = Math.round(step / p);
    step = Number((m === 5 ? 2 * p : m === 2 ? p : p / 2).toPrecision(12));
  }
  return undefined;
}

/** An axis option's `interval` over [min, max] where alignedStep finds one (none: ECharts' own). */
export function alignedInterval(min: number, max: number): { interval?: number } {
  const interval = alignedStep(min, max);
  return interval === undefined ? {} : { interval };
}

/** The y axis of an objective or metric on a decided scale: its extent and type, ticks from end to end a round step apart where the ends allow, the end labels kept clear. */
export function scaleAxis(scale: ObjectiveScale) {
  return { type: scale.type, min: scale.min, max: scale.max, ...(scale.type === 'value' ? alignedInterval(scale.min, scale.max) : {}), axisLabel: endLabels(scale.min, scale.max, scale.type) };
}

/** A value axis for the objective on the shared scale. */
function objectiveAxis(view: ObjectiveView, name: string | null = view.metric) {
  // At the plot's left edge: by default ECharts draws it where x is 0, through the first strip of a categorical knob's (or a few values') hidden axis.
  return { ...scaleAxis(view.scale), name: name ?? undefined, axisLine: { onZero: false } };
}

/** Above this many dots a chart draws each series of dots as one shape (ECharts' large mode, its own threshold). */
export const MANY_DOTS = 2000;
/**
 * A series of `marks` of one style drawn as one shape when its chart draws `many` dots, however few
 * the marks: the 716 pruned rings of a 10,000-trial knob chart were 716 of its 1,413 elements.
 * Never an empty series (ECharts' large mode throws on one). Clipped triangles stay elements (each
 * points its own way), and so do crosses: large mode draws a `path://` symbol at zero size (the
 * Curves tab's thousands of crosses go through pathMarks instead).
 */
export const oneShape = (many: boolean, marks: readonly unknown[]) => (many && marks.length > 0 ? { large: true, largeThreshold: 0 } : {});

/**
 * The strokes of a path symbol (`path://` of moves and lines: CROSS, PRUNED_MARK) as ECharts draws
 * it: its box stretched to `size` pixels, centred on the mark, moved by `offset` pixels.
 */
export function symbolStrokes(symbol: string, size: number | readonly number[], offset: readonly number[] = [0, 0]): [number, number][][] {
  const body = symbol.replace(/^path:\/\//, '');
  const strokes: [number, number][][] = [];
  for (const m of body.matchAll(/([ML])\s*(-?[\d.]+)[\s,]+(-?[\d.]+)|(\S)/g)) {
    if (m[4] !== undefined) throw new Error(`symbolStrokes: only M and L commands, not "${m[4]}" in ${symbol}`);
    const point: [number, number] = [Number(m[2]), Number(m[3])];
    if (m[1] === 'M' || strokes.length === 0) strokes.push([point]);
    else strokes[strokes.length - 1].push(point);
  }
  const points = strokes.flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [w, h] = typeof size === 'number' ? [size, size] : [size[0], size[1]];
  const fit = (v: number, lo: number, hi: number, to: number): number => (hi > lo ? ((v - lo) / (hi - lo) - 0.5) * to : 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return strokes.map((s) => s.map(([x, y]) => [fit(x, x0, x1, w) + offset[0], fit(y, y0, y1, h) + offset[1]]));
}

/** A legend entry of a path-symbol series with its own icon (pathMarks' large series draws no symbol to take it from). */
export const legendMark = (series: Pick<PathMarkSeries, 'name' | 'symbol'>): { name: string; icon: string } => ({ name: series.name, icon: series.symbol });

/** A scatter series of marks drawn with a path symbol (crosses, the pruner's bars). */
export interface PathMarkSeries {
  type: 'scatter';
  name: string;
  symbol: string;
  symbolSize: number | number[];
  symbolOffset?: number[];
  itemStyle: { color: string; borderColor: string; borderWidth: number };
  data: TrialItem[];
  z?: number;
  [key: string]: unknown;
}

/**
 * A scatter of a path symbol with more than MANY_DOTS marks, as two series of its name: the marks
 * in large mode without a symbol (`none`: large mode builds a path symbol for every mark, at zero
 * size, slower than drawing them), which still gives each mark its tooltip and its click and the
 * data table its rows; and their ink as one path (a silent custom series of one item, redrawn with
 * the grid), where each mark was an element of its own (the early-stop crosses of a 10,000-trial
 * Curves tab took a third of its time). Fewer marks: the series as it is (each mark hovers on its
 * own). The legend takes its icon from the first series of a name: give it `legendMark`.
 */
export function pathMarks(series: PathMarkSeries): SeriesOption[] {
  const marks = series.data;
  if (marks.length <= MANY_DOTS) return [series as unknown as SeriesOption];
  const strokes = symbolStrokes(series.symbol, series.symbolSize, series.symbolOffset);
  type Api = { value: (d: number) => number; coord: (p: number[]) => number[] };
  // Drawn on the marks' axes, from the values they are drawn by (a strip knob's spread place: spreadStrips' `encode`).
  const encode = (series.encode as { x?: number; y?: number } | undefined) ?? {};
  const [ex, ey] = [encode.x ?? 0, encode.y ?? 1];
  const axes = Object.fromEntries((['xAxisIndex', 'yAxisIndex'] as const).filter((k) => series[k] !== undefined).map((k) => [k, series[k]]));
  return [
    { ...series, symbol: 'none', large: true, largeThreshold: 0 } as unknown as SeriesOption,
    {
      type: 'custom', name: series.name, silent: true, clip: true, z: series.z, ...axes, data: [[marks[0].value[ex], marks[0].value[ey]]], encode: { x: 0, y: 1 },
      renderItem: (_params: unknown, api: Api) => {
        const parts: string[] = [];
        for (const mark of marks) {
          const [cx, cy] = api.coord([mark.value[ex] as number, mark.value[ey] as number]);
          for (const s of strokes) s.forEach(([x, y], i) => parts.push(`${i === 0 ? 'M' : 'L'}${(cx + x).toFixed(1)} ${(cy + y).toFixed(1)}`));
        }
        // Above the marks of earlier series of its z (the "beyond" triangles along the same edge), as its marks' own elements were drawn after them.
        return { type: 'path', z2: 100, shape: { pathData: parts.join('') }, style: { fill: 'none', stroke: series.itemStyle.borderColor, lineWidth: series.itemStyle.borderWidth } };
      },
    } as unknown as SeriesOption,
  ];
}

/** Whether a series is a scatter of a path symbol (a cross, the pruner's bar). */
const isPathScatter = (s: SeriesOption): boolean => {
  const symbol = (s as { symbol?: unknown }).symbol;
  return s.type === 'scatter' && typeof symbol === 'string' && symbol.startsWith('path://');
};

/** Every scatter of a path symbol among these series through pathMarks (one path past MANY_DOTS marks), the rest as they are. */
export function inkMarks(series: readonly SeriesOption[]): SeriesOption[] {
  return series.flatMap((s) => (isPathScatter(s) ? pathMarks(s as unknown as PathMarkSeries) : [s]));
}

/** A legend's entries for these series: each name once, in order, that of a path symbol's marks drawn as one path with its own icon (legendMark: pathMarks' marks draw no symbol to take it from). */
export function legendOf(series: readonly SeriesOption[]): (string | { name: string; icon: string })[] {
  const seen = new Set<string>();
  const out: (string | { name: string; icon: string })[] = [];
  for (const s of series) {
    if (s.name === undefined || seen.has(String(s.name))) continue;
    seen.add(String(s.name));
    out.push(isPathScatter(s) && ((s as { data?: unknown[] }).data?.length ?? 0) > MANY_DOTS ? legendMark({ name: String(s.name), symbol: (s as { symbol: string }).symbol }) : String(s.name));
  }
  return out;
}

/**
 * The special series every objective chart shares: failed trials at the worst edge and values
 * clipped at an edge (empty ones left out); `short` names for small panels.
 */
function edgeSeries(failed: TrialItem[], clipped: TrialItem[], size = 8, short = false): SeriesOption[] {
  const out: SeriesOption[] = [];
  if (clipped.length > 0) {
    const name = short ? `beyond (${clipped.length})` : clippedName(clipped.length);
    out.push({ type: 'scatter', name, symbol: 'triangle', symbolSize: size, itemStyle: { color: CLIPPED_COLOR }, data: clipped, z: 4 });
  }
  if (failed.length > 0) {
    // The same words as every other chart's legend (a knob's chart said "failed" where the others said "failed / diverged").
    const name = failedName(failed.length);
    out.push({ type: 'scatter', name, symbol: CROSS, symbolSize: size - 1, itemStyle: { color: FAILED_COLOR, borderColor: FAILED_COLOR, borderWidth: 1.5 }, data: failed, z: 4 });
  }
  return out;
}

/** A trial as a chart's tooltip names it: "trial 12 (round 2): val_loss 0.0812, pruned at epoch 9". */
export const trialName = (t: TrialSummary, metric: string): string =>
  `trial ${t.number}${t.round > 1 ? ` (round ${t.round})` : ''}: ${t.objective === null ? t.status : `${metric} ${short(t.objective)}`}${isPruned(t) && t.prune ? `, pruned at epoch ${t.prune.epoch}${t.prune.fold > 0 ? ` of fold ${t.prune.fold + 1}` : ''}` : ''}`;

/**
 * Pruned trials as hollow rings at the value they had reached (values beyond the axis at its edge);
 * hollow on either theme (ECharts' emptyCircle fills with white). The legend counts every pruned
 * trial drawn (`count`), those beyond the axis too, so it agrees with the captions' count of pruned trials.
 */
function prunedSeries(items: TrialItem[], size = 6, count = items.length, many = items.length > MANY_DOTS): SeriesOption[] {
  if (count === 0) return [];
  return [{ type: 'scatter', name: prunedName(count), symbol: 'circle', symbolSize: size, ...oneShape(many, items), itemStyle: { color: 'transparent', borderColor: PRUNED_COLOR, borderWidth: 1.2 }, data: items, z: 2 }];
}

/** A clipped item: a triangle pointing off the axis. */
function clippedItem(value: (number | string)[], t: TrialSummary, metric: string, edge: 'low' | 'high'): TrialItem {
  return { value, trial: t.number, name: `${trialName(t, metric)} (${edge === 'high' ? 'above' : 'below'} the axis)`, symbolRotate: edge === 'high' ? 0 : 180 };
}

/** Where each coarse-to-fine round after the first begins, by trial number: its lowest-numbered trial; [] for a search of one round. */
export function roundStarts(trials: readonly Pick<TrialSummary, 'number' | 'round'>[]): { round: number; at: number }[] {
  const first = new Map<number, number>();
  for (const t of trials) first.set(t.round, Math.min(first.get(t.round) ?? Infinity, t.number));
  if (first.size < 2) return [];
  return [...first].filter(([r]) => r > 1).map(([round, at]) => ({ round, at })).sort((a, b) => a.at - b.at);
}

/**
 * A dashed line where each coarse-to-fine round after the first begins, labelled "round 2" at the
 * top: the best so far is read against the box each round narrowed to.
 */
function roundMarks(trials: readonly TrialSummary[]): { markLine?: Record<string, unknown> } {
  const starts = roundStarts(trials);
  if (starts.length === 0) return {};
  return greyLines('dashed', 1, 'insideEndTop', '{b}', starts.map((s) => ({ xAxis: s.at - 0.5, name: `round ${s.round}` })));
}

/** Lines across a chart in the marks' grey (a series' silent markLine), each named (the chart's data table lists them) and labelled. */
function greyLines(type: 'dashed' | 'dotted', width: number, position: string, label: string, data: { xAxis?: number; yAxis?: number; name: string }[]): { markLine: Record<string, unknown> } {
  return {
    markLine: {
      silent: true, symbol: 'none', animation: false,
      lineStyle: { type, color: '#8a8f98', width },
      label: { position, formatter: label, color: '#8a8f98', fontSize: 11 },
      data,
    },
  };
}

/** Best-so-far objective by trial number, each finished trial a dot; pruned trials hollow (the best so far ignores them), failed trials at the worst edge, values beyond the axis at its edge, each counted in the legend; a coarse-to-fine search's rounds marked where each begins. */
export function bestSoFarOption(trials: TrialSummary[], view: ObjectiveView, noiseSd: number | null = null, chance: ObjectiveChance | null = null): ChartOption {
  const { direction, metric, scale } = view;
  const ordered = [...trials].sort((a, b) => a.number - b.number);
  let best: number | null = null;
  const line: [number, number][] = [];
  const dots: TrialItem[] = [];
  const clipped: TrialItem[] = [];
  const failed: TrialItem[] = [];
  const pruned: TrialItem[] = [];
  const edge = worstEdge(scale, direction);
  const many = ordered.length > MANY_DOTS;
  for (const t of ordered) {
    if (isFailed(t)) {
      failed.push({ value: [t.number, edge], trial: t.number, name: trialName(t, metric) });
      continue;
    }
    const p = place(scale, t.objective);
    if (!p || t.objective === null) continue;
    if (isPruned(t)) {
      if (p.edge) clipped.push(clippedItem([t.number, p.y], t, metric, p.edge));
      else pruned.push({ value: [t.number, p.y], trial: t.number, name: trialName(t, metric) });
      continue;
    }
    if (best === null || (direction === 'minimize' ? t.objective < best : t.objective > best)) best = t.objective;
    line.push([t.number, place(scale, best)!.y]);
    if (p.edge) clipped.push(clippedItem([t.number, p.y], t, metric, p.edge));
    else dots.push({ value: [t.number, p.y], trial: t.number, name: trialName(t, metric) });
  }
  const series: SeriesOption[] = [
    { type: 'scatter', name: 'trial', symbolSize: 6, large: many, data: dots, itemStyle: { color: ROUND_COLORS[0], opacity: 0.75 }, ...roundMarks(ordered) },
    { type: 'line', name: 'best so far', step: 'end', showSymbol: false, data: line, lineStyle: { width: 2, color: '#18a058' }, itemStyle: { color: '#18a058' }, silent: true, ...chanceMark(scale, chance) },
    ...noiseBand(line, scale, noiseSd),
    ...prunedSeries(pruned, 6, ordered.filter((t) => isPruned(t) && t.objective !== null).length, many),
    ...edgeSeries(failed, clipped),
  ];
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: 'item', formatter: '{b}' },
    // A plain legend wraps (Chart.vue moves the grid down): the counts of pruned, failed and clipped trials never hide on a second page.
    // It starts right of the objective's name, which stands above the y axis ("val_balanced_accuracy" is half as long again as "val_loss"'s room).
    legend: { top: 0, left: Math.max(96, Math.ceil(12 + 6.6 * metric.length)), right: 10, type: 'plain', data: legendOf(series) },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: objectiveAxis(view),
    series: inkMarks(series),
  };
}

/**
 * A search's objective scale with its chance level: where the best trial is no better than chance
 * (chanceNote's margin) and the level lies past the axis's good end, every trial being worse than
 * always giving the same answer, the scale is decided again with the level among the values, so
 * the line the note under Best trials speaks of is on every objective chart. Else `scale` itself.
 */
export function scaleWithChance(scale: ObjectiveScale, chance: ObjectiveChance | null, trials: readonly TrialSummary[], direction: 'minimize' | 'maximize', bound?: MetricBound): ObjectiveScale {
  if (!chance) return scale;
  const best = bestOf(trials.filter((t) => !isPruned(t)).map((t) => t.objective), direction);
  return needsChance(scale, chance, best, direction) ? objectiveScale([...trials.map((t) => t.objective), chance.value], scale.mode, bound) : scale;
}

/** The best finite value in one pass (no spread into Math.min: a search may hold 100,000), or null without one. */
export function bestOf(values: Iterable<number | null | undefined>, direction: 'minimize' | 'maximize'): number | null {
  const sign = direction === 'minimize' ? 1 : -1;
  let best: number | null = null;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v) && (best === null || sign * v < sign * best)) best = v;
  return best;
}

/**
 * Whether a chart's axis should be decided again to reach the chance level: it lies past the
 * axis's good end (every value worse than always giving the same answer) and the best value is no
 * better than chance (chanceNote's margin). The search's objective scale, the Curves tab's and a
 * trial's curve ask it.
 */
export function needsChance(scale: ObjectiveScale, chance: ObjectiveChance | null, best: number | null, direction: 'minimize' | 'maximize'): chance is ObjectiveChance {
  if (!chance || best === null) return false;
  const beyondGoodEnd = direction === 'minimize' ? chance.value < scale.min : chance.value > scale.max;
  return beyondGoodEnd && gainOverChance(best, chance.value, direction) < CHANCE_MARGIN;
}

/**
 * A metric's chance level (what always giving the same answer scores) as a dotted line labelled
 * "chance 0.693", where it lies on the axis: there the trials are near it, and how near is the
 * question. Off the axis (the trials all far better) it is left out. Best so far, each knob's
 * chart, the Curves tab's curves and a trial's own curve draw it.
 */
export function chanceMark(scale: ObjectiveScale, chance: ObjectiveChance | null): { markLine?: Record<string, unknown> } {
  if (!chance || place(scale, chance.value)?.edge !== null) return {};
  return greyLines('dotted', 1.5, 'insideStartTop', `chance ${short(chance.value)}`, [{ yAxis: chance.value, name: `chance (${chance.what})` }]);
}

/**
 * The seed noise as a band of ± one standard deviation around best so far (stacked: an invisible
 * lower edge, then the band's height filled), each edge clipped to the axis; nothing without a noise figure.
 */
function noiseBand(line: [number, number][], scale: ObjectiveScale, sd: number | null): SeriesOption[] {
  if (sd === null || !Number.isFinite(sd) || sd <= 0 || line.length === 0) return [];
  const low = line.map(([x, y]): [number, number] => [x, clipY(scale, y - sd) ?? scale.min]);
  const height = line.map(([x, y], i): [number, number] => [x, (clipY(scale, y + sd) ?? scale.max) - low[i][1]]);
  const name = `seed noise (± ${short(sd)}, 1 sd)`;
  return [
    { type: 'line', name, stack: 'noise', step: 'end', showSymbol: false, data: low, lineStyle: { opacity: 0 }, itemStyle: { color: '#18a058' }, silent: true, tooltip: { show: false } },
    { type: 'line', name, stack: 'noise', step: 'end', showSymbol: false, data: height, lineStyle: { opacity: 0 }, areaStyle: { color: '#18a058', opacity: 0.2 }, itemStyle: { color: '#18a058' }, silent: true, tooltip: { show: false } },
  ];
}

/** A knob of the space as the charts need it. */
export interface KnobAxis {
  name: string;
  log: boolean;
  categorical: boolean;
  /** A categorical knob's values as labels, in the order the spec lists them (the one order of every chart); [] for numeric knobs. */
  categories: string[];
  /** The coarse-to-fine box of each round for this knob (numeric knobs). */
  boxes: { round: number; low: number; high: number }[];
  /** A numeric knob's range in the spec (absent for categorical knobs, or when unknown). */
  low?: number;
  high?: number;
  /** Whole numbers only (an int knob). */
  int?: boolean;
  /** The grid a numeric knob's values lie on (an int knob without one steps by 1). */
  step?: number;
}

/** The knobs of a search with each round's box, for the search-space views. */
export function knobAxes(knobs: (Pick<KnobInfo, 'name' | 'type' | 'log' | 'values'> & Partial<Pick<KnobInfo, 'low' | 'high' | 'step'>>)[], rounds: { round: number; box: unknown }[]): KnobAxis[] {
  return knobs.map((p) => ({
    name: p.name,
    ...(typeof p.low === 'number' && typeof p.high === 'number' && p.high > p.low ? { low: p.low, high: p.high } : {}),
    ...(p.type === 'int' ? { int: true } : {}),
    ...(typeof p.step === 'number' && p.step > 0 ? { step: p.step } : p.type === 'int' ? { step: 1 } : {}),
    log: Boolean(p.log),
    categorical: p.type === 'categorical' || p.type === 'fixed',
    categories: p.type === 'categorical' || p.type === 'fixed' ? [...new Set((p.values ?? []).map((v) => label(v)))] : [],
    boxes: rounds.flatMap((r) => {
      const e = (r.box as Record<string, { low?: number; high?: number }>)[p.name];
      return e && e.low !== undefined && e.high !== undefined ? [{ round: r.round, low: e.low, high: e.high }] : [];
    }),
  }));
}

/** A categorical value as an axis label ("N(0, 1)", "He normal", "Adam (lr 0.001)"). */
export const label = (v: unknown): string => valueLabel(v);

/**
 * A categorical knob's axis labels: the spec's values in the spec's order, then any value a trial
 * has that the spec does not list (an older spec's), in trial order. Never the order trials happened to take them.
 */
export function categoriesOf(knob: KnobAxis, trials: TrialSummary[]): string[] {
  const out = [...knob.categories];
  const seen = new Set(out);
  for (const t of trials) {
    const l = label(t.knobs[knob.name]);
    if (!seen.has(l)) {
      seen.add(l);
      out.push(l);
    }
  }
  return out;
}

/** About how wide a character of an 11 px axis label is, in pixels. */
const LABEL_CHAR_PX = 6.5;
/** The longest a turned category label may be before it is cut short with "…". */
const TURNED_LABEL_PX = 84;

/**
 * Category labels along a horizontal axis: every one shown (ECharts drops labels it finds crowded:
 * "Momentum" and "RMSProp" went missing between "SGD" and "Adam"), turned 30° when they would not
 * fit side by side in `plotWidth` pixels, and then cut short. `extraBottom` is the room turned labels need below the axis.
 */
export function categoryAxisLabel(labels: readonly string[], plotWidth = 250): { axisLabel: { interval: 0; hideOverlap: false; fontSize: number; rotate: number; width?: number; overflow?: 'truncate' }; extraBottom: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length)) * LABEL_CHAR_PX;
  const slot = plotWidth / Math.max(1, labels.length);
  if (longest <= slot - 6) return { axisLabel: { interval: 0, hideOverlap: false, fontSize: 11, rotate: 0 }, extraBottom: 0 };
  const width = Math.min(longest, TURNED_LABEL_PX);
  return { axisLabel: { interval: 0, hideOverlap: false, fontSize: 11, rotate: 30, width, overflow: 'truncate' }, extraBottom: Math.ceil(width / 2) };
}

/**
 * A numeric knob's axis extent: its range in the spec, widened only for a value an older spec
 * allowed; the values' own extent when the range is unknown. Null when there is nothing to span (no
 * values, or a single one, with no range), or no positive extent for a log knob.
 */
export function knobExtent(knob: KnobAxis, trials: TrialSummary[]): [number, number] | null {
  let lo = knob.low ?? Infinity;
  let hi = knob.high ?? -Infinity;
  const known = knob.low !== undefined && knob.high !== undefined;
  for (const t of trials) {
    const v = t.knobs[knob.name];
    if (typeof v !== 'number' || !Number.isFinite(v) || (knob.log && v <= 0)) continue;
    if (!known || v < lo - 1e-9 * Math.abs(lo) || v > hi + 1e-9 * Math.abs(hi)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  return hi > lo && (!knob.log || lo > 0) ? [lo, hi] : null;
}

/** A horizontal tick label needs about this many pixels between its centre and an end's (half of each label's width). */
const LABEL_HALF_WIDTHS_PX = 36;

/**
 * A numeric knob's value (or log) axis: over its own range (knobExtent), as every chart of a knob
 * draws it (the knob against the objective, the pair scatter, parallel coordinates), so an int knob
 * of 1–16 runs from 1 to 16, not ECharts' 0–18. Ticks at round values (roundTicks: whole numbers for
 * an int knob, powers of ten or 1-2-5 on a log knob) and at both ends, written as they are. Along a
 * horizontal axis `plotWidth` pixels long the labels stand side by side: a round tick keeps a label's
 * width from an end. Without a range or values, ECharts fits the axis (whole steps for an int knob).
 */
export function knobValueAxis(knob: KnobAxis, trials: TrialSummary[], plotWidth: number | null = null) {
  const extent = knobExtent(knob, trials);
  if (!extent) return { type: knob.log ? ('log' as const) : ('value' as const), scale: true, ...(knob.int ? { minInterval: 1 } : {}), axisLabel: { formatter: axisNumber, hideOverlap: true } };
  const room = plotWidth === null ? END_LABEL_ROOM : Math.max(END_LABEL_ROOM, LABEL_HALF_WIDTHS_PX / plotWidth);
  return rangeAxis(extent[0], extent[1], { log: knob.log, int: knob.int, room });
}

/** A knob's axis (x or y): categories (the spec's order, every label shown), or a value or log axis over the knob's range (knobValueAxis). */
function axisOf(knob: KnobAxis, trials: TrialSummary[], extra: { name?: string; nameLocation?: 'middle'; nameGap?: number } = {}, plotWidth: number | null = 250) {
  const name = 'name' in extra ? extra.name : knob.name;
  if (knob.categorical) {
    const data = categoriesOf(knob, trials);
    // Along a vertical axis (plotWidth null) the labels stand one above the other: all shown, cut short beside the plot.
    if (plotWidth === null) return { ...extra, type: 'category' as const, name, data, axisLabel: { interval: 0 as const, hideOverlap: false as const, fontSize: 11, width: 54, overflow: 'truncate' as const } };
    const { axisLabel, extraBottom } = categoryAxisLabel(data, plotWidth);
    return { ...extra, ...(extra.nameGap !== undefined ? { nameGap: extra.nameGap + extraBottom } : {}), type: 'category' as const, name, data, axisLabel };
  }
  return { ...extra, name, ...knobValueAxis(knob, trials, plotWidth) };
}
const coord = (knob: KnobAxis, t: TrialSummary): number | string => (knob.categorical ? label(t.knobs[knob.name]) : (t.knobs[knob.name] as number));
/** Trials that have a value or failed: what the objective charts draw (running, queued, cancelled and interrupted trials are not drawn). */
const drawn = (trials: TrialSummary[]): TrialSummary[] => trials.filter((t) => t.objective !== null || isFailed(t));

/** A numeric knob of at most this many grid values (not on a log scale) is drawn as strips, like a categorical one. */
export const STRIP_POINTS = 16;
/** How much of the room between two strips a strip's dots spread over. */
const STRIP_WIDTH = 0.6;

/**
 * Where a trial's dot sits across its strip, in [-0.5, 0.5): the golden-ratio sequence over trial
 * numbers. Dots of one value spread evenly, as a strip plot's, without chance: a trial sits at the
 * same place on every redraw, and a trial that arrives never moves the others.
 */
export function stripOffset(trial: number): number {
  return ((trial * 0.6180339887498949) % 1) - 0.5;
}

/**
 * The grid step of a knob drawn as strips (a categorical knob: 1, one category; an int or stepped
 * knob of at most STRIP_POINTS values, not log: its step), else null: its values are too many, or
 * spread on a log scale, to stack on a few lines.
 */
export function stripStep(knob: KnobAxis): number | null {
  if (knob.categorical) return 1;
  if (knob.log || knob.step === undefined || knob.low === undefined || knob.high === undefined) return null;
  return (knob.high - knob.low) / knob.step + 1 <= STRIP_POINTS + 1e-9 ? knob.step : null;
}

/**
 * Spread the dots of a strip knob across their strips (stripOffset), so thousands of trials on four
 * categories show where they gather instead of four solid lines. The value stays what it is: each
 * item gets the place it is drawn at as a third value, which the series draws by (`encode`) and the
 * data table leaves out. A numeric knob's axis reaches half a step past each end (stripRoom), so
 * the strips at the ends are centred on their values as the others are. Its scatter series are named
 * ones (`named`): their two dimensions get a third.
 */
function spreadStrips(series: SeriesOption[], knob: KnobAxis, categories: string[]): SeriesOption[] {
  const step = stripStep(knob);
  if (step === null) return series;
  const index = new Map(categories.map((c, i) => [c, i]));
  const at = (x: number | string | null, trial: number): number | null => {
    const off = STRIP_WIDTH * stripOffset(trial);
    if (typeof x === 'string') return index.has(x) ? index.get(x)! + off : null;
    return typeof x === 'number' ? x + step * off : null;
  };
  return series.map((s) => {
    const data = (s as { data?: unknown }).data;
    if (s.type !== 'scatter' || !Array.isArray(data)) return s;
    const spread = (data as TrialItem[]).map((d) => ({ ...d, value: [d.value[0], d.value[1], at(d.value[0], d.trial)] }));
    // A category axis puts every value on its category's centre: a categorical knob's dots are drawn on the hidden value axis laid over it (stripAxis).
    return { ...s, data: spread, encode: { x: 2, y: 1 }, dimensions: [...((s as { dimensions: string[] }).dimensions), 'drawn at'], ...(knob.categorical ? { xAxisIndex: 1 } : {}) } as SeriesOption;
  });
}

/** Scatter series with their two values named (the data table's columns: the knob and the metric). */
function named(series: SeriesOption[], dimensions: [string, string]): SeriesOption[] {
  return series.map((s) => (s.type === 'scatter' ? ({ ...s, dimensions } as SeriesOption) : s));
}

/**
 * A numeric strip knob's axis with room for its end strips: half a step past each end of its range,
 * its ticks and labels where they were (the range's ends among them), so the dots of depth 1 spread
 * round 1 as those of depth 2 round 2.
 */
function stripRoom<A extends object>(axis: A, knob: KnobAxis): A {
  const step = stripStep(knob);
  const { min, max } = axis as { min?: unknown; max?: unknown };
  if (step === null || typeof min !== 'number' || typeof max !== 'number') return axis;
  return { ...axis, min: min - step / 2, max: max + step / 2 };
}

/** The hidden value axis a categorical knob's strips are drawn on: category i at i, over the same pixels as the category axis (its band centres). */
function stripAxis(categories: string[]) {
  return { type: 'value' as const, show: false, min: -0.5, max: categories.length - 0.5 };
}

/** The line of a knob's marginal (fANOVA's marginal plot, from the importance forest) over its dots: ink, apart from every round's colour. */
const marginalColor = (dark: boolean): string => (dark ? '#e6e6e6' : '#222222');
const MARGINAL_NAME = 'forest marginal';
/** The marginal's dashed stretch, where far more trials near it failed or diverged than across the search. */
const MARGINAL_FAILED_NAME = 'forest marginal (where far more trials failed)';

/**
 * One knob against the objective: a dot per finished trial coloured by round, log axis for log
 * knobs, each later round's box as a shaded band; failed trials at the worst edge. A categorical
 * knob, or a numeric one of a few grid values, is drawn as strips (spreadStrips). With the knob's
 * `marginal` (importance's: what the forest predicts along the knob, the other knobs averaged), a
 * line over the dots (a bar across each strip of a categorical knob or one of a few grid values), on
 * the same scale, its values beyond it at the edge.
 */
export function knobScatterOption(trials: TrialSummary[], knob: KnobAxis, view: ObjectiveView, marginal: KnobMarginal | null = null, dark = false, chance: ObjectiveChance | null = null): ChartOption {
  const { metric, scale, direction } = view;
  const shown = drawn(trials);
  const rounds = [...new Set(trials.map((t) => t.round))].sort((a, b) => a - b);
  const failed: TrialItem[] = [];
  const clipped: TrialItem[] = [];
  const pruned: TrialItem[] = [];
  const byRound = new Map<number, TrialItem[]>(rounds.map((r) => [r, []]));
  for (const t of shown) {
    const x = coord(knob, t);
    if (isFailed(t)) {
      failed.push({ value: [x, worstEdge(scale, direction)], trial: t.number, name: trialName(t, metric) });
      continue;
    }
    const p = place(scale, t.objective)!;
    if (p.edge) clipped.push(clippedItem([x, p.y], t, metric, p.edge));
    else if (isPruned(t)) pruned.push({ value: [x, p.y], trial: t.number, name: trialName(t, metric) });
    else byRound.get(t.round)?.push({ value: [x, p.y], trial: t.number, name: trialName(t, metric) });
  }
  const many = shown.length > MANY_DOTS;
  const special = [...prunedSeries(pruned, 5, shown.filter(isPruned).length, many), ...edgeSeries(failed, clipped, 7, true)];
  const categories = knob.categorical ? categoriesOf(knob, trials) : [];
  const extraBottom = knob.categorical ? categoryAxisLabel(categories).extraBottom : 0;
  const line = marginal && marginal.value.length > 0 ? marginalSeries(marginal, knob, view, categories, marginalColor(dark)) : [];
  // The marginal's line has no legend entry: the note above the charts says what it is, and a fourth entry wrapped onto the plot of a 320 px panel.
  const legend = legendOf(special);
  return {
    animation: false,
    title: { text: knob.name + (knob.log ? ' (log)' : ''), left: 52, top: 4, textStyle: { fontSize: 12 } },
    // The legend goes under the knob's name: a long name and three entries do not fit on one line.
    grid: { left: 56, right: 14, top: legend.length > 0 ? 40 : 30, bottom: 28 + extraBottom },
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: legend.length > 0 ? { top: 20, right: 8, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 10 }, data: legend } : { show: false },
    // A categorical knob is always drawn as strips (stripStep), on a hidden value axis over its category axis.
    xAxis: knob.categorical ? [axisOf(knob, trials, { name: undefined }), stripAxis(categories)] : stripRoom(axisOf(knob, trials, { name: undefined }), knob),
    yAxis: objectiveAxis(view, null),
    // Crosses past MANY_DOTS as one path, drawn where their strips spread them.
    series: inkMarks(spreadStrips(named([
      ...rounds.map((r, i): SeriesOption => ({
        type: 'scatter',
        name: `round ${r}`,
        symbolSize: 6,
        large: many,
        itemStyle: { color: roundColor(r), opacity: 0.85 },
        data: byRound.get(r) ?? [],
        // The objective's chance level across the knob: which of its values leave trials no better than a constant answer.
        ...(i === 0 ? chanceMark(scale, chance) : {}),
        markArea: knob.categorical
          ? undefined
          : {
              silent: true,
              itemStyle: { color: roundColor(r), opacity: 0.1, borderColor: roundColor(r), borderWidth: 1 },
              data: knob.boxes.filter((b) => b.round === r && r > 1).map((b) => [{ xAxis: b.low }, { xAxis: b.high }]),
            },
      })),
      ...special,
    ], [knob.name, metric]), knob, categories)).concat(line),
  };
}

/**
 * A knob's marginal as series of its scatter: a line through its points (a numeric knob), or a bar
 * across each value's strip (a categorical knob, on the strips' hidden axis; a knob of a few grid
 * values, at each value); each point named with what it says, for the tooltip and the data table.
 * Where far more trials near a point failed or diverged than across the search (`failedFade` ≥
 * `MOSTLY_FAILED`), the line goes on dashed and faint (a second series from its neighbours on either
 * side), and a bar is faint.
 */
function marginalSeries(m: KnobMarginal, knob: KnobAxis, view: ObjectiveView, categories: string[], color: string): SeriesOption[] {
  const { metric, scale } = view;
  const index = new Map(categories.map((c, i) => [c, i]));
  const failed = (i: number): boolean => failedFade(m.failed[i] ?? 0, m.failedOverall) >= MOSTLY_FAILED;
  type Item = { value: [number, number]; name: string; itemStyle?: { opacity: number } };
  const item = (x: number, where: string, i: number): Item[] => {
    const p = place(scale, m.value[i]);
    const spread = m.sd[i] > 0 ? ` (± ${short(m.sd[i])} over the trees)` : '';
    const name = `${knob.name} ${where}: the forest predicts ${metric} ${short(m.value[i])} here${spread}, the other knobs averaged${failedWords(m.failed[i] ?? 0, m.failedOverall)}`;
    return p ? [{ value: [x, p.y], name, ...(failed(i) ? { itemStyle: { opacity: 0.35 } } : {}) }] : [];
  };
  const step = stripStep(knob);
  const strips = !knob.categorical && step !== null && knob.low !== undefined && knob.high !== undefined;
  const common = { name: MARGINAL_NAME, z: 6, itemStyle: { color }, dimensions: [knob.name, metric] };
  if (knob.categorical || strips) {
    const data = knob.categorical
      ? m.at.flatMap((at, i) => (index.has(label(at)) ? item(index.get(label(at))!, label(at), i) : []))
      // A knob of a few grid values, drawn as strips: a bar at each value, the marginal at the point nearest it.
      : Array.from({ length: Math.round((knob.high! - knob.low!) / step!) + 1 }, (_, k) => knob.low! + k * step!).flatMap((x) => {
          const near = (m.at as number[]).reduce((b, a, i) => (Math.abs(a - x) < Math.abs((m.at[b] as number) - x) ? i : b), 0);
          return item(x, short(x), near);
        });
    return [{ ...common, data, type: 'scatter', symbol: 'rect', symbolSize: [30, 3], ...(knob.categorical ? { xAxisIndex: 1 } : {}) } as SeriesOption];
  }
  // A line: its points where few trials failed; a dashed one through the others and their neighbours, so the two meet.
  const points = m.at.map((at, i) => item(at as number, short(at as number), i)[0] ?? null);
  const gap = (p: Item | null): Item | { value: [number, string] } | null => p && { value: [p.value[0], '-'] };
  const solid = points.map((p, i) => (failed(i) ? gap(p) : p)).filter((p) => p !== null);
  const near = (i: number): boolean => failed(i) || (i > 0 && failed(i - 1)) || (i + 1 < points.length && failed(i + 1));
  const line = { ...common, type: 'line', showSymbol: false, lineStyle: { color, width: 2 } };
  if (!points.some((_, i) => failed(i))) return [{ ...line, data: solid } as SeriesOption];
  const dashed = points.map((p, i) => (near(i) ? p : gap(p))).filter((p) => p !== null);
  return [
    { ...line, data: solid } as SeriesOption,
    { ...line, name: MARGINAL_FAILED_NAME, data: dashed, lineStyle: { color, width: 1.5, type: 'dashed', opacity: 0.45 } } as SeriesOption,
  ];
}

/**
 * The pair a search's pair chart opens on once importance has an answer: its two most important
 * knobs that the forest's surface can shade (numeric, not drawn as strips), in the space's order;
 * null while there is no answer or fewer than two such knobs.
 */
export function pairByImportance(axes: readonly KnobAxis[], imp: Pick<SearchImportance, 'knobs' | 'reason'> | null): [string, string] | null {
  if (!imp || imp.reason !== null) return null;
  const shadeable = new Set(axes.filter((a) => !a.categorical && stripStep(a) === null).map((a) => a.name));
  const top = imp.knobs.filter((k) => shadeable.has(k.name)).slice(0, 2).map((k) => k.name);
  if (top.length < 2) return null;
  const [x, y] = axes.map((a) => a.name).filter((n) => top.includes(n));
  return [x, y];
}

/** Above MANY_DOTS, the pair chart draws its dots in this many colour bands of the ramp, each band one shape (ECharts' large mode draws a series in one colour). */
export const COLOUR_BANDS = 24;

/** The ramp's colour at `t` in [0, 1], its stops interpolated channel by channel in RGB as ECharts' continuous visual map does. */
export function rampColour(ramp: readonly string[], t: number): string {
  const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const at = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(at));
  const [a, b] = [rgb(ramp[i]), rgb(ramp[i + 1])];
  return `rgb(${a.map((c, k) => Math.round(c + (b[k] - c) * (at - i))).join(',')})`;
}

/**
 * Dots coloured by a value in [lo, hi] as COLOUR_BANDS series, one colour each (the colour of the
 * band's middle), each drawn as one shape: 5,000 dots as elements took the pair chart some 0.45 s
 * to draw, twice (before and after the forest's surface). Bands with no dot are left out.
 */
function colourBands(name: string, dots: TrialItem[], colourOf: (d: TrialItem) => number, lo: number, hi: number, ramp: readonly string[], style: object): SeriesOption[] {
  const bands: TrialItem[][] = Array.from({ length: COLOUR_BANDS }, () => []);
  for (const d of dots) {
    const t = hi > lo ? (colourOf(d) - lo) / (hi - lo) : 0.5;
    bands[Math.min(COLOUR_BANDS - 1, Math.max(0, Math.floor(t * COLOUR_BANDS)))].push(d);
  }
  return bands.flatMap((data, k) => (data.length === 0 ? [] : [{
    type: 'scatter', name, symbolSize: 5, large: true, largeThreshold: 0, data, z: 2,
    itemStyle: { ...style, color: rampColour(ramp, (k + 0.5) / COLOUR_BANDS) },
  } as SeriesOption]));
}

/** The colour dimension of the pair scatter: the objective on the shared scale (log10 on a log scale), clipped to it. */
function colourValue(scale: ObjectiveScale, v: number): number {
  const p = place(scale, v)!;
  return scale.type === 'log' ? Math.log10(p.y) : p.y;
}

/**
 * Two knobs against each other, each finished trial a dot coloured by its objective on the shared
 * scale (or by round, with each later round's coarse-to-fine box drawn as a rectangle); failed
 * trials as red crosses, counted in the legend. With a `surface` of the same two knobs (coloured by
 * the objective, both axes numeric, not strips), the forest's prediction shades the plane under the
 * dots in the same colours, and the dots take a rim.
 */
export function pairScatterOption(
  trials: TrialSummary[], x: KnobAxis, y: KnobAxis, view: ObjectiveView, colorBy: 'objective' | 'round' = 'objective', surface: PairSurface | null = null, dark = false,
): ChartOption {
  const { metric, direction, scale } = view;
  const shown = drawn(trials);
  const many = shown.length > MANY_DOTS;
  const ok = shown.filter((t) => !isFailed(t) && !isPruned(t));
  const item = (t: TrialSummary): TrialItem => ({ value: [coord(x, t), coord(y, t)], trial: t.number, name: trialName(t, metric) });
  const failed = shown.filter(isFailed).map(item);
  const pruned = shown.filter(isPruned).map(item);
  const point = (t: TrialSummary): TrialItem => ({ value: [coord(x, t), coord(y, t), colourValue(scale, t.objective as number), t.round], trial: t.number, name: trialName(t, metric) });
  const special: SeriesOption[] = [
    ...prunedSeries(pruned, 6, pruned.length, many),
    ...(failed.length > 0
      ? [{ type: 'scatter', name: failedName(failed.length), symbol: CROSS, symbolSize: 8, itemStyle: { color: FAILED_COLOR, borderColor: FAILED_COLOR, borderWidth: 1.5 }, data: failed, z: 4 } as const]
      : []),
  ];
  const failedSeries = inkMarks(special);
  // The pair chart spans the tab: about 500 px of plot for its x categories.
  const extraBottom = x.categorical ? categoryAxisLabel(categoriesOf(x, trials), 500).extraBottom : 0;
  const base: ChartOption = {
    animation: false,
    grid: { left: 64, right: colorBy === 'objective' ? 110 : 20, top: 32, bottom: 44 + extraBottom },
    tooltip: { trigger: 'item', formatter: '{b}', confine: true },
    xAxis: axisOf(x, trials, { nameLocation: 'middle', nameGap: 26 }, 500),
    yAxis: axisOf(y, trials, { nameLocation: 'middle', nameGap: 46 }, null),
  };
  if (colorBy === 'objective') {
    const lo = scale.type === 'log' ? Math.log10(scale.min) : scale.min;
    const hi = scale.type === 'log' ? Math.log10(scale.max) : scale.max;
    const beyond = scale.above + scale.below;
    // The surface needs two numeric axes (a strip axis is categories) over the knobs it was computed for.
    const numericAxes = [base.xAxis, base.yAxis].every((a) => (a as { type?: string }).type !== 'category');
    const shade = surface && surface.values.length > 0 && numericAxes && surface.x.name === x.name && surface.y.name === y.name
      ? surfaceSeries(surface, metric, (v) => colourValue(scale, v), dark) : null;
    const rim = shade ? { itemStyle: { borderColor: 'rgba(255, 255, 255, 0.9)', borderWidth: 1, shadowColor: 'rgba(0, 0, 0, 0.45)', shadowBlur: 2 } } : {};
    const ramp = direction === 'minimize' ? RAMP : [...RAMP].reverse();
    // Many dots come in colour bands, one shape each; the visual map is then their key (and the surface's colours), its handles gone: they would filter nothing.
    const dots: SeriesOption[] = many
      ? colourBands(metric, ok.map(point), (d) => (d.value as number[])[2], lo, hi, ramp, shade ? { shadowColor: 'rgba(0, 0, 0, 0.6)', shadowBlur: 2 } : {})
      : [{ type: 'scatter', name: metric, symbolSize: 7, data: ok.map(point), z: 2, ...rim }];
    const shadeIndex = dots.length + failedSeries.length;
    return {
      ...base,
      legend: { top: 0, left: 64, data: legendOf(special) },
      visualMap: {
        type: 'continuous', dimension: 2, seriesIndex: many ? (shade ? [shadeIndex] : []) : shade ? [0, shadeIndex] : 0, min: lo, max: hi, calculable: !many, precision: 3,
        right: 8, top: 'middle', itemHeight: 140,
        // Without handles the key's ends carry no values of their own: the text gives them.
        text: many
          ? [short(scale.type === 'log' ? 10 ** hi : hi), `${short(scale.type === 'log' ? 10 ** lo : lo)}${scale.type === 'log' ? ' (log)' : ''}${beyond > 0 ? ` · ${beyond} clipped` : ''}`]
          : [`${metric}${scale.type === 'log' ? ' (log)' : ''}`, beyond > 0 ? `${beyond} clipped` : ''],
        formatter: (v) => short(scale.type === 'log' ? 10 ** Number(v) : Number(v)),
        inRange: { color: ramp },
      },
      series: [
        ...dots,
        ...failedSeries,
        ...(shade ? [shade] : []),
      ],
    };
  }
  const rounds = [...new Set(ok.map((t) => t.round))].sort((a, b) => a - b);
  const roundSeries = rounds.map((r): SeriesOption => {
    const bx = x.boxes.find((b) => b.round === r);
    const by = y.boxes.find((b) => b.round === r);
    const box = r > 1 && bx && by ? [[{ xAxis: bx.low, yAxis: by.low }, { xAxis: bx.high, yAxis: by.high }] as const] : [];
    return {
      type: 'scatter', name: `round ${r}`, symbolSize: 7, large: ok.length > MANY_DOTS, itemStyle: { color: roundColor(r) }, data: ok.filter((t) => t.round === r).map(point),
      markArea: { silent: true, itemStyle: { color: roundColor(r), opacity: 0.08, borderColor: roundColor(r), borderWidth: 1.5 }, data: box.map((b) => [...b]) },
    };
  });
  return {
    ...base,
    legend: { top: 0, right: 10, data: legendOf([...roundSeries, ...special]) },
    series: [...roundSeries, ...failedSeries],
  };
}

/** The page's body colour in each theme (Naive UI's), behind axis labels that lines cross. */
export const BODY_COLOR = { light: '#ffffff', dark: '#101014' } as const;
/**
 * A label's backdrop: each glyph outlined in the page's colour, so lines under it never hide it (an
 * outline, not a box: a blanked tick label would still draw its box).
 */
export const labelBackdrop = (dark: boolean) => ({ textBorderColor: dark ? BODY_COLOR.dark : BODY_COLOR.light, textBorderWidth: 3 });

/**
 * Where parallel coordinates' axes lie: room on the right for the last axis' labels ("1.04e+6",
 * "-1.05e+12") and, right of them, the colour scale with its own labels (at 150 the two overlapped).
 */
export const PARALLEL_GRID = { left: 60, right: 190, top: 48, bottom: 30 };

/**
 * Parallel coordinates laid out for a chart `width` pixels wide: a categorical axis' labels, drawn
 * right of the axis, are cut to the room before the next axis ("Xavier unif…") instead of running
 * over it and its ticks in a narrow window. Other options pass through.
 */
export function fitParallelLabels(option: ChartOption, width: number): ChartOption {
  const axes = option.parallelAxis as ParallelAxisOption[] | undefined;
  if (!Array.isArray(axes) || axes.length < 2 || !option.parallel || Array.isArray(option.parallel)) return option;
  const grid = option.parallel as { left?: unknown; right?: unknown };
  const left = typeof grid.left === 'number' ? grid.left : PARALLEL_GRID.left;
  const right = typeof grid.right === 'number' ? grid.right : PARALLEL_GRID.right;
  const room = Math.max(24, Math.floor((width - left - right) / (axes.length - 1)) - 10);
  return {
    ...option,
    parallelAxis: axes.map((a) => (a.type === 'category' ? ({ ...a, axisLabel: { ...a.axisLabel, width: room, overflow: 'truncate' } } as ParallelAxisOption) : a)),
  };
}

/**
 * How opaque each of n overlaid lines is drawn: `top` up to 300 lines, then less as they grow
 * (∝ 1/√n) down to `floor`, so where thousands of lines pass reads as density rather than one solid
 * colour. Parallel coordinates use the defaults (0.12 from 6,000 lines); the curves overlay, whose
 * lines lie closer together, fades from 0.25 to 0.05.
 */
export function linesOpacity(n: number, top = 0.55, floor = 0.12): number {
  return Math.max(floor, Math.min(top, top * Math.sqrt(300 / Math.max(1, n))));
}

/**
 * Parallel coordinates: one axis per knob (log where log-scaled) and a last one for the objective
 * on the shared scale; each finished trial a line coloured by objective, values beyond the axis at
 * its edge, pruned trials as dotted lines ending at the value they reached, failed trials as red
 * dashed lines ending at the worst edge. The best lines are drawn last, over the others, and pruned
 * and failed ones under those that ran their course; many lines are drawn fainter (linesOpacity).
 */
export function parallelOption(trials: TrialSummary[], knobs: KnobAxis[], view: ObjectiveView, dark = false): ChartOption {
  const { metric, direction, scale } = view;
  const shown = drawn(trials);
  // Worst first, so the best lines are drawn last, on top: among thousands, the lines a person looks for stay in sight.
  const sign = direction === 'maximize' ? -1 : 1;
  const ok = shown.filter((t) => !isFailed(t) && !isPruned(t)).sort((a, b) => sign * ((b.objective as number) - (a.objective as number)) || a.number - b.number);
  const failed = shown.filter(isFailed);
  const pruned = shown.filter(isPruned);
  const lo = scale.type === 'log' ? Math.log10(scale.min) : scale.min;
  const hi = scale.type === 'log' ? Math.log10(scale.max) : scale.max;
  const axes: ParallelAxisOption[] = [
    ...knobs.map((k, dim): ParallelAxisOption => {
      if (k.categorical) return { dim, name: k.name, type: 'category', data: categoriesOf(k, trials), axisLabel: { interval: 0, hideOverlap: false, fontSize: 11 } };
      // The knob's own range on its scale, labelled at round values and at its ends.
      return { dim, name: k.name, ...knobValueAxis(k, shown) };
    }),
    // The count of values at the edge goes under the colour scale, as on the pair chart: beside the axis' name it ran past the chart's right end.
    { dim: knobs.length, name: metric, ...scaleAxis(scale) },
  ];
  const edge = worstEdge(scale, direction);
  return {
    animation: false,
    parallel: { ...PARALLEL_GRID },
    // Each label on a backdrop of the page's colour: thousands of light lines would otherwise hide the light labels of the dark theme.
    parallelAxis: axes.map((a) => ({ ...a, nameTextStyle: { fontSize: 12 }, nameGap: 12, axisLabel: { ...a.axisLabel, ...labelBackdrop(dark) } }) as ParallelAxisOption),
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: { top: 0, left: 0, data: [...(pruned.length > 0 ? [prunedName(pruned.length)] : []), ...(failed.length > 0 ? [failedName(failed.length)] : [])] },
    visualMap: {
      type: 'continuous', dimension: knobs.length + 1, seriesIndex: 0, min: lo, max: hi, calculable: true, precision: 3,
      right: 8, top: 'middle', itemHeight: 140, text: [`${metric}${scale.type === 'log' ? ' (log)' : ''}`, scale.above + scale.below > 0 ? `${scale.above + scale.below} clipped` : ''],
      formatter: (v) => short(scale.type === 'log' ? 10 ** Number(v) : Number(v)),
      inRange: { color: direction === 'minimize' ? RAMP : [...RAMP].reverse() },
    },
    series: [
      {
        type: 'parallel', name: 'trials', smooth: false, lineStyle: { width: 1, opacity: linesOpacity(ok.length) }, progressive: 1000, z: 3,
        data: ok.map((t) => {
          const p = place(scale, t.objective)!;
          return { name: trialName(t, metric), trial: t.number, value: [...knobs.map((k) => coord(k, t)), p.y, colourValue(scale, t.objective as number)] };
        }),
      },
      ...(pruned.length > 0
        ? [{
            type: 'parallel', name: prunedName(pruned.length), smooth: false, lineStyle: { width: 1, opacity: pruned.length > 50 ? 0.35 : 0.6, type: 'dotted', color: PRUNED_COLOR }, z: 2,
            data: pruned.map((t) => ({ name: trialName(t, metric), trial: t.number, value: [...knobs.map((k) => coord(k, t)), place(scale, t.objective)!.y] })),
          } as SeriesOption]
        : []),
      {
        type: 'parallel', name: failedName(failed.length), smooth: false, lineStyle: { width: 1.5, opacity: failed.length > 50 ? 0.35 : 0.9, type: 'dashed', color: FAILED_COLOR }, z: 2,
        data: failed.map((t) => ({ name: trialName(t, metric), trial: t.number, value: [...knobs.map((k) => coord(k, t)), edge] })),
      },
    ],
  };
}

/**
 * A data set's class balance as bars. The axis writes each class without the words every class name shares
 * (`shortNames`: 50 classes named "species number 06 of the catalogue" had each taken a rotated line that
 * squeezed the bars to a sliver), cut to 110 px; past 30 classes ECharts thins them where they would overlap (50 in a
 * window of 900 px had run together); the tooltip and the data table keep the full names. Counts spanning
 * `CLASS_BALANCE_LOG_RATIO` or more go on a log axis.
 */
export function classBalanceOption(classes: string[], counts: number[]): ChartOption {
  const names = counts.map((_, i) => classes[i] ?? String(i));
  const { short } = shortNames(names);
  const shortOf = new Map(names.map((n, i) => [n, short[i]]));
  // Labels turn only where they would not fit side by side under their bars: about 7 px a letter and 10 between, on a
  // chart of 450 px (a narrow window's); digits' ten one-letter classes had turned for no reason. Past 30 classes ECharts
  // keeps the labels that fit, side by side: turned, 76 classes' "001" … "189" ran into each other at every second one.
  const rotate = counts.length <= 30 && Math.max(0, ...short.map((c) => c.length)) * 7 + 10 > 450 / Math.max(1, counts.length);
  // Classes from thousands of rows down to one (product categories, species): on a linear axis every class past the first few
  // drew no bar at all, so the counts go on a log axis.
  const present = counts.filter((c) => c > 0);
  const log = present.length > 1 && Math.max(...present) >= CLASS_BALANCE_LOG_RATIO * Math.min(...present);
  return {
    animation: false,
    grid: { left: 48, right: 12, top: 30, bottom: rotate ? 64 : 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', formatter: (ps: unknown) => {
      const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? -1;
      return i < 0 ? '' : `${encodeHTML(names[i])}: ${encodeHTML(pluralCount(counts[i], 'row'))}`;
    } },
    xAxis: {
      type: 'category', data: names,
      axisLabel: { interval: counts.length > 30 ? 'auto' : 0, rotate: rotate ? 30 : 0, width: 110, overflow: 'truncate', formatter: (v: string) => shortOf.get(v) ?? v },
    },
    yAxis: log ? { type: 'log', name: 'rows (log scale)', min: 1, logBase: 10 } : { type: 'value', name: 'rows', minInterval: 1 },
    series: [{
      type: 'bar', name: 'rows', data: log ? counts.map((c) => (c > 0 ? c : null)) : counts, itemStyle: { color: ROUND_COLORS[0] },
      // ECharts stands a log axis's bars on 1: a class of one row gets a sliver, not nothing.
      ...(log ? { barMinHeight: 3 } : {}),
    }],
  };
}

/** A class balance whose largest class holds this many times the rows of its smallest is drawn on a log axis. */
export const CLASS_BALANCE_LOG_RATIO = 100;

/** How many trials an objective chart draws at its edges, for the text beside the scale toggle. */
export function edgeCounts(trials: TrialSummary[], scale: ObjectiveScale): { failed: number; clipped: number; text: string } {
  const failed = trials.filter(isFailed).length;
  const pruned = trials.filter(isPruned).length;
  const clipped = scale.above + scale.below;
  const parts = [
    pruned > 0 ? `${plural(pruned, 'trial')} pruned (hollow ○, at the value reached when stopped)` : '',
    failed > 0 ? `${plural(failed, 'trial')} failed or diverged (red ×, at the worst edge)` : '',
    clipped > 0 ? `${clipped} beyond the axis (grey ▲ at the edge)` : '',
  ];
  return { failed, clipped, text: parts.filter(Boolean).join(' · ') };
}

/**
 * A numeric column's histogram as a bar chart (a regression target on its data set's page): a bar
 * per equal-width bin from its min to its max, each labelled by where it starts (three significant
 * digits, in the notation every axis of the app uses over that range: "5.12e+4 … 1.04e+6" for
 * prices, as the search's objective axes write them), with its range and rows on hover. A long
 * tail above 0 that has bins over log10 (`logHistogram`) is drawn by those: equal steps of log10,
 * each labelled by the value it starts at.
 */
export function histogramOption(c: Pick<ColumnSummary, 'name' | 'min' | 'max' | 'histogram' | 'logHistogram'>): ChartOption {
  const log = !!c.logHistogram && c.min !== null && c.max !== null && c.min > 0;
  const counts = log ? c.logHistogram! : c.histogram;
  const n = counts.length;
  const lo = log ? Math.log10(c.min!) : c.min ?? 0;
  const hi = log ? Math.log10(c.max!) : c.max ?? lo;
  const width = n > 0 ? (hi - lo) / n : 0;
  const at = (v: number): number => (log ? 10 ** v : v);
  const edges = counts.map((_, i) => [at(lo + i * width), i === n - 1 ? (c.max ?? at(lo)) : at(lo + (i + 1) * width)]);
  const binLabel = axisNumbers(at(lo), c.max ?? at(lo));
  return {
    animation: false,
    grid: { left: 48, right: 12, top: 30, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', formatter: (ps: unknown) => {
      const p = (ps as { dataIndex: number; value: number }[])[0];
      const [a, b] = edges[p.dataIndex];
      return `${encodeHTML(c.name)} ${figure(a)} to ${figure(b)}: ${figure(p.value)} rows`;
    } },
    xAxis: { type: 'category', name: log ? `${c.name} (bins of equal steps of log10)` : c.name, nameLocation: 'middle', nameGap: 26, data: edges.map(([a]) => binLabel(Number(a.toPrecision(3)))), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'rows', minInterval: 1 },
    series: [{ type: 'bar', name: 'rows', data: counts, barCategoryGap: '8%', itemStyle: { color: ROUND_COLORS[0] } }],
  };
}
