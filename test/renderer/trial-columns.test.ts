// The trials table's columns (views/search/trialColumns.ts): their order and what their cells say.
// Here rather than in test/unit, whose type check covers the renderer's pure charts and models only.
import { describe, expect, it } from 'vitest';
import type { SearchDetail, TrialSummary } from '../../src-core/api/contract';
import { firstSortOrder, nextTrialSort, trialColumns } from '../../src-renderer/src/views/search/trialColumns';

const trial = (number: number, objective: number | null, extra: Partial<TrialSummary> = {}): TrialSummary => ({
  id: number + 1, number, round: 1, status: objective === null ? 'failed' : 'complete', knobs: { lr: 0.01 }, seed: 1, objective, bestEpoch: 1, stoppedEpoch: 1,
  stopReason: 'max_epochs', trainLoss: null, valLoss: objective, trainAccuracy: null, valAccuracy: null, durationS: 0.1, error: null, notes: '', tags: [], splitSeed: null, kernelPath: null, prune: null, ...extra,
});

describe('the trials table\'s columns', () => {
  it('the objective column comes right after status, before the knobs (eight knobs never push it off-screen), and keeps its sorting; the stop reason and best epoch in words', () => {
    const knobs = ['lr', 'hiddenUnits', 'depth', 'activation', 'dropout', 'l2', 'optimizer', 'batchSize'].map((name) => ({ name, type: 'float', log: false, low: 0, high: 1, values: null }));
    const d = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: 'val_loss', direction: 'minimize', knobs } as unknown as SearchDetail;
    const cols = trialColumns(d, [], () => {}) as { key: string; sorter?: (a: TrialSummary, b: TrialSummary) => number; render?: (t: TrialSummary) => unknown }[];
    expect(cols.map((c) => c.key).slice(0, 5)).toEqual(['compare', 'number', 'status', 'objective', 'knob:lr']);
    // A strategy with rounds (whatever its name) gets the round column.
    const c2f = trialColumns({ ...d, strategy: 'any new strategy', traits: { rounds: true, densities: false } } as SearchDetail, [], () => {}) as { key: string }[];
    expect(c2f.map((c) => c.key).slice(0, 5)).toEqual(['compare', 'number', 'round', 'status', 'objective']);
    const objective = cols.find((c) => c.key === 'objective')!;
    const rows = [trial(0, 0.5), trial(1, null, { status: 'diverged' }), trial(2, 0.2)];
    expect([...rows].sort(objective.sorter!).map((t) => t.number)).toEqual([2, 0, 1]);
    const render = (key: string, t: TrialSummary): unknown => cols.find((c) => c.key === key)!.render!(t);
    expect(render('stopReason', trial(3, 0.4, { stopReason: 'early_stopping' }))).toBe('early stopping');
    expect(render('stopReason', trial(3, 0.4))).toBe('max epochs');
    expect(render('bestEpoch', trial(4, null, { status: 'diverged', stopReason: 'diverged', bestEpoch: null }))).toBe('–');
  });

  it('the objective sorts best first on the first click, its arrow the way the values go: ↑ (ascend) minimized, ↓ (descend) maximized', () => {
    type Col = { key: string; sorter: (a: TrialSummary, b: TrialSummary) => number; customNextSortOrder: (o: 'ascend' | 'descend' | false) => 'ascend' | 'descend' | false };
    const rows = [trial(0, 0.95), trial(1, null, { status: 'diverged' }), trial(2, 0.98), trial(3, 0.9, { status: 'pruned', prune: { epoch: 2, step: 2, fold: 0, rule: 'median' } as TrialSummary['prune'] })];
    /** Naive UI's data table: the sorter as given for 'ascend', multiplied by −1 for 'descend'. */
    const sortAs = (c: Col, order: 'ascend' | 'descend'): number[] => [...rows].sort((a, b) => c.sorter(a, b) * (order === 'descend' ? -1 : 1)).map((t) => t.number);
    for (const direction of ['minimize', 'maximize'] as const) {
      const d = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: direction === 'maximize' ? 'val_accuracy' : 'val_loss', direction, knobs: [] } as unknown as SearchDetail;
      const c = (trialColumns(d, [], () => {}) as unknown as Col[]).find((k) => k.key === 'objective')!;
      const first = c.customNextSortOrder(false);
      expect(first).toBe(direction === 'maximize' ? 'descend' : 'ascend');
      // Best first, then the pruned, then the trials with no value, in either direction.
      expect(sortAs(c, first as 'ascend' | 'descend')).toEqual(direction === 'maximize' ? [2, 0, 3, 1] : [0, 2, 3, 1]);
      const second = c.customNextSortOrder(first);
      expect(second).toBe(first === 'ascend' ? 'descend' : 'ascend');
      expect(sortAs(c, second as 'ascend' | 'descend')).toEqual(direction === 'maximize' ? [1, 3, 0, 2] : [1, 3, 2, 0]);
      expect(c.customNextSortOrder(second)).toBe(false);
    }
  });

  it('a column newly sorted starts at its first order, even after another column was sorted (Naive UI would start it at descend); the table shows that one sort', () => {
    const min = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: 'val_loss', direction: 'minimize', knobs: [] } as unknown as SearchDetail;
    const max = { ...min, metric: 'val_accuracy', direction: 'maximize' } as SearchDetail;
    expect([firstSortOrder(min, 'objective'), firstSortOrder(max, 'objective'), firstSortOrder(min, 'seedMean'), firstSortOrder(min, 'number')]).toEqual(['ascend', 'descend', 'ascend', 'descend']);
    // Sorted by trial number first, then a click on the objective: Naive UI proposes descend (worst first for a loss); the best comes first.
    const byNumber = nextTrialSort(min, null, { columnKey: 'number', order: 'descend' });
    expect(byNumber).toEqual({ key: 'number', order: 'descend' });
    const byObjective = nextTrialSort(min, byNumber, { columnKey: 'objective', order: 'descend' });
    expect(byObjective).toEqual({ key: 'objective', order: 'ascend' });
    // The same column steps on as its customNextSortOrder says; cleared, it is no sort.
    expect(nextTrialSort(min, byObjective, { columnKey: 'objective', order: 'descend' })).toEqual({ key: 'objective', order: 'descend' });
    expect(nextTrialSort(min, byObjective, null)).toBeNull();
    type Col = { key: string; sorter?: unknown; sortOrder?: 'ascend' | 'descend' | false };
    const cols = trialColumns(min, [], () => {}, new Map(), byObjective) as unknown as Col[];
    expect(cols.filter((c) => c.sorter).map((c) => [c.key, c.sortOrder])).toEqual([['number', false], ['objective', 'ascend'], ['valAccuracy', false], ['durationS', false]]);
  });
});
