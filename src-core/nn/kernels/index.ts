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

const cache = new WeakMap<Arena, Map<KernelPath, Kernels>>();

/**
 * Kernels over an arena: the requested path, else KNOBS_KERNELS, else the fastest available.
 * One instance per arena and path: an arena reused across trials keeps its warm wasm instance.
 */
export function createKernels(arena: Arena, path?: KernelPath): Kernels {
  const want = path ?? (process.env.KNOBS_KERNELS as KernelPath | undefined) ?? availableKernelPaths()[0];
  if (!availableKernelPaths().includes(want)) {
    throw new Error(`Kernel path "${want}" is not available here (available: ${availableKernelPaths().join(', ')})`);
  }
  let byPath = cache.get(arena);
  if (!byPath) cache.set(arena, (byPath = new Map()));
  let k = byPath.get(want);
  if (!k) byPath.set(want, (k = want === 'scalar' ? new ScalarKernels(arena) : new WasmKernels(arena, want)));
  return k;
}
