import type { z } from 'zod';
import { BadInputError, issueText, type Issue } from '../errors';

/** A spec (or optimizer knobs) that cannot be used: a BadInputError whose `issues` name each key and what would be valid. */
export class SpecError extends BadInputError {
  constructor(issues: Issue[], prefix = 'Invalid spec') {
    super(`${prefix}:\n  - ${issues.map(issueText).join('\n  - ')}`, issues);
  }
}

type ZodIssue = z.core.$ZodIssue;

/** A zod error (parsed with `reportInput: true` for the best messages) as issues like `{ path: 'train.lr', message: 'expected a number > 0, got -1' }` (`root` prefixes every path). */
export function formatZodIssues(error: z.ZodError, root = ''): Issue[] {
  return error.issues.flatMap((issue) => formatIssue(issue, root ? [root] : []));
}

/** A key as a message names it: quoted (JSON) unless it is a plain name, so `"lr "` shows its space and a line break shows as `\n`. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
}

/** A dotted path of keys (`space."lr ".low`): list indexes and plain names as they are, other keys quoted. */
export function pathText(at: readonly (string | number)[]): string {
  return at.map((p) => (typeof p === 'number' ? String(p) : keyText(p))).join('.');
}

function formatIssue(issue: ZodIssue, prefix: (string | number)[]): Issue[] {
  const at = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  // The root prefix may be '' (no root); a key may be '' too, and then shows as "".
  const path = pathText(at.filter((p, i) => !(i < prefix.length && p === '')));
  if (issue.code === 'unrecognized_keys') {
    return [{ path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` }];
  }
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined && issue.errors.length === 0 && ZOD_DEFAULT.test(issue.message)) {
    // No form has the discriminator's value (`"type": "floaty"`): name the values it may take and the one given, as every enum does.
    const input: unknown = 'input' in issue ? issue.input : undefined;
    const got: unknown = input !== null && typeof input === 'object' && issue.discriminator in input ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    const options = (issue as { options?: unknown[] }).options ?? [];
    const valid = `expected ${options.length === 1 ? '' : 'one of '}${choiceList(options)}`;
    return [{ path, message: got === undefined ? `missing: ${valid}` : `${valid}, got ${describeValue(got)}` }];
  }
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    const inner = issue.issues.map((i) => i.message).join('; ');
    return [{ path, message: inner || issue.message }];
  }
  if (issue.code === 'invalid_union') {
    // The value matches none of the union's forms. When one form fits its shape better than every
    // other (its own keys, none missing), the problem is inside that form: say what is wrong there.
    // Otherwise the union's own message lists the forms (every union in the spec gives one).
    const form = closestForm(issue.errors);
    if (form) return form.flatMap((i) => formatIssue(i, at));
    return [{ path, message: issue.message }];
  }
  // A missing key reads "missing: expected …", unless its schema says more (zod's own messages start "Invalid input").
  if (issue.code === 'invalid_type' && isMissing(issue) && issue.message.startsWith('Invalid input')) return [{ path, message: `missing: expected ${expectedType(issue.expected)}` }];
  return [{ path, message: plainMessage(issue) }];
}

/** zod's own messages begin so ("Too big: expected number to be <=100000"); a schema's own message is kept as written. */
const ZOD_DEFAULT = /^(Too big|Too small|Invalid input|Invalid option|Invalid number|Invalid discriminator value)[:.]/;

/** What a value of zod's type names is, in words ("int" → "a whole number"). */
function expectedType(expected: string): string {
  const words: Record<string, string> = {
    int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object', bigint: 'a whole number', null: 'null',
  };
  return words[expected] ?? expected;
}

/** A value as a message quotes it: numbers and short text as written, the rest by kind. */
export function describeValue(v: unknown): string {
  if (v === null) return 'an empty value';
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return v === '' ? 'empty text' : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return `a ${typeof v}`;
}

/** One of several quoted choices: `"a", "b" or "c"`. */
export function choiceList(values: readonly unknown[]): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/**
 * zod's default wording in plain words, with the value that was given (parsed with `reportInput`):
 * "Too big: expected number to be <=100000" → "expected at most 100000, got 1000000".
 */
function plainMessage(issue: ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const given = 'input' in issue ? issue.input : undefined;
  const got = 'input' in issue ? `, got ${describeValue(given)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectedType(issue.expected)}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? '' : 'one of '}${choiceList(issue.values)}${got}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}${got}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const bound = Number(big ? issue.maximum : issue.minimum);
      const inclusive = issue.inclusive !== false;
      const side = big ? (inclusive ? 'at most' : 'below') : inclusive ? 'at least' : 'above';
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        const unit = issue.origin === 'string' ? 'character' : 'item';
        const size = typeof given === 'string' || Array.isArray(given) ? given.length : given instanceof Set ? given.size : null;
        if (!big && bound === 1 && inclusive && size === 0) return 'must not be empty';
        return `expected ${side} ${bound} ${unit}${bound === 1 ? '' : 's'}${size === null ? '' : `, got ${size}`}`;
      }
      return `expected ${side} ${bound}${got}`;
    }
    default:
      return issue.message;
  }
}

/**
 * A required key left out. Parsed with `reportInput: true` an issue carries its input (undefined
 * for a missing key, whatever the check); without it, zod's type message says "received undefined".
 */
function isMissing(issue: ZodIssue): boolean {
  if (issue.path.length === 0) return false;
  if ('input' in issue) return issue.input === undefined;
  return issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
}

/** How badly a union's form misses the value's shape: wrong type at its root, unknown keys, missing keys (wrong values inside count 0). */
function misfit(issues: readonly ZodIssue[]): number {
  let score = 0;
  for (const i of issues) {
    if (i.path.length === 0) score += i.code === 'unrecognized_keys' ? i.keys.length : 100;
    else if (i.path.length === 1 && isMissing(i)) score += 1;
  }
  return score;
}

/** The one form of a union that fits the value's shape best, or null when none does or two fit equally. */
function closestForm(forms: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | null {
  const scores = forms.map(misfit);
  const best = Math.min(...scores);
  if (best >= 100 || scores.filter((s) => s === best).length !== 1) return null;
  return forms[scores.indexOf(best)];
}
