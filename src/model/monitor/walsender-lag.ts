import type { StandbyStatusMsg } from '../message.ts';
import type { DbNode } from '../node.ts';

/** pg_stat_replication's three lag columns for one standby, in µs; null = NULL. */
export interface WalSenderLags {
  writeLagUs: number | null;
  flushLagUs: number | null;
  replayLagUs: number | null;
}

/**
 * What a PostgreSQL primary's walsender knows about each standby's lag, from the standby's
 * status replies only (pg_stat_replication write_lag, flush_lag, replay_lag). As in
 * src/backend/replication/walsender.c: the walsender notes when it sent each WAL position
 * (LagTrackerWrite; here the entry's commit time, when the primary ships it), and when a
 * reply says a position was written, flushed or replayed, the lag is the time since that
 * position was sent (LagTrackerRead), so it includes the trip back of the reply: with 20 ms
 * each way and 1 ms of flush + apply, replay_lag reads 41 ms.
 *
 * A column keeps its last value while the position it tracks does not move; when two
 * replies in a row say the standby has replayed everything sent, all three become NULL
 * (ProcessStandbyReplyMessage's clearLagTimes: an idle, caught-up standby has no lag to
 * measure). The tracker is per node, so whichever node is primary answers for its standbys.
 */
export class WalSenderLag {
  private readonly lags: WalSenderLags[][] = [];
  /** [primary][standby]: the last positions reported, and whether the last reply was fully caught up. */
  private readonly last: { write: number; flush: number; apply: number; caughtUp: boolean }[][] = [];

  constructor(nodeCount: number) {
    for (let p = 0; p < nodeCount; p++) {
      this.lags.push(Array.from({ length: nodeCount }, () => ({ writeLagUs: null, flushLagUs: null, replayLagUs: null })));
      this.last.push(Array.from({ length: nodeCount }, () => ({ write: 0, flush: 0, apply: 0, caughtUp: false })));
    }
  }

  /** A standby's status reply reached the primary. */
  receive(primary: DbNode, standby: DbNode, msg: StandbyStatusMsg, now: number): void {
    if (primary.role !== 'primary' || msg.term !== primary.term) return; // meant for an earlier primary
    // Positions going back: the standby rolled back or was rebuilt, and reconnected.
    if (msg.writeLsn < this.last[primary.index][standby.index].write) this.reset(primary, standby);
    const lags = this.lags[primary.index][standby.index];
    const last = this.last[primary.index][standby.index];
    const sentAt = (lsn: number) => primary.log.at(lsn)?.commitUs;
    const lagOf = (lsn: number, before: number, current: number | null): number | null => {
      if (lsn <= before) return current; // no new position: keep the last value
      const t = sentAt(lsn);
      return t === undefined ? current : Math.max(0, now - t);
    };
    lags.writeLagUs = lagOf(msg.writeLsn, last.write, lags.writeLagUs);
    lags.flushLagUs = lagOf(msg.flushLsn, last.flush, lags.flushLagUs);
    lags.replayLagUs = lagOf(msg.applyLsn, last.apply, lags.replayLagUs);
    const caughtUp = msg.applyLsn >= primary.log.lastLsn;
    if (caughtUp && last.caughtUp) {
      lags.writeLagUs = null;
      lags.flushLagUs = null;
      lags.replayLagUs = null;
    }
    last.write = Math.max(last.write, msg.writeLsn);
    last.flush = Math.max(last.flush, msg.flushLsn);
    last.apply = Math.max(last.apply, msg.applyLsn);
    last.caughtUp = caughtUp;
  }

  /** The standby's row as the primary shows it. */
  lagsOf(primary: DbNode, standby: DbNode): WalSenderLags {
    return this.lags[primary.index][standby.index];
  }

  /** A standby (re)connected to a primary: its row starts afresh, as a new walsender's does. */
  reset(primary: DbNode, standby: DbNode): void {
    this.lags[primary.index][standby.index] = { writeLagUs: null, flushLagUs: null, replayLagUs: null };
    this.last[primary.index][standby.index] = { write: 0, flush: 0, apply: 0, caughtUp: false };
  }
}
