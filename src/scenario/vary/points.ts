// A sweep's points and their summaries: every combination of the varied values, and from
// per-run values to per-point means and intervals. The one computation behind every output
// of a sweep, whether its runs came from this machine, merged shards or the page's workers.
import type { MetricValue } from '../../metrics/named-metrics.ts';
import { meanInterval, type MeanInterval } from '../../metrics/stats.ts';
import type { Vary, VaryValue } from './spec.ts';

/** What the summary needs to know of a sweep (the CLI's plan header has more). */
export interface SweepShape {
  vary: Vary[];
  seeds: (number | string)[];
  metrics: string[];
  points: number;
}

export interface PointSummary {
  values: VaryValue[];
  /** One per metric of the header, over the seeds whose run gave a number. */
  stats: MeanInterval[];
  /** runs[metric][seed]: every run's value, in the header's seed order. */
  runs: MetricValue[][];
}

/** Every combination of the lists' values; the first list changes slowest. */
export function cartesian(lists: VaryValue[][]): VaryValue[][] {
  return lists.reduce<VaryValue[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** The varied values of point `index`; the first varied path changes slowest. */
export function pointValues(header: Pick<SweepShape, 'vary'>, index: number): VaryValue[] {
  const out: VaryValue[] = [];
  let rest = index;
  for (let i = header.vary.length - 1; i >= 0; i--) {
    const values = header.vary[i].values;
    out[i] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return out;
}

/** `results[jobIndex]` holds that job's value of each header metric; job = point × seeds + seed. */
export function summarize(header: SweepShape, results: readonly (readonly MetricValue[])[]): PointSummary[] {
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
