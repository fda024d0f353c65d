// Fuzz of IDX import (issue #7, "Bad input"): 10,000 generated pairs of images and labels files,
// raw or gzip, with headers that lie, odd element types, zero or huge dimensions and cut-short
// data. Each pair either becomes a well-formed data set or is refused with an IdxError that names
// the file and says what was expected.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromIdx, IdxError, parseIdx, type Dataset } from '../../src-core/data';
import { idx } from '../fixtures/idx';
import { expectOwnError, FC, preview, RUNS, thrown } from './fuzz-helpers';

const TYPES = [0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e] as const;

/** A value of any element type, including NaN, infinities and values beyond the float32 range. */
const element = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: -128, max: 255 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e39, -1e300, 0.5, 1000, 1001, -1, 2 ** 31 - 1) },
);

/** Write `values` as element type `type`, clamped to what the type can hold (so the writer never throws). */
function write(type: number, shape: number[], values: number[]): Uint8Array {
  const fit = values.map((v) => {
    if (type === 0x0d || type === 0x0e) return v;
    const [lo, hi] = type === 0x08 ? [0, 255] : type === 0x09 ? [-128, 127] : type === 0x0b ? [-32768, 32767] : [-(2 ** 31), 2 ** 31 - 1];
    return Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.trunc(v))) : 0;
  });
  return idx(type, shape, fit);
}

/** One IDX file: a header that may lie about its size, then data; sometimes gzip (whole or cut), sometimes raw noise. */
const file = (dims: fc.Arbitrary<number[]>): fc.Arbitrary<Uint8Array> =>
  fc
    .record({
      type: fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) }),
      shape: dims,
      values: fc.array(element, { minLength: 2, maxLength: 40 }),
      lie: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -9, max: 9 }) }),
      huge: fc.oneof({ weight: 12, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(3) }),
      gzip: fc.constantFrom('raw', 'raw', 'raw', 'raw', 'raw', 'gzip', 'gzip-cut'),
      tweak: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })) }),
    })
    .map(({ type, shape, values, lie, huge, gzip, tweak }) => {
      const known = (TYPES as readonly number[]).includes(type) ? type : 0x08;
      const count = shape.reduce((a, b) => a * b, 1);
      const data = Array.from({ length: Math.min(count, 400) }, (_, i) => values[i % Math.max(1, values.length)] ?? 0);
      let bytes = write(known, shape, data);
      bytes[2] = type;
      // A header dimension that claims far more than the file holds.
      if (huge >= 0 && huge < shape.length) new DataView(bytes.buffer).setUint32(4 + 4 * huge, 0xffffffff, false);
      if (lie > 0) bytes = Uint8Array.from([...bytes, ...new Array<number>(lie).fill(7)]);
      else if (lie < 0) bytes = bytes.subarray(0, Math.max(0, bytes.length + lie));
      if (tweak) {
        bytes = Uint8Array.from(bytes);
        if (bytes.length) bytes[tweak[0] % bytes.length] = tweak[1];
      }
      if (gzip === 'raw') return bytes;
      const z = gzipSync(bytes, { level: 1 });
      return gzip === 'gzip' ? z : z.subarray(0, Math.max(2, z.length >> 1));
    });

const imageShape = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })).map((t) => [...t]) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 })).map((t) => [...t]) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 5 }) },
);

/** A pair whose labels often agree with the images (so the pair gets past the header checks). */
const pair = fc.oneof(
  {
    weight: 8,
    arbitrary: imageShape.chain((shape) => fc.tuple(file(fc.constant(shape)), file(fc.oneof({ weight: 5, arbitrary: fc.constant<number[]>([shape[0] ?? 0]) }, { weight: 1, arbitrary: imageShape })))),
  },
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 48 }), fc.uint8Array({ maxLength: 24 })) },
);

/** A refusal is an IdxError naming which file (or both) and what it expected or found. */
function expectNamedIdxError(e: Error, what: () => unknown): void {
  expectOwnError(e, [IdxError], what);
  const at = `${e.message}\n  for ${preview(what())}`;
  expect(e.message, at).toMatch(/images file|labels file|IDX file/);
  expect(e.message, at).toMatch(/expected|must|needs|valid|not an IDX|too short|cut short|announces|does not decompress|no images|dimensions|at least/i);
}

function expectWellFormed(ds: Dataset): void {
  expect(ds.nRows).toBeGreaterThanOrEqual(1);
  expect(ds.nFeatures).toBeGreaterThanOrEqual(1);
  expect(ds.featureNames).toHaveLength(ds.nFeatures);
  expect(ds.x.length).toBe(ds.nRows * ds.nFeatures);
  expect(ds.y.length).toBe(ds.nRows);
  for (const v of ds.x) if (!Number.isFinite(v)) throw new Error(`pixel value ${v} is not a finite number`);
  for (const y of ds.y) if (!(y >= 0 && y < ds.classNames!.length)) throw new Error(`label ${y} is not a class index`);
  if (ds.imageShape) expect(ds.imageShape[0] * ds.imageShape[1]).toBe(ds.nFeatures);
}

describe(`IDX import under ${RUNS} generated file pairs`, () => {
  it('imports or refuses with an IdxError naming the file and what was expected; never a RangeError or TypeError', () => {
    const outcome = { imported: 0, refused: 0 };
    fc.assert(
      fc.property(pair, ([images, labels]) => {
        const single = thrown(() => parseIdx(images, 'images file'));
        if (single) expectNamedIdxError(single, () => images);
        let ds: Dataset | undefined;
        const e = thrown(() => (ds = datasetFromIdx(images, labels, 'fuzz')));
        if (e) {
          expectNamedIdxError(e, () => ({ images, labels }));
          outcome.refused++;
        } else {
          expectWellFormed(ds!);
          outcome.imported++;
        }
      }),
      FC,
    );
    expect(outcome.imported).toBeGreaterThan(RUNS / 20);
    expect(outcome.refused).toBeGreaterThan(RUNS / 20);
    console.log('idx fuzz', outcome);
  });
});

describe('IDX cases the fuzzer found', () => {
  const labels = idx(0x08, [3], [0, 1, 1]);

  it('refuses images with no values (a 0 dimension after the first) instead of importing a data set with 0 features', () => {
    const e = thrown(() => datasetFromIdx(idx(0x0e, [3, 0, 3], []), labels));
    expect(e).toBeInstanceOf(IdxError);
    expect(e!.message).toBe('images file: shape 3×0×3 gives each image no values; expected every dimension after the first to be at least 1');
  });

  it('refuses NaN, infinite and beyond-float32 pixel values (they used to be imported and made every trial diverge)', () => {
    for (const [type, bad, shown] of [[0x0d, NaN, 'NaN'], [0x0e, -Infinity, '-Infinity'], [0x0e, 1e39, 'Infinity']] as const) {
      const e = thrown(() => datasetFromIdx(idx(type, [3, 2], [0, 1, 2, bad, 4, 5]), labels));
      expect(e).toBeInstanceOf(IdxError);
      expect(e!.message).toBe(`images file: value 2 of image 2 is ${shown}; expected finite numbers within the 32-bit float range (±3.4e38)`);
    }
  });
});
