import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ColumnSummary, SearchSummary, SeedSpread } from '../../../src-core/api/contract';
import type { SeriesTable } from '../charts/table';
import { columnViews } from '../../../src-core/columns';

/** A cell as the engine's exports write it: numbers with every digit, nothing for a missing or non-finite value, objects as JSON. */
const cell = (v: unknown): string | number => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

/** A table (header first) as CSV text (RFC 4180 through csv-stringify, as the engine's exports). */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((r) => r.map(cell)));
}

/**
 * A chart's data tables as one CSV: a single table as it is; several (a series each) in long form,
 * a `series` column first and the columns of all of them after it, a table's missing ones empty.
 */
export function tablesCsv(tables: readonly SeriesTable[]): string {
  if (tables.length === 1) return csvText([tables[0].columns, ...tables[0].rows]);
  const columns = [...new Set(tables.flatMap((t) => t.columns))];
  const rows = tables.flatMap((t) => {
    const at = columns.map((c) => t.columns.indexOf(c));
    return t.rows.map((r) => [t.caption, ...at.map((i) => (i < 0 ? null : r[i]))]);
  });
  return csvText([['series', ...columns], ...rows]);
}

/** What a file shows as a name: "Parameter importance" → "parameter-importance" (letters and digits, dashes between), at most 80 characters. */
const fileSlug = (parts: string[]): string => parts.join(' ').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);

/** A file name for what a table shows: "Parameter importance" → "parameter-importance.csv", with a prefix such as the search's name. */
export function csvFilename(...parts: string[]): string {
  return `${fileSlug(parts) || 'table'}.csv`;
}

/** A file name for a chart's picture: "Best so far" → "best-so-far.png". */
export function pngFilename(...parts: string[]): string {
  return `${fileSlug(parts) || 'chart'}.png`;
}

/**
 * A data set's columns as its page describes them (DatasetColumns.vue), a row each, the target
 * first: numbers by min, max, mean and population sd; text (and a classification target, by its
 * classes) by its commonest values with their row counts, "value: count" joined by "; ".
 */
export function datasetColumnsCsv(columns: readonly ColumnSummary[], target: string | null, classes: readonly string[] = [], classCounts: readonly number[] = []): string {
  const views = columnViews(columns, target, 0, classCounts.length > 0 ? classCounts.map((count, i) => ({ value: classes[i] ?? String(i), count })) : null);
  const rows = views.map(({ column: c, target: isTarget, kind, top }) => {
    const numeric = kind === 'numbers';
    return [
      c.name, isTarget ? 'target' : 'feature', kind, c.distinct, c.missing,
      numeric ? c.min : null, numeric ? c.max : null, numeric ? c.mean : null, numeric ? c.sd : null,
      top.map((v) => `${v.value}: ${v.count}`).join('; '),
    ];
  });
  return csvText([['column', 'role', 'holds', 'distinct', 'missing', 'min', 'max', 'mean', 'sd', 'commonest'], ...rows]);
}

/**
 * A seed spread as its table shows it, a row per configuration in the table's order: the original trial,
 * its knobs (`param_<knob>`, as the trials CSV names them), the mean, sample sd and 95% interval
 * over its seeds, how many seeds finished and failed, and the original run's own objective.
 */
export function seedSpreadCsv(s: SeedSpread): string {
  const knobs = [...new Set(s.configs.flatMap((c) => Object.keys(c.knobs)))];
  const rows = s.configs.map((c) => [
    c.rank, c.trial, ...knobs.map((k) => c.knobs[k]), c.mean, c.sd, c.ci?.[0] ?? null, c.ci?.[1] ?? null, c.n, s.seeds, c.failed, c.originalObjective,
  ]);
  return csvText([['rank', 'trial', ...knobs.map((k) => `param_${k}`), 'mean', 'sd', 'ci95_low', 'ci95_high', 'seeds_finished', 'seeds', 'failed', 'original_objective'], ...rows]);
}

/** A project's searches as its table lists them, a row each: what ran, how far it got and its best (every digit), with when it ran and its tags. */
export function searchesCsv(searches: readonly SearchSummary[]): string {
  const rows = searches.map((s) => [
    s.id, s.name, s.status, s.stopReason, s.strategy, s.dataset, s.metric, s.direction, s.finished, s.plannedTrials, s.best,
    s.createdAt, s.startedAt, s.finishedAt, s.parentId, s.tags.join(' '),
  ]);
  return csvText([['search', 'name', 'status', 'stop_reason', 'strategy', 'dataset', 'metric', 'direction', 'trials_ended', 'trials_planned', 'best', 'created_at', 'started_at', 'finished_at', 'rerun_of', 'tags'], ...rows]);
}
