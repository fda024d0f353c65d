import { describe, expect, it } from 'vitest';
import { SURFACES } from '../../src-core/playground/functions';
import { runPath } from '../../src-core/playground/path';
import { pathFacts, playgroundStory, type PathRun } from '../../src-renderer/src/model/playground';

const elongated = SURFACES.elongated;
const run = (name: string, knobs: Record<string, unknown>, steps = 40): PathRun => ({ name, ...runPath('elongated', { optimizer: name, ...knobs } as Parameters<typeof runPath>[1], elongated.start, steps) });

describe('what this run of the playground shows, computed from its paths', () => {
  it('measures zig-zags and overshoot from the points (hand-made path)', () => {
    const zig: PathRun = { name: 'sgd', diverged: false, points: [[-7, 2, 0], [-6, -1.8, 0], [-5, 1.6, 0], [-4, -1.4, 0], [-3, 1.2, 0]] };
    expect(pathFacts(zig, elongated)).toMatchObject({ turnsY: 3, turnsX: 0, overshoot: 0 });
    const over: PathRun = { name: 'momentum', diverged: false, points: [[-7, 0, 0], [-3, 0, 0], [2.1, 0, 0], [0.5, 0, 0]] };
    // (The start (-7, 0) lies on the x axis here, so "along the line to the minimum" is x.)
    expect(pathFacts(over, elongated).overshoot).toBeCloseTo(0.3, 12);
    // Following a curved valley below the minimum's height is not passing the minimum: measured along the line from the start.
    const valley: PathRun = { name: 'adam', diverged: false, points: [[-1.5, 2, 0], [0, 0, 0], [1, 1, 0]] };
    expect(pathFacts(valley, SURFACES.rosenbrock).overshoot).toBe(0);
  });

  it('x²/20 + y² at the old defaults: SGD zig-zags yet ends below Momentum (0.0017 vs 0.10), and the text says so', () => {
    const story = playgroundStory(elongated, [run('sgd', { lr: 0.95 }), run('momentum', { lr: 0.1, momentum: 0.9 }), run('adagrad', { lr: 1.5 })]);
    expect(story[0]).toBe('Lowest f after 40 steps: AdaGrad 5.9e-5, SGD 0.00171, Momentum 0.1.');
    expect(story).toContain('SGD zig-zagged: its step in y reversed 34 times in 40 steps.');
    expect(story).toContain('Momentum overshot the minimum by 15% of its starting distance and came back.');
    expect(story.at(-1)).toBe('Unlike the usual picture, plain SGD ended lower than Momentum (0.00171 vs 0.1): with these learning rates and this many steps the others have not settled yet.');
  });

  it('x²/20 + y² with a small SGD rate: SGD ends highest, as usual, and its stall is named', () => {
    const story = playgroundStory(elongated, [run('sgd', { lr: 0.005 }), run('momentum', { lr: 0.1, momentum: 0.9 })]);
    expect(story).toContain('SGD made little progress: f went from 6.45 to 4.14.');
    expect(story.at(-1)).toBe('As usual on a valley, plain SGD ended highest.');
  });

  it('a diverged path is reported with its step count, and left out of the ranking', () => {
    const story = playgroundStory(SURFACES.rosenbrock, [
      { name: 'sgd', ...runPath('rosenbrock', { optimizer: 'sgd', lr: 0.95 }, SURFACES.rosenbrock.start, 40) },
      { name: 'adam', ...runPath('rosenbrock', { optimizer: 'adam', lr: 0.1 }, SURFACES.rosenbrock.start, 40) },
    ]);
    expect(story[0]).toMatch(/^Lowest f after 40 steps: Adam \d/);
    expect(story[1]).toBe('Diverged: SGD after 1 step: its learning rate is too large for the slopes here.');
  });

  it('x² + y² from an off-diagonal start: the adaptive optimizers leave the straight line, SGD and Momentum do not', () => {
    const s = SURFACES.sphere;
    const path = (name: string, knobs: Record<string, unknown>): PathRun => ({ name, ...runPath('sphere', { optimizer: name, ...knobs } as Parameters<typeof runPath>[1], s.start, 40) });
    const story = playgroundStory(s, [path('sgd', { lr: 0.1 }), path('momentum', { lr: 0.05, momentum: 0.9 }), path('adam', { lr: 0.1 })]);
    expect(story).toContain('Adam set off 24° away from the straight line to the minimum, while SGD and Momentum headed straight at it.');
    expect(pathFacts(path('sgd', { lr: 0.1 }), s).offLine).toBeLessThan(0.01);
  });
});
