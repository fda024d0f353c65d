import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

/** What a `knobs` command printed and returned. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A refusal of bad input as every command gives it: one line `knobs: …` on stderr matching `message`, exit 2, nothing on stdout. */
export function refused(r: Ran, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^knobs: [^\n]*\n$/);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
}

/** Run bin/knobs.mjs with `args` in `cwd` (KNOBS_DB unset, so only a --db given counts), as a user would from a shell. */
export function runKnobs(args: string[], opts: { cwd: string; timeout?: number }): Ran {
  const env = { ...process.env };
  delete env.KNOBS_DB;
  const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: opts.cwd, env, timeout: opts.timeout ?? 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
