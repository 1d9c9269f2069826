import { describe, expect, it } from 'vitest';
import { RngStreams } from '../../src/sim/rng.ts';
import { sampler, meanOf, lognormalFromMedianP99, type DistSpec } from '../../src/sim/distributions/index.ts';
import { MAX_SAMPLE_US } from '../../src/sim/distributions/sample.ts';

const N = 200_000;

function sample(spec: DistSpec, name: string): number[] {
  const s = sampler(spec, new RngStreams(42).get(name));
  return Array.from({ length: N }, s);
}

const minOf = (xs: number[]) => xs.reduce((a, b) => Math.min(a, b), Infinity);
const maxOf = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample mean within 5 standard errors (σ/√n) of the true mean, plus 0.5 µs of rounding. */
function expectMean(xs: number[], trueMean: number, trueSd: number): void {
  expect(Math.abs(mean(xs) - trueMean)).toBeLessThan((5 * trueSd) / Math.sqrt(xs.length) + 0.5);
}

describe('distributions', () => {
  it('constant always returns its value, rounded to a whole microsecond', () => {
    expect(sample({ dist: 'constant', value: 1500.4 }, 'c').every((x) => x === 1500)).toBe(true);
  });

  it('uniform stays in [min, max] with mean (min+max)/2', () => {
    const xs = sample({ dist: 'uniform', min: 1000, max: 3000 }, 'u');
    expect(minOf(xs)).toBeGreaterThanOrEqual(1000);
    expect(maxOf(xs)).toBeLessThanOrEqual(3000);
    expectMean(xs, 2000, 2000 / Math.sqrt(12));
  });

  it('exponential has the given mean and a standard deviation equal to it', () => {
    const xs = sample({ dist: 'exponential', mean: 2000 }, 'e');
    expectMean(xs, 2000, 2000);
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(Math.abs(sd - 2000) / 2000).toBeLessThan(0.02);
  });

  it('normal is truncated at zero and matches the truncated mean', () => {
    const spec: DistSpec = { dist: 'normal', mean: 1000, stdev: 1000 };
    const xs = sample(spec, 'n');
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    expectMean(xs, meanOf(spec), 1000);
  });

  it('lognormal by median and p99 hits both quantiles', () => {
    const xs = sample(lognormalFromMedianP99(1000, 5000), 'l').sort((a, b) => a - b);
    // Quantile estimates: the binomial standard error of the empirical CDF at q is
    // √(q(1−q)/n); we check the empirical CDF at the claimed quantile within 5 of them.
    const cdfAt = (x: number) => xs.findIndex((v) => v > x) / xs.length;
    expect(Math.abs(cdfAt(1000) - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N) + 1 / 1000);
    expect(Math.abs(cdfAt(5000) - 0.99)).toBeLessThan(5 * Math.sqrt(0.0099 / N) + 1 / 1000);
  });

  it('pareto never goes below its scale and has mean shape·scale/(shape−1)', () => {
    const spec: DistSpec = { dist: 'pareto', scale: 1000, shape: 3 };
    const xs = sample(spec, 'p');
    expect(minOf(xs)).toBeGreaterThanOrEqual(1000);
    // Variance of Pareto(shape 3) = scale²·3/((2)²·1) = 0.75·scale².
    expectMean(xs, meanOf(spec), Math.sqrt(0.75) * 1000);
  });
});

describe('heavy tails stay finite', () => {
  it('caps pareto and lognormal draws at a century, even for parameters whose draws overflow', () => {
    const tiny = () => 1e-300; // the far tail of either distribution
    const pareto = sampler({ dist: 'pareto', scale: 1000, shape: 1e-9 }, () => 1 - 1e-16);
    const lognormal = sampler({ dist: 'lognormal', mu: 1e300, sigma: 1 }, tiny);
    expect(pareto()).toBe(MAX_SAMPLE_US);
    expect(lognormal()).toBe(MAX_SAMPLE_US);
    expect(Number.isFinite(pareto() + lognormal())).toBe(true);
  });
});
