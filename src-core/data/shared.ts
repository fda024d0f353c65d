import type { Dataset } from './types';

/** The plain-object form of a Dataset that crosses to a worker thread without copying its buffers. */
export type SharedDataset = Omit<Dataset, 'x' | 'y'> & { xBuffer: SharedArrayBuffer; yBuffer: SharedArrayBuffer; yKind: 'i32' | 'f32' };

/** The array's own SharedArrayBuffer when it views all of one, else a new shared copy. */
function share(a: Float32Array | Int32Array): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a.buffer;
  const buf = new SharedArrayBuffer(a.byteLength);
  if (a instanceof Int32Array) new Int32Array(buf).set(a);
  else new Float32Array(buf).set(a);
  return buf;
}

/**
 * Put a data set's features and targets on SharedArrayBuffers (one copy, made once; none
 * when they already are) as a plain object that postMessage hands to a worker thread
 * without copying the buffers.
 *
 * @example
 *   worker.postMessage({ dataset: toShared(ds) });          // main thread
 *   const ds = fromShared(msg.dataset);                      // worker: views the same memory
 */
export function toShared(ds: Dataset): SharedDataset {
  const { x, y, ...meta } = ds;
  return { ...meta, xBuffer: share(x), yBuffer: share(y), yKind: y instanceof Int32Array ? 'i32' : 'f32' };
}

/** A Dataset whose arrays view the shared buffers (no copy). */
export function fromShared(s: SharedDataset): Dataset {
  const { xBuffer, yBuffer, yKind, ...meta } = s;
  return { ...meta, x: new Float32Array(xBuffer), y: yKind === 'i32' ? new Int32Array(yBuffer) : new Float32Array(yBuffer) };
}
