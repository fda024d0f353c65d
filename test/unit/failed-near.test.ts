// Where the trials failed, beside the forest's answer (src-core/analysis/failed-near.ts): the share of the
// trials near each point of a marginal or cell of a pair surface that failed or diverged, worked by hand.
import { describe, expect, it } from 'vitest';
import { FAILED_PRIOR, failedAlong, failedOver, failedOverall } from '../../src-core/analysis/failed-near';
import { failedFade } from '../../src-core/analysis/marginal';
import { importance } from '../../src-core/analysis/importance';
import { pairSurface } from '../../src-core/analysis/surface';
import type { ParamSpec } from '../../src-core/spec/spec';

/** The Gaussian kernel's weight d cells away, σ cells wide, cut past 3σ. */
const w = (d: number, sigma: number): number => (Math.abs(d) <= Math.ceil(3 * sigma) ? Math.exp(-0.5 * (d / sigma) ** 2) : 0);
const share = (r: number, f: number): number => f / (r + f + FAILED_PRIOR);
const unit: ParamSpec = { type: 'float', low: 0, high: 1, log: false };

describe('the share of failed trials near a point', () => {
  it('of a categorical knob: counted at each value, with half a result added', () => {
    const p: ParamSpec = { type: 'categorical', values: ['a', 'b', 'c', 'd'] };
    const r = failedAlong(p, 'k', 24, { results: [{ k: 'a' }, { k: 'a' }, { k: 'b' }], failures: [{ k: 'b' }, { k: 'b' }, { k: 'c' }] });
    // a: 0 of 2.5; b: 2 of 1 + 2 + ½ = 4/7; c: 1 of 1½ = 2/3; d: nothing there, 0.
    expect(r).toEqual([0, 4 / 7, 2 / 3, 0]);
  });

  it('along a numeric knob: the trials counted into its cells and spread by a Gaussian of one cell when they are many', () => {
    // 4 cells over [0, 1]; 8 trials (σ = max(1, 2·4/8) = 1): 4 results in cell 0, 4 failures in cell 3.
    const results = [0.01, 0.1, 0.2, 0.24].map((k) => ({ k }));
    const failures = [0.76, 0.8, 0.9, 1].map((k) => ({ k }));
    const r = failedAlong(unit, 'k', 4, { results, failures });
    const expected = [0, 1, 2, 3].map((i) => share(4 * w(i, 1), 4 * w(3 - i, 1)));
    r.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    // By hand: cell 3 holds 4 failures and 4·e^(−4.5) = 0.0444 of a result: 4 / 4.544 = 0.880.
    expect(r[3]).toBeCloseTo(0.8802, 4);
    expect(r[0]).toBeCloseTo(0.0098, 4);
  });

  it('spreads wider when the trials are few, so each point sees one or two', () => {
    // 2 trials over 4 cells: σ = 2·4/2 = 4 cells; cut at 3σ = 12 cells, so both reach every cell.
    const r = failedAlong(unit, 'k', 4, { results: [{ k: 0 }], failures: [{ k: 1 }] });
    r.forEach((v, i) => expect(v).toBeCloseTo(share(w(i, 4), w(3 - i, 4)), 12));
    expect(r[0]).toBeLessThan(r[3]);
  });

  it('puts a log knob by decades, clamps values beyond the range and skips a missing or non-numeric one', () => {
    const lr: ParamSpec = { type: 'float', low: 1e-5, high: 1, log: true };
    // 5 cells of a decade each: 1e-3 falls in cell 2 (−3 is 2 decades above −5); 7 lands in the top cell, clamped.
    const many = Array.from({ length: 10 }, () => ({ lr: 1e-3 }));
    const r = failedAlong(lr, 'lr', 5, { results: [], failures: [...many, { lr: 7 }, { lr: 'x' }, {}, { lr: -1 }] });
    // 14 trials (σ = max(1, 2·5/14) = 1), 11 counted: cell 2 holds 10, cell 4 holds 1; cell 0 is 4 cells from cell 4, past the kernel's 3σ.
    const f = [0, 1, 2, 3, 4].map((i) => 10 * w(i - 2, 1) + w(4 - i, 1));
    r.forEach((v, i) => expect(v).toBeCloseTo(share(0, f[i]), 12));
  });

  it('is 0 everywhere without failures, and where no trial lies', () => {
    expect(failedAlong(unit, 'k', 3, { results: [{ k: 0.5 }], failures: [] })).toEqual([0, 0, 0]);
    expect(failedAlong(unit, 'k', 3, { results: [], failures: [] })).toEqual([0, 0, 0]);
    expect(failedOver(unit, 'x', unit, 'y', 2, { results: [], failures: [] })).toEqual([0, 0, 0, 0]);
  });

  it('over two knobs: the trials projected onto them, spread by a Gaussian along each, row by row from the bottom', () => {
    // One failure in cell (column 3, row 0) of a 4 × 4 grid: σ = max(1.5, 0.5·4/√1) = 2 cells.
    const r = failedOver(unit, 'x', unit, 'y', 4, { results: [], failures: [{ x: 0.9, y: 0.1, other: 5 }] });
    for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) expect(r[j * 4 + i]).toBeCloseTo(share(0, w(3 - i, 2) * w(j, 2)), 12);
    // On the failure's own cell: 1 / 1.5.
    expect(r[3]).toBeCloseTo(2 / 3, 12);
    // Not for a categorical knob: the surface is over numeric ones.
    expect(failedOver(unit, 'x', { type: 'categorical', values: [1, 2] }, 'y', 4, { results: [], failures: [] })).toEqual([]);
  });
});

describe('how far the forest fades', () => {
  it('as far as more trials near a point failed than across the search, of what was left to fail', () => {
    expect(failedFade(0.97, 0.49)).toBeCloseTo(0.48 / 0.51, 12);
    expect(failedFade(1, 0.3)).toBe(1);
    expect(failedFade(0.49, 0.49)).toBe(0);
    expect(failedFade(0.2, 0.49)).toBe(0);
    expect(failedFade(0.6, 0)).toBe(0.6);
    // Every trial failed: no forest to fade.
    expect(failedFade(1, 1)).toBe(0);
    expect(failedOverall({ results: [{}, {}, {}], failures: [{}] })).toBe(0.25);
    expect(failedOverall({ results: [], failures: [] })).toBe(0);
  });
});

describe('the forest with the trials it never saw', () => {
  // lr over five decades; every trial above 0.01 diverged, the others' loss falls as lr grows.
  const space: Record<string, ParamSpec> = { lr: { type: 'float', low: 1e-5, high: 1, log: true }, dropout: { type: 'float', low: 0, high: 0.5, log: false } };
  const lrs = Array.from({ length: 60 }, (_, i) => 10 ** (-5 + (5 * (i + 0.5)) / 60));
  const drop = (i: number): number => ((i * 7) % 10) / 20;
  const trials = lrs.flatMap((lr, i) => (lr <= 0.01 ? [{ knobs: { lr, dropout: drop(i) }, objective: 1 + Math.log10(0.01 / lr) }] : []));
  const failures = lrs.flatMap((lr, i) => (lr > 0.01 ? [{ lr, dropout: drop(i) }] : []));

  it("marks a marginal's points where the trials diverged, and leaves the forest's values as they were", () => {
    const without = importance(space, trials, { seed: 3, trees: 16 });
    const imp = importance(space, trials, { seed: 3, trees: 16, failures });
    const lr = imp.knobs.find((k) => k.name === 'lr')!.marginal;
    expect(lr.value).toEqual(without.knobs.find((k) => k.name === 'lr')!.marginal.value);
    expect(lr.failed).toEqual(failedAlong(space.lr, 'lr', 24, { results: trials.map((t) => t.knobs), failures }));
    // 36 of the 60 trials have lr ≤ 0.01: 24 failed.
    expect([trials.length, lr.failedOverall]).toEqual([36, 24 / 60]);
    // The top decade and a half (cells 17–23, lr ≥ 10^−1.46): past nearly every trial that ran, the trials there diverged.
    for (let i = 0; i < 24; i++) {
      if ((lr.at[i] as number) > 0.03) expect(lr.failed[i]).toBeGreaterThan(0.8);
      else if ((lr.at[i] as number) < 0.003) expect(lr.failed[i]).toBeLessThan(0.01);
    }
    // Without failures, every share is 0.
    expect(without.knobs.every((k) => k.marginal.failed.every((f) => f === 0) && k.marginal.failedOverall === 0)).toBe(true);
  });

  it("marks a pair surface's cells the same way", () => {
    const s = pairSurface(space, trials, 'lr', 'dropout', { seed: 3, steps: 10, trees: 8, failures });
    expect(s.failed).toEqual(failedOver(space.lr, 'lr', space.dropout, 'dropout', 10, { results: trials.map((t) => t.knobs), failures }));
    expect(s.failedOverall).toBe(24 / 60);
    // Column 9 (lr from 10^−0.5 to 1) is all failures; column 0 none.
    for (let j = 0; j < 10; j++) {
      expect(s.failed[j * 10 + 9]).toBeGreaterThan(0.8);
      expect(s.failed[j * 10]).toBe(0);
    }
    expect(pairSurface(space, trials.slice(0, 3), 'lr', 'dropout', { seed: 3, failures }).failed).toEqual([]);
  });
});
