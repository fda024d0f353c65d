import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkFromBlob, packEpochs, recordWidth, unpackChunks } from '../../src-core/store/chunks';
import type { EpochMetrics } from '../../src-core/train/types';

const epoch = (fold: number, e: number, over: Partial<EpochMetrics> = {}): EpochMetrics => ({
  fold, epoch: e, trainLoss: 1 / e, valLoss: 1.1 / e, penalty: 0.01, trainAccuracy: 0.5 + e / 100, valAccuracy: 0.4 + e / 100, valBalancedAccuracy: 0.3 + e / 100,
  valRmse: null, valMae: null, valR2: null, lr: 0.1, gradNorms: [e, 2 * e], seconds: 0.002, ...over,
});

describe('packed epoch chunks', () => {
  it('pack one record per epoch: the scalar fields then the gradient norms', () => {
    const [c] = packEpochs([epoch(0, 1), epoch(0, 2)]);
    expect([c.fold, c.first, c.n, c.layers]).toEqual([0, 1, 2, 2]);
    expect(recordWidth(2)).toBe(14);
    expect(Array.from(c.data.subarray(0, 14))).toEqual([1, 1, 1.1, 0.01, 0.5 + 1 / 100, 0.4 + 1 / 100, 0.3 + 1 / 100, NaN, NaN, NaN, 0.1, 0.002, 1, 2]);
    expect(c.data[14]).toBe(2);
  });

  it('start a new chunk at a fold change, a gap in the epochs or a different layer count', () => {
    const chunks = packEpochs([epoch(0, 1), epoch(0, 2), epoch(1, 1), epoch(1, 3), epoch(1, 4, { gradNorms: [1] })]);
    expect(chunks.map((c) => [c.fold, c.first, c.n, c.layers])).toEqual([[0, 1, 2, 2], [1, 1, 1, 2], [1, 3, 1, 2], [1, 4, 1, 1]]);
  });

  it('give back missing or non-finite values as NaN, or null where the field may be missing', () => {
    const [back] = unpackChunks(packEpochs([epoch(0, 1, { trainLoss: Infinity, valAccuracy: NaN, valR2: 0.3, gradNorms: [NaN, 1] })]));
    expect(back.trainLoss).toBeNaN();
    expect(back.valAccuracy).toBeNull();
    expect(back.valRmse).toBeNull();
    expect(back.valR2).toBe(0.3);
    expect(back.gradNorms[0]).toBeNaN();
  });

  it('round-trip any finite epochs exactly, through the bytes a BLOB holds (aligned or not)', () => {
    const value = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), value, value, fc.option(value), fc.array(value, { minLength: 1, maxLength: 4 })), { maxLength: 30 }), (rows) => {
        const epochs = rows.map(([fold, a, b, acc, g], i) => epoch(fold, i + 1, { trainLoss: a, valLoss: b, valAccuracy: acc, gradNorms: g }));
        const chunks = packEpochs(epochs);
        const viaBytes = chunks.map((c) => {
          const bytes = new Uint8Array(c.data.byteLength + 1);
          bytes.set(new Uint8Array(c.data.buffer), 1);
          return chunkFromBlob(c.fold, c.first, c.layers, bytes.subarray(1));
        });
        expect(unpackChunks(viaBytes)).toEqual(epochs.map((e) => ({ ...e, valAccuracy: e.valAccuracy })));
      }),
      { numRuns: 300 },
    );
  });
});
