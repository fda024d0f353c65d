import type { PruneInfo, PruningSummary } from '../../../src-core/api/contract';
import { fmt } from '../charts/trials';

const RULE: Record<PruneInfo['rule'], string> = { median: 'the median rule', asha: 'ASHA', hyperband: 'Hyperband' };
const ordinal = (n: number): string => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/** Where a trial was stopped, in words: "epoch 9", or "epoch 9 of fold 3" for k-fold. */
export function whereStopped(p: Pick<PruneInfo, 'fold' | 'epoch'>): string {
  return p.fold > 0 ? `epoch ${p.epoch} of fold ${p.fold + 1}` : `epoch ${p.epoch}`;
}

/**
 * Which rule stopped a trial and against which values, in sentences the trial drawer shows.
 *
 * @example
 *   pruneExplanation({ rule: 'asha', step: 9, fold: 0, epoch: 9, value: 0.41, threshold: 0.38, compared: 12, rung: 1, keep: 4, rank: 5, lastStep: 100 }, 'val_loss', 'minimize')
 *   // "Stopped by ASHA at epoch 9, its 2nd rung. Its best val_loss so far, 0.41, ranked 5th of the 12 values recorded there (its own included); only the best 4 go on (val_loss ≤ 0.38)."
 */
export function pruneExplanation(p: PruneInfo, metric: string, direction: 'minimize' | 'maximize'): string {
  const worse = direction === 'minimize' ? 'above' : 'below';
  const bound = direction === 'minimize' ? '≤' : '≥';
  const where = whereStopped(p);
  const best = `Its best ${metric} so far, ${fmt(p.value)}`;
  // One case per rule: a new pruner fails the type check here until it says how it decides, instead of reading another rule's words.
  switch (p.rule) {
    case 'median':
      return `Stopped by the median rule at ${where}. ${best}, was ${worse} ${fmt(p.threshold)}, the median of the ${p.compared} finished trial${p.compared === 1 ? '' : 's'} at the same epoch.`;
    case 'asha':
    case 'hyperband': {
      const rung = `its ${ordinal((p.rung ?? 0) + 1)} rung${p.bracket !== undefined ? ` (bracket ${p.bracket})` : ''}`;
      return `Stopped by ${RULE[p.rule]} at ${where}, ${rung}. ${best}, ranked ${ordinal(p.rank ?? p.compared)} of the ${p.compared} values recorded there (its own included); only the best ${p.keep ?? 1} go on (${metric} ${bound} ${fmt(p.threshold)}).`;
    }
    default: {
      const rule: never = p.rule;
      return `Stopped by ${String(rule)} at ${where}. ${best}, against ${fmt(p.threshold)}.`;
    }
  }
}

/** What pruning saved: epochs trained against what the same trials would have trained without it, as "saved 71%". */
export function savedShare(s: Pick<PruningSummary, 'epochsTrained' | 'epochsUnpruned'>): { share: number; text: string } {
  const share = s.epochsUnpruned > 0 ? 1 - s.epochsTrained / s.epochsUnpruned : 0;
  return { share, text: `saved ${Math.round(share * 100)}%` };
}

/**
 * The epochs pruning left out, in words, figures written as everywhere in Knobs (no thousands separator):
 * "2900 epochs trained of the 10000 these trials would have trained without pruning; 51 trials pruned."
 */
export function epochsText(s: Pick<PruningSummary, 'epochsTrained' | 'epochsUnpruned'>, pruned: number): string {
  return `${fmt(s.epochsTrained)} epochs trained of the ${fmt(s.epochsUnpruned)} these trials would have trained without pruning; ${fmt(pruned)} trial${pruned === 1 ? '' : 's'} pruned.`;
}
