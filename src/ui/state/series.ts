import { applyRecord, initialCore, primaryOf } from './core.ts';
import { commitTimeOf } from './derive.ts';
import type { Core, Timeline } from './types.ts';

/** Time series for the charts, computed once per trace. */
export interface Series {
  lagBucketUs: number;
  /** Per node: the worst lag seen in each bucket (0 for the primary of the moment). */
  lagMaxUs: Map<string, Float64Array>;
  staleBucketUs: number;
  readsPerBucket: Uint32Array;
  stalePerBucket: Uint32Array;
}

const LAG_BUCKETS = 400;
const STALE_BUCKETS = 120;

export function buildSeries(tl: Timeline): Series {
  const endUs = Math.max(1, tl.endUs);
  const lagBucketUs = Math.max(1, Math.ceil(endUs / LAG_BUCKETS));
  const lagMaxUs = new Map(tl.nodeIds.map((id) => [id, new Float64Array(LAG_BUCKETS + 1)]));
  const core = initialCore(tl.nodeIds.map((id, i) => ({ id, role: tl.checkpoints[0].core.nodes[i].role })));
  const cols = tl.nodeIds.map((id) => lagMaxUs.get(id)!);
  const note = (b: number, i: number, lagUs: number) => {
    if (b <= LAG_BUCKETS && lagUs > cols[i][b]) cols[i][b] = lagUs;
  };
  let b = 0;
  for (const r of tl.records) {
    while (r.t >= (b + 1) * lagBucketUs && b <= LAG_BUCKETS) {
      const atUs = (b + 1) * lagBucketUs;
      for (let i = 0; i < cols.length; i++) note(b, i, lagAt(tl, core, i, atUs));
      b++;
    }
    if (r.type === 'entry.apply') {
      const i = tl.nodeIndex.get(r.node);
      // Lag peaks just before an apply: measure it then, or sawtooth peaks vanish between buckets.
      if (i !== undefined) note(b, i, lagAt(tl, core, i, r.t));
    }
    applyRecord(core, r, tl.nodeIndex);
  }
  for (; b <= LAG_BUCKETS; b++) {
    const atUs = Math.min(endUs, (b + 1) * lagBucketUs);
    for (let i = 0; i < cols.length; i++) note(b, i, lagAt(tl, core, i, atUs));
  }

  const staleBucketUs = Math.max(1, Math.ceil(endUs / STALE_BUCKETS));
  const readsPerBucket = new Uint32Array(STALE_BUCKETS + 1);
  const stalePerBucket = new Uint32Array(STALE_BUCKETS + 1);
  for (const rd of tl.reads) {
    const k = Math.min(STALE_BUCKETS, Math.floor(rd.tUs / staleBucketUs));
    readsPerBucket[k]++;
    if (rd.stale) stalePerBucket[k]++;
  }
  return { lagBucketUs, lagMaxUs, staleBucketUs, readsPerBucket, stalePerBucket };
}

function lagAt(tl: Timeline, core: Core, i: number, tUs: number): number {
  const p = primaryOf(core);
  if (i === p) return 0;
  const head = p >= 0 ? core.nodes[p].committedLsn : 0;
  const applied = core.nodes[i].appliedLsn;
  if (applied >= head) return 0;
  const since = commitTimeOf(tl, applied + 1, tUs);
  return since === undefined ? 0 : Math.max(0, tUs - since);
}

export interface HistogramBin {
  x0Ms: number;
  x1Ms: number;
  total: number;
  soFar: number;
}

/** Write-latency histogram over the whole run, with the part acknowledged by tUs. */
export function latencyHistogram(tl: Timeline, tUs: number, binCount = 30): HistogramBin[] {
  const lat = tl.writeAcks.map((a) => a.latencyUs / 1000);
  if (lat.length === 0) return [];
  const sorted = sortedLatencies(tl, lat);
  // Cap at the 99.5th percentile so one outlier does not squash the shape; the last bin holds the tail.
  const hi = Math.max(sorted[Math.floor(0.995 * (sorted.length - 1))] * 1.1, sorted[0] + 1e-3);
  const width = hi / binCount;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    x0Ms: i * width, x1Ms: (i + 1) * width, total: 0, soFar: 0,
  }));
  tl.writeAcks.forEach((a, i) => {
    const k = Math.min(binCount - 1, Math.floor(lat[i] / width));
    bins[k].total++;
    if (a.tUs <= tUs) bins[k].soFar++;
  });
  return bins;
}

const sortedCache = new WeakMap<Timeline, number[]>();

function sortedLatencies(tl: Timeline, lat: number[]): number[] {
  let s = sortedCache.get(tl);
  if (!s) {
    s = lat.slice().sort((a, b) => a - b);
    sortedCache.set(tl, s);
  }
  return s;
}
