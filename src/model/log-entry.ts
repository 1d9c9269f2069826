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
   * The primary's group commit that flushed it (entries of one group share it); absent = a
   * group of its own. MySQL's commit-order parallel applier lets only one group's entries overlap.
   */
  commitGroup?: number;
  /** The client operation that produced it (kept so a rollback can tell whether it was acknowledged). */
  op: WriteOp;
}
