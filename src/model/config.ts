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
  /** Client write timeout and retries. */
  clients: ClientsConfig;
  /** Size of the key space shared by all groups: keys are 0 .. keyCount-1. */
  keyCount: number;
  /** Spacing of the lag time series in the report. */
  seriesIntervalUs: Micros;
}

/**
 * The run's settings: the world config without its faults. The trace's meta record carries
 * this (a fault is recorded when it fires, so a scenario edited by adding a fault at t keeps
 * every record before t, the meta record included).
 */
export type WorldSettings = Omit<WorldConfig, 'faults'>;

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

/** Replication modes a scenario may name. */
export const REPLICATION_MODES = ['async', 'semi-sync', 'sync'] as const;
export type ReplicationMode = (typeof REPLICATION_MODES)[number];
export type AckOn = 'receive' | 'flush' | 'apply';
/** Which entries a parallel applier may apply at once (MySQL's dependency tracking). */
export const PARALLELISM = ['writeset', 'commit-order', 'database'] as const;
export type Parallelism = (typeof PARALLELISM)[number];

export interface ReplicationConfig {
  mode: ReplicationMode;
  /** Primary's local commit (log write + fsync), one write at a time. */
  commitTime: DistSpec;
  /** Replica writing received entries to its relay log; an entry is applied only once flushed. */
  flushTime: DistSpec;
  /** Parallel appliers (applyWorkers > 1): which entries may apply at once. */
  parallelism: Parallelism;
  waitFor: number;
  ackOn: AckOn;
  waitPoint: 'after-sync' | 'after-commit';
  timeoutUs: Micros;
  quorum: 'first' | 'any';
  /**
   * Sync candidates in priority order; for semi-sync the replicas with semi-sync enabled, the
   * only ones whose acks count (resolved: every replica in file order unless the file named some).
   */
  standbys: string[];
  /**
   * semi-sync: keep waiting (until `timeout`) when fewer semi-sync replicas are connected than
   * `waitFor` (rpl_semi_sync_source_wait_no_replica = ON), or fall back to async at once (OFF).
   */
  waitNoReplica: boolean;
  /** How long a replica waits before retrying a broken replication stream. */
  reconnectUs: Micros;
  /** The primary's end of a stream closes after hearing nothing this long (0 = never). */
  senderTimeoutUs: Micros;
  /** The replica's end of a stream closes after hearing nothing this long (0 = never). */
  receiverTimeoutUs: Micros;
  /** sync: a standby's periodic status reply (wal_receiver_status_interval; 0 = off). */
  statusIntervalUs: Micros;
  /** When the primary's own log is durable: before the ack (`commit`) or every flushIntervalUs (`delayed`). */
  localFlush: 'commit' | 'delayed';
  flushIntervalUs: Micros;
}

export interface LinkConfig {
  from: string;
  to: string;
  /** Absent: the network's latency. */
  latency?: DistSpec;
  /** Bits per second, null = unlimited; absent: the network's bandwidth. */
  bandwidthBitsPerSec?: number | null;
}

export interface NetworkConfig {
  /** Node-to-node one-way latency unless a link overrides it. */
  latency: DistSpec;
  /** Client-to-node and node-to-client one-way latency. */
  clientLatency: DistSpec;
  /** Node-to-node bandwidth in bits per second, each direction; null = unlimited (no send queue). */
  bandwidthBitsPerSec: number | null;
  /** TCP's minimum retransmission timeout (Linux TCP_RTO_MIN): see tcp.ts. */
  rtoMinUs: Micros;
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
    /** Bytes each write adds to the replication stream (log entries' size on links with a bandwidth). */
    sizeBytes: number;
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

/**
 * Read routing, one shape per policy: each policy gets exactly the settings it reads, resolved
 * (times in µs). Defaults are the scenario schema's (src/scenario/schema/routing.ts).
 */
export type RoutingConfig =
  | { reads: 'primary' | 'random' | 'round-robin' | 'least-lag' | 'sticky' }
  | {
      reads: 'bounded-staleness';
      /** Replicas the monitor saw more behind than this get no reads. */
      maxLagUs: Micros;
    }
  | {
      reads: 'read-your-writes' | 'monotonic';
      /** wait: the replica holds the read until it has the token; fallback-primary: route where the monitor saw it, else the primary. */
      mode: TokenWaitMode;
      /** wait: how long a replica may hold the read before it is retried on the primary. */
      timeoutUs: Micros;
    }
  | {
      reads: 'primary-after-write';
      /** How long after a session's acknowledged write its reads go to the primary. */
      periodUs: Micros;
    };

export type TokenWaitMode = 'wait' | 'fallback-primary';

export type Fencing = 'none' | 'lease' | 'min-replicas';

/**
 * The failover manager's settings (after Orchestrator, Patroni, MHA), resolved, times in µs.
 * Defaults are the scenario schema's (src/scenario/schema/failover.ts).
 */
export interface FailoverConfig {
  /** What happens to a returning old primary: rewound (postgres) or left out with errant transactions (mysql). */
  flavor: 'postgres' | 'mysql';
  /** Promote automatically when the primary is declared failed. */
  automatic: boolean;
  /** Interval between heartbeats to the primary. */
  heartbeatUs: Micros;
  /** Missed heartbeats before the primary is declared failed. */
  missedBeats: number;
  /** Ask the replicas whether they also lost the primary before failing over. */
  confirmByReplicas: boolean;
  /** Refuse to promote a candidate more than this far behind the primary; null = no limit. */
  maxLagOnFailoverUs: Micros | null;
  /** Minimum time between two automatic failovers. */
  cooldownUs: Micros;
  fencing: Fencing;
  /** fencing: lease — lease length. */
  leaseTtlUs: Micros;
  /** fencing: min-replicas — replicas that must have been heard from recently. */
  minReplicas: number;
  /** fencing: min-replicas — how recently. */
  minReplicasMaxLagUs: Micros;
  /** Choose by node priority before log position. */
  priorityOrder: boolean;
  /** Time a chosen replica takes to become primary once caught up. */
  promoteTimeUs: Micros;
  /** How long the manager collects the replicas' positions before choosing a candidate. */
  surveyTimeoutUs: Micros;
}

/** When a fault happens; `untilUs` (absent = to the end of the run) only for faults that last. */
interface FaultTime {
  atUs: Micros;
}
interface LastingFaultTime extends FaultTime {
  untilUs?: Micros;
}

/** A fault or operator action at a moment of simulated time, one shape per kind. */
export type FaultConfig =
  | (NodeFault<'crash'> & {
      /** A site failure: the node's in-flight messages are lost with it (else only its unsent send queue). */
      loseInFlight: boolean;
    })
  | NodeFault<'recover'>
  | NodeFault<'promote'>
  | NodeFault<'switchover'>
  | (FaultTime & { kind: 'heal' })
  | (LastingFaultTime & {
      kind: 'partition';
      /** Endpoints (nodes, client groups, `manager`) on each side. */
      sides: string[][];
      /** Only messages from the first side to the second are cut. */
      oneWay: boolean;
    })
  | (LastingFaultTime & {
      kind: 'degrade';
      from: string;
      to: string;
      /** Only from → to is degraded (the file said from/to); else both directions (between). */
      oneWay: boolean;
      /** Multiplies the link's latency (1 = the file left latency alone). */
      latencyFactor: number;
      /** Chance each message is lost (0 = the file set no loss). */
      loss: number;
      /** Delay added to every message, or null. */
      extraDelay: DistSpec | null;
    })
  | { kind: 'stall-apply'; atUs: Micros; untilUs: Micros; node: string }
  | (LastingFaultTime & { kind: 'slow-primary'; factor: number });

/** A fault that names one node: crash or restart it, promote it or switch over to it. */
type NodeFault<K extends string> = FaultTime & { kind: K; node: string };

export type FaultKind = FaultConfig['kind'];
export type FaultOf<K extends FaultKind> = Extract<FaultConfig, { kind: K }>;

export interface ClientsConfig {
  /** A write attempt with no reply after this long is given up (0 = wait forever). */
  writeTimeoutUs: Micros;
  /** Further attempts after a failed, rejected or timed-out write, each to the router's current primary. */
  writeRetries: number;
  /** Pause before each retry. */
  retryDelayUs: Micros;
}

export interface MonitorConfig {
  /** How often the lag monitor samples each replica. */
  intervalUs: Micros;
  /**
   * What lag-aware routing is told: `heartbeat` = true lag (a heartbeat table), or
   * `seconds-behind` = MySQL's Seconds_Behind_Source (whole seconds; 0 while the relay log is
   * starved; NULL while the receiver is disconnected and the relay log drained).
   */
  measure: 'heartbeat' | 'seconds-behind' | 'replay-lag';
  /** Replicas send PostgreSQL standby status replies (after each flush), so the primary's pg_stat_replication has lags. */
  standbyStatus: boolean;
  /** seconds-behind: the lag a NULL Seconds_Behind_Source counts as (ProxySQL mysql-monitor_slave_lag_when_null). */
  lagWhenNullUs: Micros;
}
