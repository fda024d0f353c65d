/**
 * Numbers typed into a text box, as people write them: plain (0.0000001) or in e-notation (1e-7,
 * 2.5E-10), kept exactly (no rounding to a number of decimals), and shown back as JavaScript writes
 * them (1e-7, 0.0001), so what was typed is what the spec holds.
 */

/** A number written out in full or in e-notation; no hex, no "Infinity", no thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a text box holds: null when empty, undefined while it is not (yet) a number ("1e-",
 * "-", "abc"), so a box keeps its last number until the text is one again.
 */
export function parseNumberText(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A number as a text box shows it: as JavaScript writes it (1e-7, 0.0001, 256), '' for none. */
export const numberText = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
