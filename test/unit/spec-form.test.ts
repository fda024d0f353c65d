import { describe, expect, it } from 'vitest';
import { datasetExtra, defaultForm, formatValues, formIssues, formTask, fromSpec, metricsFor, parseValues, specFromJson, startForm, toSpec } from '../../src-renderer/src/model/specForm';
import { parseSpec } from '../../src-core/spec/spec';

/** The example spec of the README ("The spec"). */
const README_EXAMPLE = {
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
};

describe('the search editor form', () => {
  it('round-trips the README\'s example to the same validated spec', () => {
    expect(parseSpec(toSpec(fromSpec(README_EXAMPLE)))).toEqual(parseSpec(README_EXAMPLE));
  });

  it('keeps keys it has no field for, and leaves unset ones to the engine', () => {
    const spec = { dataset: { synthetic: 'moons', n: 300, noise: 0.1 }, train: { dropout: 0.2, l2: 1e-4 }, diagnostics: { every: 3 }, space: {} };
    const out = toSpec(fromSpec(spec));
    expect(out.train).toEqual({ dropout: 0.2, l2: 1e-4 });
    expect(out.diagnostics).toEqual({ every: 3 });
    expect(parseSpec(out)).toEqual(parseSpec(spec));
  });

  it('keeps every key of a strategy it has no field for: TPE, and coarse-to-fine\'s margin and within', () => {
    for (const strategy of [
      { kind: 'tpe', startupTrials: 5, candidates: 12, multivariate: false, constantLiar: true },
      { kind: 'coarse-to-fine', rounds: 2, trialsPerRound: 10, keepTop: 3, margin: 0.3, minFraction: 0.1, within: 'tpe' },
    ]) {
      const spec = { ...README_EXAMPLE, strategy };
      expect(parseSpec(toSpec(fromSpec(spec))).strategy).toEqual(parseSpec(spec).strategy);
    }
  });

  it('keeps a generator\'s classes and class shares through the form (a duplicated search makes the same data)', () => {
    const spec = { ...README_EXAMPLE, dataset: { synthetic: 'blobs', n: 500, noise: 0.3, classes: 4, classShares: [0.7, 0.2, 0.08, 0.02] } };
    const f = fromSpec(spec);
    expect([f.dataset.classes, f.dataset.classShares]).toEqual([4, '0.7, 0.2, 0.08, 0.02']);
    expect(parseSpec(toSpec(f)).dataset).toEqual(parseSpec(spec).dataset);
    // Switching to sine (a regression) drops the shares; to moons, the class count.
    expect(toSpec({ ...f, dataset: { ...f.dataset, synthetic: 'sine' } }).dataset).toEqual({ synthetic: 'sine', n: 500, noise: 0.3 });
    expect(toSpec({ ...f, dataset: { ...f.dataset, synthetic: 'moons', classShares: '0.9 0.1' } }).dataset).toEqual({ synthetic: 'moons', n: 500, noise: 0.3, classShares: [0.9, 0.1] });
    // Text that is not numbers: the form's issue alone, the spec without the key (not an empty list the engine would also refuse).
    expect(toSpec({ ...f, dataset: { ...f.dataset, classShares: '0.9, ten%' } }).dataset).not.toHaveProperty('classShares');
    expect(formIssues({ ...f, dataset: { ...f.dataset, classShares: '0.9, ten%' } })).toContainEqual({ path: 'dataset.classShares', message: '“ten%” is not a share: write one number per class, summing to 1, e.g. 0.95, 0.05' });
    expect(formIssues(f)).toEqual([]);
  });

  it('writes a valid spec from the default form', () => {
    expect(() => parseSpec(toSpec(defaultForm()))).not.toThrow();
  });

  it('reads categorical values as a JSON list without brackets, else as bare words and numbers', () => {
    expect(parseValues('sgd, adam')).toEqual(['sgd', 'adam']);
    expect(parseValues('[64], [64, 64]')).toEqual([[64], [64, 64]]);
    expect(parseValues('0.1, 1e-3, true')).toEqual([0.1, 0.001, true]);
    expect(parseValues('"a b", 2')).toEqual(['a b', 2]);
    expect(parseValues('  ')).toEqual([]);
    for (const v of [['sgd', 'adam'], [[64], [64, 64]], [0.5, '1', 'true', { init: 'normal', initScale: 0.01 }]]) expect(parseValues(formatValues(v))).toEqual(v);
  });

  it('JSON text the form cannot hold is refused with what is wrong (the editor then keeps its form)', () => {
    expect(() => specFromJson('{"space": ')).toThrow(/^Not valid JSON: /);
    // A list, a string or null used to load as an empty form with "unknown keys "0", "1", …".
    expect(() => specFromJson('[1, 2]')).toThrow(/^A spec is a JSON object .*, not a list$/);
    expect(() => specFromJson('"hello"')).toThrow(/not a string$/);
    expect(() => specFromJson('null')).toThrow(/not null$/);
    // These were raw JavaScript errors ("Cannot read properties of null", "values.map is not a function") called "not valid JSON".
    expect(() => specFromJson('{"space": {"lr": null}}')).toThrow(/^space\.lr must be an object such as .*, not null$/);
    expect(() => specFromJson('{"space": {"lr": 5}}')).toThrow(/^space\.lr must be an object .*, not a number$/);
    expect(() => specFromJson('{"space": {"act": {"type": "categorical", "values": "abc"}}}')).toThrow(/^space\.act\.values must be a list such as \["relu", "tanh"\], not a string$/);
    expect(() => specFromJson('{"space": [1]}')).toThrow(/^"space" must be an object of knobs .*, not a list$/);
    expect(specFromJson(JSON.stringify(README_EXAMPLE))).toEqual(fromSpec(README_EXAMPLE));
  });

  it('carries targetPreprocess: a new form writes zscore, a stored search\'s "none" stays none', () => {
    expect(toSpec(defaultForm()).targetPreprocess).toBe('zscore');
    expect(toSpec(fromSpec(README_EXAMPLE)).targetPreprocess).toBe('zscore');
    const stored = { ...README_EXAMPLE, targetPreprocess: 'none' };
    expect(fromSpec(stored).targetPreprocess).toBe('none');
    expect(fromSpec(stored).extra).toEqual({});
    expect(parseSpec(toSpec(fromSpec(stored))).targetPreprocess).toBe('none');
  });

  it('carries classWeights in its own field: a new form leaves it out (the default, none), a stored "balanced" comes back as it was', () => {
    expect((toSpec(defaultForm()).train as Record<string, unknown>).classWeights).toBeUndefined();
    const stored = { ...README_EXAMPLE, train: { ...README_EXAMPLE.train, classWeights: 'balanced' } };
    const f = fromSpec(stored);
    expect(f.train.classWeights).toBe('balanced');
    expect(f.extraTrain).not.toHaveProperty('classWeights');
    expect(parseSpec(toSpec(f)).train.classWeights).toBe('balanced');
  });

  it("keeps a CSV data set's keys the form has no field for (exclude, missing, numbers) while that file stays the data set", () => {
    const dataset = { csv: '/data/churn.csv', target: 'churned', exclude: ['customer_id'], missing: 'drop', numbers: 'plain' };
    const f = fromSpec({ ...README_EXAMPLE, dataset });
    // A duplicated search keeps its columns left out, its dropped rows and how its numbers were read.
    expect(toSpec(f).dataset).toEqual(dataset);
    expect(parseSpec(toSpec(f)).dataset).toEqual(dataset);
    expect(datasetExtra(f)).toEqual({ exclude: ['customer_id'], missing: 'drop', numbers: 'plain' });
    // Another file chosen: its columns are not those the keys name, so they are dropped; back to the first file, they apply again.
    f.dataset = { ...f.dataset, csv: '/data/other.csv', target: 'y' };
    expect(toSpec(f).dataset).toEqual({ csv: '/data/other.csv', target: 'y' });
    f.dataset = { ...f.dataset, csv: '/data/churn.csv', target: 'churned' };
    expect(toSpec(f).dataset).toEqual(dataset);
    f.dataset = { ...f.dataset, kind: 'builtin', name: 'wine' };
    expect(toSpec(f).dataset).toEqual({ builtin: 'wine' });
    // A new search opened from a data set the spec names so carries them too.
    expect(toSpec(startForm({ dataset })).dataset).toEqual(dataset);
    expect(datasetExtra(defaultForm())).toEqual({});
  });
});

describe('the data set\'s task and the metrics the form offers for it', () => {
  const monitors = ['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2'];
  const objectives = [...monitors, 'train_loss'];
  const form = defaultForm().dataset;
  it('the task: classes for built-in and IDX sets, a generator\'s own, a CSV\'s as imported, else as the engine read its target column, else unknown', () => {
    expect(formTask({ ...form, kind: 'builtin', name: 'iris' })).toBe('classification');
    expect(formTask({ ...form, kind: 'idx' }, 'regression')).toBe('classification');
    expect(formTask({ ...form, kind: 'synthetic', synthetic: 'sine' })).toBe('regression');
    expect(formTask({ ...form, kind: 'synthetic', synthetic: 'moons' })).toBe('classification');
    expect(formTask({ ...form, kind: 'synthetic', synthetic: 'nope' })).toBeNull();
    expect(formTask({ ...form, kind: 'csv', task: 'regression' }, 'classification')).toBe('regression');
    // A spec that names its CSV by path without a task (a copy of a search run from the CLI): the engine's reading decides.
    expect(formTask({ ...form, kind: 'csv', task: '' }, 'classification')).toBe('classification');
    expect(formTask({ ...form, kind: 'csv', task: '' })).toBeNull();
  });
  it('the metrics: those the task reports, in the order given; every one while the task is unknown', () => {
    expect(metricsFor('classification', monitors)).toEqual(['val_loss', 'val_accuracy', 'val_balanced_accuracy']);
    expect(metricsFor('regression', monitors)).toEqual(['val_loss', 'val_rmse', 'val_mae', 'val_r2']);
    expect(metricsFor('classification', objectives)).toEqual(['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss']);
    expect(metricsFor('regression', objectives)).toEqual(['val_loss', 'val_rmse', 'val_mae', 'val_r2', 'train_loss']);
    expect(metricsFor(null, objectives)).toEqual(objectives);
  });
});
