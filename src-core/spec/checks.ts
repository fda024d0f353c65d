import type { Issue } from '../errors';
import { builtinDatasets } from '../data/builtin';
import { syntheticClasses } from '../data/synthetic';
import { ARENA_MAX_BYTES, EVAL_CHUNK, networkMemory, tooBigMessage, type NetworkMemory } from '../nn/memory';
import { nameProblem } from '../api/names';
import type { DatasetSpec, ParamSpec, Spec, SplitSpec } from './spec';
import { trainConfigOf } from './train';

/**
 * Checks of a valid spec that a new search (or the editor's validation) makes beyond its schema: names
 * that print on one line, and a network that fits in WebAssembly's memory. They are not in
 * `parseSpec`, which also reads stored specs back: a search stored before a check existed stays readable.
 * `stored` (a search resumed) leaves out the names, which were accepted when it was made.
 */
export function specIssues(spec: Spec, opts: { stored?: boolean } = {}): Issue[] {
  return [...(opts.stored ? [] : nameIssues(spec)), ...memoryIssues(spec)];
}

/** The project's and the search's names: not blank, no control characters (api/names.ts). */
export function nameIssues(spec: Pick<Spec, 'project' | 'name'>): Issue[] {
  const issues: Issue[] = [];
  for (const key of ['project', 'name'] as const) {
    const value = spec[key];
    const problem = value === undefined ? null : nameProblem(value);
    if (problem) issues.push({ path: key, message: problem });
  }
  return issues;
}

/** What the spec alone tells of its data: input columns, outputs, task, and rows (null when only reading the file would tell). */
interface DataShape {
  nIn: number;
  nOut: number;
  classification: boolean;
  rows: number | null;
}


/** The data set's shape as far as the spec tells it; the smallest a CSV or IDX file could have otherwise (a lower bound). */
function dataShape(d: DatasetSpec): DataShape {
  if ('builtin' in d) {
    try {
      const info = builtinDatasets().find((b) => b.name === d.builtin);
      if (info) return { nIn: info.features, nOut: info.classes, classification: true, rows: info.rows };
    } catch {
      // the facts file unreadable here: loading the data set will say so
    }
    return { nIn: 1, nOut: 2, classification: true, rows: null };
  }
  if ('synthetic' in d) {
    if (d.synthetic === 'sine') return { nIn: 1, nOut: 1, classification: false, rows: d.n };
    return { nIn: 2, nOut: syntheticClasses(d.synthetic, d.classes), classification: true, rows: d.n };
  }
  if ('idx' in d) return { nIn: 1, nOut: 2, classification: true, rows: null };
  return { nIn: 1, nOut: d.task === 'classification' ? 2 : 1, classification: d.task === 'classification', rows: null };
}

/** A data set's rows as far as the spec tells them (built-in and synthetic data), else null. */
export function specRows(d: DatasetSpec): number | null {
  return dataShape(d).rows;
}

/**
 * Each fold's training and validation rows from the split's shares, as makeSplit makes them (within
 * a row or two of a stratified split's, which rounds class by class).
 */
function foldSizes(rows: number, split: SplitSpec): { nTest: number; parts: [train: number, val: number][] } {
  const nTest = Math.round(split.test * rows);
  const rest = rows - nTest;
  const parts: [train: number, val: number][] = [];
  if (split.kind === 'holdout') {
    const val = Math.round((split.val / (1 - split.test)) * rest);
    parts.push([rest - val, val]);
  } else if (split.kind === 'kfold') {
    const q = Math.floor(rest / split.k);
    parts.push([rest - q, q]);
    if (rest % split.k !== 0) parts.push([rest - q - 1, q + 1]);
  } else parts.push([rest - 1, 1]);
  return { nTest, parts };
}

/** A hold-out split's validation rows (see foldSizes); null for k-fold and leave-one-out, which validate on every row outside the test split. */
export function holdoutValRows(rows: number, split: SplitSpec): number | null {
  return split.kind === 'holdout' ? foldSizes(rows, split).parts[0][1] : null;
}

/** The most rows a fold trains on (see foldSizes). */
export function trainRowsOf(rows: number, split: SplitSpec): number {
  return Math.max(...foldSizes(rows, split).parts.map(([train]) => train));
}

/**
 * The most rows a fold's network is built for (the trainer's `maxBatch`: the batch, or the validation
 * or test rows evaluated up to EVAL_CHUNK at once), from the split's sizes as makeSplit makes them;
 * 1 when the rows are unknown (a lower bound).
 */
function maxBatchOf(batchSize: number, rows: number | null, split: SplitSpec): number {
  if (rows === null) return 1;
  const { nTest, parts } = foldSizes(rows, split);
  return Math.max(1, ...parts.map(([train, val]) => Math.max(Math.max(1, Math.min(batchSize, train)), Math.min(EVAL_CHUNK, Math.max(val, nTest, 1)))));
}

/** Space knobs with more combinations of categorical values than this are not searched for their smallest network (their trials are still checked as they start). */
const MAX_COMBINATIONS = 512;

/**
 * The values of a knob among which its smallest network lies: a numeric knob's lowest (memory never
 * shrinks as depth, width, batch size, dropout or momentum grow), every categorical value.
 */
function smallCandidates(p: ParamSpec): unknown[] {
  if (p.type === 'float' || p.type === 'int') return [Math.min(p.low, ...(p.values ?? []))];
  if (p.type === 'categorical') return p.values;
  return [p.value];
}

/**
 * A network that cannot fit in WebAssembly's memory whatever the search picks: the `train` block's
 * network (what `knobs train` builds) when no knob changes it, else the smallest the space allows.
 * A space that lets only some trials be too big is accepted: those trials fail, each saying why
 * (the Network checks its own size before it allocates). The data set's width and rows come from
 * the spec where it tells them (built-in and synthetic data), else the check is a lower bound.
 */
export function memoryIssues(spec: Spec): Issue[] {
  const data = dataShape(spec.dataset);
  const memoryOf = (knobs: Record<string, unknown>): NetworkMemory | null => {
    let config;
    try {
      config = trainConfigOf(spec, knobs);
    } catch {
      return null; // an invalid value: validateSpace names it
    }
    return networkMemory({ nIn: data.nIn, nOut: data.nOut, classification: data.classification, maxBatch: maxBatchOf(config.batchSize, data.rows, spec.split), config });
  };
  const keys = Object.keys(spec.space);
  const candidates = keys.map((k) => smallCandidates(spec.space[k]));
  if (candidates.reduce((n, c) => n * c.length, 1) > MAX_COMBINATIONS) return [];
  let smallest: NetworkMemory | null = null;
  const walk = (i: number, knobs: Record<string, unknown>): void => {
    if (i === keys.length) {
      const m = memoryOf(knobs);
      if (m && (smallest === null || m.bytes < smallest.bytes)) smallest = m;
      return;
    }
    for (const v of candidates[i]) walk(i + 1, { ...knobs, [keys[i]]: v });
  };
  walk(0, {});
  const least = smallest as NetworkMemory | null;
  if (least === null || least.bytes <= ARENA_MAX_BYTES) return [];
  const own = memoryOf({});
  const fromTrain = own !== null && own.bytes === least.bytes;
  return [{ path: fromTrain ? 'train' : 'space', message: tooBigMessage(least, { atLeast: data.rows === null, smallest: !fromTrain }) }];
}
