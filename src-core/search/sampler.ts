import type { Spec } from '../spec/spec';
import type { Box } from './space';

/** A finished trial as samplers see it: its knobs and objective (NaN for failed or diverged trials). */
export interface FinishedTrial {
  number: number;
  round: number;
  knobs: Record<string, unknown>;
  objective: number;
}

/** What a sampler proposes for one trial. */
export interface Proposal {
  knobs: Record<string, unknown>;
  /** 1-based round (always 1 for grid and random). */
  round: number;
}

/**
 * Proposes each trial's knobs. Samplers are deterministic: a trial's proposal depends only on the
 * search seed, the trial number and the trials finished in earlier rounds (never on timing).
 *
 * @example
 *   const s = createSampler(spec);
 *   const p = s.propose(0, []);   // { knobs: { lr: 0.003, … }, round: 1 }
 */
export interface Sampler {
  readonly kind: Spec['strategy']['kind'];
  /** The round trial `number` belongs to. Trials of a round start only when every earlier round has finished. */
  roundOf(number: number): number;
  /** The box round `round` samples from, given the trials finished before it. */
  boxFor(round: number, history: FinishedTrial[]): Box;
  /** Knobs for trial `number` (0-based), or null when the sampler has nothing left (an exhausted grid). */
  propose(number: number, history: FinishedTrial[]): Proposal | null;
}
