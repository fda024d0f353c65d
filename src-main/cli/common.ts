import { readFileSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { BadInputError, errorKind, isBadInput } from '../../src-core/errors';
import { availableKernelPaths } from '../../src-core/nn/kernels/index';
import { parseSpec, type Spec } from '../../src-core/spec/spec';

/** Exit codes of every `knobs` command (the README's "CLI"): 0 done, 1 the run failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** A count and its noun: "1 search", "3 searches", "1 data file". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Read and validate a spec file with `parse` (a search's `checkedSpec`, every issue at once; by
 * default the schema alone, as `knobs train` needs it: its space is ignored); CSV paths in it are
 * resolved against the spec's folder. A leading byte-order mark (Notepad's UTF-8) is dropped.
 */
export function readSpecFile(path: string, parse: (json: unknown) => Spec = parseSpec): { spec: Spec; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new BadInputError(`${path} is a folder; give a spec file (.json)`, [{ path: 'spec', message: 'a folder' }]);
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new BadInputError(`Cannot read the spec file "${path}": ${why}`, [{ path: 'spec', message: why }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BadInputError(`The spec file "${path}" is not valid JSON: ${jsonErrorText(text, (e as Error).message)}`);
  }
  const spec = parse(json);
  return { spec, baseDir: dirname(resolve(path)) };
}

/**
 * JSON.parse's complaint with where it is: Node 20 says only "… in JSON at position 57"; a person
 * editing a file wants the line and column and the line itself, with a caret under the spot.
 */
export function jsonErrorText(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m || /\(line \d+ column \d+\)/.test(message)) return message;
  const pos = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, pos).split(/\r\n|\r|\n/);
  const line = before.length;
  const column = before[line - 1].length + 1;
  const source = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  // A long line is shown around the spot, so the caret stays under it.
  const from = Math.max(0, column - 60);
  const shown = source.slice(from, from + 100).replace(/\t/g, ' ');
  const gutter = `${line} | `;
  return `${message} (line ${line}, column ${column})\n    ${gutter}${shown}\n    ${' '.repeat(gutter.length + column - 1 - from)}^`;
}

/**
 * An integer option or argument written in plain decimal digits (no sign, hex, exponent, blank or
 * fraction: "0x10", "1e3" and "" are refused rather than read as 16, 1000 and 0), from min to max;
 * else a BadInputError naming the option, the value given and what is valid. `why` is added to an
 * out-of-range refusal ("one seed shows no spread").
 */
export function intOption(v: string, name: string, min = 1, max = Number.MAX_SAFE_INTEGER, why?: (n: number) => string | undefined): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  if (!/^-?\d+$/.test(v)) throw new BadInputError(`${name} must be an integer ${range}, written in decimal digits (got "${v}")`, [{ path: name, message: 'not a decimal integer' }]);
  const n = Number(v);
  if (n < min || n > max) {
    const reason = why?.(n);
    throw new BadInputError(`${name} must be an integer ${range} (got "${v}")${reason ? `; ${reason}` : ''}`, [{ path: name, message: 'out of range' }]);
  }
  return n + 0; // "-0" is 0
}

/** The most worker threads a search may ask for here: twice the cores (never fewer than 4). More only thrash memory and make a pause slow. */
export function workerLimit(): { limit: number; cores: number } {
  const cores = availableParallelism();
  return { limit: Math.max(4, 2 * cores), cores };
}

const limitWords = ({ limit, cores }: { limit: number; cores: number }): string => `at most ${limit} worker threads on this machine (twice its ${counted(cores, 'core')}, never fewer than 4)`;

/** `--workers N`: a decimal integer from 1 to the worker limit. */
export function workersOption(v: string): number {
  const n = intOption(v, '--workers');
  const w = workerLimit();
  if (n > w.limit) throw new BadInputError(`--workers ${v} is too many: ${limitWords(w)}`, [{ path: '--workers', message: 'too many' }]);
  return n;
}

/** A spec's own `workers` (used when --workers is not given) within the worker limit, or a BadInputError saying how to run it. */
export function checkSpecWorkers(specWorkers: number | undefined, flag: number | undefined, whose: string): void {
  if (flag !== undefined || specWorkers === undefined) return;
  const w = workerLimit();
  if (specWorkers > w.limit) {
    throw new BadInputError(`${whose} asks for "workers": ${specWorkers}, too many: ${limitWords(w)}; give --workers N (up to ${w.limit}) to run it with fewer`, [{ path: 'workers', message: 'too many' }]);
  }
}

const KERNEL_PATHS = ['relaxed-simd', 'simd', 'scalar'];

/**
 * KNOBS_KERNELS, checked before a command trains anything: a kernel path this runtime has (any letter
 * case; set back in lower case for the worker threads), or unset (empty counts as unset); else a
 * BadInputError naming the value and the valid ones.
 */
export function checkKernelsEnv(): void {
  const raw = process.env.KNOBS_KERNELS;
  if (raw === undefined) return;
  if (raw === '') {
    delete process.env.KNOBS_KERNELS;
    return;
  }
  const want = raw.toLowerCase();
  const available: string[] = availableKernelPaths();
  if (available.includes(want)) {
    process.env.KNOBS_KERNELS = want;
    return;
  }
  const valid = `${available.join(', ')} (any letter case), or leave it unset for the fastest`;
  throw new BadInputError(KERNEL_PATHS.includes(want)
    ? `KNOBS_KERNELS is "${raw}", a kernel path this runtime does not have; use one of ${valid}`
    : `KNOBS_KERNELS is "${raw}", not a kernel path; use one of ${valid}`, [{ path: 'KNOBS_KERNELS', message: 'not a kernel path' }]);
}

/** How close two deliveries of one Ctrl+C come: `timeout -s INT` signals the process and then its group. */
export const SAME_INTERRUPT_MS = 1000;

/**
 * Listen for Ctrl+C (and any other `signals`): the first calls `first` (a pause, a shutdown, which may
 * take a while); a second within SAME_INTERRUPT_MS is the same press delivered twice and is ignored;
 * a later one means the user will not wait: it says what that leaves on stderr and exits at once
 * (130 for SIGINT, 128 + the signal's number). Returns the function that stops listening.
 */
export function onInterrupt(
  first: () => void,
  err: (line: string) => void,
  leaves: string,
  opts: { signals?: NodeJS.Signals[]; now?: () => number; exit?: (code: number) => void } = {},
): () => void {
  const { signals = ['SIGINT'], now = Date.now, exit = (code: number) => process.exit(code) } = opts;
  let firstAt: number | null = null;
  const listener = (signal: NodeJS.Signals): void => {
    const at = now();
    if (firstAt === null) {
      firstAt = at;
      first();
      return;
    }
    if (at - firstAt < SAME_INTERRUPT_MS) return;
    err(`knobs: stopping now without waiting: ${leaves}`);
    exit(128 + (constants.signals[signal] ?? constants.signals.SIGINT));
  };
  for (const s of signals) process.on(s, listener);
  // After a press the command is ending: the listener stays, so the press's second delivery, arriving
  // as the pause completes, is still ignored instead of killing the process with the signal.
  return () => {
    if (firstAt === null) for (const s of signals) process.removeListener(s, listener);
  };
}

/** Print an error the way every command does and return its exit code. */
export function reportError(e: unknown, err: (line: string) => void): number {
  if (isBadInput(e)) {
    err(`knobs: ${(e as Error).message}`);
    return EXIT.badInput;
  }
  if (errorKind(e) === 'store') {
    err(`knobs: ${(e as Error).message}`);
    return EXIT.failed;
  }
  err(`knobs: ${(e as Error)?.stack ?? String(e)}`);
  return EXIT.failed;
}
