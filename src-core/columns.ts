import type { CaseVariants, ColumnSummary, LeaveOutReason, Mojibake, NotNumbers, OrderedScale } from './api/contract';
import { figure, plural } from './format';
import { CSV_MAX_CATEGORIES } from './vocabulary';

/** A cell the CSV import reads as a number as it is written: "3", "-2.5", ".5", "1e-3" (not "inf", "1,5" or "$3"). */
export const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A column of numbers with text in `cells` of its cells (which the import refuses), in words: "numbers, 2 texts". */
export const numbersWithTexts = (cells: number): string => `numbers, ${plural(cells, 'text', 'texts')}`;

/** What a preview's column holds, in a word or two: "numeric", "categorical", or "numbers, 2 texts". */
export function kindText(kind: 'numeric' | 'categorical', notNumbers: NotNumbers | null): string {
  return notNumbers ? numbersWithTexts(notNumbers.cells) : kind;
}

/** A value of a column and how many rows hold it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** A column as the data set's page, its CSV and `knobs datasets NAME` describe it. */
export interface ColumnView {
  column: ColumnSummary;
  target: boolean;
  /** `classes`: a classification target, read as its classes (its numbers' mean would say nothing); `numbers` and `text` as the column holds them. */
  kind: 'classes' | 'numbers' | 'text';
  /** What it holds, in a word or two: "3 classes", "numbers", "numbers, constant", "text, 12 features" (one-hot: a feature per value), "numbers, 2 texts" (numbers with text in some cells, which an import refuses). */
  holds: string;
  /** Its commonest values, the commonest first: every class of a classification target, else the summary's. */
  top: ValueCount[];
  /** How many values it has: its classes, else its distinct values. */
  values: number;
}

/**
 * A data set's columns, the target first, each with what it holds (one reading for the page, its
 * CSV and the CLI). `classes`: the target's classes with their rows when it is a classification's
 * (in any order), else null.
 */
export function columnViews(columns: readonly ColumnSummary[], target: string | null, rows: number, classes: readonly ValueCount[] | null): ColumnView[] {
  const t = columns.find((c) => c.name === target);
  const ordered = t ? [t, ...columns.filter((c) => c !== t)] : [...columns];
  // A stable sort: classes of equal counts keep their order.
  const sorted = classes && [...classes].sort((a, b) => b.count - a.count);
  return ordered.map((c): ColumnView => {
    if (c === t && sorted) return { column: c, target: true, kind: 'classes', holds: plural(sorted.length, 'class', 'classes'), top: sorted, values: sorted.length };
    const common = { column: c, target: c === t, top: c.top, values: c.distinct };
    // Every cell missing (the empty columns a spreadsheet leaves after the last): empty, not "numbers".
    if (rows > 0 && c.missing >= rows) return { ...common, kind: 'numbers', holds: 'empty' };
    if (c.notNumbers) return { ...common, kind: 'text', holds: numbersWithTexts(c.notNumbers) };
    if (c.kind === 'categorical') return { ...common, kind: 'text', holds: c === t ? 'text' : `text, ${c.distinct} features` };
    return { ...common, kind: 'numbers', holds: c.distinct === 1 && c.missing < rows ? 'numbers, constant' : 'numbers' };
  });
}

/**
 * A count as a share of the rows, in whole percent: "45%". Some but not all never reads as none or
 * all: 1 row of 300 is "<1%" (not "0%", which reads as none missing), 299 of 300 ">99%".
 */
export function shareText(count: number, rows: number): string {
  const pct = Math.round((100 * count) / Math.max(1, rows));
  if (count > 0 && pct === 0) return '<1%';
  if (count < rows && pct === 100) return '>99%';
  return `${pct}%`;
}

export type { LeaveOutReason } from './api/contract';

/** Names in quotes; past `most`, the rest counted ("“a”, “b” and 12 more"), as a file of hundreds of columns would otherwise fill a page. */
export function quotedNames(names: readonly string[], most = 8): string {
  return names.slice(0, most).map((n) => `“${n}”`).join(', ') + (names.length > most ? ` and ${names.length - most} more` : '');
}

/** A column's different values, missing cells not counted (the preview counts them as one value; 1,000 means at least that many). */
export function valuesOf(p: { missing: readonly number[]; distinct?: readonly number[] }, i: number): number {
  return (p.distinct?.[i] ?? 0) - (p.missing[i] > 0 ? 1 : 0);
}

/** `valuesOf` in words: "150", "1,000 or more" at the count's cap. */
export function textsCount(p: { header: readonly string[]; missing: readonly number[]; distinct?: readonly number[] }, column: string): string {
  const i = p.header.indexOf(column);
  return (p.distinct?.[i] ?? 0) >= 1000 ? '1,000 or more' : valuesOf(p, i).toLocaleString('en-US');
}

/**
 * Columns left out of the features for a reason, grouped by it, each group with the reason in words:
 * "“id”, “date” (each a different value in every row, like an identifier: it tells the model
 * nothing about a new row)". `names`: the columns to say (of `header`); the import dialog and
 * `knobs datasets FILE.csv` both say them so.
 */
export function leaveOutParts(p: { header: readonly string[]; leaveOut: readonly (LeaveOutReason | null)[]; missing: readonly number[]; totalRows: number; notNumbers: readonly (NotNumbers | null)[]; distinct?: readonly number[] }, names: readonly string[]): string[] {
  const of = (reason: LeaveOutReason): string[] => p.header.filter((h, i) => names.includes(h) && p.leaveOut[i] === reason);
  const rows = `${p.totalRows} ${p.totalRows === 1 ? 'row' : 'rows'}`;
  const parts: string[] = [];
  const ids = of('identifier');
  if (ids.length) parts.push(`${quotedNames(ids)} (${ids.length === 1 ? 'a different value in every row' : 'each a different value in every row'}, like an identifier: it tells the model nothing about a new row)`);
  const texts = of('categories');
  if (texts.length === 1 && p.distinct) parts.push(`“${texts[0]}” (${textsCount(p, texts[0])} different texts, more than the ${CSV_MAX_CATEGORIES} one-hot encoding takes)`);
  else if (texts.length) parts.push(`${quotedNames(texts)} (${texts.length === 1 ? 'more' : 'each more'} different texts than the ${CSV_MAX_CATEGORIES} one-hot encoding takes)`);
  const sparse = of('mostly-missing');
  if (sparse.length === 1) parts.push(`“${sparse[0]}” (missing in ${p.missing[p.header.indexOf(sparse[0])]} of ${rows})`);
  else if (sparse.length > 1) parts.push(`${quotedNames(sparse)} (each missing in more than half of the ${rows})`);
  const dates = of('dates');
  if (dates.length) {
    const one = dates.length === 1;
    parts.push(`${quotedNames(dates)} (dates: as text each date is a category of its own, which says nothing of a date not in the file; to use ${one ? 'it' : 'them'}, ` +
      `add columns of numbers made from ${one ? 'it' : 'each'}, such as the month, the weekday or the days since the first)`);
  }
  const times = of('times');
  if (times.length) {
    const one = times.length === 1;
    parts.push(`${quotedNames(times)} (times of day or durations: as text each is a category of its own, which says nothing of the order of 08:15 and 08:20; to use ${one ? 'it' : 'them'}, ` +
      `add a column of numbers made from ${one ? 'it' : 'each'}, such as the minutes since midnight or a duration's seconds)`);
  }
  const mixed = of('not-numbers');
  if (mixed.length) {
    const each = mixed.slice(0, 8).map((h) => `“${h}” (${notNumbersText(p.notNumbers[p.header.indexOf(h)]!)})`).join(', ');
    const rest = mixed.length > 8 ? ` and ${mixed.length - 8} more` : '';
    parts.push(`${each}${rest}: write those cells as numbers, or empty them, to use ${mixed.length === 1 ? 'it' : 'them'}`);
  }
  return parts;
}

/**
 * The text cells of a column of numbers, in words: "numbers but for “seven” in row 11", "numbers but
 * for 12 cells, the first “inf” in row 7, “x” in row 9 and “y” in row 10".
 */
export function notNumbersText(n: NotNumbers): string {
  const named = n.first.map((t) => `“${t.value}” in row ${t.row}`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return (n.cells === n.first.length ? `numbers but for ${list}` : `numbers but for ${n.cells} cells, the first ${list}`) + limitHint(n.first.map((t) => t.value), n.cells);
}

/** A measurement beyond what an instrument reads, as labs write it: "<0.5", "> 100", "≤0.01". */
const BEYOND_LIMIT = /^([<>≤≥])=?\s*(\d+(?:\.\d+)?)$/;

/**
 * Where every named text is a value beyond a limit of measure ("<0.5": below detection), what
 * number is often written for it: half the limit below it (0.25), the limit above it (100). '' otherwise.
 */
function limitHint(values: readonly string[], cells: number): string {
  const m = values.map((v) => BEYOND_LIMIT.exec(v.trim()));
  if (m.length === 0 || m.some((x) => x === null)) return '';
  const isBelow = (x: RegExpExecArray | null): boolean => x![1] === '<' || x![1] === '≤';
  if (m.some((x) => isBelow(x) !== isBelow(m[0]))) return ', values beyond limits of measure, for which half a lower limit or an upper limit itself is often written';
  const below = isBelow(m[0]);
  const figure = Number(m[0]![2]);
  const number = below ? Number((figure / 2).toPrecision(6)) : figure;
  return `, ${cells === 1 ? 'a value' : 'values'} ${below ? 'below' : 'above'} a limit of measure, for which ${below ? 'half the limit' : 'the limit'}, ${number}, is often written`;
}

/** A header row that reads like data (`CsvPreview.headerLikeData`), in words: what it costs and what to do. */
export function headerLikeDataText(header: readonly string[]): string {
  const cells = header.slice(0, 8).join(', ') + (header.length > 8 ? ', …' : '');
  return `Row 1 (${cells}) is read as the column names, but it reads like data: its numbers lie among their columns' values. ` +
    'If the file has no header row, add one (a name for each column) above it; otherwise that row is not trained on and the columns are named by its values.';
}

/**
 * Texts that differ only in case, in words (null when none): "Texts that differ only in case are
 * different values: “yes” (120 rows) and “Yes” (3) in “subscribed”. If they are one, write them
 * alike in the file." The target's are classes, said first; up to `most` groups, the rest counted.
 */
export function caseVariantsText(groups: readonly CaseVariants[], target: string, most = 4): string | null {
  if (groups.length === 0) return null;
  const ordered = [...groups.filter((g) => g.column === target), ...groups.filter((g) => g.column !== target)];
  const group = (g: CaseVariants): string => {
    const [first, ...rest] = g.spellings.map((s, i) => `“${s.value}” (${i === 0 ? plural(s.count, 'row', 'rows') : s.count})`);
    const list = rest.length === 1 ? `${first} and ${rest[0]}` : `${[first, ...rest.slice(0, -1)].join(', ')} and ${rest[rest.length - 1]}`;
    return `${list} in “${g.column}”${g.column === target ? ' (the target: each a class)' : ''}`;
  };
  const more = ordered.length > most ? `, and ${ordered.length - most} more` : '';
  return `Texts that differ only in case are different values: ${ordered.slice(0, most).map(group).join('; ')}${more}. If they are one, write them alike in the file.`;
}

/**
 * Feature columns that tell the target exactly, in words (null when none): "“status” tells the target
 * exactly: each of its values goes with one class in every row. If it is the answer written another
 * way (known only once the answer is), leave it out: a new row would not have it, and a model
 * trained on it learns it and nothing else."
 */
export function answersText(columns: readonly string[], task: 'classification' | 'regression'): string | null {
  if (columns.length === 0) return null;
  const one = columns.length === 1;
  const how = task === 'classification' ? `each of ${one ? 'its' : 'their'} values goes with one class in every row` : `${one ? 'its' : 'their'} numbers lie on a straight line with the target's`;
  return `${quotedNames(columns)} ${one ? 'tells' : 'each tell'} the target exactly: ${how}. If ${one ? 'it is' : 'they are'} the answer written another way (known only once the answer is), ` +
    `leave ${one ? 'it' : 'them'} out: a new row would not have ${one ? 'it' : 'them'}, and a model trained on ${one ? 'it' : 'them'} learns ${one ? 'it' : 'them'} and nothing else.`;
}

/**
 * A target of numbers read as classes (whole numbers of at most 20 values, as `detectTask` proposes,
 * or any the person chose to), from three values on: classes have no order, so a model trained on
 * them counts a rating of 4 for a 5 as wrong as a 1; a rating, a count or a score may be better read
 * as a quantity. `how` says where to choose that (the dialog's task, a spec's key). Null for text
 * classes, two values, or a regression.
 */
export function numberClassesText(column: Pick<ColumnSummary, 'name' | 'kind' | 'distinct' | 'min' | 'max'> | undefined, task: 'classification' | 'regression', how: string): string | null {
  if (!column || task !== 'classification' || column.kind !== 'numeric' || column.distinct < 3 || column.min === null || column.max === null) return null;
  const n = column.distinct >= 1000 ? '1,000 or more' : String(column.distinct);
  return `“${column.name}” holds ${n} numbers from ${figure(column.min)} to ${figure(column.max)}, read as ${n} classes: classes have no order, ` +
    `so an answer one off counts as wrong as one far off. If their order matters (a rating, a count, a score), ${how} reads them as a quantity.`;
}

/**
 * A classification target of nearly as many classes as rows, in words: at least 2·classes − rows of
 * its rows are alone in their class (pigeonhole: the others hold two or more), and from a fifth of
 * the rows (and 5) no trial can do well: a validation row whose class no training row has cannot be
 * answered right. Null otherwise. (A search on it is cautioned with the exact count: loneClassesCaution.)
 */
export function loneClassesText(column: Pick<ColumnSummary, 'name' | 'distinct' | 'missing'> | undefined, rows: number, task: 'classification' | 'regression', how: string): string | null {
  if (!column || task !== 'classification' || column.distinct >= 1000) return null;
  const present = rows - column.missing;
  const alone = 2 * column.distinct - present;
  if (alone < 5 || alone < 0.2 * present) return null;
  return `“${column.name}” holds ${column.distinct} classes in ${present} rows, ${alone === column.distinct ? 'each' : `at least ${alone}`} in a single row: ` +
    'a validation row whose class no training row has cannot be answered right, so no trial can do well. A different text in nearly every row (a name, a time, a code) is no class to learn: ' +
    `choose another target, or, if it is a quantity, write it as numbers${how ? ` and read it as a regression (${how})` : ''}.`;
}

/**
 * Mojibake in words (null when none): "“ZÃ¼rich” in “city” (and 41 more cells of it) reads as
 * “Zürich” saved wrongly: …". Such a text is a value of its own beside one written right.
 */
export function mojibakeText(m: Mojibake | null): string | null {
  if (!m) return null;
  const where = m.cells === 0 ? 'as a column name' : `in “${m.column}”${m.cells > 1 ? ` (and ${m.cells - 1} more ${m.cells === 2 ? 'cell' : 'cells'} of it)` : ''}`;
  const cost = m.cells === 0 ? 'and the file\'s cells may be so too' : 'so each such text is a value of its own beside one written right';
  return `“${m.written}” ${where} reads as “${m.meant}” garbled: UTF-8 text that a program took for Windows-1252 and saved again, ${cost}. ` +
    'Export the file again from where it came from, as UTF-8, or open it as UTF-8 before saving it.';
}

/**
 * Columns of the answers of an ordered scale, in words (null when none): one-hot, each answer is a
 * feature of its own and their order is lost; a number per level in the file keeps it.
 */
export function orderedScalesText(scales: readonly OrderedScale[], target: string): string | null {
  if (scales.length === 0) return null;
  const named = scales.slice(0, 6).map((s) => `“${s.column}”${s.column === target ? ' (the target)' : ''}`);
  const more = scales.length > 6 ? ` and ${scales.length - 6} more` : '';
  const first = scales[0].levels;
  // The first column's levels stand for them all where every column has them; else they are named as that column's.
  const of = scales.every((s) => s.levels.join('\n') === first.join('\n')) ? '' : `“${scales[0].column}”: `;
  const levels = `${of}${first[0]} … ${first[first.length - 1]}`;
  const numbers = of + first.map((l, i) => `${i + 1} for “${l}”`).join(', ');
  return `${named.join(', ')}${more} ${scales.length === 1 ? 'holds the answers' : 'hold answers'} of an ordered scale (${levels}): read as text, each answer is a ${scales.some((s) => s.column === target) ? 'class or ' : ''}feature of its own and their order is lost. ` +
    `Written as numbers in the file (${numbers}), a model reads the order.`;
}

/** The columns read with a decimal comma, in words (null when none): "Numbers written with a decimal comma are read as numbers (1,5 as 1.5) in column “height”." */
export function decimalCommaText(columns: readonly string[]): string | null {
  if (columns.length === 0) return null;
  return `Numbers written with a decimal comma are read as numbers (1,5 as 1.5) in ${columns.length === 1 ? 'column' : 'columns'} ${quotedNames(columns)}.`;
}

/**
 * The columns whose numbers were written with a sign or thousands separators, in words, each with a
 * cell as written and as read: "Read as numbers, their signs and separators dropped: “price”
 * ($1,234.50 as 1234.50), “rate” (45% as 45; percent points), “balance” ((80.00) as -80.00;
 * parentheses read as minus)." Null when there are none.
 */
export function unitNumbersText(columns: readonly { column: string; sign: string; written: string; read: string }[], most = 8): string | null {
  if (columns.length === 0) return null;
  const named = columns.slice(0, most).map((c) => `“${c.column}” (${c.written} as ${c.read}${c.sign === '%' ? '; percent points' : ''}${c.written.includes('(') ? '; parentheses read as minus' : /\d\s*-$/.test(c.written) ? '; a minus after it read as before it' : ''})`);
  const rest = columns.length > most ? ` and ${columns.length - most} more` : '';
  return `Read as numbers, their signs and separators dropped: ${named.join(', ')}${rest}.`;
}
