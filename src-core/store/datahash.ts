import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BadInputError } from '../errors';

/**
 * A search's data files as they were when it started: the SHA-256 of each CSV or IDX file its spec
 * reads, in the spec's order (csv, idx, labels), so resume, replay, re-run and bundle export can
 * tell a file that changed since (cut, edited, replaced) from the one the stored trials trained on.
 * Kept with the search (searches.data_sha256: a JSON array of hex digests, no paths, so a bundle
 * carries no folder names); a search from before it was kept has none and is not checked. Built-in and synthetic data sets have no file and are not hashed.
 */

/** The data files a spec reads (csv, idx, labels), resolved against `baseDir` (else the current folder). */
export function dataFilesOf(spec: unknown, baseDir?: string): string[] {
  const ds = (spec as { dataset?: Record<string, unknown> } | null)?.dataset;
  if (!ds || typeof ds !== 'object') return [];
  const out: string[] = [];
  for (const k of ['csv', 'idx', 'labels']) if (typeof ds[k] === 'string') out.push(resolve(baseDir ?? '.', ds[k] as string));
  return out;
}

const sha256Of = (file: string): string | null => {
  try {
    if (!statSync(file).isFile()) return null;
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
};

/** The hashes of a spec's data files that can be read now (as JSON for searches.data_sha256), or null when it reads none. */
export function dataHashesOf(spec: unknown, baseDir?: string): string | null {
  const hashes: string[] = [];
  for (const file of dataFilesOf(spec, baseDir)) {
    const sha256 = sha256Of(file);
    if (sha256 === null) return null; // a file that cannot be read: loading the data set says why
    hashes.push(sha256);
  }
  return hashes.length > 0 ? JSON.stringify(hashes) : null;
}

/**
 * Refuse (BadInputError, exit 2) to use search `s`'s data files when one differs from the file it
 * started on: "the data set FILE changed since search N ran". Files are matched by their place in
 * the spec (a bundle imported elsewhere moves them; their bytes travel unchanged). A search with no
 * hashes (from before they were kept), or a file that is gone (loading it says so), is not checked.
 */
export function checkDataUnchanged(s: { id: number; spec: string; data_sha256?: string | null }, baseDir?: string): void {
  if (!s.data_sha256) return;
  let stored: unknown;
  let spec: unknown;
  try {
    stored = JSON.parse(s.data_sha256);
    spec = JSON.parse(s.spec);
  } catch {
    return;
  }
  if (!Array.isArray(stored)) return;
  const files = dataFilesOf(spec, baseDir);
  if (files.length !== stored.length) return;
  files.forEach((file, i) => {
    const was: unknown = stored[i];
    const now = sha256Of(file);
    if (typeof was !== 'string' || now === null || now === was) return;
    throw new BadInputError(
      `The data set ${file} changed since search ${s.id} ran (sha256 ${was.slice(0, 12)}… then, ${now.slice(0, 12)}… now); its stored trials trained on the old file. Restore it, or start a new search on the new file`,
      [{ path: 'dataset', message: 'the file changed' }],
    );
  });
}
