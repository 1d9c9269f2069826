/**
 * The checker's own picture of one node's log, built only from what it observed (commits,
 * receipts, truncations): the log as term segments [(startLsn, term)] up to `lastLsn`, as a
 * PostgreSQL timeline history file describes a timeline. An entry is identified by
 * (lsn, term), so this is all it takes to say whether the node's history holds a write, in
 * memory that grows with the number of terms the node saw, not with its log.
 */
export class TermHistory {
  /** Segment i covers LSNs starts[i] … starts[i + 1] - 1 (the last one up to lastLsn), all of term terms[i]. */
  private readonly starts: number[] = [];
  private readonly terms: number[] = [];
  lastLsn = 0;

  /** The node's log gained the entry (lsn, term); anything it held from lsn on was replaced. */
  append(lsn: number, term: number): void {
    if (lsn <= this.lastLsn) this.truncate(lsn - 1);
    const n = this.terms.length;
    if (n === 0 || this.terms[n - 1] !== term) {
      this.starts.push(lsn);
      this.terms.push(term);
    }
    this.lastLsn = lsn;
  }

  /** The node's log now ends at `toLsn` (no-op if it was no longer). */
  truncate(toLsn: number): void {
    if (toLsn >= this.lastLsn) return;
    const last = Math.max(0, toLsn);
    while (this.starts.length > 0 && this.starts[this.starts.length - 1] > last) {
      this.starts.pop();
      this.terms.pop();
    }
    this.lastLsn = last;
  }

  /** The term of the entry at `lsn`, or -1 if the log does not reach it. */
  termAt(lsn: number): number {
    if (lsn < 1 || lsn > this.lastLsn) return -1;
    // Few segments (one per term the node saw); the newest are asked about most.
    for (let i = this.starts.length - 1; i >= 0; i--) if (this.starts[i] <= lsn) return this.terms[i];
    return -1;
  }

  holds(lsn: number, term: number): boolean {
    return this.termAt(lsn) === term;
  }

  /** The first LSN at which this history and `other` differ (one past the shorter if neither does). */
  firstDifference(other: TermHistory): number {
    let diff = Math.min(this.lastLsn, other.lastLsn) + 1;
    const n = Math.min(this.starts.length, other.starts.length);
    for (let i = 0; i < n; i++) {
      if (this.starts[i] !== other.starts[i] || this.terms[i] !== other.terms[i]) return Math.min(diff, this.starts[i], other.starts[i]);
    }
    // Identical segments so far: where the longer list starts its next segment, they differ.
    if (this.starts.length > n) diff = Math.min(diff, this.starts[n]);
    if (other.starts.length > n) diff = Math.min(diff, other.starts[n]);
    return diff;
  }
}
