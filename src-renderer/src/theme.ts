import type { GlobalThemeOverrides } from 'naive-ui';

const fonts = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', fontFamilyMono: 'ui-monospace, "DejaVu Sans Mono", monospace', borderRadius: '4px' };

/**
 * naive-ui's light colours darkened so text in them reaches WCAG AA (4.5:1) on white and on their own
 * 12% tint (tags, active tabs, links): its default green #18a058 is 3.4:1 on white, amber 2.2:1.
 * Hover and pressed shades go darker still, so white text on a primary button stays readable.
 */
export const lightOverrides: GlobalThemeOverrides = {
  common: {
    ...fonts,
    primaryColor: '#0c7a43', primaryColorHover: '#0a6b3b', primaryColorPressed: '#085a31', primaryColorSuppl: '#0a6b3b',
    successColor: '#0c7a43', successColorHover: '#0a6b3b', successColorPressed: '#085a31', successColorSuppl: '#0a6b3b',
    infoColor: '#1060c9', infoColorHover: '#0d52ad', infoColorPressed: '#0a4490', infoColorSuppl: '#0d52ad',
    warningColor: '#8f5a00', warningColorHover: '#7a4d00', warningColorPressed: '#663f00', warningColorSuppl: '#7a4d00',
    errorColor: '#b8283f', errorColorHover: '#9f2236', errorColorPressed: '#861c2d', errorColorSuppl: '#9f2236',
    // Placeholders and disabled text: naive-ui's #c2c2c2 is 1.7:1; this is 4.6:1.
    placeholderColor: '#737373',
  },
};

/** naive-ui's dark theme keeps its colours (they reach AA on its near-black); only the fonts change. */
export const darkOverrides: GlobalThemeOverrides = { common: { ...fonts } };
