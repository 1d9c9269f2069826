import type { Rng } from '../rng.ts';
import type { DistSpec } from './spec.ts';
import { standardExponential, standardNormal } from './ziggurat.ts';
import { roundUs } from '../time.ts';

/** A sampler draws one duration in whole microseconds. */
export type Sampler = () => number;

/** Binds a distribution to a random stream. */
/**
 * Heavy tails (lognormal with a large sigma or mu, pareto with a small shape) can draw values
 * beyond any run, up to Infinity; they are capped at a century (µs), far past any run's end,
 * so a sample always stays a finite time and the arithmetic on it stays exact.
 */
export const MAX_SAMPLE_US = 100 * 365.25 * 24 * 3600 * 1e6;

export function sampler(spec: DistSpec, rng: Rng): Sampler {
  switch (spec.dist) {
    case 'constant': {
      const v = Math.max(0, roundUs(spec.value));
      return () => v;
    }
    case 'uniform': {
      const { min, max } = spec;
      return () => roundUs(min + (max - min) * rng());
    }
    case 'exponential': {
      const mean = spec.mean;
      return () => roundUs(mean * standardExponential(rng));
    }
    case 'normal': {
      const { mean, stdev } = spec;
      // Truncated at zero by rejection, so the shape above zero is exactly normal.
      return () => {
        for (let i = 0; i < 64; i++) {
          const x = mean + stdev * standardNormal(rng);
          if (x >= 0) return roundUs(x);
        }
        return 0;
      };
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return () => roundUs(Math.min(MAX_SAMPLE_US, Math.exp(mu + sigma * standardNormal(rng))));
    }
    case 'pareto': {
      const { scale, shape } = spec;
      return () => roundUs(Math.min(MAX_SAMPLE_US, scale / Math.pow(1 - rng(), 1 / shape)));
    }
  }
}

/** The distribution's mean in microseconds (before rounding); Infinity where it diverges. */
export function meanOf(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
      return spec.mean;
    case 'normal':
      return truncatedNormalMean(spec.mean, spec.stdev);
    case 'lognormal':
      return Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2);
    case 'pareto':
      return spec.shape > 1 ? (spec.shape * spec.scale) / (spec.shape - 1) : Infinity;
  }
}

function truncatedNormalMean(mean: number, stdev: number): number {
  if (stdev === 0) return Math.max(0, mean);
  const a = -mean / stdev;
  const pdf = Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI);
  const tail = 1 - normalCdf(a);
  return mean + (stdev * pdf) / tail;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to ~1e-7. */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
