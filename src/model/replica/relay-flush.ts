import type { DbNode } from '../node.ts';

/**
 * A replica's relay-log writer: entries are applied only once they are durable here.
 *
 * - PostgreSQL: the walreceiver writes and fsyncs received WAL (XLogWalRcvFlush in
 *   src/backend/replication/walreceiver.c), and the startup process replays only up to the
 *   flushed position (WaitForWALToBecomeAvailable reads GetWalRcvFlushRecPtr, in
 *   src/backend/access/transam/xlogrecovery.c).
 * - MySQL: the receiver (I/O) thread writes each event to the relay log before the applier
 *   (SQL) thread can read it (the applier reads up to the relay log's end position, which the
 *   receiver advances after its write; MySQL manual 19.2.4 "Relay Log and Replication Metadata
 *   Repositories").
 *
 * One flush takes `flushTime` and makes everything received before it started durable, like
 * one fsync of the relay log; entries that arrive while a flush runs wait for the next one,
 * which starts when it ends. So a standby never shows data it could lose in a crash.
 *
 * The flushes are computed, not simulated event by event: when an entry arrives, the end of
 * the flush that will cover it is already known (the one in progress, or the next one, which
 * starts when the current one ends), so the applier schedules the apply to start then. Only
 * `ackOn: flush` needs an event at the end of each flush (to send the ack); the other modes
 * pay no event for it, which keeps the benchmark's event count unchanged.
 */
export class RelayFlush {
  /** The flush in progress: when it ends and the last LSN it covers (endUs < 0 = none). */
  private curEndUs = -1;
  private curLsn = 0;
  /** The next flush, queued behind the current one (it starts at curEndUs; nextEndUs < 0 = none). */
  private nextEndUs = -1;
  private nextLsn = 0;

  /**
   * `sample` draws one flush's duration; `started`, if given, is told when a flush is
   * scheduled (its end), so that ackOn: flush can send an ack then.
   */
  constructor(
    private readonly node: DbNode,
    private readonly sample: () => number,
    private readonly started: ((endUs: number) => void) | null,
  ) {}

  /**
   * Brings `node.flushedLsn` up to date at `now`: flushes that ended by then are durable.
   * Never lowers it (a promotion or a rollback may have set it meanwhile), and never past
   * what the log still holds.
   */
  settle(now: number): void {
    const node = this.node;
    while (this.curEndUs >= 0 && this.curEndUs <= now) {
      const lsn = Math.min(this.curLsn, node.log.lastLsn);
      if (lsn > node.flushedLsn) node.flushedLsn = lsn;
      this.curEndUs = this.nextEndUs;
      this.curLsn = this.nextLsn;
      this.nextEndUs = -1;
    }
  }

  /**
   * When `lsn` (already received) is durable: `now` if it is, else the end of the flush that
   * covers it, starting one if none will.
   */
  durableAt(lsn: number, now: number): number {
    // A flush still running ends later than now: nothing to settle (the usual case).
    if (this.curEndUs <= now) this.settle(now);
    const node = this.node;
    if (lsn <= node.flushedLsn) return now;
    const received = node.log.lastLsn;
    if (this.curEndUs < 0) {
      this.curEndUs = now + this.sample();
      this.curLsn = received;
      if (this.started !== null) this.started(this.curEndUs);
      return this.curEndUs;
    }
    if (lsn <= this.curLsn) return this.curEndUs;
    // The current flush started before this entry arrived: the next one (which starts when
    // the current one ends) takes everything received until then.
    if (this.nextEndUs < 0) {
      this.nextEndUs = this.curEndUs + this.sample();
      if (this.started !== null) this.started(this.nextEndUs);
    }
    this.nextLsn = received;
    return this.nextEndUs;
  }

  /** Forgets flushes in progress (a crash or a rollback: what they covered is not durable). */
  reset(): void {
    this.curEndUs = -1;
    this.nextEndUs = -1;
  }
}
