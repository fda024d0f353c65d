import type { ThresholdCurve } from '../../../src-core/api/contract';
import { shareText } from '../../../src-core/analysis/classes';
import { fmt } from '../charts/trials';

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/**
 * What a trial's precision–recall curve says, in sentences: what its own answer (the most probable
 * class) does for the class, the threshold of the best F1 and what it would trade, and the average
 * precision against a model that ranks the rows at random.
 */
export function thresholdSentences(c: ThresholdCurve): string[] {
  const name = `“${c.classes[c.positive] ?? c.positive}”`;
  const a = c.answer;
  // Early stopping off (or not restoring): the model at the end, not the one of the stored figures.
  const other = c.modelEpoch !== null && c.bestEpoch !== null && c.modelEpoch !== c.bestEpoch
    ? [`This is its model at the end of training (epoch ${c.modelEpoch}), which it kept: its confusion above is read at its best epoch (${c.bestEpoch}), so the two can differ.`]
    : [];
  const out = [
    ...other,
    `On the ${c.rows} validation rows (${c.positives} of ${name}), its answer, the most probable class, calls ${a.called} row${a.called === 1 ? '' : 's'} ${name}` +
      (a.called > 0 ? ` and ${a.found} of them are: precision ${pct(a.precision)}, recall ${pct(a.recall)} (${a.found} of ${c.positives} found).` : `: it finds none of the ${c.positives}.`),
  ];
  const b = c.bestF1;
  if (b) {
    const answerF1 = a.called > 0 ? f1(a.precision, a.recall) : 0;
    out.push(b.called === a.called || b.f1 <= answerF1 + 1e-12
      ? `Its answer is already at the best F1 (${fmt(b.f1)}): no threshold trades precision for recall better on these rows.`
      : `Calling ${name} whenever its probability is at least ${fmt(b.threshold)} would ${b.called > a.called ? 'call more rows' : 'call fewer rows'} (${b.called}) and find ${b.found} of ${c.positives} at precision ${pct(b.precision)}: ` +
        `the best F1, ${fmt(b.f1)} against ${fmt(answerF1)} for its answer. The threshold is chosen on the same rows it is read on, so that figure flatters it a little; the test split says how it holds.`);
  }
  out.push(`Average precision ${fmt(c.averagePrecision)}: the area under the curve, 1 for a model that ranks every row of ${name} above the others; one that ranks them at random scores about ${shareText(c.positives / c.rows)}, the class's share.`);
  return out;
}
