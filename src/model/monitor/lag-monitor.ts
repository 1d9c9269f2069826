import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';
import type { WalSenderLags } from './walsender-lag.ts';

/** What the monitor saw on one replica at one sample. */
export interface MonitorSample {
  node: DbNode;
  /**
   * True staleness (DESIGN.md "lag"): 0 when the replica has applied everything the primary
   * committed, else the time since the oldest committed entry it has not applied. What a
   * heartbeat table (pt-heartbeat, a `ts` row the primary updates) measures.
   */
  trueLagUs: number;
  /** Entries the primary has committed that the replica has not applied. */
  lsnLag: number;
  /**
   * MySQL's Seconds_Behind_Master, computed as MySQL does: now minus the original commit
   * timestamp of the event the SQL (applier) thread is executing; 0 whenever the applier has
   * applied everything the I/O thread has *received*, however far receiving is behind.
   */
  secondsBehindUs: number;
  /**
   * Seconds_Behind_Source exactly as SHOW REPLICA STATUS shows it: whole seconds, and null
   * (NULL) when the applier has drained the relay log while the receiver (I/O) thread is not
   * connected, since then MySQL cannot tell how far behind it is.
   */
  secondsBehindSource: number | null;
  /** The receiver (I/O thread, walreceiver) has a live stream from its upstream. */
  ioRunning: boolean;
  /**
   * The lag the monitor published to lag-aware routing after this sample (µs; Infinity = the
   * replica is down and gets nothing). Filled in by the monitor.
   */
  routedLagUs: number;
  /**
   * The replica's row in the primary's pg_stat_replication (write_lag, flush_lag, replay_lag),
   * when replicas send standby status replies and it streams from the primary; else absent.
   */
  pgStat?: WalSenderLags;
  /** Newest version applied (the replica's executed GTID set / replay LSN). */
  appliedVersion: Version;
}

/**
 * Samples one replica against the primary the router knows. Reads the world's state only;
 * `ioRunning` says whether the replica's receiver is connected to its upstream.
 */
export function sampleReplica(node: DbNode, primary: DbNode | null, now: number, ioRunning = true): MonitorSample {
  let trueLagUs = 0;
  let lsnLag = 0;
  if (primary && primary !== node) {
    const head = primary.log.lastLsn;
    lsnLag = Math.max(0, head - node.appliedLsn);
    const oldest = lsnLag > 0 ? primary.log.at(node.appliedLsn + 1) : undefined;
    if (oldest) trueLagUs = Math.max(0, now - oldest.commitUs);
  }
  // The applier is idle when it has applied all it received: MySQL then reports 0.
  let secondsBehindUs = 0;
  let secondsBehindSource: number | null = ioRunning ? 0 : null;
  if (node.appliedLsn < node.log.lastLsn) {
    const executing = node.log.at(node.appliedLsn + 1);
    if (executing) {
      secondsBehindUs = Math.max(0, now - executing.commitUs);
      secondsBehindSource = wholeSecondsBehind(now, executing.commitUs);
    }
  }
  return { node, trueLagUs, lsnLag, secondsBehindUs, secondsBehindSource, ioRunning, routedLagUs: trueLagUs, appliedVersion: node.appliedVersion };
}

/**
 * MySQL's Seconds_Behind_Source while the applier works on an event: the replica's clock in
 * whole seconds minus the event's original commit timestamp in whole seconds (binlog event
 * timestamps are seconds; clocks agree here, so clock_diff_with_master is 0). The
 * computation, from show_slave_status in sql/rpl_replica.cc:
 *
 *   if the SQL thread is running:
 *     if it has processed all the available relay log: IO thread running ? 0 : NULL
 *     else: time(0) − last_master_timestamp − clock_diff_with_master
 *   else NULL
 *
 * (A down replica does not answer at all: the monitor shuns it without a sample value.)
 */
export function wholeSecondsBehind(nowUs: number, commitUs: number): number {
  return Math.max(0, Math.floor(nowUs / 1_000_000) - Math.floor(commitUs / 1_000_000));
}
