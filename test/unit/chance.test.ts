// The chance level of a search's objective (src-core/analysis/chance.ts), worked by hand: what
// always giving the same answer scores on the validation rows, and the note when the best trial
// is no better than that.
import { describe, expect, it } from 'vitest';
import { chanceNote, constantLoss, gainOverChance, objectiveChance } from '../../src-core/analysis/chance';
import { chanceLevel } from '../../src-core/diagnostics/evidence';

describe('the chance level of an objective', () => {
  it('of classes: the entropy of the class shares for val_loss, the commonest share for accuracy, 1/K for balanced accuracy', () => {
    // 30 and 30 rows: ln 2. 90 and 10: −(0.9 ln 0.9 + 0.1 ln 0.1) = 0.0948 + 0.2303 = 0.3251.
    expect(objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [30, 30] })?.value).toBeCloseTo(Math.LN2, 12);
    expect(objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [90, 10] })?.value).toBeCloseTo(0.325083, 6);
    expect(objectiveChance({ metric: 'val_accuracy', task: 'classification', classRows: [90, 10] })).toEqual({ value: 0.9, what: 'always answering the commonest class' });
    expect(objectiveChance({ metric: 'val_balanced_accuracy', task: 'classification', classRows: [50, 30, 20] })?.value).toBeCloseTo(1 / 3, 12);
    // A class without validation rows is no class of the answer; one class alone has no chance level.
    expect(objectiveChance({ metric: 'val_balanced_accuracy', task: 'classification', classRows: [50, 0, 20] })?.value).toBe(0.5);
    expect(objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [60, 0] })).toBeNull();
  });

  it('weighted classes: ln K, the best constant of the weighted loss; a classWeights knob (trials differ) none', () => {
    expect(objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [90, 10], weighted: true })?.value).toBeCloseTo(Math.LN2, 12);
    expect(objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [90, 10], weighted: null })).toBeNull();
    // Accuracy does not weigh: the knob leaves it one level.
    expect(objectiveChance({ metric: 'val_accuracy', task: 'classification', classRows: [90, 10], weighted: null })?.value).toBe(0.9);
  });

  it('of a regression: R² 0, a loss on a standardised target 1, RMSE the target\'s spread read back from a trial\'s RMSE and R²; MAE none', () => {
    expect(objectiveChance({ metric: 'val_r2', task: 'regression' })?.value).toBe(0);
    expect(objectiveChance({ metric: 'val_loss', task: 'regression', targetPreprocess: 'zscore' })?.value).toBe(1);
    expect(objectiveChance({ metric: 'val_loss', task: 'regression', targetPreprocess: 'log' })?.value).toBe(1);
    // Targets 1, 2, 3, 4 predicted 1.5, 2, 3, 3.5: SSE 0.5, SST 5, RMSE √(0.5/4), R² 0.9. Always 2.5: RMSE √(5/4) = 1.1180.
    const fit = { valRmse: Math.sqrt(0.5 / 4), valR2: 0.9 };
    expect(objectiveChance({ metric: 'val_rmse', task: 'regression', targetPreprocess: 'zscore', ...fit })?.value).toBeCloseTo(Math.sqrt(5 / 4), 12);
    // An unscaled target's loss is its MSE: 5/4.
    expect(objectiveChance({ metric: 'val_loss', task: 'regression', targetPreprocess: 'none', ...fit })?.value).toBeCloseTo(5 / 4, 12);
    expect(objectiveChance({ metric: 'val_loss', task: 'regression', targetPreprocess: 'none' })).toBeNull();
    expect(objectiveChance({ metric: 'val_rmse', task: 'regression', valRmse: 0, valR2: 1 })).toBeNull();
    expect(objectiveChance({ metric: 'val_mae', task: 'regression', targetPreprocess: 'zscore', ...fit })).toBeNull();
  });

  it('a trial\'s findings measure the same level (one constant loss for both)', () => {
    for (const [rows, weighted] of [[[90, 10], false], [[90, 10], true], [[5, 7, 11], false]] as const) {
      expect(chanceLevel('classification', [], [], [...rows], weighted)?.loss).toBe(constantLoss(rows, weighted)?.value);
    }
  });
});

describe('a best no better than chance', () => {
  const ln2 = objectiveChance({ metric: 'val_loss', task: 'classification', classRows: [30, 30] });
  const half = objectiveChance({ metric: 'val_accuracy', task: 'classification', classRows: [30, 30] });

  it('the share of the way from chance to perfect: (chance − best) / chance for a loss, (best − chance) / (1 − chance) for an accuracy', () => {
    expect(gainOverChance(0.6676, Math.LN2, 'minimize')).toBeCloseTo((Math.LN2 - 0.6676) / Math.LN2, 12);
    expect(gainOverChance(0.75, 0.5, 'maximize')).toBe(0.5);
    expect(gainOverChance(0.45, 0.5, 'maximize')).toBeCloseTo(-0.1, 12);
  });

  it('says so within 5% of the way (or worse), with the figures; nothing when clearly better or without a level', () => {
    // (0.6931 − 0.6676) / 0.6931 = 3.7%: "only 4%".
    expect(chanceNote(0.6676, ln2, 'val_loss', 'minimize')).toMatch(/^No trial learned much: the best val_loss, 0\.6676, is only 4% of the way from the 0\.6931 of always predicting the class frequencies to a perfect 0\. .*check the target column/);
    expect(chanceNote(0.71, ln2, 'val_loss', 'minimize')).toMatch(/the best val_loss, 0\.71, is no better than the 0\.6931 of always predicting the class frequencies\./);
    // 0.52 of a 0.5 chance: 4% of the way to 1.
    expect(chanceNote(0.52, half, 'val_accuracy', 'maximize')).toMatch(/only 4% of the way from the 0\.5 of always answering the commonest class to a perfect 1\./);
    expect(chanceNote(0.6, ln2, 'val_loss', 'minimize')).toBeNull();
    expect(chanceNote(0.53, half, 'val_accuracy', 'maximize')).toBeNull();
    expect(chanceNote(null, ln2, 'val_loss', 'minimize')).toBeNull();
    expect(chanceNote(0.7, null, 'val_loss', 'minimize')).toBeNull();
  });
});
