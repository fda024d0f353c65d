import type { KnobInfo, TrialSummary } from '../../../src-core/api/contract';
import type { CurveMap, TrialCurve } from './curves';

/** An ECharts option as plain data (built by pure functions, drawn by Chart.vue). */
export type ChartOption = Record<string, unknown>;

const GRID = { left: 60, right: 20, top: 28, bottom: 40 };
/** Colours of coarse-to-fine rounds (round 1 first). */
export const ROUND_COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
/** Objective colour ramp: good (teal) to bad (red); reversed for maximize. */
const RAMP = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];
const roundColor = (r: number): string => ROUND_COLORS[(r - 1 + ROUND_COLORS.length * 100) % ROUND_COLORS.length];

/** Best-so-far objective by trial number, with each finished trial as a dot. */
export function bestSoFarOption(trials: TrialSummary[], direction: 'minimize' | 'maximize', metric: string): ChartOption {
  const done = trials.filter((t) => t.objective !== null).sort((a, b) => a.number - b.number);
  let best: number | null = null;
  const line: [number, number][] = [];
  for (const t of done) {
    const v = t.objective as number;
    if (best === null || (direction === 'minimize' ? v < best : v > best)) best = v;
    line.push([t.number, best]);
  }
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: 'item' },
    legend: { top: 0, right: 10 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'value', name: metric, scale: true },
    series: [
      { type: 'scatter', name: 'trial', symbolSize: 5, large: done.length > 2000, data: done.map((t) => [t.number, t.objective]), itemStyle: { opacity: 0.5 } },
      { type: 'line', name: 'best so far', step: 'end', showSymbol: false, data: line, lineStyle: { width: 2 } },
    ],
  };
}

/**
 * Many curves as one flat typed array, ECharts' large polyline format ([points, x, y, x, y, …, points,
 * …]): no array per point to build, clone or collect, so thousands of curves draw and redraw fast.
 */
export function flatLines(lines: { coords: [number, number][] }[]): Float64Array {
  let n = 0;
  for (const l of lines) n += 1 + 2 * l.coords.length;
  const out = new Float64Array(n);
  let i = 0;
  for (const l of lines) {
    out[i++] = l.coords.length;
    for (const [x, y] of l.coords) {
      out[i++] = x;
      out[i++] = y;
    }
  }
  return out;
}

/** The value of a curve point for a metric. */
function pick(c: TrialCurve, metric: 'loss' | 'accuracy', split: 'train' | 'val'): (number | null)[] {
  if (metric === 'loss') return split === 'train' ? c.trainLoss : c.valLoss;
  return split === 'train' ? c.trainAccuracy : c.valAccuracy;
}

/**
 * Every trial's validation curve overlaid as one large `lines` series (fast with thousands of
 * trials), the selected trial drawn on top, and markers at each trial's best epoch (dot) and the
 * epoch it stopped early (cross). Loss uses a log axis.
 */
export function curvesOption(curves: CurveMap, trials: TrialSummary[], selected: number | null, metric: 'loss' | 'accuracy' = 'loss'): ChartOption {
  const log = metric === 'loss';
  let lo = Infinity;
  let hi = -Infinity;
  let maxEpoch = 1;
  const lines: { name: string; coords: [number, number][] }[] = [];
  let selectedData: [number, number][] = [];
  for (const [t, c] of curves) {
    const ys = pick(c, metric, 'val');
    const coords: [number, number][] = [];
    for (let i = 0; i < c.epoch.length; i++) {
      const y = ys[i];
      if (y === null || !Number.isFinite(y) || (log && y <= 0)) continue;
      coords.push([c.epoch[i], y]);
      if (y < lo) lo = y;
      if (y > hi) hi = y;
      if (c.epoch[i] > maxEpoch) maxEpoch = c.epoch[i];
    }
    if (coords.length === 0) continue;
    if (t === selected) selectedData = coords;
    if (coords.length === 1) coords.push(coords[0]);
    lines.push({ name: `trial ${t}`, coords });
  }
  const at = (t: TrialSummary, epoch: number | null): number | null => {
    const c = curves.get(t.number);
    if (!c || epoch === null) return null;
    const i = c.epoch.indexOf(epoch);
    const y = i >= 0 ? pick(c, metric, 'val')[i] : null;
    return y === null || !Number.isFinite(y) || (log && y <= 0) ? null : y;
  };
  const bestMarks: { value: [number, number]; name: string }[] = [];
  const stopMarks: { value: [number, number]; name: string }[] = [];
  for (const t of trials) {
    const b = at(t, t.bestEpoch);
    if (b !== null) bestMarks.push({ value: [t.bestEpoch!, b], name: `trial ${t.number}: best epoch ${t.bestEpoch}` });
    if (t.stopReason === 'early_stopping') {
      const s = at(t, t.stoppedEpoch);
      if (s !== null) stopMarks.push({ value: [t.stoppedEpoch!, s], name: `trial ${t.number}: stopped early at ${t.stoppedEpoch}` });
    }
  }
  const many = lines.length > 300;
  if (lo === Infinity) {
    lo = log ? 0.01 : 0;
    hi = 1;
  }
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: { top: 0, right: 10, data: ['best epoch', 'early stop'] },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, min: 1, max: maxEpoch, minInterval: 1 },
    yAxis: log
      ? { type: 'log', name: `val ${metric}`, min: 10 ** Math.floor(Math.log10(lo)), max: 10 ** Math.ceil(Math.log10(hi)) }
      : { type: 'value', name: `val ${metric}`, min: Math.max(0, Math.floor(lo * 20) / 20), max: Math.min(1, Math.ceil(hi * 20) / 20) },
    series: [
      {
        // Many curves draw in chunks over several frames (progressive), so the page never freezes while they draw.
        type: 'lines', name: 'trials', coordinateSystem: 'cartesian2d', polyline: true, large: many, largeThreshold: 300, silent: many,
        progressive: many ? 400 : 0, progressiveThreshold: 1000,
        lineStyle: { width: 1, opacity: selected === null ? (many ? 0.25 : 0.6) : 0.15, color: '#5470c6' }, data: many ? flatLines(lines) : lines, z: 1,
      },
      { type: 'scatter', name: 'best epoch', symbolSize: 5, large: bestMarks.length > 2000, itemStyle: { color: '#18a058' }, data: bestMarks, z: 3 },
      { type: 'scatter', name: 'early stop', symbol: 'path://M0,0L10,10M10,0L0,10', symbolSize: 6, itemStyle: { color: '#d03050', borderColor: '#d03050', borderWidth: 1.5 }, data: stopMarks, z: 3 },
      { type: 'line', name: selected === null ? 'selected' : `trial ${selected}`, data: selectedData, showSymbol: false, z: 10, lineStyle: { width: 3, color: '#f0a020' } },
    ],
  };
}

/** Train vs validation of one trial, with its best epoch and the epoch it stopped marked; the stop reason in the tooltip. */
export function trialCurveOption(curve: TrialCurve | undefined, trial: TrialSummary, metric: 'loss' | 'accuracy' = 'loss'): ChartOption {
  const series = (split: 'train' | 'val'): [number, number | null][] => (curve ? curve.epoch.map((e, i) => [e, pick(curve, metric, split)[i]]) : []);
  const marks = [
    ...(trial.bestEpoch !== null
      ? [{ name: `best epoch ${trial.bestEpoch}`, xAxis: trial.bestEpoch, lineStyle: { color: '#18a058' }, label: { formatter: 'best', position: 'insideEndTop' } }]
      : []),
    ...(trial.stoppedEpoch !== null
      ? [{ name: `stopped at ${trial.stoppedEpoch}: ${trial.stopReason ?? ''}`, xAxis: trial.stoppedEpoch, lineStyle: { color: '#d03050', type: 'dashed' }, label: { formatter: 'stop', position: 'insideEndBottom' } }]
      : []),
  ];
  return {
    animation: false,
    title: { text: `trial ${trial.number}: train vs validation`, left: 'center', textStyle: { fontSize: 12 } },
    legend: { bottom: 0 },
    grid: { ...GRID, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: metric === 'loss' ? { type: 'log', name: 'loss' } : { type: 'value', name: 'accuracy', scale: true },
    series: [
      { type: 'line', name: `train_${metric}`, data: series('train'), showSymbol: false },
      {
        type: 'line',
        name: `val_${metric}`,
        data: series('val'),
        showSymbol: false,
        markLine: { symbol: 'none', label: { formatter: '{b}', fontSize: 10 }, tooltip: { formatter: '{b}' }, data: marks },
      },
    ],
  };
}

/** Validation and training loss of 2–4 trials overlaid (solid: validation, dashed: training). */
export function compareCurvesOption(curves: CurveMap, numbers: number[]): ChartOption {
  const series = numbers.flatMap((n, i) => {
    const c = curves.get(n);
    const color = ROUND_COLORS[i % ROUND_COLORS.length];
    const data = (ys: (number | null)[]): [number, number | null][] => (c ? c.epoch.map((e, j) => [e, ys[j]]) : []);
    return [
      { type: 'line', name: `trial ${n} val`, data: data(c?.valLoss ?? []), showSymbol: false, lineStyle: { color, width: 2 }, itemStyle: { color } },
      { type: 'line', name: `trial ${n} train`, data: data(c?.trainLoss ?? []), showSymbol: false, lineStyle: { color, width: 1, type: 'dashed' }, itemStyle: { color } },
    ];
  });
  return {
    animation: false,
    legend: { bottom: 0 },
    grid: { ...GRID, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'log', name: 'loss' },
    series,
  };
}

/** A knob of the space as the charts need it. */
export interface KnobAxis {
  name: string;
  log: boolean;
  categorical: boolean;
  /** The coarse-to-fine box of each round for this knob (numeric knobs). */
  boxes: { round: number; low: number; high: number }[];
}

/** The knobs of a search with each round's box, for the search-space views. */
export function knobAxes(knobs: Pick<KnobInfo, 'name' | 'type' | 'log'>[], rounds: { round: number; box: unknown }[]): KnobAxis[] {
  return knobs.map((p) => ({
    name: p.name,
    log: Boolean(p.log),
    categorical: p.type === 'categorical' || p.type === 'fixed',
    boxes: rounds.flatMap((r) => {
      const e = (r.box as Record<string, { low?: number; high?: number }>)[p.name];
      return e && e.low !== undefined && e.high !== undefined ? [{ round: r.round, low: e.low, high: e.high }] : [];
    }),
  }));
}

const label = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
function axisOf(knob: KnobAxis, trials: TrialSummary[], name = knob.name): Record<string, unknown> {
  if (knob.categorical) return { type: 'category', name, data: [...new Set(trials.map((t) => label(t.knobs[knob.name])))] };
  return { type: knob.log ? 'log' : 'value', name, scale: true };
}
const coord = (knob: KnobAxis, t: TrialSummary): number | string => (knob.categorical ? label(t.knobs[knob.name]) : (t.knobs[knob.name] as number));

/** One knob against the objective: a dot per finished trial coloured by round, log axis for log knobs, each later round's box as a shaded band. */
export function knobScatterOption(trials: TrialSummary[], knob: KnobAxis, metric: string): ChartOption {
  const rounds = [...new Set(trials.map((t) => t.round))].sort((a, b) => a - b);
  const finished = trials.filter((t) => t.objective !== null);
  return {
    animation: false,
    title: { text: knob.name + (knob.log ? ' (log)' : ''), left: 'center', textStyle: { fontSize: 12 } },
    grid: { left: 52, right: 12, top: 28, bottom: 28 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    xAxis: { ...axisOf(knob, trials), name: undefined },
    yAxis: { type: 'value', name: metric, scale: true },
    series: rounds.map((r) => ({
      type: 'scatter',
      name: `round ${r}`,
      symbolSize: 6,
      large: finished.length > 2000,
      itemStyle: { color: roundColor(r), opacity: 0.8 },
      data: finished.filter((t) => t.round === r).map((t) => ({ value: [coord(knob, t), t.objective], name: `trial ${t.number} (round ${r})` })),
      markArea: knob.categorical
        ? undefined
        : {
            silent: true,
            itemStyle: { color: roundColor(r), opacity: 0.1, borderColor: roundColor(r), borderWidth: 1 },
            data: knob.boxes.filter((b) => b.round === r && r > 1).map((b) => [{ xAxis: b.low }, { xAxis: b.high }]),
          },
    })),
  };
}

/**
 * Two knobs against each other, each finished trial a dot coloured by its objective (or by round,
 * with each later round's coarse-to-fine box drawn as a rectangle).
 */
export function pairScatterOption(trials: TrialSummary[], x: KnobAxis, y: KnobAxis, metric: string, direction: 'minimize' | 'maximize', colorBy: 'objective' | 'round' = 'objective'): ChartOption {
  const finished = trials.filter((t) => t.objective !== null);
  const values = finished.map((t) => t.objective as number);
  const point = (t: TrialSummary): { value: [number | string, number | string, number, number]; name: string } => ({
    value: [coord(x, t), coord(y, t), t.objective as number, t.round],
    name: `trial ${t.number}: ${metric} ${(t.objective as number).toPrecision(4)}`,
  });
  const base = {
    animation: false,
    grid: { left: 64, right: colorBy === 'objective' ? 90 : 20, top: 28, bottom: 44 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    xAxis: { ...axisOf(x, trials), nameLocation: 'middle', nameGap: 26 },
    yAxis: { ...axisOf(y, trials), nameLocation: 'middle', nameGap: 46 },
  };
  if (colorBy === 'objective') {
    return {
      ...base,
      visualMap: {
        type: 'continuous', dimension: 2, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, calculable: true,
        right: 0, top: 'middle', itemHeight: 140, text: [metric, ''], inRange: { color: direction === 'minimize' ? RAMP : [...RAMP].reverse() },
      },
      series: [{ type: 'scatter', name: metric, symbolSize: 7, large: finished.length > 2000, data: finished.map(point) }],
    };
  }
  const rounds = [...new Set(finished.map((t) => t.round))].sort((a, b) => a - b);
  return {
    ...base,
    legend: { top: 0, right: 10 },
    series: rounds.map((r) => {
      const bx = x.boxes.find((b) => b.round === r);
      const by = y.boxes.find((b) => b.round === r);
      const box = r > 1 && bx && by ? [[{ xAxis: bx.low, yAxis: by.low }, { xAxis: bx.high, yAxis: by.high }]] : [];
      return {
        type: 'scatter', name: `round ${r}`, symbolSize: 7, large: finished.length > 2000, itemStyle: { color: roundColor(r) }, data: finished.filter((t) => t.round === r).map(point),
        markArea: { silent: true, itemStyle: { color: roundColor(r), opacity: 0.08, borderColor: roundColor(r), borderWidth: 1.5 }, data: box },
      };
    }),
  };
}

/** Parallel coordinates: one axis per knob (log where log-scaled) and a last one for the objective; each finished trial a line coloured by objective. */
export function parallelOption(trials: TrialSummary[], knobs: KnobAxis[], metric: string, direction: 'minimize' | 'maximize'): ChartOption {
  const finished = trials.filter((t) => t.objective !== null);
  const values = finished.map((t) => t.objective as number);
  const axes = [
    ...knobs.map((k, dim) =>
      k.categorical ? { dim, name: k.name, type: 'category', data: [...new Set(trials.map((t) => label(t.knobs[k.name])))] } : { dim, name: k.name, type: k.log ? 'log' : 'value', scale: true },
    ),
    { dim: knobs.length, name: metric, type: 'value', scale: true },
  ];
  return {
    animation: false,
    parallel: { left: 50, right: 90, top: 40, bottom: 30 },
    parallelAxis: axes,
    tooltip: { trigger: 'item', formatter: '{b}' },
    visualMap: {
      type: 'continuous', dimension: knobs.length, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, calculable: true,
      right: 0, top: 'middle', itemHeight: 140, text: [metric, ''], inRange: { color: direction === 'minimize' ? RAMP : [...RAMP].reverse() },
    },
    series: [
      {
        type: 'parallel', name: 'trials', smooth: false, lineStyle: { width: 1, opacity: 0.5 }, progressive: 1000,
        data: finished.map((t) => ({ name: `trial ${t.number}`, value: [...knobs.map((k) => coord(k, t)), t.objective] })),
      },
    ],
  };
}

/** A data set's class balance as bars. */
export function classBalanceOption(classes: string[], counts: number[]): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 12, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: counts.map((_, i) => classes[i] ?? String(i)), axisLabel: { interval: 0, rotate: counts.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: 'rows', minInterval: 1 },
    series: [{ type: 'bar', name: 'rows', data: counts, itemStyle: { color: '#5470c6' } }],
  };
}
