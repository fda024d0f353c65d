import { durationText } from '../../../src-core/format';
import type { TrialSummary } from '../../../src-core/api/contract';
import { statusWord } from '../model/status';
import { roundStarts, type Timeline, type TimelineBar } from '../model/timeline';
import { BEST_EPOCH_COLOR, flatLines } from './curveOptions';
import { elapsedAxis, elapsedLabel } from './elapsed';
import type { ChartOption, SeriesOption } from './echarts';
import { CLIPPED_COLOR, FAILED_COLOR, GRID, PRUNED_COLOR, ROUND_COLORS, trialName } from './options';

/** Past this many bars in all, each kind is one shape (ECharts' large lines): no tooltip per bar, a click still opens its trial (barAt). */
export const MANY_BARS = 2000;
/** A lane's height in pixels: roomy for a few workers, thin for many. */
export const laneHeight = (lanes: number): number => Math.max(6, Math.min(28, Math.floor(240 / Math.max(1, lanes))));
/** The chart's height for its lanes (and the rounds' labels above them, for a strategy with rounds). */
export const timelineHeight = (lanes: number, rounds = false): number => GRID.top + GRID.bottom + 12 + (rounds ? 12 : 0) + lanes * laneHeight(lanes);

/** The kinds of bar, each a series with its colour and legend entry, in legend order. */
const KINDS = [
  { key: 'done', label: 'finished', color: ROUND_COLORS[0] },
  { key: 'best', label: 'best', color: BEST_EPOCH_COLOR },
  { key: 'running', label: 'running', color: ROUND_COLORS[0] },
  { key: 'pruned', label: 'pruned', color: PRUNED_COLOR },
  { key: 'failed', label: 'failed / diverged', color: FAILED_COLOR },
  { key: 'cut', label: 'cut short', color: CLIPPED_COLOR },
] as const;
type Kind = (typeof KINDS)[number]['key'];
const opacityOf = (k: Kind): number => (k === 'running' ? 0.45 : 0.9);

function kindOf(b: TimelineBar, best: number | null): Kind {
  if (b.trial === best) return 'best';
  if (b.open) return 'running';
  switch (b.status) {
    case 'pruned': return 'pruned';
    case 'failed': case 'diverged': return 'failed';
    case 'interrupted': case 'cancelled': case 'running': case 'queued': return 'cut';
    default: return 'done';
  }
}

/**
 * Where a bar ends as drawn, given the seconds the plot's width shows (`drawn`): a little short of
 * its end (about a pixel in a plot 800 wide, never more than a sixth of the bar), so trials one
 * after another on a lane read as separate bars; and at least `least` long, so a trial of a
 * fraction of a pixel (thousands of trials in a long search) still shows its colour.
 */
function drawnEnd(b: TimelineBar, drawn: number, least: number): number {
  const len = b.end - b.start;
  return Math.max(len > 0 ? b.end - Math.min(drawn / 800, len / 6) : b.start, b.start + least);
}

/**
 * When each trial ran: a bar per trial from its start to its end (seconds since the search's first
 * start) on its worker's lane, coloured by how it ended, the best trial green, running ones faint;
 * idle stretches (a pause, a stop and a resume) folded as axis breaks, the ticks reading running
 * time and each fold's far edge what it left out; a strategy with rounds has a dashed line where
 * each round began. `best`: the best trial's number, or null; `dark`: the folds drawn for the dark
 * theme.
 */
export function timelineOption(tl: Timeline, trials: readonly TrialSummary[], metric: string, best: number | null, dark = false): ChartOption {
  const byNumber = new Map(trials.map((t) => [t.number, t]));
  const groups = new Map<Kind, TimelineBar[]>(KINDS.map((k) => [k.key, []]));
  for (const b of tl.bars) groups.get(kindOf(b, best))!.push(b);
  const many = tl.bars.length > MANY_BARS;
  const width = Math.max(2, Math.round(laneHeight(tl.lanes) * 0.72));
  const folded = tl.gaps.reduce((s, g) => s + (g.end - g.start), 0);
  const drawn = Math.max(0.05, tl.span - folded);
  const workers = Array.from({ length: tl.lanes }, (_, i) => i + 1);
  const name = (b: TimelineBar): string => {
    const t = byNumber.get(b.trial);
    const when = `${durationText(b.end - b.start)}${b.open ? ' so far' : ''}, from ${b.start < 5e-4 ? 'the start' : durationText(b.start)} on worker ${b.lane + 1}`;
    return t ? `${trialName(t, metric)} (${statusWord(t.status)}; ${when})` : `trial ${b.trial} (${when})`;
  };
  const series: SeriesOption[] = [];
  const legend: { name: string; itemStyle: { opacity: number } }[] = [];
  for (const k of KINDS) {
    const bars = groups.get(k.key)!;
    if (bars.length === 0) continue;
    legend.push({ name: `${k.label} (${bars.length})`, itemStyle: { opacity: opacityOf(k.key) } });
    // Lanes are numbered from 1 on the axis (and in the data table), as the workers are named.
    // About a pixel at least (the best trial's bar four), on a plot some 600 px wide. (Many bars carry no names: one shape has no tooltips.)
    const least = (k.key === 'best' ? 4 : 1) * drawn / 600;
    const lines = bars.map((b) => ({ coords: [[b.start, b.lane + 1], [drawnEnd(b, drawn, least), b.lane + 1]] as [number, number][], trial: b.trial, name: many ? '' : name(b) }));
    series.push({
      type: 'lines', name: `${k.label} (${bars.length})`, coordinateSystem: 'cartesian2d', polyline: true,
      // Running bars faint (their legend swatch too): they are still growing.
      lineStyle: { width, color: k.color, opacity: opacityOf(k.key), cap: 'butt' },
      z: k.key === 'best' ? 3 : 2,
      ...(many
        // One shape per kind; ECharts' development build (and tests) refuses typed-array data without named dimensions.
        ? { large: true, largeThreshold: 0, silent: true, data: flatLines(lines) as unknown as [], dimensions: ['value'] }
        : { data: lines }),
    } as SeriesOption);
  }
  // Coarse-to-fine: where each round started, a dashed line on the first series.
  const rounds = roundStarts(tl).map((r) => ({ name: `round ${r.round}`, xAxis: r.start }));
  if (rounds.length > 0 && series.length > 0) {
    series[0] = {
      ...series[0],
      markLine: { silent: true, symbol: 'none', lineStyle: { color: CLIPPED_COLOR, type: 'dashed', width: 1 }, label: { formatter: '{b}', position: 'start', fontSize: 10, color: CLIPPED_COLOR }, data: rounds },
    } as SeriesOption;
  }
  const axis = elapsedAxis(tl.span, drawn);
  // Past a fold the ticks read on from those before it, the folded stretches left out ("0.08 s", the
  // fold's "+2 h 3 min", "0.10 s"): the time since the start there, "2 h 3 min 0.08 s", ran into the
  // label before the fold and off the plot's end.
  const running = (v: number): number => tl.gaps.reduce((t, g) => (g.end <= v + 1e-9 ? t - (g.end - g.start) : t), v);
  const foldedLabel = (v: number, _i: number, extra?: { break?: { type: 'start' | 'end'; start: number; end: number } } | null): string =>
    extra?.break?.type === 'end' ? `+${durationText(extra.break.end - extra.break.start)}` : elapsedLabel(running(v), axis.interval);
  return {
    animation: false,
    // Room above the plot for the rounds' labels (the lane axis runs downwards: a line starts at the top).
    grid: { ...GRID, left: 44, top: rounds.length > 0 ? 48 : 36 },
    tooltip: { trigger: 'item', formatter: '{b}' },
    // Each kind's swatch as its bars are drawn (the running ones faint).
    legend: { top: 0, left: 40, right: 10, type: 'plain', data: legend },
    xAxis: {
      type: 'value', name: tl.gaps.length > 0 ? 'running time since the first trial started (idle stretches folded)' : 'time since the first trial started',
      nameLocation: 'middle', nameGap: 24, ...axis, axisLabel: { ...axis.axisLabel, formatter: foldedLabel },
      splitLine: { show: false },
      // Idle stretches fold to a zigzag; its far edge names what it left out.
      breaks: tl.gaps.map((g) => ({ start: g.start, end: g.end, gap: '4%' })),
      breakArea: { expandOnClick: false, zigzagAmplitude: 3, itemStyle: dark ? { color: '#26262c', borderColor: '#5c5f66' } : { color: '#f3f3f5', borderColor: '#b4b7bd' } },
    },
    yAxis: {
      type: 'value', name: 'worker', nameLocation: 'middle', nameGap: 28, inverse: true, min: 0.5, max: tl.lanes + 0.5,
      axisTick: { customValues: workers }, axisLabel: { customValues: workers, formatter: (v: number) => String(v), hideOverlap: true },
      splitLine: { show: false },
    },
    series,
  } as ChartOption;
}
