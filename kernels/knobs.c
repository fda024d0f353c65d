// Knobs' hot-path kernels for WebAssembly SIMD128, over memory imported from the JS Arena.
// Every pointer is a byte address into that memory; sizes are element counts. Row-major.
// Build: node scripts/build-kernels.mjs (clang --target=wasm32 -msimd128 [-mrelaxed-simd]).
// The update rules follow torch.optim exactly, as the scalar TypeScript kernels do
// (src-core/nn/kernels/scalar.ts is the readable reference; both pass one contract suite).
#include <wasm_simd128.h>

#define EXPORT __attribute__((visibility("default")))
typedef float f32;

#ifdef KNOBS_RELAXED
// Operands in stack order a, b, c; the build rewrites the opcode to relaxed_madd (a·b + c).
#define MADD(a, b, c) __builtin_wasm_fma_f32x4((a), (b), (c))
#else
#define MADD(a, b, c) wasm_f32x4_add((c), wasm_f32x4_mul((a), (b)))
#endif

void *memset(void *d, int c, unsigned long n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void *memcpy(void *d, const void *s, unsigned long n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}

static inline f32 fsqrt(f32 x) { return __builtin_sqrtf(x); }

// exp(x) by range reduction x = k·ln2 + r and a degree-6 polynomial; relative error < 2e-7.
static f32 fexp(f32 x) {
  if (x > 88.7f) return __builtin_inff();
  if (x < -103.f) return 0.f;
  f32 kf = __builtin_floorf(x * 1.44269504f + 0.5f);
  f32 r = x - kf * 0.693359375f + kf * 2.12194440e-4f;
  f32 p = 1.f + r * (1.f + r * (0.5f + r * (0.166666672f + r * (0.0416666679f + r * (0.00833333377f + r * 0.00138888892f)))));
  int k = (int)kf;
  union { f32 f; int i; } u;
  if (k < -126) {
    u.i = (k + 126 + 127) << 23;
    return p * u.f * 1.17549435e-38f;
  }
  u.i = (k + 127) << 23;
  return p * u.f;
}

// log(x) for x > 0: x = m·2^e with m in [√½, √2), log(m) by atanh series.
static f32 flog(f32 x) {
  if (!(x > 0.f)) return x == 0.f ? -__builtin_inff() : __builtin_nanf("");
  if (x == __builtin_inff()) return x;
  union { f32 f; int i; } u = {x};
  int e = ((u.i >> 23) & 0xff) - 127;
  u.i = (u.i & 0x007fffff) | 0x3f800000;
  f32 m = u.f;
  if (m > 1.41421356f) { m *= 0.5f; e++; }
  f32 s = (m - 1.f) / (m + 1.f), s2 = s * s;
  f32 t = s * (2.f + s2 * (0.666666667f + s2 * (0.4f + s2 * (0.285714286f + s2 * (0.222222222f + s2 * 0.181818182f)))));
  return t + (f32)e * 0.693147181f;
}

static f32 ftanh(f32 x) {
  if (x > 9.f) return 1.f;
  if (x < -9.f) return -1.f;
  if (x > -0.05f && x < 0.05f) { f32 x2 = x * x; return x * (1.f - x2 * (0.333333333f - x2 * 0.133333333f)); }
  f32 e = fexp(2.f * x);
  return (e - 1.f) / (e + 1.f);
}

static f32 fsigmoid(f32 x) {
  if (x >= 0.f) return 1.f / (1.f + fexp(-x));
  f32 e = fexp(x);
  return e / (1.f + e);
}

// ---- GEMM -------------------------------------------------------------------------------
// C[m×n] (+)= op(A)·B where a(i,p) = A[i·sai + p·sap]; B is k×n row-major (no transpose).
// Register block: 4 rows × 8 columns (8 f32x4 accumulators); edges fall back to narrower blocks.
static void gemm_nn(int m, int n, int k, const f32 *A, int sai, int sap, const f32 *B, f32 *C, int acc) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const f32 *a0 = A + (i + 0) * sai, *a1 = A + (i + 1) * sai, *a2 = A + (i + 2) * sai, *a3 = A + (i + 3) * sai;
    f32 *c0 = C + (i + 0) * n, *c1 = C + (i + 1) * n, *c2 = C + (i + 2) * n, *c3 = C + (i + 3) * n;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      v128_t x00 = wasm_f32x4_splat(0), x01 = x00, x10 = x00, x11 = x00, x20 = x00, x21 = x00, x30 = x00, x31 = x00;
      const f32 *b = B + j;
      for (int p = 0; p < k; p++, b += n) {
        v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
        int o = p * sap;
        v128_t v0 = wasm_f32x4_splat(a0[o]), v1 = wasm_f32x4_splat(a1[o]), v2 = wasm_f32x4_splat(a2[o]), v3 = wasm_f32x4_splat(a3[o]);
        x00 = MADD(v0, b0, x00); x01 = MADD(v0, b1, x01);
        x10 = MADD(v1, b0, x10); x11 = MADD(v1, b1, x11);
        x20 = MADD(v2, b0, x20); x21 = MADD(v2, b1, x21);
        x30 = MADD(v3, b0, x30); x31 = MADD(v3, b1, x31);
      }
      if (acc) {
        x00 = wasm_f32x4_add(x00, wasm_v128_load(c0 + j)); x01 = wasm_f32x4_add(x01, wasm_v128_load(c0 + j + 4));
        x10 = wasm_f32x4_add(x10, wasm_v128_load(c1 + j)); x11 = wasm_f32x4_add(x11, wasm_v128_load(c1 + j + 4));
        x20 = wasm_f32x4_add(x20, wasm_v128_load(c2 + j)); x21 = wasm_f32x4_add(x21, wasm_v128_load(c2 + j + 4));
        x30 = wasm_f32x4_add(x30, wasm_v128_load(c3 + j)); x31 = wasm_f32x4_add(x31, wasm_v128_load(c3 + j + 4));
      }
      wasm_v128_store(c0 + j, x00); wasm_v128_store(c0 + j + 4, x01);
      wasm_v128_store(c1 + j, x10); wasm_v128_store(c1 + j + 4, x11);
      wasm_v128_store(c2 + j, x20); wasm_v128_store(c2 + j + 4, x21);
      wasm_v128_store(c3 + j, x30); wasm_v128_store(c3 + j + 4, x31);
    }
    for (; j + 4 <= n; j += 4) {
      v128_t x0 = wasm_f32x4_splat(0), x1 = x0, x2 = x0, x3 = x0;
      const f32 *b = B + j;
      for (int p = 0; p < k; p++, b += n) {
        v128_t b0 = wasm_v128_load(b);
        int o = p * sap;
        x0 = MADD(wasm_f32x4_splat(a0[o]), b0, x0);
        x1 = MADD(wasm_f32x4_splat(a1[o]), b0, x1);
        x2 = MADD(wasm_f32x4_splat(a2[o]), b0, x2);
        x3 = MADD(wasm_f32x4_splat(a3[o]), b0, x3);
      }
      if (acc) {
        x0 = wasm_f32x4_add(x0, wasm_v128_load(c0 + j)); x1 = wasm_f32x4_add(x1, wasm_v128_load(c1 + j));
        x2 = wasm_f32x4_add(x2, wasm_v128_load(c2 + j)); x3 = wasm_f32x4_add(x3, wasm_v128_load(c3 + j));
      }
      wasm_v128_store(c0 + j, x0); wasm_v128_store(c1 + j, x1); wasm_v128_store(c2 + j, x2); wasm_v128_store(c3 + j, x3);
    }
    for (; j < n; j++) {
      f32 s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int p = 0; p < k; p++) {
        f32 bv = B[p * n + j];
        int o = p * sap;
        s0 += a0[o] * bv; s1 += a1[o] * bv; s2 += a2[o] * bv; s3 += a3[o] * bv;
      }
      if (acc) { s0 += c0[j]; s1 += c1[j]; s2 += c2[j]; s3 += c3[j]; }
      c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3;
    }
  }
  for (; i < m; i++) {
    const f32 *a0 = A + i * sai;
    f32 *c0 = C + i * n;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      v128_t x0 = wasm_f32x4_splat(0);
      const f32 *b = B + j;
      for (int p = 0; p < k; p++, b += n) x0 = MADD(wasm_f32x4_splat(a0[p * sap]), wasm_v128_load(b), x0);
      if (acc) x0 = wasm_f32x4_add(x0, wasm_v128_load(c0 + j));
      wasm_v128_store(c0 + j, x0);
    }
    for (; j < n; j++) {
      f32 s = 0;
      for (int p = 0; p < k; p++) s += a0[p * sap] * B[p * n + j];
      c0[j] = acc ? c0[j] + s : s;
    }
  }
}

static inline f32 hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

// C[m×n] (+)= A·Bᵀ with A m×k and B n×k row-major: dot products of rows, 4×2 blocks.
static void gemm_nt(int m, int n, int k, const f32 *A, const f32 *B, f32 *C, int acc) {
  int k4 = k & ~3;
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const f32 *a0 = A + i * k, *a1 = a0 + k, *a2 = a1 + k, *a3 = a2 + k;
    int j = 0;
    for (; j + 2 <= n; j += 2) {
      const f32 *b0 = B + j * k, *b1 = b0 + k;
      v128_t s00 = wasm_f32x4_splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (int p = 0; p < k4; p += 4) {
        v128_t v0 = wasm_v128_load(b0 + p), v1 = wasm_v128_load(b1 + p);
        v128_t u0 = wasm_v128_load(a0 + p), u1 = wasm_v128_load(a1 + p), u2 = wasm_v128_load(a2 + p), u3 = wasm_v128_load(a3 + p);
        s00 = MADD(u0, v0, s00); s01 = MADD(u0, v1, s01);
        s10 = MADD(u1, v0, s10); s11 = MADD(u1, v1, s11);
        s20 = MADD(u2, v0, s20); s21 = MADD(u2, v1, s21);
        s30 = MADD(u3, v0, s30); s31 = MADD(u3, v1, s31);
      }
      f32 r00 = hsum(s00), r01 = hsum(s01), r10 = hsum(s10), r11 = hsum(s11), r20 = hsum(s20), r21 = hsum(s21), r30 = hsum(s30), r31 = hsum(s31);
      for (int p = k4; p < k; p++) {
        r00 += a0[p] * b0[p]; r01 += a0[p] * b1[p];
        r10 += a1[p] * b0[p]; r11 += a1[p] * b1[p];
        r20 += a2[p] * b0[p]; r21 += a2[p] * b1[p];
        r30 += a3[p] * b0[p]; r31 += a3[p] * b1[p];
      }
      f32 *c = C + i * n + j;
      if (acc) {
        c[0] += r00; c[1] += r01; c[n] += r10; c[n + 1] += r11;
        c[2 * n] += r20; c[2 * n + 1] += r21; c[3 * n] += r30; c[3 * n + 1] += r31;
      } else {
        c[0] = r00; c[1] = r01; c[n] = r10; c[n + 1] = r11;
        c[2 * n] = r20; c[2 * n + 1] = r21; c[3 * n] = r30; c[3 * n + 1] = r31;
      }
    }
    for (; j < n; j++) {
      const f32 *b0 = B + j * k;
      for (int r = 0; r < 4; r++) {
        const f32 *a = A + (i + r) * k;
        v128_t s = wasm_f32x4_splat(0);
        for (int p = 0; p < k4; p += 4) s = MADD(wasm_v128_load(a + p), wasm_v128_load(b0 + p), s);
        f32 t = hsum(s);
        for (int p = k4; p < k; p++) t += a[p] * b0[p];
        C[(i + r) * n + j] = acc ? C[(i + r) * n + j] + t : t;
      }
    }
  }
  for (; i < m; i++) {
    const f32 *a = A + i * k;
    for (int j = 0; j < n; j++) {
      const f32 *b0 = B + j * k;
      v128_t s = wasm_f32x4_splat(0);
      for (int p = 0; p < k4; p += 4) s = MADD(wasm_v128_load(a + p), wasm_v128_load(b0 + p), s);
      f32 t = hsum(s);
      for (int p = k4; p < k; p++) t += a[p] * b0[p];
      C[i * n + j] = acc ? C[i * n + j] + t : t;
    }
  }
}

// C[m×n] (+)= op(A)·op(B); A is m×k (k×m when ta), B is k×n (n×k when tb).
EXPORT void gemm(int ta, int tb, int m, int n, int k, const f32 *A, const f32 *B, f32 *C, int acc) {
  if (!tb) {
    if (ta) gemm_nn(m, n, k, A, 1, m, B, C, acc);
    else gemm_nn(m, n, k, A, k, 1, B, C, acc);
    return;
  }
  if (!ta) {
    gemm_nt(m, n, k, A, B, C, acc);
    return;
  }
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      f32 s = 0;
      for (int p = 0; p < k; p++) s += A[p * m + i] * B[j * k + p];
      C[i * n + j] = acc ? C[i * n + j] + s : s;
    }
}

// ---- activations ------------------------------------------------------------------------
enum { LINEAR = 0, RELU = 1, LEAKY = 2, ELU = 3, TANH = 4, SIGMOID = 5 };

EXPORT void bias_act(int act, f32 alpha, int rows, int cols, f32 *z, const f32 *bias, int hasBias, f32 *out) {
  int total = rows * cols;
  if (hasBias) {
    for (int r = 0; r < rows; r++) {
      f32 *zr = z + r * cols;
      int j = 0;
      for (; j + 4 <= cols; j += 4) wasm_v128_store(zr + j, wasm_f32x4_add(wasm_v128_load(zr + j), wasm_v128_load(bias + j)));
      for (; j < cols; j++) zr[j] += bias[j];
    }
  }
  int i = 0;
  switch (act) {
    case RELU: {
      v128_t zero = wasm_f32x4_splat(0);
      for (; i + 4 <= total; i += 4) wasm_v128_store(out + i, wasm_f32x4_pmax(zero, wasm_v128_load(z + i)));
      for (; i < total; i++) out[i] = z[i] > 0 ? z[i] : 0;
      break;
    }
    case LEAKY:
      for (; i < total; i++) out[i] = z[i] > 0 ? z[i] : alpha * z[i];
      break;
    case ELU:
      for (; i < total; i++) out[i] = z[i] > 0 ? z[i] : alpha * (fexp(z[i]) - 1.f);
      break;
    case TANH:
      for (; i < total; i++) out[i] = ftanh(z[i]);
      break;
    case SIGMOID:
      for (; i < total; i++) out[i] = fsigmoid(z[i]);
      break;
    default:
      if (out != z) for (; i < total; i++) out[i] = z[i];
  }
}

EXPORT void act_backward(int act, f32 alpha, int n, const f32 *z, const f32 *out, const f32 *grad, f32 *dz) {
  int i = 0;
  switch (act) {
    case RELU: {
      v128_t zero = wasm_f32x4_splat(0);
      for (; i + 4 <= n; i += 4) {
        v128_t mask = wasm_f32x4_gt(wasm_v128_load(z + i), zero);
        wasm_v128_store(dz + i, wasm_v128_and(wasm_v128_load(grad + i), mask));
      }
      for (; i < n; i++) dz[i] = z[i] > 0 ? grad[i] : 0;
      break;
    }
    case LEAKY:
      for (; i < n; i++) dz[i] = grad[i] * (z[i] > 0 ? 1.f : alpha);
      break;
    case ELU:
      for (; i < n; i++) dz[i] = grad[i] * (z[i] > 0 ? 1.f : out[i] + alpha);
      break;
    case TANH:
      for (; i < n; i++) dz[i] = grad[i] * (1.f - out[i] * out[i]);
      break;
    case SIGMOID:
      for (; i < n; i++) dz[i] = grad[i] * out[i] * (1.f - out[i]);
      break;
    default:
      for (; i < n; i++) dz[i] = grad[i];
  }
}

EXPORT void col_sum(int rows, int cols, const f32 *src, f32 *dst, int acc) {
  if (!acc) for (int j = 0; j < cols; j++) dst[j] = 0;
  for (int r = 0; r < rows; r++) {
    const f32 *s = src + r * cols;
    int j = 0;
    for (; j + 4 <= cols; j += 4) wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(s + j)));
    for (; j < cols; j++) dst[j] += s[j];
  }
}

// ---- losses -----------------------------------------------------------------------------
/* weights: one per class (torch's CrossEntropyLoss(weight=…)), or 0 for none: each row's loss and gradient are multiplied by its class's weight. */
EXPORT double softmax_xent(int rows, int cols, const f32 *logits, const int *labels, f32 *grad, f32 scale, const f32 *weights) {
  double loss = 0;
  for (int r = 0; r < rows; r++) {
    const f32 *l = logits + r * cols;
    f32 *g = grad + r * cols;
    f32 max = l[0];
    for (int j = 1; j < cols; j++) if (l[j] > max) max = l[j];
    f32 sum = 0;
    for (int j = 0; j < cols; j++) sum += fexp(l[j] - max);
    f32 logSum = flog(sum);
    f32 inv = 1.f / sum;
    int y = labels[r];
    f32 w = weights ? weights[y] : 1.f;
    f32 s = weights ? w * scale : scale;
    loss += weights ? (double)w * (double)(logSum - (l[y] - max)) : (double)(logSum - (l[y] - max));
    for (int j = 0; j < cols; j++) g[j] = (fexp(l[j] - max) * inv - (j == y ? 1.f : 0.f)) * s;
  }
  return loss;
}

EXPORT double mse(int n, const f32 *pred, const f32 *target, f32 *grad, f32 scale) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    f32 d = pred[i] - target[i];
    s += (double)d * d;
    grad[i] = 2.f * d * scale;
  }
  return s;
}

EXPORT double sum_squares(int n, const f32 *x) {
  v128_t s = wasm_f32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) { v128_t v = wasm_v128_load(x + i); s = MADD(v, v, s); }
  double t = hsum(s);
  for (; i < n; i++) t += (double)x[i] * x[i];
  return t;
}

EXPORT void scale(int n, f32 *x, f32 s) {
  v128_t v = wasm_f32x4_splat(s);
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, wasm_f32x4_mul(wasm_v128_load(x + i), v));
  for (; i < n; i++) x[i] *= s;
}

EXPORT void clip(int n, f32 *x, f32 c) {
  for (int i = 0; i < n; i++) x[i] = x[i] > c ? c : x[i] < -c ? -c : x[i];
}

// ---- optimizers (torch.optim's rules) -----------------------------------------------------
EXPORT void sgd(int n, f32 *p, const f32 *g, f32 *buf, f32 lr, f32 mu, f32 damp, int nesterov, f32 wd, int first) {
  for (int i = 0; i < n; i++) {
    f32 d = g[i] + wd * p[i];
    if (mu != 0.f) {
      f32 v = first ? d : mu * buf[i] + (1.f - damp) * d;
      buf[i] = v;
      d = nesterov ? d + mu * v : v;
    }
    p[i] -= lr * d;
  }
}

EXPORT void adagrad(int n, f32 *p, const f32 *g, f32 *sum, f32 clr, f32 eps, f32 wd) {
  for (int i = 0; i < n; i++) {
    f32 d = g[i] + wd * p[i];
    f32 s = sum[i] + d * d;
    sum[i] = s;
    p[i] -= clr * d / (fsqrt(s) + eps);
  }
}

EXPORT void adadelta(int n, f32 *p, const f32 *g, f32 *sq, f32 *accd, f32 lr, f32 rho, f32 eps, f32 wd) {
  for (int i = 0; i < n; i++) {
    f32 d = g[i] + wd * p[i];
    f32 v = rho * sq[i] + (1.f - rho) * d * d;
    sq[i] = v;
    f32 delta = fsqrt(accd[i] + eps) / fsqrt(v + eps) * d;
    accd[i] = rho * accd[i] + (1.f - rho) * delta * delta;
    p[i] -= lr * delta;
  }
}

EXPORT void rmsprop(int n, f32 *p, const f32 *g, f32 *sq, f32 *buf, f32 lr, f32 alpha, f32 eps, f32 wd, f32 mu) {
  for (int i = 0; i < n; i++) {
    f32 d = g[i] + wd * p[i];
    f32 v = alpha * sq[i] + (1.f - alpha) * d * d;
    sq[i] = v;
    f32 step = d / (fsqrt(v) + eps);
    if (mu > 0.f) {
      f32 b = mu * buf[i] + step;
      buf[i] = b;
      p[i] -= lr * b;
    } else p[i] -= lr * step;
  }
}

EXPORT void adam(int n, f32 *p, const f32 *g, f32 *m, f32 *v, f32 lr, f32 b1, f32 b2, f32 eps, f32 wd, f32 stepSize, f32 bc2Sqrt, int decoupled) {
  f32 decay = 1.f - lr * wd;
  for (int i = 0; i < n; i++) {
    f32 d = g[i];
    if (decoupled) p[i] *= decay;
    else d += wd * p[i];
    f32 mi = b1 * m[i] + (1.f - b1) * d;
    f32 vi = b2 * v[i] + (1.f - b2) * d * d;
    m[i] = mi;
    v[i] = vi;
    p[i] -= stepSize * mi / (fsqrt(vi) / bc2Sqrt + eps);
  }
}
