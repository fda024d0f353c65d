import type { KnobInfo, TrialSummary } from '../../../../src-core/api/contract';

/** The positions of a knob's range slider: 0 … RANGE_STEPS, each step a 200th of its span. */
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

/** How a knob's range slider maps its positions (0 … RANGE_STEPS) to the knob's values and back. */
export interface RangeScale {
  /** The slider moves along log10 of the value (a log knob with positive values). */
  log: boolean;
  /** The value at a position: the extent's own ends at 0 and RANGE_STEPS, so the end trials stay in. */
  value(position: number): number;
  /** The position nearest a value (clamped to the slider). */
  position(value: number): number;
}

/**
 * The slider of a knob's range filter over [lo, hi], the values the trials took. A log knob's slider
 * moves along log10 of the value, as its axes are drawn: over lr from 1e-6 to 30 each step is a 27th
 * of a decade, where a linear slider's first step (0.15) held four decades of trials that no handle
 * position could tell apart. The slider itself holds whole positions (0 … RANGE_STEPS, step 1): Naive
 * UI's slider rounds its values to the decimals its step is written with, which a step such as 4.5e-8
 * (a linear knob over 1e-6 … 1e-5) does not have. The filter keeps real values (value(position)).
 */
export function rangeScale(knob: Pick<KnobInfo, 'log'>, [lo, hi]: readonly [number, number]): RangeScale {
  const log = knob.log && lo > 0 && hi > 0;
  const a = log ? Math.log10(lo) : lo;
  const b = log ? Math.log10(hi) : hi;
  const value = (p: number): number => {
    if (p <= 0) return lo;
    if (p >= RANGE_STEPS) return hi;
    const x = a + ((b - a) * p) / RANGE_STEPS;
    return log ? 10 ** x : x;
  };
  const position = (v: number): number => {
    if (b === a) return v > lo ? RANGE_STEPS : 0;
    if (v <= lo) return 0;
    if (v >= hi) return RANGE_STEPS;
    const x = log ? Math.log10(v) : v;
    return Math.min(RANGE_STEPS, Math.max(0, Math.round(((x - a) / (b - a)) * RANGE_STEPS)));
  };
  return { log, value, position };
}
