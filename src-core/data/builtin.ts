import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../util/paths';
import { importCsv } from './csv';
import { DataError } from './errors';
import type { Dataset } from './types';

/** A built-in data set's facts, as kept in resources/datasets/index.json next to the CSVs. */
export interface BuiltinInfo {
  name: string;
  file: string;
  rows: number;
  features: number;
  /** Number of classes (= target_names.length). */
  classes: number;
  sha256: string;
  citation: string;
  note: string;
  description: string;
  target_names: string[];
  class_counts: number[];
  imageShape?: [number, number];
}

/** The facts CITATIONS.md states for one data set (index.json repeats them and adds a description). */
export type CitationEntry = Pick<BuiltinInfo, 'name' | 'file' | 'rows' | 'features' | 'sha256' | 'citation' | 'note' | 'target_names' | 'class_counts'>;

/** The folder of the built-in CSVs, index.json and CITATIONS.md. */
export function builtinDir(): string {
  return join(resourcesDir(), 'datasets');
}

/** Parse resources/datasets/CITATIONS.md (`## name` sections of `- key: value` lines) into one entry per data set. */
export function parseCitations(markdown: string): CitationEntry[] {
  const out: CitationEntry[] = [];
  for (const section of markdown.split(/^## /m).slice(1)) {
    const lines = section.split('\n');
    const name = lines[0].trim();
    const fields = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const m = /^- (\w+): (.*)$/.exec(line.trim());
      if (m) fields.set(m[1], m[2].trim());
    }
    const need = (k: string): string => {
      const v = fields.get(k);
      if (v === undefined) throw new DataError(`CITATIONS.md: the section "${name}" has no "- ${k}:" line.`);
      return v;
    };
    const fileLine = /^(\S+), (\d+) rows, (\d+) features$/.exec(need('file'));
    if (!fileLine) throw new DataError(`CITATIONS.md: "${name}" needs "- file: NAME.csv, R rows, F features" (got "${need('file')}").`);
    out.push({
      name,
      file: fileLine[1],
      rows: Number(fileLine[2]),
      features: Number(fileLine[3]),
      sha256: need('sha256'),
      citation: JSON.parse(need('citation')) as string,
      note: JSON.parse(need('note')) as string,
      target_names: JSON.parse(need('target_names')) as string[],
      class_counts: JSON.parse(need('class_counts')) as number[],
    });
  }
  return out;
}

let index: BuiltinInfo[] | undefined;

/** The built-in data sets (name, rows, features, classes, class names, description, citation, checksum). */
export function builtinDatasets(): BuiltinInfo[] {
  index ??= (JSON.parse(readFileSync(join(builtinDir(), 'index.json'), 'utf8')) as Omit<BuiltinInfo, 'classes'>[]).map((d) => ({
    ...d,
    classes: d.target_names.length,
  }));
  return index;
}

const cache = new Map<string, Dataset>();

/** Load a built-in data set (digits, iris, wine, breast_cancer); the last column `target` is the class index. */
export function loadBuiltin(name: string): Dataset {
  const hit = cache.get(name);
  if (hit) return hit;
  const info = builtinDatasets().find((d) => d.name === name);
  if (!info) throw new DataError(`Unknown built-in data set "${name}"; valid: ${builtinDatasets().map((d) => d.name).join(', ')}.`);
  const ds = importCsv(readFileSync(join(builtinDir(), info.file)), { target: 'target', task: 'classification', name });
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
