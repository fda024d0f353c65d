import type { Dataset } from '../../src-core/data';
import { Rng } from '../../src-core/util/rng';

/** Two overlapping Gaussian classes in 2-D, the second holding `share` of the rows: a rare class a weak model never answers. */
export function rareClass(n: number, share: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const rare = i < Math.round(n * share);
    y[i] = rare ? 1 : 0;
    x[2 * i] = rng.normal() + (rare ? 1.6 : 0);
    x[2 * i + 1] = rng.normal() + (rare ? 1.6 : 0);
  }
  return { name: 'rare', task: 'classification', nRows: n, nFeatures: 2, x, y, featureNames: ['a', 'b'], targetName: 'label', classNames: ['ok', 'fraud'] };
}
