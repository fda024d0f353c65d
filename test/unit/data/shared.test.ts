import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fromShared, loadBuiltin, synthetic, toShared, type SharedDataset } from '../../../src-core/data';

/** A worker (plain JS) that writes into the shared feature and label buffers, then reports what it read. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (s) => {
  const x = new Float32Array(s.xBuffer);
  const y = s.yKind === 'i32' ? new Int32Array(s.yBuffer) : new Float32Array(s.yBuffer);
  const seen = { name: s.name, nRows: s.nRows, classNames: s.classNames, x0: x[0], y149: y[149] };
  x[0] = 42;
  y[149] = 7;
  parentPort.postMessage(seen);
});`;

describe('shared data sets', () => {
  it('a worker thread receives the buffers without a copy: its writes show in the main thread', async () => {
    const iris = loadBuiltin('iris');
    const shared = toShared(iris);
    expect(shared.xBuffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.yBuffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.yKind).toBe('i32');
    const view = fromShared(shared);
    const worker = new Worker(WORKER, { eval: true });
    try {
      const seen = await new Promise<Record<string, unknown>>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(shared);
      });
      expect(seen).toEqual({ name: 'iris', nRows: 150, classNames: ['setosa', 'versicolor', 'virginica'], x0: Math.fround(5.1), y149: 2 });
    } finally {
      await worker.terminate();
    }
    expect(view.x[0]).toBe(42);
    expect(view.y[149]).toBe(7);
    expect(iris.x[0]).toBe(Math.fround(5.1));
  });

  it('the round trip keeps metadata and values; already-shared arrays are not copied again', () => {
    const sine = synthetic('sine', { n: 10, noise: 0.1, seed: 1 });
    const shared: SharedDataset = toShared(sine);
    expect(shared.yKind).toBe('f32');
    const back = fromShared(shared);
    expect(back.y).toBeInstanceOf(Float32Array);
    expect({ ...back, x: Array.from(back.x), y: Array.from(back.y) }).toEqual({ ...sine, x: Array.from(sine.x), y: Array.from(sine.y) });
    expect(back.x.buffer).toBe(shared.xBuffer);
    const again = toShared(back);
    expect(again.xBuffer).toBe(shared.xBuffer);
    expect(again.yBuffer).toBe(shared.yBuffer);
  });
});
