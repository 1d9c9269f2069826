import type { DistSpec } from './spec.ts';

/** z such that P(Z ≤ z) = 0.99 for a standard normal Z. */
export const Z_99 = 2.3263478740408408;

/** A lognormal from its median and 99th percentile, both in microseconds. */
export function lognormalFromMedianP99(medianUs: number, p99Us: number): DistSpec {
  const mu = Math.log(medianUs);
  return { dist: 'lognormal', mu, sigma: (Math.log(p99Us) - mu) / Z_99 };
}
