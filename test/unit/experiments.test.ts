import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src-core/experiments/builtin';
import { parseSpec, trainConfigOf } from '../../src-core/spec/spec';

describe('built-in experiments', () => {
  it('every spec is valid and every categorical value resolves to a valid train config', () => {
    for (const ex of EXPERIMENTS) {
      for (const input of ex.specs) {
        const spec = parseSpec(input);
        for (const [key, p] of Object.entries(spec.space)) {
          if (p.type === 'categorical') for (const v of p.values) expect(() => trainConfigOf(spec, { [key]: v }), `${ex.id}.${key}`).not.toThrow();
        }
      }
    }
  });

  it('the init comparison covers zeros, N(0, 0.01), N(0, 1), Xavier and He under three activations', () => {
    const spec = parseSpec(EXPERIMENTS.find((e) => e.id === 'init-comparison')!.specs[0]);
    const inits = spec.space.init.type === 'categorical' ? spec.space.init.values.map((v) => trainConfigOf(spec, { init: v })) : [];
    expect(inits.map((c) => `${c.init}:${c.init === 'normal' ? c.initScale : ''}`)).toEqual(['zeros:', 'normal:0.01', 'normal:1', 'xavier_normal:', 'he_normal:']);
    expect(trainConfigOf(spec).hiddenLayers).toEqual([100, 100, 100, 100, 100]);
  });
});
