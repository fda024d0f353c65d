import { Worker } from 'node:worker_threads';
import { BadInputError } from '../errors';
import { engineScript } from '../util/paths';
import type { CsvOptions, CsvPreview } from './csv';
import type { CsvAsk, CsvReply, CsvWork, CsvWorkError } from './csv-worker';
import { DataError } from './errors';
import type { Dataset } from './types';

/**
 * The import dialog's CSV, read on a worker thread (`csv-worker.ts`): a file at the 5M-cell limit
 * takes csv-parse 2.7 s and Knobs' read 1 s more, and on the thread that answers every request
 * (Electron's main process, `knobs serve`) that held up a running search's live view and every
 * other request meanwhile. The worker keeps the text's table while the dialog's choices change and
 * imports from it; the Workbench writes the file and the database, as before. It also reads a stored
 * CSV file (`load`) for the requests that need one not loaded yet (the editor's check, a search's
 * creation, a replay, the data set's page). One worker, started at the first read and let go of after
 * a minute idle; requests are answered in order.
 *
 * @example
 *   const reader = new CsvReader(60_000);
 *   const p = await reader.preview(text, [], { target: 'Class' });
 *   const { dataset, csv, page } = await reader.import(text, [], { target: 'Class', name: 'fraud' }, false);
 */
export class CsvReader {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: CsvReply) => void; reject: (e: Error) => void }>();
  private idle: ReturnType<typeof setTimeout> | null = null;

  /** `keepMs`: how long the worker keeps a text's table after its last use. */
  constructor(private readonly keepMs: number) {}

  /** The dialog's preview of `text` with its choices (`previewCsv`). */
  async preview(text: string, notMissing: string[], options: Partial<Pick<CsvOptions, 'target' | 'exclude'>>): Promise<CsvPreview> {
    const r = await this.ask({ op: 'preview', text, notMissing, keepMs: this.keepMs, options });
    if (!('preview' in r)) throw new Error('the CSV worker answered a preview with something else');
    return r.preview;
  }

  /**
   * `text` imported with `options` (`importCsv`; `importCsvWithCopy` where columns are left out or
   * rows dropped: `csv` is then the copy to keep, else null), and the page of the text (null for a copy).
   */
  async import(text: string, notMissing: string[], options: CsvOptions, selected: boolean): Promise<{ dataset: Dataset; csv: string | null; page: CsvPreview | null }> {
    const r = await this.ask({ op: 'import', text, notMissing, keepMs: this.keepMs, options, selected });
    if (!('dataset' in r)) throw new Error('the CSV worker answered an import with something else');
    return r;
  }

  /**
   * A CSV file read as `importCsvFileRead` reads it (its size checked, its refusals naming it), and
   * the page of that read: what a search on it and the data set's page need.
   */
  async load(path: string, options: CsvOptions): Promise<{ dataset: Dataset; page: CsvPreview }> {
    const r = await this.ask({ op: 'load', path, options });
    if (!('dataset' in r) || !r.page) throw new Error('the CSV worker answered a load with something else');
    return { dataset: r.dataset, page: r.page };
  }

  /** Stop the worker now (the Workbench's shutdown). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private ask(work: CsvAsk): Promise<CsvReply> {
    const id = this.next++;
    const w = this.started();
    if (this.idle) clearTimeout(this.idle);
    w.ref();
    return new Promise<CsvReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ ...work, id } as CsvWork);
    }).then((r) => {
      if ('error' in r) throw rebuilt(r.error);
      return r;
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(engineScript('csv-worker.js'));
    w.on('message', (r: CsvReply) => {
      const p = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      p?.resolve(r);
      if (this.waiting.size === 0) this.rest(w);
    });
    const fail = (e: Error): void => {
      if (this.worker === w) this.worker = null;
      for (const p of this.waiting.values()) p.reject(new Error(`The CSV reader stopped: ${e.message}`));
      this.waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`its thread exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  /** With nothing asked, the worker does not keep the process alive, and after a minute idle it is let go of (its table with it). */
  private rest(w: Worker): void {
    w.unref();
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.worker === w && this.waiting.size === 0) void this.close();
    }, Math.max(this.keepMs, 60_000));
    this.idle.unref?.();
  }
}

/** A worker's error as the class it was: a data error with its row and column, a refusal with its issues. */
function rebuilt(e: CsvWorkError): Error {
  if (e.kind === 'data') {
    const d = new DataError(e.message, e.row, e.column);
    if (e.issues?.length) d.issues.push(...e.issues);
    return d;
  }
  if (e.kind === 'bad-input') return new BadInputError(e.message, e.issues ?? []);
  const other = new Error(`The CSV reader failed: ${e.message}`);
  if (e.stack) other.stack = e.stack;
  return other;
}
