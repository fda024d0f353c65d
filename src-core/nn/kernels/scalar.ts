import type { Arena } from '../arena';
import { ACT, type ActId, type Kernels, type OptStep } from './types';

/**
 * Scalar TypeScript kernels: the last fallback path and the readable reference for the wasm
 * kernels. Views are re-read from the arena on each call so memory growth never leaves a stale view.
 */
export class ScalarKernels implements Kernels {
  readonly path = 'scalar' as const;
  constructor(private readonly arena: Arena) {}

  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: number, b: number, c: number, accumulate: boolean): void {
    const f = this.arena.f32;
    if (!accumulate) f.fill(0, c, c + m * n);
    if (!transA && !transB) {
      for (let i = 0; i < m; i++) {
        const ci = c + i * n;
        const ai = a + i * k;
        for (let p = 0; p < k; p++) {
          const av = f[ai + p];
          if (av === 0) continue;
          const bp = b + p * n;
          for (let j = 0; j < n; j++) f[ci + j] += av * f[bp + j];
        }
      }
    } else if (transA && !transB) {
      // A stored k×m: C[i,j] += Σ_p A[p,i]·B[p,j]
      for (let p = 0; p < k; p++) {
        const ap = a + p * m;
        const bp = b + p * n;
        for (let i = 0; i < m; i++) {
          const av = f[ap + i];
          if (av === 0) continue;
          const ci = c + i * n;
          for (let j = 0; j < n; j++) f[ci + j] += av * f[bp + j];
        }
      }
    } else if (!transA && transB) {
      // B stored n×k: C[i,j] += Σ_p A[i,p]·B[j,p]
      for (let i = 0; i < m; i++) {
        const ai = a + i * k;
        const ci = c + i * n;
        for (let j = 0; j < n; j++) {
          const bj = b + j * k;
          let s = 0;
          for (let p = 0; p < k; p++) s += f[ai + p] * f[bj + p];
          f[ci + j] += s;
        }
      }
    } else {
      for (let i = 0; i < m; i++) {
        const ci = c + i * n;
        for (let j = 0; j < n; j++) {
          const bj = b + j * k;
          let s = 0;
          for (let p = 0; p < k; p++) s += f[a + p * m + i] * f[bj + p];
          f[ci + j] += s;
        }
      }
    }
  }

  biasAct(act: ActId, alpha: number, rows: number, cols: number, z: number, bias: number, out: number): void {
    const f = this.arena.f32;
    for (let r = 0; r < rows; r++) {
      const zr = z + r * cols;
      const or = out + r * cols;
      for (let j = 0; j < cols; j++) {
        const v = bias >= 0 ? f[zr + j] + f[bias + j] : f[zr + j];
        f[zr + j] = v;
        f[or + j] = activate(act, alpha, v);
      }
    }
  }

  actBackward(act: ActId, alpha: number, n: number, z: number, out: number, grad: number, dz: number): void {
    const f = this.arena.f32;
    for (let i = 0; i < n; i++) f[dz + i] = f[grad + i] * derivative(act, alpha, f[z + i], f[out + i]);
  }

  colSum(rows: number, cols: number, src: number, dst: number, accumulate: boolean): void {
    const f = this.arena.f32;
    if (!accumulate) f.fill(0, dst, dst + cols);
    for (let r = 0; r < rows; r++) {
      const s = src + r * cols;
      for (let j = 0; j < cols; j++) f[dst + j] += f[s + j];
    }
  }

  softmaxXent(rows: number, cols: number, logits: number, labels: number, grad: number, scale: number, weights = -1): number {
    const f = this.arena.f32;
    const lab = this.arena.i32;
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const l = logits + r * cols;
      const g = grad + r * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (f[l + j] > max) max = f[l + j];
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp(f[l + j] - max);
      const logSum = Math.log(sum) + max;
      const y = lab[labels + r];
      const w = weights >= 0 ? f[weights + y] : 1;
      loss += w * (logSum - f[l + y]);
      for (let j = 0; j < cols; j++) {
        const p = Math.exp(f[l + j] - logSum);
        f[g + j] = (p - (j === y ? 1 : 0)) * scale * w;
      }
    }
    return loss;
  }

  mse(n: number, pred: number, target: number, grad: number, scale: number): number {
    const f = this.arena.f32;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = f[pred + i] - f[target + i];
      s += d * d;
      f[grad + i] = 2 * d * scale;
    }
    return s;
  }

  sumSquares(n: number, x: number): number {
    const f = this.arena.f32;
    let s = 0;
    for (let i = 0; i < n; i++) s += f[x + i] * f[x + i];
    return s;
  }

  scale(n: number, x: number, s: number): void {
    const f = this.arena.f32;
    for (let i = 0; i < n; i++) f[x + i] *= s;
  }

  clip(n: number, x: number, c: number): void {
    const f = this.arena.f32;
    for (let i = 0; i < n; i++) {
      const v = f[x + i];
      f[x + i] = v > c ? c : v < -c ? -c : v;
    }
  }

  sgd(n: number, p: number, g: number, buf: number, o: OptStep): void {
    const f = this.arena.f32;
    const { lr, momentum: mu, dampening, nesterov, weightDecay: wd } = o;
    for (let i = 0; i < n; i++) {
      let d = f[g + i] + wd * f[p + i];
      if (mu !== 0) {
        const v = o.step === 1 ? d : mu * f[buf + i] + (1 - dampening) * d;
        f[buf + i] = v;
        d = nesterov ? d + mu * v : v;
      }
      f[p + i] -= lr * d;
    }
  }

  adagrad(n: number, p: number, g: number, sum: number, o: OptStep): void {
    const f = this.arena.f32;
    const clr = o.lr / (1 + (o.step - 1) * o.lrDecay);
    for (let i = 0; i < n; i++) {
      const d = f[g + i] + o.weightDecay * f[p + i];
      const s = f[sum + i] + d * d;
      f[sum + i] = s;
      f[p + i] -= (clr * d) / (Math.sqrt(s) + o.eps);
    }
  }

  adadelta(n: number, p: number, g: number, sqAvg: number, accDelta: number, o: OptStep): void {
    const f = this.arena.f32;
    const rho = o.rho;
    for (let i = 0; i < n; i++) {
      const d = f[g + i] + o.weightDecay * f[p + i];
      const v = rho * f[sqAvg + i] + (1 - rho) * d * d;
      f[sqAvg + i] = v;
      const delta = (Math.sqrt(f[accDelta + i] + o.eps) / Math.sqrt(v + o.eps)) * d;
      f[accDelta + i] = rho * f[accDelta + i] + (1 - rho) * delta * delta;
      f[p + i] -= o.lr * delta;
    }
  }

  rmsprop(n: number, p: number, g: number, sqAvg: number, buf: number, o: OptStep): void {
    const f = this.arena.f32;
    const alpha = o.rho;
    for (let i = 0; i < n; i++) {
      const d = f[g + i] + o.weightDecay * f[p + i];
      const v = alpha * f[sqAvg + i] + (1 - alpha) * d * d;
      f[sqAvg + i] = v;
      const step = d / (Math.sqrt(v) + o.eps);
      if (o.momentum > 0) {
        const b = o.momentum * f[buf + i] + step;
        f[buf + i] = b;
        f[p + i] -= o.lr * b;
      } else f[p + i] -= o.lr * step;
    }
  }

  adam(n: number, p: number, g: number, m: number, v: number, o: OptStep, decoupled: boolean): void {
    const f = this.arena.f32;
    const { lr, beta1, beta2, eps, weightDecay: wd, step } = o;
    const bc1 = 1 - beta1 ** step;
    const bc2 = 1 - beta2 ** step;
    const stepSize = lr / bc1;
    const bc2Sqrt = Math.sqrt(bc2);
    for (let i = 0; i < n; i++) {
      let d = f[g + i];
      if (decoupled) f[p + i] *= 1 - lr * wd;
      else d += wd * f[p + i];
      const mi = beta1 * f[m + i] + (1 - beta1) * d;
      const vi = beta2 * f[v + i] + (1 - beta2) * d * d;
      f[m + i] = mi;
      f[v + i] = vi;
      f[p + i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  }
}

/** f(z) for an activation id. */
export function activate(act: ActId, alpha: number, z: number): number {
  switch (act) {
    case ACT.relu: return z > 0 ? z : 0;
    case ACT.leaky_relu: return z > 0 ? z : alpha * z;
    case ACT.elu: return z > 0 ? z : alpha * (Math.exp(z) - 1);
    case ACT.tanh: return Math.tanh(z);
    case ACT.sigmoid: return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    default: return z;
  }
}

/** f'(z) for an activation id, using a = f(z) where that is cheaper. */
export function derivative(act: ActId, alpha: number, z: number, a: number): number {
  switch (act) {
    case ACT.relu: return z > 0 ? 1 : 0;
    case ACT.leaky_relu: return z > 0 ? 1 : alpha;
    case ACT.elu: return z > 0 ? 1 : a + alpha;
    case ACT.tanh: return 1 - a * a;
    case ACT.sigmoid: return a * (1 - a);
    default: return 1;
  }
}
