import type { SurfaceInfo } from '../../../src-core/api/contract';
import { nameLabel } from '../../../src-core/api/labels';
import { list } from '../../../src-core/format';

/** One optimizer's path as the playground draws it: [x, y, f] per point (the start first). */
export interface PathRun {
  name: string;
  points: [number, number, number][];
  diverged: boolean;
}

/** What a path did, measured from its points. */
export interface PathFacts {
  name: string;
  steps: number;
  diverged: boolean;
  f0: number;
  f: number;
  /** Reversals of the step's direction in x and in y (steps longer than 1% of the view count). */
  turnsX: number;
  turnsY: number;
  /** How far the path went past the minimum along the line from the start to it, as a fraction of that distance (0 when it never passed it). */
  overshoot: number;
  /** Angle in degrees between the first step and the straight line from the start to the minimum (0 for no step). */
  offLine: number;
}

/** A number for the playground's text: 3 significant digits, exponent form below 10⁻³. */
export function fmtF(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(1) : String(Number(x.toPrecision(3)));
}

/** Measure a path: final value, direction reversals per axis, overshoot of the minimum along the line from the start. */
export function pathFacts(p: PathRun, s: Pick<SurfaceInfo, 'minimum' | 'xRange' | 'yRange'>): PathFacts {
  const pts = p.points;
  const minStep = [0.01 * (s.xRange[1] - s.xRange[0]), 0.01 * (s.yRange[1] - s.yRange[0])];
  const turns = [0, 0];
  const last = [0, 0];
  for (let i = 1; i < pts.length; i++) {
    for (const a of [0, 1]) {
      const d = pts[i][a] - pts[i - 1][a];
      if (Math.abs(d) < minStep[a]) continue;
      if (last[a] !== 0 && Math.sign(d) !== last[a]) turns[a]++;
      last[a] = Math.sign(d);
    }
  }
  const [sx, sy] = [pts[0][0], pts[0][1]];
  const [dx, dy] = [s.minimum[0] - sx, s.minimum[1] - sy];
  const dist = Math.hypot(dx, dy);
  const along = (q: [number, number, number]): number => ((q[0] - sx) * dx + (q[1] - sy) * dy) / dist;
  const first = pts.find((q) => Math.hypot(q[0] - sx, q[1] - sy) > 1e-12);
  const step = first ? Math.hypot(first[0] - sx, first[1] - sy) : 0;
  const cos = first && dist > 0 ? along(first) / step : 1;
  return {
    name: p.name, steps: pts.length - 1, diverged: p.diverged, f0: pts[0][2], f: pts[pts.length - 1][2],
    turnsX: turns[0], turnsY: turns[1], overshoot: dist > 0 ? Math.max(0, ...pts.map((q) => along(q) - dist)) / dist : 0,
    offLine: (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI,
  };
}

/** "a, b and c" */

/** Surfaces where plain SGD usually ends highest (the valley ones). */
const SGD_USUALLY_SLOWEST = new Set(['elongated', 'rosenbrock']);

/**
 * What this run of the playground shows, computed from its paths: the ranking by final f, which
 * paths zig-zagged, overshot, stalled or diverged, and whether plain SGD ended behind the others as
 * it usually does on a valley.
 */
export function playgroundStory(s: Pick<SurfaceInfo, 'id' | 'minimum' | 'xRange' | 'yRange'>, paths: PathRun[]): string[] {
  if (paths.length === 0) return [];
  const facts = paths.map((p) => pathFacts(p, s));
  const out: string[] = [];
  const alive = facts.filter((f) => !f.diverged).sort((a, b) => a.f - b.f);
  const name = (f: PathFacts): string => nameLabel(f.name);
  if (alive.length > 0) out.push(`Lowest f after ${alive[0].steps} steps: ${alive.map((f) => `${name(f)} ${fmtF(f.f)}`).join(', ')}.`);
  const dead = facts.filter((f) => f.diverged);
  if (dead.length > 0) out.push(`Diverged: ${dead.map((f) => `${name(f)} after ${f.steps} step${f.steps === 1 ? '' : 's'}`).join(', ')}: its learning rate is too large for the slopes here.`);
  const zigzag = (f: PathFacts): boolean => Math.max(f.turnsX, f.turnsY) >= Math.max(4, f.steps / 3);
  // Where the gradient points at the minimum (a round bowl), leaving the straight line is the optimizer's doing: worth saying.
  const off = alive.filter((f) => !zigzag(f) && f.offLine > 15);
  const straight = alive.filter((f) => !zigzag(f) && f.offLine <= 5);
  if (off.length > 0 && straight.length > 0) {
    const angles = [...new Set(off.map((f) => Math.round(f.offLine)))];
    out.push(`${list(off.map(name))} set off ${angles.length === 1 ? `${angles[0]}°` : list(off.map((f) => `${Math.round(f.offLine)}°`))} away from the straight line to the minimum, ` +
      `while ${list(straight.map(name))} headed straight at it.`);
  }
  for (const f of alive) {
    const [axis, n] = f.turnsY >= f.turnsX ? ['y', f.turnsY] : ['x', f.turnsX];
    if (zigzag(f)) out.push(`${name(f)} zig-zagged: its step in ${axis} reversed ${n} times in ${f.steps} steps.`);
    else if (f.overshoot > 0.1) out.push(`${name(f)} overshot the minimum by ${Math.round(f.overshoot * 100)}% of its starting distance and came back.`);
    if (f.f > f.f0 / 2) out.push(`${name(f)} made little progress: f went from ${fmtF(f.f0)} to ${fmtF(f.f)}.`);
  }
  const sgd = alive.find((f) => f.name === 'sgd');
  if (sgd && SGD_USUALLY_SLOWEST.has(s.id)) {
    const beaten = alive.filter((f) => f !== sgd && sgd.f < f.f);
    out.push(beaten.length === 0
      ? 'As usual on a valley, plain SGD ended highest.'
      : `Unlike the usual picture, plain SGD ended lower than ${list(beaten.map((f) => `${name(f)} (${fmtF(sgd.f)} vs ${fmtF(f.f)})`))}: with these learning rates and this many steps the others have not settled yet.`);
  }
  return out;
}
