import type { Curves, Overlay, PushEvent } from '../../../src-core/api/contract';

/** One trial's curve (fold 0; every fold's objective is averaged by the engine, the chart shows the first fold). */
export interface TrialCurve {
  epoch: number[];
  trainLoss: (number | null)[];
  valLoss: (number | null)[];
  trainAccuracy: (number | null)[];
  valAccuracy: (number | null)[];
  lr: (number | null)[];
}

/** Curves by trial number. */
export type CurveMap = Map<number, TrialCurve>;

const empty = (): TrialCurve => ({ epoch: [], trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [], lr: [] });

/** Group the contract's column curves by trial (fold 0 only). */
export function curveMap(c: Curves): CurveMap {
  const out: CurveMap = new Map();
  for (let i = 0; i < c.epoch.length; i++) {
    if (c.fold[i] !== 0) continue;
    let t = out.get(c.trial[i]);
    if (!t) out.set(c.trial[i], (t = empty()));
    t.epoch.push(c.epoch[i]);
    t.trainLoss.push(c.trainLoss[i]);
    t.valLoss.push(c.valLoss[i]);
    t.trainAccuracy.push(c.trainAccuracy[i] ?? null);
    t.valAccuracy.push(c.valAccuracy[i] ?? null);
    t.lr.push(c.lr[i] ?? null);
  }
  return out;
}

/** Group the overlay's validation curves by trial; train values and learning rates are unknown (null) until epochs are pushed. */
export function overlayMap(o: Pick<Overlay, 'trial' | 'epoch' | 'valLoss' | 'valAccuracy'>): CurveMap {
  const out: CurveMap = new Map();
  // '' is one missing value when a trial has one epoch: split by the epoch count, not by the text.
  const nums = (text: string, n: number): (number | null)[] => (n === 0 ? [] : text.split(',').map((v) => (v === '' ? null : Number(v))));
  for (let i = 0; i < o.trial.length; i++) {
    const epoch = o.epoch[i] === '' ? [] : o.epoch[i].split(',').map(Number);
    const nulls = epoch.map(() => null);
    out.set(o.trial[i], { epoch, valLoss: nums(o.valLoss[i], epoch.length), valAccuracy: nums(o.valAccuracy[i], epoch.length), trainLoss: nulls, trainAccuracy: [...nulls], lr: [...nulls] });
  }
  return out;
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
      if (!t) map.set(e.number, (t = empty()));
      const last = t.epoch.length > 0 ? t.epoch[t.epoch.length - 1] : 0;
      if (e.epoch <= last) continue;
      t.epoch.push(e.epoch);
      t.trainLoss.push(e.trainLoss);
      t.valLoss.push(e.valLoss);
      t.trainAccuracy.push(e.trainAccuracy);
      t.valAccuracy.push(e.valAccuracy);
      t.lr.push(e.lr);
      changed = true;
    }
  }
  return changed;
}
