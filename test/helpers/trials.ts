import type { SearchSummary, TrialSummary } from '../../src-core/api/contract';

/**
 * A trial summary for renderer tests: a complete trial of one epoch whose objective is its
 * validation loss, every other field a plain default; `fields` sets what a test is about. One
 * place to add a field the contract gains.
 */
export function trialSummary(number: number, fields: Partial<TrialSummary> = {}): TrialSummary {
  const objective = fields.objective === undefined ? 0.5 : fields.objective;
  return {
    id: number + 1, number, round: 1, status: 'complete', knobs: { lr: 0.01 }, seed: 1, objective, bestEpoch: 1, stoppedEpoch: 1,
    stopReason: 'max_epochs', trainLoss: null, valLoss: objective, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, durationS: 0.1, error: null,
    notes: '', tags: [], splitSeed: null, kernelPath: null, startedAt: null, finishedAt: null, prune: null, ...fields,
  };
}

/** A search summary for renderer tests: a complete random search of 5 trials on val_loss in project 1 "alpha"; `fields` sets what a test is about. */
export function searchSummary(id: number, fields: Partial<SearchSummary> = {}): SearchSummary {
  return {
    id, projectId: 1, project: 'alpha', name: `search ${id}`, status: 'complete', strategy: 'random', metric: 'val_loss', direction: 'minimize', dataset: 'digits', plannedTrials: 5,
    counts: {}, finished: 5, best: null, stopReason: null, createdAt: '', startedAt: null, finishedAt: null, meanTrialSeconds: null, workers: 1, runElsewhere: null,
    parentId: null, reruns: [], notes: '', tags: [], ...fields,
  };
}
