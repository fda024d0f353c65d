import type { ImportanceStep, SearchImportance } from '../../../src-core/api/contract';
import { stepWords } from '../../../src-core/api/labels';
import { plural } from './status';

/**
 * The values of a metric that ranking keeps from swamping the rest: the bad end, which only losses
 * and errors reach by being huge (accuracy and R² go wrong by being low).
 */
function outliers(metric: string, direction: 'minimize' | 'maximize'): string {
  if (direction === 'minimize' && (metric === 'val_loss' || metric === 'train_loss')) return 'a few huge losses';
  if (direction === 'minimize' && (metric === 'val_rmse' || metric === 'val_mae')) return 'a few huge errors';
  if (direction === 'maximize' && (metric === 'val_accuracy' || metric === 'val_balanced_accuracy')) return 'a few trials with a very low accuracy';
  if (direction === 'maximize' && metric === 'val_r2') return 'a few trials with an R² far below 0';
  return 'a few extreme values';
}

/**
 * What the importance is computed over, in words: the trials, those left out, and how the objective
 * enters ("… by its rank, so a few huge losses do not decide it" on a loss, "… a very low accuracy" on
 * accuracy). At a pruner's step: the trials that reached it, each by its best value there.
 */
export function importanceNote(imp: Pick<SearchImportance, 'trials' | 'leftOut' | 'transform'> & { step?: ImportanceStep | null }, metric: string, direction: 'minimize' | 'maximize'): string {
  const how = imp.transform === 'rank' ? `the objective enters by its rank, so ${outliers(metric, direction)} do not decide it` : 'the objective enters as measured';
  if (imp.step) {
    const left = imp.leftOut > 0 ? ` (${plural(imp.leftOut, 'other trial')} left out: stopped before it, failed or diverged)` : '';
    return `At ${stepWords(imp.step)}: over the ${plural(imp.trials, 'trial')} that reached it, pruned or not, each by its best ${metric} so far there${left}; ${how}. ` +
      'The Search space tab\'s lines stay those of the trials that ran to their end.';
  }
  const left = imp.leftOut > 0
    ? ` (${plural(imp.leftOut, 'trial')} that did not run to ${imp.leftOut === 1 ? 'its' : 'their'} end — failed, diverged or pruned — left out)`
    : '';
  return `Over ${plural(imp.trials, 'trial')}${left}; ${how}.`;
}

/** The most steps the importance panel offers (a median pruner watches every epoch). */
export const OFFERED_STEPS = 5;

/**
 * The pruner's steps the importance panel offers to read at: those that more trials reached than ran
 * to their end (`ended`), and at least MIN_STEP_TRIALS; at most OFFERED_STEPS, evenly spread over
 * them, the first and the last kept.
 */
export function offeredSteps(steps: readonly ImportanceStep[], ended: number): ImportanceStep[] {
  const more = steps.filter((s) => s.trials > ended && s.trials >= MIN_STEP_TRIALS);
  if (more.length <= OFFERED_STEPS) return more;
  const picked = new Set(Array.from({ length: OFFERED_STEPS }, (_, i) => Math.round((i * (more.length - 1)) / (OFFERED_STEPS - 1))));
  return more.filter((_, i) => picked.has(i));
}

/** Fewer trials at a step than this get no forest (the engine's MIN_TRIALS, whose module the renderer cannot load: a test keeps them equal), so the step is not offered. */
export const MIN_STEP_TRIALS = 4;
