// Seeded randomness for sample data. Everything is built from 32-bit integer arithmetic (Math.imul, >>> 0),
// so a seed gives the same sequence on every machine and engine; Math.random is never used.

/**
 * cyrb128: hashes any number of string/number parts into four 32-bit words.
 * A number hashes like its decimal string, so seed 42 and seed '42' are the same seed.
 */
export function hashParts(...parts: ReadonlyArray<string | number>): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  // A separator between parts, so ('ab', 'c') and ('a', 'bc') differ.
  const text = parts.map(String).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A 32-bit integer mix of one integer (lowbias32), for stable per-key attributes without a generator. */
export function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Parameters of a lognormal distribution: ln X ~ N(mu, sigma²). */
export interface LogNormal {
  mu: number;
  sigma: number;
}

/** The lognormal with the given mean and coefficient of variation (sd / mean), the way handle times are quoted. */
export function logNormalFromMean(mean: number, cv: number): LogNormal {
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** sfc32 (Small Fast Counting, from PractRand): fast, passes BigCrush, period ≥ 2^32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  /** Seeded from the hash of all parts: `new Rng(seed, 'shifts', day)` is an independent stream per day. */
  constructor(...parts: ReadonlyArray<string | number>) {
    [this.a, this.b, this.c, this.d] = hashParts(...parts);
    // The first outputs of sfc32 still echo the seed words: discard them.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** Next unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.uniform());
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.uniform());
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    const s = this.spare;
    if (!Number.isNaN(s)) {
      this.spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Lognormal: exp(mu + sigma·Z). */
  logNormal(p: LogNormal): number {
    return Math.exp(p.mu + p.sigma * this.normal());
  }

  /** Poisson count: exact (Knuth) for small means, a rounded normal approximation for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /**
   * Binomial count of n trials with probability p: exact inversion while the mean is small,
   * a rounded, clamped normal approximation beyond (what splitting a fixed total needs: Poisson-like counts).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (mean < 30) {
      const q = 1 - p;
      const ratio = p / q;
      let prob = Math.pow(q, n);
      let cumulative = prob;
      const u = this.uniform();
      let k = 0;
      while (u >= cumulative && k < n) {
        prob *= (ratio * (n - k)) / (k + 1);
        k++;
        cumulative += prob;
        // Rounding can leave the sum a hair below u forever: stop where the tail has no mass left.
        if (prob < 1e-300) break;
      }
      return k;
    }
    const k = Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal());
    return k < 0 ? 0 : k > n ? n : k;
  }
}

/** A fixed weighted choice among indices 0…n−1 (cumulative weights, binary search). */
export class WeightedChoice {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`weight ${i} is ${w}; weights must be finite and ≥ 0`);
      }
      sum += w;
      this.cumulative[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('at least one weight must be positive');
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** An index drawn with probability proportional to its weight. */
  pick(rng: Rng): number {
    const x = rng.uniform() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
