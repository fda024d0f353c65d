/**
 * Where a search's trials failed: the one-knob rule ("lr ≥ 0.31", "optimizer = SGD") that best
 * picks out its failed and diverged trials from the others, in words, for the dashboard's overview
 * and the end of `knobs run`. A person reads "all 6 diverged trials had lr ≥ 0.31, against 2 of the
 * 54 others" and knows where to cut the range; the trial drawer's diagnostics say why each one blew up.
 *
 * Each rule is one knob: a numeric knob's values at or above (or at or below) a failed trial's
 * value (a categorical knob of numbers too), or one value of a categorical knob. Rules are ranked
 * by F1 on telling failed trials from the others (2 · covered failures / (failures + covered
 * trials)), so a rule must both hold most failures and few others; one that holds a single
 * failure, or scores below RULE_F1, says nothing. Trials that have not ended are left out; pruned
 * trials count among the others (they trained, they did not blow up). Pure: the renderer and the
 * CLI both use it.
 *
 * @example
 *   failureRules(trials, knobs)
 *   // [{ knob: 'lr', text: 'lr ≥ 0.31', covered: 6, failures: 6, others: 2, total: 54, f1: 0.86, … }]
 */

import { valueLabel } from '../api/labels';
import { figure } from '../format';

/** A trial as this reading needs it. */
export interface FailureTrial {
  status: string;
  knobs: Record<string, unknown>;
}

/** A knob as this reading needs it (KnobInfo's fields). */
export interface FailureKnob {
  name: string;
  type: string;
}

/** One rule that picks out failed trials. */
export interface FailureRule {
  knob: string;
  /** The rule as a person reads it: "lr ≥ 0.31", "optimizer = SGD", "init = N(0, 0.01)". */
  text: string;
  /** The rule's comparison and the value it compares with (a failed trial's value of the knob). */
  op: '≥' | '≤' | '=';
  value: unknown;
  /** Failed trials it holds, of `failures`. */
  covered: number;
  failures: number;
  /** Other ended trials it holds, of `total`. */
  others: number;
  total: number;
  f1: number;
}

/** Statuses that mean a trial failed (an error, or a loss that blew up). */
const FAILED = new Set(['failed', 'diverged']);
/** Statuses of trials that have not ended: left out of both groups. */
const UNDERWAY = new Set(['queued', 'running', 'interrupted', 'cancelled']);
/** Below this F1 a rule says too little to be worth a sentence. */
export const RULE_F1 = 0.6;

/** Up to `max` rules (each of a different knob), best first, that pick out the failed trials; [] with fewer than two failed trials. */
export function failureRules(trials: readonly FailureTrial[], knobs: readonly FailureKnob[], max = 2): FailureRule[] {
  const ended = trials.filter((t) => !UNDERWAY.has(t.status));
  const failures = ended.filter((t) => FAILED.has(t.status)).length;
  const total = ended.length - failures;
  if (failures < 2) return [];
  const rules: FailureRule[] = [];
  const failed = ended.map((t) => FAILED.has(t.status));
  type Candidate = { op: FailureRule['op']; value: unknown; text: () => string; covered: number; others: number; f1: number };
  const make = (knob: string, c: Candidate): FailureRule =>
    ({ knob, text: c.text(), op: c.op, value: c.value, covered: c.covered, failures, others: c.others, total, f1: c.f1 });
  // One pass per knob: O(n log n) over its values, so a live search of 10,000 trials reads it at once.
  for (const k of knobs) {
    if (k.type === 'fixed') continue;
    const values = ended.map((t) => t.knobs[k.name]);
    let best: Candidate | null = null;
    const consider = (op: FailureRule['op'], value: unknown, text: () => string, covered: number, others: number): void => {
      if (covered < 2) return;
      const f1 = (2 * covered) / (failures + covered + others);
      if (!best || f1 > best.f1 || (f1 === best.f1 && others < best.others)) best = { op, value, text, covered, others, f1 };
    };
    // A categorical knob of numbers (a grid's "lr": [0.01, 0.1, 1, 10]) has thresholds too.
    const numeric = k.type === 'float' || k.type === 'int' || values.every((v) => typeof v === 'number');
    if (numeric) {
      // The failed trials' values and the others', each sorted (a typed array sorts natively); at each
      // value a failed trial had, "≥ v" and "≤ v" count by binary search: O(n log n) per knob.
      const fv = Float64Array.from(values.filter((v, i) => failed[i] && typeof v === 'number') as number[]).sort();
      const ov = Float64Array.from(values.filter((v, i) => !failed[i] && typeof v === 'number') as number[]).sort();
      for (let i = 0; i < fv.length; i++) {
        const v = fv[i];
        if (i > 0 && fv[i - 1] === v) continue;
        consider('≥', v, () => `${k.name} ≥ ${figure(v)}`, fv.length - firstAtLeast(fv, v), ov.length - firstAtLeast(ov, v));
        consider('≤', v, () => `${k.name} ≤ ${figure(v)}`, firstAbove(fv, v), firstAbove(ov, v));
      }
    }
    if (k.type !== 'float' && k.type !== 'int') {
      const byKey = new Map<string, { value: unknown; counts: [number, number] }>();
      values.forEach((v, i) => {
        const key = JSON.stringify(v);
        const e = byKey.get(key) ?? { value: v, counts: [0, 0] };
        e.counts[failed[i] ? 0 : 1]++;
        byKey.set(key, e);
      });
      // A knob that took one value in every trial tells nothing apart.
      if (byKey.size > 1) for (const { value, counts } of byKey.values()) consider('=', value, () => `${k.name} = ${valueLabel(value)}`, counts[0], counts[1]);
    }
    const b = best as Candidate | null;
    if (b && b.f1 >= RULE_F1) rules.push(make(k.name, b));
  }
  return rules.sort((a, b) => b.f1 - a.f1 || a.others - b.others).slice(0, max);
}

/** The index of the first value ≥ v in a sorted array (its length when none). */
function firstAtLeast(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first value > v in a sorted array (its length when none). */
function firstAbove(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the failed trials were: "diverged", "failed", or "failed or diverged". */
export function failedWord(trials: readonly FailureTrial[]): string {
  const kinds = new Set(trials.filter((t) => FAILED.has(t.status)).map((t) => t.status));
  return kinds.size === 1 ? [...kinds][0] : 'failed or diverged';
}

/**
 * The rules in a sentence each: "All 6 diverged trials had lr ≥ 0.31, against 2 of the 54 others."
 * "5 of the 6 diverged trials had optimizer = SGD, and none of the 54 others."
 */
export function failureSentences(rules: readonly FailureRule[], word: string): string[] {
  return rules.map((r) => {
    const who = r.covered === r.failures ? `${r.failures === 2 ? 'Both' : `All ${r.failures}`} ${word} trials` : `${r.covered} of the ${r.failures} ${word} trials`;
    const rest = r.others === 0 ? `and none of the ${r.total} others` : `against ${r.others} of the ${r.total} others`;
    return `${who} had ${r.text}, ${rest}.`;
  });
}
