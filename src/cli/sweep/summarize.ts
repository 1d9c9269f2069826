// From per-run values to per-point means and intervals: the one computation behind every
// output of a sweep, whether its runs came from this machine or from merged shards.
import type { MetricValue } from './metrics.ts';
import { pointValues, type PlanHeader } from './plan.ts';
import type { VaryValue } from './spec.ts';
import { meanInterval, type MeanInterval } from './stats.ts';

export interface PointSummary {
  values: VaryValue[];
  /** One per metric of the header, over the seeds whose run gave a number. */
  stats: MeanInterval[];
  /** runs[metric][seed]: every run's value, in the header's seed order. */
  runs: MetricValue[][];
}

/** `results[jobIndex]` holds that job's value of each header metric. */
export function summarize(header: PlanHeader, results: readonly (readonly MetricValue[])[]): PointSummary[] {
  const seeds = header.seeds.length;
  return Array.from({ length: header.points }, (_, point) => {
    const runs = header.metrics.map((_, m) => Array.from({ length: seeds }, (_, s) => results[point * seeds + s][m]));
    return {
      values: pointValues(header, point),
      stats: runs.map((values) => meanInterval(values.filter((v): v is number => v !== null))),
      runs,
    };
  });
}
