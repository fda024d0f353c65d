import type { Spec } from '../spec/spec';
import { CoarseToFineSampler } from './coarse-to-fine-sampler';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { Sampler } from './sampler';

export type { FinishedTrial, Proposal, Sampler } from './sampler';
export { rank } from './coarse-to-fine-sampler';

/** The sampler a spec's strategy names. */
export function createSampler(spec: Spec): Sampler {
  switch (spec.strategy.kind) {
    case 'grid': return new GridSampler(spec);
    case 'coarse-to-fine': return new CoarseToFineSampler(spec);
    default: return new RandomSampler(spec);
  }
}
