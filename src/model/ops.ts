import type { Micros } from '../sim/time.ts';
import type { Version } from './version.ts';

/** A client's write request, from issue to acknowledgement. */
export interface WriteOp {
  id: number;
  groupIndex: number;
  /** Session index within its group. */
  session: number;
  key: number;
  issueUs: Micros;
  /** Filled when the primary commits it. */
  lsn: number;
  term: number;
  version: Version;
  /** Which write of its key this is (1st, 2nd, …) on the primary's branch. */
  keySeq: number;
  attempts: number;
  ackUs: Micros;
  /** Extra apply time (µs) on every replica: the transaction's size (workload `cost`). */
  cost?: number;
  /** When it last started waiting for its row's lock on a primary (absent = never waited). */
  lockSinceUs?: Micros;
}

/** A client's read request, from issue to reply. */
export interface ReadOp {
  id: number;
  groupIndex: number;
  session: number;
  key: number;
  issueUs: Micros;
  /** Node the router sent it to, and node that finally served it. */
  routedTo: string;
  servedBy: string;
  servedUs: Micros;
  version: Version;
  keySeq: number;
  /** Why the router chose that node (for the visualizer's "why did it go there"). */
  reason: string;
  /** Lag-bounded routing: the bound and the chosen node's monitored lag (µs); -1 = none. */
  maxLagUs: number;
  lagUs: number;
  /** A session token the read must reach (read-your-writes / monotonic policies); 0 = none. */
  minVersion: Version;
  attempts: number;
  /** How long a replica may hold the read for `minVersion` before it goes to the primary. */
  waitUs?: number;
  /** When a replica started holding the read for its token (µs). */
  heldSinceUs?: number;
  /** Time the read spent held at a replica waiting for its token (µs; 0 = served at once). */
  waitedUs?: number;
  /** The wait timed out and the read was retried on the primary. */
  fellBack?: boolean;
}
