import type { Spec } from '../spec/spec';
import type { FinishedTrial, Proposal, Sampler } from './sampler';
import { fullBox, gridAxis, type Box } from './space';

/** Grid search: the Cartesian product of every knob's axis, the last knob varying fastest. */
export class GridSampler implements Sampler {
  readonly kind = 'grid' as const;
  private readonly keys: string[];
  private readonly axes: unknown[][];
  readonly size: number;

  constructor(private readonly spec: Spec) {
    const points = spec.strategy.kind === 'grid' ? spec.strategy.points : 5;
    this.keys = Object.keys(spec.space);
    this.axes = this.keys.map((k) => gridAxis(spec.space[k], points));
    this.size = this.axes.reduce((n, a) => n * a.length, 1);
  }

  roundOf(): number {
    return 1;
  }

  boxFor(): Box {
    return fullBox(this.spec.space);
  }

  propose(number: number, _history: FinishedTrial[]): Proposal | null {
    if (number >= this.size) return null;
    const knobs: Record<string, unknown> = {};
    let rest = number;
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const axis = this.axes[i];
      knobs[this.keys[i]] = axis[rest % axis.length];
      rest = Math.floor(rest / axis.length);
    }
    return { knobs: Object.fromEntries(this.keys.map((k) => [k, knobs[k]])), round: 1 };
  }
}
