// Simulating one resolved config and picking its metrics: all a pool worker needs, so a
// worker loads the engine but not the scenario parser (zod, yaml), halving its start-up.
import { simulate } from '../../metrics/simulate.ts';
import type { WorldConfig } from '../../model/config.ts';
import { numericMetrics, pickMetrics, type MetricValue } from './metrics.ts';

/** What a run gives back: the asked metrics' values, or (`all`) every numeric metric by name. */
export type JobOutput = { values: MetricValue[] } | { named: [string, MetricValue][] };

export function runConfig(config: WorldConfig, metrics: readonly string[] | 'all'): JobOutput {
  const report = simulate(config);
  return metrics === 'all' ? { named: numericMetrics(report) } : { values: pickMetrics(report, metrics) };
}
