import type { PushEvent } from '../api/contract';
import type { Workbench } from './workbench';

/** Pushed events reach a UI at most this often (ms), batched: the dashboard stays smooth under thousands of epochs a second. */
export const PUSH_EVERY_MS = 100;

/** Forward a Workbench's pushed events to `send` in batches, at most every `ms`; returns a function that stops forwarding. */
export function batchPushes(workbench: Workbench, send: (events: PushEvent[]) => void, ms = PUSH_EVERY_MS): () => void {
  let pending: PushEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) send(batch);
  };
  const onPush = (e: PushEvent): void => {
    pending.push(e);
    timer ??= setTimeout(flush, ms);
  };
  workbench.on('push', onPush);
  return () => {
    workbench.off('push', onPush);
    if (timer) clearTimeout(timer);
    timer = null;
    pending = [];
  };
}
