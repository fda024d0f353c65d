import type { Spec } from '../spec/spec';
import { hashSeed, Rng } from '../util/rng';
import type { FinishedTrial, Proposal, Sampler } from './sampler';
import { fullBox, sampleIn, type Box } from './space';

/** Random search: every knob drawn independently and uniformly on its own scale (log for log knobs). */
export class RandomSampler implements Sampler {
  readonly kind = 'random' as const;
  private readonly box: Box;

  constructor(private readonly spec: Spec) {
    this.box = fullBox(spec.space);
  }

  roundOf(): number {
    return 1;
  }

  boxFor(): Box {
    return this.box;
  }

  propose(number: number, _history: FinishedTrial[]): Proposal {
    return { knobs: drawIn(this.spec, this.box, new Rng(hashSeed(this.spec.seed, `sample${number}`))), round: 1 };
  }
}

/** Draw every knob of a space inside a box, in the space's key order. */
export function drawIn(spec: Spec, box: Box, rng: Rng): Record<string, unknown> {
  const knobs: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(spec.space)) knobs[k] = sampleIn(p, box[k], rng.uniform());
  return knobs;
}
