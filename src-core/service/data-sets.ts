import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatasetPreview, DatasetSummary, Handlers } from '../api/contract';
import { builtinDatasets, csvFileName, datasetFromIdx, importCsvFileRead, loadBuiltin, loadDataset, loadIdxFiles, makeSplit, normalNotMissing, previewCsv, readCsv, type CsvPreview, type CsvRead, type Dataset } from '../data';
import { CsvReader } from '../data/csv-reader';
import { DataError } from '../data/errors';
import { BadInputError, NotFoundError, type Issue } from '../errors';
import { datasetNameOf, metricIssues, targetIssues } from '../search/study';
import type { Spec } from '../spec/spec';
import { datasetsDirOf } from '../store/location';
import { taken } from '../store/repos/projects';
import type { ImportedDataset, SearchRow, Store } from '../store/store';
import { resourcesDir } from '../util/paths';
import { DEFAULT_CSV_NUMBERS } from '../vocabulary';
import { imageSamples } from './insight';

/** What the data sets need from the Workbench that holds them. */
export interface DataSetsOptions {
  store: Store;
  /** Where imported files are kept (default: `datasets/` beside the database). */
  datasetsDir?: string;
  /** How long (ms) a file-based data set is kept after its last use (WorkbenchOptions.dataKeepMs). */
  dataKeepMs?: number;
  /** The store is open for reading only: an imported data set's listed figures are then left as they are. */
  readOnly: boolean;
  /** Called when the list of data sets (or a data set's listed figures) changed. */
  changed: () => void;
  /** A stored search's spec (refused where this version cannot read it). */
  specOf: (s: SearchRow) => Spec;
}

/** How many file-based data sets are kept loaded (`fileData`): a search's, the one the editor checks, one more. */
const FILE_SETS_KEPT = 3;

/** How many data sets' pages are kept made (`preview`). */
const PREVIEWS_KEPT = 8;

/**
 * The data sets, for the Workbench: the list (built-in and imported), each one's page, imports of a
 * CSV or IDX files, and the file-based data sets searches train on, loaded once per version of their
 * files and kept a while (the editor's check as it is typed, a search's creation, its study, its
 * replays and test evaluations all read a big file once), a CSV read on a worker thread so the
 * Workbench's thread answers other requests meanwhile.
 */
export class DataSets {
  private readonly store: Store;
  /**
   * File-based data sets loaded lately (the editor's check, a search's creation, its replays and test
   * evaluation), by their files' paths, sizes and times and the reading options (or why they could
   * not be loaded), the latest last, at most FILE_SETS_KEPT; each let go of a while after its last
   * use: a big imported file's rows are not kept for the life of the app.
   */
  private readonly fileSets = new Map<string, FileSet>();
  /** The data sets' pages last made, by `previewKey`, the latest last (at most PREVIEWS_KEPT: each is 20 rows and a summary a column). */
  private readonly previews = new Map<string, DatasetPreview>();
  /** The CSV the import dialog shows, read on a worker thread once: its choices (target, columns left out) and its import read that table again. */
  private readonly csvReader: CsvReader;
  /** CSV data sets being read on the CSV worker (`loadFileData`), by `fileKey`. */
  private readonly loading = new Map<string, Promise<CsvPreview | null>>();

  constructor(private readonly opts: DataSetsOptions) {
    this.store = opts.store;
    this.csvReader = new CsvReader(opts.dataKeepMs ?? 60_000);
  }

  /** A data set by name, or a refusal listing the names there are. */
  private named(name: string): DatasetSummary {
    const d = this.list().find((x) => x.name === name);
    if (!d) throw new NotFoundError(`No data set "${name}" (valid: ${this.list().map((x) => x.name).join(', ')})`);
    return d;
  }

  /** A data set's page (its first rows and what each column holds), kept per version of its files: a big CSV (8,000 rows × 301 columns) took seconds to read twice at each visit of its page. */
  async preview(name: string): Promise<DatasetPreview> {
    const d = this.named(name);
    const key = this.previewKey(d);
    const kept = key === null ? undefined : this.previews.get(key);
    if (kept) {
      this.previews.delete(key!);
      this.previews.set(key!, kept);
      return kept;
    }
    // A CSV's page is read on the CSV worker (with its data set, where that is not kept yet), not on this thread.
    const page = 'csv' in d.ref ? await this.filePage(d) : null;
    const made = page ? pageOf(this.list().find((x) => x.name === name) ?? d, name, page) : this.makePreview(d, name);
    if (key !== null) this.keepPreview(key, made);
    return made;
  }

  /** The import dialog's preview of a CSV's text, with the choices made so far. */
  previewCsv({ text, target, exclude, notMissing }: Parameters<Handlers['datasets']['previewCsv']>[0]): Promise<CsvPreview> {
    return this.csvReader.preview(text, normalNotMissing(notMissing ?? []), { target, exclude });
  }

  /** Import a CSV's text as a data set: the file kept (beside the database) is what trains. */
  async importCsv({ name, text, target, task, exclude, missing, notMissing }: Parameters<Handlers['datasets']['importCsv']>[0]): Promise<DatasetSummary> {
    const inUse = (): boolean => this.list().some((d) => d.name === name);
    const refusal = `A data set named "${name}" already exists; choose another name`;
    if (inUse()) throw taken(refusal);
    const selected = Boolean(exclude?.length) || missing === 'drop';
    const values = notMissing?.length ? { notMissing: normalNotMissing(notMissing) } : {};
    const read = await this.csvReader.import(text, values.notMissing ?? [], { target, task, name, ...(selected ? { exclude, missing } : {}) }, selected);
    const { dataset: ds } = read;
    const csv = read.csv ?? text;
    // Another import may have taken the name while this one was read.
    if (inUse()) throw taken(refusal);
    const dir = this.dir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${safeName(name)}-${Date.now()}.csv`);
    // Columns left out or rows dropped: the file kept is what trains (so the data set's page, its searches and a bundle read exactly that).
    writeFileSync(file, csv);
    const rec = this.store.datasets.add(name, file, {
      target, ...contentsOf(ds), ...(exclude?.length ? { leftOut: exclude } : {}), ...(ds.droppedRows ? { droppedRows: ds.droppedRows } : {}), ...values,
    });
    const made = this.list().find((d) => d.id === rec.id)!;
    this.keepImported(made, ds, read.page);
    this.opts.changed();
    return made;
  }

  /** Import IDX files (images and their labels, gzipped or not) as a data set. */
  importIdx({ name, images, labels }: Parameters<Handlers['datasets']['importIdx']>[0]): DatasetSummary {
    if (this.list().some((d) => d.name === name)) throw taken(`A data set named "${name}" already exists; choose another name`);
    const imageBytes = Buffer.from(images, 'base64');
    const labelBytes = Buffer.from(labels, 'base64');
    const ds = datasetFromIdx(imageBytes, labelBytes, name);
    const dir = this.dir();
    mkdirSync(dir, { recursive: true });
    const stem = join(dir, `${safeName(name)}-${Date.now()}`);
    const gz = (b: Buffer): string => (b[0] === 0x1f && b[1] === 0x8b ? '.gz' : '');
    const imagesFile = `${stem}-images.idx${gz(imageBytes)}`;
    const labelsFile = `${stem}-labels.idx${gz(labelBytes)}`;
    writeFileSync(imagesFile, imageBytes);
    writeFileSync(labelsFile, labelBytes);
    const rec = this.store.datasets.add(name, imagesFile, { target: 'label', ...contentsOf(ds), kind: 'idx', labels: labelsFile, imageShape: ds.imageShape });
    this.opts.changed();
    return this.list().find((d) => d.id === rec.id)!;
  }

  /** Some images of an image data set (a built-in one of images, or IDX files). */
  images(name: string, count: number): ReturnType<Handlers['datasets']['images']> {
    const d = this.named(name);
    const ds = 'builtin' in d.ref ? loadBuiltin(d.ref.builtin) : 'idx' in d.ref ? loadIdxFiles(d.ref.idx, d.ref.labels, name) : null;
    const samples = ds && imageSamples(ds, count);
    if (!samples) throw new BadInputError(`Data set "${name}" does not hold images (image data sets: ${this.list().filter((x) => x.imageShape).map((x) => x.name).join(', ') || 'none'})`);
    return samples;
  }

  /** Remove an imported data set and its files. */
  delete(id: number): { deleted: number } {
    const d = this.store.datasets.need(id);
    this.store.datasets.delete(id);
    rmSync(d.source, { force: true });
    if (d.meta.labels) rmSync(d.meta.labels, { force: true });
    this.opts.changed();
    return { deleted: id };
  }

  /** Let the CSV worker go (at shutdown). */
  close(): Promise<void> {
    return this.csvReader.close();
  }

  /**
   * What creating the search would refuse about a CSV or IDX data set (no such file, no such target
   * column, a split its rows cannot make, a metric its task does not report), for the editor's check
   * as it is typed. The data is loaded once per version of its files, not at each keystroke.
   */
  dataIssues(spec: Spec): Issue[] {
    const read = this.fileData(spec);
    // A synthetic set is made from the spec alone, quickly; its task is known without it, so only what its values refuse is left to check.
    if (!read) return 'synthetic' in spec.dataset && spec.targetPreprocess === 'log' ? targetIssues(spec, loadDataset(spec.dataset, spec.seed)) : [];
    const { dataset, issues } = read;
    if (!dataset) return issues;
    try {
      makeSplit(dataset, spec.split, spec.seed);
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      return e.issues.length > 0 ? e.issues : [{ path: 'split', message: e.message }];
    }
    return [...metricIssues(spec, dataset.task, datasetNameOf(spec.dataset, this.importedName)), ...targetIssues(spec, dataset)];
  }

  /**
   * A CSV or IDX data set as its files are now (null for a built-in or synthetic one): loaded once
   * per version of the files and kept, so the editor's checks as it is typed, creating the search
   * and its study read a big file once; or why it cannot be loaded. Where the CSV is read here (not
   * kept from before), `read` is given its table as read with the spec's options, and the caller
   * may use it once (the data set's page does, so a first visit reads the file once, not twice).
   */
  fileData(spec: Spec, read?: (table: CsvRead) => void): { dataset: Dataset | null; issues: Issue[] } | null {
    const d = spec.dataset;
    if (!('csv' in d) && !('idx' in d)) return null;
    const found = fileKey(d);
    if ('issues' in found) return { dataset: null, issues: found.issues };
    const { key, files } = found;
    let entry = this.fileSets.get(key);
    if (!entry) {
      try {
        let dataset: Dataset;
        if ('csv' in d && read) {
          const loaded = importCsvFileRead(resolve(d.csv), { target: d.target, task: d.task, exclude: d.exclude, missing: d.missing, numbers: d.numbers, notMissing: d.notMissing });
          dataset = loaded.dataset;
          read(loaded.read);
        } else dataset = loadDataset(d, spec.seed);
        entry = { dataset, issues: [], release: null };
        if (readsWhole(d)) this.refreshMeta(files[0], dataset, 'csv' in d ? d : undefined);
      } catch (e) {
        if (!(e instanceof BadInputError)) throw e;
        entry = { dataset: null, issues: [fileIssue(d, e)], release: null };
      }
    }
    this.keepFileSet(key, entry);
    return { dataset: entry.dataset, issues: entry.issues };
  }

  /** A file-based data set kept (`fileSets`): the latest last, let go of a while after this use, and the oldest past FILE_SETS_KEPT at once. */
  private keepFileSet(key: string, kept: FileSet): void {
    if (kept.release) clearTimeout(kept.release);
    this.fileSets.delete(key);
    this.fileSets.set(key, kept);
    kept.release = setTimeout(() => {
      if (this.fileSets.get(key) === kept) this.fileSets.delete(key);
    }, this.opts.dataKeepMs ?? 600_000);
    kept.release.unref?.();
    for (const [k, old] of this.fileSets) {
      if (this.fileSets.size <= FILE_SETS_KEPT) break;
      if (old.release) clearTimeout(old.release);
      this.fileSets.delete(k);
    }
  }

  /**
   * A spec's CSV read on the CSV reader's worker into what `fileData` keeps, where it is not kept
   * yet: the request that needs it waits for it, and this thread answers every other request
   * meanwhile (a file at the 5M-cell limit takes 4 s to read). One read per file version at a time,
   * shared by the requests that come while it runs. The page of the file's read, or null where
   * nothing was read (kept already, not a CSV, a file that cannot be read: `fileData` then reads or
   * refuses it here as before, so this is only ever a head start).
   */
  async loadFileData(spec: Spec): Promise<CsvPreview | null> {
    const d = spec.dataset;
    if (!('csv' in d)) return null;
    const found = fileKey(d);
    if ('issues' in found || this.fileSets.has(found.key)) return null;
    const { key, files } = found;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = (async () => {
        try {
          const { dataset, page } = await this.csvReader.load(resolve(d.csv), { target: d.target, task: d.task, exclude: d.exclude, missing: d.missing, numbers: d.numbers, notMissing: d.notMissing });
          this.keepFileSet(key, { dataset, issues: [], release: null, page });
          if (readsWhole(d)) this.refreshMeta(files[0], dataset, d);
          return page;
        } catch (e) {
          if (e instanceof BadInputError) this.keepFileSet(key, { dataset: null, issues: [fileIssue(d, e)], release: null });
          return null;
        } finally {
          this.loading.delete(key);
        }
      })();
      this.loading.set(key, loading);
    }
    return loading;
  }

  /** A stored search's CSV read on the CSV worker where it is not kept yet (`loadFileData`); nothing for a search that cannot be read. */
  async loadSearchData(searchId: number): Promise<void> {
    const s = this.store.searches.get(searchId);
    if (!s) return;
    let spec: Spec;
    try {
      spec = this.opts.specOf(s);
    } catch {
      return;
    }
    await this.loadFileData(spec);
  }

  /**
   * An imported CSV's page as the file reads it, made on the CSV worker: with its data set where
   * that is not kept yet, the one kept with it where the worker read it (for the editor's check, say),
   * else read there for the page alone. Null where it cannot be (the page is then made here, and says why).
   */
  private async filePage(d: DatasetSummary): Promise<CsvPreview | null> {
    if (!('csv' in d.ref)) return null;
    const spec = { dataset: d.ref, seed: 0 } as Spec;
    const page = await this.loadFileData(spec);
    if (page) return page;
    const found = fileKey(d.ref);
    const kept = 'key' in found ? this.fileSets.get(found.key) : undefined;
    if (kept?.page) return kept.page;
    if (!kept?.dataset) return null;
    try {
      return (await this.csvReader.load(resolve(d.ref.csv), { target: d.ref.target, task: d.ref.task, notMissing: d.ref.notMissing })).page;
    } catch {
      return null;
    }
  }

  /**
   * A CSV just imported, kept as reading its file would give it (`fileData`) and, where the file
   * kept is the text read (no column left out, no row dropped), its page made from the same table:
   * its page, the editor's checks and its first search then read the file no more. A file of 5M
   * cells took 4–5 s of this thread to read again, for the page or the first check, after the import had read it.
   */
  private keepImported(made: DatasetSummary, ds: Dataset, page: CsvPreview | null): void {
    if (!('csv' in made.ref)) return;
    const found = fileKey(made.ref);
    if ('issues' in found) return;
    // Read from its file, a data set is named by the file, and a copy that dropped rows has none left to drop.
    const { droppedRows: _dropped, ...rest } = ds;
    this.keepFileSet(found.key, { dataset: { ...rest, name: csvFileName(made.ref.csv) }, issues: [], release: null, page });
    const key = page ? this.previewKey(made) : null;
    if (key !== null) this.keepPreview(key, pageOf(made, made.name, page!));
  }

  /** A data set's page kept, the latest last, at most PREVIEWS_KEPT. */
  private keepPreview(key: string, made: DatasetPreview): void {
    this.previews.delete(key);
    this.previews.set(key, made);
    for (const old of this.previews.keys()) if (this.previews.size > PREVIEWS_KEPT) this.previews.delete(old);
  }

  /** A stored search's data set (`loadedData`). */
  searchData(searchId: number): Dataset {
    return this.loadedData(this.opts.specOf(this.store.searches.need(searchId)));
  }

  /**
   * A search's data set: a file's as `fileData` keeps it (read once per version of the file while in
   * use: a drawer's replay of a trial on a CSV of 160,000 rows read it again for 6 s, stalling every
   * other request meanwhile), a built-in or synthetic one made again (quickly). Refused, saying why,
   * where the file cannot be read as the spec reads it.
   */
  loadedData(spec: Spec): Dataset {
    const f = this.fileData(spec);
    if (!f) return loadDataset(spec.dataset, spec.seed);
    if (!f.dataset) throw new BadInputError(f.issues[0]?.message ?? 'The data set cannot be loaded', f.issues);
    return f.dataset;
  }

  /** A data set's page: its first rows and what each column holds (IDX: the first 12 pixels of 20 images). */
  private makePreview(found: DatasetSummary, name: string): DatasetPreview {
    let d = found;
    // An imported CSV is read whole (once per version of its file), so the page lists its figures as this build reads them.
    // Where that read is the first, its table is the page's too (the reference sets only the missing words, as the page reads them).
    let table: CsvRead | undefined;
    if ('csv' in d.ref && this.fileData({ dataset: d.ref, seed: 0 } as Spec, (t) => (table = t))?.dataset) d = this.list().find((x) => x.name === name)!;
    if ('idx' in d.ref) {
      const ds = loadIdxFiles(d.ref.idx, d.ref.labels, name);
      const shown = Math.min(ds.nFeatures, 12);
      const rows = Array.from({ length: Math.min(20, ds.nRows) }, (_, r) => [
        ds.classNames?.[ds.y[r]] ?? String(ds.y[r]),
        ...Array.from(ds.x.subarray(r * ds.nFeatures, r * ds.nFeatures + shown), (v) => String(v)),
        ...(shown < ds.nFeatures ? ['…'] : []),
      ]);
      const header = ['label', ...ds.featureNames.slice(0, shown), ...(shown < ds.nFeatures ? [`… ${ds.nFeatures - shown} more`] : [])];
      return { name, header, rows, totalRows: ds.nRows, classes: d.classes, classCounts: d.classCounts, columns: [] };
    }
    const file = 'builtin' in d.ref ? join(resourcesDir(), 'datasets', builtinDatasets().find((b) => b.name === name)!.file) : d.ref.csv;
    const read = table ?? readCsv(readFileSync(file), 'csv' in d.ref ? { notMissing: d.ref.notMissing } : {});
    return pageOf(d, name, previewCsv(read, 20, { target: 'builtin' in d.ref ? 'target' : d.ref.target }));
  }

  /**
   * What a data set's preview is kept by: its name and reference, and each file's size and time of
   * change, so a file written again is read again; null where a file cannot be read (the preview then says why).
   */
  private previewKey(d: DatasetSummary): string | null {
    const files = 'builtin' in d.ref ? [] : 'csv' in d.ref ? [d.ref.csv] : [d.ref.idx, d.ref.labels];
    try {
      return JSON.stringify([d.name, d.ref, files.map((f) => {
        const st = statSync(resolve(f));
        return [st.size, st.mtimeMs];
      })]);
    } catch {
      return null;
    }
  }

  /**
   * Keep an imported data set's listed figures (rows, features, classes) true to its file as this
   * build reads it: a file imported by an older reader (before decimal commas were read as numbers,
   * say) listed the features that reader made. Called whenever the whole file is loaded anyway, and
   * only with the target it was imported with (a spec may name the file with another).
   */
  private refreshMeta(file: string, ds: Dataset, read?: { target: string; notMissing?: string[] }): void {
    if (this.opts.readOnly) return;
    const rec = this.store.datasets.list().find((x) => resolve(x.source) === resolve(file));
    if (!rec || (read !== undefined && (rec.meta.target !== read.target || normalNotMissing(rec.meta.notMissing ?? []).join() !== normalNotMissing(read.notMissing ?? []).join()))) return;
    const now = contentsOf(ds);
    const m = rec.meta;
    if (m.task === now.task && m.rows === now.rows && m.features === now.features && JSON.stringify([m.classes, m.classCounts]) === JSON.stringify([now.classes, now.classCounts])) return;
    this.store.datasets.setMeta(rec.id, { ...m, ...now });
    this.opts.changed();
  }

  /** The name an imported data set was given, by its stored file (undefined for a file not imported). */
  readonly importedName = (file: string): string | undefined => this.store.datasets.list().find((d) => resolve(d.source) === resolve(file))?.name;

  /** Where imported files are kept. */
  dir(): string {
    return this.opts.datasetsDir ?? datasetsDirOf(this.store.path);
  }

  /** Rows per class of a spec's data set, when it is a listed one (synthetic sets are not). */
  classCountsOf(ds: Spec['dataset']): number[] | undefined {
    const d = this.list().find((x) => ('builtin' in ds && 'builtin' in x.ref && x.ref.builtin === ds.builtin) ||
      ('csv' in ds && 'csv' in x.ref && x.ref.csv === ds.csv) || ('idx' in ds && 'idx' in x.ref && x.ref.idx === ds.idx));
    return d && d.classCounts.length > 0 ? d.classCounts : undefined;
  }

  /** Every data set: the built-in ones, then those imported. */
  list(): DatasetSummary[] {
    const builtins: DatasetSummary[] = builtinDatasets().map((d) => ({
      name: d.name, kind: 'builtin', task: 'classification', rows: d.rows, features: d.features, classes: d.target_names, classCounts: d.class_counts,
      description: d.description, citation: d.citation, ref: { builtin: d.name }, imageShape: d.imageShape,
    }));
    const imported: DatasetSummary[] = this.store.datasets.list().map((d) => {
      const common = { name: d.name, id: d.id, task: d.meta.task, rows: d.meta.rows, features: d.meta.features, classes: d.meta.classes, classCounts: d.meta.classCounts, citation: '' };
      if (d.meta.kind === 'idx' && d.meta.labels) {
        const shape = d.meta.imageShape ? `${d.meta.imageShape[0]}×${d.meta.imageShape[1]} images` : `rows of ${d.meta.features} values`;
        return { ...common, kind: 'idx', description: `Imported IDX files: ${d.meta.rows} ${shape} with their labels`, ref: { idx: d.source, labels: d.meta.labels }, imageShape: d.meta.imageShape };
      }
      // A wide file may have left out hundreds: eight named, the rest counted.
      const out = d.meta.leftOut ?? [];
      const leftOut = out.length ? `; left out ${out.slice(0, 8).map((c) => `"${c}"`).join(', ')}${out.length > 8 ? ` and ${out.length - 8} more columns` : ''}` : '';
      const dropped = d.meta.droppedRows ? `; ${d.meta.droppedRows} ${d.meta.droppedRows === 1 ? 'row' : 'rows'} with a missing value dropped` : '';
      const values = d.meta.notMissing?.length ? `; ${d.meta.notMissing.map((v) => `"${v}"`).join(', ')} read as ${d.meta.notMissing.length === 1 ? 'a value' : 'values'}, not as missing` : '';
      return {
        ...common, kind: 'csv', description: `Imported CSV, target "${d.meta.target}" (${d.meta.task})${leftOut}${dropped}${values}`,
        ref: { csv: d.source, target: d.meta.target, task: d.meta.task, ...(d.meta.notMissing?.length ? { notMissing: d.meta.notMissing } : {}) },
      };
    });
    return [...builtins, ...imported];
  }
}

/**
 * What a file-based data set is kept by (`DataSets.fileData`): each file's path, size and time of
 * change, and the options its CSV is read with; or why a file cannot be read.
 */
function fileKey(d: Extract<Spec['dataset'], { csv: string } | { idx: string }>): { key: string; files: string[] } | { issues: Issue[] } {
  const files = 'csv' in d ? [d.csv] : [d.idx, d.labels];
  const stamps: string[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const st = statSync(resolve(file));
      stamps.push(`${resolve(file)}:${st.size}:${st.mtimeMs}`);
    } catch (e) {
      const key = 'csv' in d ? 'dataset.csv' : i === 0 ? 'dataset.idx' : 'dataset.labels';
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message;
      return { issues: [{ path: key, message: `cannot read "${file}": ${why}; import the data set again, or choose another` }] };
    }
  }
  const key = JSON.stringify([stamps, 'csv' in d ? [d.target, d.task ?? null, d.exclude ?? [], d.missing ?? 'refuse', d.numbers ?? DEFAULT_CSV_NUMBERS, normalNotMissing(d.notMissing ?? [])] : []]);
  return { key, files };
}

/**
 * A file-based data set as `DataSets.fileData` keeps it: loaded, or why it cannot be; when it is
 * let go of; and, where its read was the data set's own (on the CSV worker, or an import), the page
 * of that read, which the data set's page then takes without reading the file again.
 */
interface FileSet {
  dataset: Dataset | null;
  issues: Issue[];
  release: ReturnType<typeof setTimeout> | null;
  page?: CsvPreview | null;
}

/** Whether a spec reads its file whole, as the data set was imported (its listed figures are then the read's): no column or row left out, numbers read as this build reads them. */
function readsWhole(d: Spec['dataset']): boolean {
  return !('csv' in d) || (!d.exclude?.length && d.missing !== 'drop' && d.numbers !== 'plain');
}

/** What refuses a file-based data set, as the editor's check shows it: a header's column named by its key (the target, a column left out), else on the data set. */
function fileIssue(d: Spec['dataset'], e: BadInputError): Issue {
  const header = 'csv' in d && e instanceof DataError && e.row === 1 && e.column !== undefined;
  const path = !header ? 'dataset' : e.column === d.target ? 'dataset.target' : d.exclude?.includes(e.column!) ? 'dataset.exclude' : 'dataset';
  return { path, message: e.message };
}

/** A data set's page from a preview of its file (its first rows and what each column holds) and its listed classes. */
function pageOf(d: DatasetSummary, name: string, p: CsvPreview): DatasetPreview {
  return { name, header: p.header, rows: p.rows, totalRows: p.totalRows, classes: d.classes, classCounts: d.classCounts, columns: p.columns };
}

/** What an imported data set's row lists of its contents: task, rows, features, and each class's rows (none for a regression target). */
function contentsOf(ds: Dataset): Pick<ImportedDataset['meta'], 'task' | 'rows' | 'features' | 'classes' | 'classCounts'> {
  const classCounts = new Array<number>(ds.task === 'classification' ? ds.classNames?.length ?? 0 : 0).fill(0);
  if (ds.task === 'classification') for (const y of ds.y) classCounts[y]++;
  return { task: ds.task, rows: ds.nRows, features: ds.nFeatures, classes: ds.classNames ?? [], classCounts };
}

/** A file name from a search name: letters, digits, dot, dash and underscore only. */
export function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'search';
}
