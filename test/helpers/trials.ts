import type { TrialSummary } from '../../src-core/api/contract';

/**
 * A trial summary for renderer tests: a complete trial of one epoch whose objective is its
 * validation loss, every other field a plain default; `fields` sets what a test is about. One
 * place to add a field the contract gains.
 */
export function trialSummary(number: number, fields: Partial<TrialSummary> = {}): TrialSummary {
  const objective = fields.objective === undefined ? 0.5 : fields.objective;
  return {
    id: number + 1, number, round: 1, status: 'complete', knobs: { lr: 0.01 }, seed: 1, objective, bestEpoch: 1, stoppedEpoch: 1,
    stopReason: 'max_epochs', trainLoss: null, valLoss: objective, trainAccuracy: null, valAccuracy: null, durationS: 0.1, error: null,
    notes: '', tags: [], splitSeed: null, kernelPath: null, startedAt: null, finishedAt: null, prune: null, ...fields,
  };
}
