import type { OptimizerName } from '../spec/train';

/** Starting knobs of the playground on one surface, chosen so every optimizer's path stays finite and in view and makes visible progress. */
export interface SurfaceDefaults {
  steps: number;
  lr: Record<OptimizerName, number>;
  momentum: number;
  rho: number;
  beta1: number;
  beta2: number;
}

/** A 2-D test function for the optimizer playground, with its gradient and a sensible view. */
export interface Surface {
  id: SurfaceId;
  label: string;
  f: (x: number, y: number) => number;
  grad: (x: number, y: number) => [number, number];
  /** The view: x and y ranges drawn under the contour plot. */
  xRange: [number, number];
  yRange: [number, number];
  /** Where the minimum lies (for the marker). */
  minimum: [number, number];
  /** A start point that shows the function's difficulty. */
  start: [number, number];
  /** Contours drawn on a log scale (Rosenbrock, Beale span many orders of magnitude). */
  logContours: boolean;
  /** What usually happens on it, and why. */
  usually: string;
  defaults: SurfaceDefaults;
}

const BETAS = { momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999 };

/** The playground's functions. */
export type SurfaceId = 'sphere' | 'elongated' | 'rosenbrock' | 'beale';

/** x² + y², x²/20 + y² (the seed notes' SGD zig-zag), Rosenbrock and Beale. */
export const SURFACES: Record<SurfaceId, Surface> = {
  sphere: {
    id: 'sphere',
    label: 'x² + y²',
    f: (x, y) => x * x + y * y,
    grad: (x, y) => [2 * x, 2 * y],
    xRange: [-2, 2],
    yRange: [-2, 2],
    minimum: [0, 0],
    start: [-1.6, 0.6],
    logContours: false,
    usually:
      'A round bowl: the gradient points straight at the minimum, so every optimizer heads there. SGD slows down as the ' +
      'gradient shrinks near the bottom; momentum keeps its speed and overshoots; the adaptive optimizers (RMSProp, Adam) ' +
      'take steps of about their learning rate in every coordinate whatever its slope, so from this start they head off ' +
      'diagonally, not straight at the minimum.',
    defaults: {
      steps: 40, ...BETAS,
      lr: { sgd: 0.1, momentum: 0.05, nesterov: 0.05, adagrad: 0.5, adadelta: 30, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
    },
  },
  elongated: {
    id: 'elongated',
    label: 'x²/20 + y²',
    f: (x, y) => (x * x) / 20 + y * y,
    grad: (x, y) => [x / 10, 2 * y],
    xRange: [-10, 10],
    yRange: [-5, 5],
    minimum: [0, 0],
    start: [-7, 2],
    logContours: false,
    usually:
      'A valley 20 times steeper across (y) than along (x). Plain SGD with a learning rate large enough to move along x ' +
      'overshoots across y and zig-zags; one small enough not to zig-zag crawls along x. Momentum averages the zig-zag ' +
      'away and gathers speed along the valley, but may overshoot its end; AdaGrad, RMSProp and Adam divide each ' +
      "coordinate's step by its own gradient size, so both directions move at a similar pace.",
    defaults: {
      steps: 40, ...BETAS,
      lr: { sgd: 0.95, momentum: 0.1, nesterov: 0.1, adagrad: 1.5, adadelta: 50, rmsprop: 0.1, adam: 0.3, adamw: 0.3 },
    },
  },
  rosenbrock: {
    id: 'rosenbrock',
    label: 'Rosenbrock (1 − x)² + 100(y − x²)²',
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    xRange: [-2, 2],
    yRange: [-1, 3],
    minimum: [1, 1],
    start: [-1.5, 2],
    logContours: true,
    usually:
      'A curved valley with a flat floor and steep walls (curvature near 1000 across it). SGD needs a tiny learning rate ' +
      '(from this start it diverges above about 0.002): it reaches the floor and then crawls along it. Momentum gathers ' +
      'speed along the floor; Adam and RMSProp rescale their steps, so they move along it at a steady pace but can rattle ' +
      'from wall to wall.',
    defaults: {
      steps: 500, ...BETAS,
      lr: { sgd: 0.001, momentum: 0.001, nesterov: 0.001, adagrad: 0.5, adadelta: 10, rmsprop: 0.01, adam: 0.1, adamw: 0.1 },
    },
  },
  beale: {
    id: 'beale',
    label: 'Beale',
    f: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    grad: (x, y) => {
      const a = 1.5 - x + x * y;
      const b = 2.25 - x + x * y * y;
      const c = 2.625 - x + x * y ** 3;
      return [2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), 2 * a * x + 4 * b * x * y + 6 * c * x * y * y];
    },
    xRange: [-4.5, 4.5],
    yRange: [-4.5, 4.5],
    minimum: [3, 0.5],
    start: [1, 1.5],
    logContours: true,
    usually:
      'Flat plateaus next to steep ridges: where the gradient is tiny SGD hardly moves, and where it is huge one step ' +
      'overshoots, so a single learning rate suits neither. Adaptive optimizers rescale each step to the gradient, so they ' +
      'cross plateaus faster; momentum can carry a path over a ridge into another basin.',
    defaults: {
      steps: 200, ...BETAS,
      lr: { sgd: 0.01, momentum: 0.002, nesterov: 0.002, adagrad: 0.5, adadelta: 30, rmsprop: 0.03, adam: 0.1, adamw: 0.1 },
    },
  },
};

/** Values of a surface on an n×n grid over its view, row-major with y rows (for a contour or heat map). */
export function surfaceGrid(s: Surface, n = 80): { xs: number[]; ys: number[]; z: number[][] } {
  const xs = Array.from({ length: n }, (_, i) => s.xRange[0] + ((s.xRange[1] - s.xRange[0]) * i) / (n - 1));
  const ys = Array.from({ length: n }, (_, j) => s.yRange[0] + ((s.yRange[1] - s.yRange[0]) * j) / (n - 1));
  const z = ys.map((y) => xs.map((x) => s.f(x, y)));
  return { xs, ys, z };
}
