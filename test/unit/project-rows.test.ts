// The start page's projects (src-renderer/src/model/projectRows.ts): the latest worked on first, counted by hand.
import { describe, expect, it } from 'vitest';
import type { ProjectSummary, SearchSummary } from '../../src-core/api/contract';
import { bestAmong, byBest, dayText, madeText, projectBest, projectRows } from '../../src-renderer/src/model/projectRows';
import { searchSummary } from '../helpers/trials';

const project = (id: number, name: string, createdAt: string): ProjectSummary => ({ id, name, notes: '', createdAt, searches: 0, tags: [] });
const search = (id: number, projectId: number, createdAt: string, status: SearchSummary['status'] = 'complete'): SearchSummary =>
  searchSummary(id, { projectId, project: '', name: `s${id}`, status, createdAt });

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

describe("a project's best", () => {
  const valued = (id: number, createdAt: string, best: number | null, metric: SearchSummary['metric'] = 'val_loss', direction: SearchSummary['direction'] = 'minimize', dataset = 'digits'): SearchSummary =>
    ({ ...search(id, 1, createdAt), name: `s${id}`, best, metric, direction, dataset });

  it('the lowest val_loss of its searches, named with the search that reached it; a search without a value is passed over', () => {
    const b = projectBest([valued(1, '2026-11-01', 0.31), valued(2, '2026-11-02', 0.087), valued(3, '2026-11-03', 0.12), valued(4, '2026-11-04', null)]);
    expect(b).toEqual({ value: 0.087, metric: 'val_loss', direction: 'minimize', dataset: 'digits', search: { id: 2, name: 's2' }, among: 3, otherMetric: 0, otherData: 0 });
    expect(bestAmong(b!)).toBe('The lowest val_loss of its 3 searches on digits with a value');
  });

  it('judged on what the newest search with a value measures: val_accuracy, the highest; val_loss searches left out and counted', () => {
    const b = projectBest([valued(1, '2026-11-01', 0.05), valued(2, '2026-11-02', 0.93, 'val_accuracy', 'maximize'), valued(3, '2026-11-03', 0.97, 'val_accuracy', 'maximize'), valued(4, '2026-11-04', 0.08)]);
    // The newest with a value is s4 (val_loss): s1 and s4 compete, the two accuracy searches are left out.
    expect(b).toMatchObject({ value: 0.05, search: { id: 1 }, among: 2, otherMetric: 2 });
    const acc = projectBest([valued(1, '2026-11-01', 0.05), valued(2, '2026-11-02', 0.93, 'val_accuracy', 'maximize'), valued(3, '2026-11-03', 0.97, 'val_accuracy', 'maximize')]);
    expect(acc).toMatchObject({ value: 0.97, metric: 'val_accuracy', search: { id: 3 }, among: 2, otherMetric: 1 });
    expect(bestAmong(acc!)).toBe('The highest val_accuracy of its 2 searches on digits with a value; 1 measuring another metric is left out');
  });

  it('on the newest search\'s data set: a loss on sine is not ranked beside a loss on digits', () => {
    // The project "curves" of the audit: val_loss 0.064 on sine was named its best beside digits searches at 0.0756.
    const b = projectBest([valued(1, '2026-11-01', 0.0756), valued(2, '2026-11-02', 0.064, 'val_loss', 'minimize', 'sine (synthetic, 400 rows)'), valued(3, '2026-11-03', 0.117)]);
    expect(b).toMatchObject({ value: 0.0756, dataset: 'digits', search: { id: 1 }, among: 2, otherData: 1, otherMetric: 0 });
    expect(bestAmong(b!)).toBe('The lowest val_loss of its 2 searches on digits with a value; 1 on another data set is left out');
  });

  it('a tie goes to the search made first; no value anywhere, no best', () => {
    expect(projectBest([valued(5, '2026-11-02', 0.1), valued(6, '2026-11-01', 0.1)])?.search.id).toBe(6);
    expect(projectBest([valued(1, '2026-11-01', null)])).toBeNull();
    expect(projectBest([])).toBeNull();
    expect(projectRows([project(1, 'p', '2026-10-01')], [valued(1, '2026-11-01', 0.2), valued(2, '2026-11-02', 0.4)])[0].best).toMatchObject({ value: 0.2, search: { name: 's1' } });
  });
});

describe('the project table\'s best and created columns', () => {
  it('sorts by best, best first within a metric: the lowest loss, the highest accuracy; metrics apart; no value last', () => {
    const s = (id: number, best: number | null, metric: SearchSummary['metric'], direction: SearchSummary['direction']) =>
      searchSummary(id, { best, metric, direction });
    const rows = [s(1, 0.2, 'val_loss', 'minimize'), s(2, 0.9, 'val_accuracy', 'maximize'), s(3, null, 'val_loss', 'minimize'), s(4, 0.1, 'val_loss', 'minimize'), s(5, 0.97, 'val_accuracy', 'maximize'), s(6, NaN, 'val_loss', 'minimize')];
    // val_accuracy before val_loss (by name); 0.97 before 0.9; 0.1 before 0.2; those with no value at the end, as they came.
    expect([...rows].sort(byBest).map((r) => r.id)).toEqual([5, 2, 4, 1, 3, 6]);
  });

  it('writes when a search was made short: month, day and the time to the minute, the year only when it is not this one', () => {
    const now = new Date(2026, 11, 5, 21, 0);
    const text = madeText(new Date(2026, 11, 5, 20, 28, 33).toISOString(), now);
    expect(text).toMatch(/Dec/);
    expect(text).toMatch(/20:28/);
    expect(text).not.toMatch(/2026|:33/);
    expect(madeText(new Date(2025, 10, 30, 9, 14).toISOString(), now)).toMatch(/2025.*09:14|09:14.*2025/);
  });

  it('writes the day a project or search was made as the table does, without the time: never a numeric date that reads two ways', () => {
    const now = new Date(2026, 11, 5, 21, 0);
    const day = dayText(new Date(2026, 11, 7, 3, 13).toISOString(), now);
    expect(day).toMatch(/Dec/);
    expect(day).toMatch(/\b7\b/);
    expect(day).not.toMatch(/2026|03|13|\//);
    expect(madeText(new Date(2026, 11, 7, 3, 13).toISOString(), now).startsWith(day)).toBe(true);
    expect(dayText(new Date(2025, 10, 30, 9, 14).toISOString(), now)).toMatch(/Nov.*30.*2025|30.*Nov.*2025/);
  });
});
