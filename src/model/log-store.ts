import type { LogEntry } from './log-entry.ts';

const INITIAL_CAPACITY = 1024;

/**
 * A node's copy of the replication log: entries with consecutive LSNs from `firstLsn` to
 * `lastLsn`. Old entries that no node still needs are pruned so memory stays flat.
 *
 * The entries sit in a ring buffer whose size is a power of two and only grows: every node
 * appends every write and prunes in batches, and an array compacted by copying was most of
 * the benchmark's remaining garbage.
 */
export class LogStore {
  private ring: (LogEntry | undefined)[] = new Array<LogEntry | undefined>(INITIAL_CAPACITY).fill(undefined);
  private mask = INITIAL_CAPACITY - 1;
  /** Ring slot of `firstLsn`. */
  private headSlot = 0;
  /** LSN of the oldest entry held; everything below it was pruned (or never held). */
  firstLsn = 1;
  private newestLsn = 0;
  /**
   * Term and commit time of entry firstLsn − 1, the newest one pruned (0 if none was, or
   * after a reset): a node whose every entry was pruned still knows where its log ends.
   */
  private prunedTerm = 0;
  private prunedCommitUs = 0;

  /** LSN of the newest entry held (firstLsn − 1 when empty). A field, not a sum: it is read on every hot path. */
  get lastLsn(): number {
    return this.newestLsn;
  }

  private get count(): number {
    return this.newestLsn - this.firstLsn + 1;
  }

  /** Term of the newest entry held or pruned (0 before any). */
  get lastTerm(): number {
    const e = this.last();
    return e === undefined ? this.prunedTerm : e.term;
  }

  /** When the newest entry held or pruned was committed on its primary (0 before any). */
  get lastCommitUs(): number {
    const e = this.last();
    return e === undefined ? this.prunedCommitUs : e.commitUs;
  }

  append(entry: LogEntry): void {
    const n = this.count;
    if (n === this.ring.length) this.grow();
    this.ring[(this.headSlot + n) & this.mask] = entry;
    this.newestLsn++;
  }

  /** The entry at `lsn`, or undefined if it was pruned or is not held. */
  at(lsn: number): LogEntry | undefined {
    if (lsn < this.firstLsn || lsn > this.newestLsn) return undefined;
    return this.ring[(this.headSlot + (lsn - this.firstLsn)) & this.mask];
  }

  last(): LogEntry | undefined {
    return this.at(this.newestLsn);
  }

  /** Drops entries with LSN ≤ `lsn` (no-op for what is already gone). */
  pruneThrough(lsn: number): void {
    const drop = Math.min(lsn - this.firstLsn + 1, this.count);
    if (drop <= 0) return;
    const newestDropped = this.ring[(this.headSlot + drop - 1) & this.mask]!;
    this.prunedTerm = newestDropped.term;
    this.prunedCommitUs = newestDropped.commitUs;
    for (let i = 0; i < drop; i++) this.ring[(this.headSlot + i) & this.mask] = undefined; // collectable now
    this.headSlot = (this.headSlot + drop) & this.mask;
    this.firstLsn += drop;
  }

  /** Removes and returns entries with LSN > `lsn` (a rollback). */
  truncateAfter(lsn: number): LogEntry[] {
    const keep = Math.max(0, lsn - this.firstLsn + 1);
    const removed: LogEntry[] = [];
    for (let i = keep; i < this.count; i++) {
      const slot = (this.headSlot + i) & this.mask;
      removed.push(this.ring[slot]!);
      this.ring[slot] = undefined;
    }
    this.newestLsn -= removed.length;
    return removed;
  }

  /** Forgets everything and starts over at `nextLsn` (a rebuilt replica). */
  resetTo(nextLsn: number): void {
    this.ring.fill(undefined);
    this.headSlot = 0;
    this.firstLsn = nextLsn;
    this.newestLsn = nextLsn - 1;
    this.prunedTerm = 0;
    this.prunedCommitUs = 0;
  }

  private grow(): void {
    const n = this.count;
    const ring = new Array<LogEntry | undefined>(this.ring.length * 2).fill(undefined);
    for (let i = 0; i < n; i++) ring[i] = this.ring[(this.headSlot + i) & this.mask];
    this.ring = ring;
    this.mask = ring.length - 1;
    this.headSlot = 0;
  }
}
