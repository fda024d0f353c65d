import type { DecisionBoundary } from '../../../src-core/api/contract';
import { overPage } from './colour';
import type { ChartOption, SeriesOption } from './echarts';
import { encodeHTML } from './html';
import { short } from './options';
import { fmt } from './trials';

/** Classes' colours: TensorFlow Playground's orange and blue first, then the rounds' palette. */
export const CLASS_COLORS = ['#f59322', '#0877bd', '#3ba272', '#9270ca', '#e8684a', '#1c97c0', '#d4589a', '#269a99', '#c0841a', '#5b8ff9'];
export const classColor = (k: number): string => CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];

/** A regression's value on a ramp from light (its lowest) to deep blue (its highest). */
function ramp(t: number, dark: boolean): string {
  const u = Math.max(0, Math.min(1, t));
  const lo = dark ? [40, 44, 52] : [247, 251, 255];
  const hi = [8, 81, 156];
  const c = lo.map((l, i) => Math.round(l + (hi[i] - l) * u));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * Each cell's fill: its class's colour, as opaque as the model is sure of it (a 50/50 cell of two
 * classes nearly clear, a sure one strong), or the predicted value on a ramp for a regression.
 */
export function cellFills(b: DecisionBoundary, dark: boolean): string[] {
  if (b.task === 'classification') {
    const k = Math.max(2, b.classes.length);
    // Sureness above chance (1/k) to 1, mapped to 0.06–0.55 opacity.
    return b.values.map((v, i) => overPage(classColor(v), 0.06 + 0.49 * Math.max(0, (b.confidence[i] - 1 / k) / (1 - 1 / k)), dark));
  }
  const lo = Math.min(...b.values);
  const hi = Math.max(...b.values);
  return b.values.map((v) => ramp(hi > lo ? (v - lo) / (hi - lo) : 0.5, dark));
}

/**
 * A value axis from `min` to `max` (a feature's extent, a target's range): they are no round numbers,
 * so their labels, which would crowd the ticks beside them, are left off; the axis line stays at the
 * edge, not through zero, and the plane has no split lines over it.
 */
const edgeAxis = (name: string, min: number, max: number, nameGap: number) => ({
  type: 'value' as const, name, nameLocation: 'middle' as const, nameGap, min, max,
  axisLabel: { formatter: short, showMinLabel: false, showMaxLabel: false }, axisLine: { onZero: false }, splitLine: { show: false },
});

/**
 * A decision boundary drawn as TensorFlow Playground draws one: the plane of the two features in
 * cells coloured by what the trial's model says there, and the rows on top, coloured by their own
 * class (or target), training rows filled, validation rows hollow.
 */
export function boundaryOption(b: DecisionBoundary, dark: boolean): ChartOption {
  if (b.y === null) return curveOption(b, dark);
  const yAxis = b.y;
  const w = (b.x.max - b.x.min) / b.steps;
  const h = (yAxis.max - yAxis.min) / b.steps;
  const fills = cellFills(b, dark);
  const classification = b.task === 'classification';
  const lo = classification ? 0 : Math.min(...b.values, ...b.points.map((p) => p[2]));
  const hi = classification ? 1 : Math.max(...b.values, ...b.points.map((p) => p[2]));
  const pointColor = (v: number): string => (classification ? classColor(v) : ramp(hi > lo ? (v - lo) / (hi - lo) : 0.5, dark));
  const label = (v: number): string => (classification ? b.classes[v] ?? String(v) : fmt(v));
  // Light rims in both themes: a dot over a cell of its own class's colour still stands out. A
  // regression's dots are shaded as the cells are, so they take a dark rim: where the model is
  // right a dot melts into its cell but for the rim, where it is wrong its shade stands out.
  const edge = !classification ? (dark ? 'rgba(255, 255, 255, 0.75)' : 'rgba(0, 0, 0, 0.6)') : dark ? 'rgba(255, 255, 255, 0.8)' : '#ffffff';
  const cells = b.values.map((v, i) => [b.x.min + (i % b.steps) * w, yAxis.min + Math.floor(i / b.steps) * h, v, classification ? b.confidence[i] : v]);
  const series: SeriesOption[] = [
    {
      type: 'custom',
      name: 'the model',
      dimensions: [b.x.name, yAxis.name, classification ? 'class' : 'predicted', classification ? 'probability' : 'predicted'],
      data: cells,
      z: 1,
      tooltip: {
        formatter: (p: unknown) => {
          const i = (p as { dataIndex: number }).dataIndex;
          return classification
            ? `Here the model says ${encodeHTML(label(b.values[i]))}, with ${Math.round(100 * b.confidence[i])}%`
            : `Here the model predicts ${fmt(b.values[i])}`;
        },
      },
      renderItem: (params: { dataIndex: number }, api: { value: (d: number) => number; coord: (p: number[]) => number[] }) => {
        const x0 = api.value(0);
        const y0 = api.value(1);
        const a = api.coord([x0, y0 + h]);
        const c = api.coord([x0 + w, y0]);
        // A little wider than the cell: opaque neighbours overlap with no seam between them.
        return { type: 'rect', shape: { x: a[0], y: a[1], width: c[0] - a[0] + 0.6, height: c[1] - a[1] + 0.6 }, style: { fill: fills[params.dataIndex] } };
      },
    } as unknown as SeriesOption,
  ];
  const groups = classification ? b.classes.map((_, k) => k) : [null];
  for (const [part, which] of [[0, 'training'], [1, 'validation']] as const) {
    for (const k of groups) {
      const pts = b.points.filter((p) => p[3] === part && (k === null || p[2] === k));
      if (pts.length === 0) continue;
      // The series' own style is what its legend entry shows: a filled dot for training rows, a ring for validation ones.
      const color = k === null ? pointColor((lo + hi) / 2) : pointColor(k);
      series.push({
        type: 'scatter',
        name: k === null ? `${which} rows` : `${label(k)} · ${which}`,
        symbolSize: part === 0 ? 6 : 7,
        z: 3,
        itemStyle: part === 0 ? { color, borderColor: edge, borderWidth: 0.8 } : { color: 'rgba(0,0,0,0)', borderColor: color, borderWidth: 1.6, shadowColor: edge, shadowBlur: 2 },
        data: pts.map((p) => ({
          value: [p[0], p[1], p[2]],
          itemStyle: part === 0 ? { color: pointColor(p[2]), borderColor: edge, borderWidth: 0.8 } : { color: 'rgba(0,0,0,0)', borderColor: pointColor(p[2]), borderWidth: 1.6, shadowColor: edge, shadowBlur: 2 },
        })),
        tooltip: { formatter: (p: unknown) => {
          const v = (p as { value: number[] }).value;
          return `${encodeHTML(b.x.name)} ${short(v[0])}, ${encodeHTML(yAxis.name)} ${short(v[1])}: ${encodeHTML(label(v[2]))} (a ${which} row)`;
        } },
      });
    }
  }
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    tooltip: { trigger: 'item' },
    legend: { top: 0, data: series.slice(1).map((s) => String(s.name)), textStyle: { fontSize: 11 } },
    xAxis: edgeAxis(b.x.name, b.x.min, b.x.max, 26),
    yAxis: edgeAxis(yAxis.name, yAxis.min, yAxis.max, 40),
    series,
  };
}

/** The points along x a one-feature model was asked at (x.min to x.max, both ends included). */
export const curveXs = (b: DecisionBoundary): number[] => Array.from({ length: b.steps }, (_, i) => b.x.min + (i / Math.max(1, b.steps - 1)) * (b.x.max - b.x.min));

/**
 * The rows of a one-feature classification lie in a lane per class under the probabilities, lane k
 * centred on y = −(k + 1) · `laneHeight(k)`: the lanes and a little room beneath take a whole number
 * of the axis' quarter steps (each lane about 0.06 or more), so its ticks stay at 0, 0.25, …, 1.
 */
export function laneHeight(classes: number): number {
  return lanesDepth(classes) / (classes + 0.6);
}
const lanesDepth = (classes: number): number => 0.25 * Math.max(1, Math.ceil(((classes + 0.6) * 0.06) / 0.25 - 1e-9));

/**
 * A one-feature model as a curve (the decision boundary's counterpart where there is no plane):
 * a regression's prediction along x over its rows (training filled, validation rings); a
 * classification's probability of each class along x in the class's colour, its rows in a lane per
 * class beneath, so where the curves cross is where its decision changes.
 */
function curveOption(b: DecisionBoundary, dark: boolean): ChartOption {
  const xs = curveXs(b);
  const classification = b.task === 'classification';
  const k = b.classes.length;
  const ink = dark ? '#e6e6e6' : '#1f2937';
  const edge = dark ? 'rgba(255, 255, 255, 0.8)' : '#ffffff';
  const label = (v: number): string => (classification ? b.classes[v] ?? String(v) : fmt(v));
  const series: SeriesOption[] = classification
    ? b.classes.map((c, j): SeriesOption => ({
      type: 'line', name: c, showSymbol: false, z: 2, lineStyle: { width: 2, color: classColor(j) }, itemStyle: { color: classColor(j) },
      data: xs.map((x, i) => [x, b.probabilities[i * k + j]]),
      tooltip: { formatter: (p: unknown) => { const v = (p as { value: number[] }).value; return `At ${encodeHTML(b.x.name)} ${short(v[0])} the model gives ${encodeHTML(c)} ${Math.round(100 * v[1])}%`; } },
    }))
    : [{
      type: 'line', name: 'the model', showSymbol: false, z: 4, lineStyle: { width: 2.5, color: ink }, itemStyle: { color: ink },
      data: xs.map((x, i) => [x, b.values[i]]),
      tooltip: { formatter: (p: unknown) => { const v = (p as { value: number[] }).value; return `At ${encodeHTML(b.x.name)} ${short(v[0])} the model predicts ${fmt(v[1])}`; } },
    }];
  const groups = classification ? b.classes.map((_, j) => j) : [null];
  // Rows in a lane of their class spread a little up and down by their place in the list, so rows of equal x stay apart.
  const lane = laneHeight(k);
  const laneY = (p: [number, number, number, number], i: number): number => -(p[2] + 1) * lane + (((i * 7919) % 11) / 10 - 0.5) * lane * 0.5;
  for (const [part, which] of [[0, 'training'], [1, 'validation']] as const) {
    for (const g of groups) {
      const pts = b.points.map((p, i) => [p, i] as const).filter(([p]) => p[3] === part && (g === null || p[2] === g));
      if (pts.length === 0) continue;
      const color = g === null ? (dark ? '#6aa9e0' : '#0877bd') : classColor(g);
      series.push({
        type: 'scatter',
        name: g === null ? `${which} rows` : `${label(g)} · ${which}`,
        symbolSize: part === 0 ? 5 : 6,
        z: 3,
        itemStyle: part === 0 ? { color, opacity: 0.75, borderColor: edge, borderWidth: 0.5 } : { color: 'rgba(0,0,0,0)', borderColor: color, borderWidth: 1.4 },
        data: pts.map(([p, i]) => [p[0], classification ? laneY(p, i) : p[2], p[2]]),
        tooltip: { formatter: (p: unknown) => {
          const v = (p as { value: number[] }).value;
          return `${encodeHTML(b.x.name)} ${short(v[0])}: ${encodeHTML(classification ? label(v[2]) : `${b.target} ${fmt(v[2])}`)} (a ${which} row)`;
        } },
      });
    }
  }
  const ys = classification ? [] : [...b.values, ...b.points.map((p) => p[2])];
  const lo = classification ? -lanesDepth(k) : Math.min(...ys);
  const hi = classification ? 1 : Math.max(...ys);
  const pad = classification ? 0 : (hi - lo || 1) * 0.05;
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    tooltip: { trigger: 'item' },
    // A classification's legend names its classes' lines (the rows' lanes take their colours; the caption says which are which).
    legend: { top: 0, data: series.filter((s) => !classification || s.type === 'line').map((s) => String(s.name)), textStyle: { fontSize: 11 } },
    xAxis: edgeAxis(b.x.name, b.x.min, b.x.max, 26),
    yAxis: classification
      ? { type: 'value', name: 'probability', nameLocation: 'middle', nameGap: 40, min: lo, max: hi, interval: 0.25, axisLabel: { formatter: (v: number) => (v < -1e-9 ? '' : short(v)) }, axisLine: { onZero: false } }
      : { ...edgeAxis(b.target, lo - pad, hi + pad, 40), splitLine: { show: true } },
    series,
  };
}
