/**
 * The hot-path kernels, over one Arena. Every pointer is a float offset into
 * `arena.f32` (labels: an offset into `arena.i32`, same units). Kernels allocate
 * nothing and never grow memory. All matrices are dense and row-major.
 *
 * Three implementations share this contract and its test suite: scalar TypeScript
 * (`scalar.ts`), wasm SIMD128 and wasm relaxed SIMD (`wasm.ts`). `selectKernels`
 * picks the fastest the runtime supports.
 */

/** Activation ids shared with the wasm kernels (keep the numbers stable). */
export const ACT = { linear: 0, relu: 1, leaky_relu: 2, elu: 3, tanh: 4, sigmoid: 5 } as const;
export type ActName = keyof typeof ACT;
export type ActId = (typeof ACT)[ActName];

/** Which implementation a Kernels object is. */
export type KernelPath = 'scalar' | 'simd' | 'relaxed-simd';

/** Hyperparameters of one optimizer step, with torch.optim's names and defaults applied by the caller. */
export interface OptStep {
  lr: number;
  /** Momentum μ (sgd), β1 (adam/adamw). */
  momentum: number;
  dampening: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  eps: number;
  /** Adadelta ρ, RMSprop α. */
  rho: number;
  /** Coupled L2 (added to the gradient) for every optimizer except adamw, decoupled for adamw. */
  weightDecay: number;
  /** 1-based step count (Adam bias correction; Adagrad lr decay). */
  step: number;
  /** Adagrad's lr_decay. */
  lrDecay: number;
}

export interface Kernels {
  readonly path: KernelPath;

  /**
   * C[m×n] = op(A)·op(B), or C += op(A)·op(B) when `accumulate`.
   * op(A) is m×k: A is stored m×k, or k×m when `transA`. op(B) is k×n: B is stored k×n,
   * or n×k when `transB`. Forward: gemm(false,false); dW = Xᵀ·dZ: gemm(true,false);
   * dX = dZ·Wᵀ: gemm(false,true).
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: number, b: number, c: number, accumulate: boolean): void;

  /** z[r,c] += bias[c] (bias may be -1 for none), then out = act(z). `alpha` is leaky slope / elu α. out may equal z only for linear. */
  biasAct(act: ActId, alpha: number, rows: number, cols: number, z: number, bias: number, out: number): void;

  /** dz = grad ⊙ act'(z) (using `out` = act(z) where cheaper, e.g. sigmoid, tanh). dz may equal grad. */
  actBackward(act: ActId, alpha: number, n: number, z: number, out: number, grad: number, dz: number): void;

  /** dst[c] = Σ_r src[r,c] (or += when accumulate): the bias gradient. */
  colSum(rows: number, cols: number, src: number, dst: number, accumulate: boolean): void;

  /**
   * Numerically stable softmax cross-entropy over rows of logits with integer labels.
   * Writes grad = (softmax − onehot) · scale and returns Σ_rows −log p[label] (unscaled). With
   * `weights` (an offset to one float per class; omitted or −1: none), each row's loss and
   * gradient are multiplied by its label's weight, as torch's CrossEntropyLoss(weight=…) does
   * before its mean divides by the summed weights (the caller passes scale = 1 / Σ weights).
   */
  softmaxXent(rows: number, cols: number, logits: number, labels: number, grad: number, scale: number, weights?: number): number;

  /** Mean-squared-error pieces: writes grad = 2·(pred − target)·scale, returns Σ (pred − target)². */
  mse(n: number, pred: number, target: number, grad: number, scale: number): number;

  /** Σ x² over n floats (for global-norm clipping and gradient norms). */
  sumSquares(n: number, x: number): number;

  /** x *= s over n floats. */
  scale(n: number, x: number, s: number): void;

  /** x = clamp(x, −c, c) over n floats. */
  clip(n: number, x: number, c: number): void;

  /** torch.optim.SGD step (momentum buffer v ← μv + (1−dampening)g; nesterov g + μv). `buf` unused when momentum = 0. */
  sgd(n: number, p: number, g: number, buf: number, o: OptStep): void;
  /** torch.optim.Adagrad step: sum += g²; p −= clr·g / (√sum + ε), clr = lr / (1 + (step−1)·lrDecay). */
  adagrad(n: number, p: number, g: number, sum: number, o: OptStep): void;
  /** torch.optim.Adadelta step: ε inside both square roots. */
  adadelta(n: number, p: number, g: number, sqAvg: number, accDelta: number, o: OptStep): void;
  /** torch.optim.RMSprop step (not centered; momentum as torch when > 0): p −= lr·g / (√v + ε). */
  rmsprop(n: number, p: number, g: number, sqAvg: number, buf: number, o: OptStep): void;
  /** torch.optim.Adam (coupled L2) or AdamW (decoupled decay) step; ε added after the bias-corrected √v̂. */
  adam(n: number, p: number, g: number, m: number, v: number, o: OptStep, decoupled: boolean): void;
}
