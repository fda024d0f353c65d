import type { Channel, InputOf, OutputOf } from '../../src-core/api/contract';
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
