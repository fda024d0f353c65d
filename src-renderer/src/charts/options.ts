import type { Curves, TrialSummary } from '../../../src-core/api/contract';

/** An ECharts option as plain data (built by pure functions, drawn by Chart.vue). */
export type ChartOption = Record<string, unknown>;

/** Best-so-far objective by trial number, with each finished trial as a dot. */
export function bestSoFarOption(trials: TrialSummary[], direction: 'minimize' | 'maximize', metric: string): ChartOption {
  const done = trials.filter((t) => t.objective !== null).sort((a, b) => a.number - b.number);
  let best: number | null = null;
  const line: [number, number][] = [];
  for (const t of done) {
    const v = t.objective as number;
    if (best === null || (direction === 'minimize' ? v < best : v > best)) best = v;
    line.push([t.number, best]);
  }
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 24, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'value', name: metric, scale: true },
    series: [
      { type: 'scatter', name: 'trial', symbolSize: 5, data: done.map((t) => [t.number, t.objective]), itemStyle: { opacity: 0.5 } },
      { type: 'line', name: 'best so far', step: 'end', showSymbol: false, data: line },
    ],
  };
}

/** Every trial's validation loss curve overlaid; the selected trial drawn on top, thicker. */
export function curvesOption(curves: Curves | null, selected: number | null): ChartOption {
  const byTrial = new Map<number, [number, number | null][]>();
  if (curves) {
    for (let i = 0; i < curves.epoch.length; i++) {
      if (curves.fold[i] !== 0) continue;
      const t = curves.trial[i];
      if (!byTrial.has(t)) byTrial.set(t, []);
      byTrial.get(t)!.push([curves.epoch[i], curves.valLoss[i]]);
    }
  }
  const series = [...byTrial.entries()].map(([t, data]) => ({
    type: 'line',
    name: `trial ${t}`,
    data,
    showSymbol: false,
    silent: t !== selected,
    z: t === selected ? 10 : 1,
    lineStyle: { width: t === selected ? 2.5 : 1, opacity: selected === null || t === selected ? 0.9 : 0.25 },
  }));
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 24, bottom: 36 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'log', name: 'val_loss' },
    series,
  };
}
