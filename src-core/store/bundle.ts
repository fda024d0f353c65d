import { createHash, randomBytes } from 'node:crypto';
import { nameProblem } from '../api/names';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { outputTarget, replaceWith, writeThrough } from '../util/outfile';
import Database from 'better-sqlite3';
import { BadInputError, KnobsError, StoreError } from '../errors';
import { explainStoreError, now, type Connection } from './connection';
import { BUNDLE_APPLICATION_ID } from './identity';
import { checkDataUnchanged } from './datahash';
import { makeFolder } from './location';
import { migrate, SCHEMA_VERSION } from './migrations';

/**
 * Project bundles: one project carried from one database to another as a single SQLite file.
 *
 * The bundle holds the project's rows in the store's own tables (created from the store's own
 * CREATE statements), found by schema introspection: `projects` is the root, and every table with
 * a foreign key to a carried table is carried too, row by row where its keys point at carried rows
 * (searches, rounds, trials, packed epochs, diagnostics, test evaluations, and whatever later
 * migrations add). Ids are renumbered densely from 1 in the bundle and assigned afresh on import;
 * foreign keys follow the renumbering, so columns added later travel without code changes.
 * Imported data sets a search reads travel as their files (`knobs_bundle_files`, by SHA-256) with
 * their `datasets` row; paths in the bundle read `bundle:<sha256>`. The manifest
 * (`knobs_bundle`: format, format version, schema version, per-table row counts and SHA-256 of
 * the rows) lets an import refuse a damaged, truncated or newer bundle before touching anything.
 *
 * @example
 *   store.bundles.exportProject(3, 'digits.knobs', { knobsVersion: '0.1.0' });
 *   other.bundles.importFile('digits.knobs', { datasetsDir, reservedDatasetNames: ['digits'] });
 *   // → { project: 'digits (2)', renamedFrom: 'digits', … } when "digits" was taken
 */
export const BUNDLE_FORMAT = 'knobs-bundle';
/** The bundle layout this code writes and the newest it reads. */
export const BUNDLE_VERSION = 1;
const MANIFEST = 'knobs_bundle';
const FILES = 'knobs_bundle_files';
const FILE_REF = 'bundle:';
/** Tables that hold data sets by path, carried beside the project's own rows. */
const DATASETS = 'datasets';

/** What an export wrote. */
export interface BundleExport {
  file: string;
  project: string;
  bytes: number;
  rows: Record<string, number>;
  /** Data set files the project's searches read (copied into the bundle). */
  files: { path: string; bytes: number }[];
  /** Data set files a search names that were not found (the bundle carries the results without them). */
  missing: string[];
}

/** What an import did, in words a person can check. */
export interface BundleImport {
  projectId: number;
  project: string;
  /** The bundle's project name when it was taken here (the imported one got `project` instead). */
  renamedFrom: string | null;
  rows: Record<string, number>;
  datasets: { name: string; renamedFrom: string | null; reused: boolean }[];
  /** One sentence per thing the user should know (renames, reused data sets). */
  messages: string[];
  /** The data files written beside the database: imported data sets' and the files searches' specs read. */
  files: string[];
}

interface ForeignKey { column: string; table: string; to: string }
interface TableInfo { name: string; sql: string; columns: string[]; id: string | null; order: string; fks: ForeignKey[] }

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Tables of a database with their columns, rowid-alias id, foreign keys and a stable row order. */
function tablesOf(db: Database.Database): Map<string, TableInfo> {
  const out = new Map<string, TableInfo>();
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string; sql: string }[];
  for (const { name, sql } of rows) {
    const cols = db.prepare(`PRAGMA table_info(${q(name)})`).all() as { name: string; type: string; pk: number }[];
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*$/i.test(sql);
    const id = pk.length === 1 && pk[0].type.toUpperCase() === 'INTEGER' && !withoutRowid ? pk[0].name : null;
    const fks = (db.prepare(`PRAGMA foreign_key_list(${q(name)})`).all() as { from: string; table: string; to: string | null }[])
      .map((f) => ({ column: f.from, table: f.table, to: f.to ?? 'id' }));
    const order = id ? q(id) : pk.length > 0 ? pk.map((c) => q(c.name)).join(', ') : 'rowid';
    out.set(name, { name, sql, columns: cols.map((c) => c.name), id, order, fks });
  }
  return out;
}

/**
 * The tables a project owns, parents first: `projects`, then every table whose foreign keys
 * (other than to itself) all point at owned tables or at `datasets`. A table with a key to
 * anything else cannot travel, and says so.
 */
function ownedTables(tables: Map<string, TableInfo>): TableInfo[] {
  const owned: TableInfo[] = [tables.get('projects')!];
  const names = new Set(['projects']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tables.values()) {
      if (names.has(t.name) || t.name === DATASETS) continue;
      const parents = t.fks.filter((f) => f.table !== t.name);
      if (parents.length === 0 || !parents.some((f) => names.has(f.table))) continue;
      if (!parents.every((f) => names.has(f.table) || f.table === DATASETS || isOwnedLater(tables, f.table, t.name))) {
        throw new Error(`Table ${t.name} has a foreign key to a table a project bundle cannot carry (${parents.map((f) => f.table).join(', ')})`);
      }
      if (!parents.every((f) => names.has(f.table) || f.table === DATASETS)) continue;
      for (const f of [...parents, ...t.fks.filter((x) => x.table === t.name)]) {
        const target = f.table === t.name ? t : f.table === DATASETS ? tables.get(DATASETS) : tables.get(f.table);
        if (!target || target.id !== f.to) throw new Error(`Table ${t.name}: foreign key ${f.column} → ${f.table}(${f.to}) does not point at a rowid id; a project bundle cannot renumber it`);
      }
      owned.push(t);
      names.add(t.name);
      grew = true;
    }
  }
  return owned;
}

/** Whether `table` reaches `projects` through foreign keys (so it will be owned once its parents are). */
function isOwnedLater(tables: Map<string, TableInfo>, table: string, from: string, seen = new Set<string>()): boolean {
  if (table === 'projects') return true;
  if (seen.has(table) || table === from) return false;
  seen.add(table);
  const t = tables.get(table);
  return !!t && t.fks.some((f) => f.table !== table && isOwnedLater(tables, f.table, from, seen));
}

/** SHA-256 over a table's rows in a stable order (type-tagged, length-prefixed), so any changed value shows. */
function digestOf(db: Database.Database, t: TableInfo): { rows: number; sha256: string } {
  const h = createHash('sha256');
  let rows = 0;
  const st = db.prepare(`SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${t.order}`).raw(true);
  for (const row of st.iterate() as Iterable<unknown[]>) {
    rows++;
    for (const v of row) {
      if (v === null) h.update('n;');
      else if (typeof v === 'number' || typeof v === 'bigint') h.update(`d${String(v)};`);
      else if (typeof v === 'string') h.update(`s${Buffer.byteLength(v)}:`).update(v);
      else if (Buffer.isBuffer(v)) h.update(`b${v.length}:`).update(v);
      else h.update(`?${String(v)};`);
    }
    h.update('\n');
  }
  return { rows, sha256: h.digest('hex') };
}

/** A file name's extension with a compression suffix kept ("x.idx.gz" → ".idx.gz"), letters and digits only. */
function fullExtension(path: string): string {
  const name = basename(path);
  const m = /((?:\.[A-Za-z0-9]{1,8})?\.(?:gz|gzip))$|(\.[A-Za-z0-9]{1,8})$/.exec(name);
  return m ? (m[1] ?? m[2]) : '';
}

/** Row counts and SHA-256 of tables of an open bundle, as its manifest records them (tests recompute them to craft bundles). */
export function bundleDigests(db: Database.Database, names: readonly string[]): Record<string, { rows: number; sha256: string }> {
  const tables = tablesOf(db);
  return Object.fromEntries(names.map((n) => [n, digestOf(db, tables.get(n)!)]));
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The data set files a stored spec reads (CSV, or IDX images and labels). */
function specFiles(spec: unknown): string[] {
  const ds = (spec as { dataset?: Record<string, unknown> } | null)?.dataset;
  if (!ds || typeof ds !== 'object') return [];
  const out: string[] = [];
  for (const k of ['csv', 'idx', 'labels']) if (typeof ds[k] === 'string') out.push(ds[k] as string);
  return out;
}

/** A spec with its data set paths rewritten by `map` (and its project renamed when `project` is given). */
function rewriteSpec(text: string, map: (path: string) => string, project?: string): string {
  const spec = JSON.parse(text) as { dataset?: Record<string, unknown>; project?: unknown };
  if (spec.dataset && typeof spec.dataset === 'object') {
    for (const k of ['csv', 'idx', 'labels']) if (typeof spec.dataset[k] === 'string') spec.dataset[k] = map(spec.dataset[k] as string);
  }
  if (project !== undefined && 'project' in spec) spec.project = project;
  return JSON.stringify(spec);
}

/** `name`, else `name (2)`, `name (3)`… : the first not in `taken`. */
function freeName(name: string, taken: (n: string) => boolean): string {
  let unique = name;
  for (let i = 2; taken(unique); i++) unique = `${name} (${i})`;
  return unique;
}

const refused = (file: string, why: string): BadInputError =>
  new BadInputError(`"${basename(file)}" cannot be imported: ${why}. Nothing was imported; the database is unchanged.`, [{ path: 'file', message: why }]);

/** A project as a bundle file and a bundle file as a new project; see the module comment. */
export class Bundles {
  constructor(private readonly c: Connection) {}

  /** Write project `projectId` to `file` (through a temporary file and a rename, so a failed export leaves no half file). */
  exportProject(projectId: number, file: string, opts: { knobsVersion: string }): BundleExport {
    const src = this.c.db;
    const project = src.prepare(`SELECT name FROM projects WHERE id = ?`).get(projectId) as { name: string } | undefined;
    if (!project) throw new BadInputError(`No project ${projectId} to export`);
    // The bundle carries its searches' data files: each must be the one its search trained on.
    // (SELECT *: a database at an older schema has no data_sha256, and nothing to check.)
    for (const s of src.prepare(`SELECT * FROM searches WHERE project_id = ?`).all(projectId) as { id: number; spec: string; data_sha256?: string | null }[]) checkDataUnchanged(s);
    const tables = tablesOf(src);
    const owned = ownedTables(tables);
    const out = resolve(file);
    // A regular file is replaced through a temporary file beside it (a link followed, the mode kept); a device or FIFO is written through from a temporary file elsewhere.
    const target = outputTarget(file);
    const tmp = target.direct ? join(tmpdir(), `knobs-bundle-${process.pid}-${randomBytes(4).toString('hex')}.partial`) : `${target.path}.partial-${process.pid}`;
    rmSync(tmp, { force: true });
    const dst = new Database(tmp);
    try {
      dst.pragma('journal_mode = OFF');
      dst.pragma('synchronous = OFF');
      dst.pragma(`application_id = ${BUNDLE_APPLICATION_ID}`);
      dst.pragma(`user_version = ${Number(src.pragma('user_version', { simple: true }))}`);
      const carried = [...owned, tables.get(DATASETS)!];
      dst.transaction(() => {
        for (const t of carried) dst.exec(t.sql);
        for (const ix of src.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`).all(JSON.stringify(carried.map((t) => t.name))) as { sql: string }[]) dst.exec(ix.sql);
        dst.exec(`CREATE TABLE ${MANIFEST} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
        dst.exec(`CREATE TABLE ${FILES} (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, bytes BLOB NOT NULL)`);
      })();
      const ids = new Map<string, Map<number, number>>();
      const files = new Map<string, string>();
      const missing: string[] = [];
      const addFile = dst.prepare(`INSERT OR IGNORE INTO ${FILES} (sha256, name, bytes) VALUES (?, ?, ?)`);
      const fileRef = (path: string, name = basename(path)): string => {
        const known = files.get(path);
        if (known) return known;
        if (!existsSync(path)) {
          if (!missing.includes(path)) missing.push(path);
          return path;
        }
        const bytes = readFileSync(path);
        const ref = `${FILE_REF}${sha256(bytes)}`;
        addFile.run(ref.slice(FILE_REF.length), name, bytes);
        files.set(path, ref);
        return ref;
      };
      const rows: Record<string, number> = {};
      dst.transaction(() => {
        const dsTable = tables.get(DATASETS)!;
        const searchSpecs = src.prepare(`SELECT spec FROM searches WHERE project_id = ?`).all(projectId) as { spec: string }[];
        const paths = new Set(searchSpecs.flatMap((s) => specFiles(JSON.parse(s.spec))));
        const dsIds = new Map<number, number>();
        ids.set(DATASETS, dsIds);
        const dsRows = (src.prepare(`SELECT * FROM ${q(DATASETS)} ORDER BY id`).all() as Record<string, unknown>[])
          .filter((d) => {
            const labels = (JSON.parse(d.meta as string) as { labels?: unknown }).labels;
            // A data set whose files are gone travels as the searches' paths only: a row must name files the bundle holds.
            return paths.has(d.source as string) && existsSync(d.source as string) && (typeof labels !== 'string' || existsSync(labels));
          });
        rows[DATASETS] = 0;
        for (const d of dsRows) {
          const meta = JSON.parse(d.meta as string) as { labels?: string };
          const idx = typeof meta.labels === 'string';
          const source = fileRef(d.source as string, `${d.name as string}${idx ? '-images' : ''}${fullExtension(d.source as string)}`);
          if (typeof meta.labels === 'string') meta.labels = fileRef(meta.labels, `${d.name as string}-labels${fullExtension(meta.labels)}`);
          const row = { ...d, id: dsIds.size + 1, source, meta: JSON.stringify(meta) };
          dsIds.set(d.id as number, row.id);
          insertRow(dst, dsTable, row, true);
          rows[DATASETS]++;
        }
        for (const t of owned) rows[t.name] = copyOwned(src, dst, t, ids, (row) => {
          if (t.name === 'projects' && row.id !== projectId) return false;
          if (t.name === 'searches' && typeof row.spec === 'string') row.spec = rewriteSpec(row.spec, fileRef);
          if ((t.name === 'searches' || t.name === 'trials') && row.status === 'running') row.status = 'interrupted';
          return true;
        }, projectId);
      })();
      const manifest: Record<string, string> = {
        format: BUNDLE_FORMAT,
        format_version: String(BUNDLE_VERSION),
        schema_version: String(src.pragma('user_version', { simple: true })),
        knobs_version: opts.knobsVersion,
        exported_at: now(),
        project: project.name,
        tables: JSON.stringify(Object.fromEntries(carried.map((t) => [t.name, digestOf(dst, t)]))),
        files: String(files.size),
      };
      const put = dst.prepare(`INSERT INTO ${MANIFEST} (key, value) VALUES (?, ?)`);
      dst.transaction(() => {
        for (const [k, v] of Object.entries(manifest)) put.run(k, v);
      })();
      dst.close();
      const bytes = statSync(tmp).size;
      if (target.direct) {
        writeThrough(target.path, readFileSync(tmp));
        rmSync(tmp, { force: true });
      } else {
        replaceWith(tmp, target);
      }
      const fileList = [...files.keys()].map((path) => ({ path, bytes: readFileSync(path).length }));
      return { file: out, project: project.name, bytes, rows, files: fileList, missing };
    } catch (e) {
      if (dst.open) dst.close();
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Add the project in bundle `file` to this database as a new project: new ids, the name made
   * unique ("digits (2)"), its data set files written to `datasetsDir` (a data set with the same
   * name and the same bytes is reused). A damaged, truncated, foreign or newer bundle is refused
   * with a BadInputError before anything is written.
   */
  importFile(file: string, opts: { datasetsDir: string; reservedDatasetNames?: readonly string[]; shownAs?: string }): BundleImport {
    const shown = opts.shownAs ?? file;
    let b: Database.Database | undefined;
    const written: string[] = [];
    try {
      b = openVerified(file, shown);
      const mine = tablesOf(this.c.db);
      const theirs = tablesOf(b);
      for (const t of theirs.values()) {
        if (t.name === MANIFEST || t.name === FILES) continue;
        const here = mine.get(t.name);
        if (!here) throw refused(shown, `it holds a table "${t.name}" this Knobs does not know`);
        const extra = t.columns.filter((c) => !here.columns.includes(c));
        if (extra.length > 0) throw refused(shown, `its table "${t.name}" has columns this Knobs does not know (${extra.join(', ')})`);
      }
      const owned = ownedTables(mine).filter((t) => theirs.has(t.name));
      const manifestProject = (b.prepare(`SELECT value FROM ${MANIFEST} WHERE key = 'project'`).get() as { value: string }).value;
      const projects = b.prepare(`SELECT name FROM projects`).all() as { name: string }[];
      if (projects.length !== 1 || projects[0].name !== manifestProject) throw refused(shown, 'it must hold exactly the one project its manifest names');
      // Names are printed in lists and terminal lines: one from elsewhere must be one line of printable text, as a name typed here.
      const badName = (what: string, n: unknown): void => {
        const problem = typeof n === 'string' ? nameProblem(n) : 'is not text';
        if (problem) throw refused(shown, `its ${what} ${JSON.stringify(n)} has a name that ${problem}`);
      };
      badName('project', projects[0].name);

      const db = this.c.db;
      const projectTaken = (n: string): boolean => !!db.prepare(`SELECT 1 FROM projects WHERE name = ?`).get(n);
      const original = projects[0].name;
      const name = freeName(original, projectTaken);
      const messages: string[] = [];
      if (name !== original) messages.push(`A project named "${original}" already exists here; the imported one is "${name}".`);

      const reserved = new Set(opts.reservedDatasetNames ?? []);
      const here = db.prepare(`SELECT * FROM ${q(DATASETS)}`).all() as Record<string, unknown>[];
      const fileBytes = (ref: string): Buffer => {
        const r = b!.prepare(`SELECT bytes FROM ${FILES} WHERE sha256 = ?`).get(ref.slice(FILE_REF.length)) as { bytes: Buffer } | undefined;
        if (!r) throw refused(shown, `it names a data set file ${ref} it does not hold`);
        return r.bytes;
      };
      const paths = new Map<string, string>();
      /**
       * The path a bundle's file gets here. A data set's file is its own (deleting the data set
       * deletes it), so it is always written afresh. A file a search's spec reads by path belongs
       * to no data set: it is named by its content, and a file of that name with the same bytes (an
       * earlier import of this bundle, or of another that carried it) is read, not written again.
       */
      const place = (ref: string, stem: string, shared = false): string => {
        if (!ref.startsWith(FILE_REF)) return ref;
        const known = paths.get(ref);
        if (known) return known;
        const row = b!.prepare(`SELECT name FROM ${FILES} WHERE sha256 = ?`).get(ref.slice(FILE_REF.length)) as { name: string } | undefined;
        const ext = fullExtension(row?.name ?? '') || '.dat';
        // A file no data set owns keeps its own name's stem ("b.csv" → "b-<hash>.csv"), so a search list naming it still reads as the file it was.
        const own = shared && row?.name ? basename(row.name).slice(0, basename(row.name).length - fullExtension(row.name).length) : '';
        const base = (own || stem).replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'data';
        if (shared) {
          const path = join(opts.datasetsDir, `${base}-${ref.slice(FILE_REF.length, FILE_REF.length + 16)}${ext}`);
          if (sameBytes(path, ref)) {
            paths.set(ref, path);
            messages.push(`The data file ${row?.name ?? ref} is already here with the same bytes (${path}); the imported searches read it.`);
            return path;
          }
          if (!existsSync(path)) return write(ref, path);
        }
        return write(ref, join(opts.datasetsDir, `${base}-${Date.now()}-${written.length}${ext}`));
      };
      const write = (ref: string, path: string): string => {
        makeFolder(opts.datasetsDir, 'the data sets it imports');
        try {
          writeFileSync(path, fileBytes(ref), { flag: 'wx' });
        } catch (e) {
          const code = String((e as NodeJS.ErrnoException).code ?? '');
          const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : (e as Error).message;
          const message = `Cannot write the data file ${path}: ${why}`;
          throw code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' ? new StoreError(message) : new BadInputError(message, [{ path: 'db', message: why }]);
        }
        written.push(path);
        paths.set(ref, path);
        return path;
      };
      const sameBytes = (path: unknown, ref: string): boolean => {
        if (typeof path !== 'string' || !existsSync(path)) return false;
        return sha256(readFileSync(path)) === ref.slice(FILE_REF.length);
      };

      const dsTable = mine.get(DATASETS)!;
      const dsIds = new Map<number, number>();
      const datasets: BundleImport['datasets'] = [];
      const rows: Record<string, number> = {};
      const bundleDatasets = theirs.has(DATASETS) ? (b.prepare(`SELECT * FROM ${q(DATASETS)} ORDER BY id`).all() as Record<string, unknown>[]) : [];
      const result = this.c.transaction(() => {
        rows[DATASETS] = 0;
        for (const d of bundleDatasets) {
          const meta = JSON.parse(d.meta as string) as { labels?: string };
          const dsName = d.name as string;
          badName('data set', dsName);
          // A data set row names files the bundle holds; a path (say /home/you/notes.txt) would become a data set whose delete removes that file.
          for (const ref of [d.source, meta.labels]) {
            if (ref !== undefined && (typeof ref !== 'string' || !ref.startsWith(FILE_REF))) throw refused(shown, `its data set "${String(dsName)}" names a file outside the bundle (${String(ref).slice(0, 80)})`);
          }
          const twin = here.find((x) => x.name === dsName && sameBytes(x.source, d.source as string) &&
            (typeof meta.labels !== 'string' || sameBytes((JSON.parse(x.meta as string) as { labels?: string }).labels, meta.labels)));
          if (twin) {
            dsIds.set(d.id as number, twin.id as number);
            paths.set(d.source as string, twin.source as string);
            if (typeof meta.labels === 'string') paths.set(meta.labels, (JSON.parse(twin.meta as string) as { labels: string }).labels);
            datasets.push({ name: dsName, renamedFrom: null, reused: true });
            messages.push(`The data set "${dsName}" is already here with the same data; the imported searches use it.`);
            continue;
          }
          const unique = freeName(dsName, (n) => reserved.has(n) || !!db.prepare(`SELECT 1 FROM ${q(DATASETS)} WHERE name = ?`).get(n));
          if (unique !== dsName) messages.push(`A data set named "${dsName}" already exists here (with other data); the imported one is "${unique}".`);
          if (typeof meta.labels === 'string') meta.labels = place(meta.labels, `${unique}-labels`);
          const row: Record<string, unknown> = { ...d, name: unique, source: place(d.source as string, unique), meta: JSON.stringify(meta) };
          delete row.id;
          dsIds.set(d.id as number, Number(insertRow(db, dsTable, row, false).lastInsertRowid));
          datasets.push({ name: unique, renamedFrom: unique === dsName ? null : dsName, reused: false });
          rows[DATASETS]++;
        }
        const ids = new Map<string, Map<number, number>>([[DATASETS, dsIds]]);
        let projectId = 0;
        for (const t of owned) {
          rows[t.name] = copyOwned(b!, db, t, ids, (row) => {
            if (t.name === 'projects') row.name = name;
            if (t.name === 'searches') badName('search', row.name);
            if (t.name === 'searches' && typeof row.spec === 'string') row.spec = rewriteSpec(row.spec, (p) => place(p, 'data', true), name);
            return true;
          }, null, true);
          if (t.name === 'projects') projectId = [...ids.get('projects')!.values()][0];
        }
        return projectId;
      })();
      return { projectId: result, project: name, renamedFrom: name === original ? null : original, rows, datasets, messages, files: [...written] };
    } catch (e) {
      for (const f of written) rmSync(f, { force: true });
      if (e instanceof KnobsError) throw e;
      const code = String((e as { code?: unknown }).code ?? '');
      if (e instanceof SyntaxError || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH') throw refused(shown, `its rows do not fit this database (${(e as Error).message})`);
      throw explainStoreError(e, this.c.path);
    } finally {
      if (b?.open) b.close();
    }
  }
}

/**
 * Copy table `t`'s rows whose foreign keys point at copied rows from `from` to `to`, renumbering
 * ids (densely from 1 when exporting, by SQLite when importing) and following the renumbering in
 * every foreign key; a key to itself (a re-run's parent) is set once the whole table is in, NULL
 * when its target did not come along. `keep` may edit a row or drop it. Returns the rows copied.
 */
function copyOwned(
  from: Database.Database, to: Database.Database, t: TableInfo, ids: Map<string, Map<number, number>>,
  keep: (row: Record<string, unknown>) => boolean, rootId: number | null, fresh = false,
): number {
  const parents = t.fks.filter((f) => f.table !== t.name);
  const selfs = t.fks.filter((f) => f.table === t.name);
  const where: string[] = [];
  const params: unknown[] = [];
  if (t.name === 'projects' && rootId !== null) {
    where.push(`${q(t.id!)} = ?`);
    params.push(rootId);
  }
  const owning = parents.filter((f) => f.table !== DATASETS);
  if (owning.length > 0) {
    for (const f of owning) {
      where.push(`(${q(f.column)} IS NULL OR ${q(f.column)} IN (SELECT value FROM json_each(?)))`);
      params.push(JSON.stringify([...(ids.get(f.table)?.keys() ?? [])]));
    }
    where.push(`(${owning.map((f) => `${q(f.column)} IS NOT NULL`).join(' OR ')})`);
  }
  const st = from.prepare(`SELECT * FROM ${q(t.name)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${t.order}`);
  const mine = new Map<number, number>();
  ids.set(t.name, mine);
  const deferred: [number, string, number][] = [];
  let n = 0;
  for (const row of st.iterate(...params) as Iterable<Record<string, unknown>>) {
    if (!keep(row)) continue;
    for (const f of parents) {
      const v = row[f.column];
      if (v === null || v === undefined) continue;
      const mapped = ids.get(f.table)?.get(Number(v));
      row[f.column] = mapped ?? null;
    }
    const oldId = t.id ? Number(row[t.id]) : 0;
    for (const f of selfs) {
      const v = row[f.column];
      if (v !== null && v !== undefined) deferred.push([oldId, f.column, Number(v)]);
      row[f.column] = null;
    }
    if (t.id) {
      if (fresh) delete row[t.id];
      else row[t.id] = mine.size + 1;
    }
    const r = insertRow(to, t, row, !fresh);
    if (t.id) mine.set(oldId, fresh ? Number(r.lastInsertRowid) : (row[t.id] as number));
    n++;
  }
  for (const [oldId, column, target] of deferred) {
    const mapped = mine.get(target);
    if (mapped !== undefined) to.prepare(`UPDATE ${q(t.name)} SET ${q(column)} = ? WHERE ${q(t.id!)} = ?`).run(mapped, mine.get(oldId));
  }
  return n;
}

/** Insert a row's values by column name (only the columns the row has; the id too when `withId`). */
function insertRow(db: Database.Database, t: TableInfo, row: Record<string, unknown>, withId: boolean): Database.RunResult {
  const cols = t.columns.filter((c) => c in row && (withId || c !== t.id));
  const sql = `INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st.run(...cols.map((c) => row[c]));
}

/** Insert statements per connection, prepared once per column list. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Open a bundle as an in-memory copy, check it through and bring it to this Knobs' schema: an SQLite file
 * (header, integrity check), a Knobs bundle (application id, manifest, format), not newer than
 * this Knobs (format and schema versions), every table's rows and every file as the manifest says.
 * Refusals are BadInputErrors naming the file and what was wrong.
 */
function openVerified(file: string, shown = file): Database.Database {
  if (!existsSync(file)) throw new BadInputError(`No file "${file}" to import`, [{ path: 'file', message: 'no such file' }]);
  if (statSync(file).isDirectory()) throw refused(shown, 'it is a folder, not a bundle file (an export from "knobs bundle export" or Export project… is one file)');
  const head = Buffer.alloc(100);
  let got: number;
  try {
    const fd = openSync(file, 'r');
    try {
      got = readSync(fd, head, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refused(shown, `it cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message})`);
  }
  if (got < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) throw refused(shown, 'it is not a Knobs bundle (not an SQLite file; an export from "knobs bundle export" or Export project… is)');
  let b: Database.Database;
  const bytes = readFileSync(file);
  // A database in WAL mode (header bytes 18–19 = 2) opens in memory only as a rollback-journal one.
  if (bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  try {
    b = new Database(bytes);
  } catch (e) {
    throw refused(shown, `it is damaged (${(e as Error).message})`);
  }
  try {
    let ok: unknown;
    let appId: number;
    try {
      ok = b.pragma('integrity_check', { simple: true });
      appId = b.pragma('application_id', { simple: true }) as number;
    } catch (e) {
      throw refused(shown, `it is damaged or truncated (${(e as Error).message})`);
    }
    if (ok !== 'ok') throw refused(shown, `it is damaged or truncated (SQLite's integrity check: ${String(ok).slice(0, 200)})`);
    const hasManifest = b.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${MANIFEST}'`).get();
    if (appId !== BUNDLE_APPLICATION_ID || !hasManifest) throw refused(shown, 'it is an SQLite file but not a Knobs bundle (no bundle manifest)');
    const m = Object.fromEntries((b.prepare(`SELECT key, value FROM ${MANIFEST}`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (m.format !== BUNDLE_FORMAT) throw refused(shown, `its manifest names the format "${String(m.format)}", not "${BUNDLE_FORMAT}"`);
    const fv = Number(m.format_version);
    const sv = Number(m.schema_version);
    if (!Number.isInteger(fv) || fv < 1 || !Number.isInteger(sv) || sv < 1) throw refused(shown, `its manifest is damaged (format version "${m.format_version}", schema version "${m.schema_version}")`);
    if (fv > BUNDLE_VERSION) throw refused(shown, `it was written by a newer Knobs (bundle format ${fv}; this Knobs reads up to ${BUNDLE_VERSION}). Update Knobs to import it`);
    if (sv > SCHEMA_VERSION) throw refused(shown, `it was written by a newer Knobs (database schema ${sv}; this Knobs knows up to ${SCHEMA_VERSION}). Update Knobs to import it`);
    const uv = b.pragma('user_version', { simple: true }) as number;
    if (uv !== sv) throw refused(shown, `it is damaged: its tables are at schema ${uv}, its manifest says ${sv}`);
    let listed: Record<string, { rows: number; sha256: string }>;
    try {
      listed = JSON.parse(m.tables ?? '') as typeof listed;
      if (!listed || typeof listed !== 'object' || !listed.projects) throw new Error('no projects');
    } catch {
      throw refused(shown, 'its manifest is damaged (the list of tables cannot be read)');
    }
    const tables = tablesOf(b);
    for (const name of tables.keys()) {
      if (name !== MANIFEST && name !== FILES && !(name in listed)) throw refused(shown, `it holds a table "${name}" its manifest does not list`);
    }
    for (const [name, want] of Object.entries(listed)) {
      const t = tables.get(name);
      if (!t) throw refused(shown, `its table "${name}" is missing`);
      const got = digestOf(b, t);
      if (got.rows !== want?.rows || got.sha256 !== want?.sha256) throw refused(shown, `it is damaged: table "${name}" holds ${got.rows} rows that do not match its manifest (${String(want?.rows)} rows, checksum ${String(want?.sha256).slice(0, 12)}…)`);
    }
    if (tables.has(FILES)) {
      for (const f of b.prepare(`SELECT sha256, name, bytes FROM ${FILES}`).iterate() as Iterable<{ sha256: string; name: string; bytes: Buffer }>) {
        if (!Buffer.isBuffer(f.bytes) || sha256(f.bytes) !== f.sha256) throw refused(shown, `it is damaged: the data set file "${f.name}" does not match its checksum`);
      }
    }
    const files = tables.has(FILES) ? (b.prepare(`SELECT COUNT(*) AS n FROM ${FILES}`).get() as { n: number }).n : 0;
    if (String(files) !== m.files) throw refused(shown, `it is damaged: it holds ${files} data set files, its manifest says ${String(m.files)}`);
    if (sv < SCHEMA_VERSION) {
      try {
        migrate(b, SCHEMA_VERSION);
      } catch (e) {
        throw refused(shown, `its tables could not be brought from schema ${sv} to ${SCHEMA_VERSION} (${(e as Error).message})`);
      }
    }
    return b;
  } catch (e) {
    b.close();
    if (e instanceof KnobsError) throw e;
    throw refused(shown, `it is damaged (${(e as Error).message})`);
  }
}
