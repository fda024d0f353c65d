// Helpers for specs that make searches through the API before they look at them in the UI.
import type { SearchDetail } from '../../src-core/api/contract';
import { SEARCH_WAIT_MS, type Knobs } from './fixtures';

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
