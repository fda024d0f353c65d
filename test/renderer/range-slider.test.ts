// The trials table's knob range filter (views/search/rangeSlider.ts): a log knob's slider moves along
// log10 of the value, so every decade of lr gets its share of the slider's steps.
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { handleAria, knobExtent, labelChars, RANGE_STEPS, rangeLabel, rangeScale } from '../../src-renderer/src/views/search/rangeSlider';

const trial = (number: number, lr: number | string): TrialSummary => ({ number, knobs: { lr } }) as unknown as TrialSummary;
/** lr from 1e-6 to 30, ten trials below 0.003 (the audit's search). */
const lrs = [1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 3e-3, 0.01, 0.1, 1, 30];
const trials = lrs.map((lr, i) => trial(i, lr));
/** The trials a range keeps (filterTrials' test: inclusive at both ends). */
const kept = ([lo, hi]: [number, number]): number => lrs.filter((x) => x >= lo && x <= hi).length;

describe('a knob\'s range slider', () => {
  it('a log knob\'s slider moves along log10: each of the ten trials below 0.003 can be the highest kept', () => {
    const extent = knobExtent(trials, 'lr');
    expect(extent).toEqual([1e-6, 30]);
    const s = rangeScale({ type: 'float', log: true }, extent);
    expect(s.log).toBe(true);
    // The ends are the extent's own values, so the lowest and highest trials stay in.
    expect(s.value(0)).toBe(1e-6);
    expect(s.value(RANGE_STEPS)).toBe(30);
    // The middle of the slider is the geometric middle (about 5.5e-3), not 15.
    expect(s.value(RANGE_STEPS / 2)).toBeCloseTo(Math.sqrt(1e-6 * 30), 8);
    // Dragging the right handle from the left end reaches every count of trials, one at a time.
    const counts = new Set<number>();
    for (let p = 0; p <= RANGE_STEPS; p++) counts.add(kept([s.value(0), s.value(p)]));
    expect([...counts].sort((a, b) => a - b)).toEqual(lrs.map((_, i) => i + 1));
    // A tenth of the slider is three quarters of a decade (a linear slider's tenth, 0–3, kept 13 of the 14).
    expect(kept([s.value(0), s.value(0.1 * RANGE_STEPS)])).toBe(2);
    // A value maps to the position that stands for it, and back.
    for (const x of lrs) expect(s.value(s.position(x)) / x).toBeGreaterThan(0.95);
    expect(s.position(1e-4)).toBe(Math.round(((Math.log10(1e-4) + 6) / (Math.log10(30) + 6)) * RANGE_STEPS));
  });

  it('a linear knob (or a log one with values not above 0) keeps a linear slider, its ends exact', () => {
    const s = rangeScale({ type: 'float', log: false }, [4, 64]);
    expect(s.log).toBe(false);
    expect(s.value(RANGE_STEPS / 2)).toBe(34);
    expect(s.position(34)).toBe(RANGE_STEPS / 2);
    expect(s.position(-5)).toBe(0);
    expect(s.position(100)).toBe(RANGE_STEPS);
    expect(rangeScale({ type: 'float', log: true }, [0, 1]).log).toBe(false);
    // A tiny linear span still has 200 distinct steps (the slider holds positions, not values).
    const tiny = rangeScale({ type: 'float', log: false }, [1e-6, 1e-5]);
    expect(new Set(Array.from({ length: RANGE_STEPS + 1 }, (_, p) => tiny.value(p))).size).toBe(RANGE_STEPS + 1);
    expect(tiny.value(RANGE_STEPS)).toBe(1e-5);
  });

  it('the extent skips trials without a number for the knob, and is [0, 1] when none has one', () => {
    expect(knobExtent([trial(0, 'a'), trial(1, 0.5), trial(2, 0.25)], 'lr')).toEqual([0.25, 0.5]);
    expect(knobExtent([], 'lr')).toEqual([0, 1]);
  });

  it('an int knob\'s slider has a position per whole number the trials span, each its own value: never "7.3"', () => {
    const s = rangeScale({ type: 'int', log: false, low: 3, high: 12 }, [3, 12]);
    expect(s.steps).toBe(9);
    expect(Array.from({ length: s.steps + 1 }, (_, p) => s.value(p))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.position(7)).toBe(4);
    expect(rangeLabel(s, [s.value(1), s.value(9)])).toBe('4 – 12');
    // A slider over more whole numbers than positions: each position still stands for a whole number.
    const wide = rangeScale({ type: 'int', log: false, low: 1, high: 5000 }, [1, 5000]);
    expect(wide.steps).toBe(RANGE_STEPS);
    for (let p = 0; p <= RANGE_STEPS; p++) expect(Number.isInteger(wide.value(p)), `position ${p}: ${wide.value(p)}`).toBe(true);
  });

  it('a log int knob moves along log10 and stops on whole numbers', () => {
    const s = rangeScale({ type: 'int', log: true, low: 4, high: 64 }, [4, 64]);
    expect(s.log).toBe(true);
    expect(s.steps).toBe(RANGE_STEPS);
    expect(s.value(RANGE_STEPS / 2)).toBe(16);
    const values = Array.from({ length: RANGE_STEPS + 1 }, (_, p) => s.value(p));
    for (const v of values) expect(Number.isInteger(v), String(v)).toBe(true);
    // Every whole number from 4 to 64 is the value of some position (a 200th of 1.2 decades is under 1.5 % of a value).
    expect(new Set(values).size).toBe(61);
    expect(rangeLabel(s, [7, 64])).toBe('7 – 64 (log)');
  });

  it('a stepped knob stops on low + k·step, the very numbers the engine gives its trials, and on an end the engine clamped to high', () => {
    // batchSize 8…64 by 8, the trials between 16 and 56.
    const batch = rangeScale({ type: 'int', log: false, low: 8, high: 64, step: 8 }, [16, 56]);
    expect(Array.from({ length: batch.steps + 1 }, (_, p) => batch.value(p))).toEqual([16, 24, 32, 40, 48, 56]);
    // dropout 0…0.5 by 0.2: the engine draws 0, 0.2, 0.4 and 0.5 (0.6 clamped to high), each as low + k·step computes it.
    const engine = (k: number): number => Math.min(0.5, 0 + k * 0.2);
    const dropout = rangeScale({ type: 'float', log: false, low: 0, high: 0.5, step: 0.2 }, [0, 0.5]);
    expect(Array.from({ length: dropout.steps + 1 }, (_, p) => dropout.value(p))).toEqual([engine(0), engine(1), engine(2), 0.5]);
    expect(dropout.value(2)).toBe(0.4);
    expect(rangeLabel(dropout, [dropout.value(1), dropout.value(2)])).toBe('0.2 – 0.4');
    // Listed values: the slider stops on them.
    const listed = rangeScale({ type: 'float', log: false, low: 0, high: 1, values: [0.1, 0.5, 0.9] }, [0.1, 0.9]);
    expect(Array.from({ length: listed.steps + 1 }, (_, p) => listed.value(p))).toEqual([0.1, 0.5, 0.9]);
    // One value only: both handles on it.
    const one = rangeScale({ type: 'int', log: false, low: 1, high: 8 }, [4, 4]);
    expect([one.value(0), one.value(one.steps), one.position(4)]).toEqual([4, 4, 0]);
  });

  it('a handle tells a screen reader the knob\'s value, between the trials\' lowest and highest, and the label\'s text', () => {
    const s = rangeScale({ type: 'float', log: true, low: 1e-6, high: 30 }, [1e-6, 30]);
    expect(handleAria(s, [1e-6, 30], 1.2e-4)).toEqual({ 'aria-valuenow': '0.00012', 'aria-valuemin': '0.000001', 'aria-valuemax': '30', 'aria-valuetext': '1.2e-4 (log)' });
    const units = rangeScale({ type: 'int', log: false, low: 3, high: 12 }, [3, 12]);
    expect(handleAria(units, [3, 12], units.value(4))).toEqual({ 'aria-valuenow': '7', 'aria-valuemin': '3', 'aria-valuemax': '12', 'aria-valuetext': '7' });
  });

  it('the label is given room for the longest text any two handle positions make, so a moved handle never widens the filter', () => {
    const cases = [
      rangeScale({ type: 'float', log: true }, [1.132e-4, 0.08812]),
      rangeScale({ type: 'float', log: false }, [0.05389, 0.4919]),
      rangeScale({ type: 'int', log: false, low: 8, high: 64, step: 8 }, [8, 48]),
      rangeScale({ type: 'int', log: true, low: 4, high: 64 }, [4, 58]),
    ];
    for (const s of cases) {
      let longest = 0;
      for (let a = 0; a <= s.steps; a++) for (let b = a; b <= s.steps; b++) longest = Math.max(longest, rangeLabel(s, [s.value(a), s.value(b)]).length);
      // Exactly the longest: room for every pair, none wasted.
      expect(labelChars(s)).toBe(longest);
    }
    expect(labelChars(cases[2])).toBe('48 – 48'.length);
  });
});
