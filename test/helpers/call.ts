import type { Channel, InputOf, OutputOf, PushEvent } from '../../src-core/api/contract';
import type { Workbench } from '../../src-core/service/workbench';

/** The arguments of a channel: none for a void input, else its input. */
export type CallArgs<C extends Channel> = undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

/**
 * A typed caller of the contract through a Workbench (`call('trials.get', { searchId, number })`
 * answers a TrialDetail), so the tests read answers by the contract's own types. Requests that are
 * meant to be refused go through `wb.call` with any input.
 */
export function caller(wb: () => Workbench): <C extends Channel>(channel: C, ...input: CallArgs<C>) => Promise<OutputOf<C>> {
  return (channel, ...input) => wb().call(channel, input[0]) as Promise<never>;
}

/** Create a search from `spec`, start it, and wait until the Workbench says it finished; its id. */
export async function runToEnd(wb: Workbench, spec: Record<string, unknown>): Promise<number> {
  const s = await wb.call('searches.create', { spec, start: true }) as OutputOf<'searches.create'>;
  await searchEnd(wb, s.id);
  return s.id;
}

/** Resolves when the Workbench pushes that a search finished (whichever way it ended). */
export function searchEnd(wb: Workbench, searchId: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const on = (e: PushEvent): void => {
      if (e.type === 'searchFinished' && e.searchId === searchId) {
        wb.off('push', on);
        resolve();
      }
    };
    wb.on('push', on);
  });
}
