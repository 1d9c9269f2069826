import type { Report } from '../../metrics/report.ts';

/**
 * Report paths as the Summary panel names its figures (`data-metric`): the report's JSON
 * field names joined by dots, as `expect` lines write them ("writes.latencyMs.p99",
 * "replication.lagMs.replica-1.max"). Node ids contain no dots.
 */
export function reportValue(report: Report, path: string): unknown {
  let cur: unknown = report;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The report's lag sample for `node` at tUs (the last sample at or before it), in ms. */
export function lagSampleAt(report: Report, node: string, tUs: number): { path: string; ms: number } | null {
  const s = report.replication.lagSeries;
  const col = s.byReplica[node];
  if (!col || col.length === 0 || s.intervalMs <= 0) return null;
  const k = Math.max(0, Math.min(col.length - 1, Math.floor(tUs / 1000 / s.intervalMs)));
  return { path: `replication.lagSeries.byReplica.${node}.${k}`, ms: col[k] };
}
