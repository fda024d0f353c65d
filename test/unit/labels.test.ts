import { describe, expect, it } from 'vitest';
import { knobsLabel, numberLabel, specValueLabel, valueLabel } from '../../src-core/api/labels';
import { fullBox } from '../../src-core/search/space';
import { parseSpec } from '../../src-core/spec/spec';
import { EXPERIMENTS } from '../../src-core/experiments/builtin';

describe('labels of knob values', () => {
  it('names initial weights as people write them', () => {
    expect(valueLabel({ init: 'normal', initScale: 1 })).toBe('N(0, 1)');
    expect(valueLabel({ init: 'normal', initScale: 0.01 })).toBe('N(0, 0.01)');
    expect(valueLabel({ init: 'uniform', initScale: 0.05 })).toBe('U(-0.05, 0.05)');
    expect(valueLabel('he_normal')).toBe('He normal');
    expect(valueLabel('xavier_normal')).toBe('Xavier normal');
    expect(valueLabel({ init: 'he_normal', biasInit: 0.01 })).toBe('He normal (biasInit 0.01)');
  });

  it('names optimizers with their settings, activations, lists, booleans and numbers', () => {
    expect(valueLabel({ optimizer: 'momentum', lr: 0.01, momentum: 0.9 })).toBe('Momentum (lr 0.01, momentum 0.9)');
    expect(valueLabel({ optimizer: 'adam', lr: 0.001 })).toBe('Adam (lr 0.001)');
    expect(valueLabel('rmsprop')).toBe('RMSProp');
    expect(valueLabel('leaky_relu')).toBe('leaky ReLU');
    expect(valueLabel([64, 64])).toBe('[64, 64]');
    expect(valueLabel(true)).toBe('on');
    expect(valueLabel(null)).toBe('—');
    expect(valueLabel({ lr: 0.1, l2: 1e-4 })).toBe('lr 0.1, l2 1e-4');
    expect(numberLabel(1e-6)).toBe('1e-6');
    expect(numberLabel(2.154434690031884e-5)).toBe('2.15e-5');
    expect(numberLabel(0.046415888)).toBe('0.04642');
    expect(numberLabel(123456)).toBe('123456');
  });

  it('writes a round box\'s categorical values as the spec does: names as they are, a bundle of train keys as its JSON (never [object Object])', () => {
    const spec = parseSpec({
      dataset: { builtin: 'iris' },
      space: { activation: { type: 'categorical', values: ['relu', 'tanh'] }, init: { type: 'categorical', values: [{ init: 'normal', initScale: 0.01 }, 'he_normal'] } },
    });
    // As the CLI's boxText joins a categorical entry of a round's box.
    const text = Object.entries(fullBox(spec.space)).map(([k, b]) => ('values' in b ? `${k} ${b.values.map(specValueLabel).join(' | ')}` : k)).join(', ');
    expect(text).toBe('activation relu | tanh, init {"init":"normal","initScale":0.01} | he_normal');
    expect([0.001, 32, true, null, [64, 64], 'two words', 'line\nbreak', '1e-3', 'null'].map(specValueLabel))
      .toEqual(['0.001', '32', 'true', 'null', '[64,64]', '"two words"', '"line\\nbreak"', '"1e-3"', '"null"']);
    // The app labels the same value for people (its axes and legends use valueLabel).
    expect(spec.space.init.type === 'categorical' && spec.space.init.values.map(valueLabel)).toEqual(['N(0, 0.01)', 'He normal']);
  });

  it('joins a trial\'s knobs for a legend, in the order asked', () => {
    expect(knobsLabel({ init: { init: 'normal', initScale: 1 }, activation: 'sigmoid' }, ['activation', 'init'])).toBe('sigmoid · N(0, 1)');
  });

  it('gives every categorical value of the built-in experiments a label without JSON braces', () => {
    for (const e of EXPERIMENTS) {
      for (const s of e.specs) {
        for (const p of Object.values(s.space ?? {}) as { type: string; values?: unknown[] }[]) {
          for (const v of p.values ?? []) expect(valueLabel(v), JSON.stringify(v)).not.toMatch(/[{}"]/);
        }
      }
    }
  });
});
