import type { ColumnSummary } from '../../src-core/api/contract';
import { columnViews, shareText, type ValueCount } from '../../src-core/columns';
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

/**
 * A data set's columns as `knobs datasets NAME` prints them, as its page in the app shows them:
 * the target first (◎), each with what it holds, its distinct values, missing cells, a number
 * column's min, max, mean ± sd and histogram, a text column's commonest values with their shares.
 */
export function columnsLines(columns: readonly ColumnSummary[], target: string | null, rows: number, classes: readonly ValueCount[] | null = null): string[] {
  const share = (n: number): string => shareText(n, rows);
  const table = columnViews(columns, target, rows, classes).map(({ column: c, target: isTarget, kind, holds, top: all, values }) => {
    const numeric = kind === 'numbers';
    const top = all.slice(0, 5);
    return [
      `${c.name}${isTarget ? ' ◎' : ''}`,
      holds,
      c.distinct >= 1000 ? '≥1000' : String(c.distinct),
      c.missing === 0 ? '-' : `${c.missing} (${share(c.missing)})`,
      numeric && c.min !== null ? figure(c.min) : '',
      numeric && c.max !== null ? figure(c.max) : '',
      numeric && c.mean !== null ? `${figure(c.mean)} ± ${figure(c.sd!)}` : '',
      numeric ? sparkline(c.histogram) : `${top.map((v) => `${v.value} ${share(v.count)}`).join(' · ')}${values > top.length ? ' …' : ''}`,
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
