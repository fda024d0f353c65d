import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../util/paths';
import { importCsv } from './csv';
import type { Dataset } from './types';

/** A built-in data set's facts, as kept in resources/datasets/index.json next to the CSVs. */
export interface BuiltinInfo {
  name: string;
  file: string;
  rows: number;
  features: number;
  sha256: string;
  citation: string;
  note: string;
  description: string;
  target_names: string[];
  class_counts: number[];
  imageShape?: [number, number];
}

let index: BuiltinInfo[] | undefined;

/** The built-in data sets with their citations. */
export function builtinDatasets(): BuiltinInfo[] {
  index ??= JSON.parse(readFileSync(join(resourcesDir(), 'datasets', 'index.json'), 'utf8')) as BuiltinInfo[];
  return index;
}

const cache = new Map<string, Dataset>();

/** Load a built-in data set (digits, iris, wine, breast_cancer); the last column `target` is the class index. */
export function loadBuiltin(name: string): Dataset {
  const hit = cache.get(name);
  if (hit) return hit;
  const info = builtinDatasets().find((d) => d.name === name);
  if (!info) throw new Error(`Unknown built-in data set "${name}" (valid: ${builtinDatasets().map((d) => d.name).join(', ')})`);
  const ds = importCsv(readFileSync(join(resourcesDir(), 'datasets', info.file)), { target: 'target', task: 'classification', name });
  const out: Dataset = {
    ...ds,
    classNames: info.target_names,
    description: info.description,
    citation: info.citation,
    imageShape: info.imageShape,
  };
  cache.set(name, out);
  return out;
}
