/** The dark theme's page background, as the charts lay colours over it. */
const DARK_PAGE = [24, 24, 28];
const LIGHT_PAGE = [255, 255, 255];

/**
 * A colour ("#rrggbb" or "rgb(a)(r, g, b…)", as a visual map gives it) laid at `a` over the page's
 * background, as one opaque colour: cells that overlap a little to hide their seams then show no
 * darker lines where they do.
 */
export function overPage(color: string, a: number, dark: boolean): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(color);
  const c = hex ? [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) : rgb ? [rgb[1], rgb[2], rgb[3]].map(Number) : null;
  if (!c) return color;
  const bg = dark ? DARK_PAGE : LIGHT_PAGE;
  const m = c.map((v, i) => Math.round(bg[i] + (v - bg[i]) * a));
  return `rgb(${m[0]}, ${m[1]}, ${m[2]})`;
}
