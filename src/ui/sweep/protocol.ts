import type { MetricValue } from '../../metrics/named-metrics.ts';

/** One run of a sweep: a whole scenario document (point values, seed and duration written in). */
export interface SweepJobRequest {
  type: 'sweep-job';
  index: number;
  fileName: string;
  document: unknown;
}

export type SweepJobReply =
  | { type: 'sweep-done'; index: number; named: [string, MetricValue][] }
  | { type: 'sweep-error'; index: number; message: string };
