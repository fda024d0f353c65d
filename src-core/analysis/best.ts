/**
 * The best trials of a search and what the best value does not say by itself: one ranking for the
 * dashboard's Best trials, `knobs trials`, and the top configurations a seed re-run takes. Pure: the
 * renderer and the CLI both use it.
 */
import { figure } from '../format';

/** What ranking needs of a trial. */
export interface Ranked {
  number: number;
  status: string;
  objective: number | null;
}

/**
 * The `k` best trials by the objective, best first, equal values in the order they ran (by number):
 * every trial with a finite value but a pruned one (the pruner stopped it against the others), as a
 * search's best (its summary, the sidebar, `knobs list`) counts them. A seed re-run takes its top
 * configurations from the trials that ran their course (`RESULT_TRIAL_STATUSES`) only.
 */
export function bestTrials<T extends Ranked>(trials: readonly T[], direction: 'minimize' | 'maximize', k: number): T[] {
  const sign = direction === 'minimize' ? 1 : -1;
  return trials
    .filter((t) => t.status !== 'pruned' && t.objective !== null && Number.isFinite(t.objective))
    .sort((a, b) => sign * (a.objective! - b.objective!) || a.number - b.number)
    .slice(0, k);
}

/**
 * What the best value does not say by itself, in words under the best trials; null when nothing:
 * - several trials share it exactly (accuracy on a few validation rows takes few values; a loss of
 *   0 is common to every saturated network): the objective cannot rank them, and the search's best
 *   is merely the first of them to run;
 * - it is the metric's own limit (a loss or RMSE of 0, accuracy or R² of 1): every validation row
 *   is right, so nothing better can be found, and a validation loss of exactly 0 means outputs
 *   saturated to probability 1, which a few validation rows reward by luck.
 */
export function bestValueNote(trials: readonly Ranked[], direction: 'minimize' | 'maximize', metric: string, bound?: { low?: number | null; high?: number | null }): string | null {
  const ranked = bestTrials(trials, direction, Infinity);
  if (ranked.length === 0) return null;
  const best = ranked[0].objective!;
  const ties = ranked.filter((t) => t.objective === best).length;
  const limit = direction === 'minimize' ? bound?.low : bound?.high;
  const atLimit = typeof limit === 'number' && Number.isFinite(limit) && best === limit;
  const parts: string[] = [];
  if (ties > 1) parts.push(`${ties} trials tie at ${metric} ${figure(best)}: the objective cannot rank them, so they are listed in the order they ran (the search's best is the first).`);
  if (atLimit && metric === 'val_loss') {
    parts.push('A validation loss of exactly 0 means every validation row was predicted with probability 1 to the last digit: the outputs are saturated (very large weights or logits), which is no proof of a good model. On few validation rows that is often luck: open a trial for its diagnostics, or re-run the top configurations with several seeds to see their spread.');
  } else if (atLimit) {
    parts.push(`${metric} ${figure(best)} is the best it can be: every validation row is right, so the objective has no room left to tell these configurations apart. A finer objective (val_loss) or more validation rows (k-fold) can.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}
