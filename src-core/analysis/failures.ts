/**
 * Where a search's trials failed: the rule ("lr ≥ 0.31", "optimizer = SGD", "lr ≥ 1.39 and
 * optimizer ≠ Adam") that best picks out its failed and diverged trials from the others, in words,
 * for the dashboard's overview, the editor's hints and the end of `knobs run`. A person reads "all 6
 * diverged trials had lr ≥ 0.31, against 2 of the 54 others" and knows where to cut the range; the
 * trial drawer's diagnostics say why each one blew up.
 *
 * A rule starts from one knob: a numeric knob's values at or above (or at or below) a failed trial's
 * value (a categorical knob of numbers too), or one value of a categorical knob, or every value but
 * one. Rules are ranked by F1 on telling failed trials from the others (2 · covered failures /
 * (failures + covered trials)), so a rule must both hold most failures and few others; one that
 * holds a single failure, scores below RULE_F1, or holds hardly more of the failures than of the
 * others (RULE_J), says nothing. Within the trials a rule holds, a
 * condition on a second knob narrows it when that raises its F1 by REFINE_F1, leaves out
 * REFINE_OTHERS more trials that did not fail, and would hardly come by chance (REFINE_P): high
 * learning rates blew up SGD and momentum but not Adam. Trials that have not ended are left out;
 * pruned trials count among the others (they trained, they did not blow up). Pure: the renderer
 * and the CLI both use it.
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

/** One condition on one knob: "lr ≥ 0.31", "optimizer ≠ Adam". */
export interface FailureCondition {
  knob: string;
  /** The condition as a person reads it: "lr ≥ 0.31", "optimizer = SGD", "init = N(0, 0.01)". */
  text: string;
  /** Its comparison and the value it compares with (a failed trial's value of the knob). */
  op: '≥' | '≤' | '=' | '≠';
  value: unknown;
}

/**
 * One rule that picks out failed trials: a condition on one knob (`knob`, `op`, `value`), narrowed
 * where that tells the failures apart much better by a condition on a second knob (`and`).
 */
export interface FailureRule extends FailureCondition {
  /** The whole rule as a person reads it: "lr ≥ 1.39 and optimizer ≠ Adam". */
  text: string;
  /** The second knob's condition, when the rule has one. */
  and?: FailureCondition;
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
/**
 * Nor does a rule whose share of the failures is hardly above its share of the others: it must be
 * RULE_J above (Youden's J, covered / failures − others / total). Where two in five trials
 * diverged, holding every trial scores F1 0.6 already, and "2625 of the 2641 failed trials had
 * l2 ≥ 1.1e-7, against 3318 of the 3359 others" (every l2 but the lowest: J 0.006) passed RULE_F1
 * while telling nothing apart.
 */
export const RULE_J = 0.25;
/**
 * A second knob narrows a rule when it raises the rule's F1 by at least REFINE_F1, leaves out at
 * least REFINE_OTHERS other trials, and its split of the rule's trials would come by chance with
 * probability below REFINE_P (Fisher's exact test, one-sided, shared among the knobs tried): with a
 * few dozen trials some knob nearly always splits a region a little better by chance (of 8 trials,
 * 4 of 5 failures above a threshold and the 3 others below it comes one time in 14), and a sentence
 * should not name that knob.
 */
export const REFINE_F1 = 0.1;
export const REFINE_OTHERS = 2;
export const REFINE_P = 0.01;

/** Up to `max` rules (none naming a knob an earlier one names), best first, that pick out the failed trials; [] with fewer than two failed trials, or no other. */
export function failureRules(trials: readonly FailureTrial[], knobs: readonly FailureKnob[], max = 2): FailureRule[] {
  const ended = trials.filter((t) => !UNDERWAY.has(t.status));
  const failures = ended.filter((t) => FAILED.has(t.status)).length;
  const total = ended.length - failures;
  // Where no trial ended well, no rule tells the failures from anything (everyFailedSentence says so).
  if (failures < 2 || total === 0) return [];
  const failed = ended.map((t) => FAILED.has(t.status));
  const moving = knobs.filter((k) => k.type !== 'fixed');
  const all = ended.map((_, i) => i);
  // One pass per knob: O(n log n) over its values, so a live search of 10,000 trials reads it at once.
  const firsts = moving
    .map((k) => bestCondition(k, all.map((i) => ended[i].knobs[k.name]), all.map((i) => failed[i]), failures))
    .filter((c): c is Condition => c !== null && c.f1 >= RULE_F1 && c.covered / failures - (total > 0 ? c.others / total : 0) >= RULE_J)
    .sort(byF1);
  const rules: FailureRule[] = [];
  const named = new Set<string>();
  for (const first of firsts) {
    if (rules.length >= max) break;
    if (named.has(first.knob)) continue;
    // The trials the rule holds, and the best second knob among them, scored against every failure.
    const inside = all.filter((i) => holds(first, ended[i].knobs[first.knob]));
    let second: Condition | null = null;
    let tried = 0;
    for (const k of moving) {
      if (k.name === first.knob || named.has(k.name)) continue;
      tried++;
      const c = bestCondition(k, inside.map((i) => ended[i].knobs[k.name]), inside.map((i) => failed[i]), failures);
      if (c && (!second || byF1(c, second) < 0)) second = c;
    }
    const narrows = second !== null && second.f1 >= first.f1 + REFINE_F1 && first.others - second.others >= REFINE_OTHERS &&
      fisherUpper(first.covered + first.others, first.covered, second.covered + second.others, second.covered) < REFINE_P / tried;
    const last = narrows ? second! : first;
    rules.push({
      knob: first.knob, text: narrows ? bothText(first, second!) : first.text, op: first.op, value: first.value,
      ...(narrows ? { and: { knob: second!.knob, op: second!.op, value: second!.value, text: second!.text } } : {}),
      covered: last.covered, failures, others: last.others, total, f1: last.f1,
    });
    named.add(first.knob);
    if (narrows) named.add(second!.knob);
  }
  return rules.sort(byF1);
}

/** Two conditions in words, a range before a value: "lr ≥ 1.39 and optimizer ≠ Adam". */
function bothText(a: FailureCondition, b: FailureCondition): string {
  const ranged = (c: FailureCondition): boolean => c.op === '≥' || c.op === '≤';
  return ranged(b) && !ranged(a) ? `${b.text} and ${a.text}` : `${a.text} and ${b.text}`;
}

/** One condition on one knob, with what it holds. */
interface Condition extends FailureCondition {
  covered: number;
  others: number;
  f1: number;
}

/**
 * Fisher's exact test, one-sided: of `n` trials of which `k` failed, the chance that `draw` trials
 * taken at random hold `hit` failures or more (the hypergeometric upper tail).
 */
export function fisherUpper(n: number, k: number, draw: number, hit: number): number {
  // log i! for i ≤ n, so each term costs O(1): a search of 10,000 trials sums thousands of them.
  const logFact = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logFact[i] = logFact[i - 1] + Math.log(i);
  const logC = (a: number, b: number): number => logFact[a] - logFact[b] - logFact[a - b];
  const total = logC(n, draw);
  let p = 0;
  for (let x = hit; x <= Math.min(k, draw); x++) {
    if (draw - x > n - k) continue;
    p += Math.exp(logC(k, x) + logC(n - k, draw - x) - total);
  }
  return Math.min(1, p);
}

/** Best first: the higher F1, then the fewer other trials held. */
function byF1(a: { f1: number; others: number }, b: { f1: number; others: number }): number {
  return b.f1 - a.f1 || a.others - b.others;
}

/** Whether a knob's value meets a condition (the editor's hints ask it of the values a form lists). */
export function holds(c: FailureCondition, v: unknown): boolean {
  if (c.op === '=' || c.op === '≠') return (JSON.stringify(v) === JSON.stringify(c.value)) === (c.op === '=');
  return typeof v === 'number' && (c.op === '≥' ? v >= (c.value as number) : v <= (c.value as number));
}

/**
 * The one condition on knob `k` that best picks out the failed trials among `values` (`failed[i]`
 * says whether trial i failed), scored by F1 against all `failures` of the search; null when none holds two failures.
 */
function bestCondition(k: FailureKnob, values: readonly unknown[], failed: readonly boolean[], failures: number): Condition | null {
  // The text is written for the best candidate only: a knob of 10,000 trials weighs thousands.
  let best: (Omit<Condition, 'text'> & { text: () => string }) | null = null;
  const consider = (op: Condition['op'], value: unknown, text: () => string, covered: number, others: number): void => {
    if (covered < 2) return;
    const f1 = (2 * covered) / (failures + covered + others);
    if (!best || f1 > best.f1 || (f1 === best.f1 && others < best.others)) best = { knob: k.name, op, value, text, covered, others, f1 };
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
    // A knob that took one value in every trial tells nothing apart. "≠ v" of a knob of two values is
    // "= " the other one, and an equal score keeps the "=" found first.
    if (byKey.size > 1) {
      const sums = [...byKey.values()].reduce((s, e) => [s[0] + e.counts[0], s[1] + e.counts[1]], [0, 0]);
      for (const { value, counts } of byKey.values()) consider('=', value, () => `${k.name} = ${valueLabel(value)}`, counts[0], counts[1]);
      if (byKey.size > 2) for (const { value, counts } of byKey.values()) consider('≠', value, () => `${k.name} ≠ ${valueLabel(value)}`, sums[0] - counts[0], sums[1] - counts[1]);
    }
  }
  const b = best as (Omit<Condition, 'text'> & { text: () => string }) | null;
  return b && { ...b, text: b.text() };
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

/**
 * What to say where every ended trial (two or more) failed, as no rule can pick them out: "All 16
 * trials diverged, all over the space tried (lr 52.28 to 4891, hiddenUnits 4 to 60): no knob's value
 * tells them from a trial that trained." (Each trial's diagnostics say why it blew up: the callers
 * point to them.) Null otherwise.
 */
export function everyFailedSentence(trials: readonly FailureTrial[], knobs: readonly FailureKnob[]): string | null {
  const ended = trials.filter((t) => !UNDERWAY.has(t.status));
  if (ended.length < 2 || ended.some((t) => !FAILED.has(t.status))) return null;
  const word = failedWord(ended);
  const spans = knobs.filter((k) => k.type !== 'fixed').flatMap((k) => {
    const values = ended.map((t) => t.knobs[k.name]).filter((v) => v !== undefined);
    if (values.length === 0) return [];
    if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const low = Math.min(...(values as number[]));
      const high = Math.max(...(values as number[]));
      return [low === high ? `${k.name} ${figure(low)}` : `${k.name} ${figure(low)} to ${figure(high)}`];
    }
    const distinct = [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
    return [distinct.length <= 4 ? `${k.name} ${distinct.map((v) => valueLabel(v)).join(', ')}` : `${k.name} ${distinct.length} values`];
  });
  const where = spans.length > 0 ? `, all over the space tried (${spans.join('; ')})` : '';
  return `${ended.length === 2 ? 'Both' : `All ${ended.length}`} trials ${word}${where}: no knob's value tells them from a trial that trained.`;
}
