import type { z } from 'zod';
import { BadInputError, issueText, type Issue } from '../errors';

/** A spec (or optimizer knobs) that cannot be used: a BadInputError whose `issues` name each key and what would be valid. */
export class SpecError extends BadInputError {
  constructor(issues: Issue[], prefix = 'Invalid spec') {
    super(`${prefix}:\n  - ${issues.map(issueText).join('\n  - ')}`, issues);
  }
}

type ZodIssue = z.core.$ZodIssue;

/**
 * How every schema that meets a person's input is parsed: with the value given (for "got …" in the
 * messages) and unknown keys answered with the keys that would be valid and the likely one meant.
 */
export const PARSE_OPTIONS = { reportInput: true, error: unknownKeyMessage } as const;

/** zod's error map for an object's unknown keys (the object schema is at hand only here); undefined leaves every other issue to formatIssue. */
function unknownKeyMessage(issue: { code?: string; keys?: string[]; inst?: unknown }): string | undefined {
  if (issue.code !== 'unrecognized_keys' || !issue.keys) return undefined;
  const shape = shapeOf(issue.inst);
  if (!shape) return unknownKeysText(issue.keys, []);
  // A key that belongs one level down ("trials" at the top, meaning budget.trials), named there when only one place has it.
  const inner = Object.entries(shape).flatMap(([name, field]) => Object.keys(shapeOf(field) ?? {}).map((key) => ({ key, at: `${name}.${key}` })));
  const deeper = (k: string): string | null => {
    const at = inner.filter((i) => bare(i.key) === bare(k));
    return at.length === 1 ? at[0].at : null;
  };
  return unknownKeysText(issue.keys, Object.keys(shape), deeper);
}

/** The keys of an object schema, through its default, optional and pipe wrappers; null for anything else (a union, a record). */
function shapeOf(schema: unknown): Record<string, unknown> | null {
  type Def = { type?: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown };
  let s = schema as { _zod?: { def?: Def } } | undefined;
  for (let hops = 0; hops < 8 && s?._zod?.def; hops++) {
    const def: Def = s._zod.def;
    if (def.type === 'object') return def.shape ?? null;
    s = (def.type === 'pipe' ? def.in : def.innerType) as typeof s;
  }
  return null;
}

/** Keys a person often writes for one of the spec's own (compared without case, "_" or "-"). */
const KEY_ALIASES: Record<string, string> = {
  learningrate: 'lr', layers: 'depth', numlayers: 'depth', nlayers: 'depth', units: 'hiddenUnits', bs: 'batchSize', wd: 'weightDecay', type: 'kind',
  // A knob's range as other tuners write it (a log "scale", "min"/"max", "choices", a step "q"), and k-fold's "folds".
  scale: 'log', min: 'low', max: 'high', choices: 'values', options: 'values', categories: 'values', q: 'step', folds: 'k', nfolds: 'k', numfolds: 'k',
};

/** A key without case, "_", "-" or spaces: hidden_units and HiddenUnits are hiddenUnits. */
const bare = (k: string): string => k.toLowerCase().replace(/[_\-\s]/g, '');

/**
 * The valid key a person most likely meant by `key`: the same key in another case or with "_"
 * ("hidden_units"), a common name for it ("learning_rate" → lr), one of the two a prefix of the
 * other ("startup" → startupTrials, "validation" → val), a key holding it ("perRound" →
 * trialsPerRound), or a key within a typo or two ("lrr" → lr).
 * Null when none is close, or when two are equally close ("decay": weightDecay or lrDecay).
 */
export function closestKey(key: string, valid: readonly string[]): string | null {
  const k = bare(key);
  const alias = KEY_ALIASES[k];
  if (alias && valid.includes(alias)) return alias;
  let best: string | null = null;
  let bestScore = Infinity;
  let ties = 0;
  for (const v of valid) {
    const w = bare(v);
    const short = Math.min(k.length, w.length);
    const d = editDistance(k, w);
    const score =
      w === k ? 0
      : short >= 3 && (w.startsWith(k) || k.startsWith(w)) ? 1
      : k.length >= 4 && w.includes(k) ? 2
      : d <= Math.max(1, Math.floor(k.length / 4)) && d < short ? 2 + d
      : Infinity;
    if (score < bestScore) [best, bestScore, ties] = [v, score, 1];
    else if (score === bestScore) ties++;
  }
  // Two keys equally near ("decay": weightDecay or lrDecay) is no answer.
  return ties > 1 && bestScore > 0 ? null : best;
}

/** Levenshtein distance (insertions, deletions and substitutions). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Above this many keys, an object's valid keys are listed only when no unknown key has a likely meaning. */
const LIST_KEYS_UP_TO = 12;

/**
 * The message for unknown keys: each with the key it likely meant, then the valid keys (all of them
 * when nothing close was found, or when there are few); `deeper` names a key's place one level
 * down when it has none at this level:
 * `unknown key "startup" (did you mean "startupTrials"?); valid keys: kind, startupTrials, …`.
 */
export function unknownKeysText(keys: readonly string[], valid: readonly string[], deeper: (key: string) => string | null = () => null): string {
  const meant = keys.map((k) => closestKey(k, valid) ?? deeper(k));
  const named = keys.map((k, i) => `${JSON.stringify(k)}${meant[i] ? ` (did you mean "${meant[i]}"?)` : ''}`).join(', ');
  const list = valid.length > 0 && (valid.length <= LIST_KEYS_UP_TO || meant.some((m) => m === null)) ? `; valid keys: ${valid.join(', ')}` : '';
  return `unknown key${keys.length > 1 ? 's' : ''} ${named}${list}`;
}

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
    // Parsed with PARSE_OPTIONS the message already names the valid keys; otherwise name the unknown ones.
    return [{ path, message: issue.message.startsWith('unknown key') ? issue.message : unknownKeysText(issue.keys, []) }];
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
