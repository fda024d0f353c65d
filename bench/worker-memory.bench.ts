// Workers share the data: resident memory of a search process with 1 and with 2 worker threads
// training on a 60,000 × 784 data set held once in a SharedArrayBuffer. Target: each extra
// worker adds at most 10% of the data set's size.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SharedDataset } from '../src-core/data/shared';
import { makeSplit } from '../src-core/data/split';
import { fromShared } from '../src-core/data/shared';
import { WorkerPool } from '../src-core/runner/pool';
import { resolveTrainConfig, trainSchema } from '../src-core/spec/train';
import { Rng } from '../src-core/util/rng';

const ROWS = 60_000;
const FEATURES = 784;

async function child(workers: number): Promise<void> {
  const xBuffer = new SharedArrayBuffer(ROWS * FEATURES * 4);
  const yBuffer = new SharedArrayBuffer(ROWS * 4);
  const x = new Float32Array(xBuffer);
  const y = new Int32Array(yBuffer);
  const rng = new Rng(1);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  for (let i = 0; i < ROWS; i++) y[i] = i % 10;
  const shared: SharedDataset = {
    name: 'mnist-sized', task: 'classification', nRows: ROWS, nFeatures: FEATURES, xBuffer, yBuffer, yKind: 'i32',
    featureNames: Array.from({ length: FEATURES }, (_, i) => `px${i}`), targetName: 'label', classNames: Array.from({ length: 10 }, (_, i) => String(i)),
  };
  const split = makeSplit(fromShared(shared), { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1);
  const pool = new WorkerPool(workers, { dataset: shared, split, preprocess: 'zscore' });
  const config = resolveTrainConfig(trainSchema.parse({ hiddenLayers: [100], epochs: 1, batchSize: 100, earlyStopping: false }));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  await Promise.all(Array.from({ length: workers }, (_, i) => pool.run({ trialId: i, config, seed: i }, () => {}).result));
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  await pool.close();
  console.log(JSON.stringify({ workers, peakRss: peak, dataBytes: xBuffer.byteLength + yBuffer.byteLength }));
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]));
} else {
  const self = fileURLToPath(import.meta.url);
  const measure = (w: number): { peakRss: number; dataBytes: number } => {
    const r = spawnSync(process.execPath, [self, '--child', String(w)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const one = [measure(1), measure(1), measure(1)].map((m) => m.peakRss).sort((a, b) => a - b)[1];
  const twoRuns = [measure(2), measure(2), measure(2)];
  const two = twoRuns.map((m) => m.peakRss).sort((a, b) => a - b)[1];
  const data = twoRuns[0].dataBytes;
  const extra = two - one;
  console.log(`data set ${ROWS} × ${FEATURES} float32 in one SharedArrayBuffer: ${mb(data)}`);
  console.log(`peak resident memory (median of 3, each training one epoch per worker): 1 worker ${mb(one)}, 2 workers ${mb(two)}`);
  console.log(`the second worker adds ${mb(extra)} = ${((100 * extra) / data).toFixed(1)}% of the data set (target ≤ 10%)`);
}
