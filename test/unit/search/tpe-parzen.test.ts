import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullBox } from '../../../src-core/search/space';
import { erf, erfc, logGaussMass, logNdtr, ndtr, ndtri, truncnormPpf } from '../../../src-core/search/tpe/normal';
import { buildParzen, categoricalP, defaultWeights, dimsOf, logPdfParzen, marginalParzen, PARZEN_DEFAULTS, sampleParzen, toInternal } from '../../../src-core/search/tpe/parzen';
import type { ParamSpec } from '../../../src-core/spec/spec';
import { Rng } from '../../../src-core/util/rng';

/** Reference numbers from SciPy and Optuna 5.0's _ParzenEstimator: scripts/fixtures/make_tpe_fixtures.py. */
interface DimDesc { name: string; kind: string; log?: boolean; int?: boolean; low?: number; high?: number; step?: number; values?: string[]; mu?: number[]; sigma?: number[]; p?: number[][] }
interface ParzenCase { name: string; multivariate: boolean; dims: DimDesc[]; observations: Record<string, number>[]; weights: number[]; points: Record<string, number>[]; logPdf: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'tpe-parzen.json'), 'utf8')) as {
  normal: { x: number[]; erf: number[]; erfc: number[]; ndtr: number[]; logNdtrX: number[]; logNdtr: number[]; p: number[]; ndtri: number[]; ppf: { q: number; a: number; b: number; x: number }[] };
  parzen: ParzenCase[];
};

/** Relative closeness (absolute near zero). */
function close(a: number, b: number, rel: number, abs = 1e-300): void {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(Math.max(abs, rel * Math.abs(b)));
}

describe('the standard normal, against SciPy', () => {
  const n = fixture.normal;
  it('erf, erfc and Φ to 1e-14 relative (Φ: times x², the conditioning of its argument x/√2), far into the tails', () => {
    n.x.forEach((x, i) => {
      close(erf(x), n.erf[i], 1e-14);
      close(erfc(x), n.erfc[i], 1e-14 * Math.max(1, x * x));
      close(ndtr(x), n.ndtr[i], 1e-14 * Math.max(1, x * x));
    });
  });
  it('log Φ down to −500', () => {
    n.logNdtrX.forEach((x, i) => close(logNdtr(x), n.logNdtr[i], 1e-14 * Math.max(1, x * x), 1e-300));
  });
  it('Φ⁻¹ from 1e-300 to 1 − 1e-15', () => {
    n.p.forEach((p, i) => close(ndtri(p), n.ndtri[i], 1e-12, 1e-15));
  });
  it('the truncated normal\'s quantiles', () => {
    for (const c of n.ppf) close(truncnormPpf(c.q, c.a, c.b), c.x, 1e-10, 1e-12);
  });
  it('the mass between two points, in log space where it underflows', () => {
    close(logGaussMass(-1, 1), Math.log(0.6826894921370859), 1e-14);
    close(Math.exp(logGaussMass(40, 41)), 0, 0, 1e-300);
    expect(logGaussMass(40, 41)).toBeLessThan(-800);
    expect(Number.isFinite(logGaussMass(40, 41))).toBe(true);
  });
});

function specOf(d: DimDesc): ParamSpec {
  if (d.kind === 'categorical') return { type: 'categorical', values: d.values! };
  if (d.kind === 'discrete') return d.int ? { type: 'int', low: d.low!, high: d.high!, log: false } : { type: 'float', low: d.low!, high: d.high!, log: false, step: d.step };
  return { type: d.int ? 'int' : 'float', low: d.low!, high: d.high!, log: Boolean(d.log) };
}

describe('Parzen estimators, against Optuna 5.0\'s _ParzenEstimator', () => {
  it.each(fixture.parzen.map((c) => [c.name, c] as const))('%s: kernels, weights and log density', (_name, c) => {
    const space = Object.fromEntries(c.dims.map((d) => [d.name, specOf(d)]));
    const dims = dimsOf(space, fullBox(space));
    expect(dims.map((d) => d.name)).toEqual(c.dims.map((d) => d.name));
    const internal = (o: Record<string, number>): number[] => dims.map((d, j) => (d.kind === 'categorical' ? o[d.name] : toInternal(d, c.dims[j].kind === 'categorical' ? o[d.name] : o[d.name])));
    const pe = buildParzen(dims, c.observations.map(internal), PARZEN_DEFAULTS);
    pe.weights.forEach((w, i) => close(w, c.weights[i], 1e-14));
    expect(pe.weights.length).toBe(c.weights.length);
    pe.kernels.forEach((k, j) => {
      const ref = c.dims[j];
      if (k.kind === 'categorical') ref.p!.forEach((row, i) => row.forEach((p, t) => close(categoricalP(k, i, t), p, 1e-14)));
      else {
        k.mu.forEach((m, i) => close(m, ref.mu![i], 1e-14, 1e-15));
        k.sigma.forEach((s, i) => close(s, ref.sigma![i], 1e-13));
      }
    });
    const got = logPdfParzen(pe, c.points.map(internal));
    got.forEach((v, i) => close(v, c.logPdf[i], 1e-11, 1e-11));
  });

  it('weights ramp from 1/n to 1 over all but the newest 25 (Optuna\'s default_weights)', () => {
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
    close(w[0], 1 / 30, 1e-15);
    close(w[4], 1, 1e-15);
    close(w[2], 1 / 30 + (1 - 1 / 30) / 2, 1e-15);
  });
});

describe('small cases by hand', () => {
  it('a categorical knob: observations sgd, sgd, adam give l = (10/21, 4/21, 7/21)', () => {
    // Each observation row: 1/(n+1) = 1/4 everywhere plus 1 at its value, normalised: (5/7, 1/7, 1/7); the prior row is uniform.
    const space: Record<string, ParamSpec> = { optimizer: { type: 'categorical', values: ['sgd', 'momentum', 'adam'] } };
    const dims = dimsOf(space, fullBox(space));
    const pe = buildParzen(dims, [[0], [0], [2]]);
    close(marginalParzen(pe, 0, 0), 10 / 21, 1e-15);
    close(marginalParzen(pe, 0, 1), 4 / 21, 1e-15);
    close(marginalParzen(pe, 0, 2), 7 / 21, 1e-15);
    close(Math.exp(logPdfParzen(pe, [[2]])[0]), 1 / 3, 1e-15);
  });

  it('one observation at 0.3 on [0, 1]: bandwidth 0.7 (its wider gap), prior N(0.5, 1), weights ½ and ½', () => {
    // Sorted with the bounds (the prior's mean is not a neighbour): 0, 0.3, 1; a lone observation keeps the
    // larger of its gaps, 0.7, inside the clip [1 / min(100, n + 2), 1] = [1/3, 1].
    const space: Record<string, ParamSpec> = { l2: { type: 'float', low: 0, high: 1, log: false } };
    const pe = buildParzen(dimsOf(space, fullBox(space)), [[0.3]]);
    const k = pe.kernels[0];
    if (k.kind === 'categorical') throw new Error('numeric');
    expect(Array.from(k.mu)).toEqual([0.3, 0.5]);
    close(k.sigma[0], 0.7, 1e-15);
    expect(k.sigma[1]).toBe(1);
    expect(Array.from(pe.weights)).toEqual([0.5, 0.5]);
    // Density at 0.3: ½·φ(0)/(σ₁·(Φ(1) − Φ(−3/7))) + ½·φ(0.2)/(Φ(0.5) − Φ(−0.5)).
    const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const expected = 0.5 * (phi(0) / (0.7 * (0.8413447460685429 - 0.3341175708976246))) + 0.5 * (phi(0.2) / (0.6914624612740131 - 0.3085375387259869));
    close(Math.exp(logPdfParzen(pe, [[0.3]])[0]), expected, 1e-13);
  });

  it('end observations take their inner gap; the magic clip raises a narrow one', () => {
    // 0.1, 0.15, 0.9 on [0, 1]: gaps 0.1 | 0.05 | 0.75 | 0.1. The ends take their inner gap (0.05 and 0.75), the
    // middle the larger of its two (0.75); the clip's floor 1 / (n + 2) = 0.2 raises 0.05.
    const space: Record<string, ParamSpec> = { x: { type: 'float', low: 0, high: 1, log: false } };
    const k = buildParzen(dimsOf(space, fullBox(space)), [[0.9], [0.1], [0.15]]).kernels[0];
    if (k.kind === 'categorical') throw new Error('numeric');
    expect(Array.from(k.sigma).map((s) => +s.toFixed(12))).toEqual([0.75, 0.2, 0.75, 1]);
  });

  it('draws follow the mixture: a histogram of 20,000 draws matches the density', () => {
    const space: Record<string, ParamSpec> = { lr: { type: 'float', low: 1e-4, high: 1, log: true }, depth: { type: 'int', low: 1, high: 4, log: false } };
    const dims = dimsOf(space, fullBox(space));
    const pe = buildParzen(dims, [[Math.log(1e-3), 2], [Math.log(0.05), 2], [Math.log(0.5), 4]], PARZEN_DEFAULTS);
    const xs = sampleParzen(pe, new Rng(7), 20_000);
    for (const depth of [1, 2, 3, 4]) close(xs.filter((x) => x[1] === depth).length / xs.length, marginalParzen(pe, 1, depth), 0.05, 0.01);
    const lo = Math.log(1e-3);
    const hi = Math.log(1e-2);
    let mass = 0;
    for (let i = 0; i < 400; i++) mass += (marginalParzen(pe, 0, lo + ((i + 0.5) * (hi - lo)) / 400) * (hi - lo)) / 400;
    close(xs.filter((x) => x[0] >= lo && x[0] < hi).length / xs.length, mass, 0.05, 0.01);
  });
});
