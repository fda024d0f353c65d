import { z } from 'zod';
import { fullBox, snapToGrid, stepOf, toScale, type Box } from '../space';
import { rank, WAIT, type FinishedTrial, type RunningTrial, type StrategyBudget, type StrategyDefinition } from '../strategy';
import { plural } from '../../format';
import { densitiesTpe, proposeTpe } from '../tpe/tpe';
import { drawTrial } from './random';
import { tpeOptions, tpeSchema } from './tpe';

/**
 * Finished trials inside a box before TPE proposes there (`within: "tpe"`). TPE alone waits for 10;
 * inside a box narrowed around the best trials it needs fewer to orient, and with 10 a round of 10
 * trials was nearly all random (the box's trials rarely reached 10 before the round ended). Measured
 * on the search-quality bench (40 seeds, 3 rounds of 10): median best val_loss 1.026 × Optuna's TPE
 * instead of 1.151, better than random search in 29/40 seeds instead of 26/40.
 */
export const WITHIN_STARTUP_TRIALS = 5;

/** TPE's settings inside each round's box (`within: "tpe"`): its defaults, starting after WITHIN_STARTUP_TRIALS. */
const TPE_WITHIN = { ...tpeOptions(tpeSchema.parse({ kind: 'tpe' })), startupTrials: WITHIN_STARTUP_TRIALS };
import type { ParamSpec } from '../../spec/spec';

/** `{ "kind": "coarse-to-fine", "rounds": 3, "trialsPerRound": 20, "keepTop": 5, "margin": 0.1, "minFraction": 0.05 }`. */
export const coarseToFineSchema = z
  .object({
    kind: z.literal('coarse-to-fine'),
    rounds: z.number().int().min(1).max(100).default(3),
    trialsPerRound: z.number().int().min(1).max(100_000).default(20),
    keepTop: z.number().int().min(1).default(5),
    margin: z.number().min(0).max(1).default(0.1),
    minFraction: z.number().gt(0).max(1).default(0.05),
    within: z.enum(['random', 'tpe']).default('random'),
  })
  .strict();
export type CoarseToFineSpec = z.output<typeof coarseToFineSchema>;

/**
 * Coarse-to-fine: round 1 samples the whole box at random; each later round narrows every numeric
 * knob to the span of the best `keepTop` trials so far, measured on the knob's own scale (log10 for
 * log knobs), widened by `margin` of that span on each side, never narrower than `minFraction` of
 * the previous width, and kept inside the previous box; categorical knobs keep the values seen
 * among those best trials. Failed and diverged trials rank last; pruned trials never count among
 * the best (a box is never narrowed onto trials that were stopped early: with none that ran their
 * course, the box stays). A round's trials are proposed only once every earlier round has
 * finished, so the boxes never depend on timing. `within: "tpe"` draws each round's trials with
 * TPE (its default settings but for the start) fitted on the finished trials inside the round's
 * box, at random inside it until WITHIN_STARTUP_TRIALS (5) of them have finished.
 */
export const coarseToFine: StrategyDefinition<'coarse-to-fine', CoarseToFineSpec> = {
  kind: 'coarse-to-fine',
  label: 'coarse-to-fine: rounds of random trials in a box narrowed around the best',
  schema: coarseToFineSchema,
  defaultTrials: null,
  help: {
    rounds: 'number of rounds; the last round takes the rest of the budget',
    trialsPerRound: 'trials in each round',
    keepTop: 'the best trials so far that the next box must contain',
    margin: 'widen the span of the best trials by this fraction on each side',
    minFraction: 'a box is never narrower than this fraction of the previous one',
    within: 'how each round draws inside its box: at random, or with TPE fitted on the trials inside the box',
  },
  budget: roundsBudget,
  plannedTrials: (spec) => spec.budget.trials ?? spec.strategy.rounds * spec.strategy.trialsPerRound,
  issues(spec) {
    const s = spec.strategy;
    return s.keepTop > s.trialsPerRound ? [{ path: 'strategy.keepTop', message: `keepTop (${s.keepTop}) must not exceed trialsPerRound (${s.trialsPerRound})` }] : [];
  },
  traits: (spec) => ({ rounds: true, densities: spec.strategy.within === 'tpe' }),
  create(spec) {
    const s = spec.strategy;
    const boxes = new Map<number, Box>([[1, fullBox(spec.space)]]);
    const roundOf = (number: number): number => Math.min(s.rounds, Math.floor(number / s.trialsPerRound) + 1);
    const boxFor = (round: number, finished: readonly FinishedTrial[]): Box => {
      const known = boxes.get(round);
      if (known) return known;
      const box = narrow(spec.space, boxFor(round - 1, finished), finished.filter((t) => t.round < round), spec.objective.direction, s);
      boxes.set(round, box);
      return box;
    };
    const tpeInput = (round: number, finished: readonly FinishedTrial[], running: readonly RunningTrial[]) => ({
      space: spec.space, box: boxFor(round, finished), direction: spec.objective.direction, seed: spec.seed, finished,
      running: running.filter((r) => r.round === round), options: TPE_WITHIN,
    });
    return {
      queuePerWorker: s.within === 'tpe' ? 1 : undefined,
      propose({ number, finished, running }) {
        const round = roundOf(number);
        if (running.some((r) => r.round < round)) return WAIT;
        const box = boxFor(round, finished);
        const knobs = (s.within === 'tpe' ? proposeTpe({ ...tpeInput(round, finished, running), number }) : null) ?? drawTrial(spec, box, number);
        return { knobs, round, box };
      },
      densities:
        s.within === 'tpe'
          ? ({ finished, running }) => {
              // The round being drawn: the latest one a trial was proposed in (its box needs every earlier round finished).
              const round = Math.max(1, ...finished.map((t) => t.round), ...running.map((t) => t.round));
              return densitiesTpe(tpeInput(round, finished, running), round);
            }
          : undefined,
    };
  },
};

/** The next round's box: the span of the best `keepTop` earlier trials (pruned ones left out) on each knob's scale, widened, kept wide enough and inside the previous box. */
export function narrow(
  space: Record<string, ParamSpec>, prev: Box, earlier: readonly FinishedTrial[], direction: 'minimize' | 'maximize', s: Pick<CoarseToFineSpec, 'keepTop' | 'margin' | 'minFraction'>,
): Box {
  const best = rank(earlier.filter((t) => t.state !== 'pruned'), direction).slice(0, s.keepTop);
  const box: Box = {};
  for (const [k, p] of Object.entries(space)) {
    const entry = prev[k];
    if ('values' in entry) {
      const seen = entry.values.filter((v) => best.some((t) => JSON.stringify(t.knobs[k]) === JSON.stringify(v)));
      box[k] = { values: seen.length > 0 ? seen : entry.values };
      continue;
    }
    const lo = toScale(p, entry.low);
    const hi = toScale(p, entry.high);
    const xs = best.map((t) => toScale(p, t.knobs[k] as number));
    if (xs.length === 0) {
      box[k] = entry;
      continue;
    }
    let a = Math.min(...xs);
    let b = Math.max(...xs);
    const pad = (b - a) * s.margin;
    a -= pad;
    b += pad;
    const minWidth = (hi - lo) * s.minFraction;
    if (b - a < minWidth) {
      const mid = (a + b) / 2;
      a = mid - minWidth / 2;
      b = mid + minWidth / 2;
    }
    if (a < lo) [a, b] = [lo, Math.min(hi, b + (lo - a))];
    if (b > hi) [a, b] = [Math.max(lo, a - (b - hi)), hi];
    const step = stepOf(p);
    if (step !== null && p.type !== 'fixed' && p.type !== 'categorical') {
      // A stepped knob's box ends on its grid, widened outward so the best trials stay inside.
      box[k] = { low: Math.max(entry.low, snapToGrid(p, step, a, 'floor')), high: Math.min(entry.high, snapToGrid(p, step, b, 'ceil')) };
    } else {
      box[k] = { low: p.type === 'int' ? Math.max(entry.low, Math.floor(fromRaw(p, a))) : fromRaw(p, a), high: p.type === 'int' ? Math.min(entry.high, Math.ceil(fromRaw(p, b))) : fromRaw(p, b) };
    }
  }
  return box;
}

function fromRaw(p: ParamSpec, s: number): number {
  return 'log' in p && p.log ? 10 ** s : s;
}

/**
 * What a budget runs of coarse-to-fine's rounds: all of them, the last one longer, or the first ones
 * only, saying which rounds never run and how often the box still narrows.
 */
function roundsBudget(s: CoarseToFineSpec, trials: number | null): StrategyBudget {
  const natural = s.rounds * s.trialsPerRound;
  const shape = `${plural(s.rounds, 'round')} × ${s.trialsPerRound}`;
  if (trials === null || trials === natural) {
    return { natural, shape, planned: natural, cuts: null, note: `${shape} = ${plural(natural, 'trial')}; each round narrows the box around the best ${s.keepTop} so far.` };
  }
  if (trials > natural) {
    return { natural, shape, planned: trials, cuts: null, note: `${shape} = ${natural}; the budget of ${trials} gives the last round ${trials - (s.rounds - 1) * s.trialsPerRound} trials instead of ${s.trialsPerRound}.` };
  }
  const full = Math.floor(trials / s.trialsPerRound);
  const part = trials % s.trialsPerRound;
  const ran = full === 0 ? `only ${trials} of round 1's ${s.trialsPerRound} trials` : `round${full === 1 ? ' 1' : `s 1–${full}`}${part > 0 ? ` and ${part} of round ${full + 1}'s ${s.trialsPerRound} trials` : ''}`;
  const lastRun = full + (part > 0 ? 1 : 0);
  const lost = lastRun < s.rounds ? ` round${s.rounds - lastRun === 1 ? ` ${s.rounds}` : `s ${lastRun + 1}–${s.rounds}`} never run${s.rounds - lastRun === 1 ? 's' : ''}` : '';
  const never = lastRun <= 1 ? ' The search never narrows: this is a random search.' : lost ? ` The search narrows ${plural(lastRun - 1, 'time')} instead of ${s.rounds - 1}.` : '';
  return {
    natural, shape, planned: trials, cuts: 'the rounds',
    note: `A budget of ${trials} runs ${ran}${lost ? `;${lost}` : ''}.${never} Clear the budget to run all ${shape} = ${natural}.`,
  };
}
