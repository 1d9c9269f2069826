import type { WriteOp } from '../ops.ts';

/**
 * A primary's row locks: one exclusive lock per key, held by the write that last got it until
 * that write's transaction ends, with later writes to the key queued behind it first come,
 * first served.
 *
 * When the transaction ends is the point. PostgreSQL: CommitTransaction() calls
 * RecordTransactionCommit() — WAL flush, then SyncRepWaitForLSN() for synchronous_commit =
 * on/remote_write/remote_apply — and only afterwards ProcArrayEndTransaction() and the lock
 * release (src/backend/access/transam/xact.c); a row's next writer waits on the first
 * transaction's XID lock (XactLockTableWait), so it waits for the standby too. MySQL/InnoDB
 * releases row locks at the storage-engine commit: with semi-sync AFTER_SYNC the wait for the
 * replica comes before that commit (locks held through it), with AFTER_COMMIT after it
 * (locks already released) — MySQL manual 19.4.10 "Semisynchronous Replication",
 * rpl_semi_sync_source_wait_point. Both reduce to one rule used here: the lock is released
 * when the write becomes visible on the primary (makeVisible), which is when a
 * transaction's effects are committed for other sessions.
 *
 * Cheap on the uncontended path, which is nearly every write: the holder of each key is its
 * op id in a typed array (storing object references into a large long-lived array would make
 * every store a generational write barrier and every young collection scan it); only
 * contended keys get a queue of waiting writes.
 */
export class RowLocks {
  /** Per key: the id of the write holding its lock, or 0 (op ids start at 1). */
  private readonly holders: Float64Array;
  /** Per contended key: writes waiting for its lock, in arrival order (head first). */
  private readonly waiters = new Map<number, WriteOp[]>();
  /** Writes waiting now (over all keys). */
  waiting = 0;

  constructor(keyCount: number) {
    this.holders = new Float64Array(keyCount);
  }

  /** Takes `op.key`'s lock for `op` if it is free (true); else queues `op` behind the holder (false). */
  acquire(op: WriteOp): boolean {
    if (this.holders[op.key] === 0) {
      this.holders[op.key] = op.id;
      return true;
    }
    let queue = this.waiters.get(op.key);
    if (!queue) this.waiters.set(op.key, (queue = []));
    queue.push(op);
    this.waiting++;
    return false;
  }

  /** The id of the write holding `key`'s lock (0 = free). */
  holder(key: number): number {
    return this.holders[key];
  }

  /**
   * `op`'s transaction ended: its key's lock passes to the next waiter, which is returned (it
   * now holds the lock), or becomes free. Does nothing unless `op` holds the lock (a write
   * whose lock was dropped by `clear` may still finish later).
   */
  release(op: WriteOp): WriteOp | null {
    const key = op.key;
    if (this.holders[key] !== op.id) return null;
    const queue = this.waiting > 0 ? this.waiters.get(key) : undefined;
    if (queue === undefined) {
      this.holders[key] = 0;
      return null;
    }
    const next = queue.shift()!;
    if (queue.length === 0) this.waiters.delete(key);
    this.waiting--;
    this.holders[key] = next.id;
    return next;
  }

  /**
   * The node stopped being a primary (crash, demotion, fencing): its sessions are gone, every
   * lock is dropped and the waiting writes are forgotten (their clients time out). Returns
   * how many were waiting.
   */
  clear(): number {
    const dropped = this.waiting;
    this.holders.fill(0);
    this.waiters.clear();
    this.waiting = 0;
    return dropped;
  }
}
