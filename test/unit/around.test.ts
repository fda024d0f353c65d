// "New search around this trial" (src-core/search/around.ts): each numeric knob keeps a quarter of its range on its
// own scale, centred on the trial's value and kept inside the old range; worked by hand.
import { describe, expect, it } from 'vitest';
import { AROUND_SHARE, spaceAround } from '../../src-core/search/around';
import { parseSpec } from '../../src-core/spec/spec';

describe('a space narrowed around a trial', () => {
  const space = {
    lr: { type: 'float', low: 1e-5, high: 1, log: true },
    dropout: { type: 'float', low: 0, high: 0.6 },
    hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
    depth: { type: 'int', low: 1, high: 4 },
    batchSize: { type: 'int', low: 16, high: 256, step: 16 },
    optimizer: { type: 'categorical', values: ['sgd', 'adam'] },
    epochs: { type: 'fixed', value: 20 },
  };

  it('keeps a quarter of each numeric range on its scale, centred on the trial: 1.25 decades of lr around 10⁻², ends to two digits', () => {
    expect(AROUND_SHARE).toBe(0.25);
    const s = spaceAround(space, { lr: 0.01, dropout: 0.3, hiddenUnits: 32, depth: 2, batchSize: 128, optimizer: 'adam', epochs: 20 });
    // log10: −2 ± 0.625 → 10^−2.625 = 0.00237 (down to 0.0023) and 10^−1.375 = 0.0422 (up to 0.043).
    expect(s.lr).toEqual({ type: 'float', low: 0.0023, high: 0.043, log: true });
    // 0.3 ± 0.075.
    expect(s.dropout).toEqual({ type: 'float', low: 0.22, high: 0.38 });
    // log2 of 4–256 is 6 octaves (1.806 decades): 32 × 10^±0.2258 = 19.0 and 53.8 → whole numbers outward, 19 and 54.
    expect(s.hiddenUnits).toEqual({ type: 'int', low: 19, high: 54, log: true });
    // 1–4: 2 ± 0.375 → 1.625–2.375, on the grid outward: 1–3.
    expect(s.depth).toEqual({ type: 'int', low: 1, high: 3 });
    // 16–256 step 16: 128 ± 30 → 98–158, on the grid from 16 outward: 96–160.
    expect(s.batchSize).toEqual({ type: 'int', low: 96, high: 160, step: 16 });
    // Categorical and fixed knobs as they were.
    expect(s.optimizer).toBe(space.optimizer);
    expect(s.epochs).toBe(space.epochs);
    // What it gives is a spec the engine takes.
    expect(() => parseSpec({ dataset: { builtin: 'iris' }, space: s })).not.toThrow();
  });

  it('moves the window inside the range at its ends, and leaves a knob the trial has no value of as it was', () => {
    const s = spaceAround(space, { lr: 1, dropout: 0, hiddenUnits: 4 });
    // At the top: the last 1.25 decades, 10^−1.25 = 0.0562 (down to 0.056) to 1.
    expect(s.lr).toEqual({ type: 'float', low: 0.056, high: 1, log: true });
    expect(s.dropout).toEqual({ type: 'float', low: 0, high: 0.15 });
    expect(s.hiddenUnits).toEqual({ type: 'int', low: 4, high: 12, log: true });
    expect(s.depth).toBe(space.depth);
  });

  it('an int knob of two values stays two values apart', () => {
    const s = spaceAround({ depth: { type: 'int', low: 1, high: 2 } }, { depth: 2 });
    expect(s.depth).toEqual({ type: 'int', low: 1, high: 2 });
  });
});
