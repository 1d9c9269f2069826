import { lsnOf } from '../version.ts';
import type { ReadPolicyFactory } from './policy.ts';
import { primaryOf, Rotation, routeTo, timeParam } from './policy.ts';

/** Default `timeout` of the wait mode: 1s. */
export const DEFAULT_RYW_TIMEOUT_US = 1_000_000;

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
export const readYourWritesPolicy: ReadPolicyFactory = (params) => {
  const mode = params.mode === 'fallback-primary' ? 'fallback-primary' : 'wait';
  const timeoutUs = timeParam(params, 'timeout', DEFAULT_RYW_TIMEOUT_US);
  const rotation = new Rotation();
  return {
    route(view, group, session) {
      const token = group.lastWriteVersion[session];
      const replicas = view.replicas();
      if (replicas.length === 0) return routeTo(primaryOf(view), 'no replica: primary');
      if (token === 0) return routeTo(rotation.pick(replicas), 'no write token yet: any replica');
      if (mode === 'wait') {
        const node = rotation.pick(replicas);
        return routeTo(node, `wait for token lsn ${lsnOf(token)} (≤ ${timeoutUs / 1000}ms)`, token, timeoutUs);
      }
      const known = replicas.filter((r) => view.monitoredAppliedVersion(r) >= token);
      if (known.length === 0) return routeTo(primaryOf(view), `no replica known to have lsn ${lsnOf(token)}: primary`);
      return routeTo(rotation.pick(known), `monitor saw lsn ${lsnOf(token)} applied here`);
    },
  };
};
