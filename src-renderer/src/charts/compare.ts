import { durationText } from '../../../src-core/format';
import type { ComparedSearch, SearchComparison } from '../../../src-core/api/contract';
import { figuresAlike } from '../../../src-core/format';
import type { ChartOption, SeriesOption } from './echarts';
import { chanceMark, CLIPPED_COLOR, clippedName, CROSS, FAILED_COLOR, failedName, GRID, MANY_DOTS, PRUNED_COLOR, prunedName, ROUND_COLORS, scaleAxis, short, stripOffset } from './options';
import { clipY, metricBound, objectiveScale, place, worstEdge, type MetricRanges, type ObjectiveScale, type ScaleMode } from './scale';
import { elapsedAxis } from './elapsed';

/** Each compared search's colour, in the order picked (the round palette: 3:1 on both themes). */
export const searchColor = (i: number): string => ROUND_COLORS[i % ROUND_COLORS.length];

/** How each search is named on charts and tables: its name, with its project when the searches span projects or share a name. */
export function searchLabels(c: SearchComparison): string[] {
  const projects = new Set(c.searches.map((s) => s.summary.projectId));
  const names = c.searches.map((s) => s.summary.name);
  const shared = names.some((n, i) => names.indexOf(n) !== i);
  return c.searches.map((s) => (projects.size > 1 || shared ? `${s.summary.project} / ${s.summary.name}` : s.summary.name));
}

/**
 * The one scale every objective chart of the comparison shares: the repo's rule over every search's
 * values, within the metric's bounds (`ranges`: the vocabulary's) and with its direction, as each
 * search's own objective charts have it.
 */
export function comparisonScale(c: SearchComparison, mode: ScaleMode, ranges?: MetricRanges | null): ObjectiveScale {
  const objective = comparisonObjective(c);
  const bound = objective ? metricBound(ranges, objective.metric, objective.direction) : undefined;
  return objectiveScale(c.searches.flatMap((s) => s.trials.map((t) => t.objective)), mode, bound);
}

/** What the comparison's charts need: the metric and direction they are drawn by (null when the objectives differ and no metric was chosen: then nothing is drawn on one axis). */
export function comparisonObjective(c: SearchComparison): { metric: string; direction: 'minimize' | 'maximize' } | null {
  return c.searches.length === 0 ? null : c.metric;
}

/** The best-so-far steps of one search: [x, best] after each trial with a value (pruned trials' partial values never count), x being its finishing rank (1-based) or its seconds. */
export function bestSoFar(s: ComparedSearch, direction: 'minimize' | 'maximize', x: 'trials' | 'seconds'): [number, number][] {
  let best: number | null = null;
  const out: [number, number][] = [];
  s.trials.forEach((t, i) => {
    const at = x === 'trials' ? i + 1 : t.seconds;
    if (t.objective === null || at === null || t.status === 'pruned') return;
    if (best === null || (direction === 'minimize' ? t.objective < best : t.objective > best)) best = t.objective;
    out.push([at, best]);
  });
  return out;
}

/** A duration on an axis: "45 s", "3 min 20 s", "1 h 5 min". */
type Ring = { value: number[]; name: string; itemStyle: { borderColor: string } };
/**
 * The pruned trials of every search as one series, as on the dashboard: hollow rings at the value
 * reached when stopped, each in its search's colour, counted in the legend (a purple ring).
 */
function prunedRings(rings: Ring[], xAxisIndex?: number): SeriesOption[] {
  if (rings.length === 0) return [];
  return [{
    type: 'scatter', name: prunedName(rings.length), symbol: 'circle', symbolSize: 6, ...(xAxisIndex === undefined ? {} : { xAxisIndex }),
    itemStyle: { color: 'transparent', borderColor: PRUNED_COLOR, borderWidth: 1.2 }, data: rings, z: 2,
  } as SeriesOption];
}

/**
 * Every search's best-so-far objective on one chart, against trials finished (in the order they
 * ended) or against running time (pauses left out): a step line per search with its trials as faint dots in its colour,
 * pruned trials as hollow rings in its colour (the best so far ignores them), failed and diverged trials as red crosses at the worst edge and values beyond the axis as grey
 * triangles at its edge, both counted in the legend.
 */
export function compareBestOption(c: SearchComparison, scale: ObjectiveScale, x: 'trials' | 'seconds'): ChartOption {
  const objective = comparisonObjective(c);
  if (!objective) return { series: [] };
  const { metric, direction } = objective;
  const labels = searchLabels(c);
  const edge = worstEdge(scale, direction);
  const failed: { value: number[]; name: string }[] = [];
  const clipped: { value: number[]; name: string; symbolRotate: number }[] = [];
  const rings: Ring[] = [];
  const series: SeriesOption[] = [];
  c.searches.forEach((s, i) => {
    const color = searchColor(i);
    const dots: { value: number[]; name: string }[] = [];
    s.trials.forEach((t, k) => {
      const at = x === 'trials' ? k + 1 : t.seconds;
      if (at === null) return;
      const name = `${labels[i]}, trial ${t.number}: ${t.objective === null ? t.status : `${metric} ${short(t.objective)}`}${t.status === 'pruned' ? ' (pruned)' : ''}`;
      if (t.objective === null) return void failed.push({ value: [at, edge], name });
      const p = place(scale, t.objective)!;
      if (p.edge) clipped.push({ value: [at, p.y], name: `${name} (${p.edge === 'high' ? 'above' : 'below'} the axis)`, symbolRotate: p.edge === 'high' ? 0 : 180 });
      else if (t.status === 'pruned') rings.push({ value: [at, p.y], name, itemStyle: { borderColor: color } });
      else dots.push({ value: [at, p.y], name });
    });
    const line = bestSoFar(s, direction, x).map(([a, b]) => [a, clipY(scale, b)!]);
    series.push({ type: 'scatter', name: labels[i], symbolSize: 5, large: dots.length > MANY_DOTS, data: dots, itemStyle: { color, opacity: 0.5 }, z: 2 });
    series.push({ type: 'line', name: labels[i], step: 'end', showSymbol: false, data: line, lineStyle: { width: 2.5, color }, itemStyle: { color }, silent: true, z: 3, ...(i === 0 ? chanceMark(scale, c.chance) : {}) });
  });
  series.push(...prunedRings(rings));
  if (clipped.length > 0) series.push({ type: 'scatter', name: clippedName(clipped.length), symbol: 'triangle', symbolSize: 8, itemStyle: { color: CLIPPED_COLOR }, data: clipped, z: 4 });
  if (failed.length > 0) {
    series.push({ type: 'scatter', name: failedName(failed.length), symbol: CROSS, symbolSize: 7, itemStyle: { color: FAILED_COLOR, borderColor: FAILED_COLOR, borderWidth: 1.5 }, data: failed, z: 4 });
  }
  return {
    animation: false,
    grid: { ...GRID, top: 56 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: { top: 0, left: 10, right: 10, type: 'plain', itemStyle: { opacity: 1 } }, // each search's key at full colour (its first series, the trials' dots, is drawn at half)
    xAxis: x === 'trials'
      ? { type: 'value', name: 'trials ended', nameLocation: 'middle', nameGap: 24, minInterval: 1, min: 0 }
      : { type: 'value', name: 'running time since the first trial started (pauses left out)', nameLocation: 'middle', nameGap: 24, ...elapsedAxis(Math.max(0, ...c.searches.map((s) => s.runningSeconds ?? 0))) },
    yAxis: { ...scaleAxis(scale), name: `best ${metric} so far`, axisLine: { onZero: false } },
    series,
  };
}

/** Five-number summary (min, Q1, median, Q3, max) of sorted values, quartiles by linear interpolation. */
export function fiveNumbers(sorted: number[]): [number, number, number, number, number] {
  const q = (p: number): number => {
    const i = (sorted.length - 1) * p;
    const a = Math.floor(i);
    const b = Math.min(sorted.length - 1, a + 1);
    return sorted[a] + (sorted[b] - sorted[a]) * (i - a);
  };
  return [sorted[0], q(0.25), q(0.5), q(0.75), sorted[sorted.length - 1]];
}

/** Where a trial's dot sits across its search's column, in [-0.18, 0.18): the strips' offsets (stripOffset), so dots of equal value spread out evenly and stay put. */
const jitter = (n: number): number => stripOffset(n) * 0.36;

/**
 * Each search's objective distribution: a box (quartiles, whiskers to the extremes on the axis)
 * over every trial with a value and the trials as jittered dots in the search's colour; failed and
 * diverged trials as red crosses at the worst edge, values beyond the axis at its edge, counted.
 */
export function compareDistributionOption(c: SearchComparison, scale: ObjectiveScale): ChartOption {
  const objective = comparisonObjective(c);
  if (!objective) return { series: [] };
  const { metric, direction } = objective;
  const labels = searchLabels(c);
  const edge = worstEdge(scale, direction);
  const boxes: { name: string; value: number[]; itemStyle: { color: string; borderColor: string } }[] = [];
  const failed: { value: number[]; name: string }[] = [];
  const clipped: { value: number[]; name: string; symbolRotate: number }[] = [];
  const dots: SeriesOption[] = [];
  const rings: Ring[] = [];
  c.searches.forEach((s, i) => {
    const color = searchColor(i);
    // The box is of the trials that ran their course: a pruned trial's value is where it was stopped.
    const values = s.trials.filter((t) => t.status !== 'pruned').map((t) => t.objective).filter((v): v is number => v !== null).sort((a, b) => a - b);
    if (values.length > 0) {
      const five = fiveNumbers(values).map((v) => clipY(scale, v)!);
      boxes.push({ name: `${labels[i]}: median ${short(fiveNumbers(values)[2])} of ${values.length}`, value: five, itemStyle: { color: 'transparent', borderColor: color } });
    } else boxes.push({ name: `${labels[i]}: no values`, value: [], itemStyle: { color: 'transparent', borderColor: color } });
    const own: { value: number[]; name: string }[] = [];
    for (const t of s.trials) {
      const name = `${labels[i]}, trial ${t.number}: ${t.objective === null ? t.status : `${metric} ${short(t.objective)}`}${t.status === 'pruned' ? ' (pruned)' : ''}`;
      const at = i + jitter(t.number);
      if (t.objective === null) {
        failed.push({ value: [at, edge], name });
        continue;
      }
      const p = place(scale, t.objective)!;
      if (p.edge) clipped.push({ value: [at, p.y], name: `${name} (${p.edge === 'high' ? 'above' : 'below'} the axis)`, symbolRotate: p.edge === 'high' ? 0 : 180 });
      else if (t.status === 'pruned') rings.push({ value: [at, p.y], name, itemStyle: { borderColor: color } });
      else own.push({ value: [at, p.y], name });
    }
    dots.push({ type: 'scatter', name: labels[i], xAxisIndex: 1, symbolSize: 5, large: own.length > MANY_DOTS, data: own, itemStyle: { color, opacity: 0.55 }, z: 3 });
  });
  const series: SeriesOption[] = [
    { type: 'boxplot', name: 'quartiles', data: boxes, dimensions: ['min', 'Q1', 'median', 'Q3', 'max'], boxWidth: ['30%', '60%'], itemStyle: { borderWidth: 2 }, z: 2 },
    ...dots,
    ...prunedRings(rings, 1),
  ];
  if (clipped.length > 0) series.push({ type: 'scatter', name: clippedName(clipped.length), xAxisIndex: 1, symbol: 'triangle', symbolSize: 8, itemStyle: { color: CLIPPED_COLOR }, data: clipped, z: 4 });
  if (failed.length > 0) {
    series.push({ type: 'scatter', name: failedName(failed.length), xAxisIndex: 1, symbol: CROSS, symbolSize: 7, itemStyle: { color: FAILED_COLOR, borderColor: FAILED_COLOR, borderWidth: 1.5 }, data: failed, z: 4 });
  }
  const n = c.searches.length;
  return {
    animation: false,
    grid: { ...GRID, top: 56, bottom: 56 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    legend: { top: 0, left: 10, right: 10, type: 'plain', itemStyle: { opacity: 1 } },
    xAxis: [
      // Names are cut to a band's width at the narrowest window the app lays out (about 450 px of plot at 820 px); the tooltip has them whole.
      // A label naming its project reads on two lines, the search's name first: cut at their ends, "churn model for the quarterly review 14 / tpe 5"
      // and "… review 20 / sweep" read alike on one.
      { type: 'category', data: labels, axisLabel: { interval: 0, width: Math.max(70, 420 / n), overflow: 'truncate', lineHeight: 14, formatter: (label: string, i: number) => (label === c.searches[i]?.summary.name ? label : `${c.searches[i].summary.name}\n${c.searches[i].summary.project}`) } },
      { type: 'value', min: -0.5, max: n - 0.5, show: false },
    ],
    // Not on the hidden value axis' zero, which is the first search's centre.
    yAxis: { ...scaleAxis(scale), name: metric, axisLine: { onZero: false } },
    series,
  };
}

/** A search's budget in words: "60 trials · 2 min · stop after 10 without improvement" ("no limit" when none). */
export function budgetText(s: ComparedSearch): string {
  const parts: string[] = [];
  if (s.budget.trials !== null) parts.push(`${s.budget.trials} trials`);
  if (s.budget.seconds !== null) parts.push(durationText(s.budget.seconds));
  if (s.budget.noImprovement !== null) parts.push(`stop after ${s.budget.noImprovement} without improvement`);
  return parts.length > 0 ? parts.join(' · ') : `no limit (plans ${s.summary.plannedTrials})`;
}

/** When a search reached its best value: its rank among the trials ended (1-based) and the seconds, or null. */
export function bestReachedAt(s: ComparedSearch): { rank: number; seconds: number | null } | null {
  if (!s.best) return null;
  const k = s.trials.findIndex((t) => t.number === s.best!.number);
  return k < 0 ? null : { rank: k + 1, seconds: s.trials[k].seconds };
}

/**
 * Each search's trials per minute over its running time (pauses left out), to three digits, the row in one notation
 * (figuresAlike: "6.76e+5" beside "1.08e+6", never "676437" beside "1.076e+6"); "–" without a wall time.
 */
export function trialsPerMinute(c: SearchComparison): string[] {
  const rates = c.searches.map((s) => (s.runningSeconds !== null && s.runningSeconds > 0 ? (s.trials.length * 60) / s.runningSeconds : NaN));
  const texts = figuresAlike(rates, { digits: 3 });
  return rates.map((r, i) => (Number.isFinite(r) ? texts[i] : '–'));
}
