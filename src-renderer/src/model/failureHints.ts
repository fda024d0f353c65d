import type { FailureRule } from '../../../src-core/analysis/failures';
import { valueLabel } from '../../../src-core/api/labels';
import { figure } from '../../../src-core/format';
import { formatValues, parseValues, type KnobRow } from './specForm';

/**
 * What the editor offers when a new search starts from one whose trials failed in one region of a
 * knob ("11 of the 12 diverged trials had lr ≥ 0.8497"): the change to this form's knob that leaves
 * that region out, as a sentence and an edit. A range's end moves to the failed value rounded to two
 * digits inward (high 0.84 for "≥ 0.8497", low for "≤"); a value is dropped from a list of values.
 * None when the form's knob no longer reaches the region (already narrowed), or would keep nothing.
 */
export interface FailureHint {
  /** The rule in words, as the source search's overview says it. */
  sentence: string;
  /** What the edit does: "Set lr's high end to 0.84". */
  action: string;
  /** The row index it edits and the fields it sets. */
  row: number;
  set: Partial<Pick<KnobRow, 'low' | 'high' | 'values'>>;
}

/** `x` to 2 significant digits, rounded down (or up): 0.8497 → 0.84 down, 2.031e-6 → 2.1e-6 up. */
function round2(x: number, down: boolean): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Number(((down ? Math.floor(x / unit) : Math.ceil(x / unit)) * unit).toPrecision(2));
}

/** The hint for one rule against the form's knobs, or null when the form has nothing to change for it. */
export function failureHint(rule: FailureRule, sentence: string, knobs: readonly KnobRow[]): FailureHint | null {
  const row = knobs.findIndex((k) => k.key === rule.knob);
  const k = knobs[row];
  if (!k) return null;
  const listed = k.values.trim() !== '';
  if (rule.op === '=' || listed) {
    if (!listed) return null;
    const values = parseValues(k.values);
    if (rule.op !== '=' && typeof rule.value === 'number') {
      // A list of numbers: drop those in the failed region.
      const v = rule.value;
      const left = values.filter((x) => !(typeof x === 'number' && (rule.op === '≥' ? x >= v : x <= v)));
      if (left.length === 0 || left.length === values.length) return null;
      return { sentence, action: `Drop ${rule.knob} ${rule.op} ${figure(v)} from its values`, row, set: { values: formatValues(left) } };
    }
    const key = JSON.stringify(rule.value);
    const keep = values.filter((v) => JSON.stringify(v) !== key);
    if (keep.length === 0 || keep.length === values.length) return null;
    return { sentence, action: `Drop ${valueLabel(rule.value)} from ${rule.knob}'s values`, row, set: { values: formatValues(keep) } };
  }
  if (typeof rule.value !== 'number' || k.low === null || k.high === null) return null;
  if (rule.op === '≥') {
    let high = round2(rule.value, true);
    if (k.type === 'int') high = Math.ceil(rule.value) - 1;
    if (!(high < k.high) || !(high > k.low)) return null;
    return { sentence, action: `Set ${rule.knob}'s high end to ${figure(high)}`, row, set: { high } };
  }
  let low = round2(rule.value, false);
  if (k.type === 'int') low = Math.floor(rule.value) + 1;
  if (!(low > k.low) || !(low < k.high)) return null;
  return { sentence, action: `Set ${rule.knob}'s low end to ${figure(low)}`, row, set: { low } };
}
