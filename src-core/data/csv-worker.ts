import { parentPort } from 'node:worker_threads';
import { BadInputError } from '../errors';
import { importCsv, importCsvFileRead, importCsvWithCopy, previewCsv, readCsv, type CsvOptions, type CsvPreview, type CsvRead } from './csv';
import { DataError } from './errors';
import type { Dataset } from './types';

/**
 * The CSV reader's worker (bundled to out/engine/csv-worker.js; see `csv-reader.ts`): reads the
 * text the import dialog shows, keeps that read while the dialog's choices change (a new target, a
 * column left out: each preview and the import read the kept table, not the text again), and
 * imports from it; and reads a stored CSV file as a search or a data set's page reads it. The read
 * and the import of a file at the 5M-cell limit take 4 s: here they leave the thread that answers
 * every other request free.
 */

/** What the worker is asked: a preview of the dialog's text with its choices, that text's import, or a stored file's load. */
export type CsvAsk =
  | { op: 'preview'; text: string; notMissing: string[]; keepMs: number; options: Partial<Pick<CsvOptions, 'target' | 'exclude'>> }
  | { op: 'import'; text: string; notMissing: string[]; keepMs: number; options: CsvOptions; selected: boolean }
  | { op: 'load'; path: string; options: CsvOptions };
/** A request as posted: what is asked, numbered. */
export type CsvWork = CsvAsk & { id: number };

/** An error the worker met, as the thread that asked rebuilds it (a refusal keeps its class, row, column and issues). */
export interface CsvWorkError {
  kind: 'data' | 'bad-input' | 'other';
  message: string;
  row?: number;
  column?: string;
  issues?: BadInputError['issues'];
  stack?: string;
}

/**
 * The worker's answer: a preview; an import's data set, the copy to keep (columns left out or rows
 * dropped) and the page of the text as kept; a file's data set as `importCsvFileRead` reads it and
 * the page of that read (its target's); or an error.
 */
export type CsvReply =
  | { id: number; preview: CsvPreview }
  | { id: number; dataset: Dataset; csv: string | null; page: CsvPreview | null }
  | { id: number; error: CsvWorkError };

let last: { text: string; values: string; read: CsvRead; release: ReturnType<typeof setTimeout> } | null = null;

/** The text's table: the one kept when the text and the words read as values are the same, else read now and kept for `keepMs`. */
function tableOf(text: string, notMissing: string[], keepMs: number): CsvRead {
  const values = notMissing.join('\n');
  const read = last?.text === text && last.values === values ? last.read : readCsv(text, { notMissing });
  if (last) clearTimeout(last.release);
  const release = setTimeout(() => (last = null), keepMs);
  last = { text, values, read, release };
  return read;
}

/** An error as it crosses to the other thread. */
function workError(e: unknown): CsvWorkError {
  if (e instanceof DataError) return { kind: 'data', message: e.message, row: e.row, column: e.column, issues: e.issues };
  if (e instanceof BadInputError) return { kind: 'bad-input', message: e.message, issues: e.issues };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
}

/** The data set's arrays, handed to the other thread rather than copied. */
const handed = (d: Dataset): ArrayBuffer[] => [d.x.buffer as ArrayBuffer, d.y.buffer as ArrayBuffer];

/** Answer one piece of work (the worker's message handler). */
function answer(w: CsvWork): { reply: CsvReply; transfer: ArrayBuffer[] } {
  try {
    if (w.op === 'load') {
      const { dataset, read } = importCsvFileRead(w.path, w.options);
      return { reply: { id: w.id, dataset, csv: null, page: previewCsv(read, 20, { target: w.options.target }) }, transfer: handed(dataset) };
    }
    const read = tableOf(w.text, w.notMissing, w.keepMs);
    if (w.op === 'preview') return { reply: { id: w.id, preview: previewCsv(read, 20, w.options) }, transfer: [] };
    const { dataset, csv } = w.selected ? importCsvWithCopy(read, w.options) : { dataset: importCsv(read, w.options), csv: null };
    // The page of the file kept: the text's own where it is kept whole (a copy's would need its own read).
    const page = w.selected ? null : previewCsv(read, 20, { target: w.options.target });
    return { reply: { id: w.id, dataset, csv, page }, transfer: handed(dataset) };
  } catch (e) {
    return { reply: { id: w.id, error: workError(e) }, transfer: [] };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (w: CsvWork) => {
    const { reply, transfer } = answer(w);
    port.postMessage(reply, transfer);
  });
}
