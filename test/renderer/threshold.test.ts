// A trial's precision–recall curve in the drawer: the sentences worked from a hand-made curve, and
// the chart's marks where the curve puts them (its answer, the best F1, random ranking's line).
import { describe, expect, it } from 'vitest';
import type { ThresholdCurve } from '../../src-core/api/contract';
import { thresholdOption } from '../../src-renderer/src/charts/threshold';
import { optionTables } from '../../src-renderer/src/charts/table';
import { thresholdRows, thresholdSentences } from '../../src-core/analysis/threshold';

const point = (threshold: number, called: number, found: number, positives = 20) => ({ threshold, called, found, precision: found / called, recall: found / positives });
/** 200 rows, 20 of "fraud": the answer calls 12 (9 right); a threshold of 0.3 calls 20 (15 right). */
const curve: ThresholdCurve = {
  searchId: 1, number: 3, classes: ['ok', 'fraud'], positive: 1, rows: 200, positives: 20, split: { kind: 'holdout', folds: 1, of: 1 },
  points: [point(0.99, 2, 2), point(0.7, 12, 9), point(0.3, 20, 15), point(0.01, 200, 20)],
  answer: { called: 12, found: 9, precision: 0.75, recall: 0.45 },
  modelEpoch: 9, bestEpoch: 9,
  bestF1: { ...point(0.3, 20, 15), f1: 0.75 },
  averagePrecision: 0.7, replay: { identical: true, message: '' },
};

describe('precision and recall at each threshold, in the drawer', () => {
  it('says what its answer does, what the best F1 would trade, and the average precision against random ranking', () => {
    expect(thresholdSentences(curve)).toEqual([
      'On its 200 validation rows (20 of “fraud”), its answer, the most probable class, calls 12 rows “fraud” and 9 of them are: precision 75%, recall 45% (9 of 20 found).',
      // Answer F1: 2·0.75·0.45 / 1.2 = 0.5625.
      'Calling “fraud” whenever its probability is at least 0.3 would call more rows (20) and find 15 of 20 at precision 75%: the best F1, 0.75 against 0.5625 for its answer. ' +
        'The threshold is chosen on the same rows it is read on, so that figure flatters it a little: rows it was not chosen on would say how it holds.',
      'Average precision 0.7: the area under the curve, 1 for a model that ranks every row of “fraud” above the others; one that ranks them at random scores about 10%, the class\'s share.',
    ]);
  });

  it('says when its answer is already the best F1, when it finds none, and which epoch\'s model answered', () => {
    const atBest = thresholdSentences({ ...curve, bestF1: { ...point(0.7, 12, 9), f1: 0.5625 } });
    expect(atBest[1]).toBe('Its answer is already at the best F1 (0.5625): no threshold trades precision for recall better on these rows.');
    const none = thresholdSentences({ ...curve, answer: { called: 0, found: 0, precision: NaN, recall: 0 } });
    expect(none[0]).toBe('On its 200 validation rows (20 of “fraud”), its answer, the most probable class, calls 0 rows “fraud”: it finds none of the 20.');
    const last = thresholdSentences({ ...curve, modelEpoch: 15, bestEpoch: 9 });
    expect(last[0]).toBe('This is its model at the end of training (epoch 15), which it kept: its confusion above is read at its best epoch (9), so the two can differ.');
    const folds = thresholdSentences({ ...curve, split: { kind: 'kfold', folds: 5, of: 5 }, modelEpoch: 15, bestEpoch: 9 });
    expect(folds[0]).toBe('These are its folds\' models at the end of training (each fold\'s last epoch), which it kept: its confusion above is read at each fold\'s best epoch, so the two can differ.');
  });

  it('names the rows it was worked out on: the validation rows, every fold\'s, every row left out in turn, or the folds a pruned trial trained', () => {
    const on = (split: ThresholdCurve['split'], rows = 200): string => thresholdRows({ rows, split });
    expect(on({ kind: 'holdout', folds: 1, of: 1 })).toBe('its 200 validation rows');
    expect(on({ kind: 'holdout', folds: 1, of: 1 }, 1)).toBe('its 1 validation row');
    expect(on({ kind: 'kfold', folds: 5, of: 5 }, 569)).toBe('its 569 validation rows over 5 folds, each answered by the fold\'s model that did not train on it');
    expect(on({ kind: 'kfold', folds: 2, of: 5 }, 228)).toBe('its 228 validation rows of the first 2 of 5 folds (it was pruned in fold 2), each answered by the fold\'s model that did not train on it');
    expect(on({ kind: 'loo', folds: 150, of: 150 }, 150)).toBe('all 150 rows, each answered by the model trained without it (leave-one-out)');
    expect(on({ kind: 'loo', folds: 40, of: 150 }, 40)).toBe('the first 40 rows left out in turn (of 150; it was pruned), each answered by the model trained without it');
    expect(thresholdSentences({ ...curve, rows: 569, positives: 212, split: { kind: 'kfold', folds: 5, of: 5 } })[0]).toMatch(/^On its 569 validation rows over 5 folds, each answered by the fold's model that did not train on it \(212 of “fraud”\), its answer/);
  });

  it('draws the curve from recall 0 to 1 with its answer as a ring, the best F1 as a diamond and random ranking dashed at the class\'s share', () => {
    const o = thresholdOption(curve, false) as unknown as { series: { name: string; type: string; data: { value: number[] }[]; markLine?: { data: { yAxis: number }[] } }[] };
    const [line, answer, best] = o.series;
    expect(line.data.map((d) => d.value)).toEqual(curve.points.map((p) => [p.recall, p.precision]));
    expect(line.markLine!.data).toEqual([{ yAxis: 0.1, name: `random ranking (the share of “${curve.classes[curve.positive]}”)` }]);
    // The line is data too: the chart's table lists it with the class's share.
    expect(optionTables(o).at(-1)).toEqual({ caption: 'lines marked on the chart', columns: ['line', 'axis', 'at'], rows: [[`random ranking (the share of “${curve.classes[curve.positive]}”)`, 'precision', 0.1]] });
    expect(answer.data.map((d) => d.value)).toEqual([[0.45, 0.75]]);
    expect(best.data.map((d) => d.value)).toEqual([[0.75, 0.75]]);
    expect(thresholdOption({ ...curve, bestF1: null, answer: { called: 0, found: 0, precision: NaN, recall: 0 } }, true).series).toMatchObject([{}, { data: [] }, { data: [] }]);
  });
});
