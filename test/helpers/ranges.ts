import { METRIC_RANGES } from '../../src-core/vocabulary';
import type { MetricRanges } from '../../src-renderer/src/charts/scale';

/** The engine's METRIC_RANGES as the renderer gets them from the api's vocabulary: null for an unbounded end. */
export const metricRanges: MetricRanges = Object.fromEntries(
  Object.entries(METRIC_RANGES).map(([m, [lo, hi]]) => [m, [Number.isFinite(lo) ? lo : null, Number.isFinite(hi) ? hi : null]]),
);
