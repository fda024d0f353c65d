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

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A figure as a power of ten to `digits` significant digits, trailing zeros dropped: as `figure`
 * writes its powers (3.2e+6, 1e-4), or with `superscript` as prose writes them (3.2·10⁶, 10⁻⁴).
 *
 * @example
 *   powerFigure(3_210_000, 2)       // "3.2e+6"
 *   powerFigure(0.003, 3, true)     // "3·10⁻³"
 */
export function powerFigure(x: number, digits = 4, superscript = false): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const [mantissa, exponent] = Number(x.toPrecision(digits)).toExponential().split('e');
  if (!superscript) return `${mantissa}e${exponent}`;
  const sup = String(Number(exponent)).replace(/[-0-9]/g, (c) => (c === '-' ? '⁻' : SUPERSCRIPT_DIGITS[Number(c)]));
  const lead = mantissa === '1' ? '' : mantissa === '-1' ? '-' : `${mantissa}·`;
  return `${lead}10${sup}`;
}

/**
 * A figure as `figure` writes it, digit for digit, its power of ten as prose writes one: a value a
 * sentence quotes that a table shows too (a trial's learning rate in its findings, an experiment's
 * best L2) reads the same in both, 9.239·10⁻⁵ beside the table's 9.239e-5, never 9.2·10⁻⁵ or 10⁻⁴.
 *
 * @example
 *   proseFigure(9.239e-5)   // "9.239·10⁻⁵" (figure: "9.239e-5")
 *   proseFigure(0.0023456)  // "0.002346"
 */
export function proseFigure(x: number): string {
  const s = figure(x);
  return /e[+-]/.test(s) ? powerFigure(x, 4, true) : s;
}

/**
 * Figures one sentence states together (a setting, its usual range and the values to try next; a
 * loss before and after), in one notation, so that none reads differently from its neighbours ("try
 * 10⁵, then 10000"): all plain when each is 0 or lies from 0.0001 up to a million, else every one
 * as a power of ten (`powerFigure`). Each to `digits` significant digits without trailing zeros
 * (plain ones from 10^digits up as whole numbers, every digit kept, as `figure` does); `digits` may
 * be a list, one per figure (a trial's setting to figure's 4 among losses to 3). Values that are not
 * finite read as `figure` writes them and do not choose the notation.
 *
 * @example
 *   figuresAlike([0.32, 0.032, 0.0032, 1e-4, 0.003], { digits: 3 })      // ["0.32", "0.032", "0.0032", "0.0001", "0.003"]
 *   figuresAlike([1e6, 1e5, 1e4], { superscript: true })                 // ["10⁶", "10⁵", "10⁴"]
 *   figuresAlike([154, 2.8e6, 0.693], { digits: 3 })                     // ["1.54e+2", "2.8e+6", "6.93e-1"]
 */
export function figuresAlike(xs: readonly number[], opts: { digits?: number | readonly number[]; superscript?: boolean } = {}): string[] {
  const plain = xs.filter(Number.isFinite).every((x) => x === 0 || (Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6));
  return xs.map((x, i) => {
    const digits = (typeof opts.digits === 'object' ? opts.digits[i] : opts.digits) ?? 4;
    if (!Number.isFinite(x)) return figure(x);
    if (!plain) return powerFigure(x, digits, opts.superscript);
    return Math.abs(x) >= 10 ** digits ? String(Math.round(x)) : String(Number(x.toPrecision(digits)));
  });
}

/** An ordinal in English digits: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st, 112th. */
export function ordinal(n: number): string {
  const teen = Math.abs(n) % 100;
  const last = Math.abs(n) % 10;
  return `${n}${teen >= 11 && teen <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`;
}

/** "1 trial", "3 trials". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** As `plural`, the number with thousands separators: "4,000 rows". */
export const pluralCount = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Items a sentence names: "a", "a and b", "a, b and c" (numbers as String writes them). */
export const list = (xs: readonly (string | number)[]): string => (xs.length <= 1 ? String(xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * A duration as every view and the CLI write it: "1 h 4 min", "3 min 20 s", "42 s", "3.4 s",
 * "73 ms", "< 1 ms" (a trial stored as 0 s when the clock did not tick is not "0 ms"); "–" for
 * none. Rounded to what is shown first, so 0.9996 s reads "1.0 s" (not "1000 ms"), 119.7 s
 * "2 min 0 s" (not "1 min 60 s"), and past an hour the minutes are rounded: 7,170 s is
 * "2 h 0 min", never "1 h 60 min".
 */
export function durationText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 0.0005) return '< 1 ms';
  if (seconds < 0.9995) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  // Past an hour the seconds say nothing: minutes rounded (59.6 min past an hour is the next hour).
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
