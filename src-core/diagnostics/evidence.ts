import { constantLoss } from '../analysis/chance';
import { figuresAlike, powerFigure, proseFigure } from '../format';
import type { TrainConfig } from '../spec/train';
import type { EpochMetrics } from '../train/types';
import type { DiagnosticSnapshot, LayerStats } from './stats';

/**
 * The facts the findings are read from: the loss a constant prediction gets (the chance level),
 * loss spikes and rebounds in the curves, output scale at initialization and later, and whether a
 * blow-up came from the learning rate or from the initial weights. Pure functions over the
 * recorded curves and snapshots.
 */

/** Limits of the facts below; exported with the findings' thresholds. */
export const EVIDENCE_LIMITS = {
  /** An epoch's training loss above this many times the chance level is a spike. */
  spike: 10,
  /** The training loss rising to this many times its lowest value so far is a rebound… */
  rebound: 1.5,
  /** A validation loss this many times above both its neighbouring epochs is a jump (the run oscillates)… */
  valJump: 2,
  /** …when the rise is also at least this fraction of the chance level (noise near 0 is not). */
  reboundAbsolute: 0.1,
  /** Standard deviation of the output (logits, or predictions in target standard deviations) above this: exploded. */
  outputStd: 30,
  /** The same at initialization above this: the initial weights are too large. */
  initOutputStd: 5,
  /** A layer this dead (fraction of ReLU units) passes no signal at all. */
  allDead: 0.95,
  /** `normal` / `uniform` initialization with a scale at least this large counts as large weights. */
  largeInitScale: 0.5,
} as const;

/** The loss of the best constant prediction, and how to name it. */
export interface ChanceLevel {
  loss: number;
  /** e.g. "always predicting the class frequencies". */
  what: string;
}

/** The settings the advice may name (any may be missing). */
export type ConfigHints = Partial<Pick<TrainConfig, 'optimizer' | 'lr' | 'init' | 'initScale' | 'activation' | 'clipNorm' | 'clipValue' | 'l1' | 'l2' | 'dropout' | 'batchNorm' | 'epochs' | 'batchSize' | 'classWeights' | 'earlyStopping'>>;

/**
 * A number for people: 3 significant digits (whole numbers from 100), powers of ten written as ·10ⁿ
 * outside [10⁻³, 10⁵), to 3 significant digits too (9.24·10⁻⁵, as `alike` writes it; the mantissa
 * once kept one decimal, so 1.04·10⁻⁵ read as a bare 10⁻⁵ and 9.96·10⁻⁵ as "10·10⁻⁵").
 */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 100 && a < 1e5) return String(Math.round(x));
  if (a >= 1e-3 && a < 100) return x.toPrecision(3);
  return powerFigure(x, 3, true);
}

/** A setting as typed (0.32, 1, 0.001): up to 3 significant digits, no trailing zeros. */
export const fmtSetting = (x: number): string => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(3))) : fmtNum(x));

/**
 * A value the trial held (its learning rate, clipNorm, initScale) as its tables show it, digit for
 * digit (`figure`), a power of ten in superscript: "lr 9.239·10⁻⁵" beside the trial's "lr = 9.239e-5",
 * where fmtSetting wrote 9.2·10⁻⁵ and a learning rate of 1.04e-5 read as a bare 10⁻⁵.
 */
export const fmtKnob = proseFigure;

/** Whether a number as fmtNum or fmtSetting wrote it is a power of ten (3.2·10⁶, 10⁻⁴). */
export const isPower = (s: string): boolean => /10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(s);

/**
 * Numbers one sentence states together, in one notation: each as `fmt` writes it (fmtNum, or a
 * formatter per number) when that writes every one of them plainly, else all as `figuresAlike`
 * writes them to 3 digits, a trial's setting (`fmtKnob`) to its 4 (plain where each allows it, from 0.0001 up to a million, else every one
 * as a power of ten). A sentence then never reads "try 10⁵, then 10000" or "10⁻⁴–0.003".
 *
 * @example
 *   alike([1e6, 1e5, 1e4], fmtSetting)        // ["10⁶", "10⁵", "10⁴"] (fmtSetting alone: "10⁶", "10⁵", "10000")
 *   alike([0.32, 1e-4, 0.003], fmtSetting)    // ["0.32", "0.0001", "0.003"]
 *   alike([1.67, 1810])                       // ["1.67", "1810"], as fmtNum writes them
 */
export function alike(xs: readonly number[], fmt: ((x: number) => string) | readonly ((x: number) => string)[] = fmtNum): string[] {
  const fmts = xs.map((_, i) => (typeof fmt === 'function' ? fmt : fmt[i]));
  const usual = xs.map((x, i) => fmts[i](x));
  // A trial's own setting (fmtKnob) keeps the four digits its tables show; the other numbers three.
  return usual.some(isPower) ? figuresAlike(xs, { digits: fmts.map((f) => (f === fmtKnob ? 4 : 3)), superscript: true }) : usual;
}

/** A fraction as a percentage with one decimal. */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** How many times `a` is `b`, rounded for text ("185×"). */
export const times = (a: number, b: number): string => `${fmtSetting(Number((a / b).toPrecision(2)))}×`;

/**
 * The chance level: for classification the entropy of the class frequencies (ln K when the classes
 * are balanced, taken from the output layer's width when the counts are unknown); for regression
 * the variance of the targets, read back from the validation loss and R² (MSE = (1 − R²)·Var).
 */
export function chanceLevel(task: 'classification' | 'regression', epochs: EpochMetrics[], snapshots: DiagnosticSnapshot[], classCounts?: number[], weighted = false): ChanceLevel | null {
  if (task === 'classification') {
    // Classes weighted alike ("balanced"): the constant answer the weighted loss is lowest at is every class as likely, ln K.
    const constant = constantLoss(classCounts ?? [], weighted);
    if (constant) return { loss: constant.value, what: constant.what };
    const out = snapshots[0] && outputOf(snapshots[0]);
    return out && out.units >= 2 ? { loss: Math.log(out.units), what: `guessing among ${out.units} classes` } : null;
  }
  const v = epochs
    .filter((e) => Number.isFinite(e.valLoss) && e.valR2 !== null && Number.isFinite(e.valR2) && e.valR2 < 0.999)
    .map((e) => e.valLoss / (1 - (e.valR2 as number)))
    .sort((a, b) => a - b);
  return v.length > 0 ? { loss: v[Math.floor(v.length / 2)], what: 'always predicting the mean target' } : null;
}

/** An epoch whose training loss was far above the chance level. */
export interface Spike {
  epoch: number;
  loss: number;
  /** The training loss at the end of the curve (after the spike). */
  after: number;
}

/** The worst epoch whose training loss exceeded `spike`× the chance level, if any. */
export function findSpike(epochs: EpochMetrics[], chance: ChanceLevel | null): Spike | null {
  if (!chance) return null;
  const finite = epochs.filter((e) => Number.isFinite(e.trainLoss));
  let worst: EpochMetrics | null = null;
  for (const e of finite) if (e.trainLoss > EVIDENCE_LIMITS.spike * chance.loss && (!worst || e.trainLoss > worst.trainLoss)) worst = e;
  return worst ? { epoch: worst.epoch, loss: worst.trainLoss, after: finite[finite.length - 1].trainLoss } : null;
}

/** The training loss going back up after it had fallen. */
export interface Rebound {
  lowEpoch: number;
  low: number;
  epoch: number;
  loss: number;
}

/** The largest rise of the training loss above its lowest value so far, when it is `rebound`× and large against the chance level. */
export function findRebound(epochs: EpochMetrics[], chance: ChanceLevel | null): Rebound | null {
  let low: EpochMetrics | null = null;
  let best: Rebound | null = null;
  for (const e of epochs) {
    if (!Number.isFinite(e.trainLoss)) break;
    if (!low || e.trainLoss < low.trainLoss) {
      low = e;
      continue;
    }
    const rise = e.trainLoss - low.trainLoss;
    const floor = chance ? EVIDENCE_LIMITS.reboundAbsolute * chance.loss : 0;
    if (e.trainLoss >= EVIDENCE_LIMITS.rebound * low.trainLoss && rise > floor && (!best || e.trainLoss / low.trainLoss > best.loss / best.low)) {
      best = { lowEpoch: low.epoch, low: low.trainLoss, epoch: e.epoch, loss: e.trainLoss };
    }
  }
  return best;
}

/** The output layer of a snapshot. */
export const outputOf = (s: DiagnosticSnapshot): LayerStats | undefined => s.layers.find((l) => l.activation === 'output');

/** The output's spread in the units the limits use: logits for classification, target standard deviations for regression. */
export function outputScale(s: DiagnosticSnapshot, task: 'classification' | 'regression', chance: ChanceLevel | null): number | null {
  const o = outputOf(s);
  if (!o) return null;
  if (task === 'classification') return o.stdPost;
  return chance && chance.loss > 0 ? o.stdPost / Math.sqrt(chance.loss) : null;
}

/** Whether the weights started large: a wide output at initialization, saturated units at initialization, or N(0, σ ≥ 0.5). */
export function largeInit(snapshots: DiagnosticSnapshot[], task: 'classification' | 'regression', chance: ChanceLevel | null, config?: ConfigHints): boolean {
  const s0 = snapshots.find((s) => s.epoch === 0);
  if (s0) {
    const scale = outputScale(s0, task, chance);
    if (scale !== null && scale > EVIDENCE_LIMITS.initOutputStd) return true;
    if (s0.layers.some((l) => (l.saturationFraction ?? 0) >= 0.5)) return true;
  }
  return (config?.init === 'normal' || config?.init === 'uniform') && (config.initScale ?? 0) >= EVIDENCE_LIMITS.largeInitScale;
}

/** A validation loss far above the epochs on either side of it. */
export interface ValJump {
  epoch: number;
  before: number;
  loss: number;
  after: number;
}

/** The largest jump of the validation loss above both neighbouring epochs (`valJump`×, and large against the chance level), if any. */
export function findValJump(epochs: EpochMetrics[], chance: ChanceLevel | null): ValJump | null {
  let best: ValJump | null = null;
  const floor = chance ? EVIDENCE_LIMITS.reboundAbsolute * chance.loss : 0;
  for (let i = 1; i + 1 < epochs.length; i++) {
    const [a, v, b] = [epochs[i - 1].valLoss, epochs[i].valLoss, epochs[i + 1].valLoss];
    if (![a, v, b].every(Number.isFinite)) continue;
    const low = Math.max(a, b);
    if (v >= EVIDENCE_LIMITS.valJump * low && v - low > floor && (!best || v / low > best.loss / Math.max(best.before, best.after))) {
      best = { epoch: epochs[i].epoch, before: a, loss: v, after: b };
    }
  }
  return best;
}

/** Each layer's weight norm at initialization and in the last snapshot, for layers that grew the most. */
export function weightGrowth(snapshots: DiagnosticSnapshot[]): { layer: number; from: number; to: number } | null {
  const s0 = snapshots.find((s) => s.epoch === 0);
  const last = snapshots[snapshots.length - 1];
  if (!s0 || !last || last === s0) return null;
  let best: { layer: number; from: number; to: number } | null = null;
  last.layers.forEach((l, i) => {
    const from = s0.layers[i]?.weightNorm;
    if (from && from > 0 && (!best || l.weightNorm / from > best.to / best.from)) best = { layer: l.layer, from, to: l.weightNorm };
  });
  return best;
}

/** Usual learning rates per optimizer (torch defaults and the common tuning range), for advice. */
const USUAL_LR: Record<string, [number, number]> = {
  sgd: [0.01, 0.1], momentum: [0.001, 0.05], nesterov: [0.001, 0.05], adagrad: [0.01, 0.1], adadelta: [0.1, 1],
  rmsprop: [1e-4, 0.003], adam: [1e-4, 0.003], adamw: [1e-4, 0.003],
};

/**
 * "lr 0.32 (adam usually trains at 0.0001–0.003); try 0.032, then 0.0032" — or a generic ÷10 when
 * the settings are unknown. The numbers of that sentence share one notation ("lr 10⁶ (sgd usually
 * trains at 10⁻²–10⁻¹); try 10⁵, then 10⁴").
 */
export function lowerLrAdvice(config?: ConfigHints, then: 'clip' | 'nothing' = 'clip'): string {
  const clip = then === 'clip' ? clipAdvice(config) : null;
  if (!config?.lr || !config.optimizer) return `Lower the learning rate (try ÷10, then ÷100)${clip ? ` and ${clip}` : ''}.`;
  const usual = USUAL_LR[config.optimizer];
  const [lr, tenth, hundredth, low, high] = alike([config.lr, config.lr / 10, config.lr / 100, ...(usual ?? [])], [fmtKnob, fmtKnob, fmtKnob, fmtSetting, fmtSetting]);
  const range = usual ? ` (${config.optimizer} usually trains at ${low}–${high})` : '';
  return `Lower the learning rate: lr ${lr}${range}; try ${tenth}, then ${hundredth}.${clip ? ` Then ${clip}.` : ''}`;
}

/** "clip gradients by global norm (clipNorm 1–5)", or "tighten clipNorm (now 10)" when the trial clipped already. */
export function clipAdvice(config?: ConfigHints): string {
  return config && (config.clipNorm ?? 0) > 0 ? `tighten clipNorm (now ${fmtKnob(config.clipNorm!)})` : 'clip gradients by global norm (clipNorm 1–5)';
}

/** "lr 0.001 is below sgd's usual 0.01–0.1" (its numbers in one notation) when the learning rate is under the optimizer's usual range, else null. */
export function slowLr(config?: ConfigHints): string | null {
  const usual = config?.optimizer ? USUAL_LR[config.optimizer] : undefined;
  if (!usual || !config?.lr || config.lr >= usual[0]) return null;
  const [lr, low, high] = alike([config.lr, ...usual], [fmtKnob, fmtSetting, fmtSetting]);
  return `lr ${lr} is below ${config.optimizer}'s usual ${low}–${high}`;
}

/** Advice for weights that start too large, naming the initializer that suits the activation. */
export function smallerInitAdvice(config?: ConfigHints): string {
  const suit = config?.activation === 'tanh' || config?.activation === 'sigmoid' ? 'Xavier (xavier_normal)' : config?.activation ? 'He (he_normal)' : 'He (ReLU family) or Xavier (tanh, sigmoid)';
  const was = config?.init === 'normal' || config?.init === 'uniform' ? ` instead of ${config.init === 'normal' ? 'N' : 'U'}(0, ${fmtKnob(config.initScale ?? 0.01)})` : '';
  return `The initial weights are too large: use ${suit} initialization${was}, which keeps each layer's output variance near 1. The learning rate is not the cause.`;
}
