/**
 * The chance level of a search's objective: what a model that ignores its inputs and always gives
 * the same answer scores on the validation rows. A search whose best trial is no better than that
 * has learned next to nothing from the features: the dashboard draws the level on its objective
 * charts and curves, and says so under Best trials, as `knobs trials` and `knobs run` do.
 *
 * Read from what the trials stored, not from the data set (which a search on a CSV file would have
 * to read again): the validation rows' classes are a finished trial's confusion matrix's row sums
 * (every fold's rows, in a k-fold search). Pure: the Workbench and the CLI both use it.
 */
import type { ObjectiveChance } from '../api/contract';
import { figure } from '../format';

/** What the chance level is read from. */
export interface ChanceInput {
  metric: string;
  task: 'classification' | 'regression';
  /** Validation rows per class (a confusion matrix's row sums); classes without rows are left out. */
  classRows?: readonly number[];
  /** The loss weighs every class alike ("classWeights": "balanced"); null when a knob moves it (trials differ: no one level). */
  weighted?: boolean | null;
  /** A regression's target scaling: its loss is on the scaled target. */
  targetPreprocess?: string;
  /**
   * A regression trial's validation RMSE and R² (at its best epoch): R² = 1 − SSE/SST about the
   * validation rows' mean, so RMSE / √(1 − R²) = √(SST/n) is the RMSE of always predicting that
   * mean, whatever the trial (exact on a hold-out split; about, as the folds' means, in k-fold).
   */
  valRmse?: number | null;
  valR2?: number | null;
}

/**
 * The chance level of a search's objective, or null where no one figure is honest:
 * - classification: `val_loss` the entropy of the validation rows' class shares (the cross-entropy
 *   of always predicting them), ln K once the classes are weighted alike; `val_accuracy` the
 *   commonest class's share (always answering it); `val_balanced_accuracy` 1/K;
 * - regression: `val_r2` 0 (always predicting the mean); `val_loss` on a standardised target
 *   ("targetPreprocess" zscore, or log: z-scored ln(1 + target)) 1, the validation rows' variance
 *   over the training rows', about 1; `val_rmse` the validation target's standard deviation and an
 *   unscaled `val_loss` its variance, read back from a trial's RMSE and R². MAE (the mean absolute
 *   deviation from the median) needs the target's values, which the trials do not store: null.
 */
export function objectiveChance(o: ChanceInput): ObjectiveChance | null {
  if (o.task === 'regression') {
    if (o.metric === 'val_r2') return { value: 0, what: 'always predicting the mean target' };
    if (o.metric === 'val_loss' && (o.targetPreprocess === 'zscore' || o.targetPreprocess === 'log')) return { value: 1, what: 'always predicting the mean target (its loss on the standardised target, about 1)' };
    const rmse = o.valRmse ?? NaN;
    const r2 = o.valR2 ?? NaN;
    if (!(Number.isFinite(rmse) && Number.isFinite(r2) && r2 < 1)) return null;
    const sd = rmse / Math.sqrt(1 - r2);
    if (o.metric === 'val_rmse') return { value: sd, what: 'always predicting the mean target' };
    // An unscaled target's loss is the mean squared error in its own units.
    if (o.metric === 'val_loss' && o.targetPreprocess === 'none') return { value: sd * sd, what: 'always predicting the mean target' };
    return null;
  }
  const rows = (o.classRows ?? []).filter((n) => n > 0);
  const n = rows.reduce((a, b) => a + b, 0);
  if (rows.length < 2) return null;
  if (o.metric === 'val_balanced_accuracy') return { value: 1 / rows.length, what: `always answering the same class (of ${rows.length})` };
  if (o.metric === 'val_accuracy') return { value: Math.max(...rows) / n, what: 'always answering the commonest class' };
  if (o.metric !== 'val_loss' || o.weighted === null) return null;
  return constantLoss(rows, o.weighted ?? false);
}

/**
 * The cross-entropy of the best constant answer over rows of these classes: the entropy of their
 * shares (always predicting the class frequencies), or ln K once the classes are weighted alike
 * (then every class as likely is the best constant). Null for fewer than two classes with rows.
 * A trial's findings measure its chance level by it too (diagnostics/evidence.ts).
 */
export function constantLoss(classRows: readonly number[], weighted: boolean): ObjectiveChance | null {
  const rows = classRows.filter((c) => c > 0);
  if (rows.length < 2) return null;
  if (weighted) return { value: Math.log(rows.length), what: 'always predicting every class as likely (the best constant once the classes are weighted alike)' };
  const n = rows.reduce((a, b) => a + b, 0);
  return { value: -rows.reduce((s, c) => s + (c / n) * Math.log(c / n), 0), what: 'always predicting the class frequencies' };
}

/** Below this share of the way from the chance level to a perfect score, a best value is "no better than chance". */
export const CHANCE_MARGIN = 0.05;

/**
 * The best value as a share of the way from the chance level to a perfect score (0 for a loss, 1
 * for an accuracy or R²): 0 at chance, 1 perfect, below 0 worse than chance.
 */
export function gainOverChance(best: number, chance: number, direction: 'minimize' | 'maximize'): number {
  if (direction === 'minimize') return chance > 0 ? (chance - best) / chance : 0;
  return chance < 1 ? (best - chance) / (1 - chance) : 0;
}

/**
 * In words, when the best value is within CHANCE_MARGIN of the chance level (or worse): then the
 * model learned next to nothing from the features, which tuning its knobs rarely changes unless
 * the trials' own findings name a cause.
 * Null when the best is clearly better, or there is no best or no level.
 */
export function chanceNote(best: number | null, chance: ObjectiveChance | null, metric: string, direction: 'minimize' | 'maximize'): string | null {
  if (best === null || !Number.isFinite(best) || chance === null) return null;
  const gain = gainOverChance(best, chance.value, direction);
  if (gain >= CHANCE_MARGIN) return null;
  const where = gain <= 0
    ? `no better than the ${figure(chance.value)} of ${chance.what}`
    : `only ${Math.max(1, Math.round(gain * 100))}% of the way from the ${figure(chance.value)} of ${chance.what} to a perfect ${direction === 'minimize' ? 0 : 1}`;
  return `No trial learned much: the best ${metric}, ${figure(best)}, is ${where}. ` +
    'Unless the trials\' diagnostics name a cause (a learning rate too small, too few weight updates, training that blew up, units that died or saturated), the features may hold little that tells the target: check the target column, the columns left out and the rows before tuning further.';
}
