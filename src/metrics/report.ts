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
  };
  reads: {
    total: number;
    failed: number;
    stale: number;
    staleFraction: number;
    rywViolations: number;
    monotonicViolations: number;
    byNode: Record<string, number>;
    latencyMs: Summary;
    /** Over stale reads only. */
    versionsBehind: Summary;
    timeBehindMs: Summary;
  };
  replication: {
    mode: string;
    applyDelayMs: Record<string, Summary>;
    lagMs: Record<string, { mean: number; max: number }>;
    /** Lag per replica sampled every `intervalMs`. */
    lagSeries: { intervalMs: number; byReplica: Record<string, number[]> };
  };
  failovers: FailoverReport[];
  expectations: ExpectationResult[];
}
