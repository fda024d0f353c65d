// Shared pieces of the fuzz suites (issue #7, "Bad input"): cheap generators, the check that a
// rejection is one of the project's own errors with a message naming what was wrong, and a hash
// of the SQLite files that tells whether a batch of rejected inputs touched the database.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';

/** Cases per target (the issue asks for at least 10,000). */
export const RUNS = 10_000;
/** fast-check parameters of every target: a fixed seed by default (reproducible in CI), FUZZ_SEED to explore. */
export const FC = { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 7_2025, endOnFailure: true } as const;

/** Strings a user (or an attacker) may type as a name, a note, a cell or a key. */
export const HOSTILE = [
  "'; DROP TABLE projects; --",
  "Robert'); DELETE FROM searches WHERE ('1'='1",
  '" OR 1=1 --',
  '../../etc/passwd',
  '..\\..\\Windows\\system32\\config',
  '/absolute/path',
  'C:\\temp\\x.csv',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{ constructor.constructor("alert(1)")() }}',
  '=HYPERLINK("http://evil.example","x")',
  '__proto__',
  'constructor',
  'a,b;c\td',
  'line\nbreak\r\nand "quotes"',
  'emoji 🎛️ ünïcödé 名前',
  '\u202eRTL override',
  '%00%2e%2e%2f',
] as const;

/** Printable-ish text from a small alphabet that reaches the interesting branches (delimiters, quotes, signs, digits). */
export const smallText = (maxLength = 8): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'ab1.-+e, ;"\t\n\r\'Ωé\u00a0'.split('')), maxLength });

/** Any string, including lone surrogates and control characters. */
export const anyText = (maxLength = 12): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });

/** Cheap JSON-like values (no deep recursion, so 10,000 of them cost little). */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, 1, -1, 2, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 53, '', ' ', '0', '1', 'true', 'null', ...HOSTILE),
    fc.integer({ min: -5, max: 1000 }),
    fc.double(),
    smallText(),
    fc.array(tie('value'), { maxLength: 3 }),
    // Objects as JSON.parse and structured clone make them (Object.prototype). A null-prototype object
    // with a "constructor" key makes zod 4's own error formatter throw a TypeError (util.parsedType
    // returns constructor.name); hosts never pass such objects, so they are left out.
    fc.dictionary(fc.oneof(smallText(4), fc.constantFrom('id', 'name', 'spec', '__proto__', 'constructor', 'text', 'target')), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** A value only structured clone (Electron IPC) can carry: undefined, NaN, ±Infinity, BigInt, Date, Map, typed arrays, sparse arrays. */
export const cloneOnly: fc.Arbitrary<unknown> = fc.constantFrom(
  undefined, NaN, Infinity, -Infinity, 10n, new Date(0), new Map([['id', 1]]), new Set([1]), new Uint8Array([1, 2]), [, 1], /x/, new Error('x'),
  { id: NaN }, { id: 1n }, { name: new String('x') }, { id: Infinity }, { notes: undefined, id: 1 },
);

/** The error a call threw, or null when it returned; anything that is not an Error fails the test. */
export function thrown(fn: () => unknown): Error | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof Error)) throw new Error(`threw a non-Error: ${String(e)}`);
    return e;
  }
}

/**
 * A rejection is one of the project's own error classes (not a TypeError, RangeError or ZodError
 * escaping from a bug) with a message that says something.
 */
export function expectOwnError(e: Error, classes: readonly (abstract new (...args: never[]) => Error)[], input: () => unknown): void {
  const ok = classes.some((c) => e instanceof c);
  if (!ok || typeof e.message !== 'string' || e.message.trim().length < 8) {
    throw new Error(`unexpected ${e.name}: ${JSON.stringify(e.message)} for input ${preview(input())}\n${e.stack}`);
  }
}

/** A short printable form of an input for failure messages. */
export function preview(x: unknown): string {
  try {
    const s = typeof x === 'string' ? JSON.stringify(x) : x instanceof Uint8Array ? `bytes[${x.length}] ${Buffer.from(x.subarray(0, 64)).toString('hex')}` : JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return (s ?? String(x)).slice(0, 600);
  } catch {
    return String(x).slice(0, 600);
  }
}

/**
 * The database as bytes on disk: the main file and its write-ahead log. The caller checkpoints
 * (TRUNCATE) once before a batch, so the -wal file is empty; any write a rejected input made
 * would then show as WAL frames (and, after an automatic checkpoint, in the main file).
 * The -shm file is only an index of the WAL and changes on reads, so it is left out.
 */
export function dbFilesHash(path: string): string {
  const h = createHash('sha256');
  for (const f of [path, `${path}-wal`]) {
    h.update(f.slice(path.length));
    h.update(existsSync(f) ? readFileSync(f) : Buffer.alloc(0));
  }
  return h.digest('hex');
}
