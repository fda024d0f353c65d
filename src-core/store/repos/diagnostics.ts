import type { DiagnosticSnapshot } from '../../diagnostics/stats';
import type { Connection } from '../connection';
import { packSnapshots, unpackSnapshots } from '../snapshots';

/** Trials' diagnostics snapshots: one row a trial, its snapshots' JSON deflated (snapshots.ts). */
export class Diagnostics {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      put: c.statement(`INSERT OR REPLACE INTO trial_diagnostics (trial_id, snapshots) VALUES (?, ?)`),
      ofTrial: c.statement(`SELECT snapshots FROM trial_diagnostics WHERE trial_id = ?`),
      ofSearch: c.statement(`SELECT t.number, d.snapshots FROM trial_diagnostics d JOIN trials t ON t.id = d.trial_id WHERE t.search_id = ? ORDER BY t.number`),
      deleteOfTrial: c.statement(`DELETE FROM trial_diagnostics WHERE trial_id = ?`),
    };
  }

  /** Store a trial's snapshots (packed by its worker, or packed here), inside the caller's transaction. */
  put(trialId: number, snapshots: DiagnosticSnapshot[] | Uint8Array): void {
    const bytes = snapshots instanceof Uint8Array ? snapshots : packSnapshots(snapshots);
    this.q.put().run(trialId, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Forget a trial's snapshots (it is about to run again). */
  deleteOfTrial(trialId: number): void {
    this.q.deleteOfTrial().run(trialId);
  }

  /** A trial's snapshots (one fold, or all), in fold and epoch order. */
  ofTrial(trialId: number, fold?: number): DiagnosticSnapshot[] {
    const row = this.q.ofTrial().raw().get(trialId) as [Buffer] | undefined;
    const all = row ? unpackSnapshots(row[0]) : [];
    return fold === undefined ? all : all.filter((d) => d.fold === fold);
  }

  /** A search's snapshots with their trial numbers (trial, fold, epoch order). */
  ofSearch(searchId: number): (DiagnosticSnapshot & { number: number })[] {
    const rows = this.q.ofSearch().raw().all(searchId) as [number, Buffer][];
    return rows.flatMap(([number, bytes]) => unpackSnapshots(bytes).map((d) => ({ number, ...d })));
  }
}
