// Where a search's trials failed: the rule (one knob, or narrowed by a second) that best picks out
// its failed and diverged trials, worked by hand (src-core/analysis/failures.ts).
import { describe, expect, it } from 'vitest';
import { everyFailedSentence, failedWord, failureRules, failureSentences, fisherUpper, REFINE_F1, REFINE_OTHERS, REFINE_P, RULE_F1, RULE_J } from '../../src-core/analysis/failures';

const knobs = [{ name: 'lr', type: 'float' }, { name: 'optimizer', type: 'categorical' }, { name: 'epochs', type: 'fixed' }];
const t = (status: string, lr: number, optimizer = 'adam') => ({ status, knobs: { lr, optimizer, epochs: 5 } });

describe('where trials failed', () => {
  it('finds the threshold of a numeric knob: all failures above it, few others', () => {
    // Failures at lr 0.5, 0.9, 2; others at 0.001 … 0.6. "lr ≥ 0.5" holds 3 failures and 1 other (0.6): F1 = 6 / (3 + 4) = 0.857.
    const trials = [t('diverged', 0.5), t('diverged', 0.9), t('diverged', 2), t('complete', 0.001), t('complete', 0.01), t('complete', 0.1), t('complete', 0.6), t('pruned', 0.05)];
    const [rule] = failureRules(trials, knobs);
    expect(rule).toEqual({ knob: 'lr', text: 'lr ≥ 0.5', op: '≥', value: 0.5, covered: 3, failures: 3, others: 1, total: 5, f1: 6 / 7 });
    expect(failureSentences([rule], failedWord(trials))).toEqual(['All 3 diverged trials had lr ≥ 0.5, against 1 of the 5 others.']);
  });

  it('finds a threshold below too, and a categorical value; the best rules first, one per knob', () => {
    // Failures at tiny learning rates, all with sgd; sgd also in one other trial.
    const trials = [t('failed', 1e-6, 'sgd'), t('failed', 2e-6, 'sgd'), t('complete', 1e-3, 'sgd'), t('complete', 1e-2), t('complete', 5e-6), t('complete', 0.1)];
    const rules = failureRules(trials, knobs);
    // lr ≤ 2e-6: 2 failures, 0 others (F1 1); optimizer = sgd: 2 failures, 1 other (F1 0.8).
    expect(rules.map((r) => [r.text, r.covered, r.others, r.f1])).toEqual([['lr ≤ 2e-6', 2, 0, 1], ['optimizer = SGD', 2, 1, 0.8]]);
    expect(failureSentences(rules, failedWord(trials))).toEqual([
      'Both failed trials had lr ≤ 2e-6, and none of the 4 others.',
      'Both failed trials had optimizer = SGD, against 1 of the 4 others.',
    ]);
    expect(failureRules(trials, knobs, 1)).toHaveLength(1);
  });

  it('says nothing with fewer than two failures, when no rule is good enough, or from trials still running', () => {
    expect(failureRules([t('diverged', 1), t('complete', 0.1)], knobs)).toEqual([]);
    // Failures spread over lr and the optimizers among twice as many others: the best rules, lr ≤ 0.7 and
    // lr ≥ 0.1 (3 failures, 5 others), score 6 / 11 = 0.545 < RULE_F1; each optimizer holds one failure only.
    const spread = [t('diverged', 0.1, 'sgd'), t('diverged', 0.4, 'adam'), t('diverged', 0.7, 'momentum'),
      t('complete', 0.05, 'sgd'), t('complete', 0.2, 'adam'), t('complete', 0.3, 'momentum'), t('complete', 0.5, 'sgd'), t('complete', 0.6, 'adam'), t('complete', 0.8, 'momentum')];
    expect(RULE_F1).toBeGreaterThan(6 / 11);
    expect(failureRules(spread, knobs)).toEqual([]);
    // Running and queued trials are in neither group.
    const underway = [t('diverged', 1), t('diverged', 2), t('running', 3), t('queued', 4), t('complete', 0.1)];
    expect(failureRules(underway, knobs)[0]).toMatchObject({ text: 'lr ≥ 1', covered: 2, others: 0, total: 1 });
  });

  it('where every ended trial failed, no rule (nothing to tell them from): one sentence with the space they covered', () => {
    // Before: "All 4 diverged trials had lr ≥ 50, and none of the 0 others", and the space's lowest value of every other knob.
    const all = [t('diverged', 462.4, 'sgd'), t('diverged', 50, 'adam'), t('diverged', 4891, 'sgd'), t('diverged', 120, 'momentum'), t('running', 0.01)];
    expect(failureRules(all, knobs)).toEqual([]);
    expect(everyFailedSentence(all, knobs)).toBe("All 4 trials diverged, all over the space tried (lr 50 to 4891; optimizer SGD, Adam, Momentum): no knob's value tells them from a trial that trained.");
    const failedAndDiverged = [t('failed', 0.1), t('diverged', 0.1)];
    expect(everyFailedSentence(failedAndDiverged, knobs)).toBe("Both trials failed or diverged, all over the space tried (lr 0.1; optimizer Adam): no knob's value tells them from a trial that trained.");
    const many = ['a', 'b', 'c', 'd', 'e'].map((o) => t('failed', 1, o));
    expect(everyFailedSentence(many, knobs)).toContain('(lr 1; optimizer 5 values)');
    // One trial that trained (or was pruned: it trained), a single failure, or nothing ended: not this sentence.
    expect(everyFailedSentence([...all, t('pruned', 0.01)], knobs)).toBeNull();
    expect(everyFailedSentence([t('diverged', 1), t('running', 0.1)], knobs)).toBeNull();
    expect(everyFailedSentence([], knobs)).toBeNull();
  });

  it('where half the trials failed, a rule must hold a clearly larger share of the failures than of the others', () => {
    // 5 of 10 failed, all at lr ≥ 1; l2 ≥ 1e-6 holds every failure and 4 of the 5 others: F1 10 / 14 = 0.714 passes RULE_F1
    // (holding every trial scores 10 / 15 = 0.667), but 5 of 5 against 4 of 5 tells little apart: J = 1 − 0.8 = 0.2 < RULE_J.
    const two = [{ name: 'lr', type: 'float' }, { name: 'l2', type: 'float' }];
    const trials = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-5, 1e-4, 1e-3, 1e-2, 1e-7].map((l2, i) => ({ status: i < 5 ? 'diverged' : 'complete', knobs: { lr: i < 5 ? 1 + i : 0.01 * (i - 4), l2 } }));
    expect(10 / 14).toBeGreaterThan(RULE_F1);
    expect(1 - 4 / 5).toBeLessThan(RULE_J);
    expect(failureRules(trials, two).map((r) => [r.text, r.f1])).toEqual([['lr ≥ 1', 1]]);
    // One more other trial below it (3 of 5 others, J 0.4): said.
    const wider = trials.map((x, i) => (i === 8 ? { ...x, knobs: { ...x.knobs, l2: 1e-7 } } : x));
    expect(failureRules(wider, two).map((r) => r.text)).toEqual(['lr ≥ 1', 'l2 ≥ 1e-6']);
  });

  it('a categorical knob of numbers (a grid\'s learning rates) has thresholds as well as values', () => {
    const grid = [{ name: 'lr', type: 'categorical' }];
    const trials = [0.01, 0.1, 1, 10, 100].map((lr) => ({ status: lr >= 10 ? 'diverged' : 'complete', knobs: { lr } }));
    expect(failureRules(trials, grid).map((r) => r.text)).toEqual(['lr ≥ 10']);
  });

  it('a bundled value reads as the app writes it: "init = N(0, 1)"', () => {
    const init = [{ name: 'init', type: 'categorical' }];
    const big = { init: 'normal', initScale: 1 };
    const trials = [big, big, big, 'he_normal', 'he_normal', 'xavier_normal'].map((v, i) => ({ status: i < 3 ? 'diverged' : 'complete', knobs: { init: v } }));
    expect(failureSentences(failureRules(trials, init), 'diverged')).toEqual(['All 3 diverged trials had init = N(0, 1), and none of the 3 others.']);
  });

  it('names mixed failures "failed or diverged", and counts those a rule misses', () => {
    const mixed = [t('failed', 1), t('diverged', 2), t('diverged', 0.01), t('complete', 0.1), t('complete', 0.2), t('complete', 0.05)];
    expect(failedWord(mixed)).toBe('failed or diverged');
    expect(failureSentences(failureRules(mixed, knobs), failedWord(mixed))).toEqual(['2 of the 3 failed or diverged trials had lr ≥ 1, and none of the 3 others.']);
  });

  it('narrows a rule by a second knob: high learning rates blew up SGD and momentum, not Adam', () => {
    // Ten SGD and momentum trials blew up at lr 2 to 11; Adam ran at 2.5 to 8; three SGD and momentum trials ran at low rates.
    const trials = [...Array.from({ length: 10 }, (_, i) => t('diverged', i + 2, i % 2 ? 'momentum' : 'sgd')),
      t('complete', 2.5), t('complete', 4), t('complete', 6), t('complete', 8), t('complete', 0.01, 'sgd'), t('complete', 0.1, 'momentum'), t('complete', 0.05, 'sgd'), t('complete', 0.001)];
    // Alone: optimizer ≠ Adam holds the 10 and 3 others (F1 20 / 23 = 0.87), lr ≥ 2 the 10 and 4 others (20 / 24).
    // Among the SGD and momentum trials, lr ≥ 2 holds the 10 and none else: F1 1, 0.13 better, 3 others fewer,
    // and 10 of 13 trials drawn holding all 10 failures comes by chance 1 time in C(13, 10) = 286 (< REFINE_P).
    const rules = failureRules(trials, knobs);
    expect(rules).toEqual([{ knob: 'optimizer', op: '≠', value: 'adam', text: 'lr ≥ 2 and optimizer ≠ Adam',
      and: { knob: 'lr', op: '≥', value: 2, text: 'lr ≥ 2' }, covered: 10, failures: 10, others: 0, total: 8, f1: 1 }]);
    expect(failureSentences(rules, failedWord(trials))).toEqual(['All 10 diverged trials had lr ≥ 2 and optimizer ≠ Adam, and none of the 8 others.']);
  });

  it('Fisher\'s exact test, one-sided, by hand; a split that chance makes one time in 14 does not narrow', () => {
    expect(fisherUpper(13, 10, 10, 10)).toBeCloseTo(1 / 286, 12);
    expect(fisherUpper(8, 5, 4, 4)).toBeCloseTo(5 / 70, 12);
    // 2 or 3 of 4 failures among 3 of 10 drawn: (C(4,2)·C(6,1) + C(4,3)) / C(10,3) = 40 / 120.
    expect(fisherUpper(10, 4, 3, 2)).toBeCloseTo(1 / 3, 12);
    expect(REFINE_P).toBe(0.01);
    // lr ≥ 4 holds the 5 failures and 3 Adam others; optimizer = SGD would hold 4 of them and none else (F1 0.77 → 0.89,
    // 3 others fewer), but 4 of 8 drawn holding 4 of 5 failures comes by chance 5 / 70 of the time.
    const few = [t('diverged', 4, 'sgd'), t('diverged', 5, 'sgd'), t('diverged', 6, 'sgd'), t('diverged', 7, 'sgd'), t('diverged', 8),
      t('complete', 4.5), t('complete', 5.5), t('complete', 6.5), t('complete', 0.01, 'sgd'), t('complete', 0.02, 'sgd'), t('complete', 0.03, 'sgd')];
    expect(failureSentences(failureRules(few, knobs, 1), failedWord(few))).toEqual(['All 5 diverged trials had lr ≥ 4, against 3 of the 6 others.']);
  });

  it('keeps one knob when a second leaves out fewer than REFINE_OTHERS others, or gains less than REFINE_F1', () => {
    expect([REFINE_F1, REFINE_OTHERS]).toEqual([0.1, 2]);
    // Without the momentum trial at lr 0.1: optimizer ≠ Adam holds 4 and 1 other (8 / 9); narrowing
    // by lr ≥ 2 would reach F1 1 but leave out only that one.
    const one = [t('diverged', 2, 'sgd'), t('diverged', 3, 'momentum'), t('diverged', 5, 'sgd'), t('diverged', 8, 'momentum'),
      t('complete', 2.5), t('complete', 4), t('complete', 6), t('complete', 0.01, 'sgd'), t('complete', 0.001)];
    expect(failureSentences(failureRules(one, knobs), failedWord(one))).toEqual([
      'All 4 diverged trials had optimizer ≠ Adam, against 1 of the 5 others.',
      'All 4 diverged trials had lr ≥ 2, against 3 of the 5 others.',
    ]);
    // Ten SGD trials blew up at lr 1 to 10; Adam ran at 1.5 and 3. lr ≥ 1 holds the 10 and 2 others
    // (F1 20 / 22 = 0.909); among them optimizer = SGD leaves both out, F1 1, but 0.091 better only.
    const gain = [...Array.from({ length: 10 }, (_, i) => t('diverged', i + 1, 'sgd')),
      t('complete', 1.5), t('complete', 3), t('complete', 0.1, 'sgd'), t('complete', 0.01, 'sgd'), t('complete', 0.001, 'sgd')];
    expect(failureRules(gain, knobs).map((r) => [r.text, r.covered, r.others])).toEqual([['lr ≥ 1', 10, 2], ['optimizer = SGD', 10, 3]]);
  });
});
