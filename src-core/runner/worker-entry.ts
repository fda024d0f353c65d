import { parentPort } from 'node:worker_threads';
import { fromShared } from '../data/shared';
import { provideModule } from '../nn/kernels/wasm';
import type { Dataset, Split } from '../data/types';
import { trainConfiguration } from '../train/trainer';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

let dataset: Dataset | undefined;
let init: WorkerInit | undefined;

const post = (m: FromWorker): void => parentPort!.postMessage(m);

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'init') {
    init = msg.init;
    if (msg.init.kernels) provideModule(msg.init.kernels.path, msg.init.kernels.module);
    dataset = fromShared(msg.init.dataset);
    post({ type: 'ready' });
    return;
  }
  const { job } = msg;
  const flag = new Int32Array(msg.cancel);
  try {
    if (!dataset || !init) throw new Error('worker used before init');
    const split: Split = init.split;
    let epochs = 0;
    const result = trainConfiguration({
      dataset,
      split,
      preprocess: init.preprocess,
      config: job.config,
      seed: job.seed,
      evaluateTest: job.evaluateTest,
      shouldStop: () => Atomics.load(flag, 0) !== 0,
      onEpoch: (epoch) => {
        epochs++;
        if (job.fault === 'throw' && epochs === 2) throw new Error('injected fault: the worker threw');
        if (job.fault === 'exit' && epochs === 2) process.exit(3);
        if (job.fault === 'oom' && epochs === 2) new Float64Array(2 ** 40);
        post({ type: 'epoch', trialId: job.trialId, epoch });
      },
    });
    post({ type: 'done', trialId: job.trialId, result });
  } catch (e) {
    post({ type: 'error', trialId: job.trialId, message: (e as Error).message ?? String(e) });
  }
});
