import { describe, expect, it } from 'vitest';
import { logGamma, mean, meanInterval, sampleSd, tCdf, tQuantile } from '../../../src/cli/sweep/stats.ts';

describe('tQuantile', () => {
  // Two-sided 95 % critical values of Student's t, from standard tables (10 significant digits).
  it.each([
    [1, 12.70620474],
    [2, 4.30265273],
    [3, 3.182446305],
    [4, 2.776445105],
    [5, 2.570581836],
    [9, 2.262157163],
    [10, 2.228138852],
    [30, 2.042272456],
    [100, 1.983971519],
  ])('t(0.975, df=%i) = %f', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 7);
  });

  it('approaches the normal quantile for many degrees of freedom', () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959963985, 5);
  });

  it('gives other levels too: t(0.995, 5) = 4.032142984', () => {
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.032142984, 7);
  });

  it('inverts the CDF, which is symmetric about 0', () => {
    expect(tCdf(tQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 12);
    expect(tCdf(0, 3)).toBe(0.5);
    expect(tCdf(-2, 4) + tCdf(2, 4)).toBeCloseTo(1, 14);
  });
});

describe('logGamma', () => {
  it('matches log((n − 1)!) and Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe('meanInterval', () => {
  it('computes mean, sample sd and the t interval of a known sample', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd √(32/7); half-width t(0.975,7)=2.364624252 · sd/√8.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const sd = Math.sqrt(32 / 7);
    const half = 2.364624252 * (sd / Math.sqrt(8));
    const r = meanInterval(xs);
    expect(r.n).toBe(8);
    expect(r.mean).toBe(5);
    expect(r.sd).toBeCloseTo(sd, 12);
    expect(r.low).toBeCloseTo(5 - half, 8);
    expect(r.high).toBeCloseTo(5 + half, 8);
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(sd, 12);
  });

  it('gives no interval for one value and nothing for none', () => {
    expect(meanInterval([3])).toEqual({ n: 1, mean: 3, sd: null, low: null, high: null });
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, low: null, high: null });
  });

  it('gives exactly zero for differences that are all zero', () => {
    expect(meanInterval([0, 0, 0])).toEqual({ n: 3, mean: 0, sd: 0, low: 0, high: 0 });
  });
});

describe('mean of equal values', () => {
  it('is that value exactly, with no spread (3.2 × 3 / 3 would not be)', () => {
    expect(meanInterval([3.2, 3.2, 3.2])).toEqual({ n: 3, mean: 3.2, sd: 0, low: 3.2, high: 3.2 });
  });
});
