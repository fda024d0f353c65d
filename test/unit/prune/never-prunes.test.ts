// A pruner set to judge only at or after a trial's last epoch would run a search that prunes
// nothing while the dashboard says it prunes: the spec is refused at the setting, naming a value
// that would work (hand-worked: 3 epochs; 5 × 20 epochs under 5-fold cross-validation).
import { describe, expect, it } from 'vitest';
import { issueText } from '../../../src-core/errors';
import { validateSpace } from '../../../src-core/search';
import { SpecError } from '../../../src-core/spec/errors';
import { parseSpec } from '../../../src-core/spec/spec';

const issues = (spec: Record<string, unknown>): string[] => {
  try {
    validateSpace(parseSpec({ dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } }, ...spec }));
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.issues.map(issueText);
  }
};

describe('a pruner that could never prune is refused', () => {
  it('ASHA and Hyperband with a first rung at or after the last epoch', () => {
    expect(issues({ train: { epochs: 3 }, pruner: { kind: 'hyperband', minEpochs: 50 } })).toEqual([
      'pruner.minEpochs: a first rung at epoch 50 comes at or after a trial\'s last (it trains at most 3 epochs), so nothing would be pruned; use a minEpochs below 3',
    ]);
    expect(issues({ train: { epochs: 3 }, pruner: { kind: 'asha', minEpochs: 3 } })).toHaveLength(1);
    expect(issues({ train: { epochs: 3 }, pruner: { kind: 'asha', minEpochs: 2 } })).toEqual([]);
    // Under 5-fold cross-validation a trial's steps are 5 × 20: a rung at epoch 40 is in its third fold.
    expect(issues({ train: { epochs: 20 }, split: { kind: 'kfold', k: 5 }, pruner: { kind: 'asha', minEpochs: 40 } })).toEqual([]);
    expect(issues({ train: { epochs: 20 }, split: { kind: 'kfold', k: 5 }, pruner: { kind: 'asha', minEpochs: 100 } })).toEqual([
      'pruner.minEpochs: a first rung at epoch 100 comes at or after a trial\'s last (it trains at most 100 epochs (5 folds × 20)), so nothing would be pruned; use a minEpochs below 100',
    ]);
  });

  it('the median rule with a warm-up that leaves only the last epoch, or none', () => {
    expect(issues({ train: { epochs: 3 }, pruner: { kind: 'median', warmupEpochs: 2 } })).toEqual([
      'pruner.warmupEpochs: 2 leaves no epoch to judge: a trial trains at most 3 epochs; use fewer than 2',
    ]);
    expect(issues({ train: { epochs: 3 }, pruner: { kind: 'median', warmupEpochs: 1 } })).toEqual([]);
  });

  it('the defaults (a tenth of the epochs) and a moving epoch count are judged by the most epochs', () => {
    expect(issues({ train: { epochs: 1 }, pruner: { kind: 'asha' } })).toEqual([]);
    expect(issues({ space: { epochs: { type: 'int', low: 5, high: 60 } }, pruner: { kind: 'asha', minEpochs: 30 } })).toEqual([]);
  });
});
