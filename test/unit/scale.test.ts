import { describe, expect, it } from 'vitest';
import { objectiveScale, place, scaleLabel, worstEdge } from '../../src-renderer/src/charts/scale';

/** A deterministic spread (no Math.random in tests either): the golden-ratio sequence in [0, 1). */
const spread = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 0.6180339887498949) % 1);

describe('the one objective scale rule', () => {
  it('spans of more than two decades go on a log axis over whole decades', () => {
    const s = objectiveScale([0.07, 0.3, 1.2, 9, 40, 126]);
    expect([s.type, s.min, s.max, s.below, s.above, s.count]).toEqual(['log', 0.01, 1000, 0, 0, 6]);
    expect(s.why).toMatch(/^log: the values span 3\.3 decades/);
    expect(scaleLabel('auto', s)).toBe('auto (log)');
  });

  it('two decades or less stay linear, on round ends', () => {
    const s = objectiveScale([0.12, 0.3, 0.45, 0.2]);
    expect([s.type, s.min, s.max, s.below + s.above]).toEqual(['value', 0.1, 0.5, 0]);
    expect(scaleLabel('auto', s)).toBe('auto (linear)');
  });

  it('a few diverged trials among useful ones: linear over the robust range, the blow-ups at the edge and counted', () => {
    // Hand-computed: quartiles 0.1425 and 0.36, IQR 0.2175, far-out fences -0.51 and 1.01.
    const s = objectiveScale([0.12, 0.3, 0.09, 0.45, 126, 0.2, 415, 0.15, 0.25, 0.18, 0.33, 0.11]);
    expect([s.type, s.min, s.max, s.above, s.below]).toEqual(['value', 0, 0.5, 2, 0]);
    expect(s.why).toMatch(/robust range 0\.09 to 0\.45; 2 values beyond it/);
    expect(place(s, 415)).toEqual({ y: 0.5, edge: 'high' });
    expect(place(s, 0.3)).toEqual({ y: 0.3, edge: null });
    expect(scaleLabel('auto', s)).toBe('auto (robust)');
  });

  it('most trials tied (a log-loss saturated at 0): the fences come from the 10–90% range, not an IQR of 0', () => {
    // 16 zeros and 4 others. Quartiles 0 and 0 (IQR 0); 10% and 90% quantiles 0 and 1.1 + 0.1·(3.2 − 1.1) = 1.31;
    // fences 0 ± 3·1.31 = ±3.93: 3.2 is the largest value inside, 43 and 9e9 are beyond.
    const v = [...Array(16).fill(0), 1.1, 3.2, 43, 9e9];
    const s = objectiveScale(v);
    expect([s.type, s.min, s.max, s.above, s.below]).toEqual(['value', 0, 4, 2, 0]);
    expect(s.why).toMatch(/robust range 0 to 3\.2; 2 values beyond it/);
    // With 90% of them tied the 10–90% range is 0 too: linear over every value, none clipped.
    const all = objectiveScale([...Array(19).fill(0), 0.5, 7]);
    expect([all.type, all.min, all.max, all.above, all.below]).toEqual(['value', 0, 8, 0, 0]);
    // 18 of 20 tied: the 10–90% range is 0.05 (90% falls a tenth of the way to 0.5), whose fences keep only the zeros.
    const tie = objectiveScale([...Array(18).fill(0), 0.5, 7]);
    expect([tie.type, tie.min, tie.max, tie.above, tie.below]).toEqual(['value', 0, 8, 0, 0]);
  });

  it('NaN, Infinity and null are not values: they are left to the failed-trial markers', () => {
    const s = objectiveScale([0.2, Number.NaN, Infinity, -Infinity, null, undefined, 0.4]);
    expect(s.count).toBe(2);
    expect([s.min, s.max]).toEqual([0.2, 0.4]);
    expect(place(s, Number.NaN)).toBeNull();
    expect(place(s, null)).toBeNull();
  });

  it('zero and negative objectives never get a log axis; a forced log draws them at the bottom edge', () => {
    const withZero = [0, 0.001, 0.1, 10, 1000];
    expect(objectiveScale(withZero).type).toBe('value');
    const forced = objectiveScale(withZero, 'log');
    expect([forced.type, forced.min, forced.max, forced.below]).toEqual(['log', 0.001, 1000, 1]);
    expect(place(forced, 0)).toEqual({ y: 0.001, edge: 'low' });
    expect(forced.why).toMatch(/1 value ≤ 0 drawn at the bottom edge/);
    // R² can be very negative when a trial diverges: linear over the robust range, the wreck at the bottom edge.
    const r2 = objectiveScale([0.91, 0.88, 0.93, 0.85, 0.9, 0.87, 0.92, -31000]);
    expect(r2.type).toBe('value');
    expect(r2.below).toBe(1);
    expect(r2.min).toBeGreaterThan(0.7);
    expect(r2.max).toBeLessThanOrEqual(1);
    expect(worstEdge(r2, 'maximize')).toBe(r2.min);
    expect(worstEdge(r2, 'minimize')).toBe(r2.max);
    // Only non-positive values and log forced: log is impossible, so robust linear says why.
    expect(objectiveScale([-3, -1, 0], 'log').why).toMatch(/^log needs positive values; linear/);
  });

  it('one trial, identical trials, none at all: a sensible extent around the value', () => {
    const one = objectiveScale([0.42]);
    expect(one.type).toBe('value');
    expect(one.min).toBeLessThan(0.42);
    expect(one.max).toBeGreaterThan(0.42);
    const same = objectiveScale([3, 3, 3, 3]);
    expect(same.min < 3 && same.max > 3 && same.below + same.above === 0).toBe(true);
    const zero = objectiveScale([0, 0]);
    expect([zero.min, zero.max]).toEqual([-1, 1]);
    expect(objectiveScale([])).toMatchObject({ type: 'value', min: 0, max: 1, count: 0, why: 'no values yet' });
    const oneLog = objectiveScale([5], 'log');
    expect([oneLog.min, oneLog.max]).toEqual([1, 10]);
  });

  it('forced linear keeps every value; forced robust clips even when auto would choose log', () => {
    const v = [0.07, 0.3, 1.2, 9, 40, 126];
    const lin = objectiveScale(v, 'linear');
    expect([lin.type, lin.min, lin.max, lin.above, lin.below]).toEqual(['value', 0, 150, 0, 0]);
    const rob = objectiveScale([...v, 1e9], 'robust');
    expect(rob.type).toBe('value');
    expect(rob.above).toBe(1);
  });

  it('exploding curve values (1e30) with the rest over four decades: log over the robust decades, the explosion at the edge', () => {
    const v = [...spread(400).map((u) => 10 ** (-2 + 4 * u)), 1e30, 1e37];
    const s = objectiveScale(v);
    expect(s.type).toBe('log');
    expect(s.min).toBe(0.01);
    expect(s.max).toBe(100);
    expect(s.above).toBe(2);
  });

  it('10,000 trials (and 250,000 epoch values) decide in one pass plus a sampled sort', () => {
    const v = spread(10_000).map((u) => 0.05 + 0.5 * u);
    v[17] = 380;
    v[4200] = Number.NaN;
    const s = objectiveScale(v);
    expect(s.count).toBe(9_999);
    expect([s.type, s.above]).toEqual(['value', 1]);
    expect(s.min).toBe(0);
    expect(s.max).toBeCloseTo(0.6, 12);
    const big = objectiveScale(spread(250_000).map((u) => 10 ** (-3 + 5 * u)));
    expect([big.type, big.min, big.max, big.count]).toEqual(['log', 0.001, 100, 250_000]);
  });
});
