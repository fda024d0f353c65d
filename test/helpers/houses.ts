import type { Dataset } from '../../src-core/data/types';

/**
 * A regression data set of 5 features (a–e) and a price, made row by row by `row` from a 31-bit
 * LCG's uniforms `u` and normals `g` (sums of 12 uniforms): plain arithmetic, the same numbers on
 * every machine. Features are written with 4 decimals, as a CSV would hold them.
 */
function priced(name: string, n: number, seed: number, row: (u: () => number, g: () => number) => { features: number[]; price: number }): { dataset: Dataset; csv: string } {
  let s = seed;
  const u = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const g = (): number => {
    let t = -6;
    for (let i = 0; i < 12; i++) t += u();
    return t;
  };
  const x = new Float32Array(n * 5);
  const y = new Float32Array(n);
  const lines = ['a,b,c,d,e,price'];
  for (let r = 0; r < n; r++) {
    const { features, price } = row(u, g);
    x.set(features, r * 5);
    y[r] = price;
    lines.push([...features, price].join(','));
  }
  return {
    dataset: { name, task: 'regression', nRows: n, nFeatures: 5, x, y, featureNames: ['a', 'b', 'c', 'd', 'e'], targetName: 'price' },
    csv: `${lines.join('\n')}\n`,
  };
}

/**
 * A regression data set priced in dollars, as real data comes: 5 features and a price of
 * (linear + interaction + square terms)·10⁵ + 10⁶ + noise (standard deviation about 2·10⁵ around 10⁶).
 */
export function houses(n = 500, seed = 12345): { dataset: Dataset; csv: string } {
  return priced('houses', n, seed, (u, g) => {
    const f = [g(), g(), 3 * g() + 10, 100 * u(), g()].map((v) => Number(v.toFixed(4)));
    const price = Number(((1.5 * f[0] - 0.8 * f[1] + 0.3 * (f[2] - 10) + 0.02 * (f[3] - 50) + 0.5 * f[4] * f[4] + 0.5 * f[0] * f[1]) * 1e5 + 1e6 + 2e4 * g()).toFixed(2));
    return { features: f, price };
  });
}

/**
 * Prices spread over decades, as sales prices, incomes and counts come: 5 standard-normal features
 * and price = exp(10 + 1.2a − 0.8b + 0.3cd + 0.3·noise), a log-normal of median about 22,000 with a
 * tail to millions (skewness about 8).
 */
export function skewedPrices(n = 600, seed = 4): { dataset: Dataset; csv: string } {
  return priced('prices', n, seed, (_u, g) => {
    const f = [g(), g(), g(), g(), g()].map((v) => Number(v.toFixed(4)));
    return { features: f, price: Math.round(Math.exp(10 + 1.2 * f[0] - 0.8 * f[1] + 0.3 * f[2] * f[3] + 0.3 * g())) };
  });
}
