import type { Spec, StrategySpec } from '../spec/spec';
import { hashSeed, Rng } from '../util/rng';
import { drawIn } from './random-sampler';
import type { FinishedTrial, Proposal, Sampler } from './sampler';
import { fullBox, toScale, type Box } from './space';

type C2F = Extract<StrategySpec, { kind: 'coarse-to-fine' }>;

/**
 * Coarse-to-fine: round 1 samples the whole box at random; each later round narrows every numeric
 * knob to the span of the best `keepTop` trials so far, measured on the knob's own scale (log10 for
 * log knobs), widened by `margin` of that span on each side, never narrower than `minFraction` of
 * the previous width, and kept inside the previous box; categorical knobs keep the values seen
 * among those best trials. Failed and diverged trials (objective NaN) rank last.
 */
export class CoarseToFineSampler implements Sampler {
  readonly kind = 'coarse-to-fine' as const;
  private readonly s: C2F;
  private readonly boxes = new Map<number, Box>();

  constructor(private readonly spec: Spec) {
    if (spec.strategy.kind !== 'coarse-to-fine') throw new Error('not a coarse-to-fine spec');
    this.s = spec.strategy;
    this.boxes.set(1, fullBox(spec.space));
  }

  roundOf(number: number): number {
    return Math.min(this.s.rounds, Math.floor(number / this.s.trialsPerRound) + 1);
  }

  boxFor(round: number, history: FinishedTrial[]): Box {
    const cached = this.boxes.get(round);
    if (cached) return cached;
    const prev = this.boxFor(round - 1, history);
    const earlier = history.filter((t) => t.round < round);
    const best = rank(earlier, this.spec.objective.direction).slice(0, this.s.keepTop);
    const box: Box = {};
    for (const [k, p] of Object.entries(this.spec.space)) {
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
      const pad = (b - a) * this.s.margin;
      a -= pad;
      b += pad;
      const minWidth = (hi - lo) * this.s.minFraction;
      if (b - a < minWidth) {
        const mid = (a + b) / 2;
        a = mid - minWidth / 2;
        b = mid + minWidth / 2;
      }
      if (a < lo) [a, b] = [lo, Math.min(hi, b + (lo - a))];
      if (b > hi) [a, b] = [Math.max(lo, a - (b - hi)), hi];
      box[k] = { low: p.type === 'int' ? Math.max(entry.low, Math.floor(fromRaw(p, a))) : fromRaw(p, a), high: p.type === 'int' ? Math.min(entry.high, Math.ceil(fromRaw(p, b))) : fromRaw(p, b) };
    }
    this.boxes.set(round, box);
    return box;
  }

  propose(number: number, history: FinishedTrial[]): Proposal {
    const round = this.roundOf(number);
    const box = this.boxFor(round, history);
    return { knobs: drawIn(this.spec, box, new Rng(hashSeed(this.spec.seed, `sample${number}`))), round };
  }
}

function fromRaw(p: Spec['space'][string], s: number): number {
  return 'log' in p && p.log ? 10 ** s : s;
}

/** Trials best first for the direction; NaN (failed, diverged) last; ties by trial number. */
export function rank(trials: FinishedTrial[], direction: 'minimize' | 'maximize'): FinishedTrial[] {
  const key = (t: FinishedTrial): number => (Number.isFinite(t.objective) ? (direction === 'minimize' ? t.objective : -t.objective) : Infinity);
  return [...trials].sort((x, y) => key(x) - key(y) || x.number - y.number);
}

