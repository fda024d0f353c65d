import { list } from '../format';
import { HyperbandPruner } from './hyperband';
import { createPruner } from './index';
import type { PrunerSetup } from './pruner';
import { graceEpochs } from './grace';
import type { PrunerSpec } from './schema';


/**
 * A search's pruner in words, and the epochs (of one fold) where its rungs sit: what the dashboard
 * shows beside the epochs saved and draws on the curves. Null for no pruner.
 *
 * @example
 *   describePruner({ kind: 'asha', reductionFactor: 3, minEarlyStoppingRate: 0, startupTrials: 5 }, { maxSteps: 100, epochs: 100, seed: 1 })
 *   // { rungs: [10, 30, 90], description: 'ASHA: rungs at epochs 10, 30 and 90; at each, a trial goes on only among the best third of the values recorded there, once 5 trials have finished.' }
 */
export function describePruner(spec: PrunerSpec, setup: PrunerSetup): { description: string; rungs: number[] } | null {
  const pruner = createPruner(spec, setup);
  if (!pruner || spec.kind === 'none') return null;
  const wait = spec.startupTrials > 0 ? `, once ${spec.startupTrials} trial${spec.startupTrials === 1 ? ' has' : 's have'} finished` : '';
  if (spec.kind === 'median') {
    const warmup = spec.warmupEpochs ?? graceEpochs(setup.epochs);
    const every = spec.interval > 1 ? ` (every ${spec.interval} epochs)` : '';
    return { rungs: [], description: `Median rule: from epoch ${warmup + 1}${every}${wait}, a trial stops when its best value so far is worse than the median of the finished trials at the same epoch.` };
  }
  const share = spec.reductionFactor === 2 ? 'half' : spec.reductionFactor === 3 ? 'third' : spec.reductionFactor === 4 ? 'quarter' : `1/${spec.reductionFactor}`;
  const rungs = pruner.watchedSteps().filter((s) => s < setup.epochs || s === setup.epochs);
  const all = pruner.watchedSteps();
  const beyond = all.length > rungs.length ? ` (${all.length - rungs.length} more in later folds)` : '';
  if (spec.kind === 'asha') {
    return { rungs, description: `ASHA: rungs at epochs ${list(rungs)}${beyond}; at each, a trial goes on only among the best ${share} of the values recorded there${wait}.` };
  }
  if (spec.kind === 'hyperband') {
    const brackets = pruner instanceof HyperbandPruner ? pruner.bracketCount : 1;
    return {
      rungs,
      description: `Hyperband: ${brackets} brackets of ASHA over rungs at epochs ${list(rungs)}${beyond}, bracket b starting at rung b + 1; a trial competes only in its bracket, going on at each rung only among the best ${share}${wait}.`,
    };
  }
  // A new pruner kind must say here what it does: the compiler stops at this line until it does.
  const unknown: never = spec;
  throw new Error(`describePruner: no words for pruner ${JSON.stringify(unknown)}`);
}
