/** The result of a finite-difference gradient check. */
export interface GradCheckResult {
  /** Largest relative error |a − n| / max(|a| + |n|, floor) over the checked entries. */
  maxRelError: number;
  /** Index of the worst entry and its analytic and numeric values. */
  worst: { index: number; analytic: number; numeric: number };
  checked: number;
}

/**
 * Compare an analytic gradient with central differences (f(θ+ε) − f(θ−ε)) / 2ε, entry by entry.
 * `params` is perturbed in place and restored; `loss` must recompute the loss from `params`.
 *
 * @example
 *   const g = net.grads().slice();                     // after computeGradients
 *   gradCheck(() => net.lossOnly(n), net.params(), g).maxRelError < 1e-2
 */
export function gradCheck(
  loss: () => number,
  params: Float32Array,
  analytic: Float32Array,
  opts: { eps?: number; floor?: number; indices?: Iterable<number> } = {},
): GradCheckResult {
  const eps = opts.eps ?? 1e-2;
  const floor = opts.floor ?? 1e-3;
  const indices = opts.indices ?? params.keys();
  let result: GradCheckResult = { maxRelError: 0, worst: { index: -1, analytic: 0, numeric: 0 }, checked: 0 };
  for (const i of indices) {
    const orig = params[i];
    params[i] = orig + eps;
    const plus = loss();
    params[i] = orig - eps;
    const minus = loss();
    params[i] = orig;
    const numeric = (plus - minus) / (2 * eps);
    const a = analytic[i];
    const rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
    result.checked++;
    if (rel > result.maxRelError || result.worst.index < 0) result = { ...result, maxRelError: Math.max(rel, result.maxRelError), worst: { index: i, analytic: a, numeric } };
  }
  return result;
}
