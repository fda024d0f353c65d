// The comparison's distribution chart names each search under its box. Searches of projects whose
// names begin alike ("churn model for the quarterly review 14" and "… 20") were cut to the same
// "churn model for the quarterly review ...": a label naming its project now reads on two lines,
// the search's own name first. Read from what ECharts draws (test/renderer/drawn.ts).
import { describe, expect, it } from 'vitest';
import type { ComparedSearch, SearchComparison, SearchSummary } from '../../src-core/api/contract';
import { compareDistributionOption, comparisonScale } from '../../src-renderer/src/charts/compare';
import { drawnTexts } from './drawn';

const summary = (id: number, name: string, project: string): SearchSummary => ({
  id, projectId: id, project, name, status: 'complete', strategy: 'tpe', metric: 'val_loss', direction: 'minimize', dataset: 'digits', plannedTrials: 3,
  counts: {}, finished: 3, best: null, stopReason: null, createdAt: '', startedAt: null, finishedAt: null, meanTrialSeconds: null, workers: 1, runElsewhere: null,
  parentId: null, reruns: [], notes: '', tags: [],
});
const searchOf = (s: SearchSummary): ComparedSearch => ({
  summary: s, budget: { trials: 3, seconds: null, noImprovement: null }, wallSeconds: 3, runningSeconds: 3, best: null, settings: {},
  trials: [0.3, 0.5, 0.4].map((objective, number) => ({ number, status: 'complete', objective, seconds: number + 1 })),
});

describe('the distribution chart names each compared search', () => {
  it('searches of several projects: the search\'s name on the first line, its project under it', () => {
    const c: SearchComparison = { metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null, searches: [searchOf(summary(1, 'tpe 5', 'churn model for the quarterly review 14')), searchOf(summary(2, 'grid 22', 'churn model for the quarterly review 20'))] };
    const texts = drawnTexts(compareDistributionOption(c, comparisonScale(c, 'auto')), { width: 600, height: 320 });
    expect(texts).toContain('tpe 5');
    expect(texts).toContain('grid 22');
    expect(texts.some((t) => t.startsWith('churn model'))).toBe(true);
  });

  it('searches of one project: their names alone, on one line', () => {
    const c: SearchComparison = { metric: { metric: 'val_loss' as const, direction: 'minimize' as const }, chance: null, comparable: [], basisNote: null, mismatch: null, otherData: null, otherRows: null, searches: [searchOf(summary(1, 'tpe 5', 'p')), searchOf({ ...summary(2, 'grid 22', 'p'), projectId: 1 })] };
    const texts = drawnTexts(compareDistributionOption(c, comparisonScale(c, 'auto')), { width: 600, height: 320 });
    expect(texts).toContain('tpe 5');
    expect(texts).toContain('grid 22');
    expect(texts).not.toContain('p');
  });
});
