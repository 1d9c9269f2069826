import type { Micros } from '../time.ts';

/**
 * A distribution of durations, with every parameter already in microseconds (the scenario
 * layer converts units). Samples are rounded to whole microseconds and never negative.
 */
export type DistSpec =
  | { dist: 'constant'; value: Micros }
  | { dist: 'uniform'; min: Micros; max: Micros }
  | { dist: 'exponential'; mean: Micros }
  | { dist: 'normal'; mean: Micros; stdev: Micros }
  /** ln(X/1µs) ~ N(mu, sigma). */
  | { dist: 'lognormal'; mu: number; sigma: number }
  /** P(X > x) = (scale/x)^shape for x ≥ scale. */
  | { dist: 'pareto'; scale: Micros; shape: number };

export const constant = (value: Micros): DistSpec => ({ dist: 'constant', value });
