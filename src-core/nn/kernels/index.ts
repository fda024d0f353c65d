import type { Arena } from '../arena';
import { ScalarKernels } from './scalar';
import type { KernelPath, Kernels } from './types';

/** Kernel paths this runtime can run, fastest first. */
export function availableKernelPaths(): KernelPath[] {
  return ['scalar'];
}

/** Kernels over an arena: the requested path, or the fastest available (KNOBS_KERNELS overrides). */
export function createKernels(arena: Arena, path?: KernelPath): Kernels {
  const want = path ?? (process.env.KNOBS_KERNELS as KernelPath | undefined) ?? availableKernelPaths()[0];
  if (!availableKernelPaths().includes(want)) {
    throw new Error(`Kernel path "${want}" is not available here (available: ${availableKernelPaths().join(', ')})`);
  }
  return new ScalarKernels(arena);
}
