// Best so far draws the objective's chance level as a dotted line labelled "chance 0.6931" where it
// lies on the axis (trials near it), and leaves it out where the axis does not reach it; where every
// trial is worse than chance, the axis is decided again to reach it (viewWithChance).
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { bestSoFarOption, viewWithChance, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { trialSummary } from '../helpers/trials';
import { drawnTexts } from './drawn';

const chance = { value: Math.LN2, what: 'always predicting the class frequencies' };
const viewOf = (ts: TrialSummary[]): ObjectiveView => ({ metric: 'val_loss', direction: 'minimize', scale: objectiveScale(ts.map((t) => t.objective)) });
const markOf = (ts: TrialSummary[], c: typeof chance | null) => (bestSoFarOption(ts, viewOf(ts), null, c).series as { name: string; markLine?: { data: { yAxis: number }[] } }[]).find((s) => s.name === 'best so far')?.markLine;

describe('the chance level on best so far', () => {
  // Twelve trials of a search that learned nothing: 0.66 to 0.71 around ln 2.
  const near = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.66 + ((i * 7) % 12) * 0.004 }));
  // Twelve that learned: 0.05 to 0.2, an axis that stops far below ln 2.
  const far = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.05 + i * 0.0125 }));

  it('a dotted line at the level, labelled, where the axis reaches it', () => {
    expect(markOf(near, chance)?.data).toEqual([{ yAxis: Math.LN2, name: 'chance (always predicting the class frequencies)' }]);
    expect(drawnTexts(bestSoFarOption(near, viewOf(near), null, chance), { width: 640, height: 280 })).toContain('chance 0.6931');
  });

  it('none off the axis, none without a level', () => {
    expect(viewOf(far).scale.max).toBeLessThan(Math.LN2);
    expect(markOf(far, chance)).toBeUndefined();
    expect(markOf(near, null)).toBeUndefined();
    expect(drawnTexts(bestSoFarOption(far, viewOf(far), null, chance)).some((t) => t.startsWith('chance'))).toBe(false);
  });
});

describe('the axis reaches the chance level where every trial is worse than it', () => {
  // Eight trials of 0.72 to 0.84 that overfit noise: all above ln 2, an axis that starts above it.
  const worse = Array.from({ length: 8 }, (_, i) => trialSummary(i, { objective: 0.72 + i * 0.015 }));
  const view = viewOf(worse);

  it('decides the scale again with the level among the values, so the line is drawn', () => {
    expect(view.scale.min).toBeGreaterThan(Math.LN2);
    const seen = viewWithChance(view, chance, worse);
    expect(seen.scale.min).toBeLessThanOrEqual(Math.LN2);
    expect(seen.scale.max).toBeGreaterThanOrEqual(0.825);
    expect(markOf(worse, chance)).toBeUndefined();
    const drawn = bestSoFarOption(worse, seen, null, chance);
    expect(drawnTexts(drawn, { width: 640, height: 280 })).toContain('chance 0.6931');
  });

  it('leaves the view alone where the trials are clearly better, the level is on the axis already, or there is none', () => {
    const far = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.05 + i * 0.0125 }));
    expect(viewWithChance(viewOf(far), chance, far)).toEqual(viewOf(far));
    const near = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.66 + i * 0.004 }));
    expect(viewWithChance(viewOf(near), chance, near)).toEqual(viewOf(near));
    expect(viewWithChance(view, null, worse)).toBe(view);
    // Accuracy (maximized) all below a chance of 0.9: the axis reaches up to it.
    const acc = Array.from({ length: 6 }, (_, i) => trialSummary(i, { objective: 0.8 + i * 0.01 }));
    const accView: ObjectiveView = { metric: 'val_accuracy', direction: 'maximize', scale: objectiveScale(acc.map((t) => t.objective)) };
    expect(viewWithChance(accView, { value: 0.9, what: 'always answering the commonest class' }, acc).scale.max).toBeGreaterThanOrEqual(0.9);
  });
});
