import type { World } from '../world-api.ts';
import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';
import { sampleReplica, type MonitorSample } from './lag-monitor.ts';

export type { MonitorSample } from './lag-monitor.ts';
export { sampleReplica } from './lag-monitor.ts';

/** Which of its measures the monitor hands to lag-aware routing. */
export type LagMeasure = 'heartbeat' | 'seconds-behind';

/**
 * The lag monitor (ProxySQL's monitor thread, MaxScale's mariadbmon, pt-heartbeat): every
 * `monitor.interval` of simulated time it samples each replica and publishes what it saw to
 * the routers (`lagUs`, `appliedVersion`). Routing sees lag only
 * through it, so a lag-aware policy acts on numbers up to one interval old. A replica that is
 * down is published as infinitely behind (shunned); its sample is still recorded.
 *
 * `measure` picks what the router is told: `heartbeat` (default) = true lag, as a heartbeat
 * table measures it; `seconds-behind` = MySQL's Seconds_Behind_Master, which reads 0 while
 * the relay log is starved (the replica is behind on receiving, not on applying).
 */
export class LagMonitor {
  /** Samples per node index, in time order (replicas only). */
  readonly samples: MonitorSample[][] = [];
  /** Sample times (µs), one per round. */
  readonly times: number[] = [];
  /** What it publishes to the routers, per node index: lag (µs) and newest applied version (0 = never sampled). */
  private readonly publishedLagUs: number[] = [];
  private readonly publishedVersion: Version[] = [];

  constructor(
    private readonly w: World,
    readonly intervalUs: number,
    readonly measure: LagMeasure,
  ) {
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
      const s = sampleReplica(node, primary, w.now);
      this.samples[node.index].push(s);
      const lag = this.measure === 'seconds-behind' ? s.secondsBehindUs : s.trueLagUs;
      this.publishedLagUs[node.index] = node.up ? lag : Infinity;
      this.publishedVersion[node.index] = node.up ? s.appliedVersion : 0;
      w.observer.monitorSampled?.(s, w.now);
    }
    if (w.now + this.intervalUs <= w.config.durationUs) w.after(this.intervalUs, () => this.round());
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
