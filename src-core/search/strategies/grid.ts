import { z } from 'zod';
import { gridAxis, gridSize } from '../space';
import type { Proposal, StrategyDefinition } from '../strategy';

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
