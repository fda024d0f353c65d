import { describe, expect, it } from 'vitest';
import { objectiveSchema, strategySchema } from '../../src-core/spec/spec';
import { trainSchema, TRAIN_KEYS } from '../../src-core/spec/train';
import {
  BOOLEAN_TRAIN_KEYS, defaultDirection, FINISHED_TRIAL_STATUSES, finishedCount, INT_TRAIN_KEYS, MAXIMIZED_METRICS, OBJECTIVE_METRICS,
  TRIAL_STATUSES, UNFINISHED_TRIAL_STATUSES,
} from '../../src-core/vocabulary';
import { EDITOR_STRATEGY_KINDS, STRATEGY_KINDS } from '../../src-core/search/registry';

const accepts = (key: string, value: unknown): boolean => trainSchema.safeParse({ [key]: value }).success;

describe('the vocabulary agrees with the spec it describes', () => {
  it('the integer train keys are exactly those whose schema takes 2 but refuses 2.5', () => {
    expect(TRAIN_KEYS.filter((k) => accepts(k, 2) && !accepts(k, 2.5))).toEqual([...INT_TRAIN_KEYS]);
  });

  it('the boolean train keys are exactly those whose schema takes true', () => {
    expect(TRAIN_KEYS.filter((k) => accepts(k, true))).toEqual([...BOOLEAN_TRAIN_KEYS]);
  });

  it('every strategy the editor offers is a kind the spec accepts with its defaults, and nothing else is', () => {
    for (const kind of EDITOR_STRATEGY_KINDS) expect(strategySchema.safeParse({ kind }).success, kind).toBe(true);
    expect(strategySchema.safeParse({ kind: 'bayes' }).success).toBe(false);
  });

  it('the editor offers every registered kind but the seed re-run, which needs another search\'s configurations', () => {
    expect(STRATEGY_KINDS.filter((k) => !EDITOR_STRATEGY_KINDS.includes(k))).toEqual(['rerun']);
    const r = strategySchema.safeParse({ kind: 'rerun' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toMatchObject([{ path: ['configs'], message: expect.stringMatching(/a seed re-run writes this strategy for you \("knobs rerun SEARCH"/) }]);
    expect(strategySchema.safeParse({ kind: 'rerun', configs: [] }).error?.issues).toMatchObject([{ path: ['configs'], message: expect.stringMatching(/^list at least one configuration/) }]);
  });

  it('a metric\'s default direction is the spec\'s: maximize exactly for accuracy and R²', () => {
    for (const metric of OBJECTIVE_METRICS) expect(defaultDirection(metric), metric).toBe(objectiveSchema.parse({ metric }).direction);
    expect(OBJECTIVE_METRICS.filter((m) => defaultDirection(m) === 'maximize')).toEqual(['val_accuracy', 'val_balanced_accuracy', 'val_r2']);
    expect([...MAXIMIZED_METRICS]).toEqual(['val_accuracy', 'val_balanced_accuracy', 'val_r2']);
  });

  it('a trial is finished or unfinished, never both; finishedCount sums only the finished', () => {
    expect([...FINISHED_TRIAL_STATUSES, ...UNFINISHED_TRIAL_STATUSES].sort()).toEqual([...TRIAL_STATUSES].sort());
    expect(FINISHED_TRIAL_STATUSES).toEqual(['complete', 'early_stopped', 'pruned', 'diverged', 'failed']);
    // 3 complete + 2 early stopped + 6 pruned + 1 diverged + 4 failed = 16; queued, running, interrupted and cancelled (a resume runs them again) count nothing.
    expect(finishedCount({ complete: 3, early_stopped: 2, pruned: 6, diverged: 1, failed: 4, cancelled: 1, queued: 7, running: 2, interrupted: 5 })).toBe(16);
    expect(finishedCount({})).toBe(0);
  });
});
