// Figures a sentence states together (src-core/format.ts): one notation for all of them.
import { describe, expect, it } from 'vitest';
import { figure, figuresAlike, ordinal, plural, pluralCount, powerFigure, proseFigure } from '../../src-core/format';

describe('figures in one sentence', () => {
  it('are all plain while each lies from 0.0001 up to a million (or is 0), written as figure writes them there', () => {
    expect(figuresAlike([0.32, 0.032, 0.0032, 1e-4, 0.003], { digits: 3 })).toEqual(['0.32', '0.032', '0.0032', '0.0001', '0.003']);
    expect(figuresAlike([0, 12, 20549.3, 0.128])).toEqual(['0', '12', '20549', '0.128']);
    for (const x of [0.12345, 20549.3, 999.96, 1234.5, 0.001]) expect(figuresAlike([x])).toEqual([figure(x)]);
  });

  it('are all powers of ten when one lies outside, in figure\'s form or in superscript', () => {
    expect(figuresAlike([1e6, 1e5, 1e4])).toEqual(['1e+6', '1e+5', '1e+4']);
    expect(figuresAlike([1e6, 1e5, 1e4, 0.01, 0.1], { superscript: true })).toEqual(['10⁶', '10⁵', '10⁴', '10⁻²', '10⁻¹']);
    expect(figuresAlike([0.003, 3e-5, 0], { digits: 3, superscript: true })).toEqual(['3·10⁻³', '3·10⁻⁵', '0']);
    // A value that is not finite is written as figure writes it and does not choose.
    expect(figuresAlike([Number.NaN, 0.5, Infinity])).toEqual(['NaN', '0.5', 'Infinity']);
  });

  it('powerFigure rounds to its digits, carrying into the exponent, and drops trailing zeros', () => {
    expect(powerFigure(3_210_000, 2)).toBe('3.2e+6');
    expect(powerFigure(9.996e6, 3, true)).toBe('10⁷');
    expect(powerFigure(-2.5e-12, 3, true)).toBe('-2.5·10⁻¹²');
    expect(powerFigure(-1e-7, 3, true)).toBe('-10⁻⁷');
    expect(powerFigure(3.2e12 + 0.5)).toBe(figure(3.2e12 + 0.5));
  });

  it('proseFigure writes figure\'s digits, its power of ten in superscript; figuresAlike takes digits per figure', () => {
    expect(proseFigure(9.239e-5)).toBe('9.239·10⁻⁵');
    expect(proseFigure(1e-4)).toBe('10⁻⁴');
    expect(proseFigure(3.2e12 + 0.5)).toBe('3.2·10¹²');
    for (const x of [0.0023456, 0.08812, 2.156, 20549.3, 1e6, 0, -0.5]) expect(proseFigure(x)).toBe(figure(x));
    expect(figuresAlike([9.239e-5, 0.0123456], { digits: [4, 3], superscript: true })).toEqual(['9.239·10⁻⁵', '1.23·10⁻²']);
    expect(figuresAlike([0.0023456, 0.0123456], { digits: [4, 3] })).toEqual(['0.002346', '0.0123']);
  });
});

describe('counts', () => {
  it('plural as String writes the number; pluralCount with thousands separators', () => {
    expect([plural(1, 'row'), plural(4000, 'row'), plural(2, 'class', 'classes')]).toEqual(['1 row', '4000 rows', '2 classes']);
    expect([pluralCount(1, 'row'), pluralCount(4000, 'row'), pluralCount(1234567, 'feature'), pluralCount(3, 'class', 'classes')]).toEqual(['1 row', '4,000 rows', '1,234,567 features', '3 classes']);
  });
});

describe('ordinals', () => {
  it('take st, nd and rd after 1, 2 and 3, th after the teens and the rest ("the 101st distinct value", not "101th")', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 100, 101, 102, 103, 111, 112, 113, 1001].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '100th', '101st', '102nd', '103rd', '111th', '112th', '113th', '1001st',
    ]);
  });
});
