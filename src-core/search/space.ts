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

/** The grid step of a knob drawn on a linear grid (int knobs: 1), else null (continuous or log knobs). */
export function stepOf(p: ParamSpec): number | null {
  if (p.type !== 'float' && p.type !== 'int') return null;
  if (p.log) return null;
  return p.step ?? (p.type === 'int' ? 1 : null);
}

/** The point of a stepped knob's grid nearest below (`floor`) or above (`ceil`) a value. */
export function snapToGrid(p: ParamSpec & { low: number }, step: number, v: number, dir: 'floor' | 'ceil'): number {
  const k = (v - p.low) / step;
  const i = dir === 'floor' ? Math.floor(k + 1e-9) : Math.ceil(k - 1e-9);
  return p.type === 'int' ? Math.round(p.low + i * step) : p.low + i * step;
}

/**
 * Sample a value of knob `p` uniformly on its scale inside a box entry, with uniform u ∈ [0, 1).
 * Stepped knobs (ints, `step`) draw over [low − step/2, high + step/2] and snap, so every point of
 * the grid inside the box is equally likely. A u outside [0, 1) (or NaN) is a strategy's bug and is
 * refused: clamped, such draws would pile up on the box's edge without anyone noticing.
 */
export function sampleIn(p: ParamSpec, entry: Box[string], u: number): unknown {
  if (!(u >= 0 && u < 1)) throw new RangeError(`sampleIn: the coordinate must lie in [0, 1), got ${u}`);
  if ('values' in entry) return entry.values[Math.min(entry.values.length - 1, Math.floor(u * entry.values.length))];
  const step = stepOf(p);
  if (step !== null) {
    const v = fromScale(p, entry.low - step / 2 + u * (entry.high - entry.low + step));
    return Math.min(entry.high, Math.max(entry.low, v));
  }
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
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
