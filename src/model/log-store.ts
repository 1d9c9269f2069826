import type { LogEntry } from './log-entry.ts';

/**
 * A node's copy of the replication log: entries with consecutive LSNs from `firstLsn` to
 * `lastLsn`. Old entries that no node still needs are pruned so memory stays flat.
 */
export class LogStore {
  private entries: LogEntry[] = [];
  private head = 0;
  /** LSN of entries[head]; everything below it was pruned (or never held). */
  firstLsn = 1;
  /** Term of the newest entry held or pruned (0 before any). */
  lastTerm = 0;
  private newestLsn = 0;

  /** LSN of the newest entry held (firstLsn − 1 when empty). A field, not a sum: it is read on every hot path. */
  get lastLsn(): number {
    return this.newestLsn;
  }

  append(entry: LogEntry): void {
    this.entries.push(entry);
    this.lastTerm = entry.term;
    this.newestLsn++;
  }

  /** The entry at `lsn`, or undefined if it was pruned or is not held. */
  at(lsn: number): LogEntry | undefined {
    if (lsn < this.firstLsn) return undefined;
    return this.entries[this.head + (lsn - this.firstLsn)];
  }

  last(): LogEntry | undefined {
    return this.entries.length > this.head ? this.entries[this.entries.length - 1] : undefined;
  }

  /** Drops entries with LSN ≤ `lsn` (no-op for what is already gone). */
  pruneThrough(lsn: number): void {
    const drop = Math.min(lsn - this.firstLsn + 1, this.entries.length - this.head);
    if (drop <= 0) return;
    this.head += drop;
    this.firstLsn += drop;
    // Compact rarely so pruning stays O(1) amortised.
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Removes and returns entries with LSN > `lsn` (a rollback). */
  truncateAfter(lsn: number): LogEntry[] {
    const keep = Math.max(0, lsn - this.firstLsn + 1);
    const removed = this.entries.splice(this.head + keep);
    if (removed.length > 0) this.lastTerm = this.last()?.term ?? this.lastTerm;
    this.newestLsn -= removed.length;
    return removed;
  }

  /** Forgets everything and starts over at `nextLsn` (a rebuilt replica). */
  resetTo(nextLsn: number): void {
    this.entries = [];
    this.head = 0;
    this.firstLsn = nextLsn;
    this.newestLsn = nextLsn - 1;
    this.lastTerm = 0;
  }
}
