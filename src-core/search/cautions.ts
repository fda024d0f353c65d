import type { Dataset } from '../data/types';
import { distinctFeatureRows, REPEATS_SAID_FROM, repeatedRows } from '../data/repeats';
import type { Issue } from '../errors';
import { trainConfigOf, type ParamSpec, type Spec } from '../spec/spec';
import { holdoutValRows, trainRowsOf } from '../spec/checks';
import { RARE_SHARE, rareClasses, shareText } from '../analysis/classes';
import { featuresOutnumber, longTail, targetFacts } from '../diagnostics/findings';
import { proseFigure } from '../format';
import { defaultDirection } from '../vocabulary';
import { budgetPlan, definitionOf, plannedTrials } from './registry';

/**
 * Cautions: settings that are valid but will not do what they seem to with this spec, each at its
 * key, said before the search runs (the editor's footer, `knobs run`). A search with cautions still
 * runs; an issue (a setting that cannot work) stops it instead. Each strategy adds its own
 * (`StrategyDefinition.cautions`); the ones here hold for every strategy.
 */
export function specCautions(spec: Spec): Issue[] {
  const planned = plannedTrials(spec);
  const out: Issue[] = [...(definitionOf(spec).cautions?.(spec as never, planned) ?? [])];
  // A budget smaller than the strategy's own plan (a grid's points, coarse-to-fine's rounds): what it leaves out, in the strategy's words.
  const plan = budgetPlan(spec.strategy, { trials: spec.budget.trials }, spec.space);
  if (plan.cuts !== null) out.push({ path: 'budget.trials', message: `${plan.note.charAt(0).toLowerCase()}${plan.note.slice(1)}` });
  const { metric, direction } = spec.objective;
  const usual = defaultDirection(metric);
  if (direction !== usual) {
    out.push({ path: 'objective.direction', message: `${direction}s ${metric}, which is better ${usual === 'maximize' ? 'higher' : 'lower'}: the "best" trial will be the worst model (leave direction out to ${usual} it)` });
  }
  if (spec.pruner.kind !== 'none' && spec.pruner.startupTrials >= planned) {
    out.push({ path: 'pruner.startupTrials', message: `the pruner waits for ${spec.pruner.startupTrials} finished trials before it stops any, and this search runs ${planned}: it will never prune (lower startupTrials or raise the budget)` });
  }
  // A regression objective read at the loss's best epoch where the two part ways (MAE against squared errors; any metric against a loss on ln(1 + target)).
  const es = 'earlyStopping' in spec.space ? null : trainConfigOf(spec).earlyStopping;
  if (es && es.monitor === 'val_loss' && (metric === 'val_mae' || (spec.targetPreprocess === 'log' && (metric === 'val_rmse' || metric === 'val_r2')))) {
    const loss = spec.targetPreprocess === 'log' ? 'the squared error of ln(1 + target)' : 'the squared error';
    out.push({
      path: 'train.earlyStopping.monitor',
      message: `early stopping watches val_loss (${loss}), so each trial's best epoch, where its ${metric} is read${es.restoreBest ? ' and its weights restored' : ''}, is the loss's best, not ${metric}'s; set "monitor": "${metric}" to stop and choose the best epoch by ${metric}`,
    });
  }
  if (!Object.values(spec.space).some(moves)) {
    out.push({ path: 'space', message: `no knob moves: all ${planned} trials train the same configuration and only their seeds differ (add a knob with a range, or two or more values, to search)` });
  }
  return out;
}

/** The numbers a moving knob can reach: a categorical's numeric values; a range's ends and the values it lists besides. */
function knobNumbers(p: Exclude<ParamSpec, { type: 'fixed' }>): number[] {
  return p.type === 'categorical' ? p.values.filter((v): v is number => typeof v === 'number') : [p.low, p.high, ...(p.values ?? [])];
}

/** Whether a knob of the space takes more than one value. */
export function moves(p: ParamSpec): boolean {
  if (p.type === 'fixed') return false;
  if (p.type === 'categorical') return p.values.length > 1;
  return p.low < p.high;
}

/**
 * Cautions about the data as loaded: rows that repeat another row exactly (from 1% of them: a split
 * puts copies on both sides), said at `dataset`; CSV feature columns that look like a row's
 * identifier (a different value in every row: an index, an id, a name), read as features though
 * they tell the model nothing about a new row (an index can even rank rows by when they were
 * collected), and columns that tell the target exactly (a copy of the answer), both said at
 * `dataset.exclude`, the key that leaves them out; a regression target ≥ 0 with a long tail
 * standardised as it is, said at `targetPreprocess` (the finding "The target is skewed" says the
 * same of a trial, on its training rows); a rare class while the objective is not balanced
 * accuracy, said at `objective.metric` (the finding "Misses the rare class" says it of a trial); more
 * features than training rows, said at `dataset` (the finding "Overfitting" says it of a trial); and
 * what the split makes of its rows (rowCautions: a batch past them, a hold-out of few).
 */
export function dataCautions(dataset: Pick<Dataset, 'idLikeColumns' | 'answerColumns' | 'task' | 'y' | 'targetName' | 'classNames'> & Partial<Pick<Dataset, 'nFeatures' | 'featureNames'>> | Dataset, spec: Pick<Spec, 'dataset' | 'targetPreprocess' | 'objective' | 'train' | 'space' | 'split'>): Issue[] {
  const out: Issue[] = [];
  // Rows as loaded (a generator's labels counted without its points have none to compare).
  const repeated = 'x' in dataset ? repeatsCaution(dataset) : null;
  if (repeated) out.push(repeated);
  const ids = dataset.idLikeColumns ?? [];
  const already = 'csv' in spec.dataset ? spec.dataset.exclude ?? [] : [];
  if (ids.length > 0) {
    const named = ids.map((c) => `"${c}"`).join(', ');
    const one = ids.length === 1;
    out.push({
      path: 'dataset.exclude',
      message: `${named} ${one ? 'holds' : 'hold'} a different value in every row, as an identifier does, and ${one ? 'is' : 'are'} read as ${one ? 'a feature' : 'features'} ` +
        `that tell${one ? 's' : ''} the model nothing about a new row; leave ${one ? 'it' : 'them'} out with "exclude": ${JSON.stringify([...already, ...ids])}`,
    });
  }
  const answers = dataset.answerColumns ?? [];
  if (answers.length > 0) {
    const one = answers.length === 1;
    const named = answers.map((c) => `"${c}"`).join(', ');
    out.push({
      path: 'dataset.exclude',
      message: `${named} ${one ? 'tells' : 'each tell'} "${dataset.targetName}" exactly, as a copy of the answer would: a new row would not have ${one ? 'it' : 'them'}, and every trial learns ${one ? 'it' : 'them'} and nothing else; ` +
        `unless ${one ? 'it is' : 'they are'} known before the answer is, leave ${one ? 'it' : 'them'} out with "exclude": ${JSON.stringify([...already, ...ids, ...answers])}`,
    });
  }
  if (dataset.task === 'regression' && spec.targetPreprocess === 'zscore') {
    const t = targetFacts(dataset.y, Int32Array.from(dataset.y, (_, i) => i), 'zscore');
    if (longTail(t)) {
      out.push({
        path: 'targetPreprocess',
        message: `"${dataset.targetName}" runs from ${proseFigure(t.min!)} to ${proseFigure(t.max!)} (median ${proseFigure(t.median!)}, skewness ${proseFigure(Number(t.skew!.toPrecision(3)))}): ` +
          'standardised as it is, the squared loss is ruled by its few largest values; "log" trains on ln(1 + target) and usually lowers val_mae',
      });
    }
  }
  const alone = dataset.task === 'classification' ? loneClassesCaution(dataset) : null;
  if (alone) out.push(alone);
  const rare = !alone && dataset.task === 'classification' && spec.objective.metric !== 'val_balanced_accuracy' ? rareClassCaution(dataset, spec) : null;
  if (rare) out.push(rare);
  const wide = dataset.nFeatures !== undefined ? featuresCaution(dataset.nFeatures, keptFeatures(dataset, [...ids, ...answers]), dataset.y.length, dataset.targetName, spec) : null;
  if (wide) out.push(wide);
  out.push(...rowCautions(dataset.y.length, spec));
  return out;
}

/**
 * Rows that repeat another row exactly (every feature and the target), from REPEATS_SAID_FROM of
 * the rows: a split puts copies of one row on both sides, and the validation rows then score data
 * the model trained on. Not said where the features are coarse (distinctFeatureRows): rows alike
 * there are not copies.
 */
export function repeatsCaution(dataset: Dataset): Issue | null {
  const repeats = repeatedRows(dataset);
  if (repeats < 2 || repeats < REPEATS_SAID_FROM * dataset.nRows) return null;
  // Coarse features (half as many different rows of them as rows, or fewer: a yes/no column left after an id, a time and a
  // measurement were left out) make rows alike by themselves; those are not copies to remove, and a new row would be alike too.
  if (distinctFeatureRows(dataset) <= dataset.nRows / 2) return null;
  return {
    path: 'dataset',
    message: `${repeats} of ${dataset.nRows} rows (${shareText(repeats / dataset.nRows)}) repeat another row exactly (every feature and the target): a split puts copies on both sides, ` +
      'so validation rows score data the model trained on and flatter every trial. ' +
      // Images (IDX, digits) are not a table pandas reads.
      (dataset.imageShape ? 'Remove the repeated images from the files unless each is a sample of its own' : 'Remove the copies from the file (pandas: df.drop_duplicates()) unless each is an event of its own'),
  };
}

/** What the split makes of a data set of `rows` rows: a batch past a fold's training rows, a hold-out of few validation rows. */
export function rowCautions(rows: number, spec: Pick<Spec, 'train' | 'space' | 'split' | 'objective'>): Issue[] {
  return [batchCaution(rows, spec), fewValidationRows(rows, spec)].filter((c): c is Issue => c !== null);
}

/** Below this many validation rows a hold-out's score moves by more than 5% with one row: said before the search. */
export const FEW_VALIDATION_ROWS = 20;

/**
 * A hold-out that validates on fewer than FEW_VALIDATION_ROWS rows: each trial's score rests on those
 * few, so trials differ by which rows they got right as much as by their knobs (an accuracy moves in
 * steps of 1/rows), and the search ranks that luck. k-fold validates on every row outside the test
 * split, each once.
 */
function fewValidationRows(rows: number, spec: Pick<Spec, 'split' | 'objective'>): Issue | null {
  const val = holdoutValRows(rows, spec.split);
  if (val === null || val >= FEW_VALIDATION_ROWS) return null;
  const outside = rows - Math.round(spec.split.test * rows);
  const k = Math.max(2, Math.min(5, outside));
  const accuracy = spec.objective.metric === 'val_accuracy' || spec.objective.metric === 'val_balanced_accuracy';
  const step = accuracy ? `: one row moves ${spec.objective.metric} by ${Number((100 / val).toPrecision(2))}%` : '';
  return {
    path: 'split.val',
    message: `the hold-out validates on ${val === 1 ? '1 row' : `${val} rows`} of ${rows}${step}, so trials differ by which rows they get right as much as by their knobs; ` +
      `k-fold ("split": { "kind": "kfold", "k": ${k} }) validates every trial on all ${outside} rows outside the test split`,
  };
}

/**
 * A batch larger than the rows a fold trains on: the trainer takes them all in one batch (a step per
 * epoch), so a fixed batch size says what it does not do, and a batchSize knob's values above the
 * training rows all train alike: trials the search spends on one configuration.
 */
export function batchCaution(rows: number, spec: Pick<Spec, 'train' | 'space' | 'split'>): Issue | null {
  const train = trainRowsOf(rows, spec.split);
  const knob = spec.space.batchSize;
  const fold = spec.split.kind === 'holdout' ? `the ${train} training rows` : `the ${train} rows each fold trains on`;
  if (knob === undefined || knob.type === 'fixed') {
    // The default batch (32) on a small file is not a choice the person made: no caution for it.
    const size = knob?.type === 'fixed' ? Number(knob.value) : spec.train.batchSize;
    if (size === undefined || !(size > train)) return null;
    return {
      path: knob ? 'space.batchSize' : 'train.batchSize',
      message: `a batch of ${size} is more than ${fold}: each epoch is one step on all of them (full-batch gradient descent); a batch of ${train} says so, and a smaller one takes more, noisier steps`,
    };
  }
  const values = knobNumbers(knob);
  const above = [...new Set(values.filter((v) => v > train))].sort((a, b) => a - b);
  if (above.length === 0) return null;
  if (knob.type !== 'categorical' && knob.low >= train && (knob.values ?? []).every((v) => v >= train)) {
    return { path: 'space.batchSize', message: `every batchSize the knob takes (${knob.low} to ${knob.high}) is at least ${fold}: each trial takes one full batch a step, so the knob changes nothing (search below ${train}, or leave it out)` };
  }
  if (knob.type === 'categorical' && above.length === 1) {
    return { path: 'space.batchSize', message: `batchSize ${above[0]} is more than ${fold}: it trains as one full batch a step, as a batch of ${train} would` };
  }
  const which = knob.type === 'categorical'
    ? `its values ${above.slice(0, -1).join(', ')} and ${above[above.length - 1]} ${above.length === 2 ? 'both' : 'all'} train alike`
    : `its values above ${train} (up to ${Math.max(...above)}) all train alike`;
  return {
    path: 'space.batchSize',
    message: `batchSize reaches past ${fold}: ${which}, as one full batch a step, so trials there repeat one configuration (${knob.type === 'categorical' ? 'keep one of them' : `lower its high to ${train}`})`,
  };
}

/**
 * More features than the rows a fold trains on (gene expression: thousands of columns over a hundred
 * samples): every trial can fit its training rows by patterns that hold only there, however its
 * knobs are set. Not said where the columns another caution proposes to leave out (identifiers,
 * one-hot encoded into a feature per row) are what make them outnumber the rows. Said at `dataset`,
 * with the regularizers the space does not search yet (an l2 knob reaching L2_WIDE_HIGH, dropout)
 * and the other ways out (a small network, fewer columns of a CSV, more rows of images).
 */
function featuresCaution(features: number, kept: number, rows: number, target: string, spec: Pick<Spec, 'dataset' | 'space' | 'split'>): Issue | null {
  const train = trainRowsOf(rows, spec.split);
  const said = featuresOutnumber(features, train);
  // Identifiers one-hot encoded (a name per row) make as many features as rows: leaving them out, as their caution says, is the cure.
  if (!said || kept <= train) return null;
  const l2 = spec.space.l2;
  const reach = l2 === undefined || l2.type === 'fixed' ? 0 : Math.max(0, ...knobNumbers(l2));
  const missing = [
    ...(reach < L2_WIDE_HIGH ? [`an l2 knob up to ${L2_WIDE_HIGH * 10}`] : []),
    ...('dropout' in spec.space ? [] : ['dropout']),
  ];
  return {
    path: 'dataset',
    message: `${said.charAt(0).toLowerCase()}${said.slice(1, -1)}; to hold the trials back, ` +
      `${missing.length > 0 ? `search ${missing.join(' and ')}, ` : ''}keep the hidden layers small, ` +
      // Only a CSV has columns to leave out; images (IDX) have pixels.
      `${'csv' in spec.dataset ? `or leave out columns that cannot bear on "${target}" with "exclude"` : 'or train on more rows'}`,
  };
}

/** The features left once the columns named (identifiers, copies of the answer) are left out: a column's own, or its one-hot `column=value`s. */
function keptFeatures(dataset: { nFeatures?: number; featureNames?: string[] }, columns: string[]): number {
  if (!dataset.featureNames || columns.length === 0) return dataset.nFeatures ?? 0;
  return dataset.featureNames.filter((f) => !columns.some((c) => f === c || f.startsWith(`${c}=`))).length;
}

/** An l2 knob that reaches this or more can hold back a network of more features than rows; below it, the caution proposes one up to ten times this. */
const L2_WIDE_HIGH = 0.01;

/** From this share of the rows (and 5 rows) alone in their class, the target is cautioned as no classes to learn. */
export const LONE_CLASS_ROWS = 0.2;

/**
 * A target whose rows are mostly alone in their class (from LONE_CLASS_ROWS of them): a validation
 * row whose class no training row has cannot be answered right, and a training row teaches a class
 * no validation row asks for. A name, a time or a code per row is no class to learn (a duration
 * "1:02:00" chosen as the target read as 148 classes in 150 rows, and trained to 0% validation
 * accuracy with nothing said).
 */
export function loneClassesCaution(dataset: Pick<Dataset, 'y' | 'targetName' | 'classNames'>): Issue | null {
  const counts = new Map<number, number>();
  for (const y of dataset.y) counts.set(y, (counts.get(y) ?? 0) + 1);
  const alone = [...counts.values()].filter((c) => c === 1).length;
  const rows = dataset.y.length;
  if (alone < 5 || alone < LONE_CLASS_ROWS * rows) return null;
  return {
    path: 'dataset',
    message: `${alone} of the ${rows} rows (${shareText(alone / rows)}) are the only row of their class in "${dataset.targetName}" (${counts.size} classes): ` +
      'a validation row whose class no training row has cannot be answered right, and a training row teaches a class no validation row asks for, so no trial can do well. ' +
      'A different text in nearly every row (a name, a time, a code) is no class to learn: choose another target, or, if it is a quantity, write it as numbers and read it as a regression ("task": "regression")',
  };
}

/**
 * Classes some of which are rare (less than RARE_SHARE of an even share of the rows: `rareClasses`) while
 * the objective is not balanced accuracy: a model that always answers the common class scores well
 * on accuracy (and is not far off on the loss), so the search may rank such trials first.
 */
function rareClassCaution(dataset: Pick<Dataset, 'y' | 'targetName' | 'classNames'>, spec: Pick<Spec, 'objective' | 'train' | 'space'>): Issue | null {
  const counts: number[] = [];
  for (const y of dataset.y) counts[y] = (counts[y] ?? 0) + 1;
  // Every class the data set names, those without a row too (an even share is of them all).
  const present = Array.from({ length: Math.max(counts.length, dataset.classNames?.length ?? 0) }, (_, i) => counts[i] ?? 0);
  const r = rareClasses(present);
  if (!r) return null;
  const name = (i: number): string => `"${dataset.classNames?.[i] ?? i}"`;
  const rarest = r.rare[0];
  const others = r.rare.length > 1 ? ` (and ${r.rare.length - 1} more class${r.rare.length > 2 ? 'es' : ''} below ${shareText(RARE_SHARE / present.length)})` : '';
  const weighted = spec.train.classWeights === 'balanced' || 'classWeights' in spec.space;
  return {
    path: 'objective.metric',
    message: `${name(rarest)} is ${shareText(present[rarest] / r.rows)} of the rows of "${dataset.targetName}" (${present[rarest]} of ${r.rows})${others}: ` +
      `always answering ${name(r.top)} scores val_accuracy ${proseFigure(Number((present[r.top] / r.rows).toFixed(3)))} without finding one, so ${spec.objective.metric} may rank such models first; ` +
      `"val_balanced_accuracy" (the mean recall over classes) scores it ${proseFigure(Number((1 / r.present).toFixed(3)))}` +
      `${weighted ? '' : ', and "classWeights": "balanced" weighs every class alike in the loss'}`,
  };
}
