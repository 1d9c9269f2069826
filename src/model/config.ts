import type { DistSpec } from '../sim/distributions/index.ts';
import type { Micros } from '../sim/time.ts';

/**
 * The fully resolved description of a world: every default filled in, every duration in
 * microseconds, every node id checked. The scenario layer builds it from a file; the model
 * only ever sees this shape.
 */
export interface WorldConfig {
  name: string;
  seed: string | number;
  durationUs: Micros;
  nodes: NodeConfig[];
  replication: ReplicationConfig;
  network: NetworkConfig;
  workload: WorkloadGroupConfig[];
  routing: RoutingConfig;
  failover: FailoverConfig;
  faults: FaultConfig[];
  monitor: MonitorConfig;
  /** Client write timeout and retries; absent = defaults (1 s, 2 retries, 100 ms apart). */
  clients?: ClientsConfig;
  /** Size of the key space shared by all groups: keys are 0 .. keyCount-1. */
  keyCount: number;
  /** Spacing of the lag time series in the report. */
  seriesIntervalUs: Micros;
}

export type Role = 'primary' | 'replica';

export interface NodeConfig {
  id: string;
  role: Role;
  /** Per-entry apply time of this node when it is a replica. */
  applyTime: DistSpec;
  /** Parallel apply workers that keep commit order (1 = single-threaded applier). */
  applyWorkers: number;
  /** Failover preference: higher wins among equally up-to-date candidates. */
  priority: number;
}

export type ReplicationMode = 'async' | 'semi-sync' | 'sync';
export type AckOn = 'receive' | 'flush' | 'apply';

export interface ReplicationConfig {
  mode: ReplicationMode;
  /** Primary's local commit (log write + fsync), one write at a time. */
  commitTime: DistSpec;
  /** Replica writing a received entry to its relay log (matters for ackOn: flush). */
  flushTime: DistSpec;
  waitFor: number;
  ackOn: AckOn;
  waitPoint: 'after-sync' | 'after-commit';
  timeoutUs: Micros;
  quorum: 'first' | 'any';
  /** Sync candidates in priority order; empty means every replica. */
  standbys: string[];
  /** How long a replica waits before retrying a broken replication stream. */
  reconnectUs: Micros;
}

export interface LinkConfig {
  from: string;
  to: string;
  latency: DistSpec;
}

export interface NetworkConfig {
  /** Node-to-node one-way latency unless a link overrides it. */
  latency: DistSpec;
  /** Client-to-node and node-to-client one-way latency. */
  clientLatency: DistSpec;
  /** Directed overrides (a `between` pair in the file becomes two of these). */
  links: LinkConfig[];
}

export type KeyChoice =
  | { kind: 'uniform'; count: number }
  | { kind: 'zipf'; count: number; s: number };

/** A piecewise-constant rate: from `atUs` on, operations arrive at `perSec` per second. */
export interface RateStep {
  atUs: Micros;
  perSec: number;
}

export interface WorkloadGroupConfig {
  name: string;
  sessions: number;
  /** Poisson writes issued by the group as a whole (each by a random session). */
  writes?: {
    rate: RateStep[];
    keys: KeyChoice;
    viewOwn?: { probability: number; delay: DistSpec };
    /**
     * Extra apply time each of this group's writes costs on every replica, on top of the
     * replica's applyTime (a big transaction). Sampled once per write.
     */
    cost?: DistSpec;
  };
  /** Poisson reads issued by the group as a whole. */
  reads?: { rate: RateStep[]; keys: KeyChoice };
  /** Reads triggered by another group's acknowledged writes (followers viewing an upload). */
  follows?: { group: string; readsPerWrite: number; delay: DistSpec };
  /** Overrides the scenario's read routing for this group. */
  routing?: RoutingConfig;
}

export interface RoutingConfig {
  reads: string;
  /** Policy parameters (maxLag, timeout, period, …) in microseconds where they are times. */
  params: Record<string, number | string>;
}

export interface FailoverConfig {
  automatic: boolean;
  heartbeatUs: Micros;
  missedBeats: number;
  /** Extra settings (confirmation, maxLagOnFailover, cooldown, fencing, …). */
  params: Record<string, number | string | boolean>;
}

/** A fault at a moment of simulated time; shapes are added by the fault module. */
export interface FaultConfig {
  atUs: Micros;
  untilUs?: Micros;
  kind: string;
  /** Node ids the fault names (crash/recover target, partition sides, link ends). */
  nodes: string[];
  /** Partition sides, when kind is 'partition'. */
  sides?: string[][];
  params: Record<string, number | string | boolean>;
}

export interface ClientsConfig {
  /** A write attempt with no reply after this long is given up (0 = wait forever). */
  writeTimeoutUs: Micros;
  /** Further attempts after a failed, rejected or timed-out write, each to the router's current primary. */
  writeRetries: number;
  /** Pause before each retry. */
  retryDelayUs: Micros;
}

export const DEFAULT_CLIENTS: ClientsConfig = { writeTimeoutUs: 1_000_000, writeRetries: 2, retryDelayUs: 100_000 };

export interface MonitorConfig {
  /** How often the lag monitor samples each replica. */
  intervalUs: Micros;
  /**
   * What lag-aware routing is told: `heartbeat` = true lag (a heartbeat table), or
   * `seconds-behind` = MySQL's Seconds_Behind_Master (0 while the relay log is starved).
   */
  measure: 'heartbeat' | 'seconds-behind';
}
