import { isAbsolute, resolve } from 'node:path';
import type { DatasetSpec } from '../spec/spec';
import { loadBuiltin } from './builtin';
import { importCsvFile } from './csv';
import { loadIdxFiles } from './idx';
import { synthetic } from './synthetic';
import type { Dataset } from './types';

export { builtinDatasets, builtinDir, loadBuiltin, parseCitations, type BuiltinInfo, type CitationEntry } from './builtin';
export {
  columnSummaries, CSV_LIMITS, csvFileName, importCsv, importCsvFile, importCsvFileRead, importCsvWithCopy, MISSING_PATTERNS, missingRule, normalNotMissing, previewCsv, readCsv, readCsvFile, selectedCsv, SUMMARY_BINS, valueCounts,
  type ColumnKind, type CsvDelimiter, type CsvOptions, type CsvPreview, type CsvRead, type LeaveOutReason, type MissingPattern,
} from './csv';
export { DataError } from './errors';
export { datasetFromIdx, IdxError, loadIdxFiles, parseIdx } from './idx';
export { fitScaler, fitTargetScaler, gatherRows, gatherTargets, targetStats } from './preprocess';
export { LOO_MAX_ROWS, makeSplit } from './split';
export { fromShared, toShared, type SharedDataset } from './shared';
export { shareCounts, synthetic, syntheticClasses, syntheticLabels, syntheticTask, type SyntheticName, type SyntheticOptions } from './synthetic';
export type { Dataset, Scaler, Split, SplitPart, Task } from './types';

/** The names of a data set's first `k` classes, as its rows and a model's outputs number them (a class without a name by its index). */
export function classNamesOf(ds: Dataset, k: number): string[] {
  return Array.from({ length: k }, (_, i) => ds.classNames?.[i] ?? String(i));
}

/** Load the data set a spec names: built-in, CSV or IDX files (relative to baseDir) or synthetic (seeded). */
export function loadDataset(spec: DatasetSpec, seed: number, baseDir = process.cwd()): Dataset {
  if ('builtin' in spec) return loadBuiltin(spec.builtin);
  if ('csv' in spec) return importCsvFile(isAbsolute(spec.csv) ? spec.csv : resolve(baseDir, spec.csv), { target: spec.target, task: spec.task, exclude: spec.exclude, missing: spec.missing, numbers: spec.numbers, notMissing: spec.notMissing });
  if ('idx' in spec) return loadIdxFiles(resolve(baseDir, spec.idx), resolve(baseDir, spec.labels));
  return synthetic(spec.synthetic, { n: spec.n, noise: spec.noise, seed, classes: spec.classes, classShares: spec.classShares });
}
