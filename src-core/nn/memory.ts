import { BadInputError } from '../errors';
import type { TrainConfig } from '../spec/train';

/**
 * How much memory a network's arena takes, computed from its shape without building it, and the
 * error that says so when it is more than WebAssembly allows. `networkMemory` follows the Network
 * constructor's allocations one by one (test/unit/nn/memory.test.ts checks it against a built
 * network's `arena.usedBytes`), so the check before training and the arena agree to the byte.
 *
 * @example
 *   const m = networkMemory({ nIn: 64, nOut: 10, classification: true, maxBatch: 256, config });
 *   if (m.bytes > ARENA_MAX_BYTES) throw new ModelTooBigError(tooBigMessage(m));
 */

/** Rows the trainer evaluates per forward pass when measuring validation and test metrics: a network is built for at least this many when the validation or test rows are as many. */
export const EVAL_CHUNK = 256;

/** Bytes in a WebAssembly page. */
const PAGE = 65536;
/** The most pages an arena's memory may have: wasm32 addresses 4 GiB (the Arena's `maximum`). */
export const ARENA_MAX_PAGES = 65536;
/** The most bytes an arena may hold (4 GiB). */
export const ARENA_MAX_BYTES = ARENA_MAX_PAGES * PAGE;
/** Bytes an arena keeps below its first region (the wasm kernels' stack). */
export const ARENA_RESERVED_BYTES = 64 * 1024;

/** The train keys a network's memory depends on. */
export type MemoryConfig = Pick<TrainConfig, 'hiddenLayers' | 'batchNorm' | 'dropout' | 'optimizer' | 'momentum'> & Partial<Pick<TrainConfig, 'classWeights'>>;

/** What a network is built for, as far as its memory goes. */
export interface NetworkShape {
  nIn: number;
  nOut: number;
  classification: boolean;
  /** The most rows a step or an evaluation passes at once (the trainer's `maxBatch`). */
  maxBatch: number;
  config: MemoryConfig;
}

/** A network's arena, in parts. */
export interface NetworkMemory {
  shape: NetworkShape;
  /** Trainable parameters (weights, biases, batch-norm γ and β). */
  params: number;
  /** Optimizer state buffers, each as large as the parameters (Adam: 2). */
  optimizerBuffers: number;
  /** Parameters, their gradients and the optimizer's state. */
  paramBytes: number;
  /** Everything that grows with the rows passed at once: inputs, targets, activations, masks, gradients of activations. */
  rowBytes: number;
  /** The whole arena, reserved bytes included. */
  bytes: number;
}

/** Floats an `Arena.alloc(n)` takes: n rounded up to 4 (16-byte alignment), at least 4. */
const region = (n: number): number => Math.ceil(Math.max(n, 1) / 4) * 4;

/** Whether the optimizer keeps one or two state buffers (as optim.ts allocates them). */
export function optimizerBuffers(config: Pick<TrainConfig, 'optimizer' | 'momentum'>): number {
  const one = config.optimizer !== 'sgd' || config.momentum > 0;
  const two = ['adadelta', 'adam', 'adamw'].includes(config.optimizer) || (config.optimizer === 'rmsprop' && config.momentum > 0);
  return (one ? 1 : 0) + (two ? 1 : 0);
}

/** The memory a Network of this shape takes in its arena (network.ts allocates the same regions). */
export function networkMemory(shape: NetworkShape): NetworkMemory {
  const { nIn, nOut, maxBatch, config } = shape;
  const widths = [nIn, ...config.hiddenLayers, nOut];
  const nLayers = widths.length - 1;
  let params = 0;
  for (let l = 0; l < nLayers; l++) params += widths[l] * widths[l + 1] + (l < nLayers - 1 && config.batchNorm ? 2 : 1) * widths[l + 1];
  const buffers = optimizerBuffers(config);
  const paramFloats = (2 + buffers) * region(params);
  const maxWidth = Math.max(...widths);
  let rowFloats = region(maxBatch * nIn) + region(maxBatch * (shape.classification ? 1 : nOut)) + 2 * region(maxBatch * maxWidth) + region(maxWidth * 4);
  for (let l = 0; l < nLayers; l++) {
    const out = widths[l + 1];
    const hidden = l < nLayers - 1;
    const bn = hidden && config.batchNorm;
    // h, then z (batch norm) and a (hidden layers), then batch norm's statistics and x̂, then dropout's mask and output.
    rowFloats += region(maxBatch * out) * (1 + (bn ? 1 : 0) + (hidden ? 1 : 0));
    if (bn) rowFloats += 3 * region(out) + region(maxBatch * out);
    if (hidden && config.dropout > 0) rowFloats += 2 * region(maxBatch * out);
  }
  rowFloats += region(maxBatch * nOut);
  if (shape.classification && config.classWeights === 'balanced') rowFloats += region(nOut);
  const reserved = Math.ceil(ARENA_RESERVED_BYTES / 16) * 16;
  return { shape, params, optimizerBuffers: buffers, paramBytes: 4 * paramFloats, rowBytes: 4 * rowFloats, bytes: reserved + 4 * (paramFloats + rowFloats) };
}

/** Bytes in words: "6.1 GiB", "4 GiB", "350 MiB", "12 KiB". */
export function bytesText(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1).replace(/\.0$/, '')} GiB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Why a network does not fit: its layers and parameter count, what the memory is for, how much that
 * is against WebAssembly's limit, and what to change. `atLeast` when the data set's width and rows
 * were not known (a lower bound), `smallest` when it is the smallest network a search space allows.
 */
export function tooBigMessage(m: NetworkMemory, opts: { atLeast?: boolean; smallest?: boolean } = {}): string {
  const { shape } = m;
  const layers = opts.atLeast ? `hidden layers ${shape.config.hiddenLayers.join('-') || 'none'}` : `layers ${[shape.nIn, ...shape.config.hiddenLayers, shape.nOut].join('-')}`;
  const parts = ['weights', 'gradients', ...(m.optimizerBuffers > 0 ? [`optimizer state (${shape.config.optimizer})`] : [])];
  // Rows are known when the data set is: then the activations for the rows passed at once count too.
  if (!opts.atLeast) parts.push(`activations for ${shape.maxBatch} row${shape.maxBatch === 1 ? '' : 's'} at a time`);
  const what = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const subject = opts.smallest ? 'even the smallest network the space allows' : 'the network';
  // A smaller batch only helps when the rows' share is large.
  const advice = m.rowBytes > m.paramBytes / 4 ? 'use fewer or narrower hidden layers or a smaller batch' : 'use fewer or narrower hidden layers';
  return `${subject} (${layers}, ${m.params.toLocaleString('en-US')} parameters) needs ${opts.atLeast ? 'at least ' : ''}${bytesText(m.bytes)} for its ${what}; ` +
    `WebAssembly allows at most ${bytesText(ARENA_MAX_BYTES)}: ${advice}`;
}

/** Why a network within WebAssembly's limit could still not be built: the machine would not give the memory (`e`, the arena's error). */
export function cannotGetMessage(m: NetworkMemory, e: ArenaMemoryError): string {
  const figures = tooBigMessage(m).replace(/; WebAssembly allows.*$/, '');
  return `${figures}; this machine could not give WebAssembly that much memory (${e.reason}): use fewer or narrower hidden layers or a smaller batch, or close other programs`;
}

/** A network too big for the memory WebAssembly can give it: bad input (the spec's layers or batch), not a bug. */
export class ModelTooBigError extends BadInputError {
  constructor(message: string) {
    super(message.charAt(0).toUpperCase() + message.slice(1));
  }
}

/** Throw a ModelTooBigError when a network of this shape cannot fit in an arena. */
export function checkNetworkFits(shape: NetworkShape): NetworkMemory {
  const m = networkMemory(shape);
  if (m.bytes > ARENA_MAX_BYTES) throw new ModelTooBigError(tooBigMessage(m));
  return m;
}

/** An arena whose memory could not grow (past WebAssembly's limit, or the machine would not give it more). */
export class ArenaMemoryError extends BadInputError {
  /** What WebAssembly said (its RangeError's message). */
  readonly reason: string;
  constructor(
    readonly neededBytes: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The model needs ${bytesText(neededBytes)} of memory and WebAssembly could not grow to that (${reason}); ` +
      `it allows at most ${bytesText(ARENA_MAX_BYTES)}, and less when the machine is short of memory: use fewer or narrower hidden layers or a smaller batch`);
    this.reason = reason;
  }
}
