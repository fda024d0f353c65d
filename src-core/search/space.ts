import type { ParamSpec, Spec } from '../spec/spec';

/** One round's search box: numeric spans in the knobs' value units, categorical values kept. */
export type Box = Record<string, { low: number; high: number } | { values: unknown[] }>;

/** Position of a value on a knob's scale (log10 for log knobs). */
export function toScale(p: ParamSpec, v: number): number {
  return 'log' in p && p.log ? Math.log10(v) : v;
}

/** A value from a position on the knob's scale, rounded and stepped as the knob says. */
export function fromScale(p: ParamSpec, s: number): number {
  if (p.type !== 'float' && p.type !== 'int') throw new Error('numeric knobs only');
  let v = p.log ? 10 ** s : s;
  if (p.step !== undefined) v = p.low + Math.round((v - p.low) / p.step) * p.step;
  if (p.type === 'int') v = Math.round(v);
  return Math.min(p.high, Math.max(p.low, v));
}

/** The full box of a space (round 1). */
export function fullBox(space: Spec['space']): Box {
  const box: Box = {};
  for (const [k, p] of Object.entries(space)) {
    if (p.type === 'float' || p.type === 'int') box[k] = { low: p.low, high: p.high };
    else if (p.type === 'categorical') box[k] = { values: [...p.values] };
    else box[k] = { values: [p.value] };
  }
  return box;
}

/** Sample a value of knob `p` uniformly on its scale inside a box entry, with uniform u ∈ [0, 1). */
export function sampleIn(p: ParamSpec, entry: Box[string], u: number): unknown {
  if ('values' in entry) return entry.values[Math.min(entry.values.length - 1, Math.floor(u * entry.values.length))];
  if (p.type === 'int' && !p.log) return fromScale(p, entry.low - 0.5 + u * (entry.high - entry.low + 1));
  const lo = toScale(p, entry.low);
  const hi = toScale(p, entry.high);
  return fromScale(p, lo + u * (hi - lo));
}

/** The values of a grid axis: listed values, else `points` evenly spaced on the knob's scale (ints deduplicated). */
export function gridAxis(p: ParamSpec, points: number): unknown[] {
  if (p.type === 'categorical') return p.values;
  if (p.type === 'fixed') return [p.value];
  if (p.values) return p.values;
  const lo = toScale(p, p.low);
  const hi = toScale(p, p.high);
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const v = fromScale(p, lo + ((hi - lo) * i) / (points - 1));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Number of grid points the space would enumerate. */
export function gridSize(space: Spec['space'], points: number): number {
  return Object.values(space).reduce((n, p) => n * gridAxis(p, points).length, 1);
}

/** Whether a value lies inside a box entry (numeric span or listed values). */
export function inBox(entry: Box[string], v: unknown): boolean {
  if ('values' in entry) return entry.values.some((x) => sameValue(x, v));
  return typeof v === 'number' && v >= entry.low && v <= entry.high;
}

/** Equality of knob values (categorical values may be objects or arrays). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
