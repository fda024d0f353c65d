// Fetch better-sqlite3's prebuilt binary for the installed Electron into
// native/electron-<version>-<platform>-<arch>/better_sqlite3.node, leaving the Node build in
// node_modules untouched (tests and the CLI keep using it). Needs network to GitHub releases;
// scripts/start.mjs may call it before the first launch. Exit code 0 when the file is there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const out = join(root, 'native', `electron-${electron}-${process.platform}-${process.arch}`);
const target = join(out, 'better_sqlite3.node');
if (existsSync(target)) {
  console.log(`better-sqlite3 for Electron ${electron}: ${target}`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'knobs-native-'));
try {
  cpSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), join(work, 'package.json'));
  const bin = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  if (!existsSync(bin)) throw new Error('prebuild-install is not installed (it comes with better-sqlite3)');
  const r = spawnSync(process.execPath, [bin, '--runtime', 'electron', '--target', electron, '--arch', process.arch, '--platform', process.platform], { cwd: work, stdio: 'inherit' });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) throw new Error('prebuild-install could not fetch the binary (no network to GitHub?)');
  mkdirSync(out, { recursive: true });
  cpSync(built, target);
  console.log(`better-sqlite3 for Electron ${electron}: ${target}`);
} catch (e) {
  console.error(`Could not fetch better-sqlite3 for Electron ${electron}: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
