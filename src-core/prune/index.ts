import { AshaPruner } from './asha';
import { HyperbandPruner } from './hyperband';
import { MedianPruner } from './median';
import type { Pruner, PrunerSetup } from './pruner';
import type { PrunerKind, PrunerSpec } from './schema';

export type { Pruner, PrunerSetup, PruneVerdict, StepReport } from './pruner';
export { BoardState, PruningBoard } from './board';
export { TrialPruning } from './trial';

/** Every pruner by kind (`none` makes none); the compiler checks that each kind has one. */
const PRUNERS: { [K in PrunerKind]: (spec: Extract<PrunerSpec, { kind: K }>, setup: PrunerSetup) => Pruner | null } = {
  none: () => null,
  median: (spec, setup) => new MedianPruner(spec, setup),
  asha: (spec, setup) => new AshaPruner(spec, setup),
  hyperband: (spec, setup) => new HyperbandPruner(spec, setup),
};

/** The pruner a spec's `pruner` key names, or null for `none`. */
export function createPruner(spec: PrunerSpec, setup: PrunerSetup): Pruner | null {
  return (PRUNERS[spec.kind] as (s: PrunerSpec, setup: PrunerSetup) => Pruner | null)(spec, setup);
}
