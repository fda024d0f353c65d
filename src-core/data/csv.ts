import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError } from './errors';
import type { Dataset, Task } from './types';

/** Limits and choices for a CSV import. */
export interface CsvOptions {
  /** The target column's header name. */
  target: string;
  /** Override the detected task. */
  task?: Task;
  name?: string;
  /** Largest file accepted, in bytes (default 200 MB). */
  maxBytes?: number;
  /** Largest number of cells accepted (default 20 million). */
  maxCells?: number;
  /** Most distinct values a string feature may have before one-hot encoding is refused (default 100). */
  maxCategories?: number;
}

/** What a column holds, as detected from its values. */
export type ColumnKind = 'numeric' | 'categorical';

/** What the import dialog shows before importing. */
export interface CsvPreview {
  header: string[];
  rows: string[][];
  totalRows: number;
  kinds: ColumnKind[];
  /** The proposed target (a column named target/label/class/y, else the last) and its task. */
  target: string;
  task: Task;
  /** Distinct values per column (capped at 1000). */
  distinct: number[];
}

const DEFAULTS = { maxBytes: 200 * 1024 * 1024, maxCells: 20_000_000, maxCategories: 100 };
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Decode bytes as UTF-8, refusing binary files. */
function decode(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw new DataError(`The file is too large (${input.length} characters; the limit is ${maxBytes}).`);
    if (input.includes('\u0000')) throw new DataError('The file holds binary data (NUL bytes), not CSV text.');
    return input;
  }
  if (input.length > maxBytes) throw new DataError(`The file is too large (${(input.length / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB).`);
  if (input.includes(0)) throw new DataError('The file holds binary data (NUL bytes), not CSV text.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input).replace(/^\uFEFF/, '');
  } catch {
    throw new DataError('The file is not valid UTF-8 text; save it as UTF-8 CSV.');
  }
}

/** Parse CSV text into a header and rows, refusing empty files, ragged rows and duplicate names. */
function parseTable(text: string, maxCells: number): { header: string[]; rows: string[][] } {
  if (text.trim() === '') throw new DataError('The file is empty; a CSV needs a header row and at least one data row.');
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new DataError(`The CSV cannot be parsed${err.lines ? ` at row ${err.lines}` : ''}: ${err.message}`, err.lines);
  }
  const header = records[0];
  if (records.length < 2) throw new DataError('The file has a header row but no data rows.', 1);
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') throw new DataError(`Column ${i + 1} has an empty header; every column needs a name.`, 1);
    if (seen.has(h)) throw new DataError(`The column name "${h}" appears twice (columns ${seen.get(h)! + 1} and ${i + 1}); names must be unique.`, 1, h);
    seen.set(h, i);
  });
  const rows = records.slice(1);
  if (rows.length * header.length > maxCells) {
    throw new DataError(`The file has ${rows.length} rows × ${header.length} columns, more than the limit of ${maxCells} cells.`);
  }
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new DataError(`Row ${i + 2} has ${r.length} value${r.length === 1 ? '' : 's'} but the header has ${header.length} columns; every row needs exactly ${header.length}.`, i + 2);
    }
  });
  return { header, rows };
}

function kindOf(values: string[]): ColumnKind {
  return values.every((v) => MISSING.has(v.toLowerCase()) || NUMBER.test(v)) ? 'numeric' : 'categorical';
}

function proposeTarget(header: string[]): string {
  return header.find((h) => /^(target|label|class|y|species|outcome)$/i.test(h)) ?? header[header.length - 1];
}

function detectTask(values: string[], kind: ColumnKind): Task {
  if (kind === 'categorical') return 'classification';
  const distinct = new Set(values);
  const integers = values.every((v) => Number.isInteger(Number(v)));
  return integers && distinct.size <= Math.max(2, Math.min(20, Math.floor(values.length / 5))) ? 'classification' : 'regression';
}

/** Header, first rows, column kinds and a proposed target/task, for the import dialog. */
export function previewCsv(input: string | Uint8Array, maxRows = 20, options: Partial<CsvOptions> = {}): CsvPreview {
  const text = decode(input, options.maxBytes ?? DEFAULTS.maxBytes);
  const { header, rows } = parseTable(text, options.maxCells ?? DEFAULTS.maxCells);
  const kinds = header.map((_, c) => kindOf(rows.map((r) => r[c])));
  const target = options.target && header.includes(options.target) ? options.target : proposeTarget(header);
  const t = header.indexOf(target);
  const distinct = header.map((_, c) => Math.min(1000, new Set(rows.map((r) => r[c])).size));
  return { header, rows: rows.slice(0, maxRows), totalRows: rows.length, kinds, target, task: options.task ?? detectTask(rows.map((r) => r[t]), kinds[t]), distinct };
}

/** Import CSV text or bytes: header row, target by name, string features one-hot encoded, bad files refused naming row and column. */
export function importCsv(input: string | Uint8Array, options: CsvOptions): Dataset {
  const o = { ...DEFAULTS, ...options };
  const { header, rows } = parseTable(decode(input, o.maxBytes), o.maxCells);
  const t = header.indexOf(o.target);
  if (t < 0) throw new DataError(`There is no column "${o.target}" to use as the target; the columns are: ${header.join(', ')}.`, 1, o.target);
  if (header.length < 2) throw new DataError('The file has only the target column; at least one feature column is needed.', 1);
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      if (MISSING.has(v.toLowerCase())) {
        throw new DataError(`Row ${i + 2}, column "${header[c]}": the value is missing ("${v}"); fill it in or remove the row (Knobs does not impute).`, i + 2, header[c]);
      }
    }),
  );
  const kinds = header.map((_, c) => kindOf(rows.map((r) => r[c])));
  const targetValues = rows.map((r) => r[t]);
  const task = o.task ?? detectTask(targetValues, kinds[t]);

  const featureCols = header.map((_, c) => c).filter((c) => c !== t);
  const featureNames: string[] = [];
  const encoders: ((row: string[], out: Float32Array, at: number) => number)[] = [];
  for (const c of featureCols) {
    if (kinds[c] === 'numeric') {
      featureNames.push(header[c]);
      encoders.push((row, out, at) => {
        out[at] = Number(row[c]);
        return 1;
      });
      continue;
    }
    const numericCount = rows.reduce((n, r) => n + (NUMBER.test(r[c]) ? 1 : 0), 0);
    if (numericCount >= rows.length / 2) {
      const bad = rows.findIndex((r) => !NUMBER.test(r[c]));
      throw new DataError(
        `Row ${bad + 2}, column "${header[c]}": "${rows[bad][c]}" is not a number, but the column is numeric (${numericCount} of ${rows.length} values are numbers); use a plain number such as 3.5 or -2e-3.`,
        bad + 2,
        header[c],
      );
    }
    const categories = [...new Set(rows.map((r) => r[c]))].sort();
    if (categories.length > o.maxCategories) {
      throw new DataError(
        `Column "${header[c]}" has ${categories.length} distinct text values, more than the ${o.maxCategories} categories one-hot encoding allows; drop the column or group its values.`,
        undefined,
        header[c],
      );
    }
    const index = new Map(categories.map((v, i) => [v, i]));
    for (const v of categories) featureNames.push(`${header[c]}=${v}`);
    encoders.push((row, out, at) => {
      out.fill(0, at, at + categories.length);
      out[at + index.get(row[c])!] = 1;
      return categories.length;
    });
  }

  const nFeatures = featureNames.length;
  const x = new Float32Array(rows.length * nFeatures);
  rows.forEach((r, i) => {
    let at = i * nFeatures;
    for (const enc of encoders) at += enc(r, x, at);
  });

  let y: Int32Array | Float32Array;
  let classNames: string[] | undefined;
  if (task === 'classification') {
    const distinct = [...new Set(targetValues)];
    const allNumeric = distinct.every((v) => NUMBER.test(v));
    classNames = allNumeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
    if (classNames.length < 2) throw new DataError(`The target column "${o.target}" has a single class ("${classNames[0]}"); a classifier needs at least two.`, undefined, o.target);
    if (classNames.length > 1000) throw new DataError(`The target column "${o.target}" has ${classNames.length} classes; at most 1000 are supported (is it a regression target? set task to "regression").`, undefined, o.target);
    const map = new Map(classNames.map((v, i) => [v, i]));
    y = Int32Array.from(targetValues, (v) => map.get(v)!);
  } else {
    if (kinds[t] !== 'numeric') {
      const bad = targetValues.findIndex((v) => !NUMBER.test(v));
      throw new DataError(`Row ${bad + 2}, column "${o.target}": "${targetValues[bad]}" is not a number, but a regression target must be numeric.`, bad + 2, o.target);
    }
    y = Float32Array.from(targetValues, Number);
  }
  return {
    name: o.name ?? 'csv',
    task,
    nRows: rows.length,
    nFeatures,
    x,
    y,
    featureNames,
    targetName: o.target,
    classNames,
  };
}

/** Import a CSV file from disk (size checked before reading). */
export function importCsvFile(path: string, options: CsvOptions): Dataset {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new DataError(`Cannot read the CSV file "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (size > maxBytes) throw new DataError(`The file "${path}" is too large (${(size / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB).`);
  return importCsv(readFileSync(path), { name: path.replace(/^.*[\\/]/, '').replace(/\.csv$/i, ''), ...options });
}
