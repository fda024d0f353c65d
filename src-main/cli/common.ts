import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SpecError } from '../../src-core/spec/errors';
import { parseSpec, type Spec } from '../../src-core/spec/spec';

/** Exit codes of every `knobs` command (DESIGN.md). */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** An error caused by what the user gave (exit code 2), as opposed to a failed run. */
export function isBadInput(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e instanceof SpecError || e.name === 'SpecError' || e.name === 'DataError' || e.name === 'BadInputError';
}

/** An error about the command line or a file named on it. */
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

/** Read and validate a spec file; CSV paths in it are resolved against the spec's folder. */
export function readSpecFile(path: string): { spec: Spec; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BadInputError(`Cannot read the spec file "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BadInputError(`The spec file "${path}" is not valid JSON: ${(e as Error).message}`);
  }
  const spec = parseSpec(json);
  return { spec, baseDir: dirname(resolve(path)) };
}

/** Print an error the way every command does and return its exit code. */
export function reportError(e: unknown, err: (line: string) => void): number {
  if (isBadInput(e)) {
    err(`knobs: ${(e as Error).message}`);
    return EXIT.badInput;
  }
  if (e instanceof Error && e.name === 'StoreError') {
    err(`knobs: ${e.message}`);
    return EXIT.failed;
  }
  err(`knobs: ${(e as Error)?.stack ?? String(e)}`);
  return EXIT.failed;
}
