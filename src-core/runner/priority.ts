import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * How much lower than the app a training thread runs (a Unix nice value: 0 is normal, 19 the
 * lowest). Training takes every core it is given; at a lower priority the window, the server and
 * the browser showing it still get the CPU at once when they need it, and training loses nothing
 * when nothing else runs.
 */
export const TRAINING_NICE = 10;

/**
 * Lower the calling thread's scheduling priority to TRAINING_NICE (Linux, where a thread has its
 * own id; elsewhere, or when not permitted, it keeps its priority). Returns whether it was lowered.
 */
export function lowerThisThread(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const m = /\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    if (!m) return false;
    setPriority(Number(m[1]), TRAINING_NICE);
    return true;
  } catch {
    return false;
  }
}
