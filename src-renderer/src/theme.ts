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
