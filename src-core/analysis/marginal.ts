import type { KnobMarginal } from '../api/contract';
import { valueLabel } from '../api/labels';
import type { Direction } from '../vocabulary';

/**
 * Where a knob's marginal (fANOVA's marginal plot, `KnobMarginal`) is best for the objective's
 * direction: the point whose predicted value is lowest (or highest), an int knob's rounded to a
 * whole number. Null for an empty marginal. With the other knobs averaged, it says which way to
 * move this knob, not the best trial's value of it.
 *
 * @example
 *   bestOfMarginal({ at: [0.001, 0.01, 0.1], value: [0.4, 0.2, 0.9], sd: [0, 0, 0] }, 'minimize')  // { at: 0.01, value: 0.2 }
 */
export function bestOfMarginal(m: KnobMarginal, direction: Direction, type?: string): { at: number | string | boolean; value: number } | null {
  if (m.value.length === 0) return null;
  let best = 0;
  for (let i = 1; i < m.value.length; i++) if (direction === 'maximize' ? m.value[i] > m.value[best] : m.value[i] < m.value[best]) best = i;
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
