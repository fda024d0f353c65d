import { describe, expect, it } from 'vitest';
import { issueText } from '../../../src-core/errors';
import { closestKey, SpecError, unknownKeysText } from '../../../src-core/spec/errors';
import { parseSpec, parseStoredSpec, storedSpecInput, trainConfigOf } from '../../../src-core/spec/spec';
import { resolveTrainConfig, trainSchema, TRAIN_KEYS } from '../../../src-core/spec/train';
import { PRUNER_CHOICES, STRATEGY_CHOICES } from '../../helpers/kinds';

const base = { dataset: { builtin: 'digits' } };
const trainKeys = TRAIN_KEYS.join(', ');

function issuesOf(input: unknown): string[] {
  try {
    parseSpec(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).issues.map(issueText);
  }
  throw new Error('expected a SpecError');
}

describe('spec validation', () => {
  it('accepts the README\'s example spec', () => {
    const spec = parseSpec({
      project: 'digits',
      name: 'lr-width-optimizer',
      dataset: { builtin: 'digits' },
      split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true },
      preprocess: 'zscore',
      train: { epochs: 60, batchSize: 32, hiddenLayers: [64], activation: 'relu', init: 'he_normal', optimizer: 'adam', earlyStopping: { monitor: 'val_loss', patience: 10, minDelta: 0 } },
      space: {
        lr: { type: 'float', low: 1e-5, high: 1, log: true },
        hiddenUnits: { type: 'int', low: 8, high: 256, log: true },
        optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
      },
      strategy: { kind: 'coarse-to-fine', rounds: 3, trialsPerRound: 20, keepTop: 5 },
      objective: { metric: 'val_loss', direction: 'minimize' },
      budget: { trials: 60 },
      workers: 2,
      seed: 42,
    });
    expect(spec.space.lr).toMatchObject({ type: 'float', log: true });
    expect(spec.objective.direction).toBe('minimize');
  });

  it('names an unknown train key', () => {
    expect(issuesOf({ ...base, train: { learningRate: 0.1 } }).join()).toMatch(/train.*unknown key.*"learningRate"/);
  });

  it('names a bad value and what would be valid', () => {
    const msg = issuesOf({ ...base, train: { activation: 'swish' } }).join();
    expect(msg).toMatch(/train\.activation/);
    expect(msg).toMatch(/relu/);
    expect(issuesOf({ ...base, train: { lr: -1 } }).join()).toMatch(/train\.lr/);
  });

  it('refuses impossible ranges in the space', () => {
    expect(issuesOf({ ...base, space: { lr: { type: 'float', low: 1, high: 0.1 } } }).join()).toMatch(/space\.lr.*low \(1\) must be below high \(0\.1\)/);
    expect(issuesOf({ ...base, space: { lr: { type: 'float', low: 0, high: 1, log: true } } }).join()).toMatch(/log-scaled knob needs low > 0/);
    // A step wider than the range leaves one value: every trial would train with low.
    expect(issuesOf({ ...base, space: { lr: { type: 'float', low: 0.01, high: 0.1, step: 1 } } }).join())
      .toMatch(/space\.lr.*a step of 1 is wider than the range 0\.01 to 0\.1, so every trial would take 0\.01; use a step of at most 0\.09/);
    expect(issuesOf({ ...base, space: { depth: { type: 'int', low: 1, high: 3, step: 3 } } }).join()).toMatch(/space\.depth.*use a step of at most 2/);
    expect(() => parseSpec({ ...base, space: { depth: { type: 'int', low: 1, high: 3, step: 2 } } })).not.toThrow();
    expect(issuesOf({ ...base, space: { colour: { type: 'categorical', values: ['a'] } } })).toEqual([expect.stringMatching(/^space\.colour: knob "colour" is not a train key; the train keys are epochs, batchSize, /)]);
  });

  it('an unknown type, kind or split names the values it may take and the one given, as strategy.kind does', () => {
    expect(issuesOf({ ...base, space: { lr: { type: 'floaty', low: 0.1, high: 1 } } })).toEqual(['space.lr.type: expected one of "float", "int", "categorical" or "fixed", got "floaty"']);
    expect(issuesOf({ ...base, space: { lr: { low: 0.1, high: 1 } } })).toEqual(['space.lr.type: missing: expected one of "float", "int", "categorical" or "fixed"']);
    expect(issuesOf({ ...base, pruner: { kind: 'successive' } })).toEqual([`pruner.kind: expected one of ${PRUNER_CHOICES}, got "successive"`]);
    expect(issuesOf({ ...base, split: { kind: 'bootstrap' } })).toEqual(['split.kind: expected one of "holdout", "kfold" or "loo", got "bootstrap"']);
    expect(issuesOf({ ...base, strategy: { kind: 'bayes' } })).toEqual([`strategy.kind: expected one of ${STRATEGY_CHOICES}, got "bayes"`]);
    // The kinds come from the registry and the vocabulary (test/helpers/kinds.ts); a seed re-run's kind is made, not typed.
    expect(STRATEGY_CHOICES).toContain('"random", "grid"');
    expect(STRATEGY_CHOICES).not.toContain('rerun');
  });

  it('quotes a key that is not a plain name, so a stray space or line break shows', () => {
    expect(issuesOf({ ...base, space: { 'lr ': { type: 'float', low: 0.1, high: 1 } } })).toEqual(['space."lr ": knob "lr " is not a train key; did you mean "lr" (without the spaces)?']);
    expect(issuesOf({ ...base, space: { LR: { type: 'float', low: 0.1, high: 1 } } })).toEqual(['space.LR: knob "LR" is not a train key; did you mean "lr"?']);
    expect(issuesOf({ ...base, space: { 'a\nb': { type: 'float', low: 0.1, high: 1 } } })).toEqual(['space."a\\nb": knob "a\\nb" is not a train key; the train keys are ' + trainKeys]);
    expect(issuesOf({ ...base, space: { lr: { type: 'float', low: 1, high: 0.1 } }, train: { 'early stopping': false } }))
      .toEqual(['train: unknown key "early stopping" (did you mean "earlyStopping"?)', 'space.lr.low: low (1) must be below high (0.1)']);
    expect(issuesOf({ ...base, train: { 'lr ': 0.1 } })).toEqual(['train: unknown key "lr " (did you mean "lr"?)']);
  });

  it('a value that fits none of a key\'s forms: the form it comes closest to says what is wrong, else every form is listed', () => {
    const forms = /dataset: expected one of \{ "builtin": "digits" \| "iris" \| "wine" \| "breast_cancer" \}, \{ "csv": FILE, "target": COLUMN \}, \{ "idx": IMAGES_FILE, "labels": LABELS_FILE \} or \{ "synthetic": "moons"/;
    expect(issuesOf({ dataset: 'digits' })).toEqual([expect.stringMatching(forms)]);
    expect(issuesOf({ dataset: 'digits' })[0]).toMatch(/\(for the built-in data set: \{ "builtin": "digits" \}\)$/);
    expect(issuesOf({ dataset: 'moons' })[0]).toMatch(/\(for the synthetic data set: \{ "synthetic": "moons" \}\)$/);
    expect(issuesOf({ dataset: {} })).toEqual([expect.stringMatching(forms)]);
    expect(issuesOf({ dataset: 3 })).toEqual([expect.stringMatching(forms)]);
    // One form fits the shape: its own problem, by key.
    expect(issuesOf({ dataset: { builtin: 'mnist' } })).toEqual([expect.stringMatching(/^dataset\.builtin: expected one of "digits", "iris", "wine" or "breast_cancer", got "mnist"$/)]);
    expect(issuesOf({ dataset: { csv: 'a.csv' } })).toEqual(['dataset.target: missing: expected the name of the column to predict (the import dialog and "knobs datasets FILE.csv" list the columns and propose one)']);
    expect(issuesOf({ dataset: { builtin: 'digits', target: 'y' } })).toEqual(['dataset: unknown key "target"; valid keys: builtin']);
    expect(issuesOf({ dataset: { synthetic: 'spiral' } })).toEqual([expect.stringMatching(/^dataset\.synthetic: expected one of "moons", "circles", .* got "spiral"$/)]);
    expect(issuesOf({ ...base, train: { earlyStopping: true } })).toEqual([expect.stringMatching(/^train\.earlyStopping: expected false \(no early stopping\) or an object \{ "monitor"/)]);
    expect(issuesOf({ ...base, train: { earlyStopping: { patience: 0 } } })).toEqual([expect.stringMatching(/^train\.earlyStopping\.patience: expected at least 1, got 0$/)]);
    expect(issuesOf({ ...base, space: { activation: { type: 'categorical', values: [undefined] } } })).toEqual([expect.stringMatching(/^space\.activation\.values\.0: expected a string, number, boolean/)]);
  });

  it('refuses a hold-out split that leaves no training rows', () => {
    expect(issuesOf({ ...base, split: { kind: 'holdout', val: 0.5, test: 0.5 } }).join()).toMatch(/split.*below 1/);
  });
});

describe('train config defaults', () => {
  it('uses torch.optim\'s defaults per optimizer', () => {
    const spec = parseSpec(base);
    expect(trainConfigOf(spec, { optimizer: 'adam' })).toMatchObject({ lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(trainConfigOf(spec, { optimizer: 'adamw' })).toMatchObject({ weightDecay: 0.01 });
    expect(trainConfigOf(spec, { optimizer: 'adagrad' })).toMatchObject({ lr: 0.01, eps: 1e-10 });
    expect(trainConfigOf(spec, { optimizer: 'adadelta' })).toMatchObject({ lr: 1, rho: 0.9, eps: 1e-6 });
    expect(trainConfigOf(spec, { optimizer: 'rmsprop' })).toMatchObject({ lr: 0.01, rho: 0.99 });
    expect(trainConfigOf(spec, { optimizer: 'momentum' })).toMatchObject({ momentum: 0.9 });
  });

  it('depth + hiddenUnits make equal layers', () => {
    const spec = parseSpec(base);
    expect(trainConfigOf(spec, { depth: 3, hiddenUnits: 50 }).hiddenLayers).toEqual([50, 50, 50]);
    expect(trainConfigOf(spec, { hiddenUnits: 20 }).hiddenLayers).toEqual([20]);
  });

  it('round-trips through JSON unchanged', () => {
    const cfg = resolveTrainConfig(trainSchema.parse({ optimizer: 'nesterov', lrSchedule: 'cosine', dropout: 0.3, earlyStopping: false }));
    expect(JSON.parse(JSON.stringify(cfg))).toEqual(cfg);
    const again = resolveTrainConfig(trainSchema.parse(JSON.parse(JSON.stringify(cfg))));
    expect(again).toEqual(cfg);
  });
});

describe('bundled categorical values', () => {
  it('an object value sets several train keys together', () => {
    const spec = parseSpec({ ...base, space: { init: { type: 'categorical', values: ['he_normal', { init: 'normal', initScale: 1 }] } } });
    expect(trainConfigOf(spec, { init: { init: 'normal', initScale: 1 } })).toMatchObject({ init: 'normal', initScale: 1 });
    expect(trainConfigOf(spec, { init: 'he_normal' })).toMatchObject({ init: 'he_normal', initScale: 0.01 });
  });

  it('a bad key inside a bundle is named', () => {
    const spec = parseSpec(base);
    expect(() => trainConfigOf(spec, { init: { init: 'normal', scale: 1 } })).toThrow(/unknown key "scale"/);
  });
});

describe('the pruner key', () => {
  it('defaults to none and fills each pruner\'s defaults', () => {
    expect(parseSpec(base).pruner).toEqual({ kind: 'none' });
    expect(parseSpec({ ...base, pruner: { kind: 'median' } }).pruner).toEqual({ kind: 'median', startupTrials: 5, interval: 1 });
    expect(parseSpec({ ...base, pruner: { kind: 'asha' } }).pruner).toEqual({ kind: 'asha', reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 5 });
    expect(parseSpec({ ...base, pruner: { kind: 'hyperband', reductionFactor: 2, minEpochs: 3 } }).pruner).toEqual({ kind: 'hyperband', minEpochs: 3, reductionFactor: 2, startupTrials: 5 });
  });

  it('names what is wrong and what would be valid', () => {
    expect(issuesOf({ ...base, pruner: { kind: 'successive' } })).toEqual([expect.stringMatching(/^pruner\.kind: expected one of "none", "median", "asha" or "hyperband", got "successive"$/)]);
    expect(issuesOf({ ...base, pruner: { kind: 'asha', reductionFactor: 1 } })).toEqual(['pruner.reductionFactor: must be at least 2 (a rung keeps the top 1/reductionFactor)']);
    expect(issuesOf({ ...base, pruner: { kind: 'median', interval: 0 } })[0]).toMatch(/^pruner\.interval: expected at least 1, got 0$/);
    expect(issuesOf({ ...base, pruner: { kind: 'asha', minEpochs: 1.5 } })[0]).toMatch(/^pruner\.minEpochs: expected a whole number, got 1.5$/);
    expect(issuesOf({ ...base, pruner: { kind: 'hyperband', warmupEpochs: 3 } })).toEqual(['pruner: unknown key "warmupEpochs"; valid keys: kind, minEpochs, reductionFactor, startupTrials']);
  });
});

describe('zod\'s own wording never reaches the user', () => {
  it('says what was wanted and what was given, in words', () => {
    expect(issuesOf({ ...base, train: { epochs: 1_000_000 } })).toEqual(['train.epochs: expected at most 100000, got 1000000']);
    expect(issuesOf({ ...base, seed: null })).toEqual(['seed: expected a number, got an empty value']);
    expect(issuesOf({ ...base, train: { epochs: 2.5 } })).toEqual(['train.epochs: expected a whole number, got 2.5']);
    expect(issuesOf({ ...base, train: { beta1: 1 } })).toEqual(['train.beta1: expected below 1, got 1']);
    expect(issuesOf({ ...base, train: { activation: 'swish' } })[0]).toMatch(/^train\.activation: expected one of "relu", .* or "[a-z]+", got "swish"$/);
    expect(issuesOf({ ...base, train: { hiddenLayers: [16, null] } })).toEqual(['train.hiddenLayers.1: expected a number, got an empty value']);
  });
});

describe('the targetPreprocess key', () => {
  it('a new spec gets zscore; a stored spec without the key is read as none (as it trained); a value given is kept either way', () => {
    expect(parseSpec(base).targetPreprocess).toBe('zscore');
    expect(parseStoredSpec(base).targetPreprocess).toBe('none');
    expect(parseStoredSpec(JSON.stringify(base)).targetPreprocess).toBe('none');
    for (const v of ['zscore', 'none'] as const) {
      expect(parseSpec({ ...base, targetPreprocess: v }).targetPreprocess).toBe(v);
      expect(parseStoredSpec({ ...base, targetPreprocess: v }).targetPreprocess).toBe(v);
    }
    expect(storedSpecInput(base)).toEqual({ ...base, targetPreprocess: 'none' });
    expect(storedSpecInput([1])).toEqual([1]);
  });

  it('names a bad value and the three it may take', () => {
    expect(issuesOf({ ...base, targetPreprocess: 'minmax' })).toEqual([
      'targetPreprocess: expected "zscore" (train on the regression target standardised on the training rows; metrics stay in its units), "log" (the same on ln(1 + target), for values ≥ 0 spread over decades: prices, counts) or "none" (train on the target as it is), got "minmax"',
    ]);
    expect(parseSpec({ ...base, targetPreprocess: 'log' }).targetPreprocess).toBe('log');
    expect(issuesOf({ ...base, targetPreprocess: true })[0]).toMatch(/^targetPreprocess: expected "zscore" .* got true$/);
  });
});

describe('unknown keys', () => {
  it('name the key most likely meant, by case and "_", a common name, a prefix, a part, or a typo', () => {
    const train = TRAIN_KEYS as readonly string[];
    expect(closestKey('hidden_units', train)).toBe('hiddenUnits');
    expect(closestKey('Batch-Size', train)).toBe('batchSize');
    expect(closestKey('learning_rate', train)).toBe('lr');
    expect(closestKey('layers', train)).toBe('depth');
    expect(closestKey('warmup', train)).toBe('warmupEpochs');
    expect(closestKey('lrr', train)).toBe('lr');
    expect(closestKey('optimiser', train)).toBe('optimizer');
    expect(closestKey('validation', ['kind', 'val', 'test', 'stratify'])).toBe('val');
    expect(closestKey('perRound', ['kind', 'rounds', 'trialsPerRound', 'keepTop'])).toBe('trialsPerRound');
    // Two keys equally near, or none near: no guess.
    expect(closestKey('decay', train)).toBeNull();
    expect(closestKey('colour', train)).toBeNull();
    expect(closestKey('n', ['builtin'])).toBeNull();
  });

  it('list the valid keys when none is guessed or there are few, and not every key of a long list beside a guess', () => {
    expect(unknownKeysText(['n'], ['builtin'])).toBe('unknown key "n"; valid keys: builtin');
    expect(unknownKeysText(['trial'], ['trials', 'seconds', 'noImprovement'])).toBe('unknown key "trial" (did you mean "trials"?); valid keys: trials, seconds, noImprovement');
    expect(unknownKeysText(['lrr'], TRAIN_KEYS)).toBe('unknown key "lrr" (did you mean "lr"?)');
    expect(unknownKeysText(['lrr', 'colour'], TRAIN_KEYS)).toBe(`unknown keys "lrr" (did you mean "lr"?), "colour"; valid keys: ${TRAIN_KEYS.join(', ')}`);
  });

  it('in a spec, at every level: the key meant, or where it belongs one level down', () => {
    expect(issuesOf({ ...base, train: { learning_rate: 0.1 } })).toEqual(['train: unknown key "learning_rate" (did you mean "lr"?)']);
    expect(issuesOf({ ...base, strategy: { kind: 'tpe', startup: 5 } })).toEqual(['strategy: unknown key "startup" (did you mean "startupTrials"?); valid keys: kind, startupTrials, candidates, multivariate, constantLiar']);
    expect(issuesOf({ ...base, space: { lr: { type: 'float', low: 0.1, high: 1, lg: true } } })).toEqual(['space.lr: unknown key "lg" (did you mean "log"?); valid keys: type, low, high, log, step, values']);
    expect(issuesOf({ ...base, split: { kind: 'kfold', folds: 5 } })).toEqual(['split: unknown key "folds" (did you mean "k"?); valid keys: kind, k, test, stratify']);
    // A knob's range as other tuners write it.
    expect(issuesOf({ ...base, space: { lr: { type: 'float', min: 1e-4, max: 1, scale: 'log' } } })).toEqual([
      'space.lr.low: missing: expected a number',
      'space.lr.high: missing: expected a number',
      'space.lr: unknown keys "min" (did you mean "low"?), "max" (did you mean "high"?), "scale" (did you mean "log"?); valid keys: type, low, high, log, step, values',
    ]);
    expect(issuesOf({ ...base, space: { optimizer: { type: 'categorical', choices: ['adam', 'sgd'] } } })).toContain('space.optimizer: unknown key "choices" (did you mean "values"?); valid keys: type, values');
    // At the top: "trials" is budget's, "epochs" train's; "kind" lives in several blocks, so no place is named for it.
    expect(issuesOf({ ...base, trials: 20, epochs: 5, kind: 'tpe' })).toEqual([
      `(top level): unknown keys "trials" (did you mean "budget.trials"?), "epochs" (did you mean "train.epochs"?), "kind"; valid keys: project, name, dataset, split, preprocess, targetPreprocess, train, space, strategy, pruner, objective, budget, workers, seed, modelSeed, diagnostics`,
    ]);
    // A knob's name, too.
    expect(issuesOf({ ...base, space: { learning_rate: { type: 'float', low: 0.1, high: 1 } } })).toEqual(['space.learning_rate: knob "learning_rate" is not a train key; did you mean "lr"?']);
  });
});
