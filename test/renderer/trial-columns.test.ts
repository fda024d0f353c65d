// The trials table's columns (views/search/trialColumns.ts): their order and what their cells say.
// Here rather than in test/unit, whose type check covers the renderer's pure charts and models only.
import { describe, expect, it } from 'vitest';
import type { SearchDetail, TrialSummary } from '../../src-core/api/contract';
import { firstSortOrder, nextTrialSort, trialColumns } from '../../src-renderer/src/views/search/trialColumns';
import { trialSummary } from '../helpers/trials';

const trial = (number: number, objective: number | null, extra: Partial<TrialSummary> = {}): TrialSummary =>
  trialSummary(number, { status: objective === null ? 'failed' : 'complete', objective, ...extra });

describe('the trials table\'s columns', () => {
  it('the objective column comes right after status, before the knobs (eight knobs never push it off-screen), and keeps its sorting; the stop reason and best epoch in words', () => {
    const knobs = ['lr', 'hiddenUnits', 'depth', 'activation', 'dropout', 'l2', 'optimizer', 'batchSize'].map((name) => ({ name, type: 'float', log: false, low: 0, high: 1, values: null }));
    const d = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: 'val_loss', direction: 'minimize', knobs } as unknown as SearchDetail;
    const cols = trialColumns(d, [], [], () => {}) as { key: string; sorter?: (a: TrialSummary, b: TrialSummary) => number; render?: (t: TrialSummary) => unknown }[];
    expect(cols.map((c) => c.key).slice(0, 5)).toEqual(['compare', 'number', 'status', 'objective', 'knob:lr']);
    // A strategy with rounds (whatever its name) gets the round column.
    const c2f = trialColumns({ ...d, strategy: 'any new strategy', traits: { rounds: true, densities: false } } as SearchDetail, [], [], () => {}) as { key: string }[];
    expect(c2f.map((c) => c.key).slice(0, 5)).toEqual(['compare', 'number', 'round', 'status', 'objective']);
    const objective = cols.find((c) => c.key === 'objective')!;
    const rows = [trial(0, 0.5), trial(1, null, { status: 'diverged' }), trial(2, 0.2)];
    expect([...rows].sort(objective.sorter!).map((t) => t.number)).toEqual([2, 0, 1]);
    const render = (key: string, t: TrialSummary): unknown => cols.find((c) => c.key === key)!.render!(t);
    expect(render('stopReason', trial(3, 0.4, { stopReason: 'early_stopping' }))).toBe('early stopping');
    expect(render('stopReason', trial(3, 0.4))).toBe('max epochs');
    expect(render('bestEpoch', trial(4, null, { status: 'diverged', stopReason: 'diverged', bestEpoch: null }))).toBe('–');
  });

  it('when each trial started, in local time; with its date where the search ran on more than one day; sorted by start', () => {
    const d = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: 'val_loss', direction: 'minimize', knobs: [] } as unknown as SearchDetail;
    type Col = { key: string; sorter: (a: TrialSummary, b: TrialSummary) => number; render: (t: TrialSummary) => unknown };
    const text = (v: unknown): string => (typeof v === 'string' ? v : String((v as { children?: unknown }).children ?? ''));
    const sameDay = [trial(0, 0.5, { startedAt: '2026-11-20T12:00:07.000Z' }), trial(1, 0.4, { startedAt: '2026-11-20T11:59:31.000Z' }), trial(2, null, { status: 'queued' })];
    const col = (trials: TrialSummary[]): Col => (trialColumns(d, trials, [], () => {}) as unknown as Col[]).find((c) => c.key === 'startedAt')!;
    const one = col(sameDay);
    // Hours follow the local time zone; the seconds do not.
    expect(text(one.render(sameDay[0]))).toMatch(/^\d\d:\d\d:07$/);
    expect(text(one.render(sameDay[2]))).toBe('');
    expect([...sameDay].sort(one.sorter).map((t) => t.number)).toEqual([2, 1, 0]);
    // Resumed two days later: each start says its day.
    const days = [...sameDay, trial(3, 0.3, { startedAt: '2026-11-22T12:00:00.000Z' })];
    expect(text(col(days).render(days[3]))).toMatch(/^2[12] Nov \d\d:\d\d:00$/);
  });

  it('the objective sorts best first on the first click, its arrow the way the values go: ↑ (ascend) minimized, ↓ (descend) maximized', () => {
    type Col = { key: string; sorter: (a: TrialSummary, b: TrialSummary) => number; customNextSortOrder: (o: 'ascend' | 'descend' | false) => 'ascend' | 'descend' | false };
    const rows = [trial(0, 0.95), trial(1, null, { status: 'diverged' }), trial(2, 0.98), trial(3, 0.9, { status: 'pruned', prune: { epoch: 2, step: 2, fold: 0, rule: 'median' } as TrialSummary['prune'] })];
    /** Naive UI's data table: the sorter as given for 'ascend', multiplied by −1 for 'descend'. */
    const sortAs = (c: Col, order: 'ascend' | 'descend'): number[] => [...rows].sort((a, b) => c.sorter(a, b) * (order === 'descend' ? -1 : 1)).map((t) => t.number);
    for (const direction of ['minimize', 'maximize'] as const) {
      const d = { strategy: 'tpe', traits: { rounds: false, densities: true }, metric: direction === 'maximize' ? 'val_accuracy' : 'val_loss', direction, knobs: [] } as unknown as SearchDetail;
      const c = (trialColumns(d, rows, [], () => {}) as unknown as Col[]).find((k) => k.key === 'objective')!;
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
    const cols = trialColumns(min, [], [], () => {}, new Map(), byObjective) as unknown as Col[];
    expect(cols.filter((c) => c.sorter).map((c) => [c.key, c.sortOrder])).toEqual([['number', false], ['objective', 'ascend'], ['valAccuracy', false], ['durationS', false], ['startedAt', false]]);
  });

  it('each column of numbers has one format for all its values, whatever the filter shows: a loss spanning decades all in powers of ten, knobs and accuracies with shared decimals, whole numbers whole', () => {
    const knobs = [
      { name: 'lr', type: 'float', log: true, low: 1e-4, high: 30 },
      { name: 'hiddenUnits', type: 'int', log: true, low: 4, high: 64 },
      { name: 'dropout', type: 'float', log: false, low: 0, high: 0.5, step: 0.1 },
      { name: 'optimizer', type: 'categorical', log: false, values: ['adam', 'sgd'] },
    ];
    const d = { strategy: 'random', traits: { rounds: false, densities: false }, metric: 'val_loss', direction: 'minimize', knobs } as unknown as SearchDetail;
    // The audit's column: 940125 beside 1.039e+6.
    const rows = [
      trial(0, 0.3512, { knobs: { lr: 2.2548e-4, hiddenUnits: 9, dropout: 0.1, optimizer: 'adam' }, valAccuracy: 0.9 }),
      trial(1, 940125.3, { knobs: { lr: 25.15, hiddenUnits: 64, dropout: 0.30000000000000004, optimizer: 'sgd' }, valAccuracy: 0.8625 }),
      trial(2, 1039012, { knobs: { lr: 0.002306, hiddenUnits: 19, dropout: 0, optimizer: 'adam' }, valAccuracy: 0.5, status: 'pruned' }),
      trial(3, null, { status: 'diverged', knobs: { lr: 3.481, hiddenUnits: 15, dropout: 0.5, optimizer: 'adam' }, bestEpoch: null, stoppedEpoch: 5 }),
    ];
    type Col = { key: string; align?: string; render: (t: TrialSummary) => unknown };
    const cols = trialColumns(d, rows, [], () => {}) as unknown as Col[];
    /** What a cell shows: its text, or the text of the element it renders. */
    const text = (v: unknown): string => (typeof v === 'string' ? v : String((v as { children: unknown }).children));
    const column = (key: string): string[] => rows.map((t) => text(cols.find((c) => c.key === key)!.render(t)));
    expect(column('objective')).toEqual(['3.512e-1', '9.401e+5', '1.039e+6', 'diverged']);
    expect(column('knob:lr')).toEqual(['2.255e-4', '2.515e+1', '2.306e-3', '3.481e+0']);
    expect(column('knob:hiddenUnits')).toEqual(['9', '64', '19', '15']);
    expect(column('knob:dropout')).toEqual(['0.1', '0.3', '0.0', '0.5']);
    expect(column('knob:optimizer')).toEqual(['Adam', 'SGD', 'Adam', 'Adam']);
    expect(column('valAccuracy')).toEqual(['0.9000', '0.8625', '0.5000', '–']);
    expect(column('bestEpoch')).toEqual(['1', '1', '1', '–']);
    // The format is the column's, not the rows': the same for a trial whatever else is shown.
    const alone = trialColumns(d, rows, [], () => {}) as unknown as Col[];
    expect(text(alone.find((c) => c.key === 'objective')!.render(rows[0]))).toBe('3.512e-1');
    // Numbers right-aligned (their decimals line up), words not.
    expect(Object.fromEntries(cols.map((c) => [c.key, c.align ?? 'left']))).toMatchObject({ objective: 'right', 'knob:lr': 'right', 'knob:optimizer': 'left', status: 'left', valAccuracy: 'right' });
  });
});

describe('the validation accuracy column', () => {
  it('is there for a classification search, before its first trial too; not for a regression one, which would show only dashes', () => {
    const withMetric = (metric: string) => ({ strategy: 'tpe', traits: { rounds: false, densities: true }, metric, direction: 'minimize', knobs: [] }) as unknown as SearchDetail;
    const keys = (metric: string, trials: TrialSummary[]): string[] => (trialColumns(withMetric(metric), trials, [], () => {}) as { key: string }[]).map((c) => c.key);
    // Not beside an objective column that is the accuracy already.
    expect(keys('val_accuracy', [])).not.toContain('valAccuracy');
    expect(keys('val_loss', [])).toContain('valAccuracy');
    expect(keys('val_loss', [trial(0, 0.3, { valAccuracy: 0.9 }), trial(1, null, { status: 'diverged', bestEpoch: null })])).toContain('valAccuracy');
    // A regression metric, or ended trials of which none reported an accuracy (a regression search on val_loss).
    expect(keys('val_rmse', [])).not.toContain('valAccuracy');
    expect(keys('val_r2', [])).not.toContain('valAccuracy');
    expect(keys('val_loss', [trial(0, 0.3, { valAccuracy: null }), trial(1, 0.2, { valAccuracy: null })])).not.toContain('valAccuracy');
    // A trial that diverged before any epoch says nothing either way.
    expect(keys('val_loss', [trial(0, null, { status: 'diverged', bestEpoch: null, valAccuracy: null })])).toContain('valAccuracy');
  });

  it('balanced accuracy stands beside it where it differs from the accuracy (classes of unequal sizes), unless it is the objective', () => {
    const withMetric = (metric: string) => ({ strategy: 'random', traits: { rounds: false, densities: false }, metric, direction: 'maximize', knobs: [] }) as unknown as SearchDetail;
    const keys = (metric: string, trials: TrialSummary[]): string[] => (trialColumns(withMetric(metric), trials, [], () => {}) as { key: string }[]).map((c) => c.key);
    const recorded = [trial(0, 0.96, { valAccuracy: 0.96, valBalancedAccuracy: 0.5 })];
    expect(keys('val_accuracy', recorded)).toContain('valBalancedAccuracy');
    expect(keys('val_loss', recorded)).toContain('valBalancedAccuracy');
    expect(keys('val_balanced_accuracy', recorded)).not.toContain('valBalancedAccuracy');
    // Trials stored before Knobs kept it: no column of dashes.
    expect(keys('val_accuracy', [trial(0, 0.96, { valAccuracy: 0.96 })])).not.toContain('valBalancedAccuracy');
    // Evenly split classes: the two are the same number, and one column of it is enough.
    expect(keys('val_loss', [trial(0, 0.3, { valAccuracy: 0.825, valBalancedAccuracy: 0.825 }), trial(1, 0.4, { valAccuracy: 0.5, valBalancedAccuracy: 0.502 })])).not.toContain('valBalancedAccuracy');
  });
});
