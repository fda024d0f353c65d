/**
 * Where a search's trials failed: the one-knob rule ("lr ≥ 0.31", "optimizer = SGD") that best
 * picks out its failed and diverged trials from the others, in words, for the dashboard's overview
 * and the end of `knobs run`. A person reads "all 6 diverged trials had lr ≥ 0.31, against 2 of the
 * 54 others" and knows where to cut the range; the trial drawer's diagnostics say why each one blew up.
 *
 * Each rule is one knob: a numeric knob's values at or above (or at or below) a failed trial's value
 * (a categorical knob of numbers too), or one value of a categorical knob. Rules are ranked by F1 on telling failed trials from the
 * others (2 · covered failures / (failures + covered trials)), so a rule must both hold most failures
 * and few others; one that holds a single failure, or scores below RULE_F1, says nothing. Trials
 * that have not ended are left out; pruned trials count among the others (they trained, they did
 * not blow up). Pure: the renderer and the CLI both use it.
 *
 * @example
 *   failureRules(trials, knobs)
 *   // [{ knob: 'lr', text: 'lr ≥ 0.31', covered: 6, failures: 6, others: 2, total: 54, f1: 0.86, … }]
 */

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
  /** The rule as a person reads it: "lr ≥ 0.31", "optimizer = sgd". */
  text: string;
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
  const rule = (knob: string, text: string, hold: (t: FailureTrial) => boolean): FailureRule => {
    let covered = 0;
    let others = 0;
    for (const t of ended) {
      if (!hold(t)) continue;
      if (FAILED.has(t.status)) covered++;
      else others++;
    }
    return { knob, text, covered, failures, others, total, f1: (2 * covered) / (failures + covered + others) };
  };
  for (const k of knobs) {
    if (k.type === 'fixed') continue;
    const values = ended.map((t) => t.knobs[k.name]);
    let best: FailureRule | null = null;
    const consider = (r: FailureRule): void => {
      if (r.covered >= 2 && (!best || r.f1 > best.f1 || (r.f1 === best.f1 && r.others < best.others))) best = r;
    };
    // A categorical knob of numbers (a grid's "lr": [0.01, 0.1, 1, 10]) has thresholds too.
    const numeric = k.type === 'float' || k.type === 'int' || values.every((v) => typeof v === 'number');
    if (numeric) {
      const at = [...new Set(ended.filter((t) => FAILED.has(t.status)).map((t) => t.knobs[k.name]).filter((v): v is number => typeof v === 'number'))];
      for (const v of at) {
        consider(rule(k.name, `${k.name} ≥ ${figure(v)}`, (t) => typeof t.knobs[k.name] === 'number' && (t.knobs[k.name] as number) >= v));
        consider(rule(k.name, `${k.name} ≤ ${figure(v)}`, (t) => typeof t.knobs[k.name] === 'number' && (t.knobs[k.name] as number) <= v));
      }
    }
    if (k.type !== 'float' && k.type !== 'int') {
      const seen = new Map<string, unknown>();
      for (const v of values) seen.set(JSON.stringify(v), v);
      // A knob that took one value in every trial tells nothing apart.
      if (seen.size > 1) for (const [key, v] of seen) consider(rule(k.name, `${k.name} = ${typeof v === 'string' ? v : key}`, (t) => JSON.stringify(t.knobs[k.name]) === key));
    }
    if (best && (best as FailureRule).f1 >= RULE_F1) rules.push(best);
  }
  return rules.sort((a, b) => b.f1 - a.f1 || a.others - b.others).slice(0, max);
}

/** What the failed trials were: "diverged", "failed", or "failed or diverged". */
export function failedWord(trials: readonly FailureTrial[]): string {
  const kinds = new Set(trials.filter((t) => FAILED.has(t.status)).map((t) => t.status));
  return kinds.size === 1 ? [...kinds][0] : 'failed or diverged';
}

/**
 * The rules in a sentence each: "All 6 diverged trials had lr ≥ 0.31, against 2 of the 54 others."
 * "5 of the 6 diverged trials had optimizer = sgd, and no other trial."
 */
export function failureSentences(rules: readonly FailureRule[], word: string): string[] {
  return rules.map((r) => {
    const who = r.covered === r.failures ? `${r.failures === 2 ? 'Both' : `All ${r.failures}`} ${word} trials` : `${r.covered} of the ${r.failures} ${word} trials`;
    const rest = r.others === 0 ? `and none of the ${r.total} others` : `against ${r.others} of the ${r.total} others`;
    return `${who} had ${r.text}, ${rest}.`;
  });
}
