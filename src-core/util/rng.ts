/**
 * Seeded pseudo-random numbers for the whole engine (never the unseeded global generator).
 *
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32, so any 32-bit integer
 * seed gives a well-mixed state. Streams for sub-tasks are derived with `fork(tag)`,
 * which hashes the parent seed with the tag, so adding a consumer never shifts the
 * numbers another consumer sees.
 *
 * @example
 *   const rng = new Rng(42);
 *   rng.uniform();      // [0, 1)
 *   rng.normal(0, 1);   // Box–Muller
 *   rng.fork('dropout') // an independent stream
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare = NaN;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    let x = this.seed;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      // Kept signed: V8 stores int32 fields as small integers, and an unsigned value above 2^31 would
      // turn every state field into a boxed double (and deoptimize the code that inlined this class).
      // The bits, and so every number drawn, are the same.
      return z ^ (z >>> 16);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 32 random bits. */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform double in [low, high). */
  range(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Normal sample with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return mean + std * v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** An independent stream derived from this generator's seed and a tag. */
  fork(tag: string | number): Rng {
    return new Rng(hashSeed(this.seed, tag));
  }
}

/** Mix a seed with a string or number tag into a new 32-bit seed (FNV-1a then fmix32). */
export function hashSeed(seed: number, tag: string | number): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  const s = String(tag);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
