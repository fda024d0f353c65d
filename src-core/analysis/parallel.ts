import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParamSpec } from '../spec/spec';
import { engineScript } from '../util/paths';
import { importanceOf, importanceProblem, solveHere, treeNumbers, type ImportanceOptions, type ImportanceProblem, type ImportanceResult } from './importance';
import type { TreeReading } from './forest';
import type { ImportanceReply, ImportanceWork } from './importance-worker';

/**
 * Parameter importance grown on worker threads: the forest's trees are dealt out to the workers
 * (tree t to worker t mod k), each grows and reads its own, and the readings are put back in tree
 * order, so the answer is the same bit for bit as `importance` on one thread. This keeps a host's
 * main thread free (the app's main process answers the UI and writes epochs meanwhile) and, with
 * two cores, nearly halves the wait for a big search: 64 trees of 10,000 trials take about half a second on one.
 *
 * The workers stay for a while after an answer (a running search asks again as trials finish), so
 * the next answer does not pay for starting them and compiling their code; while idle they do not
 * keep the process alive. Small problems are solved on the calling thread, where starting a worker
 * would cost more than the work.
 *
 * @example
 *   const r = await importanceInWorkers(spec.space, trials, { seed: spec.seed });
 */

/** Workers are let go after this long without work. */
const IDLE_MS = 60_000;
/** Problems with fewer trials than this are solved on the calling thread (64 trees of 500 trials: a few tens of ms). */
const ON_THREAD_BELOW = 500;

const helpers: Worker[] = [];
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let jobs = 0;

/** Threads to use by default: every core, at most 4 (64 trees split further gain little). */
export const defaultThreads = (): number => Math.max(1, Math.min(4, availableParallelism()));

/** fANOVA importance (as `importance`) with the trees grown on `threads` worker threads; one answer at a time. */
export function importanceInWorkers(
  space: Record<string, ParamSpec>,
  trials: readonly { knobs: Record<string, unknown>; objective: number }[],
  opts: ImportanceOptions,
  threads = defaultThreads(),
): Promise<ImportanceResult> {
  const p = importanceProblem(space, trials, opts);
  if ('answer' in p) return Promise.resolve(p.answer);
  const { problem } = p;
  if (problem.y.length < ON_THREAD_BELOW) return Promise.resolve(solveHere(problem));
  const run = queue.then(() => solve(problem, threads));
  queue = run.catch(() => undefined);
  return run;
}

/** Stop the idle workers now (tests, and a host shutting down). */
export async function endImportanceWorkers(): Promise<void> {
  clearTimeout(idleTimer);
  await Promise.all(helpers.splice(0).map((w) => w.terminate()));
}

/**
 * The sum of every tree's marginal over columns x and y of a problem on a steps × steps grid (the
 * pair surface, `addTreeMarginal`), the trees grown on `threads` worker threads as importance's
 * are, each worker adding its own trees; one answer at a time, in the same queue as importance.
 * The workers' grids are added in worker order, so the answer is the same every time (it may differ
 * from one thread's in the last bits: the additions are grouped otherwise).
 */
export function surfaceInWorkers(problem: ImportanceProblem, pair: { x: number; y: number; steps: number }, threads = defaultThreads()): Promise<Float64Array> {
  const run = queue.then(async () => {
    const sums: Float64Array[] = [];
    await onWorkers(problem, threads, (w, trees, i) => grow(w, problem, trees, [], pair, (sum) => (sums[i] = sum)));
    const total = new Float64Array(pair.steps * pair.steps);
    for (const sum of sums) for (let c = 0; c < total.length; c++) total[c] += sum[c];
    return total;
  });
  queue = run.catch(() => undefined);
  return run;
}

async function solve(problem: ImportanceProblem, threads: number): Promise<ImportanceResult> {
  const shares: TreeReading[] = new Array<TreeReading>(problem.forest.trees);
  await onWorkers(problem, threads, (w, trees) => grow(w, problem, trees, shares));
  return importanceOf(problem, shares);
}

/** Deal the problem's trees to `threads` workers (tree t to worker t mod k) and run `work` on each; the workers stay for IDLE_MS after. */
async function onWorkers(problem: ImportanceProblem, threads: number, work: (worker: Worker, trees: number[], index: number) => Promise<void>): Promise<void> {
  const trees = treeNumbers(problem);
  const k = Math.max(1, Math.min(threads, trees.length));
  clearTimeout(idleTimer);
  while (helpers.length < k) helpers.push(new Worker(engineScript('importance-worker.js')));
  try {
    await Promise.all(helpers.slice(0, k).map((w, i) => {
      w.ref();
      return work(w, trees.filter((t) => t % k === i), i);
    }));
  } finally {
    for (const w of helpers) w.unref();
    idleTimer = setTimeout(() => void endImportanceWorkers(), IDLE_MS);
    idleTimer.unref();
  }
}

/** Have one worker grow `trees`, putting each reading in its place (or, for a `pair`, handing its grid to `surface`). */
function grow(
  worker: Worker, problem: ImportanceProblem, trees: number[], shares: TreeReading[],
  pair?: ImportanceWork['pair'], surface?: (sum: Float64Array) => void,
): Promise<void> {
  const job = ++jobs;
  return new Promise<void>((resolve, reject) => {
    const off = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const lost = (e: Error): void => {
      off();
      const at = helpers.indexOf(worker);
      if (at >= 0) helpers.splice(at, 1);
      void worker.terminate();
      reject(e);
    };
    const onMessage = (r: ImportanceReply): void => {
      if (r.job !== job) return;
      if ('error' in r) lost(new Error(`parameter importance failed in its worker: ${r.error}`));
      else if ('done' in r) {
        off();
        resolve();
      } else if ('surface' in r) surface?.(r.surface);
      else shares[r.tree] = { total: r.total, marginal: r.marginal, curves: r.curves };
    };
    const onError = (e: Error): void => lost(e);
    const onExit = (code: number): void => lost(new Error(`the parameter importance worker stopped (exit code ${code})`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ job, problem, trees, ...(pair ? { pair } : {}) } satisfies ImportanceWork);
  });
}
