import type { IpcAnswer } from '../src-core/api/contract';
import { errorData, isUserError, type ErrorKind } from '../src-core/errors';
import type { Workbench } from '../src-core/service/workbench';

/**
 * Answer one contract call the way every host does: the value, or the error as plain data
 * (`{ error, kind, issues }`, which survives IPC's structured clone and JSON). Errors that are
 * not the user's to fix are bugs: they are logged with their stack.
 */
export async function answer(workbench: Workbench, channel: string, input: unknown, log: (e: unknown) => void = console.error): Promise<IpcAnswer> {
  try {
    return { ok: true, value: await workbench.call(channel, input) };
  } catch (e) {
    if (!isUserError(e)) log(e);
    return { ok: false, ...errorData(e) };
  }
}

/** The HTTP status of a refused call: 400 for what the user can fix (bad input, a missing thing, an unusable database), 500 for a bug. */
export function httpStatus(kind: ErrorKind): number {
  return kind === 'bad-input' || kind === 'not-found' || kind === 'store' ? 400 : 500;
}
