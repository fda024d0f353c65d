import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataError } from './errors';
import { binaryProblem, fileText, unMojibake, utf16AsUtf8 } from '../textFile';
import { ordinal } from '../format';
import { PLAIN_NUMBER as NUMBER } from '../columns';
import type { CaseVariants, ColumnSummary, LeaveOutReason, MissingWord, Mojibake, NotNumbers, OrderedScale } from '../api/contract';
import type { Dataset, Task } from './types';
import { CSV_MAX_CATEGORIES, CSV_MAX_CLASSES, DEFAULT_CSV_NUMBERS, LONG_TAIL_SKEW, MISSING_CELLS, type CsvMissing, type CsvNumbers } from '../vocabulary';

/** Limits and choices for a CSV import. */
export interface CsvOptions {
  /** The target column's header name. */
  target: string;
  /** Override the detected task. */
  task?: Task;
  name?: string;
  /** Field delimiter; by default guessed from the header line (comma, semicolon or tab). */
  delimiter?: CsvDelimiter;
  /** Largest file accepted, in bytes (default 200 MB). */
  maxBytes?: number;
  /** Largest number of cells (rows × columns, header excluded) accepted (default 5 million). */
  maxCells?: number;
  /** Most distinct values a string feature may have before one-hot encoding is refused (default 100). */
  maxCategories?: number;
  /** Columns left out of the features (an identifier, a column that would leak the answer). */
  exclude?: readonly string[];
  /** A row with a missing cell in a column that is used: refused (the default), or dropped. */
  missing?: CsvMissing;
  /** Whether numbers written with a currency or percent sign, thousands separators or in parentheses read as numbers (`any-format`, the default; `any-locale` not parentheses; `with-units` thousands by commas only) or as text (`plain`). */
  numbers?: CsvNumbers;
  /** Spellings Knobs reads as missing by default ("none", "NA", …; any case) that this file means as values (a class "none", "NA" for North America). */
  notMissing?: readonly string[];
}

/** The options that change how a file is read as a table (the rest choose from it). */
export type CsvReadOptions = Pick<CsvOptions, 'maxBytes' | 'maxCells' | 'delimiter' | 'numbers' | 'notMissing'>;

/** The field delimiters Knobs reads. */
export type CsvDelimiter = ',' | ';' | '\t';

/** What a column holds, as detected from its values. */
export type ColumnKind = 'numeric' | 'categorical';

/** What the import dialog shows before importing. */
export interface CsvPreview {
  header: string[];
  rows: string[][];
  totalRows: number;
  kinds: ColumnKind[];
  /** The proposed target (the one asked for if it exists, else a column named target/label/class/y/…, else the last) and its task. */
  target: string;
  task: Task;
  /** Distinct values per column (capped at 1000). */
  distinct: number[];
  /** Missing cells per column (empty, NA, NaN, …): an import refuses them. */
  missing: number[];
  /** The row of each column's first missing cell (null: none), numbered as in `rowNumbers`. */
  firstMissing: (number | null)[];
  /** The row of each shown row as a spreadsheet numbers it (the header is row 1; blank lines count), as the import's errors name rows. */
  rowNumbers: number[];
  delimiter: CsvDelimiter;
  /** Columns whose numbers were written with a decimal comma (1,5 in a file separated by semicolons or tabs), read as numbers (1.5). */
  decimalComma: string[];
  /** Columns whose numbers were written with a currency or percent sign or thousands separators ("$1,234.50", "45%"), read as numbers (1234.5, 45). */
  unitNumbers: UnitNumbers[];
  /** Per column, why a person would leave it out of the features (null: no reason); the target never has one. */
  leaveOut: (LeaveOutReason | null)[];
  /** Per column of numbers with text in some cells, those cells (null for every other column). */
  notNumbers: (NotNumbers | null)[];
  /** Whether the header row reads like a row of data (`headerReadsAsData`): the file may have no header. */
  headerLikeData: boolean;
  /** Texts of a column that differ only in case (`caseVariants`): separate classes or categories, likely meant as one. */
  caseVariants: CaseVariants[];
  /** The first text (a column's name, else a cell) that reads as UTF-8 read as Windows-1252 and saved again ("ZÃ¼rich" for "Zürich": `mojibake`), or null. */
  mojibake: Mojibake | null;
  /** Text columns whose values are the answers of an ordered scale ("Strongly disagree" … "Strongly agree": `orderedScales`), each with its values in the scale's order. */
  orderedScales: OrderedScale[];
  /** Feature columns that tell the target exactly (`tellsTarget`), said but kept: a copy of the answer, or a cause that needs no model. */
  answers: string[];
  /** The columns left out: those asked for, else the proposed ones. */
  exclude: string[];
  /** Rows with a missing cell in a column that is used (the target and the columns not left out). */
  missingRows: number;
  /** The sets of columns rows miss values in, so the dialog counts `missingRows` for other columns itself (null: too many sets; ask again with `exclude`). */
  missingPatterns: MissingPattern[] | null;
  /** What each column holds over every row (`columnSummaries`), in the header's order. */
  columns: ColumnSummary[];
  /** Words Knobs reads as missing by default, each with its cells and columns, and whether this read takes it as a value (`notMissing`). */
  missingWords: MissingWord[];
}

/** Default limits of an import. */
export const CSV_LIMITS = { maxBytes: 200 * 1024 * 1024, maxCells: 5_000_000, maxCategories: CSV_MAX_CATEGORIES, maxClasses: CSV_MAX_CLASSES } as const;

const MISSING_LONGEST = Math.max(...MISSING_CELLS.map((m) => m.length));
const MISSING_SHOWN = 'NA, N/A, #N/A, <NA>, NaN, null, None and ?';

/**
 * Whether a cell reads as missing: empty, or one of MISSING_CELLS in any case, less the spellings
 * a file means as values (`notMissing`; an empty cell is always missing). Every spelling is short:
 * a longer cell is not lowered and looked up, which a big file's every cell paid for.
 */
export function missingRule(notMissing: readonly string[] = []): (v: string) => boolean {
  const values = new Set(notMissing.map((m) => m.trim().toLowerCase()));
  const missing: ReadonlySet<string> = new Set(MISSING_CELLS.filter((m) => m === '' || !values.has(m)));
  return (v) => v.length <= MISSING_LONGEST && missing.has(v.toLowerCase());
}
const DEFAULT_MISSING = missingRule();

/** A `notMissing` list as Knobs keeps it: each spelling once, lower case and trimmed, in MISSING_CELLS' order (so two lists that read a file alike compare equal). */
export function normalNotMissing(notMissing: readonly string[]): string[] {
  const values = new Set(notMissing.map((m) => m.trim().toLowerCase()));
  return MISSING_CELLS.filter((m) => m !== '' && values.has(m));
}
const FLOAT32_MAX = 3.4028234663852886e38;

interface Table {
  header: string[];
  rows: string[][];
  /** The spreadsheet row of each data row (header = 1; blank lines count as rows). */
  rowNumbers: Int32Array;
  delimiter: CsvDelimiter;
  /** Columns whose numbers were written with a decimal comma (1,5), read as 1.5. */
  decimalComma: string[];
  /** Columns whose numbers were written with a currency or percent sign or thousands separators, read as numbers. */
  unitNumbers: UnitNumbers[];
  /** Whether a cell of this file reads as missing (`missingRule` of its `notMissing`). */
  isMissing: (v: string) => boolean;
  /** What each column holds, over every row (a numeric column stays numeric whichever rows are dropped). */
  kinds: ColumnKind[];
}

/** A column of numbers written as spreadsheets write money and shares ("$1,234.50", "45%"), read as numbers; with one of its cells as written and as read. */
export interface UnitNumbers {
  column: string;
  /** Its sign ("$", "€", "%", …), or "" where only thousands separators were dropped. */
  sign: string;
  written: string;
  read: string;
}

/**
 * Decode a file's text (UTF-8 or UTF-16, a byte order mark dropped: fileText), refusing binary
 * files and files over the size limit. Text already decoded is refused where it is UTF-16 read as
 * UTF-8 (a client that read the file with File.text()).
 */
function decode(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    if (utf16AsUtf8(input)) {
      throw new DataError('The text is a UTF-16 file (as Excel saves "Unicode Text") read as if it were UTF-8; decode it as UTF-16, or save it as "CSV UTF-8 (Comma delimited)".', 1);
    }
    const bytes = Buffer.byteLength(input, 'utf8');
    if (bytes > maxBytes) throw new DataError(`The file is too large (${mb(bytes)}; the limit is ${mb(maxBytes)}).`);
    const nul = input.indexOf('\u0000');
    if (nul >= 0) {
      const b = binaryProblem(input.slice(0, nul).split('\n').length);
      throw new DataError(b.problem, b.line);
    }
    return input.replace(/^\uFEFF/, '');
  }
  if (input.length > maxBytes) throw new DataError(`The file is too large (${mb(input.length)}; the limit is ${mb(maxBytes)}).`);
  const read = fileText(input);
  if ('problem' in read) throw new DataError(read.problem, read.line);
  return read.text;
}

/** Excel's first line naming the delimiter ("sep=;"). */
const EXCEL_SEPARATOR = /^sep=(.)(\r\n|\n|\r)/i;

/**
 * A file whose first line names its delimiter as Excel writes and reads it ("sep=;", "sep=,",
 * "sep=" and a tab): that delimiter, and the text after the line (Excel shows no such row, so the
 * header stays row 1). Another delimiter named there is refused: Knobs reads comma, semicolon and tab.
 */
function excelSeparator(text: string): { text: string; named: CsvDelimiter | null } {
  const m = EXCEL_SEPARATOR.exec(text);
  if (!m) return { text, named: null };
  const d = m[1];
  if (d !== ',' && d !== ';' && d !== '\t') {
    throw new DataError(`The first line, "${m[0].trim()}", says the cells are separated by "${d}"; Knobs reads commas, semicolons or tabs: save the file with one of those.`, 1);
  }
  return { text: text.slice(m[0].length), named: d };
}

/** Column names as a list a person can read back even when a name holds a comma: "a", "height, cm". */
const quoted = (names: readonly string[]): string => names.map((h) => `"${h}"`).join(', ');

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * The delimiter of a file: among comma, semicolon and tab, those that split the header and the
 * next lines (up to 20) into the same number of fields, outside quoted cells, are preferred; of
 * these (or of all, when none is consistent) the one the header uses most (comma on a tie or when
 * none appears). So `"price; EUR",qty` or an unquoted name with semicolons is not read as ';'.
 */
function sniffDelimiter(text: string): CsvDelimiter {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 21).map((l) => l.replace(/"(?:[^"]|"")*"/g, ''));
  const count = (line: string, d: string): number => line.split(d).length - 1;
  const pick = (candidates: CsvDelimiter[]): CsvDelimiter | undefined => {
    const [comma, semi, tab] = ([',', ';', '\t'] as const).map((d) => (candidates.includes(d) ? count(lines[0] ?? '', d) : -1));
    if (tab > 0 && tab > comma && tab >= semi) return '\t';
    if (semi > 0 && semi > comma) return ';';
    return comma >= 0 ? ',' : candidates[0];
  };
  const consistent = ([',', ';', '\t'] as const).filter((d) => count(lines[0] ?? '', d) > 0 && lines.every((l) => count(l, d) === count(lines[0], d)));
  return (lines.length > 1 && consistent.length ? pick(consistent) : undefined) ?? pick([',', ';', '\t'])!;
}

interface Parsed {
  record: string[];
  info: { records: number; empty_lines: number };
}

/** Parse CSV text into a header and rows, refusing empty files, header-only files, ragged rows, bad or duplicate names and too many cells. */
function parseTable(file: string, maxCells: number, delimiterOpt?: CsvDelimiter, numbers: CsvNumbers = DEFAULT_CSV_NUMBERS, notMissing: readonly string[] = []): Table {
  const { text, named } = excelSeparator(file);
  if (text.trim() === '') throw new DataError('The file is empty; a CSV needs a header row and at least one data row.');
  const delimiter = delimiterOpt ?? named ?? sniffDelimiter(text);
  const base = { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true } as const;
  const run = (to?: number): Parsed[] => {
    let lastLine = 0;
    const onRecord = (record: string[], ctx: { lines: number }): string[] => {
      lastLine = ctx.lines;
      return record;
    };
    try {
      return parse(text, { ...base, on_record: onRecord, ...(to === undefined ? {} : { to }) }) as unknown as Parsed[];
    } catch (e) {
      const err = e as { code?: string; lines?: number; message: string };
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new DataError(`A quote opened on line ${lastLine + 1} is never closed; close it with " (and write a quote inside a quoted cell as "").`, lastLine + 1);
      }
      const at = /at line (\d+)/.exec(err.message);
      const line = at ? Number(at[1]) : err.lines;
      throw new DataError(`The CSV cannot be parsed${line ? ` at line ${line}` : ''}: ${err.message}`, line);
    }
  };
  const header = run(1)[0].record;
  const maxRows = Math.floor(maxCells / Math.max(1, header.length));
  const records = run(maxRows + 2);
  if (records.length < 2) throw new DataError('The file has a header row but no data rows.', 1);
  if (records.length - 1 > maxRows) {
    // Counted as lines that hold anything (a quoted cell across lines would count twice): the parse stopped at the limit.
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    const n = (x: number): string => x.toLocaleString('en-US');
    // A file whose lines end in \r alone (old Mac files) counts as one line: then "more than" the parse's own count.
    const rows = lines - 1;
    const size = rows > maxRows ? `${n(rows)} data rows × ${n(header.length)} columns (${n(rows * header.length)} cells)` : `more than ${n(maxRows)} data rows × ${n(header.length)} columns`;
    throw new DataError(
      `The file has ${size}; Knobs reads at most ${n(maxCells)} cells of a CSV, ` +
        `here ${n(maxRows)} rows. Save a copy with fewer rows (a random sample of them) or fewer columns, and import that.`,
    );
  }
  // A column without a name (pandas writes its index so) is called "column N", N counted from 1 as a spreadsheet counts.
  header.forEach((h, i) => {
    if (h !== '') return;
    const named = `column ${i + 1}`;
    if (header.includes(named)) throw new DataError(`Column ${i + 1} has an empty header, and the name Knobs would give it ("${named}") is taken; give it a name in row 1.`, 1);
    header[i] = named;
  });
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (seen.has(h)) throw new DataError(`The column name "${h}" appears twice (columns ${seen.get(h)! + 1} and ${i + 1}); names must be unique.`, 1, h);
    seen.set(h, i);
  });
  const rows: string[][] = [];
  const rowNumbers = new Int32Array(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    const row = info.records + info.empty_lines;
    if (record.length !== header.length) {
      // A one-cell first line above a wider table is most likely a title ("Sales report 2024") a spreadsheet export put there.
      if (header.length === 1 && record.length > 1) {
        throw new DataError(
          `Row ${row} has ${record.length} values but the header, row 1 ("${header[0]}"), has one: if the table starts below a title, delete the lines above its header row.`,
          row,
        );
      }
      throw new DataError(
        `Row ${row} has ${record.length} value${record.length === 1 ? '' : 's'} but the header has ${header.length} columns; every row needs exactly ${header.length} (the delimiter is "${delimiter === '\t' ? '\\t' : delimiter}").`,
        row,
      );
    }
    rows.push(record);
    rowNumbers[i - 1] = row;
  }
  const isMissing = notMissing.length > 0 ? missingRule(notMissing) : DEFAULT_MISSING;
  // Columns of plain numbers (or missing cells), in one pass row by row (each row's cells lie together; a column's are spread
  // over the whole file): neither signs nor decimal commas have anything to read there, and they are numeric.
  const plain = new Array<boolean>(header.length).fill(true);
  for (const r of rows) {
    for (let c = 0; c < r.length; c++) {
      if (plain[c] && !isMissing(r[c]) && !NUMBER.test(r[c])) plain[c] = false;
    }
  }
  // Signs first: "12,5 %" leaves "12,5", which the decimal commas then read.
  const unitNumbers = numbers === 'plain' ? [] : readUnitNumbers(header, rows, delimiter, isMissing, plain, numbers);
  const decimalComma = readDecimalCommas(header, rows, delimiter, isMissing, plain);
  const read = new Set([...unitNumbers.map((u) => u.column), ...decimalComma]);
  const kinds = header.map((h, c): ColumnKind => (plain[c] ? 'numeric' : read.has(h) ? kindOf(rows, c, isMissing) : 'categorical'));
  return { header, rows, rowNumbers, delimiter, decimalComma, unitNumbers, isMissing, kinds };
}

/** A number with a currency sign before or after it, or a percent sign after it: sign, currency, number, sign after. */
const UNIT_NUMBER = /^([+-]?)\s*([$€£¥])?\s*([+-]?[\d.,]*\d[\d.,]*)\s*([$€£¥%])?$/;
/** The same with spaces between digits ("1 234,50 €"; from `any-locale`). */
const SPACED_UNIT_NUMBER = /^([+-]?)\s*([$€£¥])?\s*([+-]?[\d.,]*\d(?:[\d.,\u00a0\u202f ]*\d)?)\s*([$€£¥%])?$/;
/** An accounting negative, as spreadsheets format one: the number in parentheses, a currency or percent sign inside or out ("(1,234.50)", "$(12.00)", "(45%)"). */
const PARENTHESES = /^([$€£¥]?)\s*\(\s*([^()]*?)\s*\)\s*([$€£¥%]?)$/;
/** A negative as SAP and other ledgers export one: a minus after the number ("1.234,50-", "80.00-"). */
const TRAILING_MINUS = /^([^-]*\d)\s*-$/;
/** Thousands separated by commas, with an optional decimal point: "1,234", "12,345,678.5". */
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** Thousands separated by points, with an optional decimal comma (files separated by semicolons or tabs): "1.234", "1.234.567,5". */
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
/** Where points can only be thousands separators: with a decimal comma after them ("1.234,50") or two of them ("1.234.567"). */
const SURE_DOT_THOUSANDS = /^[+-]?\d{1,3}((\.\d{3})+,\d+|(\.\d{3}){2,})$/;
/** Thousands separated by spaces (a space, a no-break or narrow no-break space, as French and others write them), then the file's decimal mark: "1 234", "12 345,5". */
const SPACE_THOUSANDS = /^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/;
/** Each way of grouping thousands: a number written so, and its separators to drop. */
const COMMA_GROUPS = { number: THOUSANDS, separator: /,/g };
const DOT_GROUPS = { number: DOT_THOUSANDS, separator: /\./g };
const SPACE_GROUPS = { number: SPACE_THOUSANDS, separator: /[ \u00a0\u202f]/g };

/**
 * Numbers as spreadsheets write money and shares ("$1,234.50", "-€3.20", "12 £", "45%"): a column
 * whose every value is a number, at least one written with a sign or thousands separators, all
 * with the same sign, is read as the numbers (1234.5, -3.2, 12, 45), the signs and separators
 * dropped in place. A percent stays in percent points (45% reads 45: scaled like any feature, it
 * trains the same). Thousands separated by commas in files separated by commas; in those
 * separated by semicolons or tabs a comma is the decimal one (readDecimalCommas reads it next) and
 * thousands are separated by points ("1.234,50", as German, Italian or Spanish spreadsheets write
 * it), read so in a column where some value can only be read so (a decimal comma after the points,
 * or two points); in any file by spaces ("1 234,50", as French ones do). Points and spaces only
 * from `"numbers": "any-locale"`; a negative in parentheses ("(1,234.50)", as accounting formats
 * write it) or with its minus after it ("1.234,50-", as SAP exports it) from `"any-format"` (a
 * search stored with an earlier reading reads as it ran).
 * A column that mixes signs ($ and €), or holds anything else, stays as it is. Returns the columns
 * read so, each with a cell as written and read (an accounting negative where it has one).
 */
function readUnitNumbers(header: string[], rows: string[][], delimiter: CsvDelimiter, isMissing: (v: string) => boolean, plain: readonly boolean[], numbers: Exclude<CsvNumbers, 'plain'>): UnitNumbers[] {
  const anyLocale = numbers !== 'with-units';
  const accounting = numbers === 'any-format';
  const out: UnitNumbers[] = [];
  header.forEach((column, c) => {
    // A column of plain numbers has none written with a sign.
    if (plain[c]) return;
    const spelled = (v: string): RegExpExecArray | null => (anyLocale ? SPACED_UNIT_NUMBER : UNIT_NUMBER).exec(v);
    /** A cell's sign, currency, digits and sign after, and whether it was an accounting negative (its parts then read inside the parentheses or before the minus, with no sign of their own). */
    const parts = (cell: string): { m: RegExpExecArray; negative: boolean } | null => {
      const v = cell.trim();
      const p = accounting ? PARENTHESES.exec(v) : null;
      const t = accounting && !p ? TRAILING_MINUS.exec(v) : null;
      if (!p && !t) {
        const m = spelled(v);
        return m && { m, negative: false };
      }
      if (p && p[1] && p[3]) return null;
      const m = spelled(p ? `${p[1]}${p[2]}${p[3]}` : t![1]);
      return m && !m[1] && !/^[+-]/.test(m[3]) ? { m, negative: true } : null;
    };
    // Points are thousands separators in this column only where some value can only be read so: "1.5" is one and a half elsewhere.
    // (The look stops at a value that is no number at all: such a column stays text whatever its points, and a text column costs one value.)
    let dots = false;
    for (let i = 0; i < rows.length && anyLocale && delimiter !== ',' && !dots; i++) {
      if (isMissing(rows[i][c])) continue;
      const digits = parts(rows[i][c])?.m[3];
      if (digits === undefined) break;
      dots = SURE_DOT_THOUSANDS.test(digits);
    }
    let sign: string | null = null;
    let first: { written: string; read: string; negative: boolean } | null = null;
    const read: (string | null)[] = new Array<string | null>(rows.length).fill(null);
    // Whether a number is written without parentheses or a minus after it, and whether a negative so written is more than a bare whole
    // number (a sign, separators, decimals): a ledger's column holds either; one of "(1)", "(2)" alone is a list of labels.
    let written = false;
    let money = false;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][c];
      if (isMissing(v)) continue;
      if (NUMBER.test(v) && !(dots && v.includes('.'))) {
        written = true;
        continue;
      }
      const cell = parts(v);
      if (!cell) return;
      if (!cell.negative) written = true;
      else if (!/^\d+$/.test(cell.m[3]) || cell.m[2] || cell.m[4]) money = true;
      const [, before, currency, digits, after] = cell.m;
      if ((currency && after) || (before && /^[+-]/.test(digits))) return;
      const s = currency ?? after ?? '';
      if (s && sign !== null && sign !== '' && s !== sign) return;
      if (s) sign = s;
      let number = digits;
      // Its thousands separator, where it has one: a space (any file), else the comma of a comma file or the point of a column of points.
      const group = /[ \u00a0\u202f]/.test(number) ? SPACE_GROUPS : delimiter === ',' ? (number.includes(',') ? COMMA_GROUPS : null) : dots && number.includes('.') ? DOT_GROUPS : null;
      const thousands = group !== null;
      if (group) {
        if (!group.number.test(number)) return;
        number = number.replace(group.separator, '');
      }
      const plain = `${before === '-' || cell.negative ? '-' : ''}${number}`;
      if (!NUMBER.test(plain) && !(delimiter !== ',' && DECIMAL_COMMA.test(plain))) return;
      // A decimal comma alone (no sign, no thousands, no parentheses) is readDecimalCommas' to read.
      if (!s && !thousands && !cell.negative) continue;
      sign ??= '';
      read[i] = plain;
      // Said as it is read in the end: a decimal comma as the point readDecimalCommas makes of it.
      if (!first || (cell.negative && !first.negative)) first = { written: v, read: delimiter === ',' ? plain : plain.replace(',', '.'), negative: cell.negative };
    }
    if (!first || (first.negative && !written && !money)) return;
    read.forEach((v, i) => {
      if (v !== null) rows[i][c] = v;
    });
    out.push({ column, sign: sign ?? '', written: first.written, read: first.read });
  });
  return out;
}

/** A number written with a decimal comma ("1,5", "-0,25", "3,1e-4"), or a whole number. */
const DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+|\d+)([eE][+-]?\d+)?$/;

/**
 * Where a file is separated by semicolons or tabs (as spreadsheets in many locales save it), a
 * column whose every value is a number written with a decimal comma (at least one with a comma)
 * is read as numbers: its commas become points, in place. Otherwise "1,5" would be a category.
 * Returns the names of the columns read so.
 */
function readDecimalCommas(header: string[], rows: string[][], delimiter: CsvDelimiter, isMissing: (v: string) => boolean, plain: readonly boolean[]): string[] {
  if (delimiter === ',') return [];
  const columns: string[] = [];
  header.forEach((h, c) => {
    // A column of plain numbers has no comma in it.
    if (plain[c]) return;
    let comma = false;
    for (const r of rows) {
      const v = r[c];
      if (isMissing(v)) continue;
      if (!DECIMAL_COMMA.test(v)) return;
      if (v.includes(',')) comma = true;
    }
    if (!comma) return;
    for (const r of rows) if (!isMissing(r[c])) r[c] = r[c].replace(',', '.');
    columns.push(h);
  });
  return columns;
}

function kindOf(rows: string[][], c: number, isMissing: (v: string) => boolean): ColumnKind {
  return rows.every((r) => isMissing(r[c]) || NUMBER.test(r[c])) ? 'numeric' : 'categorical';
}

/**
 * The target the import dialog proposes: a column named like one (target, label, class, y, species, outcome), else the
 * last column, each only where it could be learned: two values or more (a text column fewer than 1,000), and missing in at most half the rows. A trial
 * export's last column "error", empty in every row, had been proposed; then the last column that could be, else the last.
 */
function proposeTarget(header: string[], rows: number, distinct: readonly number[], missing: readonly number[], kinds: readonly ColumnKind[], notNumbers: readonly (NotNumbers | null)[]): string {
  // `distinct` counts a missing cell's spelling as a value: one less where any is missing. A text column of 1,000 values
  // or more (the count stops there) is names or identifiers, not classes: the import refuses more than maxClasses. A column
  // of numbers with text in some cells is read by its numbers (`detectTask`).
  const names = (c: number): boolean => kinds[c] === 'categorical' && !notNumbers[c] && distinct[c] >= CSV_LIMITS.maxClasses;
  const learnable = (c: number): boolean => distinct[c] - (missing[c] > 0 ? 1 : 0) >= 2 && missing[c] * 2 <= rows && !names(c);
  const named = header.findIndex((h, c) => /^(target|label|class|y|species|outcome)$/i.test(h) && learnable(c));
  if (named >= 0) return header[named];
  for (let c = header.length - 1; c >= 0; c--) if (learnable(c)) return header[c];
  return header[header.length - 1];
}

/**
 * Classification for text targets and for integer targets with few distinct values (at most max(2,
 * min(20, rows/5))); else regression. A target of numbers with text in some cells (`isMostlyNumbers`)
 * is judged by its numbers: one "#VALUE!" among prices leaves them a regression (whose import then
 * names that cell), not a hundred classes.
 */
function detectTask(values: string[], kind: ColumnKind, isMissing: (v: string) => boolean): Task {
  const present = values.filter((v) => !isMissing(v));
  const numbers = kind === 'numeric' ? present : present.filter((v) => NUMBER.test(v));
  if (kind === 'categorical' && !isMostlyNumbers(numbers.length, present.length)) return 'classification';
  const distinct = new Set(numbers.map(Number));
  const integers = numbers.every((v) => Number.isInteger(Number(v)));
  return integers && distinct.size <= Math.max(2, Math.min(20, Math.floor(values.length / 5))) ? 'classification' : 'regression';
}

/**
 * A CSV read once: its table and what each column holds, whatever target and columns are then
 * chosen, so the import dialog can preview, change its choices and import without parsing the
 * file again (`previewCsv`, `importCsv` and `selectedCsv` take it in place of the file).
 */
export interface CsvRead {
  readonly table: Table;
  readonly kinds: ColumnKind[];
  /** Distinct values per column (capped at 1000). */
  readonly distinct: number[];
  readonly missing: number[];
  readonly firstMissing: (number | null)[];
  /** The sets of columns rows miss values in, with how many rows miss exactly that set (null past `MISSING_PATTERNS` sets). */
  readonly missingPatterns: MissingPattern[] | null;
  readonly missingWords: MissingWord[];
  /** Per column of numbers with text in some cells (`isMostlyNumbers`), those cells; null for every other column. */
  readonly notNumbers: (NotNumbers | null)[];
}

/** Rows that miss values in exactly these columns (indices into the header), and how many. */
export interface MissingPattern {
  columns: number[];
  rows: number;
}

/** The most sets of missing columns a preview lists: enough for any real file; past it, the dialog asks the engine to count. */
export const MISSING_PATTERNS = 2000;

/** The sets of columns each row misses values in (only rows that miss some), or null past `MISSING_PATTERNS` sets. */
function missingPatternsOf(rows: string[][], missing: number[], isMissing: (v: string) => boolean): MissingPattern[] | null {
  const gaps = missing.map((n, c) => (n > 0 ? c : -1)).filter((c) => c >= 0);
  const byKey = new Map<string, MissingPattern>();
  if (gaps.length === 0) return [];
  for (const r of rows) {
    let key = '';
    for (const c of gaps) if (isMissing(r[c])) key += `${c},`;
    if (key === '') continue;
    const p = byKey.get(key);
    if (p) p.rows++;
    else {
      if (byKey.size === MISSING_PATTERNS) return null;
      byKey.set(key, { columns: key.slice(0, -1).split(',').map(Number), rows: 1 });
    }
  }
  return [...byKey.values()];
}

const isRead = (input: string | Uint8Array | CsvRead): input is CsvRead => typeof input === 'object' && 'table' in input;

/** Read a CSV's text or bytes (refused as `importCsv` refuses a file that cannot be read as a table). */
export function readCsv(input: string | Uint8Array, options: CsvReadOptions = {}): CsvRead {
  const table = parseTable(decode(input, options.maxBytes ?? CSV_LIMITS.maxBytes), options.maxCells ?? CSV_LIMITS.maxCells, options.delimiter, options.numbers, options.notMissing);
  const { header, rows, rowNumbers, isMissing } = table;
  // One pass, row by row (each row's cells lie together in memory; a column's are spread over the whole file): each column's
  // distinct values (up to 1,000) and missing cells, the first of them, and the words Knobs reads as missing by default
  // (not the empty cell), whether this file reads them so or as values (a second test per cell only when it has values among them).
  const seen = header.map(() => new Set<string>());
  const missing = new Array<number>(header.length).fill(0);
  const firstAt = new Array<number>(header.length).fill(-1);
  const words = new Map<string, { written: string; cells: number; columns: Set<number> }>();
  const asDefault = isMissing === DEFAULT_MISSING;
  // A text column's cells that are numbers, and its first few that are not, each with its row: a column of numbers but for those.
  const text = table.kinds.map((k) => k === 'categorical');
  const numbers = new Array<number>(header.length).fill(0);
  const texts = header.map((): { value: string; row: number }[] => []);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let c = 0; c < r.length; c++) {
      const v = r[c];
      if (seen[c].size < 1000) seen[c].add(v);
      const gap = isMissing(v);
      if (gap) {
        missing[c]++;
        if (firstAt[c] < 0) firstAt[c] = i;
      } else if (text[c]) {
        if (NUMBER.test(v)) numbers[c]++;
        else if (texts[c].length < NOT_NUMBERS_SHOWN && !texts[c].some((t) => t.value === v)) texts[c].push({ value: v, row: rowNumbers[i] });
      }
      if (v === '' || !(gap || (!asDefault && DEFAULT_MISSING(v)))) continue;
      const key = v.toLowerCase();
      const w = words.get(key);
      // Its spelling as the file first writes it, reading row by row.
      if (!w) words.set(key, { written: v, cells: 1, columns: new Set([c]) });
      else {
        w.cells++;
        w.columns.add(c);
      }
    }
  }
  const distinct = seen.map((d) => d.size);
  const firstMissing = firstAt.map((i) => (i < 0 ? null : rowNumbers[i]));
  // In MISSING_CELLS' order, each said with whether this read takes it as a value.
  const missingWords = MISSING_CELLS.filter((m) => words.has(m)).map((m): MissingWord => {
    const w = words.get(m)!;
    return { spelling: m, written: w.written, cells: w.cells, columns: [...w.columns].sort((a, b) => a - b).map((c) => header[c]), value: !isMissing(w.written) };
  });
  const notNumbers = header.map((_, c): NotNumbers | null => {
    const present = rows.length - missing[c];
    return text[c] && isMostlyNumbers(numbers[c], present) ? { numbers: numbers[c], cells: present - numbers[c], first: texts[c] } : null;
  });
  return { table, kinds: table.kinds, distinct, missing, firstMissing, missingPatterns: missingPatternsOf(rows, missing, isMissing), missingWords, notNumbers };
}

/** What to do with a text cell in a column of numbers. */
const MEND_CELL = 'write it as a plain number (3.5, -2e-3), or empty it and drop the rows that miss a value ("missing": "drop")';

/** The texts in a column of numbers a preview names (`NotNumbers.first`). */
const NOT_NUMBERS_SHOWN = 3;

/**
 * Whether a text column is one of numbers with text in some cells: at least half its `present`
 * cells (missing ones aside) are numbers. The import refuses such a column's texts ("inf",
 * "#DIV/0!", "seven") rather than one-hot encode a feature of numbers or read a regression target's
 * values as classes; the preview proposes leaving it out, and a target is judged by its numbers.
 */
export function isMostlyNumbers(numbers: number, present: number): boolean {
  return numbers > 0 && numbers < present && numbers * 2 >= present;
}

/** Bins of a numeric column's histogram on the data set's page. */
export const SUMMARY_BINS = 20;
/** Most common values of a text column listed. */
export const SUMMARY_TOP = 5;

/**
 * What each column of a read CSV holds, over every row: a numeric column's min, max, mean,
 * population standard deviation (about the mean, in a second pass) and counts in `bins`
 * equal-width bins; a text column's most common values.
 * Missing cells are counted and left out of the rest.
 */
export function columnSummaries(read: CsvRead, bins = SUMMARY_BINS): ColumnSummary[] {
  const { table: { header, rows, isMissing }, kinds, missing } = read;
  const width = header.length;
  // One pass over the rows, row by row as the table holds them (a walk column by column took
  // 0.7–0.9 s on 100,000 rows × 25 columns, this 0.3 s), every column at once: its values present
  // (a missing cell is no value), a number column's values parsed and its distinct spellings
  // counted up to 1000, as the read counts them; a text column's values counted.
  const xs = kinds.map((k) => (k === 'numeric' ? new Float64Array(rows.length) : null));
  const counts = kinds.map((k) => (k === 'categorical' ? new Map<string, number>() : null));
  const seen = kinds.map(() => new Set<string>());
  const present = new Int32Array(width);
  for (const r of rows) {
    for (let c = 0; c < width; c++) {
      const v = r[c];
      if (isMissing(v)) continue;
      const x = xs[c];
      if (x) {
        x[present[c]++] = Number(v);
        if (seen[c].size < 1000) seen[c].add(v);
      } else {
        const m = counts[c]!;
        m.set(v, (m.get(v) ?? 0) + 1);
      }
    }
  }
  return header.map((name, c): ColumnSummary => {
    const m = counts[c];
    const base = { name, kind: kinds[c], missing: missing[c], distinct: m ? Math.min(1000, m.size) : seen[c].size };
    if (m) {
      // A stable sort keeps the file's order among equal counts (a Map iterates in insertion order).
      // Numbers with text in some cells: the texts are what to see (the numbers' commonest values say nothing).
      const mixed = read.notNumbers[c];
      const shown = mixed ? [...m].filter(([value]) => !NUMBER.test(value)) : [...m];
      const top = shown.sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_TOP).map(([value, n]) => ({ value, count: n }));
      return { ...base, min: null, max: null, mean: null, sd: null, histogram: [], top, ...(mixed ? { notNumbers: mixed.cells } : {}) };
    }
    return { ...base, ...numberSummary(xs[c]!.subarray(0, present[c]), bins), top: [] };
  });
}

/** How many rows hold each value of a column (missing cells left out), the commonest first, ties in the order the file first has them. */
export function valueCounts(read: CsvRead, column: string): { value: string; count: number }[] {
  const c = read.table.header.indexOf(column);
  const counts = new Map<string, number>();
  if (c >= 0) for (const r of read.table.rows) if (!read.table.isMissing(r[c])) counts.set(r[c], (counts.get(r[c]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, count }));
}

/** A numeric summary's bins are drawn over log10 too from a skewness of LONG_TAIL_SKEW, where the largest value is at least LOG_BINS_SPAN × the smallest (all above 0). */
const LOG_BINS_SPAN = 100;

/** How many of xs fall in each of n equal-width bins from lo to hi (bin i holds [edge i, edge i + 1), the last hi too), each value read through `at`. */
function binCounts(xs: Float64Array, n: number, lo: number, hi: number, at: (x: number) => number): number[] {
  const histogram = new Array<number>(n).fill(0);
  // A value on an edge (6.1 among edges 4.3 + 0.18·i) is put by the edges themselves, not by a
  // division that lands just under one: the same bins as NumPy's histogram.
  const step = (hi - lo) / n;
  const edge = (i: number): number => (i === n ? hi : lo + i * step);
  for (let k = 0; k < xs.length; k++) {
    const x = at(xs[k]);
    let i = Math.min(n - 1, Math.floor((x - lo) / step));
    if (x < edge(i)) i--;
    else if (i < n - 1 && x >= edge(i + 1)) i++;
    histogram[i]++;
  }
  return histogram;
}

/**
 * A column of numbers' min, max, mean, population sd (about the mean, in a second pass), skewness
 * and histogram (none when empty). The sums run on the values over the largest magnitude, so numbers
 * near 1e200 (refused by an import, but described first) give an sd, not Infinity.
 */
function numberSummary(xs: Float64Array, bins: number): Pick<ColumnSummary, 'min' | 'max' | 'mean' | 'sd' | 'histogram' | 'skew' | 'logHistogram'> {
  const count = xs.length;
  if (count === 0) return { min: null, max: null, mean: null, sd: null, histogram: [], skew: null };
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < count; k++) {
    const x = xs[k];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const scale = Math.max(Math.abs(min), Math.abs(max)) || 1;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += xs[k] / scale;
  const mean = (sum / count) * scale;
  let squares = 0;
  for (let k = 0; k < count; k++) squares += ((xs[k] - mean) / scale) ** 2;
  const spread = Math.sqrt(squares / count);
  const sd = spread * scale;
  if (min === max) return { min, max, mean, sd, histogram: [count], skew: null };
  let cubes = 0;
  for (let k = 0; k < count; k++) cubes += ((xs[k] - mean) / scale) ** 3;
  const skew = cubes / count / spread ** 3;
  const histogram = binCounts(xs, bins, min, max, (x) => x);
  const tail = min > 0 && max >= LOG_BINS_SPAN * min && skew >= LONG_TAIL_SKEW;
  return { min, max, mean, sd, histogram, skew, ...(tail ? { logHistogram: binCounts(xs, bins, Math.log10(min), Math.log10(max), Math.log10) } : {}) };
}

export type { LeaveOutReason } from '../api/contract';

/** A header that names a row's identifier: id, ID, PassengerId, customer_id, "row id", index, pandas' "Unnamed: 0", uuid, key. */
const ID_WORD = /(^|[\s_.-])(id|uuid|guid|key)$|^(index|idx|row|rowid|row_?number|unnamed: ?\d+)$/i;
/** "PassengerId", "userID": case matters here, or "fluid" and "acid" would read as ids. */
const ID_CAMEL = /[a-z](Id|ID)$/;
const isIdName = (h: string): boolean => ID_WORD.test(h) || ID_CAMEL.test(h);

/**
 * Columns a person would leave out of the features, and why: an identifier (a different value in
 * every row: whole numbers running one by one, text, or any values under a header such as "id" or
 * "PassengerId"; it tells the model nothing about a new row), a text column with more distinct values than
 * one-hot encoding allows (the import would refuse it), a column missing in more than half the
 * rows (dropping those rows would lose most of the file), a column of numbers with text in some
 * cells (`notNumbers`; the import would refuse those cells), and dates and times (as text, each date is a
 * category of its own, which says nothing of a date not in the file). The target is never proposed.
 */
function leaveOutReasons(header: string[], rows: string[][], kinds: ColumnKind[], missing: number[], target: string, maxCategories: number, isMissing: (v: string) => boolean, notNumbers: readonly (NotNumbers | null)[] = []): (LeaveOutReason | null)[] {
  return header.map((h, c) => {
    if (h === target || rows.length < 3) return null;
    if (missing[c] > rows.length / 2) return 'mostly-missing';
    if (notNumbers[c]) return 'not-numbers';
    if (kinds[c] === 'categorical' && everyCell(rows, c, isMissing, DATE)) return 'dates';
    if (kinds[c] === 'categorical' && everyCell(rows, c, isMissing, TIME)) return 'times';
    const idName = isIdName(h);
    const numeric = kinds[c] === 'numeric';
    if (numeric && !idName) {
      // Numbers are an identifier only as whole numbers running one by one (distinct, as the set below checks).
      if (missing[c] > 0) return null;
      let min = Infinity;
      let max = -Infinity;
      for (const r of rows) {
        const v = Number(r[c]);
        if (!Number.isInteger(v)) return null;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min !== rows.length - 1) return null;
    }
    // Distinct values, stopping once the answer is known (a repeat, and more than one-hot encoding takes or numbers).
    const seen = new Set<string>();
    let unique = missing[c] === 0;
    for (const r of rows) {
      const v = r[c];
      if (seen.has(v)) {
        unique = false;
        if (numeric || seen.size > maxCategories) break;
      } else if (missing[c] === 0 || !isMissing(v)) seen.add(v);
    }
    if (unique && (numeric || idName || rows.length >= 20)) return 'identifier';
    return !numeric && seen.size > maxCategories ? 'categories' : null;
  });
}

/**
 * Columns that tell the target exactly, as a copy of the answer under another name does ("churned"
 * beside "churn", a price band's code beside its class, the price in cents beside the price): a
 * classification's column each of whose values goes with one class in every row (`tellsClasses`),
 * a regression's numbers on a straight line with the target (`onLine`). A new row would not have
 * them: a search that trains on one finds it and nothing else. Rows missing either value are passed
 * over. Read from the file's cells (the preview); the import reads the numbers it parsed instead.
 */
function tellsTarget(header: readonly string[], rows: readonly string[][], kinds: readonly ColumnKind[], t: number, task: Task, isMissing: (v: string) => boolean): boolean[] {
  if (task === 'classification') return header.map((_, c) => c !== t && tellsClasses(rows, c, t, isMissing));
  if (kinds[t] !== 'numeric') return header.map(() => false);
  const numbers = (c: number, n: number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = isMissing(rows[i][c]) ? NaN : Number(rows[i][c]);
    return out;
  };
  const y = new Map<number, Float64Array>();
  const target = (n: number): Float64Array => y.get(n) ?? y.set(n, numbers(t, n)).get(n)!;
  return header.map((_, c) => c !== t && kinds[c] === 'numeric' && onLineScreened((n) => numbers(c, n), target, rows.length));
}

/** The rows a regression's columns are first screened on for a straight line with the target (`onLineScreened`). */
const LINE_SCREEN_ROWS = 500;

/**
 * Whether a column lies on a straight line with the target over `rows` rows, each read for the
 * first n rows by `column(n)` and `target(n)`: screened on the first LINE_SCREEN_ROWS rows (a line
 * holds on any of them), then read in full. A file of 30 numeric columns read in full each time the
 * dialog asked took 1.4 s a preview where it took 0.04 s.
 */
function onLineScreened(column: (n: number) => ArrayLike<number>, target: (n: number) => ArrayLike<number>, rows: number): boolean {
  const screen = Math.min(rows, LINE_SCREEN_ROWS);
  return onLine(column(screen), target(screen)) && (screen === rows || onLine(column(rows), target(rows)));
}

/**
 * Whether each value of column c goes with one class of column t in every row: at least two
 * values, at most a quarter as many as rows (a unique column would, and a few rows can by chance)
 * and 1,000, in 20 rows at least. Stops at the first value seen with two classes, which a real
 * feature meets within a few rows.
 */
function tellsClasses(rows: readonly string[][], c: number, t: number, isMissing: (v: string) => boolean): boolean {
  if (rows.length < 20) return false;
  const most = Math.min(1000, rows.length / 4);
  const classOf = new Map<string, string>();
  for (const r of rows) {
    const v = r[c];
    const y = r[t];
    if (isMissing(v) || isMissing(y)) continue;
    const seen = classOf.get(v);
    if (seen === undefined) {
      if (classOf.size >= most) return false;
      classOf.set(v, y);
    } else if (seen !== y) return false;
  }
  return classOf.size >= 2;
}

/** Whether numbers lie on a straight line with the target's (|Pearson r| ≥ 0.99999), NaN (missing) pairs passed over; 20 pairs at least. */
function onLine(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 20) return false;
  const mx = sx / n;
  const my = sy / n;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  return xx > 0 && yy > 0 && Math.abs(xy) / Math.sqrt(xx * yy) >= 0.99999;
}

/** A date, or a date and time, as files write them: 2023-08-12, 2023-08-12T14:05:00Z, 2023/8/12, 12/08/2023, 12.08.23 14:05, 8/12/2023 2:05 PM. */
const DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm]|Z|[+-]\d{2}:?\d{2})?)?$/;

/** A time of day or a duration, as files write them: 14:05, 8:05 PM, 1:02:00, 0:00:12.5, 125:30 (hours past a day). */
const TIME = /^\d{1,3}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp][Mm])?$/;

/** Whether every present cell of a text column (one at least) is written as `pattern` says (a date, a time): one-hot, each would be a category of its own. */
function everyCell(rows: string[][], c: number, isMissing: (v: string) => boolean, pattern: RegExp): boolean {
  let cells = 0;
  for (const r of rows) {
    const v = r[c];
    if (isMissing(v)) continue;
    if (!pattern.test(v)) return false;
    cells++;
  }
  return cells > 0;
}

/** Feature columns read as features though they look like a row's identifier (as the import dialog would propose leaving them out). */
function idLike(header: string[], rows: string[][], kinds: ColumnKind[], t: number, maxCategories: number, isMissing: (v: string) => boolean): { idLikeColumns?: string[] } {
  const reasons = leaveOutReasons(header, rows, kinds, header.map(() => 0), header[t], maxCategories, isMissing);
  const ids = header.filter((_, c) => reasons[c] === 'identifier');
  return ids.length > 0 ? { idLikeColumns: ids } : {};
}

/**
 * Feature columns that tell the target exactly, as the import dialog would propose leaving them out
 * (`tellsTarget`): a classification's from the cells, a regression's from the numbers the import
 * parsed (each numeric feature's column of x against y), which reads no cell twice.
 */
function answers(ds: Pick<Dataset, 'task' | 'x' | 'y' | 'nFeatures' | 'featureNames'>, header: string[], rows: string[][], kinds: ColumnKind[], t: number, isMissing: (v: string) => boolean): { answerColumns?: string[] } {
  const names = header.filter((h, c) => {
    if (c === t) return false;
    if (ds.task === 'classification') return tellsClasses(rows, c, t, isMissing);
    const j = kinds[c] === 'numeric' ? ds.featureNames.indexOf(h) : -1;
    if (j < 0) return false;
    const column = (n: number): Float32Array => {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = ds.x[i * ds.nFeatures + j];
      return out;
    };
    return onLineScreened(column, (n) => ds.y.subarray(0, n), ds.y.length);
  });
  return names.length > 0 ? { answerColumns: names } : {};
}

/** The columns used (the target and those not left out) and the rows kept, with the spreadsheet row of each. */
interface Selection {
  header: string[];
  rows: string[][];
  rowNumbers: Int32Array;
  /** Rows dropped for a missing cell in a used column (only with missing: 'drop'). */
  dropped: number;
}

/**
 * Leave `exclude` out of a table and, with `missing: 'drop'`, the rows with a missing cell in a
 * column still used. Every excluded name must be a column other than the target, at least one
 * feature must stay, and at least one row.
 */
function select(table: Table, target: string, exclude: readonly string[], missing: CsvMissing): Selection {
  const { header } = table;
  for (const e of exclude) {
    if (e === target) throw new DataError(`The target column "${target}" cannot be left out; leave out other columns, or choose another target.`, 1, e);
    if (!header.includes(e)) throw new DataError(`There is no column "${e}" to leave out; the columns are: ${quoted(header)}.`, 1, e);
  }
  if (exclude.length === 0 && missing === 'refuse') return { header, rows: table.rows, rowNumbers: table.rowNumbers, dropped: 0 };
  const keep = header.map((_, c) => c).filter((c) => !exclude.includes(header[c]));
  if (keep.length < 2) throw new DataError(`Leaving out ${quoted(exclude)} leaves only the target column "${target}"; keep at least one feature column.`, 1);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  table.rows.forEach((r, i) => {
    const row = keep.map((c) => r[c]);
    if (missing === 'drop' && row.some(table.isMissing)) return;
    rows.push(row);
    rowNumbers.push(table.rowNumbers[i]);
  });
  if (rows.length === 0) {
    throw new DataError(`Every one of the ${table.rows.length} rows has a missing value in a column that is used, so dropping them leaves nothing; leave out the columns with missing values instead.`);
  }
  return { header: keep.map((c) => header[c]), rows, rowNumbers: Int32Array.from(rowNumbers), dropped: table.rows.length - rows.length };
}

/**
 * Header, first rows, column kinds, missing cells, a proposed target and task, and the columns a
 * person would leave out, for the import dialog. `options.exclude` given: those columns are left
 * out (names that are not columns, and the target, are ignored here; the import refuses them);
 * not given: the proposed ones are. `missingRows` counts the rows with a missing cell in a column
 * still used, which `missing: 'drop'` would drop.
 */
export function previewCsv(input: string | Uint8Array | CsvRead, maxRows = 20, options: Partial<CsvOptions> = {}): CsvPreview {
  const read = isRead(input) ? input : readCsv(input, options);
  const { table: { header, rows, rowNumbers, delimiter, decimalComma, unitNumbers, isMissing }, kinds, distinct, missing, firstMissing, missingPatterns, notNumbers } = read;
  const target = options.target && header.includes(options.target) ? options.target : proposeTarget(header, rows.length, distinct, missing, kinds, notNumbers);
  const t = header.indexOf(target);
  const task = options.task ?? detectTask(rows.map((r) => r[t]), kinds[t], isMissing);
  const leaveOut = leaveOutReasons(header, rows, kinds, missing, target, options.maxCategories ?? CSV_LIMITS.maxCategories, isMissing, notNumbers);
  const told = tellsTarget(header, rows, kinds, t, task, isMissing);
  const exclude = options.exclude
    ? header.filter((h) => h !== target && options.exclude!.includes(h))
    : header.filter((_, c) => leaveOut[c] !== null);
  // From the sets of missing columns when known (as the dialog counts them when a box changes), else row by row.
  const used = (c: number): boolean => !exclude.includes(header[c]);
  const gaps = header.map((_, c) => c).filter((c) => used(c) && missing[c] > 0);
  const missingRows = missingPatterns
    ? missingPatterns.reduce((n, p) => n + (p.columns.some(used) ? p.rows : 0), 0)
    : rows.reduce((n, r) => n + (gaps.some((c) => isMissing(r[c])) ? 1 : 0), 0);
  return {
    header,
    rows: rows.slice(0, maxRows),
    rowNumbers: Array.from(rowNumbers.subarray(0, maxRows)),
    firstMissing,
    totalRows: rows.length,
    kinds,
    target,
    task,
    distinct,
    missing,
    delimiter,
    decimalComma,
    unitNumbers,
    leaveOut,
    notNumbers,
    headerLikeData: headerReadsAsData(read),
    caseVariants: caseVariants(read),
    mojibake: mojibake(read),
    orderedScales: orderedScales(read),
    // Not proposed to be left out: a rule that decides the class (a dose in a designed experiment) tells it exactly too.
    answers: header.filter((_, c) => told[c] && leaveOut[c] === null),
    exclude,
    missingRows,
    missingPatterns,
    columns: summariesOf(read),
    missingWords: read.missingWords,
  };
}

/**
 * Whether a file's header row reads like a row of data, as a file saved without one (UCI's
 * iris.data: "5.1,3.5,1.4,0.2,Iris-setosa") has it: at least half its cells are numbers, each in a
 * column of numbers and within that column's values, and each of its other cells is a value of its
 * own column. A header of numbers that name columns (wavelengths 400, 410, … over absorbances of
 * 0 to 2) lies outside its columns' values and is not taken for data.
 */
export function headerReadsAsData(read: CsvRead): boolean {
  const { table: { header, rows, isMissing }, kinds } = read;
  const numbers = header.filter((h) => NUMBER.test(h)).length;
  if (numbers === 0 || numbers * 2 < header.length) return false;
  return header.every((h, c) => {
    if (!NUMBER.test(h)) return rows.some((r) => r[c] === h);
    if (kinds[c] !== 'numeric') return false;
    const x = Number(h);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (isMissing(r[c])) continue;
      const v = Number(r[c]);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return x >= lo && x <= hi;
  });
}

/**
 * The first text of a file that reads as mojibake (`unMojibake`: "ZÃ¼rich", UTF-8 read as
 * Windows-1252 by a program that saved it so): a column's name, else a text cell, by column then
 * row; with the text meant and the number of cells of its column so written. Such a file reads
 * without error, and "ZÃ¼rich" beside "Zürich" would be two categories. Null where there is none.
 */
export function mojibake(read: CsvRead): Mojibake | null {
  const cached = garbled.get(read);
  if (cached !== undefined) return cached;
  const found = firstMojibake(read);
  garbled.set(read, found);
  return found;
}
const garbled = new WeakMap<CsvRead, Mojibake | null>();

function firstMojibake(read: CsvRead): Mojibake | null {
  const { table: { header, rows, isMissing }, kinds } = read;
  for (const h of header) {
    const meant = unMojibake(h);
    if (meant !== null) return { column: h, written: h, meant, cells: 0 };
  }
  for (let c = 0; c < header.length; c++) {
    if (kinds[c] !== 'categorical') continue;
    let first: { written: string; meant: string } | null = null;
    let cells = 0;
    const seen = new Map<string, boolean>();
    for (const r of rows) {
      const x = r[c];
      if (isMissing(x)) continue;
      let bad = seen.get(x);
      if (bad === undefined) {
        const meant = unMojibake(x);
        bad = meant !== null;
        seen.set(x, bad);
        if (meant !== null) first ??= { written: x, meant };
      }
      if (bad) cells++;
    }
    if (first) return { column: header[c], ...first, cells };
  }
  return null;
}

/** Ordered scales as surveys and forms write them, each level with its spellings (lower case). */
const SCALES: readonly (readonly (readonly string[])[])[] = [
  [['strongly disagree'], ['disagree', 'somewhat disagree'], ['neutral', 'neither agree nor disagree'], ['agree', 'somewhat agree'], ['strongly agree']],
  [['very dissatisfied'], ['dissatisfied'], ['neutral', 'neither satisfied nor dissatisfied'], ['satisfied'], ['very satisfied']],
  [['very unlikely'], ['unlikely'], ['neutral'], ['likely'], ['very likely']],
  [['never'], ['rarely', 'seldom'], ['sometimes', 'occasionally'], ['often', 'frequently'], ['always']],
  [['very poor'], ['poor'], ['fair', 'average'], ['good'], ['very good'], ['excellent']],
  [['very low'], ['low'], ['medium', 'moderate'], ['high'], ['very high']],
];

/**
 * Text columns whose every value is a level of one ordered scale, three levels or more ("Disagree",
 * "Neutral", "Agree"): one-hot, each answer is a feature of its own and their order is lost (a
 * number per level keeps it). Each with its values as written, in the scale's order.
 */
export function orderedScales(read: CsvRead): OrderedScale[] {
  let out = scales.get(read);
  if (out) return out;
  out = [];
  scales.set(read, out);
  const { table: { header, rows, isMissing }, kinds, distinct } = read;
  header.forEach((column, c) => {
    if (kinds[c] !== 'categorical' || distinct[c] < 3 || distinct[c] > 12) return;
    const values = new Set<string>();
    for (const r of rows) if (!isMissing(r[c])) values.add(r[c]);
    const levelOf = (scale: readonly (readonly string[])[], v: string): number => scale.findIndex((l) => l.includes(v.trim().toLowerCase()));
    const scale = SCALES.find((sc) => [...values].every((v) => levelOf(sc, v) >= 0));
    if (!scale || new Set([...values].map((v) => levelOf(scale, v))).size < 3) return;
    out.push({ column, levels: [...values].sort((a, b) => levelOf(scale, a) - levelOf(scale, b)) });
  });
  return out;
}
const scales = new WeakMap<CsvRead, OrderedScale[]>();

/**
 * Texts of a column that differ only in case ("yes" in 120 rows, "Yes" in 3): a class or category
 * each, which a person typing them meant as one. Each group's spellings the commonest first (ties
 * in the file's order), the groups in column order; text columns of fewer than 1,000 values only
 * (past that they are names, left out). Made once per read, as the summaries are.
 */
export function caseVariants(read: CsvRead): CaseVariants[] {
  let v = variants.get(read);
  if (v) return v;
  const { table: { header, rows, isMissing }, kinds, distinct } = read;
  const columns = header.map((_, c) => c).filter((c) => kinds[c] === 'categorical' && distinct[c] < 1000);
  const counts = columns.map(() => new Map<string, number>());
  for (const r of rows) {
    for (let j = 0; j < columns.length; j++) {
      const x = r[columns[j]];
      if (!isMissing(x)) counts[j].set(x, (counts[j].get(x) ?? 0) + 1);
    }
  }
  v = [];
  for (let j = 0; j < columns.length; j++) {
    const groups = new Map<string, { value: string; count: number }[]>();
    for (const [value, count] of counts[j]) {
      const key = value.toLowerCase();
      const g = groups.get(key);
      if (g) g.push({ value, count });
      else groups.set(key, [{ value, count }]);
    }
    for (const g of groups.values()) if (g.length > 1) v.push({ column: header[columns[j]], spellings: g.sort((a, b) => b.count - a.count) });
  }
  variants.set(read, v);
  return v;
}
const variants = new WeakMap<CsvRead, CaseVariants[]>();

/** Each read's column summaries, made once: the dialog asks for a preview again at every change of target or box. */
const summaries = new WeakMap<CsvRead, ColumnSummary[]>();
function summariesOf(read: CsvRead): ColumnSummary[] {
  let s = summaries.get(read);
  if (!s) summaries.set(read, (s = columnSummaries(read)));
  return s;
}

/**
 * Import CSV text or bytes into a Dataset: a header row, the target column by name,
 * numeric columns as they are, text columns one-hot encoded (`colour=red`), class labels
 * kept as classNames. Bad files are refused with a DataError naming the row (as a
 * spreadsheet numbers it, header = row 1) and the column, and saying what would be valid.
 *
 * @example
 *   const ds = importCsv('size,colour,kind\n1.5,red,apple\n2,green,pear\n', { target: 'kind' });
 *   // ds.featureNames = ['size', 'colour=green', 'colour=red'], ds.classNames = ['apple', 'pear']
 */
export function importCsv(input: string | Uint8Array | CsvRead, options: CsvOptions): Dataset {
  return importSelection(input, options).dataset;
}

/** The import, and the columns and rows it read (which `importCsvWithCopy` writes out). */
function importSelection(input: string | Uint8Array | CsvRead, options: CsvOptions): { dataset: Dataset; header: string[]; rows: string[][] } {
  // An option given as undefined keeps its default (a plain spread would let it erase the limit).
  const o = {
    ...options,
    maxBytes: options.maxBytes ?? CSV_LIMITS.maxBytes,
    maxCells: options.maxCells ?? CSV_LIMITS.maxCells,
    maxCategories: options.maxCategories ?? CSV_LIMITS.maxCategories,
    maxClasses: CSV_LIMITS.maxClasses,
  };
  const table = isRead(input) ? input.table : parseTable(decode(input, o.maxBytes), o.maxCells, o.delimiter, o.numbers, o.notMissing);
  if (!table.header.includes(o.target)) {
    const { header, delimiter } = table;
    const hint = header.length === 1 && delimiter === ',' && /[;\t]/.test(header[0]) ? ' (is the file separated by semicolons or tabs? set the delimiter)' : '';
    throw new DataError(`There is no column "${o.target}" to use as the target; the columns are: ${quoted(header)}${hint}.`, 1, o.target);
  }
  if (table.header.length < 2) throw new DataError(`The file has only the target column "${o.target}"; at least one feature column is needed.`, 1);
  const { header, rows, rowNumbers, dropped } = select(table, o.target, o.exclude ?? [], o.missing ?? 'refuse');
  const t = header.indexOf(o.target);
  const { isMissing } = table;
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      if (isMissing(v)) {
        // A word such as "none" or "NA" may be a value of this file (a class, a code): say how to read it as one.
        const word = v.trim() === '' ? '' : ` If "${v}" is a value here, not a gap, read it as one: "notMissing": ["${v}"].`;
        throw new DataError(
          `Row ${rowNumbers[i]}, column "${header[c]}": the value is missing ("${v}"); fill it in, drop the rows with missing values ("missing": "drop") or leave the column out ("exclude"). Knobs does not impute; it reads empty cells, ${MISSING_SHOWN} as missing.${word}`,
          rowNumbers[i],
          header[c],
        );
      }
    }),
  );
  // A column the read found numeric stays so over any of its rows; a text column may not (its one word was in a row dropped).
  const readKind = new Map(table.header.map((h, c) => [h, table.kinds[c]]));
  const kinds = header.map((h, c) => (readKind.get(h) === 'numeric' ? 'numeric' : kindOf(rows, c, isMissing)));
  const targetValues = rows.map((r) => r[t]);
  const task = o.task ?? detectTask(targetValues, kinds[t], isMissing);

  const checkRange = (c: number): void => {
    const bad = rows.findIndex((r) => Math.abs(Number(r[c])) > FLOAT32_MAX);
    if (bad >= 0) {
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${header[c]}": ${rows[bad][c]} is beyond the 32-bit float range; use values between -3.4e38 and 3.4e38.`,
        rowNumbers[bad],
        header[c],
      );
    }
  };

  const featureCols = header.map((_, c) => c).filter((c) => c !== t);
  const featureNames: string[] = [];
  // Each feature column as it goes into x, in column order: a numeric one's values (each cell read once, its range checked
  // on the way), a text one's category per row (one-hot, `width` wide).
  const columns: ({ values: Float32Array; width: 1 } | { index: Int32Array; width: number })[] = [];
  // The numeric columns' cells read once, row by row (each row's cells lie together); one beyond the 32-bit range is said in column order below.
  const numeric = featureCols.filter((c) => kinds[c] === 'numeric');
  const values = numeric.map(() => new Float32Array(rows.length));
  const parsed = new Map(numeric.map((c, j) => [c, values[j]]));
  const beyond = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < numeric.length; j++) {
      const v = Number(r[numeric[j]]);
      if (Math.abs(v) > FLOAT32_MAX) beyond.add(numeric[j]);
      values[j][i] = v;
    }
  }
  for (const c of featureCols) {
    if (kinds[c] === 'numeric') {
      if (beyond.has(c)) checkRange(c);
      featureNames.push(header[c]);
      columns.push({ values: parsed.get(c)!, width: 1 });
      continue;
    }
    const numericCount = rows.reduce((n, r) => n + (NUMBER.test(r[c]) ? 1 : 0), 0);
    if (isMostlyNumbers(numericCount, rows.length)) {
      const bad = rows.findIndex((r) => !NUMBER.test(r[c]));
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${header[c]}": "${rows[bad][c]}" is not a number, but the column is numeric (${numericCount} of ${rows.length} values are numbers); ${MEND_CELL}, or leave the column out ("exclude").`,
        rowNumbers[bad],
        header[c],
      );
    }
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      seen.add(r[c]);
      if (seen.size > o.maxCategories) {
        throw new DataError(
          `Row ${rowNumbers[i]}, column "${header[c]}": "${r[c]}" is the text column's ${ordinal(o.maxCategories + 1)} distinct value, more than the ${o.maxCategories} categories one-hot encoding allows; leave the column out ("exclude") or group its values.`,
          rowNumbers[i],
          header[c],
        );
      }
    });
    const categories = [...seen].sort();
    const at = new Map(categories.map((v, i) => [v, i]));
    for (const v of categories) featureNames.push(`${header[c]}=${v}`);
    columns.push({ index: Int32Array.from(rows, (r) => at.get(r[c])!), width: categories.length });
  }

  const nFeatures = featureNames.length;
  const x = new Float32Array(rows.length * nFeatures);
  let offset = 0;
  for (const col of columns) {
    if ('values' in col) for (let i = 0, o = offset; i < rows.length; i++, o += nFeatures) x[o] = col.values[i];
    else for (let i = 0, o = offset; i < rows.length; i++, o += nFeatures) x[o + col.index[i]] = 1;
    offset += col.width;
  }

  let y: Int32Array | Float32Array;
  let classNames: string[] | undefined;
  if (task === 'classification') {
    const allNumeric = targetValues.every((v) => NUMBER.test(v));
    const key = allNumeric ? (v: string): string => String(Number(v)) : (v: string): string => v;
    const label = new Map<string, string>();
    for (const v of targetValues) if (!label.has(key(v))) label.set(key(v), v);
    const keys = [...label.keys()];
    if (allNumeric) keys.sort((a, b) => Number(a) - Number(b));
    else keys.sort();
    classNames = keys.map((k) => label.get(k)!);
    if (classNames.length < 2) {
      throw new DataError(`The target column "${o.target}" has a single class ("${classNames[0]}") in ${rows.length === 1 ? 'its one row' : `all ${rows.length} rows`}; a classifier needs at least two.`, undefined, o.target);
    }
    if (classNames.length > o.maxClasses) {
      throw new DataError(
        `The target column "${o.target}" has ${classNames.length} classes; at most ${o.maxClasses} are supported (${allNumeric
          ? 'is it a regression target? set task to "regression"'
          : `its ${classNames.length} different texts in ${rows.length} rows read more like names or identifiers than classes to learn: choose another target`}).`,
        undefined,
        o.target,
      );
    }
    const map = new Map(keys.map((k, i) => [k, i]));
    y = Int32Array.from(targetValues, (v) => map.get(key(v))!);
  } else {
    const bad = targetValues.findIndex((v) => !NUMBER.test(v));
    if (bad >= 0) {
      const numbers = targetValues.reduce((n, v) => n + (NUMBER.test(v) ? 1 : 0), 0);
      const mend = isMostlyNumbers(numbers, targetValues.length) ? ` (${numbers} of ${targetValues.length} values are numbers); ${MEND_CELL}` : ' (or set task to "classification")';
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${o.target}": "${targetValues[bad]}" is not a number, but a regression target must be numeric${mend}.`,
        rowNumbers[bad],
        o.target,
      );
    }
    checkRange(t);
    y = Float32Array.from(targetValues, Number);
    // One value in every row: every model predicts it exactly, and R² (against its zero spread) means nothing.
    if (y.every((v) => v === y[0])) {
      throw new DataError(`The target column "${o.target}" holds one value (${targetValues[0]}) in ${rows.length === 1 ? 'its one row' : `all ${rows.length} rows`}; a regression needs a target that varies. Name another target column.`, undefined, o.target);
    }
  }
  const dataset: Dataset = {
    name: o.name ?? 'csv',
    task,
    nRows: rows.length,
    nFeatures,
    x,
    y,
    featureNames,
    targetName: o.target,
    classNames,
    ...(dropped > 0 ? { droppedRows: dropped } : {}),
    ...idLike(header, rows, kinds, t, o.maxCategories, isMissing),
  };
  Object.assign(dataset, answers(dataset, header, rows, kinds, t, isMissing));
  return { dataset, header, rows };
}

/**
 * An import and the CSV text of what it read: the columns used and the rows kept, comma-separated
 * with decimal points (RFC 4180 quoting), so a data set imported with columns left out or rows
 * dropped is stored as exactly what trains on it (one import, not an import and a second reading).
 * Refuses what `importCsv` refuses.
 */
export function importCsvWithCopy(input: string | Uint8Array | CsvRead, options: CsvOptions): { dataset: Dataset; csv: string } {
  const { dataset, header, rows } = importSelection(input, options);
  return { dataset, csv: stringify([header, ...rows]) };
}

/** The CSV text of what an import with these options reads (`importCsvWithCopy`'s text). */
export function selectedCsv(input: string | Uint8Array | CsvRead, options: CsvOptions): string {
  return importCsvWithCopy(input, options).csv;
}

/** A CSV file's bytes, its size checked before reading; what refuses it names the file, and what it then refuses starts with its path. */
function fromCsvFile<T>(path: string, maxBytes: number | undefined, use: (bytes: Buffer) => T): T {
  const limit = maxBytes ?? CSV_LIMITS.maxBytes;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new DataError(`Cannot read the CSV file "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (size > limit) throw new DataError(`The file "${path}" is too large (${mb(size)}; the limit is ${mb(limit)}).`);
  try {
    return use(readFileSync(path));
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`${path}: ${e.message}`, e.row, e.column);
    throw e;
  }
}

/** Import a CSV file from disk (its size checked before reading); the data set is named after the file and errors start with its path. */
export function importCsvFile(path: string, options: CsvOptions): Dataset {
  return fromCsvFile(path, options.maxBytes, (bytes) => importCsv(bytes, { name: csvFileName(path), ...options }));
}

/** The name a data set read from a CSV file takes: the file's, without its folder and ".csv". */
export function csvFileName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
}

/**
 * `importCsvFile`, and the table it read on the way (`readCsv`'s, with the same options), for a
 * page that shows the file's rows and columns without reading the file a second time.
 */
export function importCsvFileRead(path: string, options: CsvOptions): { dataset: Dataset; read: CsvRead } {
  const { maxBytes, maxCells, delimiter, numbers, notMissing } = options;
  return fromCsvFile(path, maxBytes, (bytes) => {
    const read = readCsv(bytes, { maxBytes, maxCells, delimiter, numbers, notMissing });
    return { read, dataset: importCsv(read, { name: csvFileName(path), ...options }) };
  });
}

/** Read a CSV file from disk as a table (`readCsv`), its size checked first; errors start with its path. */
export function readCsvFile(path: string, options: CsvReadOptions = {}): CsvRead {
  return fromCsvFile(path, options.maxBytes, (bytes) => readCsv(bytes, options));
}
