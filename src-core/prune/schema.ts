import { z } from 'zod';

/** The pruners a spec may name (`pruner.kind`). */
export const PRUNER_KINDS = ['none', 'median', 'asha', 'hyperband'] as const;
export type PrunerKind = (typeof PRUNER_KINDS)[number];

const epochs = z.number().int().min(1).max(100000);
const reductionFactor = z.number().int().min(2, 'must be at least 2 (a rung keeps the top 1/reductionFactor)').max(1000);

/**
 * The `pruner` spec key: stop hopeless trials early by comparing them with the other trials of
 * the search at the same epoch. `none` is the default. See docs/pruning.md for the rules.
 *
 * @example
 *   { "kind": "asha", "minEpochs": 1, "reductionFactor": 3, "minEarlyStoppingRate": 0 }
 */
export const prunerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('median'),
      startupTrials: z.number().int().min(0).max(1_000_000).default(5),
      warmupEpochs: z.number().int().min(0).max(100000).default(0),
      interval: epochs.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('asha'),
      minEpochs: epochs.default(1),
      reductionFactor: reductionFactor.default(3),
      minEarlyStoppingRate: z.number().int().min(0).max(30).default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('hyperband'),
      minEpochs: epochs.default(1),
      reductionFactor: reductionFactor.default(3),
    })
    .strict(),
]);
export type PrunerSpec = z.output<typeof prunerSchema>;
