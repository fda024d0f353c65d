import type { Arena } from '../arena';
import { ScalarKernels } from './scalar';
import type { KernelPath, Kernels } from './types';
import { wasmAvailable, WasmKernels } from './wasm';

const ORDER: KernelPath[] = ['relaxed-simd', 'simd', 'scalar'];
let available: KernelPath[] | undefined;

/** Kernel paths this runtime can run, fastest first (relaxed SIMD needs Chromium/Electron or a Node flag). */
export function availableKernelPaths(): KernelPath[] {
  available ??= ORDER.filter((p) => p === 'scalar' || wasmAvailable(p));
  return available;
}

/** Kernels over an arena: the requested path, else KNOBS_KERNELS, else the fastest available. */
export function createKernels(arena: Arena, path?: KernelPath): Kernels {
  const want = path ?? (process.env.KNOBS_KERNELS as KernelPath | undefined) ?? availableKernelPaths()[0];
  if (!availableKernelPaths().includes(want)) {
    throw new Error(`Kernel path "${want}" is not available here (available: ${availableKernelPaths().join(', ')})`);
  }
  return want === 'scalar' ? new ScalarKernels(arena) : new WasmKernels(arena, want);
}
