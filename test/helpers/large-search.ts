import type { StopReason, TrialStatus } from '../../src-core/vocabulary';
import type { Store, TrialOutcome } from '../../src-core/store/store';
import type { EpochMetrics } from '../../src-core/train/types';
import Database from 'better-sqlite3';
import { Rng } from '../../src-core/util/rng';

/** The knobs of `largeSpace`, each as a user would set it in the editor. */
export const largeSpace = {
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  hiddenUnits: { type: 'int', low: 4, high: 512, log: true },
  depth: { type: 'int', low: 1, high: 4 },
  activation: { type: 'categorical', values: ['relu', 'tanh', 'elu', 'sigmoid'] },
  optimizer: { type: 'categorical', values: ['adam', 'rmsprop', 'momentum', 'sgd'] },
  batchSize: { type: 'int', low: 16, high: 256, step: 16 },
  l2: { type: 'float', low: 1e-7, high: 0.1, log: true },
  dropout: { type: 'float', low: 0, high: 0.6 },
} as const;

type Knobs = { lr: number; hiddenUnits: number; depth: number; activation: string; optimizer: string; batchSize: number; l2: number; dropout: number };

/** What `writeLargeTrials` wrote: the counts by status and the best objective. */
export interface LargeSearchFacts {
  counts: Partial<Record<TrialStatus, number>>;
  best: number;
  /** The worst finite objective (decades above the best). */
  worst: number;
}

// The learning rate each optimizer trains best at (log10): a diagonal valley in lr × optimizer.
const BEST_LOG_LR: Record<string, number> = { adam: -2.7, rmsprop: -3, momentum: -1.6, sgd: -1 };
// Above this (log10) plain and momentum SGD blow up.
const DIVERGES_ABOVE: Record<string, number> = { adam: 0.5, rmsprop: -0.3, momentum: -0.6, sgd: -0.2 };

/**
 * A long, messy search as the engine would have stored it, for looking at views at scale: `n`
 * trials over the 8 knobs of `largeSpace`, written through the Store in one transaction. The
 * objective (val_loss) has structure a tuner finds: lr matters most (a valley whose best lies
 * where each optimizer wants it), then width and L2, dropout and batch size barely; noise of the
 * model seed's size (×e^N(0, 0.15)). Its values span decades (a learning rate of 10⁻⁵ barely
 * moves from chance); plain and momentum SGD diverge above their lr (status `diverged`, no
 * objective, a loss that blows up); about a tenth of the rest is pruned (median rule, at epoch
 * 5–10); three fail with an error; early stopping ends most of the others. After 10 random
 * trials, knobs gather round the best so far as a model-based sampler's do, with a quarter still
 * drawn from the whole space. Epoch rows: up to `epochs` per trial. The trials ran on `workers`
 * workers (4), with a pause of nine hours after 60% of them (writeTimes). Deterministic for `seed`.
 * `unstable`: the data set blows up at learning rates two decades lower for every optimizer (as
 * unscaled features make it); `random`: every trial drawn from the whole space, as a random search
 * draws them (with both, about two in five trials diverge).
 */
export function writeLargeTrials(store: Store, searchId: number, n: number, opts: { epochs?: number; seed?: number; workers?: number; unstable?: boolean; random?: boolean } = {}): LargeSearchFacts {
  const epochs = opts.epochs ?? 20;
  const blowsUp = opts.unstable ? 2 : 0;
  const workers = opts.workers ?? 4;
  const rng = new Rng(opts.seed ?? 1);
  const uniformKnobs = (): Knobs => ({
    lr: 10 ** rng.range(-5, 0),
    hiddenUnits: Math.round(4 * 128 ** rng.uniform()),
    depth: 1 + rng.int(4),
    activation: largeSpace.activation.values[rng.int(4)],
    optimizer: largeSpace.optimizer.values[rng.int(4)],
    batchSize: 16 * (1 + rng.int(16)),
    l2: 10 ** rng.range(-7, -1),
    dropout: rng.range(0, 0.6),
  });
  const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
  // Near a good trial: each numeric knob moved by a Gaussian on its scale, a categorical one kept 80% of the time.
  const near = (k: Knobs, spread: number): Knobs => ({
    lr: 10 ** clamp(Math.log10(k.lr) + rng.normal(0, 5 * spread), -5, 0),
    hiddenUnits: Math.round(clamp(Math.exp(Math.log(k.hiddenUnits) + rng.normal(0, 4.85 * spread)), 4, 512)),
    depth: Math.round(clamp(k.depth + rng.normal(0, 3 * spread), 1, 4)),
    activation: rng.uniform() < 0.8 ? k.activation : largeSpace.activation.values[rng.int(4)],
    optimizer: rng.uniform() < 0.8 ? k.optimizer : largeSpace.optimizer.values[rng.int(4)],
    batchSize: 16 * Math.round(clamp(k.batchSize / 16 + rng.normal(0, 15 * spread), 1, 16)),
    l2: 10 ** clamp(Math.log10(k.l2) + rng.normal(0, 6 * spread), -7, -1),
    dropout: clamp(k.dropout + rng.normal(0, 0.6 * spread), 0, 0.6),
  });
  const lossOf = (k: Knobs): number => {
    const dlr = Math.log10(k.lr) - BEST_LOG_LR[k.optimizer];
    // Too small a learning rate stays near chance (ln 10 ≈ 2.3 on ten classes); too large a one is rough.
    const lrTerm = dlr < 0 ? Math.min(2.2, 0.02 * 10 ** (-dlr * 0.9)) : 0.15 * dlr * dlr;
    const width = 0.4 / Math.sqrt(k.hiddenUnits);
    const l2 = Math.max(0, Math.log10(k.l2) + 3) * 0.12;
    const act = k.activation === 'sigmoid' ? 0.04 * k.depth : k.activation === 'tanh' ? 0.01 : 0;
    const depth = 0.01 * Math.abs(k.depth - 2);
    const drop = 0.03 * Math.abs(k.dropout - 0.2);
    const batch = 0.0002 * Math.abs(k.batchSize - 64) / 16;
    return (0.06 + lrTerm + width + l2 + act + depth + drop + batch) * Math.exp(rng.normal(0, 0.15));
  };
  const good: { knobs: Knobs; loss: number }[] = [];
  const counts: Partial<Record<TrialStatus, number>> = {};
  let best = Infinity;
  let worst = -Infinity;
  const failAt = new Set([Math.floor(n * 0.21), Math.floor(n * 0.55), Math.floor(n * 0.83)]);
  const seconds: number[] = [];
  store.transaction(() => {
    for (let number = 0; number < n; number++) {
      let knobs: Knobs;
      if (opts.random || number < 10 || good.length === 0 || rng.uniform() < 0.25) knobs = uniformKnobs();
      else knobs = near(good[rng.int(good.length)].knobs, Math.max(0.02, 0.15 / Math.sqrt(number / 10)));
      const t = store.trials.start(searchId, number, 1, knobs, 1000 + number);
      const final = lossOf(knobs);
      const diverges = Math.log10(knobs.lr) > DIVERGES_ABOVE[knobs.optimizer] - blowsUp + rng.normal(0, 0.2);
      const pruned = !diverges && number >= 10 && final > 0.15 && rng.uniform() < 0.2;
      const bestEpoch = Math.max(3, Math.min(epochs, Math.round(epochs * (0.3 + 0.7 * rng.uniform()))));
      let stoppedEpoch = diverges ? 2 + rng.int(4) : pruned ? 5 + rng.int(6) : bestEpoch + 5 <= epochs ? bestEpoch + 5 : epochs;
      stoppedEpoch = Math.min(stoppedEpoch, epochs);
      const rows: EpochMetrics[] = [];
      const tau = bestEpoch / 3;
      for (let e = 1; e <= stoppedEpoch; e++) {
        let val: number;
        if (diverges) val = e === stoppedEpoch ? NaN : 2.3 * 10 ** (e * 1.5);
        else if (e <= bestEpoch) val = final * (1 + 20 * Math.exp(-e / tau) / (1 + final * 20));
        else val = final * (1 + 0.01 * (e - bestEpoch));
        const train = Number.isFinite(val) ? val * (0.85 + 0.1 * rng.uniform()) : NaN;
        rows.push({ fold: 0, epoch: e, trainLoss: train, valLoss: val, penalty: 0, trainAccuracy: Number.isFinite(val) ? Math.max(0, 1 - train / 2.3) : null, valAccuracy: Number.isFinite(val) ? Math.max(0, 1 - val / 2.3) : null, valBalancedAccuracy: null,
          valRmse: null, valMae: null, valR2: null, lr: knobs.lr, gradNorms: [0.1 * val, 0.05 * val], seconds: 0.01 });
      }
      const finite = rows.filter((r) => Number.isFinite(r.valLoss));
      const at = finite.reduce<EpochMetrics | undefined>((a, b) => (a === undefined || b.valLoss < a.valLoss ? b : a), undefined);
      let status: TrialStatus;
      let stopReason: StopReason;
      if (failAt.has(number)) [status, stopReason] = ['failed', 'error'];
      else if (diverges) [status, stopReason] = ['diverged', 'diverged'];
      else if (pruned) [status, stopReason] = ['pruned', 'pruned'];
      else if (stoppedEpoch < epochs) [status, stopReason] = ['early_stopped', 'early_stopping'];
      else [status, stopReason] = ['complete', 'max_epochs'];
      const objective = status === 'failed' || status === 'diverged' || !at ? null : at.valLoss;
      const o: TrialOutcome = {
        status, objective, bestEpoch: at?.epoch ?? null, stoppedEpoch: status === 'failed' ? null : stoppedEpoch, stopReason,
        trainLoss: at?.trainLoss ?? null, valLoss: at?.valLoss ?? null, trainAccuracy: at?.trainAccuracy ?? null, valAccuracy: at?.valAccuracy ?? null, valBalancedAccuracy: null,
        valRmse: null, valMae: null, valR2: null, durationS: 0.2 * stoppedEpoch * (0.4 + (knobs.hiddenUnits * knobs.depth) / 500), error: status === 'failed' ? 'the worker thread exited with code 1' : null,
      };
      if (status === 'pruned' && at) {
        o.prune = JSON.stringify({ rule: 'median', step: stoppedEpoch, lastStep: epochs, fold: 0, epoch: stoppedEpoch, value: at.valLoss, threshold: at.valLoss * 0.8, compared: Math.min(number, 200) });
      }
      store.trials.finish(t.id, o, { epochs: status === 'failed' ? [] : rows });
      seconds.push(o.durationS ?? 0);
      counts[status] = (counts[status] ?? 0) + 1;
      if (objective !== null && status !== 'pruned') {
        best = Math.min(best, objective);
        worst = Math.max(worst, objective);
        good.push({ knobs, loss: objective });
        // Keep the best 5% (at least 5) as the "good" trials new ones gather round.
        if (good.length > 5 && good.length > number * 0.05) {
          good.sort((a, b) => a.loss - b.loss);
          good.length = Math.max(5, Math.floor(number * 0.05));
        }
      }
    }
  });
  writeTimes(store.path, searchId, seconds, workers);
  return { counts, best, worst };
}

/**
 * When the trials ran, as a pool of `workers` would have run them: each trial on the worker free
 * first, for its training time and 30 ms more; after 60% of them the search was paused for nine
 * hours (overnight). Written through a connection of its own (the Store keeps its times to itself).
 */
function writeTimes(path: string, searchId: number, seconds: readonly number[], workers: number): void {
  const t0 = Date.parse('2026-11-20T09:00:00.000Z');
  const free = new Array<number>(workers).fill(0);
  const pauseAt = Math.floor(seconds.length * 0.6);
  const db = new Database(path);
  const set = db.prepare('UPDATE trials SET started_at = ?, finished_at = ? WHERE search_id = ? AND number = ?');
  const iso = (s: number): string => new Date(t0 + s * 1000).toISOString();
  db.transaction(() => {
    seconds.forEach((d, number) => {
      if (number === pauseAt && number > 0) free.fill(Math.max(...free) + 9 * 3600);
      const w = free.indexOf(Math.min(...free));
      const start = free[w];
      free[w] = start + d + 0.03;
      set.run(iso(start), iso(start + d), searchId, number);
    });
  })();
  db.close();
}
