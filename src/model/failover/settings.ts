import type { FailoverConfig } from '../config.ts';

export type Fencing = 'none' | 'lease' | 'min-replicas';

/**
 * The failover manager's settings with their defaults (after Orchestrator, Patroni, MHA).
 * Times in µs.
 */
export interface FailoverSettings {
  /** Promote automatically when the primary is declared failed (default true). */
  automatic: boolean;
  /** Interval between heartbeats to the primary (default 1 s; Orchestrator polls each second). */
  heartbeatUs: number;
  /** Missed heartbeats before the primary is declared failed (default 3). */
  missedBeats: number;
  /** Ask the replicas whether they also lost the primary before failing over (default false). */
  confirmByReplicas: boolean;
  /** Refuse to promote a candidate more than this far behind the primary (default: no limit). */
  maxLagOnFailoverUs: number;
  /** Minimum time between two automatic failovers (default 60 s; Orchestrator's RecoveryPeriodBlockSeconds is 3600). */
  cooldownUs: number;
  fencing: Fencing;
  /** fencing: lease — lease length (default heartbeat × missedBeats). */
  leaseTtlUs: number;
  /** fencing: min-replicas — replicas that must have been heard from recently (default 1). */
  minReplicas: number;
  /** fencing: min-replicas — how recently (default 10 s, Redis min-replicas-max-lag). */
  minReplicasMaxLagUs: number;
  /** Choose by node priority before log position (default false: position first). */
  priorityOrder: boolean;
  /** Time a chosen replica takes to become primary once caught up (default 0). */
  promoteTimeUs: number;
}

export function failoverSettings(c: FailoverConfig): FailoverSettings {
  const p = c.params;
  const num = (k: string, d: number) => (typeof p[k] === 'number' ? (p[k] as number) : d);
  const fencing = p.fencing === 'lease' || p.fencing === 'min-replicas' ? p.fencing : 'none';
  return {
    automatic: c.automatic,
    heartbeatUs: c.heartbeatUs,
    missedBeats: c.missedBeats,
    confirmByReplicas: p.confirmByReplicas === true,
    maxLagOnFailoverUs: num('maxLagOnFailover', Infinity),
    cooldownUs: num('cooldown', 60_000_000),
    fencing,
    leaseTtlUs: num('leaseTtl', c.heartbeatUs * c.missedBeats),
    minReplicas: num('minReplicas', 1),
    minReplicasMaxLagUs: num('minReplicasMaxLag', 10_000_000),
    priorityOrder: p.priorityOrder === true,
    promoteTimeUs: num('promoteTime', 0),
  };
}
