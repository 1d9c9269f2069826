import type { Micros } from '../sim/time.ts';
import type { Version } from './version.ts';
import type { WriteOp } from './ops.ts';

/** One committed write in the replication log. Immutable once created; shared by reference. */
export interface LogEntry {
  lsn: number;
  term: number;
  key: number;
  /** (term, lsn) packed: the version this entry gives its key. */
  version: Version;
  /** This is the n-th committed write to its key on its branch of history. */
  keySeq: number;
  /** When the primary committed it. */
  commitUs: Micros;
  /**
   * The commit group (one flush of the primary's log, see primary/group-commit.ts) it was
   * made durable by: the LSN of that group's first entry.
   */
  commitGroup: number;
  /** The client operation that produced it (kept so a rollback can tell whether it was acknowledged). */
  op: WriteOp;
}
