import type { Summary } from './report.ts';

/** Sub-buckets per power of two: relative error of a reported percentile ≤ 1/128. */
const SUB_BITS = 7;
const SUB = 1 << SUB_BITS;
/** Values up to 2^48 (≈ 9 years in µs) get their own bucket; larger ones share the last. */
const MAX_EXP = 48;

/**
 * A streaming histogram of non-negative integers (HDR-style log-linear buckets): constant
 * memory however many values it sees; exact count, mean, min and max; percentiles are the lower bound
 * of their bucket, at most 0.8 % below the true value (exact for values under 128).
 */
export class Histogram {
  private readonly counts = new Float64Array(SUB + (MAX_EXP - SUB_BITS + 1) * SUB);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  record(value: number): void {
    const v = value < 0 ? 0 : value;
    this.counts[bucketOf(v)]++;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The value at quantile q in [0, 1] (0 when empty). */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    const counts = this.counts;
    for (let b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketLow(b)));
    }
    return this.max;
  }

  /** Mean, p50, p99 and max, each divided by `scale` (1000 turns µs into ms). */
  summary(scale = 1): Summary {
    if (this.count === 0) return { mean: 0, p50: 0, p99: 0, max: 0, count: 0 };
    return {
      mean: this.mean() / scale,
      p50: this.quantile(0.5) / scale,
      p99: this.quantile(0.99) / scale,
      max: this.max / scale,
      count: this.count,
    };
  }

  /** Non-empty buckets as [lower bound, upper bound, count], for charts. */
  buckets(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let b = 0; b < this.counts.length; b++) {
      if (this.counts[b] > 0) out.push([bucketLow(b), bucketLow(b + 1), this.counts[b]]);
    }
    return out;
  }
}

function bucketOf(v: number): number {
  if (v < SUB) return Math.floor(v);
  // clz32 is exact and fast below 2^32 µs (71 minutes); log2 covers the rest.
  if (v < 4294967296) {
    const exp = 31 - Math.clz32(v);
    return SUB + (exp - SUB_BITS) * SUB + ((v >>> (exp - SUB_BITS)) - SUB);
  }
  const exp = Math.min(MAX_EXP, Math.floor(Math.log2(v)));
  const sub = Math.floor(v / 2 ** (exp - SUB_BITS)) - SUB;
  return SUB + (exp - SUB_BITS) * SUB + Math.min(SUB - 1, sub);
}

function bucketLow(b: number): number {
  if (b < SUB) return b;
  const exp = Math.floor((b - SUB) / SUB) + SUB_BITS;
  const sub = (b - SUB) % SUB;
  return (SUB + sub) * 2 ** (exp - SUB_BITS);
}

