/**
 * Knobs' errors, one hierarchy. Every error meant for the user is a `KnobsError` whose `kind`
 * says what went wrong; hosts classify by kind (a string, so it survives structured clone, JSON and
 * worker messages, where a class does not): bad input and missing things are answered as HTTP 400
 * and `knobs` exit code 2, a database that cannot be used as HTTP 400 and exit code 1, anything
 * else is a bug (HTTP 500, exit code 1 with its stack). `issues` point at the fields that were
 * wrong, so a form can show each message beside its field.
 *
 * @example
 *   throw new BadInputError('A project named "x" already exists; choose another name', [{ path: 'name', message: 'already used' }]);
 *   errorKind(e) === 'bad-input'   // also for SpecError and DataError
 */

/** Every kind of error a host can report; `internal` is anything that is not a KnobsError (a bug). */
export const ERROR_KINDS = ['bad-input', 'not-found', 'store', 'cancelled', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One thing wrong with an input: where (a dotted path such as `train.lr`, '' for the whole input) and what. */
export interface Issue {
  path: string;
  message: string;
}

/** An issue as one line of text: `train.lr: expected a number > 0`. */
export function issueText(issue: Issue): string {
  return `${issue.path || '(top level)'}: ${issue.message}`;
}

/** The base of every error Knobs means for the user; `message` is written for them. */
export class KnobsError extends Error {
  readonly kind: ErrorKind;
  readonly issues: Issue[];
  constructor(kind: ErrorKind, message: string, issues: Issue[] = []) {
    super(message);
    this.kind = kind;
    this.issues = issues;
    this.name = new.target.name;
  }
}

/** Input that cannot be used (a request, a spec, a file, a command line): the message names what was wrong and what would be valid. */
export class BadInputError extends KnobsError {
  constructor(message: string, issues: Issue[] = []) {
    super('bad-input', message, issues);
  }
}

/** A thing asked for by id or name that does not exist (a project, search, trial, data set). */
export class NotFoundError extends KnobsError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/** A database that cannot be used as asked (full disk, locked, damaged, newer schema); the message names the file and what to do. */
export class StoreError extends KnobsError {
  constructor(message: string) {
    super('store', message);
  }
}

/** Work stopped on request (a trial cancelled before it started). */
export class CancelledError extends KnobsError {
  constructor(message = 'cancelled') {
    super('cancelled', message);
  }
}

/** The kind of any thrown value: a KnobsError's own, else `internal`. */
export function errorKind(e: unknown): ErrorKind {
  return e instanceof KnobsError ? e.kind : 'internal';
}

/** Errors the user can act on (shown as they are), as opposed to bugs. */
export function isUserError(e: unknown): boolean {
  const k = errorKind(e);
  return k === 'bad-input' || k === 'not-found' || k === 'store';
}

/** Errors caused by what the user gave (`knobs` exits with 2 for these). */
export function isBadInput(e: unknown): boolean {
  const k = errorKind(e);
  return k === 'bad-input' || k === 'not-found';
}

/** How an error crosses a host boundary (IPC, HTTP): plain data, the same for every error. */
export interface ErrorData {
  error: string;
  kind: ErrorKind;
  issues: Issue[];
}

/** An error as plain data for a host to send; a bug keeps its message (the host logs its stack). */
export function errorData(e: unknown): ErrorData {
  if (e instanceof KnobsError) return { error: e.message, kind: e.kind, issues: e.issues.map((i) => ({ path: i.path, message: i.message })) };
  return { error: e instanceof Error ? e.message : String(e), kind: 'internal', issues: [] };
}
