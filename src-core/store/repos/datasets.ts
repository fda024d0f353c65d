import { NotFoundError } from '../../errors';
import { now, type Connection } from '../connection';
import type { ImportedDataset } from '../rows';

type Row = { id: number; name: string; source: string; meta: string; created_at: string };
const imported = (r: Row): ImportedDataset => ({ id: r.id, name: r.name, source: r.source, meta: JSON.parse(r.meta), createdAt: r.created_at });

/** Imported data sets (CSV, IDX): the copy kept beside the database and what the import learned about it. */
export class Datasets {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      list: c.statement(`SELECT * FROM datasets ORDER BY name`),
      byId: c.statement(`SELECT * FROM datasets WHERE id = ?`),
      insert: c.statement(`INSERT INTO datasets (name, source, meta, created_at) VALUES (?, ?, ?, ?)`),
      delete: c.statement(`DELETE FROM datasets WHERE id = ?`),
      setMeta: c.statement(`UPDATE datasets SET meta = ? WHERE id = ?`),
    };
  }

  /** Every imported data set, by name. */
  list(): ImportedDataset[] {
    return (this.q.list().all() as Row[]).map(imported);
  }

  /** An imported data set by id, or undefined. */
  get(id: number): ImportedDataset | undefined {
    const r = this.q.byId().get(id) as Row | undefined;
    return r && imported(r);
  }

  /** An imported data set by id; a NotFoundError when there is none. */
  need(id: number): ImportedDataset {
    const d = this.get(id);
    if (!d) throw new NotFoundError(`No imported data set ${id}`);
    return d;
  }

  /** Record an imported data set. */
  add(name: string, source: string, meta: ImportedDataset['meta']): ImportedDataset {
    return this.need(Number(this.q.insert().run(name, source, JSON.stringify(meta), now()).lastInsertRowid));
  }

  /** Replace what is known about an imported data set's contents (its file read again by a newer reader). */
  setMeta(id: number, meta: ImportedDataset['meta']): void {
    this.q.setMeta().run(JSON.stringify(meta), id);
  }

  /** Forget an imported data set (its files are the caller's to remove). */
  delete(id: number): void {
    this.q.delete().run(id);
  }
}
