import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src-core/experiments/builtin';
import { experimentOutcome, type OutcomeSearch, type OutcomeTrial } from '../../src-core/experiments/outcome';
import { plannedTrials, validateSpace } from '../../src-core/search';
import { isBundle, parseSpec, trainConfigOf } from '../../src-core/spec/spec';

describe('built-in experiments', () => {
  it('every spec is valid, plans trials, and every categorical value resolves to a config that holds exactly that value', () => {
    let checked = 0;
    for (const ex of EXPERIMENTS) {
      for (const input of ex.specs) {
        const spec = parseSpec(input);
        expect(() => validateSpace(spec), ex.id).not.toThrow();
        expect(plannedTrials(spec), ex.id).toBeGreaterThan(0);
        for (const [key, p] of Object.entries(spec.space)) {
          if (p.type !== 'categorical') continue;
          for (const v of p.values) {
            const config = trainConfigOf(spec, { [key]: v }) as unknown as Record<string, unknown>;
            // A plain value sets its own key; an object value (a bundle) sets each of its keys.
            const expected = isBundle(v) ? v : { [key]: v };
            for (const [k, x] of Object.entries(expected)) expect(config[k], `${ex.id}: ${key} = ${JSON.stringify(v)} sets ${k}`).toEqual(x);
            checked++;
          }
        }
      }
    }
    // 3 activations + 5 initializations + 7 optimizers, and whatever the other experiments add.
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('the init comparison covers zeros, N(0, 0.01), N(0, 1), Xavier and He under three activations', () => {
    const spec = parseSpec(EXPERIMENTS.find((e) => e.id === 'init-comparison')!.specs[0]);
    const inits = spec.space.init.type === 'categorical' ? spec.space.init.values.map((v) => trainConfigOf(spec, { init: v })) : [];
    expect(inits.map((c) => `${c.init}:${c.init === 'normal' ? c.initScale : ''}`)).toEqual(['zeros:', 'normal:0.01', 'normal:1', 'xavier_normal:', 'he_normal:']);
    expect(trainConfigOf(spec).hiddenLayers).toEqual([100, 100, 100, 100, 100]);
  });
});

describe('what a run of an experiment shows, computed from its results', () => {
  const trial = (number: number, knobs: Record<string, unknown>, objective: number | null, over: Partial<OutcomeTrial> = {}): OutcomeTrial =>
    ({ number, round: 1, status: objective === null ? 'diverged' : 'complete', knobs, objective, ...over });
  const search = (strategy: OutcomeSearch['strategy'], trials: OutcomeTrial[], over: Partial<OutcomeSearch> = {}): OutcomeSearch =>
    ({ name: strategy, strategy, metric: 'val_loss', direction: 'minimize', trials, rounds: [], space: {}, ...over });
  const l2s = [1e-6, 2.15e-5, 4.64e-4, 1e-2];
  const gridOf = (values: number[][]): OutcomeSearch =>
    search('grid', [1e-4, 4.64e-3, 0.215, 10].flatMap((lr, i) => l2s.map((l2, j) => trial(i * 4 + j, { lr, l2 }, values[i][j] >= 1e3 ? null : values[i][j]))));
  const grid = gridOf([[1.8, 1.8, 1.8, 1.8], [0.33, 0.33, 0.34, 0.35], [0.033, 0.034, 0.034, 0.036], [1e9, 1e9, 1e9, 1e9]]);

  it('random vs grid: random search wins, and the sentences say by how much and why', () => {
    const lrs = [0.00013, 0.0009, 0.002, 0.006, 0.011, 0.03, 0.05, 0.09, 0.14, 0.3, 0.52, 0.78, 1.1, 2.5, 4, 7];
    const random = search('random', lrs.map((lr, i) => trial(i, { lr, l2: 1e-5 }, lr > 3 ? null : lr === 0.78 ? 9.24e-5 : 0.05 + 0.001 * i)));
    const s = experimentOutcome('random-vs-grid', { searches: [grid, random] });
    expect(s[0]).toBe('The grid tried 4 distinct learning rates in 16 trials, random search 16 in 16.');
    expect(s[1]).toBe('Random search found the better val_loss this time: 9.24·10⁻⁵ (lr 0.78, L2 10⁻⁵) against 0.0330 (lr 0.215, L2 10⁻⁶).');
    expect(s[2]).toBe("The grid's learning rates around that one were 0.215 (3.63× lower) and 10 (12.8× higher, diverged); 3 of random search's 16 draws fell within a factor of 2 of it.");
    expect(s[3]).toBe("At lr 0.215 the grid's 4 L2 values gave val_loss from 0.0330 to 0.0360: L2 barely mattered, so those repeats taught little.");
    expect(s).toContain("4 of the grid's trials diverged (lr 10).");
    expect(s).toContain("2 of random search's trials diverged (lr 4 and 7).");
  });

  it('random vs grid: a setting reads digit for digit as the trials table writes it (9.239e-5 → 9.239·10⁻⁵, never 9.24·10⁻⁵ or a bare 10⁻⁵)', () => {
    const random = search('random', [trial(0, { lr: 0.08812, l2: 9.239e-5 }, 0.02), trial(1, { lr: 0.0023456, l2: 1.0437e-5 }, 0.5)]);
    const s = experimentOutcome('random-vs-grid', { searches: [grid, random] });
    expect(s[1]).toBe('Random search found the better val_loss this time: 0.0200 (lr 0.08812, L2 9.239·10⁻⁵) against 0.0330 (lr 0.215, L2 10⁻⁶).');
    expect(s[2]).toMatch(/^The grid's learning rates around that one were 0\.00464 \(19\.0× lower\) and 0\.215 \(2\.44× higher\)/);
  });

  it('random vs grid: the grid wins (the issue\'s 0.0275 vs 0.0377), and the sentences say so instead of a fixed conclusion', () => {
    const g = search('grid', [1e-4, 2.15e-3, 0.0464, 1].flatMap((lr, i) => l2s.map((l2, j) => trial(i * 4 + j, { lr, l2 }, [1.7, 0.6, 0.1, 0.0275][i] + j * 0.005))));
    const random = search('random', Array.from({ length: 16 }, (_, i) => trial(i, { lr: 10 ** (-4 + (i * 3.8) / 15), l2: 1e-4 }, i === 15 ? 0.0377 : 0.5 - i * 0.02)));
    const s = experimentOutcome('random-vs-grid', { searches: [g, random] });
    expect(s[1]).toBe('The grid found the better val_loss this time: 0.0275 (lr 1, L2 10⁻⁶) against 0.0377 (lr 0.631, L2 10⁻⁴).');
    expect(s[2]).toBe("The grid's point 1 sat near the best learning rate; random search's closest draw was 0.631. With 16 draws, luck decides which search gets closest.");
    expect(s.join(' ')).not.toMatch(/Random search found/);
  });

  const initTrials = (xavierTanh: number, heTanh: number): OutcomeSearch => {
    const inits = ['zeros', { init: 'normal', initScale: 0.01 }, { init: 'normal', initScale: 1 }, 'xavier_normal', 'he_normal'];
    const loss: Record<string, number[]> = { sigmoid: [2.303, 2.303, 2.14, 2.302, 2.304], tanh: [2.303, 2.303, 8.48, xavierTanh, heTanh], relu: [2.303, 2.303, 2.303, 1.745, 0.443] };
    return search('grid', ['sigmoid', 'tanh', 'relu'].flatMap((a, i) => inits.map((init, j) => trial(i * 5 + j, { activation: a, init }, loss[a][j]))));
  };

  it('initialization: says which start won per activation, flags the usual pairing held or not, and lists the runs stuck at chance', () => {
    const usual = experimentOutcome('init-comparison', { searches: [initTrials(0.52, 0.63)], chance: Math.log(10) });
    expect(usual[0]).toBe('With sigmoid: no initialization got clearly below the chance level (2.30); the lowest was N(0, 1) (2.14).');
    expect(usual[1]).toBe('With tanh: Xavier normal did best (val_loss 0.520), then He normal (0.630).');
    expect(usual[2]).toBe('With ReLU: He normal did best (val_loss 0.443), then Xavier normal (1.75).');
    expect(usual).toContain('As usual, He normal beat Xavier normal with ReLU (0.443 vs 1.75).');
    expect(usual).toContain('As usual, Xavier normal beat He normal with tanh (0.520 vs 0.630).');
    expect(usual.at(-1)).toBe('Stuck at or above the chance level (2.30): zeros (all 3 activations), N(0, 0.01) (all 3 activations), N(0, 1) (all 3 activations), Xavier normal (sigmoid) and He normal (sigmoid).');
    const unusual = experimentOutcome('init-comparison', { searches: [initTrials(0.626, 0.521)], chance: Math.log(10) });
    expect(unusual).toContain('Unlike the usual pairing, He normal beat Xavier normal with tanh (0.521 vs 0.626).');
  });

  const optimizers = (speeds: Record<string, number>): OutcomeSearch =>
    search('grid', Object.entries(speeds).map(([o, v], i) => trial(i, { optimizer: { optimizer: o, lr: 0.01 } }, v / 3, {
      valLoss: { epoch: [1, 2, 3, 4, 5, 6], value: [2, 1.5, 1.2, 1.1, v, v / 2] },
    })));

  it('optimizers: SGD slowest as usual, or not, read at epoch 5 from the curves', () => {
    const usual = experimentOutcome('optimizer-comparison', { searches: [optimizers({ sgd: 1.9, momentum: 0.6, adam: 0.2, rmsprop: 0.25 })] });
    expect(usual[0]).toBe('Best val_loss over the run: Adam 0.0667, RMSProp 0.0833, Momentum 0.200, SGD 0.633.');
    expect(usual[1]).toBe('After 5 epochs Adam was furthest along (validation loss 0.200) and SGD slowest (1.90).');
    expect(usual[2]).toBe('As usual, plain SGD was the slowest.');
    expect(usual[3]).toBe('The adaptive optimizers took places 1 and 2 of 4 at epoch 5.');
    const unusual = experimentOutcome('optimizer-comparison', { searches: [optimizers({ sgd: 0.5, adadelta: 1.2, adam: 0.2 })] });
    expect(unusual).toContain('Unlike the usual order, plain SGD was not the slowest: Adadelta trailed it.');
  });

  it('coarse-to-fine: the best by round, whether later rounds helped, and how far each box narrowed', () => {
    const t = (n: number, round: number, v: number): OutcomeTrial => trial(n, { lr: 0.01 }, v, { round });
    const space = { lr: { low: 1e-4, high: 1, log: true }, momentum: { low: 0.5, high: 0.99 } };
    const rounds = [{ round: 1, box: {} }, { round: 2, box: {} }, { round: 3, box: { lr: { low: 0.01, high: 0.1 }, momentum: { low: 0.8, high: 0.9 } } }];
    const better = experimentOutcome('coarse-to-fine', { searches: [search('coarse-to-fine', [t(0, 1, 0.2), t(1, 2, 0.15), t(2, 3, 0.12)], { rounds, space })] });
    expect(better[0]).toBe('Best val_loss by round: 0.200 (round 1), 0.150 (round 2), 0.120 (round 3).');
    expect(better[1]).toBe("Round 3 improved on round 1's best by 0.0800 (40.0%).");
    expect(better[2]).toBe('By round 3 the box had narrowed: lr from 10⁻⁴–1 to 0.01–0.1 (25% of its log width) and momentum from 0.5–0.99 to 0.8–0.9 (20% of its width).');
    const worse = experimentOutcome('coarse-to-fine', { searches: [search('coarse-to-fine', [t(0, 1, 0.1), t(1, 2, 0.15), t(2, 3, 0.12)], { rounds, space })] });
    expect(worse[1]).toBe("The later rounds did not beat round 1's best (0.100): the narrower box was searched, but no better value lay in it.");
  });
});

describe('TPE vs random: what a run shows', () => {
  const t = (number: number, lr: number, objective: number | null): OutcomeTrial => ({ number, round: 1, status: objective === null ? 'diverged' : 'complete', knobs: { lr, hiddenUnits: 32 }, objective });
  const s = (strategy: 'tpe' | 'random', trials: OutcomeTrial[], direction: 'minimize' | 'maximize' = 'minimize'): OutcomeSearch =>
    ({ name: strategy, strategy, metric: 'val_loss', direction, trials, rounds: [], space: {} });
  // Three shared start-up trials, then four each: TPE's near lr 0.01, random's spread over 1e-5 … 1.
  const startup = [t(0, 0.3, 0.9), t(1, 0.01, 0.2), t(2, 1e-4, 2.1)];
  const tpe = s('tpe', [...startup, t(3, 0.008, 0.15), t(4, 0.012, 0.18), t(5, 0.02, 0.25), t(6, 0.01, 0.12)]);
  const random = s('random', [...startup, t(3, 1e-5, 2.3), t(4, 0.05, 0.4), t(5, 0.9, null), t(6, 0.003, 0.3)]);

  it('counts the shared start-up, compares the medians after it, names the winner and where each looked last', () => {
    const out = experimentOutcome('tpe-vs-random', { searches: [tpe, random] });
    expect(out[0]).toBe('Both searches drew the same first 3 trials: until enough trials have finished, TPE draws at random, as random search does.');
    // TPE after the start-up: 0.12, 0.15, 0.18, 0.25 → median 0.165; random: 0.3, 0.4, 2.3 (one diverged) → 0.4.
    expect(out[1]).toBe('After them, TPE\'s 4 trials had a median val_loss of 0.165, random search\'s 3 a median of 0.400: TPE spent its trials where the good ones were.');
    // Within 1.5 × 0.12 = 0.18: 0.12, 0.15, 0.18 of TPE's; none of random's.
    expect(out[2]).toBe('3 of those TPE trials and 0 of random search\'s came within 1.5× of the better best (0.120).');
    expect(out[3]).toBe('TPE found the better val_loss this time: 0.120 (trial 6: lr 0.01, hiddenUnits 32) against 0.200 (lr 0.01, hiddenUnits 32).');
    // lr 0.008 … 0.02 is 0.4 decades; 1e-5 … 0.9 is 5.0.
    expect(out[4]).toBe('TPE\'s last 4 trials tried lr from 0.008 to 0.02 (0.4 decades); random search\'s last 4 from 10⁻⁵ to 0.9 (5.0 decades).');
    expect(out[5]).toBe('0 of TPE\'s trials and 1 of random search\'s failed or diverged.');
  });

  it('says so when random search finds the better value, or when the best is a start-up trial both share', () => {
    const lucky = s('random', [...startup, t(3, 0.02, 0.05), t(4, 1e-5, 2.2)]);
    const out = experimentOutcome('tpe-vs-random', { searches: [tpe, lucky] });
    expect(out).toContain('Random search found the better val_loss this time: 0.0500 (trial 3: lr 0.02, hiddenUnits 32) against 0.120 (lr 0.01, hiddenUnits 32): with 40 trials one lucky draw can win.');
    const flat = s('tpe', [...startup, t(3, 0.02, 0.3)]);
    const both = experimentOutcome('tpe-vs-random', { searches: [flat, s('random', [...startup, t(3, 0.5, 0.7)])] });
    expect(both).toContain('Both found val_loss 0.200, in a start-up trial they share (lr 0.01, hiddenUnits 32).');
  });

  it('reads a maximized metric the other way round and leaves out the 1.5× count, which only a loss has', () => {
    const up = (x: OutcomeSearch): OutcomeSearch => ({ ...x, direction: 'maximize', metric: 'val_accuracy' });
    const out = experimentOutcome('tpe-vs-random', { searches: [up(tpe), up(random)] });
    // Higher is better now: random's median 0.4 beats TPE's 0.165, and random's 2.3 beats the shared start-up's 2.1.
    expect(out[1]).toMatch(/this time TPE's trials were no better than random draws\.$/);
    expect(out.join(' ')).not.toMatch(/within 1\.5×/);
    expect(out.find((x) => x.startsWith('Random search found'))).toMatch(/^Random search found the better val_accuracy this time: 2\.30? \(trial 3: lr 10⁻⁵, hiddenUnits 32\) against 2\.10? \(lr 10⁻⁴, hiddenUnits 32\)/);
  });

  it('says nothing before both searches have a result', () => {
    expect(experimentOutcome('tpe-vs-random', { searches: [tpe, s('random', [t(0, 0.1, null)])] })).toEqual([]);
    expect(experimentOutcome('tpe-vs-random', { searches: [tpe] })).toEqual([]);
  });
});

describe('a rare class: what a run shows', () => {
  /** A trial whose validation holds 570 rows of "0" and 30 of "1": found of "1" found, fp rows of "0" called "1". */
  const t = (number: number, found: number, fp: number, objective: 'acc' | 'bal', over: Partial<OutcomeTrial> = {}): OutcomeTrial => {
    const counts = [[570 - fp, fp], [30 - found, found]];
    const acc = (570 - fp + found) / 600;
    const bal = ((570 - fp) / 570 + found / 30) / 2;
    return { number, round: 1, status: 'complete', knobs: { lr: 0.01 }, objective: objective === 'acc' ? acc : bal, valAccuracy: acc, valBalancedAccuracy: bal, confusion: { classes: ['0', '1'], counts }, ...over };
  };
  const s = (metric: 'val_accuracy' | 'val_balanced_accuracy', trials: OutcomeTrial[]): OutcomeSearch =>
    ({ name: metric, strategy: 'random', metric, direction: 'maximize', trials, rounds: [], space: {} });

  it('reads each best trial\'s confusion: the constant answer, what accuracy kept, what the weights found, the medians', () => {
    // Unweighted: trial 0 finds 15 with 3 false alarms (acc 0.970, bal 0.747); trial 1 finds 20 with 12 (acc 0.963, bal 0.823); trial 2 none.
    const plain = s('val_accuracy', [t(0, 15, 3, 'acc'), t(1, 20, 12, 'acc'), t(2, 0, 0, 'acc')]);
    // Weighted: trial 0 finds 28 with 40 (acc 0.930, bal 0.932); 1 finds 25 with 30; 2 finds 26 with 60; and one diverged.
    const weighted = s('val_balanced_accuracy', [t(0, 28, 40, 'bal'), t(1, 25, 30, 'bal'), t(2, 26, 60, 'bal'), { number: 3, round: 1, status: 'diverged', knobs: { lr: 1 }, objective: null }]);
    const out = experimentOutcome('rare-class', { searches: [plain, weighted] });
    expect(out).toEqual([
      'Always answering “0” scores val_accuracy 0.95 here: the rare class “1” is 30 of the 600 validation rows (5%).',
      'Ranked by val_accuracy, the best trial (trial 0, accuracy 0.970) finds 15 of those 30 rows (50%): balanced accuracy 0.747.',
      'Ranked by balanced accuracy, the same trials would keep trial 1 instead (balanced accuracy 0.823, accuracy 0.963, 20 of 30 found): the metric alone changes which model you keep.',
      'With "classWeights": "balanced", the best trial by balanced accuracy (trial 0) finds 28 of the 30 (93%): balanced accuracy 0.932, at an accuracy of 0.930, calling 40 other rows “1”.',
      // Recalls: 0.5, 0.667, 0 → median 50%; 0.933, 0.833, 0.867 → 87%.
      'Over the trials with a result (3 without weights, 3 with), the median trial finds 50% of “1” without weights and 87% with them, as usually happens.',
      'The best trial\'s plain accuracy fell from 0.970 to 0.930: the weights trade common rows for rare ones, and accuracy counts only rows.',
      '0 of the unweighted trials and 1 of the weighted ones failed or diverged.',
    ]);
  });

  it('says when the ranking changes nothing and when the weights did not help, and nothing before both have a result', () => {
    const plain = s('val_accuracy', [t(0, 25, 2, 'acc'), t(1, 10, 1, 'acc')]);
    const weighted = s('val_balanced_accuracy', [t(0, 20, 30, 'bal'), t(1, 12, 30, 'bal')]);
    const out = experimentOutcome('rare-class', { searches: [plain, weighted] });
    expect(out[2]).toBe('Ranked by balanced accuracy instead, these trials would keep trial 0 all the same: here the ranking alone changes nothing.');
    expect(out[4]).toBe('Over the 2 trials of each search, the median trial finds 58% of “1” without weights and 53% with them: unusually, the weights did not help the rare class this time.');
    expect(experimentOutcome('rare-class', { searches: [plain] })).toEqual([]);
    expect(experimentOutcome('rare-class', { searches: [plain, s('val_balanced_accuracy', [{ number: 0, round: 1, status: 'failed', knobs: {}, objective: null }])] })).toEqual([]);
  });
});
