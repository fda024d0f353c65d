import type { StopReason } from '../train/types';
import type { EpochMetrics } from '../train/types';
import type { DiagnosticSnapshot } from './stats';

/** What a finding is about. */
export type FindingKind =
  | 'divergence'
  | 'vanishing_gradients'
  | 'exploding_gradients'
  | 'dead_units'
  | 'saturation'
  | 'collapsed_activations'
  | 'not_learning'
  | 'high_bias'
  | 'high_variance'
  | 'good_fit';

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
  dead: 0.5,
  /** Fraction of sigmoid/tanh outputs in the flat tails. */
  saturated: 0.5,
  /** Std of a deep layer's outputs below this: activations collapsed to one value. */
  collapsedStd: 1e-3,
  /** The training loss fell by less than this fraction from the first epoch: not learning. */
  notLearning: 0.05,
  /** Classification: error gaps (absolute) counted as high bias / high variance. */
  biasGap: 0.05,
  varianceGap: 0.05,
  /** Regression: (val − train) / train above this is high variance; R² below `lowR2` high bias. */
  varianceRatio: 0.5,
  lowR2: 0.7,
} as const;

/** Everything `findingsOf` reads. */
export interface FindingsInput {
  task: 'classification' | 'regression';
  /** Epoch metrics of one fold (or the mean curve). */
  epochs: EpochMetrics[];
  bestEpoch: number;
  stopReason: StopReason;
  snapshots: DiagnosticSnapshot[];
  /** Error you would accept (e.g. human-level error), as a fraction for classification. */
  targetError?: number;
}

const fmt = (x: number): string => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(3) : x.toExponential(1));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Read a trial's curves and diagnostics and say, in plain words with evidence, what went wrong or right. */
export function findingsOf(input: FindingsInput): Finding[] {
  const out: Finding[] = [];
  const { epochs } = input;
  const diverged = input.stopReason === 'diverged' || epochs.some((e) => !Number.isFinite(e.trainLoss) || !Number.isFinite(e.valLoss));
  if (diverged) {
    const at = epochs.find((e) => !Number.isFinite(e.trainLoss) || !Number.isFinite(e.valLoss)) ?? epochs[epochs.length - 1];
    const first = epochs[0];
    const how = at && Number.isFinite(at.trainLoss)
      ? `the training loss rose from ${fmt(first.trainLoss)} to ${fmt(at.trainLoss)}`
      : 'the loss became NaN or infinite';
    out.push({
      kind: 'divergence',
      severity: 'error',
      title: 'Training diverged',
      detail: `At epoch ${at?.epoch ?? '?'} ${how}${at ? ` with learning rate ${fmt(at.lr)}` : ''}.`,
      advice: 'Lower the learning rate (try ÷10), clip gradients (clipNorm 1–5), and check that inputs are normalized (zscore).',
      epoch: at?.epoch,
    });
  }

  const gradSource = lastWith(epochs, (e) => e.gradNorms.length > 0 && e.gradNorms.every(Number.isFinite));
  if (gradSource && gradSource.gradNorms.length >= 2) {
    const g = gradSource.gradNorms;
    const first = g[0];
    const last = g[g.length - 1];
    const ratio = last > 0 ? first / last : 0;
    const tiny = g.findIndex((x) => x < THRESHOLDS.vanishingAbsolute);
    if (ratio < THRESHOLDS.vanishingRatio || tiny >= 0) {
      out.push({
        kind: 'vanishing_gradients',
        severity: 'warning',
        title: 'Vanishing gradients',
        detail: tiny >= 0 && ratio >= THRESHOLDS.vanishingRatio
          ? `Layer ${tiny + 1}'s weight gradient norm is ${fmt(g[tiny])} at epoch ${gradSource.epoch}: almost no signal reaches it.`
          : `At epoch ${gradSource.epoch} layer 1's weight gradient norm is ${fmt(first)}, ${fmt(ratio)} of the output layer's (${fmt(last)}): the early layers barely learn.`,
        advice: 'Use He initialization with ReLU (Xavier with tanh), prefer ReLU-family activations over sigmoid, add batch norm, or use fewer layers.',
        layer: tiny >= 0 ? tiny + 1 : 1,
        epoch: gradSource.epoch,
      });
    }
    const big = g.findIndex((x) => x > THRESHOLDS.explodingAbsolute);
    if (big >= 0 || ratio > THRESHOLDS.explodingRatio) {
      out.push({
        kind: 'exploding_gradients',
        severity: 'warning',
        title: 'Exploding gradients',
        detail: big >= 0
          ? `Layer ${big + 1}'s weight gradient norm reached ${fmt(g[big])} at epoch ${gradSource.epoch}.`
          : `Layer 1's weight gradient norm (${fmt(first)}) is ${fmt(ratio)}× the output layer's (${fmt(last)}) at epoch ${gradSource.epoch}.`,
        advice: 'Clip gradients by global norm (clipNorm), lower the learning rate, or use a smaller initialization (Xavier/He instead of N(0, 1)).',
        layer: big >= 0 ? big + 1 : 1,
        epoch: gradSource.epoch,
      });
    }
  }

  const snap = input.snapshots[input.snapshots.length - 1];
  if (snap) {
    const hidden = snap.layers.filter((l) => l.activation !== 'output');
    for (const l of hidden) {
      if (l.deadFraction !== null && l.deadFraction >= THRESHOLDS.dead) {
        out.push({
          kind: 'dead_units',
          severity: 'warning',
          title: `Dead ReLU units in layer ${l.layer}`,
          detail: `${pct(l.deadFraction)} of layer ${l.layer}'s ${l.units} units output 0 for every probe row at epoch ${snap.epoch}; they no longer learn.`,
          advice: 'Lower the learning rate, use leaky_relu or elu, He initialization, or a small positive biasInit (0.01).',
          layer: l.layer,
          epoch: snap.epoch,
        });
      }
      if (l.saturationFraction !== null && l.saturationFraction >= THRESHOLDS.saturated) {
        out.push({
          kind: 'saturation',
          severity: 'warning',
          title: `Saturated ${l.activation} units in layer ${l.layer}`,
          detail: `${pct(l.saturationFraction)} of layer ${l.layer}'s outputs sit in the flat tails of ${l.activation} at epoch ${snap.epoch}, where the gradient is nearly 0.`,
          advice: 'Use Xavier initialization (σ = √(2/(n_in+n_out))) instead of large weights such as N(0, 1), normalize inputs, or add batch norm.',
          layer: l.layer,
          epoch: snap.epoch,
        });
      }
    }
    const deep = hidden.slice(1).find((l) => l.stdPost < THRESHOLDS.collapsedStd && l.activation !== 'linear');
    if (deep) {
      out.push({
        kind: 'collapsed_activations',
        severity: 'warning',
        title: 'Activations collapse to one value',
        detail: `Layer ${deep.layer}'s outputs have standard deviation ${fmt(deep.stdPost)} at epoch ${snap.epoch}: every unit outputs almost the same value, so the layers cannot tell inputs apart.`,
        advice: 'The initial weights are too small (e.g. N(0, 0.01) in a deep net): use Xavier or He initialization.',
        layer: deep.layer,
        epoch: snap.epoch,
      });
    }
  }

  const finite = epochs.filter((e) => Number.isFinite(e.trainLoss));
  if (!diverged && finite.length >= 3) {
    const first = finite[0].trainLoss;
    const last = finite[finite.length - 1].trainLoss;
    if (first - last < THRESHOLDS.notLearning * Math.abs(first)) {
      out.push({
        kind: 'not_learning',
        severity: 'warning',
        title: 'The model is not learning',
        detail: `The training loss went from ${fmt(first)} to ${fmt(last)} over ${finite.length} epochs (less than ${pct(THRESHOLDS.notLearning)} lower).`,
        advice: 'Check the initialization (too small weights stall deep nets), raise the learning rate, or switch to an adaptive optimizer such as Adam.',
      });
    }
  }

  const best = epochs.find((e) => e.epoch === input.bestEpoch) ?? finite[finite.length - 1];
  if (!diverged && best) out.push(biasVariance(input, best));
  return out;
}

function biasVariance(input: FindingsInput, best: EpochMetrics): Finding {
  const target = input.targetError ?? 0;
  let bias = false;
  let variance = false;
  let evidence: string;
  if (input.task === 'classification' && best.trainAccuracy !== null && best.valAccuracy !== null) {
    const trainErr = 1 - best.trainAccuracy;
    const valErr = 1 - best.valAccuracy;
    bias = trainErr - target > THRESHOLDS.biasGap;
    variance = valErr - trainErr > THRESHOLDS.varianceGap;
    evidence = `At the best epoch (${best.epoch}) the training error is ${pct(trainErr)} and the validation error ${pct(valErr)}` +
      `${input.targetError !== undefined ? ` against a target of ${pct(target)}` : ''}.`;
  } else {
    const gap = (best.valLoss - best.trainLoss) / Math.max(Math.abs(best.trainLoss), 1e-12);
    variance = gap > THRESHOLDS.varianceRatio;
    bias = input.targetError !== undefined ? best.trainLoss - target > THRESHOLDS.biasGap * Math.max(target, 1) : (best.valR2 ?? 1) < THRESHOLDS.lowR2 && !variance;
    evidence = `At the best epoch (${best.epoch}) the training loss is ${fmt(best.trainLoss)} and the validation loss ${fmt(best.valLoss)}` +
      `${best.valR2 !== null ? ` (validation R² ${fmt(best.valR2)})` : ''}.`;
  }
  if (bias && variance) {
    return { kind: 'high_bias', severity: 'warning', title: 'High bias and high variance', detail: `${evidence} The model fits the training data poorly and generalizes worse still.`, advice: 'First reduce bias: a bigger network or longer training; then add data or regularization (L2, dropout, early stopping) for the variance.', epoch: best.epoch };
  }
  if (bias) {
    return { kind: 'high_bias', severity: 'warning', title: 'Underfitting (high bias)', detail: `${evidence} The model cannot fit even the training data well.`, advice: 'Use a bigger network (more units or layers), train longer, lower regularization, or try another optimizer or learning rate.', epoch: best.epoch };
  }
  if (variance) {
    return { kind: 'high_variance', severity: 'warning', title: 'Overfitting (high variance)', detail: `${evidence} The gap between training and validation is large.`, advice: 'Get more data, add regularization (L2, dropout, input noise), stop earlier, or use a smaller network.', epoch: best.epoch };
  }
  return { kind: 'good_fit', severity: 'info', title: 'Good fit', detail: `${evidence} Neither bias nor variance stands out.`, advice: 'To do better still, tune the learning rate first, then momentum/β, width and batch size.', epoch: best.epoch };
}

function lastWith<T>(xs: T[], pred: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return xs[i];
  return undefined;
}
