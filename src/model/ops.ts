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
  /** Its entry left history (rolled back, or on a branch a failover abandoned). */
  discarded: boolean;
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
  /** A session token the read must reach (read-your-writes / monotonic policies); 0 = none. */
  minVersion: Version;
  attempts: number;
}
