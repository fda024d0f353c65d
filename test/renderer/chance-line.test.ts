// Best so far draws the objective's chance level as a dotted line labelled "chance 0.6931" where it
// lies on the axis (trials near it), and leaves it out where the axis does not reach it; where every
// trial is worse than chance, the axis is decided again to reach it (scaleWithChance: every objective chart of the search shares that scale). The Curves tab
// draws the shown metric's level over every trial's curve the same way, and so do a trial's own curve
// and each knob's chart on the Search space tab.
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { curvesOption, curvesScale, trialCurveOption } from '../../src-renderer/src/charts/curveOptions';
import { curveMap } from '../../src-renderer/src/charts/curves';
import { bestSoFarOption, knobScatterOption, scaleWithChance, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { optionTables } from '../../src-renderer/src/charts/table';
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
    const seen = { ...view, scale: scaleWithChance(view.scale, chance, worse, 'minimize') };
    expect(seen.scale.min).toBeLessThanOrEqual(Math.LN2);
    expect(seen.scale.max).toBeGreaterThanOrEqual(0.825);
    expect(markOf(worse, chance)).toBeUndefined();
    const drawn = bestSoFarOption(worse, seen, null, chance);
    expect(drawnTexts(drawn, { width: 640, height: 280 })).toContain('chance 0.6931');
  });

  it('leaves the view alone where the trials are clearly better, the level is on the axis already, or there is none', () => {
    const far = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.05 + i * 0.0125 }));
    expect(scaleWithChance(viewOf(far).scale, chance, far, 'minimize')).toEqual(viewOf(far).scale);
    const near = Array.from({ length: 12 }, (_, i) => trialSummary(i, { objective: 0.66 + i * 0.004 }));
    expect(scaleWithChance(viewOf(near).scale, chance, near, 'minimize')).toEqual(viewOf(near).scale);
    expect(scaleWithChance(view.scale, null, worse, 'minimize')).toBe(view.scale);
    // Accuracy (maximized) all below a chance of 0.9: the axis reaches up to it.
    const acc = Array.from({ length: 6 }, (_, i) => trialSummary(i, { objective: 0.8 + i * 0.01 }));
    const accView: ObjectiveView = { metric: 'val_accuracy', direction: 'maximize', scale: objectiveScale(acc.map((t) => t.objective)) };
    expect(scaleWithChance(accView.scale, { value: 0.9, what: 'always answering the commonest class' }, acc, 'maximize').max).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the chance level on the Curves tab', () => {
  // Two trials' validation loss by epoch, 0.80 down to 0.68 and 0.75 to 0.66: both hug ln 2.
  const m = curveMap({
    trial: [0, 0, 0, 1, 1, 1], fold: [0, 0, 0, 0, 0, 0], epoch: [1, 2, 3, 1, 2, 3], valLoss: [0.8, 0.72, 0.68, 0.75, 0.7, 0.66], trainLoss: [0.8, 0.7, 0.65, 0.76, 0.69, 0.64],
    trainAccuracy: Array(6).fill(null), valAccuracy: Array(6).fill(null), valBalancedAccuracy: Array(6).fill(null), valRmse: Array(6).fill(null), valMae: Array(6).fill(null), valR2: Array(6).fill(null),
    lr: Array(6).fill(0.01), seconds: Array(6).fill(0.1),
  });
  const ts = [trialSummary(0, { objective: 0.68, bestEpoch: 3 }), trialSummary(1, { objective: 0.66, bestEpoch: 3 })];

  it('a dotted line where the axis reaches it, listed in the chart\'s data table; none without a level or off the axis', () => {
    const scale = curvesScale(m, 'loss', 'linear');
    const o = curvesOption(m, ts, null, 'loss', scale, [], 'epoch', chance);
    expect(drawnTexts(o, { width: 700, height: 320 })).toContain('chance 0.6931');
    expect(optionTables(o).at(-1)).toEqual({ caption: 'lines marked on the chart', columns: ['line', 'axis', 'at'], rows: [['chance (always predicting the class frequencies)', 'val loss', Math.LN2]] });
    expect(drawnTexts(curvesOption(m, ts, null, 'loss', scale)).some((t) => t.startsWith('chance'))).toBe(false);
    expect(drawnTexts(curvesOption(m, ts, null, 'loss', scale, [], 'epoch', { value: 2.3, what: 'far above' })).some((t) => t.startsWith('chance'))).toBe(false);
  });
});

describe('the Curves tab\'s axis reaches the chance level where every curve is worse than it', () => {
  const worse = curveMap({
    trial: [0, 0, 0, 1, 1, 1], fold: [0, 0, 0, 0, 0, 0], epoch: [1, 2, 3, 1, 2, 3], valLoss: [0.84, 0.8, 0.76, 0.9, 0.78, 0.72], trainLoss: [0.8, 0.7, 0.65, 0.76, 0.69, 0.64],
    trainAccuracy: Array(6).fill(null), valAccuracy: [0.4, 0.42, 0.45, 0.38, 0.44, 0.47], valBalancedAccuracy: Array(6).fill(null), valRmse: Array(6).fill(null), valMae: Array(6).fill(null), valR2: Array(6).fill(null),
    lr: Array(6).fill(0.01), seconds: Array(6).fill(0.1),
  });

  it('loss above ln 2 (minimized), accuracy below a half (maximized): the axis is decided again with the level; without one it stays', () => {
    expect(curvesScale(worse, 'loss', 'linear').min).toBeGreaterThan(Math.LN2);
    expect(curvesScale(worse, 'loss', 'linear', null, chance).min).toBeLessThanOrEqual(Math.LN2);
    expect(curvesScale(worse, 'accuracy', 'linear').max).toBeLessThan(0.5);
    expect(curvesScale(worse, 'accuracy', 'linear', null, { value: 0.5, what: 'always answering the commonest class' }).max).toBeGreaterThanOrEqual(0.5);
    // Curves clearly better than chance keep their own axis.
    expect(curvesScale(worse, 'loss', 'linear', null, { value: 2.3, what: 'ten classes' })).toEqual(curvesScale(worse, 'loss', 'linear'));
  });
});

describe('the chance level on a trial\'s own curve and on each knob\'s chart', () => {
  const m = curveMap({
    trial: [0, 0, 0], fold: [0, 0, 0], epoch: [1, 2, 3], valLoss: [0.8, 0.76, 0.74], trainLoss: [0.75, 0.7, 0.66],
    trainAccuracy: Array(3).fill(null), valAccuracy: Array(3).fill(null), valBalancedAccuracy: Array(3).fill(null), valRmse: Array(3).fill(null), valMae: Array(3).fill(null), valR2: Array(3).fill(null),
    lr: Array(3).fill(0.01), seconds: Array(3).fill(0.1),
  });

  it('a trial whose validation loss stays above ln 2: its chart reaches the level and draws it; without one, its own axis', () => {
    const t = trialSummary(0, { objective: 0.74, bestEpoch: 3 });
    const o = trialCurveOption(m.get(0), t, 'loss', 'linear', null, 0, 'epoch', chance);
    expect(drawnTexts(o, { width: 520, height: 260 })).toContain('chance 0.6931');
    expect(optionTables(o).at(-1)?.rows).toContainEqual(['chance (always predicting the class frequencies)', 'loss', Math.LN2]);
    expect(drawnTexts(trialCurveOption(m.get(0), t, 'loss', 'linear', null, 0, 'epoch')).some((x) => x.startsWith('chance'))).toBe(false);
  });

  it('each knob\'s chart draws the objective\'s level across the knob where its axis reaches it', () => {
    const ts = Array.from({ length: 10 }, (_, i) => trialSummary(i, { objective: 0.6 + i * 0.02, knobs: { lr: 10 ** (-4 + i * 0.3) } }));
    const knob = { name: 'lr', log: true, categorical: false, categories: [], boxes: [], low: 1e-4, high: 1 };
    const o = knobScatterOption(ts, knob, viewOf(ts), null, false, chance);
    expect(drawnTexts(o, { width: 320, height: 240 })).toContain('chance 0.6931');
    expect(optionTables(o).at(-1)?.rows).toEqual([['chance (always predicting the class frequencies)', 'val_loss', Math.LN2]]);
    expect(drawnTexts(knobScatterOption(ts, knob, viewOf(ts))).some((x) => x.startsWith('chance'))).toBe(false);
  });
});
