import type { ChartOption } from './echarts';

/** ECharts' defaults for a horizontal legend: the icon's width and height, the gap after the icon, between items and between rows, and the padding. */
const ICON = 25;
const ROW = 14;
const TEXT_GAP = 5;
const GAP = 10;
const PADDING = 5;

/**
 * How many rows ECharts' plain horizontal legend wraps these names into when it has `width` pixels
 * (each item its icon, a gap and its text, items `GAP` apart; an item wider than a row gets a row of
 * its own). `measure` gives a text's width in pixels.
 */
export function legendRows(names: readonly string[], width: number, measure: (text: string) => number): number {
  let rows = 0;
  let used = Infinity;
  for (const name of names) {
    const w = ICON + TEXT_GAP + measure(name);
    if (used + GAP + w > width) {
      rows++;
      used = w;
    } else used += GAP + w;
  }
  return rows;
}

/** The names a legend lists: its `data` when given, else each series' name once, in order. */
function legendNames(option: ChartOption): string[] {
  const legend = option.legend as { data?: (string | { name?: string })[] };
  if (legend.data) return legend.data.map((d) => (typeof d === 'string' ? d : d.name ?? ''));
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as { name?: string }[];
  return [...new Set(series.map((s) => s.name).filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/**
 * A chart whose legend wraps instead of paging: for an option with one plain legend at a numeric
 * `top` and one grid whose `top` leaves room for a single row, move the grid down by the rows the
 * legend wraps into at this chart width (its `left` and `right` taken off). Other options come back
 * as they are. Every entry stays in sight, so counts such as "3 failed" are never on a hidden page.
 */
export function wrapLegend(option: ChartOption, chartWidth: number, measure: (text: string) => number): ChartOption {
  const legend = option.legend as { type?: string; top?: unknown; left?: unknown; right?: unknown } | undefined;
  const grid = option.grid as { top?: unknown } | undefined;
  if (!legend || Array.isArray(legend) || legend.type !== 'plain' || typeof legend.top !== 'number') return option;
  if (!grid || Array.isArray(grid) || typeof grid.top !== 'number') return option;
  const side = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const width = chartWidth - side(legend.left) - side(legend.right) - 2 * PADDING;
  const rows = legendRows(legendNames(option), width, measure);
  if (rows <= 1) return option;
  return { ...option, grid: { ...grid, top: grid.top + (rows - 1) * (ROW + GAP) } } as ChartOption;
}
