import type { Series } from './series.ts';
import type { Frame, Timeline } from './types.ts';
import { failoverIndex, lostAckedAt } from './failover.ts';

export interface Stat {
  mean: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
}

/** The CLI report's headline metrics, computed from the trace up to the frame's time. */
export interface SummaryAt {
  tMs: number;
  writes: { issued: number; acknowledged: number; failed: number; lostAcknowledged: number; latencyMs: Stat };
  reads: {
    total: number;
    stale: number;
    staleFraction: number;
    rywViolations: number;
    monotonicViolations: number;
    byNode: Record<string, number>;
  };
  lagMs: Record<string, { now: number; max: number }>;
  failovers: number;
}

export function stat(values: number[]): Stat {
  if (values.length === 0) return { mean: 0, p50: 0, p99: 0, max: 0, count: 0 };
  const s = values.slice().sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const sum = s.reduce((a, b) => a + b, 0);
  return { mean: sum / s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1], count: s.length };
}

export function summaryAt(tl: Timeline, series: Series, frame: Frame): SummaryAt {
  const t = frame.tUs;
  const wl: number[] = [];
  for (const a of tl.writeAcks) {
    if (a.tUs > t) break;
    wl.push(a.latencyUs / 1000);
  }
  const c = frame.counters;
  const lagMs: SummaryAt['lagMs'] = {};
  const lastBucket = Math.floor(t / series.lagBucketUs);
  for (const n of frame.nodes) {
    const col = series.lagMaxUs.get(n.id);
    let max = n.lagUs;
    if (col) for (let b = 0; b < lastBucket && b < col.length; b++) max = Math.max(max, col[b]);
    lagMs[n.id] = { now: n.lagUs / 1000, max: max / 1000 };
  }
  return {
    tMs: t / 1000,
    writes: {
      issued: c.writesIssued,
      acknowledged: c.writesAcked,
      failed: c.writesFailed,
      // Acknowledged and then out of history: entries a failover discards that no client was
      // told about (lossless semi-sync) are not lost writes.
      lostAcknowledged: lostAckedAt(failoverIndex(tl), t),
      latencyMs: stat(wl),
    },
    reads: {
      total: c.readsTotal,
      stale: c.readsStale,
      staleFraction: c.readsTotal ? c.readsStale / c.readsTotal : 0,
      rywViolations: c.rywViolations,
      monotonicViolations: c.monotonicViolations,
      byNode: frame.readsByNode,
    },
    lagMs,
    failovers: tl.markers.filter((m) => m.kind === 'failover' && m.tUs <= t && /complete|promot/i.test(m.label)).length,
  };
}
