import type { ThresholdCurve, ThresholdPoint } from '../../../src-core/api/contract';
import { shareText } from '../../../src-core/analysis/classes';
import { classColor } from './boundary';
import type { ChartOption } from './echarts';
import { encodeHTML } from './html';
import { fmt } from './trials';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * A trial's precision–recall curve of one class: recall across, precision up, each point a
 * threshold (its tooltip says which, and the rows it calls the class); the model's own answer as a
 * ring, the best F1 as a diamond, and the share of the class (what random ranking scores) dashed.
 */
export function thresholdOption(c: ThresholdCurve, dark: boolean): ChartOption {
  const name = c.classes[c.positive] ?? String(c.positive);
  const colour = classColor(c.positive);
  const share = c.positives / c.rows;
  const tip = (p: ThresholdPoint, what: string): string =>
    `${what}${what ? '<br>' : ''}probability of “${encodeHTML(name)}” ≥ ${fmt(p.threshold)}: calls ${p.called} rows “${encodeHTML(name)}”, ${p.found} of them are<br>precision ${pct(p.precision)} · recall ${pct(p.recall)}`;
  const answer = c.answer.called > 0 ? [{ value: [c.answer.recall, c.answer.precision], tip: `its answer (the most probable class): calls ${c.answer.called}, ${c.answer.found} of them are<br>precision ${pct(c.answer.precision)} · recall ${pct(c.answer.recall)}` }] : [];
  const best = c.bestF1 ? [{ value: [c.bestF1.recall, c.bestF1.precision], tip: tip(c.bestF1, `best F1 ${fmt(c.bestF1.f1)}`) }] : [];
  const ink = dark ? '#ddd' : '#333';
  // Legend text, not HTML: the tooltips say the class through `tip`, escaped.
  const curveName = `precision and recall of “${name}”`;
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { top: 0, textStyle: { color: ink } },
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => (p as { data: { tip?: string } }).data?.tip ?? '' },
    xAxis: { type: 'value', name: 'recall', nameLocation: 'middle', nameGap: 28, min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    yAxis: { type: 'value', name: 'precision', nameLocation: 'end', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      {
        type: 'line', name: curveName, showSymbol: false, symbolSize: 6, color: colour, lineStyle: { width: 2 },
        data: c.points.map((p) => ({ value: [p.recall, p.precision], tip: tip(p, '') })),
        markLine: {
          silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: dark ? '#888' : '#999' },
          label: { formatter: `random ranking: ${shareText(share)}`, position: 'insideStartTop', color: dark ? '#aaa' : '#666' },
          data: [{ yAxis: share, name: `random ranking (the share of “${name}”)` }],
        },
      },
      { type: 'scatter', name: 'its answer', symbol: 'circle', symbolSize: 12, itemStyle: { color: 'transparent', borderColor: ink, borderWidth: 2 }, data: answer, z: 5 },
      { type: 'scatter', name: 'best F1', symbol: 'diamond', symbolSize: 13, itemStyle: { color: '#d03050' }, data: best, z: 6 },
    ],
  } as ChartOption;
}
