// A failure rule's region as the Trials tab's knob ranges: one numeric bound, two, and the rules a
// range cannot hold (a categorical knob, a knob without bounds).
import { describe, expect, it } from 'vitest';
import type { FailureRule } from '../../src-core/analysis/failures';
import type { KnobInfo } from '../../src-core/api/contract';
import { regionRanges } from '../../src-renderer/src/model/failureRegion';

const knobs: KnobInfo[] = [
  { name: 'lr', type: 'float', log: true, low: 1e-4, high: 30 },
  { name: 'momentum', type: 'float', log: false, low: 0, high: 0.99 },
  { name: 'optimizer', type: 'categorical', log: false, values: ['sgd', 'adam'] },
];
const rule = (over: Partial<FailureRule>): FailureRule => ({ knob: 'lr', op: '≥', value: 0.31, text: 'lr ≥ 0.31', covered: 6, failures: 6, others: 2, total: 60, f1: 0.86, ...over });

describe('a failure rule\'s region', () => {
  it('is the knob\'s range from the rule\'s value to its bound, for each numeric condition', () => {
    expect(regionRanges(rule({}), knobs)).toEqual({ ranges: { lr: [0.31, 30] }, text: 'lr ≥ 0.31' });
    expect(regionRanges(rule({ op: '≤', value: 0.001, text: 'lr ≤ 0.001' }), knobs)).toEqual({ ranges: { lr: [1e-4, 0.001] }, text: 'lr ≤ 0.001' });
    const both = rule({ text: 'lr ≥ 0.31 and momentum ≥ 0.9', and: { knob: 'momentum', op: '≥', value: 0.9, text: 'momentum ≥ 0.9' } });
    expect(regionRanges(both, knobs)?.ranges).toEqual({ lr: [0.31, 30], momentum: [0.9, 0.99] });
  });

  it('is none where a range cannot hold it: a categorical condition, or a knob the spec does not bound', () => {
    expect(regionRanges(rule({ knob: 'optimizer', op: '=', value: 'sgd', text: 'optimizer = sgd' }), knobs)).toBeNull();
    expect(regionRanges(rule({ and: { knob: 'optimizer', op: '≠', value: 'adam', text: 'optimizer ≠ adam' } }), knobs)).toBeNull();
    expect(regionRanges(rule({ knob: 'dropout' }), knobs)).toBeNull();
  });
});
