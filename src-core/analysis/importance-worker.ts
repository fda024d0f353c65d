import { parentPort } from 'node:worker_threads';
import { eachTree, forestReadings } from './forest';
import type { ImportanceProblem } from './importance';
import { addTreeMarginal } from './surface';

/**
 * The importance worker (bundled to out/engine/importance-worker.js): grows the trees it is asked
 * for and posts each tree's reading as soon as it is read; asked for a `pair`'s surface instead, it
 * adds each tree's marginal over the pair's two columns into one grid and posts that grid once. See `parallel.ts`.
 */
export interface ImportanceWork {
  job: number;
  problem: ImportanceProblem;
  trees: number[];
  /** Columns x and y of a pair surface and its cells along each axis. */
  pair?: { x: number; y: number; steps: number };
}

export type ImportanceReply =
  | { job: number; tree: number; total: number; marginal: number[]; curves: number[][] }
  | { job: number; surface: Float64Array }
  | { job: number; done: true }
  | { job: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (w: ImportanceWork) => {
    try {
      const { pair } = w;
      if (pair) {
        const sum = new Float64Array(pair.steps * pair.steps);
        eachTree(w.problem, w.trees, (_, tree) => addTreeMarginal(tree, w.problem.bounds, pair.x, pair.y, pair.steps, sum));
        port.postMessage({ job: w.job, surface: sum } satisfies ImportanceReply);
      } else {
        forestReadings(w.problem, w.trees, (tree, reading) => port.postMessage({ job: w.job, tree, ...reading } satisfies ImportanceReply));
      }
      port.postMessage({ job: w.job, done: true } satisfies ImportanceReply);
    } catch (e) {
      port.postMessage({ job: w.job, error: (e as Error).stack ?? String(e) } satisfies ImportanceReply);
    }
  });
}
