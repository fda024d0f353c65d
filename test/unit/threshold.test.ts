// Precision and recall at every threshold (analysis/threshold.ts) against scikit-learn's
// precision_recall_curve and average_precision_score (test/fixtures/sklearn-pr.json, made by
// scripts/fixtures/make_sklearn_pr_fixtures.py), and a case worked by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestF1, precisionRecall, thinCurve } from '../../src-core/analysis/threshold';

interface Case { name: string; labels: boolean[]; scores: number[]; precision: number[]; recall: number[]; thresholds: number[]; averagePrecision: number }
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn-pr.json'), 'utf8')) as { sklearn: string; cases: Case[] };

describe('precision and recall at every threshold', () => {
  it('works a small case by hand: ties are one threshold, average precision is Σ ΔR·P', () => {
    // Scores 0.9 (yes), 0.8 (yes), 0.4 (no), 0.4 (yes), 0.1 (no): three rows of the class.
    const c = precisionRecall([0.4, 0.9, 0.1, 0.8, 0.4], [false, true, false, true, true]);
    expect(c.points.map((p) => [p.threshold, p.called, p.found])).toEqual([[0.9, 1, 1], [0.8, 2, 2], [0.4, 4, 3], [0.1, 5, 3]]);
    expect(c.points.map((p) => p.precision)).toEqual([1, 1, 0.75, 0.6]);
    expect(c.points.map((p) => p.recall)).toEqual([1 / 3, 2 / 3, 1, 1]);
    // (1/3)·1 + (1/3)·1 + (1/3)·0.75 + 0·0.6
    expect(c.averagePrecision).toBeCloseTo(2 / 3 + 0.25, 12);
    // F1: 0.5, 0.8, 0.857, 0.75: the third.
    expect(bestF1(c)).toMatchObject({ threshold: 0.4, f1: 6 / 7 });
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('matches scikit-learn on "%s"', (_name, c) => {
    const curve = precisionRecall(c.scores, c.labels);
    // scikit-learn lists the thresholds from the lowest up.
    const up = [...curve.points].reverse();
    expect(up.map((p) => p.threshold)).toEqual(c.thresholds);
    up.forEach((p, i) => {
      expect(p.precision, `precision at ${p.threshold}`).toBeCloseTo(c.precision[i], 12);
      expect(p.recall, `recall at ${p.threshold}`).toBeCloseTo(c.recall[i], 12);
    });
    expect(curve.averagePrecision).toBeCloseTo(c.averagePrecision, 12);
  });

  it('a class with no row has no average precision and no best F1; thinning keeps the ends and the points asked for', () => {
    const none = precisionRecall([0.2, 0.7], [false, false]);
    expect(none.averagePrecision).toBeNaN();
    expect(bestF1(none)).toBeNull();
    const many = precisionRecall(Array.from({ length: 1000 }, (_, i) => i / 1000), Array.from({ length: 1000 }, (_, i) => i % 7 === 0));
    const keep = many.points[517];
    const thin = thinCurve(many.points, 50, [keep]);
    expect(thin.length).toBeLessThanOrEqual(51);
    expect(thin[0]).toBe(many.points[0]);
    expect(thin.at(-1)).toBe(many.points.at(-1));
    expect(thin).toContain(keep);
    expect(() => precisionRecall([0.1], [true, false])).toThrow(/1 scores but 2 labels/);
  });
});
