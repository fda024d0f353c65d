/** A trial's state on the board. Only `finished` trials count as finished for the median rule. */
export const BoardState = { open: 0, finished: 1, pruned: 2, other: 3 } as const;
export type BoardState = (typeof BoardState)[keyof typeof BoardState];

/** Header: [0] rows in use (Int32), [1] finished trials (Int32), then padding to 16 bytes. */
const HEADER = 16;
/** A row: its state (Int32) and padding, then one float64 per watched step. */
const ROW_HEAD = 8;
/** The most memory a board may ever take (its buffer is reserved at this size and grows into it). */
const MAX_BYTES = 2 ** 31;

/**
 * The values every trial of a search reached at the steps its pruner watches, one row per trial
 * number, on one (growable) SharedArrayBuffer that the main thread and every worker map. Each row
 * is written only by the thread training that trial (or by the main thread before any worker
 * starts, when a search resumes); values are read and written with 64-bit atomics, so a reader never
 * sees half a value, and a row's values are visible to every thread once its state says finished.
 * Cells a trial has not reached hold NaN.
 *
 * @example
 *   const board = PruningBoard.create([1, 3, 9], 100);   // main thread
 *   board.ensureRows(1);
 *   const mine = PruningBoard.attach(board.buffer, [1, 3, 9]); // a worker
 *   mine.write(0, mine.column(3), 0.5);
 */
export class PruningBoard {
  private readonly i32: Int32Array;
  private readonly i64: BigInt64Array;
  private readonly cols: Int32Array;
  private readonly rowBytes: number;
  private readonly scratch = new Float64Array(1);
  private readonly scratchBits = new BigInt64Array(this.scratch.buffer);

  private constructor(
    readonly buffer: SharedArrayBuffer,
    readonly watched: readonly number[],
  ) {
    this.i32 = new Int32Array(buffer);
    this.i64 = new BigInt64Array(buffer);
    this.rowBytes = ROW_HEAD + 8 * watched.length;
    const last = watched.length > 0 ? watched[watched.length - 1] : 0;
    this.cols = new Int32Array(last + 1).fill(-1);
    watched.forEach((s, i) => (this.cols[s] = i));
  }

  /** A new board for up to `capacity` trials, reserving its memory and growing as rows are added. */
  static create(watched: readonly number[], capacity: number): PruningBoard {
    const rowBytes = ROW_HEAD + 8 * watched.length;
    const max = HEADER + rowBytes * Math.max(1, capacity);
    if (max > MAX_BYTES) {
      throw new RangeError(`pruning would need ${(max / 2 ** 20).toFixed(0)} MB for ${capacity} trials × ${watched.length} watched epochs (at most ${MAX_BYTES / 2 ** 20} MB): use fewer trials or a larger pruner interval`);
    }
    return new PruningBoard(new SharedArrayBuffer(HEADER, { maxByteLength: max }), watched);
  }

  /** Map a board another thread created (the same watched steps). */
  static attach(buffer: SharedArrayBuffer, watched: readonly number[]): PruningBoard {
    return new PruningBoard(buffer, watched);
  }

  /** The column of a step, or -1 when the step is not watched. */
  column(step: number): number {
    return step < this.cols.length ? this.cols[step] : -1;
  }

  /** Rows in use: trial numbers below this have a row. */
  rows(): number {
    return Atomics.load(this.i32, 0);
  }

  /** Trials whose state is `finished`. */
  finishedCount(): number {
    return Atomics.load(this.i32, 1);
  }

  /** Make rows for trial numbers below `n` (main thread, before the trial is sent to a worker). */
  ensureRows(n: number): void {
    const have = this.rows();
    if (n <= have) return;
    const need = HEADER + this.rowBytes * n;
    const buf = this.buffer;
    if (buf.byteLength < need) buf.grow(Math.min(buf.maxByteLength, Math.max(need, HEADER + (buf.byteLength - HEADER) * 2)));
    const nan = this.bitsOf(NaN);
    for (let r = have; r < n; r++) {
      const base = (HEADER + r * this.rowBytes + ROW_HEAD) / 8;
      for (let c = 0; c < this.watched.length; c++) Atomics.store(this.i64, base + c, nan);
    }
    Atomics.store(this.i32, 0, n);
  }

  /** A trial's state. */
  state(row: number): BoardState {
    return Atomics.load(this.i32, (HEADER + row * this.rowBytes) / 4) as BoardState;
  }

  /** Set a trial's state once it has ended (its values are then final). */
  setState(row: number, state: BoardState): void {
    const i = (HEADER + row * this.rowBytes) / 4;
    const was = Atomics.exchange(this.i32, i, state);
    if (was !== BoardState.finished && state === BoardState.finished) Atomics.add(this.i32, 1, 1);
    if (was === BoardState.finished && state !== BoardState.finished) Atomics.sub(this.i32, 1, 1);
  }

  /** The value trial `row` reached in column `col` (NaN when it did not reach it). */
  value(row: number, col: number): number {
    this.scratchBits[0] = Atomics.load(this.i64, (HEADER + row * this.rowBytes + ROW_HEAD) / 8 + col);
    return this.scratch[0];
  }

  /** Record trial `row`'s value in column `col`. */
  write(row: number, col: number, value: number): void {
    Atomics.store(this.i64, (HEADER + row * this.rowBytes + ROW_HEAD) / 8 + col, this.bitsOf(value));
  }

  private bitsOf(v: number): bigint {
    this.scratch[0] = v;
    return this.scratchBits[0];
  }
}
