import { durationText } from './format';

/**
 * Stretches of time in which something ran: the union of intervals. Pure, for the engine (a
 * search's running time, `service/compare.ts`) and the renderer (the timeline's idle stretches).
 */

/** The union of [start, end] intervals (any unit), sorted, overlapping and touching ones merged. */
export function stretchesOf(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const union: [number, number][] = [];
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    const last = union[union.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else union.push([a, Math.max(a, b)]);
  }
  return union;
}

/**
 * A search's running time: from its trials' start and end times in ms (a trial still running
 * counted to now), for any moment the seconds since the first start in which at least one trial
 * ran. A pause, a stop and a resume the next day, or trials waiting for a worker, are left out:
 * they are not the search's work. Found by bisection (a search on one worker has a stretch per trial).
 */
export function runningClock(intervals: readonly (readonly [number, number])[]): (at: number) => number {
  const union = stretchesOf(intervals);
  const before: number[] = [];
  let sum = 0;
  for (const [a, b] of union) {
    before.push(sum);
    sum += b - a;
  }
  return (at) => {
    let lo = 0;
    let hi = union.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (union[mid][0] < at) lo = mid + 1;
      else hi = mid;
    }
    // The stretches starting before `at` are 0…lo-1; the last of them may still be under way at `at`.
    if (lo === 0) return 0;
    const [a, b] = union[lo - 1];
    return (before[lo - 1] + Math.min(at, b) - a) / 1000;
  };
}

/**
 * The work in a set of [start, end] intervals (any unit): `running`, the time in which at least one
 * ran; `busy`, their lengths added up. busy / (workers × running) is how busy the workers were.
 */
export function workTime(intervals: readonly (readonly [number, number])[]): { running: number; busy: number } {
  const running = stretchesOf(intervals).reduce((sum, [a, b]) => sum + (b - a), 0);
  const busy = intervals.reduce((sum, [a, b]) => sum + Math.max(0, b - a), 0);
  return { running, busy };
}

/**
 * How long trials ran and how busy the workers were, as the dashboard's timeline and `knobs run`
 * both say it: "ran 1.1 s in all over 0.61 s of running time: the 2 workers were busy 93% of it"
 * (seconds of trial time, seconds of running time; the share capped at 100%).
 */
export function busyText(busy: number, running: number, workers: number): string {
  const w = Math.max(1, workers);
  const share = running > 0 ? Math.min(1, busy / (w * running)) : 1;
  return `ran ${durationText(busy)} in all over ${durationText(running)} of running time: ${w === 1 ? 'the worker was' : `the ${w} workers were`} busy ${Math.round(share * 100)}% of it`;
}
