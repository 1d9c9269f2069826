import { describe, expect, it } from 'vitest';
import { lognormalFromMedianP99 } from '../../src/sim/distributions/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { BASE } from './helpers.ts';

/** The resolved replication.commitTime for a given written distribution. */
function commitTime(written: string) {
  return parseScenario(`${BASE}replication:\n  commitTime: ${written}\n`, 't.yaml').config.replication.commitTime;
}

describe('distributions in scenario files', () => {
  it('treats a bare duration as a constant', () => {
    expect(commitTime('2ms')).toEqual({ dist: 'constant', value: 2000 });
    expect(commitTime('3')).toEqual({ dist: 'constant', value: 3000 });
  });

  it('converts every parameter that is a time to microseconds', () => {
    expect(commitTime('{dist: constant, value: 1s}')).toEqual({ dist: 'constant', value: 1_000_000 });
    expect(commitTime('{dist: uniform, min: 1ms, max: 3ms}')).toEqual({ dist: 'uniform', min: 1000, max: 3000 });
    expect(commitTime('{dist: exponential, mean: 250us}')).toEqual({ dist: 'exponential', mean: 250 });
    expect(commitTime('{dist: normal, mean: 2ms, stdev: 0.5ms}')).toEqual({ dist: 'normal', mean: 2000, stdev: 500 });
    expect(commitTime('{dist: pareto, scale: 1ms, shape: 1.5}')).toEqual({ dist: 'pareto', scale: 1000, shape: 1.5 });
  });

  it('builds a lognormal from median and p99', () => {
    expect(commitTime('{dist: lognormal, median: 1ms, p99: 5ms}')).toEqual(lognormalFromMedianP99(1000, 5000));
  });

  it('shifts a lognormal given by mu and sigma of ln(ms) to ln(µs)', () => {
    const d = commitTime('{dist: lognormal, mu: 0, sigma: 0.5}');
    expect(d).toEqual({ dist: 'lognormal', mu: Math.log(1000), sigma: 0.5 });
    // exp(mu) is the median: 1ms = 1000µs.
    expect(Math.exp((d as { mu: number }).mu)).toBeCloseTo(1000, 6);
  });
});
