// knobs datasets NAME's histogram line (src-main/cli/columns.ts sparkline), worked by hand.
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src-main/cli/columns';

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
