import { predictionMisses, type PredictionMisses } from '../../../src-core/analysis/predictions';
import type { Predictions } from '../../../src-core/api/contract';
import type { ChartOption } from './echarts';
import { encodeHTML } from './html';
import { axisNumber, short } from './options';
import { niceStep } from './scale';

/** A log scale from this many decades between the smallest and the largest value (all above 0), as the objective's axes choose one. */
const LOG_FROM_DECADES = 2;
/**
 * Log axes still, when every actual value is above 0, with at most this share of the predictions at
 * or below 0 (a standardised price target's model predicting below 0 for the cheapest rows: 38 of
 * 300 on 1,500 log-normal prices): those sit on the bottom edge, marked, rather than squeezing every other point into a corner.
 */
const MAX_BELOW_AXIS = 0.25;

/** What the predicted-against-actual chart reads: its axes' range and scale, and the misses its sentence gives (`predictionMisses`). */
export interface PredictionFacts extends PredictionMisses {
  log: boolean;
  lo: number;
  hi: number;
  /** On log axes: predictions at or below 0, drawn on the bottom edge. */
  belowAxis: number;
}

/** The figures of a trial's predictions (null with none to draw). */
export function predictionFacts(p: Predictions): PredictionFacts | null {
  const misses = predictionMisses(p);
  if (!misses) return null;
  const below = p.predicted.filter((y) => y <= 0).length;
  const logCandidate = Math.min(...p.actual) > 0 && below <= MAX_BELOW_AXIS * p.predicted.length;
  const all = logCandidate ? [...p.actual, ...p.predicted.filter((y) => y > 0)] : [...p.actual, ...p.predicted];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const log = logCandidate && Math.log10(max / min) >= LOG_FROM_DECADES;
  // Both axes over the same range, from a round number below the points to one above, so the diagonal is the chart's own.
  const step = niceStep(max - min || Math.abs(max) || 1);
  const lo = log ? 10 ** Math.floor(Math.log10(min)) : Math.floor(min / step) * step;
  const hi = log ? 10 ** Math.ceil(Math.log10(max)) : Math.ceil(max / step) * step;
  return { log, lo: hi > lo ? lo : lo - step, hi: hi > lo ? hi : hi + step, belowAxis: log ? below : 0, ...misses };
}

/** What the chart's bottom edge holds, for the sentence above it ('' when nothing sits there). */
export function belowAxisText(facts: PredictionFacts): string {
  const n = facts.belowAxis;
  return n === 0 ? '' : ` ${n} prediction${n === 1 ? '' : 's'} at or below 0 cannot sit on the log axes: ${n === 1 ? 'it is' : 'they are'} the ▼ on the bottom edge, at ${n === 1 ? 'its' : 'their'} actual value${n === 1 ? '' : 's'}.`;
}

/** A point's tooltip: its actual value and its prediction, and how far off that is in percent of the actual value (none for an actual 0). */
export function predictionTip([a, y]: number[]): string {
  const off = a !== 0 ? ` (${short((100 * (y - a)) / Math.abs(a)).replace(/^(\d)/, '+$1').replace(/^-/, '−')}%)` : '';
  // A minus sign, not a hyphen, as the percentage writes it.
  const signed = (x: number): string => short(x).replace(/^-/, '−');
  return encodeHTML(`actual ${signed(a)} · predicted ${signed(y)}${off}`);
}

/**
 * A regression trial's validation rows (or a model's test rows, `part`): each row's prediction against its actual value, the
 * diagonal where the two are equal; log axes where the values span two decades or more and are
 * all above 0 (prices, counts), else linear. Both axes share one range.
 */
export function predictionsOption(p: Predictions, facts: PredictionFacts, dark: boolean, part: 'validation' | 'test' = 'validation'): ChartOption {
  const type: 'log' | 'value' = facts.log ? 'log' : 'value';
  const axis = (name: string, gap: number) => ({
    type, name, nameLocation: 'middle' as const, nameGap: gap, min: facts.lo, max: facts.hi,
    axisLabel: { formatter: (v: number) => axisNumber(v), hideOverlap: true }, splitLine: { show: true }, axisLine: { onZero: false },
  });
  const diagonal = dark ? 'rgba(255, 255, 255, 0.55)' : 'rgba(0, 0, 0, 0.45)';
  return {
    animation: false,
    title: { text: `Predicted against actual (${part} rows)`, left: 'center', textStyle: { fontSize: 12 } },
    grid: { left: 64, right: 20, top: 36, bottom: 48 },
    tooltip: { trigger: 'item' },
    xAxis: axis('actual', 28),
    yAxis: axis('predicted', 50),
    series: [
      {
        type: 'line',
        name: 'predicted = actual',
        data: [[facts.lo, facts.lo], [facts.hi, facts.hi]],
        symbol: 'none',
        lineStyle: { color: diagonal, type: 'dashed', width: 1 },
        tooltip: { show: false },
        silent: true,
        z: 1,
      },
      {
        type: 'scatter',
        name: `${part} rows`,
        data: p.actual.flatMap((a, i) => (facts.belowAxis > 0 && p.predicted[i] <= 0 ? [] : [[a, p.predicted[i]]])),
        symbolSize: p.actual.length > 200 ? 4 : 6,
        itemStyle: { color: dark ? '#6fb1ff' : '#2b6cb0', opacity: 0.65 },
        z: 2,
        tooltip: {
          formatter: (q: unknown) => predictionTip((q as { value: number[] }).value),
        },
      },
      // Predictions at or below 0 on log axes: on the bottom edge, at their actual value; the tooltip gives the prediction.
      ...(facts.belowAxis > 0 ? [{
        type: 'scatter' as const,
        name: 'predicted at or below 0',
        data: p.actual.flatMap((a, i) => (p.predicted[i] <= 0 ? [{ value: [a, facts.lo], predicted: p.predicted[i] }] : [])),
        symbol: 'triangle',
        symbolRotate: 180,
        symbolSize: 8,
        itemStyle: { color: dark ? '#ff9b85' : '#c0392b' },
        z: 3,
        tooltip: {
          formatter: (q: unknown) => {
            const d = (q as { data: { value: number[]; predicted: number } }).data;
            return predictionTip([d.value[0], d.predicted]);
          },
        },
      }] : []),
    ],
  };
}
