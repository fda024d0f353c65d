import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import { availableKernelPaths } from '../nn/kernels/index';
import { wasmModule } from '../nn/kernels/wasm';
import type { EpochChunk } from '../store/chunks';
import { engineScript } from '../util/paths';
import type { FromWorker, ToWorker, TrialJob, WorkerInit, WorkerResult } from './protocol';

/** The built worker script (Node 20 cannot start a worker from TypeScript): out/engine/worker.js. */
export function workerScript(): string {
  return engineScript('worker.js');
}

interface Pending {
  job: TrialJob;
  onStart?: () => void;
  onEpochs: (chunks: EpochChunk[]) => void;
  resolve: (r: WorkerResult) => void;
  reject: (e: Error) => void;
  cancel: SharedArrayBuffer;
}

interface Slot {
  worker: Worker;
  /** Remove this pool's listeners (Worker.removeAllListeners would also drop Node's own, which keep its port referenced). */
  off: () => void;
  ready: boolean;
  /** Trials sent to this worker, oldest first: the first is training, the rest wait inside the worker. */
  jobs: Pending[];
}

/**
 * Trials sent ahead to each worker: the next one is already there when the current one ends, so a
 * worker never waits for the main thread (which may be busy writing another trial's epochs).
 */
const PIPELINE = 2;

/**
 * Workers of closed pools wait here, warm (their code compiled, their wasm instance and arena
 * kept), for the next pool of the same script: a search after the first starts without spawning
 * threads or compiling again. Parked workers hold no data set, do not keep the process alive, and
 * end after IDLE_MS.
 */
const parked: { script: string; worker: Worker; timer: ReturnType<typeof setTimeout>; off: () => void }[] = [];
const IDLE_MS = 30_000;

function park(script: string, worker: Worker): void {
  worker.postMessage({ type: 'reset' } satisfies ToWorker);
  worker.unref();
  const onExit = (): void => drop(entry, false);
  const onError = (): void => drop(entry, true);
  worker.once('exit', onExit);
  worker.on('error', onError);
  const entry = {
    script, worker, timer: setTimeout(() => drop(entry, true), IDLE_MS),
    off: () => {
      worker.off('exit', onExit);
      worker.off('error', onError);
    },
  };
  entry.timer.unref();
  parked.push(entry);
}

function drop(entry: (typeof parked)[number], terminate: boolean): void {
  const i = parked.indexOf(entry);
  if (i >= 0) parked.splice(i, 1);
  clearTimeout(entry.timer);
  entry.off();
  if (terminate) entry.worker.terminate().catch(() => {});
}

function unpark(script: string): Worker | undefined {
  const i = parked.findIndex((p) => p.script === script);
  if (i < 0) return undefined;
  const [entry] = parked.splice(i, 1);
  clearTimeout(entry.timer);
  entry.off();
  entry.worker.ref();
  return entry.worker;
}

/** End every parked worker now (tests; a host shutting down). */
export async function endParkedWorkers(): Promise<void> {
  await Promise.all(parked.splice(0).map((e) => (clearTimeout(e.timer), e.worker.terminate().catch(() => 0))));
}

/** A handle on one submitted trial. */
export interface RunHandle {
  result: Promise<WorkerResult>;
  /** Stop the trial at its next mini-batch (its result then has stop reason `cancelled`). */
  cancel(): void;
}

/**
 * A fixed number of worker threads, each holding the shared data set, training one trial at a time.
 * A worker that throws fails its trial; one that dies fails its trial and is replaced.
 *
 * @example
 *   const pool = new WorkerPool(2, init);
 *   const { result } = pool.run(job, (chunks) => store.epochs.add(id, chunks));
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  private readonly init: WorkerInit;

  constructor(
    readonly size: number,
    init: WorkerInit,
    private readonly script = workerScript(),
  ) {
    const best = availableKernelPaths()[0];
    const module = best === 'scalar' ? null : wasmModule(best);
    this.init = module && best !== 'scalar' ? { ...init, kernels: { path: best, module } } : init;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // A small young generation: a trial allocates little on the JS heap (its tensors live in the wasm arena).
    const worker = unpark(this.script) ?? new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: 2 } });
    const onMessage = (m: FromWorker): void => this.onMessage(slot, m);
    const onError = (e: Error): void => this.onDeath(slot, `the worker crashed: ${e.message}`);
    const onExit = (code: number): void => {
      if (!this.closed) this.onDeath(slot, `the worker exited with code ${code}`);
    };
    const slot: Slot = {
      worker, ready: false, jobs: [],
      off: () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      },
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'init', init: this.init });
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const cur = slot.jobs[0];
    if (!cur || cur.job.trialId !== m.trialId) return;
    if (m.type === 'epochs') {
      cur.onEpochs(m.chunks);
      return;
    }
    if (m.type === 'done' && m.chunks.length > 0) cur.onEpochs(m.chunks);
    slot.jobs.shift();
    const next = slot.jobs[0];
    if (next && Atomics.load(new Int32Array(next.cancel), 0) === 0) next.onStart?.();
    if (m.type === 'done') cur.resolve(m.result);
    else cur.reject(m.cancelled ? new CancelledError('cancelled before it started') : new Error(m.message));
    this.dispatch();
  }

  private onDeath(slot: Slot, why: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const [cur, ...waiting] = slot.jobs;
    slot.jobs = [];
    slot.off();
    slot.worker.terminate().catch(() => {});
    if (this.closed) return;
    this.slots[i] = this.spawn();
    // Trials that were waiting inside the dead worker never started: they go back to the front of the queue.
    this.queue.unshift(...waiting);
    cur?.reject(new Error(why));
  }

  private dispatch(): void {
    for (let depth = 1; depth <= PIPELINE; depth++) {
      for (const slot of this.slots) {
        if (!slot.ready || slot.jobs.length >= depth || this.queue.length === 0) continue;
        this.send(slot, this.queue.shift()!);
      }
    }
    for (const idle of this.slots) if (idle.ready && idle.jobs.length === 0) this.steal(idle);
  }

  private send(slot: Slot, p: Pending): void {
    slot.jobs.push(p);
    if (slot.jobs.length === 1) p.onStart?.();
    slot.worker.postMessage({ type: 'run', job: p.job, cancel: p.cancel });
  }

  /**
   * An idle worker with nothing queued takes a trial sent ahead to a busy one: without this, a
   * trial could wait behind a long one while a worker sat idle (at a search's start, when one
   * worker was ready before the other and took two; at its end, behind the last long trial). The
   * trial has not started there: its old cancel flag is raised, so that worker skips it (answering
   * for a trial it no longer holds, which is ignored), and it is sent here with a fresh one.
   */
  private steal(idle: Slot): void {
    for (const busy of this.slots) {
      if (busy === idle || busy.jobs.length < 2) continue;
      const p = busy.jobs[busy.jobs.length - 1];
      const flag = new Int32Array(p.cancel);
      if (Atomics.load(flag, 0) !== 0) continue;
      busy.jobs.pop();
      Atomics.store(flag, 0, 1);
      p.cancel = new SharedArrayBuffer(4);
      this.send(idle, p);
      return;
    }
  }

  /** Queue a trial; onStart runs when a worker takes it, and its epochs stream to onEpochs, packed, a batch at a time. */
  run(job: TrialJob, onEpochs: (chunks: EpochChunk[]) => void, onStart?: () => void): RunHandle {
    let pending: Pending | undefined;
    const result = new Promise<WorkerResult>((resolve, reject) => {
      if (this.closed) return reject(new Error('the pool is closed'));
      pending = { job, onEpochs, onStart, resolve, reject, cancel: new SharedArrayBuffer(4) };
      this.queue.push(pending);
      this.dispatch();
    });
    return {
      result,
      cancel: () => {
        const p = pending;
        if (!p) return;
        // (Its current flag: a trial moved to another worker has a new one.)
        Atomics.store(new Int32Array(p.cancel), 0, 1);
        const i = this.queue.indexOf(p);
        if (i >= 0) this.queue.splice(i, 1)[0].reject(new CancelledError('cancelled before it started'));
      },
    };
  }

  /** The thread ids of this pool's workers. */
  threadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** Stop: idle workers are parked warm for the next pool, busy ones end. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the pool was closed'));
    const ending: Promise<unknown>[] = [];
    for (const s of this.slots) {
      s.off();
      if (s.ready && s.jobs.length === 0) {
        park(this.script, s.worker);
        continue;
      }
      const jobs = s.jobs.splice(0);
      for (const p of jobs) {
        Atomics.store(new Int32Array(p.cancel), 0, 1);
        p.reject(new Error('the pool was closed'));
      }
      ending.push(settleThenEnd(s.worker, s.ready ? jobs.length : 0));
    }
    await Promise.all(ending);
  }
}

/**
 * End a busy worker at a safe point: its trials are cancelled, so each answers within a batch; only
 * then is the thread terminated (terminating a thread inside a native call, zlib's for one, can
 * abort the whole process in Node 20). After CLOSE_WAIT_MS it is terminated anyway.
 */
function settleThenEnd(worker: Worker, answers: number): Promise<unknown> {
  return new Promise<void>((resolve) => {
    let left = answers;
    const done = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', done);
      worker.terminate().catch(() => {}).finally(resolve);
    };
    const onMessage = (m: FromWorker): void => {
      if ((m.type === 'done' || m.type === 'error') && --left <= 0) done();
    };
    const timer = setTimeout(done, CLOSE_WAIT_MS);
    if (left <= 0) return done();
    worker.on('message', onMessage);
    worker.once('exit', done);
  });
}

/** How long a closing pool waits for a busy worker to reach a safe point. */
const CLOSE_WAIT_MS = 5000;
