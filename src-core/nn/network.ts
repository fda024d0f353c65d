import type { Task } from '../data/types';
import type { TrainConfig } from '../spec/train';
import { hashSeed, Rng } from '../util/rng';
import { Arena } from './arena';
import { createKernels } from './kernels/index';
import { ACT, type ActId, type KernelPath, type Kernels } from './kernels/types';
import { initWeights } from './init';
import { Optimizer } from './optim';
import { ArenaMemoryError, cannotGetMessage, checkNetworkFits, ModelTooBigError } from './memory';

/** What a Network is built from. */
export interface NetworkOptions {
  /** Input features. */
  nIn: number;
  /** Classes (classification) or target columns (regression). */
  nOut: number;
  task: Task;
  /** The largest number of rows ever passed to trainStep or evaluate. */
  maxBatch: number;
  config: TrainConfig;
  /** Initial weights, dropout masks and input noise all derive from it. */
  seed: number;
  kernels?: KernelPath;
  /** Build inside this arena (reset first) instead of a new one: a thread training trial after trial reuses one. */
  arena?: Arena;
  /**
   * Each class's weight in the loss, where `config.classWeights` is "balanced" (the trainer
   * computes them from the training rows' counts): the loss is Σ w[y]·ℓ / Σ w[y], as torch's
   * CrossEntropyLoss(weight=w) takes its mean.
   */
  classWeights?: ArrayLike<number>;
}

/** One dense layer and what follows it, with the arena offsets of its parameters and activations. */
export interface LayerInfo {
  index: number;
  nIn: number;
  nOut: number;
  /** 'output' for the last (linear) layer. */
  activation: TrainConfig['activation'] | 'output';
  act: ActId;
  /** Weights (nIn×nOut, row-major) and their gradient; bias -1 when batch norm replaces it. */
  w: number;
  dw: number;
  b: number;
  db: number;
  /** Batch norm γ, β (params), their gradients, running mean/var, saved x̂ and 1/σ; -1 without batch norm. */
  gamma: number;
  dgamma: number;
  beta: number;
  dbeta: number;
  runMean: number;
  runVar: number;
  xhat: number;
  invStd: number;
  /** Linear output h = xW (+ b), pre-activation z (after batch norm), post-activation a, dropout mask. */
  h: number;
  z: number;
  a: number;
  mask: number;
  /** The layer's output as the next layer reads it: a after dropout (a itself without dropout). */
  out: number;
  /** Where this layer reads its input. */
  input: number;
}

const BN_EPS = 1e-5;
const BN_MOMENTUM = 0.1;

/**
 * A multilayer perceptron living in one Arena: [Dense → (BatchNorm) → activation → (Dropout)] × hidden,
 * then a linear output layer with softmax cross-entropy (classification) or MSE (regression).
 * All trainable parameters sit in one flat region and their gradients in another with the same
 * layout, so clipping and the optimizer are single kernel calls. Nothing is allocated per step.
 *
 * @example
 *   const net = new Network({ nIn: 2, nOut: 2, task: 'classification', maxBatch: 32, config, seed: 1 });
 *   net.arena.f32.set(batchX, net.xOff); net.arena.i32.set(batchY, net.yOff);
 *   const { loss } = net.trainStep(32, 0.01);
 */
export class Network {
  readonly arena: Arena;
  readonly kernels: Kernels;
  readonly layers: LayerInfo[] = [];
  readonly xOff: number;
  readonly yOff: number;
  readonly outOff: number;
  readonly paramOff: number;
  readonly gradOff: number;
  readonly paramCount: number;
  readonly maxBatch: number;
  /** Reuse the current dropout masks instead of drawing new ones (for gradient checks). */
  freezeMasks = false;
  private readonly dOut: number;
  private readonly gradA: number;
  private readonly gradB: number;
  private readonly scratch: number;
  private readonly optimizer: Optimizer;
  private readonly rng: Rng;
  private readonly norms: number[];
  private readonly classification: boolean;
  /** The arena offset of the classes' loss weights, or −1 for an unweighted loss. */
  private readonly weightsOff: number;

  constructor(private readonly opts: NetworkOptions) {
    const { nIn, nOut, config, maxBatch } = opts;
    this.maxBatch = maxBatch;
    this.classification = opts.task === 'classification';
    // Too big for WebAssembly's memory: say so, with the figures, before allocating anything.
    const memory = checkNetworkFits({ nIn, nOut, classification: this.classification, maxBatch, config });
    this.arena = opts.arena ?? new Arena();
    if (opts.arena) opts.arena.reset();
    try {
      // All the memory at once: the allocations below then never grow it.
      this.arena.ensure(memory.bytes);
    } catch (e) {
      // Within WebAssembly's limit, but the machine would not give it that much: the same figures, and what happened.
      if (e instanceof ArenaMemoryError) throw new ModelTooBigError(cannotGetMessage(memory, e));
      throw e;
    }
    this.kernels = createKernels(this.arena, opts.kernels);
    const widths = [nIn, ...config.hiddenLayers, nOut];
    const nLayers = widths.length - 1;
    const bn = config.batchNorm;

    let count = 0;
    const paramLayout: { w: number; b: number; gamma: number; beta: number }[] = [];
    for (let l = 0; l < nLayers; l++) {
      const hidden = l < nLayers - 1;
      const w = count;
      count += widths[l] * widths[l + 1];
      let b = -1;
      let gamma = -1;
      let beta = -1;
      if (hidden && bn) {
        gamma = count;
        count += widths[l + 1];
        beta = count;
        count += widths[l + 1];
      } else {
        b = count;
        count += widths[l + 1];
      }
      paramLayout.push({ w, b, gamma, beta });
    }
    this.paramCount = count;
    this.paramOff = this.arena.alloc(count);
    this.gradOff = this.arena.alloc(count);
    this.xOff = this.arena.alloc(maxBatch * nIn);
    this.yOff = this.arena.alloc(maxBatch * (this.classification ? 1 : nOut));
    const maxWidth = Math.max(...widths);
    this.gradA = this.arena.alloc(maxBatch * maxWidth);
    this.gradB = this.arena.alloc(maxBatch * maxWidth);
    this.scratch = this.arena.alloc(maxWidth * 4);
    if (this.classification && config.classWeights === 'balanced') {
      if (!opts.classWeights || opts.classWeights.length !== nOut) throw new Error(`classWeights "balanced" needs one weight per class (${nOut}), got ${opts.classWeights?.length ?? 'none'}`);
      this.weightsOff = this.arena.alloc(nOut);
      this.arena.f32.set(Array.from(opts.classWeights), this.weightsOff);
    } else {
      this.weightsOff = -1;
    }

    const act = ACT[config.activation];
    let input = this.xOff;
    for (let l = 0; l < nLayers; l++) {
      const hidden = l < nLayers - 1;
      const p = paramLayout[l];
      const out = widths[l + 1];
      const off = (x: number): number => (x < 0 ? -1 : this.paramOff + x);
      const goff = (x: number): number => (x < 0 ? -1 : this.gradOff + x);
      const h = this.arena.alloc(maxBatch * out);
      const useBn = hidden && bn;
      const z = useBn ? this.arena.alloc(maxBatch * out) : h;
      const a = hidden ? this.arena.alloc(maxBatch * out) : h;
      const info: LayerInfo = {
        index: l,
        nIn: widths[l],
        nOut: out,
        activation: hidden ? config.activation : 'output',
        act: hidden ? act : ACT.linear,
        w: off(p.w),
        dw: goff(p.w),
        b: off(p.b),
        db: goff(p.b),
        gamma: off(p.gamma),
        dgamma: goff(p.gamma),
        beta: off(p.beta),
        dbeta: goff(p.beta),
        runMean: useBn ? this.arena.alloc(out) : -1,
        runVar: useBn ? this.arena.alloc(out) : -1,
        xhat: useBn ? this.arena.alloc(maxBatch * out) : -1,
        invStd: useBn ? this.arena.alloc(out) : -1,
        h,
        z,
        a,
        mask: -1,
        out: a,
        input,
      };
      if (hidden && config.dropout > 0) {
        info.mask = this.arena.alloc(maxBatch * out);
        info.out = this.arena.alloc(maxBatch * out);
      }
      this.layers.push(info);
      input = info.out;
    }
    this.outOff = this.layers[nLayers - 1].a;
    this.dOut = this.arena.alloc(maxBatch * nOut);
    this.optimizer = new Optimizer(this.arena, this.kernels, config, this.paramOff, this.gradOff, this.paramCount);
    this.norms = new Array<number>(nLayers).fill(0);

    const f = this.arena.f32;
    const initRng = new Rng(hashSeed(opts.seed, 'init'));
    for (const L of this.layers) {
      initWeights(f.subarray(L.w, L.w + L.nIn * L.nOut), config.init, L.nIn, L.nOut, config.initScale, initRng);
      if (L.b >= 0) f.fill(L.index === this.layers.length - 1 ? 0 : config.biasInit, L.b, L.b + L.nOut);
      if (L.gamma >= 0) {
        f.fill(1, L.gamma, L.gamma + L.nOut);
        f.fill(0, L.beta, L.beta + L.nOut);
        f.fill(1, L.runVar, L.runVar + L.nOut);
      }
    }
    this.rng = new Rng(hashSeed(opts.seed, 'train'));
  }

  /** Forward through every layer on the first n rows at xOff; training mode uses batch statistics, dropout and input noise. */
  forward(n: number, training: boolean): void {
    const f = this.arena.f32;
    const k = this.kernels;
    const cfg = this.opts.config;
    if (training && cfg.inputNoise > 0) {
      const end = this.xOff + n * this.opts.nIn;
      for (let i = this.xOff; i < end; i++) f[i] += this.rng.normal(0, cfg.inputNoise);
    }
    for (const L of this.layers) {
      k.gemm(false, false, n, L.nOut, L.nIn, L.input, L.w, L.h, false);
      if (L.gamma >= 0) {
        this.batchNormForward(L, n, training);
        k.biasAct(L.act, this.alpha(), n, L.nOut, L.z, -1, L.a);
      } else {
        k.biasAct(L.act, this.alpha(), n, L.nOut, L.h, L.b, L.a);
      }
      if (L.mask >= 0) {
        const total = n * L.nOut;
        if (training) {
          const keep = 1 - cfg.dropout;
          if (!this.freezeMasks) {
            for (let i = 0; i < total; i++) f[L.mask + i] = this.rng.uniform() < keep ? 1 / keep : 0;
          }
          for (let i = 0; i < total; i++) f[L.out + i] = f[L.a + i] * f[L.mask + i];
        } else {
          f.copyWithin(L.out, L.a, L.a + total);
        }
      }
    }
  }

  /**
   * Data loss over the first n rows after a forward pass; writes ∂(mean loss)/∂output into dOut.
   * Returns the summed per-row loss and what the mean divides it by: n, or with class weights the
   * rows' summed weights (each row's loss counted w[y] times).
   */
  private lossSum(n: number): { sum: number; weight: number } {
    const nOut = this.opts.nOut;
    if (!this.classification) return { sum: this.kernels.mse(n * nOut, this.outOff, this.yOff, this.dOut, 1 / (n * nOut)) / nOut, weight: n };
    if (this.weightsOff < 0) return { sum: this.kernels.softmaxXent(n, nOut, this.outOff, this.yOff, this.dOut, 1 / n), weight: n };
    const f = this.arena.f32;
    const labels = this.arena.i32;
    let weight = 0;
    for (let r = 0; r < n; r++) weight += f[this.weightsOff + labels[this.yOff + r]];
    return { sum: this.kernels.softmaxXent(n, nOut, this.outOff, this.yOff, this.dOut, 1 / weight, this.weightsOff), weight };
  }

  /** The mean data loss over the first n rows after a forward pass (weighted by class where asked); writes its gradient into dOut. */
  private meanLoss(n: number): number {
    const { sum, weight } = this.lossSum(n);
    return sum / weight;
  }

  /** Forward (training mode), loss, backward and penalties: fills the gradient buffer without updating. */
  computeGradients(n: number): { loss: number; penalty: number } {
    this.forward(n, true);
    const loss = this.meanLoss(n);
    this.backward(n);
    const penalty = this.applyPenalties();
    return { loss, penalty };
  }

  /** Training-mode loss (mean data loss plus penalty) on the first n rows without touching gradients: for gradient checks. */
  lossOnly(n: number): number {
    this.forward(n, true);
    const data = this.meanLoss(n);
    const { l1, l2 } = this.opts.config;
    let penalty = 0;
    if (l1 !== 0 || l2 !== 0) {
      const f = this.arena.f32;
      for (const L of this.layers) {
        for (let i = L.w; i < L.w + L.nIn * L.nOut; i++) penalty += l1 * Math.abs(f[i]) + l2 * f[i] * f[i];
      }
    }
    return data + penalty;
  }

  /** One training step on the first n rows: gradients, clipping, then the optimizer with learning rate lr. */
  trainStep(n: number, lr: number): { loss: number; penalty: number } {
    const r = this.computeGradients(n);
    const k = this.kernels;
    for (let l = 0; l < this.layers.length; l++) {
      const L = this.layers[l];
      this.norms[l] = Math.sqrt(k.sumSquares(L.nIn * L.nOut, L.dw));
    }
    const cfg = this.opts.config;
    if (cfg.clipValue > 0) k.clip(this.paramCount, this.gradOff, cfg.clipValue);
    if (cfg.clipNorm > 0) {
      const total = Math.sqrt(k.sumSquares(this.paramCount, this.gradOff));
      if (total > cfg.clipNorm) k.scale(this.paramCount, this.gradOff, cfg.clipNorm / (total + 1e-6));
    }
    this.optimizer.step(lr);
    return r;
  }

  /** Eval-mode forward on the first n rows: summed loss, correct count (classification), summed squared and absolute errors (regression). */
  /**
   * Loss and errors over n loaded rows; for classes, `confusion` (nOut × nOut, true class by row,
   * predicted by column), when given, counts each row, and `perClass` (2 × nOut: each class's rows,
   * then how many of them were answered right), when given, too.
   */
  evaluate(n: number, confusion?: Int32Array, perClass?: Int32Array): { lossSum: number; weightSum: number; correct: number; sqErrSum: number; absErrSum: number } {
    this.forward(n, false);
    const f = this.arena.f32;
    const nOut = this.opts.nOut;
    const { sum: lossSum, weight: weightSum } = this.lossSum(n);
    let correct = 0;
    let sq = 0;
    let abs = 0;
    if (this.classification) {
      const labels = this.arena.i32;
      for (let r = 0; r < n; r++) {
        const row = this.outOff + r * nOut;
        let arg = 0;
        for (let c = 1; c < nOut; c++) if (f[row + c] > f[row + arg]) arg = c;
        const label = labels[this.yOff + r];
        if (arg === label) correct++;
        if (confusion) confusion[label * nOut + arg]++;
        if (perClass) {
          perClass[label]++;
          if (arg === label) perClass[nOut + label]++;
        }
      }
    } else {
      for (let i = 0; i < n * nOut; i++) {
        const d = f[this.outOff + i] - f[this.yOff + i];
        sq += d * d;
        abs += Math.abs(d);
      }
      sq /= nOut;
      abs /= nOut;
    }
    return { lossSum, weightSum, correct, sqErrSum: sq, absErrSum: abs };
  }

  /** ‖∇W‖₂ of each dense layer at the last trainStep (before clipping). */
  gradNorms(): number[] {
    return this.norms;
  }

  /** Everything needed to restore the model: parameters then batch-norm running statistics. */
  snapshot(): Float32Array {
    const f = this.arena.f32;
    const out = new Float32Array(this.paramCount + this.runningSize());
    out.set(f.subarray(this.paramOff, this.paramOff + this.paramCount));
    let o = this.paramCount;
    for (const L of this.layers) {
      if (L.runMean < 0) continue;
      out.set(f.subarray(L.runMean, L.runMean + L.nOut), o);
      out.set(f.subarray(L.runVar, L.runVar + L.nOut), o + L.nOut);
      o += 2 * L.nOut;
    }
    return out;
  }

  /** Put back a snapshot taken from this network. */
  restore(s: Float32Array): void {
    const f = this.arena.f32;
    f.set(s.subarray(0, this.paramCount), this.paramOff);
    let o = this.paramCount;
    for (const L of this.layers) {
      if (L.runMean < 0) continue;
      f.set(s.subarray(o, o + L.nOut), L.runMean);
      f.set(s.subarray(o + L.nOut, o + 2 * L.nOut), L.runVar);
      o += 2 * L.nOut;
    }
  }

  /** The flat parameter vector (a live view). */
  params(): Float32Array {
    return this.arena.f32.subarray(this.paramOff, this.paramOff + this.paramCount);
  }

  /** The flat gradient vector (a live view). */
  grads(): Float32Array {
    return this.arena.f32.subarray(this.gradOff, this.gradOff + this.paramCount);
  }

  private runningSize(): number {
    return this.layers.reduce((s, L) => s + (L.runMean >= 0 ? 2 * L.nOut : 0), 0);
  }

  private alpha(): number {
    const c = this.opts.config;
    return c.activation === 'elu' ? c.eluAlpha : c.leakySlope;
  }

  private backward(n: number): void {
    const k = this.kernels;
    const f = this.arena.f32;
    let dA = this.dOut;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const L = this.layers[l];
      const total = n * L.nOut;
      const dz = dA === this.gradA ? this.gradB : this.gradA;
      if (L.mask >= 0) for (let i = 0; i < total; i++) f[dA + i] *= f[L.mask + i];
      let dh: number;
      if (L.act === ACT.linear) {
        dh = dA;
      } else {
        k.actBackward(L.act, this.alpha(), total, L.z, L.a, dA, dz);
        dh = dz;
      }
      if (L.gamma >= 0) {
        this.batchNormBackward(L, n, dh);
      } else {
        k.colSum(n, L.nOut, dh, L.db, false);
      }
      k.gemm(true, false, L.nIn, L.nOut, n, L.input, dh, L.dw, false);
      if (l > 0) {
        const dIn = dh === this.gradA ? this.gradB : this.gradA;
        k.gemm(false, true, n, L.nIn, L.nOut, dh, L.w, dIn, false);
        dA = dIn;
      }
    }
  }

  /** Adds L1/L2 gradients of the dense weights and returns the penalty value. */
  private applyPenalties(): number {
    const { l1, l2 } = this.opts.config;
    if (l1 === 0 && l2 === 0) return 0;
    const f = this.arena.f32;
    let penalty = 0;
    for (const L of this.layers) {
      const end = L.w + L.nIn * L.nOut;
      for (let i = L.w, g = L.dw; i < end; i++, g++) {
        const w = f[i];
        penalty += l1 * Math.abs(w) + l2 * w * w;
        f[g] += l1 * Math.sign(w) + 2 * l2 * w;
      }
    }
    return penalty;
  }

  private batchNormForward(L: LayerInfo, n: number, training: boolean): void {
    const f = this.arena.f32;
    const c = L.nOut;
    for (let j = 0; j < c; j++) {
      let mean: number;
      let invStd: number;
      if (training) {
        let s = 0;
        for (let r = 0; r < n; r++) s += f[L.h + r * c + j];
        mean = s / n;
        let v = 0;
        for (let r = 0; r < n; r++) v += (f[L.h + r * c + j] - mean) ** 2;
        const varBiased = v / n;
        invStd = 1 / Math.sqrt(varBiased + BN_EPS);
        f[L.invStd + j] = invStd;
        f[L.runMean + j] = (1 - BN_MOMENTUM) * f[L.runMean + j] + BN_MOMENTUM * mean;
        f[L.runVar + j] = (1 - BN_MOMENTUM) * f[L.runVar + j] + BN_MOMENTUM * (n > 1 ? v / (n - 1) : varBiased);
      } else {
        mean = f[L.runMean + j];
        invStd = 1 / Math.sqrt(f[L.runVar + j] + BN_EPS);
      }
      const g = f[L.gamma + j];
      const b = f[L.beta + j];
      for (let r = 0; r < n; r++) {
        const i = r * c + j;
        const xh = (f[L.h + i] - mean) * invStd;
        if (training) f[L.xhat + i] = xh;
        f[L.z + i] = g * xh + b;
      }
    }
  }

  /** Turns dz (gradient w.r.t. the BN output) into dh in place, and fills dγ, dβ. */
  private batchNormBackward(L: LayerInfo, n: number, dz: number): void {
    const f = this.arena.f32;
    const c = L.nOut;
    for (let j = 0; j < c; j++) {
      let sumDz = 0;
      let sumDzXhat = 0;
      for (let r = 0; r < n; r++) {
        const i = r * c + j;
        sumDz += f[dz + i];
        sumDzXhat += f[dz + i] * f[L.xhat + i];
      }
      f[L.dbeta + j] = sumDz;
      f[L.dgamma + j] = sumDzXhat;
      const g = f[L.gamma + j];
      const scale = (g * f[L.invStd + j]) / n;
      for (let r = 0; r < n; r++) {
        const i = r * c + j;
        f[dz + i] = scale * (n * f[dz + i] - sumDz - f[L.xhat + i] * sumDzXhat);
      }
    }
  }
}
