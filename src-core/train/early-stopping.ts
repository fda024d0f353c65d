import { MAXIMIZED_METRICS, type Monitor } from '../vocabulary';

/** What the early-stopping watcher decided after an epoch. */
export interface EarlyStoppingStep {
  improved: boolean;
  stop: boolean;
}

/**
 * Keras-style early stopping over a monitored metric: an epoch improves when it beats the best
 * so far by more than `minDelta` (lower for losses, higher for accuracies); training stops once
 * `patience` epochs in a row did not improve.
 *
 * @example
 *   const es = new EarlyStopping('val_loss', 2, 0);
 *   es.update(1, 0.9); es.update(2, 0.95); es.update(3, 0.97).stop === true; es.bestEpoch === 1
 */
export class EarlyStopping {
  readonly mode: 'min' | 'max';
  best: number;
  bestEpoch = 0;
  private wait = 0;

  constructor(
    readonly monitor: Monitor,
    readonly patience: number,
    readonly minDelta: number,
  ) {
    this.mode = (MAXIMIZED_METRICS as readonly string[]).includes(monitor) ? 'max' : 'min';
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Feed one epoch's monitored value. */
  update(epoch: number, value: number): EarlyStoppingStep {
    const better = this.mode === 'min' ? value < this.best - this.minDelta : value > this.best + this.minDelta;
    if (better || this.bestEpoch === 0) {
      if (Number.isFinite(value)) {
        this.best = value;
        this.bestEpoch = epoch;
      }
      this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait++;
    return { improved: false, stop: this.wait >= this.patience };
  }
}
