/** Axes of elapsed time (the timeline's, curves against training time): round steps, labelled as durations. */

/** Tick steps of elapsed time, in seconds: round numbers of milliseconds, seconds, minutes and hours. */
const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A tick step that puts about `ticks` ticks across `seconds` of drawn time. */
export function tickStep(seconds: number, ticks = 6): number {
  return STEPS.find((s) => seconds / s <= ticks) ?? STEPS[STEPS.length - 1] * Math.ceil(seconds / ticks / STEPS[STEPS.length - 1]);
}

/**
 * Elapsed time on an axis: "45 s", "0.4 s", "12 min", "2 min 30 s", "1 h 20 min"; seconds shown
 * where they are not 0 or the step needs them, with the decimals a step under a second needs. On an
 * axis of steps of 10 minutes or more, to the minute: a folded pause's edges fall anywhere, and
 * "1 h 11 min 30 s" beside "10 h 11 min 30 s" ran into each other under the fold.
 */
export function elapsedLabel(v: number, step: number): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  const unit = 10 ** decimals;
  const all = step >= 600 ? Math.round(v / 60) * 60 : Math.round(v * unit) / unit;
  if (all === 0) return '0';
  const h = Math.floor(all / 3600);
  const m = Math.floor((all - h * 3600) / 60);
  const sec = Math.round((all - h * 3600 - m * 60) * unit) / unit;
  const parts = [h > 0 ? `${h} h` : '', m > 0 || (h > 0 && sec > 0) ? `${m} min` : '', sec > 0 || all < 60 ? `${sec.toFixed(decimals)} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** Past the last value, at most this share of the drawn time left empty before a finer step is taken. */
const MOST_OVERHANG = 0.1;
/** The most gaps between ticks a finer step may make. */
const MOST_GAPS = 8;

/**
 * A value axis of elapsed seconds from 0 to `last`: ticks at a round step for `drawn` seconds shown
 * (less than `last` where idle stretches are folded), ending on a tick (a last label of its own would
 * crowd the tick before it), labelled as durations. Where rounding up to the step's next tick would
 * leave more than a tenth of the plot empty (0.153 s drawn to 0.2 s: a quarter), a step a notch
 * finer is taken if it makes no more than 8 gaps (to 0.16 s by 0.02).
 */
export function elapsedAxis(last: number, drawn = last) {
  const span = Math.max(drawn, 0.05);
  const end = Math.max(last, 1e-3);
  const top = (step: number): number => Math.ceil(end / step - 1e-9) * step;
  let step = tickStep(span);
  const finer = STEPS[STEPS.indexOf(step) - 1];
  if (finer !== undefined && top(step) - end > MOST_OVERHANG * span && (span + top(finer) - end) / finer <= MOST_GAPS + 1e-9) step = finer;
  return {
    min: 0, max: top(step), interval: step,
    axisLabel: { formatter: (v: number) => elapsedLabel(v, step), hideOverlap: true },
  };
}
