import type { KnobInfo } from '../../../src-core/api/contract';
import type { FailureCondition, FailureRule } from '../../../src-core/analysis/failures';

/**
 * The region a failure rule names ("lr ≥ 0.31", "lr ≥ 0.31 and momentum ≥ 0.9") as the Trials tab's
 * knob ranges (inclusive, up to or from the knob's own bound), so a person sees every trial there —
 * the ones that did not fail too. Null when a condition is not a numeric bound (a categorical "=" or
 * "≠"), or its knob has no range.
 *
 * @example
 *   regionRanges({ knob: 'lr', op: '≥', value: 0.31, text: 'lr ≥ 0.31', … }, [{ name: 'lr', type: 'float', log: true, low: 1e-4, high: 30 }])
 *   // { ranges: { lr: [0.31, 30] }, text: 'lr ≥ 0.31' }
 */
export function regionRanges(rule: FailureRule, knobs: readonly KnobInfo[]): { ranges: Record<string, [number, number]>; text: string } | null {
  const ranges: Record<string, [number, number]> = {};
  for (const c of [rule, ...(rule.and ? [rule.and] : [])] as FailureCondition[]) {
    const k = knobs.find((x) => x.name === c.knob);
    if (!k || k.low === undefined || k.high === undefined || typeof c.value !== 'number' || (c.op !== '≥' && c.op !== '≤')) return null;
    ranges[c.knob] = c.op === '≥' ? [c.value, Math.max(c.value, k.high)] : [Math.min(c.value, k.low), c.value];
  }
  return { ranges, text: rule.text };
}
