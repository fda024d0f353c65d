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
}

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
    start: [-1.5, 1.5],
    logContours: false,
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
  },
};

/** Values of a surface on an n×n grid over its view, row-major with y rows (for a contour or heat map). */
export function surfaceGrid(s: Surface, n = 80): { xs: number[]; ys: number[]; z: number[][] } {
  const xs = Array.from({ length: n }, (_, i) => s.xRange[0] + ((s.xRange[1] - s.xRange[0]) * i) / (n - 1));
  const ys = Array.from({ length: n }, (_, j) => s.yRange[0] + ((s.yRange[1] - s.yRange[0]) * j) / (n - 1));
  const z = ys.map((y) => xs.map((x) => s.f(x, y)));
  return { xs, ys, z };
}
