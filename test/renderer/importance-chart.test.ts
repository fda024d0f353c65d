// The importance chart as ECharts draws it (test/renderer/drawn.ts): a bar per knob, a whisker of ± one
// standard deviation over the forest's trees, and the share written past the whisker's end. Over a
// few trials (an ASHA search that pruned 55 of 60) the trees disagree, and the whiskers must show it.
import { describe, expect, it } from 'vitest';
import { importanceOption } from '../../src-renderer/src/charts/analysis';
import { drawnSvg } from './drawn';

describe('the importance chart', () => {
  it('draws each knob’s whisker of ± one sd over the trees, its share and where its marginal is best written past the whisker’s end', () => {
    // hiddenUnits' marginal is lowest at 15.6 (an int knob: 16); lr has none (as while importance has no answer).
    const marginal = { at: [4, 15.6, 64], value: [0.5, 0.2, 0.3], sd: [0.1, 0.1, 0.1], failed: [0, 0, 0], failedOverall: 0 };
    const imp = {
      knobs: [{ name: 'hiddenUnits', importance: 0.53, std: 0.3, marginal }, { name: 'lr', importance: 0.47, std: 0.3, marginal: { at: [], value: [], sd: [], failed: [], failedOverall: 0 } }],
      fixed: [], trials: 5, leftOut: 55, transform: 'rank' as const, reason: null, seconds: 0.1, step: null, steps: [],
    };
    const size = { width: 600, height: 120 };
    const svg = drawnSvg(importanceOption(imp, false, 'minimize', { hiddenUnits: 'int' }), size);
    // The plot runs from 96 px to 450 px (grid left 96, right 150, room for where a knob is best): 0% to 100%.
    const xOf = (share: number): number => 96 + share * (600 - 96 - 150);
    const lines = [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)"[^>]*stroke="#333333"/g)].map((m) => m.slice(1, 5).map(Number));
    // The whiskers: the long horizontal strokes (the caps are vertical).
    const spans = lines.filter(([x1, y1, x2, y2]) => y1 === y2 && x2 - x1 > 20).map(([x1, , x2]) => [x1, x2]).sort((a, b) => a[0] - b[0]);
    expect(spans).toHaveLength(2);
    expect(spans[0][0]).toBeCloseTo(xOf(0.17), 0);
    expect(spans[0][1]).toBeCloseTo(xOf(0.77), 0);
    expect(spans[1][0]).toBeCloseTo(xOf(0.23), 0);
    expect(spans[1][1]).toBeCloseTo(xOf(0.83), 0);
    // Each share is written just past its whisker, not on it.
    for (const [label, end] of [['53% · best ≈ 16', 0.83], ['47%', 0.77]] as const) {
      const m = svg.match(new RegExp(`<text[^>]*transform="translate\\(([\\d.]+) [\\d.]+\\)"[^>]*>${label}</text>`));
      expect(m, `${label} is drawn`).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(xOf(end) + 4);
    }
  });
});
