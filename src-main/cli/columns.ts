import type { ColumnSummary } from '../../src-core/api/contract';
import { answersText, caseVariantsText, columnViews, decimalCommaText, headerLikeDataText, leaveOutParts, loneClassesText, mojibakeText, numberClassesText, orderedScalesText, quotedNames, shareText, unitNumbersText, type ValueCount } from '../../src-core/columns';
import type { CsvPreview } from '../../src-core/data';
import { figure } from '../../src-core/format';

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * A histogram as a line of block characters, one per pair of bins (20 bins: 10 characters), each
 * as tall as its count against the tallest; an empty pair is a space. "▁▃█▆▂  ▁".
 */
export function sparkline(histogram: readonly number[]): string {
  const pairs: number[] = [];
  for (let i = 0; i < histogram.length; i += 2) pairs.push(histogram[i] + (histogram[i + 1] ?? 0));
  const top = Math.max(1, ...pairs);
  return pairs.map((n) => (n === 0 ? ' ' : BLOCKS[Math.max(0, Math.ceil((n / top) * BLOCKS.length) - 1)])).join('');
}

/** Text on one line of a table: a line break or tab in a column's name or value (a quoted CSV cell may hold them) written as \n, \t, so the table's rows stay rows. */
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));

/**
 * A data set's columns as `knobs datasets NAME` prints them, as its page in the app shows them:
 * the target first (◎), each with what it holds, its distinct values, missing cells, a number
 * column's min, max, mean ± sd and histogram (over log10 for a long tail above 0), a text column's commonest values with their shares.
 */
export function columnsLines(columns: readonly ColumnSummary[], target: string | null, rows: number, classes: readonly ValueCount[] | null = null): string[] {
  const share = (n: number): string => shareText(n, rows);
  const table = columnViews(columns, target, rows, classes).map(({ column: c, target: isTarget, kind, holds, top: all, values }) => {
    const numeric = kind === 'numbers';
    const top = all.slice(0, 5);
    return [
      `${oneLine(c.name)}${isTarget ? ' ◎' : ''}`,
      holds,
      c.distinct >= 1000 ? '≥1000' : String(c.distinct),
      c.missing === 0 ? '-' : `${c.missing} (${share(c.missing)})`,
      numeric && c.min !== null ? figure(c.min) : '',
      numeric && c.max !== null ? figure(c.max) : '',
      numeric && c.mean !== null ? `${figure(c.mean)} ± ${figure(c.sd!)}` : '',
      // A long tail above 0 is drawn over log10, as its page draws it: over the values it is one bar and a few dots.
      numeric ? (c.logHistogram ? `${sparkline(c.logHistogram)} (log10)` : sparkline(c.histogram)) : `${top.map((v) => `${oneLine(String(v.value))} ${share(v.count)}`).join(' · ')}${values > top.length ? ' …' : ''}`,
    ];
  });
  const head = ['column', 'holds', 'distinct', 'missing', 'min', 'max', 'mean ± sd', 'values'];
  const right = [false, false, true, true, true, true, true, false];
  const widths = head.map((h, i) => Math.max([...h].length, ...table.map((r) => [...r[i]].length)));
  const line = (r: string[]): string => r.map((v, i) => {
    if (i === r.length - 1) return v;
    const pad = ' '.repeat(widths[i] - [...v].length);
    return right[i] ? pad + v : v + pad;
  }).join('  ').trimEnd();
  return [line(head), ...table.map(line)];
}

/**
 * What `knobs datasets FILE.csv` says under a file's columns, as the import dialog proposes it: how
 * numbers written with a decimal comma or a sign were read, the columns to leave out of the features and why, the rows a spec would refuse for a missing value,
 * and the spec's "dataset" that reads the file so (`file` as the person wrote it), or where the import would refuse it (`refusal`), why.
 */
export function csvAdviceLines(p: Pick<CsvPreview, 'header' | 'leaveOut' | 'notNumbers' | 'headerLikeData' | 'caseVariants' | 'mojibake' | 'orderedScales' | 'answers' | 'task' | 'missing' | 'totalRows' | 'exclude' | 'missingRows' | 'target' | 'decimalComma' | 'unitNumbers' | 'columns'>, file: string, refusal: string | null = null): string[] {
  // A header that reads like data first (the file may have none); then how numbers written otherwise were read, as the import
  // dialog says it, texts that differ only in case, and columns that tell the target exactly.
  const lines = [
    p.headerLikeData ? headerLikeDataText(p.header) : null, mojibakeText(p.mojibake), decimalCommaText(p.decimalComma), unitNumbersText(p.unitNumbers), caseVariantsText(p.caseVariants, p.target), orderedScalesText(p.orderedScales, p.target), answersText(p.answers, p.task),
  ].filter((l): l is string => l !== null);
  if (p.exclude.length > 0) lines.push(`Proposed to leave out of the features: ${leaveOutParts(p, p.exclude).join('; ')}.`);
  const missing = p.header.filter((h, i) => p.missing[i] > 0 && h !== p.target && !p.exclude.includes(h));
  if (p.missingRows > 0) {
    lines.push(`${p.missingRows} of ${p.totalRows} ${p.totalRows === 1 ? 'row misses' : 'rows miss'} a value${missing.length > 0 ? ` in ${quotedNames(missing)}` : ''}${p.missing[p.header.indexOf(p.target)] > 0 ? `${missing.length > 0 ? ' or' : ' in'} the target` : ''}: a spec refuses them unless it says "missing": "drop" (Knobs does not fill values in).`);
  }
  // Numbers read as classes (the spec's key that reads them as a quantity), else classes of a row each, said just above the spec's "dataset" as the dialog says them under its task.
  const column = p.columns.find((c) => c.name === p.target);
  const how = '"task": "regression" in the spec\'s "dataset"';
  const classes = numberClassesText(column, p.task, how) ?? loneClassesText(column, p.totalRows, p.task, how);
  if (classes) lines.push(classes);
  // A target the import would refuse (too many classes, one class): why, and the option that names another, in place of a spec that would fail.
  if (refusal !== null) {
    lines.push(`An import with the target "${p.target}" would be refused: ${refusal} Name another with --target.`);
    return lines;
  }
  const dataset = { csv: file, target: p.target, ...(p.exclude.length > 0 ? { exclude: p.exclude } : {}), ...(p.missingRows > 0 ? { missing: 'drop' } : {}) };
  const json = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  lines.push(`In a spec: "dataset": { ${Object.entries(dataset).map(([k, v]) => `"${k}": ${json(v)}`).join(', ')} }`);
  return lines;
}
