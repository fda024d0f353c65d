/**
 * A trial's configuration as a spec for `knobs train` (the drawer's "Save as a training spec", and
 * `knobs spec SEARCH --trial N`): the search's data, split, preprocessing, objective and
 * diagnostics, its `train` block with the trial's knob values written in (a bundled categorical
 * value, `{ "init": "normal", "initScale": 0.01 }`, as the keys it sets, as training merges it),
 * and no space, strategy, pruner or budget. Its `seed` is the split's seed the trial trained on, so
 * `knobs train SPEC --model-seed M` with the trial's seed trains it again as it trained (a pruned
 * trial then runs every epoch). Pure: the renderer and the CLI both use it.
 *
 * @example
 *   trainSpecOf({ dataset: { builtin: 'digits' }, seed: 3, train: { epochs: 20 }, space: { lr: … }, strategy: { kind: 'tpe' } }, { lr: 0.003 }, { name: 'tpe 60, trial 7' })
 *   // { dataset: { builtin: 'digits' }, seed: 3, train: { epochs: 20, lr: 0.003 }, name: 'tpe 60, trial 7' }
 */

import { OBJECT_TRAIN_KEYS } from '../vocabulary';

/** The keys of a search's spec that say how to search, not what to train: a training spec leaves them out. */
const SEARCH_KEYS = ['space', 'strategy', 'pruner', 'budget', 'workers', 'modelSeed'];

const OBJECT_KEYS = new Set<string>(OBJECT_TRAIN_KEYS);

export function trainSpecOf(spec: Record<string, unknown>, knobs: Record<string, unknown>, opts: { name: string; splitSeed?: number | null }): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(spec).filter(([k]) => !SEARCH_KEYS.includes(k)));
  const train: Record<string, unknown> = { ...(typeof spec.train === 'object' && spec.train !== null ? (spec.train as Record<string, unknown>) : {}) };
  for (const [key, value] of Object.entries(knobs)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !OBJECT_KEYS.has(key)) Object.assign(train, value);
    else train[key] = value;
  }
  out.name = opts.name;
  out.train = train;
  if (opts.splitSeed !== undefined && opts.splitSeed !== null) out.seed = opts.splitSeed;
  return out;
}

/** The command that trains a saved training spec again as the trial trained: `knobs train FILE --model-seed SEED`. */
export const trainCommandOf = (file: string, modelSeed: number): string => `knobs train ${/[\s"'$]/.test(file) ? JSON.stringify(file) : file} --model-seed ${modelSeed}`;
