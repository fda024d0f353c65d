// How the CLI prints an objective: 4 significant digits, exponent form below 10⁻³, and a value of
// exactly 0 (a log-loss saturated in float32 on an easy data set) as 0, not "0.000e+0".
import { describe, expect, it } from 'vitest';
import { fmt } from '../../src-main/cli/search';

describe('the CLI\'s objective values', () => {
  it('prints 4 significant digits, tiny values in exponent form, zero as 0 and a missing value as -', () => {
    expect(fmt(0.076714)).toBe('0.07671');
    expect(fmt(12)).toBe('12.00');
    expect(fmt(2.5e-5)).toBe('2.500e-5');
    expect(fmt(0)).toBe('0');
    expect(fmt(null)).toBe('-');
    expect(fmt(Number.NaN)).toBe('-');
  });
});
