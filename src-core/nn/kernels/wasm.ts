import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { resourcesDir } from '../../util/paths';
import type { Arena } from '../arena';
import type { ActId, Kernels, OptStep } from './types';

/** The exports of resources/kernels/{simd,relaxed}.wasm (built from kernels/knobs.c); pointers are byte addresses. */
interface WasmExports {
  __heap_base: { value: number };
  gemm(ta: number, tb: number, m: number, n: number, k: number, a: number, b: number, c: number, acc: number): void;
  bias_act(act: number, alpha: number, rows: number, cols: number, z: number, bias: number, hasBias: number, out: number): void;
  act_backward(act: number, alpha: number, n: number, z: number, out: number, grad: number, dz: number): void;
  col_sum(rows: number, cols: number, src: number, dst: number, acc: number): void;
  softmax_xent(rows: number, cols: number, logits: number, labels: number, grad: number, scale: number, weights: number): number;
  mse(n: number, pred: number, target: number, grad: number, scale: number): number;
  sum_squares(n: number, x: number): number;
  scale(n: number, x: number, s: number): void;
  clip(n: number, x: number, c: number): void;
  sgd(n: number, p: number, g: number, buf: number, lr: number, mu: number, damp: number, nesterov: number, wd: number, first: number): void;
  adagrad(n: number, p: number, g: number, sum: number, clr: number, eps: number, wd: number): void;
  adadelta(n: number, p: number, g: number, sq: number, accd: number, lr: number, rho: number, eps: number, wd: number): void;
  rmsprop(n: number, p: number, g: number, sq: number, buf: number, lr: number, alpha: number, eps: number, wd: number, mu: number): void;
  adam(n: number, p: number, g: number, m: number, v: number, lr: number, b1: number, b2: number, eps: number, wd: number, stepSize: number, bc2Sqrt: number, decoupled: number): void;
}

const bytesCache = new Map<string, Uint8Array<ArrayBuffer> | null>();
const modules = new Map<string, WebAssembly.Module>();

/**
 * Relaxed SIMD (fused multiply-add) is on in Chromium, Electron and Node 22; Node 20's V8 has the
 * same implementation behind a flag. Turn it on once, before the first relaxed module is validated,
 * so the CLI, `knobs serve` and their worker threads run the kernels the desktop app runs.
 * KNOBS_KERNELS=simd chooses the plain SIMD path instead.
 */
let relaxedAsked = false;
function allowRelaxedSimd(): void {
  if (relaxedAsked) return;
  relaxedAsked = true;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    // a runtime without the flag keeps its own default
  }
}

function wasmBytes(path: 'simd' | 'relaxed-simd'): Uint8Array<ArrayBuffer> | null {
  if (path === 'relaxed-simd') allowRelaxedSimd();
  if (!bytesCache.has(path)) {
    // (A file read is never shared memory: typed so, the DOM's WebAssembly types take it too.)
    let bytes: Uint8Array<ArrayBuffer> | null = null;
    try {
      const b = readFileSync(join(resourcesDir(), 'kernels', path === 'simd' ? 'simd.wasm' : 'relaxed.wasm')) as Uint8Array<ArrayBuffer>;
      bytes = WebAssembly.validate(b) ? b : null;
    } catch {
      bytes = null;
    }
    bytesCache.set(path, bytes);
  }
  return bytesCache.get(path)!;
}

/** Whether this runtime can run a wasm kernel path (validated, not compiled). */
export function wasmAvailable(path: 'simd' | 'relaxed-simd'): boolean {
  return wasmBytes(path) !== null;
}

/** The compiled wasm module for a path (compiled once per thread, on first use). */
export function wasmModule(path: 'simd' | 'relaxed-simd'): WebAssembly.Module | null {
  const cached = modules.get(path);
  if (cached) return cached;
  const bytes = wasmBytes(path);
  if (!bytes) return null;
  const mod = new WebAssembly.Module(bytes);
  modules.set(path, mod);
  return mod;
}

/** Use a module compiled elsewhere (the main thread posts its compiled module to each worker, which then compiles nothing). */
export function provideModule(path: 'simd' | 'relaxed-simd', mod: WebAssembly.Module): void {
  modules.set(path, mod);
}

/** Kernels running in WebAssembly SIMD128 (or relaxed SIMD with fused multiply-add) on the arena's memory, in place. */
export class WasmKernels implements Kernels {
  private readonly x: WasmExports;

  constructor(
    arena: Arena,
    readonly path: 'simd' | 'relaxed-simd',
  ) {
    const mod = wasmModule(path);
    if (!mod) throw new Error(`The ${path} kernels cannot run in this runtime`);
    const inst = new WebAssembly.Instance(mod, { env: { memory: arena.memory } });
    this.x = inst.exports as unknown as WasmExports;
    const heapBase = this.x.__heap_base.value;
    if (heapBase > 0 && arena.usedBytes < heapBase) throw new Error(`The arena reserves too little memory for the wasm kernels' stack (needs ${heapBase} bytes)`);
  }

  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: number, b: number, c: number, accumulate: boolean): void {
    this.x.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, a * 4, b * 4, c * 4, accumulate ? 1 : 0);
  }

  biasAct(act: ActId, alpha: number, rows: number, cols: number, z: number, bias: number, out: number): void {
    this.x.bias_act(act, alpha, rows, cols, z * 4, bias >= 0 ? bias * 4 : 0, bias >= 0 ? 1 : 0, out * 4);
  }

  actBackward(act: ActId, alpha: number, n: number, z: number, out: number, grad: number, dz: number): void {
    this.x.act_backward(act, alpha, n, z * 4, out * 4, grad * 4, dz * 4);
  }

  colSum(rows: number, cols: number, src: number, dst: number, accumulate: boolean): void {
    this.x.col_sum(rows, cols, src * 4, dst * 4, accumulate ? 1 : 0);
  }

  softmaxXent(rows: number, cols: number, logits: number, labels: number, grad: number, scale: number, weights = -1): number {
    return this.x.softmax_xent(rows, cols, logits * 4, labels * 4, grad * 4, scale, weights >= 0 ? weights * 4 : 0);
  }

  mse(n: number, pred: number, target: number, grad: number, scale: number): number {
    return this.x.mse(n, pred * 4, target * 4, grad * 4, scale);
  }

  sumSquares(n: number, x: number): number {
    return this.x.sum_squares(n, x * 4);
  }

  scale(n: number, x: number, s: number): void {
    this.x.scale(n, x * 4, s);
  }

  clip(n: number, x: number, c: number): void {
    this.x.clip(n, x * 4, c);
  }

  sgd(n: number, p: number, g: number, buf: number, o: OptStep): void {
    this.x.sgd(n, p * 4, g * 4, buf * 4, o.lr, o.momentum, o.dampening, o.nesterov ? 1 : 0, o.weightDecay, o.step === 1 ? 1 : 0);
  }

  adagrad(n: number, p: number, g: number, sum: number, o: OptStep): void {
    this.x.adagrad(n, p * 4, g * 4, sum * 4, o.lr / (1 + (o.step - 1) * o.lrDecay), o.eps, o.weightDecay);
  }

  adadelta(n: number, p: number, g: number, sqAvg: number, accDelta: number, o: OptStep): void {
    this.x.adadelta(n, p * 4, g * 4, sqAvg * 4, accDelta * 4, o.lr, o.rho, o.eps, o.weightDecay);
  }

  rmsprop(n: number, p: number, g: number, sqAvg: number, buf: number, o: OptStep): void {
    this.x.rmsprop(n, p * 4, g * 4, sqAvg * 4, buf * 4, o.lr, o.rho, o.eps, o.weightDecay, o.momentum);
  }

  adam(n: number, p: number, g: number, m: number, v: number, o: OptStep, decoupled: boolean): void {
    const bc1 = 1 - o.beta1 ** o.step;
    const bc2 = 1 - o.beta2 ** o.step;
    this.x.adam(n, p * 4, g * 4, m * 4, v * 4, o.lr, o.beta1, o.beta2, o.eps, o.weightDecay, o.lr / bc1, Math.sqrt(bc2), decoupled ? 1 : 0);
  }
}
