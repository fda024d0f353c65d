import type { Overlay } from '../../src-core/api/contract';
import { encodeFloats, OVERLAY_COLUMNS } from '../../src-core/api/floats';

type Column = Exclude<(typeof OVERLAY_COLUMNS)[number], 'epoch'>;

/** An overlay page packed as the engine packs one, from each trial's epochs and whichever columns it names (the rest missing). */
export function packOverlay(trials: ({ trial: number; epoch: number[] } & Partial<Record<Column, (number | null)[]>>)[]): Omit<Overlay, 'more'> {
  const columns = OVERLAY_COLUMNS.filter((c): c is Column => c !== 'epoch');
  const pack = (values: (number | null)[]): string => encodeFloats(Float32Array.from(values, (v) => v ?? NaN));
  const out = { trial: trials.map((t) => t.trial), count: trials.map((t) => t.epoch.length), epoch: pack(trials.flatMap((t) => t.epoch)) } as Omit<Overlay, 'more'>;
  for (const c of columns) out[c] = pack(trials.flatMap((t) => t[c] ?? t.epoch.map(() => null)));
  return out;
}
