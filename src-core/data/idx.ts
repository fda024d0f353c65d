import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from './errors';
import type { Dataset } from './types';

/** An IDX file that cannot be read (a DataError); the message says what was expected. */
export class IdxError extends DataError {}

/** Element types of the IDX format (LeCun's MNIST files): code → bytes per element. */
const IDX_TYPES: Record<number, { size: number; name: string }> = {
  0x08: { size: 1, name: 'unsigned byte' },
  0x09: { size: 1, name: 'signed byte' },
  0x0b: { size: 2, name: 'short' },
  0x0c: { size: 4, name: 'int' },
  0x0d: { size: 4, name: 'float' },
  0x0e: { size: 8, name: 'double' },
};

/** A decoded IDX tensor: its shape and its values as float64-safe numbers in a Float32Array. */
export interface IdxTensor {
  shape: number[];
  data: Float32Array;
}

/** Largest IDX payload accepted (bytes after decompression). */
export const IDX_MAX_BYTES = 512 * 1024 * 1024;

/** Decode an IDX file (gzip or raw): magic 0x0000TTDD, big-endian dimension sizes, then the data. */
export function parseIdx(bytes: Uint8Array, label = 'IDX file'): IdxTensor {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: IDX_MAX_BYTES });
    } catch (e) {
      throw new IdxError(`${label}: looks gzip-compressed but does not decompress (${(e as Error).message}); give the .gz as downloaded or the raw IDX file`);
    }
  }
  if (buf.length < 4) throw new IdxError(`${label}: too short to be an IDX file (${buf.length} bytes; an IDX file starts with a 4-byte magic number)`);
  if (buf[0] !== 0 || buf[1] !== 0) throw new IdxError(`${label}: not an IDX file (the first two bytes must be 0, got ${buf[0]} and ${buf[1]})`);
  const type = IDX_TYPES[buf[2]];
  if (!type) throw new IdxError(`${label}: unknown IDX element type 0x${buf[2].toString(16)} (valid: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)`);
  const dims = buf[3];
  if (dims < 1 || dims > 4) throw new IdxError(`${label}: ${dims} dimensions; Knobs reads IDX files with 1 to 4 dimensions`);
  const header = 4 + 4 * dims;
  if (buf.length < header) throw new IdxError(`${label}: the header is cut short (needs ${header} bytes, the file has ${buf.length})`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < dims; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = header + count * type.size;
  if (buf.length !== expected) {
    throw new IdxError(`${label}: the header announces shape ${shape.join('×')} of ${type.name}s (${expected} bytes) but the file has ${buf.length} bytes`);
  }
  const data = new Float32Array(count);
  for (let i = 0, o = header; i < count; i++, o += type.size) {
    switch (buf[2]) {
      case 0x08: data[i] = buf[o]; break;
      case 0x09: data[i] = view.getInt8(o); break;
      case 0x0b: data[i] = view.getInt16(o, false); break;
      case 0x0c: data[i] = view.getInt32(o, false); break;
      case 0x0d: data[i] = view.getFloat32(o, false); break;
      default: data[i] = view.getFloat64(o, false);
    }
  }
  return { shape, data };
}

/** Build a classification Dataset from an IDX images file (N×H×W or N×F) and an IDX labels file (N). */
export function datasetFromIdx(images: Uint8Array, labels: Uint8Array, name = 'idx'): Dataset {
  const img = parseIdx(images, 'images file');
  const lab = parseIdx(labels, 'labels file');
  if (img.shape.length < 2) throw new IdxError(`images file: shape ${img.shape.join('×')} has one dimension; expected N×H×W images or N×F rows`);
  if (lab.shape.length !== 1) throw new IdxError(`labels file: shape ${lab.shape.join('×')}; expected one label per image (a 1-dimensional IDX file)`);
  const n = img.shape[0];
  if (lab.shape[0] !== n) throw new IdxError(`the images file has ${n} images but the labels file has ${lab.shape[0]} labels; they must match`);
  if (n === 0) throw new IdxError('the images file holds no images');
  const nFeatures = img.shape.slice(1).reduce((a, b) => a * b, 1);
  if (nFeatures === 0) throw new IdxError(`images file: shape ${img.shape.join('×')} gives each image no values; expected every dimension after the first to be at least 1`);
  const bad = img.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new IdxError(
      `images file: value ${bad % nFeatures + 1} of image ${Math.floor(bad / nFeatures) + 1} is ${img.data[bad]}; expected finite numbers within the 32-bit float range (±3.4e38)`,
    );
  }
  const y = new Int32Array(n);
  let maxLabel = 0;
  for (let i = 0; i < n; i++) {
    const v = lab.data[i];
    if (!Number.isInteger(v) || v < 0 || v > 1000) throw new IdxError(`labels file: label ${i + 1} is ${v}; labels must be class numbers from 0 to 1000`);
    y[i] = v;
    maxLabel = Math.max(maxLabel, v);
  }
  const present = new Set(y);
  if (present.size < 2) throw new IdxError(`labels file: every label is ${y[0]}; a classifier needs at least two classes`);
  const imageShape: [number, number] | undefined = img.shape.length === 3 ? [img.shape[1], img.shape[2]] : undefined;
  return {
    name,
    task: 'classification',
    nRows: n,
    nFeatures,
    x: img.data,
    y,
    featureNames: Array.from({ length: nFeatures }, (_, i) => (imageShape ? `px_${Math.floor(i / imageShape[1])}_${i % imageShape[1]}` : `f${i}`)),
    targetName: 'label',
    classNames: Array.from({ length: maxLabel + 1 }, (_, i) => String(i)),
    imageShape,
  };
}

/** Read an IDX images file and labels file from disk (each gzip or raw) into a Dataset. */
export function loadIdxFiles(imagesPath: string, labelsPath: string, name?: string): Dataset {
  const read = (p: string): Uint8Array => {
    try {
      return readFileSync(p);
    } catch (e) {
      throw new IdxError(`cannot read "${p}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  return datasetFromIdx(read(imagesPath), read(labelsPath), name ?? imagesPath.replace(/^.*[\\/]/, '').replace(/(\.gz)?$/, ''));
}
