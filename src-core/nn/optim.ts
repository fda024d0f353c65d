import type { OptimizerName, TrainConfig } from '../spec/train';
import type { Arena } from './arena';
import type { Kernels, OptStep } from './kernels/types';

/**
 * One optimizer over one flat parameter buffer and its gradient buffer, with its state in the arena.
 * The update rules are torch.optim's (see the kernels): SGD's momentum buffer v ← μv + (1−dampening)g
 * (v = g on the first step), p ← p − lr·v, Nesterov p ← p − lr·(g + μv); Adagrad with ε outside
 * √sum; Adadelta with ε inside both square roots; RMSprop with ε outside √v; Adam with coupled L2
 * (g + wd·p) and AdamW with decoupled decay p ← p(1 − lr·wd).
 */
export class Optimizer {
  readonly name: OptimizerName;
  private readonly s1: number;
  private readonly s2: number;
  private readonly o: OptStep;

  constructor(
    arena: Arena,
    private readonly kernels: Kernels,
    config: TrainConfig,
    private readonly params: number,
    private readonly grads: number,
    private readonly n: number,
  ) {
    this.name = config.optimizer;
    const needs1 = config.optimizer !== 'sgd' || config.momentum > 0;
    const needs2 = ['adadelta', 'adam', 'adamw'].includes(config.optimizer) || (config.optimizer === 'rmsprop' && config.momentum > 0);
    this.s1 = needs1 ? arena.alloc(n) : -1;
    this.s2 = needs2 ? arena.alloc(n) : -1;
    this.o = {
      lr: config.lr,
      momentum: config.momentum,
      dampening: 0,
      nesterov: config.optimizer === 'nesterov',
      beta1: config.beta1,
      beta2: config.beta2,
      eps: config.eps,
      rho: config.rho,
      weightDecay: config.weightDecay,
      step: 0,
      lrDecay: 0,
    };
  }

  /** Apply one update with learning rate lr. */
  step(lr: number): void {
    const o = this.o;
    o.lr = lr;
    o.step++;
    const { n, params: p, grads: g, s1, s2, kernels: k } = this;
    switch (this.name) {
      case 'sgd':
      case 'momentum':
      case 'nesterov':
        k.sgd(n, p, g, s1, o);
        break;
      case 'adagrad':
        k.adagrad(n, p, g, s1, o);
        break;
      case 'adadelta':
        k.adadelta(n, p, g, s1, s2, o);
        break;
      case 'rmsprop':
        k.rmsprop(n, p, g, s1, s2, o);
        break;
      case 'adam':
        k.adam(n, p, g, s1, s2, o, false);
        break;
      case 'adamw':
        k.adam(n, p, g, s1, s2, o, true);
        break;
    }
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.o.step;
  }
}
