import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';

/**
 * When the primary's own log becomes durable (`replication.localFlush`).
 *
 * - `commit` (the default): the commit time includes the flush, so a commit is durable before
 *   it is acknowledged (PostgreSQL synchronous_commit = on; MySQL sync_binlog = 1 with
 *   innodb_flush_log_at_trx_commit = 1).
 * - `delayed`: a commit is acknowledged (and visible) before it is flushed; a background
 *   writer flushes the log every `flushInterval`. PostgreSQL synchronous_commit = off: the WAL
 *   writer flushes every wal_writer_delay (200 ms; the docs, "Asynchronous Commit", put the
 *   worst case at three times that when it writes whole pages only). MySQL
 *   innodb_flush_log_at_trx_commit = 2 / sync_binlog = 0: the log is flushed once per
 *   innodb_flush_log_at_timeout (1 s). A crash (kill -9 with the host going down too, or
 *   power loss) loses what was acknowledged but not yet flushed: crash.ts truncates the log
 *   to the flushed position, and the lost-write checker finds the acknowledged writes that
 *   are gone from what it observed, with no replica involved.
 *
 * The writer is free-running: it flushes at every multiple of the interval (so the unflushed
 * window at a random instant is uniform on [0, interval), mean interval / 2). Entries ship to
 * replicas once flushed: PostgreSQL's walsender sends only WAL flushed locally (walsender.c,
 * GetFlushRecPtr). MySQL's dump thread may send binlog events written but not yet synced,
 * so a MySQL replica can end up ahead of a crashed primary; the model does not show that.
 */
export class LocalFlush {
  readonly delayed: boolean;
  private readonly intervalUs: number;
  /** Per node index: a flush is scheduled (for the incarnation stored). */
  private readonly pending: number[];

  constructor(
    private readonly w: World,
    /** Ships entries (fromLsn, toLsn] of `primary`'s log down its open streams. */
    private readonly ship: (primary: DbNode, fromLsn: number, toLsn: number) => void,
  ) {
    this.delayed = w.config.replication.localFlush === 'delayed';
    this.intervalUs = w.config.replication.flushIntervalUs;
    this.pending = w.nodes.map(() => -1);
  }

  /**
   * The primary committed `lsn`. Returns whether it is durable now (and may ship); if not,
   * the next flush of the background writer makes it so and ships it.
   */
  committed(node: DbNode, lsn: number): boolean {
    if (!this.delayed) {
      node.flushedLsn = lsn;
      return true;
    }
    if (this.pending[node.index] === node.incarnation) return false;
    this.pending[node.index] = node.incarnation;
    const w = this.w;
    const incarnation = node.incarnation;
    const due = (Math.floor(w.now / this.intervalUs) + 1) * this.intervalUs;
    w.at(due, () => {
      if (this.pending[node.index] === incarnation) this.pending[node.index] = -1;
      if (node.incarnation !== incarnation || !node.up) return; // crashed: the window is lost
      const from = node.flushedLsn;
      const to = node.log.lastLsn;
      if (to <= from) return;
      node.flushedLsn = to;
      if (node.role === 'primary') this.ship(node, from, to);
    });
    return false;
  }

  /** The last entry a primary may send a subscriber: only flushed ones when flushing is delayed. */
  shippableLsn(node: DbNode): number {
    return this.delayed ? Math.min(node.flushedLsn, node.log.lastLsn) : node.log.lastLsn;
  }
}
