import { tokenPolicy } from './session-token.ts';

/**
 * Read-your-writes with the session's write token (the version of its last acknowledged
 * write, like a GTID or an LSN the driver keeps).
 *
 * - `mode: wait` (default): the read goes round-robin to a replica with the token; the
 *   replica holds it until it has applied the token, for at most `timeout`, then the read is
 *   retried on the primary. MaxScale `causal_reads` (MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET),
 *   PostgreSQL drivers that wait for `pg_last_wal_replay_lsn() >= token`.
 * - `mode: fallback-primary`: the read goes to a replica the monitor has seen apply the token,
 *   else to the primary (ProxySQL GTID consistent reads, `mysql_query_rules.gtid_from_hostgroup`).
 *
 * A session with no write yet reads from any replica. Guarantee: no read-your-writes
 * violation, in either mode (wait + timeout falls back to the primary, which has the token).
 */
export const readYourWritesPolicy = tokenPolicy((group, session) => group.lastWriteVersion[session], {
  noToken: 'no write token yet: any replica',
  wait: (lsn, timeoutMs) => `wait for token lsn ${lsn} (≤ ${timeoutMs}ms)`,
  noneKnown: (lsn) => `no replica known to have lsn ${lsn}: primary`,
  known: (lsn) => `monitor saw lsn ${lsn} applied here`,
});
