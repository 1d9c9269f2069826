/**
 * A key's version is the log position (LSN) of the write that set it, qualified by the term
 * of the primary that wrote it. After a failover a new primary may reuse LSNs that a lost
 * branch also used (as PostgreSQL timelines do), so versions compare by (term, lsn). They are
 * packed into one number, term · 2^32 + lsn, which orders the same way and stays exact.
 */
export type Version = number;

const TERM_SHIFT = 4294967296; // 2^32

export function makeVersion(term: number, lsn: number): Version {
  return term * TERM_SHIFT + lsn;
}

export function lsnOf(version: Version): number {
  return version % TERM_SHIFT;
}

export function termOf(version: Version): number {
  return Math.floor(version / TERM_SHIFT);
}
