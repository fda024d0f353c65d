/** Small helpers for the sentences strategies write about their budget (`StrategyDefinition.budget`). */

/** "1 trial", "3 trials". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A knob's value as a sentence shows it: numbers to 4 significant digits, strings as they are. */
export const show = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : typeof v === 'string' ? v : JSON.stringify(v));

/** "a", "a and b", "a, b and c". */
export const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
