// Installs the project's npm dependencies when they are missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone. Exports ensureDeps(); runnable on its own.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Run `npm ci` when node_modules does not match package-lock.json (or the native SQLite module is missing). */
export function ensureDeps() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.knobs-lock-hash');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const have = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
  const sqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (have === want && existsSync(sqlite)) return false;
  console.log('knobs: installing dependencies (npm ci; better-sqlite3 compiles from source, about 1–2 minutes)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  writeFileSync(marker, want + '\n');
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureDeps();
