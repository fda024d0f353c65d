import { balancedAccuracy, RARE_SHARE, rareClasses } from '../analysis/classes';
import { pluralCount } from '../format';
import { meanOverFolds } from '../train/trainer';
import type { EpochMetrics } from '../train/types';
import { LONG_TAIL_SKEW, type StopReason, type TargetPreprocess, type Task } from '../vocabulary';
import {
  alike, chanceLevel, EVIDENCE_LIMITS, findRebound, findSpike, findValJump, fmtKnob, fmtNum, fmtSetting, isPower, clipAdvice, largeInit, lowerLrAdvice, slowLr, outputOf, outputScale, pct, smallerInitAdvice, times, weightGrowth,
  type ChanceLevel, type ConfigHints, type Rebound, type Spike, type ValJump,
} from './evidence';
import type { DiagnosticSnapshot, LayerStats } from './stats';

/** What a finding is about. */
export type FindingKind =
  | 'unscaled_target'
  | 'skewed_target'
  | 'divergence'
  | 'exploding_activations'
  | 'worse_than_constant'
  | 'unstable_training'
  | 'vanishing_gradients'
  | 'exploding_gradients'
  | 'dead_units'
  | 'saturation'
  | 'collapsed_activations'
  | 'not_learning'
  | 'rare_class_missed'
  | 'high_bias'
  | 'high_variance'
  | 'good_fit'
  | 'no_fit_reading';

/** A plain-words reading of a trial, with the numbers that support it and the usual advice. */
export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  title: string;
  /** The evidence, in words with the figures. */
  detail: string;
  advice: string;
  /** 1-based layer the finding is about, where it is about one. */
  layer?: number;
  epoch?: number;
}

const THRESHOLDS_DEAD = 0.5;

/** Thresholds of every finding; exported so the UI can say what triggered what. */
export const THRESHOLDS = {
  /** First-layer gradient norm below this fraction of the output layer's: vanishing. */
  vanishingRatio: 1e-2,
  /** Any gradient norm below this: vanishing, whatever the ratio. */
  vanishingAbsolute: 1e-7,
  /** Any gradient norm above this, or first/last ratio above `explodingRatio`: exploding. */
  explodingAbsolute: 1e3,
  explodingRatio: 1e2,
  /** Fraction of ReLU units dead on the probe batch. */
  dead: THRESHOLDS_DEAD,
  /** Fraction of sigmoid/tanh outputs in the flat tails. */
  saturated: 0.5,
  /** Std of a deep layer's outputs below this: activations collapsed to one value. */
  collapsedStd: 1e-3,
  /** The training loss fell by less than this fraction from the first epoch: not learning. */
  notLearning: 0.05,
  /** A loss within this factor of the chance level (either side) is "at chance"; above it, worse than a constant. */
  chanceBand: 1.1,
  /** Regression: validation R² below −this is worse than predicting the mean; within ±this, no better. */
  r2Band: 0.1,
  /**
   * Classification: a class holding less than this fraction of an even share of the validation rows
   * (1 / classes) is rare; one with at least `rareRows` rows of which the model finds fewer than
   * `rareRecall` is named as missed.
   */
  rareShare: RARE_SHARE,
  rareRows: 5,
  rareRecall: 0.5,
  /** …and an accuracy within this of what always answering the most frequent class scores "says little" (above it, "little about them"). */
  rareAccuracyNear: 0.05,
  /** Classification: error gaps (absolute) counted as high bias / high variance. */
  biasGap: 0.05,
  varianceGap: 0.05,
  /** Regression: (val − train) / train above this is high variance; R² below `lowR2` high bias. */
  varianceRatio: 0.5,
  lowR2: 0.7,
  /** The training loss still falling by more than this fraction per epoch at the end: train longer. */
  stillFalling: 0.01,
  /**
   * A run that hit its epoch limit after fewer weight updates than this (epochs × batches per epoch)
   * and underfits or stalls: too short, whatever the network's size. Iris' 90 training rows in
   * batches of 128 for 30 epochs are 30 updates (17.8% training error, "use a bigger network"); the
   * same for 300 epochs fit (6.7%).
   */
  fewUpdates: 500,
  /** Best validation loss at the first epoch, later this many times higher: the run got worse from the start. */
  earlyBestRise: 1.25,
  /**
   * Regression trained on the target as it is: a target whose mean or standard deviation is above
   * this in size is named as the cause. The inputs are standardised and the initializers are made for
   * outputs of spread about 1 around 0, so the first predictions are about 0 ± 1; the output must
   * grow a hundredfold or more to reach the target. An adaptive optimizer (Adam) moves each weight
   * by about lr per step, so it needs a hundred or more times the steps; plain SGD's steps grow with
   * the error (hundreds or more) and blow up instead. Either way the learning rate is not the cause.
   */
  unscaledTarget: 100,
  /** Regression standardised as it is (`zscore`), every value ≥ 0: a skewness of the training rows' target at or above this (LONG_TAIL_SKEW) is named, and `log` proposed. */
  skewedTarget: LONG_TAIL_SKEW,
  ...EVIDENCE_LIMITS,
} as const;

/** Everything `findingsOf` reads. */
export interface FindingsInput {
  task: Task;
  /** Epoch metrics of the first fold (hold-out: the only one). */
  epochs: EpochMetrics[];
  /** Every fold's epochs (k-fold, leave-one-out); divergence and spikes are looked for in each. */
  folds?: EpochMetrics[][];
  /** The split has several folds (k-fold, leave-one-out), even when only the first was trained (it diverged). */
  crossValidated?: boolean;
  /** The trial's best epoch (k-fold: the mean over folds, read on the mean curve); null when no epoch gave a finite value. */
  bestEpoch: number | null;
  stopReason: StopReason;
  snapshots: DiagnosticSnapshot[];
  /** Error you would accept (e.g. human-level error), as a fraction for classification. */
  targetError?: number;
  /** Classes: the validation rows at the best epoch by true class (row) and answer (column), with the classes' names (k-fold: every fold's, added up). */
  confusion?: { classes: string[]; counts: number[][] };
  /** The search's objective metric (the advice says whether it already is the one that would help). */
  metric?: string;
  /** Rows per class: the chance level is the entropy of these frequencies (else ln of the output width). */
  classCounts?: number[];
  /** The trial's settings, so the advice can name them (lr, optimizer, initializer, activation…). */
  config?: ConfigHints;
  /** The first fold's training rows: with the batch size, how many weight updates an epoch made. */
  trainRows?: number;
  /** The network's inputs (features after one-hot encoding): more of them than training rows is named as the cause of overfitting. */
  features?: number;
  /**
   * Regression: whether the network trained on the standardised target (`targetPreprocess`), on
   * ln(1 + target) (`log`), and the target's figures on the training rows where known
   * (`targetFacts`). Without the figures an unscaled target's spread is read from the curves (the
   * loss of predicting the mean).
   */
  target?: TargetFacts;
}

/** How a regression trial saw its target, and the target's figures on the training rows (of the target as it is, not as scaled). */
export interface TargetFacts {
  scaled: boolean;
  /** Trained on ln(1 + target) (`"targetPreprocess": "log"`). */
  log?: boolean;
  mean?: number;
  std?: number;
  min?: number;
  median?: number;
  max?: number;
  /** Skewness (the third standardised moment, population). */
  skew?: number;
}

/** Values ≥ 0 with a long tail (skewness ≥ THRESHOLDS.skewedTarget): what "The target is skewed" and the data's caution name. */
export const longTail = (t: TargetFacts): boolean => t.skew !== undefined && t.skew >= THRESHOLDS.skewedTarget && t.min !== undefined && t.min >= 0;

/** A regression target's figures over some (training) rows, and how the trial scaled it. */
export function targetFacts(y: ArrayLike<number>, rows: ArrayLike<number>, kind: TargetPreprocess): TargetFacts {
  const v = Float64Array.from(rows, (r) => y[r]).sort();
  const n = v.length;
  const scaled = { scaled: kind !== 'none', ...(kind === 'log' ? { log: true } : {}) };
  if (n === 0) return scaled;
  let mean = 0;
  for (const x of v) mean += x / n;
  let m2 = 0;
  let m3 = 0;
  for (const x of v) {
    m2 += (x - mean) ** 2 / n;
    m3 += (x - mean) ** 3 / n;
  }
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return { ...scaled, mean, std: Math.sqrt(m2), min: v[0], median, max: v[n - 1], ...(m2 > 0 ? { skew: m3 / m2 ** 1.5 } : {}) };
}

/** What the rules share: the curves, the chance level, the blow-up evidence and its likely cause. */
interface Context {
  input: FindingsInput;
  folds: EpochMetrics[][];
  /** The curve bias and variance are read on: the only fold, or the mean over folds. */
  curve: EpochMetrics[];
  chance: ChanceLevel | null;
  s0: DiagnosticSnapshot | undefined;
  snap: DiagnosticSnapshot | undefined;
  diverged: { fold: number; epoch: EpochMetrics | undefined; nan: boolean } | null;
  spike: (Spike & { fold: number }) | null;
  rebound: (Rebound & { fold: number }) | null;
  /** The validation loss jumping far above its neighbours (the run oscillates). */
  jump: (ValJump & { fold: number }) | null;
  /** The last snapshot's output spread, when it is beyond the limit. */
  exploded: number | null;
  /** Where a blow-up most likely comes from. */
  cause: 'lr' | 'init';
  /** The initial weights were large (wide outputs or saturation at initialization, or N(0, σ ≥ 0.5)). */
  bigInit: boolean;
  /** " of fold 3" for k-fold, "" for hold-out. */
  foldText: (fold: number) => string;
}

/** Read a trial's curves and diagnostics and say, in plain words with evidence, what went wrong or right. Root causes come first. */
export function findingsOf(input: FindingsInput): Finding[] {
  const c = context(input);
  const out: Finding[] = [];
  for (const rule of [unscaledTarget, skewedTarget, divergence, explodingActivations, worseThanConstant, unstable, earlyBest, explodingGradients, deadUnits, saturation, collapsed, vanishing]) {
    const f = rule(c, out);
    if (f) out.push(f);
  }
  const stuck = notLearning(c, out);
  if (stuck) out.push(stuck);
  const rare = rareClassMissed(c, out);
  if (rare) out.push(rare);
  const reading = fitReading(c, out);
  if (reading) out.push(reading);
  // An unscaled target explains a blow-up, a stall and underfitting alike: their advice is its fix.
  const root = out.find((f) => f.kind === 'unscaled_target');
  const rescaled = root ? out.map((f) => (f !== root && TARGET_SYMPTOMS.includes(f.kind) ? { ...f, advice: `The unscaled target named above is the likely cause. ${root.advice}` } : f)) : out;
  const given = new Set<string>();
  return rescaled.map((f) => {
    if (!given.has(f.advice)) {
      given.add(f.advice);
      return f;
    }
    return { ...f, advice: 'The same fix as above.' };
  });
}

/** Findings an unscaled regression target causes (their advice then names its fix instead of the learning rate). */
const TARGET_SYMPTOMS: FindingKind[] = ['divergence', 'exploding_activations', 'worse_than_constant', 'unstable_training', 'exploding_gradients', 'not_learning', 'high_bias'];

/**
 * A regression target trained on as it is while its values are large (mean or spread above
 * `THRESHOLDS.unscaledTarget`): the cause to fix before any knob is tuned.
 */
function unscaledTarget(c: Context): Finding | null {
  const t = c.input.target;
  if (c.input.task !== 'regression' || !t || t.scaled) return null;
  // Without the data's figures: the loss of predicting the mean is the validation target's variance (in its units, unscaled).
  const std = t.std ?? (c.chance ? Math.sqrt(c.chance.loss) : undefined);
  const mean = t.mean;
  const size = Math.max(Math.abs(mean ?? 0), std ?? 0);
  if (!Number.isFinite(size) || size <= THRESHOLDS.unscaledTarget) return null;
  const figures = mean !== undefined && std !== undefined
    ? `mean ${fmtNum(mean)} and standard deviation ${fmtNum(std)} on the training rows`
    : `a standard deviation of about ${fmtNum(std!)} (from the loss of predicting the mean)`;
  const best = bestOf(c);
  const r2 = best && best.valR2 !== null && Number.isFinite(best.valR2) ? ` At the best epoch (${best.epoch}) the validation R² is ${fmtNum(best.valR2)}.` : '';
  return {
    kind: 'unscaled_target',
    severity: 'error',
    title: 'The target is not scaled',
    detail: `The regression target has ${figures}, and the network trained on it as it is ("targetPreprocess": "none"). ` +
      `Its first predictions are about 0 ± 1, so the loss and the gradients start at the size of the target squared and the output must grow to about ${fmtNum(size)}: ` +
      `a learning rate cannot fix that, only trade a blow-up for a slow climb.${r2}`,
    advice: 'Set "targetPreprocess": "zscore" in the spec: the network trains on the standardised target and val_rmse, val_mae and R² stay in the target\'s units. Then tune the learning rate.',
  };
}

/**
 * A regression target with a long tail of large values, standardised as it is: the squared loss is
 * ruled by the few largest values. Named with its figures, and `log` proposed (which tends to lower
 * the typical error, val_mae, at the cost of the largest ones').
 */
function skewedTarget(c: Context): Finding | null {
  const t = c.input.target;
  if (c.input.task !== 'regression' || !t || !t.scaled || t.log) return null;
  if (!longTail(t) || t.median === undefined || t.max === undefined) return null;
  const tail = t.median > 0 ? `; the largest is ${times(t.max, t.median)} the median` : '';
  return {
    kind: 'skewed_target',
    severity: 'warning',
    title: 'The target is skewed',
    detail: `On the training rows the target runs from ${fmtNum(t.min!)} to ${fmtNum(t.max)} (median ${fmtNum(t.median)}${tail}); its skewness is ${fmtNum(t.skew!)}. ` +
      'Standardised as it is, the squared loss is ruled by the few largest values, and the many small ones are fitted loosely.',
    advice: 'Try "targetPreprocess": "log" in the spec (a search with it, or this trial\'s knobs with it): the network trains on ln(1 + target), standardised, ' +
      'and val_rmse, val_mae and R² stay in the target\'s units. It usually lowers val_mae; val_rmse, ruled by the largest values, may rise.',
  };
}

function context(input: FindingsInput): Context {
  const folds = input.folds && input.folds.length > 0 ? input.folds : [input.epochs];
  const multi = input.crossValidated ?? folds.length > 1;
  const all = folds.flat();
  // On ln(1 + target) the loss and R² are not in the same units (R² is the target's), so the loss of predicting the mean is not read back from them:
  // it is the standardised training target's variance, 1.
  const chance = input.task === 'regression' && input.target?.log
    ? { loss: 1, what: 'always predicting the mean of ln(1 + target)' }
    : chanceLevel(input.task, all, input.snapshots, input.classCounts, input.config?.classWeights === 'balanced');
  const s0 = input.snapshots.find((s) => s.epoch === 0);
  const snap = input.snapshots[input.snapshots.length - 1];
  let diverged: Context['diverged'] = null;
  folds.forEach((f, i) => {
    const bad = f.find((e) => !Number.isFinite(e.trainLoss) || !Number.isFinite(e.valLoss));
    if (bad && !diverged) diverged = { fold: i, epoch: bad, nan: true };
  });
  if (!diverged && input.stopReason === 'diverged') diverged = { fold: folds.length - 1, epoch: folds[folds.length - 1].at(-1), nan: false };
  let spike: Context['spike'] = null;
  let rebound: Context['rebound'] = null;
  let jump: Context['jump'] = null;
  const scale = snap && snap.epoch > 0 ? outputScale(snap, input.task, chance) : null;
  const exploded = scale !== null && scale > EVIDENCE_LIMITS.outputStd ? scale : null;
  // A regression net starts far off when the targets sit far from 0, so its first epoch is dear anyway:
  // a first-epoch spike counts there only with other signs of a blow-up.
  const corroborated = input.task === 'classification' || exploded !== null ||
    hiddenOf(snap).some((l) => (l.deadFraction ?? 0) >= THRESHOLDS_DEAD) || (all.at(-1)?.valR2 ?? 0) < -THRESHOLDS.r2Band;
  folds.forEach((f, i) => {
    const s = findSpike(f, chance);
    if (s && (s.epoch > 1 || corroborated) && (!spike || s.loss > spike.loss)) spike = { ...s, fold: i };
    const r = findRebound(f, chance);
    if (r && (!rebound || r.loss / r.low > rebound.loss / rebound.low)) rebound = { ...r, fold: i };
    const j = findValJump(f, chance);
    if (j && (!jump || j.loss / Math.max(j.before, j.after) > jump.loss / Math.max(jump.before, jump.after))) jump = { ...j, fold: i };
  });
  const initScale = s0 ? outputScale(s0, input.task, chance) : null;
  const bigInit = largeInit(input.snapshots, input.task, chance, input.config);
  const fromStart = !rebound && !jump && (!spike || (spike as Spike).epoch === 1);
  const cause = (initScale !== null && initScale > EVIDENCE_LIMITS.outputStd) || (bigInit && fromStart) ? 'init' : 'lr';
  return {
    input, folds, chance, s0, snap, diverged, spike, rebound, jump, exploded, cause, bigInit,
    curve: multi ? meanOverFolds(folds.map((epochs, fold) => ({ fold, epochs, bestEpoch: null, stoppedEpoch: 0, stopReason: 'max_epochs', best: epochs[0], diagnostics: [] }))) : folds[0],
    foldText: (fold) => (multi ? ` of fold ${fold + 1}` : ''),
  };
}

/** "clip…" → "Clip…". */
const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The advice for a blow-up, by its likely cause. */
const blowUpAdvice = (c: Context): string => (c.cause === 'init' ? smallerInitAdvice(c.input.config) : `${lowerLrAdvice(c.input.config)} Check that the inputs are normalized (zscore).`);

/** Whether the run blew up: diverged, exploded, spiked or went back up, or ended worse than a constant. */
const blewUp = (c: Context, found: Finding[]): boolean =>
  c.diverged !== null || c.exploded !== null || c.spike !== null || c.rebound !== null || c.jump !== null || found.some((f) => f.kind === 'worse_than_constant');

/** "the 2.30 of always predicting the class frequencies" */
const chanceText = (ch: ChanceLevel): string => `the ${fmtNum(ch.loss)} of ${ch.what}`;

/** "layer 2", "layers 2 and 4", "layers 1–5" */
function layersText(ls: number[]): string {
  if (ls.length === 1) return `layer ${ls[0]}`;
  const run = ls.every((l, i) => i === 0 || l === ls[i - 1] + 1);
  return run ? `layers ${ls[0]}–${ls[ls.length - 1]}` : `layers ${ls.slice(0, -1).join(', ')} and ${ls[ls.length - 1]}`;
}

function logitsText(s: DiagnosticSnapshot, task: 'classification' | 'regression', target?: FindingsInput['target']): string {
  const o = outputOf(s);
  if (!o) return 'the outputs had exploded';
  const [min, max] = alike([o.pre.min, o.pre.max]);
  // The probe records the network's own output: a standardised target's predictions in standard deviations.
  const what = task === 'classification' ? 'the output logits span' : target?.scaled ? 'the predictions of the standardised target span' : 'the predictions span';
  return `${what} ${min} to ${max}`;
}

function divergence(c: Context): Finding | null {
  if (!c.diverged) return null;
  const { fold, epoch: at, nan } = c.diverged;
  const first = c.folds[fold][0];
  const lr = at && Number.isFinite(at.lr) ? at.lr : null;
  // Every sentence writes its numbers in one notation; the learning rate (as the trial's tables show
  // it, fmtKnob) gets a sentence of its own when the losses need powers of ten and it does not, or
  // the other way round: "with learning rate 10¹" and "rose from 1.54·10² to 1.81·10³" are both worse.
  let how = 'the loss became NaN or infinite';
  let rate = lr !== null ? ` with learning rate ${fmtKnob(lr)}.` : '.';
  if (!nan && at && first) {
    const ratio = c.chance ? [Number((at.trainLoss / c.chance.loss).toPrecision(2)), c.chance.loss] : [];
    const losses = [first.trainLoss, at.trainLoss, ...ratio];
    const fmts = [fmtNum, fmtNum, fmtSetting, fmtNum].slice(0, losses.length);
    const apart = alike(losses, fmts);
    const own = lr !== null && isPower(fmtKnob(lr)) !== apart.some(isPower);
    const w = lr === null || own ? apart : alike([...losses, lr], [...fmts, fmtKnob]);
    how = `the training loss rose from ${w[0]} to ${w[1]}${c.chance ? ` (${w[2]}× the ${w[3]} of ${c.chance.what})` : ''}`;
    if (lr !== null) rate = own ? `. The learning rate was ${fmtKnob(lr)}.` : ` with learning rate ${w[losses.length]}.`;
  }
  const late = c.snap && c.snap.epoch > 0 && c.exploded !== null ? ` By epoch ${c.snap.epoch} ${logitsText(c.snap, c.input.task, c.input.target)}.` : '';
  return {
    kind: 'divergence',
    severity: 'error',
    title: c.cause === 'init' ? 'Training diverged: the initial weights are too large' : 'Training diverged',
    detail: `At epoch ${at?.epoch ?? '?'}${c.foldText(fold)} ${how}${rate}${late}`,
    advice: blowUpAdvice(c),
    epoch: at?.epoch,
  };
}

function explodingActivations(c: Context): Finding | null {
  if (c.diverged || c.exploded === null || !c.snap) return null;
  const { snap, s0 } = c;
  const o = outputOf(snap);
  if (!o) return null;
  const growth = weightGrowth(c.input.snapshots);
  const grew = growth && growth.to > 3 * growth.from ? ` Layer ${growth.layer}'s weight norm grew from ${fmtNum(growth.from)} to ${fmtNum(growth.to)}.` : '';
  const o0 = s0 && outputOf(s0);
  const init = o0 ? ` (at initialization ${fmtNum(o0.pre.min)} to ${fmtNum(o0.pre.max)})` : '';
  const why = c.input.task === 'classification'
    ? ' Softmax turns logits this far apart into certainties: every wrong answer then costs a loss of about the gap between the logits.'
    : ` That is ${fmtNum(c.exploded)} standard deviations of the targets.`;
  return {
    kind: 'exploding_activations',
    severity: 'error',
    title: c.cause === 'init' ? 'Exploding activations: the initial weights are too large' : 'Exploding activations: the learning rate is too high',
    detail: `At epoch ${snap.epoch} ${logitsText(snap, c.input.task, c.input.target)}, standard deviation ${fmtNum(o.stdPost)}${init}.${why}${grew}`,
    advice: blowUpAdvice(c),
    layer: o.layer,
    epoch: snap.epoch,
  };
}

/** The metrics at the best epoch of the curve bias and variance are read on. */
function bestOf(c: Context): EpochMetrics | undefined {
  const finite = c.curve.filter((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss));
  return finite.find((e) => e.epoch === c.input.bestEpoch) ?? finite[finite.length - 1];
}

function worseThanConstant(c: Context): Finding | null {
  const best = bestOf(c);
  // Above the chance level without a blow-up or large weights is a slow start, read by "not learning" and bias.
  if (c.diverged || !best || !c.chance || (c.exploded === null && !c.spike && !c.rebound && !c.bigInit)) return null;
  const ch = c.chance;
  let detail: string;
  if (c.input.task === 'classification') {
    if (best.valLoss <= THRESHOLDS.chanceBand * ch.loss) return null;
    const train = best.trainLoss > THRESHOLDS.chanceBand * ch.loss ? ` and the training loss ${fmtNum(best.trainLoss)} (${times(best.trainLoss, ch.loss)})` : '';
    const right = best.valAccuracy !== null && best.valAccuracy > 0.5
      ? `, although ${pct(best.valAccuracy)} of the validation rows are classified right: the network is confidently wrong on the rest`
      : '';
    detail = `At the best epoch (${best.epoch}) the validation loss is ${fmtNum(best.valLoss)}, ${times(best.valLoss, ch.loss)} ${chanceText(ch)}${train}${right}.`;
  } else {
    if (best.valR2 === null || best.valR2 >= -THRESHOLDS.r2Band) return null;
    detail = c.input.target?.log
      ? `At the best epoch (${best.epoch}) the validation R² is ${fmtNum(best.valR2)}: always predicting the mean target would make smaller squared errors than the model's predictions, turned back from ln(1 + target).`
      : `At the best epoch (${best.epoch}) the validation R² is ${fmtNum(best.valR2)}: ${ch.what} (loss ${fmtNum(ch.loss)}) would beat the model's ${fmtNum(best.valLoss)}.`;
  }
  return {
    kind: 'worse_than_constant',
    severity: 'error',
    title: 'Worse than a constant prediction',
    detail,
    advice: blowUpAdvice(c),
    epoch: best.epoch,
  };
}

function unstable(c: Context): Finding | null {
  if (c.diverged || (!c.spike && !c.rebound && !c.jump)) return null;
  const parts: string[] = [];
  const { spike, rebound, jump, chance } = c;
  if (spike && chance) {
    const back = spike.after < spike.loss / 2 ? `; it came back down to ${fmtNum(spike.after)} by the end` : '';
    parts.push(`In epoch ${spike.epoch}${c.foldText(spike.fold)} the training loss averaged ${fmtNum(spike.loss)}, ${times(spike.loss, chance.loss)} ${chanceText(chance)}${back}.`);
  }
  if (rebound) {
    parts.push(`The training loss${c.foldText(rebound.fold)} fell to ${fmtNum(rebound.low)} at epoch ${rebound.lowEpoch}, then rose back to ${fmtNum(rebound.loss)} at epoch ${rebound.epoch}${rebound.low > 0 ? ` (${times(rebound.loss, rebound.low)})` : ''}.`);
  }
  if (jump) {
    parts.push(`The validation loss${c.foldText(jump.fold)} jumped from ${fmtNum(jump.before)} to ${fmtNum(jump.loss)} at epoch ${jump.epoch} and fell back to ${fmtNum(jump.after)}.`);
  }
  const title = rebound ? 'Unstable training: the loss went back up' : jump ? 'Unstable training: the validation loss jumps' : 'The loss spiked';
  return {
    kind: 'unstable_training',
    severity: 'warning',
    title,
    detail: `${parts.join(' ')}${c.cause === 'lr' ? ' Steps this large overshoot the minimum they are heading for.' : ''}`,
    advice: blowUpAdvice(c),
    epoch: rebound?.epoch ?? jump?.epoch ?? spike?.epoch,
  };
}

/**
 * The validation loss at its lowest after the first epoch and clearly worse from then on, while
 * the run went on: the steps overshoot into confident wrong answers, or the model overfits at once.
 * (The training figures of epoch 1 average over weights still moving, so bias cannot be read there.)
 */
function earlyBest(c: Context, found: Finding[]): Finding | null {
  if (c.diverged || found.some((f) => f.kind === 'unstable_training')) return null;
  const curve = c.curve.filter((e) => Number.isFinite(e.valLoss));
  const best = bestOf(c);
  if (!best || curve.length < 4 || best.epoch !== curve[0].epoch) return null;
  const later = curve.slice(1);
  const worst = later.reduce((a, b) => (b.valLoss > a.valLoss ? b : a));
  if (worst.valLoss < THRESHOLDS.earlyBestRise * best.valLoss) return null;
  const folds = c.folds.length > 1 ? ` (mean of ${c.folds.length} folds)` : '';
  const last = curve[curve.length - 1];
  const wide = wideInputs(c);
  return {
    kind: 'unstable_training',
    severity: 'warning',
    title: 'Best after the first epoch, worse from then on',
    detail: `The validation loss${folds} was lowest after epoch ${best.epoch} (${fmtNum(best.valLoss)}) and rose to ${fmtNum(worst.valLoss)} by epoch ${worst.epoch}` +
      `${last !== worst ? `, ${fmtNum(last.valLoss)} at the end` : ''}, while the training loss went from ${fmtNum(best.trainLoss)} to ${fmtNum(last.trainLoss)}. ` +
      `Either the steps are so large that the model overshoots into confident wrong answers, or it overfits at once.${wide ? ` ${wide}` : ''}`,
    advice: `${lowerLrAdvice(c.input.config)} If it still peaks at once with a smaller rate, the model overfits: add L2, dropout or more data.`,
    epoch: best.epoch,
  };
}

/** The last epoch with finite gradient norms for every layer. */
function gradSource(c: Context): EpochMetrics | undefined {
  const epochs = c.folds[0];
  for (let i = epochs.length - 1; i >= 0; i--) if (epochs[i].gradNorms.length >= 2 && epochs[i].gradNorms.every(Number.isFinite)) return epochs[i];
  return undefined;
}

function explodingGradients(c: Context): Finding | null {
  const src = gradSource(c);
  if (!src) return null;
  const g = src.gradNorms;
  const first = g[0];
  const last = g[g.length - 1];
  const ratio = last > 0 ? first / last : 0;
  const big = g.findIndex((x) => x > THRESHOLDS.explodingAbsolute);
  if (big < 0 && ratio <= THRESHOLDS.explodingRatio) return null;
  return {
    kind: 'exploding_gradients',
    severity: 'warning',
    title: 'Exploding gradients',
    detail: big >= 0
      ? `Layer ${big + 1}'s weight gradient norm reached ${fmtNum(g[big])} at epoch ${src.epoch}.`
      : `Layer 1's weight gradient norm (${fmtNum(first)}) is ${fmtNum(ratio)}× the output layer's (${fmtNum(last)}) at epoch ${src.epoch}.`,
    advice: c.cause === 'init' ? smallerInitAdvice(c.input.config) : `${upperFirst(clipAdvice(c.input.config))}. ${lowerLrAdvice(c.input.config, 'nothing')}`,
    layer: big >= 0 ? big + 1 : 1,
    epoch: src.epoch,
  };
}

const hiddenOf = (s: DiagnosticSnapshot | undefined): LayerStats[] => (s ? s.layers.filter((l) => l.activation !== 'output') : []);

function deadUnits(c: Context, found: Finding[]): Finding | null {
  const dead = hiddenOf(c.snap).filter((l) => l.deadFraction !== null && l.deadFraction >= THRESHOLDS.dead);
  if (dead.length === 0 || !c.snap) return null;
  const snap = c.snap;
  const where = layersText(dead.map((l) => l.layer));
  const list = dead.every((l) => l.deadFraction! >= 0.995)
    ? `Every unit of ${where}`
    : dead.map((l) => `${pct(l.deadFraction!)} of layer ${l.layer}'s ${l.units} units`).join(', ');
  let detail = `${list} output${dead.length === 1 && list.startsWith('Every') ? 's' : ''} 0 for every probe row at epoch ${snap.epoch}; dead units no longer learn.`;
  if (dead.some((l) => l.deadFraction! >= EVIDENCE_LIMITS.allDead)) detail += ' A layer this silent passes no signal forward and no gradient back.';
  let advice = 'Lower the learning rate, use leaky_relu or elu, He initialization, or a small positive biasInit (0.01).';
  const atInit = snap.epoch > 0 && dead.every((l) => (c.s0?.layers[l.layer - 1]?.deadFraction ?? 0) >= THRESHOLDS.dead);
  const tinyInit = hiddenOf(c.s0).some((l) => l.stdPost < THRESHOLDS.collapsedStd);
  if (c.input.config?.init === 'zeros' || atInit || tinyInit) {
    detail += c.input.config?.init === 'zeros'
      ? ' Every weight started at 0, so every unit started at 0.'
      : tinyInit ? ' The activations were already almost 0 at initialization.' : ' They were already dead at initialization.';
    advice = 'Use He initialization (he_normal), or a small positive biasInit (0.01): the units must start alive. leaky_relu and elu units cannot die.';
  } else if (blewUp(c, found)) {
    const when = c.spike ? ` when the loss spiked in epoch ${c.spike.epoch} (${fmtNum(c.spike.loss)})` : c.exploded !== null ? ' as the activations exploded' : ' during the unstable training';
    if (c.cause === 'init') {
      detail += ` They died${when}, which the oversized initial weights caused.`;
      advice = smallerInitAdvice(c.input.config);
    } else {
      detail += ` They died${when}: one step large enough pushes a unit's bias so far below 0 that no input reaches it again.`;
      advice = `${lowerLrAdvice(c.input.config)} leaky_relu or elu units cannot die this way.`;
    }
  }
  return { kind: 'dead_units', severity: 'warning', title: `Dead ReLU units in ${where}`, detail, advice, layer: dead[0].layer, epoch: snap.epoch };
}

function saturation(c: Context, found: Finding[]): Finding | null {
  const sat = hiddenOf(c.snap).filter((l) => l.saturationFraction !== null && l.saturationFraction >= THRESHOLDS.saturated);
  if (sat.length === 0 || !c.snap) return null;
  const snap = c.snap;
  const act = sat[0].activation;
  const list = sat.map((l) => `${pct(l.saturationFraction!)} of layer ${l.layer}'s`).join(', ');
  let detail = `${list} outputs sit in the flat tails of ${act} at epoch ${snap.epoch}, where the gradient is nearly 0.`;
  let advice = 'Use Xavier initialization (σ = √(2/(n_in+n_out))) instead of large weights such as N(0, 1), normalize inputs, or add batch norm.';
  const atInit = sat.some((l) => (c.s0?.layers[l.layer - 1]?.saturationFraction ?? 0) >= THRESHOLDS.saturated);
  const growth = weightGrowth(c.input.snapshots);
  if (atInit || largeInit(c.input.snapshots, c.input.task, c.chance, c.input.config)) {
    if (atInit && snap.epoch > 0) detail += ' They were saturated from initialization.';
  } else if (blewUp(c, found) || (growth && growth.to > 3 * growth.from)) {
    if (growth && growth.to > growth.from) detail += ` The weights grew during training (layer ${growth.layer}'s norm from ${fmtNum(growth.from)} to ${fmtNum(growth.to)}).`;
    advice = `${lowerLrAdvice(c.input.config)} L2 (l2 10⁻⁴) or batch norm keep the weights from growing.`;
  }
  return { kind: 'saturation', severity: 'warning', title: `Saturated ${act} units in ${layersText(sat.map((l) => l.layer))}`, detail, advice, layer: sat[0].layer, epoch: snap.epoch };
}

function collapsed(c: Context): Finding | null {
  const hidden = hiddenOf(c.snap);
  if (!c.snap) return null;
  const snap = c.snap;
  const deep = hidden.slice(1).find((l) => l.stdPost < THRESHOLDS.collapsedStd && l.activation !== 'linear');
  if (!deep) return null;
  if (hidden.some((l) => l.layer <= deep.layer && (l.deadFraction ?? 0) >= EVIDENCE_LIMITS.allDead)) return null;
  const atInit = (c.s0?.layers[deep.layer - 1]?.stdPost ?? Infinity) < THRESHOLDS.collapsedStd;
  let advice = 'The initial weights are too small (e.g. N(0, 0.01) in a deep net): use Xavier or He initialization.';
  if (c.input.config?.init === 'zeros') advice = 'Every weight starts at 0, so every unit computes the same value and gets the same update: they never become different. Use He (ReLU) or Xavier (tanh, sigmoid) initialization.';
  else if (!atInit && c.s0) advice = 'The activations shrank during training, not at initialization: lower the learning rate, or add batch norm.';
  return {
    kind: 'collapsed_activations',
    severity: 'warning',
    title: 'Activations collapse to one value',
    detail: `Layer ${deep.layer}'s outputs have standard deviation ${fmtNum(deep.stdPost)} at epoch ${snap.epoch}: every unit outputs almost the same value, so the layers cannot tell inputs apart.`,
    advice,
    layer: deep.layer,
    epoch: snap.epoch,
  };
}

function vanishing(c: Context, found: Finding[]): Finding | null {
  const src = gradSource(c);
  if (!src) return null;
  if (hiddenOf(c.snap).some((l) => (l.deadFraction ?? 0) >= EVIDENCE_LIMITS.allDead)) return null;
  const g = src.gradNorms;
  const first = g[0];
  const last = g[g.length - 1];
  if (g.every((x) => x === 0)) {
    const init = c.input.config?.init === 'zeros' || found.some((f) => f.kind === 'collapsed_activations');
    return {
      kind: 'vanishing_gradients',
      severity: 'warning',
      title: 'No gradient reaches any layer',
      detail: `Every layer's weight gradient norm is 0 at epoch ${src.epoch}: no weight moves.`,
      advice: init
        ? 'All-zero (or all-equal) initial weights give every unit the same output and a zero gradient: use He (ReLU) or Xavier (tanh, sigmoid) initialization.'
        : 'Check the initialization (He with ReLU, Xavier with tanh) and that the inputs vary (zscore).',
      layer: 1,
      epoch: src.epoch,
    };
  }
  const ratio = last > 0 ? first / last : Infinity;
  const tiny = g.findIndex((x) => x < THRESHOLDS.vanishingAbsolute);
  if (ratio >= THRESHOLDS.vanishingRatio && tiny < 0) return null;
  return {
    kind: 'vanishing_gradients',
    severity: 'warning',
    title: 'Vanishing gradients',
    detail: tiny >= 0 && ratio >= THRESHOLDS.vanishingRatio
      ? `Layer ${tiny + 1}'s weight gradient norm is ${fmtNum(g[tiny])} at epoch ${src.epoch}: almost no signal reaches it.`
      : `At epoch ${src.epoch} layer 1's weight gradient norm is ${fmtNum(first)}${first > 0 ? `, ${fmtNum(last / first)}× smaller than` : ' while'} the output layer's ${first > 0 ? `(${fmtNum(last)})` : `is ${fmtNum(last)}`}: the early layers barely learn.`,
    advice: 'Use He initialization with ReLU (Xavier with tanh), prefer ReLU-family activations over sigmoid, add batch norm, or use fewer layers.',
    layer: tiny >= 0 ? tiny + 1 : 1,
    epoch: src.epoch,
  };
}

function notLearning(c: Context, found: Finding[]): Finding | null {
  if (c.diverged || found.some((f) => f.kind === 'worse_than_constant')) return null;
  const finite = c.folds[0].filter((e) => Number.isFinite(e.trainLoss));
  if (finite.length < 3) return null;
  const first = finite[0].trainLoss;
  const last = finite[finite.length - 1].trainLoss;
  const ch = c.chance;
  const flat = first - last < THRESHOLDS.notLearning * Math.abs(first) && !(ch && last < 0.5 * ch.loss) && !c.rebound;
  const end = finite[finite.length - 1];
  const atChance = ch !== null && (c.input.task === 'classification'
    ? last >= ch.loss / THRESHOLDS.chanceBand && last <= THRESHOLDS.chanceBand * ch.loss && (end.trainAccuracy === null || end.trainAccuracy <= majorityShare(c) + 0.1)
    : end.valR2 !== null && Math.abs(end.valR2) <= THRESHOLDS.r2Band);
  if (!flat && !atChance) return null;
  const detail = atChance
    ? `The training loss went from ${fmtNum(first)} to ${fmtNum(last)} over ${finite.length} epochs, ${chanceText(ch!)}: the model does no better than that.`
    : `The training loss went from ${fmtNum(first)} to ${fmtNum(last)} over ${finite.length} epochs (less than ${pct(THRESHOLDS.notLearning)} lower).`;
  const cfg = c.input.config;
  const squash = (cfg?.activation === 'sigmoid' || cfg?.activation === 'tanh') && (c.s0?.layers.length ?? 0) > 3
    ? ` Deep ${cfg.activation} stacks shrink the gradient at every layer (${cfg.activation === 'sigmoid' ? "σ' ≤ 0.25" : "tanh' ≤ 1"}): ReLU with He initialization trains them far faster.`
    : '';
  const slow = slowLr(cfg);
  const few = fewUpdates(c);
  let advice = few
    ? `${few} Train for more epochs, or use a smaller batch for more updates per epoch${slow ? `, and raise the learning rate: ${slow}` : ''}.${squash}`
    : slow
      ? `Raise the learning rate: ${slow}. Or switch to an adaptive optimizer such as Adam.${squash}`
      : `Check the initialization (too small weights stall deep nets), raise the learning rate, or switch to an adaptive optimizer such as Adam.${squash}`;
  if (blewUp(c, found) && c.cause === 'lr') advice = `The training blew up first (see above), which is why it cannot recover. ${lowerLrAdvice(c.input.config)}`;
  else if (found.some((f) => ['dead_units', 'collapsed_activations', 'vanishing_gradients', 'saturation'].includes(f.kind))) {
    advice = 'The findings above explain it: the signal does not get through the layers. Fix the initialization (He with ReLU, Xavier with tanh or sigmoid; never zeros or N(0, 0.01) in a deep net) or use ReLU; a bigger network or a higher learning rate will not help until then.';
  }
  const title = !atChance ? 'The model is not learning' : c.input.task === 'classification' ? 'Stuck at the chance level' : 'No better than predicting the mean';
  return { kind: 'not_learning', severity: 'warning', title, detail, advice };
}

/**
 * A class much rarer than the others whose validation rows the model mostly does not find: the
 * accuracy and the loss are ruled by the common classes and hide it. Read on the validation rows'
 * confusion at the best epoch (`FindingsInput.confusion`); says what always answering the most
 * frequent class would score, and the balanced accuracy.
 */
function rareClassMissed(c: Context, found: Finding[]): Finding | null {
  const m = c.input.confusion;
  if (c.input.task !== 'classification' || !m || c.diverged) return null;
  const k = m.counts.length;
  const rows = m.counts.map((r) => r.reduce((a, b) => a + b, 0));
  const n = rows.reduce((a, b) => a + b, 0);
  if (k < 2 || n === 0) return null;
  const rare = rareClasses(rows);
  const missed = (rare?.rare ?? [])
    .map((i) => ({ i, rows: rows[i], found: m.counts[i][i] }))
    .filter((x) => x.rows >= THRESHOLDS.rareRows && x.found / x.rows < THRESHOLDS.rareRecall)
    .sort((a, b) => a.found / a.rows - b.found / b.rows);
  if (missed.length === 0) return null;
  const name = (i: number): string => `“${m.classes[i] ?? `class ${i}`}”`;
  const top = rows.indexOf(Math.max(...rows));
  const accuracy = m.counts.reduce((a, r, i) => a + r[i], 0) / n;
  const balanced = balancedAccuracy([...rows, ...rows.map((_, i) => m.counts[i][i])]) ?? 0;
  const best = bestOf(c);
  const at = best ? `at the best epoch (${best.epoch}) ` : '';
  const one = missed[0];
  const what = missed.length === 1
    ? `${name(one.i)} is ${pct(one.rows / n)} of the ${n} validation rows (${one.rows} rows): ${at}the model answers ${name(one.i)} for ${one.found} of them (recall ${pct(one.found / one.rows)}).`
    : `${missed.length} rare classes are mostly missed on the ${n} validation rows${best ? ` at the best epoch (${best.epoch})` : ''}: ${missed.slice(0, 3).map((x) => `${name(x.i)} found in ${x.found} of its ${x.rows} rows`).join(', ')}${missed.length > 3 ? `, and ${missed.length - 3} more` : ''}.`;
  // Accuracy near what the common class alone scores says little; well above it, it still hides the rare classes.
  const near = accuracy - rows[top] / n < THRESHOLDS.rareAccuracyNear;
  const detail = `${what} Always answering ${name(top)} would be right on ${pct(rows[top] / n)} of the rows, so the validation accuracy of ${pct(accuracy)} says ${near ? 'little' : 'little about them'}; ` +
    `the balanced accuracy (the mean recall over classes) is ${pct(balanced)}.`;
  const cfg = c.input.config;
  const monitor = cfg?.earlyStopping ? cfg.earlyStopping.monitor : null;
  const steps: string[] = [];
  if (c.input.metric !== 'val_balanced_accuracy') {
    steps.push('make val_balanced_accuracy the objective (and the early-stopping monitor), so the search ranks trials by how much of every class they find: accuracy and val_loss reward answering the common class.');
  } else if (monitor !== null && monitor !== 'val_balanced_accuracy') {
    steps.push(`watch val_balanced_accuracy in early stopping too (it watches ${monitor}), so the best epoch is the one that finds the most of every class.`);
  }
  steps.push(cfg?.classWeights === 'balanced'
    ? 'the loss already weighs every class alike ("classWeights": "balanced"): more epochs, a wider network or more rows of the rare class may find it.'
    : 'set "classWeights": "balanced" (or search it as a knob) so the loss weighs the rare class\'s rows as much as the common one\'s.');
  // A network that does not learn (dead or saturated units, a blow-up) answers the common class for want of anything better: that comes first.
  const first = found.some((f) => f.severity !== 'info' && f.kind !== 'skewed_target' && f.kind !== 'unscaled_target')
    ? 'Fix what is named above first: a network that does not learn answers the common class however the classes weigh. Then '
    : '';
  const advice = steps.map((x, i) => (i === 0 && first ? x : x.charAt(0).toUpperCase() + x.slice(1)));
  return {
    kind: 'rare_class_missed',
    severity: 'warning',
    title: missed.length === 1 ? `Misses the rare class ${name(one.i)}` : 'Misses rare classes',
    detail,
    advice: first + advice.join(' '),
    ...(best ? { epoch: best.epoch } : {}),
  };
}

/** The accuracy of always answering the most frequent class (1/K when the counts are unknown). */
function majorityShare(c: Context): number {
  const counts = c.input.classCounts ?? [];
  const n = counts.reduce((a, b) => a + b, 0);
  if (n > 0) return Math.max(...counts) / n;
  const snap = c.s0 ?? c.snap;
  const out = snap && outputOf(snap);
  return out ? 1 / out.units : 0.5;
}

/** The bias/variance reading, or why it is left out. */
function fitReading(c: Context, found: Finding[]): Finding | null {
  if (c.diverged) return null;
  const best = bestOf(c);
  if (!best) return null;
  const evidence = evidenceAt(c, best);
  // A spike the run came well back from (below half the chance level) leaves a readable fit; one it never recovered from does not.
  const recovered = !c.rebound && c.spike !== null && c.chance !== null && c.spike.after < c.chance.loss / 2;
  if (found.some((f) => f.kind === 'exploding_activations' || f.kind === 'worse_than_constant' || (f.kind === 'unstable_training' && !recovered))) {
    return {
      kind: 'no_fit_reading',
      severity: 'info',
      title: 'No bias/variance reading',
      detail: `${evidence.text} These figures come from an unstable run: they say more about ${c.cause === 'init' ? 'the initial weights' : 'the step size'} than about the network's size.`,
      advice: 'Fix what is named above first, then read bias and variance again. A bigger network would not help here.',
      epoch: best.epoch,
    };
  }
  const { bias, variance, text } = evidence;
  // A pruned trial was stopped because its curve was behind the others' at that epoch: its figures
  // are those of a run cut short, and "use a bigger network" would be advice about the pruner.
  if (c.input.stopReason === 'pruned' && (bias || variance)) {
    return {
      kind: 'no_fit_reading',
      severity: 'info',
      title: 'No bias/variance reading',
      detail: `${text} The pruner stopped this trial there, behind the others at the same epoch: a run cut short says little about bias or variance.`,
      advice: 'Compare it with the trials that ran their course. To see this configuration at full length, replay it with the pruner off or re-run it with seeds.',
      epoch: best.epoch,
    };
  }
  const pathology = found.some((f) => ['dead_units', 'collapsed_activations', 'vanishing_gradients', 'saturation', 'not_learning', 'exploding_gradients'].includes(f.kind));
  // Classes weighted in the loss: the model trades errors on the common class for finding the rare ones by design, so the
  // row-by-row error rates say little about bias or variance.
  if (c.input.task === 'classification' && c.input.config?.classWeights === 'balanced' && (bias || variance)) {
    const balanced = best.valBalancedAccuracy !== null ? ` Its validation balanced accuracy, the mean recall over classes, is ${pct(best.valBalancedAccuracy)}.` : '';
    return {
      kind: 'no_fit_reading',
      severity: 'info',
      title: 'No bias/variance reading',
      detail: `${text} With "classWeights": "balanced" the loss trades errors on the common class for finding the rare ones, so errors counted row by row say little about bias or variance.${balanced}`,
      advice: 'Compare trials by val_balanced_accuracy and read each class\'s recall in the confusion; a bigger network is not what these error rates ask for.',
      epoch: best.epoch,
    };
  }
  if (bias) {
    const falling = stillFalling(c);
    const few = fewUpdates(c);
    const first = pathology
      ? 'Fix what is named above first; a bigger network will not help while it remains.'
      : few
        ? `${few} Train for more epochs, or use a smaller batch for more updates per epoch, before a bigger network.${falling !== null ? ` The training loss was still falling ${pct(falling)} per epoch at the end.` : ''}`
        : falling !== null
        ? `Train longer or raise the learning rate: the training loss was still falling ${pct(falling)} per epoch at the end. If it levels off, use a bigger network (more units or layers) or less regularization.`
        : 'Use a bigger network (more units or layers), lower regularization, or try another optimizer or learning rate.';
    if (variance) return { kind: 'high_bias', severity: 'warning', title: 'High bias and high variance', detail: `${text} The model fits the training data poorly and generalizes worse still.`, advice: `Reduce bias first. ${first} Then add data or regularization (L2, dropout, early stopping) for the variance.`, epoch: best.epoch };
    return { kind: 'high_bias', severity: 'warning', title: 'Underfitting (high bias)', detail: `${text} The model cannot fit even the training data well.`, advice: first, epoch: best.epoch };
  }
  if (variance) {
    const wide = wideInputs(c);
    return {
      kind: 'high_variance', severity: 'warning', title: 'Overfitting (high variance)',
      detail: `${text} The gap between training and validation is large.${wide ? ` ${wide}` : ''}`,
      advice: wide
        ? 'Regularize hard (L2 up to 0.1 or more, dropout), use a smaller network, or leave out features that cannot bear on the target; more rows would help most.'
        : 'Get more data, add regularization (L2, dropout, input noise), stop earlier, or use a smaller network.',
      epoch: best.epoch,
    };
  }
  // A rare class mostly missed is no good fit, whatever the errors say: they are ruled by the common class.
  if (pathology || found.some((f) => f.kind === 'rare_class_missed')) return null;
  return { kind: 'good_fit', severity: 'info', title: 'Good fit', detail: `${text} Neither bias nor variance stands out.`, advice: 'To do better still, tune the learning rate first, then momentum/β, width and batch size.', epoch: best.epoch };
}

function evidenceAt(c: Context, best: EpochMetrics): { bias: boolean; variance: boolean; text: string } {
  const { input } = c;
  const target = input.targetError ?? 0;
  const folds = c.folds.length > 1 ? `, mean of ${c.folds.length} folds` : '';
  if (input.task === 'classification' && best.trainAccuracy !== null && best.valAccuracy !== null) {
    const trainErr = 1 - best.trainAccuracy;
    const valErr = 1 - best.valAccuracy;
    // Training figures are taken while the weights move (and with dropout on): when they are worse than validation, the validation error bounds the bias.
    return {
      bias: Math.min(trainErr, valErr) - target > THRESHOLDS.biasGap,
      variance: valErr - trainErr > THRESHOLDS.varianceGap,
      text: `At the best epoch (${best.epoch}${folds}) the training error is ${pct(trainErr)} and the validation error ${pct(valErr)}` +
        `${input.targetError !== undefined ? ` against a target of ${pct(target)}` : ''}.`,
    };
  }
  const gap = (best.valLoss - best.trainLoss) / Math.max(Math.abs(best.trainLoss), 1e-12);
  const variance = gap > THRESHOLDS.varianceRatio;
  return {
    variance,
    bias: input.targetError !== undefined ? best.trainLoss - target > THRESHOLDS.biasGap * Math.max(target, 1) : (best.valR2 ?? 1) < THRESHOLDS.lowR2 && !variance,
    text: `At the best epoch (${best.epoch}${folds}) the training loss is ${fmtNum(best.trainLoss)} and the validation loss ${fmtNum(best.valLoss)}` +
      `${best.valR2 !== null ? ` (validation R² ${fmtNum(best.valR2)})` : ''}.`,
  };
}

/**
 * More features than training rows, said as the cause of overfitting (the finding) and before a
 * search (the data's caution): with more inputs than rows, even a linear model can fit every
 * training row exactly by patterns that hold only there. Null when the rows are as many or more.
 */
export function featuresOutnumber(features: number, rows: number): string | null {
  if (!(features > rows) || rows <= 0) return null;
  return `The ${pluralCount(features, 'feature')} outnumber the ${pluralCount(rows, 'training row')}: with more inputs than rows, even a linear model can fit every training row exactly by patterns that hold only there.`;
}

/** `featuresOutnumber` of the trial's inputs and first fold's training rows, where both are known. */
function wideInputs(c: Context): string | null {
  const { features, trainRows } = c.input;
  return features !== undefined && trainRows !== undefined ? featuresOutnumber(features, trainRows) : null;
}

/**
 * A run that ended at its epoch limit after fewer weight updates than `fewUpdates`, said with its
 * figures ("Only 30 weight updates in all: 30 epochs of one batch, as the batch size (128) holds all
 * 90 training rows."); null otherwise, or where the batch size or the rows are unknown.
 */
function fewUpdates(c: Context): string | null {
  const rows = c.input.trainRows;
  const batch = c.input.config?.batchSize;
  if (c.input.stopReason !== 'max_epochs' || !rows || !batch) return null;
  const epochs = c.folds[0].length;
  const perEpoch = Math.ceil(rows / Math.min(batch, rows));
  const updates = epochs * perEpoch;
  if (epochs === 0 || updates >= THRESHOLDS.fewUpdates) return null;
  const each = perEpoch === 1
    ? `one batch, as the batch size (${batch}) holds all ${rows} training rows`
    : `${perEpoch} batches of ${batch} over ${rows} training rows`;
  return `Only ${updates} weight ${updates === 1 ? 'update' : 'updates'} in all: ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'} of ${each}.`;
}

/** The training loss's mean relative fall per epoch over the last three epochs of a run that hit its epoch limit, when above `stillFalling`. */
function stillFalling(c: Context): number | null {
  if (c.input.stopReason !== 'max_epochs') return null;
  const finite = c.curve.filter((e) => Number.isFinite(e.trainLoss));
  if (finite.length < 4) return null;
  const a = finite[finite.length - 4].trainLoss;
  const b = finite[finite.length - 1].trainLoss;
  const rate = 1 - (b / a) ** (1 / 3);
  return rate > THRESHOLDS.stillFalling ? rate : null;
}
