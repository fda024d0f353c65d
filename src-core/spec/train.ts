import { z } from 'zod';
import { formatZodIssues, PARSE_OPTIONS, SpecError } from './errors';
import type { Spec } from './spec';
import { ACTIVATIONS, CLASS_WEIGHTS, INITS, LR_SCHEDULES, MONITORS, OBJECT_TRAIN_KEYS, OPTIMIZERS, type Activation, type ClassWeights, type InitName, type LrSchedule, type Monitor, type OptimizerName } from '../vocabulary';

export { ACTIVATIONS, INITS, LR_SCHEDULES, MONITORS, OPTIMIZERS } from '../vocabulary';
export type { Activation, InitName, LrSchedule, OptimizerName } from '../vocabulary';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const width = z.number().int().min(1).max(65536);

export const earlyStoppingSchema = z
  .object({
    monitor: z.enum(MONITORS).default('val_loss'),
    patience: z.number().int().min(1).max(100000).default(10),
    minDelta: nonNegative.default(0),
    restoreBest: z.boolean().default(true),
  })
  .strict();

/**
 * Every `train` key of a spec (the README's table). All optional here; `resolveTrainConfig`
 * fills defaults that depend on the optimizer (torch.optim's where torch has one).
 */
export const trainSchema = z
  .object({
    epochs: z.number().int().min(1).max(100000),
    batchSize: z.number().int().min(1).max(10_000_000),
    hiddenLayers: z.array(width).max(64),
    depth: z.number().int().min(0).max(64),
    hiddenUnits: width,
    activation: z.enum(ACTIVATIONS),
    leakySlope: positive.max(1),
    eluAlpha: positive,
    init: z.enum(INITS),
    initScale: positive,
    biasInit: z.number().finite(),
    optimizer: z.enum(OPTIMIZERS),
    lr: positive,
    momentum: nonNegative.max(1),
    beta1: nonNegative.lt(1),
    beta2: nonNegative.lt(1),
    eps: positive,
    rho: nonNegative.lt(1),
    weightDecay: nonNegative,
    lrSchedule: z.enum(LR_SCHEDULES),
    lrDecay: nonNegative,
    lrStepEpochs: z.number().int().min(1),
    warmupEpochs: z.number().int().min(0),
    minLr: nonNegative,
    l1: nonNegative,
    l2: nonNegative,
    dropout: nonNegative.lt(1),
    batchNorm: z.boolean(),
    inputNoise: nonNegative,
    clipNorm: nonNegative,
    clipValue: nonNegative,
    classWeights: z.enum(CLASS_WEIGHTS),
    earlyStopping: z.union([z.literal(false), earlyStoppingSchema], {
      error: () => `expected false (no early stopping) or an object { "monitor": ${MONITORS.map((m) => `"${m}"`).join(' | ')}, "patience": EPOCHS, "minDelta": NUMBER, "restoreBest": BOOLEAN }`,
    }),
  })
  .partial()
  .strict();

export type TrainInput = z.input<typeof trainSchema>;

/** A fully resolved training configuration: every key present. Serializes to JSON and back unchanged. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  hiddenLayers: number[];
  activation: Activation;
  leakySlope: number;
  eluAlpha: number;
  init: InitName;
  initScale: number;
  biasInit: number;
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  rho: number;
  weightDecay: number;
  lrSchedule: LrSchedule;
  lrDecay: number;
  lrStepEpochs: number;
  warmupEpochs: number;
  minLr: number;
  l1: number;
  l2: number;
  dropout: number;
  batchNorm: boolean;
  inputNoise: number;
  clipNorm: number;
  clipValue: number;
  /** Classification: "balanced" weighs each class's rows by rows / (classes × the class's rows) in the loss (torch's CrossEntropyLoss(weight=…)); "none" weighs every row alike. */
  classWeights: ClassWeights;
  earlyStopping: false | { monitor: Monitor; patience: number; minDelta: number; restoreBest: boolean };
}

/** torch.optim's default lr per optimizer (SGD has none in torch; 0.01 is Keras's). */
const DEFAULT_LR: Record<OptimizerName, number> = {
  sgd: 0.01, momentum: 0.01, nesterov: 0.01, adagrad: 0.01, adadelta: 1.0, rmsprop: 0.01, adam: 0.001, adamw: 0.001,
};
/** torch.optim's default ε per optimizer. */
const DEFAULT_EPS: Record<OptimizerName, number> = {
  sgd: 1e-8, momentum: 1e-8, nesterov: 1e-8, adagrad: 1e-10, adadelta: 1e-6, rmsprop: 1e-8, adam: 1e-8, adamw: 1e-8,
};

/** Default decay factor per schedule: step γ, exponential γ, inverse-time k. */
const DEFAULT_DECAY: Record<LrSchedule, number> = { constant: 0, step: 0.1, exponential: 0.95, inverse_time: 0.1, cosine: 0 };

/** Fill every unset key of a validated `train` object with its default. */
export function resolveTrainConfig(input: z.output<typeof trainSchema>): TrainConfig {
  const optimizer = input.optimizer ?? 'adam';
  const lrSchedule = input.lrSchedule ?? 'constant';
  let hiddenLayers = input.hiddenLayers ?? [64];
  if (input.depth !== undefined || input.hiddenUnits !== undefined) {
    const depth = input.depth ?? (input.hiddenLayers ? input.hiddenLayers.length : 1);
    const units = input.hiddenUnits ?? (input.hiddenLayers?.[0] ?? 64);
    hiddenLayers = Array.from({ length: depth }, () => units);
  }
  const es = input.earlyStopping;
  return {
    epochs: input.epochs ?? 50,
    batchSize: input.batchSize ?? 32,
    hiddenLayers,
    activation: input.activation ?? 'relu',
    leakySlope: input.leakySlope ?? 0.01,
    eluAlpha: input.eluAlpha ?? 1,
    init: input.init ?? 'he_normal',
    initScale: input.initScale ?? 0.01,
    biasInit: input.biasInit ?? 0,
    optimizer,
    lr: input.lr ?? DEFAULT_LR[optimizer],
    momentum: input.momentum ?? (optimizer === 'momentum' || optimizer === 'nesterov' ? 0.9 : 0),
    beta1: input.beta1 ?? 0.9,
    beta2: input.beta2 ?? 0.999,
    eps: input.eps ?? DEFAULT_EPS[optimizer],
    rho: input.rho ?? (optimizer === 'rmsprop' ? 0.99 : 0.9),
    weightDecay: input.weightDecay ?? (optimizer === 'adamw' ? 0.01 : 0),
    lrSchedule,
    lrDecay: input.lrDecay ?? DEFAULT_DECAY[lrSchedule],
    lrStepEpochs: input.lrStepEpochs ?? 10,
    warmupEpochs: input.warmupEpochs ?? 0,
    minLr: input.minLr ?? 0,
    l1: input.l1 ?? 0,
    l2: input.l2 ?? 0,
    dropout: input.dropout ?? 0,
    batchNorm: input.batchNorm ?? false,
    inputNoise: input.inputNoise ?? 0,
    clipNorm: input.clipNorm ?? 0,
    clipValue: input.clipValue ?? 0,
    classWeights: input.classWeights ?? 'none',
    earlyStopping:
      es === false
        ? false
        : {
            monitor: es?.monitor ?? 'val_loss',
            patience: es?.patience ?? 10,
            minDelta: es?.minDelta ?? 0,
            restoreBest: es?.restoreBest ?? true,
          },
  };
}

/** The names of every `train` key (each may also be a knob in `space`). */
export const TRAIN_KEYS = Object.keys(trainSchema.shape) as (keyof TrainInput)[];

/**
 * The fully resolved training configuration of a spec: its `train` block, then the trial's knob
 * values, then defaults. A categorical value that is an object is a bundle of train keys set
 * together (e.g. `{ "init": "normal", "initScale": 0.01 }` as one value of the `init` knob).
 */
export function trainConfigOf(spec: Pick<Spec, 'train'>, knobs: Record<string, unknown> = {}): TrainConfig {
  const merged: Record<string, unknown> = { ...spec.train };
  for (const [key, value] of Object.entries(knobs)) {
    if (isBundle(value) && !OBJECT_KEYS.has(key)) Object.assign(merged, value);
    else merged[key] = value;
  }
  const r = trainSchema.safeParse(merged, PARSE_OPTIONS);
  if (!r.success) throw new SpecError(formatZodIssues(r.error, 'train'));
  return resolveTrainConfig(r.data);
}

/** Train keys whose own values are objects (so an object value is not a bundle). */
const OBJECT_KEYS = new Set<string>(OBJECT_TRAIN_KEYS);

/** A categorical value that sets several train keys at once. */
export function isBundle(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
