import { z } from 'zod';
import { gridAxis, gridSize } from '../space';
import type { Proposal, StrategyBudget, StrategyDefinition } from '../strategy';
import { list, plural } from '../../format';
import { showAll } from '../words';
import type { Spec } from '../../spec/spec';

/** `{ "kind": "grid", "points": 5, "maxSize": 10000 }`. */
export const gridSchema = z
  .object({
    kind: z.literal('grid'),
    points: z.number().int().min(2).max(1000).default(5),
    maxSize: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();
export type GridSpec = z.output<typeof gridSchema>;

/** Grid search: the Cartesian product of every knob's axis, the last knob varying fastest. */
export const grid: StrategyDefinition<'grid', GridSpec> = {
  kind: 'grid',
  label: 'grid: every combination of each knob\'s points',
  schema: gridSchema,
  defaultTrials: null,
  help: {
    points: 'points per numeric knob, evenly spaced on its scale (a knob\'s listed values win)',
    maxSize: 'refuse a grid with more points than this',
  },
  budget: gridBudget,
  plannedTrials: (spec) => Math.min(spec.budget.trials ?? Infinity, gridSize(spec.space, spec.strategy.points)),
  issues(spec) {
    const size = gridSize(spec.space, spec.strategy.points);
    if (size <= spec.strategy.maxSize) return [];
    return [{ path: 'strategy', message: `the grid would have ${size} points, more than maxSize ${spec.strategy.maxSize}; use fewer points per axis, fewer knobs, or random search` }];
  },
  traits: () => ({ rounds: false, densities: false }),
  create(spec) {
    const keys = Object.keys(spec.space);
    const axes = keys.map((k) => gridAxis(spec.space[k], spec.strategy.points));
    const size = axes.reduce((n, a) => n * a.length, 1);
    return {
      propose({ number }): Proposal | null {
        if (number >= size) return null;
        const knobs: Record<string, unknown> = {};
        let rest = number;
        for (let i = keys.length - 1; i >= 0; i--) {
          const axis = axes[i];
          knobs[keys[i]] = axis[rest % axis.length];
          rest = Math.floor(rest / axis.length);
        }
        return { knobs: Object.fromEntries(keys.map((k) => [k, knobs[k]])), round: 1 };
      },
    };
  },
};

/**
 * What a budget runs of a grid: the whole grid, capped at it, or its first `trials` points, naming
 * the values of the first (slowest) knob that are never tried or tried with only some of the others.
 */
function gridBudget(s: GridSpec, trials: number | null, space: Spec['space'] | null): StrategyBudget {
  if (space === null) return { natural: null, shape: null, planned: trials, note: 'The grid\'s size shows once the spec is valid.', cuts: null, placeholder: '– (the grid\'s size)' };
  const axes = Object.entries(space).map(([knob, p]) => ({ knob, values: gridAxis(p, s.points) }));
  const size = gridSize(space, s.points);
  const shape = `grid of ${plural(size, 'point')}`;
  const sizes = axes.filter((a) => a.values.length > 1).map((a) => `${a.values.length} ${a.knob}`).join(' × ') || '1 point';
  if (trials === null) return { natural: size, shape, planned: size, note: `The whole grid runs: ${sizes} = ${plural(size, 'trial')}.`, cuts: null };
  if (trials < size) {
    return {
      natural: size, shape, planned: trials, cuts: 'the grid',
      note: `A budget of ${trials} runs ${trials} of the grid's ${size} points (${sizes}).${gridCut(axes, trials)} Clear the budget to run the whole grid, or use fewer points.`,
    };
  }
  return { natural: size, shape, planned: size, note: `The grid has ${plural(size, 'point')} (${sizes}): ${size} trials run${trials > size ? `, not ${trials}` : ''}.`, cuts: null };
}

/** What a grid run in order (the last knob fastest) leaves out when the budget stops it after `budget` of its points. */
function gridCut(axes: { knob: string; values: unknown[] }[], budget: number): string {
  const moving = axes.filter((a) => a.values.length > 1);
  if (moving.length === 0) return '';
  const first = moving[0];
  const inner = moving.slice(1).reduce((n, a) => n * a.values.length, 1);
  const reached = Math.ceil(budget / inner);
  // The values the sentence names, in one notation (showAll).
  const said = showAll([...first.values.slice(reached), first.values[reached - 1]]);
  const never = said.slice(0, -1);
  const partial = budget % inner !== 0 ? said[said.length - 1] : null;
  const parts: string[] = [];
  if (never.length > 0) parts.push(`${first.knob} = ${list(never)} ${never.length === 1 ? 'is' : 'are'} never tried`);
  if (partial !== null && moving.length > 1) parts.push(`${first.knob} = ${partial} is tried with only ${budget % inner} of the ${inner} combinations of ${list(moving.slice(1).map((a) => a.knob))}`);
  return parts.length > 0 ? ` The grid runs in order, the last knob fastest, so ${parts.join(', and ')}.` : '';
}
