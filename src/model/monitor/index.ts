import type { World } from '../world-api.ts';
import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';
import { sampleReplica, type MonitorSample } from './lag-monitor.ts';
import { WalSenderLag } from './walsender-lag.ts';
import type { StandbyStatusMsg } from '../message.ts';

export type { MonitorSample } from './lag-monitor.ts';
export { sampleReplica } from './lag-monitor.ts';

/** Which of its measures the monitor hands to lag-aware routing. */
export type LagMeasure = 'heartbeat' | 'seconds-behind' | 'replay-lag';

/**
 * The lag monitor (ProxySQL's monitor thread, MaxScale's mariadbmon, pt-heartbeat): every
 * `monitor.interval` of simulated time it samples each replica and publishes what it saw to
 * the routers (`lagUs`, `appliedVersion`). Routing sees lag only
 * through it, so a lag-aware policy acts on numbers up to one interval old. A replica that is
 * down is published as infinitely behind (shunned); its sample is still recorded.
 *
 * `measure` picks what the router is told: `heartbeat` (default) = true lag, as a heartbeat
 * table measures it; `seconds-behind` = MySQL's Seconds_Behind_Source as SHOW REPLICA STATUS
 * gives it: whole seconds, 0 while the relay log is starved (the replica is behind on
 * receiving, not on applying), and NULL when the receiver is disconnected and the relay log
 * drained. A proxy routing on it takes NULL as `lagWhenNull` (ProxySQL's
 * mysql-monitor_slave_lag_when_null, default 60 s: above any usual max_replication_lag, so
 * the replica is shunned). `replay-lag` = the replay_lag column of pg_stat_replication on the
 * primary (Pgpool-II's delay_threshold_by_time): NULL there (idle and caught up) counts as 0,
 * and a standby with no row (not connected to the primary) is shunned.
 */
export class LagMonitor {
  /** Samples per node index, in time order (replicas only). */
  readonly samples: MonitorSample[][] = [];
  /** Sample times (µs), one per round. */
  readonly times: number[] = [];
  /** What it publishes to the routers, per node index: lag (µs) and newest applied version (0 = never sampled). */
  private readonly publishedLagUs: number[] = [];
  private readonly publishedVersion: Version[] = [];

  /** The walsenders' view of their standbys (pg_stat_replication), fed by standby status replies. */
  readonly walSenders: WalSenderLag;

  constructor(
    private readonly w: World,
    readonly intervalUs: number,
    readonly measure: LagMeasure,
    /** seconds-behind: the lag a NULL Seconds_Behind_Source stands for (µs). */
    readonly lagWhenNullUs = 60_000_000,
    /** Replicas send standby status replies, so pg_stat_replication has lag figures. */
    readonly standbyStatus = false,
  ) {
    this.walSenders = new WalSenderLag(w.nodes.length);
    for (let i = 0; i < w.nodes.length; i++) {
      this.samples.push([]);
      this.publishedLagUs.push(0);
      this.publishedVersion.push(0);
    }
  }

  start(): void {
    if (this.intervalUs <= 0) return;
    this.w.at(0, () => this.round());
  }

  private round(): void {
    const w = this.w;
    this.times.push(w.now);
    const primary = w.failover.primary;
    for (const node of w.nodes) {
      if (node.config.role !== 'replica' && node.role !== 'replica') continue;
      if (node.role !== 'replica') {
        // Promoted: no longer a replica, nothing to be behind.
        this.publishedLagUs[node.index] = 0;
        continue;
      }
      const s = sampleReplica(node, primary, w.now, this.ioRunning(node));
      if (this.standbyStatus) this.readPgStatReplication(s, primary);
      this.samples[node.index].push(s);
      const lag = this.measure === 'seconds-behind' ? this.secondsBehindLagUs(s) : this.measure === 'replay-lag' ? this.replayLagUs(s, primary) : s.trueLagUs;
      s.routedLagUs = node.up ? lag : Infinity;
      this.publishedLagUs[node.index] = s.routedLagUs;
      this.publishedVersion[node.index] = node.up ? s.appliedVersion : 0;
      w.observer.monitorSampled?.(s, w.now);
    }
    if (w.now + this.intervalUs <= w.config.durationUs) w.after(this.intervalUs, () => this.round());
  }

  /**
   * The replica's receiver is connected (Replica_IO_Running: Yes): the replica's own end of
   * its connection from its upstream is open, whatever the primary's end thinks.
   */
  private ioRunning(node: DbNode): boolean {
    const upstream = node.upstream;
    return node.up && upstream !== null && upstream !== node && this.w.streams.isReceiving(upstream, node);
  }

  /**
   * A standby's status reply reached `primary`: its walsender updates the standby's lag
   * columns. (The walsender is the primary's, not the monitor's; the monitor only reads its
   * rows. It lives here because nothing else reads them.)
   */
  standbyStatusReceived(primary: DbNode, standby: DbNode, msg: StandbyStatusMsg): void {
    this.walSenders.receive(primary, standby, msg, this.w.now);
    // The same walsender then runs SyncRepReleaseWaiters on it, as on every reply (sync.ts).
    if (primary.role === 'primary' && msg.term === primary.term) this.w.modeOf(primary).standbyReplied?.(primary, standby);
  }

  /** The standby's row in the primary's pg_stat_replication (none unless it streams from it). */
  private readPgStatReplication(s: MonitorSample, primary: DbNode | null): void {
    if (!primary || !this.w.streams.isOpen(primary, s.node)) return;
    const row = this.walSenders.lagsOf(primary, s.node);
    s.pgStat = { writeLagUs: row.writeLagUs, flushLagUs: row.flushLagUs, replayLagUs: row.replayLagUs };
  }

  /** What Pgpool-II's delay_threshold_by_time routes on: replay_lag, NULL = 0, no row = shunned. */
  private replayLagUs(s: MonitorSample, primary: DbNode | null): number {
    if (!s.pgStat) return primary === s.node ? 0 : Infinity;
    return s.pgStat.replayLagUs ?? 0;
  }

  /** What a seconds-based proxy routes on: whole seconds, NULL taken as lagWhenNull. */
  private secondsBehindLagUs(s: MonitorSample): number {
    return s.secondsBehindSource === null ? this.lagWhenNullUs : s.secondsBehindSource * 1_000_000;
  }

  /** A replica's lag as last published (µs; 0 if never sampled, Infinity while it is down). */
  lagUs(node: DbNode): number {
    return this.publishedLagUs[node.index];
  }

  /** Newest version the monitor has seen applied on a node (0 if never). */
  appliedVersion(node: DbNode): Version {
    return this.publishedVersion[node.index];
  }
}
