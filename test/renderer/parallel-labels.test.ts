// Parallel coordinates laid out for the chart's width (Chart.vue applies fitParallelLabels): what
// ECharts draws of them, read from its own layout (test/renderer/drawn.ts).
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { bestSoFarOption, fitParallelLabels, knobAxes, PARALLEL_GRID, parallelOption, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { drawnTexts } from './drawn';
import { trialSummary } from '../helpers/trials';

const trial = (number: number, objective: number, knobs: Record<string, unknown>): TrialSummary => trialSummary(number, { objective, knobs });
const view = (trials: TrialSummary[]): ObjectiveView => ({ metric: 'val_loss', direction: 'minimize', scale: objectiveScale(trials.map((t) => t.objective)) });

describe('parallel coordinates', () => {
  it('parallel coordinates in a narrow chart: categorical labels cut to the room before the next axis; the edge count under the colour scale', () => {
    // The audit's 800-pixel window: "Xavier uniform" and "He normal" ran over the next axis and its ticks (now "Xavier ...");
    // "val_accuracy (5 at the ed…" was cut at the chart's right end (the count now stands under the colour scale).
    const axes = knobAxes([{ name: 'lr', type: 'float', log: true }, { name: 'init', type: 'categorical', log: false }, { name: 'units', type: 'int', log: true }, { name: 'dropout', type: 'float', log: false }], []);
    const trials = Array.from({ length: 30 }, (_, i) => trial(i, i === 0 ? 1e6 : 0.2 + i / 100, { lr: 10 ** (-4 + i / 10), init: i % 2 ? 'xavier_uniform' : 'he_normal', units: 4 + i, dropout: i / 60 }));
    const o = parallelOption(trials, axes, view(trials));
    expect((o.parallelAxis as { name: string }[]).at(-1)!.name).toBe('val_loss');
    expect((o.visualMap as { text: string[] }).text).toEqual(['val_loss', '1 clipped']);
    const narrow = fitParallelLabels(o, 475);
    const init = (narrow.parallelAxis as { type: string; axisLabel: { width?: number; overflow?: string } }[])[1];
    expect(init.axisLabel).toMatchObject({ overflow: 'truncate' });
    expect(init.axisLabel.width!).toBeLessThanOrEqual((475 - PARALLEL_GRID.left - PARALLEL_GRID.right) / 4);
    const texts = drawnTexts(narrow, { width: 475, height: 340 });
    expect(texts.some((t) => t.startsWith('Xavier') && t.endsWith('...'))).toBe(true);
    expect(texts).not.toContain('Xavier uniform');
    // Wide enough: the whole label.
    expect(drawnTexts(fitParallelLabels(o, 1000), { width: 1000, height: 340 })).toContain('Xavier uniform');
    // Numeric axes and other charts pass through.
    expect((narrow.parallelAxis as unknown[])[0]).toBe((o.parallelAxis as unknown[])[0]);
    const plain = bestSoFarOption(trials, view(trials));
    expect(fitParallelLabels(plain, 475)).toBe(plain);
  });

});
