import { lognormalFromMedianP99, type DistSpec } from '../sim/distributions/index.ts';
import type { DistOutput } from './schema/distribution.ts';
import { parseDuration } from './units.ts';

const LN_1000 = Math.log(1000);

/** A validated distribution as written → DistSpec with every time in microseconds. */
export function toDistSpec(d: DistOutput): DistSpec {
  if (typeof d === 'string' || typeof d === 'number') return { dist: 'constant', value: parseDuration(d) };
  switch (d.dist) {
    case 'constant':
      return { dist: 'constant', value: parseDuration(d.value) };
    case 'uniform':
      return { dist: 'uniform', min: parseDuration(d.min), max: parseDuration(d.max) };
    case 'exponential':
      return { dist: 'exponential', mean: parseDuration(d.mean) };
    case 'normal':
      return { dist: 'normal', mean: parseDuration(d.mean), stdev: parseDuration(d.stdev) };
    case 'lognormal':
      if (d.mu !== undefined && d.sigma !== undefined)
        // mu is of ln(value in ms); ln(value in µs) = ln(value in ms) + ln 1000.
        return { dist: 'lognormal', mu: d.mu + LN_1000, sigma: d.sigma };
      return lognormalFromMedianP99(parseDuration(d.median!), parseDuration(d.p99!));
    case 'pareto':
      return { dist: 'pareto', scale: parseDuration(d.scale), shape: d.shape };
  }
}
