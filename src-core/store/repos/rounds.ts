import { now, type Connection } from '../connection';

/** A search's rounds with their boxes (a coarse-to-fine search narrows the box each round; the UI draws it). */
export class Rounds {
  private readonly q;

  constructor(private readonly c: Connection) {
    this.q = {
      insert: c.statement(`INSERT OR IGNORE INTO rounds (search_id, round, box, created_at) VALUES (?, ?, ?, ?)`),
      list: c.statement(`SELECT round, box FROM rounds WHERE search_id = ? ORDER BY round`),
    };
  }

  /** Store a round's box (once: a round saved again keeps its first box). */
  save(searchId: number, round: number, box: unknown): void {
    this.c.joinGroup();
    this.q.insert().run(searchId, round, JSON.stringify(box), now());
  }

  /** The rounds of a search with their boxes, in order. */
  list(searchId: number): { round: number; box: Record<string, unknown> }[] {
    return (this.q.list().all(searchId) as { round: number; box: string }[]).map((r) => ({ round: r.round, box: JSON.parse(r.box) }));
  }
}
