import { z } from 'zod';
import {
  BUILTIN_DATASETS, CSV_MISSING, CSV_NUMBERS, DEFAULT_CSV_NUMBERS, defaultDirection, OBJECTIVE_METRICS, PREPROCESS, SYNTHETIC_DATASETS, TARGET_PREPROCESS, TASKS, TEXT_LIMITS,
} from '../vocabulary';
import { prunerSchema } from '../prune/schema';
import { closestKey, describeValue, SpecError, formatZodIssues, PARSE_OPTIONS } from './errors';
import { strategySchema } from '../search/registry';
import { notMissingSchema } from '../api/schemas';
import { shareCounts, syntheticClasses } from '../data/synthetic';
import { resolveTrainConfig, trainSchema, TRAIN_KEYS } from './train';

export { BUILTIN_DATASETS, OBJECTIVE_METRICS, PREPROCESS, SYNTHETIC_DATASETS, TARGET_PREPROCESS } from '../vocabulary';
export type { ObjectiveMetric, Preprocess, TargetPreprocess } from '../vocabulary';

/** Diagnostics are recorded every this many epochs unless the spec says otherwise. */
export const DIAGNOSTICS_EVERY = 10;

/** Where a person finds the column names a CSV data set's `target` may take. */
const TARGET_HINT = ' (the import dialog and "knobs datasets FILE.csv" list the columns and propose one)';

export const datasetSchema = z.union([
  z.object({ builtin: z.enum(BUILTIN_DATASETS) }).strict(),
  z
    .object({
      csv: z.string().min(1),
      target: z.string({ error: (iss) => `${iss.input === undefined ? 'missing: ' : ''}expected the name of the column to predict${iss.input === undefined ? '' : `, got ${describeValue(iss.input)}`}${TARGET_HINT}` }).min(1, {
        error: `expected the name of the column to predict, not an empty name${TARGET_HINT}`,
      }),
      task: z.enum(TASKS).optional(),
      /** Columns left out of the features. */
      exclude: z.array(z.string().min(1)).max(100_000).optional(),
      /** A row with a missing cell in a used column: refused (the default) or dropped. */
      missing: z.enum(CSV_MISSING).optional(),
      /**
       * Which cells read as numbers: "any-format" also reads "$1,234.50", "45%", "1,200", in a
       * file separated by semicolons or tabs "1.234,50" and "1 234,50", and "(1,234.50)" and
       * "1,234.50-" as negatives; "any-locale" all but the last; "with-units" the first three only; "plain" only
       * plain numbers. A new spec without the key gets "any-format" (and is stored with it written
       * out); a stored spec without it was made before such cells were read as numbers and is read
       * as "plain" (`storedSpecInput`).
       */
      numbers: z.enum(CSV_NUMBERS, {
        error: (iss) => `expected "any-format" (read "$1,234.50", "45%", "1,200", "1.234,50" and "(1,234.50)" as numbers), "any-locale" (all but the last, as Knobs read them before), "with-units" (the first three only) or "plain" (only plain numbers; other cells are text), got ${describeValue(iss.input)}`,
      }).optional(),
      /** Spellings read as missing by default (any case) that this file means as values: a class "none", "NA" for North America. */
      notMissing: notMissingSchema.optional(),
    })
    .strict(),
  /** An IDX images file and its labels file (MNIST format, gzip or not). */
  z.object({ idx: z.string().min(1), labels: z.string().min(1) }).strict(),
  z
    .object({
      synthetic: z.enum(SYNTHETIC_DATASETS),
      n: z.number().int().min(4).max(1_000_000).default(1000),
      noise: z.number().finite().min(0).max(10).default(0.2),
      classes: z.number().int().min(2).max(50).optional(),
      /** Each class's share of the rows, summing to 1 (see SyntheticOptions.classShares). */
      classShares: z.array(z.number().finite().gt(0, { error: (iss) => `expected a share > 0 (every class needs rows), got ${describeValue(iss.input)}` })).min(2).max(50).optional(),
    })
    .strict()
    .superRefine((d, ctx) => {
      // A share ≤ 0 is already refused where it stands.
      if (d.classShares === undefined || d.classShares.some((x) => !(x > 0))) return;
      const k = syntheticClasses(d.synthetic, d.classes);
      const counts = k === 0
        ? 'classShares applies to a generator with classes; sine is a regression (valid for moons, circles, spirals, xor, blobs)'
        : shareCounts(d.classShares, k, d.n);
      if (typeof counts !== 'string') return;
      const hint = k === 0 || d.classShares.length === k ? '' : ` ("${d.synthetic}" makes ${k} classes${d.synthetic === 'blobs' || d.synthetic === 'spirals' ? ' here; "classes" sets how many' : ''})`;
      ctx.addIssue({ code: 'custom', path: ['classShares'], message: counts + hint });
    }),
], {
  error: (iss) => {
    const forms = `{ "builtin": ${BUILTIN_DATASETS.map((d) => `"${d}"`).join(' | ')} }, { "csv": FILE, "target": COLUMN }, { "idx": IMAGES_FILE, "labels": LABELS_FILE } or { "synthetic": ${SYNTHETIC_DATASETS.map((d) => `"${d}"`).join(' | ')} }`;
    // A data set named as a plain string: show the object it would be.
    const name = typeof iss.input === 'string' ? iss.input : '';
    if ((BUILTIN_DATASETS as readonly string[]).includes(name)) return `expected one of ${forms} (for the built-in data set: { "builtin": "${name}" })`;
    if ((SYNTHETIC_DATASETS as readonly string[]).includes(name)) return `expected one of ${forms} (for the synthetic data set: { "synthetic": "${name}" })`;
    return `expected one of ${forms}`;
  },
});
export type DatasetSpec = z.output<typeof datasetSchema>;

export const splitSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('holdout'),
      val: z.number().gt(0).lt(1).default(0.2),
      test: z.number().min(0).lt(1).default(0.2),
      stratify: z.boolean().default(true),
    })
    .strict()
    .refine((s) => s.val + s.test < 1, { message: 'val + test must be below 1 so some rows are left for training' }),
  z
    .object({
      kind: z.literal('kfold'),
      k: z.number().int().min(2).max(1000).default(10),
      test: z.number().min(0).lt(1).default(0.2),
      stratify: z.boolean().default(true),
    })
    .strict(),
  z.object({ kind: z.literal('loo'), test: z.number().min(0).lt(1).default(0.2) }).strict(),
]);
export type SplitSpec = z.output<typeof splitSchema>;

export const objectiveSchema = z
  .object({
    metric: z.enum(OBJECTIVE_METRICS).default('val_loss'),
    direction: z.enum(['minimize', 'maximize']).optional(),
  })
  .strict()
  .transform((o) => ({
    metric: o.metric,
    direction: o.direction ?? defaultDirection(o.metric),
  }));
export type Objective = z.output<typeof objectiveSchema>;

const isTrainKey = (k: string): boolean => (TRAIN_KEYS as string[]).includes(k);

/** Why a knob's name is not a train key, quoting it (a stray space shows) and naming the key it was probably meant to be. */
function notATrainKey(key: unknown): string {
  const k = typeof key === 'string' ? key : String(key);
  const head = `knob ${JSON.stringify(k)} is not a train key`;
  if (k.trim() !== k && isTrainKey(k.trim())) return `${head}; did you mean ${JSON.stringify(k.trim())} (without the spaces)?`;
  const near = closestKey(k.trim(), TRAIN_KEYS);
  if (near) return `${head}; did you mean ${JSON.stringify(near)}?`;
  return `${head}; the train keys are ${TRAIN_KEYS.join(', ')}`;
}

const knobName = z.string().refine(isTrainKey, { error: (issue) => notATrainKey(issue.input) });

const floatParam = z
  .object({
    type: z.literal('float'),
    low: z.number().finite(),
    high: z.number().finite(),
    log: z.boolean().default(false),
    step: z.number().finite().positive().optional(),
    values: z.array(z.number().finite()).min(1).optional(),
  })
  .strict();
const intParam = z
  .object({
    type: z.literal('int'),
    low: z.number().int(),
    high: z.number().int(),
    log: z.boolean().default(false),
    step: z.number().int().positive().optional(),
    values: z.array(z.number().int()).min(1).optional(),
  })
  .strict();
const categoricalParam = z
  .object({
    type: z.literal('categorical'),
    values: z
      .array(z.union([z.string(), z.number(), z.boolean(), z.array(z.number()), z.null(), z.record(z.string(), z.unknown())], { error: () => 'expected a string, number, boolean, list of numbers, null, or an object of train keys' }))
      .min(1, 'needs at least one value'),
  })
  .strict();
const fixedParam = z.object({ type: z.literal('fixed'), value: z.unknown() }).strict();

export const paramSchema = z
  .discriminatedUnion('type', [floatParam, intParam, categoricalParam, fixedParam])
  .superRefine((p, ctx) => {
    if (p.type === 'float' || p.type === 'int') {
      // Each issue at the key it is about, so a form outlines that field.
      if (!(p.low < p.high)) ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${p.low}) must be below high (${p.high})` });
      if (p.log && p.low <= 0) ctx.addIssue({ code: 'custom', path: ['low'], message: `a log-scaled knob needs low > 0 (got ${p.low})` });
      if (p.log && p.step !== undefined) ctx.addIssue({ code: 'custom', path: ['step'], message: 'step cannot be combined with log: true' });
      // A step wider than the range leaves one grid point: every trial would take low.
      if (p.step !== undefined && p.low < p.high && p.step > p.high - p.low) {
        ctx.addIssue({ code: 'custom', path: ['step'], message: `a step of ${p.step} is wider than the range ${p.low} to ${p.high}, so every trial would take ${p.low}; use a step of at most ${Number((p.high - p.low).toPrecision(12))}` });
      }
    }
  });
export type ParamSpec = z.output<typeof paramSchema>;

export { strategySchema, type StrategySpec } from '../search/registry';

export const budgetSchema = z
  .object({
    trials: z.number().int().min(1).max(1_000_000).optional(),
    seconds: z.number().positive().optional(),
    noImprovement: z.number().int().min(1).optional(),
  })
  .strict();

/** The whole spec object (the README's "The spec"). `space` may be empty for `knobs train`. */
export const specSchema = z
  .object({
    project: z.string().min(1).max(TEXT_LIMITS.name).default('default'),
    name: z.string().min(1).max(TEXT_LIMITS.name).optional(),
    dataset: datasetSchema,
    split: splitSchema.default({ kind: 'holdout', val: 0.2, test: 0.2, stratify: true }),
    preprocess: z.enum(PREPROCESS).default('zscore'),
    /**
     * Scaling of a regression target (ignored for classes): `zscore` trains on (y − mean) / std of the
     * training rows, `log` the same on ln(1 + y) (every value ≥ 0), `none` on y as it is. A new spec without the key gets `zscore`; a stored spec
     * without it was made before the key existed and is read as `none` (`parseStoredSpec`), so it
     * trains and replays as it did.
     */
    targetPreprocess: z.enum(TARGET_PREPROCESS, {
      error: (iss) => `expected "zscore" (train on the regression target standardised on the training rows; metrics stay in its units), "log" (the same on ln(1 + target), for values ≥ 0 spread over decades: prices, counts) or "none" (train on the target as it is), got ${describeValue(iss.input)}`,
    }).default('zscore'),
    train: trainSchema.default({}),
    space: z.record(knobName, paramSchema).default({}),
    strategy: strategySchema.default({ kind: 'random' }),
    /** Stop hopeless trials early against the others at the same epoch (docs/pruning.md). */
    pruner: prunerSchema.default({ kind: 'none' }),
    objective: objectiveSchema.default({ metric: 'val_loss', direction: 'minimize' }),
    budget: budgetSchema.default({}),
    workers: z.number().int().min(1).max(256).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
    /** Each trial's model seed (initial weights, batch order, dropout): derived per trial from `seed` and the trial number, or `seed` itself for every trial (as `knobs train` uses it), to compare configurations on equal terms. */
    modelSeed: z.enum(['per-trial', 'shared']).default('per-trial'),
    /** Diagnostics snapshots at initialization and every `every` epochs (0: none). */
    diagnostics: z.object({ every: z.number().int().min(0).max(100000).default(DIAGNOSTICS_EVERY) }).strict().default({ every: DIAGNOSTICS_EVERY }),
  })
  .strict();

export type SpecInput = z.input<typeof specSchema>;
export type Spec = z.output<typeof specSchema>;

/** Validate an unknown object as a spec, throwing a SpecError naming each bad key. */
export function parseSpec(input: unknown): Spec {
  const r = specSchema.safeParse(input, PARSE_OPTIONS);
  if (!r.success) throw new SpecError(formatZodIssues(r.error));
  resolveTrainConfig(r.data.train);
  return r.data;
}

/** What a stored spec without `targetPreprocess` means: it was stored before the key existed, when targets were never scaled. */
export const STORED_TARGET_PREPROCESS = 'none';

/** What a stored CSV data set without `numbers` means: it was stored before numbers with units were read, when such cells were text. */
export const STORED_CSV_NUMBERS = 'plain';

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * A stored spec's object with the meaning it was stored under made explicit: a spec stored before
 * `targetPreprocess` existed gets `"none"`, a CSV data set stored before `numbers` existed gets
 * `"plain"` (anything not a plain object is returned as it is, for `parseSpec` to refuse). Read
 * every stored spec through this (or `parseStoredSpec`); a new spec goes to `parseSpec` as written,
 * gets the new defaults, and is stored with them written out (`storedSpecOf`).
 */
export function storedSpecInput(input: unknown): unknown {
  if (!isObject(input)) return input;
  let out = input;
  if (!('targetPreprocess' in out)) out = { ...out, targetPreprocess: STORED_TARGET_PREPROCESS };
  if (isObject(out.dataset) && 'csv' in out.dataset && !('numbers' in out.dataset)) out = { ...out, dataset: { ...out.dataset, numbers: STORED_CSV_NUMBERS } };
  return out;
}

/** A new spec's object as the store keeps it: the defaults whose absence means something else in a stored spec (`storedSpecInput`) written out as it was parsed. */
export function storedSpecOf(input: unknown, spec: Spec): unknown {
  if (!isObject(input)) return input;
  let out = input;
  if (!('targetPreprocess' in out)) out = { ...out, targetPreprocess: spec.targetPreprocess };
  if (isObject(out.dataset) && 'csv' in spec.dataset && !('numbers' in out.dataset)) out = { ...out, dataset: { ...out.dataset, numbers: spec.dataset.numbers ?? DEFAULT_CSV_NUMBERS } };
  return out;
}

/** Validate a spec read back from the store (a search's `spec` column, JSON text or its object): `parseSpec` with the stored meaning of absent keys. */
export function parseStoredSpec(stored: string | object): Spec {
  return parseSpec(storedSpecInput(typeof stored === 'string' ? JSON.parse(stored) : stored));
}

export { isBundle, trainConfigOf } from './train';
