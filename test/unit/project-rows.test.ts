// The start page's projects (src-renderer/src/model/projectRows.ts): the latest worked on first, counted by hand.
import { describe, expect, it } from 'vitest';
import type { ProjectSummary, SearchSummary } from '../../src-core/api/contract';
import { projectRows } from '../../src-renderer/src/model/projectRows';

const project = (id: number, name: string, createdAt: string): ProjectSummary => ({ id, name, notes: '', createdAt, searches: 0, tags: [] });
const search = (id: number, projectId: number, createdAt: string, status: SearchSummary['status'] = 'complete'): SearchSummary => ({
  id, projectId, project: '', name: `s${id}`, status, strategy: 'random', metric: 'val_loss', direction: 'minimize', plannedTrials: 5, counts: {}, finished: 5, best: null,
  stopReason: null, createdAt, startedAt: null, finishedAt: null, meanTrialSeconds: null, workers: 1, runElsewhere: null, parentId: null, reruns: [], notes: '', tags: [],
});

describe('the projects on the start page', () => {
  it('the latest worked on first: by its newest search, else when the project was made; ties by name as read', () => {
    const projects = [project(1, 'moons 10', '2026-11-01'), project(2, 'moons 4', '2026-11-01'), project(3, 'empty', '2026-11-20'), project(4, 'busy', '2026-10-01')];
    const searches = [search(10, 4, '2026-11-25', 'running'), search(11, 4, '2026-11-24', 'queued'), search(12, 4, '2026-11-02'), search(13, 1, '2026-11-10')];
    const rows = projectRows(projects, searches);
    expect(rows.map((r) => r.name)).toEqual(['busy', 'empty', 'moons 10', 'moons 4']);
    // A queued search is one not started (or waiting for a worker): only the running one counts.
    expect(rows[0]).toMatchObject({ searches: 3, running: 1, latest: { id: 10, name: 's10', createdAt: '2026-11-25' } });
    expect(rows[1]).toMatchObject({ searches: 0, running: 0, latest: null, active: '2026-11-20' });
    // Two projects without searches made at the same time: "moons 4" before "moons 10".
    expect(projectRows([projects[0], projects[1]], []).map((r) => r.name)).toEqual(['moons 4', 'moons 10']);
  });
});
