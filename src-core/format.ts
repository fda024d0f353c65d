/**
 * A figure as Knobs prints it everywhere (tables, charts' labels, the CLI), so one value never reads
 * two ways: whole numbers plain (up to 10¹⁰), every whole digit from 1000, four significant digits
 * below that without trailing zeros, and a power of ten below 0.001 and from a million.
 *
 * @example
 *   figure(0.12800) // "0.128"
 *   figure(20549.3) // "20549" (four significant digits would read 20550, a whole number it is not)
 *   figure(3.2e12 + 0.5) // "3.2e+12"
 */
export function figure(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const rounded = Number(x.toPrecision(4));
  // Past 10¹⁰ a float is whole only for being huge (a diverged loss); counts and seeds are smaller.
  if (Number.isInteger(x) && a < 1e10) return String(x);
  if (a >= 1e6) return rounded.toExponential();
  if (a >= 1e3) return String(Math.round(x));
  return a < 1e-3 ? rounded.toExponential() : String(rounded);
}
