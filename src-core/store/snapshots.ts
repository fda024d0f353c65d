import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DiagnosticSnapshot } from '../diagnostics/stats';

/**
 * A trial's diagnostics snapshots are stored as one row: their JSON, deflated (about a quarter of
 * its size). The worker that trained the trial packs them, so the main thread only inserts bytes.
 */
export function packSnapshots(snapshots: readonly DiagnosticSnapshot[]): Uint8Array {
  return deflateRawSync(JSON.stringify(snapshots));
}

/** The snapshots of a stored row, in the order they were recorded (fold, then epoch). */
export function unpackSnapshots(bytes: Uint8Array): DiagnosticSnapshot[] {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as DiagnosticSnapshot[];
}
