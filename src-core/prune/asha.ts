import type { PruningBoard } from './board';
import type { Pruner, PrunerSetup, PruneVerdict, StepReport } from './pruner';
import { graceEpochs } from './grace';
import type { PrunerSpec } from './schema';

type AshaSpec = Extract<PrunerSpec, { kind: 'asha' }>;

/**
 * Asynchronous successive halving (Li et al. 2018, "Massively Parallel Hyperparameter Tuning"),
 * with Optuna's SuccessiveHalvingPruner's promotion rule. Rungs sit at
 * minEpochs·η^(minEarlyStoppingRate + k) for k = 0, 1, … below the last step. A trial reaching a
 * rung records its value there (its best so far: Optuna records the value at the rung), then goes
 * on only if that value is among the best ⌊n/η⌋ (at
 * least the best one) of the n values recorded at the rung so far, its own included, by every
 * trial of the search, whether it is still running, finished or was stopped later. Two guards
 * against judging on too little (Optuna has neither): no trial is stopped before `startupTrials`
 * trials have finished (as the median rule waits; the first rungs are otherwise judged on a
 * handful of values and the stopping variant of ASHA cannot promote later), and `minEpochs` left
 * out is a tenth of the epochs (`graceEpochs`; Optuna's is 1). With `startupTrials` 0 and
 * `minEpochs` set, the decisions are Optuna's.
 */
export class AshaPruner implements Pruner {
  readonly kind: 'asha' | 'hyperband' = 'asha';
  private readonly rungs: number[];
  private readonly scratch = new Scratch();

  constructor(
    private readonly spec: AshaSpec,
    setup: PrunerSetup,
  ) {
    this.rungs = rungLadder(spec.minEpochs ?? graceEpochs(setup.epochs), spec.reductionFactor, spec.minEarlyStoppingRate, setup.maxSteps);
  }

  watchedSteps(): number[] {
    return this.rungs;
  }

  rungSteps(): number[] {
    return this.rungs;
  }

  decide(r: StepReport, board: PruningBoard): PruneVerdict | null {
    const rung = this.rungs.indexOf(r.step);
    if (rung < 0 || board.finishedCount() < this.spec.startupTrials) return null;
    const v = halve(board, board.column(r.step), r.value, this.spec.reductionFactor, this.scratch, null);
    return v && { rule: 'asha', step: r.step, value: r.value, rung, ...v };
  }
}

/** Rung steps min·η^(rate + k), k = 0, 1, …, below `maxSteps` (stopping a trial at its last step saves nothing). */
export function rungLadder(min: number, eta: number, rate: number, maxSteps: number): number[] {
  const out: number[] = [];
  for (let s = min * eta ** rate; s < maxSteps; s *= eta) out.push(s);
  return out;
}

/** A reusable buffer for the values compared at a rung. */
export class Scratch {
  values = new Float64Array(64);

  /** A view of at least n cells. */
  take(n: number): Float64Array {
    if (this.values.length < n) this.values = new Float64Array(n * 2);
    return this.values;
  }
}

/**
 * One successive-halving decision at a rung's column: the values recorded there (by the trials of
 * `inBracket`, or by all), `value` among them; null when `value` is among the best ⌊n/η⌋ (at least
 * one), else what it was compared with.
 */
export function halve(
  board: PruningBoard,
  col: number,
  value: number,
  eta: number,
  scratch: Scratch,
  inBracket: ((row: number) => boolean) | null,
): Pick<PruneVerdict, 'threshold' | 'compared' | 'keep' | 'rank'> | null {
  const rows = board.rows();
  const xs = scratch.take(rows);
  let n = 0;
  for (let t = 0; t < rows; t++) {
    if (inBracket && !inBracket(t)) continue;
    const v = board.value(t, col);
    if (!Number.isNaN(v)) xs[n++] = v;
  }
  if (n === 0) return null;
  const sorted = xs.subarray(0, n).sort();
  const keep = Math.max(1, Math.floor(n / eta));
  const threshold = sorted[keep - 1];
  if (value <= threshold) return null;
  let rank = 1;
  while (rank <= n && sorted[rank - 1] < value) rank++;
  return { threshold, compared: n, keep, rank };
}
