// Training throughput: Knobs vs PyTorch (one thread), full forward + backward + SGD step on
// synthetic data, shape A (64-64-10, batch 32) and shape B (784-100×4-10, batch 100).
// Median of 3 timed runs after a warm-up, both measured in this run. Targets: A ≥ 1.5×, B ≥ 0.6×.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableKernelPaths } from '../src-core/nn/kernels/index';
import type { KernelPath } from '../src-core/nn/kernels/types';
import { Network } from '../src-core/nn/network';
import { resolveTrainConfig, trainSchema } from '../src-core/spec/train';
import { Rng } from '../src-core/util/rng';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const shapes = [
  { name: 'A', widths: [64, 64, 10], batch: 32 },
  { name: 'B', widths: [784, 100, 100, 100, 100, 10], batch: 100 },
];

function flopsPerSample(widths: number[]): number {
  let f = 0;
  for (let l = 0; l < widths.length - 1; l++) f += 2 * widths[l] * widths[l + 1] * (l === 0 ? 2 : 3);
  return f;
}

function knobsRate(widths: number[], batch: number, path: KernelPath): number[] {
  const config = resolveTrainConfig(trainSchema.parse({ hiddenLayers: widths.slice(1, -1), optimizer: 'sgd', lr: 0.01, activation: 'relu' }));
  const net = new Network({ nIn: widths[0], nOut: widths[widths.length - 1], task: 'classification', maxBatch: batch, config, seed: 1, kernels: path });
  const rng = new Rng(2);
  const n = 4096;
  const x = Float32Array.from({ length: n * widths[0] }, () => rng.normal());
  const y = Int32Array.from({ length: n }, () => rng.int(widths[widths.length - 1]));
  const run = (duration: number): number => {
    let steps = 0;
    const start = performance.now();
    for (;;) {
      for (let i = 0; i + batch <= n; i += batch) {
        net.arena.f32.set(x.subarray(i * widths[0], (i + batch) * widths[0]), net.xOff);
        net.arena.i32.set(y.subarray(i, i + batch), net.yOff);
        net.trainStep(batch, 0.01);
        steps++;
      }
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= duration) return (steps * batch) / elapsed;
    }
  };
  run(0.5);
  return [run(SECONDS), run(SECONDS), run(SECONDS)];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1];
const python = '/usr/bin/python3';
const paths = availableKernelPaths().filter((p) => p !== 'scalar' || process.env.BENCH_SCALAR);
/** The path Knobs runs here unless told otherwise (relaxed SIMD where the runtime has it, as Electron and the CLI do). */
const chosen = (process.env.KNOBS_KERNELS as KernelPath | undefined) ?? availableKernelPaths()[0];
/**
 * Debian's OpenBLAS picks its kernels by CPU model and may not know a new one; where the CPU has
 * AVX2 and FMA and OPENBLAS_CORETYPE is unset, PyTorch also runs with the Haswell kernels and the
 * faster of the two is the reference (a stricter one for Knobs).
 */
const cpuFlags = existsSync('/proc/cpuinfo') ? (readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '').split(/\s+/) : [];
const torchCoretypes: (string | undefined)[] = process.env.OPENBLAS_CORETYPE === undefined && cpuFlags.includes('avx2') && cpuFlags.includes('fma') ? [undefined, 'Haswell'] : [undefined];
console.log(`Node ${process.version}; kernel paths measured: ${paths.join(', ')}; ${SECONDS} s per timed run, median of 3 after warm-up`);
const ratios: Record<string, number> = {};
for (const s of shapes) {
  const flops = flopsPerSample(s.widths);
  let torch: number | null = null;
  if (existsSync(python)) {
    for (const coretype of torchCoretypes) {
      const env = coretype === undefined ? process.env : { ...process.env, OPENBLAS_CORETYPE: coretype };
      const r = spawnSync(python, [join(process.cwd(), 'bench', 'torch_mlp.py'), s.widths.join(','), String(s.batch), String(SECONDS)], { encoding: 'utf8', env });
      const out = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
      if (out.skipped) {
        console.log(`PyTorch skipped: ${out.skipped}`);
        break;
      }
      const rate = median(out.rates);
      torch = Math.max(torch ?? 0, rate);
      console.log(`${s.name} ${s.widths.join('-')} batch ${s.batch}: PyTorch ${out.torch} (1 thread, OPENBLAS_CORETYPE=${out.openblas_coretype}) ${Math.round(rate).toLocaleString('en')} samples/s, ${((rate * flops) / 1e9).toFixed(2)} GFLOP/s`);
      if (out.blas && !/openblas|mkl|blis/i.test(out.blas)) console.log(`  WARNING: PyTorch runs on the reference BLAS (${out.blas}), about 10× slower than OpenBLAS: apt-get install libopenblas0-pthread for a fair reference`);
    }
    if (torch !== null && torchCoretypes.length > 1) console.log(`  reference: the faster PyTorch, ${Math.round(torch).toLocaleString('en')} samples/s`);
  } else console.log(`PyTorch skipped: ${python} not found (apt-get install python3-torch)`);
  for (const p of paths) {
    const rate = median(knobsRate(s.widths, s.batch, p));
    const ratio = torch ? rate / torch : NaN;
    console.log(`${s.name} ${s.widths.join('-')} batch ${s.batch}: Knobs ${p.padEnd(12)} ${Math.round(rate).toLocaleString('en')} samples/s, ${((rate * flops) / 1e9).toFixed(2)} GFLOP/s${torch ? `, ${ratio.toFixed(2)}× PyTorch` : ''}`);
    if (p === chosen) ratios[s.name] = ratio;
  }
}
console.log(`targets: A ≥ 1.5×, B ≥ 0.6× PyTorch one-thread; the ratio line uses the path Knobs picks here, ${chosen} (the desktop app's and the CLI's; KNOBS_KERNELS=simd forces plain SIMD)`);
console.log(`knobs/pytorch ratio: A=${ratios.A?.toFixed(2) ?? 'n/a'} B=${ratios.B?.toFixed(2) ?? 'n/a'}`);
