import type { KnobInfo, TrialSummary } from '../../../../src-core/api/contract';
import { fmt } from '../../charts/trials';

/** The positions of a continuous knob's range slider: 0 … RANGE_STEPS, each step a 200th of its span. */
export const RANGE_STEPS = 200;

/** The lowest and highest value a numeric knob took among the trials ([0, 1] when none has one). */
export function knobExtent(trials: readonly TrialSummary[], name: string): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of trials) {
    const x = t.knobs[name];
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** How a knob's range slider maps its positions (0 … steps) to the knob's values and back. */
export interface RangeScale {
  /** The slider moves along log10 of the value (a log knob with positive values). */
  log: boolean;
  /** The slider's last position (its first is 0): RANGE_STEPS, or one position per point of a stepped knob's grid. */
  steps: number;
  /** The value at a position: the extent's own ends at 0 and `steps`, so the end trials stay in; a point of the knob's grid for a stepped knob. */
  value(position: number): number;
  /** The position nearest a value (clamped to the slider). */
  position(value: number): number;
  /** A value as the slider's label and its handles' aria-valuetext say it: "3e-4 (log)", "16". */
  text(value: number): string;
}

type GridKnob = Pick<KnobInfo, 'log' | 'type'> & Partial<Pick<KnobInfo, 'low' | 'high' | 'step' | 'values'>>;

/**
 * The grid a knob's values lie on inside [lo, hi], as the engine draws them (search/space.ts):
 * `points` when there are few enough to give each a position of its own (a listed set of values,
 * or low + k·step, ints stepping by 1), and `snap`, the grid point nearest a value; null for a
 * continuous knob. A log int knob snaps to whole numbers; its points are not listed (its slider
 * still moves along log10).
 */
export function knobGrid(knob: GridKnob, [lo, hi]: readonly [number, number]): { points: number[] | null; snap: (v: number) => number } | null {
  const inside = (v: number): number => Math.min(hi, Math.max(lo, v));
  // The extent's ends are values trials took, on the grid or not (the engine clamps a step that overshoots `high` to `high`).
  const withEnds = (xs: number[]): number[] => [...new Set([lo, ...xs, hi])].sort((a, b) => a - b);
  const listed = (knob.values ?? []).filter((v): v is number => typeof v === 'number' && v >= lo && v <= hi);
  if (listed.length > 0) {
    const points = withEnds(listed);
    return { points, snap: (v) => nearest(points, v) };
  }
  const step = knob.step ?? (knob.type === 'int' ? 1 : null);
  if (step === null) return null;
  const origin = knob.low ?? lo;
  // The engine's own arithmetic (fromScale: low + round((v − low) / step) · step), so a grid point here is the very number a trial holds.
  const at = (k: number): number => (knob.type === 'int' ? Math.round(origin + k * step) : origin + k * step);
  const first = Math.ceil((lo - origin) / step - 1e-9);
  const last = Math.floor((hi - origin) / step + 1e-9);
  const onGrid = (v: number): number => inside(at(Math.min(last, Math.max(first, Math.round((v - origin) / step)))));
  const count = last - first + 1;
  const points = !knob.log && count - 1 <= RANGE_STEPS ? withEnds(Array.from({ length: Math.max(0, count) }, (_, i) => inside(at(first + i)))) : null;
  // Past the last point, the extent's own end (a value clamped to `high`) when it is nearer.
  return { points, snap: (v) => nearest([lo, onGrid(v), hi], v) };
}

/** The one of `xs` nearest v (the first of equals). */
function nearest(xs: readonly number[], v: number): number {
  return xs.reduce((best, x) => (Math.abs(x - v) < Math.abs(best - v) ? x : best), xs[0]);
}

/**
 * The slider of a knob's range filter over [lo, hi], the values the trials took. A log knob's slider
 * moves along log10 of the value, as its axes are drawn: over lr from 1e-6 to 30 each step is a 27th
 * of a decade, where a linear slider's first step (0.15) held four decades of trials that no handle
 * position could tell apart. A stepped knob (an int knob, a `step`, listed values) filters on its
 * grid: each position of its slider is a point of the grid (one position per point when there are
 * at most RANGE_STEPS + 1 of them, else the point nearest), so its label reads "7", never "7.3".
 * The slider itself holds whole positions (0 … steps, step 1): Naive UI's slider rounds its values
 * to the decimals its step is written with, which a step such as 4.5e-8 (a linear knob over
 * 1e-6 … 1e-5) does not have. The filter keeps real values (value(position)).
 */
export function rangeScale(knob: GridKnob, [lo, hi]: readonly [number, number]): RangeScale {
  const log = knob.log && lo > 0 && hi > 0;
  const text = (v: number): string => `${fmt(v)}${log ? ' (log)' : ''}`;
  const grid = knobGrid(knob, [lo, hi]);
  if (grid?.points && !log) {
    const points = grid.points;
    const steps = Math.max(1, points.length - 1);
    const value = (p: number): number => points[Math.min(points.length - 1, Math.max(0, Math.round(p)))];
    const position = (v: number): number => (points.length === 1 ? (v > points[0] ? steps : 0) : points.indexOf(nearest(points, v)));
    return { log, steps, value, position, text };
  }
  const a = log ? Math.log10(lo) : lo;
  const b = log ? Math.log10(hi) : hi;
  const snap = grid?.snap ?? ((v: number): number => v);
  const value = (p: number): number => {
    if (p <= 0) return lo;
    if (p >= RANGE_STEPS) return hi;
    const x = a + ((b - a) * p) / RANGE_STEPS;
    return snap(log ? 10 ** x : x);
  };
  const position = (v: number): number => {
    if (b === a) return v > lo ? RANGE_STEPS : 0;
    if (v <= lo) return 0;
    if (v >= hi) return RANGE_STEPS;
    const x = log ? Math.log10(v) : v;
    return Math.min(RANGE_STEPS, Math.max(0, Math.round(((x - a) / (b - a)) * RANGE_STEPS)));
  };
  return { log, steps: RANGE_STEPS, value, position, text };
}

/** The values a range keeps as its label shows them: "1e-4 – 0.3 (log)", "8 – 32". */
export function rangeLabel(scale: RangeScale, [lo, hi]: readonly [number, number]): string {
  return `${fmt(lo)} – ${scale.text(hi)}`;
}

/**
 * The most characters the range's label can hold, over every position of either handle (each value
 * as `fmt` writes it, "8 – 48" up to "1.132e-4 – 0.08812 (log)"). The label is given that width from
 * the start, so moving a handle never widens the filter and rewraps the row of filters under the
 * pointer; the label beside the slider is where a handle's value reads while it moves (the slider
 * shows no floating tooltip, which covered the filter in the row above or beside it).
 */
export function labelChars(scale: RangeScale): number {
  let widest = 0;
  for (let p = 0; p <= scale.steps; p++) widest = Math.max(widest, fmt(scale.value(p)).length);
  return rangeLabel(scale, [0, 0]).length - 2 + 2 * widest;
}

/**
 * What a range slider's handle tells a screen reader: the knob's value at the handle between the
 * values of the trials' extent (Naive UI's own attributes are the slider's positions, 0 … 200,
 * which mean nothing to a listener), and the text its label shows ("3e-4 (log)").
 */
export function handleAria(scale: RangeScale, [lo, hi]: readonly [number, number], value: number): Record<'aria-valuenow' | 'aria-valuemin' | 'aria-valuemax' | 'aria-valuetext', string> {
  return { 'aria-valuenow': String(value), 'aria-valuemin': String(lo), 'aria-valuemax': String(hi), 'aria-valuetext': scale.text(value) };
}
