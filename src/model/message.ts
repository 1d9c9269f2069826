import type { LogEntry } from './log-entry.ts';
import type { ReadOp, WriteOp } from './ops.ts';
import type { ConnEnd, MessageKind } from './trace.ts';

/**
 * The protocol: one payload type per message, each with only its own fields, told apart by
 * `type`. A node acts only on its own state and on payloads it received; the envelope (who
 * sent it, when, on which link) belongs to the network and never reaches a handler.
 *
 * Field names have one meaning throughout: `lsn` is a log position, `term` the sender's
 * term (or, where named `lastTerm`, the term of the entry at `lastLsn`), `attempt` a failover
 * attempt of the manager, `seq` a heartbeat sequence number.
 */

// ——— clients ↔ nodes ———

/** Client → node: a write request (one attempt of a write). */
export interface WriteMsg {
  readonly type: 'write';
  readonly op: WriteOp;
}

/** Why a node refused a write. */
export type WriteRefusal = 'not-primary' | 'fenced' | 'too-few-replicas' | 'no-longer-primary';

/** Node → client: the outcome of a write attempt. */
export interface WriteAckMsg {
  readonly type: 'write-ack';
  readonly op: WriteOp;
  readonly outcome: 'ok' | WriteRefusal;
}

/** Client → node: a read request. */
export interface ReadMsg {
  readonly type: 'read';
  readonly op: ReadOp;
}

/**
 * Node → client: the value read (the op carries it), or `wait-timeout`: the node held the
 * read for its session token and gave up (the client retries on the primary).
 */
export interface ReadReplyMsg {
  readonly type: 'read-reply';
  readonly op: ReadOp;
  readonly outcome: 'served' | 'wait-timeout';
}

// ——— replication stream ———

/** Primary → replica: one log entry. */
export interface LogMsg {
  readonly type: 'log';
  readonly entry: LogEntry;
}

/** Replica → primary: everything up to `lsn` is received (or flushed, or applied). */
export interface ReplAckMsg {
  readonly type: 'repl-ack';
  readonly lsn: number;
  /** The term of the primary the replica acknowledges to. */
  readonly term: number;
}

/**
 * Replica → primary: a PostgreSQL standby status reply (the walreceiver's 'r' message):
 * positions written, flushed and replayed here. The primary's walsender derives
 * pg_stat_replication's lag columns from them (monitor/walsender-lag.ts).
 */
export interface StandbyStatusMsg {
  readonly type: 'standby-status';
  readonly writeLsn: number;
  readonly flushLsn: number;
  readonly applyLsn: number;
  /** The term of the primary the replica reports to. */
  readonly term: number;
}

/** Replica → primary: stream to me from after my last entry (`lastLsn`, of term `lastTerm`). */
export interface SubscribeMsg {
  readonly type: 'subscribe';
  readonly lastLsn: number;
  readonly lastTerm: number;
}

/**
 * Either end of a replication connection → the other: I am still here (PostgreSQL's
 * walsender keepalive and the standby's status update; MySQL's source heartbeat). `end` is
 * the sending end (`sender`: the primary's, `receiver`: the replica's), `conn` the
 * connection's id; `replyRequested`: answer me, I have heard nothing for half my timeout.
 */
export interface KeepaliveMsg {
  readonly type: 'keepalive';
  readonly end: ConnEnd;
  readonly conn: number;
  readonly replyRequested: boolean;
}

/** An end of connection `conn` that is closed → the other end (the kernel's RST); `end` is the closed one. */
export interface ResetMsg {
  readonly type: 'reset';
  readonly end: ConnEnd;
  readonly conn: number;
}

/** The start of a term in a primary's log: entries from `lsn` on are of `term`. */
export interface TermStart {
  readonly lsn: number;
  readonly term: number;
}

/** Every key's value (version, keySeq) on a node, as of sending. */
export interface KeyValues {
  readonly versions: Float64Array;
  readonly keySeqs: Int32Array;
}

/**
 * Primary → subscriber whose log holds entries the primary's lacks (a deposed primary, or a
 * replica that received what a lost branch shipped): the primary's history, from which the
 * subscriber finds where it forks and rolls itself back before subscribing again, as
 * pg_rewind reads the source's timeline history. The history covers the primary's log
 * `firstLsn`..`lastLsn` (older entries were applied everywhere: common to both); `values`
 * are the primary's key values, for keys whose write before the fork the subscriber has
 * already pruned from its log (as pg_rewind copies those blocks from the source).
 */
export interface DivergedMsg {
  readonly type: 'diverged';
  readonly term: number;
  readonly firstLsn: number;
  readonly lastLsn: number;
  /** Ascending by LSN; the first starts at or before `firstLsn`. */
  readonly termStarts: readonly TermStart[];
  readonly values: KeyValues;
}

/** A demoted node → a replica that subscribed to it: I am not a primary. */
export interface NotPrimaryMsg {
  readonly type: 'not-primary';
  readonly term: number;
}

/** Replica → primary, once per heartbeat interval (Redis REPLCONF ACK; min-replicas fencing). */
export interface ReplconfMsg {
  readonly type: 'replconf';
  readonly lsn: number;
}

// ——— failover manager ———

/**
 * Manager → primary: a heartbeat. With lease fencing it also grants a lease that runs from
 * `leaseFromUs`, the manager's clock at sending, so the lease never outlives the grant.
 */
export interface PingMsg {
  readonly type: 'ping';
  readonly seq: number;
  readonly term: number;
  readonly leaseFromUs: number;
}

/** Primary → manager: the answer to ping `seq`, with where its log ends. */
export interface PongMsg {
  readonly type: 'pong';
  readonly seq: number;
  readonly term: number;
  readonly lastLsn: number;
  readonly lastCommitUs: number;
}

/** Manager → replica: where does your log end? (failover `attempt`) */
export interface StatusRequestMsg {
  readonly type: 'status-request';
  readonly attempt: number;
  readonly term: number;
}

/** Replica → manager: the answer to a status request. */
export interface StatusMsg {
  readonly type: 'status';
  readonly attempt: number;
  readonly lastLsn: number;
  readonly lastTerm: number;
  readonly lastCommitUs: number;
  /** confirmByReplicas: the replica's probe reached its upstream. */
  readonly seesPrimary: boolean;
}

/** Replica → its upstream: are you there? (confirmByReplicas, for failover `attempt`) */
export interface ProbeMsg {
  readonly type: 'probe';
  readonly attempt: number;
}

/** Upstream (a primary) → replica: the answer to a probe. */
export interface ProbeOkMsg {
  readonly type: 'probe-ok';
  readonly attempt: number;
}

/**
 * Manager → candidate: become primary with `term` (failover `attempt`), once caught up and,
 * with lease fencing, not before `leaseEndUs`, when the old primary's last lease runs out.
 * A switchover sets `catchUpToLsn`, the old primary's last entry: the candidate keeps
 * replicating until it has received and applied it (a failover: 0, stop replicating now).
 */
export interface PromoteMsg {
  readonly type: 'promote';
  readonly attempt: number;
  readonly term: number;
  readonly leaseEndUs: number;
  readonly catchUpToLsn: number;
}

/** Manager → primary (switchover `attempt`): stop taking writes, and say where your log ends once drained. */
export interface StopWritesMsg {
  readonly type: 'stop-writes';
  readonly attempt: number;
  readonly term: number;
}

/** Primary → manager: I take no more writes; my log ends at `lsn`. */
export interface WritesStoppedMsg {
  readonly type: 'writes-stopped';
  readonly attempt: number;
  readonly lsn: number;
}

/** Manager → primary: the switchover `attempt` was aborted; take writes again. */
export interface ResumeWritesMsg {
  readonly type: 'resume-writes';
  readonly attempt: number;
}

/** Candidate → manager: the promote order arrived and the candidate is carrying it out. */
export interface PromoteAckMsg {
  readonly type: 'promote-ack';
  readonly attempt: number;
  readonly term: number;
}

/** Candidate → manager: I am the primary of `term` now, my log ending at `lastLsn`. */
export interface PromotedMsg {
  readonly type: 'promoted';
  readonly attempt: number;
  readonly term: number;
  readonly lastLsn: number;
}

/** Manager → node: follow `primary`, the primary of `term`. */
export interface RepointMsg {
  readonly type: 'repoint';
  readonly primary: string;
  readonly term: number;
}

/**
 * Node → manager: whom should I follow? Sent after a restart or a refused subscribe; it
 * says whom the node follows now (null: nobody, e.g. it thinks it is the primary).
 */
export interface HelloMsg {
  readonly type: 'hello';
  readonly term: number;
  readonly isPrimary: boolean;
  readonly following: string | null;
}

/**
 * Manager → client group's router: writes go to `primary` (of `term`) now, reads to
 * `replicas` (the nodes the manager knows follow it, in the order the router cycles them).
 */
export interface PrimaryIsMsg {
  readonly type: 'primary-is';
  readonly primary: string | null;
  readonly term: number;
  readonly replicas: readonly string[];
}

/** Every message of the protocol. */
export type Payload =
  | WriteMsg
  | WriteAckMsg
  | ReadMsg
  | ReadReplyMsg
  | LogMsg
  | ReplAckMsg
  | StandbyStatusMsg
  | SubscribeMsg
  | KeepaliveMsg
  | ResetMsg
  | DivergedMsg
  | NotPrimaryMsg
  | ReplconfMsg
  | PingMsg
  | PongMsg
  | StatusRequestMsg
  | StatusMsg
  | ProbeMsg
  | ProbeOkMsg
  | PromoteMsg
  | PromoteAckMsg
  | PromotedMsg
  | StopWritesMsg
  | WritesStoppedMsg
  | ResumeWritesMsg
  | RepointMsg
  | HelloMsg
  | PrimaryIsMsg;

export type PayloadType = Payload['type'];

/** The payload of one type. */
export type PayloadOf<T extends PayloadType> = Extract<Payload, { type: T }>;

/** Every payload type, once (the compile-time checks below keep it equal to the union). */
export const PAYLOAD_TYPES = [
  'write',
  'write-ack',
  'read',
  'read-reply',
  'log',
  'repl-ack',
  'standby-status',
  'subscribe',
  'keepalive',
  'reset',
  'diverged',
  'not-primary',
  'replconf',
  'ping',
  'pong',
  'status-request',
  'status',
  'probe',
  'probe-ok',
  'promote',
  'promote-ack',
  'promoted',
  'stop-writes',
  'writes-stopped',
  'resume-writes',
  'repoint',
  'hello',
  'primary-is',
] as const satisfies readonly PayloadType[];

// The trace names a message by its payload type: the two lists must be the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const tracesEveryType: Same<PayloadType, MessageKind> = true;
const listsEveryType: Same<PayloadType, (typeof PAYLOAD_TYPES)[number]> = true;
void tracesEveryType;
void listsEveryType;

/** For a `switch` over payload types: a type the switch forgot fails to compile here. */
export function unhandled(p: never): never {
  throw new Error(`no handler for message ${JSON.stringify(p)}`);
}

/** One directed node-to-node link's state. */
export interface LinkState {
  from: string;
  to: string;
  /** FIFO: nothing sent later may arrive before this. */
  lastDeliveryUs: number;
  up: boolean;
  epoch: number;
  /** Degradation (faults): added delay in µs is sampled separately. */
  latencyFactor: number;
  lossProbability: number;
  extraDelay: (() => number) | null;
}
