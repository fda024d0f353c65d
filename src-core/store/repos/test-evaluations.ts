import type { TestEvaluation } from '../../api/contract';
import { compactPredictions, predictionsFrom } from '../../analysis/predictions';
import type { ValPredictions } from '../../train/types';
import { now, type Connection } from '../connection';

/** Final evaluations of trials on their search's test split (the UI keeps them to one per search unless confirmed). */
export class TestEvaluations {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      insert: c.statement(`INSERT INTO test_evaluations (search_id, trial_id, metrics, created_at) VALUES (?, ?, ?, ?)`),
      ofSearch: c.statement(`SELECT e.id, t.number, e.metrics, e.created_at FROM test_evaluations e JOIN trials t ON t.id = e.trial_id WHERE e.search_id = ? ORDER BY e.id`),
    };
  }

  /** Store a test evaluation of a trial (a regression's listed predictions compacted as a trial's are). */
  add(searchId: number, trialId: number, metrics: Omit<TestEvaluation, 'id' | 'trialNumber' | 'createdAt' | 'predictions'> & { predictions?: ValPredictions }): void {
    const { predictions, ...rest } = metrics;
    this.q.insert().run(searchId, trialId, JSON.stringify({ ...rest, ...(predictions ? { predictions: compactPredictions(predictions) } : {}) }), now());
  }

  /** A search's test evaluations, oldest first. */
  ofSearch(searchId: number): TestEvaluation[] {
    const rows = this.q.ofSearch().all(searchId) as { id: number; number: number; metrics: string; created_at: string }[];
    return rows.map((r) => {
      const m = JSON.parse(r.metrics) as Record<string, unknown>;
      const predictions = 'predictions' in m ? { predictions: predictionsFrom(m.predictions) } : {};
      return { id: r.id, trialNumber: r.number, createdAt: r.created_at, ...m, ...predictions } as TestEvaluation;
    });
  }
}
