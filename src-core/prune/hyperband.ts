import { halve, rungLadder, Scratch } from './asha';
import type { PruningBoard } from './board';
import type { Pruner, PrunerSetup, PruneVerdict, StepReport } from './pruner';
import { graceEpochs } from './grace';
import type { PrunerSpec } from './schema';

type HyperbandSpec = Extract<PrunerSpec, { kind: 'hyperband' }>;

/**
 * Hyperband (Li et al. 2018, JMLR) as Optuna's HyperbandPruner runs it: brackets of asynchronous
 * successive halving. With R the last step and r = minEpochs there are ⌊log_η(R/r)⌋ + 1 brackets;
 * bracket b is ASHA with minEarlyStoppingRate b (its first rung at r·η^b), and its trials compete
 * only with each other. Each trial belongs to one bracket, fixed by the search's seed and the
 * trial's number (a CRC-32 of "seed_number", as Optuna hashes "study_number"), in proportion to
 * the bracket's share ⌈B·η^s/(s+1)⌉ with s = B − 1 − b: many trials in the aggressive brackets,
 * few in the patient ones. As ASHA, it stops no trial before `startupTrials` trials have finished,
 * and `minEpochs` left out is a tenth of the epochs.
 */
export class HyperbandPruner implements Pruner {
  readonly kind = 'hyperband' as const;
  private readonly ladders: number[][] = [];
  private readonly shares: number[] = [];
  private readonly total: number;
  private readonly brackets = new Map<number, number>();
  private readonly scratch = new Scratch();
  private readonly watched: number[];

  constructor(
    private readonly spec: HyperbandSpec,
    private readonly setup: PrunerSetup,
  ) {
    const eta = spec.reductionFactor;
    const min = spec.minEpochs ?? graceEpochs(setup.epochs);
    let n = 1;
    while (min * eta ** n <= setup.maxSteps) n++;
    for (let b = 0; b < n; b++) {
      const s = n - 1 - b;
      this.shares.push(Math.ceil((n * eta ** s) / (s + 1)));
      this.ladders.push(rungLadder(min, eta, b, setup.maxSteps));
    }
    this.total = this.shares.reduce((a, b) => a + b, 0);
    this.watched = this.ladders[0];
  }

  /** How many brackets there are. */
  get bracketCount(): number {
    return this.ladders.length;
  }

  /** The bracket trial `number` belongs to. */
  bracketOf(number: number): number {
    let b = this.brackets.get(number);
    if (b === undefined) {
      let k = crc32(`${this.setup.seed}_${number}`) % this.total;
      for (b = 0; b < this.shares.length - 1; b++) {
        k -= this.shares[b];
        if (k < 0) break;
      }
      this.brackets.set(number, b);
    }
    return b;
  }

  watchedSteps(): number[] {
    return this.watched;
  }

  rungSteps(trial: number): number[] {
    return this.ladders[this.bracketOf(trial)];
  }

  decide(r: StepReport, board: PruningBoard): PruneVerdict | null {
    const bracket = this.bracketOf(r.trial);
    const rung = this.ladders[bracket].indexOf(r.step);
    if (rung < 0 || board.finishedCount() < this.spec.startupTrials) return null;
    const v = halve(board, board.column(r.step), r.value, this.spec.reductionFactor, this.scratch, (t) => this.bracketOf(t) === bracket);
    return v && { rule: 'hyperband', step: r.step, value: r.value, rung, bracket, ...v };
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE, as zlib's and Python's binascii.crc32) of a string's UTF-8 bytes. */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const byte of new TextEncoder().encode(s)) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
