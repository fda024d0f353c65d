// The pair surface in a terminal (src-main/cli/surface.ts), on a hand-made 4 × 4 surface.
import { describe, expect, it } from 'vitest';
import type { PairSurface } from '../../src-core/api/contract';
import { surfaceLines } from '../../src-main/cli/surface';

// val_loss grows with lr (column) and a little with dropout (row): 0.1·(column + 1) + 0.01·row.
const values = Array.from({ length: 16 }, (_, i) => 0.1 * ((i % 4) + 1) + 0.01 * Math.floor(i / 4));
const surface: PairSurface = {
  x: { name: 'lr', log: true, low: -4, high: 0 }, y: { name: 'dropout', log: false, low: 0, high: 0.4 }, steps: 4,
  values, trials: 30, failed: values.map(() => 0), failedOverall: 0, reason: null,
};

describe('knobs importance --pair', () => {
  it('names the best and worst cells and shades the map by fifths', () => {
    const lines = surfaceLines(surface, 'val_loss', 'minimize');
    expect(lines[1]).toBe('best  0.1 at lr 1e-4–0.001, dropout 0–0.1');
    expect(lines[2]).toBe('worst 0.43 at lr 0.1–1, dropout 0.3–0.4');
    expect(lines[3]).not.toMatch(/×/);
    // Two map rows of two cells each, the top first: means 0.125, 0.225, 0.325, 0.425 and 0.105, 0.205, 0.305, 0.405.
    // The fifths' edges are the sorted means' 2nd, 4th, 5th and 7th (0.125, 0.225, 0.305, 0.405); a shade counts the edges below it.
    expect(lines.filter((l) => l.includes('│')).map((l) => l.split('│')[1])).toEqual(['█▓░·', '█▓▒░']);
  });

  it('marks with × where far more trials failed than across the search, and names neither best nor worst there', () => {
    // Every trial near lr 0.1–1 (column 3) diverged, a quarter of the search; column 2 as many as across the search.
    const failed = values.map((_, i) => (i % 4 === 3 ? 0.97 : i % 4 === 2 ? 0.25 : 0));
    const lines = surfaceLines({ ...surface, failed, failedOverall: 0.25 }, 'val_loss', 'minimize');
    expect(lines[1]).toBe('best  0.1 at lr 1e-4–0.001, dropout 0–0.1');
    expect(lines[2]).toBe('worst 0.33 at lr 0.01–0.1, dropout 0.3–0.4');
    expect(lines[3]).toMatch(/× far more trials failed or diverged there than across the search \(25%\): the forest never saw them$/);
    const map = lines.filter((l) => l.includes('│')).map((l) => l.split('│')[1]);
    expect(map.map((r) => r[3])).toEqual(['×', '×']);
    // The fifths of the six cells it shades: edges 0.125, 0.205, 0.225, 0.305.
    expect(map.map((r) => r.slice(0, 3))).toEqual(['█▒·', '█▓░']);
    // Every cell so: still a best and a worst.
    const all = surfaceLines({ ...surface, failed: values.map(() => 1), failedOverall: 0.5 }, 'val_loss', 'minimize');
    expect(all[1]).toBe('best  0.1 at lr 1e-4–0.001, dropout 0–0.1');
  });
});
