import type { SeedConfig, SeedSpread } from '../../../src-core/api/contract';
import type { ChartOption, TrialItem } from './echarts';
import { alignedInterval, endLabels, ROUND_COLORS, short } from './options';
import { metricBound, withinBounds, type MetricRanges } from './scale';


/** The row label of a configuration: its original trial, the original best marked (and said to be beaten when it is). */
export function configLabel(c: SeedConfig, s: SeedSpread): string {
  if (c.trial !== s.originalBest) return `trial ${c.trial}`;
  return s.beatenBy !== null ? `trial ${c.trial} · original best, beaten` : `trial ${c.trial} · original best`;
}

/** An extent a little wider than [lo, hi] whose ends are whole multiples of a 1-2-5 step (about five steps across). */
export function roundExtent(lo: number, hi: number): { min: number; max: number } {
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
  const raw = (hi - lo + 2 * pad) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw)!;
  const round = (v: number): number => Number(v.toPrecision(12));
  return { min: round(Math.floor((lo - pad) / step) * step), max: round(Math.ceil((hi + pad) / step) * step) };
}

/** Seeds spread a little across their row so equal values stay visible (the same offsets every time). */
const jitter = (i: number, n: number): number => (n <= 1 ? 0 : -0.18 + (0.36 * i) / (n - 1));

/**
 * Each configuration of a seed re-run as a row, best mean at the top: its objective with every
 * seed as dots, the mean (diamond) with ± one standard deviation (thick bar) and the 95% interval of
 * the mean (thin bar), and the original trial's own run (hollow circle). Clicking a dot opens that
 * seed's trial in the re-run. The value axis stops at the metric's bounds (`ranges`: the vocabulary's).
 */
export function seedSpreadOption(s: SeedSpread, ranges?: MetricRanges | null): ChartOption {
  const rows = s.configs;
  const dots: TrialItem[] = [];
  const means: { value: [number, number]; name: string }[] = [];
  const originals: { value: [number, number]; name: string }[] = [];
  const sdBars: { coords: [number, number][]; name: string }[] = [];
  const ciBars: { coords: [number, number][]; name: string }[] = [];
  const xs: number[] = [];
  rows.forEach((c, y) => {
    c.objectives.forEach((o, i) => {
      const trial = c.trials[i];
      if (o === null || trial === null) return;
      xs.push(o);
      dots.push({ value: [o, y + jitter(i, c.objectives.length)], trial, name: `trial ${c.trial}, seed ${i + 1} (re-run trial ${trial}): ${s.metric} ${short(o)}` });
    });
    if (c.mean !== null) means.push({ value: [c.mean, y], name: `trial ${c.trial}: mean ${short(c.mean)}${c.sd !== null ? ` ± ${short(c.sd)}` : ''} over ${c.n} seed${c.n === 1 ? '' : 's'}` });
    if (c.mean !== null && c.sd !== null) sdBars.push({ coords: [[c.mean - c.sd, y], [c.mean + c.sd, y]], name: `trial ${c.trial}: mean ± sd ${short(c.mean - c.sd)} – ${short(c.mean + c.sd)}` });
    if (c.ci) {
      ciBars.push({ coords: [[c.ci[0], y], [c.ci[1], y]], name: `trial ${c.trial}: 95% interval of the mean ${short(c.ci[0])} – ${short(c.ci[1])}` });
      xs.push(c.ci[0], c.ci[1]);
    }
    if (c.originalObjective !== null) {
      originals.push({ value: [c.originalObjective, y], name: `trial ${c.trial} in the original search (its own seed): ${short(c.originalObjective)}` });
      xs.push(c.originalObjective);
    }
  });
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const round = roundExtent(lo, hi);
  const [min, max] = withinBounds(round.min, round.max, metricBound(ranges, s.metric));
  const labels = rows.map((c) => configLabel(c, s));
  return {
    animation: false,
    grid: { left: 10, right: 24, top: 32, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: { top: 0, right: 10, type: 'scroll', width: '80%' },
    // Every value drawn inside a round extent (cut at the metric's bounds); the axis line at the bottom, not through the first row.
    xAxis: {
      type: 'value', name: s.metric, nameLocation: 'middle', nameGap: 26, min, max, ...alignedInterval(min, max), axisLabel: endLabels(min, max), axisLine: { onZero: false },
    },
    // Rows 0…k−1 from the top, labelled at their centre (the seeds' dots spread a little above and below).
    yAxis: {
      type: 'value', min: -0.5, max: rows.length - 0.5, inverse: true, splitLine: { show: false },
      axisTick: { customValues: rows.map((_, i) => i) },
      axisLabel: { customValues: rows.map((_, i) => i), formatter: (v: number) => labels[Math.round(v)] ?? '' },
    },
    series: [
      { type: 'lines', name: '95% interval of the mean', coordinateSystem: 'cartesian2d', polyline: false, data: ciBars, lineStyle: { width: 2, color: '#8a8f98', opacity: 1 }, silent: false, z: 1 },
      { type: 'lines', name: 'mean ± sd', coordinateSystem: 'cartesian2d', polyline: false, data: sdBars, lineStyle: { width: 8, color: '#3ba272', opacity: 0.45 }, z: 2 },
      { type: 'scatter', name: 'seed', symbolSize: 8, data: dots, itemStyle: { color: ROUND_COLORS[0], opacity: 0.85 }, z: 3 },
      { type: 'scatter', name: 'mean', symbol: 'diamond', symbolSize: 14, data: means, itemStyle: { color: '#3ba272', borderColor: '#1e5e3f', borderWidth: 1 }, z: 4 },
      { type: 'scatter', name: 'original run', symbol: 'emptyCircle', symbolSize: 11, data: originals, itemStyle: { color: '#c0841a', borderWidth: 2 }, z: 5 },
    ],
  };
}

/** The mean over seeds of each trial a spread covers: the original search's trial numbers, or (for the re-run itself) each seed's trial. */
export function meanByTrial(s: SeedSpread | null, ofRerun: boolean): Map<number, { mean: number; sd: number | null; n: number }> {
  const out = new Map<number, { mean: number; sd: number | null; n: number }>();
  if (!s) return out;
  for (const c of s.configs) {
    if (c.mean === null) continue;
    const v = { mean: c.mean, sd: c.sd, n: c.n };
    if (ofRerun) for (const t of c.trials) {
      if (t !== null) out.set(t, v);
    }
    else out.set(c.trial, v);
  }
  return out;
}
