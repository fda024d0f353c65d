import { figure } from '../../../src-core/format';
import type { ChartOption } from './echarts';
import { axisNumber } from './options';

/**
 * Numbers on a chart as everywhere else in Knobs (src-core/format.ts): whole numbers with every
 * digit and no thousands separator ("3000" and "20549", never "1,000"). ECharts' own labels and
 * tooltips group thousands with commas, so an axis left to them read "1,000" beside a table's
 * "3000". Chart.vue draws every option through `withNumberLabels`, which gives each value or log
 * axis without a formatter of its own the axes' rule (axisNumber: plain digits, 1e+5 / 1e-4 far
 * out) and each tooltip without a formatter `tooltipValue`; what a builder formats itself stays.
 */

/** A value in a tooltip: whole numbers as `figure` prints them, other numbers as they are, text as it is. */
export function tooltipValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(tooltipValue).join(', ');
  if (typeof v === 'number') return Number.isInteger(v) ? figure(v) : String(v);
  return v === null || v === undefined ? '-' : String(v);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** An axis (or each of a list of axes) with the number rule where it has numbers and no formatter; `numericByDefault` says whether an axis without a type is a value axis (ECharts: an x axis is a category axis by default, a y or parallel axis a value axis). */
function labelled(axes: unknown, numericByDefault: boolean): unknown {
  if (Array.isArray(axes)) return axes.map((a) => labelled(a, numericByDefault));
  if (!isObj(axes)) return axes;
  const type = axes.type ?? (numericByDefault ? 'value' : 'category');
  if (type !== 'value' && type !== 'log') return axes;
  const label = isObj(axes.axisLabel) ? axes.axisLabel : {};
  if (label.formatter !== undefined) return axes;
  return { ...axes, axisLabel: { ...label, formatter: axisNumber } };
}

/** A tooltip (or each of a list) with `tooltipValue` for its values, unless it formats them itself. */
function tooltips(t: unknown): unknown {
  if (Array.isArray(t)) return t.map(tooltips);
  if (!isObj(t) || t.formatter !== undefined || t.valueFormatter !== undefined) return t;
  return { ...t, valueFormatter: tooltipValue };
}

/** The option with the app's number rule on every axis and tooltip that does not format its numbers itself. */
export function withNumberLabels(option: ChartOption): ChartOption {
  const o = { ...option } as Obj;
  if (o.xAxis !== undefined) o.xAxis = labelled(o.xAxis, false);
  if (o.yAxis !== undefined) o.yAxis = labelled(o.yAxis, true);
  if (o.parallelAxis !== undefined) o.parallelAxis = labelled(o.parallelAxis, true);
  if (o.tooltip !== undefined) o.tooltip = tooltips(o.tooltip);
  return o as ChartOption;
}
