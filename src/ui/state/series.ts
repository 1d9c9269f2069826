import type { Timeline } from './types.ts';
import { READ_STALE } from './types.ts';

/** Time series for the charts that are counts of records (lag comes from the report). */
export interface Series {
  staleBucketUs: number;
  readsPerBucket: Uint32Array;
  stalePerBucket: Uint32Array;
}

const STALE_BUCKETS = 120;

export function buildSeries(tl: Timeline): Series {
  const endUs = Math.max(1, tl.endUs);
  const staleBucketUs = Math.max(1, Math.ceil(endUs / STALE_BUCKETS));
  const readsPerBucket = new Uint32Array(STALE_BUCKETS + 1);
  const stalePerBucket = new Uint32Array(STALE_BUCKETS + 1);
  // Bucketed by reply time (read.done): when a read counts, everywhere on the page.
  for (let i = 0; i < tl.reads.count; i++) {
    const k = Math.min(STALE_BUCKETS, Math.floor(tl.reads.tUs[i] / staleBucketUs));
    readsPerBucket[k]++;
    if (tl.reads.flags[i] & READ_STALE) stalePerBucket[k]++;
  }
  return { staleBucketUs, readsPerBucket, stalePerBucket };
}

export interface HistogramBin {
  x0Ms: number;
  x1Ms: number;
  total: number;
  soFar: number;
}

/**
 * Write-latency histogram over the whole run, with the part acknowledged by tUs. The bin
 * range ends at the report's p99 × 1.5 (the last bin holds the tail), so one outlier does
 * not squash the shape; no percentile is computed here.
 */
export function latencyHistogram(tl: Timeline, tUs: number, binCount = 30): HistogramBin[] {
  if (tl.writeAcks.length === 0) return [];
  const p99Ms = tl.report?.writes.latencyMs.p99 ?? 0;
  const hi = Math.max(p99Ms * 1.5, 1e-3);
  const width = hi / binCount;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    x0Ms: i * width, x1Ms: (i + 1) * width, total: 0, soFar: 0,
  }));
  for (const a of tl.writeAcks) {
    const k = Math.min(binCount - 1, Math.floor(a.latencyUs / 1000 / width));
    bins[k].total++;
    if (a.tUs <= tUs) bins[k].soFar++;
  }
  return bins;
}
