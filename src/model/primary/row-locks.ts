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
 * Kept small and allocation-free on the uncontended path: a write to a free key takes the
 * lock with one array store; only contended keys get a queue.
 */
export class RowLocks {
  /** Per key: the write holding its lock, or undefined (a dense array: keys are 0 … keyCount-1). */
  private readonly holders: (WriteOp | undefined)[];
  /** Per contended key: writes waiting for its lock, in arrival order (head first). */
  private readonly waiters = new Map<number, WriteOp[]>();
  /** Writes waiting now (over all keys). */
  waiting = 0;

  constructor(keyCount: number) {
    this.holders = new Array<WriteOp | undefined>(keyCount).fill(undefined);
  }

  /** Takes `op.key`'s lock for `op` if it is free; else queues `op` and returns the holder. */
  acquire(op: WriteOp): WriteOp | null {
    const holder = this.holders[op.key];
    if (holder === undefined) {
      this.holders[op.key] = op;
      return null;
    }
    let queue = this.waiters.get(op.key);
    if (!queue) this.waiters.set(op.key, (queue = []));
    queue.push(op);
    this.waiting++;
    return holder;
  }

  /**
   * `op`'s transaction ended: its key's lock passes to the next waiter, which is returned (it
   * now holds the lock), or becomes free. Does nothing unless `op` holds the lock (a write
   * whose lock was dropped by `clear` may still finish later).
   */
  release(op: WriteOp): WriteOp | null {
    const key = op.key;
    if (this.holders[key] !== op) return null;
    const queue = this.waiters.get(key);
    if (queue === undefined) {
      this.holders[key] = undefined;
      return null;
    }
    const next = queue.shift()!;
    if (queue.length === 0) this.waiters.delete(key);
    this.waiting--;
    this.holders[key] = next;
    return next;
  }

  /**
   * The node stopped being a primary (crash, demotion, fencing): its sessions are gone, every
   * lock is dropped and the waiting writes are forgotten (their clients time out). Returns
   * how many were waiting.
   */
  clear(): number {
    const dropped = this.waiting;
    this.holders.fill(undefined);
    this.waiters.clear();
    this.waiting = 0;
    return dropped;
  }
}
