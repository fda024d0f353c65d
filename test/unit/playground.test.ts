import { describe, expect, it } from 'vitest';
import { SURFACES, surfaceGrid } from '../../src-core/playground/functions';
import { runPath } from '../../src-core/playground/path';
import { OPTIMIZERS } from '../../src-core/spec/train';

describe('playground surfaces', () => {
  it.each(Object.values(SURFACES).map((s) => [s.id, s] as const))('%s: the gradient matches central differences and vanishes at the minimum', (_id, s) => {
    for (const [x, y] of [[0.3, -0.7], [-1.1, 0.4], [1.7, 1.2]]) {
      const h = 1e-6;
      const [gx, gy] = s.grad(x, y);
      expect(gx).toBeCloseTo((s.f(x + h, y) - s.f(x - h, y)) / (2 * h), 3);
      expect(gy).toBeCloseTo((s.f(x, y + h) - s.f(x, y - h)) / (2 * h), 3);
    }
    const [mx, my] = s.minimum;
    expect(Math.hypot(...s.grad(mx, my))).toBeLessThan(1e-9);
    expect(surfaceGrid(s, 10).z).toHaveLength(10);
  });
});

describe('optimizer paths on x²/20 + y² (the seed notes\' figure)', () => {
  const start: [number, number] = [-7, 2];
  /** Visible zig-zags: sign changes of y while |y| ≥ 0.01. */
  const flips = (knobs: Parameters<typeof runPath>[1]): number => {
    const ys = runPath('elongated', knobs, start, 20).points.map((p) => (Math.abs(p[1]) < 1e-2 ? 0 : Math.sign(p[1])));
    return ys.slice(1).filter((s, i) => s !== 0 && ys[i] !== 0 && s !== ys[i]).length;
  };

  it('SGD zig-zags: y changes sign at nearly every step while x crawls', () => {
    expect(flips({ optimizer: 'sgd', lr: 0.95 })).toBeGreaterThanOrEqual(18);
    expect(Math.abs(runPath('elongated', { optimizer: 'sgd', lr: 0.95 }, start, 20).points[20][0])).toBeGreaterThan(0.5);
  });

  it('Momentum, AdaGrad, RMSProp and Adam zig-zag far less', () => {
    const sgd = flips({ optimizer: 'sgd', lr: 0.95 });
    for (const knobs of [
      { optimizer: 'momentum', lr: 0.1, momentum: 0.9 },
      { optimizer: 'adagrad', lr: 1.5 },
      { optimizer: 'rmsprop', lr: 0.3 },
      { optimizer: 'adam', lr: 0.3 },
    ] as const) {
      expect(flips(knobs), knobs.optimizer).toBeLessThanOrEqual(sgd / 3);
    }
  });

  it('AdaGrad and RMSProp reach the minimum region faster than SGD', () => {
    const at = (knobs: Parameters<typeof runPath>[1]): number => runPath('elongated', knobs, start, 20).points[20][2];
    expect(at({ optimizer: 'adagrad', lr: 1.5 })).toBeLessThan(at({ optimizer: 'sgd', lr: 0.95 }));
    expect(at({ optimizer: 'rmsprop', lr: 0.3 })).toBeLessThan(at({ optimizer: 'sgd', lr: 0.95 }));
  });

  it('a learning rate too large diverges and says so', () => {
    const r = runPath('sphere', { optimizer: 'sgd', lr: 1.5 }, [1, 1], 200);
    expect(r.diverged).toBe(true);
  });
});

describe('each surface\'s default knobs give every optimizer an instructive path', () => {
  const cases = Object.values(SURFACES).flatMap((s) => Object.keys(s.defaults.lr).map((o) => [s.id, o, s] as const));
  it.each(cases)('%s, %s: finite, inside the view, and at least halves f from the start', (_id, optimizer, s) => {
    const d = s.defaults;
    // Each optimizer gets its own knobs only, as the playground sends them (momentum would turn SGD and RMSProp into their momentum variants).
    const own = optimizer === 'momentum' || optimizer === 'nesterov' ? { momentum: d.momentum }
      : optimizer === 'rmsprop' || optimizer === 'adadelta' ? { rho: d.rho }
        : optimizer === 'adam' || optimizer === 'adamw' ? { beta1: d.beta1, beta2: d.beta2 } : {};
    const knobs = { optimizer, lr: d.lr[optimizer as keyof typeof d.lr], ...own } as Parameters<typeof runPath>[1];
    const r = runPath(s.id, knobs, s.start, d.steps);
    expect(r.diverged).toBe(false);
    expect(r.points).toHaveLength(d.steps + 1);
    const [x0, x1] = s.xRange;
    const [y0, y1] = s.yRange;
    const mx = 0.1 * (x1 - x0);
    const my = 0.1 * (y1 - y0);
    for (const [x, y] of r.points) {
      expect(x).toBeGreaterThanOrEqual(x0 - mx);
      expect(x).toBeLessThanOrEqual(x1 + mx);
      expect(y).toBeGreaterThanOrEqual(y0 - my);
      expect(y).toBeLessThanOrEqual(y1 + my);
    }
    const f0 = r.points[0][2];
    const f1 = r.points[r.points.length - 1][2];
    expect(f1).toBeLessThan(f0 / 2);
    // Visible progress: the path travels at least 5% of the view's diagonal.
    const [sx, sy] = s.start;
    const far = Math.max(...r.points.map(([x, y]) => Math.hypot(x - sx, y - sy)));
    expect(far).toBeGreaterThan(0.05 * Math.hypot(x1 - x0, y1 - y0));
  });

  it('covers every optimizer of the spec on every surface', () => {
    for (const s of Object.values(SURFACES)) expect(Object.keys(s.defaults.lr).sort()).toEqual([...OPTIMIZERS].sort());
  });

  it('the old single set of learning rates diverged within two steps on Rosenbrock and Beale', () => {
    // SGD 0.95 and Momentum 0.1 (the playground's defaults for every surface before they were chosen per surface).
    for (const id of ['rosenbrock', 'beale'] as const) {
      expect(runPath(id, { optimizer: 'sgd', lr: 0.95 }, SURFACES[id].start, 40).points.length).toBeLessThanOrEqual(2);
      expect(runPath(id, { optimizer: 'momentum', lr: 0.1, momentum: 0.9 }, SURFACES[id].start, 40).points.length).toBeLessThanOrEqual(3);
    }
  });
});
