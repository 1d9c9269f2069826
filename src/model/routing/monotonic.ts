import { tokenPolicy } from './session-token.ts';

/**
 * Monotonic reads with the session's read token (the newest version it has read). Reads go
 * round-robin over the replicas; a replica holds a read until it has applied the token (for
 * at most `timeout`, then the read is retried on the primary). A replica that has applied
 * version v holds every entry up to v, so it never returns an older version of a key than one
 * the session already saw. `mode: fallback-primary` instead sends the read to a replica the
 * monitor has seen at the token, else to the primary. (MongoDB causally consistent sessions
 * use the same idea with `afterClusterTime`.)
 */
export const monotonicPolicy = tokenPolicy((group, session) => group.lastReadVersion[session], {
  noToken: 'no read token yet: any replica',
  wait: (lsn, timeoutMs) => `read token lsn ${lsn}: wait (≤ ${timeoutMs}ms)`,
  noneKnown: (lsn) => `no replica known at read token lsn ${lsn}: primary`,
  known: (lsn) => `monitor saw read token lsn ${lsn} here`,
});
