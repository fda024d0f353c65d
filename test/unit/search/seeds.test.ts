import { describe, expect, it } from 'vitest';
import { meanSd, rerunSpecOf, seedSpreadOf, t975, welchHalf } from '../../../src-core/search/seeds';
import type { SearchRow, TrialRow } from '../../../src-core/store/rows';

describe('the statistics of a seed spread, against scipy 1.10 (Debian python3-scipy)', () => {
  it('t975 matches scipy.stats.t.ppf(0.975, df), whole and fractional', () => {
    const scipy: [number, number][] = [
      [1, 12.706204736174694], [2, 4.302652729749462], [2.5, 3.5746548420036817], [3, 3.1824463052837078], [4, 2.7764451051977934],
      [5, 2.5705818356363146], [7.77, 2.3179399298915517], [12.3, 2.172933481758962], [29.5, 2.043724966772122], [31, 2.039513446396408],
      [100, 1.9839715185235518], [1000, 1.9623390808264083],
    ];
    for (const [df, q] of scipy) expect(Math.abs(t975(df) - q) / q, `df ${df}`).toBeLessThan(2e-5);
    expect(Math.abs(t975(1.5) - 6.016663104427929) / 6.0167).toBeLessThan(0.011);
    expect(t975(0.5)).toBeNaN();
  });

  it('meanSd and welchHalf give numpy/scipy\'s figures for two hand-picked samples', () => {
    const a = meanSd([0.3, 0.32, 0.31, 0.35, 0.29]);
    expect(a.mean).toBeCloseTo(0.314, 15);
    expect(a.sd).toBeCloseTo(0.023021728866442673, 14);
    expect(a.half).toBeCloseTo(0.02858525190987022, 8);
    const b = meanSd([0.33, 0.36, 0.3, 0.37, 0.34]);
    // Welch–Satterthwaite df = 7.7705; t.ppf(0.975, df) * sqrt(va/5 + vb/5).
    expect(welchHalf(a, b)).toBeCloseTo(0.03708664993406204, 7);
    expect(meanSd([0.5]).sd).toBeNaN();
    expect(welchHalf({ n: 3, sd: 0 }, { n: 3, sd: 0 })).toBe(0);
  });
});

const row = (configs: number[], seeds: number, direction = 'minimize'): SearchRow => ({
  id: 9, project_id: 1, project: 'p', name: 'r', status: 'complete', planned_trials: configs.length * seeds, stop_reason: null, error: null,
  created_at: '', started_at: null, finished_at: null, archived: 0, parent_id: 3, notes: '', tags: '[]', runner_workers: null,
  spec: JSON.stringify({
    dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } }, seed: 1,
    objective: { metric: direction === 'minimize' ? 'val_loss' : 'val_accuracy' }, budget: { trials: configs.length * seeds },
    strategy: { kind: 'rerun', seeds, configs: configs.map((trial, i) => ({ trial, knobs: { lr: 0.01 * (i + 1) } })) },
  }),
});

/** Trials of a re-run, seed by seed: objectives[seed][config]. */
const trialsOf = (objectives: (number | null)[][]): TrialRow[] =>
  objectives.flatMap((bySeed, s) => bySeed.map((o, c) => ({
    id: 100 + s * bySeed.length + c, search_id: 9, number: s * bySeed.length + c, round: 1, status: o === null ? 'failed' : 'complete', knobs: '{}', seed: s,
    objective: o, notes: '', tags: '[]', split_seed: null, kernel_path: 'simd',
  }) as unknown as TrialRow));

describe('what a seed re-run says', () => {
  it('flags the original best when another configuration\'s mean beats it, beyond seed noise', () => {
    // Configuration 0 is trial 12 (the original best), 1 is trial 31, 2 is trial 7.
    const s = seedSpreadOf(row([12, 31, 7], 3), trialsOf([[0.30, 0.20, 0.50], [0.32, 0.21, 0.52], [0.31, 0.22, 0.51]]), null);
    expect(s.configs.map((c) => [c.trial, c.rank])).toEqual([[31, 1], [12, 2], [7, 3]]);
    expect(s.configs[0].objectives).toEqual([0.2, 0.21, 0.22]);
    expect(s.configs[0].mean).toBeCloseTo(0.21, 15);
    expect(s.configs[0].sd).toBeCloseTo(0.01, 15);
    expect(s.configs[0].ci![0]).toBeCloseTo(0.21 - (4.302652729749462 * 0.01) / Math.sqrt(3), 9);
    expect(s.originalBest).toBe(12);
    expect(s.beatenBy).toBe(31);
    expect(s.pooledSd).toBeCloseTo(0.01, 12);
    expect(s.sentences[0]).toBe('The original best, trial 12, is beaten on average: trial 31\'s mean over 3 seeds is 0.21, lower than its 0.31, by more than the seed noise (±0.02267).');
    expect(s.sentences[1]).toBe('Trial 31\'s mean is lower than every other configuration\'s beyond seed noise (the next, trial 12, by 0.1; ±0.02267).');
    expect(s.sentences[2]).toBe('One seed to the next moves the objective by 0.01 (standard deviation, pooled over the configurations); their means span 0.3, 30 times that.');
  });

  it('prints two means as the table does (four digits), with more only where four cannot tell them apart', () => {
    const s = seedSpreadOf(row([12, 31], 2), trialsOf([[0.12343, 0.12342], [0.12341, 0.1234]]), null);
    expect(s.beatenBy).toBe(31);
    expect(s.sentences[0]).toMatch(/trial 31's mean over 2 seeds is 0\.12341, lower than its 0\.12342, but by less than the seed noise/);
    // Three digits would tell these apart (0.0985 and 0.101), but the table prints four.
    const apart = seedSpreadOf(row([12, 31], 2), trialsOf([[0.1011, 0.09852], [0.1013, 0.09854]]), null);
    expect(apart.sentences[0]).toMatch(/mean over 2 seeds is 0\.09853, lower than its 0\.1012,/);
  });

  it('says when two configurations are within seed noise of each other', () => {
    const s = seedSpreadOf(row([12, 31], 4), trialsOf([[0.300, 0.305], [0.310, 0.302], [0.296, 0.309], [0.306, 0.299]]), null);
    expect(s.configs.map((c) => c.trial)).toEqual([12, 31]);
    expect(s.beatenBy).toBeNull();
    const half = welchHalf(meanSd([0.3, 0.31, 0.296, 0.306]), meanSd([0.305, 0.302, 0.309, 0.299]));
    expect(s.sentences[0]).toMatch(/^The original best, trial 12, keeps the best mean over 4 seeds: 0\.303 ± 0\.006218\.$/);
    expect(s.sentences[1]).toBe(`Trials 12 and 31 are within seed noise of each other (±${Number(half.toPrecision(4))}).`);
    expect(s.sentences[2]).toMatch(/their means span 7\.5e-4, less than the noise of a single run\.$/);
  });

  it('says "about as much" where the means span between one and 1.5 times the seed noise', () => {
    // Means 0.2 and 0.218 (span 0.018); each configuration's sd √2 · 0.01 over two seeds: 1.27 times the noise.
    const s = seedSpreadOf(row([12, 31], 2), trialsOf([[0.19, 0.208], [0.21, 0.228]]), null);
    expect(s.pooledSd).toBeCloseTo(Math.SQRT2 * 0.01, 12);
    expect(s.sentences.at(-1)).toMatch(/their means span 0\.018, about as much: the seeds move a single run about as far as the configurations lie apart\.$/);
  });

  it('cuts a 95% interval at the values the metric can take (a loss of two seeds reaches below 0 otherwise)', () => {
    // Two seeds: mean 0.004, sd 0.004·√2 = 0.00566, half-width 12.706 · 0.00566 / √2 = 0.0508, so the t interval is −0.0468 … 0.0548.
    const s = seedSpreadOf(row([12], 2), trialsOf([[0.0], [0.008]]), null);
    expect(s.configs[0].ci![0]).toBe(0);
    expect(s.configs[0].ci![1]).toBeCloseTo(0.004 + 12.706204736174696 * 0.004, 9);
    // Accuracy is cut at 1 the same way.
    const acc = seedSpreadOf(row([12], 2, 'maximize'), trialsOf([[0.99], [0.999]]), null);
    expect(acc.configs[0].ci![1]).toBe(1);
    expect(acc.configs[0].ci![0]).toBeCloseTo(0.9945 - 12.706204736174696 * 0.0045, 9);
  });

  it('prints two close means with the digits that tell them apart', () => {
    const s = seedSpreadOf(row([35, 33], 2), trialsOf([[0.1541, 0.1537], [0.1543, 0.1539]]), null);
    expect(s.sentences[0]).toMatch(/^The original best, trial 35, is beaten on average: trial 33's mean over 2 seeds is 0\.1538, lower than its 0\.1542, but by less than the seed noise/);
  });

  it('counts early-stopped seeds as results (their best epoch is the objective)', () => {
    const trials = trialsOf([[0.3, 0.2], [0.31, 0.21]]);
    trials[2] = { ...trials[2], status: 'early_stopped' } as TrialRow;
    const s = seedSpreadOf(row([12, 31], 2), trials, null);
    expect(s.configs.map((c) => [c.trial, c.n])).toEqual([[31, 2], [12, 2]]);
    expect(s.done).toBe(4);
  });

  it('maximizes, counts failed seeds, and leaves configurations without results last', () => {
    const s = seedSpreadOf(row([4, 5, 6], 2, 'maximize'), trialsOf([[0.9, 0.95, null], [0.91, null, null]]), null);
    expect(s.configs.map((c) => [c.trial, c.rank, c.n, c.failed])).toEqual([[5, 1, 1, 1], [4, 2, 2, 0], [6, null, 0, 2]]);
    expect(s.beatenBy).toBe(5);
    expect(s.done).toBe(6);
    expect(s.configs[0].sd).toBeNull();
    expect(s.configs[0].ci).toBeNull();
  });
});

describe('a seed re-run that has not finished', () => {
  it('says first that its figures are partial and how to finish it, whatever stopped it', () => {
    const objectives = trialsOf([[0.3, 0.2], [0.31, 0.21]]);
    const paused = seedSpreadOf({ ...row([12, 31], 3), status: 'paused' }, objectives, null);
    expect(paused.status).toBe('paused');
    expect(paused.unfinished).toEqual([]);
    expect(paused.sentences[0]).toBe('Re-run 9 is paused after 4 of 6 trials: these figures are partial until it finishes (Resume on its page, or "knobs resume 9").');
    // The figures' own sentences follow, as for a finished re-run.
    expect(paused.sentences.slice(1)).toEqual(seedSpreadOf(row([12, 31], 3), objectives, null).sentences);
    const said = (status: SearchRow['status']): string => seedSpreadOf({ ...row([12, 31], 3), status }, objectives, null).sentences[0];
    expect(said('cancelled')).toMatch(/^Re-run 9 was stopped after 4 of 6 trials: these figures are partial until it finishes \(Resume on its page/);
    expect(said('interrupted')).toMatch(/^Re-run 9 was interrupted \(Knobs was closed while it ran\) after 4 of 6 trials: these figures are partial/);
    expect(said('failed')).toMatch(/^Re-run 9 failed after 4 of 6 trials: these figures are partial/);
    expect(said('running')).toBe('Re-run 9 is still running (4 of 6 trials ended): these figures are partial until it finishes.');
    expect(said('complete')).toMatch(/^The original best, trial 12/);
  });

  it('asked of the search it re-runs, a finished re-run names the newer ones that have not finished, left out', () => {
    const s = seedSpreadOf(row([12, 31], 2), trialsOf([[0.3, 0.2], [0.31, 0.21]]), null, [{ searchId: 11, status: 'paused', done: 3, total: 10 }, { searchId: 12, status: 'queued', done: 0, total: 4 }]);
    expect(s.status).toBe('complete');
    expect(s.unfinished.map((u) => u.searchId)).toEqual([11, 12]);
    expect(s.sentences[0]).toBe('Re-run 11 is paused after 3 of 10 trials and is left out until it finishes (Resume on its page, or "knobs resume 11"); the spread shown is re-run 9\'s, the latest finished.');
    expect(s.sentences[1]).toMatch(/^Re-run 12 has not started \(0 of 4 trials ended\) and is left out until it finishes \(Start on its page, or "knobs resume 12"\)/);
    expect(s.sentences[2]).toMatch(/^The original best, trial 12/);
  });
});

describe('the spec of a re-run', () => {
  it('takes the best k trials that ran with a result, early-stopped ones included, best first, and budgets k × n trials', () => {
    const parent = { ...row([0], 2), id: 3, name: 'c2f', spec: JSON.stringify({ dataset: { builtin: 'iris' }, space: { lr: { type: 'float', low: 1e-4, high: 1, log: true } }, seed: 4, budget: { trials: 5 } }) };
    const t = (number: number, status: string, objective: number | null) => ({ number, status, objective, knobs: JSON.stringify({ lr: number / 10 }) }) as unknown as TrialRow;
    const spec = rerunSpecOf(parent, [t(0, 'complete', 0.5), t(1, 'early_stopped', 0.2), t(2, 'diverged', null), t(3, 'complete', 0.3), t(4, 'cancelled', 0.1)], { top: 2, seeds: 3 });
    expect(spec.strategy).toEqual({ kind: 'rerun', configs: [{ trial: 1, knobs: { lr: 0.1 } }, { trial: 3, knobs: { lr: 0.3 } }], seeds: 3, splitSeeds: false });
    expect(spec.budget).toEqual({ trials: 6 });
    expect(spec.name).toBe('c2f · top 2 × 3 seeds');
    expect(spec.seed).toBe(4);
    const pruned = rerunSpecOf({ ...parent, spec: JSON.stringify({ ...JSON.parse(parent.spec), pruner: { kind: 'median' } }) }, [t(0, 'complete', 0.5)], { top: 1, seeds: 2 });
    expect(pruned.pruner).toEqual({ kind: 'none' });
  });
});
