// Cautions: valid settings that will not do what they seem to with the spec's budget, said before
// the search runs (the editor's footer, `knobs run`), each at its key. An audit ran each of these
// and saw no word: TPE with 10 startup trials and a budget of 4 (a random search labelled tpe), a
// median pruner waiting for 50 trials in a search of 4, val_accuracy minimized, coarse-to-fine whose
// budget ends inside round 1 (now said as every budget that cuts a strategy's own plan is, in the
// strategy's words), and a space where nothing moves.
import { describe, expect, it } from 'vitest';
import { rareClasses, rareClassNote } from '../../../src-core/analysis/classes';
import { batchCaution, dataCautions, FEW_VALIDATION_ROWS, rowCautions, specCautions } from '../../../src-core/search/cautions';
import { checkSpec } from '../../../src-core/service/workbench';
import { parseSpec } from '../../../src-core/spec/spec';

const space = { lr: { type: 'float', low: 1e-4, high: 1, log: true } };
const spec = (over: Record<string, unknown>) => parseSpec({ dataset: { builtin: 'iris' }, space, budget: { trials: 20 }, ...over });
const said = (over: Record<string, unknown>) => specCautions(spec(over)).map((c) => `${c.path}: ${c.message}`);

describe('cautions before a search runs', () => {
  it('none for an ordinary spec of each strategy', () => {
    expect(said({})).toEqual([]);
    expect(said({ strategy: { kind: 'tpe' } })).toEqual([]);
    expect(said({ strategy: { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 10 } })).toEqual([]);
    expect(said({ strategy: { kind: 'grid', points: 4 }, budget: {} })).toEqual([]);
    expect(said({ pruner: { kind: 'median' }, objective: { metric: 'val_accuracy' } })).toEqual([]);
  });

  it('TPE whose startup takes the whole budget draws every trial at random', () => {
    expect(said({ strategy: { kind: 'tpe' }, budget: { trials: 4 } })).toEqual(['strategy.startupTrials: TPE models the trials once 10 have finished, and this search runs 4: every trial will be random (lower startupTrials or raise the budget)']);
    expect(said({ strategy: { kind: 'tpe', startupTrials: 20 } })).toHaveLength(1);
    expect(said({ strategy: { kind: 'tpe', startupTrials: 19 } })).toEqual([]);
  });

  it('a pruner that waits for more trials than the search runs never prunes', () => {
    expect(said({ pruner: { kind: 'median', startupTrials: 50 }, budget: { trials: 4 } })).toEqual(['pruner.startupTrials: the pruner waits for 50 finished trials before it stops any, and this search runs 4: it will never prune (lower startupTrials or raise the budget)']);
    expect(said({ pruner: { kind: 'asha', startupTrials: 20 } })).toHaveLength(1);
    expect(said({ pruner: { kind: 'asha', startupTrials: 19 } })).toEqual([]);
  });

  it('an objective driven the wrong way for its metric', () => {
    expect(said({ objective: { metric: 'val_accuracy', direction: 'minimize' } })).toEqual(['objective.direction: minimizes val_accuracy, which is better higher: the "best" trial will be the worst model (leave direction out to maximize it)']);
    expect(said({ objective: { metric: 'val_loss', direction: 'maximize' } })).toEqual(['objective.direction: maximizes val_loss, which is better lower: the "best" trial will be the worst model (leave direction out to minimize it)']);
    expect(said({ objective: { metric: 'val_accuracy', direction: 'maximize' } })).toEqual([]);
  });

  it('a budget smaller than the strategy\'s own plan says what it leaves out, in the strategy\'s words: coarse-to-fine that never narrows, a grid cut short', () => {
    expect(said({ strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 20 }, budget: { trials: 20 } })).toEqual(['budget.trials: a budget of 20 runs round 1; rounds 2–3 never run. The search never narrows: this is a random search. Clear the budget to run all 3 rounds × 20 = 60.']);
    expect(said({ strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 20 }, budget: { trials: 41 } })).toEqual(['budget.trials: a budget of 41 runs rounds 1–2 and 1 of round 3\'s 20 trials. Clear the budget to run all 3 rounds × 20 = 60.']);
    expect(said({ strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 20 }, budget: { trials: 60 } })).toEqual([]);
    expect(said({ strategy: { kind: 'coarse-to-fine', rounds: 1, trialsPerRound: 20 } })).toEqual([]);
    expect(said({ strategy: { kind: 'grid', points: 5 }, budget: { trials: 3 } })).toEqual(['budget.trials: a budget of 3 runs 3 of the grid\'s 5 points (5 lr). The grid runs in order, the last knob fastest, so lr = 0.1 and 1 are never tried. Clear the budget to run the whole grid, or use fewer points.']);
    expect(said({ strategy: { kind: 'grid', points: 5 }, budget: { trials: 5 } })).toEqual([]);
  });

  it('a space where no knob moves trains one configuration again and again', () => {
    expect(said({ space: {} })).toEqual(['space: no knob moves: all 20 trials train the same configuration and only their seeds differ (add a knob with a range, or two or more values, to search)']);
    expect(said({ space: { lr: { type: 'fixed', value: 0.1 }, activation: { type: 'categorical', values: ['relu'] } } })).toHaveLength(1);
    expect(said({ space: { activation: { type: 'categorical', values: ['relu', 'tanh'] } } })).toEqual([]);
  });

  it('the editor\'s check carries them beside a valid spec', () => {
    const c = checkSpec({ dataset: { builtin: 'iris' }, space, strategy: { kind: 'tpe' }, budget: { trials: 4 } });
    expect(c.ok).toBe(true);
    expect(c.cautions.map((x) => x.path)).toEqual(['strategy.startupTrials']);
    expect(checkSpec({ dataset: { builtin: 'iris' }, space, budget: { trials: 0 } }).cautions).toEqual([]);
  });
});

describe('a regression objective read at the loss\'s best epoch', () => {
  const spec = (over: Record<string, unknown>) => parseSpec({ dataset: { synthetic: 'sine' }, space: { lr: { type: 'float', low: 1e-3, high: 0.1, log: true } }, ...over });
  const at = (over: Record<string, unknown>) => specCautions(spec(over)).filter((c) => c.path === 'train.earlyStopping.monitor').map((c) => c.message);
  it('is said for val_mae (MAE against squared errors), and for val_rmse or val_r2 on ln(1 + target); not once the monitor is the objective, nor without early stopping', () => {
    expect(at({ objective: { metric: 'val_mae' } })).toEqual([
      'early stopping watches val_loss (the squared error), so each trial\'s best epoch, where its val_mae is read and its weights restored, is the loss\'s best, not val_mae\'s; set "monitor": "val_mae" to stop and choose the best epoch by val_mae',
    ]);
    expect(at({ objective: { metric: 'val_rmse' }, targetPreprocess: 'log' })[0]).toMatch(/^early stopping watches val_loss \(the squared error of ln\(1 \+ target\)\)/);
    // On the standardised target val_loss is val_rmse² / std²: the same best epoch.
    expect(at({ objective: { metric: 'val_rmse' } })).toEqual([]);
    expect(at({ objective: { metric: 'val_mae' }, train: { earlyStopping: { monitor: 'val_mae' } } })).toEqual([]);
    expect(at({ objective: { metric: 'val_mae' }, train: { earlyStopping: false } })).toEqual([]);
    expect(at({ objective: { metric: 'val_loss' }, targetPreprocess: 'log' })).toEqual([]);
  });
});

describe('cautions about the data as loaded', () => {
  const plain = { objective: { metric: 'val_loss' as const, direction: 'minimize' as const }, train: {}, space: {}, split: { kind: 'kfold' as const, k: 3, test: 0, stratify: true } };
  const csv = (exclude?: string[]) => ({ dataset: { csv: 'x.csv', target: 't', ...(exclude ? { exclude } : {}) }, targetPreprocess: 'zscore' as const, ...plain });
  const classes = { task: 'classification' as const, y: Float32Array.from([0, 1, 0]), targetName: 't' };
  it('an id read as a feature: named, with the exclude that leaves it out after those already left out; none without one, or for a built-in', () => {
    expect(dataCautions({ ...classes, idLikeColumns: ['id'] }, csv())).toEqual([{
      path: 'dataset.exclude',
      message: '"id" holds a different value in every row, as an identifier does, and is read as a feature that tells the model nothing about a new row; leave it out with "exclude": ["id"]',
    }]);
    expect(dataCautions({ ...classes, idLikeColumns: ['id', 'name'] }, csv(['notes']))[0].message).toBe(
      '"id", "name" hold a different value in every row, as an identifier does, and are read as features that tell the model nothing about a new row; leave them out with "exclude": ["notes","id","name"]',
    );
    expect(dataCautions(classes, csv())).toEqual([]);
    // A copy of the answer: said at the same key, its exclude after those before it.
    expect(dataCautions({ ...classes, idLikeColumns: ['id'], answerColumns: ['status'] }, csv(['notes']))[1]).toEqual({
      path: 'dataset.exclude',
      message: '"status" tells "t" exactly, as a copy of the answer would: a new row would not have it, and every trial learns it and nothing else; ' +
        'unless it is known before the answer is, leave it out with "exclude": ["notes","id","status"]',
    });
    expect(dataCautions({ ...classes, idLikeColumns: [] }, { dataset: { builtin: 'iris' }, targetPreprocess: 'zscore', ...plain })).toEqual([]);
  });

  it('a regression target ≥ 0 with a long tail, standardised as it is: its range, median and skewness, and "log"; not with "log" or "none", nor for values below 0', () => {
    // Nine 1s and one 100: mean 10.9, population std 29.7, skewness 2.667 (NumPy's third standardised moment).
    const tail = { task: 'regression' as const, y: Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 100]), targetName: 'price' };
    expect(dataCautions(tail, csv())).toEqual([{
      path: 'targetPreprocess',
      message: '"price" runs from 1 to 100 (median 1, skewness 2.67): standardised as it is, the squared loss is ruled by its few largest values; "log" trains on ln(1 + target) and usually lowers val_mae',
    }]);
    expect(dataCautions(tail, { ...csv(), targetPreprocess: 'log' })).toEqual([]);
    expect(dataCautions(tail, { ...csv(), targetPreprocess: 'none' })).toEqual([]);
    expect(dataCautions({ ...tail, y: Float32Array.from(tail.y, (v) => v - 2) }, csv())).toEqual([]);
    expect(dataCautions({ ...tail, y: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }, csv())).toEqual([]);
  });
});

describe('a rare class while the objective is not balanced accuracy', () => {
  // 97 of "ok" and 3 of "fraud": 3% of the rows, below half of an even share (25%).
  const fraud = { task: 'classification' as const, y: Int32Array.from({ length: 100 }, (_, i) => (i < 3 ? 0 : 1)), targetName: 'label', classNames: ['fraud', 'ok'] };
  const spec = (over: Record<string, unknown> = {}) => parseSpec({ dataset: { csv: 'x.csv', target: 'label' }, ...over });
  it('names the class, its share, what always answering the common class scores, and what would help', () => {
    expect(dataCautions(fraud, spec({ objective: { metric: 'val_accuracy' } }))).toEqual([{
      path: 'objective.metric',
      message: '"fraud" is 3% of the rows of "label" (3 of 100): always answering "ok" scores val_accuracy 0.97 without finding one, so val_accuracy may rank such models first; ' +
        '"val_balanced_accuracy" (the mean recall over classes) scores it 0.5, and "classWeights": "balanced" weighs every class alike in the loss',
    }]);
    // Class weights already set (or searched): only the objective is proposed.
    expect(dataCautions(fraud, spec({ train: { classWeights: 'balanced' } }))[0].message).toMatch(/scores it 0\.5$/);
    expect(dataCautions(fraud, spec({ space: { classWeights: { type: 'categorical', values: ['none', 'balanced'] } } }))[0].message).toMatch(/scores it 0\.5$/);
  });

  it('counts the other rare classes; silent on balanced accuracy, even classes, or a regression target', () => {
    const three = { ...fraud, y: Int32Array.from({ length: 100 }, (_, i) => (i < 3 ? 0 : i < 8 ? 1 : 2)), classNames: ['a', 'b', 'c'] };
    expect(dataCautions(three, spec())[0].message).toMatch(/^"a" is 3% of the rows of "label" \(3 of 100\) \(and 1 more class below 17%\): always answering "c" scores val_accuracy 0\.92/);
    expect(dataCautions(fraud, spec({ objective: { metric: 'val_balanced_accuracy' } }))).toEqual([]);
    expect(dataCautions({ ...fraud, y: Int32Array.from({ length: 100 }, (_, i) => i % 2) }, spec())).toEqual([]);
    expect(dataCautions({ ...fraud, task: 'regression', y: Float32Array.from({ length: 100 }, (_, i) => i) }, spec())).toEqual([]);
  });
});

describe('a target of nearly as many classes as rows (a duration, a name, a code)', () => {
  const spec = (over: Record<string, unknown> = {}) => parseSpec({ dataset: { csv: 'x.csv', target: 'took' }, ...over });
  // 150 rows: classes 0…145 of one row each, then class 146 in two rows and class 147 in two: 146 rows alone in their class.
  const took = { task: 'classification' as const, y: Int32Array.from({ length: 150 }, (_, i) => (i < 146 ? i : i < 148 ? 146 : 147)), targetName: 'took', classNames: Array.from({ length: 148 }, (_, i) => `0:${i}`) };
  it('counts the rows alone in their class and says no trial can do well, before the rare class it would otherwise name', () => {
    expect(dataCautions(took, spec())).toEqual([{
      path: 'dataset',
      message: '146 of the 150 rows (97%) are the only row of their class in "took" (148 classes): a validation row whose class no training row has cannot be answered right, ' +
        'and a training row teaches a class no validation row asks for, so no trial can do well. A different text in nearly every row (a name, a time, a code) is no class to learn: ' +
        'choose another target, or, if it is a quantity, write it as numbers and read it as a regression ("task": "regression")',
    }]);
  });

  it('is silent below a fifth of the rows alone, or under 5 of them: 76 product categories down to a single row are classes', () => {
    // 100 rows: 19 classes of one row, the rest in 3 classes: 19% alone.
    const tail = { ...took, y: Int32Array.from({ length: 100 }, (_, i) => (i < 19 ? i : 19 + (i % 3))), classNames: undefined };
    expect(dataCautions(tail, spec({ objective: { metric: 'val_balanced_accuracy' } }))).toEqual([]);
    // 4 rows alone of 10 (40%, but under 5): silent; 5 alone of 12: said.
    const alone = (y: number[]) => dataCautions({ ...took, y: Int32Array.from(y), classNames: undefined }, spec({ objective: { metric: 'val_balanced_accuracy' } })).filter((c) => c.path === 'dataset');
    expect(alone([0, 1, 2, 3, 4, 4, 4, 5, 5, 5])).toEqual([]);
    expect(alone([0, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5]).map((c) => c.message)).toEqual([expect.stringMatching(/^5 of the 12 rows \(42%\) are the only row of their class in "took" \(6 classes\)/)]);
  });
});

describe('rare classes of a data set, for its page', () => {
  it('finds the classes below half an even share, rarest first, and says what that means for a search', () => {
    expect(rareClasses([98, 2902])).toEqual({ rare: [0], top: 1, rows: 3000, present: 2 });
    expect(rareClasses([10, 40, 50])).toEqual({ rare: [0], top: 2, rows: 100, present: 3 });
    // 16% is below 16.7% (half of a third); 17% is not. A class with no row is neither rare nor counted as present.
    expect(rareClasses([16, 17, 67])?.rare).toEqual([0]);
    expect(rareClasses([0, 30, 70])).toBeNull();
    expect(rareClasses([50, 50])).toBeNull();
    expect(rareClasses([5])).toBeNull();
    expect(rareClassNote(['fraud', 'ok'], [98, 2902])).toBe('“fraud” is 3.3% of the rows (98 of 3,000): a model that always answers “ok” is right on 96.7% of them without finding one. ' +
      'A search on it can rank its trials by val_balanced_accuracy (the mean recall over classes; always answering one class scores 0.5) and weigh every class alike in the loss with "classWeights": "balanced".');
    expect(rareClassNote(['a', 'b', 'c'], [3, 5, 92])).toMatch(/^“a” is 3% of the rows \(3 of 100\): a model that always answers “c” is right on 92\.0% of them without finding one\. 1 more class is below 17% too\. .* scores 0\.333\)/);
    expect(rareClassNote(['a', 'b'], [50, 50])).toBe('');
  });
});

describe('a batch larger than the rows a fold trains on', () => {
  // Iris: 150 rows, 30 held out for test and 30 of the other 120 (0.2 / 0.8 of them) for validation: 90 train.
  const iris = (over: Record<string, unknown>) => parseSpec({ dataset: { builtin: 'iris' }, space: {}, ...over });
  const at = (over: Record<string, unknown>, rows = 150) => batchCaution(rows, iris(over));
  it('a batch size given past the training rows: one full-batch step an epoch; none at or below them, nor for the default', () => {
    expect(at({ train: { batchSize: 100000 } })).toEqual({
      path: 'train.batchSize',
      message: 'a batch of 100000 is more than the 90 training rows: each epoch is one step on all of them (full-batch gradient descent); a batch of 90 says so, and a smaller one takes more, noisier steps',
    });
    expect(at({ train: { batchSize: 90 } })).toBeNull();
    // 40 rows: 8 test, 8 validation, 24 train, under the default 32 the person did not choose.
    expect(at({}, 40)).toBeNull();
    expect(at({ train: { batchSize: 32 } }, 40)?.message).toMatch(/^a batch of 32 is more than the 24 training rows/);
    expect(at({ space: { batchSize: { type: 'fixed', value: 128 } } })?.path).toBe('space.batchSize');
  });

  it('a batchSize knob: its values past the training rows repeat one configuration; k-fold counts a fold\'s rows', () => {
    expect(at({ space: { batchSize: { type: 'int', low: 8, high: 512, log: true } } })?.message).toBe(
      'batchSize reaches past the 90 training rows: its values above 90 (up to 512) all train alike, as one full batch a step, so trials there repeat one configuration (lower its high to 90)');
    expect(at({ space: { batchSize: { type: 'int', low: 8, high: 90 } } })).toBeNull();
    expect(at({ space: { batchSize: { type: 'int', low: 128, high: 512 } } })?.message).toBe(
      'every batchSize the knob takes (128 to 512) is at least the 90 training rows: each trial takes one full batch a step, so the knob changes nothing (search below 90, or leave it out)');
    // 5-fold on 100 rows, none held out for test: each fold trains on 80.
    const kfold = { split: { kind: 'kfold', k: 5, test: 0 } };
    expect(at({ ...kfold, space: { batchSize: { type: 'categorical', values: [16, 64, 128, 256] } } }, 100)?.message).toBe(
      'batchSize reaches past the 80 rows each fold trains on: its values 128 and 256 both train alike, as one full batch a step, so trials there repeat one configuration (keep one of them)');
    expect(at({ ...kfold, space: { batchSize: { type: 'categorical', values: [16, 64, 256] } } }, 100)?.message).toBe(
      'batchSize 256 is more than the 80 rows each fold trains on: it trains as one full batch a step, as a batch of 80 would');
  });

  it('said with the data as loaded (knobs run, knobs train), from the rows its labels count', () => {
    const y = Int32Array.from({ length: 150 }, (_, i) => i % 3);
    expect(dataCautions({ task: 'classification', y, targetName: 'species' }, iris({ train: { batchSize: 256 } })).map((c) => c.path)).toEqual(['train.batchSize']);
  });
});

describe('more features than the rows a fold trains on', () => {
  const genes = { task: 'classification' as const, y: Int32Array.from({ length: 120 }, (_, i) => i % 2), targetName: 'label', nFeatures: 3000 };
  const holdout = { kind: 'holdout' as const, val: 0.2, test: 0.2, stratify: true };
  const at = (over: Record<string, unknown>, data: Partial<typeof genes> & { idLikeColumns?: string[]; featureNames?: string[] } = {}) => dataCautions({ ...genes, ...data }, parseSpec({ dataset: { csv: 'g.csv', target: 'label' }, space, split: holdout, ...over })).filter((c) => c.path === 'dataset');
  it('names both counts, and the regularizers the space does not search yet', () => {
    // 120 rows: 24 for the test, 24 for validation, 72 to train on.
    expect(at({})).toEqual([{
      path: 'dataset',
      message: 'the 3,000 features outnumber the 72 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there; ' +
        'to hold the trials back, search an l2 knob up to 0.1 and dropout, keep the hidden layers small, or leave out columns that cannot bear on "label" with "exclude"',
    }]);
    const l2 = { type: 'float', low: 1e-6, high: 0.1, log: true };
    expect(at({ space: { ...space, l2 } })[0].message).toMatch(/; to hold the trials back, search dropout, keep the hidden layers small/);
    expect(at({ space: { ...space, l2, dropout: { type: 'float', low: 0, high: 0.5 } } })[0].message).toMatch(/; to hold the trials back, keep the hidden layers small/);
    // An l2 knob that stops below 0.01, or a fixed one, is proposed again; categorical values reaching 0.01 are enough.
    expect(at({ space: { ...space, l2: { ...l2, high: 0.001 } } })[0].message).toMatch(/search an l2 knob up to 0\.1 and dropout/);
    expect(at({ space: { ...space, l2: { type: 'fixed', value: 0.5 } } })[0].message).toMatch(/search an l2 knob up to 0\.1 and dropout/);
    expect(at({ space: { ...space, l2: { type: 'categorical', values: [0, 0.01] } } })[0].message).toMatch(/search dropout, keep/);
  });
  it('k-fold counts a fold\'s training rows; none with as many rows as features, nor without a feature count (a generator\'s labels)', () => {
    // 5 folds of 120 rows: 96 to train on; 96 features are not more than 96 rows.
    expect(at({ split: { kind: 'kfold', k: 5, test: 0, stratify: true } }, { nFeatures: 97 })[0].message).toMatch(/^the 97 features outnumber the 96 training rows/);
    expect(at({ split: { kind: 'kfold', k: 5, test: 0, stratify: true } }, { nFeatures: 96 })).toEqual([]);
    expect(at({}, { nFeatures: 72 })).toEqual([]);
    expect(at({}, { nFeatures: undefined })).toEqual([]);
  });
  it('images (IDX) have no columns to leave out: more rows instead', () => {
    const images = dataCautions({ ...genes, nFeatures: 144 }, parseSpec({ dataset: { idx: 'i.gz', labels: 'l' }, space, split: holdout })).filter((c) => c.path === 'dataset');
    expect(images.map((c) => c.message)).toEqual(['the 144 features outnumber the 72 training rows: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there; ' +
      'to hold the trials back, search an l2 knob up to 0.1 and dropout, keep the hidden layers small, or train on more rows']);
  });
  it('not where identifiers one-hot encoded make the features outnumber the rows (their own caution says to leave them out); said where the rest still do', () => {
    // 30 rows, a hold-out trains on 18: an id of 30 values and 3 numbers are 33 features, 3 without the id.
    const y = Int32Array.from({ length: 30 }, (_, i) => i % 2);
    const named = (extra: number) => ({ ...genes, y, nFeatures: 30 + extra, idLikeColumns: ['id'], featureNames: [...Array.from({ length: 30 }, (_, i) => `id=r${i}`), ...Array.from({ length: extra }, (_, j) => `g${j}`)] });
    expect(at({}, named(3))).toEqual([]);
    expect(at({}, named(18))).toEqual([]);
    // 19 numbers besides the id: still more than 18 without it; the count is of every feature the trials would see.
    expect(at({}, named(19))[0].message).toMatch(/^the 49 features outnumber the 18 training rows/);
    // Columns whose names start like the id's ("idx0") are not its one-hot features.
    expect(at({}, { ...named(19), featureNames: [...named(19).featureNames.slice(0, 30), ...Array.from({ length: 19 }, (_, j) => `idx${j}`)] })).toHaveLength(1);
  });
});

describe('a hold-out of few validation rows', () => {
  const on = (rows: number, over: Record<string, unknown> = {}) => rowCautions(rows, parseSpec({ dataset: { csv: 'x.csv', target: 't' }, ...over })).filter((c) => c.path === 'split.val');
  it('below FEW_VALIDATION_ROWS: how many, what one row moves an accuracy by, and the k-fold that validates on every row', () => {
    // 49 rows: 10 test, 39 left, 0.25 of them (10) validation.
    expect(on(49, { objective: { metric: 'val_accuracy' } })).toEqual([{
      path: 'split.val',
      message: 'the hold-out validates on 10 rows of 49: one row moves val_accuracy by 10%, so trials differ by which rows they get right as much as by their knobs; k-fold ("split": { "kind": "kfold", "k": 5 }) validates every trial on all 39 rows outside the test split',
    }]);
    // A loss: no step to name. 12 rows: 2 test, 10 left, 3 (rounded 2.5) validation.
    expect(on(12)[0].message).toMatch(/^the hold-out validates on 3 rows of 12, so trials differ/);
    expect(FEW_VALIDATION_ROWS).toBe(20);
    // 100 rows: 20 validation rows, enough; k-fold and leave-one-out validate on every row.
    expect(on(100)).toEqual([]);
    expect(on(49, { split: { kind: 'kfold', k: 5 } })).toEqual([]);
    expect(on(30, { split: { kind: 'loo' } })).toEqual([]);
  });
});
