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

/** A knob of the space as the charts need it. */
export interface KnobAxis {
  name: string;
  log: boolean;
  categorical: boolean;
  /** The coarse-to-fine box of each round for this knob (numeric knobs). */
  boxes: { round: number; low: number; high: number }[];
}

const ROUND_COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];

/** One knob against the objective: a dot per finished trial coloured by round, log axis for log knobs, each round's box as a shaded band. */
export function knobScatterOption(trials: TrialSummary[], knob: KnobAxis, metric: string): ChartOption {
  const rounds = [...new Set(trials.map((t) => t.round))].sort((a, b) => a - b);
  const finished = trials.filter((t) => t.objective !== null);
  const categories = knob.categorical ? [...new Set(trials.map((t) => JSON.stringify(t.knobs[knob.name])))] : [];
  const x = (t: TrialSummary): number | string => (knob.categorical ? JSON.stringify(t.knobs[knob.name]) : (t.knobs[knob.name] as number));
  return {
    animation: false,
    title: { text: knob.name, left: 'center', textStyle: { fontSize: 12 } },
    grid: { left: 48, right: 12, top: 28, bottom: 28 },
    tooltip: { trigger: 'item' },
    xAxis: knob.categorical ? { type: 'category', data: categories } : { type: knob.log ? 'log' : 'value', scale: true },
    yAxis: { type: 'value', name: metric, scale: true },
    series: rounds.map((r, i) => ({
      type: 'scatter',
      name: `round ${r}`,
      symbolSize: 6,
      itemStyle: { color: ROUND_COLORS[i % ROUND_COLORS.length] },
      data: finished.filter((t) => t.round === r).map((t) => ({ value: [x(t), t.objective], name: `trial ${t.number}` })),
      markArea: knob.categorical
        ? undefined
        : {
            silent: true,
            itemStyle: { color: ROUND_COLORS[i % ROUND_COLORS.length], opacity: 0.08 },
            data: knob.boxes.filter((b) => b.round === r && r > 1).map((b) => [{ xAxis: b.low }, { xAxis: b.high }]),
          },
    })),
  };
}

/** The knobs of a spec's space with each round's box, for the search-space view. */
export function knobAxes(space: Record<string, { type: string; log?: boolean }>, rounds: { round: number; box: unknown }[]): KnobAxis[] {
  return Object.entries(space).map(([name, p]) => ({
    name,
    log: Boolean(p.log),
    categorical: p.type === 'categorical' || p.type === 'fixed',
    boxes: rounds.flatMap((r) => {
      const e = (r.box as Record<string, { low?: number; high?: number }>)[name];
      return e && e.low !== undefined && e.high !== undefined ? [{ round: r.round, low: e.low, high: e.high }] : [];
    }),
  }));
}

/** Train vs validation loss of one trial, with its best epoch and the epoch it stopped marked; the stop reason in the tooltip. */
export function trialCurveOption(curves: Curves | null, trial: TrialSummary): ChartOption {
  const train: [number, number | null][] = [];
  const val: [number, number | null][] = [];
  if (curves) {
    for (let i = 0; i < curves.epoch.length; i++) {
      if (curves.trial[i] !== trial.number || curves.fold[i] !== 0) continue;
      train.push([curves.epoch[i], curves.trainLoss[i]]);
      val.push([curves.epoch[i], curves.valLoss[i]]);
    }
  }
  const marks = [
    ...(trial.bestEpoch !== null
      ? [{ name: `best epoch ${trial.bestEpoch}`, xAxis: trial.bestEpoch, lineStyle: { color: '#18a058' }, label: { formatter: 'best', position: 'insideEndTop' } }]
      : []),
    ...(trial.stoppedEpoch !== null
      ? [{ name: `stopped at ${trial.stoppedEpoch}: ${trial.stopReason ?? ''}`, xAxis: trial.stoppedEpoch, lineStyle: { color: '#d03050', type: 'dashed' }, label: { formatter: 'stop', position: 'insideEndBottom' } }]
      : []),
  ];
  return {
    animation: false,
    title: { text: `trial ${trial.number}: train vs validation`, left: 'center', textStyle: { fontSize: 12 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 16, top: 28, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'log', name: 'loss' },
    series: [
      { type: 'line', name: 'train_loss', data: train, showSymbol: false },
      {
        type: 'line',
        name: 'val_loss',
        data: val,
        showSymbol: false,
        markLine: { symbol: 'none', label: { formatter: '{b}', fontSize: 10 }, tooltip: { formatter: '{b}' }, data: marks },
      },
    ],
  };
}
