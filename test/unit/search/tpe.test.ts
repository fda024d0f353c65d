import { describe, expect, it } from 'vitest';
import { createStrategy, WAIT, type FinishedTrial, type Proposal, type RunningTrial } from '../../../src-core/search';
import { fullBox } from '../../../src-core/search/space';
import { drawTrial } from '../../../src-core/search/strategies/random';
import { densitiesTpe, gamma, MAX_BAD_KERNELS, splitTrials, thin } from '../../../src-core/search/tpe/tpe';
import { defaultWeights } from '../../../src-core/search/tpe/parzen';
import { parseSpec, type Spec } from '../../../src-core/spec/spec';

const space = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 256, log: true },
  dropout: { type: 'float', low: 0, high: 0.6, step: 0.1 },
  optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] },
};
const specOf = (strategy: Record<string, unknown> = {}, seed = 1, over: Record<string, unknown> = {}): Spec =>
  parseSpec({ dataset: { builtin: 'iris' }, space, strategy: { kind: 'tpe', ...strategy }, seed, budget: { trials: 60 }, ...over });

/** Best at lr = 10^-2.5, 90 units, dropout 0.2, adam; smooth elsewhere. */
const objective = (k: Record<string, unknown>): number =>
  (Math.log10(k.lr as number) + 2.5) ** 2 + (Math.log2(k.hiddenUnits as number) - Math.log2(90)) ** 2 / 4 + ((k.dropout as number) - 0.2) ** 2 * 4 + (k.optimizer === 'adam' ? 0 : 0.5);

const t = (number: number, objectiveValue: number, state: FinishedTrial['state'] = 'complete', step?: number): FinishedTrial =>
  ({ number, round: 1, knobs: { n: number }, objective: objectiveValue, state, step });

/** A search of n trials, one at a time; a non-finite objective is a trial in state `blown` (a diverged run unless said otherwise). */
function run(spec: Spec, n: number, f = objective, blown: 'diverged' | 'failed' = 'diverged'): FinishedTrial[] {
  const s = createStrategy(spec);
  const finished: FinishedTrial[] = [];
  for (let i = 0; i < n; i++) {
    const p = s.propose({ number: i, finished, running: [] }) as Proposal;
    const v = f(p.knobs);
    finished.push({ number: i, round: 1, knobs: p.knobs, objective: Number.isFinite(v) ? v : NaN, state: Number.isFinite(v) ? 'complete' : blown });
  }
  return finished;
}

describe('TPE splits the trials as Optuna does', () => {
  it('γ(n) = min(⌈0.1·n⌉, 25)', () => {
    expect([0, 1, 9, 10, 11, 100, 240, 241, 250, 10_000].map(gamma)).toEqual([0, 1, 1, 1, 2, 10, 24, 25, 25, 25]);
  });

  it('complete trials by objective, then pruned ones by the epoch they reached and their value there; failed trials are not in it; running ones are bad with the constant liar', () => {
    const trials = [t(0, 3), t(1, 1), t(2, 0.5, 'pruned', 4), t(3, 2), t(4, 0.1, 'pruned', 9), t(5, 0.2, 'pruned', 9), t(6, NaN, 'pruned', 12)];
    const running: RunningTrial[] = [{ number: 7, round: 1, knobs: {} }];
    // n = 7 → γ = 1: the best complete trial; with 13 trials γ = 2 still only completes.
    let s = splitTrials(trials, running, 'minimize', true);
    expect(s.below.map((x) => x.number)).toEqual([1]);
    expect(s.above.map((x) => x.number)).toEqual([0, 2, 3, 4, 5, 6, 7]);
    s = splitTrials(trials, running, 'minimize', false);
    expect(s.above.map((x) => x.number)).toEqual([0, 2, 3, 4, 5, 6]);
    // Few complete trials: γ(n) reaches into the pruned ones, later epochs first (12 has no value: after 9), then by value.
    const many = [t(0, 3), ...Array.from({ length: 24 }, (_, i) => t(i + 1, i, 'pruned', i < 12 ? 9 : 4))];
    s = splitTrials(many, [], 'minimize', true);
    expect(s.n).toBe(25);
    expect(gamma(25)).toBe(3);
    expect(s.below.map((x) => x.number)).toEqual([0, 1, 2]);
    s = splitTrials(many, [], 'maximize', true);
    expect(s.below.map((x) => x.number)).toEqual([0, 11, 12]);
  });

  it('diverged trials count in n and always go to the bad group, behind pruned ones; failed trials are in neither', () => {
    // 10 trials: 4 complete, 1 pruned, 4 diverged, 1 failed; n = 9 → γ = 1.
    const trials = [t(0, NaN, 'diverged'), t(1, 0.4), t(2, NaN, 'failed'), t(3, 0.2), t(4, NaN, 'diverged'), t(5, 0.9, 'pruned', 3), t(6, 0.3), t(7, NaN, 'diverged'), t(8, 0.5), t(9, NaN, 'diverged')];
    let s = splitTrials(trials, [], 'minimize', true);
    expect(s.n).toBe(9);
    expect(s.below.map((x) => x.number)).toEqual([3]);
    expect(s.above.map((x) => x.number)).toEqual([0, 1, 4, 5, 6, 7, 8, 9]);
    // 11 diverged and 1 pruned: γ(12) = 2 takes the pruned trial and nothing else; a diverged trial is never good.
    const blown = [t(0, 0.7, 'pruned', 2), ...Array.from({ length: 11 }, (_, i) => t(i + 1, NaN, 'diverged'))];
    s = splitTrials(blown, [], 'minimize', true);
    expect(s.below.map((x) => x.number)).toEqual([0]);
    expect(s.above).toHaveLength(11);
    s = splitTrials(blown.slice(1), [], 'maximize', true);
    expect(s.below).toEqual([]);
    expect(s.n).toBe(11);
  });

  it('thins the bad group evenly above MAX_BAD_KERNELS, each kept trial carrying its group\'s weight', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [i]);
    const { rows: kept, weights } = thin(rows, MAX_BAD_KERNELS);
    expect(kept.length).toBeLessThanOrEqual(MAX_BAD_KERNELS);
    expect(kept[kept.length - 1]).toEqual([2499]);
    const full = defaultWeights(2500);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(full.reduce((a, b) => a + b, 0), 9);
    expect(thin(rows.slice(0, 10), MAX_BAD_KERNELS).rows).toHaveLength(10);
  });
});

describe('TPE proposals', () => {
  it('draws the same trials as random search until startupTrials have finished with a result (failed trials do not count)', () => {
    const spec = specOf({ startupTrials: 4 });
    const s = createStrategy(spec);
    const failed = [0, 1, 2, 3, 4].map((i) => ({ ...t(i, NaN, 'failed'), knobs: drawTrial(spec, fullBox(spec.space), i) }));
    for (let i = 0; i < 8; i++) expect(s.propose({ number: i, finished: failed, running: [] })).toEqual({ knobs: drawTrial(spec, fullBox(spec.space), i), round: 1 });
    const done = run(spec, 4);
    expect((s.propose({ number: 4, finished: done, running: [] }) as Proposal).knobs).not.toEqual(drawTrial(spec, fullBox(spec.space), 4));
  });

  it('diverged trials count toward startupTrials (they are results), failed ones do not', () => {
    const spec = specOf({ startupTrials: 4 });
    const s = createStrategy(spec);
    const blown = (state: 'diverged' | 'failed') => [0, 1, 2, 3].map((i) => ({ ...t(i, NaN, state), knobs: drawTrial(spec, fullBox(spec.space), i) }));
    expect(s.propose({ number: 4, finished: blown('failed'), running: [] })).toEqual({ knobs: drawTrial(spec, fullBox(spec.space), 4), round: 1 });
    expect((s.propose({ number: 4, finished: blown('diverged'), running: [] }) as Proposal).knobs).not.toEqual(drawTrial(spec, fullBox(spec.space), 4));
  });

  it('learns where training diverges: near a cliff it proposes far fewer diverging trials than when they were left out (10 seeds)', () => {
    // Best just below lr = 10^-0.5; above it the run diverges. Left out of the model (as failed
    // trials are), the diverged trials leave g empty past the cliff, where l's kernels reach.
    const cliff = (k: Record<string, unknown>): number => {
      const x = Math.log10(k.lr as number);
      return x > -0.5 ? NaN : (x + 0.7) ** 2 + (Math.log2(k.hiddenUnits as number) - Math.log2(90)) ** 2 / 8 + ((k.dropout as number) - 0.2) ** 2;
    };
    const cliffSpace = { lr: { type: 'float', low: 1e-4, high: 30, log: true }, hiddenUnits: space.hiddenUnits, dropout: space.dropout };
    let learnt = 0;
    let leftOut = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const spec = parseSpec({ dataset: { builtin: 'iris' }, space: cliffSpace, strategy: { kind: 'tpe' }, seed, budget: { trials: 60 } });
      const after = (h: FinishedTrial[]): number => h.slice(10).filter((x) => !Number.isFinite(x.objective)).length;
      learnt += after(run(spec, 60, cliff, 'diverged'));
      leftOut += after(run(spec, 60, cliff, 'failed'));
    }
    expect(learnt, `diverged proposals after the startup: ${learnt} counted as bad, ${leftOut} left out`).toBeLessThan(leftOut / 2);
  });

  it('finds better trials than random search on a smooth objective (10 seeds, 50 trials each), multivariate or not', () => {
    for (const multivariate of [true, false]) {
      let wins = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const bestOf = (h: FinishedTrial[]): number => Math.min(...h.map((x) => x.objective));
        const tpe = bestOf(run(specOf({ multivariate }, seed), 50));
        const rnd = bestOf(run(parseSpec({ dataset: { builtin: 'iris' }, space, strategy: { kind: 'random' }, seed, budget: { trials: 50 } }), 50));
        if (tpe < rnd) wins++;
      }
      expect(wins, `multivariate ${multivariate}`).toBeGreaterThanOrEqual(8);
    }
  });

  it('concentrates its proposals where the good trials are', () => {
    const h = run(specOf({}, 3), 80);
    const late = h.slice(40).map((x) => Math.log10(x.knobs.lr as number));
    const near = late.filter((x) => Math.abs(x + 2.5) < 1).length / late.length;
    expect(near).toBeGreaterThan(0.6);
  });

  it('with the constant liar, a running trial changes the proposal (it counts as bad); without, it does not', () => {
    const h = run(specOf({}, 5), 30);
    const liar = createStrategy(specOf({}, 5));
    const alone = liar.propose({ number: 32, finished: h, running: [] }) as Proposal;
    // Two trials already running where TPE would go: they count as bad there, so it goes elsewhere.
    const running: RunningTrial[] = [{ number: 30, round: 1, knobs: alone.knobs }, { number: 31, round: 1, knobs: alone.knobs }];
    expect(liar.propose({ number: 32, finished: h, running })).not.toEqual(alone);
    const plain = createStrategy(specOf({ constantLiar: false }, 5));
    expect(plain.propose({ number: 32, finished: h, running })).toEqual(plain.propose({ number: 32, finished: h, running: [] }));
  });

  it('maximizes: with the objective negated and direction maximize it proposes what minimizing proposes', () => {
    const min = run(specOf({}, 7), 40);
    const max = run(specOf({}, 7, { objective: { metric: 'val_accuracy' } }), 40, (k) => -objective(k));
    expect(max.map((x) => x.knobs)).toEqual(min.map((x) => x.knobs));
  });

  it('is never asked to wait and never runs out', () => {
    const s = createStrategy(specOf());
    const p = s.propose({ number: 1000, finished: [], running: [] });
    expect(p).not.toBe(WAIT);
    expect(p).not.toBeNull();
  });
});

describe('what TPE sees: densities of the good and the bad trials', () => {
  const spec = specOf({}, 2);
  const h = run(spec, 40);
  const running: RunningTrial[] = [{ number: 40, round: 1, knobs: h[3].knobs }];
  const view = createStrategy(spec).densities!({ finished: h, running })!;

  it('splits as the proposals do, with the threshold between the groups', () => {
    expect(view.trials).toBe(40);
    expect(view.good).toBe(gamma(40));
    expect(view.bad).toBe(40 - gamma(40) + 1);
    expect(view.running).toBe(1);
    expect(view.startup).toBe(false);
    const sorted = h.map((x) => x.objective).sort((a, b) => a - b);
    expect(view.threshold).toBe(sorted[gamma(40) - 1]);
    expect(view.knobs.map((k) => k.name)).toEqual(['lr', 'hiddenUnits', 'dropout', 'optimizer']);
    expect(view.ties).toBe(0);
    expect(view.diverged).toBe(0);
    expect(view.leftOut).toBe(0);
  });

  it('draws diverged trials in the bad group, and counts the failed ones it leaves out', () => {
    // Trials with lr above 10^-1 diverged; 3 others failed with an error.
    const blown = h.map((x) => (Math.log10(x.knobs.lr as number) > -1 ? { ...x, objective: NaN, state: 'diverged' as const } : x.number < 3 ? { ...x, objective: NaN, state: 'failed' as const } : x));
    const diverged = blown.filter((x) => x.state === 'diverged').length;
    const failed = blown.filter((x) => x.state === 'failed').length;
    expect(diverged).toBeGreaterThan(0);
    const v = createStrategy(spec).densities!({ finished: blown, running: [] })!;
    expect(v.trials).toBe(40 - failed);
    expect(v.diverged).toBe(diverged);
    expect(v.leftOut).toBe(failed);
    expect(v.good + v.bad).toBe(40 - failed);
    const lr = v.knobs[0];
    expect(lr.bad.filter((x) => x > -1)).toHaveLength(diverged);
    expect(lr.good.every((x) => x <= -1)).toBe(true);
    // g is higher at the top of the range, where training blew up, than with those trials left out as failed.
    const asFailed = createStrategy(spec).densities!({ finished: blown.map((x) => (x.state === 'diverged' ? { ...x, state: 'failed' as const } : x)), running: [] })!;
    expect(asFailed.diverged).toBe(0);
    expect(asFailed.leftOut).toBe(failed + diverged);
    expect(lr.g[lr.g.length - 1]).toBeGreaterThan(1.5 * asFailed.knobs[0].g[lr.g.length - 1]);
  });

  it('counts the later trials that tie the threshold and still go to the bad group (the good group takes γ(n), the earlier of equals)', () => {
    // 40 trials, γ(40) = 4: the best value 0.25 is reached by trials 5, 9, 14, 20, 33 and 38; 5, 9, 14 and 20 are good.
    const tied = new Set([5, 9, 14, 20, 33, 38]);
    const flat = h.map((t) => ({ ...t, objective: tied.has(t.number) ? 0.25 : 0.5 + t.number / 100 }));
    const v = createStrategy(spec).densities!({ finished: flat, running: [] })!;
    expect(v.good).toBe(4);
    expect(v.threshold).toBe(0.25);
    expect(v.ties).toBe(2);
  });

  it('each density has mass 1 on the axis as drawn (log10 for log knobs, one point per value for stepped and categorical knobs)', () => {
    for (const k of view.knobs) {
      for (const f of [k.l, k.g]) {
        let mass = 0;
        if (k.discrete) mass = f.reduce((a, b) => a + b, 0);
        else for (let i = 1; i < k.x.length; i++) mass += ((f[i] + f[i - 1]) / 2) * (k.x[i] - k.x[i - 1]);
        expect(mass, `${k.name}`).toBeCloseTo(1, 2);
      }
    }
    const lr = view.knobs[0];
    expect(lr.scale).toBe('log');
    expect(lr.x[0]).toBeCloseTo(-5, 12);
    const units = view.knobs[1];
    expect(units.x[0]).toBeCloseTo(Math.log10(3.5), 12);
    expect(units.x[units.x.length - 1]).toBeCloseTo(Math.log10(256.5), 12);
    // The axis shows the knob's own range (4–256); the estimator's ½ beyond it on either side is off the axis.
    expect(units.span[0]).toBeCloseTo(Math.log10(4), 12);
    expect(units.span[1]).toBeCloseTo(Math.log10(256), 12);
    expect(lr.span[0]).toBeCloseTo(-5, 12);
    expect(lr.span[1]).toBeCloseTo(0, 12);
    expect(view.knobs[3].span).toEqual([0, 2]);
    expect(lr.x[lr.x.length - 1]).toBeCloseTo(0, 12);
    expect(view.knobs[2].x.map((x) => Math.round(x * 10))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(view.knobs[3].values).toEqual(['sgd', 'momentum', 'adam']);
  });

  it('l is higher than g where the good trials are', () => {
    const lr = view.knobs[0];
    const at = lr.x.reduce((best, x, i) => (Math.abs(x + 2.5) < Math.abs(lr.x[best] + 2.5) ? i : best), 0);
    expect(lr.l[at]).toBeGreaterThan(lr.g[at]);
    const far = 0;
    expect(lr.l[far]).toBeLessThan(lr.g[far]);
  });

  it('matches densitiesTpe for univariate estimators too, and shows the good and bad values', () => {
    const uni = densitiesTpe({ space: spec.space, box: fullBox(spec.space), direction: 'minimize', seed: 2, finished: h, running: [], options: { startupTrials: 10, candidates: 24, multivariate: false, constantLiar: true } }, 1);
    expect(uni.multivariate).toBe(false);
    expect(uni.knobs[0].good).toHaveLength(gamma(40));
    expect(uni.knobs[0].bad).toHaveLength(40 - gamma(40));
  });

  it('the same history in another finishing order gives the same densities', () => {
    const again = createStrategy(spec).densities!({ finished: [...h].reverse(), running });
    expect(again).toEqual(view);
  });
});
