import type { MessageKind } from '../../model/trace.ts';
import type { TraceColumns } from '../trace/columns.ts';
import type { Report } from '../../metrics/report.ts';

/** One message on a link, with the times the views need already resolved. */
export interface Msg {
  id: number;
  kind: MessageKind;
  from: string;
  to: string;
  sendUs: number;
  deliverUs: number;
  /** When it stops being in flight: delivery, or the drop if something dropped it first. */
  endUs: number;
  dropReason?: string;
  op?: number;
  lsn?: number;
  key?: number;
  /** Index of the `msg` record in the trace. */
  rec: number;
}

/** A node's replication positions and health, as of one moment. */
export interface NodeCore {
  role: string;
  state: string;
  up: boolean;
  term: number;
  committedLsn: number;
  receivedLsn: number;
  appliedLsn: number;
  /** As a primary: writes waiting for a row lock held by an earlier write (lock.wait … lock.grant). */
  lockWaits: number;
}

/** Running totals, as of one moment. */
export interface Counters {
  writesIssued: number;
  writesAcked: number;
  writesFailed: number;
  writesLost: number;
  readsTotal: number;
  readsFailed: number;
  readsStale: number;
  rywViolations: number;
  monotonicViolations: number;
  failovers: number;
}

/** Everything rolled forward record by record; cheap to copy, so it is checkpointed. */
export interface Core {
  /** Records applied so far (the next record to apply is records[applied]). */
  applied: number;
  nodes: NodeCore[];
  /** Index into nodeIds of the node currently acting as primary, or -1. */
  primary: number;
  counters: Counters;
  readsByNode: number[];
}

export interface Checkpoint {
  core: Core;
  /** Time of the last record applied in `core` (or 0). */
  atUs: number;
  /** Indexes into Timeline.msgs of messages in flight just after `core`. */
  alive: number[];
}

export type MarkerKind = 'fault' | 'failover' | 'stale' | 'lost';

export interface Marker {
  tUs: number;
  kind: MarkerKind;
  label: string;
  /** Failover markers: the step ('mode', 'fenced', 'rollback' for those records). */
  step?: string;
  /** Lost-write markers: the node whose entry left history. */
  node?: string;
}

export interface ReadDone {
  tUs: number;
  op: number;
  rec: number;
  node: string;
  group: string;
  key: number;
  version: number;
  required: number;
  stale: boolean;
  versionsBehind: number;
  timeBehindUs: number;
  rywViolation: boolean;
  monotonicViolation: boolean;
  latencyUs: number;
}

export interface CommitInfo {
  tUs: number;
  node: string;
  term: number;
  key: number;
  op: number;
}

/** One direction of a link going down or up (a `link` record). */
export interface LinkChange {
  tUs: number;
  from: string;
  to: string;
  up: boolean;
}

/** Messages in columns (a long run has hundreds of thousands): index i is the i-th `msg` record. */
export interface MsgTable {
  count: number;
  sendUs: Float64Array;
  deliverUs: Float64Array;
  /** Delivery, or the drop if something dropped it first. */
  endUs: Float64Array;
  /** Index of its `msg` record in the trace. */
  rec: Uint32Array;
  /** Index of its `msg.drop` record, or −1. */
  drop: Int32Array;
}

/** Flags of a completed read (ReadTable.flags). */
export const READ_STALE = 1;
export const READ_RYW = 2;
export const READ_MONO = 4;
export const READ_HELD = 8;
export const READ_FELL_BACK = 16;
export const READ_ON_PRIMARY = 32;

/** Completed reads (`read.done`) in columns, in reply order. */
export interface ReadTable {
  count: number;
  tUs: Float64Array;
  /** Index of its `read.done` record. */
  rec: Uint32Array;
  /** Index into Timeline.readGroups. */
  group: Uint16Array;
  flags: Uint8Array;
}

/** A replica holding a read until it has applied the session's token (MASTER_GTID_WAIT). */
export interface Hold {
  op: number;
  node: string;
  fromUs: number;
  /** When the hold ended: the node served the read, or it timed out (then `fellBack`). */
  untilUs: number;
  token: number;
  timeoutUs: number | null;
  fellBack: boolean;
}

export interface Timeline {
  /** The trace itself, in columns as the worker sent it (decode one record with recordAt). */
  trace: TraceColumns;
  /** The run's report: whole-run figures (percentiles, lag) are read from it, never recomputed. */
  report: Report | null;
  timesUs: Float64Array;
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  groups: string[];
  /** Other message endpoints (the failover manager). */
  agents: string[];
  durationUs: number;
  /** Last moment worth showing: the run's duration or the last record, whichever is later. */
  endUs: number;
  scenario: string;
  seed: string | number;
  replication: string;
  msgs: MsgTable;
  checkpoints: Checkpoint[];
  checkpointEvery: number;
  reads: ReadTable;
  /** Workload groups that read, in order of first read. */
  readGroups: string[];
  readsByNode: Map<string, Uint32Array>;
  /** Reads held at a replica for a session token, by start. */
  holds: Hold[];
  /** Commits by LSN; usually one, more when a failover reuses a position. */
  commits: Map<number, CommitInfo[]>;
  /** Write latencies in the order their acks arrived. */
  writeAcks: { tUs: number; latencyUs: number }[];
  markers: Marker[];
  narration: { tUs: number; text: string }[];
  /** Link state changes per direction, in time order (the trace's `link` records). */
  linkChanges: LinkChange[];
  /** Every endpoint pair that carried a message, as "a|b" with a < b. */
  links: [string, string][];
}

export interface NodeView extends NodeCore {
  id: string;
  /** The report's lag sample at this moment (0 when caught up; DESIGN.md lag). */
  lagUs: number;
  /** Entries received but not applied yet (the relay-log backlog). */
  backlog: number;
}

export interface Frame {
  tUs: number;
  /** Records with t ≤ tUs. */
  applied: number;
  nodes: NodeView[];
  primary: string | null;
  counters: Counters;
  readsByNode: Record<string, number>;
  inFlight: Msg[];
  narration: string | null;
  /** Directions that are down: [from, to] (a one-way partition gives one of a pair). */
  cutLinks: [string, string][];
}
