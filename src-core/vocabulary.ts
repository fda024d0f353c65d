/**
 * The words of Knobs, each list written once: statuses, stop reasons, the spec's choices, metric
 * names and the kinds of train keys. (Strategies are listed by their registry,
 * src-core/search/registry.ts, which also holds what each one does.) The engine derives its types from these
 * lists; the spec's schemas validate against them; the renderer reads them through the contract
 * (`app.vocabulary`) and never keeps its own copy. The database stores statuses as plain text
 * (no CHECK constraint), so adding a status is one line here.
 *
 * @example
 *   import { TRIAL_STATUSES, type TrialStatus } from '../vocabulary';
 *   const done = (s: TrialStatus) => FINISHED_TRIAL_STATUSES.includes(s);
 */

/** What a trial is doing or how it ended. */
export const TRIAL_STATUSES = ['queued', 'running', 'complete', 'early_stopped', 'pruned', 'diverged', 'failed', 'cancelled', 'interrupted'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

/**
 * Trials without a result: waiting, training, or cut short (by a pause, a stop, or a crash). A
 * resumed search runs them again with their knobs and seed.
 */
export const UNFINISHED_TRIAL_STATUSES = ['queued', 'running', 'interrupted', 'cancelled'] as const satisfies readonly TrialStatus[];
/** Trials that ended with a result (or a failure): every status but the unfinished ones. */
export const FINISHED_TRIAL_STATUSES: readonly TrialStatus[] = TRIAL_STATUSES.filter((s) => !(UNFINISHED_TRIAL_STATUSES as readonly string[]).includes(s));
/** How many trials of these counts by status ended, whatever their status. */
export function finishedCount(counts: Partial<Record<string, number>>): number {
  return FINISHED_TRIAL_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
}
/** Trials a pruner stopped early against the others: they have a result, but not a whole run's (best values and budgets ignore them). */
export const PRUNED_TRIAL_STATUSES = ['pruned'] as const satisfies readonly TrialStatus[];
/** Trials that ran their course with a result (complete, or stopped by early stopping at their best epoch): what a seed re-run ranks. */
export const RESULT_TRIAL_STATUSES = ['complete', 'early_stopped'] as const satisfies readonly TrialStatus[];
/** Trials that ended without a usable result (the trials table can hide them). */
export const FAILED_TRIAL_STATUSES = ['failed', 'diverged'] as const satisfies readonly TrialStatus[];

/** What a search is doing or how it ended. */
export const SEARCH_STATUSES = ['queued', 'running', 'paused', 'complete', 'cancelled', 'failed', 'interrupted'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];
/** Searches that ended (their finish time is recorded). */
export const ENDED_SEARCH_STATUSES = ['complete', 'cancelled', 'failed'] as const satisfies readonly SearchStatus[];
/** Searches that cannot be started again (duplicate them to run again); a stopped or failed one can be resumed. */
export const CLOSED_SEARCH_STATUSES = ['complete'] as const satisfies readonly SearchStatus[];

/**
 * The pruners a spec may name (`pruner.kind`), `none` first. Here rather than beside the `pruner`
 * schema (prune/schema.ts, which brings zod) so the contract and the renderer type their rules from it.
 */
export const PRUNER_KINDS = ['none', 'median', 'asha', 'hyperband'] as const;
export type PrunerKind = (typeof PRUNER_KINDS)[number];
/** The rule that stopped a trial: every pruner but `none`. */
export type PruneRule = Exclude<PrunerKind, 'none'>;

/** Why a training run stopped. */
export const STOP_REASONS = ['max_epochs', 'early_stopping', 'diverged', 'cancelled', 'error', 'pruned'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** Activations a hidden layer may use. */
export const ACTIVATIONS = ['relu', 'leaky_relu', 'elu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
/** Weight initializers. */
export const INITS = ['zeros', 'normal', 'uniform', 'xavier_normal', 'xavier_uniform', 'he_normal', 'he_uniform', 'lecun_normal'] as const;
export type InitName = (typeof INITS)[number];
/** Optimizers, following torch.optim's update rules. */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
/** How the classes weigh in a classification loss: alike per row, or each class as a whole alike (sklearn's and Keras's "balanced": rows / (classes × the class's rows)). */
export const CLASS_WEIGHTS = ['none', 'balanced'] as const;
export type ClassWeights = (typeof CLASS_WEIGHTS)[number];
/** Learning-rate schedules. */
export const LR_SCHEDULES = ['constant', 'step', 'exponential', 'inverse_time', 'cosine'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

/**
 * Metrics early stopping may watch (and the best epoch is chosen by): the loss or accuracy, or a
 * regression's RMSE, MAE or R² in the target's units, so a search optimizing val_mae can stop
 * and restore at val_mae's best epoch rather than the loss's.
 */
export const MONITORS = ['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2'] as const;
export type Monitor = (typeof MONITORS)[number];
/** Metrics a search may optimize. */
export const OBJECTIVE_METRICS = ['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'val_rmse', 'val_mae', 'val_r2', 'train_loss'] as const;
export type ObjectiveMetric = (typeof OBJECTIVE_METRICS)[number];
/** The metrics a task's trials report (the others stay empty): accuracy for classes, errors and R² for a regression target. */
export const TASK_METRICS = {
  classification: ['val_loss', 'val_accuracy', 'val_balanced_accuracy', 'train_loss'],
  regression: ['val_loss', 'val_rmse', 'val_mae', 'val_r2', 'train_loss'],
} as const satisfies Record<'classification' | 'regression', readonly ObjectiveMetric[]>;
/** Metrics where higher is better: their default direction is `maximize`. */
export const MAXIMIZED_METRICS = ['val_accuracy', 'val_balanced_accuracy', 'val_r2'] as const satisfies readonly ObjectiveMetric[];
export type Direction = 'minimize' | 'maximize';
/** The values each metric can take: losses and errors are never below 0, accuracy lies in [0, 1], R² is at most 1. */
export const METRIC_RANGES = {
  val_loss: [0, Infinity],
  val_accuracy: [0, 1],
  val_balanced_accuracy: [0, 1],
  val_rmse: [0, Infinity],
  val_mae: [0, Infinity],
  val_r2: [-Infinity, 1],
  train_loss: [0, Infinity],
} as const satisfies Record<ObjectiveMetric, readonly [number, number]>;

/** The direction a metric wants when the spec does not say. */
export function defaultDirection(metric: string): Direction {
  return (MAXIMIZED_METRICS as readonly string[]).includes(metric) ? 'maximize' : 'minimize';
}

/** Train keys that take whole numbers (a float knob on them is refused). */
export const INT_TRAIN_KEYS = ['epochs', 'batchSize', 'depth', 'hiddenUnits', 'lrStepEpochs', 'warmupEpochs'] as const;
/** Train keys that take true or false. */
export const BOOLEAN_TRAIN_KEYS = ['batchNorm'] as const;
/** Train keys whose own values are objects: an object given for one is its value, never a bundle of other train keys (as a categorical knob's `{ "init": "normal", "initScale": 0.01 }` is). */
export const OBJECT_TRAIN_KEYS = ['earlyStopping'] as const;

/** Input scaling, fitted on the training rows only. */
export const PREPROCESS = ['none', 'minmax', 'zscore'] as const;
export type Preprocess = (typeof PREPROCESS)[number];
/**
 * Scaling of a regression target, fitted on the training rows only: `zscore` trains on (y − mean) / std
 * and reports every metric back in the target's own units; `log` does the same on ln(1 + y), for a
 * target of values ≥ 0 spread over decades (prices, counts, durations), its predictions turned back
 * by exp(·) − 1; `none` trains on y as it is. Classification ignores it.
 */
export const TARGET_PREPROCESS = ['zscore', 'log', 'none'] as const;
/**
 * A column's skewness from which its values count as a long tail (most small, a few far larger):
 * drawn over log10 where all are above 0, and, for a regression target ≥ 0 standardised as it is,
 * named with `log` proposed. A log-normal of σ = 0.6 is about this skewed; 1 counts as "highly
 * skewed" in the textbooks, so 2 names only a tail the squared loss will be ruled by.
 */
export const LONG_TAIL_SKEW = 2;
export type TargetPreprocess = (typeof TARGET_PREPROCESS)[number];
/** Built-in data set names shipped in resources/datasets. */
export const BUILTIN_DATASETS = ['digits', 'iris', 'wine', 'breast_cancer'] as const;
/** Seeded synthetic generators. */
export const SYNTHETIC_DATASETS = ['moons', 'circles', 'spirals', 'xor', 'blobs', 'sine'] as const;
export type SyntheticName = (typeof SYNTHETIC_DATASETS)[number];
/** What a data set's target asks for. */
export const TASKS = ['classification', 'regression'] as const;

/** What a CSV cell reads as missing, in lower case (any case matches; spaces around are the reader's to trim): the import refuses such cells unless told to drop their rows, and its preview marks them. */
export const MISSING_CELLS = ['', 'na', 'n/a', '#n/a', '<na>', 'nan', '-nan', 'null', 'none', '?'] as const;
export type Task = (typeof TASKS)[number];
/** What a synthetic data set asks a model to do: sine is a regression target, the others are classes (the editor reads it to offer target scaling). */
export function syntheticTask(name: SyntheticName): Task {
  return name === 'sine' ? 'regression' : 'classification';
}
/** What a CSV import does with a row that has a missing cell in a column it uses: refuse the file (the default; Knobs does not impute) or drop the row. */
export const CSV_MISSING = ['refuse', 'drop'] as const;
export type CsvMissing = (typeof CSV_MISSING)[number];
/**
 * Which CSV cells read as numbers: `any-format` (the default) reads numbers as spreadsheets of any
 * locale write them: with a currency or percent sign, thousands separated by commas ("$1,234.50",
 * "45%", "1,200"), and, where the comma is the decimal one, by points ("1.234,50") or spaces
 * ("1 234,50"), and negatives as ledgers write them ("(1,234.50)", "1.234,50-");
 * `any-locale` reads all but those negatives, `with-units` signs and comma thousands only, each as
 * Knobs did before it read the rest (a search stored with one is read so, and replays as it ran);
 * `plain` reads only plain numbers (and decimal commas in files separated by semicolons or tabs),
 * as Knobs did before it read signs: a stored spec without the key is read so (`storedSpecInput`).
 */
export const CSV_NUMBERS = ['any-format', 'any-locale', 'with-units', 'plain'] as const;
export type CsvNumbers = (typeof CSV_NUMBERS)[number];
/** How a new spec (and a file read without one) reads a CSV's numbers. */
export const DEFAULT_CSV_NUMBERS: CsvNumbers = 'any-format';

/** How long a name (project, search, data set), a tag and notes may be, in characters; how many tags one thing may have. */
export const TEXT_LIMITS = { name: 200, tag: 60, tags: 50, notes: 100_000 } as const;

/** Most classes a confusion matrix is counted for (50 × 50 cells an epoch; a matrix of hundreds of classes is no table to read): the trial drawer says so in its place. */
export const CONFUSION_MAX_CLASSES = 50;
/** Most validation rows a regression trial keeps its predictions of (evenly spaced over them beyond that), for the trial drawer's predicted-against-actual chart. */
export const PREDICTIONS_MAX_ROWS = 500;

/** Most different texts a CSV's feature column may hold: one-hot encoding makes a feature of each; the import refuses more, the dialog says so first. */
export const CSV_MAX_CATEGORIES = 100;
/** Most classes a CSV's target may have (a text column of more is names or identifiers, not classes to learn): the import refuses more, the dialog says so first. */
export const CSV_MAX_CLASSES = 1000;
