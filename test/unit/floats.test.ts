import { describe, expect, it } from 'vitest';
import { base64Of, bytesOf, decodeFloats, encodeFloats } from '../../src-core/api/floats';

describe('floats packed for the contract', () => {
  it('packs little-endian 32-bit floats in base64, read back as the nearest float32 of each value', () => {
    const values = Float32Array.from([1, 0.1, -2.5, NaN, Infinity, 3e38, 1e-30]);
    const text = encodeFloats(values);
    // 1 as a little-endian float32 is 00 00 80 3f.
    expect(Array.from(bytesOf(text).subarray(0, 4))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(Array.from(decodeFloats(text, 7))).toEqual([1, Math.fround(0.1), -2.5, NaN, Infinity, Math.fround(3e38), Math.fround(1e-30)]);
  });

  it('sends nothing for a column where every value is missing, and reads it back as that many NaNs', () => {
    expect(encodeFloats(Float32Array.from([NaN, NaN]))).toBe('');
    expect(Array.from(decodeFloats('', 3))).toEqual([NaN, NaN, NaN]);
    expect(encodeFloats(new Float32Array(0))).toBe('');
  });

  it('refuses packed text that does not hold the count it is read with, naming both', () => {
    const text = encodeFloats(Float32Array.from([1, 2, 3]));
    expect(() => decodeFloats(text, 4)).toThrow('expected 4 values (16 bytes), got 12 bytes');
  });

  it('agrees with Node\'s own base64 both ways, across the 32 KiB chunks it is built in', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(bytesOf(Buffer.from(bytes).toString('base64'))).equals(Buffer.from(bytes))).toBe(true);
  });
});
