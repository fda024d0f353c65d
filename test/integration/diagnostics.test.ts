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
