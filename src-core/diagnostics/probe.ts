import type { Network } from '../nn/network';
import { deadFraction, histogram, l2norm, meanStd, saturationFraction, type DiagnosticSnapshot } from './stats';

/** Bins of every recorded histogram. */
export const HISTOGRAM_BINS = 30;

/**
 * Statistics of every layer after an eval-mode forward pass over the `n` probe rows already at
 * `net.xOff`: pre- and post-activation histograms, weight norms, dead-ReLU and saturation
 * fractions. `gradNorms` are the epoch's mean weight-gradient norms (empty at initialization).
 */
export function probeNetwork(net: Network, n: number, fold: number, epoch: number, gradNorms: number[]): DiagnosticSnapshot {
  net.forward(n, false);
  const f = net.arena.f32;
  const layers = net.layers.map((L, l) => {
    const size = n * L.nOut;
    const pre = f.subarray(L.z, L.z + size);
    const post = f.subarray(L.a, L.a + size);
    const { mean, std } = meanStd(post);
    return {
      layer: l + 1,
      units: L.nOut,
      activation: L.activation,
      pre: histogram(pre, HISTOGRAM_BINS),
      post: histogram(post, HISTOGRAM_BINS, L.activation === 'sigmoid' ? [0, 1] : L.activation === 'tanh' ? [-1, 1] : undefined),
      meanPost: mean,
      stdPost: std,
      weightNorm: l2norm(f.subarray(L.w, L.w + L.nIn * L.nOut)),
      gradNorm: gradNorms.length > l ? gradNorms[l] : null,
      deadFraction: L.activation === 'relu' ? deadFraction(post, n, L.nOut) : null,
      saturationFraction: L.activation === 'output' ? null : saturationFraction(post, L.activation),
    };
  });
  return { fold, epoch, layers };
}
