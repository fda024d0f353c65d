import { BadInputError, NotFoundError } from '../../errors';
import { now, type Connection } from '../connection';
import type { ProjectRow } from '../rows';

/** Projects: each holds searches; names are unique. */
export class Projects {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      byId: c.statement(`SELECT * FROM projects WHERE id = ?`),
      byName: c.statement(`SELECT * FROM projects WHERE name = ?`),
      insert: c.statement(`INSERT INTO projects (name, created_at) VALUES (?, ?)`),
      clash: c.statement(`SELECT id FROM projects WHERE name = ? AND id != ?`),
      rename: c.statement(`UPDATE projects SET name = ? WHERE id = ?`),
      delete: c.statement(`DELETE FROM projects WHERE id = ?`),
      list: c.statement(`SELECT * FROM projects ORDER BY name`),
    };
  }

  /** A project by id, or undefined. */
  get(id: number): ProjectRow | undefined {
    return this.q.byId().get(id) as ProjectRow | undefined;
  }

  /** A project by id; a NotFoundError when there is none. */
  need(id: number): ProjectRow {
    const p = this.get(id);
    if (!p) throw new NotFoundError(`No project ${id}`);
    return p;
  }

  /** A project by name, or undefined. */
  named(name: string): ProjectRow | undefined {
    return this.q.byName().get(name) as ProjectRow | undefined;
  }

  /** The project with this name, created when missing. */
  ensure(name: string): ProjectRow {
    const found = this.named(name);
    if (found) return found;
    return this.need(Number(this.q.insert().run(name, now()).lastInsertRowid));
  }

  /** Create a project; a BadInputError (issue on `name`) when the name is taken. */
  create(name: string): ProjectRow {
    if (this.named(name)) throw taken(`A project named "${name}" already exists; choose another name`);
    return this.ensure(name);
  }

  /** Every project, by name. */
  list(): ProjectRow[] {
    return this.q.list().all() as ProjectRow[];
  }

  /** Rename a project: a NotFoundError when it does not exist, a BadInputError (issue on `name`) when the name is taken. */
  rename(id: number, name: string): ProjectRow {
    this.need(id);
    if (this.q.clash().get(name, id)) throw taken(`A project named "${name}" already exists; choose another name`);
    this.q.rename().run(name, id);
    return this.need(id);
  }

  /** Delete a project with its searches, trials and epochs. */
  delete(id: number): void {
    this.q.delete().run(id);
  }
}

/** A name already used: bad input pointing at the `name` field. */
export function taken(message: string): BadInputError {
  return new BadInputError(message, [{ path: 'name', message: 'already used; choose another name' }]);
}
