// A coarse-to-fine search's best-so-far chart marks where each round after the first begins, so
// the steps of the best so far read against the box each round narrowed to.
import { describe, expect, it } from 'vitest';
import type { TrialSummary } from '../../src-core/api/contract';
import { bestSoFarOption, roundStarts, type ObjectiveView } from '../../src-renderer/src/charts/options';
import { objectiveScale } from '../../src-renderer/src/charts/scale';
import { trialSummary } from '../helpers/trials';
import { drawnTexts } from './drawn';

/** Three rounds of 10 trials; two workers finish them out of order, so the list is not by number. */
const rounds: TrialSummary[] = Array.from({ length: 30 }, (_, i) => trialSummary(i, { round: Math.floor(i / 10) + 1, objective: 1 / (i + 2) })).reverse();
const viewOf = (ts: TrialSummary[]): ObjectiveView => ({ metric: 'val_loss', direction: 'minimize', scale: objectiveScale(ts.map((t) => t.objective)) });

describe('round marks on best so far', () => {
  it('each round after the first begins at its lowest-numbered trial', () => {
    expect(roundStarts(rounds)).toEqual([{ round: 2, at: 10 }, { round: 3, at: 20 }]);
    // A round whose first trial failed and is listed last still begins there.
    const failedFirst = rounds.map((t) => (t.number === 20 ? { ...t, status: 'failed' as const, objective: null } : t));
    expect(roundStarts(failedFirst)).toEqual([{ round: 2, at: 10 }, { round: 3, at: 20 }]);
    expect(roundStarts(rounds.filter((t) => t.round === 1))).toEqual([]);
    expect(roundStarts([])).toEqual([]);
  });

  it('draws "round 2" and "round 3" between the last trial of a round and the first of the next; nothing for one round', () => {
    const option = bestSoFarOption(rounds, viewOf(rounds));
    const series = option.series as { name: string; markLine?: { data: { xAxis: number; name: string }[] } }[];
    expect(series.find((s) => s.name === 'trial')?.markLine?.data).toEqual([{ xAxis: 9.5, name: 'round 2' }, { xAxis: 19.5, name: 'round 3' }]);
    const texts = drawnTexts(option, { width: 700, height: 320 });
    expect(texts).toContain('round 2');
    expect(texts).toContain('round 3');
    const one = rounds.filter((t) => t.round === 1);
    expect(drawnTexts(bestSoFarOption(one, viewOf(one))).some((t) => t.startsWith('round'))).toBe(false);
  });
});
