import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The wasm kernels are committed (a fresh clone needs no clang), so nothing else would notice a C
 * source changed without `npm run build:kernels`: build them again from kernels/*.c into a
 * temporary folder with Debian's clang 14 and lld, and compare with resources/kernels byte for
 * byte (the build is deterministic: the same source gives the same bytes).
 */
const root = process.cwd();
const clang = process.env.CLANG ?? 'clang';
const probe = spawnSync(clang, ['--version'], { encoding: 'utf8' });
const linker = spawnSync('wasm-ld', ['--version'], { encoding: 'utf8' });
const missing =
  probe.status !== 0 || linker.status !== 0
    ? `kernel rebuild check skipped: ${probe.status !== 0 ? clang : 'wasm-ld'} is not installed (apt-get install clang lld)`
    : !/clang version 14\./.test(probe.stdout)
      ? `kernel rebuild check skipped: the kernels are built with clang 14, this is ${probe.stdout.split('\n')[0]}`
      : null;
if (missing) console.warn(missing);

describe.skipIf(missing)('the committed wasm kernels are what their C sources build to', () => {
  const out = mkdtempSync(join(tmpdir(), 'knobs-kernels-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds every module again, the same byte for byte as the committed one', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'build-kernels.mjs'), '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const built = readdirSync(out).sort();
    expect(built).toEqual(['forest.wasm', 'relaxed.wasm', 'simd.wasm']);
    const stale = built.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(root, 'resources', 'kernels', f))));
    expect(stale, `not what kernels/*.c builds to: ${stale.map((f) => `resources/kernels/${f}`).join(', ')}; run npm run build:kernels and commit the result`).toEqual([]);
  }, 120_000);
});
