// Builds the wasm kernels with Debian's clang/lld (wasm32 target, no libc): the training kernels
// from kernels/knobs.c into resources/kernels/{simd,relaxed}.wasm, and parameter importance's
// forest from kernels/forest.c into resources/kernels/forest.wasm. The built files are committed,
// so a fresh clone needs no clang; run this after changing the C source (`npm run build:kernels`).
// `--out DIR` writes the three modules to DIR instead (the tests build them there and compare them
// with the committed ones, byte for byte).
//
// forest.wasm owns its memory (it grows it as a forest needs) and is built without SIMD and with
// -ffp-contract=off, so every sum is the plain IEEE sum in the order the source writes it: a forest
// is the same bit for bit wherever it runs. -mbulk-memory lets clang turn its zeroing loops into
// memory.fill (there is no libc memset).
//
// Clang 14 emits fused multiply-add as the pre-standard `f32x4.fma` (0xfd 0xaf 0x01). The relaxed
// module rewrites each such instruction in the code section to the standard
// `f32x4.relaxed_madd` (0xfd 0x85 0x02): same length, same operands (a·b + c).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'kernels', 'knobs.c');
const at = process.argv.indexOf('--out');
const outDir = at >= 0 ? process.argv[at + 1] : join(root, 'resources', 'kernels');
if (!outDir) throw new Error('--out needs a folder: node scripts/build-kernels.mjs --out DIR');
mkdirSync(outDir, { recursive: true });
const common = ['--target=wasm32', '-O3', '-msimd128', '-nostdlib', '-fno-math-errno',
  '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--export-dynamic', '-Wl,--export=__heap_base', '-Wl,-z,stack-size=32768', '-Wl,--strip-all'];
const clang = process.env.CLANG ?? 'clang';

function compile(out, extra) {
  execFileSync(clang, [...common, ...extra, '-o', out, src], { stdio: 'inherit' });
  return readFileSync(out);
}

function leb(bytes, at) {
  let result = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++];
    result |= (b & 0x7f) << shift;
    shift += 7;
    if ((b & 0x80) === 0) return [result, i];
  }
}

/** Rewrite f32x4.fma (fd af 01) to f32x4.relaxed_madd (fd 85 02) inside the code section only. */
function patchRelaxed(bytes) {
  const out = Buffer.from(bytes);
  let i = 8;
  let patched = 0;
  while (i < out.length) {
    const id = out[i];
    const [size, body] = leb(out, i + 1);
    if (id === 10) {
      for (let j = body; j + 2 < body + size; j++) {
        if (out[j] === 0xfd && out[j + 1] === 0xaf && out[j + 2] === 0x01) {
          out[j + 1] = 0x85;
          out[j + 2] = 0x02;
          patched++;
        }
      }
    }
    i = body + size;
  }
  return { out, patched };
}

execFileSync(clang, ['--target=wasm32', '-O3', '-mbulk-memory', '-nostdlib', '-ffp-contract=off', '-fno-math-errno', '-Wall', '-Wextra',
  '-Wl,--no-entry', '-Wl,--export-dynamic', '-Wl,-z,stack-size=65536', '-Wl,--strip-all',
  '-o', join(outDir, 'forest.wasm'), join(root, 'kernels', 'forest.c')], { stdio: 'inherit' });
const forest = readFileSync(join(outDir, 'forest.wasm'));
const simd = compile(join(outDir, 'simd.wasm'), []);
const relaxedRaw = compile(join(outDir, 'relaxed.wasm'), ['-mrelaxed-simd', '-DKNOBS_RELAXED']);
const { out: relaxed, patched } = patchRelaxed(relaxedRaw);
writeFileSync(join(outDir, 'relaxed.wasm'), relaxed);
console.log(`kernels: simd.wasm ${simd.length} bytes; relaxed.wasm ${relaxed.length} bytes (${patched} fused multiply-adds); forest.wasm ${forest.length} bytes`);
