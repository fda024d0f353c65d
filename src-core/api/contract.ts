/**
 * The one typed contract between the engine and any UI, grouped by domain. Hosts (Electron IPC,
 * the HTTP server) and the renderer's client share it through `import type`; channel names are
 * derived from it (`"datasets.list"`), never typed twice. Inputs are validated at every host
 * boundary with the zod schemas in `schemas.ts`, whose keys are checked against `Channel`.
 *
 * @example
 *   // renderer
 *   const projects = await api.call('projects.list', undefined);
 *   const s = await api.call('searches.create', { spec, start: true });
 *   const stop = api.subscribe((events) => events.forEach(console.log));
 */

import type { ErrorData, Issue } from '../errors';
import type {
  Activation, ClassWeights, CsvMissing, Direction, InitName, LrSchedule, Monitor, ObjectiveMetric, OptimizerName, Preprocess, PruneRule, SearchStatus, StopReason, TargetPreprocess, Task, TrialStatus,
} from '../vocabulary';

export type {
  Activation, ClassWeights, CsvMissing, Direction, InitName, LrSchedule, Monitor, ObjectiveMetric, OptimizerName, Preprocess, PrunerKind, PruneRule, SearchStatus, StopReason, TargetPreprocess, Task, TrialStatus,
} from '../vocabulary';
export type { ErrorKind, Issue } from '../errors';

/** A data set as the UI lists it: a built-in or an imported CSV. `ref` is what a spec's `dataset` holds. */
export interface DatasetSummary {
  name: string;
  kind: 'builtin' | 'csv' | 'idx';
  /** The imported data set's id (CSV and IDX only). */
  id?: number;
  task: Task;
  rows: number;
  features: number;
  classes: string[];
  classCounts: number[];
  description: string;
  citation: string;
  ref: { builtin: string } | { csv: string; target: string; task?: Task; notMissing?: string[] } | { idx: string; labels: string };
  /** Height × width when each row is an image (digits, IDX images): the UI shows a grid of samples. */
  imageShape?: [number, number];
}

/** Sample images of an image data set, spread evenly over its rows. */
export interface ImageSamples {
  shape: [number, number];
  /** Pixel values row-major, one array per image; `range` is the data set's value range. */
  images: number[][];
  labels: string[];
  range: [number, number];
}

/** A fixed-bin histogram: counts[i] values fell in [min + i·w, min + (i+1)·w). */
export interface HistogramData {
  min: number;
  max: number;
  counts: number[];
}

/** One layer's statistics on a probe batch at one moment of training. */
export interface LayerDiagnostics {
  layer: number;
  units: number;
  activation: string;
  /** Before the activation (z = xW + b, after batch norm when present). */
  pre: HistogramData;
  /** After the activation. */
  post: HistogramData;
  meanPost: number;
  stdPost: number;
  weightNorm: number;
  gradNorm: number | null;
  deadFraction: number | null;
  saturationFraction: number | null;
}

/** A diagnostics snapshot (epoch 0 = at initialization). */
export interface DiagnosticsSnapshot {
  fold: number;
  epoch: number;
  layers: LayerDiagnostics[];
}

/** A plain-words reading of a trial with its evidence and the usual advice. */
export interface FindingInfo {
  kind: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  detail: string;
  advice: string;
  layer?: number;
  epoch?: number;
}

/** What the trial detail shows under "Diagnostics". */
export interface TrialDiagnostics {
  number: number;
  /** Snapshots of the first fold, by epoch. */
  snapshots: DiagnosticsSnapshot[];
  /** Per-layer weight-gradient norms of every epoch of the first fold (byLayer[l][i] at epoch[i]). */
  gradNorms: { epoch: number[]; byLayer: number[][] };
  findings: FindingInfo[];
  /** The diagnostics interval of the search (epochs), or null when it records none. */
  every: number | null;
}

/** A built-in experiment: ordinary searches the user can run with one click, then edit and rerun. */
export interface ExperimentInfo {
  id: string;
  title: string;
  /** What it runs. */
  description: string;
  /** What usually happens and why. */
  usually: string;
  lookAt: string;
  /** The names of the searches it creates. */
  searches: string[];
}

/** What the latest run of an experiment shows, computed from its results. */
export interface ExperimentOutcome {
  searches: { id: number; name: string; status: SearchStatus; done: number; total: number }[];
  /** Every search of the run has finished. */
  finished: boolean;
  /** What this run shows, in sentences computed from its results (empty until it has finished). */
  sentences: string[];
}

/** A 2-D test function of the optimizer playground, with its values on a grid for the contour plot. */
export interface SurfaceInfo {
  id: 'sphere' | 'elongated' | 'rosenbrock' | 'beale';
  label: string;
  xRange: [number, number];
  yRange: [number, number];
  minimum: [number, number];
  start: [number, number];
  logContours: boolean;
  grid: { xs: number[]; ys: number[]; z: number[][] };
  /** What usually happens on this surface, and why. */
  usually: string;
  /** Steps, learning rate per optimizer and β/momentum/ρ that give every optimizer a finite path with visible progress here. */
  defaults: { steps: number; lr: Record<string, number>; momentum: number; rho: number; beta1: number; beta2: number };
}

/** An optimizer's path over a surface: [x, y, f(x, y)] per step. */
export interface PathResult {
  points: [number, number, number][];
  diverged: boolean;
}

/** The first rows of a data set and its class balance. */
export interface DatasetPreview {
  name: string;
  header: string[];
  rows: string[][];
  totalRows: number;
  classes: string[];
  classCounts: number[];
  /** What each column of the file holds, in the header's order (none for IDX images: their columns are pixels). */
  columns: ColumnSummary[];
}

/** A CSV column described over every row: numbers by their range, mean and spread and a histogram; text by its most common values. */
export interface ColumnSummary {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Missing cells (empty, NA, NaN, …). */
  missing: number;
  /** Distinct values, missing cells not counted (counted up to 1000: `1000` means at least that many). */
  distinct: number;
  /** Numbers: the smallest and largest, the mean and the population standard deviation; null for text. */
  min: number | null;
  max: number | null;
  mean: number | null;
  sd: number | null;
  /** Numbers: how many values fall in each of equal-width bins from min to max (the last bin holds max); one bin when every value is the same; empty for text. */
  histogram: number[];
  /** Numbers: the skewness (third standardised moment, population); null for text or a constant column. */
  skew?: number | null;
  /**
   * Numbers all above 0 with a long tail (skewness ≥ 2, the largest 100× the smallest or more),
   * whose equal-width bins put nearly every value in the first: the same count over equal-width
   * bins of log10(value) from log10(min) to log10(max). Absent otherwise.
   */
  logHistogram?: number[];
  /** Text: the most common values with their counts, the commonest first (ties in the file's order), at most 5; empty for numbers. */
  top: { value: string; count: number }[];
  /** Text in a column of numbers (`NotNumbers`): how many cells are not numbers (and `top` holds those texts). Absent otherwise. */
  notNumbers?: number;
}

/** What the import dialog shows before importing a CSV. */
export interface CsvPreviewResult {
  header: string[];
  rows: string[][];
  totalRows: number;
  kinds: ('numeric' | 'categorical')[];
  target: string;
  task: Task;
  distinct: number[];
  /** Missing cells per column (empty, NA, NaN, …): importing refuses a file with any. */
  missing: number[];
  /** The row of each column's first missing cell (null: none), numbered as `rowNumbers` are. */
  firstMissing: (number | null)[];
  /** The row of each shown row as a spreadsheet numbers it (the header is row 1; blank lines count): the rows an import's error names. */
  rowNumbers: number[];
  /** Columns whose numbers were written with a decimal comma (1,5 in a file separated by semicolons or tabs), read as 1.5. */
  decimalComma: string[];
  /** Columns whose numbers were written with a currency or percent sign or thousands separators, read as numbers: each with its sign ("" for separators only) and one cell as written and as read ("$1,234.50", "1234.50"). */
  unitNumbers: { column: string; sign: string; written: string; read: string }[];
  /** Per column, why a person would leave it out of the features: a row identifier, more distinct texts than one-hot encoding takes, missing in over half the rows, numbers with text in some cells, dates (null: none; never the target). */
  leaveOut: (LeaveOutReason | null)[];
  /** Per column of numbers with text in some cells (which the import refuses), those cells; null for every other column. */
  notNumbers: (NotNumbers | null)[];
  /** Whether the header row reads like a row of data (numbers among its columns' values): the file may have no header row. */
  headerLikeData: boolean;
  /** Texts of a column that differ only in case ("yes" and "Yes"): separate classes or categories, likely meant as one. */
  caseVariants: CaseVariants[];
  /** The first text that reads as UTF-8 read as Windows-1252 and saved again ("ZÃ¼rich" for "Zürich"), or null. */
  mojibake: Mojibake | null;
  /** Text columns whose values are the answers of an ordered scale ("Strongly disagree" … "Strongly agree"), each with its values in the scale's order. */
  orderedScales: OrderedScale[];
  /** Feature columns that tell the target exactly (each value with one class, or numbers on a line with it): a copy of the answer, or a cause that needs no model. Kept; said. */
  answers: string[];
  /** The columns left out: those asked for, else the proposed ones. */
  exclude: string[];
  /** Rows with a missing cell in a column still used (what `missing: 'drop'` drops). */
  missingRows: number;
  /** The sets of columns rows miss values in (indices into `header`) and how many rows miss each, for counting `missingRows` as columns are left out; null when there are too many sets (preview again with `exclude`). */
  missingPatterns: { columns: number[]; rows: number }[] | null;
  /** What each column holds over every row, in the header's order (as a data set's page shows it). */
  columns: ColumnSummary[];
  /**
   * Words in the file Knobs reads as missing by default ("none", "NA", "?"; not the empty cell), each
   * spelling once (lower case) with how it is first written, its cells and the columns holding them,
   * and whether this preview reads it as a value (`notMissing`): the dialog offers to read each as one.
   */
  missingWords: MissingWord[];
}

/**
 * Why the import dialog proposes leaving a column out of the features: a row identifier, more
 * distinct texts than one-hot encoding takes, missing in over half the rows, numbers with text in
 * some cells (`NotNumbers`), or dates or times of day (each one-hot a category of its own).
 */
export type LeaveOutReason = 'identifier' | 'categories' | 'mostly-missing' | 'not-numbers' | 'dates' | 'times';

/**
 * A column of numbers with text in some of its cells ("inf", "#DIV/0!", "seven"): at least half its
 * cells (missing ones aside) are numbers, so the import reads it as numbers and refuses those
 * cells. `first`: its first few different texts, each with the row it is first in (a spreadsheet's
 * numbering, header = 1).
 */
export interface NotNumbers {
  numbers: number;
  cells: number;
  first: { value: string; row: number }[];
}

/** A text written as UTF-8 read as Windows-1252 and saved again: its column, as written ("ZÃ¼rich"), as meant ("Zürich"), and how many of the column's cells are so written (0 where it is the column's name). */
export interface Mojibake {
  column: string;
  written: string;
  meant: string;
  cells: number;
}

/** A text column of the answers of an ordered scale: its values as written, in the scale's order. */
export interface OrderedScale {
  column: string;
  levels: string[];
}

/** Texts of one column that differ only in case, each with its rows, the commonest first. */
export interface CaseVariants {
  column: string;
  spellings: { value: string; count: number }[];
}

/** A word a CSV holds that Knobs reads as missing unless told it is a value (`CsvPreviewResult.missingWords`). */
export interface MissingWord {
  spelling: string;
  written: string;
  cells: number;
  columns: string[];
  value: boolean;
}

/**
 * The engine's words (src-core/vocabulary.ts), so the renderer never keeps its own lists: the
 * spec's keys and choices for the editor, and the statuses for filters, colours and progress.
 */
export interface Vocabulary {
  trainKeys: string[];
  /** Train keys that take whole numbers. */
  intKeys: string[];
  /** Train keys that take one of a list of words. */
  choices: { activation: Activation[]; init: InitName[]; optimizer: OptimizerName[]; lrSchedule: LrSchedule[]; classWeights: ClassWeights[] } & Record<string, string[]>;
  /** Train keys that take true/false. */
  booleanKeys: string[];
  /** Metrics a search may optimize, and those of them where higher is better (their default direction is maximize). */
  metrics: ObjectiveMetric[];
  maximizedMetrics: ObjectiveMetric[];
  /** The values each metric can take (METRIC_RANGES): losses never below 0, accuracy in [0, 1], R² at most 1; null where unbounded (JSON has no Infinity). */
  metricRanges: Record<ObjectiveMetric, [number | null, number | null]>;
  /** Metrics early stopping may watch. */
  monitors: Monitor[];
  preprocess: Preprocess[];
  /** Scalings of a regression target (`targetPreprocess`). */
  targetPreprocess: TargetPreprocess[];
  builtins: string[];
  synthetic: string[];
  /** Strategy kinds the editor offers, in menu order (the strategy registry, src-core/search/registry.ts; a seed re-run is made from a finished search instead). The editor itself draws `strategyForms`, which lists the same kinds. */
  strategies: string[];
  /** Every trial status; those that ended; those that ended without a usable result. */
  trialStatuses: TrialStatus[];
  finishedTrialStatuses: TrialStatus[];
  failedTrialStatuses: TrialStatus[];
  /** Trials with a result a seed re-run ranks (complete, early-stopped). */
  resultTrialStatuses: TrialStatus[];
  searchStatuses: SearchStatus[];
  stopReasons: StopReason[];
  /** Each strategy's settings as the editor draws them, read from its spec schema: a new strategy needs no editor change. */
  strategyForms: StrategyForm[];
  /** Each pruner (`none` first) and its settings, read from the `pruner` schema in the same way. */
  prunerForms: SettingsForm[];
  /** The longest name (project, search, data set), tag and notes the engine keeps, in characters, and the most tags one thing may have: the boxes stop there. */
  limits: { name: number; tag: number; tags: number; notes: number };
}

/** One setting of a strategy or a pruner (a key of the spec's `strategy` or `pruner` object besides `kind`). */
export interface SettingField {
  key: string;
  type: 'integer' | 'number' | 'boolean' | 'choice';
  default: unknown;
  min?: number;
  max?: number;
  /** The bound itself is not allowed (min < value). */
  exclusiveMin?: boolean;
  choices?: string[];
  help: string;
}

/** One kind of a strategy or a pruner as the editor offers it. */
export interface SettingsForm {
  kind: string;
  /** One line for the menu: its name and what it does. */
  label: string;
  fields: SettingField[];
}

/** A strategy as the editor offers it. */
export interface StrategyForm extends SettingsForm {
  /** Trials it runs when the budget names no number; null when its own settings (or the space) decide. */
  defaultTrials: number | null;
}

/** A project with its searches' count. */
export interface ProjectSummary {
  id: number;
  name: string;
  notes: string;
  createdAt: string;
  searches: number;
  tags: string[];
}

/** What importing a project bundle did (projects.importBundle). */
export interface BundleImportResult {
  project: ProjectSummary;
  /** The bundle's project name when it was taken here (the imported project got another). */
  renamedFrom: string | null;
  searches: number;
  trials: number;
  datasets: { name: string; renamedFrom: string | null; reused: boolean }[];
  /** One sentence per thing to know: renames, data sets reused. */
  messages: string[];
}

/** Trial counts by status. */
export type StatusCounts = Partial<Record<TrialStatus, number>>;

/** A search as lists and headers show it. */
export interface SearchSummary {
  id: number;
  projectId: number;
  project: string;
  name: string;
  status: SearchStatus;
  strategy: string;
  metric: ObjectiveMetric;
  direction: Direction;
  /** The data set it trains on, in words: "digits", "rings (CSV)", "moons (synthetic, 1000 rows)", "moons (synthetic, 3000 rows, classes 95% / 5%)" (values of two data sets are not ranked together). */
  dataset: string;
  plannedTrials: number;
  counts: StatusCounts;
  /** Trials that ended, whatever their status (the vocabulary's finishedTrialStatuses). */
  finished: number;
  best: number | null;
  stopReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Mean seconds of the finished trials (null before the first): the client's ETA. */
  meanTrialSeconds: number | null;
  /** Worker threads the search runs on: those of the process that ran it last (a terminal's `knobs run --workers 1`), or before it first ran, those this one would use. */
  workers: number;
  /**
   * The process id of another live process running this search (a `knobs run` in a terminal),
   * else null. Its pause, stop and delete are that process's: this one refuses them.
   */
  runElsewhere: number | null;
  /** The search whose configurations this one runs again with other seeds (a seed re-run), else null. */
  parentId: number | null;
  /** Seed re-runs of this search, oldest first. */
  reruns: number[];
  notes: string;
  tags: string[];
}

/** One search of a side-by-side comparison: what it ran, how far it got, and every ended trial in finishing order. */
export interface ComparedSearch {
  summary: SearchSummary;
  /** The spec's budget (null where it sets none). */
  budget: { trials: number | null; seconds: number | null; noImprovement: number | null };
  /**
   * Every trial that ended (finished statuses), in the order it ended: its objective (null when it
   * failed or diverged) and the search's running time at its end: seconds since the first trial
   * started in which at least one trial ran (a pause, or trials waiting for a worker, left out).
   */
  trials: { number: number; status: TrialStatus; /** The compared value (SearchComparison.metric; without one, the search's objective). */ objective: number | null; seconds: number | null }[];
  /** Seconds from the first trial's start to the last trial's end, pauses included (null before any trial ended). */
  wallSeconds: number | null;
  /** The running time at the last trial's end: `wallSeconds` without the stretches in which no trial ran (null before any trial ended). */
  runningSeconds: number | null;
  /** The best trial: its number, objective, knobs and full training configuration (null when no trial has a value). */
  best: { number: number; objective: number; knobs: Record<string, unknown>; config: Record<string, unknown> } | null;
  /**
   * Every setting of its spec but those the comparison shows already (project, name, budget,
   * objective), by key path ("targetPreprocess", "train.epochs", "space.lr", "strategy.kind"): a
   * knob's range in words ("1e-4 to 0.3, log"), any other value as the spec holds it.
   */
  settings: Record<string, unknown>;
}

/** 2–6 searches side by side (searches.compare). */
export interface SearchComparison {
  searches: ComparedSearch[];
  /**
   * What the trials' values (`ComparedSearch.trials[].objective`, `best`) are: the searches' shared
   * objective, or the metric asked for; null when their objectives differ and none was asked for
   * (then each search keeps its own objective, and nothing is drawn on one axis).
   */
  metric: { metric: ObjectiveMetric; direction: 'minimize' | 'maximize' } | null;
  /**
   * The compared metric's chance level where every search has the same one (searches on one data
   * set and split: SearchDetail.chances), which the best-so-far chart draws; null without a
   * shared metric, or where the levels differ or one is unknown.
   */
  chance: ObjectiveChance | null;
  /** The metrics every one of them reports on equal terms: what the comparison can be drawn by (a loss only where all compute it alike). */
  comparable: ObjectiveMetric[];
  /** Set when the searches do not share one objective and no metric was asked for: their values cannot share an axis. */
  mismatch: string | null;
  /** Set when they are compared by a metric some of them do not optimize: what the values and the bests then are. */
  basisNote: string | null;
  /** Set when they share one objective but train on different data sets: drawn together, though they measure different problems. */
  otherData: string | null;
  /** Set when they train on one data set but hold out different validation rows (another split or seed): each best is measured on its own rows. */
  otherRows: string | null;
}

/** How a search prunes, and the epochs it saved (SearchDetail.pruning). */
export interface PruningSummary {
  kind: PruneRule;
  /** The rule and its settings in one sentence. */
  description: string;
  /** Epochs (of one fold) where ASHA's and Hyperband's rungs sit: the curves chart draws them. */
  rungs: number[];
  /** Epochs the search's trials trained (all folds), and what they would have trained had no trial been pruned. */
  epochsTrained: number;
  epochsUnpruned: number;
}

/** Why the search's pruner stopped a trial, and against which values (TrialSummary.prune). Values are in the objective's units. */
export interface PruneInfo {
  rule: PruneRule;
  /** Where: the step (epochs counted across folds), the fold (from 0) and its epoch. */
  step: number;
  fold: number;
  epoch: number;
  /** The trial's best value so far in the fold, and the value it had to match (the median; the worst value a rung kept). */
  value: number;
  threshold: number;
  /** How many values it was compared with (ASHA and Hyperband: its own included). */
  compared: number;
  /** ASHA and Hyperband: the rung (0 = the first), how many it keeps, the trial's place (1 = best), Hyperband's bracket. */
  rung?: number;
  keep?: number;
  rank?: number;
  bracket?: number;
  /** The trial's last step had it run its course (folds × epochs). */
  lastStep: number;
}

/** A search with its spec and coarse-to-fine rounds. */
export interface SearchDetail extends SearchSummary {
  spec: unknown;
  rounds: { round: number; box: unknown }[];
  /** What its strategy makes that the views draw (its definition's `traits`): the views ask this, never the strategy's name. */
  traits: StrategyTraits;
  /** The search's pruner and what it saved; null without one. */
  pruning: PruningSummary | null;
  /** The spec's knobs: name → kind, scale and range (for axes and filters). */
  knobs: KnobInfo[];
  testEvaluations: TestEvaluation[];
  /**
   * The chance level of each validation metric with one, what a model that always gives the same
   * answer scores on the validation rows (src-core/analysis/chance.ts), with what scores it in
   * words: Best so far draws the objective's, the Curves tab the shown metric's. Empty before a
   * trial has ended; a metric with no one level (a regression's MAE) is absent.
   */
  chances: Partial<Record<ObjectiveMetric, ObjectiveChance>>;
}

/** The chance level of an objective and what scores it ("always predicting the class frequencies"). */
export interface ObjectiveChance {
  value: number;
  what: string;
}

/**
 * What a search's strategy makes beyond each trial's knobs, for the views to draw (its
 * definition's `traits`, src-core/search/strategy.ts): a new strategy says this once and needs no
 * change in the views.
 */
export interface StrategyTraits {
  /** Its trials come in rounds, each drawn inside a box of its own (`SearchDetail.rounds`): the views show each trial's round and draw the boxes. */
  rounds: boolean;
  /** It has a model of where the good trials lie whose densities `searches.densities` answers (TPE, and coarse-to-fine drawing with TPE). */
  densities: boolean;
}

/** One knob of a search space. */
export interface KnobInfo {
  name: string;
  type: 'float' | 'int' | 'categorical' | 'fixed';
  log: boolean;
  low?: number;
  high?: number;
  /** The grid a numeric knob's values lie on: `low + k × step` (a float or int knob with `step`; an int knob without one steps by 1). */
  step?: number;
  values?: unknown[];
}

/**
 * What a spec's strategy and budget will run, in words for the editor. Each strategy writes its own
 * (`StrategyDefinition.budget`: a grid's points, coarse-to-fine's rounds), so no view names a strategy.
 */
export interface BudgetPlan {
  /** The strategy's own size (a grid's points, rounds × trials per round); null when it has none (random, TPE) or it is not known yet (a grid whose space is not valid). */
  natural: number | null;
  /** That size in words ("grid of 25 points", "3 rounds × 10"), or null. */
  shape: string | null;
  /** Trials that will run; null while that depends on a part of the spec that is not valid yet. */
  planned: number | null;
  /** The sentence under the budget field: what runs, and what a smaller budget leaves out. */
  note: string;
  /** What the budget leaves out of the strategy's own plan ("the grid", "the rounds"); null when it leaves out nothing. */
  cuts: string | null;
  /** What the empty trials box says will run. */
  placeholder: string;
}

/** The answer to "is this spec runnable, and how many trials would it run?". */
export interface SpecCheck {
  ok: boolean;
  /** Each problem names the key (`path`) and what would be valid. */
  issues: Issue[];
  plannedTrials: number | null;
  /**
   * What the strategy and the budget will run, in words (the strategy's own account): there whenever
   * the spec's `strategy` and `budget` are valid, even while another part of the spec is not.
   */
  budget: BudgetPlan | null;
  /** What the spec's pruner will do, in words (null when the spec is not valid). */
  pruner: string | null;
  /** Valid settings that will not do what they seem to (TPE's startup taking the whole budget, a pruner that never prunes), each at its key: the search still runs. */
  cautions: Issue[];
  /** The data's task as the engine read it, where it read the data (a CSV whose spec does not say: its target column decides). */
  task?: Task;
}

/** One trial row (metrics at its best epoch). */
export interface TrialSummary {
  id: number;
  number: number;
  round: number;
  status: TrialStatus;
  knobs: Record<string, unknown>;
  seed: number;
  objective: number | null;
  bestEpoch: number | null;
  stoppedEpoch: number | null;
  stopReason: StopReason | null;
  trainLoss: number | null;
  valLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  /** Classes: the mean over classes of the share of each class's validation rows answered right, at the best epoch (null for regression, and for trials stored before Knobs kept it). */
  valBalancedAccuracy: number | null;
  durationS: number | null;
  error: string | null;
  notes: string;
  tags: string[];
  /** The data split's seed when it is not the search's (a re-run with split seeds), else null. */
  splitSeed: number | null;
  /** The kernel path it trained on (null before it ran, or when it ran before Knobs recorded it). */
  kernelPath: string | null;
  /** Why the pruner stopped it (status `pruned`), else null. */
  prune: PruneInfo | null;
  /** When a worker started it (ISO 8601; a resumed trial's latest start), or null while it waits. */
  startedAt: string | null;
  /** When it ended (ISO 8601), or null while it runs or waits. */
  finishedAt: string | null;
}

/** A trial with its resolved training configuration and its own curves. */
export interface TrialDetail extends TrialSummary {
  config: Record<string, unknown>;
  curves: Curves;
  testEvaluations: TestEvaluation[];
  /** A classification trial's validation rows at its best epoch (added over k folds), up to 50 classes; null otherwise, or for a trial stored before Knobs counted them. */
  confusion: Confusion | null;
  /** A regression trial's validation rows at its best epoch (k-fold: each row once, by the fold that held it out), actual and predicted; null otherwise, or for a trial stored before Knobs kept them. */
  predictions: Predictions | null;
}

/** Regression validation rows at a trial's best epoch, in the target's units: at most 500 of them, evenly spaced. */
export interface Predictions {
  /** How many validation rows there were (more than listed when they were thinned). */
  rows: number;
  actual: number[];
  predicted: number[];
  /** Listed rows whose prediction overflowed (not finite), left out of `actual` and `predicted`. */
  overflowed: number;
}

/** Rows by true class (down) and predicted class (across): counts[true][predicted], classes in the data set's order. */
export interface Confusion {
  classes: string[];
  counts: number[][];
}

/** A final evaluation on the test split (kept to once per search unless confirmed). */
export interface TestEvaluation {
  id: number;
  trialNumber: number;
  loss: number;
  accuracy: number | null;
  /** Classes: the mean recall over classes on the test rows (absent for evaluations stored before it was kept). */
  balancedAccuracy?: number | null;
  rmse: number | null;
  mae: number | null;
  r2: number | null;
  /** Classes (up to 50): the test rows by true class and answer (k-fold: each fold's model on them, added up); absent for regression and for evaluations stored before it was kept. */
  confusion?: Confusion | null;
  /** Regression: the test rows' actual values and the model's predictions, in the target's units (k-fold: each fold's model on every row; at most 500 listed, evenly spaced); absent for classes and for evaluations stored before it was kept. */
  predictions?: Predictions | null;
  /** The folds whose models were evaluated (1 for a hold-out split). */
  folds?: number;
  createdAt: string;
}

/** Curves in columns: one entry per stored epoch, ordered by trial, fold, epoch. */
export interface Curves {
  trial: number[];
  fold: number[];
  epoch: number[];
  trainLoss: (number | null)[];
  valLoss: (number | null)[];
  trainAccuracy: (number | null)[];
  valAccuracy: (number | null)[];
  /** Classes: the mean recall over classes on the validation rows (null for regression and for epochs stored before Knobs kept it). */
  valBalancedAccuracy: (number | null)[];
  /** A regression's validation errors and R² in the target's own units (null for classes). */
  valRmse: (number | null)[];
  valMae: (number | null)[];
  valR2: (number | null)[];
  lr: (number | null)[];
  /** Each epoch's time (training and evaluation), in seconds (null where not recorded). */
  seconds: (number | null)[];
}

/**
 * Validation curves of every trial (first fold) on one page, column by column: `trial` and
 * `count` list the page's trials in trial order and how many epochs each has; every other field is
 * those epochs' values one trial after another (trial i's start where the counts before it end),
 * packed as little-endian 32-bit floats in base64 (`decodeFloats` in api/floats.ts), NaN where a
 * value is missing, and '' when every value on the page is missing (a classification's errors).
 * Packed, 250,000 epochs cost the engine some 30 ms to write, where text to four digits cost 170–280 ms.
 */
export interface Overlay {
  trial: number[];
  count: number[];
  epoch: string;
  valLoss: string;
  valAccuracy: string;
  valBalancedAccuracy: string;
  /** A regression's validation RMSE, MAE and R² in the target's units. */
  valRmse: string;
  valMae: string;
  valR2: string;
  /** Each epoch's training time in seconds: the overlay drawn against training time. */
  seconds: string;
  /** More trials follow: ask again with `after` = the last trial number of this page. */
  more: boolean;
}

/**
 * A trial's model over the plane of a data set's two features (trials.boundary), as TensorFlow
 * Playground draws one: the grid's cells, the rows on top.
 */
export interface DecisionBoundary {
  searchId: number;
  number: number;
  task: Task;
  /**
   * The features as the axes: their names and the grid's extent (the rows' range, 5% wider each
   * way). `y` is null for a data set of one feature: the model is then asked along x alone, a curve.
   */
  x: { name: string; min: number; max: number };
  y: { name: string; min: number; max: number } | null;
  /** The target's name (a curve's vertical axis for a regression). */
  target: string;
  /** Cells along each axis (points along x when `y` is null, from x.min to x.max, both ends included). */
  steps: number;
  /**
   * Per cell, row by row from the bottom (y = min), each left to right (per point along x for one
   * feature): the most probable class (classification) or the predicted target in its units (regression).
   */
  values: number[];
  /** Classification: the most probable class's probability per cell; empty for regression. */
  confidence: number[];
  /** One feature and classification: each point's probability of every class, point by point (steps × classes); else empty. */
  probabilities: number[];
  classes: string[];
  /**
   * The first fold's rows drawn on it, [x, y (0 for one feature), class or target, part: 0
   * training, 1 validation]; at most 2,000, spread over the rows. The test rows never.
   */
  points: [number, number, number, number][];
  /** The epoch whose model answered (the best, where early stopping restored it; else the last), and the best epoch its stored figures are read at. */
  modelEpoch: number | null;
  bestEpoch: number | null;
  /** The run it was drawn from, checked against the stored one as a replay checks it. */
  replay: { identical: boolean; message: string };
}

/** One threshold of a precision–recall curve: rows whose probability of the class is at least `threshold` are called it. */
export interface ThresholdPoint {
  threshold: number;
  precision: number;
  recall: number;
  /** Rows called the class, and those of them that are of it. */
  called: number;
  found: number;
}

/**
 * A classification trial's model asked how sure it is of one class (trials.threshold): precision and
 * recall of that class on its validation rows at every threshold of its probability, scikit-learn's
 * precision_recall_curve and average precision, beside what the model's own answer (the most
 * probable class) does. Its final models answer, trained again as a replay trains it: with k-fold or
 * leave-one-out each fold's model answers the rows it held out, so every row is counted once, by a
 * model that did not train on it (scikit-learn's cross_val_predict), as the stored confusion counts them.
 */
export interface ThresholdCurve {
  searchId: number;
  number: number;
  classes: string[];
  /** The class the curve is of: the one asked for, else the one with the fewest validation rows (the first of equals). */
  positive: number;
  /** The validation rows, and those of the class. */
  rows: number;
  positives: number;
  /** How the rows were held out; `folds` of the split's `of` folds trained and are counted (fewer where the trial was pruned). */
  split: { kind: 'holdout' | 'kfold' | 'loo'; folds: number; of: number };
  /** From the highest threshold down (recall rising); at most 400, the answer's and the best F1's neighbours kept. */
  points: ThresholdPoint[];
  /** The model's own answer, the most probable class: the rows it calls the class, and how many of them are. */
  answer: { called: number; found: number; precision: number; recall: number };
  /**
   * The epoch whose model answered: the trial's best, where early stopping restored it (then its
   * answer is the stored confusion); else its last, which may differ from the best epoch its stored
   * figures are read at (`bestEpoch`). With several folds, each fold's own (these are the first fold's).
   */
  modelEpoch: number | null;
  bestEpoch: number | null;
  /** The threshold of the best F1 (null when no threshold finds a row of the class). */
  bestF1: (ThresholdPoint & { f1: number }) | null;
  /** scikit-learn's average precision; a model that ranks rows at random scores about `positives / rows`. */
  averagePrecision: number;
  /** The run it was drawn from, checked against the stored one as a replay checks it. */
  replay: { identical: boolean; message: string };
}

/**
 * Where the good trials lie over two numeric knobs (searches.surface): the importance forest's
 * prediction averaged over every other knob (fANOVA's pairwise marginal), mapped back to the
 * objective's units by the trials' quantiles.
 */
export interface PairSurface {
  /** Each knob's grid: its range on its own scale (log10 of the value for a log knob). */
  x: { name: string; log: boolean; low: number; high: number };
  y: { name: string; log: boolean; low: number; high: number };
  /** Cells along each axis. */
  steps: number;
  /** steps × steps values in the objective's units, row by row from the bottom (y = low), each left to right; empty when `reason` says why. */
  values: number[];
  /** Trials the forest was fitted on (those that trained to their end with a result). */
  trials: number;
  /** Each cell's share (0–1) of the trials near it that failed or diverged (`failedOver`), in the order of `values`; empty with them. */
  failed: number[];
  /** The share of all the trials with a result or failed that failed or diverged: what `failed` is compared with (`failedFade`). */
  failedOverall: number;
  reason: string | null;
}

/** One knob's good and bad densities over a grid of its own scale, as TPE sees them. */
export interface KnobDensity {
  name: string;
  /** `log`: x is log10 of the value; `linear`: the value; `categorical`: x indexes `values`. */
  scale: 'log' | 'linear' | 'categorical';
  /** Discrete knobs (int, step, categorical) have one point per value they can take. */
  discrete: boolean;
  x: number[];
  /**
   * The knob's own range (its round's box) on the scale of x: where the chart's axis starts and ends.
   * x may reach past it: an int log knob's estimator spans ½ beyond its lowest and highest value.
   */
  span: [number, number];
  /** Category labels (categorical knobs). */
  values?: unknown[];
  /** l(x): density of the good trials, per unit of x (probability per point when discrete). */
  l: number[];
  /** g(x): density of the other trials (and the running ones, counted as bad). */
  g: number[];
  /** The knob's values in the good and in the bad group, on the same scale as x. */
  good: number[];
  bad: number[];
}

/** What TPE modelled when asked: the split of the trials and each knob's densities. */
export interface DensityView {
  /** The round the densities belong to (coarse-to-fine within TPE), else 1. */
  round: number;
  /** Finished trials the model counts (complete, pruned and diverged, inside the round's box). */
  trials: number;
  /** Trials in the good group (γ(n)) and in the bad group (including diverged trials, and running ones with constant liar). */
  good: number;
  bad: number;
  running: number;
  /** Diverged trials, all in the bad group: their loss blew up at those knobs. */
  diverged: number;
  /** Finished trials the model leaves out: failed (an error) or cancelled, which say nothing about their knobs. */
  leftOut: number;
  /** The worst objective still in the good group (null before any trial finished). */
  threshold: number | null;
  /** Complete trials in the bad group whose objective equals the threshold: the good group holds γ(n) trials and takes the earlier of equals. */
  ties: number;
  /** True while the strategy still draws at random (fewer finished trials than `startupTrials`). */
  startup: boolean;
  multivariate: boolean;
  knobs: KnobDensity[];
}

/**
 * What the importance forest predicts along one knob, every other knob averaged over its range: a
 * numeric knob at the centres of 24 equal cells of its range on its own scale (a log knob by
 * decades), a categorical one at each value. `value` and its spread over the trees `sd` are in the
 * objective's units (a rank mapped back by the trials' own quantiles).
 */
export interface KnobMarginal {
  /** The points: numbers along a numeric knob; a categorical knob's values as its spec gives them (a list of widths, an object too). */
  at: unknown[];
  value: number[];
  sd: number[];
  /**
   * At each point, the share (0–1) of the trials near it that failed or diverged, which the forest
   * never saw (`failedAlong`): near 1 where every trial blew up, 0 where none failed or none lies.
   */
  failed: number[];
  /** The share of all the trials with a result or failed that failed or diverged: what `failed` is compared with (`failedFade`). */
  failedOverall: number;
}

/** How much each knob explains the objective: fANOVA on a random forest (the README says how). */
export interface SearchImportance {
  /**
   * The knobs that vary, most important first; shares of the explained variance summing to 1, with
   * their spread over the forest's trees, and each knob's marginal (fANOVA's marginal plot: what the
   * forest predicts along it, the other knobs averaged, in the objective's units; empty without an answer).
   */
  knobs: { name: string; importance: number; std: number; marginal: KnobMarginal }[];
  /** Knobs that cannot vary (fixed, or one value): not searched, so no share of their own. */
  fixed: string[];
  /** Trials the forest was fitted on (finished with a result). */
  trials: number;
  /** Finished trials that did not run to their end (failed, diverged, pruned, cancelled), left out. */
  leftOut: number;
  /** `rank`: the objective by its rank among the trials, so a few huge losses cannot swamp it. */
  transform: 'rank' | 'none';
  /** Why there is no answer yet (too few trials, an objective that never varies), else null. */
  reason: string | null;
  /** Seconds the computation took (0 when it came from the cache). */
  seconds: number;
  /**
   * The pruner's step the answer reads (null: the trials that ran to their end, the default). At a
   * step, every trial that reached it counts, pruned or not, by its best value so far in the fold
   * there: the values the pruner compared.
   */
  step: ImportanceStep | null;
  /** The steps importance can be read at: the search's pruner's watched steps before a trial's last (none without a pruner; in the app's answer over the trials that ran to their end, none until it has pruned a trial). */
  steps: ImportanceStep[];
}

/** A step a search's pruner watches (epochs counted across folds), and how many trials reached it with a value (failed and diverged ones not counted). */
export interface ImportanceStep {
  step: number;
  /** The fold (from 0) of how many the search trains (1: a hold-out split), and its epoch (from 1). */
  fold: number;
  folds: number;
  epoch: number;
  trials: number;
}

/** One configuration of a seed re-run: its objective with each seed, and their summary. */
export interface SeedConfig {
  /** Its index in the re-run's list (0: the original best). */
  config: number;
  /** The trial of the original search it comes from. */
  trial: number;
  knobs: Record<string, unknown>;
  /** The original trial's objective (its own seed), null when unknown (the original search was deleted). */
  originalObjective: number | null;
  /** The objective with each seed, in seed order (null: not finished, or failed). */
  objectives: (number | null)[];
  /** The re-run's trial number of each seed (null: not started). */
  trials: (number | null)[];
  /** Seeds that failed or diverged. */
  failed: number;
  /** Seeds with a result, their mean and sample standard deviation, and the 95% t interval of the mean (cut at the values the metric can take: a loss is never below 0). */
  n: number;
  mean: number | null;
  sd: number | null;
  ci: [number, number] | null;
  /** 1 = best mean (null: no result yet). */
  rank: number | null;
}

/** A seed re-run that has not finished (paused, stopped, interrupted, failed, queued or still running): its figures are partial. */
export interface UnfinishedRerun {
  searchId: number;
  status: SearchStatus;
  /** Trials ended (with a result or failed) and planned. */
  done: number;
  total: number;
}

/**
 * What a seed re-run shows: configurations ranked by mean over seeds, and what that says. Asked of a
 * search that has re-runs, it is the latest finished (complete) re-run's; the newer ones that have
 * not finished are listed in `unfinished` and named in the first sentences, never mixed in.
 */
export interface SeedSpread {
  /** The re-run search. */
  searchId: number;
  /** The search it re-runs (null when that was deleted). */
  parentId: number | null;
  /** The re-run's status: anything but complete means its figures are partial (the first sentence says so and how to finish it). */
  status: SearchStatus;
  /** Re-runs of the same search newer than this one that have not finished, left out of the spread (empty when asked of a re-run itself). */
  unfinished: UnfinishedRerun[];
  metric: ObjectiveMetric;
  direction: Direction;
  seeds: number;
  splitSeeds: boolean;
  /** Ranked by mean (best first); configurations without a result last. */
  configs: SeedConfig[];
  /** The trial that was best in the original search. */
  originalBest: number;
  /** The trial whose mean beats the original best's, else null. */
  beatenBy: number | null;
  /** The seed standard deviation pooled over the configurations (null before two seeds of one finished). */
  pooledSd: number | null;
  /** Trials ended (with a result or failed) and planned. */
  done: number;
  total: number;
  /** Plain sentences computed from the figures ("Trials 12 and 31 are within seed noise of each other (±0.006)"). */
  sentences: string[];
}

/** The answer of a replay: the stored trial trained again from its stored configuration and seeds, and its curve compared. */
export interface ReplayResult {
  searchId: number;
  number: number;
  /** Every stored metric of every epoch (losses, accuracies, learning rate, gradient norms) equal bit for bit, and as many epochs. */
  identical: boolean;
  /** The kernel path the trial trained on (null when not recorded) and the one the replay used. */
  storedKernelPath: string | null;
  kernelPath: string;
  samePath: boolean;
  epochs: { stored: number; replayed: number };
  /** Epochs whose metrics differ in any bit. */
  differing: number;
  /** The first difference, in epoch order. */
  firstDifference: { fold: number; epoch: number; metric: string; stored: number | null; replayed: number | null } | null;
  /** The largest absolute difference over every compared value (0 when identical; null when a value is missing or not finite on one side). */
  maxAbsDifference: number | null;
  objective: { stored: number | null; replayed: number | null };
  /** The verdict in a sentence. */
  message: string;
}

/** Where a find matched: a project, a search or a trial, by its notes or one of its tags. */
export interface NoteHit {
  kind: 'project' | 'search' | 'trial';
  projectId: number;
  project: string;
  searchId: number | null;
  search: string | null;
  number: number | null;
  field: 'notes' | 'tag';
  /** The matching tag, or the notes around the match. */
  text: string;
}

/** Events pushed to every attached UI (batched by the host). */
export type PushEvent =
  | { type: 'roundStarted'; searchId: number; round: number; box: unknown }
  | { type: 'trialStarted'; searchId: number; trialId: number; number: number; round: number; knobs: Record<string, unknown> }
  | {
      type: 'epoch'; searchId: number; trialId: number; number: number; epoch: number; fold: number;
      trainLoss: number | null; valLoss: number | null; trainAccuracy: number | null; valAccuracy: number | null; valBalancedAccuracy: number | null;
      valRmse: number | null; valMae: number | null; valR2: number | null; lr: number | null; seconds: number | null;
    }
  | { type: 'trialFinished'; searchId: number; trialId: number; number: number; status: TrialStatus; objective: number | null; error: string | null }
  | { type: 'searchFinished'; searchId: number; status: SearchStatus; stopReason: string }
  | { type: 'changed'; what: 'projects' | 'searches' | 'datasets' }
  /**
   * Another process (the CLI, another Knobs window) wrote this search's trials or epochs: its own
   * events reach only its own UIs, so a UI showing the search reads it again (sent at most once a
   * second while that process writes, and once more when the search has stopped running there).
   */
  | { type: 'changedElsewhere'; searchId: number };

/** Why the database is open for reading only, and what to do to change it (`app.info`). */
export interface ReadOnlyInfo {
  /** Why, as a clause: "started with --read-only", "the file cannot be written (read-only or no permission)". */
  reason: string;
  /** What to do to change it, as a sentence naming the command ("Copy it to a folder you can write and open the copy: knobs serve --db COPY"). */
  remedy: string;
}

/** Every request: domain → method → (input) => output. */
export interface Api {
  app: {
    /**
     * Which Knobs answers: its version, kernel paths (fastest first), database file and host (null
     * when called directly, as tests do); `readOnly` when the database is open for reading only
     * (every request of WRITES is then refused, and the UI turns those actions off).
     */
    info(input: void): { version: string; kernels: string[]; database: string; host: 'electron' | 'browser' | null; readOnly: ReadOnlyInfo | null };
    /** The database's rolling backups, newest first (restore with "knobs restore FILE" while Knobs is closed). */
    backups(input: void): { dir: string; backups: { file: string; createdAt: string; bytes: number }[]; lastFailure: { message: string; at: string } | null };
    /** Copy the database now (safe while searches run). */
    backupNow(input: void): { file: string; createdAt: string; bytes: number };
    /** The words of the spec (train keys and their allowed values), so the editor never repeats them. */
    vocabulary(input: void): Vocabulary;
  };
  datasets: {
    list(input: void): DatasetSummary[];
    preview(input: { name: string }): DatasetPreview;
    /** `exclude` given: those columns are left out of `missingRows`' count; not given, the proposed ones (`leaveOut`) are. */
    /** `notMissing`: spellings read as missing by default ("none", "NA", …) that the file means as values. */
    previewCsv(input: { text: string; target?: string; exclude?: string[]; notMissing?: string[] }): CsvPreviewResult;
    /**
     * `exclude`: columns left out of the features; `missing: 'drop'`: rows with a missing cell in a used column are dropped (else refused);
     * `notMissing`: as in the preview, kept with the data set. The file kept holds only what is used.
     */
    importCsv(input: { name: string; text: string; target: string; task?: Task; exclude?: string[]; missing?: CsvMissing; notMissing?: string[] }): DatasetSummary;
    /** Import an IDX images file and labels file (MNIST format, gzip or not), sent as base64. */
    importIdx(input: { name: string; images: string; labels: string }): DatasetSummary;
    /** Sample images of an image data set (`imageShape` set). */
    images(input: { name: string; count: number }): ImageSamples;
    delete(input: { id: number }): { deleted: number };
  };
  projects: {
    list(input: void): ProjectSummary[];
    create(input: { name: string }): ProjectSummary;
    rename(input: { id: number; name: string }): ProjectSummary;
    setNotes(input: { id: number; notes: string }): ProjectSummary;
    setTags(input: { id: number; tags: string[] }): ProjectSummary;
    delete(input: { id: number }): { deleted: number };
    /** The project as one bundle file (searches, trials, curves, diagnostics, notes, its imported data sets), base64, with a file name to save it as. */
    exportBundle(input: { id: number }): { filename: string; data: string; bytes: number };
    /** Add the project in a bundle (base64) as a new project; nothing here is overwritten, a taken name becomes "name (2)"; a damaged, truncated or newer bundle is refused. */
    importBundle(input: { filename: string; data: string }): BundleImportResult;
  };
  searches: {
    list(input: { projectId?: number }): SearchSummary[];
    get(input: { id: number }): SearchDetail;
    validate(input: { spec: unknown }): SpecCheck;
    create(input: { spec: unknown; start?: boolean }): SearchSummary;
    start(input: { id: number }): SearchSummary;
    stop(input: { id: number }): SearchSummary;
    pause(input: { id: number }): SearchSummary;
    rename(input: { id: number; name: string }): SearchSummary;
    setNotes(input: { id: number; notes: string }): SearchSummary;
    setTags(input: { id: number; tags: string[] }): SearchSummary;
    delete(input: { id: number }): { deleted: number };
    /** Each knob's importance (fANOVA), computed when the number of finished trials changed since the last answer. */
    importance(input: { id: number; step?: number }): SearchImportance;
    /** For a TPE search (or coarse-to-fine within TPE): each knob's good and bad densities as the next proposal will see them; null for other strategies. */
    densities(input: { id: number }): DensityView | null;
    /** Where the good trials lie over two numeric knobs `x` and `y`, computed when the number of finished trials changed since the last answer. */
    surface(input: { id: number; x: string; y: string }): PairSurface;
    /**
     * Run the top `top` configurations of a search again with `seeds` model seeds each (and as many
     * data-split seeds with `splitSeeds`), as a child search of the same project; started unless `start` is false.
     */
    rerun(input: { id: number; top: number; seeds: number; splitSeeds?: boolean; start?: boolean }): SearchSummary;
    /** A re-run's spread (its sentences say when it has not finished), or a search's latest finished re-run's, naming newer unfinished ones (null when none has finished with a result). */
    seedSpread(input: { id: number }): SeedSpread | null;
    /** 2–6 searches (of any projects) side by side: best-so-far by trial and by time, best configurations, objectives, budgets. */
    /** `metric`: draw them by this metric (one of the answer's `comparable`) instead of their shared objective. */
    compare(input: { ids: number[]; metric?: ObjectiveMetric }): SearchComparison;
  };
  trials: {
    /**
     * Trials that started or finished since `since` (a cursor from the previous answer; '' for all),
     * so a live dashboard reloads only what changed. Merge by trial number: a row may come twice.
     * Answers are pages of at most 1,000 trials by number: with `more`, ask again with the same
     * `since` and `after` = the last number received, and keep the first page's cursor.
     */
    changes(input: { searchId: number; since: string; after?: number }): { cursor: string; trials: TrialSummary[]; more: boolean };
    /**
     * Every trial's validation curve (first fold, as 32-bit floats): what the overlay of all
     * curves draws (a trial's full curves come with trials.get). Pages of about 20,000 epochs: with `more`, ask again
     * with `after` = the last trial number received.
     */
    overlay(input: { searchId: number; after?: number }): Overlay;
    get(input: { searchId: number; number: number }): TrialDetail;
    setNotes(input: { searchId: number; number: number; notes: string }): TrialSummary;
    setTags(input: { searchId: number; number: number; tags: string[] }): TrialSummary;
    /** Train the trial again from its stored configuration and seeds and compare the curve with the stored one (bit for bit on the same kernel path). */
    replay(input: { searchId: number; number: number }): ReplayResult;
    /** Train the trial's configuration again and evaluate it on the test split; a second evaluation in a search needs `again: true`. */
    /** The trial's model over the plane of its data set's two features: trained again as a replay (its verdict said), then asked at every cell of a grid. */
    boundary(input: { searchId: number; number: number }): DecisionBoundary;
    /** A classification trial's precision and recall of one class (`positive`, by index; default its rarest) at every threshold of its model's probability for it, on its validation rows (every fold's, each answered by the model that held it out; trained again as a replay). */
    threshold(input: { searchId: number; number: number; positive?: number }): ThresholdCurve;
    evaluateTest(input: { searchId: number; number: number; again?: boolean }): TestEvaluation;
    /** The trial's diagnostics snapshots, gradient norms and findings (`targetError`: the error you would accept, 0–1). */
    diagnostics(input: { searchId: number; number: number; targetError?: number }): TrialDiagnostics;
  };
  experiments: {
    list(input: void): ExperimentInfo[];
    /** Create the experiment's searches in the "experiments" project and start them. */
    run(input: { id: string }): SearchSummary[];
    /** The latest run's searches and what they show (null when the experiment has not been run). */
    outcome(input: { id: string }): ExperimentOutcome | null;
  };
  notes: {
    /** Notes and tags holding `text` (case-insensitive), projects first, then searches, then trials. */
    find(input: { text: string; limit?: number }): NoteHit[];
  };
  playground: {
    surfaces(input: void): SurfaceInfo[];
    /** Run an optimizer (any of the spec's optimizer keys) from `start` for `steps` steps. */
    path(input: { surface: SurfaceInfo['id']; knobs: Record<string, unknown>; start: [number, number]; steps: number }): PathResult;
  };
  export: {
    /** Every started trial, or with `numbers` those trials only (the Trials tab's rows as filtered), by trial number; a number the search has not is refused. */
    trialsCsv(input: { searchId: number; numbers?: number[] }): { filename: string; csv: string };
    curvesCsv(input: { searchId: number }): { filename: string; csv: string };
    /** With `number`, that trial's matrix (a row per true class, a column per predicted one); without, every trial's, long format (trial, true_class, predicted_class, rows). */
    confusionCsv(input: { searchId: number; number?: number }): { filename: string; csv: string };
  };
}

/** "domain.method" names of every request. */
export type Channel = { [D in keyof Api]: `${D & string}.${keyof Api[D] & string}` }[keyof Api];
type Fn<C extends Channel> = C extends `${infer D}.${infer M}`
  ? D extends keyof Api
    ? M extends keyof Api[D]
      ? Api[D][M]
      : never
    : never
  : never;
/** The input type of a channel. */
export type InputOf<C extends Channel> = Fn<C> extends (input: infer I) => unknown ? I : never;
/** The output type of a channel. */
export type OutputOf<C extends Channel> = Fn<C> extends (input: never) => infer O ? O : never;

/** What implements the contract: each method may answer now or later. */
export type Handlers = {
  [D in keyof Api]: { [M in keyof Api[D]]: Api[D][M] extends (input: infer I) => infer O ? (input: I) => O | Promise<O> : never };
};

/**
 * A refused or failed request as it crosses a host (the HTTP body of a non-2xx answer, an IPC
 * answer with `ok: false`): `error` is written for the user, `kind` says what went wrong (bad
 * input and missing things are the user's to fix; `internal` is a bug), `issues` point at the
 * input's fields (`path` such as `name` or `train.lr`).
 */
export type ApiError = ErrorData;

/** What the Electron host answers a call with (a structured clone; errors travel as data, not as Error objects). */
export type IpcAnswer<T = unknown> = { ok: true; value: T } | ({ ok: false } & ApiError);

/** The bridge the Electron preload exposes as `window.knobs` (and nothing else). */
export interface KnobsBridge {
  /** Call one request of the contract; a refusal resolves as `{ ok: false, error, kind, issues }` (the renderer's api client throws it as a typed error). */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<IpcAnswer<OutputOf<C>>>;
  /** Listen to pushed events; returns a function that stops listening. */
  onPush(listener: (events: PushEvent[]) => void): () => void;
  /** Native dialogs (Electron only). */
  dialogs: {
    /** Pick a CSV file; resolves to its name and bytes (base64: the renderer reads them as UTF-8 or UTF-16, as the engine does), or null when cancelled. */
    openCsv(): Promise<{ name: string; data: string } | null>;
    /** Save text to a path the user picks; resolves to the path, or null when cancelled. */
    saveText(input: { filename: string; text: string }): Promise<string | null>;
    /** Save bytes (base64) to a path the user picks, e.g. a project bundle; resolves to the path, or null when cancelled. */
    saveBytes(input: { filename: string; data: string }): Promise<string | null>;
    /** Pick a project bundle (.knobs); resolves to its name and bytes (base64), or null when cancelled. */
    openBundle(): Promise<{ name: string; data: string } | null>;
  };
  /** Menu commands (shortcuts) forwarded to the page; returns a function that stops listening. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** Commands the app menu sends to the page. */
export type MenuCommand = 'new-search' | 'import-csv' | 'export-trials' | 'toggle-theme' | 'find';
