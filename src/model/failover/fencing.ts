import type { WriteRefusal } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';
import type { FailoverConfig } from '../config.ts';

/**
 * `fencing: min-replicas`, as Redis min-replicas-to-write / min-replicas-max-lag: every
 * replica tells its primary it is there once per heartbeat interval (REPLCONF ACK); a primary
 * that has heard from fewer than `minReplicas` within `minReplicasMaxLag` refuses writes
 * (and shows as fenced). A primary cut off from its replicas thus stops acknowledging after
 * at most that window. (Lease fencing lives with the heartbeats in the manager.)
 */
export class MinReplicasGate {
  /** lastHeard[primaryIndex][replicaIndex]: when the primary last heard from the replica. */
  private lastHeard: number[][] = [];

  constructor(
    private readonly w: World,
    private readonly s: FailoverConfig,
  ) {}

  start(): void {
    const w = this.w;
    this.lastHeard = w.nodes.map(() => w.nodes.map(() => 0));
    for (const n of w.nodes) w.at(0, () => this.beat(n));
  }

  private beat(n: DbNode): void {
    const w = this.w;
    if (n.up && n.role === 'replica' && n.upstream) w.send(n, n.upstream, { type: 'replconf', lsn: n.log.lastLsn });
    w.after(this.s.heartbeatUs, () => this.beat(n));
  }

  /** A primary hears from a replica. */
  heard(p: DbNode, r: DbNode): void {
    this.lastHeard[p.index][r.index] = this.w.now;
  }

  /** Whether `p` hears from enough replicas; fences or unfences it when that changes. */
  check(p: DbNode): WriteRefusal | null {
    const w = this.w;
    let n = 0;
    for (const r of w.nodes) if (r !== p && w.now - this.lastHeard[p.index][r.index] <= this.s.minReplicasMaxLagUs) n++;
    const ok = n >= this.s.minReplicas;
    if (ok === !p.fenced) return ok ? null : 'fenced';
    p.fenced = !ok;
    w.observer.nodeChanged(p, w.now);
    w.observer.fenceChanged(p, !ok, ok ? 'replicas-back' : 'min-replicas', w.now);
    return ok ? null : 'too-few-replicas';
  }
}
