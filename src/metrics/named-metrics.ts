// The report's numeric metrics as dotted paths (the same paths `expect` lines use).
import type { Report } from './report.ts';

/** A metric's value in one run; null where the report has no finite number (e.g. a fraction of zero reads). */
export type MetricValue = number | null;

/**
 * Fields of the report that describe the run rather than measure it, or that are series:
 * not metrics to average over seeds.
 */
const NOT_METRICS = new Set(['seed', 'intervalMs']);

/**
 * Every numeric leaf of the report, in the report's own order, except arrays (time series,
 * failovers, expectations) and the fields above.
 */
export function numericMetrics(report: Report): [name: string, value: MetricValue][] {
  const out: [string, MetricValue][] = [];
  const walk = (node: unknown, prefix: string) => {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (NOT_METRICS.has(key)) continue;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (typeof value === 'number') out.push([name, normalize(value)]);
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value, name);
    }
  };
  walk(report, '');
  return out;
}

/** The named metrics of a report, in the order asked; a name the report lacks gives null. */
export function pickMetrics(report: Report, names: readonly string[]): MetricValue[] {
  const all = new Map(numericMetrics(report));
  return names.map((name) => all.get(name) ?? null);
}

/**
 * Results travel through JSON files (shards) and through memory (local runs); both must give
 * the same bits. JSON has no NaN, Infinity or −0, so neither do results.
 */
function normalize(value: number): MetricValue {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}
