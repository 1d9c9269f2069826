import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/metrics/histogram.ts';

/**
 * The streaming histogram against the definition, computed by sorting: the value at quantile
 * q is the ceil(q·n)-th smallest. The histogram promises the lower bound of that value's
 * bucket (2^7 sub-buckets per power of two): never above it, below it by less than 1/128 of
 * it, and exact under 128. Count, mean and max are exact.
 */
function referenceQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

// Values from each regime: exact small ones, the clz32 path below 2^32, the log2 path above.
const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 0, max: 5_000_000 }),
  fc.integer({ min: 2 ** 32 - 1000, max: 2 ** 40 }),
);
const quantileArb = fc.oneof(fc.constantFrom(0, 0.5, 0.99, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('Histogram against a sorted reference (fast-check)', () => {
  it('percentiles are the bucket lower bound of the true value: ≤ it, within 1/128, exact below 128', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 400, size: 'max' }), fc.array(quantileArb, { minLength: 1, maxLength: 5 }), (values, qs) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        const sorted = [...values].sort((a, b) => a - b);
        for (const q of qs) {
          const want = referenceQuantile(sorted, q);
          const got = h.quantile(q);
          expect(got).toBeLessThanOrEqual(want);
          if (want < 128) expect(got).toBe(want);
          else expect(want - got).toBeLessThan(want / 128);
        }
        expect(h.count).toBe(values.length);
        expect(h.max).toBe(sorted.at(-1));
        expect(h.min).toBe(sorted[0]);
        expect(h.mean()).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 6);
      }),
      { seed: 1010, numRuns: 300 },
    );
  });

  it('summary scales mean, p50, p99 and max alike and counts exactly; empty is all zeros', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 200, size: 'max' }), (values) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        expect(h.summary(1000)).toEqual({ mean: h.mean() / 1000, p50: h.quantile(0.5) / 1000, p99: h.quantile(0.99) / 1000, max: h.max / 1000, count: values.length });
      }),
      { seed: 1011, numRuns: 100 },
    );
    expect(new Histogram().summary(1000)).toEqual({ mean: 0, p50: 0, p99: 0, max: 0, count: 0 });
  });

  it('negative values count as 0', () => {
    const h = new Histogram();
    h.record(-5);
    expect([h.quantile(0.5), h.min, h.max, h.sum]).toEqual([0, 0, 0, 0]);
  });
});
