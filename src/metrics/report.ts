/**
 * The report: the public JSON contract of `repsim run --format json`. Durations are in
 * milliseconds. Field names are fixed by DESIGN.md; new fields may be added.
 */
export interface Summary {
  mean: number;
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface FailoverReport {
  atMs: number;
  detectedAtMs: number;
  completedAtMs: number;
  from: string;
  to: string;
  lostWrites: number;
}

export interface ExpectationResult {
  expr: string;
  actual: number | string | boolean | null;
  pass: boolean;
}

/** Reads of one workload group, under that group's routing policy. */
export interface GroupReadReport {
  /** The group's read routing policy. */
  policy: string;
  total: number;
  stale: number;
  staleFraction: number;
  rywViolations: number;
  monotonicViolations: number;
  /** Share of the group's completed reads that the primary served. */
  primaryShare: number;
  /** Reads a replica held until it had applied the session's token. */
  waited: number;
  /** Held reads whose wait timed out and that the primary then served. */
  fellBack: number;
  /** Issue to reply, including any wait and fallback. */
  latencyMs: Summary;
}

/** One replica's monitor samples, one per `intervalMs` (index i is at i · intervalMs). */
export interface MonitorSeries {
  /** True staleness (DESIGN.md lag) as a heartbeat table measures it. */
  trueLagMs: number[];
  /** Entries committed on the primary and not yet applied here. */
  lsnLag: number[];
  /** MySQL's Seconds_Behind_Master (ms, not rounded to seconds): 0 when the relay log is drained. */
  secondsBehindMs: number[];
  /** Seconds_Behind_Source as SHOW REPLICA STATUS shows it: whole seconds, null = NULL (receiver disconnected, relay log drained). */
  secondsBehindSource: (number | null)[];
  /** Samples in which Seconds_Behind_Source was NULL. */
  secondsBehindSourceNull: number;
  /** pg_stat_replication.replay_lag on the primary (ms; null = NULL or no row; all null unless monitor.standbyStatus). */
  replayLagMs: (number | null)[];
  maxTrueLagMs: number;
  maxLsnLag: number;
  maxSecondsBehindMs: number;
}

export interface Report {
  scenario: string;
  seed: string | number;
  simulatedTimeMs: number;
  events: number;
  writes: {
    issued: number;
    acknowledged: number;
    failed: number;
    lostAcknowledged: number;
    latencyMs: Summary;
    /** Time with no primary accepting writes (down, fenced, or none promoted yet). */
    unavailableMs: number;
    /** Acknowledgements sent by a primary whose term a failover had already superseded. */
    ackedByDeposedPrimary: number;
    /**
     * Writes that waited on the primary for their row's lock (held by an earlier write to the
     * same key until it committed, or until it was acknowledged where the mode waits for
     * replicas) and then got it; `fraction` of all committed writes; `waitMs` over them.
     */
    lockWaits: { count: number; fraction: number; waitMs: Summary };
  };
  reads: {
    total: number;
    failed: number;
    stale: number;
    staleFraction: number;
    rywViolations: number;
    monotonicViolations: number;
    /** Reads that returned a version whose write was lost (not in the surviving primary's history). */
    phantom: number;
    byNode: Record<string, number>;
    latencyMs: Summary;
    /** Over stale reads only. */
    versionsBehind: Summary;
    timeBehindMs: Summary;
    /** Share of completed reads that the primary served (0 … 1). */
    primaryShare: number;
    /** Reads a replica held until it had applied the session's token. */
    waited: number;
    /** Held reads whose wait timed out and that went to the primary. */
    fellBack: number;
    /** How long held reads were held (over held reads only). */
    waitMs: Summary;
    /** Per workload group that reads, with its routing policy. */
    byGroup: Record<string, GroupReadReport>;
  };
  replication: {
    mode: string;
    applyDelayMs: Record<string, Summary>;
    lagMs: Record<string, { mean: number; max: number }>;
    /** Lag per replica sampled every `intervalMs`. */
    lagSeries: { intervalMs: number; byReplica: Record<string, number[]> };
    /** What the lag monitor saw (what lag-aware routing acts on), per replica. */
    monitor: { intervalMs: number; measure: string; byReplica: Record<string, MonitorSeries> };
  };
  failovers: FailoverReport[];
  /**
   * failover.flavor mysql: transactions a replaced primary holds that the surviving history
   * lacks (errant GTIDs), as the manager counted them when it reported in and was left out.
   */
  errantTransactions: { total: number; byNode: Record<string, number> };
  expectations: ExpectationResult[];
}
