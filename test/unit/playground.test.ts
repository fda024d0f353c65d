import { describe, expect, it } from 'vitest';
import { SURFACES, surfaceGrid } from '../../src-core/playground/functions';
import { runPath } from '../../src-core/playground/path';

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
