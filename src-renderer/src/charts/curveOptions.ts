import type { ObjectiveChance, TrialSummary } from '../../../src-core/api/contract';
import { knobsLabel } from '../../../src-core/api/labels';
import { elapsedOf, smoothSeries, type CurveMap, type TrialCurve } from './curves';
import type { ChartOption, SeriesOption, TrialItem } from './echarts';
import { statusWord, stopReasonText } from '../model/status';
import { bestOf, chanceMark, needsChance, CLIPPED_COLOR, CROSS, endLabels, FAILED_COLOR, GRID, legendMark, MANY_DOTS, pathMarks, PRUNED_COLOR, ROUND_COLORS, clippedName, failedName, isFailed, isPruned, linesOpacity, prunedName, scaleAxis, short } from './options';
import { clipY, metricBound, objectiveScale, place, type MetricBound, type MetricRanges, type ObjectiveScale, type ScaleMode } from './scale';
import { elapsedAxis } from './elapsed';
import { durationText } from '../../../src-core/format';
import { MAXIMIZED_METRICS } from '../../../src-core/vocabulary';
import { encodeHTML } from './html';

/** A curve of one epoch (a slow trial's first, or a one-epoch trial) is a lone point: a line without its symbol would draw nothing. */
function lone(points: readonly unknown[]): boolean {
  return points.length === 1;
}

/**
 * The epoch axis: from `from` (the overlay: 1; else ECharts' choice) to the last epoch, and 0–2 for
 * one epoch, whose point would otherwise sit at an edge. Its ends are labelled, a round tick crowding
 * one is not ("180" beside a last epoch of 189).
 */
function epochAxis(last: number, from?: number): ChartOption['xAxis'] {
  const range = last <= 1 ? { min: 0, max: 2 } : from === undefined ? null : { min: from, max: last };
  return { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1, ...(range ? { ...range, axisLabel: endLabels(range.min, range.max) } : {}) };
}

/**
 * Many polylines as one flat typed array, ECharts' large polyline format ([points, x, y, x, y, …,
 * points, …]): no array per point to clone or collect, so thousands of lines draw and redraw fast
 * (the timeline's bars; the curves overlay writes its points into the format as it clips them).
 */
export function flatLines(lines: { coords: [number, number][] }[]): Float64Array {
  let n = 0;
  for (const l of lines) n += 1 + 2 * l.coords.length;
  const out = new Float64Array(n);
  let i = 0;
  for (const l of lines) {
    out[i++] = l.coords.length;
    for (const [x, y] of l.coords) {
      out[i++] = x;
      out[i++] = y;
    }
  }
  return out;
}

/**
 * What a curve can be drawn by: the loss the network trains on, a classification's accuracy, and a
 * regression's validation RMSE, MAE and R², in the target's own units (a loss on a standardised
 * target is not: its RMSE is what the search optimizes and what a person reads, in dollars).
 */
export type CurveMetric = 'loss' | 'accuracy' | 'balanced_accuracy' | 'rmse' | 'mae' | 'r2';
export const CURVE_METRICS: readonly CurveMetric[] = ['loss', 'accuracy', 'balanced_accuracy', 'rmse', 'mae', 'r2'];
/** How the charts and the choice name a curve metric. */
export const CURVE_METRIC_LABEL: Record<CurveMetric, string> = { loss: 'loss', accuracy: 'accuracy', balanced_accuracy: 'balanced accuracy', rmse: 'RMSE', mae: 'MAE', r2: 'R²' };
/** Each metric's validation values in a curve; only the loss and accuracy are recorded on the training rows too. */
const VAL_OF = { loss: 'valLoss', accuracy: 'valAccuracy', balanced_accuracy: 'valBalancedAccuracy', rmse: 'valRmse', mae: 'valMae', r2: 'valR2' } as const satisfies Record<CurveMetric, keyof TrialCurve>;
const TRAIN_OF: Partial<Record<CurveMetric, 'trainLoss' | 'trainAccuracy'>> = { loss: 'trainLoss', accuracy: 'trainAccuracy' };
/** Whether a metric's curves are recorded on the training rows as well as the validation rows. */
export const hasTrainCurve = (metric: CurveMetric): boolean => TRAIN_OF[metric] !== undefined;

/** The curve metric of a search's objective (val_rmse: rmse; val_loss and train_loss: the loss). */
export function curveMetricOf(objective: string): CurveMetric {
  const m = objective.replace(/^(val|train)_/, '');
  return (CURVE_METRICS as readonly string[]).includes(m) ? (m as CurveMetric) : 'loss';
}

/** The value of a curve point for a metric (training values of a metric recorded on validation rows only: none). */
function pick(c: TrialCurve, metric: CurveMetric, split: 'train' | 'val'): (number | null)[] {
  if (split === 'val') return c[VAL_OF[metric]] ?? [];
  const k = TRAIN_OF[metric];
  return k ? c[k] : [];
}

/**
 * A curve metric's bounds from the vocabulary's ranges (a loss or an error is never below 0,
 * accuracy lies in [0, 1], R² is at most 1; training and validation values share them), without a
 * direction: a curve's axis is cut at the bounds, never focused on the good values as an objective's is.
 */
export function curveBound(ranges: MetricRanges | null | undefined, metric: CurveMetric): MetricBound | undefined {
  return metricBound(ranges, `val_${metric}`);
}

/**
 * The metrics the curves can be drawn by: the loss, the search's own (`own`, from its objective),
 * and the others the first curve with a finite loss recorded (of the first map that has one: the
 * overlay's, else the trials fetched whole) (a classification's accuracy, a
 * regression's errors and R²: every trial of a search records the same ones), in CURVE_METRICS' order.
 */
export function curveMetrics(curves: CurveMap | CurveMap[], own: CurveMetric = 'loss'): CurveMetric[] {
  const found = new Set<CurveMetric>(['loss', own]);
  const first = (map: CurveMap): TrialCurve | null => {
    for (const c of map.values()) if (c.valLoss.some((v) => v !== null && Number.isFinite(v))) return c;
    return null;
  };
  const c = (Array.isArray(curves) ? curves : [curves]).map(first).find((x) => x !== null);
  if (c) {
    const i = c.valLoss.findIndex((v) => v !== null && Number.isFinite(v));
    for (const m of CURVE_METRICS) if (pick(c, m, 'val')[i] !== null && pick(c, m, 'val')[i] !== undefined) found.add(m);
  }
  return CURVE_METRICS.filter((m) => found.has(m));
}

/**
 * The scale of the overlaid validation curves by the shared rule (loss usually spans decades: log),
 * within the metric's bounds (`ranges`: the vocabulary's); made to reach the metric's chance level
 * (`chance`) where every value is worse than it and the best no better (needsChance), as Best so far's.
 */
export function curvesScale(curves: CurveMap, metric: CurveMetric, mode: ScaleMode = 'auto', ranges?: MetricRanges | null, chance: ObjectiveChance | null = null): ObjectiveScale {
  // The values straight into one typed array (missing ones as NaN, which the scale skips): 250,000 of them for a big search.
  // One slot more at the end, NaN unless the chance level joins them.
  let n = 0;
  for (const c of curves.values()) n += pick(c, metric, 'val').length;
  const values = new Float64Array(n + 1).fill(NaN);
  let i = 0;
  for (const c of curves.values()) for (const v of pick(c, metric, 'val')) values[i++] = v ?? NaN;
  const scale = objectiveScale(values, mode, curveBound(ranges, metric));
  if (!chance || !needsChance(scale, chance, bestOf(values, curveDirection(metric)), curveDirection(metric))) return scale;
  values[n] = chance.value;
  return objectiveScale(values, mode, curveBound(ranges, metric));
}

/** Which way a curve metric is better: accuracy, balanced accuracy and R² up, the losses and errors down. */
export const curveDirection = (metric: CurveMetric): 'minimize' | 'maximize' => ((MAXIMIZED_METRICS as readonly string[]).includes(`val_${metric}`) ? 'maximize' : 'minimize');

/** A point of a curve on a scale: clipped values sit at the edge; missing ones are skipped. */
const at = clipY;

/** Up to this many trials, the curves overlay gives each trial its own colour (dashed after the first ten) and a legend entry. */
export const FEW_CURVES = 16;
/** One colour per trial when there are few (Tableau 10: distinct, and readable on light and dark backgrounds). */
export const TRIAL_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** "trial 3 · sigmoid · N(0, 1)": each trial with the knob values that differ between the trials given. */
export function trialNames(trials: Pick<TrialSummary, 'number' | 'knobs'>[]): Map<number, string> {
  const keys = [...new Set(trials.flatMap((t) => Object.keys(t.knobs)))].filter((k) => new Set(trials.map((t) => JSON.stringify(t.knobs[k]))).size > 1);
  return new Map(trials.map((t) => [t.number, keys.length > 0 ? `trial ${t.number} · ${knobsLabel(t.knobs, keys)}` : `trial ${t.number}`]));
}

/** Above this many best-epoch dots or early-stop crosses, the overlay draws them smaller. */
export const MANY_MARKS = 1000;

/** The best-epoch dots of the curves overlay: green with a dark rim, readable on the curves in both themes. */
export const BEST_EPOCH_COLOR = '#18a058';
export const BEST_EPOCH_RIM = '#0a3d22';

/** A pruned curve's end: a bar across the curve, like the end of a cut line. */
const PRUNED_MARK = 'path://M0,0L0,12M0,6L4,6';

/**
 * Every trial's validation curve overlaid as one large `lines` series (fast with thousands of
 * trials), the selected trial drawn on top, and markers at each trial's best epoch (dot), the
 * epoch it stopped early (cross), the epoch the search's pruner stopped it (a bar ending the
 * curve) and where a failed or diverged trial ended (red cross at the top edge); ASHA's and
 * Hyperband's rungs (`rungs`, epochs) are vertical dashed lines. Up to `FEW_CURVES` trials, each
 * gets its own colour and a legend entry naming the knob values that set it apart. The y axis
 * follows the shared scale rule (`scale`, from curvesScale); values beyond it are drawn at its
 * edge; the metric's chance level (`chance`) is a dotted line where the axis reaches it. The overlay
 * is of the first fold: a trial pruned in a later fold ends no curve here.
 */
export function curvesOption(
  curves: CurveMap, trials: TrialSummary[], selected: number | null, metric: CurveMetric, scale: ObjectiveScale, rungs: readonly number[] = [], against: CurveAxis = 'epoch',
  chance: ObjectiveChance | null = null,
): ChartOption {
  const byTime = against === 'time' && canDrawAgainstTime(curves, [...curves.keys()]);
  /** Each curve's x at each of its epochs: the epoch, or the training time when it ended. */
  const xsOf = new Map([...curves].map(([t, c]) => [t, byTime ? elapsedOf(c)! : c.epoch]));
  let maxX = byTime ? 0 : 1;
  // Every curve's drawn points go straight into one flat array in ECharts' large polyline format
  // ([points, x, y, x, y, …, points, …]), in trial order, whatever order the curves arrived in (a trial
  // keeps its colour and legend place when the map is rebuilt): no array per point to build and collect.
  let room = 0;
  for (const c of curves.values()) room += 1 + 2 * Math.max(2, c.epoch.length);
  const flat = new Float64Array(room);
  let used = 0;
  /** Each drawn curve: its trial, where it starts in `flat` (its point count) and whether it is a lone point. */
  const lines: { trial: number; at: number; lone: boolean }[] = [];
  for (const t of [...curves.keys()].sort((a, b) => a - b)) {
    const c = curves.get(t)!;
    const ys = pick(c, metric, 'val');
    const xs = xsOf.get(t)!;
    const at0 = used++;
    let n = 0;
    for (let i = 0; i < c.epoch.length; i++) {
      const y = at(scale, ys[i]);
      if (y === null) continue;
      flat[used++] = xs[i];
      flat[used++] = y;
      n++;
      if (xs[i] > maxX) maxX = xs[i];
    }
    if (n === 0) {
      used = at0;
      continue;
    }
    // One epoch: a line of two equal points (the large format needs two), drawn as its point.
    const lone = n === 1;
    if (lone) {
      flat[used] = flat[used - 2];
      flat[used + 1] = flat[used - 1];
      used += 2;
      n = 2;
    }
    flat[at0] = n;
    lines.push({ trial: t, at: at0, lone });
  }
  /** A drawn curve's points as [x, y] pairs (the few curves drawn apart, and the selected one). */
  const coordsOf = (l: { at: number }): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = 0; i < flat[l.at]; i++) out.push([flat[l.at + 1 + 2 * i], flat[l.at + 2 + 2 * i]]);
    return out;
  };
  const chosen = lines.find((l) => l.trial === selected);
  const selectedData = chosen ? coordsOf(chosen) : [];
  /** Where a trial's curve is at an epoch: [x, y], or null where it has no value there. */
  const pointAt = (t: TrialSummary, epoch: number | null): [number, number] | null => {
    const c = curves.get(t.number);
    if (!c || epoch === null) return null;
    const i = c.epoch.indexOf(epoch);
    const y = i >= 0 ? at(scale, pick(c, metric, 'val')[i]) : null;
    return y === null ? null : [xsOf.get(t.number)![i], y];
  };
  const bestMarks: TrialItem[] = [];
  const stopMarks: TrialItem[] = [];
  const failedMarks: TrialItem[] = [];
  const prunedMarks: TrialItem[] = [];
  const worst = higherIsBetter(metric) ? scale.min : scale.max;
  for (const t of trials) {
    if (isFailed(t)) {
      const c = curves.get(t.number);
      const known = c !== undefined && c.epoch.length > 0;
      const last = known ? c.epoch[c.epoch.length - 1] : (t.stoppedEpoch ?? 1);
      const x = byTime ? (known ? xsOf.get(t.number)!.at(-1)! : 0) : last;
      failedMarks.push({ value: [x, worst], trial: t.number, name: `trial ${t.number}: ${t.status} at epoch ${last}` });
      continue;
    }
    const b = pointAt(t, t.bestEpoch);
    if (b !== null) bestMarks.push({ value: b, trial: t.number, name: `trial ${t.number}: best epoch ${t.bestEpoch}` });
    if (t.stopReason === 'early_stopping') {
      const s = pointAt(t, t.stoppedEpoch);
      if (s !== null) stopMarks.push({ value: s, trial: t.number, name: `trial ${t.number}: stopped early at ${t.stoppedEpoch}` });
    }
    if (isPruned(t) && t.prune && t.prune.fold === 0) {
      const s = pointAt(t, t.prune.epoch);
      if (s !== null) prunedMarks.push({ value: s, trial: t.number, name: `trial ${t.number}: pruned at epoch ${t.prune.epoch} (${t.prune.rule})` });
    }
  }
  // A rung is an epoch: against training time each trial reaches it at its own time, so no line marks it.
  const rungLines = byTime ? [] : rungs.filter((r) => r <= maxX).map((r, k) => ({ name: `rung ${k + 1}`, xAxis: r }));
  const pruning = prunedMarks.length > 0 || rungLines.length > 0;
  const many = lines.length > 300;
  const few = lines.length <= FEW_CURVES;
  // Names that set the few curves apart (the knob values that differ), worked out only where a legend shows them.
  const names = few ? trialNames(trials.filter((t) => curves.has(t.number))) : new Map<number, string>();
  const nameOf = (t: number): string => names.get(t) ?? `trial ${t}`;
  const colored: SeriesOption[] = !few ? [] : lines.map((l, i) => ({
    type: 'line', name: nameOf(l.trial), data: coordsOf(l).map((value) => ({ value, trial: l.trial })), showSymbol: l.lone, z: l.trial === selected ? 9 : 2,
    lineStyle: {
      width: l.trial === selected ? 3 : 1.5, color: TRIAL_COLORS[i % TRIAL_COLORS.length], type: i < TRIAL_COLORS.length ? 'solid' : 'dashed',
      opacity: selected === null || l.trial === selected ? 0.95 : 0.35,
    },
    itemStyle: { color: TRIAL_COLORS[i % TRIAL_COLORS.length] }, emphasis: { focus: 'series' },
  }));
  const series: SeriesOption[] = [
    ...(few
      ? colored
      : [{
          // Many curves draw in chunks over several frames (progressive), so the page never freezes while they draw.
          type: 'lines', name: 'trials', coordinateSystem: 'cartesian2d', polyline: true, large: many, largeThreshold: 300, silent: many,
          progressive: many ? 400 : 0, progressiveThreshold: 1000,
          lineStyle: { width: 1, opacity: selected === null ? (many ? linesOpacity(lines.length, 0.25, 0.05) : 0.6) : Math.min(0.15, linesOpacity(lines.length, 0.25, 0.05)), color: ROUND_COLORS[0] }, data: many ? (flat.slice(0, used) as unknown as []) : lines.map((l) => ({ name: `trial ${l.trial}`, trial: l.trial, coords: coordsOf(l) })), z: 1,
          // ECharts' development build (and tests) refuses typed-array data without named dimensions.
          ...(many ? { dimensions: ['value'] } : {}),
        } as SeriesOption]),
    // A dark rim keeps the green dots apart from the mass of blue curves (on the dark theme above all).
    // Thousands of marks are drawn smaller (MANY_MARKS), or they would cover the curves they mark.
    { type: 'scatter', name: 'best epoch', symbolSize: bestMarks.length > MANY_MARKS ? 4 : 7, large: bestMarks.length > MANY_DOTS, itemStyle: { color: BEST_EPOCH_COLOR, borderColor: BEST_EPOCH_RIM, borderWidth: bestMarks.length > MANY_MARKS ? 0.5 : 1.2 }, data: bestMarks, z: 3, ...chanceMark(scale, chance) },
    // Crosses and bars are path symbols: past MANY_DOTS of a kind, their ink is one path (pathMarks), else an element each.
    ...pathMarks({ type: 'scatter', name: 'early stop', symbol: CROSS, symbolSize: stopMarks.length > MANY_MARKS ? 4 : 6, itemStyle: { color: '#c0841a', borderColor: '#c0841a', borderWidth: stopMarks.length > MANY_MARKS ? 1 : 1.5 }, data: stopMarks, z: 3 }),
    ...(pruning
      ? pathMarks({
          type: 'scatter', name: prunedName(prunedMarks.length), symbol: PRUNED_MARK, symbolSize: [6, 12], symbolOffset: [2, 0],
          itemStyle: { color: PRUNED_COLOR, borderColor: PRUNED_COLOR, borderWidth: 2 }, data: prunedMarks, z: 4,
          markLine: rungLines.length > 0
            ? { silent: true, symbol: 'none', lineStyle: { color: PRUNED_COLOR, type: 'dashed', width: 1 }, label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10, color: PRUNED_COLOR }, data: rungLines }
            : undefined,
        })
      : []),
    ...(failedMarks.length > 0
      ? pathMarks({ type: 'scatter', name: failedName(failedMarks.length), symbol: CROSS, symbolSize: 8, itemStyle: { color: FAILED_COLOR, borderColor: FAILED_COLOR, borderWidth: 2 }, data: failedMarks, z: 4 })
      : []),
    ...(few ? [] : [{ type: 'line', name: selected === null ? 'selected' : `trial ${selected}`, data: selectedData, showSymbol: false, z: 10, lineStyle: { width: 3, color: '#f0a020' }, silent: true } as SeriesOption]),
  ];
  const marks = {
    top: 0, right: 10, type: 'plain' as const, width: few ? 360 : '70%',
    data: ['best epoch', legendMark({ name: 'early stop', symbol: CROSS }), ...(pruning ? [legendMark({ name: prunedName(prunedMarks.length), symbol: PRUNED_MARK })] : []), ...(failedMarks.length > 0 ? [legendMark({ name: failedName(failedMarks.length), symbol: CROSS })] : [])],
  };
  return {
    animation: false,
    grid: few ? { ...GRID, right: 215 } : GRID,
    tooltip: { trigger: 'item', formatter: few ? '{a}' : '{b}' },
    legend: few
      ? [marks, { type: 'scroll', orient: 'vertical', right: 0, top: 28, bottom: 8, width: 205, data: lines.map((l) => nameOf(l.trial)), textStyle: { fontSize: 11 } }]
      : marks,
    xAxis: byTime ? timeAxis(maxX) : epochAxis(maxX, 1),
    yAxis: { ...scaleAxis(scale), name: `val ${CURVE_METRIC_LABEL[metric]}` },
    series,
  };
}

/**
 * Why one trial's train vs validation chart would draw nothing (no epoch yet, or no finite value of
 * the metric), in a short sentence to show instead of an empty frame; null when it has something to draw.
 */
export function trialCurveEmpty(curve: TrialCurve | undefined, trial: TrialSummary, metric: CurveMetric = 'loss'): string | null {
  const ended = trial.status !== 'running' && trial.status !== 'queued';
  // Not loaded yet (or no epoch yet): the chart waits for its points, unless the trial ended before its first epoch.
  if (!curve || curve.epoch.length === 0) return ended && !trial.stoppedEpoch ? `No epoch to draw: the trial ended before its first (${statusWord(trial.status)}).` : null;
  const finite = (v: number | null): boolean => typeof v === 'number' && Number.isFinite(v);
  if (pick(curve, metric, 'train').some(finite) || pick(curve, metric, 'val').some(finite)) return null;
  const last = curve.epoch[curve.epoch.length - 1];
  const name = CURVE_METRIC_LABEL[metric];
  if (trial.status === 'diverged' || trial.status === 'failed') return `No finite ${name} to draw: the trial ${trial.status} at epoch ${last}.`;
  return ended ? `No ${name} to draw: the trial recorded none.` : null;
}

/**
 * Train vs validation of one trial (validation alone for a regression's errors and R², which the
 * training rows do not record), with its best epoch and the epoch it stopped marked; the y axis
 * by the shared rule over its own values, within the metric's bounds (`ranges`: the vocabulary's),
 * values beyond it drawn at its edge and marked with a grey triangle each, counted in the legend
 * ("beyond the axis (2)") as on every objective chart. With `smoothing` (a weight, `smoothSeries`)
 * each line is drawn smoothed over its raw values, drawn faint ("val_loss (raw)"); the axis and the
 * points beyond it stay those of the raw values, so moving the smoothing never moves the axis.
 * `fold`: which fold a search of several draws ("fold 1 of 5", firstFoldText), said in the title.
 */
export function trialCurveOption(
  curve: TrialCurve | undefined, trial: TrialSummary, metric: CurveMetric = 'loss', mode: ScaleMode = 'auto', ranges?: MetricRanges | null, smoothing = 0, against: CurveAxis = 'epoch',
  chance: ObjectiveChance | null = null, fold: string | null = null,
): ChartOption {
  const drawnValues = curve ? [...pick(curve, metric, 'train'), ...pick(curve, metric, 'val')] : [];
  const own = objectiveScale(drawnValues, mode, curveBound(ranges, metric));
  // Where every validation value is worse than the chance level and the best no better, the axis reaches it (as the overlay's).
  const bestVal = bestOf(curve ? pick(curve, metric, 'val') : [], curveDirection(metric));
  const scale = needsChance(own, chance, bestVal, curveDirection(metric)) ? objectiveScale([...drawnValues, chance.value], mode, curveBound(ranges, metric)) : own;
  const chanceLine = chanceMark(scale, chance);
  const smoothed = smoothing > 0;
  const elapsed = against === 'time' && curve ? elapsedOf(curve) : null;
  /** Each epoch's x: the epoch, or the training time when it ended (where every epoch was timed). */
  const xs = curve ? (elapsed ?? curve.epoch) : [];
  const xAt = (epoch: number): number => (elapsed && curve ? elapsed[curve.epoch.indexOf(epoch)] ?? epoch : epoch);
  const values = (split: 'train' | 'val', smooth: boolean): (number | null)[] => (curve ? (smooth ? smoothSeries(pick(curve, metric, split), smoothing) : pick(curve, metric, split)) : []);
  const series = (split: 'train' | 'val', smooth = smoothed): [number, number | null][] => (curve ? values(split, smooth).map((y, i) => [xs[i], at(scale, y)]) : []);
  const color = { train: ROUND_COLORS[0], val: ROUND_COLORS[1] };
  const splits = hasTrainCurve(metric) ? (['train', 'val'] as const) : (['val'] as const);
  const val = series('val');
  const clipped: TrialItem[] = [];
  for (const split of splits) if (curve) clipped.push(...beyondAxis(scale, curve.epoch, pick(curve, metric, split), trial.number, `${split}_${metric}`, xs));
  const best = trial.bestEpoch;
  const marks = [
    ...(best !== null
      ? [{ name: `best epoch ${best}`, xAxis: xAt(best), lineStyle: { color: '#18a058' }, label: { formatter: 'best', position: 'insideEndTop' as const } }]
      : []),
    ...(trial.stoppedEpoch !== null
      ? [{ name: `stopped at ${trial.stoppedEpoch}: ${stopReasonText(trial)}`, xAxis: xAt(trial.stoppedEpoch), lineStyle: { color: '#d03050', type: 'dashed' as const }, label: { formatter: 'stop', position: 'insideEndBottom' as const } }]
      : []),
  ];
  return {
    animation: false,
    title: {
      text: scale.count === 0 && curve && curve.epoch.length > 0
        ? `trial ${trial.number}: no finite ${CURVE_METRIC_LABEL[metric]} to draw (${statusWord(trial.status)})`
        : `trial ${trial.number}: ${splits.length === 2 ? 'train vs validation' : `validation ${CURVE_METRIC_LABEL[metric]}`}${fold ? `, ${fold}` : ''}${smoothed ? `, smoothed ${smoothingLabel(smoothing)}` : ''}`,
      left: 'center', textStyle: { fontSize: 12 },
    },
    legend: { bottom: 0, data: [...splits.map((split) => `${split}_${metric}`), ...(clipped.length > 0 ? [clippedName(clipped.length)] : [])] },
    grid: { ...GRID, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => curveTip(tipX(ps), elapsed !== null, splits.map((split) => ({
        label: `${split}_${metric}`, color: color[split], xs, epochs: curve?.epoch ?? [],
        values: [{ name: '', ys: values(split, smoothed), ...(smoothed ? { raw: values(split, false) } : {}) }],
      }))),
    },
    xAxis: elapsed ? timeAxis(elapsed.at(-1) ?? 0) : epochAxis(curve?.epoch.at(-1) ?? 0),
    yAxis: { ...scaleAxis(scale), name: CURVE_METRIC_LABEL[metric] },
    series: [
      ...(smoothed ? splits.map((split): SeriesOption => rawSeries(`${split}_${metric}`, series(split, false), color[split])) : []),
      ...(splits.length === 2 ? [trainSeries(series('train'), `train_${metric}`, color.train)] : []),
      {
        type: 'line',
        name: `val_${metric}`,
        data: val,
        showSymbol: lone(val),
        lineStyle: { color: color.val },
        itemStyle: { color: color.val },
        markLine: { symbol: 'none', label: { formatter: '{b}', fontSize: 10 }, tooltip: { formatter: '{b}' }, data: marks },
      },
      ...clippedSeries(clipped),
      // The validation rows' chance level, on a series of its own (its marks' style is not the epochs').
      ...(chanceLine.markLine ? [{ type: 'line', name: 'chance', data: [], silent: true, ...chanceLine } as SeriesOption] : []),
    ],
  };
}

/** A trial's training curve. */
function trainSeries(data: [number, number | null][], name: string, color: string): SeriesOption {
  return { type: 'line', name, data, showSymbol: lone(data), lineStyle: { color }, itemStyle: { color } };
}

/** Whether higher values of a curve metric are better (accuracy, R²): a failed trial's cross then sits at the axis' bottom. */
const higherIsBetter = (metric: CurveMetric): boolean => metric === 'accuracy' || metric === 'r2';

/** "0.6": a smoothing weight as the charts name it. */
export function smoothingLabel(w: number): string {
  return String(Number(w.toFixed(2)));
}

/** A curve's raw values drawn faint behind its smoothed line, in its colour, named "… (raw)" (in the tooltip, not the legend). */
function rawSeries(name: string, data: [number, number | null][], color: string, dashed = false): SeriesOption {
  return { type: 'line', name: `${name} (raw)`, data, showSymbol: false, silent: true, z: 1, lineStyle: { color, width: 1, opacity: 0.3, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color, opacity: 0.3 } };
}

/** The points of a curve beyond its axis, each a grey triangle at the edge (pointing down below it), named with its value and epoch. */
function beyondAxis(scale: ObjectiveScale, epochs: number[], ys: (number | null)[], trial: number, label: string, xs: readonly number[] = epochs): TrialItem[] {
  const out: TrialItem[] = [];
  epochs.forEach((e, i) => {
    const p = place(scale, ys[i]);
    if (p?.edge) out.push({ value: [xs[i], p.y], trial, name: `${label} ${short(ys[i]!)} at epoch ${e} (${p.edge === 'high' ? 'above' : 'below'} the axis)`, symbolRotate: p.edge === 'high' ? 0 : 180 });
  });
  return out;
}

/** The series of points beyond the axis, counted in the legend ("beyond the axis (2)"); none when every point is on it. */
function clippedSeries(clipped: TrialItem[]): SeriesOption[] {
  return clipped.length > 0 ? [{ type: 'scatter', name: clippedName(clipped.length), symbol: 'triangle', symbolSize: 8, itemStyle: { color: CLIPPED_COLOR }, data: clipped, z: 4 } as SeriesOption] : [];
}

/** One curve of a curve tooltip: its label and colour, when each epoch ended on the x axis, and its values (smoothed: beside the raw ones). */
interface TipCurve { label: string; color: string; xs: readonly number[]; epochs: readonly number[]; values: { name: string; ys: readonly (number | null)[]; raw?: readonly (number | null)[] }[] }

/** A curve value in a tooltip: four digits, its true value where it is drawn at the axis's edge. */
const tipValue = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : short(v));

/** A colour's dot, as ECharts marks a series in its tooltip. */
const tipDot = (color: string): string => `<span style="display:inline-block;margin-right:5px;border-radius:50%;width:9px;height:9px;background-color:${color}"></span>`;

/**
 * The curve charts' tooltip at the pointer's x (an epoch, or seconds of training): each curve's values at
 * its latest epoch ended by then, four digits each, true where the line is drawn at the axis's edge, the
 * raw value beside a smoothed one. ECharts' own axis tooltip lists only the series whose point lies
 * nearest the pointer: by training time it named one trial of four, and past a trial's last epoch
 * nothing of it; its values were the drawn ones (a diverged loss read as the axis's top) in 17 digits.
 * Labels and names are escaped: the tooltip is HTML.
 */
export function curveTip(x: number, byTime: boolean, curves: readonly TipCurve[], heading = true): string {
  const lines = heading ? [byTime ? `${durationText(x)} of training` : `epoch ${x}`] : [];
  for (const c of curves) {
    let i = -1;
    while (i + 1 < c.xs.length && c.xs[i + 1] <= x * (1 + 1e-9) + 1e-12) i += 1;
    if (i < 0) {
      lines.push(`${tipDot(c.color)}${encodeHTML(c.label)}: ${byTime ? 'still in its first epoch' : 'no epoch yet'}`);
      continue;
    }
    const at = c.epochs[i];
    const last = i === c.xs.length - 1 && c.xs[i] < x * (1 - 1e-9) - 1e-12;
    const where = last ? ` (its last epoch, ${at})` : byTime ? ` (epoch ${at})` : '';
    const values = c.values.map((v) => `${v.name ? `${encodeHTML(v.name)} ` : ''}${tipValue(v.ys[i])}${v.raw ? ` (raw ${tipValue(v.raw[i])})` : ''}`).join(' · ');
    lines.push(`${tipDot(c.color)}${encodeHTML(c.label)}${c.label ? ': ' : ''}${values}${where}`);
  }
  return lines.join('<br>');
}

/** The x an axis tooltip stands at (the first series' point the pointer snapped to). */
const tipX = (params: unknown): number => Number((Array.isArray(params) ? params[0] : params)?.axisValue ?? Number.NaN);

/** What the compared curves are drawn against: the epoch, or the training time (TensorBoard's "relative" axis). */
export type CurveAxis = 'epoch' | 'time';

/** Whether every compared curve knows each epoch's time (trials stored before epochs were timed do not). */
export function canDrawAgainstTime(curves: CurveMap, numbers: readonly number[]): boolean {
  // The same test as elapsedOf's, without building 5,000 arrays of times to throw away.
  return numbers.every((n) => {
    const c = curves.get(n);
    if (c === undefined || !c.seconds) return false;
    for (let i = 0; i < c.epoch.length; i++) {
      const s = c.seconds[i];
      if (s === null || s === undefined || !Number.isFinite(s)) return false;
    }
    return true;
  });
}

/** The training-time axis: seconds since a trial's first epoch began. */
const timeAxis = (last: number): ChartOption['xAxis'] => ({ type: 'value', name: 'training time', nameLocation: 'middle', nameGap: 24, ...elapsedAxis(last) });

/** The axis of compared trials: their train and validation values of `metric` by the shared scale rule (`mode`), within the metric's bounds. */
export function compareScale(curves: CurveMap, numbers: number[], mode: ScaleMode = 'auto', ranges?: MetricRanges | null, metric: CurveMetric = 'loss'): ObjectiveScale {
  const all = numbers.flatMap((n) => {
    const c = curves.get(n);
    return c ? [...pick(c, metric, 'val'), ...pick(c, metric, 'train')] : [];
  });
  return objectiveScale(all, mode, curveBound(ranges, metric));
}

/**
 * Validation and training values of `metric` (the loss unless asked; a regression's errors and R²
 * have validation values only) of 2–4 trials overlaid (solid: validation, dashed: training), on the
 * shared scale rule, within the metric's bounds (`ranges`: the vocabulary's); a diverged trial's
 * values beyond the axis are drawn at its edge and marked with grey triangles, counted in the
 * legend, as on every other curve chart (a line pinned to the edge alone read as "the loss stayed
 * at 1000"). With `smoothing` each line is smoothed over its raw values drawn faint, as in
 * `trialCurveOption`. `against` 'time' draws each curve against its training time (each epoch's
 * time added up), where every compared curve knows it: a wide network that needs fewer epochs may
 * still take longer.
 */
export function compareCurvesOption(
  curves: CurveMap, numbers: number[], mode: ScaleMode = 'auto', ranges?: MetricRanges | null, smoothing = 0, against: CurveAxis = 'epoch', metric: CurveMetric = 'loss',
): ChartOption {
  const scale = compareScale(curves, numbers, mode, ranges, metric);
  const byTime = against === 'time' && canDrawAgainstTime(curves, numbers);
  const splits = hasTrainCurve(metric) ? (['val', 'train'] as const) : (['val'] as const);
  /** Each compared curve's x: its epochs, or when each epoch ended in seconds of training. */
  const xsOf = new Map(numbers.map((n) => {
    const c = curves.get(n);
    return [n, c ? (byTime ? elapsedOf(c)! : c.epoch) : []];
  }));
  const series = numbers.flatMap((n, i): SeriesOption[] => {
    const c = curves.get(n);
    const xs = xsOf.get(n)!;
    const color = ROUND_COLORS[i % ROUND_COLORS.length];
    const data = (split: 'train' | 'val', smooth = smoothing > 0): [number, number | null][] => {
      const ys = c ? pick(c, metric, split) : [];
      return (smooth ? smoothSeries(ys, smoothing) : ys).map((y, j) => [xs[j], at(scale, y)]);
    };
    const line = (split: 'train' | 'val'): SeriesOption => {
      const points = data(split);
      const train = split === 'train';
      return { type: 'line', name: `trial ${n} ${split}`, data: points, showSymbol: lone(points), lineStyle: { color, width: train ? 1 : 2, ...(train ? { type: 'dashed' as const } : {}) }, itemStyle: { color } };
    };
    return [
      ...(smoothing > 0 ? splits.map((split) => rawSeries(`trial ${n} ${split}`, data(split, false), color, split === 'train')) : []),
      ...splits.map(line),
    ];
  });
  const clipped = numbers.flatMap((n) => {
    const c = curves.get(n);
    const xs = xsOf.get(n)!;
    return c ? splits.flatMap((split) => beyondAxis(scale, c.epoch, pick(c, metric, split), n, `trial ${n} ${split}_${metric}`, xs)) : [];
  });
  const lastX = Math.max(0, ...numbers.map((n) => xsOf.get(n)!.at(-1) ?? 0));
  return {
    animation: false,
    legend: { bottom: 0, data: [...numbers.flatMap((n) => splits.map((split) => `trial ${n} ${split}`)), ...(clipped.length > 0 ? [clippedName(clipped.length)] : [])] },
    grid: { ...GRID, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => curveTip(tipX(ps), byTime, numbers.map((n, i) => {
        const c = curves.get(n);
        const ys = (split: 'train' | 'val'): (number | null)[] => (c ? pick(c, metric, split) : []);
        return {
          label: `trial ${n}`, color: ROUND_COLORS[i % ROUND_COLORS.length], xs: xsOf.get(n)!, epochs: c?.epoch ?? [],
          values: splits.map((split) => ({ name: split, ys: smoothing > 0 ? smoothSeries(ys(split), smoothing) : ys(split), ...(smoothing > 0 ? { raw: ys(split) } : {}) })),
        };
      })),
    },
    xAxis: byTime ? timeAxis(lastX) : epochAxis(lastX),
    yAxis: { ...scaleAxis(scale), name: CURVE_METRIC_LABEL[metric] },
    series: [...series, ...clippedSeries(clipped)],
  };
}
