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
