/**
 * How a trial ended, in words, as the app's drawer and tables and the CLI's `knobs trial` say it:
 * "early stopped", "stopped at epoch 12 (early stopping), best epoch 9", "pruned (rung 2)".
 */
import type { TrialSummary } from './contract';

/** Which trial numbers a search has, for a refusal of one it lacks: "its trials are numbered 0 to 59", or "it has none yet". */
export function trialNumbersText(numbers: readonly number[]): string {
  if (numbers.length === 0) return 'it has none yet';
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of numbers) {
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  return `its trials are numbered ${lo} to ${hi}`;
}

/** A status or stop reason in words, as every view writes it: "early_stopped" reads "early stopped", "max_epochs" "max epochs". */
export const statusWord = (word: string): string => word.replace(/_/g, ' ');

/** Why a trial stopped, in words: a pruned trial names its pruner's rule ("pruned (median)", "pruned (rung 2)"); empty while it runs. */
export function stopReasonText(t: Pick<TrialSummary, 'stopReason' | 'prune'>): string {
  if (t.prune) return `pruned (${pruneWhere(t.prune)})`;
  return statusWord(t.stopReason ?? '');
}

/** The rule's part of a pruned trial's stop reason: one case per rule, so a new pruner fails the type check here until it has its words. */
function pruneWhere(p: NonNullable<TrialSummary['prune']>): string {
  switch (p.rule) {
    case 'median':
      return 'median';
    case 'asha':
    case 'hyperband':
      return `rung ${(p.rung ?? 0) + 1}`;
    default: {
      const rule: never = p.rule;
      return String(rule);
    }
  }
}

/** What the drawer says of how a trial ended: "stopped at epoch 12 (early stopping), best epoch 9"; a trial with no finite loss says it has no best epoch. */
export function stopSentence(t: Pick<TrialSummary, 'bestEpoch' | 'trainLoss' | 'stoppedEpoch' | 'stopReason' | 'prune'>): string {
  const best = t.bestEpoch;
  const why = stopReasonText(t);
  const stop = `stopped at epoch ${t.stoppedEpoch ?? '–'}${why ? ` (${why})` : ''}`;
  if (best !== null) return `${stop}, best epoch ${best}`;
  return `${stop}, no epoch with a finite ${t.trainLoss === null ? 'loss' : 'validation loss'}`;
}
