import { z } from 'zod';
import { fullBox } from '../space';
import type { StrategyDefinition } from '../strategy';
import { densitiesTpe, proposeTpe, type TpeOptions } from '../tpe/tpe';
import { drawTrial } from './random';

/** `{ "kind": "tpe", "startupTrials": 10, "candidates": 24, "multivariate": true, "constantLiar": true }`. */
export const tpeSchema = z
  .object({
    kind: z.literal('tpe'),
    startupTrials: z.number().int().min(0).max(100_000).default(10),
    candidates: z.number().int().min(1).max(10_000).default(24),
    multivariate: z.boolean().default(true),
    constantLiar: z.boolean().default(true),
  })
  .strict();
export type TpeSpec = z.output<typeof tpeSchema>;

/** Trials a TPE search plans when its budget names no number. */
export const TPE_DEFAULT_TRIALS = 50;

/** The TPE settings of a spec's strategy object. */
export function tpeOptions(s: Pick<TpeSpec, 'startupTrials' | 'candidates' | 'multivariate' | 'constantLiar'>): TpeOptions {
  return { startupTrials: s.startupTrials, candidates: s.candidates, multivariate: s.multivariate, constantLiar: s.constantLiar };
}

/**
 * TPE, the Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna 5.0's TPESampler runs
 * it: random trials until `startupTrials` have finished; then the best γ(n) = min(⌈0.1·n⌉, 25) of
 * the n finished trials make the density l(x) and the rest g(x) (running trials count as bad with
 * `constantLiar`), `candidates` points are drawn from l and the one with the largest l(x)/g(x) is
 * proposed. `multivariate` models the knobs jointly. Details in `tpe/parzen.ts` and `tpe/tpe.ts`.
 */
export const tpe: StrategyDefinition<'tpe', TpeSpec> = {
  kind: 'tpe',
  label: 'TPE: model good and bad trials, propose where good ones are likelier',
  schema: tpeSchema,
  defaultTrials: TPE_DEFAULT_TRIALS,
  help: {
    startupTrials: 'random trials before the model takes over',
    candidates: 'points drawn from the good trials\' density; the one most likelier under it than under the bad one wins',
    multivariate: 'model the knobs jointly (one kernel per trial over every knob) instead of each knob alone',
    constantLiar: 'count running trials as bad, so parallel workers do not propose the same region',
  },
  plannedTrials: (spec) => spec.budget.trials ?? TPE_DEFAULT_TRIALS,
  issues: () => [],
  cautions: (spec, planned) => (spec.strategy.startupTrials >= planned
    ? [{ path: 'strategy.startupTrials', message: `TPE models the trials once ${spec.strategy.startupTrials} have finished, and this search runs ${planned}: every trial will be random (lower startupTrials or raise the budget)` }]
    : []),
  traits: () => ({ rounds: false, densities: true }),
  create(spec) {
    const box = fullBox(spec.space);
    const options = tpeOptions(spec.strategy);
    const base = { space: spec.space, box, direction: spec.objective.direction, seed: spec.seed, options };
    return {
      queuePerWorker: 1,
      propose({ number, finished, running }) {
        const knobs = proposeTpe({ ...base, number, finished, running }) ?? drawTrial(spec, box, number);
        return { knobs, round: 1 };
      },
      densities: ({ finished, running }) => densitiesTpe({ ...base, finished, running }, 1),
    };
  },
};
