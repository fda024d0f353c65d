/**
 * A search space narrowed around one trial (the trial drawer's "New search around trial N", and
 * `knobs spec SEARCH --around N`): each numeric knob keeps `share` of its range on its own scale (a
 * log knob by decades), centred on the trial's value and moved inside the old range where it would
 * cross an end; an int knob's ends are whole numbers and a stepped knob's lie on its grid; categorical
 * and fixed knobs are kept as they are (the person may narrow them in the editor). Coarse-to-fine does
 * this round after round around its best trials; this is the same step taken by hand, from a trial a
 * person chose. Pure: the renderer and the CLI both use it.
 *
 * @example
 *   spaceAround({ lr: { type: 'float', low: 1e-5, high: 1, log: true } }, { lr: 0.01 })
 *   // { lr: { type: 'float', low: 0.0023, high: 0.043, log: true } }: 1.25 decades around 10⁻², ends outward to two digits
 */

/** The share of each numeric knob's range a search around a trial keeps. */
export const AROUND_SHARE = 0.25;

type Knob = { type?: unknown; low?: unknown; high?: unknown; log?: unknown; step?: unknown };

/** `x` to 2 significant digits, rounded down (`up` false) or up: tidy ends that still hold the range. */
function tidy(x: number, up: boolean): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Number(((up ? Math.ceil(x / unit) : Math.floor(x / unit)) * unit).toPrecision(2));
}

export function spaceAround(space: Record<string, unknown>, knobs: Record<string, unknown>, share = AROUND_SHARE): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(space)) {
    const k = raw as Knob;
    const v = knobs[name];
    const numeric = (k.type === 'float' || k.type === 'int') && typeof k.low === 'number' && typeof k.high === 'number' && k.low < k.high;
    if (!numeric || typeof v !== 'number' || !Number.isFinite(v)) {
      out[name] = raw;
      continue;
    }
    const [low, high] = [k.low as number, k.high as number];
    const log = k.log === true && low > 0;
    const to = (x: number): number => (log ? Math.log10(x) : x);
    const from = (s: number): number => (log ? 10 ** s : s);
    const [lo, hi] = [to(low), to(high)];
    const half = ((hi - lo) * share) / 2;
    const at = Math.min(hi, Math.max(lo, to(v)));
    // Centred on the trial, moved inside the range where it would cross an end.
    const a = Math.max(lo, Math.min(at - half, hi - 2 * half));
    const b = Math.min(hi, a + 2 * half);
    let [nLow, nHigh] = [from(a), from(b)];
    const step = typeof k.step === 'number' && k.step > 0 ? k.step : k.type === 'int' ? 1 : null;
    if (step !== null) {
      // On the grid from the old low end, at least one step apart.
      nLow = low + Math.floor((nLow - low) / step + 1e-9) * step;
      nHigh = low + Math.ceil((nHigh - low) / step - 1e-9) * step;
      if (nHigh <= nLow) nHigh = nLow + step;
      if (nHigh > high) [nLow, nHigh] = [Math.max(low, high - (nHigh - nLow)), high];
      nLow = Number(nLow.toPrecision(12));
      nHigh = Number(nHigh.toPrecision(12));
    } else {
      nLow = Math.max(low, tidy(nLow, false));
      nHigh = Math.min(high, tidy(nHigh, true));
    }
    out[name] = { ...k, low: nLow, high: nHigh };
  }
  return out;
}
