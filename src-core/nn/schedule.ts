import type { TrainConfig } from '../spec/train';

/**
 * Learning rate for a 0-based epoch. A linear warm-up over `warmupEpochs` (lr·(e+1)/W) comes first;
 * then, with t epochs since warm-up: step lr·γ^⌊t/s⌋, exponential lr·γ^t, inverse-time lr/(1+k·t),
 * cosine minLr + (lr − minLr)(1 + cos(πt/T))/2 over the remaining T epochs.
 */
export function lrAt(c: Pick<TrainConfig, 'lr' | 'lrSchedule' | 'lrDecay' | 'lrStepEpochs' | 'warmupEpochs' | 'minLr' | 'epochs'>, epoch: number): number {
  if (epoch < c.warmupEpochs) return (c.lr * (epoch + 1)) / c.warmupEpochs;
  const t = epoch - c.warmupEpochs;
  switch (c.lrSchedule) {
    case 'step':
      return c.lr * c.lrDecay ** Math.floor(t / c.lrStepEpochs);
    case 'exponential':
      return c.lr * c.lrDecay ** t;
    case 'inverse_time':
      return c.lr / (1 + c.lrDecay * t);
    case 'cosine': {
      const T = Math.max(1, c.epochs - c.warmupEpochs);
      return c.minLr + ((c.lr - c.minLr) * (1 + Math.cos((Math.PI * Math.min(t, T)) / T))) / 2;
    }
    default:
      return c.lr;
  }
}
