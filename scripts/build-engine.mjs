// Bundles the engine's Node entries (the `knobs` CLI, the trial worker, the importance worker and the CSV reader's worker) into out/engine
// with esbuild. Node 20 cannot start a worker from a .ts file, so tests, the CLI and the
// desktop app all use these JavaScript bundles. Skips work when nothing changed.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'engine');
const stamp = join(outDir, '.stamp');
const entries = {
  cli: 'src-main/cli/index.ts',
  worker: 'src-core/runner/worker-entry.ts',
  'importance-worker': 'src-core/analysis/importance-worker.ts',
  'csv-worker': 'src-core/data/csv-worker.ts',
};

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, 'src-core')),
  newest(join(root, 'src-main', 'cli')),
  newest(join(root, 'src-main', 'server')),
  statSync(join(root, 'package.json')).mtimeMs,
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
const force = process.argv.includes('--force');
if (!force && existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= sources) {
  process.exit(0);
}

const present = Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(join(root, src))));
mkdirSync(outDir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: present,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'electron'],
  banner: { js: "import { createRequire as __knobsCreateRequire } from 'node:module'; const require = __knobsCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
writeFileSync(stamp, String(sources));
