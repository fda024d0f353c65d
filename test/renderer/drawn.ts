// What ECharts draws of a chart option: the option laid out at a size by ECharts itself, server-side
// (the SVG renderer, no DOM), and the tick labels of one axis as they are drawn: text, value and
// where (pixels from the chart's left or top). Tests of axes read these rather than the option, so a
// label ECharts adds (an explicit end, its own round ticks, its own number format) is seen.
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { registerCharts, type ChartOption } from '../../src-renderer/src/charts/echarts';

registerCharts();
use([SVGRenderer]);

/** One drawn tick label. */
export interface DrawnLabel {
  text: string;
  value: number;
  /** Its place along the axis, in pixels. */
  px: number;
}

/** The parts of ECharts' laid-out model these tests read (ECharts types them only on its internal classes). */
interface LaidOutAxis {
  axis: {
    getViewLabels(): { formattedLabel: string; tick: { value: number } }[];
    dataToCoord(value: number): number;
    scale: { getExtent(): [number, number] };
  };
}

/** Lay the option out at width × height; the chart (dispose it) and its axis model. */
function laidOut(option: ChartOption, size: { width: number; height: number }) {
  const chart = init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, ...size });
  // ECharts tells (console.log, .warn or .error, "[ECharts] …") of options it does not take, and goes on
  // without them: a test that draws such an option fails.
  const warnings: string[] = [];
  const kept = { log: console.log, warn: console.warn, error: console.error };
  for (const level of ['log', 'warn', 'error'] as const) {
    console[level] = (...args: unknown[]) => {
      if (String(args[0]).startsWith('[ECharts]')) warnings.push(args.map(String).join(' '));
      else kept[level](...args);
    };
  }
  try {
    chart.setOption(option);
    chart.renderToSVGString();
  } finally {
    Object.assign(console, kept);
  }
  if (warnings.length) {
    chart.dispose();
    throw new Error(`ECharts warned while drawing the option: ${warnings.join('; ')}`);
  }
  const model = (chart as unknown as { getModel(): { getComponent(type: string, index: number): LaidOutAxis | undefined } }).getModel();
  return { chart, model };
}

/** The tick labels ECharts draws on an axis ('xAxis', 'yAxis' or 'parallelAxis', by index), in the axis' order. */
export function drawnLabels(option: ChartOption, axis: 'xAxis' | 'yAxis' | 'parallelAxis', index = 0, size = { width: 600, height: 320 }): DrawnLabel[] {
  const { chart, model } = laidOut(option, size);
  try {
    const a = model.getComponent(axis, index);
    if (!a) throw new Error(`the option has no ${axis}[${index}]`);
    return a.axis.getViewLabels().map((l) => ({ text: l.formattedLabel, value: l.tick.value, px: a.axis.dataToCoord(l.tick.value) }));
  } finally {
    chart.dispose();
  }
}

/** The chart as ECharts renders it into SVG. */
export function drawnSvg(option: ChartOption, size = { width: 600, height: 320 }): string {
  const { chart } = laidOut(option, size);
  try {
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Every text the chart draws (labels, names, legends, titles), as rendered into its SVG. */
export function drawnTexts(option: ChartOption, size = { width: 600, height: 320 }): string[] {
  return [...drawnSvg(option, size).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

/** Where ECharts draws each point of a series (by index), in pixels from the chart's left and top, with the pixel of a value (a category's index) on the first x axis for comparing. */
export function drawnPoints(option: ChartOption, series: number, size = { width: 600, height: 320 }): { points: [number, number][]; xOf: (value: number) => number } {
  const { chart, model } = laidOut(option, size);
  try {
    const m = model as unknown as { getSeriesByIndex(i: number): { getData(): { count(): number; getItemLayout(i: number): [number, number] | null; getLayout(key: string): ArrayLike<number> | undefined } } };
    const data = m.getSeriesByIndex(series).getData();
    // A large series lays its points out as one flat array [x, y, x, y, …]; a small one per item.
    const flat = data.getLayout('points');
    const points: [number, number][] = [];
    for (let i = 0; i < data.count(); i++) points.push(flat ? [flat[2 * i], flat[2 * i + 1]] : [...data.getItemLayout(i)!] as [number, number]);
    const x = model.getComponent('xAxis', 0) as unknown as { axis: LaidOutAxis['axis'] & { toGlobalCoord(c: number): number } };
    return { points, xOf: (v) => x.axis.toGlobalCoord(x.axis.dataToCoord(v)) };
  } finally {
    chart.dispose();
  }
}

/**
 * How many elements ECharts draws for the option (every dot, line, label and axis piece it keeps
 * as its own shape): what its drawing time grows with. A series in large mode is one element.
 */
export function drawnElements(option: ChartOption, size = { width: 600, height: 320 }): number {
  const { chart } = laidOut(option, size);
  try {
    const zr = chart.getZr() as unknown as { storage: { getDisplayList(update: boolean): unknown[] } };
    return zr.storage.getDisplayList(true).length;
  } finally {
    chart.dispose();
  }
}
