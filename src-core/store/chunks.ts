import type { EpochMetrics } from '../train/types';

/**
 * Epochs travel and are stored packed: one chunk per run of consecutive epochs of one fold, a
 * Float64Array of `n` records of FIELDS followed by the gradient norm of each of `layers` dense
 * layers. A missing or non-finite value is NaN. A worker packs its epochs, transfers the buffer, and
 * the store writes it as one BLOB row, so a 100-epoch trial costs one insert instead of a hundred.
 */
export interface EpochChunk {
  fold: number;
  /** The first epoch (1-based); the chunk holds epochs first … first + n − 1. */
  first: number;
  n: number;
  layers: number;
  data: Float64Array;
}

/** The scalar fields of one epoch record, in their order in the chunk. */
export const CHUNK_FIELDS = ['epoch', 'trainLoss', 'valLoss', 'penalty', 'trainAccuracy', 'valAccuracy', 'valBalancedAccuracy', 'valRmse', 'valMae', 'valR2', 'lr', 'seconds'] as const;
const F = CHUNK_FIELDS.length;

/** The offset of each scalar field inside a record: `data[i * recordWidth(layers) + AT.valLoss]`. */
export const AT = Object.fromEntries(CHUNK_FIELDS.map((f, i) => [f, i])) as Record<(typeof CHUNK_FIELDS)[number], number>;

/** Record width of a chunk: the scalar fields, then one gradient norm per layer. */
export const recordWidth = (layers: number): number => F + layers;

const num = (x: number | null | undefined): number => (x === null || x === undefined || !Number.isFinite(x) ? NaN : x);

/** Pack epochs (in arrival order) into chunks: a new chunk starts when the fold, the layer count or the epoch sequence breaks. */
export function packEpochs(epochs: readonly EpochMetrics[]): EpochChunk[] {
  const chunks: EpochChunk[] = [];
  let i = 0;
  while (i < epochs.length) {
    const head = epochs[i];
    const layers = head.gradNorms.length;
    let j = i + 1;
    while (j < epochs.length && epochs[j].fold === head.fold && epochs[j].gradNorms.length === layers && epochs[j].epoch === epochs[j - 1].epoch + 1) j++;
    const w = recordWidth(layers);
    const data = new Float64Array((j - i) * w);
    for (let k = i; k < j; k++) {
      const e = epochs[k];
      const o = (k - i) * w;
      data[o + AT.epoch] = e.epoch;
      data[o + AT.trainLoss] = num(e.trainLoss);
      data[o + AT.valLoss] = num(e.valLoss);
      data[o + AT.penalty] = num(e.penalty);
      data[o + AT.trainAccuracy] = num(e.trainAccuracy);
      data[o + AT.valAccuracy] = num(e.valAccuracy);
      data[o + AT.valBalancedAccuracy] = num(e.valBalancedAccuracy);
      data[o + AT.valRmse] = num(e.valRmse);
      data[o + AT.valMae] = num(e.valMae);
      data[o + AT.valR2] = num(e.valR2);
      data[o + AT.lr] = num(e.lr);
      data[o + AT.seconds] = num(e.seconds);
      for (let l = 0; l < layers; l++) data[o + F + l] = num(e.gradNorms[l]);
    }
    chunks.push({ fold: head.fold, first: head.epoch, n: j - i, layers, data });
    i = j;
  }
  return chunks;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** One record of a chunk as EpochMetrics (values that were missing or non-finite come back as NaN, or null where the field allows it). */
export function chunkEpoch(c: EpochChunk, i: number): EpochMetrics {
  const d = c.data;
  const o = i * recordWidth(c.layers);
  return {
    fold: c.fold,
    epoch: d[o + AT.epoch],
    trainLoss: d[o + AT.trainLoss],
    valLoss: d[o + AT.valLoss],
    penalty: d[o + AT.penalty],
    trainAccuracy: orNull(d[o + AT.trainAccuracy]),
    valAccuracy: orNull(d[o + AT.valAccuracy]),
    valBalancedAccuracy: orNull(d[o + AT.valBalancedAccuracy]),
    valRmse: orNull(d[o + AT.valRmse]),
    valMae: orNull(d[o + AT.valMae]),
    valR2: orNull(d[o + AT.valR2]),
    lr: d[o + AT.lr],
    gradNorms: Array.from(d.subarray(o + F, o + F + c.layers)),
    seconds: d[o + AT.seconds],
  };
}

/** Every epoch of some chunks, as EpochMetrics. */
export function unpackChunks(chunks: readonly EpochChunk[]): EpochMetrics[] {
  const out: EpochMetrics[] = [];
  for (const c of chunks) for (let i = 0; i < c.n; i++) out.push(chunkEpoch(c, i));
  return out;
}

/** The chunk stored in a BLOB (a Buffer whose bytes may not be 8-aligned: copied when they are not). */
export function chunkFromBlob(fold: number, first: number, layers: number, blob: Uint8Array): EpochChunk {
  const bytes = blob.byteOffset % 8 === 0 ? blob : blob.slice();
  const data = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return { fold, first, layers, n: data.length / recordWidth(layers), data };
}

