import { BoardState, type PruningBoard } from './board';
import type { Pruner, PrunerSetup, PruneVerdict, StepReport } from './pruner';
import { graceEpochs } from './grace';
import type { PrunerSpec } from './schema';

type MedianSpec = Extract<PrunerSpec, { kind: 'median' }>;

/**
 * The median stopping rule, as Optuna's MedianPruner: once `startupTrials` trials have finished,
 * a trial whose best value so far (in the fold being trained) is worse than the median of the
 * finished trials' values at the same step is stopped. Like every value on the board, a finished
 * trial's value at a step is its best so far there (Optuna compares with the value at the step). Steps up to `warmupEpochs` are never
 * judged; after them, one step in every `interval` (warmup + 1, warmup + 1 + interval, …).
 * `warmupEpochs` left out is a tenth of the epochs (`graceEpochs`; Optuna's default is 0).
 * Finished means complete or early-stopped: pruned, failed and diverged trials never count. With
 * no finished value at the step, the trial goes on. The median of an even count is halfway
 * between the middle two (numpy's percentile, as Optuna).
 */
export class MedianPruner implements Pruner {
  readonly kind = 'median' as const;
  private readonly watched: number[] = [];
  private scratch = new Float64Array(64);

  constructor(
    private readonly spec: MedianSpec,
    setup: PrunerSetup,
  ) {
    const warmup = spec.warmupEpochs ?? graceEpochs(setup.epochs);
    for (let s = warmup + 1; s <= setup.maxSteps; s += spec.interval) this.watched.push(s);
  }

  watchedSteps(): number[] {
    return this.watched;
  }

  rungSteps(): number[] {
    return [];
  }

  decide(r: StepReport, board: PruningBoard): PruneVerdict | null {
    const col = board.column(r.step);
    if (col < 0) return null;
    const finished = board.finishedCount();
    if (finished === 0 || finished < this.spec.startupTrials) return null;
    const rows = board.rows();
    if (this.scratch.length < rows) this.scratch = new Float64Array(rows * 2);
    let n = 0;
    for (let t = 0; t < rows; t++) {
      if (t === r.trial || board.state(t) !== BoardState.finished) continue;
      const v = board.value(t, col);
      if (!Number.isNaN(v)) this.scratch[n++] = v;
    }
    if (n === 0) return null;
    const m = median(this.scratch.subarray(0, n));
    if (!(r.value > m)) return null;
    return { rule: 'median', step: r.step, value: r.value, threshold: m, compared: n };
  }
}

/** The median of values (sorted in place); for an even count, halfway between the middle two, rounded as numpy's percentile rounds it. */
export function median(xs: Float64Array): number {
  xs.sort();
  const h = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[h] : xs[h] - (xs[h] - xs[h - 1]) * 0.5;
}
