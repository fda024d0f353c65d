import { issueText, type Issue } from '../errors';
import { specIssues } from '../spec/checks';
import { SpecError } from '../spec/errors';
import { parseSpec, trainConfigOf, type Spec } from '../spec/spec';
import { INT_TRAIN_KEYS } from '../vocabulary';
import { prunerIssues } from './pruning';
import { strategyIssues } from './registry';

/**
 * Check a space against the train keys (integer keys get int knobs, every value a knob can take makes a valid config), the strategy against
 * the space, and what a new search needs beyond the schema (spec/checks.ts: names on one line, a network that fits in memory).
 * `stored` for a search stored before (resumed): its names were accepted then and are not checked again.
 */
export function validateSpace(spec: Spec, opts: { stored?: boolean } = {}): void {
  const issues = knobValueIssues(spec);
  issues.push(...strategyIssues(spec), ...prunerIssues(spec), ...specIssues(spec, opts));
  if (issues.length) throw new SpecError(issues);
}

/**
 * A new spec parsed and checked (parseSpec, then validateSpace), with every issue a person can be
 * told at once: where the schema refuses only knobs of the space (a log knob from 0, low above
 * high), the other knobs' values are checked too ("adamm" is no optimizer), so a file is not
 * fixed in two rounds.
 */
export function checkedSpec(input: unknown): Spec {
  let spec: Spec;
  try {
    spec = parseSpec(input);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    throw new SpecError([...e.issues, ...otherKnobIssues(input, e.issues)]);
  }
  validateSpace(spec);
  return spec;
}

/** Beside schema issues all within `space`, the value issues of the knobs the schema took (none when other parts were refused: their checks would mislead). */
function otherKnobIssues(input: unknown, schema: readonly Issue[]): Issue[] {
  const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!isObject(input) || !isObject(input.space)) return [];
  const knobOf = (path: string): string | null => (/^space\.([^.[]+)/.exec(path)?.[1] ?? null);
  if (schema.some((i) => knobOf(i.path) === null)) return [];
  const refused = new Set(schema.map((i) => knobOf(i.path)));
  const kept = Object.fromEntries(Object.entries(input.space).filter(([k]) => !refused.has(k)));
  if (Object.keys(kept).length === 0) return [];
  try {
    return knobValueIssues(parseSpec({ ...input, space: kept }));
  } catch {
    return [];
  }
}

/** Each knob against the train keys: an integer key gets an int knob, and every value a knob can take makes a valid configuration. */
function knobValueIssues(spec: Spec): Issue[] {
  const issues: Issue[] = [];
  for (const [key, p] of Object.entries(spec.space)) {
    if (p.type === 'float' && (INT_TRAIN_KEYS as readonly string[]).includes(key)) issues.push({ path: `space.${key}`, message: `"${key}" takes whole numbers; use { "type": "int", … }` });
    const probe = (value: unknown, where: string): void => {
      try {
        trainConfigOf(spec, { [key]: value });
      } catch (e) {
        const inner = e instanceof SpecError ? e.issues.map(issueText).join('; ') : (e as Error).message;
        issues.push({ path: `space.${key}${where}`, message: `${JSON.stringify(value)} is not a valid value (${inner})` });
      }
    };
    if (p.type === 'float' || p.type === 'int') {
      probe(p.low, '.low');
      probe(p.high, '.high');
      p.values?.forEach((v, i) => probe(v, `.values[${i}]`));
    } else if (p.type === 'categorical') {
      p.values.forEach((v, i) => probe(v, `.values[${i}]`));
    } else probe(p.value, '.value');
  }
  return issues;
}
