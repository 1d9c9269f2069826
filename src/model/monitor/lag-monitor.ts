import type { DbNode } from '../node.ts';
import type { Version } from '../version.ts';

/** What the monitor saw on one replica at one sample. */
export interface MonitorSample {
  node: DbNode;
  /**
   * True staleness (DESIGN.md "lag"): 0 when the replica has applied everything the primary
   * committed, else the time since the oldest committed entry it has not applied. What a
   * heartbeat table (pt-heartbeat, a `ts` row the primary updates) measures.
   */
  trueLagUs: number;
  /** Entries the primary has committed that the replica has not applied. */
  lsnLag: number;
  /**
   * MySQL's Seconds_Behind_Master, computed as MySQL does: now minus the original commit
   * timestamp of the event the SQL (applier) thread is executing; 0 whenever the applier has
   * applied everything the I/O thread has *received*, however far receiving is behind.
   */
  secondsBehindUs: number;
  /** Newest version applied (the replica's executed GTID set / replay LSN). */
  appliedVersion: Version;
}

/** Samples one replica against the primary the router knows. Reads the world's state only. */
export function sampleReplica(node: DbNode, primary: DbNode | null, now: number): MonitorSample {
  let trueLagUs = 0;
  let lsnLag = 0;
  if (primary && primary !== node) {
    const head = primary.log.lastLsn;
    lsnLag = Math.max(0, head - node.appliedLsn);
    const oldest = lsnLag > 0 ? primary.log.at(node.appliedLsn + 1) : undefined;
    if (oldest) trueLagUs = Math.max(0, now - oldest.commitUs);
  }
  // The applier is idle when it has applied all it received: MySQL then reports 0.
  let secondsBehindUs = 0;
  if (node.appliedLsn < node.log.lastLsn) {
    const executing = node.log.at(node.appliedLsn + 1);
    if (executing) secondsBehindUs = Math.max(0, now - executing.commitUs);
  }
  return { node, trueLagUs, lsnLag, secondsBehindUs, appliedVersion: node.appliedVersion };
}
