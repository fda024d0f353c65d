import { z } from 'zod';
import type { Spec } from '../../spec/spec';
import { hashSeed, Rng } from '../../util/rng';
import { fullBox, sampleIn, type Box } from '../space';
import type { Proposal, StrategyDefinition } from '../strategy';

/** `{ "kind": "random" }`. */
export const randomSchema = z.object({ kind: z.literal('random') }).strict();
export type RandomSpec = z.output<typeof randomSchema>;

/** Trials a search plans when its budget names no number. */
export const DEFAULT_TRIALS = 20;

/** Random search: every knob drawn independently and uniformly on its own scale (log for log knobs). */
export const random: StrategyDefinition<'random', RandomSpec> = {
  kind: 'random',
  label: 'random: every knob uniform on its own scale',
  schema: randomSchema,
  defaultTrials: DEFAULT_TRIALS,
  help: {},
  plannedTrials: (spec) => spec.budget.trials ?? DEFAULT_TRIALS,
  issues: () => [],
  traits: () => ({ rounds: false, densities: false }),
  create(spec) {
    const box = fullBox(spec.space);
    return { propose: ({ number }): Proposal => ({ knobs: drawTrial(spec, box, number), round: 1 }) };
  },
};

/** Trial `number`'s knobs drawn uniformly inside a box, from the search seed (what random search and every strategy's random start draw). */
export function drawTrial(spec: Pick<Spec, 'space' | 'seed'>, box: Box, number: number): Record<string, unknown> {
  return drawIn(spec, box, new Rng(hashSeed(spec.seed, `sample${number}`)));
}

/** Draw every knob of a space inside a box, in the space's key order. */
export function drawIn(spec: Pick<Spec, 'space'>, box: Box, rng: Rng): Record<string, unknown> {
  const knobs: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(spec.space)) knobs[k] = sampleIn(p, box[k], rng.uniform());
  return knobs;
}
