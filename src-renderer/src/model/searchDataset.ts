import type { DatasetSummary } from '../../../src-core/api/contract';
import { syntheticLabel } from '../../../src-core/api/labels';

/**
 * The data set a search's spec reads, as its header names it: a listed data set (built-in or
 * imported) by its name, with the name its page has; else what the spec says ("moons (synthetic,
 * 1000 rows)", "prices.csv (CSV file)", "train-images.idx (IDX files)"), with no page.
 */
export function searchDataset(spec: unknown, datasets: readonly DatasetSummary[]): { label: string; page: string | null } | null {
  const d = (spec as { dataset?: Record<string, unknown> } | null)?.dataset;
  if (!d || typeof d !== 'object') return null;
  const file = (p: unknown): string => String(p).replace(/^.*[\\/]/, '');
  if (typeof d.builtin === 'string') return { label: d.builtin, page: datasets.some((x) => x.name === d.builtin) ? d.builtin : null };
  if (typeof d.synthetic === 'string') return { label: syntheticLabel({ ...d, synthetic: d.synthetic }), page: null };
  const at = typeof d.csv === 'string' ? d.csv : typeof d.idx === 'string' ? d.idx : null;
  if (at === null) return null;
  const listed = datasets.find((x) => ('csv' in x.ref && x.ref.csv === at) || ('idx' in x.ref && x.ref.idx === at));
  if (listed) return { label: listed.name, page: listed.name };
  return { label: `${file(at)} (${typeof d.csv === 'string' ? 'CSV file' : 'IDX files'})`, page: null };
}

/** Synthetic data sets by the features of their rows. */
const SYNTHETIC_FEATURES: Record<string, 1 | 2> = { moons: 2, circles: 2, spirals: 2, xor: 2, blobs: 2, sine: 1 };

/**
 * How many features a search's data set has when that is one or two, so its trials' models can be
 * drawn over them (two: a decision boundary over the plane; one: a curve along the feature), else
 * null: a synthetic set by its kind, a listed data set by its features (a CSV file outside the
 * app: unknown until it is loaded, so not offered).
 */
export function drawableFeatures(spec: unknown, datasets: readonly DatasetSummary[]): 1 | 2 | null {
  const d = (spec as { dataset?: Record<string, unknown> } | null)?.dataset;
  if (!d || typeof d !== 'object') return null;
  if (typeof d.synthetic === 'string') return SYNTHETIC_FEATURES[d.synthetic] ?? null;
  const named = searchDataset(spec, datasets);
  const n = named?.page != null ? datasets.find((x) => x.name === named.page)?.features : undefined;
  return n === 1 || n === 2 ? n : null;
}

/**
 * Which fold the curves of a search of several folds draw, as their charts say it: "fold 1 of 5",
 * "fold 1 of the leave-one-out folds"; null for a hold-out. Every curve in the app is a trial's
 * first fold (the epochs pushed live, the overlay, a trial's chart), while its figures (the
 * objective, the best epoch's metrics) are the folds' mean.
 */
export function firstFoldText(spec: unknown): string | null {
  const split = (spec as { split?: { kind?: unknown; k?: unknown } } | null)?.split;
  if (split?.kind === 'kfold' && typeof split.k === 'number') return `fold 1 of ${split.k}`;
  if (split?.kind === 'loo') return 'fold 1 of the leave-one-out folds';
  return null;
}
