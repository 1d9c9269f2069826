import type { World } from '../world-api.ts';
import type { Version } from '../version.ts';
import { sampleReplica, type MonitorSample } from './lag-monitor.ts';

export type { MonitorSample } from './lag-monitor.ts';
export { sampleReplica } from './lag-monitor.ts';

/** Which of its measures the monitor hands to lag-aware routing. */
export type LagMeasure = 'heartbeat' | 'seconds-behind';

/**
 * The lag monitor (ProxySQL's monitor thread, MaxScale's mariadbmon, pt-heartbeat): every
 * `monitor.interval` of simulated time it samples each replica and publishes what it saw to
 * the router (`world.monitoredLagUs`, `world.monitoredAppliedVersion`). Routing sees lag only
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

  constructor(
    private readonly w: World,
    readonly intervalUs: number,
    readonly measure: LagMeasure,
  ) {
    for (let i = 0; i < w.nodes.length; i++) this.samples.push([]);
  }

  start(): void {
    if (this.intervalUs <= 0) return;
    this.w.at(0, () => this.round());
  }

  private round(): void {
    const w = this.w;
    this.times.push(w.now);
    const primary = w.routerPrimary;
    for (const node of w.nodes) {
      if (node.config.role !== 'replica' && node.role !== 'replica') continue;
      if (node.role !== 'replica') {
        // Promoted: no longer a replica, nothing to be behind.
        w.monitoredLagUs[node.index] = 0;
        continue;
      }
      const s = sampleReplica(node, primary, w.now);
      this.samples[node.index].push(s);
      const lag = this.measure === 'seconds-behind' ? s.secondsBehindUs : s.trueLagUs;
      w.monitoredLagUs[node.index] = node.up ? lag : Infinity;
      w.monitoredAppliedVersion[node.index] = node.up ? s.appliedVersion : 0;
      w.observer.monitorSampled?.(s, w.now);
    }
    if (w.now + this.intervalUs <= w.config.durationUs) w.after(this.intervalUs, () => this.round());
  }

  /** Newest version the monitor has seen applied on a node (0 if never). */
  appliedVersion(index: number): Version {
    return this.w.monitoredAppliedVersion[index];
  }
}
