// The trials table's knob range filter (views/search/rangeSlider.ts): a log knob's slider moves along
// log10 of the value, so every decade of lr gets its share of the slider's steps.
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { knobExtent, RANGE_STEPS, rangeScale } from '../../src-renderer/src/views/search/rangeSlider';

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
    const s = rangeScale({ log: true }, extent);
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
    const s = rangeScale({ log: false }, [4, 64]);
    expect(s.log).toBe(false);
    expect(s.value(RANGE_STEPS / 2)).toBe(34);
    expect(s.position(34)).toBe(RANGE_STEPS / 2);
    expect(s.position(-5)).toBe(0);
    expect(s.position(100)).toBe(RANGE_STEPS);
    expect(rangeScale({ log: true }, [0, 1]).log).toBe(false);
    // A tiny linear span still has 200 distinct steps (the slider holds positions, not values).
    const tiny = rangeScale({ log: false }, [1e-6, 1e-5]);
    expect(new Set(Array.from({ length: RANGE_STEPS + 1 }, (_, p) => tiny.value(p))).size).toBe(RANGE_STEPS + 1);
    expect(tiny.value(RANGE_STEPS)).toBe(1e-5);
  });

  it('the extent skips trials without a number for the knob, and is [0, 1] when none has one', () => {
    expect(knobExtent([trial(0, 'a'), trial(1, 0.5), trial(2, 0.25)], 'lr')).toEqual([0.25, 0.5]);
    expect(knobExtent([], 'lr')).toEqual([0, 1]);
  });
});
