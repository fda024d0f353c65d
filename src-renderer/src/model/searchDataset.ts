import type { DatasetSummary } from '../../../src-core/api/contract';

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
  if (typeof d.synthetic === 'string') return { label: `${d.synthetic} (synthetic${typeof d.n === 'number' ? `, ${d.n} rows` : ''})`, page: null };
  const at = typeof d.csv === 'string' ? d.csv : typeof d.idx === 'string' ? d.idx : null;
  if (at === null) return null;
  const listed = datasets.find((x) => ('csv' in x.ref && x.ref.csv === at) || ('idx' in x.ref && x.ref.idx === at));
  if (listed) return { label: listed.name, page: listed.name };
  return { label: `${file(at)} (${typeof d.csv === 'string' ? 'CSV file' : 'IDX files'})`, page: null };
}

/** Synthetic data sets whose rows have two features (the others: sine has one). */
const PLANE_SYNTHETIC = ['moons', 'circles', 'spirals', 'xor', 'blobs'];

/**
 * Whether a search's data set has two features, so its trials have a decision boundary to draw: a
 * 2-D synthetic set, or a listed data set of two features (a CSV file outside the app: unknown
 * until it is loaded, so not offered).
 */
export function hasPlane(spec: unknown, datasets: readonly DatasetSummary[]): boolean {
  const d = (spec as { dataset?: Record<string, unknown> } | null)?.dataset;
  if (!d || typeof d !== 'object') return false;
  if (typeof d.synthetic === 'string') return PLANE_SYNTHETIC.includes(d.synthetic);
  const named = searchDataset(spec, datasets);
  return named?.page != null && datasets.some((x) => x.name === named.page && x.features === 2);
}
