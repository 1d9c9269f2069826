// A comparison's numbers: each metric's mean on A and on B, and the mean paired difference
// B − A over the seeds with its confidence interval. Pairing by seed is what makes the
// interval narrow: both sides saw the same users (common random numbers).
import type { MetricValue } from './named-metrics.ts';
import { meanInterval, type MeanInterval } from './stats.ts';

export interface MetricComparison {
  metric: string;
  a: MeanInterval;
  b: MeanInterval;
  /** Over the seeds where both sides have a value. */
  diff: MeanInterval;
}

/** `a[s]` and `b[s]` are the named metrics of the run with the s-th seed on each side. */
export function compareRuns(a: readonly (readonly [string, MetricValue][])[], b: readonly (readonly [string, MetricValue][])[]): MetricComparison[] {
  const aMaps = a.map((run) => new Map(run));
  const bMaps = b.map((run) => new Map(run));
  // A's metrics in report order, then any only B has (a replica only B has, say).
  const names = [...new Set([...a.flatMap((run) => run.map(([n]) => n)), ...b.flatMap((run) => run.map(([n]) => n))])];
  return names.map((metric) => {
    const av = aMaps.map((m) => m.get(metric) ?? null);
    const bv = bMaps.map((m) => m.get(metric) ?? null);
    const diffs: number[] = [];
    av.forEach((x, s) => {
      const y = bv[s];
      if (x !== null && y !== null) diffs.push(y - x);
    });
    return { metric, a: meanInterval(numbers(av)), b: meanInterval(numbers(bv)), diff: meanInterval(diffs) };
  });
}

function numbers(values: MetricValue[]): number[] {
  return values.filter((v): v is number => v !== null);
}
