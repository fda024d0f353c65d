import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src-core/errors';
import { Arena } from '../../../src-core/nn/arena';
import { ARENA_MAX_BYTES, ArenaMemoryError, ModelTooBigError, networkMemory } from '../../../src-core/nn/memory';
import { Network } from '../../../src-core/nn/network';
import { resolveTrainConfig, trainSchema, type TrainInput } from '../../../src-core/spec/train';

const configOf = (over: TrainInput) => resolveTrainConfig(trainSchema.parse(over));

describe('the memory a network needs', () => {
  it.each<[string, TrainInput, 'classification' | 'regression']>([
    ['adam, two layers', { hiddenLayers: [7, 5] }, 'classification'],
    ['sgd without momentum (no optimizer state)', { hiddenLayers: [9], optimizer: 'sgd' }, 'classification'],
    ['rmsprop with momentum, batch norm and dropout', { hiddenLayers: [6, 6, 3], optimizer: 'rmsprop', momentum: 0.5, batchNorm: true, dropout: 0.2 }, 'regression'],
    ['no hidden layer, adadelta', { hiddenLayers: [], optimizer: 'adadelta' }, 'regression'],
    ['class weights (one float per class)', { hiddenLayers: [5], classWeights: 'balanced' }, 'classification'],
  ])('is the arena a built network uses, to the byte (%s)', (_, over, task) => {
    const config = configOf(over);
    for (const maxBatch of [1, 13, 64]) {
      const shape = { nIn: 11, nOut: task === 'classification' ? 4 : 3, classification: task === 'classification', maxBatch, config };
      const classWeights = config.classWeights === 'balanced' ? [1, 2, 3, 4] : undefined;
      const net = new Network({ nIn: shape.nIn, nOut: shape.nOut, task, maxBatch, config, seed: 1, kernels: 'scalar', classWeights });
      expect(networkMemory(shape).bytes).toBe(net.arena.usedBytes);
    }
  });

  it('refuses a network past WebAssembly\'s 4 GiB before allocating, naming its layers, parameters, memory and the limit', () => {
    const config = configOf({ hiddenLayers: [20000, 20000] });
    const build = (): Network => new Network({ nIn: 64, nOut: 10, task: 'classification', maxBatch: 256, config, seed: 1, kernels: 'scalar' });
    expect(build).toThrow(ModelTooBigError);
    expect(build).toThrow(BadInputError);
    expect(build).toThrow(
      'The network (layers 64-20000-20000-10, 401,520,010 parameters) needs 6.1 GiB for its weights, gradients, optimizer state (adam) and activations for 256 rows at a time; ' +
      'WebAssembly allows at most 4 GiB: use fewer or narrower hidden layers',
    );
    // Batches that dominate: the advice names the batch too.
    const wide = configOf({ hiddenLayers: [4096, 4096, 4096, 4096], optimizer: 'sgd' });
    expect(() => new Network({ nIn: 64, nOut: 10, task: 'classification', maxBatch: 40000, config: wide, seed: 1, kernels: 'scalar' })).toThrow(/or a smaller batch$/);
    expect(networkMemory({ nIn: 64, nOut: 10, classification: true, maxBatch: 256, config }).bytes).toBeGreaterThan(ARENA_MAX_BYTES);
  });

  it('an arena whose memory cannot grow says how much was needed instead of a bare RangeError, and the network gives its own figures', () => {
    // A memory that may not grow past 3 pages (192 KiB): as a machine short of memory refuses to grow it.
    const small = (): Arena => new Arena(new WebAssembly.Memory({ initial: 2, maximum: 3 }));
    const arena = small();
    expect(() => arena.alloc(1_000_000)).toThrow(ArenaMemoryError);
    expect(() => arena.alloc(1_000_000)).toThrow(/^The model needs 4 MiB of memory and WebAssembly could not grow to that \(.*\); it allows at most 4 GiB/);
    const config = configOf({ hiddenLayers: [300, 300] });
    expect(() => new Network({ nIn: 20, nOut: 3, task: 'classification', maxBatch: 32, config, seed: 1, kernels: 'scalar', arena: small() }))
      .toThrow(/^The network \(layers 20-300-300-3, 97,503 parameters\) needs 2 MiB for its weights, gradients, optimizer state \(adam\) and activations for 32 rows at a time; this machine could not give WebAssembly that much memory \(.+\): use fewer/);
  });
});
