import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../src-core/diagnostics/findings';
import { loadDataset, makeSplit } from '../../src-core/data';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';
import type { TrainInput } from '../../src-core/spec/train';
import { trainConfiguration } from '../../src-core/train/trainer';

const spec = parseSpec({ dataset: { builtin: 'digits' }, seed: 1 });
const dataset = loadDataset(spec.dataset, 1);
const split = makeSplit(dataset, spec.split, 1);
const deep: TrainInput = { hiddenLayers: [100, 100, 100, 100, 100], optimizer: 'sgd', lr: 0.01, batchSize: 128, epochs: 4, earlyStopping: false };

function run(over: TrainInput) {
  const r = trainConfiguration({ dataset, split, preprocess: 'zscore', config: trainConfigOf(spec, { ...deep, ...over } as Record<string, unknown>), seed: 1, diagnosticsEvery: 2 });
  const f = r.folds[0];
  return { r, findings: findingsOf({ task: 'classification', epochs: f.epochs, bestEpoch: f.bestEpoch, stopReason: f.stopReason, snapshots: f.diagnostics }) };
}

describe('diagnostics recorded while training (the seed notes\' figures)', () => {
  it('snapshots at initialization and every N epochs, one entry per layer', () => {
    const { r } = run({ activation: 'relu', init: 'he_normal' });
    expect(r.diagnostics.map((d) => d.epoch)).toEqual([0, 2, 4]);
    expect(r.diagnostics[0].layers).toHaveLength(6);
    expect(r.diagnostics[0].layers[0].gradNorm).toBeNull();
    expect(r.diagnostics[1].layers[0].gradNorm).toBeGreaterThan(0);
    const h = r.diagnostics[0].layers[2].post;
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(256 * 100);
  });

  it('N(0, 1) weights saturate sigmoid layers: most outputs sit near 0 or 1', () => {
    const { r, findings } = run({ activation: 'sigmoid', init: 'normal', initScale: 1 });
    const atInit = r.diagnostics[0].layers;
    expect(atInit[2].saturationFraction).toBeGreaterThan(0.5);
    expect(findings.map((f) => f.kind)).toContain('saturation');
  });

  it('Xavier keeps tanh layers out of saturation', () => {
    const { r } = run({ activation: 'tanh', init: 'xavier_normal' });
    for (const l of r.diagnostics[0].layers.slice(0, 5)) expect(l.saturationFraction).toBeLessThan(0.2);
  });

  it('N(0, 0.01) makes deeper layers output the same value, and the model does not learn', () => {
    const { r, findings } = run({ activation: 'tanh', init: 'normal', initScale: 0.01 });
    expect(r.diagnostics[0].layers[4].stdPost).toBeLessThan(1e-3);
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['collapsed_activations', 'not_learning']));
  });

  it('recording diagnostics does not change the training metrics', () => {
    const config = trainConfigOf(spec, { ...deep, activation: 'relu' } as Record<string, unknown>);
    const a = trainConfiguration({ dataset, split, preprocess: 'zscore', config, seed: 3 });
    const b = trainConfiguration({ dataset, split, preprocess: 'zscore', config, seed: 3, diagnosticsEvery: 1 });
    expect(b.folds[0].epochs.map((e) => e.valLoss)).toEqual(a.folds[0].epochs.map((e) => e.valLoss));
  });
});

/**
 * Real trials with the real trainer, each a case the old rules read backwards (their old reading in
 * the comment): a learning rate far too high, weights far too large, dead units after a blow-up.
 */
describe('findings fit the evidence of real blow-ups', () => {
  const base = { epochs: 15, batchSize: 32, hiddenLayers: [64], earlyStopping: { monitor: 'val_loss', patience: 4 } };
  function trial(ds: Record<string, unknown>, over: TrainInput, k?: number) {
    const s = parseSpec({ dataset: ds, seed: 1, preprocess: 'zscore', ...(k ? { split: { kind: 'kfold', k } } : {}), train: base });
    const data = loadDataset(s.dataset, 1);
    const sp = makeSplit(data, s.split, 1);
    const config = trainConfigOf(s, over as Record<string, unknown>);
    const r = trainConfiguration({ dataset: data, split: sp, preprocess: 'zscore', config, seed: 1, diagnosticsEvery: 5 });
    const counts: number[] = [];
    if (data.task === 'classification') for (const y of data.y) counts[y] = (counts[y] ?? 0) + 1;
    const f = findingsOf({
      task: data.task, epochs: r.folds[0].epochs, folds: r.folds.map((x) => x.epochs), bestEpoch: r.bestEpoch, stopReason: r.stopReason,
      snapshots: r.folds[0].diagnostics, config, classCounts: data.task === 'classification' ? counts : undefined,
    });
    return { r, f, kinds: f.map((x) => x.kind), text: f.map((x) => `${x.title}: ${x.detail} ${x.advice}`).join('\n') };
  }
  const digits = { builtin: 'digits' };
  const sine = { synthetic: 'sine', n: 500, noise: 0.1 };
  const biggerNetwork = /bigger network \(/;

  it('Adam at lr 0.32: logits in the thousands and a loss 6× chance are exploding activations, not underfitting', () => {
    // Old reading: "Underfitting (high bias) … Use a bigger network".
    const { f, kinds, text } = trial(digits, { optimizer: 'adam', lr: 0.32 });
    expect(kinds).toEqual(['exploding_activations', 'worse_than_constant', 'no_fit_reading']);
    expect(f[0].detail).toMatch(/output logits span -\d{4} to \d{4}/);
    expect(f[0].advice).toMatch(/^Lower the learning rate: lr 0\.32 \(adam usually trains at 0\.0001–0\.003\); try 0\.032/);
    expect(f[1].detail).toMatch(/the 2\.30 of always predicting the class frequencies/);
    expect(text).not.toMatch(biggerNetwork);
  });

  it('RMSProp at lr 0.32: a first epoch at 180× chance and logits past 10⁴ (the issue\'s "val_loss 130" trial)', () => {
    // Old reading: "Good fit … tune the learning rate first".
    const { r, kinds, text } = trial(digits, { optimizer: 'rmsprop', lr: 0.32 });
    expect(r.folds[0].epochs[0].valLoss).toBeGreaterThan(100);
    expect(kinds).toEqual(['exploding_activations', 'worse_than_constant', 'unstable_training', 'no_fit_reading']);
    expect(text).toMatch(/In epoch 1 the training loss averaged 425/);
    expect(kinds).not.toContain('good_fit');
  });

  it('Adam at lr 0.32 on 128-128: the loss spikes, layer 2 dies, and the model sits at chance: lower the learning rate', () => {
    // Old reading: vanishing gradients ("use He initialization…"), collapsed activations ("initial weights too small"), "bigger network".
    const { f, kinds, text } = trial(digits, { optimizer: 'adam', lr: 0.32, hiddenLayers: [128, 128] });
    expect(kinds).toEqual(['unstable_training', 'dead_units', 'not_learning', 'no_fit_reading']);
    expect(f[1].detail).toMatch(/layer 2 .*They died when the loss spiked in epoch 1/);
    expect(f[1].advice).toMatch(/^Lower the learning rate: lr 0\.32/);
    expect(f[2].title).toBe('Stuck at the chance level');
    expect(text).not.toMatch(/too small|raise the learning rate/i);
    expect(text).not.toMatch(biggerNetwork);
  });

  it('Adam at lr 0.1: the loss falls to 0.26 then climbs back 8×, which is instability, not "not learning, raise the learning rate"', () => {
    // Old reading: "The model is not learning … raise the learning rate", then "Good fit".
    const { kinds, text } = trial(digits, { optimizer: 'adam', lr: 0.1 });
    expect(kinds.slice(0, 2)).toEqual(['exploding_activations', 'unstable_training']);
    expect(text).toMatch(/then rose back to 2\.18 at epoch 9/);
    expect(text).not.toMatch(/raise the learning rate/i);
    expect(kinds).not.toContain('good_fit');
  });

  it('Momentum at lr 0.32: divergence names the rise against chance and the logits it reached', () => {
    const { f } = trial(digits, { optimizer: 'momentum', lr: 0.32, momentum: 0.9 });
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/^At epoch 5 the training loss rose from 1\.67 to 1810 \(790× the 2\.30 .*\) with learning rate 0\.32\. By epoch 5 the output logits span/);
  });

  it('N(0, 1) weights in a deep ReLU net blow up from the first step: the initialization is named, not the learning rate', () => {
    // Old reading: dead units ("Lower the learning rate"), collapse ("initial weights too small"), "bigger network".
    const { f, kinds, text } = trial(digits, { optimizer: 'sgd', lr: 0.01, hiddenLayers: [100, 100, 100, 100, 100], batchSize: 128, init: 'normal', initScale: 1, epochs: 4, earlyStopping: false });
    expect(kinds).toContain('dead_units');
    expect(f[0].advice).toMatch(/^The initial weights are too large: use He \(he_normal\) initialization instead of N\(0, 1\)/);
    expect(text).not.toMatch(/Lower the learning rate|too small/);
    expect(text).not.toMatch(biggerNetwork);
  });

  it('N(0, 1) weights under tanh: a loss above chance and saturation from initialization, both blamed on the weights', () => {
    const { f, kinds } = trial(digits, { optimizer: 'sgd', lr: 0.01, hiddenLayers: [100, 100, 100, 100, 100], batchSize: 128, activation: 'tanh', init: 'normal', initScale: 1, epochs: 6, earlyStopping: false });
    expect(kinds.slice(0, 2)).toEqual(['worse_than_constant', 'saturation']);
    expect(f[0].advice).toMatch(/Xavier \(xavier_normal\) initialization instead of N\(0, 1\)/);
    expect(f[1].detail).toMatch(/saturated from initialization/);
  });

  it('regression: RMSProp at lr 0.32 ends with R² −6.9, worse than predicting the mean', () => {
    // Old reading: "Underfitting (high bias) … Use a bigger network".
    const { f, kinds, text } = trial(sine, { optimizer: 'rmsprop', lr: 0.32 });
    expect(kinds[0]).toBe('worse_than_constant');
    expect(f[0].detail).toMatch(/validation R² is -6\.\d+: always predicting the mean target \(loss 0\.50\d\)/);
    expect(text).not.toMatch(biggerNetwork);
  });

  it('regression: SGD at lr 0.05 spikes to 450× the variance and kills 84% of the ReLUs', () => {
    // Old reading: dead units (generic advice) and "Underfitting … bigger network".
    const { kinds, text } = trial(sine, { optimizer: 'sgd', lr: 0.05 });
    expect(kinds).toEqual(['unstable_training', 'dead_units', 'not_learning', 'no_fit_reading']);
    expect(text).toMatch(/They died when the loss spiked in epoch 1 \(223\)/);
    expect(text).not.toMatch(biggerNetwork);
  });

  it('k-fold: instability is found in the fold that shows it, bias and variance on the mean curve', () => {
    const { kinds, text } = trial(digits, { optimizer: 'momentum', lr: 0.15, momentum: 0.9 }, 3);
    expect(kinds[0]).toBe('unstable_training');
    expect(text).toMatch(/The training loss of fold \d fell to/);
    expect(text).toMatch(/best epoch \(\d+, mean of 3 folds\)/);
  });

  it('healthy runs stay healthy: SGD at lr 0.32 is a good fit; Xavier-tanh after 20 epochs is still learning', () => {
    expect(trial(digits, { optimizer: 'sgd', lr: 0.32 }).kinds).toEqual(['good_fit']);
    const slow = trial(digits, { optimizer: 'sgd', lr: 0.01, hiddenLayers: [100, 100, 100, 100, 100], batchSize: 128, activation: 'tanh', init: 'xavier_normal', epochs: 20, earlyStopping: false });
    expect(slow.kinds).toEqual(['high_bias']);
    expect(slow.f[0].advice).toMatch(/^Train longer or raise the learning rate/);
  });
});
