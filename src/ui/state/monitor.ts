import { recordsOfTypes } from '../trace/columns.ts';
import type { Timeline } from './types.ts';

/** One replica's lag-monitor samples, in trace order. */
export interface MonitorTrack {
  node: string;
  tUs: number[];
  /** Heartbeat-table lag: the truth (DESIGN.md lag) at the sample. */
  trueLagUs: number[];
  /** MySQL's Seconds_Behind_Master: 0 whenever the applier has drained what it received. */
  sbmUs: number[];
  /** Entries committed on the primary and not applied here. */
  lsnLag: number[];
  /** Seconds_Behind_Source as MySQL reports it: whole seconds, null = NULL (undefined: a trace without it). */
  secondsBehindSource: (number | null | undefined)[];
  /** Whether the replica's receiver (I/O thread, walreceiver) was connected. */
  ioRunning: boolean[];
  /** The replica's row in the primary's pg_stat_replication, when standby status replies are on (null = no row). */
  pgStat: (PgStatRow | null)[];
}

/** pg_stat_replication's lag columns in µs; null = NULL. */
export interface PgStatRow {
  writeLagUs: number | null;
  flushLagUs: number | null;
  replayLagUs: number | null;
}

const cache = new WeakMap<Timeline, MonitorTrack[]>();

/** The `monitor` records of a trace, per replica (cached per timeline). */
export function monitorTracks(tl: Timeline): MonitorTrack[] {
  let out = cache.get(tl);
  if (out) return out;
  const by = new Map<string, MonitorTrack>();
  for (const [, r] of recordsOfTypes(tl.trace, ['monitor'])) {
    if (r.type !== 'monitor') continue;
    let m = by.get(r.node);
    if (!m) by.set(r.node, (m = { node: r.node, tUs: [], trueLagUs: [], sbmUs: [], lsnLag: [], secondsBehindSource: [], ioRunning: [], pgStat: [] }));
    m.tUs.push(r.t);
    m.trueLagUs.push(r.trueLagUs);
    m.sbmUs.push(r.secondsBehindUs);
    m.lsnLag.push(r.lsnLag);
    m.secondsBehindSource.push(r.secondsBehindSource);
    m.ioRunning.push(r.ioRunning ?? true);
    m.pgStat.push('replayLagUs' in r ? { writeLagUs: r.writeLagUs ?? null, flushLagUs: r.flushLagUs ?? null, replayLagUs: r.replayLagUs ?? null } : null);
  }
  out = [...by.values()].sort((a, b) => tl.nodeIds.indexOf(a.node) - tl.nodeIds.indexOf(b.node));
  cache.set(tl, out);
  return out;
}

/** Index of the last sample at or before tUs, or −1. */
export function sampleAt(m: MonitorTrack, tUs: number): number {
  let lo = 0;
  let hi = m.tUs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.tUs[mid] <= tUs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Samples where the monitor's Seconds_Behind_Master understates the truth by more than
 * `slackUs` (it "lies"): what a learner should notice.
 */
export function understated(m: MonitorTrack, slackUs: number): number {
  let n = 0;
  for (let i = 0; i < m.tUs.length; i++) if (m.trueLagUs[i] - m.sbmUs[i] > slackUs) n++;
  return n;
}
