import { describe, expect, it } from 'vitest';
import { makeSplit, toShared } from '../../src-core/data';
import { synthetic } from '../../src-core/data/synthetic';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { CancelledError } from '../../src-core/errors';
import { endParkedWorkers, WorkerPool, workerScript } from '../../src-core/runner/pool';
import { TRAINING_NICE } from '../../src-core/runner/priority';
import { resolveTrainConfig, trainSchema } from '../../src-core/spec/train';

const ds = synthetic('moons', { n: 400, noise: 0.2, seed: 1 });
const init = { dataset: toShared(ds), split: makeSplit(ds, { kind: 'holdout', val: 0.2, test: 0.2, stratify: true }, 1), preprocess: 'zscore' as const };
const config = (epochs: number) => resolveTrainConfig(trainSchema.parse({ epochs, hiddenLayers: [16], batchSize: 8, earlyStopping: false }));

describe('the worker pool sends the next trial ahead to each worker', () => {
  it('runs trials in order on one worker; one cancelled while waiting inside the worker never starts', async () => {
    const pool = new WorkerPool(1, init);
    const started: number[] = [];
    const epochs = new Map<number, number>();
    const run = (trialId: number, n: number, onEpoch = () => {}) =>
      pool.run({ trialId, config: config(n), seed: trialId }, (chunks) => {
        epochs.set(trialId, (epochs.get(trialId) ?? 0) + chunks.reduce((k, c) => k + c.n, 0));
        onEpoch();
      }, () => started.push(trialId));
    // b is cancelled once a trains: by then b already sits in the worker behind a.
    const a = run(1, 400, () => b.cancel());
    const b = run(2, 30);
    const c = run(3, 3);
    const [ra, rb, rc] = await Promise.allSettled([a.result, b.result, c.result]);
    await pool.close();
    expect(ra.status).toBe('fulfilled');
    expect(rb.status).toBe('rejected');
    expect((rb as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError);
    expect(rc.status).toBe('fulfilled');
    expect(epochs.get(1)).toBe(400);
    expect(epochs.has(2)).toBe(false);
    expect(epochs.get(3)).toBe(3);
    expect(started).toEqual([1, 3]);
  });

  it('an idle worker takes a trial sent ahead to a busy one, so no trial waits behind a long one while a worker idles', async () => {
    const pool = new WorkerPool(2, init);
    const ended: number[] = [];
    const epochs = new Map<number, number>();
    const run = (trialId: number, n: number) => {
      const h = pool.run({ trialId, config: config(n), seed: trialId }, (chunks) => epochs.set(trialId, (epochs.get(trialId) ?? 0) + chunks.reduce((k, c) => k + c.n, 0)));
      void h.result.then(() => ended.push(trialId), () => ended.push(-trialId));
      return h;
    };
    // Two short trials are sent ahead behind the long one on one worker, whichever worker is ready first.
    const long = run(1, 8000);
    const short = [run(2, 3), run(3, 3)];
    await Promise.all([long.result, ...short.map((h) => h.result)]);
    await pool.close();
    expect(ended).toHaveLength(3);
    expect(ended[2]).toBe(1);
    expect(new Set(ended.slice(0, 2))).toEqual(new Set([2, 3]));
    expect([...epochs.entries()].sort(([a], [b]) => a - b)).toEqual([[1, 8000], [2, 3], [3, 3]]);
  });

  it('a trial moved to another worker is still cancelled by its handle', async () => {
    const pool = new WorkerPool(2, init);
    const long = pool.run({ trialId: 1, config: config(8000), seed: 1 }, () => {});
    // Each cancels itself at its first epochs; one of the two was sent ahead behind the long trial
    // and moves to the other worker once that is free, whichever worker was ready first.
    const handles: ReturnType<typeof pool.run>[] = [];
    for (const trialId of [2, 3]) handles.push(pool.run({ trialId, config: config(8000), seed: trialId }, () => handles[trialId - 2].cancel()));
    const [rl, ...rest] = await Promise.allSettled([long.result, ...handles.map((h) => h.result)]);
    await pool.close();
    expect(rl.status).toBe('fulfilled');
    expect(rest.map((r) => (r.status === 'fulfilled' ? r.value.stopReason : r.reason))).toEqual(['cancelled', 'cancelled']);
  });

  it('a worker that dies fails its running trial; the one waiting behind it runs on the new worker', async () => {
    const pool = new WorkerPool(1, init);
    const a = pool.run({ trialId: 1, config: config(5), seed: 1, fault: 'exit' }, () => {});
    const b = pool.run({ trialId: 2, config: config(4), seed: 2 }, () => {});
    const [ra, rb] = await Promise.allSettled([a.result, b.result]);
    await pool.close();
    expect(ra.status).toBe('rejected');
    expect((ra as PromiseRejectedResult).reason.message).toMatch(/exited with code 3/);
    expect(rb.status).toBe('fulfilled');
    expect((rb as PromiseFulfilledResult<{ stopReason: string }>).value.stopReason).toBe('max_epochs');
  });

  it('a closed pool parks its idle workers warm; the next pool takes them, with its own data set, and trains exactly as fresh workers do', async () => {
    await endParkedWorkers();
    const first = new WorkerPool(1, init);
    await first.run({ trialId: 1, config: config(3), seed: 1 }, () => {}).result;
    const [warm] = first.threadIds();
    await first.close();
    const other = synthetic('circles', { n: 300, noise: 0.1, seed: 5 });
    const otherInit = { dataset: toShared(other), split: makeSplit(other, { kind: 'holdout', val: 0.25, test: 0, stratify: true }, 2), preprocess: 'zscore' as const };
    const second = new WorkerPool(1, otherInit);
    expect(second.threadIds()).toEqual([warm]);
    const reused = await second.run({ trialId: 2, config: config(6), seed: 9 }, () => {}).result;
    await second.close();
    await endParkedWorkers();
    const fresh = new WorkerPool(1, otherInit);
    expect(fresh.threadIds()).not.toEqual([warm]);
    const again = await fresh.run({ trialId: 2, config: config(6), seed: 9 }, () => {}).result;
    await fresh.close();
    await endParkedWorkers();
    expect(reused.best).toEqual(again.best);
    expect(reused.stoppedEpoch).toBe(6);
  });

  it('keeps the worker bundle small: every worker parses it, so what it imports costs memory per worker (spec schemas and zod stay on the main thread)', () => {
    expect(statSync(workerScript()).size).toBeLessThan(150_000);
  });
});

describe('training threads yield to the app', () => {
  /** The nice value of each thread of this process (field 19 of /proc/self/task/TID/stat), by thread id. */
  const niceOfThreads = (): Map<number, number> =>
    new Map(readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }));

  it.runIf(process.platform === 'linux')('each worker thread trains at a lower priority (nice 10); the main thread keeps its own', async () => {
    const before = niceOfThreads();
    const pool = new WorkerPool(2, init);
    let seen = new Map<number, number>();
    const runs = [1, 2].map((trialId) => pool.run({ trialId, config: config(400), seed: trialId }, () => {
      seen = niceOfThreads();
    }));
    await Promise.all(runs.map((r) => r.result));
    await pool.close();
    const lowered = [...seen].filter(([tid, nice]) => !before.has(tid) && nice === TRAINING_NICE);
    expect(lowered.length, `threads at nice ${TRAINING_NICE}: ${JSON.stringify([...seen])}`).toBeGreaterThanOrEqual(2);
    expect(seen.get(process.pid)).toBe(before.get(process.pid));
  });
});
