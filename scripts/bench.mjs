// `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs them one after another.
// Each prints its figures next to its target and a reference measured in the same run.
// `npm run bench -- train` runs only the benches whose file name contains "train"; a name given whole
// (`npm run bench -- search`) runs that bench alone. search-quality (hours) and tie-break (minutes, a
// design question rather than a speed) run only by name.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [join(root, 'scripts', 'ensure-deps.mjs')], { stdio: 'inherit' });
spawnSync(process.execPath, [join(root, 'scripts', 'build-engine.mjs')], { stdio: 'inherit' });
const filter = process.argv[2] ?? '';
/** Benches that run only when named: search-quality takes hours; tie-break answers a design question, not a speed. */
const LONG = ['search-quality.bench.ts', 'tie-break.bench.ts'];
const all = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort();
// A bench named exactly runs alone ("search" is not also "search-quality"); otherwise every bench whose name contains the filter.
const exact = all.filter((f) => f === `${filter}.bench.ts`);
const benches = exact.length > 0 ? exact : all.filter((f) => f.includes(filter) && (filter !== '' || !LONG.includes(f)));
for (const f of LONG) if (!benches.includes(f) && filter === '') console.log(`(${f} runs only by name: npm run bench -- ${f.replace('.bench.ts', '')})`);
const outdir = join(root, 'out', 'bench');
await build({
  absWorkingDir: root,
  entryPoints: benches.map((f) => join('bench', f)),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'playwright-core'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
let failed = 0;
for (const f of benches) {
  console.log(`\n=== ${f} ===`);
  // Relaxed SIMD (what Electron's Chromium runs) is behind a flag on Node 20: enable it so both wasm paths are measured.
  const r = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', join(outdir, f.replace(/\.ts$/, '.js'))], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
