import type { InitName } from '../spec/train';
import type { Rng } from '../util/rng';

/** The standard deviation (normal) or bound (uniform) an initializer uses for a fanIn×fanOut weight. */
export function initSpread(init: InitName, fanIn: number, fanOut: number, initScale: number): { kind: 'normal' | 'uniform' | 'zeros'; value: number } {
  switch (init) {
    case 'zeros': return { kind: 'zeros', value: 0 };
    case 'normal': return { kind: 'normal', value: initScale };
    case 'uniform': return { kind: 'uniform', value: initScale };
    case 'xavier_normal': return { kind: 'normal', value: Math.sqrt(2 / (fanIn + fanOut)) };
    case 'xavier_uniform': return { kind: 'uniform', value: Math.sqrt(6 / (fanIn + fanOut)) };
    case 'he_normal': return { kind: 'normal', value: Math.sqrt(2 / fanIn) };
    case 'he_uniform': return { kind: 'uniform', value: Math.sqrt(6 / fanIn) };
    case 'lecun_normal': return { kind: 'normal', value: Math.sqrt(1 / fanIn) };
  }
}

/** Fill w (fanIn×fanOut values) with the initializer's distribution, drawn from rng. */
export function initWeights(w: Float32Array, init: InitName, fanIn: number, fanOut: number, initScale: number, rng: Rng): void {
  const { kind, value } = initSpread(init, fanIn, fanOut, initScale);
  for (let i = 0; i < w.length; i++) {
    w[i] = kind === 'zeros' ? 0 : kind === 'normal' ? rng.normal(0, value) : rng.range(-value, value);
  }
}
