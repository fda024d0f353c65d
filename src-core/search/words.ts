/** Knob values as the sentences strategies write about their budget name them (`StrategyDefinition.budget`). */

import { figuresAlike } from '../format';

/** A knob's value as a sentence shows it: numbers to 4 significant digits, strings as they are. */
export const show = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Knob values one sentence names, numbers in one notation with the trials table's four digits
 * (figuresAlike: plain while each lies from 0.0001 up to a million, else every one a power of ten in
 * superscript, "10⁻⁵" where the table reads 1e-5, never 0.00001), anything else as `show` writes it.
 */
export function showAll(vs: readonly unknown[]): string[] {
  const written = figuresAlike(vs.filter((v): v is number => typeof v === 'number'), { superscript: true });
  let i = 0;
  return vs.map((v) => (typeof v === 'number' ? written[i++] : show(v)));
}
