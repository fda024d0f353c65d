/**
 * The light theme's status colours: naive-ui's defaults darkened so text in them reaches WCAG AA
 * (4.5:1) on white, on their own 12% tint (tags, active tabs) and inside a selected table row's
 * tint; naive-ui's green #18a058 is 3.4:1 on white, its amber 2.2:1. Hover and pressed shades go
 * darker still, so white text on a filled button stays readable. Plain data (theme.ts turns it into
 * naive-ui overrides), so tests can check every value.
 */
export const LIGHT_COLORS = {
  primaryColor: '#0b6e3b', primaryColorHover: '#095c31', primaryColorPressed: '#074a28', primaryColorSuppl: '#095c31',
  successColor: '#0b6e3b', successColorHover: '#095c31', successColorPressed: '#074a28', successColorSuppl: '#095c31',
  infoColor: '#0f5ab8', infoColorHover: '#0c4c9c', infoColorPressed: '#0a3f82', infoColorSuppl: '#0c4c9c',
  warningColor: '#7f5000', warningColorHover: '#6b4400', warningColorPressed: '#573700', warningColorSuppl: '#6b4400',
  errorColor: '#a8243a', errorColorHover: '#901f32', errorColorPressed: '#781a2a', errorColorSuppl: '#901f32',
  // Placeholders: naive-ui's #c2c2c2 is 1.7:1; this is 4.7:1. Tertiary text (form feedback, captions): #767c82 is 4.2:1; this is 5.7:1.
  placeholderColor: '#737373',
  textColor3: '#62676c',
} as const;
