import { parentPort } from 'node:worker_threads';
import { forestReadings } from './forest';
import type { ImportanceProblem } from './importance';

/**
 * The importance worker (bundled to out/engine/importance-worker.js): grows the trees it is asked
 * for and posts each tree's reading as soon as it is read. See `parallel.ts`.
 */
export interface ImportanceWork {
  job: number;
  problem: ImportanceProblem;
  trees: number[];
}

export type ImportanceReply =
  | { job: number; tree: number; total: number; marginal: number[]; curves: number[][] }
  | { job: number; done: true }
  | { job: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (w: ImportanceWork) => {
    try {
      forestReadings(w.problem, w.trees, (tree, reading) => port.postMessage({ job: w.job, tree, ...reading } satisfies ImportanceReply));
      port.postMessage({ job: w.job, done: true } satisfies ImportanceReply);
    } catch (e) {
      port.postMessage({ job: w.job, error: (e as Error).stack ?? String(e) } satisfies ImportanceReply);
    }
  });
}
