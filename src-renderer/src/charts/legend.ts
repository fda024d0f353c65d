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
function legendNames(legend: { data?: (string | { name?: string })[] }, option: ChartOption): string[] {
  if (legend.data) return legend.data.map((d) => (typeof d === 'string' ? d : d.name ?? ''));
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as { name?: string }[];
  return [...new Set(series.map((s) => s.name).filter((n): n is string => typeof n === 'string' && n !== ''))];
}

interface LegendBox {
  type?: string;
  orient?: string;
  top?: unknown;
  left?: unknown;
  right?: unknown;
  width?: unknown;
  data?: (string | { name?: string })[];
}

/** The pixels a horizontal legend may fill: its `width` (pixels or a share of the chart), else the chart less its sides. */
function legendWidth(legend: LegendBox, chartWidth: number): number {
  const side = (v: unknown): number => (typeof v === 'number' ? v : 0);
  if (typeof legend.width === 'number') return legend.width;
  const share = typeof legend.width === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(legend.width) : null;
  return share ? (chartWidth * Number(share[1])) / 100 : chartWidth - side(legend.left) - side(legend.right);
}

/**
 * A chart whose legend wraps instead of paging: for an option whose (first) legend is plain and
 * horizontal at a numeric `top`, and one grid whose `top` leaves room for a single row, move the grid
 * down by the rows the legend wraps into at this chart width (its `width`, or the chart less its
 * `left` and `right`), and any other legend placed below it (the curves overlay's list of trials) by
 * as much. Other options come back as they are. Every entry stays in sight, so counts such as
 * "3 failed" are never on a hidden page.
 */
export function wrapLegend(option: ChartOption, chartWidth: number, measure: (text: string) => number): ChartOption {
  const legends = (Array.isArray(option.legend) ? option.legend : option.legend ? [option.legend] : []) as LegendBox[];
  const first = legends[0];
  const grid = option.grid as { top?: unknown } | undefined;
  if (!first || first.type !== 'plain' || first.orient === 'vertical' || typeof first.top !== 'number') return option;
  if (!grid || Array.isArray(grid) || typeof grid.top !== 'number') return option;
  const rows = legendRows(legendNames(first, option), legendWidth(first, chartWidth) - 2 * PADDING, measure);
  if (rows <= 1) return option;
  const extra = (rows - 1) * (ROW + GAP);
  const top = first.top;
  const moved = legends.map((l, i) => (i > 0 && typeof l.top === 'number' && l.top > top ? { ...l, top: l.top + extra } : l));
  return { ...option, legend: Array.isArray(option.legend) ? moved : moved[0], grid: { ...grid, top: grid.top + extra } } as ChartOption;
}
