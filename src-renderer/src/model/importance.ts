import type { SearchImportance } from '../../../src-core/api/contract';
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
 * enters ("… by its rank, so a few huge losses do not decide it" on a loss, "… a very low accuracy" on accuracy).
 */
export function importanceNote(imp: Pick<SearchImportance, 'trials' | 'leftOut' | 'transform'>, metric: string, direction: 'minimize' | 'maximize'): string {
  const left = imp.leftOut > 0
    ? ` (${plural(imp.leftOut, 'trial')} that did not run to ${imp.leftOut === 1 ? 'its' : 'their'} end — failed, diverged or pruned — left out)`
    : '';
  const how = imp.transform === 'rank' ? `the objective enters by its rank, so ${outliers(metric, direction)} do not decide it` : 'the objective enters as measured';
  return `Over ${plural(imp.trials, 'trial')}${left}; ${how}.`;
}
