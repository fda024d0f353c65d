import type Database from 'better-sqlite3';
import type { TestEvaluation } from '../api/contract';

/** An imported CSV data set as the `datasets` table keeps it. */
export interface ImportedDataset {
  id: number;
  name: string;
  /** Absolute path of the copy kept next to the database. */
  source: string;
  meta: {
    target: string; task: 'classification' | 'regression'; rows: number; features: number; classes: string[]; classCounts: number[];
    /** IDX imports: `source` is the images file, `labels` the labels file. */
    kind?: 'csv' | 'idx'; labels?: string; imageShape?: [number, number];
  };
  createdAt: string;
}

/**
 * The rows the Workbench keeps beyond the study store: imported data sets, test evaluations,
 * search names and trial notes. Plain SQL over the store's connection (same transactions, same file).
 */
export class Records {
  constructor(private readonly db: Database.Database) {}

  /** Every imported data set, by name. */
  listDatasets(): ImportedDataset[] {
    const rows = this.db.prepare(`SELECT * FROM datasets ORDER BY name`).all() as { id: number; name: string; source: string; meta: string; created_at: string }[];
    return rows.map((r) => ({ id: r.id, name: r.name, source: r.source, meta: JSON.parse(r.meta), createdAt: r.created_at }));
  }

  /** Record an imported data set. */
  addDataset(name: string, source: string, meta: ImportedDataset['meta']): ImportedDataset {
    const id = Number(this.db.prepare(`INSERT INTO datasets (name, source, meta, created_at) VALUES (?, ?, ?, ?)`).run(name, source, JSON.stringify(meta), new Date().toISOString()).lastInsertRowid);
    return this.listDatasets().find((d) => d.id === id)!;
  }

  /** Forget an imported data set (its file is the caller's to remove). */
  deleteDataset(id: number): void {
    this.db.prepare(`DELETE FROM datasets WHERE id = ?`).run(id);
  }

  /** Rename a search; names are unique within a project. */
  renameSearch(id: number, projectId: number, name: string): boolean {
    const clash = this.db.prepare(`SELECT 1 FROM searches WHERE project_id = ? AND name = ? AND id != ?`).get(projectId, name, id);
    if (clash) return false;
    this.db.prepare(`UPDATE searches SET name = ? WHERE id = ?`).run(name, id);
    return true;
  }

  /** Delete a search with its trials, epochs and rounds. */
  deleteSearch(id: number): void {
    this.db.prepare(`DELETE FROM searches WHERE id = ?`).run(id);
  }

  /** Replace a trial's notes. */
  setTrialNotes(trialId: number, notes: string): void {
    this.db.prepare(`UPDATE trials SET notes = ? WHERE id = ?`).run(notes, trialId);
  }

  /** A search's best objective (both ends) and mean trial seconds, by aggregate (no rows read into JS). */
  searchStats(searchId: number): { lo: number | null; hi: number | null; meanSeconds: number | null } {
    const r = this.db.prepare(
      `SELECT MIN(objective) AS lo, MAX(objective) AS hi, AVG(CASE WHEN duration_s >= 0 THEN duration_s END) AS mean FROM trials WHERE search_id = ?`,
    ).get(searchId) as { lo: number | null; hi: number | null; mean: number | null };
    return { lo: r.lo, hi: r.hi, meanSeconds: r.mean };
  }

  /**
   * Trials of a search that started or finished at or after `since` (an ISO time; '' for all), and
   * the cursor to ask with next time: the latest such time in the search. Rows written in the same
   * millisecond as the cursor come again next time (the caller merges by trial number). At most
   * `limit` rows numbered above `after`; `more` when others follow.
   */
  trialChanges<T>(searchId: number, since: string, after = -1, limit = 1000): { cursor: string; rows: T[]; more: boolean } {
    const rows = (since
      ? this.db.prepare(`SELECT * FROM trials WHERE search_id = ? AND number > ? AND (started_at >= ? OR finished_at >= ?) ORDER BY number LIMIT ?`).all(searchId, after, since, since, limit + 1)
      : this.db.prepare(`SELECT * FROM trials WHERE search_id = ? AND number > ? ORDER BY number LIMIT ?`).all(searchId, after, limit + 1)) as T[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const c = this.db.prepare(`SELECT MAX(MAX(COALESCE(started_at, '')), MAX(COALESCE(finished_at, ''))) AS c FROM trials WHERE search_id = ?`).get(searchId) as { c: string | null };
    return { cursor: c.c ?? '', rows, more };
  }

  /** Store a test evaluation. */
  addTestEvaluation(searchId: number, trialId: number, metrics: Omit<TestEvaluation, 'id' | 'trialNumber' | 'createdAt'>): void {
    this.db.prepare(`INSERT INTO test_evaluations (search_id, trial_id, metrics, created_at) VALUES (?, ?, ?, ?)`).run(searchId, trialId, JSON.stringify(metrics), new Date().toISOString());
  }

  /** A search's test evaluations, oldest first. */
  testEvaluations(searchId: number): TestEvaluation[] {
    const rows = this.db
      .prepare(`SELECT e.id, t.number, e.metrics, e.created_at FROM test_evaluations e JOIN trials t ON t.id = e.trial_id WHERE e.search_id = ? ORDER BY e.id`)
      .all(searchId) as { id: number; number: number; metrics: string; created_at: string }[];
    return rows.map((r) => ({ id: r.id, trialNumber: r.number, createdAt: r.created_at, ...JSON.parse(r.metrics) }));
  }
}
