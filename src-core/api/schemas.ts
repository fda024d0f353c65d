import { z } from 'zod';
import { CSV_MISSING, MISSING_CELLS, OBJECTIVE_METRICS, TASKS, TEXT_LIMITS } from '../vocabulary';
import { controlCharacterIn, nameProblem } from './names';
import type { Channel } from './contract';

const id = z.number().int().positive();
const number = z.number().int().min(0);
/** A lone UTF-16 surrogate: not text SQLite can store and give back (it would become U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
const WELL_FORMED = 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate, e.g. \\ud800)';
/** A name: trimmed, 1 to 200 characters, one line of printable text (no control characters: names.ts). */
const name = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.name, `must be at most ${TEXT_LIMITS.name} characters`).refine(wellFormed, WELL_FORMED)
  .superRefine((s, ctx) => {
    if (controlCharacterIn(s)) ctx.addIssue({ code: 'custom', message: nameProblem(s)! });
  });
const notes = z.string().max(TEXT_LIMITS.notes, `must be at most ${TEXT_LIMITS.notes.toLocaleString('en-US')} characters`).refine(wellFormed, WELL_FORMED);
const tags = z
  .array(z.string().trim().min(1, 'a tag must not be empty').max(TEXT_LIMITS.tag, `a tag must be at most ${TEXT_LIMITS.tag} characters`).refine(wellFormed, WELL_FORMED))
  .max(TEXT_LIMITS.tags, `at most ${TEXT_LIMITS.tags} tags`);
const none = z.union([z.undefined(), z.null(), z.object({}).strict()], { error: () => 'this request takes no input (nothing, null or {})' }).transform(() => undefined);
const task = z.enum(TASKS);
/** CSV text sent for preview or import (50 MB of text at most over the contract). */
const csvText = z.string().min(1, 'the file is empty').max(50 * 1024 * 1024, 'the file is larger than 50 MB; use the CLI for bigger files');

/** Column names of a CSV (the columns an import leaves out). */
const columns = z.array(z.string().max(10_000)).max(100_000);

/** IDX bytes sent as base64 (100 MB of file at most over the contract). */
const base64 = (what: string) =>
  z.string().min(1, `the ${what} file is empty`).max(140 * 1024 * 1024, `the ${what} file is larger than 100 MB; use the CLI with a spec for bigger files`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, `the ${what} file must be sent as base64`);
const finite = z.number().finite();

/** The spellings `notMissing` may list: every one Knobs reads as missing but the empty cell. */
const NOT_MISSING_SPELLINGS: readonly string[] = MISSING_CELLS.filter((m) => m !== '');

/** A CSV's `notMissing` (the spec key and the import's option): spellings Knobs reads as missing (any case, not the empty cell) that the file means as values. */
export const notMissingSchema = z.array(z.string().refine((v) => NOT_MISSING_SPELLINGS.includes(v.trim().toLowerCase()), {
  error: (iss) => `expected a spelling Knobs reads as missing (NA, N/A, #N/A, <NA>, NaN, -NaN, null, None or ?, any case), got ${JSON.stringify(iss.input)}; an empty cell is always missing, and other cells are values already`,
}), { error: 'expected a list of spellings, such as ["none"]' }).max(MISSING_CELLS.length);

/** The input schema of every channel (validated at every host boundary); the keys must cover the contract. */
export const INPUTS: Record<Channel, z.ZodType> = {
  'app.info': none,
  'app.backups': none,
  'app.backupNow': none,
  'app.vocabulary': none,
  'datasets.list': none,
  'datasets.preview': z.object({ name: z.string().min(1) }).strict(),
  'datasets.previewCsv': z.object({ text: csvText, target: z.string().optional(), exclude: columns.optional(), notMissing: notMissingSchema.optional() }).strict(),
  'datasets.importCsv': z.object({
    name, text: csvText, target: z.string().min(1, 'choose the target column'), task: task.optional(), exclude: columns.optional(), missing: z.enum(CSV_MISSING).optional(),
    notMissing: notMissingSchema.optional(),
  }).strict(),
  'datasets.importIdx': z.object({ name, images: base64('images'), labels: base64('labels') }).strict(),
  'datasets.images': z.object({ name: z.string().min(1), count: z.number().int().min(1).max(400) }).strict(),
  'datasets.delete': z.object({ id }).strict(),
  'projects.list': none,
  'projects.create': z.object({ name }).strict(),
  'projects.rename': z.object({ id, name }).strict(),
  'projects.setNotes': z.object({ id, notes }).strict(),
  'projects.setTags': z.object({ id, tags }).strict(),
  'projects.delete': z.object({ id }).strict(),
  'projects.exportBundle': z.object({ id }).strict(),
  'projects.importBundle': z.object({ filename: z.string().min(1).max(300).refine(wellFormed, WELL_FORMED), data: z.string().min(1, 'the bundle file is empty').max(140 * 1024 * 1024, 'the bundle is larger than 100 MB; import it with "knobs bundle import FILE"')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the bundle must be sent as base64') }).strict(),
  'searches.list': z.object({ projectId: id.optional() }).strict(),
  'searches.get': z.object({ id }).strict(),
  'searches.validate': z.object({ spec: z.unknown() }).strict(),
  'searches.create': z.object({ spec: z.unknown(), start: z.boolean().optional() }).strict(),
  'searches.start': z.object({ id }).strict(),
  'searches.stop': z.object({ id }).strict(),
  'searches.pause': z.object({ id }).strict(),
  'searches.rename': z.object({ id, name }).strict(),
  'searches.setNotes': z.object({ id, notes }).strict(),
  'searches.setTags': z.object({ id, tags }).strict(),
  'searches.rerun': z.object({
    id,
    top: z.number().int().min(1, 'at least 1 configuration').max(50, 'at most 50 configurations'),
    seeds: z.number().int().min(2, 'at least 2 seeds (one seed shows no spread)').max(100, 'at most 100 seeds'),
    splitSeeds: z.boolean().optional(),
    start: z.boolean().optional(),
  }).strict(),
  'searches.seedSpread': z.object({ id }).strict(),
  'searches.delete': z.object({ id }).strict(),
  'searches.importance': z.object({ id, step: z.number().int().min(1).optional() }).strict(),
  'searches.densities': z.object({ id }).strict(),
  'searches.surface': z.object({ id, x: z.string().min(1), y: z.string().min(1) }).strict(),
  'searches.compare': z.object({
    ids: z.array(id).min(2, 'pick at least 2 searches to compare').max(6, 'compare at most 6 searches at once')
      .refine((ids) => new Set(ids).size === ids.length, 'each search once'),
    metric: z.enum(OBJECTIVE_METRICS).optional(),
  }).strict(),
  'trials.changes': z.object({ searchId: id, since: z.string().max(40), after: z.number().int().min(-1).max(1e9).optional() }).strict(),
  'trials.overlay': z.object({ searchId: id, after: z.number().int().min(-1).max(1e9).optional() }).strict(),
  'trials.get': z.object({ searchId: id, number }).strict(),
  'trials.setNotes': z.object({ searchId: id, number, notes }).strict(),
  'trials.setTags': z.object({ searchId: id, number, tags }).strict(),
  'trials.replay': z.object({ searchId: id, number }).strict(),
  'trials.boundary': z.object({ searchId: id, number }).strict(),
  'trials.threshold': z.object({ searchId: id, number, positive: z.number().int().min(0).max(100_000).optional() }).strict(),
  'trials.evaluateTest': z.object({ searchId: id, number, again: z.boolean().optional() }).strict(),
  'trials.diagnostics': z.object({ searchId: id, number, targetError: z.number().min(0).max(1).optional() }).strict(),
  'experiments.list': none,
  'experiments.run': z.object({ id: z.string().min(1).max(100) }).strict(),
  'experiments.outcome': z.object({ id: z.string().min(1).max(100) }).strict(),
  'notes.find': z.object({ text: z.string().max(200, 'must be at most 200 characters').refine(wellFormed, WELL_FORMED), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'playground.surfaces': none,
  'playground.path': z.object({
    surface: z.enum(['sphere', 'elongated', 'rosenbrock', 'beale']),
    knobs: z.record(z.string(), z.unknown()),
    start: z.tuple([finite.min(-1e6).max(1e6), finite.min(-1e6).max(1e6)]),
    steps: z.number().int().min(1).max(5000),
  }).strict(),
  'export.trialsCsv': z.object({ searchId: id, numbers: z.array(number).max(1_000_000).optional() }).strict(),
  'export.curvesCsv': z.object({ searchId: id }).strict(),
  'export.confusionCsv': z.object({ searchId: id, number: number.optional() }).strict(),
};
