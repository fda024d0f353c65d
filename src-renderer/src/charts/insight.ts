import type { DiagnosticsSnapshot, HistogramData, SurfaceInfo, TrialDiagnostics } from '../../../src-core/api/contract';
import { nameLabel } from '../../../src-core/api/labels';
import type { GridComponentOption, TitleComponentOption } from 'echarts/components';
import type { ChartOption, SeriesOption, XAxisOption, YAxisOption } from './echarts';
import { encodeHTML } from './html';
import { rangeAxis, ROUND_COLORS, WIDE_LABEL_ROOM } from './options';

type Axis = XAxisOption;

/** Escape text for ECharts' HTML tooltips. */

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-2 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

/** Two significant digits: the range labels under the small histograms. */
const short = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-2 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(2))) : x.toExponential(0));

/** At most `n` snapshots spread over the run, always the first (initialization) and the last. */
export function pickSnapshots(snapshots: DiagnosticsSnapshot[], n = 6): DiagnosticsSnapshot[] {
  if (snapshots.length <= n) return snapshots;
  const idx = new Set(Array.from({ length: n }, (_, i) => Math.round((i * (snapshots.length - 1)) / (n - 1))));
  return [...idx].sort((a, b) => a - b).map((i) => snapshots[i]);
}

/**
 * The activation histograms as a grid: one row per layer, one column per moment of training
 * (epoch 0 = initialization), each cell a small bar chart over the histogram's own range (shown
 * under it). `which`: before (pre) or after (post) the activation. Output layer included: a
 * classifier's logits, a regression's predictions (of the target as scaled for training).
 */
export function histogramGridOption(snapshots: DiagnosticsSnapshot[], which: 'pre' | 'post', regression = false): { option: ChartOption; height: number } {
  const cols = pickSnapshots(snapshots);
  const layers = cols[0]?.layers.length ?? 0;
  const rowH = 92;
  const top = 22;
  const labelPct = 9;
  const colW = (100 - labelPct) / Math.max(1, cols.length);
  const grid: GridComponentOption[] = [];
  const xAxis: Axis[] = [];
  const yAxis: YAxisOption[] = [];
  const series: SeriesOption[] = [];
  const title: TitleComponentOption[] = cols.map((snap, c) => ({
    text: snap.epoch === 0 ? 'init' : `epoch ${snap.epoch}`, left: `${labelPct + (c + 0.5) * colW}%`, top: 0, textAlign: 'center',
    textStyle: { fontSize: 11, fontWeight: 'normal' },
  }));
  for (let l = 0; l < layers; l++) {
    const layer = cols[0].layers[l];
    title.push({
      text: l === layers - 1 ? (regression ? 'output\n(prediction)' : 'output\n(logits)') : `layer ${layer.layer}\n${layer.activation}`, left: 2, top: top + l * rowH + 20,
      textStyle: { fontSize: 11, fontWeight: 'normal', lineHeight: 14 },
    });
    cols.forEach((snap, c) => {
      const h: HistogramData | undefined = snap.layers[l]?.[which];
      const i = grid.length;
      grid.push({ left: `${labelPct + c * colW + 0.8}%`, width: `${colW - 1.6}%`, top: top + l * rowH, height: rowH - 34 });
      xAxis.push({
        type: 'category', gridIndex: i, data: h ? h.counts.map((_, k) => k) : [], axisTick: { show: false },
        axisLabel: {
          fontSize: 9, hideOverlap: false, alignMinLabel: 'left', alignMaxLabel: 'right',
          interval: (k: number) => k === 0 || (h !== undefined && k === h.counts.length - 1),
          formatter: (k: string) => (h ? short(Number(k) === 0 ? h.min : h.max) : ''),
        },
      });
      yAxis.push({ type: 'value', gridIndex: i, show: false });
      series.push({
        type: 'bar', xAxisIndex: i, yAxisIndex: i, barCategoryGap: 0, data: h?.counts ?? [], silent: true,
        itemStyle: { color: ROUND_COLORS[l % ROUND_COLORS.length] },
      });
    });
  }
  return { option: { animation: false, title, grid, xAxis, yAxis, series, tooltip: { show: false } }, height: top + layers * rowH + 8 };
}

/** Whether the gradient-norm chart has a point to draw: a finite, positive norm (its axis is log); a trial that diverged at once has none, and gets a sentence instead of an empty frame. */
export function hasGradNorms(d: Pick<TrialDiagnostics, 'gradNorms'>): boolean {
  return d.gradNorms.byLayer.some((ys) => ys.some((v) => Number.isFinite(v) && v > 0));
}

/** Per-layer weight-gradient norms by epoch (log axis): vanishing layers sit far below the output layer. */
export function gradNormsOption(d: Pick<TrialDiagnostics, 'gradNorms'>): ChartOption {
  const { epoch, byLayer } = d.gradNorms;
  // One epoch: its point in the middle of a 0–2 axis, not on an edge of a sliver of an axis.
  const [first, last] = [epoch[0] ?? 1, epoch[epoch.length - 1] ?? 1];
  const range = first === last ? { min: Math.max(0, first - 1), max: last + 1 } : { min: first, max: last };
  return {
    animation: false,
    // Room above the plot for the y axis's name under the legend's first row (it sat on the legend).
    grid: { left: 60, right: 20, top: 44, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmt(v) : String(v)) },
    // Plain, so a deep net's layers wrap onto rows (the chart moves its grid down) rather than paging.
    legend: { top: 0, left: 60, right: 10, type: 'plain' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1, ...range },
    yAxis: { type: 'log', name: '‖∇W‖' },
    series: byLayer.map((ys, l) => ({
      type: 'line', name: l === byLayer.length - 1 ? 'output' : `layer ${l + 1}`, showSymbol: epoch.length < 40,
      data: epoch.map((e, i) => [e, Number.isFinite(ys[i]) && ys[i] > 0 ? ys[i] : null]),
      lineStyle: { width: 1.5, color: ROUND_COLORS[l % ROUND_COLORS.length] }, itemStyle: { color: ROUND_COLORS[l % ROUND_COLORS.length] },
    })),
  };
}

/** A histogram as a density step line over its bin centres (so histograms of other ranges can share an axis). */
export function densityLine(h: HistogramData): [number, number][] {
  const n = h.counts.length;
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  const w = (h.max - h.min) / n || 1;
  return h.counts.map((c, k) => [h.min + (k + 0.5) * w, c / total / w]);
}

/** The compared trials' histograms (after the activation) overlaid, one small chart per layer, at one snapshot each. */
export function compareHistogramsOption(trials: { number: number; snapshot: DiagnosticsSnapshot | undefined }[]): { option: ChartOption; height: number } {
  const layers = Math.max(0, ...trials.map((t) => t.snapshot?.layers.length ?? 0));
  const perRow = Math.min(layers, 3);
  const rows = Math.ceil(layers / Math.max(1, perRow));
  const rowH = 150;
  const grid: GridComponentOption[] = [];
  const xAxis: Axis[] = [];
  const yAxis: YAxisOption[] = [];
  const title: TitleComponentOption[] = [];
  const series: SeriesOption[] = [];
  for (let l = 0; l < layers; l++) {
    const r = Math.floor(l / perRow);
    const c = l % perRow;
    const act = l === layers - 1 ? 'logits' : trials.find((t) => t.snapshot?.layers[l])?.snapshot?.layers[l].activation ?? '';
    grid.push({ left: `${c * (100 / perRow) + 4}%`, width: `${100 / perRow - 7}%`, top: 46 + r * rowH, height: rowH - 60 });
    title.push({ text: `${l === layers - 1 ? 'output' : `layer ${l + 1}`} (${act})`, left: `${c * (100 / perRow) + 4}%`, top: 26 + r * rowH, textStyle: { fontSize: 11, fontWeight: 'normal' } });
    xAxis.push({ type: 'value', gridIndex: l, scale: true, axisLabel: { fontSize: 9, formatter: (v: number) => fmt(v) } });
    yAxis.push({ type: 'value', gridIndex: l, show: false });
    trials.forEach((t, i) => {
      const h = t.snapshot?.layers[l]?.post;
      series.push({
        type: 'line', step: 'middle', name: `trial ${t.number}`, xAxisIndex: l, yAxisIndex: l, showSymbol: false, data: h ? densityLine(h) : [],
        lineStyle: { width: 1.5, color: ROUND_COLORS[i % ROUND_COLORS.length] }, itemStyle: { color: ROUND_COLORS[i % ROUND_COLORS.length] },
        areaStyle: { opacity: 0.08, color: ROUND_COLORS[i % ROUND_COLORS.length] },
      });
    });
  }
  return { option: { animation: false, legend: { top: 0 }, tooltip: { show: false }, title, grid, xAxis, yAxis, series }, height: 40 + rows * rowH };
}

/** Contour levels of a surface: geometric for surfaces that span decades, else denser near the minimum. */
export function contourLevels(s: Pick<SurfaceInfo, 'grid' | 'logContours'>, n = 14): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of s.grid.z) for (const v of row) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo) || hi <= lo) return [];
  if (s.logContours) {
    const a = Math.log10(Math.max(lo, hi * 1e-6, 1e-6));
    const b = Math.log10(hi);
    return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * (i + 0.5)) / n));
  }
  return Array.from({ length: n }, (_, i) => lo + (hi - lo) * ((i + 0.5) / n) ** 2);
}

/**
 * Marching squares: the segments where a gridded function crosses `level`, as one polyline per
 * segment pair separated by nulls (ECharts draws a line series with gaps at nulls).
 */
export function contourSegments(grid: SurfaceInfo['grid'], level: number): ([number, number] | null)[] {
  const { xs, ys, z } = grid;
  const out: ([number, number] | null)[] = [];
  const lerp = (a: number, b: number, za: number, zb: number): number => a + ((level - za) / (zb - za || 1)) * (b - a);
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      const z00 = z[j][i];
      const z10 = z[j][i + 1];
      const z01 = z[j + 1][i];
      const z11 = z[j + 1][i + 1];
      const pts: [number, number][] = [];
      // Edges: bottom (00-10), right (10-11), top (01-11), left (00-01).
      if (z00 < level !== z10 < level) pts.push([lerp(xs[i], xs[i + 1], z00, z10), ys[j]]);
      if (z10 < level !== z11 < level) pts.push([xs[i + 1], lerp(ys[j], ys[j + 1], z10, z11)]);
      if (z01 < level !== z11 < level) pts.push([lerp(xs[i], xs[i + 1], z01, z11), ys[j + 1]]);
      if (z00 < level !== z01 < level) pts.push([xs[i], lerp(ys[j], ys[j + 1], z00, z01)]);
      for (let k = 0; k + 1 < pts.length; k += 2) out.push(pts[k], pts[k + 1], null);
    }
  }
  return out;
}

/** One optimizer's path for the playground chart. */
export interface PlaygroundPath {
  name: string;
  points: [number, number, number][];
  diverged: boolean;
}

/** Optimizer colours in the playground (stable per optimizer). */
export const OPTIMIZER_COLORS: Record<string, string> = {
  sgd: '#d62728', momentum: '#d86a10', nesterov: '#8f9a1c', adagrad: '#2ca02c', adadelta: '#1a98b5', rmsprop: '#1f77b4', adam: '#9467bd', adamw: '#d65f9f',
};

/** The contour plot of a surface with each optimizer's path drawn over it, the start and the minimum marked. */
export function playgroundOption(s: SurfaceInfo, paths: PlaygroundPath[], start: [number, number], dark = false): ChartOption {
  const levels = contourLevels(s);
  const ink = dark ? '255,255,255' : '0,0,0';
  const contours = levels.map((level, i): SeriesOption => ({
    type: 'line', name: `f = ${fmt(level)}`, data: contourSegments(s.grid, level), connectNulls: false, showSymbol: false, silent: true,
    lineStyle: { width: 1, color: `rgba(${ink},${0.12 + (0.28 * (levels.length - i)) / levels.length})` }, z: 1, legendHoverLink: false,
  }));
  const lines = paths.map((p): SeriesOption => ({
    type: 'line', name: nameLabel(p.name), data: p.points.map((q) => [q[0], q[1]]), showSymbol: p.points.length <= 120, symbolSize: 4, z: 5,
    lineStyle: { width: 2, color: OPTIMIZER_COLORS[p.name] ?? '#333' }, itemStyle: { color: OPTIMIZER_COLORS[p.name] ?? '#333' },
  }));
  return {
    animation: false,
    // Room above the plot for the y axis's name under the legend (which wraps to more rows where the chart is narrow), and below it for the x axis's name under its labels.
    grid: { left: 50, right: 24, top: 48, bottom: 40 },
    legend: { type: 'plain', top: 0, data: paths.map((p) => nameLabel(p.name)) },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = (Array.isArray(params) ? params[0] : params) as { seriesName?: string; value: number[]; dataIndex: number };
        return `${encodeHTML(p.seriesName ?? '')} step ${p.dataIndex}<br>x = ${fmt(p.value[0])}, y = ${fmt(p.value[1])}`;
      },
    },
    // The function's domain, its ends labelled, round ticks between kept clear of them (ECharts put its 4 just under the end's 5).
    xAxis: { ...rangeAxis(s.xRange[0], s.xRange[1], { room: WIDE_LABEL_ROOM }), name: 'x', nameGap: 24, nameLocation: 'middle' },
    yAxis: { ...rangeAxis(s.yRange[0], s.yRange[1], { room: WIDE_LABEL_ROOM }), name: 'y' },
    series: [
      ...contours,
      {
        type: 'scatter', name: 'start / minimum', z: 6, silent: true,
        data: [
          { value: start, symbol: 'circle', symbolSize: 10, itemStyle: { color: dark ? '#fff' : '#000' } },
          { value: s.minimum, symbol: 'path://M0,-10 L3,-3 L10,-3 L4,1 L6,9 L0,4 L-6,9 L-4,1 L-10,-3 L-3,-3 Z', symbolSize: 16, itemStyle: { color: '#f0a020' } },
        ],
      },
      ...lines,
    ],
  };
}
