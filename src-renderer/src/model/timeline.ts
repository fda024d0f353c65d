import type { TrialStatus, TrialSummary } from '../../../src-core/api/contract';
import { durationText } from '../../../src-core/format';
import { busyText, stretchesOf } from '../../../src-core/stretches';
import { plural } from './status';

/** One trial on the timeline: seconds since the search's first start, on a worker's lane. */
export interface TimelineBar {
  trial: number;
  /** Its coarse-to-fine round (1 for strategies without rounds). */
  round: number;
  status: TrialStatus;
  lane: number;
  start: number;
  end: number;
  /** Still running: its end is now and moves on. */
  open: boolean;
}

/** A stretch in which no trial ran, long enough to fold on the chart (a pause, a stop and a resume). */
export interface TimelineGap {
  start: number;
  end: number;
}

/** When each trial of a search ran, laid out on its workers' lanes. */
export interface Timeline {
  /** The first start (ms since the epoch): second 0. */
  t0: number;
  bars: TimelineBar[];
  /** How many lanes the bars take: the workers, or more where more trials ran at once (a resume with more workers). */
  lanes: number;
  /** Idle stretches folded on the chart, in time order. */
  gaps: TimelineGap[];
  /** Seconds from the first start to the last end. */
  span: number;
  /** Seconds in which at least one trial ran. */
  active: number;
  /** Seconds of trial time in all (each trial's bar added up). */
  busy: number;
}

/** Starts that follow an end on the same worker by less than this are the same lane's, not a trial run beside it (the times are written by different threads). */
const JITTER_S = 1;
/** An idle stretch is folded when it is longer than this and than FOLD_SHARE of the time trials ran. */
const FOLD_MIN_S = 60;
const FOLD_SHARE = 0.1;

/**
 * Lay the started trials out in time: each a bar from its start to its end (now, while it runs), on
 * the first lane free at its start, as a worker takes the next trial. The store does not say which
 * worker ran a trial; any packing of the same times shows the same picture of how busy the workers
 * were. At most `workers` lanes unless trials really overlapped beyond them (by more than JITTER_S:
 * a search resumed with more workers). A trial cut short and run again shows its latest run only.
 * Null when no trial has started.
 */
export function timeline(trials: readonly TrialSummary[], workers: number, now: number): Timeline | null {
  const runs = trials
    .filter((t) => t.startedAt !== null && t.status !== 'queued')
    .map((t) => {
      const start = Date.parse(t.startedAt!);
      const finished = t.finishedAt === null ? NaN : Date.parse(t.finishedAt);
      return { t, start, end: Number.isFinite(finished) ? finished : NaN };
    })
    .filter((r) => Number.isFinite(r.start));
  if (runs.length === 0) return null;
  // A trial with no end that no longer runs (its process died: interrupted) ends at the last time anything was written.
  const lastWritten = Math.max(...runs.map((r) => (Number.isFinite(r.end) ? Math.max(r.start, r.end) : r.start)));
  const t0 = Math.min(...runs.map((r) => r.start));
  runs.sort((a, b) => a.start - b.start || a.t.number - b.t.number);
  const laneEnds: number[] = [];
  const cap = Math.max(1, workers);
  const bars: TimelineBar[] = runs.map(({ t, start, end }) => {
    const open = !Number.isFinite(end) && t.status === 'running';
    // The page's clock ticks every few seconds: a running trial reaches at least the last time written, so it never ends before a trial that started after it.
    const stop = Number.isFinite(end) ? end : open ? Math.max(now, start, lastWritten) : lastWritten;
    const s = (start - t0) / 1000;
    const e = Math.max(s, (stop - t0) / 1000);
    let lane = laneEnds.findIndex((x) => x <= s);
    if (lane < 0) {
      const soonest = laneEnds.reduce((best, x, i) => (best < 0 || x < laneEnds[best] ? i : best), -1);
      lane = laneEnds.length < cap || soonest < 0 || laneEnds[soonest] - s > JITTER_S ? laneEnds.length : soonest;
    }
    // A running trial holds its worker: no later start joins its lane.
    laneEnds[lane] = open ? Infinity : e;
    return { trial: t.number, round: t.round, status: t.status, lane, start: s, end: e, open };
  });
  // The stretches when something ran, and the idle ones between them.
  const union = stretchesOf(bars.map((b) => [b.start, b.end]));
  const active = union.reduce((sum, [a, b]) => sum + (b - a), 0);
  const gaps: TimelineGap[] = [];
  for (let i = 1; i < union.length; i++) {
    const idle = union[i][0] - union[i - 1][1];
    if (idle > FOLD_MIN_S && idle > FOLD_SHARE * active) gaps.push({ start: union[i - 1][1], end: union[i][0] });
  }
  return {
    t0, bars, lanes: laneEnds.length, gaps,
    span: union[union.length - 1][1], active, busy: bars.reduce((sum, b) => sum + (b.end - b.start), 0),
  };
}

/** When each round after the first started (its first trial's start), for a strategy with rounds; [] for one without. */
export function roundStarts(tl: Timeline): { round: number; start: number }[] {
  const first = new Map<number, number>();
  for (const b of tl.bars) if (b.round > 1) first.set(b.round, Math.min(first.get(b.round) ?? Infinity, b.start));
  return [...first].sort((a, b) => a[0] - b[0]).map(([round, start]) => ({ round, start }));
}

/** The bar at a point of the chart (seconds since the first start, worker as the axis numbers them from 1), or null: what a click on the timeline opens. */
export function barAt(tl: Timeline, seconds: number, worker: number): TimelineBar | null {
  const l = Math.round(worker) - 1;
  if (Math.abs(worker - 1 - l) > 0.45) return null;
  let found: TimelineBar | null = null;
  for (const b of tl.bars) if (b.lane === l && b.start <= seconds && seconds <= b.end && (!found || b.start > found.start)) found = b;
  return found;
}

/**
 * What the timeline says in words: how busy the workers were while the search ran, and the idle
 * stretches folded. Busy is trial time over the workers' time while anything ran: a worker waiting
 * for others to finish (a coarse-to-fine round's end, a search's last trials) counts as idle.
 */
export function timelineSentence(tl: Timeline, workers: number): string {
  const parts = [`Trials ${busyText(tl.busy, tl.active, Math.max(workers, tl.lanes))}.`];
  if (roundStarts(tl).length > 0) parts.push('Each round starts once the round before it has finished (the dashed lines), since its box is drawn around that round\'s best trials: a worker done early waits.');
  if (tl.gaps.length > 0) {
    const idle = tl.gaps.reduce((s, g) => s + (g.end - g.start), 0);
    parts.push(`${tl.gaps.length === 1 ? `One stretch of ${durationText(idle)}` : `${plural(tl.gaps.length, 'stretch', 'stretches')} of ${durationText(idle)} in all`} when no trial ran (paused, stopped, or waiting for a worker) ${tl.gaps.length === 1 ? 'is' : 'are'} folded.`);
  }
  return parts.join(' ');
}
