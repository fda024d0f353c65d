import type { Connection } from '../connection';

/** The user's notes on projects and trials (free text, kept exactly as written). */
export class Notes {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      project: c.statement(`UPDATE projects SET notes = ? WHERE id = ?`),
      trial: c.statement(`UPDATE trials SET notes = ? WHERE id = ?`),
    };
  }

  /** Replace a project's notes. */
  setProject(projectId: number, notes: string): void {
    this.q.project().run(notes, projectId);
  }

  /** Replace a trial's notes. */
  setTrial(trialId: number, notes: string): void {
    this.q.trial().run(notes, trialId);
  }
}
