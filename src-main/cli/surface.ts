import type { PairSurface } from '../../src-core/api/contract';
import { failedFade, MOSTLY_FAILED } from '../../src-core/analysis/marginal';
import { figure } from '../../src-core/format';

/** Shades of the terminal map, best first. */
const SHADES = ['█', '▓', '▒', '░', '·'];

/** A knob's value at a position on its surface axis, as the map's labels write it. */
const at = (a: PairSurface['x'], v: number): string => figure(a.log ? Number((10 ** v).toPrecision(4)) : Number(v.toPrecision(4)));

/**
 * A pair surface in a terminal: where its best and worst cells lie, then a map of it, a character a
 * cell across and two cells a character down (the mean of the two), shaded by fifths of the cells'
 * values from █ (the best fifth, by the objective's direction) to · (the worst), the y knob's range
 * up the side and the x knob's along the bottom. Where far more of the trials near failed or diverged
 * than across the search (a fade of `MOSTLY_FAILED`, as the app's line goes dashed), the forest never
 * saw them: those cells are × on the map, and are not named best or worst (unless every cell is so).
 */
export function surfaceLines(s: PairSurface, metric: string, direction: 'minimize' | 'maximize'): string[] {
  if (s.reason) return [`No surface: ${s.reason}.`];
  const n = s.steps;
  const better = (a: number, b: number): boolean => (direction === 'minimize' ? a < b : a > b);
  const fade = s.values.map((_, i) => failedFade(s.failed[i] ?? 0, s.failedOverall));
  const held = s.values.map((_, i) => i).filter((i) => fade[i] < MOSTLY_FAILED);
  const open = held.length > 0 ? held : s.values.map((_, i) => i);
  let best = open[0];
  let worst = open[0];
  for (const i of open) {
    if (better(s.values[i], s.values[best])) best = i;
    if (better(s.values[worst], s.values[i])) worst = i;
  }
  const range = (a: PairSurface['x'], k: number): string => `${at(a, a.low + (k * (a.high - a.low)) / n)}–${at(a, a.low + ((k + 1) * (a.high - a.low)) / n)}`;
  const where = (i: number): string => `${s.x.name} ${range(s.x, i % n)}, ${s.y.name} ${range(s.y, Math.floor(i / n))}`;
  const rows = Math.ceil(n / 2);
  const mean = (r: number, c: number, of: (i: number) => number): number => {
    const cells = [2 * r, 2 * r + 1].filter((k) => k < n).map((k) => of(k * n + c));
    return cells.reduce((a, b) => a + b, 0) / cells.length;
  };
  const chars: number[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: n }, (_, c) => mean(r, c, (i) => s.values[i])));
  const unseen: boolean[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: n }, (_, c) => mean(r, c, (i) => fade[i]) >= MOSTLY_FAILED));
  const anyUnseen = unseen.flat().some(Boolean);
  // Fifths of the map's own values (those it shades), best first.
  const shaded = chars.flatMap((row, r) => row.filter((_, c) => !unseen[r][c]));
  const sorted = (shaded.length > 0 ? shaded : chars.flat()).sort((a, b) => (direction === 'minimize' ? a - b : b - a));
  const edges = [1, 2, 3, 4].map((k) => sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / 5))]);
  // A value's shade: how many of the fifths' edges are better than it.
  const shade = (v: number): string => SHADES[edges.filter((e) => better(e, v)).length];
  const top = at(s.y, s.y.high);
  const bottom = at(s.y, s.y.low);
  const pad = Math.max(top.length, bottom.length);
  const out = [
    `the ${metric} the forest predicts over ${s.x.name} and ${s.y.name}, the other knobs averaged, from ${s.trials} trials that ran to their end`,
    `best  ${figure(s.values[best])} at ${where(best)}`,
    `worst ${figure(s.values[worst])} at ${where(worst)}`,
    `${' '.repeat(pad)}  ${s.y.name}${s.y.log ? ' (log)' : ''} ↑   █ the best fifth of the map … · the worst${anyUnseen ? `   × far more trials failed or diverged there than across the search (${Math.round(s.failedOverall * 100)}%): the forest never saw them` : ''}`,
  ];
  for (let r = rows - 1; r >= 0; r--) {
    const label = r === rows - 1 ? top : r === 0 ? bottom : '';
    out.push(`${label.padStart(pad)} │${chars[r].map((v, c) => (unseen[r][c] ? '×' : shade(v))).join('')}`);
  }
  const left = at(s.x, s.x.low);
  const right = at(s.x, s.x.high);
  out.push(`${' '.repeat(pad)} └${'─'.repeat(n)}`);
  out.push(`${' '.repeat(pad)}  ${left}${' '.repeat(Math.max(1, n - left.length - right.length))}${right}  ${s.x.name}${s.x.log ? ' (log)' : ''} →`);
  return out;
}
