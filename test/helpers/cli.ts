import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
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

/** Whether these tests run as root, whom file permissions do not stop: a test of a read-only file then runs knobs as `nobody` (asNobody). */
export const asRoot = process.getuid?.() === 0;

/**
 * Run bin/knobs.mjs with `args` in `cwd` (KNOBS_DB unset, so only a --db given counts), as a user
 * would from a shell. `asNobody` runs it as the unprivileged user 65534 when the tests run as root,
 * so a file or folder made read-only with chmod really is read-only to it (the engine must be
 * built already: run a command as this user first).
 */
export function runKnobs(args: string[], opts: { cwd: string; timeout?: number; asNobody?: boolean }): Ran {
  const env = { ...process.env };
  delete env.KNOBS_DB;
  const ids = opts.asNobody && asRoot ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'knobs.mjs'), ...args], { encoding: 'utf8', cwd: opts.cwd, env, timeout: opts.timeout ?? 120_000, ...ids });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file in a folder and its subfolders with its size in bytes: whatever a command or server made or changed there shows here. */
export const fileTree = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort().map((f) => `${f} ${statSync(join(folder, f)).isFile() ? statSync(join(folder, f)).size : 'dir'}`);

/** A copy of the database `master` as `folder/k.db` (the folder made if needed). */
export function copyDatabase(master: string, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const db = join(folder, 'k.db');
  copyFileSync(master, db);
  return db;
}
