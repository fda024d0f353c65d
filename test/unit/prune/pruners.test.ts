import { describe, expect, it } from 'vitest';
import { createPruner, PruningBoard, BoardState, TrialPruning, type Pruner } from '../../../src-core/prune';
import { rungLadder } from '../../../src-core/prune/asha';
import { crc32, HyperbandPruner } from '../../../src-core/prune/hyperband';
import { median } from '../../../src-core/prune/median';
import { graceEpochs, type PrunerSpec } from '../../../src-core/prune/schema';
import { PRUNER_KINDS, type PruneRule } from '../../../src-core/vocabulary';
import { curves, epochOf, replay } from './replay';

/** `null` leaves a key out (its default applies). */
const asha = (minEpochs: number | null = 1, reductionFactor = 3, minEarlyStoppingRate = 0, startupTrials = 0): PrunerSpec => ({ kind: 'asha', minEpochs: minEpochs ?? undefined, reductionFactor, minEarlyStoppingRate, startupTrials });
const medianSpec = (startupTrials = 5, warmupEpochs: number | null = 0, interval = 1): PrunerSpec => ({ kind: 'median', startupTrials, warmupEpochs: warmupEpochs ?? undefined, interval });
const hyperband = (minEpochs: number | null = 1, reductionFactor = 3, startupTrials = 0): PrunerSpec => ({ kind: 'hyperband', minEpochs: minEpochs ?? undefined, reductionFactor, startupTrials });
/** A flat curve of `n` epochs with the given values at chosen epochs (1-based). */
const curve = (n: number, fill: number, at: Record<number, number> = {}): number[] => Array.from({ length: n }, (_, i) => at[i + 1] ?? fill);

describe('ASHA by hand (values are each trial\'s best so far)', () => {
  it('puts rungs at minEpochs·η^(rate + k) below the last epoch', () => {
    expect(rungLadder(1, 3, 0, 100)).toEqual([1, 3, 9, 27, 81]);
    expect(rungLadder(2, 3, 1, 100)).toEqual([6, 18, 54]);
    expect(rungLadder(1, 2, 0, 16)).toEqual([1, 2, 4, 8]);
    expect(rungLadder(1, 3, 0, 81)).toEqual([1, 3, 9, 27]);
    expect(createPruner(asha(), { maxSteps: 100, epochs: 100, seed: 1 })!.watchedSteps()).toEqual([1, 3, 9, 27, 81]);
  });

  it('keeps the best ⌊n/η⌋ (at least one) of the n values at a rung, its own included', () => {
    // η = 3, rungs at epochs 1, 3 and 9 of 10.
    const d = replay(asha(), [
      curve(10, 0.5), // alone at each rung: goes on
      curve(10, 0.6), // rung 1: [0.5, 0.6], keeps 1 → stopped at epoch 1
      curve(10, 0.3, { 1: 0.4, 3: 0.45 }), // best at rung 1 of 3 values; at rung 3 its best so far (0.3, from epoch 2) is best of [0.5, 0.3]
      curve(10, 0.45), // rung 1: 4 values keep 1 (0.4): stopped, 2nd
      curve(10, 0.55), // rung 1: 5 values keep 1: stopped, 4th
      curve(10, 0.42, { 3: 0.48 }), // rung 1: 6 values keep 2 (0.4, 0.42): goes on; rung 3: best so far 0.42 among [0.5, 0.3, 0.42] keeps 1 → stopped
    ]);
    expect(d.map((x) => x?.step ?? null)).toEqual([null, 1, null, 1, 1, 3]);
    expect(d[1]).toMatchObject({ rule: 'asha', rung: 0, value: 0.6, threshold: 0.5, compared: 2, keep: 1, rank: 2, fold: 0, epoch: 1 });
    expect(d[3]).toMatchObject({ threshold: 0.4, compared: 4, keep: 1, rank: 2 });
    expect(d[4]).toMatchObject({ threshold: 0.4, compared: 5, keep: 1, rank: 4 });
    expect(d[5]).toMatchObject({ rung: 1, step: 3, value: 0.42, threshold: 0.3, compared: 3, keep: 1, rank: 2 });
  });

  it('counts values recorded by trials still running and by trials stopped later', () => {
    const pruner = createPruner(asha(), { maxSteps: 10, epochs: 10, seed: 1 }) as Pruner;
    const board = PruningBoard.create(pruner.watchedSteps(), 4);
    board.ensureRows(3);
    board.write(0, board.column(1), 0.2); // running, no state yet
    board.write(1, board.column(1), 0.3);
    board.setState(1, BoardState.pruned);
    board.write(2, board.column(1), 0.35);
    expect(pruner.decide({ trial: 2, step: 1, value: 0.35 }, board)).toMatchObject({ threshold: 0.2, compared: 3, rank: 3 });
    expect(pruner.decide({ trial: 2, step: 2, value: 0.35 }, board)).toBeNull();
  });
});

describe('the median rule by hand', () => {
  it('compares the best value so far with the median of finished trials at the same epoch, after startup, warm-up and on the interval', () => {
    // startupTrials 2, warmupEpochs 1, interval 2 → judged at epochs 2, 4, 6 (8 is the last).
    const d = replay(medianSpec(2, 1, 2), [
      [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
      [1, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1], // only one finished before it: never judged
      [1, 0.85, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], // epoch 2: best 0.85 > median(0.9, 0.7) = 0.8
      [0.5, 0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], // epoch 2: 0.5 ≤ 0.8; epoch 4: 0.5 ≤ median(0.7, 0.5); epoch 6: 0.5 > median(0.5, 0.3)
      [0.9, 0.8, 9, 9, 9, 9, 9, 9], // epoch 2: best 0.8 equals the median: goes on; epoch 3 not judged; epoch 4: 0.8 > 0.6
    ]);
    expect(d.map((x) => x?.step ?? null)).toEqual([null, null, 2, 6, 4]);
    expect(d[2]).toMatchObject({ rule: 'median', value: 0.85, compared: 2 });
    expect(d[2]!.threshold).toBeCloseTo(0.8, 12);
    expect(d[3]).toMatchObject({ step: 6, value: 0.5, compared: 2 });
    expect(d[3]!.threshold).toBeCloseTo(0.4, 12);
  });

  it('counts only finished trials: not running, pruned or failed ones', () => {
    const pruner = createPruner(medianSpec(1, 0, 1), { maxSteps: 10, epochs: 10, seed: 1 }) as Pruner;
    const board = PruningBoard.create(pruner.watchedSteps(), 5);
    board.ensureRows(5);
    const col = board.column(3);
    [0.1, 0.2, 0.3, 0.9].forEach((v, t) => board.write(t, col, v));
    board.setState(0, BoardState.pruned);
    board.setState(1, BoardState.other);
    board.setState(3, BoardState.finished);
    expect(pruner.decide({ trial: 4, step: 3, value: 0.5 }, board)).toBeNull(); // median of [0.9]
    board.setState(2, BoardState.finished);
    expect(board.finishedCount()).toBe(2);
    expect(pruner.decide({ trial: 4, step: 3, value: 0.7 }, board)).toMatchObject({ threshold: 0.6, compared: 2 });
  });

  it('takes the median as numpy does', () => {
    expect(median(Float64Array.of(3, 1, 2))).toBe(2);
    expect(median(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
    expect(median(Float64Array.of(5))).toBe(5);
  });
});

describe('Hyperband by hand', () => {
  it('has ⌊log_η(R/r)⌋ + 1 brackets, bracket b starting at r·η^b', () => {
    const hb = createPruner(hyperband(), { maxSteps: 100, epochs: 100, seed: 1 }) as HyperbandPruner;
    expect(hb.bracketCount).toBe(5);
    const ladders = new Set<string>();
    for (let t = 0; t < 200; t++) ladders.add(JSON.stringify(hb.rungSteps(t)));
    expect([...ladders].sort()).toEqual(['[1,3,9,27,81]', '[27,81]', '[3,9,27,81]', '[81]', '[9,27,81]'].sort());
    expect((createPruner(hyperband(2, 2), { maxSteps: 40, epochs: 40, seed: 1 }) as HyperbandPruner).bracketCount).toBe(5); // 2·2^4 = 32 ≤ 40
  });

  it('assigns brackets by CRC-32 of "seed_number" in proportion to ⌈B·η^s/(s+1)⌉ (81, 34, 15, 8, 5 of 143)', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('1_0')).toBe(3239192450); // Python's binascii.crc32(b"1_0")
    expect(crc32('42_17')).toBe(3516994113);
    const hb = createPruner(hyperband(), { maxSteps: 100, epochs: 100, seed: 1 }) as HyperbandPruner;
    expect(hb.bracketOf(0)).toBe(3239192450 % 143 < 81 ? 0 : hb.bracketOf(0));
    const counts = [0, 0, 0, 0, 0];
    const n = 14300;
    for (let t = 0; t < n; t++) counts[hb.bracketOf(t)]++;
    [81, 34, 15, 8, 5].forEach((share, b) => expect(Math.abs(counts[b] / n - share / 143)).toBeLessThan(0.02));
    expect(hb.bracketOf(123)).toBe((createPruner(hyperband(), { maxSteps: 100, epochs: 100, seed: 1 }) as HyperbandPruner).bracketOf(123));
  });

  it('compares a trial only with trials of its own bracket', () => {
    const hb = createPruner(hyperband(), { maxSteps: 100, epochs: 100, seed: 1 }) as HyperbandPruner;
    const zero = Array.from({ length: 50 }, (_, t) => t).filter((t) => hb.bracketOf(t) === 0);
    const other = Array.from({ length: 50 }, (_, t) => t).find((t) => hb.bracketOf(t) !== 0)!;
    const board = PruningBoard.create(hb.watchedSteps(), 50);
    board.ensureRows(50);
    const col = board.column(81);
    board.write(other, col, 0.01);
    board.write(zero[0], col, 0.5);
    expect(hb.decide({ trial: zero[0], step: 81, value: 0.5 }, board)).toBeNull();
    board.write(zero[1], col, 0.6);
    expect(hb.decide({ trial: zero[1], step: 81, value: 0.6 }, board)).toMatchObject({ rule: 'hyperband', bracket: 0, rung: 4, threshold: 0.5, compared: 2 });
  });
});

describe('a trial\'s side of pruning', () => {
  it('counts epochs across folds, starts each fold\'s best afresh and never judges the last epoch', () => {
    const pruner = createPruner(medianSpec(1, 0, 1), { maxSteps: 8, epochs: 4, seed: 1 }) as Pruner;
    const board = PruningBoard.create(pruner.watchedSteps(), 3);
    board.ensureRows(3);
    const run = (t: number, values: number[]) => {
      const tp = new TrialPruning(pruner, board, t, 4, 2, 'val_loss', 'minimize');
      for (let i = 0; i < values.length; i++) {
        const d = tp.afterEpoch(epochOf(i >> 2, (i % 4) + 1, values[i]));
        if (d) return (tp.end(BoardState.pruned), d);
      }
      tp.end(BoardState.finished);
      return null;
    };
    expect(run(0, [1, 0.8, 0.6, 0.4, 1, 0.8, 0.6, 0.5])).toBeNull();
    expect(board.value(0, board.column(5))).toBe(1);
    // Fold 1 starts at step 5; its first value 0.9 is judged on its own (fold 0's 0.3 does not count): 0.9 ≤ 1.
    // Step 7 (fold 1, epoch 3): best 0.7 > 0.6 → stopped.
    expect(run(1, [0.9, 0.7, 0.5, 0.3, 0.9, 0.7, 0.7, 0.1])).toMatchObject({ step: 7, fold: 1, epoch: 3, value: 0.7, threshold: 0.6 });
    // A value worse than the median at the last step only: never stopped.
    expect(run(2, [1, 0.8, 0.6, 0.4, 1, 0.8, 0.6, 9])).toBeNull();
  });

  it('judges maximized metrics the other way round and reports values in their own units', () => {
    const spec = asha();
    const acc = curves(7, 30, 20).map((c) => c.map((v) => 1 / (1 + v)));
    const max = replay(spec, acc, { direction: 'maximize' });
    const min = replay(spec, acc.map((c) => c.map((v) => -v)));
    expect(max.map((d) => d?.step ?? null)).toEqual(min.map((d) => d?.step ?? null));
    const d = max.find((x) => x !== null)!;
    expect(d.value).toBeLessThan(d.threshold);
    expect(d.value).toBeGreaterThan(0);
  });
});

/**
 * The specs the contract below runs over, by kind: the record must name every pruner of the
 * vocabulary's PRUNER_KINDS but `none` (the compiler says so), so a new pruner is tested here the
 * day its kind is listed.
 */
const contractSpecs: Record<PruneRule, [string, PrunerSpec][]> = {
  median: [
    ['median', medianSpec(3, 2, 1)],
    ['median with its defaults', medianSpec(5, null, 1)],
  ],
  asha: [
    ['asha', asha(1, 3, 0)],
    ['asha with its defaults', asha(null, 3, 0, 5)],
  ],
  hyperband: [
    ['hyperband', hyperband(1, 3)],
    ['hyperband with its defaults', hyperband(null, 3, 5)],
  ],
};
const RULES = PRUNER_KINDS.filter((k): k is PruneRule => k !== 'none');
const kinds = RULES.flatMap((k) => contractSpecs[k]);

it('the pruner contract runs over every pruner, each under its own kind', () => {
  for (const k of RULES) {
    expect(contractSpecs[k].length, k).toBeGreaterThan(0);
    for (const [, spec] of contractSpecs[k]) expect(spec.kind).toBe(k);
  }
});

describe.each(kinds)('pruner contract: %s', (_, spec) => {
  const data = curves(11, 80, 30);

  it('gives the same decisions for the same curves', () => {
    expect(replay(spec, data)).toEqual(replay(spec, data));
  });

  it('stops some trials of a spread-out search, never at the last epoch or an unwatched one, and says why', () => {
    const pruner = createPruner(spec, { maxSteps: 30, epochs: 30, seed: 1 }) as Pruner;
    const d = replay(spec, data);
    const stopped = d.filter((x) => x !== null);
    expect(stopped.length).toBeGreaterThan(10);
    for (const v of stopped) {
      expect(v.step).toBeLessThan(30);
      expect(pruner.watchedSteps()).toContain(v.step);
      expect(v.value).toBeGreaterThan(v.threshold);
      expect(v.compared).toBeGreaterThanOrEqual(1);
      expect(Number.isFinite(v.threshold)).toBe(true);
    }
  });

  it('never stops a trial that is best at every epoch', () => {
    for (const at of [0, 7, 40, 79]) {
      const best = data.map((c) => c.slice());
      best[at] = best[0].map((_, e) => Math.min(...data.map((c) => c[e])) - 0.01);
      expect(replay(spec, best)[at]).toBeNull();
    }
  });

  it('is monotone: a trial that went on would go on with a curve that is lower everywhere', () => {
    const d = replay(spec, data);
    const kept = d.map((x, t) => (x === null ? t : -1)).filter((t) => t > 10);
    for (const t of kept.slice(0, 5)) {
      const lower = data.map((c) => c.slice());
      lower[t] = lower[t].map((v) => v - 0.05);
      expect(replay(spec, lower)[t]).toBeNull();
    }
  });

  it('lists its watched steps ascending, inside the search\'s epochs', () => {
    const w = (createPruner(spec, { maxSteps: 30, epochs: 30, seed: 1 }) as Pruner).watchedSteps();
    expect(w.length).toBeGreaterThan(0);
    for (let i = 0; i < w.length; i++) {
      expect(w[i]).toBeGreaterThanOrEqual(1);
      expect(w[i]).toBeLessThanOrEqual(30);
      if (i > 0) expect(w[i]).toBeGreaterThan(w[i - 1]);
    }
  });
});

describe('the guards against judging on too little', () => {
  it('leaves the first judged epoch at a tenth of the epochs when the spec does not set it', () => {
    expect(graceEpochs(100)).toBe(10);
    expect(graceEpochs(30)).toBe(3);
    expect(graceEpochs(4)).toBe(1);
    expect(createPruner(asha(null), { maxSteps: 100, epochs: 100, seed: 1 })!.watchedSteps()).toEqual([10, 30, 90]);
    expect(createPruner(asha(null), { maxSteps: 500, epochs: 100, seed: 1 })!.watchedSteps()).toEqual([10, 30, 90, 270]); // 5 folds
    expect(createPruner(medianSpec(5, null, 1), { maxSteps: 100, epochs: 100, seed: 1 })!.watchedSteps()[0]).toBe(11);
    expect((createPruner(hyperband(null), { maxSteps: 100, epochs: 100, seed: 1 }) as HyperbandPruner).bracketCount).toBe(3);
  });

  it('stops no trial before startupTrials trials have finished (ASHA and Hyperband as the median rule)', () => {
    // η = 3: without a start-up trial 1 would stop at epoch 1 behind trial 0 (as in the example above).
    const data = [curve(10, 0.5), curve(10, 0.6), curve(10, 0.7), curve(10, 0.8)];
    expect(replay(asha(1, 3, 0, 0), data).map((x) => x?.step ?? null)).toEqual([null, 1, 1, 1]);
    expect(replay(asha(1, 3, 0, 2), data).map((x) => x?.step ?? null)).toEqual([null, null, 1, 1]);
    expect(replay(hyperband(1, 3, 3), data.map((c) => c.concat(c, c))).map((x) => x !== null)).toEqual([false, false, false, expect.any(Boolean)]);
  });
});

describe('no pruner', () => {
  it('"none" makes no pruner', () => {
    expect(createPruner({ kind: 'none' }, { maxSteps: 10, epochs: 10, seed: 1 })).toBeNull();
  });
});

describe('the board', () => {
  it('grows as trials are added, keeps NaN where a trial has no value, and refuses a size it cannot hold', () => {
    const board = PruningBoard.create([1, 3, 9], 10_000);
    board.ensureRows(3);
    board.write(2, 1, 0.25);
    board.ensureRows(5000);
    expect(board.rows()).toBe(5000);
    expect(board.value(2, 1)).toBe(0.25);
    expect(board.value(4999, 2)).toBeNaN();
    expect(board.column(3)).toBe(1);
    expect(board.column(4)).toBe(-1);
    expect(board.column(1000)).toBe(-1);
    expect(() => PruningBoard.create(Array.from({ length: 1000 }, (_, i) => i + 1), 1_000_000)).toThrow(/pruning would need 7637 MB for 1000000 trials × 1000 watched epochs/);
  });
});
