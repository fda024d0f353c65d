import { describe, expect, it } from 'vitest';
import { durationText } from '../../src-core/format';
import type { TrialSummary } from '../../src-core/api/contract';
import { elapsedAxis, elapsedLabel, tickStep } from '../../src-renderer/src/charts/elapsed';
import { MANY_BARS, timelineOption } from '../../src-renderer/src/charts/timeline';
import { barAt, roundStarts, timeline, timelineSentence } from '../../src-renderer/src/model/timeline';
import { trialSummary } from '../helpers/trials';

const T0 = Date.parse('2026-12-05T10:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
/** A trial that ran from `start` to `end` seconds after T0 (end null: no end written). */
const ran = (number: number, start: number, end: number | null, fields: Partial<TrialSummary> = {}): TrialSummary =>
  trialSummary(number, { startedAt: at(start), finishedAt: end === null ? null : at(end), ...fields });

describe('the timeline of a search', () => {
  // Two workers. Worked by hand: 0 takes lane 0 (0–10 s), 1 lane 1 (0.2–5), 2 starts at 5.1 when
  // lane 1 is free (5.1–12), 3 at 10.05 when lane 0 is (10.05–14); 4 waits and is not drawn.
  const trials = [
    ran(0, 0, 10), ran(1, 0.2, 5, { status: 'pruned' }), ran(2, 5.1, 12), ran(3, 10.05, 14, { status: 'diverged', objective: null }),
    trialSummary(4, { status: 'queued', objective: null }),
  ];

  it('puts each trial on the first lane free at its start, as a worker takes the next trial', () => {
    const tl = timeline(trials, 2, T0 + 60_000)!;
    expect(tl.t0).toBe(T0);
    expect(tl.lanes).toBe(2);
    expect(tl.bars.map((b) => [b.trial, b.lane, b.start, b.end])).toEqual([[0, 0, 0, 10], [1, 1, 0.2, 5], [2, 1, 5.1, 12], [3, 0, 10.05, 14]]);
    expect(tl.gaps).toEqual([]);
    expect(tl.span).toBe(14);
    expect(tl.active).toBe(14);
    expect(tl.busy).toBeCloseTo(10 + 4.8 + 6.9 + 3.95, 9);
    // 25.65 s of trials over 2 workers × 14 s: 91.6%.
    expect(timelineSentence(tl, 2)).toBe('Trials ran 26 s in all over 14 s of running time: the 2 workers were busy 92% of it.');
  });

  it('is nothing before a trial starts', () => {
    expect(timeline([trialSummary(0, { status: 'queued', objective: null })], 2, T0)).toBeNull();
    expect(timeline([], 2, T0)).toBeNull();
  });

  it('keeps a start written a moment before the last end on the same lane (two threads write the times), but not a real overlap', () => {
    // One worker: trial 1's start lands 0.3 s before trial 0's end: the same worker, one lane.
    expect(timeline([ran(0, 0, 10), ran(1, 9.7, 20)], 1, T0)!.lanes).toBe(1);
    // Five seconds of overlap is two trials at once (a search resumed with more workers): a lane of its own.
    const tl = timeline([ran(0, 0, 10), ran(1, 5, 20)], 1, T0)!;
    expect(tl.lanes).toBe(2);
    expect(tl.bars.map((b) => b.lane)).toEqual([0, 1]);
    expect(timelineSentence(tl, 1)).toContain('the 2 workers were busy');
  });

  it('a running trial grows to now; one whose process died ends where the last time was written', () => {
    const tl = timeline([ran(0, 0, 30), ran(1, 0, null, { status: 'running', objective: null }), ran(2, 30, null, { status: 'interrupted', objective: null })], 2, T0 + 45_000)!;
    const [, running, died] = [...tl.bars].sort((a, b) => a.trial - b.trial);
    expect([running.end, running.open]).toEqual([45, true]);
    expect([died.end, died.open]).toEqual([30, false]);
    // The page's clock (now) lags what was written since: a running trial reaches at least the last time written.
    const lagging = timeline([ran(0, 0, null, { status: 'running', objective: null }), ran(1, 0, 50), ran(2, 50, null, { status: 'running', objective: null })], 2, T0 + 45_000)!;
    expect(lagging.bars.map((b) => [b.trial, b.lane, b.end])).toEqual([[0, 0, 50], [1, 1, 50], [2, 1, 50]]);
  });

  it('folds an idle stretch longer than a minute and a tenth of the running time (a pause), and says so', () => {
    // 60 s of trials, 3,940 s with none (paused), 30 s more: folded. 3,940 s is 65.7 min, "1 h 6 min".
    const tl = timeline([ran(0, 0, 30), ran(1, 30, 60), ran(2, 4000, 4030)], 1, T0)!;
    expect(tl.gaps).toEqual([{ start: 60, end: 4000 }]);
    expect(tl.active).toBe(90);
    expect(tl.span).toBe(4030);
    expect(timelineSentence(tl, 1)).toBe('Trials ran 1 min 30 s in all over 1 min 30 s of running time: the worker was busy 100% of it. One stretch of 1 h 6 min when no trial ran (paused, stopped, or waiting for a worker) is folded.');
    // 40 s idle in 20 minutes of trials is not folded (shorter than a minute), nor 2 minutes in 30 (a fifteenth).
    expect(timeline([ran(0, 0, 600), ran(1, 640, 1240)], 1, T0)!.gaps).toEqual([]);
    expect(timeline([ran(0, 0, 900), ran(1, 1020, 1920)], 1, T0)!.gaps).toEqual([]);
  });

  it('finds the bar under a click: its worker (within 0.45 of its lane) and its time', () => {
    const tl = timeline(trials, 2, T0)!;
    // Workers as the axis numbers them: lane 0 is worker 1.
    expect(barAt(tl, 7, 2)?.trial).toBe(2);
    expect(barAt(tl, 7, 2.4)?.trial).toBe(2);
    expect(barAt(tl, 7, 1.1)?.trial).toBe(0);
    expect(barAt(tl, 7, 1.5)).toBeNull();
    expect(barAt(tl, 7, 3)).toBeNull();
    expect(barAt(tl, 13, 2)).toBeNull();
    expect(barAt(tl, 9.99, 1)?.trial).toBe(0);
    expect(barAt(tl, 10.02, 1)).toBeNull();
    expect(barAt(tl, 10.05, 1)?.trial).toBe(3);
  });
  it('marks where each coarse-to-fine round began, and says why workers wait there', () => {
    // Round 1 on two workers; round 2 begins when the slower of them is done, at 12 s; worker 2 waited 4 s.
    const trials = [ran(0, 0, 8), ran(1, 0, 12), ran(2, 12, 20, { round: 2 }), ran(3, 12.1, 19, { round: 2 }), ran(4, 20, 25, { round: 3 })];
    const tl = timeline(trials, 2, T0)!;
    expect(roundStarts(tl)).toEqual([{ round: 2, start: 12 }, { round: 3, start: 20 }]);
    expect(timelineSentence(tl, 2)).toContain('Each round starts once the round before it has finished (the dashed lines)');
    const o = timelineOption(tl, trials, 'val_loss', null) as unknown as { series: { markLine?: { data: { name: string; xAxis: number }[] } }[] };
    expect(o.series[0].markLine!.data).toEqual([{ name: 'round 2', xAxis: 12 }, { name: 'round 3', xAxis: 20 }]);
    expect(roundStarts(timeline([ran(0, 0, 8)], 1, T0)!)).toEqual([]);
    expect(timelineSentence(timeline([ran(0, 0, 8)], 1, T0)!, 1)).not.toContain('round');
  });
});

describe('the timeline chart', () => {
  it('one series per kind of bar, each counted, the best green and on top', () => {
    const trials = [
      ran(0, 0, 10, { objective: 0.3 }), ran(1, 0.2, 5, { status: 'pruned', objective: 0.1 }), ran(2, 5.1, 12, { objective: 0.2 }),
      ran(3, 10.05, 14, { status: 'diverged', objective: null }), ran(4, 12, null, { status: 'running', objective: null }),
    ];
    const tl = timeline(trials, 2, T0 + 20_000)!;
    const o = timelineOption(tl, trials, 'val_loss', 2) as unknown as { series: { name: string; data: { trial: number; coords: number[][]; name: string }[]; lineStyle: { color: string } }[]; xAxis: { breaks: unknown[] } };
    expect(o.series.map((s) => [s.name, s.data.map((d) => d.trial)])).toEqual([
      ['finished (1)', [0]], ['best (1)', [2]], ['running (1)', [4]], ['pruned (1)', [1]], ['failed / diverged (1)', [3]],
    ]);
    expect(o.series[1].lineStyle.color).toBe('#18a058');
    // Drawn a little short of its end (the span, 20 s to now, / 800: about a pixel), so the next trial on the lane reads as a bar of its own.
    expect(o.series[0].data[0].coords).toEqual([[0, 1], [10 - 20 / 800, 1]]);
    expect(o.series[2].data[0].name).toBe('trial 4: running (running; 8.0 s so far, from 12 s on worker 2)');
    expect(o.series[0].data[0].name).toBe('trial 0: val_loss 0.3 (complete; 10 s, from the start on worker 1)');
    expect(o.series[3].data[0].name).toBe('trial 1: val_loss 0.1 (pruned; 4.8 s, from 200 ms on worker 2)');
    expect(o.xAxis.breaks).toEqual([]);
  });

  it('past MANY_BARS each kind is one large shape of flat coordinates, and a folded gap is an axis break', () => {
    // Two workers, MANY_BARS + 2 trials of 1 s each, a pause of an hour after the first half.
    const n = MANY_BARS + 2;
    const trials = Array.from({ length: n }, (_, i) => {
      const slot = Math.floor(i / 2);
      const start = slot + (i >= n / 2 ? 3600 : 0);
      return ran(i, start, start + 1);
    });
    const tl = timeline(trials, 2, T0)!;
    expect(tl.lanes).toBe(2);
    expect(tl.gaps).toHaveLength(1);
    const o = timelineOption(tl, trials, 'val_loss', null) as unknown as { series: { large?: boolean; silent?: boolean; data: unknown }[]; xAxis: { breaks: { start: number; end: number }[] } };
    expect(o.series).toHaveLength(1);
    expect(o.series[0]).toMatchObject({ large: true, silent: true });
    const flat = o.series[0].data as Float64Array;
    expect(flat).toBeInstanceOf(Float64Array);
    // Each bar: 2 points, x0, y0, x1, y1.
    expect(flat.length).toBe(5 * n);
    // A 1 s bar among some 1,000 s drawn (the hour folded away) is a fraction of a pixel: it is drawn a 600th of the plot long, about a pixel.
    const drawn = tl.span - (tl.gaps[0].end - tl.gaps[0].start);
    expect([...flat.slice(0, 3), flat[4]]).toEqual([2, 0, 1, 1]);
    expect(flat[3]).toBeCloseTo(drawn / 600, 9);
    expect(drawn / 600).toBeGreaterThan(1);
    // The axis reads running time: past the fold the hour is left out, and the fold's far edge names it.
    const axis = (o as unknown as { xAxis: { name: string; interval: number; axisLabel: { formatter: (v: number, i: number, extra?: unknown) => string } } }).xAxis;
    expect(axis.name).toBe('running time since the first trial started (idle stretches folded)');
    const g = tl.gaps[0];
    expect(axis.axisLabel.formatter(g.end, 0, { break: { type: 'end', start: g.start, end: g.end } })).toBe(`+${durationText(g.end - g.start)}`);
    expect(axis.axisLabel.formatter(g.start, 0, { break: { type: 'start', start: g.start, end: g.end } })).toBe(elapsedLabel(g.start, axis.interval));
    expect(axis.axisLabel.formatter(g.end + 200, 0, null)).toBe(elapsedLabel(g.start + 200, axis.interval));
    expect(axis.axisLabel.formatter(g.end + 200, 0, null)).not.toMatch(/h/);
    expect(o.xAxis.breaks).toEqual([{ start: tl.gaps[0].start, end: tl.gaps[0].end, gap: '4%' }]);
  });

  it('ticks at round steps of elapsed time, labelled as people read durations', () => {
    expect([tickStep(0.56), tickStep(14), tickStep(90), tickStep(600), tickStep(4 * 3600), tickStep(30 * 86400)]).toEqual([0.1, 5, 15, 120, 3600, 432000]);
    expect([elapsedLabel(0.4, 0.1), elapsedLabel(0.04, 0.02), elapsedLabel(39_780.4, 0.1), elapsedLabel(59.96, 0.1)]).toEqual(['0.4 s', '0.04 s', '11 h 3 min 0.4 s', '1 min']);
    expect([elapsedLabel(0, 5), elapsedLabel(45, 5), elapsedLabel(150, 30), elapsedLabel(720, 120), elapsedLabel(5400, 1800), elapsedLabel(39_630, 30)])
      .toEqual(['0', '45 s', '2 min 30 s', '12 min', '1 h 30 min', '11 h 0 min 30 s']);
    // Steps of 10 minutes or more: to the minute (a fold's edges, 1 h 11 min 30 s and 10 h 11 min 30 s).
    expect([elapsedLabel(4290, 1800), elapsedLabel(36_690, 1800), elapsedLabel(36_629, 3600), elapsedLabel(600, 600)]).toEqual(['1 h 12 min', '10 h 12 min', '10 h 10 min', '10 min']);
  });

  it('ends a notch past the last value, never a quarter of the plot beyond it', () => {
    // 0.153 s by 0.05 ended at 0.2 s, the last quarter empty; by 0.02 it ends at 0.16 s.
    expect(elapsedAxis(0.153)).toMatchObject({ min: 0, max: 0.16, interval: 0.02 });
    // Already close: the round step stays (0.95 s to 1 s by 0.2; 11 h 19 min with 9 h folded, to 11 h 30 min by 30 min).
    expect(elapsedAxis(0.95)).toMatchObject({ max: 1, interval: 0.2 });
    expect(elapsedAxis(40_740, 8340)).toMatchObject({ max: 41_400, interval: 1800 });
    // Over every span from 50 ms to a day: at most a fifth of the axis past the last value, at most 8 gaps, the end on a tick.
    let worst = 0;
    for (let v = 0.05; v < 1e5; v *= 1.003) {
      const a = elapsedAxis(v);
      worst = Math.max(worst, (a.max - v) / a.max);
      expect(a.max).toBeGreaterThanOrEqual(v);
      expect(Math.round(a.max / a.interval)).toBeLessThanOrEqual(8);
      expect(Math.abs(a.max / a.interval - Math.round(a.max / a.interval))).toBeLessThan(1e-9);
    }
    expect(worst).toBeLessThanOrEqual(0.2);
  });
});
