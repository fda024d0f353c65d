import { Arena } from '../nn/arena';
import { createKernels } from '../nn/kernels/index';
import { Optimizer } from '../nn/optim';
import { formatZodIssues, PARSE_OPTIONS, SpecError } from '../spec/errors';
import { resolveTrainConfig, trainSchema, type TrainInput } from '../spec/train';
import { SURFACES, type SurfaceId } from './functions';

/** One optimizer's path over a 2-D surface: the points visited and whether it blew up. */
export interface OptimizerPath {
  points: [number, number, number][];
  diverged: boolean;
}

/**
 * Run an optimizer (the same torch.optim update rules and kernels that train networks) from a start
 * point over a 2-D test function for `steps` steps; the knobs are any of the spec's optimizer keys.
 *
 * @example
 *   runPath('elongated', { optimizer: 'sgd', lr: 0.95 }, [-7, 2], 30)   // zig-zags in y
 */
export function runPath(surface: SurfaceId, knobs: TrainInput, start: [number, number], steps: number): OptimizerPath {
  const s = SURFACES[surface];
  const parsed = trainSchema.safeParse(knobs, PARSE_OPTIONS);
  if (!parsed.success) throw new SpecError(formatZodIssues(parsed.error, 'knobs'), 'Invalid optimizer knobs');
  const config = resolveTrainConfig(parsed.data);
  const arena = new Arena();
  const kernels = createKernels(arena, 'scalar');
  const p = arena.alloc(2);
  const g = arena.alloc(2);
  const opt = new Optimizer(arena, kernels, config, p, g, 2);
  const f = arena.f32;
  f[p] = start[0];
  f[p + 1] = start[1];
  const points: [number, number, number][] = [[start[0], start[1], s.f(start[0], start[1])]];
  for (let i = 0; i < steps; i++) {
    const [gx, gy] = s.grad(f[p], f[p + 1]);
    f[g] = gx;
    f[g + 1] = gy;
    opt.step(config.lr);
    const x = f[p];
    const y = f[p + 1];
    const v = s.f(x, y);
    if (!Number.isFinite(v) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) return { points, diverged: true };
    points.push([x, y, v]);
  }
  return { points, diverged: false };
}
