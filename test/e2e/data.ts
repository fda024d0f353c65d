// Input files the end-to-end tests import through the UI, written deterministically into a folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Paths of the files written by writeInputs. */
export interface InputFiles {
  /** Two overlapping rings with a text feature: 360 rows, classes inner/outer. */
  rings: string;
  /** A CSV with a missing value in row 3, column "b". */
  badCsv: string;
  /** IDX images (gzip): 60 images of 12×12, class 0 a vertical bar, class 1 a horizontal one. */
  idxImages: string;
  /** IDX labels (raw) for idxImages. */
  idxLabels: string;
}

/** The rings CSV's text (also imported through the API by specs that need it ready). */
export function ringsCsv(): string {
  const u = (i: number) => {
    const s = Math.sin(i * 12.9898) * 43758.5453;
    return s - Math.floor(s);
  };
  const rows = ['x,y,colour,label'];
  for (let i = 0; i < 360; i++) {
    const a = (i * 2.399963) % (2 * Math.PI);
    const r = (i % 2 === 0 ? 1 : 1.6) + 0.9 * u(i);
    rows.push(`${(r * Math.cos(a)).toFixed(4)},${(r * Math.sin(a)).toFixed(4)},${['red', 'green', 'blue'][i % 3]},${i % 2 === 0 ? 'inner' : 'outer'}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Write the test's input files into dir. */
export function writeInputs(dir: string): InputFiles {
  const files: InputFiles = {
    rings: join(dir, 'rings.csv'),
    badCsv: join(dir, 'bad.csv'),
    idxImages: join(dir, 'bars-images-idx3-ubyte.gz'),
    idxLabels: join(dir, 'bars-labels-idx1-ubyte'),
  };
  writeFileSync(files.rings, ringsCsv());
  writeFileSync(files.badCsv, 'a,b,label\n1,2,x\n3,,y\n5,6,x\n');
  const n = 60;
  const side = 12;
  const head = (dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b[2] = 0x08;
    b[3] = dims.length;
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  const px = Buffer.alloc(n * side * side);
  for (let k = 0; k < n; k++) {
    const at = 2 + (k % 8);
    for (let i = 0; i < side; i++) px[k * side * side + (k % 2 === 0 ? i * side + at : at * side + i)] = 255;
  }
  writeFileSync(files.idxImages, gzipSync(Buffer.concat([head([n, side, side]), px])));
  writeFileSync(files.idxLabels, Buffer.concat([head([n]), Buffer.from(Array.from({ length: n }, (_, k) => k % 2))]));
  return files;
}
