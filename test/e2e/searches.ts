// Helpers for specs that make searches through the API before they look at them in the UI: start a
// search from a spec, re-run one, and wait until it (or several started side by side) has finished.
import type { InputOf, SearchDetail, SearchSummary } from '../../src-core/api/contract';
import type { SpecInput } from '../../src-core/spec/spec';
import { expect, SEARCH_WAIT_MS, type Knobs } from './fixtures';

/**
 * A search's spec as a spec file writes it (the README's "The spec"): type-checked against the
 * engine's spec schema here, so a misspelt key fails `npm run typecheck`; `searches.create` takes it
 * as it is and validates it again.
 */
export type SearchSpec = SpecInput;

/** How to wait for a search that a helper started. */
export interface WaitOptions {
  /** How long to wait for it to finish: a bound on a hang (SEARCH_WAIT_MS unless given). */
  timeoutMs?: number;
  /** Fail the test unless it finished complete (the message names the search). */
  complete?: boolean;
}

/** Wait until a search has finished (complete, stopped, paused or failed); its detail. */
export async function waitForSearch(knobs: Knobs, id: number, timeoutMs = SEARCH_WAIT_MS): Promise<SearchDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await knobs.call('searches.get', { id });
    if (s.status !== 'running' && s.status !== 'queued') return s;
    if (Date.now() > deadline) throw new Error(`search ${id} still ${s.status} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Wait for each search in turn (each with a wait of its own); their details, in the same order. */
export async function waitForSearches(knobs: Knobs, ids: Iterable<number>, opts: { timeoutMs?: number } = {}): Promise<SearchDetail[]> {
  const details: SearchDetail[] = [];
  for (const id of ids) details.push(await waitForSearch(knobs, id, opts.timeoutMs));
  return details;
}

/** Create a search from a spec and start it, without waiting for it; its summary. */
export async function startSearch(knobs: Knobs, spec: SearchSpec): Promise<SearchSummary> {
  return knobs.call('searches.create', { spec, start: true });
}

/** Wait until a search a helper started has finished, checking it completed when asked; its detail. */
async function finished(knobs: Knobs, started: SearchSummary, opts: WaitOptions): Promise<SearchDetail> {
  const detail = await waitForSearch(knobs, started.id, opts.timeoutMs);
  if (opts.complete) expect(detail.status, `search “${started.name}”`).toBe('complete');
  return detail;
}

/** Create a search from a spec, start it and wait until it has finished; its finished detail. */
export async function runSearch(knobs: Knobs, spec: SearchSpec, opts: WaitOptions = {}): Promise<SearchDetail> {
  return finished(knobs, await startSearch(knobs, spec), opts);
}

/** Re-run a search's top configurations with several seeds (started) and wait until the re-run has finished; its detail. */
export async function runRerun(knobs: Knobs, rerun: Omit<InputOf<'searches.rerun'>, 'start'>, opts: WaitOptions = {}): Promise<SearchDetail> {
  return finished(knobs, await knobs.call('searches.rerun', rerun), opts);
}

/**
 * Start a search for each spec, in the order given, then wait until every one has finished (they
 * train side by side on the server's workers meanwhile); their ids, under the specs' keys.
 */
export async function runSearches<K extends string>(knobs: Knobs, specs: Record<K, SearchSpec>, opts: { timeoutMs?: number } = {}): Promise<Record<K, number>> {
  const ids = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) ids[key] = (await startSearch(knobs, specs[key])).id;
  await waitForSearches(knobs, Object.values<number>(ids), opts);
  return ids;
}
