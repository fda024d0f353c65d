import type { NoteHit } from '../../api/contract';
import type { Connection } from '../connection';

export type { NoteHit } from '../../api/contract';

type HitRow = { kind: NoteHit['kind']; project_id: number; project: string; search_id: number | null; search: string | null; number: number | null; name: string; notes: string; tags: string };

/** `%text%` for LIKE with `\` as the escape character. */
const likeOf = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The tags a column holds (a JSON array of strings; anything else reads as none). */
export function tagsOf(json: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Tags as stored: trimmed, empty ones dropped, each once (first spelling kept), in the order given. */
export function normalTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

/** A window of `text` around its first case-insensitive occurrence of `q`. */
function around(text: string, q: string): string {
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return text.slice(0, 80);
  const from = Math.max(0, at - 30);
  const to = Math.min(text.length, at + q.length + 50);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** The user's notes and tags on projects, searches and trials (free text kept exactly as written; tags a list of words), and finding them again. */
export class Notes {
  private readonly q;

  constructor(c: Connection) {
    this.q = {
      project: c.statement(`UPDATE projects SET notes = ? WHERE id = ?`),
      search: c.statement(`UPDATE searches SET notes = ? WHERE id = ?`),
      trial: c.statement(`UPDATE trials SET notes = ? WHERE id = ?`),
      projectTags: c.statement(`UPDATE projects SET tags = ? WHERE id = ?`),
      searchTags: c.statement(`UPDATE searches SET tags = ? WHERE id = ?`),
      trialTags: c.statement(`UPDATE trials SET tags = ? WHERE id = ?`),
      find: c.statement(`
        SELECT 'project' AS kind, p.id AS project_id, p.name AS project, NULL AS search_id, NULL AS search, NULL AS number, p.name AS name, p.notes AS notes, p.tags AS tags
          FROM projects p WHERE p.notes LIKE @q ESCAPE '\\' OR p.tags LIKE @q ESCAPE '\\'
        UNION ALL
        SELECT 'search', p.id, p.name, s.id, s.name, NULL, s.name, s.notes, s.tags
          FROM searches s JOIN projects p ON p.id = s.project_id WHERE s.notes LIKE @q ESCAPE '\\' OR s.tags LIKE @q ESCAPE '\\'
        UNION ALL
        SELECT 'trial', p.id, p.name, s.id, s.name, t.number, '', t.notes, t.tags
          FROM trials t JOIN searches s ON s.id = t.search_id JOIN projects p ON p.id = s.project_id
          WHERE (t.notes != '' OR t.tags != '[]') AND (t.notes LIKE @q ESCAPE '\\' OR t.tags LIKE @q ESCAPE '\\')
        LIMIT @limit`),
    };
  }

  /** Replace a project's notes. */
  setProject(projectId: number, notes: string): void {
    this.q.project().run(notes, projectId);
  }

  /** Replace a search's notes. */
  setSearch(searchId: number, notes: string): void {
    this.q.search().run(notes, searchId);
  }

  /** Replace a trial's notes. */
  setTrial(trialId: number, notes: string): void {
    this.q.trial().run(notes, trialId);
  }

  /** Replace a project's tags (normalized: trimmed, each once). */
  setProjectTags(projectId: number, tags: readonly string[]): void {
    this.q.projectTags().run(JSON.stringify(normalTags(tags)), projectId);
  }

  /** Replace a search's tags. */
  setSearchTags(searchId: number, tags: readonly string[]): void {
    this.q.searchTags().run(JSON.stringify(normalTags(tags)), searchId);
  }

  /** Replace a trial's tags. */
  setTrialTags(trialId: number, tags: readonly string[]): void {
    this.q.trialTags().run(JSON.stringify(normalTags(tags)), trialId);
  }

  /**
   * Notes and tags holding `text` (case-insensitive for ASCII letters, as SQLite's LIKE), projects
   * first, then searches, then trials; at most `limit` hits. A tag matches when the text is part of
   * it; notes give a window around the match.
   */
  find(text: string, limit = 50): NoteHit[] {
    const q = text.trim();
    if (!q) return [];
    const rows = this.q.find().all({ q: likeOf(q), limit: limit * 4 }) as HitRow[];
    const hits: NoteHit[] = [];
    const lower = q.toLowerCase();
    for (const r of rows) {
      const base = { kind: r.kind, projectId: r.project_id, project: r.project, searchId: r.search_id, search: r.search, number: r.number };
      const tag = tagsOf(r.tags).find((t) => t.toLowerCase().includes(lower));
      if (tag !== undefined) hits.push({ ...base, field: 'tag', text: tag });
      else if (r.notes.toLowerCase().includes(lower)) hits.push({ ...base, field: 'notes', text: around(r.notes, q) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
