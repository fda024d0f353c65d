// The editor's hint when a new search starts from one whose trials failed in one region of a knob:
// the edit that leaves the region out, worked by hand (src-renderer/src/model/failureHints.ts).
import { describe, expect, it } from 'vitest';
import type { FailureRule } from '../../src-core/analysis/failures';
import { failureHint } from '../../src-renderer/src/model/failureHints';
import type { KnobRow } from '../../src-renderer/src/model/specForm';

const rule = (knob: string, op: FailureRule['op'], value: unknown): FailureRule => ({ knob, op, value, text: '', covered: 5, failures: 5, others: 1, total: 20, f1: 0.9 });
const lr: KnobRow = { key: 'lr', type: 'float', low: 1e-4, high: 30, log: true, values: '' };
const units: KnobRow = { key: 'hiddenUnits', type: 'int', low: 4, high: 256, log: true, values: '' };
const opt: KnobRow = { key: 'optimizer', type: 'categorical', low: null, high: null, log: false, values: 'sgd, momentum, adam' };
const knobs = [lr, units, opt];

describe('the editor\'s hint from where trials failed', () => {
  it('moves a range\'s end inward to the failed value at two digits: high down, low up', () => {
    expect(failureHint(rule('lr', '≥', 0.8497), 'S.', knobs)).toEqual({ sentence: 'S.', action: 'Set lr\'s high end to 0.84', row: 0, set: { high: 0.84 } });
    expect(failureHint(rule('lr', '≤', 2.031e-4), 'S.', knobs)).toEqual({ sentence: 'S.', action: 'Set lr\'s low end to 2.1e-4', row: 0, set: { low: 2.1e-4 } });
  });

  it('an int knob\'s end stops one short of the failed value', () => {
    expect(failureHint(rule('hiddenUnits', '≥', 200), 'S.', knobs)?.set).toEqual({ high: 199 });
    expect(failureHint(rule('hiddenUnits', '≤', 7), 'S.', knobs)?.set).toEqual({ low: 8 });
  });

  it('drops a value from a list: the failed one, or the numbers in the failed region', () => {
    expect(failureHint(rule('optimizer', '=', 'momentum'), 'S.', knobs)).toMatchObject({ action: 'Drop Momentum from optimizer\'s values', row: 2, set: { values: 'sgd, adam' } });
    const grid: KnobRow = { ...lr, values: '0.01, 0.1, 1, 10' };
    expect(failureHint(rule('lr', '≥', 1), 'S.', [grid])).toMatchObject({ action: 'Drop lr ≥ 1 from its values', set: { values: '0.01, 0.1' } });
  });

  it('nothing once the knob no longer reaches the region, when it would keep nothing, or for a knob the form lacks', () => {
    expect(failureHint(rule('lr', '≥', 0.8497), 'S.', [{ ...lr, high: 0.84 }])).toBeNull();
    expect(failureHint(rule('lr', '≥', 1e-5), 'S.', knobs)).toBeNull();
    expect(failureHint(rule('optimizer', '=', 'adamw'), 'S.', knobs)).toBeNull();
    expect(failureHint(rule('optimizer', '=', 'sgd'), 'S.', [{ ...opt, values: 'sgd' }])).toBeNull();
    expect(failureHint(rule('dropout', '≥', 0.5), 'S.', knobs)).toBeNull();
  });

  it('a rule of two knobs: cuts the range before it drops a value; nothing once the form leaves out either', () => {
    const both: FailureRule = { ...rule('optimizer', '≠', 'adam'), and: { knob: 'lr', op: '≥', value: 1.391, text: 'lr ≥ 1.391' } };
    expect(failureHint(both, 'S.', knobs)).toMatchObject({ action: 'Set lr\'s high end to 1.3', row: 0, set: { high: 1.3 } });
    expect(failureHint(both, 'S.', [{ ...lr, high: 1 }, units, opt])).toBeNull();
    expect(failureHint(both, 'S.', [lr, units, { ...opt, values: 'adam' }])).toBeNull();
    // A range that cannot move (it would keep nothing): the value's edit instead.
    expect(failureHint(both, 'S.', [{ ...lr, low: 1.35 }, units, opt])).toMatchObject({ action: 'Keep only Adam in optimizer\'s values', set: { values: 'adam' } });
    expect(failureHint(rule('optimizer', '≠', 'adam'), 'S.', knobs)).toMatchObject({ row: 2, set: { values: 'adam' } });
  });
});
