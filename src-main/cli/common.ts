import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BadInputError, errorKind, isBadInput } from '../../src-core/errors';
import { parseSpec, type Spec } from '../../src-core/spec/spec';

/** Exit codes of every `knobs` command (the README's "CLI"): 0 done, 1 the run failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** A count and its noun: "1 search", "3 searches", "1 data file". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

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
  if (errorKind(e) === 'store') {
    err(`knobs: ${(e as Error).message}`);
    return EXIT.failed;
  }
  err(`knobs: ${(e as Error)?.stack ?? String(e)}`);
  return EXIT.failed;
}
