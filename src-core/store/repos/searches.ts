import { NotFoundError } from '../../errors';
import { ENDED_SEARCH_STATUSES, type SearchStatus } from '../../vocabulary';
import { now, type Connection } from '../connection';
import type { SearchRow } from '../rows';
import { taken } from './projects';

const BASE = `SELECT s.*, p.name AS project FROM searches s JOIN projects p ON p.id = s.project_id`;
const SET_STATUS = `UPDATE searches SET status = @status, stop_reason = COALESCE(@stopReason, stop_reason), error = COALESCE(@error, error)`;

/** Searches: a spec, its planned trials and its status, in a project; names are unique within a project. */
export class Searches {
  private readonly q;
  private readonly createTx;

  constructor(c: Connection) {
    this.q = {
      byId: c.statement(`${BASE} WHERE s.id = ?`),
      byName: c.statement(`${BASE} WHERE s.name = ? ORDER BY s.id DESC LIMIT 1`),
      list: c.statement(`${BASE} ORDER BY s.id DESC`),
      ofProject: c.statement(`${BASE} WHERE s.project_id = ? ORDER BY s.id DESC`),
      nameUsed: c.statement(`SELECT 1 FROM searches WHERE project_id = ? AND name = ?`),
      running: c.statement(`SELECT id FROM searches WHERE status = 'running' ORDER BY id`),
      runner: c.statement(`SELECT id, status, runner_pid AS pid, runner_seen AS seen FROM searches WHERE id = ?`),
      insert: c.statement(`INSERT INTO searches (project_id, name, spec, status, planned_trials, created_at, parent_id) VALUES (?, ?, ?, 'queued', ?, ?, ?)`),
      children: c.statement(`${BASE} WHERE s.parent_id = ? ORDER BY s.id`),
      clash: c.statement(`SELECT 1 FROM searches WHERE project_id = ? AND name = ? AND id != ?`),
      rename: c.statement(`UPDATE searches SET name = ? WHERE id = ?`),
      dataHash: c.statement(`UPDATE searches SET data_sha256 = ? WHERE id = ?`),
      delete: c.statement(`DELETE FROM searches WHERE id = ?`),
      status: c.statement(`${SET_STATUS} WHERE id = @id`),
      started: c.statement(`${SET_STATUS}, started_at = COALESCE(started_at, @t), runner_pid = ${process.pid}, runner_seen = @t, runner_workers = COALESCE(@workers, runner_workers) WHERE id = @id`),
      seen: c.statement(`UPDATE searches SET runner_seen = ? WHERE id = ? AND status = 'running' AND runner_pid = ${process.pid}`),
      ended: c.statement(`${SET_STATUS}, finished_at = @t WHERE id = @id`),
    };
    this.createTx = c.transaction((projectId: number, name: string, spec: unknown, plannedTrials: number, parentId: number | null): SearchRow => {
      let unique = name;
      for (let i = 2; this.q.nameUsed().get(projectId, unique); i++) unique = `${name} (${i})`;
      return this.need(Number(this.q.insert().run(projectId, unique, JSON.stringify(spec), plannedTrials, now(), parentId).lastInsertRowid));
    });
  }

  /** A search by id or by name (the most recent of that name), or undefined. */
  get(idOrName: number | string): SearchRow | undefined {
    if (typeof idOrName === 'number' || /^\d+$/.test(idOrName)) {
      const byId = this.q.byId().get(Number(idOrName)) as SearchRow | undefined;
      if (byId || typeof idOrName === 'number') return byId;
    }
    return this.q.byName().get(idOrName) as SearchRow | undefined;
  }

  /** A search by id; a NotFoundError when there is none. */
  need(id: number): SearchRow {
    const s = this.get(id);
    if (!s) throw new NotFoundError(`No search ${id}`);
    return s;
  }

  /** Every search (of one project), newest first. */
  list(projectId?: number): SearchRow[] {
    return (projectId === undefined ? this.q.list().all() : this.q.ofProject().all(projectId)) as SearchRow[];
  }

  /** The ids of the searches marked running (by this process or another). */
  runningIds(): number[] {
    return (this.q.running().all() as { id: number }[]).map((r) => r.id);
  }

  /** Create a search, queued; a name already used in the project gets " (2)", " (3)", … `parentId`: the search a seed re-run runs again. */
  create(projectId: number, name: string, spec: unknown, plannedTrials: number, parentId: number | null = null): SearchRow {
    return this.createTx(projectId, name, spec, plannedTrials, parentId);
  }

  /** Keep the hashes of the data files search `id` reads (JSON from dataHashesOf; null for none). */
  setDataHash(id: number, hashes: string | null): void {
    this.q.dataHash().run(hashes, id);
  }

  /** The searches that run this one's trials again (seed re-runs), oldest first. */
  children(parentId: number): SearchRow[] {
    return this.q.children().all(parentId) as SearchRow[];
  }

  /** Rename a search: a NotFoundError when it does not exist, a BadInputError (issue on `name`) when its project has a search of that name. */
  rename(id: number, name: string): SearchRow {
    const s = this.need(id);
    if (this.q.clash().get(s.project_id, name, id)) throw taken(`Project "${s.project}" already has a search named "${name}"; choose another name`);
    this.q.rename().run(name, id);
    return this.need(id);
  }

  /** Set a search's status (and when it started or ended, why it stopped, and on starting, this process as its runner with the workers it trains on). */
  setStatus(id: number, status: SearchStatus, extra: { stopReason?: string | null; error?: string | null; workers?: number } = {}): void {
    const values = { id, status, stopReason: extra.stopReason ?? null, error: extra.error ?? null, t: now() };
    if (status === 'running') this.q.started().run({ ...values, workers: extra.workers ?? null });
    else ((ENDED_SEARCH_STATUSES as readonly string[]).includes(status) ? this.q.ended() : this.q.status()).run(values);
  }

  /** A search's status and the process that last ran it (its id and when it last said so), or undefined. */
  runner(id: number): { id: number; status: SearchStatus; pid: number | null; seen: string | null } | undefined {
    return this.q.runner().get(id) as { id: number; status: SearchStatus; pid: number | null; seen: string | null } | undefined;
  }

  /** Say that this process still runs the search (its study's heartbeat; another process opening the file then leaves it running). */
  heartbeat(id: number): void {
    this.q.seen().run(now(), id);
  }

  /** Delete a search with its trials, epochs and rounds. */
  delete(id: number): void {
    this.q.delete().run(id);
  }
}
