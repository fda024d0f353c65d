/**
 * The cells the CSV import reads as missing (src-core/data/csv.ts: empty, NA, N/A, #N/A, <NA>, NaN,
 * -NaN, null, None, ?; any case), so the preview can mark the cells its warning counts. A unit test
 * holds this list to the engine's: a cell marked here is one the engine counts as missing.
 */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', '<na>', 'nan', '-nan', 'null', 'none', '?']);

/** Whether a preview cell is one the import reads as missing. */
export const isMissingCell = (v: string | undefined): boolean => v === undefined || MISSING.has(v.trim().toLowerCase());

/** Every spelling the import reads as missing (for the test that holds this list to the engine's). */
export const MISSING_CELLS: readonly string[] = [...MISSING];
