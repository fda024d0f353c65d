// knobs datasets NAME's histogram line (src-main/cli/columns.ts sparkline), worked by hand.
import { describe, expect, it } from 'vitest';
import { shareText } from '../../src-core/columns';
import { columnsLines, sparkline } from '../../src-main/cli/columns';

describe('a histogram as block characters', () => {
  it('a character per pair of bins, ⌈8·n/tallest⌉ eighths high; an empty pair a space; a constant column one full block', () => {
    // Pairs 1+1, 0+0, 4+4, 3+0: 2, 0, 8, 3 of a tallest 8 → 2, -, 8, 3 eighths.
    expect(sparkline([1, 1, 0, 0, 4, 4, 3, 0])).toBe('▂ █▃');
    // An odd count keeps its last bin alone.
    expect(sparkline([8, 0, 1])).toBe('█▁');
    expect(sparkline([150])).toBe('█');
    expect(sparkline([])).toBe('');
  });
});

describe('knobs datasets\' column lines', () => {
  it('draw a long tail above 0 over log10, said so; other numbers over their values', () => {
    const base = { kind: 'numeric' as const, missing: 0, distinct: 10, mean: 1, sd: 1, top: [] };
    const lines = columnsLines([
      { ...base, name: 'price', min: 1, max: 10_000, histogram: [9, 0, 0, 1], logHistogram: [5, 2, 1, 2], skew: 2.62 },
      { ...base, name: 'age', min: 20, max: 40, histogram: [1, 0, 1, 1], skew: 0 },
    ], 'price', 10);
    // Pairs of bins: price's log bins 5+2, 1+2 of a tallest 7 → 8 and ⌈8·3/7⌉ = 4 eighths; age's 1+0, 1+1 of 2 → 4 and 8.
    expect(lines[1]).toMatch(/^price ◎ .* █▄ \(log10\)$/);
    expect(lines[2]).toMatch(/^age .* ▄█$/);
  });
});

describe('a table row per column, whatever its name holds', () => {
  it('a line break or tab in a name or a text value (a quoted CSV cell) is written \\n, \\t, so the rows stay rows; one class is "1 class"', () => {
    const lines = columnsLines([
      { kind: 'categorical', name: 'y', missing: 0, distinct: 1, min: null, max: null, mean: null, sd: null, histogram: [], skew: null, top: [{ value: 'x', count: 2 }] },
      { kind: 'categorical', name: 'notes\tlong', missing: 0, distinct: 2, min: null, max: null, mean: null, sd: null, histogram: [], skew: null, top: [{ value: 'line one\nline two', count: 1 }, { value: 'plain', count: 1 }] },
    ], 'y', 2, [{ value: 'x', count: 2 }]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^y ◎ +1 class +1 +- +x 100%$/);
    expect(lines[2]).toMatch(/^notes\\tlong +text, 2 features +2 +- +line one\\nline two 50% · plain 50%$/);
  });
});

describe('an empty column (a spreadsheet\'s trailing commas)', () => {
  it('holds nothing: "empty", not "numbers"; a column with one value in some rows is constant', () => {
    const empty = { kind: 'numeric' as const, missing: 4, distinct: 0, min: null, max: null, mean: null, sd: null, histogram: [], skew: null, top: [] };
    const lines = columnsLines([
      { kind: 'categorical', name: 'label', missing: 0, distinct: 2, min: null, max: null, mean: null, sd: null, histogram: [], skew: null, top: [{ value: 'x', count: 2 }, { value: 'y', count: 2 }] },
      { ...empty, name: 'column 4' },
      { ...empty, name: 'flag', missing: 2, distinct: 1, min: 1, max: 1, mean: 1, sd: 0, histogram: [2] },
    ], 'label', 4, [{ value: 'x', count: 2 }, { value: 'y', count: 2 }]);
    expect(lines[2]).toMatch(/^column 4 +empty +0 +4 \(100%\)$/);
    expect(lines[3]).toMatch(/^flag +numbers, constant +1 +2 \(50%\) /);
  });
});

describe('a count as a share of the rows', () => {
  it('in whole percent; a few rows of many "<1%", all but a few ">99%", never "0%" or "100%" for some', () => {
    expect(shareText(45, 100)).toBe('45%');
    expect(shareText(1, 3)).toBe('33%');
    expect(shareText(0, 300)).toBe('0%');
    expect(shareText(1, 300)).toBe('<1%');
    expect(shareText(2, 300)).toBe('1%');
    expect(shareText(299, 300)).toBe('>99%');
    expect(shareText(300, 300)).toBe('100%');
    // A text column of 300 different ids: each value "<1%" on its line, as on its page.
    const lines = columnsLines([{ kind: 'categorical', name: 'customer', missing: 1, distinct: 299, min: null, max: null, mean: null, sd: null, histogram: [], top: [{ value: 'C00001', count: 1 }] }], 'churn', 300);
    expect(lines[1]).toMatch(/1 \(<1%\).*C00001 <1%/);
  });
});
