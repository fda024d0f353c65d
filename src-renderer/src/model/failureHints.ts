import { holds, type FailureCondition, type FailureRule } from '../../../src-core/analysis/failures';
import { valueLabel } from '../../../src-core/api/labels';
import { figure } from '../../../src-core/format';
import { formatValues, parseValues, type KnobRow } from './specForm';

/**
 * What the editor offers when a new search starts from one whose trials failed in one region of a
 * knob ("11 of the 12 diverged trials had lr ≥ 0.8497"): the change to this form's knob that leaves
 * that region out, as a sentence and an edit. A range's end moves to the failed value rounded to two
 * digits inward (high 0.84 for "≥ 0.8497", low for "≤"); a value is dropped from a list of values
 * ("= v"), or the list keeps one value ("≠ v"). None when the form no longer reaches the region
 * (already narrowed), or would keep nothing.
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

/**
 * The hint for one rule against the form's knobs, or null when the form has nothing to change for
 * it. A rule of two knobs ("lr ≥ 1.39 and optimizer ≠ Adam") is left out by cutting either; the
 * hint cuts a range before it drops a value, and says nothing once the form reaches neither.
 */
export function failureHint(rule: FailureRule, sentence: string, knobs: readonly KnobRow[]): FailureHint | null {
  const conditions = rule.and ? [rule, rule.and] : [rule];
  if (conditions.some((c) => !reaches(c, knobs))) return null;
  const order = (c: FailureCondition): number => (c.op === '≥' || c.op === '≤' ? 0 : c.op === '=' ? 1 : 2);
  for (const c of [...conditions].sort((a, b) => order(a) - order(b))) {
    const edit = conditionEdit(c, knobs);
    if (edit) return { sentence, ...edit };
  }
  return null;
}

/** Whether the form's knob can still take a value the condition holds (a knob the form lacks: as far as the form tells, yes). */
function reaches(c: FailureCondition, knobs: readonly KnobRow[]): boolean {
  const k = knobs.find((r) => r.key === c.knob);
  if (!k) return true;
  if (k.values.trim() !== '') return parseValues(k.values).some((v) => holds(c, v));
  if (typeof c.value !== 'number' || k.low === null || k.high === null) return true;
  return c.op === '≥' ? k.high >= c.value : c.op === '≤' ? k.low <= c.value : true;
}

/** The edit to one knob that leaves the condition's trials out, or null when it would keep nothing or the form lacks the knob. */
function conditionEdit(c: FailureCondition, knobs: readonly KnobRow[]): Omit<FailureHint, 'sentence'> | null {
  const row = knobs.findIndex((k) => k.key === c.knob);
  const k = knobs[row];
  if (!k) return null;
  const listed = k.values.trim() !== '';
  if (c.op === '=' || c.op === '≠' || listed) {
    if (!listed) return null;
    const values = parseValues(k.values);
    if ((c.op === '≥' || c.op === '≤') && typeof c.value === 'number') {
      // A list of numbers: drop those in the failed region.
      const v = c.value;
      const left = values.filter((x) => !(typeof x === 'number' && (c.op === '≥' ? x >= v : x <= v)));
      if (left.length === 0 || left.length === values.length) return null;
      return { action: `Drop ${c.knob} ${c.op} ${figure(v)} from its values`, row, set: { values: formatValues(left) } };
    }
    const key = JSON.stringify(c.value);
    // "= v" drops v; "≠ v" keeps v alone.
    const keep = values.filter((v) => (JSON.stringify(v) === key) === (c.op === '≠'));
    if (keep.length === 0 || keep.length === values.length) return null;
    const action = c.op === '≠' ? `Keep only ${valueLabel(c.value)} in ${c.knob}'s values` : `Drop ${valueLabel(c.value)} from ${c.knob}'s values`;
    return { action, row, set: { values: formatValues(keep) } };
  }
  if (typeof c.value !== 'number' || k.low === null || k.high === null) return null;
  if (c.op === '≥') {
    let high = round2(c.value, true);
    if (k.type === 'int') high = Math.ceil(c.value) - 1;
    if (!(high < k.high) || !(high > k.low)) return null;
    return { action: `Set ${c.knob}'s high end to ${figure(high)}`, row, set: { high } };
  }
  let low = round2(c.value, false);
  if (k.type === 'int') low = Math.floor(c.value) + 1;
  if (!(low > k.low) || !(low < k.high)) return null;
  return { action: `Set ${c.knob}'s low end to ${figure(low)}`, row, set: { low } };
}
