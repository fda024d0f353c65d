import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../../src-core/nn/arena';
import { availableKernelPaths, createKernels } from '../../../src-core/nn/kernels/index';
import type { OptStep } from '../../../src-core/nn/kernels/types';
import { Optimizer } from '../../../src-core/nn/optim';
import { parseSpec, trainConfigOf } from '../../../src-core/spec/spec';

/** Fixtures made by scripts/fixtures/make_torch_optim_fixtures.py with Debian's python3-torch. */
interface Fixture {
  a: number[];
  b: number[];
  p0: number[];
  steps: number;
  switch: number;
  cases: Record<string, { optimizer: string; kwargs: Record<string, number | boolean | number[]>; trajectory: number[][] }>;
}
const fx = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch-optim.json'), 'utf8')) as Fixture;
const N = fx.p0.length;

/** Replays the fixture's loss: ∂/∂p of ½a·p² + b·p + 0.1·sin(3p), in float32 like torch. */
function gradient(f: Float32Array, p: number, g: number): void {
  for (let i = 0; i < N; i++) {
    const x = f[p + i];
    f[g + i] = Math.fround(Math.fround(fx.a[i] * x) + fx.b[i] + Math.fround(0.3 * Math.cos(3 * x)));
  }
}

function stepOf(kind: string, kw: Record<string, number | boolean | number[]>): OptStep {
  const betas = (kw.betas as number[] | undefined) ?? [0.9, 0.999];
  const defaults: Record<string, number> = { Adagrad: 1e-10, Adadelta: 1e-6, RMSprop: 1e-8, Adam: 1e-8, AdamW: 1e-8, SGD: 0 };
  return {
    lr: kw.lr as number,
    momentum: (kw.momentum as number) ?? 0,
    dampening: (kw.dampening as number) ?? 0,
    nesterov: (kw.nesterov as boolean) ?? false,
    beta1: betas[0],
    beta2: betas[1],
    eps: (kw.eps as number) ?? defaults[kind],
    rho: (kw.rho as number) ?? (kw.alpha as number) ?? 0.9,
    weightDecay: (kw.weight_decay as number) ?? 0,
    step: 0,
    lrDecay: (kw.lr_decay as number) ?? 0,
  };
}

describe.each(availableKernelPaths())('optimizer trajectories equal torch.optim (%s kernels)', (path) => {
  it.each(Object.keys(fx.cases))('%s, with the learning rate halved midway', (name) => {
    const c = fx.cases[name];
    const arena = new Arena();
    const k = createKernels(arena, path);
    const p = arena.alloc(N);
    const g = arena.alloc(N);
    const s1 = arena.alloc(N);
    const s2 = arena.alloc(N);
    arena.f32.set(fx.p0, p);
    const o = stepOf(c.optimizer, c.kwargs);
    let worst = 0;
    for (let step = 0; step < fx.steps; step++) {
      if (step === fx.switch) o.lr *= 0.5;
      o.step = step + 1;
      gradient(arena.f32, p, g);
      switch (c.optimizer) {
        case 'SGD': k.sgd(N, p, g, s1, o); break;
        case 'Adagrad': k.adagrad(N, p, g, s1, o); break;
        case 'Adadelta': k.adadelta(N, p, g, s1, s2, o); break;
        case 'RMSprop': k.rmsprop(N, p, g, s1, s2, o); break;
        default: k.adam(N, p, g, s1, s2, o, c.optimizer === 'AdamW');
      }
      const want = c.trajectory[step];
      for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(arena.f32[p + i] - want[i]));
    }
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('the Optimizer class maps spec names to torch.optim classes', () => {
  const spec = parseSpec({ dataset: { builtin: 'iris' } });
  const cases: [string, Record<string, unknown>][] = [
    ['sgd_wd', { optimizer: 'sgd', lr: 0.1, weightDecay: 0.01 }],
    ['momentum', { optimizer: 'momentum', lr: 0.05, momentum: 0.9, weightDecay: 0.01 }],
    ['nesterov', { optimizer: 'nesterov', lr: 0.05, momentum: 0.9, weightDecay: 0.01 }],
    ['adadelta', { optimizer: 'adadelta', lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0.01 }],
    ['rmsprop', { optimizer: 'rmsprop', lr: 0.01, rho: 0.99, weightDecay: 0.01 }],
    ['adam', { optimizer: 'adam', lr: 0.05, weightDecay: 0.01 }],
    ['adamw', { optimizer: 'adamw', lr: 0.05, weightDecay: 0.1 }],
  ];
  it.each(cases)('%s', (name, knobs) => {
    const config = trainConfigOf(spec, knobs);
    const arena = new Arena();
    const k = createKernels(arena, 'scalar');
    const p = arena.alloc(N);
    const g = arena.alloc(N);
    arena.f32.set(fx.p0, p);
    const opt = new Optimizer(arena, k, config, p, g, N);
    for (let step = 0; step < fx.steps; step++) {
      gradient(arena.f32, p, g);
      opt.step(step >= fx.switch ? config.lr * 0.5 : config.lr);
    }
    const want = fx.cases[name].trajectory[fx.steps - 1];
    for (let i = 0; i < N; i++) expect(Math.abs(arena.f32[p + i] - want[i])).toBeLessThan(1e-4);
  });
});
