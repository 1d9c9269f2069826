import type { LogEntry } from '../log-entry.ts';
import type { DbNode } from '../node.ts';
import type { WriteOp } from '../ops.ts';
import type { CommitActions } from './mode.ts';

/**
 * Commits that wait for replica acknowledgements, in LSN order, plus the newest position
 * each replica has acknowledged. Shared by semi-sync and sync: they differ only in which
 * acknowledgements count and in what happens when they do not come.
 */
export class WaitingCommits {
  private queue: { primary: DbNode; entry: LogEntry; op: WriteOp }[] = [];
  private head = 0;
  /** Newest acknowledged position per replica node index. */
  readonly ackedLsn = new Map<number, number>();

  constructor(
    private readonly actions: CommitActions,
    /** Whether the write becomes visible on the primary before the acknowledgements. */
    private readonly visibleBeforeAck: boolean,
  ) {}

  get size(): number {
    return this.queue.length - this.head;
  }

  oldest(): LogEntry | undefined {
    return this.queue[this.head]?.entry;
  }

  add(primary: DbNode, entry: LogEntry, op: WriteOp): void {
    if (this.visibleBeforeAck) this.actions.makeVisible(primary, entry);
    this.queue.push({ primary, entry, op });
  }

  ack(replica: DbNode, position: number): void {
    const prev = this.ackedLsn.get(replica.index) ?? 0;
    if (position > prev) this.ackedLsn.set(replica.index, position);
  }

  /** Releases (makes visible and acknowledges) every waiting commit with LSN ≤ `lsn`. */
  releaseThrough(lsn: number): void {
    while (this.head < this.queue.length && this.queue[this.head].entry.lsn <= lsn) {
      const { primary, entry, op } = this.queue[this.head++];
      if (!this.visibleBeforeAck) this.actions.makeVisible(primary, entry);
      this.actions.ackClient(primary, op, entry);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  releaseAll(): void {
    this.releaseThrough(Infinity);
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
    this.ackedLsn.clear();
  }

  /** The k-th highest acknowledged position among `candidates` (0 if fewer than k acked). */
  kthHighest(candidates: number[], k: number): number {
    const positions = candidates.map((i) => this.ackedLsn.get(i) ?? 0).sort((a, b) => b - a);
    return k <= positions.length ? positions[k - 1] : 0;
  }
}
