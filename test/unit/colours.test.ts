import { describe, expect, it } from 'vitest';
import { BAD_COLOR, BAR_COLOR, GOOD_COLOR } from '../../src-renderer/src/charts/analysis';
import { OPTIMIZER_COLORS } from '../../src-renderer/src/charts/insight';
import { PRUNED_COLOR, ROUND_COLORS } from '../../src-renderer/src/charts/options';
import { LIGHT_COLORS } from '../../src-renderer/src/model/palette';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** WCAG 2 contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
/** fg at `alpha` over bg, as naive-ui tints tags and tabs. */
function over(fg: string, bg: string, alpha: number): string {
  return `#${[1, 3, 5].map((i) => Math.round(parseInt(fg.slice(i, i + 2), 16) * alpha + parseInt(bg.slice(i, i + 2), 16) * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;
}
const WHITE = '#ffffff';
const DARK_BODY = '#101014'; // naive-ui's dark bodyColor

describe('colours against WCAG contrast', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', WHITE)).toBeCloseTo(21, 6);
    expect(contrast('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrast(WHITE, WHITE)).toBe(1);
  });

  it('chart series colours reach 3:1 (graphics) on both themes\' backgrounds', () => {
    for (const c of [...ROUND_COLORS, PRUNED_COLOR, ...Object.values(OPTIMIZER_COLORS), GOOD_COLOR, BAD_COLOR, BAR_COLOR]) {
      expect(contrast(c, WHITE), `${c} on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(c, DARK_BODY), `${c} on the dark theme`).toBeGreaterThanOrEqual(3);
    }
  });

  it('the light theme\'s text colours reach 4.5:1 on white, on their own 12% tint and inside a selected row (10% amber)', () => {
    const common: Record<string, string> = LIGHT_COLORS;
    const selected = over('#f0a020', WHITE, 0.1);
    for (const key of ['primaryColor', 'successColor', 'infoColor', 'warningColor', 'errorColor'] as const) {
      const c = common[key];
      expect(contrast(c, WHITE), `${key} on white`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c, over(c, WHITE, 0.12)), `${key} on its tag tint`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c, over(c, selected, 0.12)), `${key} tag in a selected row`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(WHITE, common[`${key}Hover`]), `white on ${key}Hover`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(common.textColor3, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(common.placeholderColor, WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});
