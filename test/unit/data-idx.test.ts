import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datasetFromIdx, parseIdx } from '../../src-core/data/idx';
import { idx } from '../fixtures/idx';

describe('IDX import', () => {
  const images = idx(0x08, [3, 2, 2], [0, 1, 2, 3, 255, 254, 253, 252, 7, 7, 7, 7]);
  const labels = idx(0x08, [3], [1, 0, 2]);

  it('decodes unsigned-byte images and labels, raw or gzip', () => {
    for (const [im, lb] of [[images, labels], [gzipSync(images), gzipSync(labels)]]) {
      const ds = datasetFromIdx(im, lb, 'tiny');
      expect(ds.nRows).toBe(3);
      expect(ds.nFeatures).toBe(4);
      expect(ds.imageShape).toEqual([2, 2]);
      expect(Array.from(ds.x.slice(4, 8))).toEqual([255, 254, 253, 252]);
      expect(Array.from(ds.y)).toEqual([1, 0, 2]);
      expect(ds.classNames).toEqual(['0', '1', '2']);
    }
  });

  it('decodes big-endian short, int, float and double', () => {
    expect(Array.from(parseIdx(idx(0x0b, [2], [-2, 300])).data)).toEqual([-2, 300]);
    expect(Array.from(parseIdx(idx(0x0c, [2], [-70000, 70000])).data)).toEqual([-70000, 70000]);
    expect(Array.from(parseIdx(idx(0x0d, [2], [0.5, -1.25])).data)).toEqual([0.5, -1.25]);
    expect(Array.from(parseIdx(idx(0x0e, [1], [3.75])).data)).toEqual([3.75]);
  });

  it('refuses bad files with a message saying what was expected', () => {
    expect(() => parseIdx(new Uint8Array([1, 2]))).toThrow(/too short/);
    expect(() => parseIdx(new Uint8Array([9, 9, 8, 1, 0, 0, 0, 0]))).toThrow(/first two bytes must be 0/);
    expect(() => parseIdx(idx(0x0a, [1], []))).toThrow(/unknown IDX element type 0xa/);
    expect(() => parseIdx(images.slice(0, images.length - 1))).toThrow(/announces shape 3×2×2.*but the file has/);
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).toThrow(/gzip/);
    expect(() => datasetFromIdx(images, idx(0x08, [2], [0, 1]))).toThrow(/3 images but the labels file has 2 labels/);
    expect(() => datasetFromIdx(images, idx(0x08, [3], [4, 4, 4]))).toThrow(/at least two classes/);
  });
});
