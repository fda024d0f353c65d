import { BarChart, BoxplotChart, CustomChart, LineChart, LinesChart, ParallelChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, BoxplotSeriesOption, CustomSeriesOption, LineSeriesOption, LinesSeriesOption, ParallelSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, ParallelComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  GridComponentOption, LegendComponentOption, MarkAreaComponentOption, MarkLineComponentOption, ParallelComponentOption, TitleComponentOption, TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { use, type ComposeOption, type ECharts } from 'echarts/core';
import type { EChartsOption } from 'echarts/types/dist/shared';
import { CanvasRenderer } from 'echarts/renderers';
import { AxisBreak } from 'echarts/features';

/** Register the series and components Knobs draws (tree-shaken ECharts); Chart.vue calls it once. */
export function registerCharts(): void {
  use([
    LineChart, LinesChart, ScatterChart, ParallelChart, BarChart, BoxplotChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent,
    MarkAreaComponent, MarkLineComponent, ParallelComponent, VisualMapContinuousComponent, CanvasRenderer, AxisBreak,
  ]);
}

/**
 * Dispose a chart, first dropping a paint still under way. zrender paints a chart of thousands of
 * elements over several frames, and its next frame ran on the disposed painter: "Cannot read
 * properties of null (reading 'layerStack')" when a theme switch redrew, or a tab switch closed, a
 * chart of 10,000 lines part-way (zrender 6.1 does not check). A frame whose redraw id is no longer
 * the painter's stops at once: zrender's own way of dropping a stale paint, which this sets off.
 */
export function disposeChart(chart: ECharts | null): void {
  if (!chart || chart.isDisposed()) return;
  const painter = chart.getZr().painter as unknown as { _redrawId?: unknown };
  if ('_redrawId' in painter) painter._redrawId = {};
  chart.dispose();
}

/** ECharts' own type of a parallel axis (not exported under a name of its own). */
type ParallelAxis = NonNullable<EChartsOption['parallelAxis']> extends infer A ? (A extends readonly (infer U)[] ? U : A) : never;

/**
 * An ECharts option made only of the series and components registered above (built by pure
 * functions, drawn by Chart.vue). The parallel coordinate system is added by hand: composing
 * ParallelComponentOption makes ECharts' ComposeOption demand an axis shape of every key.
 */
export type ChartOption = ComposeOption<
  | LineSeriesOption | LinesSeriesOption | ScatterSeriesOption | ParallelSeriesOption | BarSeriesOption | BoxplotSeriesOption | CustomSeriesOption
  | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption | MarkAreaComponentOption | MarkLineComponentOption
  | VisualMapComponentOption
> & { parallel?: ParallelComponentOption; parallelAxis?: ParallelAxis[] };

/** A series of a chart option. */
export type SeriesOption = LineSeriesOption | LinesSeriesOption | ScatterSeriesOption | ParallelSeriesOption | BarSeriesOption | BoxplotSeriesOption;

/** A data item that stands for one trial: a click on it opens that trial. */
export interface TrialItem {
  value: (number | string | null)[];
  /** The trial's number in its search. */
  trial: number;
  /** What the tooltip shows. */
  name?: string;
  symbol?: string;
  symbolRotate?: number;
  itemStyle?: { color?: string; opacity?: number; borderColor?: string; borderWidth?: number };
}

/** The trial a clicked data item stands for, if any (items built as TrialItem, or lines with a `trial`). */
export function trialOfItem(data: unknown): number | null {
  const t = data !== null && typeof data === 'object' ? (data as { trial?: unknown }).trial : undefined;
  return typeof t === 'number' && Number.isInteger(t) ? t : null;
}

type One<T> = T extends readonly (infer U)[] ? U : T;
/** One x axis of a chart option. */
export type XAxisOption = One<NonNullable<ChartOption['xAxis']>>;
/** One y axis of a chart option. */
export type YAxisOption = One<NonNullable<ChartOption['yAxis']>>;
/** One parallel-coordinates axis. */
export type ParallelAxisOption = One<NonNullable<ChartOption['parallelAxis']>>;
