/**
 * Wait histogram buckets (docs/metrics.md §2): bucket b ≤ 600 holds waits in (b−1, b] seconds (bucket 0 holds 0),
 * then 10-second buckets to one hour, 60-second buckets to a day, and one bucket beyond.
 * Counts of waits ≤ T are exact for any T on a bucket edge; percentiles are exact for whole-second
 * waits up to 600 s and otherwise at most one bucket width high (10 s to 1 h, 60 s to 24 h).
 */

export const FINE_MAX = 600;
export const MID_MAX = 3600;
export const COARSE_MAX = 86_400;
const MID_START = FINE_MAX; // last fine bucket index
const COARSE_START = MID_START + (MID_MAX - FINE_MAX) / 10; // 900
// The last 60-second bucket, (86340, 86400], is COARSE_START + 1380 = 2280; waits over a day are one beyond it.
const OVERFLOW = COARSE_START + (COARSE_MAX - MID_MAX) / 60 + 1; // 2281
export const BUCKETS = OVERFLOW + 1;

export function bucketOf(wait: number): number {
  if (wait <= FINE_MAX) return wait <= 0 ? 0 : Math.ceil(wait);
  if (wait <= MID_MAX) return MID_START + Math.ceil((wait - FINE_MAX) / 10);
  if (wait <= COARSE_MAX) return COARSE_START + Math.ceil((wait - MID_MAX) / 60);
  return OVERFLOW;
}

/** Upper edge of a bucket in seconds (Infinity for the last). */
export function bucketUpper(b: number): number {
  if (b <= MID_START) return b;
  if (b <= COARSE_START) return FINE_MAX + (b - MID_START) * 10;
  if (b < OVERFLOW) return MID_MAX + (b - COARSE_START) * 60;
  return Infinity;
}

/** Width of a bucket in seconds: the most a percentile read from it can be high. */
export function bucketWidth(b: number): number {
  if (b <= MID_START) return 1;
  if (b <= COARSE_START) return 10;
  if (b < OVERFLOW) return 60;
  return Infinity;
}

/**
 * The last bucket whose waits are all ≤ T. T must lie on a bucket edge (any whole second to 600,
 * multiples of 10 to 3600, of 60 to 86400), else the count would not be exact.
 */
export function lastBucketWithin(t: number): number {
  if (!(t >= 0)) throw new RangeError(`threshold ${t} must be a number of seconds ≥ 0`);
  const b = bucketOf(t);
  if (bucketUpper(b) !== t) {
    throw new RangeError(
      `threshold ${t} s cannot be counted exactly: use whole seconds up to 600, multiples of 10 s up to 3600, or of 60 s up to 86400`,
    );
  }
  return b;
}
