/**
 * The standard normal distribution to double precision, in log space where tails underflow: erf
 * and erfc (a port of fdlibm's s_erf.c), Φ, log Φ, the log of the mass between two points, Φ⁻¹
 * (Wichura's AS241 with a Newton step in log space) and the truncated normal's quantile, after
 * Optuna's `_truncnorm.py` (itself from SciPy).
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const PP = [1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.9602282787753681232e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3];
const QA = [1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

function poly(c: readonly number[], x: number): number {
  let r = 0;
  for (let i = c.length - 1; i >= 0; i--) r = r * x + c[i];
  return r;
}

/** 1 + x·poly(c, x): the denominators of fdlibm's rational approximations. */
function poly1(c: readonly number[], x: number): number {
  return 1 + x * poly(c, x);
}

const lowWord = new DataView(new ArrayBuffer(8));

/** exp(-x² - 0.5625 + R/S) for |x| ≥ 1.25, with x² split so the product loses nothing (fdlibm's SET_LOW_WORD). */
function tailFactor(ax: number): number {
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly1(SA, s) : poly(RB, s) / poly1(SB, s);
  lowWord.setFloat64(0, ax);
  lowWord.setUint32(4, 0);
  const z = lowWord.getFloat64(0);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs);
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / poly1(QQ, z));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const v = ERX + poly(PA, s) / poly1(QA, s);
    return x >= 0 ? v : -v;
  }
  if (ax >= 6) return x >= 0 ? 1 : -1;
  const v = 1 - tailFactor(ax) / ax;
  return x >= 0 ? v : -v;
}

/** The complementary error function 1 − erf(x), accurate where it is tiny. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = poly(PP, z) / poly1(QQ, z);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const pq = poly(PA, s) / poly1(QA, s);
    return x >= 0 ? 1 - ERX - pq : 1 + ERX + pq;
  }
  if (ax < 28) {
    if (x < -6) return 2;
    const r = tailFactor(ax) / ax;
    return x > 0 ? r : 2 - r;
  }
  return x > 0 ? 0 : 2;
}

/** Φ(x), the standard normal CDF. */
export function ndtr(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log φ(x), the standard normal log density. */
export function logPhi(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/** log Φ(x), accurate far into both tails (an asymptotic series below −20, as SciPy and Optuna do). */
export function logNdtr(x: number): number {
  if (x > 0) return Math.log1p(-ndtr(-x));
  if (x > -20) return Math.log(ndtr(x));
  const lhs = -0.5 * x * x - Math.log(-x) - LOG_SQRT_2PI;
  let last = 0;
  let rhs = 1;
  let numerator = 1;
  let denom = 1;
  const inv = 1 / (x * x);
  let sign = 1;
  for (let i = 1; Math.abs(last - rhs) > Number.EPSILON; i++) {
    last = rhs;
    sign = -sign;
    denom *= inv;
    numerator *= 2 * i - 1;
    rhs += sign * numerator * denom;
  }
  return lhs + Math.log(rhs);
}

/** log(e^p − e^q) for p ≥ q. */
function logDiff(p: number, q: number): number {
  return p + Math.log1p(-Math.exp(q - p));
}

/** log(e^p + e^q). */
export function logAddExp(p: number, q: number): number {
  if (p === -Infinity) return q;
  if (q === -Infinity) return p;
  const m = Math.max(p, q);
  return m + Math.log1p(Math.exp(-Math.abs(p - q)));
}

/** log(Φ(b) − Φ(a)) for a ≤ b: the log of the standard normal mass in [a, b], computed in the tail where it does not cancel. */
export function logGaussMass(a: number, b: number): number {
  // Beyond 9 σ on both sides the missing mass is below 2e-19: the log is 0 to double precision.
  if (a <= -9 && b >= 9) return 0;
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

const A = [3.387132872796366608, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3];
const B = [4.2313330701600911252e1, 6.871870074920579083e2, 5.3941960214247511077e3, 2.1213794301586595867e4, 3.930789580009271061e4, 2.8729085735721942674e4, 5.226495278852854561e3];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 2.4178072517745061177e-1, 2.27238449892691845833e-2, 7.7454501427834140764e-4];
const D = [2.05319162663775882187, 1.6763848301838038494, 6.8976733498510000455e-1, 1.4810397642748007459e-1, 1.51986665636164571966e-2, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 2.9656057182850489123e-1, 2.6532189526576123093e-2, 1.2426609473880784386e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [5.9983220655588793769e-1, 1.3692988092273580531e-1, 1.48753612908506148525e-2, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** Φ⁻¹(e^y) for y = log p ≤ 0: Wichura's AS241 (its tails need only log p), then a Newton step on log Φ. */
export function ndtriExp(y: number): number {
  if (y === -Infinity) return -Infinity;
  if (y >= 0) return Infinity;
  const p = Math.exp(y);
  const q = p - 0.5;
  let x: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    x = (q * poly(A, r)) / poly1(B, r);
  } else {
    const logTail = q < 0 ? y : Math.log1p(-p);
    let r = Math.sqrt(-logTail);
    if (r <= 5) {
      r -= 1.6;
      x = poly(C, r) / poly1(D, r);
    } else {
      r -= 5;
      x = poly(E, r) / poly1(F, r);
    }
    if (q < 0) x = -x;
  }
  if (Number.isFinite(x)) {
    // One Newton step on log Φ(x) = y polishes the last bits where AS241 leaves them.
    const lp = logNdtr(x);
    const slope = Math.exp(logPhi(x) - lp);
    if (slope > 0 && Number.isFinite(slope)) x -= (lp - y) / slope;
  }
  return x;
}

/** Φ⁻¹(p). */
export function ndtri(p: number): number {
  return ndtriExp(Math.log(p));
}

/** The q-quantile of the standard normal truncated to [a, b] (Optuna's `_truncnorm.ppf`). */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a === b) return NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  const mass = logGaussMass(a, b);
  if (a < 0) return ndtriExp(logAddExp(logNdtr(a), Math.log(q) + mass));
  return -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-q) + mass));
}

/** log density of N(mu, sigma²) truncated to [low, high] at x (−∞ outside). */
export function truncnormLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return -Infinity;
  const z = (x - mu) / sigma;
  return logPhi(z) - Math.log(sigma) - logGaussMass((low - mu) / sigma, (high - mu) / sigma);
}
