// How the CLI prints an objective: as the app prints it (src-core/format.ts: 4 significant digits
// without trailing zeros, exponent form below 10⁻³), and a value of exactly 0 (a log-loss saturated
// in float32 on an easy data set) as 0, not "0.000e+0".
import { describe, expect, it } from 'vitest';
import { figure } from '../../src-core/format';
import { fmt } from '../../src-main/cli/search';

describe('the CLI\'s objective values', () => {
  it('prints 4 significant digits, tiny values in exponent form, zero as 0 and a missing value as -, as the app does', () => {
    expect(fmt(0.076714)).toBe('0.07671');
    // The app's tables read 0.128 and 12: the CLI's "0.1280" and "12.00" read as other values.
    expect(fmt(0.128)).toBe('0.128');
    expect(fmt(12)).toBe('12');
    expect(fmt(20549.3)).toBe('20549');
    expect(fmt(2.5e-5)).toBe('2.5e-5');
    expect(fmt(0.12345)).toBe(figure(0.12345));
    expect(fmt(0)).toBe('0');
    expect(fmt(null)).toBe('-');
    expect(fmt(Number.NaN)).toBe('-');
  });
});
