import { ARENA_MAX_PAGES, ARENA_RESERVED_BYTES, ArenaMemoryError } from './memory';

/**
 * One memory for everything a trial touches on its hot path: weights, gradients,
 * optimizer state, activations and the current mini-batch.
 *
 * It is a WebAssembly.Memory from the start so the wasm SIMD kernels work in place on
 * the same bytes the TypeScript layers see. Regions are addressed by float offsets
 * (index into `f32`), 16-byte aligned so SIMD loads never straddle. Allocation happens
 * while a model is built; the training loop allocates nothing. Memory that cannot grow (past
 * WebAssembly's 4 GiB, or refused by the machine) is an ArenaMemoryError saying so (nn/memory.ts).
 *
 * @example
 *   const arena = new Arena();
 *   const w = arena.alloc(64 * 10);     // float offset
 *   arena.f32.fill(0, w, w + 640);
 */
export class Arena {
  readonly memory: WebAssembly.Memory;
  f32: Float32Array;
  i32: Int32Array;
  /** Next free float offset. */
  private top: number;
  /** Increments whenever the memory grows (views are then re-made). */
  generation = 0;

  constructor(memory?: WebAssembly.Memory, reservedBytes = ARENA_RESERVED_BYTES) {
    this.memory = memory ?? new WebAssembly.Memory({ initial: 16, maximum: ARENA_MAX_PAGES });
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.top = Math.ceil(reservedBytes / 16) * 4;
    this.base = this.top;
  }

  private readonly base: number;

  /** Forget every region (the memory and its views stay; new regions are zero-filled as they are taken). */
  reset(): void {
    this.top = this.base;
  }

  /** Grow the memory to hold at least `bytes` bytes (views are re-made when it grows). */
  ensure(bytes: number): void {
    if (bytes <= this.memory.buffer.byteLength) return;
    const pages = Math.ceil((bytes - this.memory.buffer.byteLength) / 65536);
    try {
      this.memory.grow(pages);
    } catch (e) {
      // Past the 4 GiB maximum, or the machine would not give more: say so instead of a bare RangeError.
      if (e instanceof RangeError) throw new ArenaMemoryError(bytes, e);
      throw e;
    }
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.generation++;
  }

  /** Reserve `n` floats (zeroed) and return their float offset. */
  alloc(n: number): number {
    const off = this.top;
    const end = off + Math.ceil(Math.max(n, 1) / 4) * 4;
    this.ensure(end * 4);
    this.f32.fill(0, off, end);
    this.top = end;
    return off;
  }

  /** Bytes in use. */
  get usedBytes(): number {
    return this.top * 4;
  }

  /** A Float32Array view of a region (valid until the next growth). */
  view(off: number, n: number): Float32Array {
    return this.f32.subarray(off, off + n);
  }
}
