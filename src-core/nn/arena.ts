/**
 * One memory for everything a trial touches on its hot path: weights, gradients,
 * optimizer state, activations and the current mini-batch.
 *
 * It is a WebAssembly.Memory from the start so the wasm SIMD kernels work in place on
 * the same bytes the TypeScript layers see. Regions are addressed by float offsets
 * (index into `f32`), 16-byte aligned so SIMD loads never straddle. Allocation happens
 * while a model is built; the training loop allocates nothing.
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

  constructor(memory?: WebAssembly.Memory, reservedBytes = 64 * 1024) {
    this.memory = memory ?? new WebAssembly.Memory({ initial: 16, maximum: 65536 });
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

  /** Reserve `n` floats (zeroed) and return their float offset. */
  alloc(n: number): number {
    const off = this.top;
    const end = off + Math.ceil(Math.max(n, 1) / 4) * 4;
    const needBytes = end * 4;
    if (needBytes > this.memory.buffer.byteLength) {
      const pages = Math.ceil((needBytes - this.memory.buffer.byteLength) / 65536);
      this.memory.grow(pages);
      this.f32 = new Float32Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
      this.generation++;
    }
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
