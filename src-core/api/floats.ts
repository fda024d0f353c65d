/**
 * Numbers packed for the contract: little-endian 32-bit floats in base64, NaN where a value is
 * missing. The Curves overlay sends its columns so (see `Overlay`): a quarter of a million epochs
 * as text to four digits cost the engine a third of a second to write and the page as long to read
 * back; packed, both take milliseconds. Pure (no Node, no DOM beyond `atob`/`btoa`): the engine
 * packs with it and the renderer unpacks.
 */

import type { Overlay } from './contract';

/** The overlay's packed columns, each a field of `Overlay` (the engine writes them in this order, the renderer reads them by name). */
export const OVERLAY_COLUMNS = ['epoch', 'valLoss', 'valAccuracy', 'valBalancedAccuracy', 'valRmse', 'valMae', 'valR2', 'seconds'] as const satisfies readonly Exclude<keyof Overlay, 'trial' | 'count' | 'more'>[];

/** True where the machine's own float order is little-endian (every machine Knobs runs on), so typed arrays can be viewed as they are. */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type FromBase64 = { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> };

/** The bytes of base64 text (the platform's own decoder where it has one). */
export function bytesOf(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  if (native) return native(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Base64 of bytes (chunked: String.fromCharCode takes a bounded number of arguments). */
export function base64Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The little-endian bytes of 32-bit floats. */
function floatBytes(values: Float32Array): Uint8Array {
  if (LITTLE) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/** Pack values as base64 of little-endian 32-bit floats; '' when every value is NaN (nothing to send). */
export function encodeFloats(values: Float32Array, toBase64: (bytes: Uint8Array) => string = base64Of): string {
  let any = false;
  for (let i = 0; i < values.length && !any; i++) any = !Number.isNaN(values[i]);
  return any ? toBase64(floatBytes(values)) : '';
}

/**
 * Unpack `n` values packed by `encodeFloats`: '' gives `n` NaNs. Refuses text that does not hold
 * exactly `n` floats, naming what it holds, so a page cut short never draws as a shorter curve.
 */
export function decodeFloats(text: string, n: number): Float32Array {
  if (text === '') return new Float32Array(n).fill(NaN);
  const bytes = bytesOf(text);
  if (bytes.length !== n * 4) throw new Error(`packed floats: expected ${n} values (${n * 4} bytes), got ${bytes.length} bytes`);
  if (LITTLE) return bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, n) : new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
}
