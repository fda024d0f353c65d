// The pair surface under the pair scatter (src-renderer/src/charts/surface.ts, pairScatterOption), worked by hand.
import { describe, expect, it } from 'vitest';
import type { PairSurface, TrialSummary } from '../../src-core/api/contract';
import { pairScatterOption, type KnobAxis } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { overPage } from '../../src-renderer/src/charts/colour';
import { surfaceSeries } from '../../src-renderer/src/charts/surface';

const surface: PairSurface = {
  x: { name: 'lr', log: true, low: -4, high: 0 }, y: { name: 'dropout', log: false, low: 0, high: 0.5 }, steps: 2,
  values: [0.1, 0.4, 0.2, 0.8], trials: 12, failed: [0, 0, 0, 0], failedOverall: 0, reason: null,
};
type Custom = { name: string; type: string; data: number[][]; tooltip: { formatter: (p: unknown) => string } };

describe("the pair surface's cells", () => {
  it("span their share of each knob's range, a log knob's in decades, with the value the visual map reads and the forest's own", () => {
    const s = surfaceSeries(surface, 'val_loss', (v) => Math.log10(v)) as unknown as Custom;
    expect([s.type, s.name]).toEqual(['custom', 'forest surface']);
    // Cell 1 (column 1, row 0): lr from 10^-2 to 10^0, dropout 0 to 0.25; value 0.4 read as log10(0.4).
    expect(s.data[1]).toEqual([0.01, 0, Math.log10(0.4), 1, 0.25, 0.4, 0, 0]);
    // Cell 2 (column 0, row 1): lr 10^-4 to 10^-2, dropout 0.25 to 0.5.
    expect(s.data[2]).toEqual([1e-4, 0.25, Math.log10(0.2), 0.01, 0.5, 0.2, 0, 0]);
  });

  it('say what the forest predicts, its names as text', () => {
    const evil = { ...surface, x: { ...surface.x, name: '<b>lr</b>' } };
    const s = surfaceSeries(evil, 'val<loss>', (v) => v) as unknown as Custom;
    expect(s.tooltip.formatter({ value: s.data[1] })).toBe('The forest predicts val&#60;loss&#62; 0.4 here, the other knobs averaged (&#60;b&#62;lr&#60;/b&#62; 0.01–1, dropout 0–0.25)');
  });

  it('fade as far as more of the trials near them failed or diverged than across the search, and say it', () => {
    // A fifth of the search failed: fades (local − 0.2) / 0.8 = 0, 0.9625, 0 (fewer than across the search), 0.375.
    const failing = { ...surface, failed: [0, 0.97, 0.05, 0.5], failedOverall: 0.2 };
    const s = surfaceSeries(failing, 'val_loss', (v) => v) as unknown as Custom & { renderItem: (p: unknown, api: unknown) => { style: { fill: string } } };
    expect(s.data.map((d) => d[6])).toEqual([0, (0.97 - 0.2) / 0.8, 0, (0.5 - 0.2) / 0.8]);
    expect(s.data.map((d) => d[7])).toEqual([0, 0.97, 0.05, 0.5]);
    const fill = (i: number, dark = false): string => {
      const d = s.data[i];
      const api = { value: (k: number) => d[k], coord: (p: number[]) => p, visual: () => '#1a9850' };
      return (dark ? (surfaceSeries(failing, 'val_loss', (v) => v, true) as unknown as typeof s) : s).renderItem(null, api).style.fill;
    };
    expect(fill(0)).toBe(overPage('#1a9850', 0.5, false));
    // 97% failed: 3.75% of half strength, nearly the page; half failed: 62.5% of it; 5% (below the search's 20%): all of it.
    expect(fill(1)).toBe(overPage('#1a9850', 0.5 * (1 - (0.97 - 0.2) / 0.8), false));
    expect(fill(3)).toBe(overPage('#1a9850', 0.5 * 0.625, false));
    expect(fill(2)).toBe(overPage('#1a9850', 0.5, false));
    expect(fill(1, true)).toBe(overPage('#1a9850', 0.5 * (1 - (0.97 - 0.2) / 0.8), true));
    expect(s.tooltip.formatter({ value: s.data[1] })).toBe('The forest predicts val_loss 0.4 here, the other knobs averaged (lr 0.01–1, dropout 0–0.25); but about 97% of the trials near here failed or diverged (20% across the search), which the forest never saw');
    // Fewer than across the search: not worth a word.
    expect(s.tooltip.formatter({ value: s.data[2] })).toBe('The forest predicts val_loss 0.2 here, the other knobs averaged (lr 1e-4–0.01, dropout 0.25–0.5)');
  });

  it('are their colour laid at half strength over the page, as one opaque colour', () => {
    // #1a9850 = (26, 152, 80) over white at 0.5: 255 − 229/2 = 140.5 → 141, 255 − 103/2 = 203.5 → 204, 255 − 175/2 = 167.5 → 168.
    expect(overPage('#1a9850', 0.5, false)).toBe('rgb(141, 204, 168)');
    // rgba from a visual map, over the dark page (24, 24, 28): 24 + (200 − 24)/2 = 112, 24 + 76/2 = 62, 28 + 72/2 = 64.
    expect(overPage('rgba(200, 100, 100, 1)', 0.5, true)).toBe('rgb(112, 62, 64)');
    expect(overPage('red', 0.5, false)).toBe('red');
  });
});

describe('the pair scatter with a surface', () => {
  const trial = (n: number, lr: number, dropout: number, objective: number): TrialSummary => ({ number: n, status: 'complete', objective, knobs: { lr, dropout }, round: 1 }) as unknown as TrialSummary;
  const trials = [trial(0, 1e-3, 0.1, 0.2), trial(1, 0.1, 0.4, 0.9), trial(2, 1e-2, 0.2, 0.3)];
  const lr: KnobAxis = { name: 'lr', log: true, categorical: false, categories: [], boxes: [], low: 1e-4, high: 1 };
  const dropout: KnobAxis = { name: 'dropout', log: false, categorical: false, categories: [], boxes: [], low: 0, high: 0.5 };
  const view = { metric: 'val_loss', direction: 'minimize' as const, scale: objectiveScale([0.2, 0.9, 0.3], 'linear') };

  it('draws it under the dots, coloured by the same visual map, and rims the dots', () => {
    const o = pairScatterOption(trials, lr, dropout, view, 'objective', surface) as unknown as { series: { name: string; z?: number; itemStyle?: { borderWidth?: number } }[]; visualMap: { seriesIndex: number[] } };
    const names = o.series.map((x) => x.name);
    expect(names).toEqual(['val_loss', 'forest surface']);
    expect(o.visualMap.seriesIndex).toEqual([0, 1]);
    expect(o.series[0].itemStyle?.borderWidth).toBe(1);
    expect(o.series[1].z).toBeLessThan(o.series[0].z!);
  });

  it('leaves it out for another pair of knobs, by round, and without one', () => {
    const other = { ...surface, y: { ...surface.y, name: 'l2' } };
    for (const o of [pairScatterOption(trials, lr, dropout, view, 'objective', other), pairScatterOption(trials, lr, dropout, view, 'round', surface), pairScatterOption(trials, lr, dropout, view)]) {
      expect((o as { series: { name: string }[] }).series.map((x) => x.name)).not.toContain('forest surface');
    }
  });
});
