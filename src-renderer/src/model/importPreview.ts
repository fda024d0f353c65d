import { MISSING_CELLS as SPELLINGS } from '../../../src-core/vocabulary';

/**
 * The cells the CSV import reads as missing (the engine's MISSING_CELLS: empty, NA, N/A, #N/A, <NA>,
 * NaN, -NaN, null, None, ?; any case), so the preview can mark the cells its warning counts.
 */
const MISSING: ReadonlySet<string> = new Set(SPELLINGS);

/** Whether a preview cell is one the import reads as missing. */
export const isMissingCell = (v: string | undefined): boolean => v === undefined || MISSING.has(v.trim().toLowerCase());

/** Every spelling the import reads as missing (for the test that holds the preview to the engine). */
export const MISSING_CELLS: readonly string[] = SPELLINGS;
