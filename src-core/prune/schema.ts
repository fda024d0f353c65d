import { z } from 'zod';
import type { PrunerKind } from '../vocabulary';

// The pruners themselves run in the workers and import graceEpochs from './grace': this file brings zod with it.

// The kinds live in the vocabulary (zod-free, so the contract can name them): every kind there needs its variant below.
export { PRUNER_KINDS, type PrunerKind } from '../vocabulary';

const epochs = z.number().int().min(1).max(100000);
const reductionFactor = z.number().int().min(2, 'must be at least 2 (a rung keeps the top 1/reductionFactor)').max(1000);
const startupTrials = z.number().int().min(0).max(1_000_000).default(5);

/**
 * The `pruner` spec key: stop hopeless trials early by comparing them with the other trials of
 * the search at the same epoch. `none` is the default. Every pruner waits for `startupTrials`
 * trials to finish before it stops any; `warmupEpochs` (median) and `minEpochs` (ASHA, Hyperband)
 * left out mean a tenth of the epochs (`graceEpochs`). See docs/pruning.md for the rules.
 *
 * @example
 *   { "kind": "asha", "minEpochs": 10, "reductionFactor": 3, "minEarlyStoppingRate": 0, "startupTrials": 5 }
 */
export const prunerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('median'),
      startupTrials,
      warmupEpochs: z.number().int().min(0).max(100000).optional(),
      interval: epochs.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('asha'),
      minEpochs: epochs.optional(),
      reductionFactor: reductionFactor.default(3),
      minEarlyStoppingRate: z.number().int().min(0).max(30).default(0),
      startupTrials,
    })
    .strict(),
  z
    .object({
      kind: z.literal('hyperband'),
      minEpochs: epochs.optional(),
      reductionFactor: reductionFactor.default(3),
      startupTrials,
    })
    .strict(),
]);
export type PrunerSpec = z.output<typeof prunerSchema>;

/** Each kind of PRUNER_KINDS has its variant above and the schema has no other: the compiler refuses this line otherwise. */
export const SCHEMA_NAMES_EVERY_KIND: [PrunerKind, PrunerSpec['kind']] extends [PrunerSpec['kind'], PrunerKind] ? true : never = true;

export { graceEpochs } from './grace';
