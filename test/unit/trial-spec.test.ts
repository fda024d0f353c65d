// A trial as a spec for `knobs train` (the drawer's "Save as a training spec", `knobs spec --trial`):
// worked by hand from a search's spec and one trial's knobs.
import { describe, expect, it } from 'vitest';
import { trainCommandOf, trainSpecOf } from '../../src-core/search/trialSpec';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';

const search = {
  project: 'p', name: 'tpe 60', dataset: { builtin: 'digits' }, split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, seed: 3,
  targetPreprocess: 'zscore', objective: { metric: 'val_loss' }, diagnostics: { every: 5 }, workers: 2, modelSeed: 'per-trial',
  train: { epochs: 20, optimizer: 'adam', earlyStopping: { patience: 3 } },
  space: { lr: { type: 'float', low: 1e-5, high: 1, log: true }, init: { type: 'categorical', values: ['he_normal', { init: 'normal', initScale: 0.01 }] } },
  strategy: { kind: 'tpe' }, pruner: { kind: 'median' }, budget: { trials: 60 },
};

describe('a trial as a training spec', () => {
  it('keeps the data, split, seed, objective and diagnostics; writes the knobs into train; drops what searches', () => {
    expect(trainSpecOf(search, { lr: 0.003, init: 'he_normal' }, { name: 'tpe 60, trial 7' })).toEqual({
      project: 'p', name: 'tpe 60, trial 7', dataset: { builtin: 'digits' }, split: { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, seed: 3,
      targetPreprocess: 'zscore', objective: { metric: 'val_loss' }, diagnostics: { every: 5 },
      train: { epochs: 20, optimizer: 'adam', earlyStopping: { patience: 3 }, lr: 0.003, init: 'he_normal' },
    });
  });

  it('a bundled value sets its keys as training merges it; an object for earlyStopping is its own value; a re-run\'s split seed replaces the seed', () => {
    const bundled = trainSpecOf(search, { lr: 0.01, init: { init: 'normal', initScale: 0.01 }, earlyStopping: { patience: 9 } }, { name: 'x', splitSeed: 11 });
    expect(bundled.train).toEqual({ epochs: 20, optimizer: 'adam', earlyStopping: { patience: 9 }, lr: 0.01, init: 'normal', initScale: 0.01 });
    expect(bundled.seed).toBe(11);
    // The spec it makes is valid, and trains what the search trained for those knobs.
    const parsed = parseSpec(bundled);
    expect(trainConfigOf(parsed)).toEqual(trainConfigOf(parseSpec(search), { lr: 0.01, init: { init: 'normal', initScale: 0.01 }, earlyStopping: { patience: 9 } }));
    expect(Object.keys(parsed.space)).toEqual([]);
  });

  it('names the command that trains it again, quoting a path with spaces', () => {
    expect(trainCommandOf('t.json', 42)).toBe('knobs train t.json --model-seed 42');
    expect(trainCommandOf('/home/me/my runs/t.json', 42)).toBe('knobs train "/home/me/my runs/t.json" --model-seed 42');
  });
});
