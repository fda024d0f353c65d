import type { GlobalThemeOverrides } from 'naive-ui';
import { LIGHT_COLORS } from './model/palette';

const fonts = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', fontFamilyMono: 'ui-monospace, "DejaVu Sans Mono", monospace', borderRadius: '4px' };

/** The light theme: naive-ui's, with colours that reach WCAG AA (model/palette.ts). */
export const lightOverrides: GlobalThemeOverrides = { common: { ...fonts, ...LIGHT_COLORS } };

/** naive-ui's dark theme keeps its colours (they reach AA on its near-black); only the fonts change. */
export const darkOverrides: GlobalThemeOverrides = { common: { ...fonts } };

/**
 * The scrollbars of a table that scrolls sideways, shown at all times: naive-ui shows them only under
 * the pointer, so nothing said that a table at 820 px went on past its right edge.
 */
export const TABLE_SCROLLBAR = { trigger: 'none' } as const;

/** Past this many columns, a data table draws only the cells in sight (`wideTableProps`). */
export const WIDE_TABLE_COLUMNS = 100;

/**
 * What makes a data table of many columns (gene expression, pixels) draw only the cells in sight, along
 * its rows and its columns, header included: drawn whole, a file of 3,000 columns took the import
 * dialog 8 s to show and 1.6 s to redraw after each box (now 0.9 s and 0.05 s), and with a tooltip
 * in each cell the data set's page ran out of memory. Every row is then `rowHeight` px tall and the header `headerHeight` (what
 * they measure drawn whole: a cell's line and padding), which drawing only some of them needs.
 */
export function wideTableProps(columns: number, rowHeight: number, headerHeight: number): Record<string, boolean | number> {
  return columns <= WIDE_TABLE_COLUMNS ? {} : { virtualScroll: true, virtualScrollX: true, virtualScrollHeader: true, minRowHeight: rowHeight, headerHeight };
}
