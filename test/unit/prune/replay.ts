import { createPruner, PruningBoard, BoardState, TrialPruning, type Pruner } from '../../../src-core/prune';
import type { PruneDecision } from '../../../src-core/prune/trial';
import type { PrunerSpec } from '../../../src-core/prune/schema';
import type { EpochMetrics } from '../../../src-core/train/types';
import { Rng } from '../../../src-core/util/rng';

/** An epoch record carrying only a validation loss (what these tests prune on). */
export function epochOf(fold: number, epoch: number, valLoss: number): EpochMetrics {
  return { fold, epoch, trainLoss: valLoss, valLoss, penalty: 0, trainAccuracy: null, valAccuracy: null, valBalancedAccuracy: null, valRmse: null, valMae: null, valR2: null, lr: 0.01, gradNorms: [], seconds: 0 };
}

/** Seeded synthetic learning curves: a + b·exp(−c·e) plus noise, some slow starters, some bad. */
export function curves(seed: number, trials: number, epochs: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: trials }, () => {
    const floor = 0.05 + rng.uniform() * 0.6;
    const height = 0.5 + rng.uniform() * 2;
    const rate = 10 ** rng.range(-2, 0);
    const noise = rng.uniform() * 0.03;
    return Array.from({ length: epochs }, (_, e) => floor + height * Math.exp(-rate * (e + 1)) + noise * rng.normal());
  });
}

/**
 * Run trials one after another through a pruner over a board, as one worker runs them: trial t
 * sees every value of trials 0…t−1. Returns each trial's decision (null: it ran to its end).
 */
export function replay(spec: PrunerSpec, data: number[][], opts: { seed?: number; direction?: 'minimize' | 'maximize'; folds?: number } = {}): (PruneDecision | null)[] {
  const folds = opts.folds ?? 1;
  const epochs = data[0].length / folds;
  const pruner = createPruner(spec, { maxSteps: folds * epochs, epochs, seed: opts.seed ?? 1 }) as Pruner;
  const board = PruningBoard.create(pruner.watchedSteps(), data.length);
  return data.map((curve, t) => {
    board.ensureRows(t + 1);
    const tp = new TrialPruning(pruner, board, t, epochs, folds, 'val_loss', opts.direction ?? 'minimize');
    for (let i = 0; i < curve.length; i++) {
      const d = tp.afterEpoch(epochOf(Math.floor(i / epochs), (i % epochs) + 1, curve[i]));
      if (d) {
        tp.end(BoardState.pruned);
        return d;
      }
    }
    tp.end(BoardState.finished);
    return null;
  });
}
