import type { Curves, Overlay, PushEvent } from '../../../src-core/api/contract';
import { decodeFloats } from '../../../src-core/api/floats';

/** One trial's curve (fold 0; every fold's objective is averaged by the engine, the chart shows the first fold). */
export interface TrialCurve {
  epoch: number[];
  trainLoss: (number | null)[];
  valLoss: (number | null)[];
  trainAccuracy: (number | null)[];
  valAccuracy: (number | null)[];
  /** Classes: the mean recall over classes on the validation rows (absent or null: not recorded). */
  valBalancedAccuracy?: (number | null)[];
  /** A regression's validation RMSE, MAE and R², in the target's units (null for classes; absent: not recorded). */
  valRmse?: (number | null)[];
  valMae?: (number | null)[];
  valR2?: (number | null)[];
  lr: (number | null)[];
  /** Each epoch's time in seconds (null where not recorded; the overlay's as 32-bit floats). */
  seconds?: (number | null)[];
}

/** Curves by trial number. */
export type CurveMap = Map<number, TrialCurve>;

/** A curve with no epoch yet. */
export const emptyCurve = (): TrialCurve => ({ epoch: [], trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [], valBalancedAccuracy: [], valRmse: [], valMae: [], valR2: [], lr: [], seconds: [] });

/** Group the contract's column curves by trial (fold 0 only). */
export function curveMap(c: Curves): CurveMap {
  const out: CurveMap = new Map();
  for (let i = 0; i < c.epoch.length; i++) {
    if (c.fold[i] !== 0) continue;
    let t = out.get(c.trial[i]);
    if (!t) out.set(c.trial[i], (t = emptyCurve()));
    t.epoch.push(c.epoch[i]);
    t.trainLoss.push(c.trainLoss[i]);
    t.valLoss.push(c.valLoss[i]);
    t.trainAccuracy.push(c.trainAccuracy[i] ?? null);
    t.valAccuracy.push(c.valAccuracy[i] ?? null);
    t.valBalancedAccuracy!.push(c.valBalancedAccuracy[i] ?? null);
    t.valRmse!.push(c.valRmse[i] ?? null);
    t.valMae!.push(c.valMae[i] ?? null);
    t.valR2!.push(c.valR2[i] ?? null);
    t.lr.push(c.lr[i] ?? null);
    (t.seconds ??= []).push(c.seconds[i] ?? null);
  }
  return out;
}

/** Nulls to slice columns of unknown values from (grown by pushing, so it and its slices stay packed arrays). */
const NULLS: null[] = [];

/** Group one overlay page's validation curves by trial (unpacked; non-finite values are missing); train values and learning rates are unknown (null) until epochs are pushed. */
export function overlayMap(o: Omit<Overlay, 'more'>, into: CurveMap = new Map()): CurveMap {
  let total = 0;
  for (const c of o.count) total += c;
  // A column missing on the whole page ('') unpacks to nothing: its trials' values are nulls.
  const col = (text: string): Float32Array | null => (text === '' ? null : decodeFloats(text, total));
  const [loss, acc, bal, rmse, mae, r2, secs] = [o.valLoss, o.valAccuracy, o.valBalancedAccuracy, o.valRmse, o.valMae, o.valR2, o.seconds].map(col);
  const epochs = decodeFloats(o.epoch, total);
  // Arrays built by pushing, not sized first: a sized array stays holey in V8, and every redraw reads these point by point.
  // A column of nulls is a slice of a packed array of nulls (packed too, and copied at once rather than pushed).
  let most = 0;
  for (const c of o.count) most = Math.max(most, c);
  while (NULLS.length < most) NULLS.push(null);
  const values = (f: Float32Array | null, from: number, to: number): (number | null)[] => {
    if (f === null) return NULLS.slice(0, to - from);
    const out: (number | null)[] = [];
    for (let i = from; i < to; i++) out.push(Number.isFinite(f[i]) ? f[i] : null);
    return out;
  };
  let from = 0;
  for (let i = 0; i < o.trial.length; i++) {
    const to = from + o.count[i];
    const n = to - from;
    const epoch: number[] = [];
    for (let k = from; k < to; k++) epoch.push(epochs[k]);
    into.set(o.trial[i], {
      epoch, valLoss: values(loss, from, to), valAccuracy: values(acc, from, to), valBalancedAccuracy: values(bal, from, to), trainLoss: NULLS.slice(0, n), trainAccuracy: NULLS.slice(0, n), lr: NULLS.slice(0, n),
      valRmse: values(rmse, from, to), valMae: values(mae, from, to), valR2: values(r2, from, to), seconds: values(secs, from, to),
    });
    from = to;
  }
  return into;
}

/** Apply pushed events of one search to its curves in place: epochs appended, a restarted trial's old points dropped. True when anything changed. */
export function applyEpochs(map: CurveMap, searchId: number, events: PushEvent[]): boolean {
  let changed = false;
  for (const e of events) {
    if (e.type === 'changed' || e.searchId !== searchId) continue;
    if (e.type === 'trialStarted') {
      if (map.has(e.number)) {
        map.delete(e.number);
        changed = true;
      }
    } else if (e.type === 'epoch' && e.fold === 0) {
      let t = map.get(e.number);
      if (!t) map.set(e.number, (t = emptyCurve()));
      const last = t.epoch.length > 0 ? t.epoch[t.epoch.length - 1] : 0;
      if (e.epoch <= last) continue;
      t.epoch.push(e.epoch);
      t.trainLoss.push(e.trainLoss);
      t.valLoss.push(e.valLoss);
      t.trainAccuracy.push(e.trainAccuracy);
      t.valAccuracy.push(e.valAccuracy);
      t.valBalancedAccuracy?.push(e.valBalancedAccuracy);
      t.valRmse?.push(e.valRmse);
      t.valMae?.push(e.valMae);
      t.valR2?.push(e.valR2);
      t.lr.push(e.lr);
      t.seconds?.push(e.seconds ?? null);
      changed = true;
    }
  }
  return changed;
}

/** The largest smoothing weight offered (1 would hold every curve at its first value). */
export const MAX_SMOOTHING = 0.99;

/**
 * A series smoothed as TensorBoard's scalar charts smooth it: an exponential moving average with
 * weight `w` (each point w × the average so far + (1 − w) × its own value), debiased by dividing
 * by 1 − w^k after k values, so the first points are not pulled toward 0. Missing and non-finite
 * values (a diverged epoch) stay as they are and do not enter the average. `w` = 0 returns the
 * values as they are; `w` is clamped to [0, MAX_SMOOTHING].
 *
 * @example
 *   smoothSeries([1, 0, 1], 0.5)   // [1, 1/3, 5/7]: (0.5·1)/0.5, (0.25·1)/0.75, (0.625)/0.875
 */
export function smoothSeries(ys: readonly (number | null)[], w: number): (number | null)[] {
  const weight = Math.min(MAX_SMOOTHING, Math.max(0, w));
  if (weight === 0) return [...ys];
  let last = 0;
  let k = 0;
  return ys.map((y) => {
    if (y === null || !Number.isFinite(y)) return y;
    last = last * weight + (1 - weight) * y;
    k++;
    return last / (1 - weight ** k);
  });
}

/** Every curve smoothed (`smoothSeries`: losses, accuracies and errors, train and validation; the learning rate and times as they are); weight 0 gives the map itself. */
export function smoothCurves(map: CurveMap, w: number): CurveMap {
  if (w <= 0) return map;
  const out: CurveMap = new Map();
  const s = <T extends (number | null)[] | undefined>(ys: T): T => (ys ? smoothSeries(ys, w) : ys) as T;
  for (const [t, c] of map) {
    out.set(t, {
      epoch: c.epoch, trainLoss: s(c.trainLoss), valLoss: s(c.valLoss), trainAccuracy: s(c.trainAccuracy), valAccuracy: s(c.valAccuracy), valBalancedAccuracy: s(c.valBalancedAccuracy),
      valRmse: s(c.valRmse), valMae: s(c.valMae), valR2: s(c.valR2), lr: c.lr, seconds: c.seconds,
    });
  }
  return out;
}

/**
 * When each epoch of a curve ended, in seconds of training since its first began (each epoch's
 * time added up): the x of a curve drawn against training time. Null when an epoch's time is not
 * known (the overlay's curves, a trial stored before epochs were timed).
 */
export function elapsedOf(c: TrialCurve): number[] | null {
  const out: number[] = [];
  let sum = 0;
  if (!c.seconds) return null;
  for (let i = 0; i < c.epoch.length; i++) {
    const s = c.seconds[i];
    if (s === null || s === undefined || !Number.isFinite(s)) return null;
    sum += s;
    out.push(sum);
  }
  return out;
}
