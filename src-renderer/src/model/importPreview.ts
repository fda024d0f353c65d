import { CSV_MAX_CATEGORIES, CSV_MAX_CLASSES, MISSING_CELLS as SPELLINGS } from '../../../src-core/vocabulary';
import type { ColumnSummary, LeaveOutReason, NotNumbers } from '../../../src-core/api/contract';
import { headerLikeDataText, leaveOutParts, loneClassesText, notNumbersText, numberClassesText, quotedNames as quote, textsCount, valuesOf } from '../../../src-core/columns';
export { decimalCommaText, unitNumbersText } from '../../../src-core/columns';

/**
 * What the dialog says under the task of the target chosen: numbers read as classes (their order
 * lost: "regression" keeps it), or classes of a row each (no classes to learn). Null otherwise.
 */
export function taskNoteOf(p: { columns: readonly ColumnSummary[]; totalRows: number }, target: string, task: 'classification' | 'regression'): string | null {
  const column = p.columns.find((c) => c.name === target);
  return numberClassesText(column, task, 'choosing “regression”') ?? loneClassesText(column, p.totalRows, task, column?.kind === 'numeric' ? 'choosing “regression”' : '');
}

/** "60 rows", "10,000 rows", "1 row". */
const rowsText = (n: number): string => `${n} ${n === 1 ? 'row' : 'rows'}`;

/**
 * The cells the CSV import reads as missing (the engine's MISSING_CELLS: empty, NA, N/A, #N/A, <NA>,
 * NaN, -NaN, null, None, ?; any case), so the preview can mark the cells its warning counts.
 */
const MISSING: ReadonlySet<string> = new Set(SPELLINGS);

/** Whether a preview cell is one the import reads as missing, given the spellings the file means as values (`notMissing`, lower case). */
export const isMissingCell = (v: string | undefined, notMissing: readonly string[] = []): boolean => {
  if (v === undefined) return true;
  const k = v.trim().toLowerCase();
  return MISSING.has(k) && (k === '' || !notMissing.includes(k));
};

/**
 * The words Knobs reads as missing in a file, said for the boxes that read each as a value:
 * "“none” (96 cells, in “outcome”)", the columns named up to three.
 */
export function missingWordText(w: { written: string; cells: number; columns: string[] }): string {
  return `“${w.written}” (${w.cells} ${w.cells === 1 ? 'cell' : 'cells'}, in ${quote(w.columns, 3)})`;
}

/** Every spelling the import reads as missing (for the test that holds the preview to the engine). */
export const MISSING_CELLS: readonly string[] = SPELLINGS;

/** The preview's answer, as far as these words need it. */
interface PreviewLike {
  header: string[];
  totalRows: number;
  missing: number[];
  firstMissing: (number | null)[];
  leaveOut: (LeaveOutReason | null)[];
  notNumbers: (NotNumbers | null)[];
  missingRows: number;
  /** Distinct values per column, a missing cell counted as one (capped at 1,000). */
  distinct?: number[];
}

/**
 * What the import leaves out of the features and why, grouped by reason (the proposed ones first,
 * then those the person unticked): null when every column is used.
 */
export function leftOutText(p: PreviewLike, exclude: readonly string[]): string | null {
  if (exclude.length === 0) return null;
  const parts = leaveOutParts(p, exclude);
  const chosen = p.header.filter((h, i) => exclude.includes(h) && p.leaveOut[i] === null);
  if (chosen.length) parts.push(`${quote(chosen)} (unticked)`);
  return `Left out of the features: ${parts.join('; ')}. Tick a column in the table to use it.`;
}

/** How many columns missing values the warning names before counting the rest. */
const MISSING_NAMED = 6;

/** The missing values in the columns still used, and what can be done: null when there are none. */
export function missingText(p: PreviewLike, exclude: readonly string[]): string | null {
  const cols = p.header.map((h, i) => [h, i] as const).filter(([h, i]) => p.missing[i] > 0 && !exclude.includes(h));
  if (cols.length === 0) return null;
  // A wide file may miss values in dozens of columns: the first few are named, the rest counted (the table marks every missing cell).
  const named = cols.slice(0, MISSING_NAMED).map(([h, i]) => `“${h}” (${p.missing[i]}, the first in row ${p.firstMissing[i]})`);
  const list = named.join(', ') + (cols.length > MISSING_NAMED ? ` and ${cols.length - MISSING_NAMED} more` : '');
  return `Missing values in ${cols.length === 1 ? 'column' : 'columns'} ${list}: ${p.missingRows} of ${rowsText(p.totalRows)} ${p.missingRows === 1 ? 'misses' : 'miss'} a value. ` +
    'Knobs does not fill values in: drop those rows, or untick a column in the table to leave it out; otherwise Import refuses the file.';
}

/**
 * What the import would refuse or misread, said before Import is pressed: a header row that reads
 * like data (the file may have none), a file with one column, missing values in the columns used,
 * a target of names rather than classes, text in a column of numbers that is used (a feature
 * ticked, or the target of a regression; as classes, its texts are classes).
 */
export function importProblems(p: PreviewLike & { kinds: ('numeric' | 'categorical')[]; distinct: number[]; headerLikeData: boolean }, target: string, task: 'classification' | 'regression', exclude: readonly string[]): string[] {
  const out: string[] = [];
  if (p.headerLikeData) out.push(headerLikeDataText(p.header));
  if (p.header.length < 2) out.push(`The file has one column (“${p.header[0]}”): a data set needs a target and at least one feature column. Is it separated by another character?`);
  const missing = missingText(p, exclude);
  if (missing) out.push(missing);
  // The engine counts distinct values up to the limit: at it, a text target has that many or more.
  const t = p.header.indexOf(target);
  if (t >= 0 && task === 'classification' && p.kinds[t] === 'categorical' && p.distinct[t] >= CSV_MAX_CLASSES) {
    out.push(`“${target}” has ${CSV_MAX_CLASSES.toLocaleString('en-US')} different values or more: as classes, the import refuses more than ${CSV_MAX_CLASSES.toLocaleString('en-US')} (texts that differ from row to row are names or identifiers, not classes to learn). Choose another target.`);
  }
  p.header.forEach((h, i) => {
    const mixed = p.notNumbers[i];
    if (!mixed || (h === target ? task !== 'regression' : exclude.includes(h))) return;
    const role = h === target ? 'the target of a regression' : 'a feature';
    out.push(`“${h}” holds ${notNumbersText(mixed)}: as ${role} it must hold numbers only, so Import refuses it. Write those cells as numbers, or empty them and drop their rows${h === target ? '' : ', or untick the column'}.`);
  });
  // A text feature ticked again past what one-hot encoding takes: the import would refuse it.
  p.header.forEach((h, i) => {
    if (h === target || exclude.includes(h) || p.kinds[i] !== 'categorical' || p.notNumbers[i] || valuesOf(p, i) <= CSV_MAX_CATEGORIES) return;
    out.push(`“${h}” holds ${textsCount(p, h)} different texts: one-hot encoding takes at most ${CSV_MAX_CATEGORIES}, so Import refuses it as a feature. Group the rarer ones into one (such as “other”) in the file, or untick the column.`);
  });
  return out;
}

/**
 * Rows that miss a value in a column not left out, from the preview's sets of missing columns (as
 * the engine counts `missingRows`), so a box ticked or unticked is counted at once; null when the
 * preview has too many sets to list (then the engine is asked).
 */
export function missingRowsOf(p: { header: string[]; missingPatterns: { columns: number[]; rows: number }[] | null }, exclude: readonly string[]): number | null {
  if (!p.missingPatterns) return null;
  let n = 0;
  for (const set of p.missingPatterns) if (set.columns.some((c) => !exclude.includes(p.header[c]))) n += set.rows;
  return n;
}

/** A file's size as a person reads it: "32 bytes", "4.2 kB", "47.0 MB" (a small CSV read "0.0 kB"). */
export const sizeText = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} byte${n === 1 ? '' : 's'}`);
