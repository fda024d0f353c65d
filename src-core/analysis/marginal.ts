import type { KnobMarginal } from '../api/contract';
import { valueLabel } from '../api/labels';
import type { Direction } from '../vocabulary';

/** A point of a marginal or a cell of a pair surface whose fade (`failedFade`) is this or more says why in its tooltip. */
export const SOME_FAILED = 0.1;
/** A point of a marginal whose fade is this or more is one where the forest's answer is mostly a guess: its line is dashed, `bestOfMarginal` passes it over. */
export const MOSTLY_FAILED = 0.5;

/**
 * How far the forest's answer at a point is to fade, 0–1: how much more of the trials near it failed
 * or diverged (`local`, `KnobMarginal.failed`) than across the search (`overall`), as a share of what
 * was left to fail: (local − overall) / (1 − overall), at least 0. Every trial near failed: 1; as many
 * as across the search: 0 (a knob that does not decide whether a run blows up keeps its whole line).
 *
 * @example
 *   failedFade(0.97, 0.49)  // 0.94
 *   failedFade(0.49, 0.49)  // 0
 */
export function failedFade(local: number, overall: number): number {
  return overall < 1 && local > overall ? (local - overall) / (1 - overall) : 0;
}

/**
 * Where a knob's marginal (fANOVA's marginal plot, `KnobMarginal`) is best for the objective's
 * direction: the point whose predicted value is lowest (or highest), an int knob's rounded to a
 * whole number. Null for an empty marginal. With the other knobs averaged, it says which way to
 * move this knob, not the best trial's value of it. A point where far more trials near it failed or
 * diverged than across the search (a fade of `MOSTLY_FAILED`) is passed over while any other is
 * left: the forest never saw those trials, and its value there is its neighbours' carried on.
 *
 * @example
 *   bestOfMarginal({ at: [0.001, 0.01, 0.1], value: [0.4, 0.2, 0.9], sd: [0, 0, 0], failed: [0, 0, 0], failedOverall: 0 }, 'minimize')  // { at: 0.01, value: 0.2 }
 */
export function bestOfMarginal(m: KnobMarginal, direction: Direction, type?: string): { at: unknown; value: number } | null {
  if (m.value.length === 0) return null;
  const held = m.value.map((_, i) => i).filter((i) => !(failedFade(m.failed[i] ?? 0, m.failedOverall) >= MOSTLY_FAILED));
  const open = held.length > 0 ? held : m.value.map((_, i) => i);
  let best = open[0];
  for (const i of open) if (direction === 'maximize' ? m.value[i] > m.value[best] : m.value[i] < m.value[best]) best = i;
  const at = m.at[best];
  return { at: type === 'int' && typeof at === 'number' ? Math.round(at) : at, value: m.value[best] };
}

/**
 * Where a knob's marginal is best, in words: "≈ 0.0032" (two significant digits: the marginal is
 * read at cells' centres, its digits beyond are noise), "≈ 3.2e-5" far out, "≈ 16" for an int knob,
 * "Adam" for a categorical one; '' for an empty marginal. The importance chart and `knobs
 * importance` write it.
 */
export function bestNearText(m: KnobMarginal, direction: Direction, type?: string): string {
  const b = bestOfMarginal(m, direction, type);
  if (!b) return '';
  if (typeof b.at !== 'number') return valueLabel(b.at);
  const v = b.at;
  return `≈ ${v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(1) : String(Number(v.toPrecision(2)))}`;
}
