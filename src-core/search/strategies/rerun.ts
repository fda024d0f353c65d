import { z } from 'zod';
import type { Issue } from '../../errors';
import { SpecError } from '../../spec/errors';
import type { Spec } from '../../spec/spec';
import { trainConfigOf } from '../../spec/train';
import { hashSeed } from '../../util/rng';
import type { Proposal, SpecWith, StrategyBudget, StrategyDefinition } from '../strategy';
import { plural } from '../../format';

/**
 * `{ "kind": "rerun", "configs": [{ "trial": 12, "knobs": { … } }, …], "seeds": 5, "splitSeeds": false }`:
 * configurations of another search (its trial numbers and knobs) trained again with `seeds` model
 * seeds each, and with as many data-split seeds when `splitSeeds`.
 */
const NO_CONFIGS = 'list at least one configuration to run again; a seed re-run writes this strategy for you ("knobs rerun SEARCH", or a finished search\'s "Re-run with seeds")';

export const rerunSchema = z
  .object({
    kind: z.literal('rerun'),
    // Left out or empty, the message says where a re-run's configurations come from.
    configs: z
      .array(z.object({ trial: z.number().int().min(0), knobs: z.record(z.string(), z.unknown()) }).strict(), { error: (iss) => (iss.input === undefined ? NO_CONFIGS : undefined) })
      .min(1, NO_CONFIGS)
      .max(50, 'at most 50 configurations'),
    seeds: z.number().int().min(2, 'at least 2 seeds (one seed shows no spread)').max(100).default(5),
    splitSeeds: z.boolean().default(false),
  })
  .strict();
export type RerunSpec = z.output<typeof rerunSchema>;

/** The model seed of a re-run's seed number `i` (the same for every configuration, so they are compared on equal terms). */
export function rerunModelSeed(spec: Pick<Spec, 'seed'>, i: number): number {
  return hashSeed(spec.seed, `rerun-model${i}`);
}

/** The data split's seed of a re-run's seed number `i` when the re-run varies the split. */
export function rerunSplitSeed(spec: Pick<Spec, 'seed'>, i: number): number {
  return hashSeed(spec.seed, `rerun-split${i}`);
}

/**
 * Which configuration and which seed trial `number` of a re-run runs. Trials go seed by seed
 * (every configuration with the first seed, then with the second…), so a re-run cut short still
 * has every configuration with the same seeds.
 */
export function rerunCell(strategy: Pick<RerunSpec, 'configs'>, number: number): { config: number; seed: number } {
  const k = strategy.configs.length;
  return { config: number % k, seed: Math.floor(number / k) };
}

/** Seed re-runs: each listed configuration trained again with the same model seeds (and split seeds, when asked), nothing else changed. */
export const rerun: StrategyDefinition<'rerun', RerunSpec> = {
  kind: 'rerun',
  fromSearch: true,
  defaultTrials: null,
  label: 're-run: configurations of another search again, with several seeds',
  schema: rerunSchema,
  help: {
    configs: 'the configurations to run again, each with the number of the trial it comes from',
    seeds: 'model seeds per configuration (initial weights, batch order, dropout)',
    splitSeeds: 'also draw the validation split again with each seed',
  },
  budget: seedsBudget,
  plannedTrials: (spec) => Math.min(spec.budget.trials ?? Infinity, spec.strategy.configs.length * spec.strategy.seeds),
  issues(spec: SpecWith<RerunSpec>): Issue[] {
    const issues: Issue[] = [];
    spec.strategy.configs.forEach((c, i) => {
      try {
        trainConfigOf(spec, c.knobs);
      } catch (e) {
        const inner = e instanceof SpecError ? e.issues.map((x) => `${x.path}: ${x.message}`).join('; ') : (e as Error).message;
        issues.push({ path: `strategy.configs.${i}.knobs`, message: `trial ${c.trial}'s knobs do not make a valid configuration (${inner})` });
      }
    });
    return issues;
  },
  traits: () => ({ rounds: false, densities: false }),
  create(spec) {
    const { configs, seeds, splitSeeds } = spec.strategy;
    return {
      propose({ number }): Proposal | null {
        if (number >= configs.length * seeds) return null;
        const cell = rerunCell(spec.strategy, number);
        return {
          knobs: configs[cell.config].knobs,
          round: 1,
          seed: rerunModelSeed(spec, cell.seed),
          splitSeed: splitSeeds ? rerunSplitSeed(spec, cell.seed) : undefined,
        };
      },
    };
  },
};

/** What a budget runs of a re-run: every configuration with every seed, or (trials going seed by seed) the first seeds only. */
function seedsBudget(s: RerunSpec, trials: number | null): StrategyBudget {
  const k = s.configs.length;
  const natural = k * s.seeds;
  const shape = `${plural(k, 'configuration')} × ${plural(s.seeds, 'seed')}`;
  if (trials === null || trials >= natural) return { natural, shape, planned: natural, cuts: null, note: `${shape} = ${plural(natural, 'trial')}${trials !== null && trials > natural ? `, not ${trials}` : ''}.` };
  const seeds = Math.floor(trials / k);
  const part = trials % k;
  return {
    natural, shape, planned: trials, cuts: 'the seeds',
    note: `A budget of ${trials} runs ${seeds === 0 ? `only ${trials} of the ${k} configurations, with 1 seed` : `every configuration with ${plural(seeds, 'seed')}${part > 0 ? ` and ${plural(part, 'configuration')} with one more` : ''}, not ${s.seeds}`}. Clear the budget to run all ${shape} = ${natural}.`,
  };
}
