import type { Monitor, Task } from '../../../src-core/api/contract';
import { SYNTHETIC_DATASETS, syntheticTask, TASK_METRICS, type SyntheticName } from '../../../src-core/vocabulary';

/** One knob row of the search editor. */
export interface KnobRow {
  key: string;
  type: 'float' | 'int' | 'categorical';
  low: number | null;
  high: number | null;
  log: boolean;
  /** Categorical values as typed: `sgd, adam` or `[64], [64, 64]` or `0.1, 0.2`. */
  values: string;
}

/** The search editor's form: every knob of the spec as a field. Keys the form has no field for are kept in `extra*`. */
export interface SpecForm {
  project: string;
  name: string;
  /** `csv` holds the imported file's path (the images file for IDX, with `labels`). */
  dataset: { kind: 'builtin' | 'csv' | 'idx' | 'synthetic'; name: string; csv: string; labels: string; target: string; task: '' | 'classification' | 'regression'; synthetic: string; n: number; noise: number; classes: number | null; classShares: string };
  split: { kind: 'holdout' | 'kfold' | 'loo'; val: number; test: number; k: number; stratify: boolean };
  preprocess: string;
  /** Scaling of a regression target (`targetPreprocess`); classification ignores it. */
  targetPreprocess: string;
  /** Base training settings; null or '' leaves the engine's default. */
  train: {
    epochs: number | null; batchSize: number | null; hiddenLayers: string; activation: string; init: string; optimizer: string; lr: number | null;
    earlyStopping: 'default' | 'on' | 'off'; monitor: Monitor; patience: number; minDelta: number | null;
    /** Classes: "balanced" weighs each class alike in the loss; '' leaves the default ("none"). */
    classWeights: string;
  };
  knobs: KnobRow[];
  /** The strategy's kind and, per kind, the settings typed so far (a missing or empty one takes the engine's default). */
  strategy: { kind: string; settings: Record<string, Record<string, unknown>> };
  /** The `pruner` key: its kind and, per kind, the settings typed so far (a missing or empty one takes the engine's default). */
  pruner: { kind: string; settings: Record<string, Record<string, unknown>> };
  objective: { metric: string; direction: '' | 'minimize' | 'maximize' };
  budget: { trials: number | null; seconds: number | null };
  workers: number | null;
  seed: number;
  extraTrain: Record<string, unknown>;
  /**
   * A CSV data set's keys the form has no field for (`exclude`, `missing`, `numbers`), with the file
   * they were loaded for: kept while that file stays the data set (they name its columns and say
   * how it was read), dropped when another is chosen.
   */
  extraDataset: { csv: string; keys: Record<string, unknown> };
  extra: Record<string, unknown>;
}

/** The form every new search starts from (New search, a project's or a data set's New search): lr and hidden units move, the budget follows the strategy. */
export function defaultForm(): SpecForm {
  return {
    project: 'default',
    name: 'search',
    dataset: { kind: 'builtin', name: 'digits', csv: '', labels: '', target: '', task: '', synthetic: 'moons', n: 1000, noise: 0.2, classes: null, classShares: '' },
    split: { kind: 'holdout', val: 0.2, test: 0.2, k: 10, stratify: true },
    preprocess: 'zscore',
    targetPreprocess: 'zscore',
    train: { epochs: 30, batchSize: 32, hiddenLayers: '64', activation: 'relu', init: 'he_normal', optimizer: 'adam', lr: 0.001, earlyStopping: 'on', monitor: 'val_loss', patience: 8, minDelta: 0, classWeights: '' },
    knobs: [
      { key: 'lr', type: 'float', low: 1e-4, high: 1, log: true, values: '' },
      { key: 'hiddenUnits', type: 'int', low: 8, high: 256, log: true, values: '' },
    ],
    strategy: { kind: 'random', settings: { 'coarse-to-fine': { rounds: 3, trialsPerRound: 10, keepTop: 3 } } },
    pruner: { kind: 'none', settings: {} },
    objective: { metric: 'val_loss', direction: '' },
    budget: { trials: null, seconds: null },
    workers: null,
    seed: 42,
    extraTrain: {},
    extraDataset: { csv: '', keys: {} },
    extra: {},
  };
}

/** Parse typed categorical values: a JSON list without its brackets, else comma-separated words and numbers. */
export function parseValues(text: string): unknown[] {
  const t = text.trim();
  if (t === '') return [];
  try {
    const v = JSON.parse(`[${t}]`);
    if (Array.isArray(v)) return v;
  } catch {
    // bare words: fall through
  }
  return t.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s === 'true' ? true : s === 'false' ? false : s === 'null' ? null : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : s));
}

/** Format values back into the text parseValues reads. */
export function formatValues(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' && /^[\w.-]+$/.test(v) && !/^[+-]?\d/.test(v) && !['true', 'false', 'null'].includes(v) ? v : JSON.stringify(v))).join(', ');
}

/** Hidden layer widths as typed ("64, 64"): the widths, or what is wrong with the text. */
export function parseWidths(text: string): { widths: number[]; error: string | null } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const bad = parts.filter((p) => !/^\d+$/.test(p) || Number(p) < 1);
  if (bad.length > 0) {
    return { widths: [], error: `${bad.map((b) => `“${b}”`).join(', ')} ${bad.length === 1 ? 'is not a width' : 'are not widths'}: write whole numbers of units, one per layer, e.g. 64, 64` };
  }
  return { widths: parts.map(Number), error: null };
}

const widths = (text: string): number[] => parseWidths(text).widths;

/** Class shares as typed ("0.95, 0.05"): the numbers, or what is wrong with the text (the engine checks their count and sum). */
export function parseShares(text: string): { shares: number[]; error: string | null } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const bad = parts.filter((p) => !Number.isFinite(Number(p)));
  if (bad.length > 0) {
    return { shares: [], error: `${bad.map((b) => `“${b}”`).join(', ')} ${bad.length === 1 ? 'is not a share' : 'are not shares'}: write one number per class, summing to 1, e.g. 0.95, 0.05` };
  }
  return { shares: parts.map(Number), error: null };
}

/** A sensible range for a knob when it is picked in the editor (by train key); other keys get 0–1 (floats) or 1–100 (whole numbers). */
export const KNOB_RANGES: Record<string, { low: number; high: number; log: boolean }> = {
  lr: { low: 1e-4, high: 1, log: true },
  hiddenUnits: { low: 8, high: 256, log: true },
  depth: { low: 1, high: 4, log: false },
  batchSize: { low: 8, high: 256, log: true },
  epochs: { low: 10, high: 200, log: true },
  momentum: { low: 0.5, high: 0.99, log: false },
  beta1: { low: 0.8, high: 0.99, log: false },
  beta2: { low: 0.9, high: 0.9999, log: false },
  rho: { low: 0.8, high: 0.99, log: false },
  dropout: { low: 0, high: 0.5, log: false },
  l1: { low: 1e-6, high: 1e-2, log: true },
  l2: { low: 1e-6, high: 1e-2, log: true },
  weightDecay: { low: 1e-6, high: 1e-2, log: true },
  initScale: { low: 1e-3, high: 1, log: true },
  inputNoise: { low: 0, high: 0.5, log: false },
  clipNorm: { low: 0.1, high: 10, log: true },
  clipValue: { low: 0.1, high: 10, log: true },
  lrDecay: { low: 0.01, high: 0.5, log: true },
};

/** A knob row for a train key: its choices for word keys, true/false for switches, else a number range (KNOB_RANGES, or 0–1 / 1–100). */
export function knobRowFor(key: string, v: { choices: Record<string, string[]>; booleanKeys: string[]; intKeys: string[] } | null): KnobRow {
  const choices = v?.choices[key];
  if (choices) return { key, type: 'categorical', low: null, high: null, log: false, values: choices.slice(0, 3).join(', ') };
  if (v?.booleanKeys.includes(key)) return { key, type: 'categorical', low: null, high: null, log: false, values: 'true, false' };
  const int = v?.intKeys.includes(key) ?? false;
  const r = KNOB_RANGES[key] ?? (int ? { low: 1, high: 100, log: false } : { low: 0, high: 1, log: false });
  return { key, type: int ? 'int' : 'float', low: r.low, high: r.high, log: r.log, values: '' };
}

/** Where a new search comes from: its data set, project or the search it copies. */
export interface FormStart {
  dataset?: unknown;
  project?: string;
  name?: string;
}

/** The starting form for an entry point: the same template everywhere, with the data set or project it was opened from. */
export function startForm(from: FormStart = {}): SpecForm {
  const f = defaultForm();
  if (from.dataset) {
    const d = fromSpec({ dataset: from.dataset });
    f.dataset = { ...f.dataset, ...d.dataset };
    f.extraDataset = d.extraDataset;
  }
  if (from.project) f.project = from.project;
  if (from.name !== undefined) f.name = from.name;
  return f;
}

/** Knob rows that move: numeric with low < high (or two or more listed values), categorical with two or more values. */
export function movingKnobs(f: SpecForm): string[] {
  return f.knobs
    .filter((k) => {
      if (!k.key) return false;
      const values = parseValues(k.values);
      if (k.type === 'categorical') return new Set(values.map((v) => JSON.stringify(v))).size >= 2;
      if (values.length > 0) return new Set(values.map((v) => JSON.stringify(v))).size >= 2;
      return k.low !== null && k.high !== null && k.high > k.low;
    })
    .map((k) => k.key);
}

/** Which knob (if any) overrides a fixed training field: the field's own key, or depth/hiddenUnits for the hidden layers. */
export function overriddenBy(f: SpecForm, field: keyof SpecForm['train']): string | null {
  const keys = new Set(f.knobs.map((k) => k.key).filter(Boolean));
  if (field === 'hiddenLayers') return ['hiddenLayers', 'hiddenUnits', 'depth'].find((k) => keys.has(k)) ?? null;
  if (field === 'monitor' || field === 'patience' || field === 'minDelta') return keys.has('earlyStopping') ? 'earlyStopping' : null;
  return keys.has(field) ? field : null;
}

/** The form's issue while the source is "imported" and no data set is chosen yet. */
export const DATASET_UNCHOSEN = 'choose an imported data set';

/** Problems the form itself can name precisely before the engine sees the spec (by spec path). */
export function formIssues(f: SpecForm): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const w = parseWidths(f.train.hiddenLayers);
  if (w.error) out.push({ path: 'train.hiddenLayers', message: w.error });
  const shares = f.dataset.kind === 'synthetic' ? parseShares(f.dataset.classShares) : null;
  if (shares?.error) out.push({ path: 'dataset.classShares', message: shares.error });
  if (!f.project.trim()) out.push({ path: 'project', message: 'A search belongs to a project: name one (a new name creates it)' });
  // Source "imported" with none chosen yet: what to do, not the engine's "dataset.csv: must not be empty".
  if ((f.dataset.kind === 'csv' || f.dataset.kind === 'idx') && !f.dataset.csv.trim()) out.push({ path: 'dataset', message: DATASET_UNCHOSEN });
  return out;
}

/** The settings typed for the form's strategy (empty ones left to the engine's defaults). */
export function strategySettings(f: Pick<SpecForm, 'strategy'>): Record<string, unknown> {
  return typedSettings(f.strategy);
}

/** The settings typed for the chosen kind (of a strategy or a pruner), empty ones left out. */
function typedSettings(x: { kind: string; settings: Record<string, Record<string, unknown>> }): Record<string, unknown> {
  const typed = x.settings[x.kind] ?? {};
  return Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

/** The CSV keys kept from the loaded JSON that still apply: those of the file the form's data set is now (else none). */
export function datasetExtra(f: SpecForm): Record<string, unknown> {
  return f.dataset.kind === 'csv' && f.extraDataset.csv === f.dataset.csv ? f.extraDataset.keys : {};
}

/** The spec object (the README's "The spec") a form describes; the engine validates it. */
export function toSpec(f: SpecForm): Record<string, unknown> {
  const d = f.dataset;
  const dataset =
    d.kind === 'builtin' ? { builtin: d.name }
      : d.kind === 'csv' ? { csv: d.csv, target: d.target, ...(d.task ? { task: d.task } : {}), ...datasetExtra(f) }
        : d.kind === 'idx' ? { idx: d.csv, labels: d.labels }
          : {
            synthetic: d.synthetic, n: d.n, noise: d.noise,
            ...(d.classes !== null && (d.synthetic === 'blobs' || d.synthetic === 'spirals') ? { classes: d.classes } : {}),
            // Text that is not numbers is the form's own issue (formIssues), not sent on as an empty list.
            ...(d.classShares.trim() !== '' && d.synthetic !== 'sine' && !parseShares(d.classShares).error ? { classShares: parseShares(d.classShares).shares } : {}),
          };
  const split =
    f.split.kind === 'holdout' ? { kind: 'holdout', val: f.split.val, test: f.split.test, stratify: f.split.stratify }
      : f.split.kind === 'kfold' ? { kind: 'kfold', k: f.split.k, test: f.split.test, stratify: f.split.stratify }
        : { kind: 'loo', test: f.split.test };
  const t = f.train;
  const train: Record<string, unknown> = { ...f.extraTrain };
  if (t.epochs !== null) train.epochs = t.epochs;
  if (t.batchSize !== null) train.batchSize = t.batchSize;
  if (t.hiddenLayers.trim() !== '') train.hiddenLayers = widths(t.hiddenLayers);
  for (const k of ['activation', 'init', 'optimizer', 'classWeights'] as const) if (t[k]) train[k] = t[k];
  if (t.lr !== null) train.lr = t.lr;
  // An emptied min delta is the default (0).
  if (t.earlyStopping === 'on') train.earlyStopping = { monitor: t.monitor, patience: t.patience, minDelta: t.minDelta ?? 0 };
  else if (t.earlyStopping === 'off') train.earlyStopping = false;
  const space: Record<string, unknown> = {};
  for (const k of f.knobs) {
    if (!k.key) continue;
    if (k.type === 'categorical') space[k.key] = { type: 'categorical', values: parseValues(k.values) };
    else {
      const values = parseValues(k.values);
      space[k.key] = { type: k.type, low: k.low, high: k.high, ...(k.log ? { log: true } : {}), ...(values.length > 0 ? { values } : {}) };
    }
  }
  const strategy = { ...strategySettings(f), kind: f.strategy.kind };
  const pruner = f.pruner.kind === 'none' ? null : { kind: f.pruner.kind, ...typedSettings(f.pruner) };
  const budget: Record<string, number> = {};
  if (f.budget.trials !== null) budget.trials = f.budget.trials;
  if (f.budget.seconds !== null) budget.seconds = f.budget.seconds;
  return {
    ...f.extra,
    project: f.project, ...(f.name.trim() ? { name: f.name.trim() } : {}), dataset, split, preprocess: f.preprocess, targetPreprocess: f.targetPreprocess, train, space, strategy,
    ...(pruner ? { pruner } : {}),
    objective: { metric: f.objective.metric, ...(f.objective.direction ? { direction: f.objective.direction } : {}) },
    budget, ...(f.workers !== null ? { workers: f.workers } : {}), seed: f.seed,
  };
}

const CSV_FIELDS = ['csv', 'target', 'task'];
const TRAIN_FIELDS = ['epochs', 'batchSize', 'hiddenLayers', 'activation', 'init', 'optimizer', 'lr', 'earlyStopping', 'classWeights'];
const TOP_FIELDS = ['project', 'name', 'dataset', 'split', 'preprocess', 'targetPreprocess', 'train', 'space', 'strategy', 'pruner', 'objective', 'budget', 'workers', 'seed'];

/** What a JSON value is, in words ("a list", "a string", "null"). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a parsed JSON value cannot fill the form, or null when it can: the spec must be an object, and
 * each knob of its `space` an object whose `values`, if any, are a list. (Anything else the form
 * carries to the engine, whose check names what is wrong at its field.)
 */
export function specShapeIssue(input: unknown): string | null {
  if (!isObject(input)) return `A spec is a JSON object such as { "dataset": { "builtin": "digits" }, "space": { … } }, not ${kindOf(input)}`;
  const space = input.space;
  if (space === undefined) return null;
  if (!isObject(space)) return `"space" must be an object of knobs such as { "lr": { "type": "float", "low": 0.0001, "high": 0.1, "log": true } }, not ${kindOf(space)}`;
  for (const [key, knob] of Object.entries(space)) {
    if (!isObject(knob)) return `space.${key} must be an object such as { "type": "float", "low": 0.0001, "high": 0.1 } or { "type": "categorical", "values": ["relu", "tanh"] }, not ${kindOf(knob)}`;
    if (knob.values !== undefined && !Array.isArray(knob.values)) return `space.${key}.values must be a list such as ["relu", "tanh"], not ${kindOf(knob.values)}`;
  }
  return null;
}

/** The form for a spec written as JSON text; throws an Error saying what is wrong (not JSON, or a shape the form cannot hold), and then the form is left as it was. */
export function specFromJson(text: string): SpecForm {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw new Error(`Not valid JSON: ${(e as Error).message}`);
  }
  const issue = specShapeIssue(input);
  if (issue) throw new Error(issue);
  return fromSpec(input);
}

/** A CSV data set's keys the form has no field for (`exclude`, `missing`, `numbers`, `notMissing`, …), kept for that file. */
export function csvExtraOf(d: { csv: string } & Record<string, unknown>): SpecForm['extraDataset'] {
  return { csv: d.csv, keys: Object.fromEntries(Object.entries(d).filter(([k]) => !CSV_FIELDS.includes(k))) };
}

/** A form for a spec object (from a saved JSON file, or a search to duplicate); keys without a field are kept. */
export function fromSpec(input: unknown): SpecForm {
  const f = defaultForm();
  const o = (input ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a spec as read from JSON
  if (typeof o.project === 'string') f.project = o.project;
  f.name = typeof o.name === 'string' ? o.name : '';
  const d = o.dataset ?? {};
  if (typeof d.builtin === 'string') f.dataset = { ...f.dataset, kind: 'builtin', name: d.builtin };
  else if (typeof d.csv === 'string') {
    f.dataset = { ...f.dataset, kind: 'csv', csv: d.csv, target: d.target ?? '', task: d.task ?? '' };
    f.extraDataset = csvExtraOf(d);
  }
  else if (typeof d.idx === 'string') f.dataset = { ...f.dataset, kind: 'idx', csv: d.idx, labels: d.labels ?? '' };
  else if (typeof d.synthetic === 'string') {
    f.dataset = {
      ...f.dataset, kind: 'synthetic', synthetic: d.synthetic, n: d.n ?? 1000, noise: d.noise ?? 0.2,
      classes: typeof d.classes === 'number' ? d.classes : null, classShares: Array.isArray(d.classShares) ? d.classShares.join(', ') : '',
    };
  }
  if (o.split) f.split = { ...f.split, ...o.split };
  if (typeof o.preprocess === 'string') f.preprocess = o.preprocess;
  // Absent: a new spec's default (a stored search reaches the editor with its meaning written out).
  if (typeof o.targetPreprocess === 'string') f.targetPreprocess = o.targetPreprocess;
  const t = o.train ?? {};
  f.extraTrain = Object.fromEntries(Object.entries(t).filter(([k]) => !TRAIN_FIELDS.includes(k)));
  f.train = {
    epochs: t.epochs ?? null, batchSize: t.batchSize ?? null, hiddenLayers: Array.isArray(t.hiddenLayers) ? t.hiddenLayers.join(', ') : '',
    activation: t.activation ?? '', init: t.init ?? '', optimizer: t.optimizer ?? '', lr: t.lr ?? null,
    earlyStopping: t.earlyStopping === false ? 'off' : t.earlyStopping ? 'on' : 'default',
    monitor: t.earlyStopping?.monitor ?? 'val_loss', patience: t.earlyStopping?.patience ?? 10, minDelta: t.earlyStopping?.minDelta ?? 0,
    classWeights: t.classWeights ?? '',
  };
  f.knobs = [];
  if (o.space) {
    f.knobs = Object.entries(o.space as Record<string, Record<string, any>>).map(([key, p]) => // eslint-disable-line @typescript-eslint/no-explicit-any
      p.type === 'categorical' || p.type === 'fixed'
        ? { key, type: 'categorical', low: null, high: null, log: false, values: formatValues(p.type === 'fixed' ? [p.value] : p.values ?? []) }
        : { key, type: p.type === 'int' ? 'int' : 'float', low: p.low ?? null, high: p.high ?? null, log: Boolean(p.log), values: p.values ? formatValues(p.values) : '' },
    );
  }
  if (typeof o.strategy?.kind === 'string') {
    const { kind, ...settings } = o.strategy as Record<string, unknown>;
    f.strategy = { kind: kind as string, settings: { ...f.strategy.settings, [kind as string]: settings } };
  }
  const prunerShown = o.pruner && typeof o.pruner === 'object' && typeof o.pruner.kind === 'string';
  if (prunerShown) {
    const { kind, ...settings } = o.pruner as Record<string, unknown>;
    f.pruner = { kind: kind as string, settings: { [kind as string]: settings } };
  }
  if (o.objective) f.objective = { metric: o.objective.metric ?? 'val_loss', direction: o.objective.direction ?? '' };
  f.budget = { trials: o.budget?.trials ?? null, seconds: o.budget?.seconds ?? null };
  f.workers = o.workers ?? null;
  f.seed = typeof o.seed === 'number' ? o.seed : 0;
  f.extra = Object.fromEntries(Object.entries(o).filter(([k]) => !TOP_FIELDS.includes(k)));
  // A pruner the form cannot show goes to the engine as it was, which names what is wrong with it.
  if (o.pruner !== undefined && !prunerShown) f.extra.pruner = o.pruner;
  return f;
}

/** A generator's task (moons: classes, sine: a regression target); null for a name that is none of them. */
const generatorTask = (name: string): Task | null => ((SYNTHETIC_DATASETS as readonly string[]).includes(name) ? syntheticTask(name as SyntheticName) : null);

/**
 * The form's data set's task: built-in and IDX sets have classes, a generator its own task, a CSV the
 * task it was imported with, else the task the engine read from its target column (`read`: the
 * check's), else null (unknown until the file is read).
 */
export function formTask(d: SpecForm['dataset'], read: Task | null = null): Task | null {
  if (d.kind === 'builtin' || d.kind === 'idx') return 'classification';
  if (d.kind === 'synthetic') return generatorTask(d.synthetic);
  return d.task || read;
}

/**
 * The metrics (objectives or early-stopping monitors) a task's trials report, in the order given:
 * every one while the task is unknown (the check then names one its task does not report).
 */
export function metricsFor<T extends string>(task: Task | null, metrics: readonly T[]): T[] {
  return metrics.filter((m) => task === null || (TASK_METRICS[task] as readonly string[]).includes(m));
}
