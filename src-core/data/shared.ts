import type { Dataset } from './types';

/** The plain-object form of a Dataset that crosses to a worker thread without copying its buffers. */
export type SharedDataset = Omit<Dataset, 'x' | 'y'> & { xBuffer: SharedArrayBuffer; yBuffer: SharedArrayBuffer; yKind: 'i32' | 'f32' };

/** Put a data set's features and targets on SharedArrayBuffers (one copy, made once). */
export function toShared(ds: Dataset): SharedDataset {
  const { x, y, ...meta } = ds;
  const xBuffer = new SharedArrayBuffer(x.byteLength);
  new Float32Array(xBuffer).set(x);
  const yBuffer = new SharedArrayBuffer(y.byteLength);
  const yKind = y instanceof Int32Array ? 'i32' : 'f32';
  if (yKind === 'i32') new Int32Array(yBuffer).set(y);
  else new Float32Array(yBuffer).set(y);
  return { ...meta, xBuffer, yBuffer, yKind };
}

/** A Dataset whose arrays view the shared buffers (no copy). */
export function fromShared(s: SharedDataset): Dataset {
  const { xBuffer, yBuffer, yKind, ...meta } = s;
  return { ...meta, x: new Float32Array(xBuffer), y: yKind === 'i32' ? new Int32Array(yBuffer) : new Float32Array(yBuffer) };
}
