import type { Micros } from '../sim/time.ts';
import type { WorldSettings } from './config.ts';

/**
 * The trace: one record per thing that happened, in the order the engine processed it.
 * Written as NDJSON (one record per line) by `repsim run --trace`, and consumed by the
 * visualizer. Every record has `t` (simulated µs) and `type`. The schema is versioned:
 * a change that removes or renames a field bumps TRACE_SCHEMA_VERSION.
 */
export const TRACE_SCHEMA_VERSION = 2;

/** A message's type: the `type` of its payload (src/model/message.ts describes each). */
export type MessageKind =
  | 'write' // client → node: a write request
  | 'write-ack' // node → client: the write's outcome
  | 'read' // client → node: a read request
  | 'read-reply' // node → client: the value read (or: held too long for its token)
  | 'log' // primary → replica: one log entry
  | 'repl-ack' // replica → primary: acknowledgement of a received/flushed/applied position
  | 'standby-status' // replica → primary: positions written, flushed, replayed (PostgreSQL's status reply)
  | 'subscribe' // replica → primary: stream to me from after my last entry
  | 'keepalive' // either end of a replication connection → the other: still here (reply requested?)
  | 'reset' // an end that is closed → the other end: that connection is gone (the kernel's RST)
  | 'diverged' // primary → subscriber: your log forks from mine; here is my history, roll back
  | 'not-primary' // demoted node → subscriber: I am not a primary
  | 'replconf' // replica → primary: I am here (min-replicas fencing)
  | 'ping' // failover manager → primary: heartbeat (and lease grant)
  | 'pong' // primary → failover manager: heartbeat answer
  | 'status-request' // failover manager → replica: where does your log end?
  | 'status' // replica → failover manager: the answer
  | 'probe' // replica → its upstream: are you there? (confirmByReplicas)
  | 'probe-ok' // upstream → replica: the answer
  | 'promote' // failover manager → candidate: become primary
  | 'promote-ack' // candidate → failover manager: promote order received
  | 'promoted' // candidate → failover manager: I am the primary now
  | 'stop-writes' // failover manager → primary: switchover, stop taking writes
  | 'writes-stopped' // primary → failover manager: drained, my log ends here
  | 'resume-writes' // failover manager → primary: switchover aborted
  | 'repoint' // failover manager → node: follow this primary
  | 'hello' // node → failover manager: whom should I follow?
  | 'primary-is'; // failover manager → client router: writes go to this primary now

export type TraceRecord =
  | {
      t: Micros;
      type: 'meta';
      version: number;
      scenario: string;
      seed: string | number;
      durationUs: Micros;
      nodes: { id: string; role: string }[];
      groups: string[];
      replication: string;
      /**
       * The run's settings (faults aside: they are records when they fire), every default
       * resolved, times in µs, JSON-safe (no Infinity; an absent limit is null). Views read
       * settings here and hold no defaults of their own.
       */
      config: WorldSettings;
    }
  | { t: Micros; type: 'write.issue'; op: number; group: string; session: number; key: number; to: string }
  /** `group`: the commit group (one flush of the primary's log) it was made durable by, named by its first LSN. */
  | { t: Micros; type: 'write.commit'; node: string; op: number; lsn: number; term: number; key: number; group: number }
  /** A write waits on primary `node` for its row's lock, held by the earlier write `holder` (not yet committed, or not yet acknowledged by the replicas the mode waits for). */
  | { t: Micros; type: 'lock.wait'; node: string; op: number; key: number; holder: number }
  /** A waiting write got its row's lock after `waitedUs` and goes on to commit. */
  | { t: Micros; type: 'lock.grant'; node: string; op: number; key: number; waitedUs: Micros }
  /** `node` stopped acting as primary: its row locks were dropped and `waiting` waiting writes forgotten (their clients time out). */
  | { t: Micros; type: 'lock.drop'; node: string; waiting: number }
  | { t: Micros; type: 'write.ack'; op: number; group: string; session: number; key: number; lsn: number; latencyUs: Micros }
  | { t: Micros; type: 'write.fail'; op: number; group: string; reason: string }
  | {
      t: Micros;
      type: 'msg';
      id: number;
      kind: MessageKind;
      from: string;
      to: string;
      /** When it arrives if nothing drops it first. */
      deliverAt: Micros;
      op?: number;
      /** A log position (the entry's, the one acknowledged, the last one held). */
      lsn?: number;
      key?: number;
      /** The manager's failover attempt (status-request, status, probe, probe-ok, promote, promote-ack). */
      attempt?: number;
      /** The heartbeat's sequence number (ping, pong). */
      seq?: number;
      /** The term the message carries. */
      term?: number;
      /** On a link with a bandwidth: its size on the wire, and when its last byte left the sender's send queue. */
      bytes?: number;
      onWireAt?: Micros;
    }
  | { t: Micros; type: 'msg.drop'; id: number; reason: string }
  | { t: Micros; type: 'entry.receive'; node: string; lsn: number }
  | { t: Micros; type: 'entry.apply'; node: string; lsn: number; key: number; delayUs: Micros }
  /**
   * A parallel applier (applyWorkers > 1) handed entry `lsn` to a worker at `t`; the worker
   * starts it at `startUs` (once the entry is flushed here). It had to wait until every entry
   * up to `dependsOn` was applied (0 = no dependency): the previous write to its key, or the
   * end of the previous commit group, or the previous entry of its database.
   */
  | { t: Micros; type: 'entry.dispatch'; node: string; lsn: number; key: number; startUs: Micros; dependsOn: number }
  | {
      t: Micros;
      type: 'read.issue';
      op: number;
      group: string;
      session: number;
      key: number;
      to: string;
      required: number;
      /** Why the router sent it there (the policy's own words: display text, never parsed). */
      reason?: string;
      /** The group's read routing policy (e.g. `bounded-staleness`). */
      policy?: string;
      /** Lag-bounded policies: the bound, and the monitored lag of the node chosen (0 when the primary took it). */
      maxLagUs?: Micros;
      lagUs?: Micros;
      /** The session token (LSN) the serving node must have applied first; 0 = none. */
      token?: number;
      /** The session's read-your-writes token (LSN of its last acknowledged write) and monotonic token (newest LSN it read). */
      writeToken?: number;
      readToken?: number;
    }
  /** A replica holds the read until it has applied `token` (MASTER_GTID_WAIT). */
  | { t: Micros; type: 'read.wait'; op: number; node: string; token: number; timeoutUs: Micros | null }
  /** A held read timed out at `from` and is retried on the primary `to`. */
  | { t: Micros; type: 'read.fallback'; op: number; from: string; to: string; waitedUs: Micros }
  /**
   * One lag-monitor sample of one replica: true lag (heartbeat), LSN lag, and MySQL's
   * Seconds_Behind_Master unrounded (`secondsBehindUs`, 0 whenever the applier has drained
   * what was received) and as SHOW REPLICA STATUS shows it (`secondsBehindSource`: whole
   * seconds, null = NULL while the receiver is disconnected and the relay log drained);
   * `ioRunning`: the receiver is connected; `routedLagUs`: what the monitor told lag-aware
   * routing (null = the replica is down and gets nothing).
   */
  | {
      t: Micros;
      type: 'monitor';
      node: string;
      trueLagUs: Micros;
      lsnLag: number;
      secondsBehindUs: Micros;
      appliedLsn: number;
      secondsBehindSource?: number | null;
      ioRunning?: boolean;
      routedLagUs?: Micros | null;
      /** The replica's row in the primary's pg_stat_replication (monitor.standbyStatus on and connected); null = NULL. */
      writeLagUs?: Micros | null;
      flushLagUs?: Micros | null;
      replayLagUs?: Micros | null;
    }
  | { t: Micros; type: 'read.serve'; op: number; node: string; key: number; version: number }
  | {
      t: Micros;
      type: 'read.done';
      op: number;
      group: string;
      session: number;
      node: string;
      key: number;
      version: number;
      /** Newest version acknowledged to any client before the read was issued. */
      required: number;
      stale: boolean;
      versionsBehind: number;
      timeBehindUs: Micros;
      rywViolation: boolean;
      monotonicViolation: boolean;
      latencyUs: Micros;
      /** Time held at a replica for the session token (absent = not held). */
      waitedUs?: Micros;
      /** The wait timed out and the primary served it. */
      fellBack?: boolean;
    }
  | { t: Micros; type: 'read.fail'; op: number; group: string; reason: string }
  | { t: Micros; type: 'node.state'; node: string; state: string; term: number; role: string }
  | { t: Micros; type: 'fault'; kind: string; nodes: string[]; detail: string }
  /** A failover manager step; `detail` is display text (views never parse it). */
  | { t: Micros; type: 'failover'; step: FailoverStep; from?: string; to?: string; term?: number; detail: string }
  /**
   * A committed write outside the surviving primary's history, found by the lost-write
   * checker (src/metrics) from what it observed, never declared by the model; `node` is the
   * primary that committed it. With a `write.ack` for the same op (before or after) it is a
   * lost acknowledged write, which the report counts.
   */
  | { t: Micros; type: 'write.lost'; op: number; lsn: number; node: string; term: number; cause: LostWriteCause }
  /**
   * A completed read `op` returned the version (lsn, term) of a write the checker found lost: a
   * phantom read (src/metrics/phantom-reads.ts). Written when the second of the two is observed.
   */
  | { t: Micros; type: 'read.phantom'; op: number; lsn: number; term: number }
  /** Whom the cluster (failover manager and router) treats as primary; `start` at t = 0. */
  | { t: Micros; type: 'primary.change'; node: string | null; previous: string | null; term: number; cause: PrimaryChangeCause }
  /** One direction of a link went down or came up (ground truth of the network). */
  | { t: Micros; type: 'link'; from: string; to: string; up: boolean; cause: LinkCause }
  /** One direction of a link was degraded or restored (factor 1, loss 0, no extra delay). */
  | { t: Micros; type: 'link.quality'; from: string; to: string; latencyFactor: number; loss: number; extraDelay: boolean }
  /**
   * The sender's send queue on a link with a bandwidth: at `t` it holds `queuedBytes` not yet
   * on the wire, and (if nothing more is queued) it is empty at `drainsAtUs`, draining at the
   * link's bandwidth in between. Recorded when the queue grows past what the last record
   * showed by more than 10 ms of serialization or 10 % (so the picture is never short by more),
   * and with 0 when a crash or a cut empties it; an idle link records nothing.
   */
  | { t: Micros; type: 'link.backlog'; from: string; to: string; queuedBytes: number; drainsAtUs: Micros }
  /**
   * A primary's replication mode state: `waiting` = commits wait for replica acks (semi-sync
   * on); false = semi-sync fell back to async. `waitingCommits`: commits waiting at that moment
   * (released by a fallback).
   */
  | { t: Micros; type: 'mode.state'; node: string; mode: string; waiting: boolean; waitingCommits: number; cause: ModeStateCause }
  /** The synchronous standbys a sync primary currently waits on (FIRST k: the connected ones by priority). */
  | { t: Micros; type: 'sync.standbys'; node: string; standbys: string[] }
  /**
   * `node` discarded its entries past `toLsn` (its log ended at `fromLsn`) because `primary`'s
   * history lacks them; `source`: restored from its own log, or copied from the primary.
   */
  | { t: Micros; type: 'rollback'; node: string; primary: string; term: number; fromLsn: number; toLsn: number; entries: number; source: RollbackSource }
  /**
   * One end of the replication connection from `primary` to `replica` closed without an
   * orderly goodbye: `end` sender = the primary's (walsender), receiver = the replica's
   * (walreceiver); `cause`: its timeout ran out, a reset came, or the peer's process died
   * on a live host and its kernel reset the connection.
   */
  | { t: Micros; type: 'conn.close'; primary: string; replica: string; end: ConnEnd; cause: ConnCloseCause }
  /**
   * failover.flavor mysql: `node`, a primary a failover replaced, reported in and is left out
   * (not reattached). It holds `count` entries (LSNs `fromLsn`…`toLsn`) that the history of
   * `primary` lacks: MySQL's errant GTIDs. They stay on it until an operator acts.
   */
  | { t: Micros; type: 'errant'; node: string; primary: string; count: number; fromLsn: number; toLsn: number }
  /** A primary stops (fenced) or resumes accepting writes, and why. */
  | { t: Micros; type: 'fence'; node: string; fenced: boolean; cause: FenceCause }
  | { t: Micros; type: 'narration'; text: string };

/** The failover manager's steps, in the order an episode usually goes through them. */
export type FailoverStep =
  | 'detected' // the primary missed enough heartbeats
  | 'cleared' // it answered again (or a replica still reaches it): no failover
  | 'waiting' // automatic failover is off: an operator must act
  | 'blocked' // cooldown since the last failover
  | 'no-candidate' // no replica answered the survey
  | 'refused' // the best candidate is too far behind (maxLagOnFailover), or a promote/switchover is impossible
  | 'candidate' // a replica was chosen and told to promote
  | 'aborted' // the promotion did not happen (order lost, candidate down, switchover timed out)
  | 'catch-up' // the candidate applies its relay log before taking writes
  | 'promoted' // the candidate is the primary of a new term
  | 'repointed'; // the other nodes and the router follow the new primary

export type PrimaryChangeCause = 'start' | 'failover' | 'switchover' | 'promote';
export type LinkCause = 'partition' | 'heal';
/** An end of a replication connection: the primary's (sender) or the replica's (receiver). */
export type ConnEnd = 'sender' | 'receiver';
export type ConnCloseCause = 'timeout' | 'reset' | 'peer-died';
/** no-replica: fewer semi-sync replicas connected than waitFor, with waitNoReplica off. */
export type ModeStateCause = 'timeout' | 'caught-up' | 'reset' | 'no-replica';
export type RollbackSource = 'own-log' | 'copied';
/**
 * Why a primary was fenced (lease: it could not renew its lease; min-replicas: it heard from
 * too few replicas; switchover: it stops writes for a planned switchover), or why the fence
 * was lifted (lease-renewed, replicas-back, switchover-aborted, promoted, demoted to replica).
 */
export type FenceCause = 'lease' | 'min-replicas' | 'switchover' | 'lease-renewed' | 'replicas-back' | 'switchover-aborted' | 'promoted' | 'demoted';
/**
 * How the checker found a write lost: the surviving primary's history lacks it (promoted
 * without it, or it was committed on a deposed primary's branch: `abandoned-branch`), or the
 * surviving primary's own log was cut past it (`rolled-back`).
 */
export type LostWriteCause = 'rolled-back' | 'abandoned-branch';

export type TraceType = TraceRecord['type'];

/** Receives trace records as they happen; absent when tracing is off. */
export type TraceSink = (record: TraceRecord) => void;
